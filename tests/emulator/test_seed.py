"""The seed format: what it accepts, the messages for what it refuses, idempotence."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from twilio_receipts_emulator import (
    DEMO_ACCOUNT_SID,
    DEMO_CONVERSATION_SID,
    DEMO_MESSAGE_SID,
    DEMO_RECEIPT_SIDS,
    DEMO_SEED,
    DEMO_SERVICE_SID,
    SeedError,
    Store,
    load_seed,
)

RECEIPT = {
    "sid": "DY" + "e" * 32,
    "message_sid": DEMO_MESSAGE_SID,
    "status": "delivered",
    "date_created": "2016-03-24T20:37:57Z",
}


@pytest.fixture
def store() -> Store:
    store = Store()
    load_seed(store, DEMO_SEED)
    return store


def _all_sids(store: Store) -> list[str]:
    return [r.sid for r in store.list_receipts(DEMO_MESSAGE_SID, limit=50).receipts]


def test_loading_the_same_seed_twice_changes_nothing(store: Store) -> None:
    before = store.list_receipts(DEMO_MESSAGE_SID, limit=50).receipts
    load_seed(store, DEMO_SEED)
    assert store.list_receipts(DEMO_MESSAGE_SID, limit=50).receipts == before
    assert [r.sid for r in before] == list(DEMO_RECEIPT_SIDS)


def test_a_receipt_takes_account_service_and_conversation_from_its_message(store: Store) -> None:
    load_seed(store, {"receipts": [RECEIPT]})
    receipt = store.get_receipt(DEMO_MESSAGE_SID, RECEIPT["sid"])
    assert receipt.account_sid == DEMO_ACCOUNT_SID
    assert receipt.chat_service_sid == DEMO_SERVICE_SID
    assert receipt.conversation_sid == DEMO_CONVERSATION_SID
    # Defaults of the optional fields.
    assert (receipt.participant_sid, receipt.channel_message_sid, receipt.error_code) == (
        None,
        None,
        0,
    )
    assert receipt.date_updated is None


def test_loading_an_existing_sid_updates_it(store: Store) -> None:
    load_seed(store, {"receipts": [RECEIPT]})
    load_seed(store, {"receipts": [{**RECEIPT, "status": "read", "error_code": 5}]})
    receipt = store.get_receipt(DEMO_MESSAGE_SID, RECEIPT["sid"])
    assert (receipt.status, receipt.error_code) == ("read", 5)


def test_dates_are_normalised_to_utc_seconds(store: Store) -> None:
    load_seed(store, {"receipts": [{**RECEIPT, "date_created": "2016-03-24T22:37:57.250+02:00"}]})
    assert store.get_receipt(DEMO_MESSAGE_SID, RECEIPT["sid"]).date_created == "2016-03-24T20:37:57Z"


def _receipts_with(index: int, **changes: Any) -> dict[str, Any]:
    receipts = [{**RECEIPT, "sid": f"DY{n:032x}"} for n in range(index + 1)]
    receipts[index].update(changes)
    return {"receipts": receipts}


@pytest.mark.parametrize(
    ("seed", "message"),
    [
        ([], "a seed is a JSON object"),
        ({"acounts": []}, "unknown key 'acounts'"),
        ({"receipts": {}}, "receipts must be a list"),
        ({"receipts": ["x"]}, "receipts[0]: must be an object"),
        (_receipts_with(3, message_sid="IM" + "f" * 32), f"receipts[3]: unknown message_sid IM{'f' * 32}"),
        (_receipts_with(2, colour="red"), "receipts[2]: unknown key 'colour'"),
        ({"receipts": [{"sid": "DY" + "e" * 32}]}, "receipts[0]: missing message_sid"),
        (_receipts_with(0, sid="DY123"), "receipts[0]: sid must be DY + 32 hex digits, not 'DY123'"),
        (_receipts_with(0, status="seen"), "receipts[0]: status must be one of read, failed"),
        (_receipts_with(0, error_code=True), "receipts[0]: error_code must be an integer"),
        (_receipts_with(0, error_code="5"), "receipts[0]: error_code must be an integer"),
        (_receipts_with(0, date_created="yesterday"), "receipts[0]: date_created must be an ISO 8601"),
        (
            _receipts_with(0, date_created="2016-03-24T20:37:57"),
            "date_created must be an ISO 8601 date-time with a time zone",
        ),
        (_receipts_with(0, participant_sid="SM" + "a" * 32), "receipts[0]: participant_sid must be an MB"),
        (
            _receipts_with(0, channel_message_sid="S1" + "a" * 32),
            "receipts[0]: channel_message_sid must be a channel SID",
        ),
        (
            _receipts_with(1, sid=f"DY{0:032x}"),
            f"receipts[1]: duplicate receipt sid DY{0:032x} (also receipts[0])",
        ),
        (
            {"services": [{"sid": "IS" + "e" * 32, "account_sid": "AC" + "e" * 32}]},
            f"services[0]: unknown account_sid AC{'e' * 32}",
        ),
        (
            {"messages": [{"sid": "IM" + "e" * 32, "conversation_sid": "CH" + "e" * 32}]},
            f"messages[0]: unknown conversation_sid CH{'e' * 32}",
        ),
        (
            {
                "conversations": [
                    {
                        "sid": "CH" + "e" * 32,
                        "chat_service_sid": DEMO_SERVICE_SID,
                        "unique_name": "demo-conversation",
                    }
                ]
            },
            "conversations[0]: unique_name 'demo-conversation' is already used in service",
        ),
        (
            {
                "conversations": [
                    {"sid": "CH" + "e" * 32, "chat_service_sid": DEMO_SERVICE_SID, "unique_name": ""}
                ]
            },
            "conversations[0]: unique_name must be a non-empty string or null",
        ),
        (
            {
                "accounts": [
                    {
                        "sid": "AC" + "e" * 32,
                        "api_keys": [{"sid": "SK" + "e" * 32, "secret": ""}],
                        "auth_token": "t",
                    }
                ]
            },
            "accounts[0].api_keys[0]: secret must be a non-empty string",
        ),
        (
            {"accounts": [{"sid": "AC" + "e" * 32, "auth_token": 5}]},
            "accounts[0]: auth_token must be a non-empty string",
        ),
    ],
)
def test_bad_seeds_are_refused_naming_the_entry(store: Store, seed: Any, message: str) -> None:
    before = _all_sids(store)
    with pytest.raises(SeedError) as raised:
        load_seed(store, seed)
    assert message in str(raised.value)
    assert _all_sids(store) == before  # all or nothing


def test_references_may_point_into_the_same_seed(store: Store) -> None:
    seed = copy.deepcopy(DEMO_SEED)
    fresh = Store()
    load_seed(fresh, seed)  # every parent defined in the seed itself, before use
    assert _all_sids(fresh) == _all_sids(store)


def test_secrets_never_appear_in_messages(store: Store) -> None:
    seed = {
        "accounts": [
            {
                "sid": "AC" + "e" * 32,
                "auth_token": "s3cr3t-token",
                "api_keys": [{"sid": "bad", "secret": "s3cr3t-key"}],
            }
        ]
    }
    with pytest.raises(SeedError) as raised:
        load_seed(store, seed)
    assert "s3cr3t" not in str(raised.value)
