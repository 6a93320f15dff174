"""Twilio's own Python library against the emulator: what works against one must work
against the other."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from twilio.base.exceptions import (  # type: ignore[import-untyped]
    TwilioException,
    TwilioRestException,
)
from twilio.rest import Client  # type: ignore[import-untyped]
from twilio.rest.conversations.v1.service.conversation.message import (  # type: ignore[import-untyped]
    MessageContext,
)
from twilio_receipts_emulator import (
    DEMO_ACCOUNT_SID,
    DEMO_API_KEY_SECRET,
    DEMO_API_KEY_SID,
    DEMO_AUTH_TOKEN,
    DEMO_CONVERSATION_SID,
    DEMO_CONVERSATION_UNIQUE_NAME,
    DEMO_MESSAGE_SID,
    DEMO_RECEIPT_SIDS,
    DEMO_SERVICE_SID,
    Emulator,
)


def _message(client: Client, base_url: str, conversation: str = DEMO_CONVERSATION_SID) -> MessageContext:
    client.conversations.base_url = base_url
    return (
        client.conversations.v1.services(DEMO_SERVICE_SID)
        .conversations(conversation)
        .messages(DEMO_MESSAGE_SID)
    )


@pytest.fixture(scope="module")
def lenient() -> Iterator[Emulator]:
    with Emulator(demo=True, lenient_page_size=True) as running:
        yield running


@pytest.mark.parametrize("page_size", [1, 3, 8, 50])
def test_list_follows_next_page_urls_through_every_receipt(emulator: Emulator, page_size: int) -> None:
    message = _message(Client(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN), emulator.base_url)
    receipts = message.delivery_receipts.list(page_size=page_size)
    assert [r.sid for r in receipts] == list(DEMO_RECEIPT_SIDS)
    failed = next(r for r in receipts if r.status == "failed")
    assert failed.error_code == 30008
    assert receipts[0].date_created is not None
    assert receipts[0].date_created.year == 2016


def test_an_api_key_and_a_unique_name_work_too(emulator: Emulator) -> None:
    client = Client(DEMO_API_KEY_SID, DEMO_API_KEY_SECRET, account_sid=DEMO_ACCOUNT_SID)
    message = _message(client, emulator.base_url, DEMO_CONVERSATION_UNIQUE_NAME)
    assert len(message.delivery_receipts.list(limit=5, page_size=2)) == 5


def test_fetch_returns_the_receipt(emulator: Emulator) -> None:
    message = _message(Client(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN), emulator.base_url)
    receipt = message.delivery_receipts(DEMO_RECEIPT_SIDS[2]).fetch()
    assert receipt.sid == DEMO_RECEIPT_SIDS[2]
    assert receipt.conversation_sid == DEMO_CONVERSATION_SID
    assert receipt.url is not None
    assert receipt.url.endswith(f"/Receipts/{DEMO_RECEIPT_SIDS[2]}")


def test_fetch_errors_carry_twilios_status_and_code(emulator: Emulator) -> None:
    message = _message(Client(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN), emulator.base_url)
    with pytest.raises(TwilioRestException) as missing:
        message.delivery_receipts("DY" + "f" * 32).fetch()
    assert (missing.value.status, missing.value.code) == (404, 20404)
    wrong = _message(Client(DEMO_ACCOUNT_SID, "wrong"), emulator.base_url)
    with pytest.raises(TwilioRestException) as denied:
        wrong.delivery_receipts(DEMO_RECEIPT_SIDS[0]).fetch()
    assert (denied.value.status, denied.value.code) == (401, 20003)


def test_list_with_limit_100_needs_the_lenient_page_size(emulator: Emulator, lenient: Emulator) -> None:
    # twilio-python sends PageSize=100 for limit=100: beyond the spec's 50.
    strict = _message(Client(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN), emulator.base_url)
    with pytest.raises(TwilioException, match="Unable to fetch page"):
        strict.delivery_receipts.list(limit=100)
    clamped = _message(Client(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN), lenient.base_url)
    assert [r.sid for r in clamped.delivery_receipts.list(limit=100)] == list(DEMO_RECEIPT_SIDS)
