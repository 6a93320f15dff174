"""A path parameter can never turn into another URL path: "", "." and ".." are refused
before anything is sent (httpx would remove dot segments: Conversations/../Messages is
Messages), and everything else travels as exactly one percent-encoded segment."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from twilio_receipts import AuthenticatedClient
from twilio_receipts.api.receipts import fetch_receipt, list_receipts
from twilio_receipts.errors import InvalidPathParameterError
from twilio_receipts_emulator.demo import DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID, DEMO_SERVICE_SID
from twilio_receipts_emulator.server import Emulator

from tests.client.helpers import client_for
from tests.client.servers import Reply, ScriptedServer

BAD = ["", ".", ".."]


def _drain_async(iterator: Any) -> None:
    async def drain() -> None:
        async for _ in iterator:
            pass

    asyncio.run(drain())


CALLS: dict[str, Callable[[AuthenticatedClient, str], object]] = {
    "sync_detailed": lambda c, v: list_receipts.sync_detailed(
        DEMO_SERVICE_SID, v, DEMO_MESSAGE_SID, client=c
    ),
    "sync": lambda c, v: list_receipts.sync(v, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID, client=c),
    "asyncio_detailed": lambda c, v: asyncio.run(
        list_receipts.asyncio_detailed(DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, v, client=c)
    ),
    "sync_all": lambda c, v: list_receipts.sync_all(DEMO_SERVICE_SID, v, DEMO_MESSAGE_SID, client=c),
    "sync_pages": lambda c, v: list_receipts.sync_pages(DEMO_SERVICE_SID, v, DEMO_MESSAGE_SID, client=c),
    "asyncio_all": lambda c, v: list_receipts.asyncio_all(DEMO_SERVICE_SID, v, DEMO_MESSAGE_SID, client=c),
    "asyncio_pages": lambda c, v: list_receipts.asyncio_pages(
        DEMO_SERVICE_SID, v, DEMO_MESSAGE_SID, client=c
    ),
    "fetch_sid": lambda c, v: fetch_receipt.sync_detailed(
        DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID, v, client=c
    ),
}


@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize("call", list(CALLS))
def test_empty_and_dot_segments_are_refused_before_sending(call: str, value: str) -> None:
    with ScriptedServer(lambda _: Reply(500)) as server:
        client = AuthenticatedClient(base_url=server.url, username="AC1", password="token")
        with pytest.raises(InvalidPathParameterError) as caught:
            CALLS[call](client, value)  # the iterators refuse when made, not when first read
    assert server.requests == []
    assert isinstance(caught.value, ValueError)
    assert repr(value) in str(caught.value)


@pytest.mark.parametrize(
    ("value", "segment"),
    [
        ("a/b", "a%2Fb"),
        ("../Messages", "..%2FMessages"),
        ("%2e%2e", "%252e%252e"),
        ("...", "..."),
        (" ..", "%20.."),
        ("name with spaces?#", "name%20with%20spaces%3F%23"),
        ("caf\u00e9", "caf%C3%A9"),
    ],
)
def test_other_values_travel_as_one_encoded_segment(value: str, segment: str) -> None:
    with ScriptedServer(lambda _: Reply(404)) as server:
        client = AuthenticatedClient(base_url=server.url, username="AC1", password="token", retries=None)
        list_receipts.sync_detailed("IS1", value, "IM1", client=client)
    assert [r.raw_path for r in server.requests] == [
        f"/v1/Services/IS1/Conversations/{segment}/Messages/IM1/Receipts"
    ]


def test_a_dot_dot_that_would_reach_another_route_of_the_emulator_is_refused(emulator: Emulator) -> None:
    """Without the check, ConversationSid=".." would have asked the emulator for
    /v1/Services/IS…/Messages/IM…/Receipts: a different resource."""
    client = client_for(emulator)
    with pytest.raises(InvalidPathParameterError):
        list_receipts.sync_detailed(DEMO_SERVICE_SID, "..", DEMO_MESSAGE_SID, client=client)
    ok = list_receipts.sync_detailed(DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID, client=client)
    assert ok.status_code == 200


def test_async_iterators_refuse_when_made() -> None:
    with pytest.raises(InvalidPathParameterError):
        _drain_async(list_receipts.asyncio_all(DEMO_SERVICE_SID, ".", DEMO_MESSAGE_SID, client=_offline()))


def _offline() -> AuthenticatedClient:
    return AuthenticatedClient(base_url="http://127.0.0.1:9", username="AC1", password="token", retries=None)
