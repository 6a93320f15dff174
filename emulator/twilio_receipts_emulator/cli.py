"""`twilio-receipts-emulator`: serve the emulator until interrupted.

Logs one line, `twilio-receipts-emulator listening on <URL>`, once the port accepts
connections (scripts wait for it). A seed or database that cannot be used ends the
program with its reason and exit code 2, before anything listens. Credentials are
never logged: the access log (debug level only) has methods, paths and queries.
"""

from __future__ import annotations

import argparse
import logging
import re
import sqlite3
import sys

from .app import create_app
from .demo import DEMO_SEED
from .faults import FAULT_KINDS, FaultConfig
from .seed import SeedError, load_seed, read_seed_file
from .server import ReadyServer, bind, uvicorn_config
from .store import Store

__all__ = ["READY_LINE", "main"]

logger = logging.getLogger("twilio_receipts_emulator")

READY_LINE = re.compile(r"twilio-receipts-emulator listening on (http://\S+)")
"""The one line logged when the port accepts connections; group 1 is the base URL.
Scripts that start the program (`make demo`, the benchmarks) wait for it."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="twilio-receipts-emulator",
        description="A stateful local emulator of Twilio Conversations' message receipts API.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface (default: %(default)s)")
    parser.add_argument("--port", type=int, default=4010, help="port (default: %(default)s)")
    parser.add_argument("--seed", metavar="FILE", help="load this JSON seed at start")
    parser.add_argument("--db", metavar="PATH", help="keep state in this SQLite file")
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="base of every URL written (default: the scheme and host of each request)",
    )
    parser.add_argument("--demo", action="store_true", help="load the built-in demo data")
    parser.add_argument(
        "--lenient-page-size",
        action="store_true",
        help="clamp PageSize into 1..50 instead of answering 400",
    )
    parser.add_argument(
        "--static-probe",
        action="store_true",
        help="also serve GET /__static: a fixed 50-receipt page (a benchmark's ceiling)",
    )
    faults = parser.add_argument_group(
        "fault injection (on when any of these is given; X-Emulator-Fault then works too)"
    )
    faults.add_argument(
        "--fault-rate", type=float, metavar="P", help="probability of a fault per request (0..1)"
    )
    faults.add_argument(
        "--faults",
        metavar="KINDS",
        help=f"comma-separated fault kinds to draw from (default: {','.join(FAULT_KINDS)})",
    )
    faults.add_argument("--fault-latency-ms", type=int, metavar="MS", help="delay every request")
    faults.add_argument("--fault-seed", type=int, metavar="N", help="seed the fault draws")
    parser.add_argument(
        "--log-level",
        default="info",
        choices=["critical", "error", "warning", "info", "debug", "trace"],
        help="(default: %(default)s; debug adds the access log)",
    )
    return parser


def _fault_config(args: argparse.Namespace) -> FaultConfig | None:
    given = (args.fault_rate, args.faults, args.fault_latency_ms, args.fault_seed)
    if all(value is None for value in given):
        return None
    return FaultConfig(
        rate=args.fault_rate or 0.0,
        kinds=tuple(kind.strip() for kind in args.faults.split(",")) if args.faults else FAULT_KINDS,
        latency_ms=args.fault_latency_ms or 0,
        seed=args.fault_seed,
    )


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    verbose = args.log_level in ("debug", "trace")
    logging.basicConfig(level="DEBUG" if verbose else args.log_level.upper(), format="%(message)s")
    # The ready line is logged whatever the level: scripts wait for it.
    logger.setLevel(min(logger.getEffectiveLevel(), logging.INFO))
    try:
        faults = _fault_config(args)
    except ValueError as error:
        parser.error(str(error))
    try:
        store = Store(args.db)
    except (sqlite3.Error, ValueError) as error:
        print(f"twilio-receipts-emulator: --db {args.db}: {error}", file=sys.stderr)
        return 2
    try:
        if args.demo:
            load_seed(store, DEMO_SEED)
        if args.seed is not None:
            load_seed(store, read_seed_file(args.seed))
    except SeedError as error:
        print(f"twilio-receipts-emulator: --seed {args.seed}: {error}", file=sys.stderr)
        store.close()
        return 2
    try:
        sock = bind(args.host, args.port)
    except OSError as error:
        print(f"twilio-receipts-emulator: {args.host}:{args.port}: {error}", file=sys.stderr)
        store.close()
        return 2
    app = create_app(
        store,
        public_url=args.public_url,
        lenient_page_size=args.lenient_page_size,
        faults=faults,
        static_probe=args.static_probe,
    )
    host, port = sock.getsockname()[:2]
    url = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
    server = ReadyServer(
        # uvicorn's own startup lines (info) give way to the one line below.
        uvicorn_config(app, log_level=args.log_level if verbose else "warning"),
        lambda: logger.info("twilio-receipts-emulator listening on %s", url),
    )
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        store.close()
    return 0
