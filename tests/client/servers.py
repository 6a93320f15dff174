"""A scripted HTTP server for what the emulator cannot produce (an HTML page from a proxy,
an empty body, status 599, an unknown receipt status, a dropped connection on the Nth
request, a page that links elsewhere): a tiny ASGI app on uvicorn, on a real socket on
127.0.0.1, that answers from a handler and records every request it receives.

    with ScriptedServer(lambda request: Reply(599, b"")) as server:
        ... server.url ... server.requests ...
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self

import orjson
import uvicorn

__all__ = ["Recorded", "Reply", "ScriptedServer", "json_reply", "page_body", "receipt_body", "sequence"]


@dataclass(frozen=True)
class Reply:
    """What to answer: a status, a body and headers; `drop=True` closes the connection
    without any response."""

    status: int = 200
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    drop: bool = False


@dataclass(frozen=True)
class Recorded:
    """A request as the server saw it."""

    method: str
    raw_path: str
    query: str
    headers: dict[str, str]
    host_url: str

    @property
    def target(self) -> str:
        return f"{self.raw_path}?{self.query}" if self.query else self.raw_path


Handler = Callable[[Recorded], Reply]


def json_reply(status: int, body: Any, headers: Mapping[str, str] | None = None) -> Reply:
    return Reply(status, orjson.dumps(body), {"content-type": "application/json", **(headers or {})})


def sequence(replies: Iterable[Reply]) -> Handler:
    """A handler giving these replies in order, then repeating the last."""
    queue = list(replies)

    def handle(_: Recorded) -> Reply:
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return handle


def receipt_body(number: int, **overrides: Any) -> dict[str, Any]:
    """A receipt as Twilio writes it, numbered so that tests can tell them apart."""
    body: dict[str, Any] = {
        "account_sid": "AC" + "a" * 32,
        "chat_service_sid": "IS" + "a" * 32,
        "conversation_sid": "CH" + "a" * 32,
        "message_sid": "IM" + "a" * 32,
        "sid": f"DY{number:032x}",
        "channel_message_sid": "SM" + "a" * 32,
        "participant_sid": "MB" + "a" * 32,
        "status": "delivered",
        "error_code": 0,
        "date_created": "2016-03-24T20:37:57Z",
        "date_updated": None,
        "url": f"https://conversations.twilio.com/v1/Receipts/DY{number:032x}",
    }
    body.update(overrides)
    return body


def page_body(receipts: list[dict[str, Any]], next_page_url: str | None) -> dict[str, Any]:
    return {
        "delivery_receipts": receipts,
        "meta": {
            "page": 0,
            "page_size": 50,
            "first_page_url": "https://conversations.twilio.com/v1/first",
            "previous_page_url": None,
            "next_page_url": next_page_url,
            "url": "https://conversations.twilio.com/v1/this",
            "key": "delivery_receipts",
        },
    }


_IDLE: dict[tuple[str, str | None], list[ScriptedServer]] = {}
"""Running servers waiting for their next test: starting and stopping uvicorn costs a
test ~0.15 s, so a server is started once and lent out again with a new handler and an
empty request log (its threads are daemons and end with the test process)."""


class ScriptedServer:
    """uvicorn on 127.0.0.1:<free port>, answering with `handler(request)`."""

    def __init__(
        self,
        handler: Handler,
        *,
        host: str = "127.0.0.1",
        ssl_certfile: str | None = None,
        ssl_keyfile: str | None = None,
    ) -> None:
        self.handler = handler
        self.requests: list[Recorded] = []
        self._host = host
        self._ssl = (ssl_certfile, ssl_keyfile)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._lent: ScriptedServer | None = None
        self.url = ""

    async def _app(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}
        recorded = Recorded(
            method=scope["method"],
            raw_path=(scope.get("raw_path") or scope["path"].encode()).decode("latin-1"),
            query=scope["query_string"].decode("latin-1"),
            headers=headers,
            host_url=self.url,
        )
        self.requests.append(recorded)
        reply = self.handler(recorded)
        if reply.drop:
            # ASGI cannot close without answering: close uvicorn's transport, reached
            # through its bound `send`, and yield so that it sees the disconnect.
            getattr(send, "__self__").transport.close()  # noqa: B009
            await asyncio.sleep(0)
            return
        await send(
            {
                "type": "http.response.start",
                "status": reply.status,
                "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in reply.headers.items()],
            }
        )
        await send({"type": "http.response.body", "body": reply.body})

    def __enter__(self) -> ScriptedServer:
        idle = _IDLE.setdefault((self._host, self._ssl[0]), [])
        server = idle.pop() if idle else self._start()
        server.handler = self.handler
        server.requests = []
        self._lent = server
        return server

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        assert self._lent is not None
        _IDLE[(self._host, self._ssl[0])].append(self._lent)
        self._lent = None

    def _start(self) -> Self:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self._host, 0))
        sock.listen(128)
        port = sock.getsockname()[1]
        certfile, keyfile = self._ssl
        scheme = "https" if certfile else "http"
        self.url = f"{scheme}://{self._host}:{port}"
        config = uvicorn.Config(
            self._app,
            http="h11",
            interface="asgi3",
            proxy_headers=False,
            loop="asyncio",
            lifespan="off",
            log_config=None,
            log_level="error",
            access_log=False,
            ssl_certfile=certfile,
            ssl_keyfile=keyfile,
            ssl_cert_reqs=ssl.CERT_NONE,
            timeout_graceful_shutdown=1,
        )
        self._server = uvicorn.Server(config)
        started = threading.Event()
        original_startup = self._server.startup

        async def startup(sockets: list[socket.socket] | None = None) -> None:
            await original_startup(sockets)
            started.set()

        self._server.startup = startup  # type: ignore[method-assign]
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        if not started.wait(10):
            raise RuntimeError("the scripted server did not start")
        return self
