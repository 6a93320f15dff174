"""The generated client against the real emulator on a real socket: what the client
parses is what the emulator stored, field by field, for receipts drawn from the spec,
and walking the pages returns every stored receipt exactly once, in order."""

from __future__ import annotations

import asyncio
import datetime
import itertools
from collections.abc import Iterator
from typing import Any

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st
from twilio_receipts import AuthenticatedClient
from twilio_receipts.api.receipts import fetch_receipt, list_receipts
from twilio_receipts.models import PageMeta, Receipt, ReceiptPage
from twilio_receipts.types import Unset
from twilio_receipts_emulator import (
    DEMO_ACCOUNT_SID,
    DEMO_AUTH_TOKEN,
    DEMO_CONVERSATION_SID,
    DEMO_SERVICE_SID,
    Emulator,
)

from tests.strategies import seed_receipts

_messages = (f"IM{n:032x}" for n in itertools.count(1))


def new_message(emulator: Emulator, receipts: list[dict[str, Any]]) -> str:
    """A message of the demo conversation holding exactly `receipts`; returns its SID."""
    sid = next(_messages)
    emulator.load_seed(
        {
            "messages": [{"sid": sid, "conversation_sid": DEMO_CONVERSATION_SID}],
            "receipts": [{**r, "message_sid": sid} for r in receipts],
        }
    )
    return sid


def list_order(receipts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(receipts, key=lambda r: (r["date_created"], r["sid"]))


def parse_time(value: str | None) -> datetime.datetime | None:
    return None if value is None else datetime.datetime.fromisoformat(value)


def assert_same(parsed: Receipt, stored: dict[str, Any], message_sid: str, base_url: str) -> None:
    """Field by field: the stored values, and those the emulator derives from the parents."""
    assert parsed.sid == stored["sid"]
    assert parsed.participant_sid == stored["participant_sid"]
    assert parsed.channel_message_sid == stored["channel_message_sid"]
    assert not isinstance(parsed.status, Unset)
    assert (None if parsed.status is None else parsed.status.value) == stored["status"]
    assert parsed.error_code == stored["error_code"]
    assert parsed.date_created == parse_time(stored["date_created"])
    assert parsed.date_updated == parse_time(stored["date_updated"])
    assert parsed.account_sid == DEMO_ACCOUNT_SID
    assert parsed.chat_service_sid == DEMO_SERVICE_SID
    assert parsed.conversation_sid == DEMO_CONVERSATION_SID
    assert parsed.message_sid == message_sid
    assert parsed.url == (
        f"{base_url}/v1/Services/{DEMO_SERVICE_SID}/Conversations/{DEMO_CONVERSATION_SID}"
        f"/Messages/{message_sid}/Receipts/{stored['sid']}"
    )
    # What the model writes back is what it read: it parses again to an equal model.
    assert Receipt.from_dict(parsed.to_dict()) == parsed


@settings(max_examples=40)
@given(receipts=seed_receipts(max_size=60), page_size=st.integers(1, 50))
def test_sync_client_reads_back_what_was_stored(
    emulator: Emulator, client: AuthenticatedClient, receipts: list[dict[str, Any]], page_size: int
) -> None:
    message = new_message(emulator, receipts)
    parsed = list(
        list_receipts.sync_all(
            DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, message, client=client, page_size=page_size
        )
    )
    expected = list_order(receipts)
    assert [r.sid for r in parsed] == [r["sid"] for r in expected]
    for got, stored in zip(parsed, expected, strict=True):
        assert_same(got, stored, message, emulator.base_url)
    for stored in expected[:3]:  # each receipt's url names it: fetch-one agrees with the list
        fetched = fetch_receipt.sync(
            DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, message, stored["sid"], client=client
        )
        assert isinstance(fetched, Receipt)
        assert_same(fetched, stored, message, emulator.base_url)


@settings(max_examples=20)
@given(receipts=seed_receipts(max_size=60), page_size=st.integers(1, 50))
def test_async_client_reads_back_what_was_stored(
    emulator: Emulator, receipts: list[dict[str, Any]], page_size: int
) -> None:
    message = new_message(emulator, receipts)

    async def read() -> list[Receipt]:
        # An async client belongs to one event loop: one client per asyncio.run().
        async with AuthenticatedClient(
            base_url=emulator.base_url, username=DEMO_ACCOUNT_SID, password=DEMO_AUTH_TOKEN
        ) as own:
            pages = list_receipts.asyncio_all(
                DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, message, client=own, page_size=page_size
            )
            return [r async for r in pages]

    parsed = asyncio.run(read())
    expected = list_order(receipts)
    assert [r.sid for r in parsed] == [r["sid"] for r in expected]
    for got, stored in zip(parsed, expected, strict=True):
        assert_same(got, stored, message, emulator.base_url)


def sids(pages: list[ReceiptPage]) -> list[str | Unset | None]:
    found: list[str | Unset | None] = []
    for page in pages:
        assert isinstance(page.delivery_receipts, list)  # every page carries its receipts
        found += [r.sid for r in page.delivery_receipts]
    return found


def meta(page: ReceiptPage) -> PageMeta:
    assert isinstance(page.meta, PageMeta)
    return page.meta


def walk(http: httpx.Client, url: str | None, link: str) -> Iterator[ReceiptPage]:
    """Follows meta.<link> verbatim, as any client (Twilio's own included) does."""
    while url is not None:
        response = http.get(url)
        assert response.status_code == 200, response.text
        page = ReceiptPage.from_dict(response.json())
        yield page
        url = getattr(meta(page), link)


@settings(max_examples=25)
@given(count=st.integers(0, 300), page_size=st.integers(1, 50))
def test_every_receipt_once_in_order_whichever_way_pages_are_walked(
    emulator: Emulator, client: AuthenticatedClient, count: int, page_size: int
) -> None:
    message = new_message(emulator, [])
    stored = emulator.add_receipts(count, message_sid=message)

    pages = list(
        list_receipts.sync_pages(
            DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, message, client=client, page_size=page_size
        )
    )
    assert sids(pages) == stored
    assert len(pages) == max(1, -(-count // page_size))
    assert [meta(p).page for p in pages] == list(range(len(pages)))

    first = (
        f"{emulator.base_url}/v1/Services/{DEMO_SERVICE_SID}/Conversations/{DEMO_CONVERSATION_SID}"
        f"/Messages/{message}/Receipts?PageSize={page_size}"
    )
    with httpx.Client(auth=(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN)) as http:
        forward = list(walk(http, first, "next_page_url"))
        assert sids(forward) == stored
        last = meta(forward[-1]).url
        assert isinstance(last, str)
        backward = list(walk(http, last, "previous_page_url"))
        assert sids(backward[::-1]) == stored
        assert meta(backward[-1]).previous_page_url is None
