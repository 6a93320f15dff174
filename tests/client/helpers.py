"""What the client tests share: clients for an emulator, fast retry policies, and one way
to run a list helper either synchronously or with asyncio, so that every test can cover
both paths."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any, Literal, TypeVar

from twilio_receipts import AuthenticatedClient, RetryPolicy
from twilio_receipts.api.receipts import list_receipts
from twilio_receipts.models import Receipt, ReceiptPage
from twilio_receipts_emulator.demo import DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID, DEMO_SERVICE_SID
from twilio_receipts_emulator.server import Emulator

__all__ = [
    "FAST_RETRIES",
    "MODES",
    "Mode",
    "all_receipts",
    "client_for",
    "collect",
    "pages",
    "receipts_iter",
]

T = TypeVar("T")
Mode = Literal["sync", "async"]
MODES: tuple[Mode, ...] = ("sync", "async")

FAST_RETRIES = RetryPolicy(
    attempts=3, wait_initial=0.01, wait_max=0.02, wait_jitter=0.01, max_retry_after=0.02
)
"""Real retries with waits short enough for tests."""


def client_for(emulator: Emulator, **kwargs: Any) -> AuthenticatedClient:
    """A client with the emulator's main credentials."""
    kwargs.setdefault("username", emulator.account_sid)
    kwargs.setdefault("password", emulator.auth_token)
    return AuthenticatedClient(base_url=emulator.base_url, **kwargs)


async def _alist(iterator: AsyncIterator[T]) -> list[T]:
    return [item async for item in iterator]


def collect(mode: Mode, sync_iter: Iterator[T] | None, async_iter: AsyncIterator[T] | None) -> list[T]:
    """Everything one of the two iterators yields (the one `mode` names)."""
    if mode == "sync":
        assert sync_iter is not None
        return list(sync_iter)
    assert async_iter is not None
    return asyncio.run(_alist(async_iter))


def all_receipts(
    mode: Mode,
    client: AuthenticatedClient,
    *,
    service: str = DEMO_SERVICE_SID,
    conversation: str = DEMO_CONVERSATION_SID,
    message: str = DEMO_MESSAGE_SID,
    **kwargs: Any,
) -> list[Receipt]:
    """sync_all or asyncio_all, drained."""
    if mode == "sync":
        return list(list_receipts.sync_all(service, conversation, message, client=client, **kwargs))
    return asyncio.run(
        _alist(list_receipts.asyncio_all(service, conversation, message, client=client, **kwargs))
    )


def pages(
    mode: Mode,
    client: AuthenticatedClient,
    *,
    service: str = DEMO_SERVICE_SID,
    conversation: str = DEMO_CONVERSATION_SID,
    message: str = DEMO_MESSAGE_SID,
    **kwargs: Any,
) -> list[ReceiptPage]:
    """sync_pages or asyncio_pages, drained."""
    if mode == "sync":
        return list(list_receipts.sync_pages(service, conversation, message, client=client, **kwargs))
    return asyncio.run(
        _alist(list_receipts.asyncio_pages(service, conversation, message, client=client, **kwargs))
    )


def receipts_iter(client: AuthenticatedClient, **kwargs: Any) -> Iterator[Receipt]:
    """sync_all over the demo message."""
    return list_receipts.sync_all(
        DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID, client=client, **kwargs
    )
