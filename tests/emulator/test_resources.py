"""Which resources a request can reach: 404s as Twilio writes them, the unique_name
path, fetch-one by every receipt's own `url`, and unknown paths."""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest
from twilio_receipts_emulator import (
    DEMO_ACCOUNT_SID,
    DEMO_AUTH_TOKEN,
    DEMO_CONVERSATION_SID,
    DEMO_CONVERSATION_UNIQUE_NAME,
    DEMO_MESSAGE_SID,
    DEMO_RECEIPT_SIDS,
    DEMO_SERVICE_SID,
    OTHER_CONVERSATION_SID,
    OTHER_MESSAGE_SID,
    OTHER_RECEIPT_SID,
    OTHER_SERVICE_SID,
    Emulator,
)

from tests.emulator.support import assert_twilio_error, basic_auth, list_path, raw_request

MISSING = "f" * 32


def _not_found_message(path: str) -> str:
    return f"The requested resource {path.removeprefix('/v1')} was not found"


@pytest.mark.parametrize(
    "path",
    [
        list_path(service="IS" + MISSING),
        list_path(conversation="CH" + MISSING),
        list_path(message="IM" + MISSING),
        list_path() + "/DY" + MISSING,
        # Malformed SIDs are 404s too, as on Twilio.
        list_path(service="IS123"),
        list_path(service="XX" + "a" * 32),
        list_path(message="IM" + "a" * 33),
        list_path(message="IMzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"),
        list_path() + "/DY123",
        list_path() + "/" + DEMO_MESSAGE_SID,
        list_path() + "/",
        # The other account's data, reached with the demo account's credentials.
        list_path(OTHER_SERVICE_SID, OTHER_CONVERSATION_SID, OTHER_MESSAGE_SID),
        list_path(OTHER_SERVICE_SID, OTHER_CONVERSATION_SID, OTHER_MESSAGE_SID) + "/" + OTHER_RECEIPT_SID,
        list_path(OTHER_SERVICE_SID, DEMO_CONVERSATION_UNIQUE_NAME, OTHER_MESSAGE_SID),
        # Real SIDs in the wrong places.
        list_path(conversation=OTHER_CONVERSATION_SID),
        list_path(message=OTHER_MESSAGE_SID),
        list_path() + "/" + OTHER_RECEIPT_SID,
        list_path(service=OTHER_SERVICE_SID),
    ],
)
def test_what_the_account_cannot_reach_is_twilios_404(http: httpx.Client, path: str) -> None:
    response = http.get(path)
    body = assert_twilio_error(response, 404, 20404)
    assert body["message"] == _not_found_message(path)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/v1",
        "/v1/Services",
        "/v2" + list_path().removeprefix("/v1"),
        list_path() + "/x/y",
        list_path().replace("Receipts", "receipts"),
        "/v1/Services/x/Conversations/y/Messages/z",
    ],
)
def test_unknown_paths_are_twilios_404(http: httpx.Client, path: str) -> None:
    response = http.get(path)
    body = assert_twilio_error(response, 404, 20404)
    assert path.removeprefix("/v1") in body["message"]


@pytest.mark.parametrize(
    "conversation", [DEMO_CONVERSATION_SID, DEMO_CONVERSATION_UNIQUE_NAME], ids=["sid", "unique_name"]
)
def test_the_conversation_is_its_sid_or_its_unique_name(
    emulator: Emulator, http: httpx.Client, conversation: str
) -> None:
    page = http.get(list_path(conversation=conversation), params={"PageSize": 50}).json()
    assert [r["sid"] for r in page["delivery_receipts"]] == list(DEMO_RECEIPT_SIDS)
    canonical = emulator.base_url + list_path()
    for receipt in page["delivery_receipts"]:
        assert receipt["conversation_sid"] == DEMO_CONVERSATION_SID
        assert receipt["url"] == f"{canonical}/{receipt['sid']}"
    assert page["meta"]["url"] == f"{canonical}?PageSize=50&Page=0"
    fetched = http.get(list_path(conversation=conversation) + "/" + DEMO_RECEIPT_SIDS[0]).json()
    assert fetched["conversation_sid"] == DEMO_CONVERSATION_SID


