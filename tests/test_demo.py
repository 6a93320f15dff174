"""`make demo`'s script, run as make runs it: a real emulator process, the generated
client over HTTP, every demo receipt in the printed table, the emulator stopped after."""

from __future__ import annotations

import subprocess
import sys

from twilio_receipts_emulator import DEMO_RECEIPT_SIDS

from tests.paths import ROOT


def test_demo_lists_every_demo_receipt_in_order() -> None:
    run = subprocess.run(  # noqa: S603 (our own script)
        [sys.executable, str(ROOT / "scripts" / "demo.py")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    rows = [line.split()[0] for line in run.stdout.splitlines() if line.startswith("DY")]
    assert rows == list(DEMO_RECEIPT_SIDS)
    assert run.stdout.rstrip().endswith(f"{len(DEMO_RECEIPT_SIDS)} receipts")
    assert "failed       30008" in run.stdout  # enums print as their wire values
