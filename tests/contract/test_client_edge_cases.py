"""What random draws miss, by hand: ConversationSid spelled as a unique_name or as path
trouble (`.`, `..`, empty, unicode, `#`, `%`), receipts whose nullable fields are all
null, and the reference page's own example page, each through the generated client on
a real socket."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from twilio_receipts import AuthenticatedClient
from twilio_receipts.api.receipts import fetch_receipt, list_receipts
from twilio_receipts.errors import InvalidPathParameterError, NotFoundError
from twilio_receipts.models import Receipt
from twilio_receipts_emulator import (
    DEMO_ACCOUNT_SID,
    DEMO_CONVERSATION_SID,
    DEMO_CONVERSATION_UNIQUE_NAME,
    DEMO_MESSAGE_SID,
    DEMO_RECEIPT_SIDS,
    DEMO_SERVICE_SID,
    Emulator,
)

from tests.client.servers import ScriptedServer, json_reply
from tests.seed_example import seed_example_page


def listed(client: AuthenticatedClient, conversation: str) -> list[Receipt]:
    return list(list_receipts.sync_all(DEMO_SERVICE_SID, conversation, DEMO_MESSAGE_SID, client=client))


def test_unique_name_lists_the_same_receipts_with_the_ch_sid(client: AuthenticatedClient) -> None:
    by_name = listed(client, DEMO_CONVERSATION_UNIQUE_NAME)
    assert [r.sid for r in by_name] == list(DEMO_RECEIPT_SIDS)
    assert by_name == listed(client, DEMO_CONVERSATION_SID)
    assert {r.conversation_sid for r in by_name} == {DEMO_CONVERSATION_SID}


@pytest.mark.parametrize("conversation", ["", ".", ".."])
def test_path_changing_values_are_refused_before_anything_is_sent(
    client: AuthenticatedClient, conversation: str
) -> None:
    with pytest.raises(InvalidPathParameterError):
        listed(client, conversation)
    with pytest.raises(InvalidPathParameterError):
        fetch_receipt.sync_detailed(
            DEMO_SERVICE_SID, conversation, DEMO_MESSAGE_SID, DEMO_RECEIPT_SIDS[0], client=client
        )


AWKWARD = ["Ünïcødé-会話", "a#b", "100%", "%2e%2e", "a/b", "a?PageSize=1", " ", "..."]


@pytest.mark.parametrize("conversation", AWKWARD)
def test_awkward_names_are_sent_as_one_encoded_segment(conversation: str) -> None:
    with (
        ScriptedServer(lambda _: json_reply(200, {"delivery_receipts": [], "meta": {}})) as server,
        AuthenticatedClient(base_url=server.url, username=DEMO_ACCOUNT_SID, password="x") as client,
    ):
        assert listed(client, conversation) == []
    (request,) = server.requests
    assert f"/Conversations/{quote(conversation, safe='')}/Messages/" in request.raw_path


@pytest.mark.parametrize("conversation", AWKWARD)
def test_awkward_names_reach_the_emulator_intact_and_are_not_found(
    client: AuthenticatedClient, conversation: str
) -> None:
    with pytest.raises(NotFoundError) as caught:
        listed(client, conversation)
    error = caught.value
    assert (error.status, error.code) == (404, 20404)
    # Twilio's 404 names the path it was asked for, decoded: the name arrived whole.
    assert f"/Conversations/{conversation}/Messages/{DEMO_MESSAGE_SID}/Receipts" in error.message


def test_a_receipt_whose_nullable_fields_are_all_null(
    emulator: Emulator, client: AuthenticatedClient
) -> None:
    message = "IM" + "e" * 32
    emulator.load_seed(
        {
            "messages": [{"sid": message, "conversation_sid": DEMO_CONVERSATION_SID}],
            "receipts": [
                {
                    "sid": "DY" + "e" * 32,
                    "message_sid": message,
                    "participant_sid": None,
                    "channel_message_sid": None,
                    "status": None,
                    "error_code": 0,
                    "date_created": "2020-01-01T00:00:00Z",
                    "date_updated": None,
                }
            ],
        }
    )
    (receipt,) = list_receipts.sync_all(DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, message, client=client)
    assert receipt.participant_sid is None
    assert receipt.channel_message_sid is None
    assert receipt.status is None
    assert receipt.date_updated is None
    assert receipt.to_dict()["status"] is None
    assert Receipt.from_dict(receipt.to_dict()) == receipt


def test_the_reference_pages_example_page_through_the_client() -> None:
    page = seed_example_page()
    with (
        ScriptedServer(lambda _: json_reply(200, page)) as server,
        AuthenticatedClient(base_url=server.url, username=DEMO_ACCOUNT_SID, password="x") as client,
    ):
        receipts = list(
            list_receipts.sync_all(DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID, client=client)
        )
    # Three receipts, the same SID each time: the client neither drops nor merges any.
    assert len(receipts) == 3
    assert [r.to_dict()["sid"] for r in receipts] == [r["sid"] for r in page["delivery_receipts"]]
    assert len(server.requests) == 1  # next_page_url is null: one page, one request
