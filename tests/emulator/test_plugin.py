"""The pytest plugin as a user meets it: installed, no conftest, just the fixture."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

USER_TEST = """
import httpx

RECEIPTS = "/v1/Services/{service}/Conversations/{conversation}/Messages/{message}/Receipts"


def test_lists_the_demo_receipts(twilio_emulator):
    from twilio_receipts_emulator import (
        DEMO_CONVERSATION_UNIQUE_NAME, DEMO_MESSAGE_SID, DEMO_SERVICE_SID,
    )

    path = RECEIPTS.format(
        service=DEMO_SERVICE_SID,
        conversation=DEMO_CONVERSATION_UNIQUE_NAME,
        message=DEMO_MESSAGE_SID,
    )
    added = twilio_emulator.add_receipts(2)
    response = httpx.get(
        twilio_emulator.base_url + path,
        auth=(twilio_emulator.account_sid, twilio_emulator.auth_token),
    )
    assert response.status_code == 200
    sids = [r["sid"] for r in response.json()["delivery_receipts"]]
    assert sids[-2:] == added
    assert len(sids) == 10


def test_each_test_gets_a_fresh_emulator(twilio_emulator):
    from twilio_receipts_emulator import DEMO_MESSAGE_SID, DEMO_SERVICE_SID, DEMO_CONVERSATION_SID

    path = RECEIPTS.format(
        service=DEMO_SERVICE_SID, conversation=DEMO_CONVERSATION_SID, message=DEMO_MESSAGE_SID
    )
    response = httpx.get(
        twilio_emulator.base_url + path,
        auth=(twilio_emulator.account_sid, twilio_emulator.auth_token),
    )
    assert len(response.json()["delivery_receipts"]) == 8  # the other test's two are gone
"""


def test_the_fixture_works_with_nothing_but_the_package_installed(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_user=USER_TEST)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)
