"""Interleaved repetitions: every variant runs once per round, rounds repeat, and each
variant's figure is the median of its rounds. Interleaving spreads slow moments of a
busy machine over all variants instead of charging them to whichever ran then; the
order rotates from round to round so that no variant always runs first (or always
after the same neighbour)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping
from typing import TypeVar

__all__ = ["interleaved", "median", "timed"]

T = TypeVar("T")


def timed(run: Callable[[], object]) -> float:
    """Wall-clock seconds of one call."""
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def interleaved(
    variants: Mapping[str, Callable[[], T]], *, rounds: int, warmup: int = 1
) -> dict[str, list[T]]:
    """Each variant's results over `rounds` rounds, after `warmup` unrecorded rounds.
    A variant is a callable returning its measurement (seconds, requests/s, ...)."""
    names = list(variants)
    results: dict[str, list[T]] = {name: [] for name in names}
    for index in range(warmup + rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            value = variants[name]()
            if index >= warmup:
                results[name].append(value)
    return results


def median(values: list[float]) -> float:
    return statistics.median(values)
