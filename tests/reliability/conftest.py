"""Emulators for the reliability tests: the demo data, an API key for its second account
and a few hundred more receipts on the demo message, so that walks span many pages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from twilio_receipts_emulator import DEMO_RECEIPT_SIDS, Emulator

from tests.reliability.scenarios import OTHER_KEY_SEED, extra_receipts

EXTRA = extra_receipts(300, seed=7)
RECEIPTS = (*DEMO_RECEIPT_SIDS, *(receipt["sid"] for receipt in EXTRA))
"""The demo message's receipts in list order, in every emulator these fixtures start."""


def populated(emulator: Emulator) -> Emulator:
    emulator.load_seed(OTHER_KEY_SEED)
    emulator.load_seed({"receipts": EXTRA})
    return emulator


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    """Shared by a module's tests: read it, never write to it."""
    with Emulator(demo=True) as running:
        yield populated(running)


@pytest.fixture
def fresh_emulator() -> Iterator[Emulator]:
    """For one test, which may write to it."""
    with Emulator(demo=True) as running:
        yield populated(running)
