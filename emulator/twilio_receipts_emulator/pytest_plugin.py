"""pytest plugin (entry point `pytest11`): installing the package is enough.

    def test_receipts(twilio_emulator):
        client = Client(twilio_emulator.account_sid, twilio_emulator.auth_token)
        client.conversations.base_url = twilio_emulator.base_url
        ...

The fixture is function-scoped: every test gets a fresh emulator with the demo data.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .server import Emulator

__all__ = ["twilio_emulator"]


@pytest.fixture
def twilio_emulator() -> Iterator[Emulator]:
    """A running emulator with the demo data, on a free port; stopped afterwards."""
    # Imported here, so that merely having the plugin installed costs pytest nothing.
    from .server import Emulator

    with Emulator(demo=True) as emulator:
        yield emulator
