"""Fixtures for the generated client's tests: emulators on real sockets, and no
credentials leaking in from the machine's environment."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from twilio_receipts_emulator.faults import FaultConfig
from twilio_receipts_emulator.server import Emulator

CREDENTIAL_VARIABLES = ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_API_KEY", "TWILIO_API_SECRET")


@pytest.fixture(autouse=True)
def _no_ambient_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in CREDENTIAL_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    """The demo data, shared by a module's tests: read it, never write to it (a test that
    adds data takes `fresh_emulator`)."""
    with Emulator(demo=True) as running:
        yield running


@pytest.fixture
def fresh_emulator() -> Iterator[Emulator]:
    """The demo data, for this test alone."""
    with Emulator(demo=True) as running:
        yield running


@pytest.fixture(scope="module")
def faulty_emulator() -> Iterator[Emulator]:
    """Demo data, fault injection on but no random faults: X-Emulator-Fault decides (it
    keeps no state, so a module shares it)."""
    with Emulator(demo=True, faults=FaultConfig(rate=0.0)) as running:
        yield running
