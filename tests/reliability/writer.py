"""The writing process of the persistence runs: an emulator on `--db FILE` that appends
receipts to the demo message in batches, one transaction each, until it is killed.

    python -m tests.reliability.writer FILE [--batch N] [--max-batches N] [--max-seconds S]

Prints `READY <url>` once it serves, then for every batch `BEGIN <sid>,<sid>,...` before
the write and `COMMIT` once the write has returned (stdout, flushed): whoever kills it
knows which batches were committed and which one may have been in flight. Bounded: it
stops by itself after `--max-batches` batches or `--max-seconds` seconds.
"""

from __future__ import annotations

import argparse
import secrets
import time
from datetime import datetime, timedelta

from twilio_receipts_emulator import DEMO_MESSAGE_SID, Emulator
from twilio_receipts_emulator.seed import format_date

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.reliability.writer")
    parser.add_argument("db")
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--max-batches", type=int, default=100_000)
    parser.add_argument("--max-seconds", type=float, default=60.0)
    args = parser.parse_args(argv)
    with Emulator(db=args.db, demo=True) as emulator:
        print(f"READY {emulator.base_url}", flush=True)
        last = emulator.store.last_receipt_date(DEMO_MESSAGE_SID)
        assert last is not None  # the demo message has receipts
        moment = datetime.fromisoformat(last)
        deadline = time.monotonic() + args.max_seconds
        for _ in range(args.max_batches):
            if time.monotonic() > deadline:
                break
            batch: list[dict[str, object]] = []
            sids = []
            for _ in range(args.batch):
                sids.append(f"DY{secrets.token_hex(16)}")
                moment += timedelta(seconds=1)
                batch.append(
                    {
                        "sid": sids[-1],
                        "message_sid": DEMO_MESSAGE_SID,
                        "status": "delivered",
                        "error_code": 0,
                        "date_created": format_date(moment),
                        "date_updated": None,
                    }
                )
            print("BEGIN " + ",".join(sids), flush=True)
            emulator.load_seed({"receipts": batch})
            print("COMMIT", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
