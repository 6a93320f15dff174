"""Faults: with 20 % of requests answered 429 or 503 or dropped without an answer, the
generated client's `sync_all` and `asyncio_all`, several at once, still yield every
receipt exactly once and in order; with retries switched off, the first fault ends the
walk with the typed error, after exactly the receipts of the pages before it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from twilio_receipts import AuthenticatedClient
from twilio_receipts.api.receipts import list_receipts
from twilio_receipts.errors import RateLimitedError, ServerError, TransportError, TwilioApiError
from twilio_receipts_emulator import (
    DEMO_ACCOUNT_SID,
    DEMO_AUTH_TOKEN,
    DEMO_CONVERSATION_SID,
    DEMO_MESSAGE_SID,
    DEMO_SERVICE_SID,
    Emulator,
    FaultConfig,
)
from twilio_receipts_emulator.faults import FaultInjector

from tests.reliability.conftest import RECEIPTS, populated
from tests.reliability.scenarios import run_fault_walks

IDS = (DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID)
PAGE_SIZE = 10
FAULTS = FaultConfig(rate=0.2, kinds=("429", "503", "drop"), seed=2024)


@pytest.fixture
def faulty() -> Iterator[Emulator]:
    with Emulator(demo=True, faults=FAULTS) as running:
        yield populated(running)


def test_sync_all_and_asyncio_all_yield_every_receipt_once_in_order_through_faults(faulty: Emulator) -> None:
    figures = run_fault_walks(
        faulty.base_url, RECEIPTS, sync_walks=2, async_walks=2, page_size=PAGE_SIZE, deadline_seconds=60
    )
    assert figures.failures == 0, figures.report()
    assert figures.counts["walks"] == 4
    assert figures.counts["receipts_walked"] == 4 * len(RECEIPTS)
    # The faults did happen, of every kind, at about the rate asked for.
    assert figures.counts["status_429"] > 0
    assert figures.counts["status_503"] > 0
    assert figures.counts["dropped"] > 0
    assert 0.1 < figures.faults / figures.requests < 0.3


def _first_fault(config: FaultConfig) -> tuple[int, str]:
    """Which request (0-based) of a sequence gets the first fault, and its kind: the
    emulator's own injector, replayed from the same seed."""
    injector = FaultInjector(config)
    for index in range(1000):
        fault = injector.decide(None)
        if fault is not None and fault.kind is not None:
            return index, fault.kind
    raise AssertionError("no fault in 1000 requests")


def _config_faulting_request(kind: str, index: int) -> FaultConfig:
    """A seeded config whose first fault, of `kind`, hits request `index`."""
    for seed in range(10_000):
        config = FaultConfig(rate=0.2, kinds=(kind,), seed=seed)
        if _first_fault(config)[0] == index:
            return config
    raise AssertionError(f"no seed below 10000 puts the first fault on request {index}")


EXPECTED_ERRORS: dict[str, tuple[type[TwilioApiError], int | None, int | None]] = {
    "429": (RateLimitedError, 429, 20429),
    "503": (ServerError, 503, 20503),
    "500": (ServerError, 500, 20500),
    "drop": (TransportError, None, None),
}


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("kind", EXPECTED_ERRORS)
def test_without_retries_the_first_fault_raises_the_typed_error(mode: str, kind: str) -> None:
    faulted = 3  # the fourth page: three pages of receipts come out first
    config = _config_faulting_request(kind, faulted)
    with Emulator(demo=True, faults=config) as emulator:
        populated(emulator)
        client = AuthenticatedClient(
            base_url=emulator.base_url, username=DEMO_ACCOUNT_SID, password=DEMO_AUTH_TOKEN, retries=None
        )
        seen: list[object] = []

        def sync_walk() -> None:
            for receipt in list_receipts.sync_all(*IDS, client=client, page_size=PAGE_SIZE):
                seen.append(receipt.sid)

        async def async_walk() -> None:
            async for receipt in list_receipts.asyncio_all(*IDS, client=client, page_size=PAGE_SIZE):
                seen.append(receipt.sid)

        with pytest.raises(TwilioApiError) as caught:
            sync_walk() if mode == "sync" else asyncio.run(async_walk())
    cls, status, code = EXPECTED_ERRORS[kind]
    error = caught.value
    assert type(error) is cls
    assert (error.status, error.code) == (status, code)
    assert seen == list(RECEIPTS[: faulted * PAGE_SIZE])
    if kind == "drop":
        assert isinstance(error, httpx.TransportError)  # what httpx users already catch
        assert isinstance(error.__cause__, httpx.RemoteProtocolError)
    else:
        assert error.request_id is not None
    if kind == "429":
        assert isinstance(error, RateLimitedError)
        assert error.retry_after == 1.0
