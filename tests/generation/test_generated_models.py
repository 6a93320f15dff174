"""The generated models read the reference page's example and give the same data back."""

from __future__ import annotations

import datetime
from typing import Any

from twilio_receipts.models import PageMeta, Receipt, ReceiptPage, ReceiptStatus

from tests.seed_example import seed_example_page

UTC = datetime.UTC


def normalise(value: Any) -> Any:
    """`Z` and `+00:00` name the same instant; the models write the latter."""
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, str) and value.endswith("Z") and value[:4].isdigit():
        return value[:-1] + "+00:00"
    return value


def test_seed_example_parses_into_typed_models() -> None:
    page = ReceiptPage.from_dict(seed_example_page())
    assert isinstance(page.delivery_receipts, list)
    assert len(page.delivery_receipts) == 3
    for receipt in page.delivery_receipts:
        assert isinstance(receipt, Receipt)
        assert receipt.status is ReceiptStatus.FAILED
        assert receipt.error_code == 3000
        assert receipt.date_created == datetime.datetime(2016, 3, 24, 20, 37, 57, tzinfo=UTC)
        assert receipt.sid == "DY" + "a" * 32
        assert receipt.channel_message_sid == "SM" + "a" * 32
    assert isinstance(page.meta, PageMeta)
    assert page.meta.key == "delivery_receipts"
    assert page.meta.next_page_url is None
    assert page.meta.page_size == 50


def test_seed_example_round_trips_through_to_dict() -> None:
    original = seed_example_page()
    assert ReceiptPage.from_dict(original).to_dict() == normalise(original)


def test_nulls_survive_the_round_trip() -> None:
    nulls = dict.fromkeys(
        [
            "account_sid",
            "chat_service_sid",
            "conversation_sid",
            "message_sid",
            "sid",
            "channel_message_sid",
            "participant_sid",
            "status",
            "date_created",
            "date_updated",
            "url",
        ],
    )
    receipt = Receipt.from_dict({**nulls, "error_code": 0})
    assert receipt.status is None
    assert receipt.date_updated is None
    assert receipt.to_dict() == {**nulls, "error_code": 0}
