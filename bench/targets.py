"""The issue's goals, as ratios of medians from one run. A miss is reported, never
hidden: every target is printed with its ratio, its goal and PASS or MISS."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Target", "evaluate"]


@dataclass(frozen=True, slots=True)
class Target:
    key: str
    label: str
    ratio: float
    goal: float
    at_most: bool
    """True: the ratio must be at most the goal; False: at least."""

    @property
    def met(self) -> bool:
        return self.ratio <= self.goal if self.at_most else self.ratio >= self.goal

    @property
    def status(self) -> str:
        return "PASS" if self.met else "MISS"

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "ratio": self.ratio,
            "goal": self.goal,
            "at_most": self.at_most,
            "status": self.status,
        }


def evaluate(listing: dict[str, float], rps: dict[int, dict[str, float]], *, last_page: int) -> list[Target]:
    """`listing`: median seconds per variant; `rps`: connections -> path (`static`, `page 1`,
    `last page`) -> median requests per second; `last_page`: its number (200 at full size)."""
    targets = [
        Target(
            "sync_all/raw", "sync_all / raw loop (time)", listing["sync_all"] / listing["raw"], 1.15, True
        ),
        Target(
            "sync_all/twilio",
            "sync_all / twilio-python (time)",
            listing["sync_all"] / listing["twilio-python"],
            0.5,
            True,
        ),
    ]
    for connections, paths in sorted(rps.items()):
        clients = f"{connections} client{'s' if connections > 1 else ''}"
        targets += [
            Target(
                f"last/page1@{connections}",
                f"page {last_page} / page 1 (time per request, {clients})",
                paths["page 1"] / paths["last page"],
                1.1,
                True,
            ),
            Target(
                f"page1/static@{connections}",
                f"page 1 / static ceiling (req/s, {clients})",
                paths["page 1"] / paths["static"],
                0.7,
                False,
            ),
            Target(
                f"last/static@{connections}",
                f"page {last_page} / static ceiling (req/s, {clients})",
                paths["last page"] / paths["static"],
                0.7,
                False,
            ),
        ]
    return targets
