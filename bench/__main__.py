"""`python -m bench` (what `make bench` runs): measure, print the table, write
bench/results/latest.{json,md,png}.

    python -m bench                    # full sizes: ~2 minutes on 2 cores
    python -m bench --quick --out DIR  # tiny sizes, a few seconds (the smoke test)
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from .load import GENERATORS
from .report import render_table, write_outputs
from .run import FULL, QUICK, run

RESULTS = Path(__file__).resolve().parent / "results"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one round: checks that it runs")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where results go (default: %(default)s)")
    parser.add_argument("--rounds", type=int, help="rounds per measurement (default: 9; 1 with --quick)")
    parser.add_argument(
        "--generator",
        choices=GENERATORS,
        help="load generator for throughput (default: auto, wrk when installed; python with --quick)",
    )
    parser.add_argument(
        "--with-make-test", action="store_true", help="also time `make test` (minutes; not by default)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = dataclasses.replace(QUICK if args.quick else FULL, with_make_test=args.with_make_test)
    if args.rounds is not None:
        if args.rounds < 1:
            _parser().error("--rounds must be at least 1")
        settings = dataclasses.replace(settings, rounds=args.rounds, server_rounds=args.rounds)
    if args.generator is not None:
        # wrk runs whole seconds.
        seconds = max(settings.server_seconds, 1) if args.generator == "wrk" else settings.server_seconds
        settings = dataclasses.replace(settings, generator=args.generator, server_seconds=seconds)
    doc = run(settings)
    print(render_table(doc))
    paths = write_outputs(doc, args.out)
    print("\nwritten: " + ", ".join(str(path) for path in paths.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