def test_a_unique_name_is_percent_decoded(web: httpx.Client, emulator: Emulator) -> None:
    name = "support/ticket #42 100% ünïcödé"
    with Emulator(demo=True) as own:
        own.load_seed(
            {
                "conversations": [
                    {"sid": "CH" + "c" * 32, "chat_service_sid": DEMO_SERVICE_SID, "unique_name": name}
                ],
                "messages": [{"sid": "IM" + "c" * 32, "conversation_sid": "CH" + "c" * 32}],
            }
        )
        receipts = own.add_receipts(2, message_sid="IM" + "c" * 32)
        path = list_path(conversation=quote(name, safe=""), message="IM" + "c" * 32)
        response = web.get(own.base_url + path, auth=(own.account_sid, own.auth_token))
    assert response.status_code == 200
    assert [r["sid"] for r in response.json()["delivery_receipts"]] == receipts


@pytest.mark.parametrize(
    "segment", ["%2E", "%2E%2E", "", "%23", "%25", "%2F", "%C3%A9t%C3%A9", "%FF%FE", "%00", "%", "%zz"]
)
def test_odd_conversation_segments_are_clean_404s(emulator: Emulator, segment: str) -> None:
    # Sent raw: httpx would encode `%` and resolve dot segments before they got here.
    target = list_path(conversation=segment)
    response = raw_request(emulator.base_url, target, _auth_header())
    status_line, _, rest = response.partition(b"\r\n")
    assert status_line == b"HTTP/1.1 404 Not Found"
    assert b'"code":20404' in rest
    assert b"content-type: application/json" in rest


@pytest.mark.parametrize("segment", [".", ".."])
def test_literal_dot_segments_are_clean_404s(emulator: Emulator, segment: str) -> None:
    response = raw_request(emulator.base_url, list_path(conversation=segment), _auth_header())
    assert response.startswith(b"HTTP/1.1 404 Not Found\r\n")
    assert b'"code":20404' in response


def test_every_listed_receipt_is_fetched_by_its_own_url(http: httpx.Client) -> None:
    page = http.get(list_path()).json()
    assert len(page["delivery_receipts"]) == len(DEMO_RECEIPT_SIDS)
    for receipt in page["delivery_receipts"]:
        response = http.get(receipt["url"])  # absolute: followed verbatim
        assert response.status_code == 200
        assert response.json() == receipt


def test_receipts_carry_their_parents_and_twilios_fields(http: httpx.Client) -> None:
    receipts = http.get(list_path()).json()["delivery_receipts"]
    for receipt in receipts:
        assert receipt["account_sid"] == DEMO_ACCOUNT_SID
        assert receipt["chat_service_sid"] == DEMO_SERVICE_SID
        assert receipt["conversation_sid"] == DEMO_CONVERSATION_SID
        assert receipt["message_sid"] == DEMO_MESSAGE_SID
        assert set(receipt) == {
            "account_sid",
            "chat_service_sid",
            "conversation_sid",
            "message_sid",
            "sid",
            "channel_message_sid",
            "participant_sid",
            "status",
            "error_code",
            "date_created",
            "date_updated",
            "url",
        }
    statuses = {r["status"] for r in receipts}
    assert statuses == {"read", "failed", "delivered", "undelivered", "sent"}
    failed = [r for r in receipts if r["status"] == "failed"]
    assert failed[0]["error_code"] != 0
    assert any(r["participant_sid"] is None and r["channel_message_sid"] is None for r in receipts)
    assert any(r["date_updated"] is None for r in receipts)


def _auth_header() -> dict[str, str]:
    return {"Authorization": basic_auth(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN)}


def test_an_updated_receipt_is_served_updated_at_once(web: httpx.Client, twilio_emulator: Emulator) -> None:
    # Receipts' JSON is cached per URL base; a write must empty that cache.
    url = twilio_emulator.base_url + list_path() + "/" + DEMO_RECEIPT_SIDS[0]
    auth = (twilio_emulator.account_sid, twilio_emulator.auth_token)
    before = web.get(url, auth=auth).json()
    assert before["status"] == "delivered"
    twilio_emulator.load_seed(
        {
            "receipts": [
                {
                    "sid": DEMO_RECEIPT_SIDS[0],
                    "message_sid": DEMO_MESSAGE_SID,
                    "status": "read",
                    "date_created": before["date_created"],
                    "date_updated": "2016-03-25T00:00:00Z",
                }
            ]
        }
    )
    after = web.get(url, auth=auth).json()
    assert (after["status"], after["date_updated"]) == ("read", "2016-03-25T00:00:00Z")
    listed = web.get(twilio_emulator.base_url + list_path(), auth=auth).json()
    assert listed["delivery_receipts"][0] == after
