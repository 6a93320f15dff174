"""The emulator as an ASGI application: `create_app(store, ...)`.

A plain ASGI callable rather than a Starlette app, measured: on this server (uvicorn +
httptools) a Starlette route answering fixed bytes served ~20% fewer requests per
second than a plain ASGI callable, and the emulator's request path must stay within
reach of a static-bytes endpoint. Plain ASGI also hands us uvicorn's own `send`, whose
transport is what a `drop` fault closes.

Per request: the static probe (if mounted) answers first; then faults (if on),
authentication, routing. Every response, errors included, goes out through `_respond`
with `Content-Type: application/json`, the Access-Control-* headers Twilio sends and a
fresh `Twilio-Request-Id`; every TwilioError becomes a response in `__call__` alone.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from .auth import basic_credentials
from .errors import InternalServerError, TwilioError
from .faults import FaultConfig, FaultInjector
from .pagination import MAX_PAGE_SIZE, page_meta, parse_page_request
from .render import page_json, receipt_json
from .routes import Routes
from .store import Receipt, Store

__all__ = ["STATIC_PROBE_PATH", "EmulatorApp", "Receive", "Scope", "Send", "common_headers", "create_app"]

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

STATIC_PROBE_PATH = "/__static"

# Authorization headers that passed, kept (see EmulatorApp._account_for): bounded, so that
# clients with ever new credentials cannot grow the server's memory.
_ACCOUNT_CACHE_SIZE = 256

logger = logging.getLogger("twilio_receipts_emulator")

# What Twilio's API sends on every response (Allow-Methods narrowed to what this
# resource answers, so that it agrees with the 405's Allow).
_COMMON_HEADERS = (
    (b"content-type", b"application/json"),
    (b"access-control-allow-origin", b"*"),
    (b"access-control-allow-methods", b"GET"),
    (
        b"access-control-allow-headers",
        b"Accept, Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match,"
        b" If-Unmodified-Since, Idempotency-Key",
    ),
    (b"access-control-allow-credentials", b"true"),
    (b"access-control-expose-headers", b"ETag"),
)


# Request ids are unique enough to find a request in a log and no secret, so no system
# call for each; a private generator leaves the global `random` state alone (users'
# seeded tests, and Hypothesis, which flags strategies whose global random state moves).
_ids = random.Random()  # noqa: S311 (request ids, not secrets)


def _request_id() -> bytes:
    return b"RQ%032x" % _ids.getrandbits(128)


def common_headers(content_length: int) -> list[tuple[bytes, bytes]]:
    """The headers of every response: Twilio's, a fresh request id, the length."""
    return [
        *_COMMON_HEADERS,
        (b"twilio-request-id", _request_id()),
        (b"content-length", b"%d" % content_length),
    ]


def create_app(
    store: Store,
    *,
    public_url: str | None = None,
    lenient_page_size: bool = False,
    faults: FaultConfig | None = None,
    static_probe: bool = False,
) -> EmulatorApp:
    """The emulator over `store`. `public_url` is the base of every URL it writes
    (default: the scheme and host of each request); `faults` turns fault injection
    on; `static_probe` mounts `GET /__static`, fixed bytes for benchmarks."""
    return EmulatorApp(
        store,
        public_url=public_url,
        lenient_page_size=lenient_page_size,
        faults=faults,
        static_probe=static_probe,
    )


