"""sync_pages/asyncio_pages and sync_all/asyncio_all: every receipt once and in order,
lazily, in constant memory, with limit and page_size; next_page_url followed only under
the base URL; every failure a TwilioApiError."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import tracemalloc
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from twilio_receipts import AuthenticatedClient
from twilio_receipts.api.receipts import list_receipts
from twilio_receipts.errors import (
    ForeignPageUrlError,
    InvalidResponseError,
    NotFoundError,
    ServerError,
    TwilioApiError,
)
from twilio_receipts.models import PageMeta, Receipt, ReceiptPage
from twilio_receipts_emulator.demo import (
    DEMO_CONVERSATION_SID,
    DEMO_CONVERSATION_UNIQUE_NAME,
    DEMO_MESSAGE_SID,
    DEMO_RECEIPT_SIDS,
    DEMO_SERVICE_SID,
    OTHER_MESSAGE_SID,
)
from twilio_receipts_emulator.server import Emulator

from tests.client.helpers import MODES, Mode, all_receipts, client_for, pages, receipts_iter
from tests.client.servers import Recorded, Reply, ScriptedServer, json_reply, page_body, receipt_body


def counting_client(emulator: Emulator, **kwargs: Any) -> tuple[AuthenticatedClient, list[str]]:
    """A client whose httpx event hooks record every request URL it sends."""
    sent: list[str] = []

    def record(request: httpx.Request) -> None:
        sent.append(str(request.url))

    async def arecord(request: httpx.Request) -> None:
        sent.append(str(request.url))

    client = client_for(emulator, **kwargs)
    client.get_httpx_client().event_hooks["request"].append(record)
    client.get_async_httpx_client().event_hooks["request"].append(arecord)
    return client, sent


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("page_size", [1, 3, 8, 50])
def test_all_yields_every_receipt_once_in_api_order(emulator: Emulator, mode: Mode, page_size: int) -> None:
    client, sent = counting_client(emulator)
    got = all_receipts(mode, client, page_size=page_size)
    assert [r.sid for r in got] == list(DEMO_RECEIPT_SIDS)
    assert all(isinstance(r, Receipt) for r in got)
    assert (
        len(sent) == -(-len(DEMO_RECEIPT_SIDS) // page_size) + (len(DEMO_RECEIPT_SIDS) % page_size == 0) * 0
    )
    assert all(f"PageSize={page_size}" in url for url in sent)


@pytest.mark.parametrize("mode", MODES)
def test_pages_yields_page_models_following_next_page_url(emulator: Emulator, mode: Mode) -> None:
    got = pages(mode, client_for(emulator), page_size=3)
    assert [len(page.delivery_receipts or []) for page in got] == [3, 3, 2]
    assert all(isinstance(page, ReceiptPage) and isinstance(page.meta, PageMeta) for page in got)
    assert [page.meta.page for page in got if isinstance(page.meta, PageMeta)] == [0, 1, 2]
    assert isinstance(got[-1].meta, PageMeta)
    assert got[-1].meta.next_page_url is None
    sids = [r.sid for page in got for r in page.delivery_receipts or []]
    assert sids == list(DEMO_RECEIPT_SIDS)


@pytest.mark.parametrize("mode", MODES)
def test_a_conversation_unique_name_works_as_the_path_parameter(emulator: Emulator, mode: Mode) -> None:
    got = all_receipts(mode, client_for(emulator), conversation=DEMO_CONVERSATION_UNIQUE_NAME, page_size=5)
    assert [r.sid for r in got] == list(DEMO_RECEIPT_SIDS)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("limit", "page_size", "requests"), [(0, 3, 0), (1, 3, 1), (3, 3, 1), (4, 3, 2), (100, 3, 3)]
)
def test_limit_stops_early_and_fetches_no_page_it_does_not_need(
    emulator: Emulator, mode: Mode, limit: int, page_size: int, requests: int
) -> None:
    client, sent = counting_client(emulator)
    got = all_receipts(mode, client, limit=limit, page_size=page_size)
    assert [r.sid for r in got] == list(DEMO_RECEIPT_SIDS[:limit])
    assert len(sent) == requests


def test_a_negative_limit_is_refused_before_anything_is_sent(emulator: Emulator) -> None:
    client, sent = counting_client(emulator)
    with pytest.raises(ValueError, match="limit"):
        receipts_iter(client, limit=-1)
    assert sent == []


def test_pages_are_fetched_only_as_iteration_reaches_them(emulator: Emulator) -> None:
    client, sent = counting_client(emulator)
    iterator = receipts_iter(client, page_size=2)
    assert sent == []
    first = [next(iterator), next(iterator)]
    assert len(sent) == 1
    third = next(iterator)
    assert len(sent) == 2
    assert [r.sid for r in [*first, third]] == list(DEMO_RECEIPT_SIDS[:3])


def test_async_pages_are_fetched_only_as_iteration_reaches_them(emulator: Emulator) -> None:
    client, sent = counting_client(emulator)

    async def walk() -> list[int]:
        counts = []
        iterator = list_receipts.asyncio_all(
            DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID, client=client, page_size=2
        )
        counts.append(len(sent))
        async for _ in iterator:
            counts.append(len(sent))
        return counts

    assert asyncio.run(walk()) == [0, 1, 1, 2, 2, 3, 3, 4, 4]


# Memory: httpx's responses are cyclic garbage (in httpx and httpcore, with or without this
# client), freed whenever the collector runs. To measure what the helpers themselves keep
# alive, the collector runs after every response, over a frozen heap (gc.freeze) so that
# this stays fast.
MEMORY_RECEIPTS = 1500


@contextlib.contextmanager
def _traced() -> Iterator[list[int]]:
    """Yields a list that receives the peak of traced memory at the end of the block."""
    peak: list[int] = []
    gc.collect()
    tracemalloc.start()
    try:
        yield peak
        peak.append(tracemalloc.get_traced_memory()[1])
    finally:
        tracemalloc.stop()


@pytest.fixture
def long_list(fresh_emulator: Emulator) -> Iterator[AuthenticatedClient]:
    """The demo message with 1,500 receipts, and a client collecting garbage after each
    response; the heap is frozen meanwhile."""
    fresh_emulator.add_receipts(MEMORY_RECEIPTS - len(DEMO_RECEIPT_SIDS))

    async def acollect(_: httpx.Response) -> None:
        gc.collect()

    client = client_for(fresh_emulator, httpx_args={"event_hooks": {"response": [lambda _: gc.collect()]}})
    client.get_async_httpx_client().event_hooks["response"] = [acollect]
    gc.collect()
    gc.freeze()
    yield client
    gc.unfreeze()


def test_sync_all_walks_any_length_in_constant_memory(long_list: AuthenticatedClient) -> None:
    assert sum(1 for _ in receipts_iter(long_list, page_size=50)) == MEMORY_RECEIPTS  # warm up
    with _traced() as short:
        sum(1 for _ in receipts_iter(long_list, page_size=50, limit=MEMORY_RECEIPTS // 5))
    with _traced() as long:
        sum(1 for _ in receipts_iter(long_list, page_size=50))
    with _traced() as holding:
        held = list(receipts_iter(long_list, page_size=50))
    assert len(held) == MEMORY_RECEIPTS
    # Walking 5x as many receipts costs next to nothing more; holding them costs a lot more.
    assert long[0] - short[0] < (holding[0] - long[0]) / 10, (short, long, holding)


def test_asyncio_all_walks_any_length_in_constant_memory(long_list: AuthenticatedClient) -> None:
    def walk(limit: int | None) -> AsyncIterator[Receipt]:
        return list_receipts.asyncio_all(
            DEMO_SERVICE_SID,
            DEMO_CONVERSATION_SID,
            DEMO_MESSAGE_SID,
            client=long_list,
            page_size=50,
            limit=limit,
        )

    async def measure() -> tuple[int, int, int]:
        assert len([r async for r in walk(None)]) == MEMORY_RECEIPTS  # warm up, one event loop
        with _traced() as short:
            async for _ in walk(MEMORY_RECEIPTS // 5):
                pass
        with _traced() as long:
            async for _ in walk(None):
                pass
        with _traced() as holding:
            held = [r async for r in walk(None)]
        assert len(held) == MEMORY_RECEIPTS
        return short[0], long[0], holding[0]

    short, long, holding = asyncio.run(measure())
    assert long - short < (holding - long) / 10, (short, long, holding)


@pytest.mark.parametrize("mode", MODES)
def test_an_unknown_message_is_not_found_with_twilio_details(emulator: Emulator, mode: Mode) -> None:
    with pytest.raises(NotFoundError) as caught:
        all_receipts(mode, client_for(emulator), message=OTHER_MESSAGE_SID)  # another account's
    error = caught.value
    assert isinstance(error, TwilioApiError)
    assert (error.status, error.code) == (404, 20404)
    assert error.more_info == "https://www.twilio.com/docs/errors/20404"
    assert error.request_id is not None
    assert error.request_id == error.headers["Twilio-Request-Id"]
    assert error.request_id in str(error)
    assert "was not found" in error.message


@pytest.mark.parametrize("mode", MODES)
def test_an_invalid_page_size_is_a_bad_request(emulator: Emulator, mode: Mode) -> None:
    with pytest.raises(TwilioApiError) as caught:
        all_receipts(mode, client_for(emulator), page_size=51)
    assert caught.value.status == 400
    assert type(caught.value).__name__ == "BadRequestError"


HTML = {"content-type": "text/html"}
BAD_RESPONSES: dict[str, tuple[Reply, type[TwilioApiError], int]] = {
    "html-502-from-a-proxy": (Reply(502, b"<html><body>Bad Gateway</body></html>", HTML), ServerError, 502),
    "html-200-from-a-captive-portal": (Reply(200, b"<html>login</html>", HTML), InvalidResponseError, 200),
    "empty-200": (Reply(200, b""), InvalidResponseError, 200),
    "empty-404": (Reply(404, b""), NotFoundError, 404),
    "status-599": (Reply(599, b"", {"content-type": "text/plain"}), ServerError, 599),
    "status-299": (json_reply(299, page_body([], None)), InvalidResponseError, 299),
    "status-499": (Reply(499, b"client closed"), TwilioApiError, 499),
    "json-array-200": (json_reply(200, [1, 2]), InvalidResponseError, 200),
    "json-without-the-list": (json_reply(200, {"meta": {}}), InvalidResponseError, 200),
    "truncated-json-200": (Reply(200, b'{"delivery_receipts": [{"sid": "DY'), InvalidResponseError, 200),
    "a-receipt-that-is-not-an-object": (
        json_reply(200, {"delivery_receipts": ["DY1"], "meta": {}}),
        InvalidResponseError,
        200,
    ),
    "next-page-url-not-a-string": (
        json_reply(200, {"delivery_receipts": [], "meta": {"next_page_url": 7}}),
        InvalidResponseError,
        200,
    ),
    "twilio-json-error-with-odd-types": (
        json_reply(500, {"code": "x", "message": "boom", "more_info": 1}),
        ServerError,
        500,
    ),
}


@pytest.mark.parametrize("helper", ["all", "pages"])
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", list(BAD_RESPONSES))
def test_a_response_that_is_not_a_good_page_raises_the_typed_error(
    case: str, mode: Mode, helper: str
) -> None:
    reply, error_type, status = BAD_RESPONSES[case]
    with ScriptedServer(lambda _: reply) as server:
        client = AuthenticatedClient(base_url=server.url, username="AC1", password="token", retries=None)
        with pytest.raises(TwilioApiError) as caught:
            (all_receipts if helper == "all" else pages)(mode, client, service="IS1")
    error = caught.value
    assert type(error) is error_type
    assert error.status == status
    assert error.content == reply.body
    assert not isinstance(error.__cause__, KeyError | ValueError) or isinstance(error, InvalidResponseError)
    if reply.body.startswith(b"<html"):
        assert "text/html" in str(error)
        assert "login" not in str(error)  # described, not quoted
        assert "Bad Gateway</body>" not in str(error)


def test_a_twilio_error_with_odd_types_keeps_what_is_usable() -> None:
    with ScriptedServer(
        lambda _: json_reply(500, {"code": "x", "message": "boom", "more_info": 1})
    ) as server:
        client = AuthenticatedClient(base_url=server.url, username="AC1", password="token", retries=None)
        with pytest.raises(ServerError) as caught:
            all_receipts("sync", client, service="IS1")
    assert (caught.value.message, caught.value.code, caught.value.more_info) == ("boom", None, None)


@pytest.mark.parametrize("mode", MODES)
def test_a_failure_mid_list_comes_after_the_good_pages_items(mode: Mode) -> None:
    def handler(request: Recorded) -> Reply:
        if "PageToken" in request.query:
            return json_reply(503, {"code": 20503, "message": "down", "more_info": "x", "status": 503})
        return json_reply(200, page_body([receipt_body(1)], request.host_url + "/v1/next?PageToken=PA1"))

    with ScriptedServer(handler) as server:
        client = AuthenticatedClient(base_url=server.url, username="AC1", password="token", retries=None)
        seen: list[str] = []

        async def walk_async() -> None:
            async for receipt in list_receipts.asyncio_all("IS1", "CH1", "IM1", client=client):
                seen.append(str(receipt.sid))

        def walk_sync() -> None:
            for receipt in list_receipts.sync_all("IS1", "CH1", "IM1", client=client):
                seen.append(str(receipt.sid))

        walk = walk_sync if mode == "sync" else lambda: asyncio.run(walk_async())
        with pytest.raises(ServerError) as caught:
            walk()
    assert seen == [receipt_body(1)["sid"]]
    assert caught.value.code == 20503


@pytest.mark.parametrize("mode", MODES)
def test_a_relative_next_page_url_is_followed_on_the_same_origin(mode: Mode) -> None:
    def handler(request: Recorded) -> Reply:
        if "PageToken" in request.query:
            return json_reply(200, page_body([receipt_body(2)], None))
        return json_reply(200, page_body([receipt_body(1)], "/v1/next?PageToken=PA1"))

    with ScriptedServer(handler) as server:
        client = AuthenticatedClient(base_url=server.url, username="AC1", password="token")
        got = all_receipts(mode, client, service="IS1")
    assert [r.sid for r in got] == [receipt_body(1)["sid"], receipt_body(2)["sid"]]
    assert server.requests[1].target == "/v1/next?PageToken=PA1"
    assert "authorization" in server.requests[1].headers


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "next_url",
    [
        "http://localhost:{port}/v1/next",  # same machine, other origin
        "https://127.0.0.1:{port}/v1/next",  # other scheme
        "http://127.0.0.1:{other}/v1/next",  # other port
        "//evil.example/v1/next",  # scheme-relative
        "http://127.0.0.1:{port}@evil.example/v1/next",  # userinfo trick
        "http://evil.example/v1/Services",
    ],
)
def test_a_next_page_url_outside_the_base_url_is_refused_unrequested(mode: Mode, next_url: str) -> None:
    with ScriptedServer(lambda _: Reply(500)) as other:
        other_port = other.url.rsplit(":", 1)[1]

        def handler(request: Recorded) -> Reply:
            port = request.host_url.rsplit(":", 1)[1]
            return json_reply(200, page_body([receipt_body(1)], next_url.format(port=port, other=other_port)))

        with ScriptedServer(handler) as server:
            client = AuthenticatedClient(base_url=server.url, username="AC1", password="token")
            with pytest.raises(ForeignPageUrlError) as caught:
                all_receipts(mode, client, service="IS1")
        assert len(server.requests) == 1
        assert other.requests == []
    assert isinstance(caught.value, InvalidResponseError)


def test_a_base_url_with_a_path_keeps_pages_under_it() -> None:
    def handler(request: Recorded) -> Reply:
        if request.raw_path.startswith("/twilio/v1/Services"):
            return json_reply(200, page_body([receipt_body(1)], request.host_url + "/elsewhere/v1/next"))
        return Reply(500)

    with ScriptedServer(handler) as server:
        client = AuthenticatedClient(base_url=server.url + "/twilio", username="AC1", password="token")
        with pytest.raises(ForeignPageUrlError):
            all_receipts("sync", client, service="IS1")
    assert [r.raw_path for r in server.requests] == [
        f"/twilio/v1/Services/IS1/Conversations/{DEMO_CONVERSATION_SID}/Messages/{DEMO_MESSAGE_SID}/Receipts"
    ]


def test_a_next_page_url_pointing_at_the_page_itself_is_not_followed_forever() -> None:
    def handler(request: Recorded) -> Reply:
        return json_reply(200, page_body([receipt_body(1)], request.host_url + request.target))

    with ScriptedServer(handler) as server:
        client = AuthenticatedClient(base_url=server.url, username="AC1", password="token")
        with pytest.raises(InvalidResponseError, match="itself"):
            all_receipts("sync", client, service="IS1", conversation="CH1", message="IM1")
    assert len(server.requests) == 1
