"""`make bench` still runs: `python -m bench --quick` (tiny sizes, one round) prints the
table with every row and writes its results. Benchmarks are not tests: nothing here
asserts a timing or a PASS, only that each measurement ran and was reported."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.paths import ROOT

# Every row of the table, whatever the figures (the quick run's last page is page 4).
ROWS = [
    "(a) raw httpx + orjson loop (floor)",
    "(b) generated sync_all",
    "(c) generated asyncio_all",
    "(d) twilio-python",
    "sync_all / raw loop (time)",
    "sync_all / twilio-python (time)",
    "json dicts",
    "orjson dicts",
    "generated models",
    "models only",
    "twilio-python",
    "static",
    "page 1",
    "page 4",
    "page 4 / page 1 (time per request, 1 client)",
    "page 1 / static ceiling (req/s, 1 client)",
    "page 4 / static ceiling (req/s, 1 client)",
    "page 4 / page 1 (time per request, 8 clients)",
    "page 1 / static ceiling (req/s, 8 clients)",
    "page 4 / static ceiling (req/s, 8 clients)",
    "RSS after loading the seed",
    "peak RSS (whole run)",
    "regenerate the client (make generate)",
    "make test (wall)",
]
SECTIONS = [
    "[list 200 receipts (4 pages)]",
    "[parse one 50-receipt page (µs/receipt)]",
    "[emulator, 1 client (req/s)]",
    "[emulator, 8 clients (req/s)]",
    "[emulator memory]",
    "[build]",
]


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp("bench")
    result = subprocess.run(  # noqa: S603 (our own module)
        [sys.executable, "-m", "bench", "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout, out


def test_the_table_has_every_section_and_row(quick_run: tuple[str, Path]) -> None:
    stdout, _ = quick_run
    lines = [line.strip() for line in stdout.splitlines()]
    for section in SECTIONS:
        assert section in lines
    measures = [line for line in stdout.splitlines() if line.startswith("  ")]
    for row in ROWS:
        assert any(line.strip().startswith(row + " ") for line in measures), row
    assert "not measured (--with-make-test)" in stdout


def test_each_target_is_printed_with_its_goal_and_a_verdict(quick_run: tuple[str, Path]) -> None:
    stdout, out = quick_run
    doc = json.loads((out / "latest.json").read_text())
    assert len(doc["targets"]) == 8
    for target in doc["targets"]:
        line = next(line for line in stdout.splitlines() if line.strip().startswith(target["label"]))
        assert line.rstrip().endswith(target["status"])
        assert target["status"] in ("PASS", "MISS")
        assert ("≤" if target["at_most"] else "≥") + f" {target['goal']:g}" in line


def _numbers(value: Any) -> list[float]:
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, int | float):
        return [float(value)]
    if isinstance(value, dict):
        return [number for item in value.values() for number in _numbers(item)]
    if isinstance(value, list):
        return [number for item in value for number in _numbers(item)]
    return []


def test_the_results_are_valid_json_with_every_measurement(quick_run: tuple[str, Path]) -> None:
    _, out = quick_run
    doc = json.loads((out / "latest.json").read_text())
    assert doc["quick"] is True
    assert set(doc["listing"]["median_seconds"]) == {"raw", "sync_all", "asyncio_all", "twilio-python"}
    assert len(doc["parsing"]["median_us_per_receipt"]) == 5
    assert set(doc["server"]["runs"]) == {"1", "8"}
    for paths in doc["server"]["runs"].values():
        assert set(paths) == {"static", "page 1", "last page"}
        assert all(figures["median_rps"] > 0 for figures in paths.values())
    assert doc["memory"]["peak_rss_bytes"] >= doc["memory"]["rss_after_start_bytes"] > 0
    assert doc["build"]["median_regeneration_seconds"] > 0
    assert doc["build"]["make_test_seconds"] is None
    assert doc["machine"]["cores"] >= 1
    numbers = _numbers(doc)
    assert numbers
    assert all(math.isfinite(number) and number >= 0 for number in numbers)


def test_the_chart_and_the_markdown_are_written(quick_run: tuple[str, Path]) -> None:
    _, out = quick_run
    assert (out / "latest.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    markdown = (out / "latest.md").read_text()
    assert "Machine: " in markdown
    assert "| (b) generated sync_all |" in markdown