class EmulatorApp:
    def __init__(
        self,
        store: Store,
        *,
        public_url: str | None,
        lenient_page_size: bool,
        faults: FaultConfig | None,
        static_probe: bool,
    ) -> None:
        self.store = store
        self._routes = Routes(store, lenient_page_size=lenient_page_size)
        self._public_url = public_url.rstrip("/") if public_url else None
        self._faults = FaultInjector(faults) if faults is not None else None
        self._static = _static_page() if static_probe else None
        self._accounts: dict[bytes, tuple[int, str]] = {}

    def _account_for(self, authorization: bytes | None) -> str:
        """The account that an Authorization header acts for (Unauthorized if none).

        A header that passed is kept with the store's generation, which every write
        (credentials included) moves on: a client sends the same header with each
        request, and decoding and checking it again would cost a tenth of a page's work.
        A header that fails is checked in full every time (constant-time comparison).
        """
        generation = self.store.generation
        if authorization is not None:
            entry = self._accounts.get(authorization)
            if entry is not None and entry[0] == generation:
                return entry[1]
        account_sid = self.store.authenticate(*basic_credentials(authorization))
        if authorization is not None:
            if len(self._accounts) >= _ACCOUNT_CACHE_SIZE:
                self._accounts.clear()
            self._accounts[authorization] = (generation, account_sid)
        return account_sid

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await _lifespan(receive, send)
            return
        path: str = scope["path"]
        if self._static is not None and path == STATIC_PROBE_PATH:
            await send(self._static[0])
            await send(self._static[1])
            return
        authorization = host = forced_fault = None
        for name, value in scope["headers"]:
            if name == b"authorization":
                authorization = value
            elif name == b"host":
                host = value
            elif name == b"x-emulator-fault":
                forced_fault = value
        try:
            if self._faults is not None:
                fault = self._faults.decide(forced_fault)
                if fault is not None:
                    if fault.latency_ms:
                        await asyncio.sleep(fault.latency_ms / 1000)
                    if fault.kind == "drop":
                        await _drop(send)
                        return
                    error = fault.error()
                    if error is not None:
                        raise error
            account_sid = self._account_for(authorization)
            body = self._routes.handle(
                account_sid,
                scope["method"],
                scope.get("raw_path") or path.encode(),
                scope["query_string"],
                self._public_url or _request_base(scope, host),
            )
        except TwilioError as error:
            await _respond(send, error.status, error.render(_twilio_path(path)), error.headers)
        except Exception:
            logger.exception("error answering %s %s", scope["method"], path)
            bug = InternalServerError()
            await _respond(send, bug.status, bug.render(_twilio_path(path)), ())
        else:
            await _respond(send, 200, body, ())


async def _respond(send: Send, status: int, body: bytes, extra: tuple[tuple[bytes, bytes], ...]) -> None:
    headers = [*common_headers(len(body)), *extra]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _drop(send: Send) -> None:
    # ASGI has no "close without answering": close the server's transport, reached
    # through uvicorn's bound `send`, then yield so that uvicorn sees the disconnect
    # and does not write its own 500 on return.
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is None:
        raise RuntimeError("this server does not expose its transport: cannot drop")
    transport.close()
    await asyncio.sleep(0)


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def _request_base(scope: Scope, host: bytes | None) -> str:
    if host is None:  # HTTP/1.0 without Host: the address the request came in on
        server = scope.get("server")
        return f"{scope['scheme']}://{server[0]}:{server[1]}" if server else "http://localhost"
    return f"{scope['scheme']}://{host.decode('latin-1')}"


def _twilio_path(path: str) -> str:
    """The path as Twilio's 404 message writes it: without the `/v1` version prefix."""
    return path[3:] if path.startswith("/v1/") else path


def _static_page() -> tuple[dict[str, Any], dict[str, Any]]:
    """A full page (PageSize 50) rendered once: what the emulator would send, minus the
    work of reading and rendering it. Headers are the same set as every response's."""
    parents = {
        "account_sid": "AC" + "0" * 32,
        "chat_service_sid": "IS" + "0" * 32,
        "conversation_sid": "CH" + "0" * 32,
        "message_sid": "IM" + "0" * 32,
    }
    receipts = [
        Receipt(
            sid=f"DY{index:032x}",
            participant_sid="MB" + "0" * 32,
            channel_message_sid="SM" + "0" * 32,
            status="delivered",
            error_code=0,
            date_created="2016-03-24T20:37:57Z",
            date_updated="2016-03-24T20:37:57Z",
            **parents,
        )
        for index in range(MAX_PAGE_SIZE)
    ]
    list_url = (
        "http://127.0.0.1:4010/v1/Services/{chat_service_sid}/Conversations/"
        "{conversation_sid}/Messages/{message_sid}/Receipts".format(**parents)
    )
    prefix = list_url + "/"
    request = parse_page_request({}, lenient_page_size=False)
    meta = page_meta(list_url, request, [receipt.sid for receipt in receipts], True)
    body = page_json([receipt_json(receipt, prefix) for receipt in receipts], meta)
    headers = common_headers(len(body))
    return (
        {"type": "http.response.start", "status": 200, "headers": headers},
        {"type": "http.response.body", "body": body},
    )
