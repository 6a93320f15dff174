"""Timeouts and retries: a default timeout, retries with backoff on connection errors, 429
and 5xx (Retry-After honoured up to a cap), configurable and switchable off; against the
emulator's fault injection and a scripted server that counts requests."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import httpx
import pytest
import stamina
from stamina.instrumentation import RetryDetails, set_on_retry_hooks
from twilio_receipts import AuthenticatedClient, RetryPolicy
from twilio_receipts.api.receipts import list_receipts
from twilio_receipts.client import DEFAULT_TIMEOUT
from twilio_receipts.errors import (
    RateLimitedError,
    ServerError,
    TransportError,
    TwilioApiError,
    parse_retry_after,
)
from twilio_receipts_emulator.demo import DEMO_MESSAGE_SID, DEMO_RECEIPT_SIDS
from twilio_receipts_emulator.faults import FaultConfig
from twilio_receipts_emulator.server import Emulator

from tests.client.helpers import FAST_RETRIES, MODES, Mode, all_receipts, client_for
from tests.client.servers import (
    Recorded,
    Reply,
    ScriptedServer,
    json_reply,
    page_body,
    receipt_body,
    sequence,
)

GOOD_PAGE = json_reply(200, page_body([receipt_body(1), receipt_body(2)], None))


@pytest.fixture
def retries_seen() -> Iterator[list[RetryDetails]]:
    """Every retry stamina schedules (its instrumentation hook), restored afterwards."""
    seen: list[RetryDetails] = []

    def record(details: RetryDetails) -> None:
        seen.append(details)

    set_on_retry_hooks([record])
    yield seen
    set_on_retry_hooks(None)


def scripted_client(server: ScriptedServer, **kwargs: object) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=server.url, username="AC1", password="token", **kwargs)  # type: ignore[arg-type]


def test_the_default_timeout_is_finite() -> None:
    client = AuthenticatedClient(username="AC1", password="token")
    for timeout in (client.get_httpx_client().timeout, client.get_async_httpx_client().timeout):
        assert timeout == DEFAULT_TIMEOUT
        assert None not in (timeout.connect, timeout.read, timeout.write, timeout.pool)


@pytest.mark.parametrize("mode", MODES)
def test_a_slow_server_times_out_as_a_transport_error(faulty_emulator: Emulator, mode: Mode) -> None:
    client = client_for(
        faulty_emulator, timeout=0.2, retries=None, headers={"X-Emulator-Fault": "latency=1500"}
    )
    started = time.monotonic()
    with pytest.raises(TransportError) as caught:
        all_receipts(mode, client)
    assert time.monotonic() - started < 2.5
    assert isinstance(caught.value.__cause__, httpx.ReadTimeout)
    assert caught.value.status is None
    assert "ReadTimeout" in str(caught.value)


@pytest.mark.parametrize("mode", MODES)
def test_5xx_then_success_is_retried_transparently(mode: Mode, retries_seen: list[RetryDetails]) -> None:
    replies = [
        json_reply(503, {"code": 20503, "message": "busy", "more_info": "", "status": 503}),
        Reply(500),
    ]
    with ScriptedServer(sequence([*replies, GOOD_PAGE])) as server:
        got = all_receipts(
            mode, scripted_client(server, retries=FAST_RETRIES), service="IS1", conversation="CH1"
        )
    assert len(got) == 2
    assert len(server.requests) == 3
    assert [details.retry_num for details in retries_seen] == [1, 2]


@pytest.mark.parametrize("mode", MODES)
def test_a_dropped_connection_is_retried(mode: Mode) -> None:
    with ScriptedServer(sequence([Reply(drop=True), GOOD_PAGE])) as server:
        got = all_receipts(
            mode, scripted_client(server, retries=FAST_RETRIES), service="IS1", conversation="CH1"
        )
    assert len(got) == 2
    assert len(server.requests) == 2


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("fault", "error", "code"), [("503", ServerError, 20503), ("429", RateLimitedError, 20429)]
)
def test_a_fault_that_persists_ends_in_the_typed_error_after_the_retries(
    faulty_emulator: Emulator,
    mode: Mode,
    fault: str,
    error: type[TwilioApiError],
    code: int,
    retries_seen: list[RetryDetails],
) -> None:
    client = client_for(faulty_emulator, retries=FAST_RETRIES, headers={"X-Emulator-Fault": fault})
    with pytest.raises(error) as caught:
        all_receipts(mode, client)
    assert (caught.value.status, caught.value.code) == (int(fault), code)
    assert caught.value.request_id is not None
    assert len(retries_seen) == FAST_RETRIES.attempts - 1
    if isinstance(caught.value, RateLimitedError):
        assert caught.value.retry_after == 1.0  # the emulator's Retry-After


@pytest.mark.parametrize("mode", MODES)
def test_a_dropped_connection_that_persists_is_a_transport_error(
    faulty_emulator: Emulator, mode: Mode
) -> None:
    client = client_for(faulty_emulator, retries=FAST_RETRIES, headers={"X-Emulator-Fault": "drop"})
    with pytest.raises(TransportError) as caught:
        all_receipts(mode, client)
    assert isinstance(caught.value, TwilioApiError)
    assert isinstance(caught.value.__cause__, httpx.TransportError)


@pytest.mark.parametrize("mode", MODES)
def test_connection_refused_is_retried_then_a_transport_error(
    mode: Mode, retries_seen: list[RetryDetails]
) -> None:
    client = AuthenticatedClient(
        base_url="http://127.0.0.1:9", username="AC1", password="x", retries=FAST_RETRIES
    )
    with pytest.raises(TransportError) as caught:
        all_receipts(mode, client)
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert len(retries_seen) == FAST_RETRIES.attempts - 1


@pytest.mark.parametrize("mode", MODES)
def test_random_faults_of_every_kind_are_survived_with_the_list_intact(
    mode: Mode, retries_seen: list[RetryDetails]
) -> None:
    """Seeded fault injection (429, 500, 503, dropped connections on 40% of requests):
    the list still comes out complete, in order, without duplicates."""
    config = FaultConfig(rate=0.4, seed=7)
    with Emulator(demo=True, faults=config) as emulator:
        added = emulator.add_receipts(40)
        policy = RetryPolicy(
            attempts=12, wait_initial=0.005, wait_max=0.01, wait_jitter=0.005, max_retry_after=0.01
        )
        got = all_receipts(mode, client_for(emulator, retries=policy), page_size=5)
    assert [r.sid for r in got] == [*DEMO_RECEIPT_SIDS, *added]
    causes = {type(details.caused_by).__name__ for details in retries_seen}
    assert len(retries_seen) >= 3  # the faults did happen
    assert "_RetryableStatus" in causes
    assert causes & {"RemoteProtocolError", "ReadError"}  # dropped connections among them


def test_retry_after_is_honoured() -> None:
    replies = [json_reply(429, {"message": "slow down"}, {"Retry-After": "1"}), GOOD_PAGE]
    with ScriptedServer(sequence(replies)) as server:
        client = scripted_client(server, retries=RetryPolicy(wait_initial=0.0, wait_jitter=0.0))
        started = time.monotonic()
        assert len(all_receipts("sync", client, service="IS1")) == 2
        waited = time.monotonic() - started
    assert 0.9 <= waited < 3.0
    assert len(server.requests) == 2


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_is_capped(mode: Mode) -> None:
    replies = [json_reply(503, {"message": "later"}, {"Retry-After": "3600"}), GOOD_PAGE]
    with ScriptedServer(sequence(replies)) as server:
        client = scripted_client(server, retries=RetryPolicy(max_retry_after=0.2))
        started = time.monotonic()
        assert len(all_receipts(mode, client, service="IS1")) == 2
        waited = time.monotonic() - started
    assert 0.2 <= waited < 2.0


def test_backoff_grows_exponentially_with_jitter(retries_seen: list[RetryDetails]) -> None:
    policy = RetryPolicy(attempts=4, wait_initial=0.02, wait_max=1.0, wait_jitter=0.01)
    with ScriptedServer(lambda _: Reply(502)) as server, pytest.raises(ServerError):
        all_receipts("sync", scripted_client(server, retries=policy), service="IS1")
    waits = [details.wait_for for details in retries_seen]
    assert len(waits) == 3
    for number, wait in enumerate(waits):
        assert 0.02 * 2**number <= wait <= 0.02 * 2**number + 0.01 + 1e-6


@pytest.mark.parametrize("mode", MODES)
def test_retries_none_sends_exactly_once(mode: Mode) -> None:
    with ScriptedServer(lambda _: Reply(503)) as server, pytest.raises(ServerError):
        all_receipts(mode, scripted_client(server, retries=None), service="IS1")
    assert len(server.requests) == 1


def test_stamina_switch_turns_retries_off_process_wide() -> None:
    with ScriptedServer(lambda _: Reply(503)) as server:
        stamina.set_active(False)
        try:
            with pytest.raises(ServerError):
                all_receipts("sync", scripted_client(server, retries=FAST_RETRIES), service="IS1")
        finally:
            stamina.set_active(True)
    assert len(server.requests) == 1


def test_statuses_outside_the_policy_are_not_retried() -> None:
    not_found = json_reply(404, {"code": 20404, "message": "nope"})
    with ScriptedServer(lambda _: not_found) as server, pytest.raises(TwilioApiError):
        all_receipts("sync", scripted_client(server, retries=FAST_RETRIES), service="IS1")
    assert len(server.requests) == 1


def test_a_post_is_retried_on_429_but_not_on_500() -> None:
    """A non-idempotent request may already have had its effect when a 5xx comes back;
    a 429 means it was refused, so only that one is retried."""

    def handler(request: Recorded) -> Reply:
        return Reply(429 if request.raw_path == "/limited" else 500)

    with ScriptedServer(handler) as server:
        http = scripted_client(server, retries=FAST_RETRIES).get_httpx_client()
        assert http.post("/limited", content=b"x").status_code == 429
        assert http.post("/broken", content=b"x").status_code == 500
        assert http.get("/broken").status_code == 500
    paths = [request.raw_path for request in server.requests]
    assert paths.count("/limited") == FAST_RETRIES.attempts
    assert paths.count("/broken") == 1 + FAST_RETRIES.attempts


def test_the_retry_budget_in_time_stops_retries() -> None:
    policy = RetryPolicy(attempts=100, timeout=0.3, wait_initial=0.05, wait_max=0.05, wait_jitter=0.0)
    with ScriptedServer(lambda _: Reply(500)) as server:
        started = time.monotonic()
        with pytest.raises(ServerError):
            all_receipts("sync", scripted_client(server, retries=policy), service="IS1")
        assert time.monotonic() - started < 2.0
    assert 3 <= len(server.requests) < 20


def test_retries_do_not_cost_the_happy_path_a_stamina_loop(emulator: Emulator) -> None:
    """A first try that succeeds never enters the retry machinery (no per-request cost)."""
    calls = 0
    original = RetryPolicy._retry_context

    def counting(self: RetryPolicy, request: httpx.Request) -> object:
        nonlocal calls
        calls += 1
        return original(self, request)

    RetryPolicy._retry_context = counting  # type: ignore[method-assign]
    try:
        assert len(all_receipts("sync", client_for(emulator), page_size=2)) == len(DEMO_RECEIPT_SIDS)
        assert len(all_receipts("async", client_for(emulator), page_size=2)) == len(DEMO_RECEIPT_SIDS)
    finally:
        RetryPolicy._retry_context = original  # type: ignore[method-assign]
    assert calls == 0


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("7", 7.0),
        (" 0 ", 0.0),
        ("1.5", 1.5),
        ("-3", 0.0),
        ("soon", None),
        (None, None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 30.0),
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),
    ],
)
def test_retry_after_parses_seconds_and_http_dates(header: str | None, expected: float | None) -> None:
    now = 1445412450.0  # 2015-10-21 07:27:30 UTC
    assert parse_retry_after(header, now=now) == expected


def test_an_invalid_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="attempts"):
        RetryPolicy(attempts=0)


def test_the_stock_functions_are_retried_too(
    faulty_emulator: Emulator, retries_seen: list[RetryDetails]
) -> None:
    client = client_for(faulty_emulator, retries=FAST_RETRIES, headers={"X-Emulator-Fault": "500"})
    response = list_receipts.sync_detailed("IS" + "a" * 32, "CH" + "a" * 32, DEMO_MESSAGE_SID, client=client)
    assert response.status_code == 500
    assert len(retries_seen) == FAST_RETRIES.attempts - 1
    response = asyncio.run(
        list_receipts.asyncio_detailed("IS" + "a" * 32, "CH" + "a" * 32, DEMO_MESSAGE_SID, client=client)
    )
    assert response.status_code == 500
    assert len(retries_seen) == 2 * (FAST_RETRIES.attempts - 1)
