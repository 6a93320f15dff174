"""The emulator's throughput: requests per second for page 1 and for the last page
(page 200 at full size) of one message, with 1 and 8 concurrent keep-alive clients,
against `GET /__static` on the same server (fixed bytes of a 50-receipt page: what the
server costs with no emulator work, the ceiling); and the process's peak memory.

The emulator runs in its own process and the load generator (see `load.py`) in
another. For each run the server's CPU time is read from /proc: CPU µs per request,
and the share of a core it used, which tells whether the server was saturated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import httpx

from .load import run_load
from .process import cpu_seconds
from .seed import BenchData
from .timing import interleaved

__all__ = ["CONNECTIONS", "PATHS", "Run", "ServerResult", "measure_server"]

CONNECTIONS = (1, 8)
PATHS = ("static", "page 1", "last page")


@dataclass(frozen=True, slots=True)
class Run:
    rps: float
    cpu_us_per_request: float | None
    server_cpu_share: float | None
    """CPU-seconds the server used per second of the run (1.0 = one full core)."""


@dataclass(frozen=True, slots=True)
class ServerResult:
    runs: dict[int, dict[str, list[Run]]]
    """connections -> path name -> one Run per round."""
    last_page: int
    body_bytes: dict[str, int]


def _urls(base_url: str, data: BenchData) -> dict[str, str]:
    return {
        "static": f"{base_url}/__static",
        "page 1": f"{base_url}{data.page_path(0)}",
        "last page": f"{base_url}{data.page_path(data.pages - 1)}",
    }


def _check(urls: dict[str, str], data: BenchData) -> dict[str, int]:
    """Each URL answers 200 with a full page: a load run counts only what it gets."""
    sizes = {}
    with httpx.Client(auth=(data.account_sid, data.auth_token), timeout=30) as http:
        for name, url in urls.items():
            response = http.get(url)
            response.raise_for_status()
            if len(response.json()["delivery_receipts"]) != min(data.page_size, data.receipts):
                raise RuntimeError(f"{name}: not a full page of receipts")
            sizes[name] = len(response.content)
    return sizes


def measure_server(
    base_url: str,
    pid: int,
    data: BenchData,
    *,
    rounds: int,
    seconds: float,
    generator: str,
    warmup: int = 1,
) -> ServerResult:
    """Interleaved rounds of every path at each concurrency, after `warmup` unrecorded
    rounds."""
    urls = _urls(base_url, data)
    sizes = _check(urls, data)

    def one(url: str, connections: int) -> Callable[[], Run]:
        def run() -> Run:
            before = cpu_seconds(pid)
            load = run_load(
                url,
                connections=connections,
                seconds=seconds,
                authorization=data.authorization,
                generator=generator,
            )
            after = cpu_seconds(pid)
            if before is None or after is None or not load.requests:
                return Run(load.rps, None, None)
            used = after - before
            return Run(load.rps, used / load.requests * 1e6, used / load.seconds)

        return run

    runs = {
        connections: interleaved({name: one(urls[name], connections) for name in PATHS}, rounds=rounds)
        for connections in CONNECTIONS
    }
    return ServerResult(runs, data.pages, sizes)
