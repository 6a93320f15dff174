"""Serving the emulator: a real uvicorn server (httptools) for the CLI and for tests.

`Emulator` runs one on a background thread, on a free port unless told otherwise, and
returns from `start()` (or `with`) once the port accepts connections; `stop()` (or the
end of the `with`) shuts it down. Each instance has its own store, so state starts
fresh (unless `db` names a file that already holds some).

    with Emulator(demo=True) as emulator:
        client = Client(emulator.account_sid, emulator.auth_token)
        client.conversations.base_url = emulator.base_url
"""

from __future__ import annotations

import secrets
import socket
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import uvicorn

from .app import create_app
from .demo import DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, DEMO_MESSAGE_SID, DEMO_SEED
from .faults import FaultConfig
from .protocol import TwilioHttpProtocol
from .seed import format_date, load_seed, read_seed_file
from .store import Store

__all__ = ["Emulator", "ReadyServer", "bind", "uvicorn_config"]

_START_TIMEOUT = 10.0


def bind(host: str, port: int) -> socket.socket:
    """A listening socket: binding before the server starts tells a port-0 caller its
    port, and a taken port fails here, in the caller's thread."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named explicitly: asyncio sets TCP_NODELAY on accepted connections
    # only when their socket says TCP, and without it every response stalls 40 ms.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    return sock


def uvicorn_config(app: Any, *, log_level: str = "warning") -> uvicorn.Config:
    return uvicorn.Config(
        app,
        # httptools, with a bounded request head and Twilio's error body for requests
        # refused before the app (protocol.py).
        http=TwilioHttpProtocol,
        # No WebSocket upgrades whatever is installed: an Upgrade header is ignored and
        # the request answered as HTTP (uvicorn would hand it to a websocket library).
        ws="none",
        loop="asyncio",
        lifespan="off",
        log_config=None,  # the embedding program owns logging
        log_level=log_level,
        access_log=log_level in ("debug", "trace"),
        server_header=False,
        timeout_graceful_shutdown=1,
    )


class ReadyServer(uvicorn.Server):
    """A uvicorn server that calls `on_ready` once it accepts connections."""

    def __init__(self, config: uvicorn.Config, on_ready: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_ready = on_ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            self._on_ready()


class Emulator:
    """A running emulator: `base_url`, the credentials of its main account, and
    helpers that write to its store while it serves."""

    def __init__(
        self,
        *,
        seed: Mapping[str, Any] | str | Path | None = None,
        demo: bool = False,
        db: str | Path | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        public_url: str | None = None,
        lenient_page_size: bool = False,
        faults: FaultConfig | None = None,
        static_probe: bool = False,
    ) -> None:
        self._seed = seed
        self._demo = demo
        self._db = None if db is None else str(db)
        self._host = host
        self._port = port
        self._public_url = public_url
        self._lenient_page_size = lenient_page_size
        self._faults = faults
        self._static_probe = static_probe
        self._store: Store | None = None
        self._server: ReadyServer | None = None
        self._thread: threading.Thread | None = None
        self._account: tuple[str, str] | None = None
        self.base_url = ""
        """`http://host:port` of the running server, without a trailing slash."""

    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("the emulator is not running")
        return self._store

    @property
    def account_sid(self) -> str:
        """The main account: the demo one, else the seed's first."""
        return self._main_account()[0]

    @property
    def auth_token(self) -> str:
        return self._main_account()[1]

    def _main_account(self) -> tuple[str, str]:
        if self._account is None:
            raise RuntimeError("no account: start with demo=True or a seed with accounts")
        return self._account

    def start(self) -> Self:
        store = Store(self._db)
        try:
            if self._demo:
                load_seed(store, DEMO_SEED)
                self._account = (DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN)
            if self._seed is not None:
                seed = self._seed
                if not isinstance(seed, Mapping):
                    seed = read_seed_file(seed)
                load_seed(store, seed)
                accounts = seed.get("accounts") or []
                if self._account is None and accounts:
                    self._account = (accounts[0]["sid"], accounts[0]["auth_token"])
            sock = bind(self._host, self._port)
        except BaseException:
            store.close()
            raise
        self._store = store
        app = create_app(
            store,
            public_url=self._public_url,
            lenient_page_size=self._lenient_page_size,
            faults=self._faults,
            static_probe=self._static_probe,
        )
        host, port = sock.getsockname()[:2]
        self.base_url = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
        ready = threading.Event()
        self._server = ReadyServer(uvicorn_config(app), ready.set)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="twilio-emulator", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + _START_TIMEOUT
        while not ready.wait(0.02):
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the emulator's server did not start (see its log)")
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join()
        if self._store is not None:
            self._store.close()
        self._server = self._thread = self._store = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def load_seed(self, seed: Mapping[str, Any]) -> None:
        """Load more data (the seed format of `seed.py`) into the running emulator."""
        load_seed(self.store, seed)

    def add_receipts(
        self,
        count: int = 1,
        *,
        message_sid: str = DEMO_MESSAGE_SID,
        status: str | None = "delivered",
        error_code: int = 0,
        participant_sid: str | None = None,
        channel_message_sid: str | None = None,
        date_updated: str | None = None,
    ) -> list[str]:
        """Add `count` receipts to a message (default: the demo message), listed after
        its existing ones, one second apart; returns their SIDs in list order."""
        last = self.store.last_receipt_date(message_sid)
        start = datetime.now(UTC).replace(microsecond=0)
        if last is not None:
            start = max(start, datetime.fromisoformat(last) + timedelta(seconds=1))
        sids = [f"DY{secrets.token_hex(16)}" for _ in range(count)]
        self.load_seed(
            {
                "receipts": [
                    {
                        "sid": sid,
                        "message_sid": message_sid,
                        "participant_sid": participant_sid,
                        "channel_message_sid": channel_message_sid,
                        "status": status,
                        "error_code": error_code,
                        "date_created": format_date(start + timedelta(seconds=index)),
                        "date_updated": date_updated,
                    }
                    for index, sid in enumerate(sids)
                ]
            }
        )
        return sids
