"""One core for the server, the other for everything that loads it (the benchmark's own
clients and the load generator, which inherits the benchmark's affinity).

Left to the scheduler, the two sides of a loopback benchmark on two cores now and then
share one core, and a run's figures then swing by a third (measured: the static page's
CPU cost per request ranged 112-162 µs over nine runs on an idle machine). Pinning each
side to its own core takes that out; it is skipped where the machine has one core or
the platform has no affinity calls.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

__all__ = ["Cores", "pin_process", "plan"]


class Cores:
    """The cores for the server and for the clients, and the affinity to restore."""

    def __init__(self, server: set[int], clients: set[int], original: set[int]) -> None:
        self.server = server
        self.clients = clients
        self.original = original

    def as_json(self) -> dict[str, list[int]]:
        return {"server": sorted(self.server), "clients": sorted(self.clients)}


def plan() -> Cores | None:
    """Two disjoint sets of the cores this process may use, or None if it cannot pin."""
    if not hasattr(os, "sched_getaffinity"):
        return None
    available = sorted(os.sched_getaffinity(0))
    if len(available) < 2:
        return None
    return Cores(server={available[-1]}, clients=set(available[:-1]), original=set(available))


def pin_process(pid: int, cores: set[int]) -> None:
    """Every thread of process `pid` onto `cores`."""
    try:
        threads = [int(entry.name) for entry in Path(f"/proc/{pid}/task").iterdir()]
    except OSError:
        threads = [pid]
    for thread in threads:
        with contextlib.suppress(ProcessLookupError):  # a thread that ended meanwhile
            os.sched_setaffinity(thread, cores)
