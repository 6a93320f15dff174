"""One demo emulator per test module for the tests that only read; tests that write
start their own (or use the plugin's function-scoped `twilio_emulator`)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from twilio_receipts_emulator import DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, Emulator


@pytest.fixture(scope="session")
def web() -> Iterator[httpx.Client]:
    """A plain client for absolute URLs, shared: creating one costs ~60 ms (TLS setup)."""
    with httpx.Client(timeout=10) as client:
        yield client


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    with Emulator(demo=True) as running:
        yield running


@pytest.fixture(scope="module")
def http(emulator: Emulator) -> Iterator[httpx.Client]:
    """Authenticated as the demo account."""
    with httpx.Client(
        base_url=emulator.base_url, auth=(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN), timeout=10
    ) as client:
        yield client
