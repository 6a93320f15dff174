"""(a)-(d): list every receipt of one message (200 pages of 50 at full size) from the
emulator, which runs in its own process, through

    raw            httpx + orjson, following meta.next_page_url: the floor
    sync_all       the generated client, `list_receipts.sync_all`
    asyncio_all    the generated client, `list_receipts.asyncio_all`
    twilio-python  Twilio's library pointed at the emulator

Each variant keeps one client (and so its connection pool) for all its rounds, as a
program that lists receipts would, and materialises every item (dicts for the raw
loop, models for the clients) so that all four do the whole job. Rounds interleave.
The garbage collector stays on, as in a program: 10,000 models are 10,000 objects it
tracks (orjson's dicts of strings are not tracked), which is part of their cost; each
run starts after a `gc.collect()`, so that none pays for the previous one's garbage.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import orjson
from twilio.rest import Client as TwilioClient  # type: ignore[import-untyped]
from twilio_receipts import AuthenticatedClient
from twilio_receipts.api.receipts import list_receipts

from .seed import BenchData
from .timing import interleaved, timed

__all__ = ["VARIANTS", "ListingResult", "measure_listing"]

VARIANTS = ("raw", "sync_all", "asyncio_all", "twilio-python")


@dataclass(frozen=True, slots=True)
class ListingResult:
    seconds: dict[str, list[float]]
    receipts: int
    pages: int


def _raw(base_url: str, data: BenchData) -> Callable[[], int]:
    http = httpx.Client(auth=(data.account_sid, data.auth_token))
    first = f"{base_url}{data.list_path}?PageSize={data.page_size}"

    def run() -> int:
        items: list[dict[str, Any]] = []
        url: str | None = first
        while url:
            response = http.get(url)
            response.raise_for_status()
            body = orjson.loads(response.content)
            items += body["delivery_receipts"]
            url = body["meta"]["next_page_url"]
        return len(items)

    return run


def _generated(base_url: str, data: BenchData) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=base_url, username=data.account_sid, password=data.auth_token)


def _sync_all(base_url: str, data: BenchData) -> Callable[[], int]:
    client = _generated(base_url, data)

    def run() -> int:
        receipts = list(
            list_receipts.sync_all(
                data.service_sid,
                data.conversation_sid,
                data.message_sid,
                client=client,
                page_size=data.page_size,
            )
        )
        return len(receipts)

    return run


def _asyncio_all(base_url: str, data: BenchData, loop: asyncio.AbstractEventLoop) -> Callable[[], int]:
    client = _generated(base_url, data)

    async def collect() -> int:
        receipts = [
            receipt
            async for receipt in list_receipts.asyncio_all(
                data.service_sid,
                data.conversation_sid,
                data.message_sid,
                client=client,
                page_size=data.page_size,
            )
        ]
        return len(receipts)

    # One event loop for every round: an httpx.AsyncClient's pool belongs to its loop.
    return lambda: loop.run_until_complete(collect())


def _twilio(base_url: str, data: BenchData) -> Callable[[], int]:
    client = TwilioClient(data.account_sid, data.auth_token)
    client.conversations.base_url = base_url
    receipts = (
        client.conversations.v1.services(data.service_sid)
        .conversations(data.conversation_sid)
        .messages(data.message_sid)
        .delivery_receipts
    )
    return lambda: len(list(receipts.stream(page_size=data.page_size)))


def measure_listing(base_url: str, data: BenchData, *, rounds: int, warmup: int = 1) -> ListingResult:
    """Seconds per full listing for each variant, over `rounds` interleaved rounds
    after `warmup` unrecorded rounds. Each run is checked to have listed every receipt."""
    loop = asyncio.new_event_loop()
    try:
        runs = {
            "raw": _raw(base_url, data),
            "sync_all": _sync_all(base_url, data),
            "asyncio_all": _asyncio_all(base_url, data, loop),
            "twilio-python": _twilio(base_url, data),
        }

        def checked(name: str) -> Callable[[], float]:
            def run() -> float:
                count = 0

                def once() -> None:
                    nonlocal count
                    count = runs[name]()

                gc.collect()  # each run starts from the same heap, not the last one's garbage
                seconds = timed(once)
                if count != data.receipts:
                    raise RuntimeError(f"{name} listed {count} receipts, not {data.receipts}")
                return seconds

            return run

        seconds = interleaved({name: checked(name) for name in VARIANTS}, rounds=rounds, warmup=warmup)
    finally:
        loop.close()
    return ListingResult(seconds, data.receipts, data.pages)
