"""Schemathesis against the emulator started as users start it (its console program, a
real socket), through schemathesis's own CLI: every check, every phase (examples,
coverage, fuzzing, stateful), positive and negative data, 300 cases per operation.

The run is bounded by case count and seeded (schemathesis.toml); it writes a JUnit
report to test-results/ for CI systems, and an NDJSON report that this test reads to
make sure the run was not vacuous: valid requests must really have reached receipts."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.contract.ndjson_report import statuses
from tests.paths import ROOT, SPEC
from tests.processes import EmulatorProcess

RESULTS = ROOT / "test-results"
LIST = "GET /v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Messages/{MessageSid}/Receipts"
FETCH = LIST + "/{Sid}"
CASES_PER_OPERATION = 300


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    program = EmulatorProcess("--demo")
    try:
        yield program.wait_ready()
    finally:
        program.finish()


def test_schemathesis_finds_nothing_over_the_wire(base_url: str, tmp_path: Path) -> None:
    RESULTS.mkdir(exist_ok=True)
    junit = RESULTS / "schemathesis-live.xml"
    ndjson = tmp_path / "events.ndjson"
    st = Path(sys.executable).with_name("st")
    command = [
        str(st), "run", str(SPEC), "--url", base_url,
        "--checks", "all",
        "--phases", "examples,coverage,fuzzing,stateful",
        "--max-examples", str(CASES_PER_OPERATION),
        "--workers", "2",
        "--report", "junit,ndjson",
        "--report-junit-path", str(junit),
        "--report-ndjson-path", str(ndjson),
    ]  # fmt: skip
    # cwd=ROOT: schemathesis.toml (seed, credentials, demo-data dictionaries) is found there.
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)  # noqa: S603
    summary = run.stdout[-6000:]
    assert run.returncode == 0, summary
    assert "Seed: 20261203" in run.stdout, summary
    # One test case per operation, and one for the stateful phase.
    assert junit.read_text().count("<testcase") == 3

    counts = statuses(ndjson)
    for operation in (LIST, FETCH):
        total = sum(n for (label, _, _), n in counts.items() if label == operation)
        ok = counts[operation, "positive", 200]
        rejected = sum(n for (label, mode, status), n in counts.items()
                       if label == operation and mode == "negative" and status in (400, 404))  # fmt: skip
        assert total >= CASES_PER_OPERATION, (operation, total)
        # Not vacuous: valid requests reached real receipts (a run where every call got a
        # 401 has none), and invalid ones were refused. Typical runs: 200+ of each.
        assert ok >= 20, (operation, counts)
        assert rejected >= 20, (operation, counts)
    assert not any(status >= 500 for (_, _, status) in counts), counts
