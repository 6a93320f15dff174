"""`make demo`: start the emulator with its demo data as users start it (the console
script, on a free port), list the demo message's receipts through the generated client,
print them as a table, and stop the emulator."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from twilio_receipts import AuthenticatedClient
from twilio_receipts.api.receipts import list_receipts
from twilio_receipts.models import Receipt
from twilio_receipts_emulator import (
    DEMO_ACCOUNT_SID,
    DEMO_AUTH_TOKEN,
    DEMO_CONVERSATION_SID,
    DEMO_MESSAGE_SID,
    DEMO_SERVICE_SID,
)
from twilio_receipts_emulator.cli import READY_LINE

COLUMNS = ("sid", "status", "error_code", "participant_sid", "channel_message_sid", "date_created")


@contextmanager
def running_emulator() -> Iterator[str]:
    """Yields the base URL of a demo emulator process; always stops it."""
    exe = Path(sys.executable).with_name("twilio-receipts-emulator")
    command = [
        str(exe) if exe.exists() else shutil.which("twilio-receipts-emulator") or "twilio-receipts-emulator"
    ]
    proc = subprocess.Popen(  # noqa: S603  (our own console script, fixed arguments)
        [*command, "--demo", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if match := READY_LINE.search(line):
                yield match.group(1)
                break
        else:
            raise SystemExit(f"the emulator exited before it was ready (code {proc.wait()})")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def cell(receipt: Receipt, column: str) -> str:
    value = getattr(receipt, column)
    value = getattr(value, "value", value)  # enums print as their wire value
    return "-" if value is None else str(value)


def main() -> int:
    with running_emulator() as base_url:
        client = AuthenticatedClient(base_url=base_url, username=DEMO_ACCOUNT_SID, password=DEMO_AUTH_TOKEN)
        with client:
            rows = [
                [cell(r, c) for c in COLUMNS]
                for r in list_receipts.sync_all(
                    client=client,
                    chat_service_sid=DEMO_SERVICE_SID,
                    conversation_sid=DEMO_CONVERSATION_SID,
                    message_sid=DEMO_MESSAGE_SID,
                    page_size=3,  # several pages, to show pagination at work
                )
            ]
    widths = [max(len(c), *(len(row[i]) for row in rows)) for i, c in enumerate(COLUMNS)]
    print(f"Receipts of message {DEMO_MESSAGE_SID} (emulator at {base_url}):")
    for row in [list(COLUMNS), ["-" * w for w in widths], *rows]:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    print(f"{len(rows)} receipts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
