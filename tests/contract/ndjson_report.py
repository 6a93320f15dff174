"""Reads schemathesis's NDJSON event report: how each response answered each case."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

__all__ = ["statuses"]


def statuses(report: Path) -> Counter[tuple[str, str, int]]:
    """(operation label, generation mode, status code) -> how many responses."""
    counts: Counter[tuple[str, str, int]] = Counter()
    with report.open() as lines:
        for line in lines:
            event = json.loads(line)
            finished = event.get("ScenarioFinished")
            if finished is None:
                continue
            recorder = finished["recorder"]
            for case_id, interaction in recorder.get("interactions", {}).items():
                response = interaction.get("response")
                if response is None:  # the request itself failed: no status to count
                    continue
                case = recorder["cases"][case_id]["value"]
                label = f"{case['method']} {case['path']}"
                mode = case["meta"]["generation"]["mode"]
                counts[label, mode, response["status_code"]] += 1
    return counts
