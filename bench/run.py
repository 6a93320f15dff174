"""One benchmark run, start to end, as a JSON-ready document: seed, emulator process,
listing, parsing, throughput, memory, build times, targets."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import build, listing, machine, parsing, server
from .cpus import Cores, pin_process, plan
from .load import resolve_generator
from .process import EmulatorProcess, peak_rss_bytes, rss_bytes
from .seed import BenchData, write_seed
from .targets import evaluate
from .timing import median

__all__ = ["FULL", "QUICK", "Settings", "run"]


@dataclass(frozen=True, slots=True)
class Settings:
    receipts: int
    rounds: int
    server_rounds: int
    warmup: int
    server_seconds: float
    parse_number: int
    regeneration_rounds: int
    generator: str
    with_make_test: bool = False
    busy_sample_seconds: float = 1.0


FULL = Settings(
    receipts=10_000,
    rounds=9,
    server_rounds=9,
    warmup=1,
    server_seconds=1,
    parse_number=200,
    regeneration_rounds=5,
    generator="auto",
)
QUICK = Settings(
    receipts=200,
    rounds=1,
    server_rounds=1,
    warmup=0,
    server_seconds=0.2,
    parse_number=5,
    regeneration_rounds=1,
    generator="python",
    busy_sample_seconds=0.2,
)


def _log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _medians(values: dict[str, list[float]]) -> dict[str, float]:
    return {name: median(series) for name, series in values.items()}


def _optional_median(values: list[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return median(present) if present else None


def _server_json(result: server.ServerResult) -> dict[str, Any]:
    runs: dict[str, Any] = {}
    for connections, paths in result.runs.items():
        runs[str(connections)] = {
            name: {
                "rps": [run.rps for run in series],
                "cpu_us_per_request": [run.cpu_us_per_request for run in series],
                "server_cpu_share": [run.server_cpu_share for run in series],
                "median_rps": median([run.rps for run in series]),
                "median_cpu_us_per_request": _optional_median([run.cpu_us_per_request for run in series]),
                "median_server_cpu_share": _optional_median([run.server_cpu_share for run in series]),
            }
            for name, series in paths.items()
        }
    return {"runs": runs, "last_page": result.last_page, "body_bytes": result.body_bytes}


@contextmanager
def _pinned(cores: Cores | None) -> Iterator[None]:
    """This process (and the load generators it starts) on the clients' cores meanwhile."""
    if cores is None:
        yield
        return
    pin_process(os.getpid(), cores.clients)
    try:
        yield
    finally:
        pin_process(os.getpid(), cores.original)


def run(settings: Settings, *, log: Callable[[str], None] = _log) -> dict[str, Any]:
    generator = resolve_generator(settings.generator)
    data = BenchData(settings.receipts)
    rounds = settings.rounds
    doc: dict[str, Any] = {
        "schema": 1,
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "quick": settings.receipts < FULL.receipts,
        "machine": machine.describe(),
    }
    log(f"sampling how busy the machine is ({settings.busy_sample_seconds:g} s)")
    doc["load"] = {
        "busy_share_before": machine.busy_share(settings.busy_sample_seconds),
        "load_average_before": machine.load_average(),
    }
    load_generator = (
        doc["machine"]["wrk"] if generator == "wrk" else "raw-socket keep-alive generator (python)"
    )
    doc["settings"] = {
        **asdict(settings),
        "pages": data.pages,
        "page_size": data.page_size,
        "load_generator": load_generator,
    }
    cores = plan()
    doc["settings"]["cores"] = None if cores is None else cores.as_json()
    with tempfile.TemporaryDirectory(prefix="bench-") as folder, _pinned(cores):
        seed = write_seed(data, Path(folder) / "seed.json")
        log(f"starting the emulator with {data.receipts:,} receipts")
        with EmulatorProcess(seed, cores=None if cores is None else cores.server) as emulator:
            rss_after_start = rss_bytes(emulator.pid)
            log(f"listing every receipt: {', '.join(listing.VARIANTS)} ({rounds} rounds)")
            listed = listing.measure_listing(emulator.base_url, data, rounds=rounds, warmup=settings.warmup)
            log("parsing one page")
            page = parsing.fetch_page(emulator.base_url, data)
            parsed = parsing.measure_parsing(
                page, data, rounds=rounds, number=settings.parse_number, warmup=settings.warmup
            )
            log(
                f"emulator throughput with {generator}"
                f" ({settings.server_rounds} rounds of {settings.server_seconds:g} s)"
            )
            served = server.measure_server(
                emulator.base_url,
                emulator.pid,
                data,
                rounds=settings.server_rounds,
                seconds=settings.server_seconds,
                generator=generator,
                warmup=settings.warmup,
            )
            peak = peak_rss_bytes(emulator.pid)
    log(f"regenerating the client ({settings.regeneration_rounds} rounds)")
    regeneration = build.measure_regeneration(rounds=settings.regeneration_rounds, warmup=settings.warmup)
    make_test = None
    if settings.with_make_test:
        log("running make test")
        make_test = build.measure_make_test()
    doc["load"]["load_average_after"] = machine.load_average()

    listing_medians = _medians(listed.seconds)
    doc["listing"] = {"seconds": listed.seconds, "median_seconds": listing_medians}
    doc["parsing"] = {
        "us_per_receipt": parsed.us_per_receipt,
        "median_us_per_receipt": _medians(parsed.us_per_receipt),
        "receipts_per_page": parsed.receipts_per_page,
        "page_bytes": parsed.page_bytes,
    }
    doc["server"] = _server_json(served)
    doc["memory"] = {"rss_after_start_bytes": rss_after_start, "peak_rss_bytes": peak}
    doc["build"] = {
        "regeneration_seconds": regeneration,
        "median_regeneration_seconds": median(regeneration),
        "make_test_seconds": make_test,
    }
    rps = {
        connections: {name: figures["median_rps"] for name, figures in paths.items()}
        for connections, paths in ((int(key), value) for key, value in doc["server"]["runs"].items())
    }
    targets = evaluate(listing_medians, rps, last_page=served.last_page)
    doc["targets"] = [target.as_json() for target in targets]
    return doc
