"""`make soak`: the reliability runs of tests/reliability at their full sizes.

    python -m bench.soak [--clients 32] [--requests 2000] [--malformed 12000]
                         [--fault-walks 12] [--kills 10] [--seed 1]

Against the emulator's console program on 127.0.0.1 (each phase its own process, on a
prepared `--db` file, with the debug log and its access log on):

    load        32 concurrent clients x 2,000 requests: every answer checked against
                openapi.yaml, every page walk whole, once, in order
    faults      20 % of requests answered 429 or 503 or dropped: sync_all and asyncio_all
                walks, concurrent, each yielding every receipt once, in order
    bad input   12,000 malformed requests on raw sockets: no 5xx, each a Twilio error body
                with the status its fault calls for; then every page still exact
    kill -9     a writer killed with SIGKILL mid-write and mid-load, 10 times: the file
                intact, every committed receipt there after a restart
    secrets     every log line of every emulator above: no credential in any form

The scenarios are the tests' own (tests/reliability/scenarios.py), so the soak checks
exactly what `make test` checks, only more of it. Every phase is bounded by its count
and a deadline. Prints one line of figures per phase and the totals; exits 1 on any
failure, listing the first ones.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from twilio_receipts_emulator import DEMO_RECEIPT_SIDS

from tests.processes import EmulatorProcess
from tests.reliability.scenarios import (
    SECRETS,
    Figures,
    Ledger,
    demo_target,
    extra_receipts,
    prepare_db,
    run_bad_input,
    run_fault_walks,
    run_kill9,
    run_load,
)

__all__ = ["main"]

EXTRA_RECEIPTS = 1000
PHASE_SECONDS = 600.0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=32, help="concurrent load clients (%(default)s)")
    parser.add_argument("--requests", type=int, default=2000, help="requests per load client (%(default)s)")
    parser.add_argument("--malformed", type=int, default=12_000, help="malformed requests (%(default)s)")
    parser.add_argument(
        "--fault-walks", type=int, default=12, help="walks under faults, half async (%(default)s)"
    )
    parser.add_argument(
        "--fault-rate", type=float, default=0.2, help="share of requests faulted (%(default)s)"
    )
    parser.add_argument("--kills", type=int, default=10, help="kill -9 cycles (%(default)s)")
    parser.add_argument("--seed", type=int, default=1, help="seed of every random choice (%(default)s)")
    return parser


class _Soak:
    def __init__(self, workdir: Path, seed: int) -> None:
        self.workdir = workdir
        self.seed = seed
        self.phases: list[Figures] = []
        self.logs: list[str] = []
        self.extra = extra_receipts(EXTRA_RECEIPTS, seed=seed)
        self.receipts = [*DEMO_RECEIPT_SIDS, *(receipt["sid"] for receipt in self.extra)]

    def against_cli(self, name: str, run: Callable[[str], Figures], *args: str) -> None:
        """`run` against a fresh emulator process on a prepared file; its log is kept."""
        db = self.workdir / f"{name.replace(' ', '-')}.db"
        prepare_db(db, self.extra)
        process = EmulatorProcess("--db", str(db), "--log-level", "debug", *args)
        try:
            figures = run(process.wait_ready())
        except Exception as error:  # a crashed phase is a failed phase, the soak goes on
            figures = Figures(name)
            figures.fail(f"{name} crashed: {type(error).__name__}: {error}")
        finally:
            code, lines = process.finish()
            self.logs += lines
        if code != 0:
            figures.fail(f"{name}: the emulator exited with {code}: {lines[-5:]}")
        self.record(figures)

    def record(self, figures: Figures) -> None:
        self.phases.append(figures)
        print(_row(figures), flush=True)


_HEADER = f"{'phase':<10} {'requests':>9} {'faults':>7} {'malformed':>10} {'failures':>9} {'seconds':>8}"


def _row(figures: Figures) -> str:
    return (
        f"{figures.name:<10} {figures.requests:>9,} {figures.faults:>7,} {figures.malformed:>10,}"
        f" {figures.failures:>9,} {figures.seconds:>8.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # The clients' retries log each one (stamina, at WARNING): thousands, all expected.
    logging.basicConfig(level=logging.ERROR, format="%(name)s: %(message)s")
    started = time.perf_counter()
    print(
        f"soak: {args.clients} clients x {args.requests:,} requests, {args.malformed:,} malformed requests,"
        f" {args.fault_walks} walks at {args.fault_rate:.0%} faults, {args.kills} kill -9 cycles;"
        " emulator on 127.0.0.1",
        flush=True,
    )
    print(_HEADER, flush=True)
    with tempfile.TemporaryDirectory(prefix="soak-") as directory:
        soak = _Soak(Path(directory), args.seed)
        soak.against_cli(
            "load",
            lambda url: run_load(
                url,
                Ledger(soak.receipts),
                clients=args.clients,
                requests_per_client=args.requests,
                seed=args.seed,
                deadline_seconds=PHASE_SECONDS,
            ),
        )
        soak.against_cli(
            "faults",
            lambda url: run_fault_walks(
                url,
                soak.receipts,
                sync_walks=args.fault_walks - args.fault_walks // 2,
                async_walks=args.fault_walks // 2,
                page_size=10,
                deadline_seconds=PHASE_SECONDS,
            ),
            *(
                "--fault-rate",
                str(args.fault_rate),
                "--faults",
                "429,503,drop",
                "--fault-seed",
                str(args.seed),
            ),
        )
        soak.against_cli(
            "bad input",
            lambda url: run_bad_input(
                url,
                demo_target(url, soak.receipts),
                count=args.malformed,
                seed=args.seed,
                workers=4,
                deadline_seconds=PHASE_SECONDS,
            ),
        )
        kill9 = run_kill9(
            soak.workdir / "kill9.db",
            cycles=args.kills,
            batch=20,
            seed=args.seed,
            deadline_seconds=PHASE_SECONDS,
            log=soak.workdir / "writer.log",
        )
        soak.logs += (soak.workdir / "writer.log").read_text(errors="replace").splitlines()
        soak.record(kill9)
        secrets = Figures("secrets")
        started_scan = time.perf_counter()
        for line in soak.logs:
            found = SECRETS.found_in(line)
            if found:
                secrets.fail(f"{', '.join(found)} in a log line")
        secrets.add(log_lines=len(soak.logs))
        secrets.seconds = time.perf_counter() - started_scan
        soak.record(secrets)
    phases = soak.phases
    total = Figures("total")
    for figures in phases:
        total.add(requests=figures.requests, faults=figures.faults, malformed=figures.malformed)
        total.failures += figures.failures
    total.seconds = time.perf_counter() - started
    print(_row(total))
    load, faults = phases[0].counts, phases[1].counts
    print(
        f"(load: {load['walks']:,} whole walks, {load['receipts_walked']:,} receipts walked;"
        f" faults: {faults['walks']} walks, {faults['dropped']:,} dropped connections;"
        f" kill -9: {kill9.counts['kills']} kills, {kill9.counts['receipts_committed']:,} receipts committed;"
        f" secrets: {secrets.counts['log_lines']:,} log lines scanned)"
    )
    if total.failures:
        for figures in phases:
            if figures.failures:
                print(figures.report(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
