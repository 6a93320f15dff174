"""One demo emulator per module, and a generated client of it without retries (a fault
here is a finding, not something to retry past)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from twilio_receipts import AuthenticatedClient
from twilio_receipts_emulator import DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, Emulator


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    with Emulator(demo=True) as running:
        yield running


@pytest.fixture(scope="module")
def client(emulator: Emulator) -> Iterator[AuthenticatedClient]:
    with AuthenticatedClient(
        base_url=emulator.base_url, username=DEMO_ACCOUNT_SID, password=DEMO_AUTH_TOKEN, retries=None
    ) as client:
        yield client
