"""Fault injection for resilience tests: off unless configured, seeded when it is.

With a `FaultConfig`, every API request first waits `latency_ms`, then, with
probability `rate`, suffers one fault drawn from `kinds`: `429` (Twilio 20429 with
Retry-After), `500`, `503` (with Retry-After) or `drop` (the connection is closed with
no response). Draws come from one `random.Random(seed)`, so a seeded run of sequential
requests faults the same requests every time.

The request header `X-Emulator-Fault: 429|500|503|drop|latency=<ms>` forces that one
fault on its request instead of a draw (and consumes no draw). It is honoured only
while fault injection is on, so it can never change an emulator that was not asked for
faults; while it is on, a value outside that list is a 400 naming the header.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .errors import (
    BadRequest,
    InternalServerError,
    ServiceUnavailable,
    TooManyRequests,
    TwilioError,
)

__all__ = ["FAULT_HEADER", "FAULT_KINDS", "Fault", "FaultConfig", "FaultInjector"]

FAULT_HEADER = "X-Emulator-Fault"
FAULT_KINDS = ("429", "500", "503", "drop")
MAX_FORCED_LATENCY_MS = 60_000

_ERRORS: dict[str, type[TwilioError]] = {
    "429": TooManyRequests,
    "500": InternalServerError,
    "503": ServiceUnavailable,
}


@dataclass(frozen=True, slots=True)
class FaultConfig:
    rate: float = 0.0
    kinds: tuple[str, ...] = FAULT_KINDS
    latency_ms: int = 0
    seed: int | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.rate <= 1.0:
            raise ValueError(f"fault rate must be between 0 and 1, not {self.rate}")
        unknown = sorted(set(self.kinds) - set(FAULT_KINDS))
        if unknown or not self.kinds:
            raise ValueError(f"fault kinds must be among {', '.join(FAULT_KINDS)}: {self.kinds}")
        if self.latency_ms < 0:
            raise ValueError(f"fault latency must be 0 ms or more, not {self.latency_ms}")


@dataclass(frozen=True, slots=True)
class Fault:
    kind: str | None
    """`429`, `500`, `503`, `drop`, or None for latency alone."""
    latency_ms: int = 0

    def error(self) -> TwilioError | None:
        """The error to answer with (None for `drop` and latency alone)."""
        error = _ERRORS.get(self.kind or "")
        return None if error is None else error()


class FaultInjector:
    def __init__(self, config: FaultConfig) -> None:
        self.config = config
        self._random = random.Random(config.seed)  # noqa: S311 (reproducible, not secret)

    def decide(self, forced: bytes | None) -> Fault | None:
        """The fault for one request; `forced` is its X-Emulator-Fault header."""
        latency = self.config.latency_ms
        if forced is not None:
            kind, latency_ms = _parse_forced(forced)
            return Fault(kind, latency + latency_ms)
        kind = None
        if self.config.rate and self._random.random() < self.config.rate:
            kind = self._random.choice(self.config.kinds)
        if kind is None and not latency:
            return None
        return Fault(kind, latency)


def _parse_forced(value: bytes) -> tuple[str | None, int]:
    text = value.decode("latin-1").strip()
    if text in FAULT_KINDS:
        return text, 0
    name, _, ms = text.partition("=")
    if name.strip() == "latency" and ms.strip().isascii() and ms.strip().isdigit():
        latency_ms = int(ms)
        if latency_ms <= MAX_FORCED_LATENCY_MS:
            return None, latency_ms
    raise BadRequest(
        f"Invalid {FAULT_HEADER} header: expected 429, 500, 503, drop"
        f" or latency=<ms> (at most {MAX_FORCED_LATENCY_MS})"
    )
