"""Twilio adds statuses and fields without notice: a receipt with a status the API
description does not list, or with fields it does not name, still parses, with the raw
value at hand and an annotation that stays true."""

from __future__ import annotations

import asyncio
import pickle
from typing import Any

import pytest
from twilio_receipts import AuthenticatedClient
from twilio_receipts.api.receipts import fetch_receipt, list_receipts
from twilio_receipts.models import Receipt, ReceiptPage, ReceiptStatus

from tests.client.helpers import MODES, Mode, all_receipts
from tests.client.servers import ScriptedServer, json_reply, page_body, receipt_body

NEW_FIELDS: dict[str, Any] = {"channel_metadata": {"type": "whatsapp", "seen": True}, "read_at": None}


@pytest.fixture
def future_twilio() -> Any:
    """A server answering like a Twilio that grew a "seen" status and two fields."""
    receipts = [
        receipt_body(1, status="seen", **NEW_FIELDS),
        receipt_body(2, status="read"),
        receipt_body(3, status=None),
        receipt_body(4, status="queued-for-delivery"),
    ]

    def handler(request: Any) -> Any:
        if request.raw_path.endswith("/Receipts"):
            return json_reply(200, page_body(receipts, None))
        return json_reply(200, receipts[0])

    with ScriptedServer(handler) as server:
        yield server


def client(server: ScriptedServer) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=server.url, username="AC1", password="token")


@pytest.mark.parametrize("mode", MODES)
def test_an_unknown_status_parses_into_the_enum_with_its_raw_value(
    future_twilio: ScriptedServer, mode: Mode
) -> None:
    seen, read, none, queued = all_receipts(mode, client(future_twilio), service="IS1")
    assert isinstance(seen.status, ReceiptStatus)
    assert seen.status.value == "seen"
    assert seen.status == "seen"
    assert str(seen.status) == "seen"
    assert seen.status.is_known is False
    assert seen.status.name == "UNKNOWN"
    assert read.status is ReceiptStatus.READ
    assert read.status.is_known is True
    assert none.status is None
    assert isinstance(queued.status, ReceiptStatus)
    assert queued.status.value == "queued-for-delivery"


@pytest.mark.parametrize("mode", MODES)
def test_unknown_fields_are_kept_as_additional_properties(future_twilio: ScriptedServer, mode: Mode) -> None:
    seen, read, *_ = all_receipts(mode, client(future_twilio), service="IS1")
    assert seen.additional_properties == NEW_FIELDS
    assert seen["channel_metadata"] == {"type": "whatsapp", "seen": True}
    assert "read_at" in seen
    assert read.additional_properties == {}


def test_the_stock_functions_tolerate_them_too(future_twilio: ScriptedServer) -> None:
    receipt = fetch_receipt.sync("IS1", "CH1", "IM1", "DY1", client=client(future_twilio))
    assert isinstance(receipt, Receipt)
    assert isinstance(receipt.status, ReceiptStatus)
    assert receipt.status.value == "seen"
    assert receipt.additional_properties == NEW_FIELDS
    page = asyncio.run(list_receipts.asyncio("IS1", "CH1", "IM1", client=client(future_twilio)))
    assert isinstance(page, ReceiptPage)
    assert [str(r.status) for r in page.delivery_receipts or []] == [
        "seen",
        "read",
        "None",
        "queued-for-delivery",
    ]


def test_the_raw_values_survive_to_dict(future_twilio: ScriptedServer) -> None:
    seen = next(list_receipts.sync_all("IS1", "CH1", "IM1", client=client(future_twilio)))
    data = seen.to_dict()
    assert data["status"] == "seen"
    assert data["channel_metadata"] == NEW_FIELDS["channel_metadata"]
    assert Receipt.from_dict(data) == seen


def test_an_unknown_status_is_the_same_object_each_time_and_pickles() -> None:
    first = ReceiptStatus("delivered-late")
    assert ReceiptStatus("delivered-late") is first
    assert pickle.loads(pickle.dumps(first)) is first  # noqa: S301 (our own bytes)
    assert hash(first) == hash("delivered-late")
    assert list(ReceiptStatus) == [
        ReceiptStatus.DELIVERED,
        ReceiptStatus.FAILED,
        ReceiptStatus.READ,
        ReceiptStatus.SENT,
        ReceiptStatus.UNDELIVERED,
    ]


def test_a_flood_of_unknown_statuses_does_not_grow_memory_without_bound() -> None:
    cache = dict(ReceiptStatus._value2member_map_)
    try:
        for number in range(1000):
            status = ReceiptStatus(f"status-{number}")
            assert (status.value, status.is_known) == (f"status-{number}", False)
        assert len(ReceiptStatus._value2member_map_) <= len(ReceiptStatus) + 64
    finally:  # leave the cache as other tests expect it
        ReceiptStatus._value2member_map_.clear()
        ReceiptStatus._value2member_map_.update(cache)


@pytest.mark.parametrize("value", [5, 1.5, ["read"], {"a": 1}])
def test_a_status_that_is_not_a_string_is_still_refused_by_the_enum(value: Any) -> None:
    with pytest.raises(ValueError, match="is not a valid ReceiptStatus"):
        ReceiptStatus(value)
