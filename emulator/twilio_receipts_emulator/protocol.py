"""The HTTP/1.1 protocol the emulator serves with: uvicorn's httptools protocol, bounded.

Two changes to what uvicorn does with bytes that never reach the application:

- The request head (request line and headers) is limited to `MAX_REQUEST_HEAD` bytes.
  httptools itself has no limit on headers, so one endless header would grow the
  server's memory for as long as a client sends it, and a huge `Host` would come back
  in every URL of a page. A head past the limit is refused as soon as it is seen.
- A request refused before the application (bad syntax, a method httptools does not
  know, a control character in a header, a head past the limit) is answered with
  Twilio's error body, 400 code 20001, and the headers of every other response, not
  with uvicorn's plain-text 400: clients see one error format whatever they sent.

After such a refusal the connection is half-closed and what the client still sends is
read and dropped, up to `LINGER_BYTES` or `LINGER_SECONDS`: closing a socket that has
unread input makes the kernel answer with a reset, which can destroy the 400 before the
client reads it.
"""

from __future__ import annotations

import logging
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from .app import common_headers
from .errors import BadRequest

__all__ = ["LINGER_BYTES", "LINGER_SECONDS", "MAX_REQUEST_HEAD", "TwilioHttpProtocol"]

MAX_REQUEST_HEAD = 64 * 1024
"""Bytes of request line and headers accepted: what AWS load balancers accept in all
(nginx accepts 32 KiB by default). A real request's head is a few hundred bytes."""

logger = logging.getLogger("twilio_receipts_emulator")

LINGER_BYTES = 4 * 1024 * 1024
LINGER_SECONDS = 2.0


class TwilioHttpProtocol(HttpToolsProtocol):
    """`uvicorn.Config(http=TwilioHttpProtocol)`: see the module docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_bytes = 0
        self._reading_head = True
        self._discarded: int | None = None  # bytes dropped since a refusal, None before

    def data_received(self, data: bytes) -> None:
        if self._discarded is not None:
            self._discarded += len(data)
            if self._discarded > LINGER_BYTES:
                self.transport.close()
            return
        if self._reading_head:
            self._head_bytes += len(data)
        super().data_received(data)
        # Still inside a head (a complete one resets the count): past the limit, refuse.
        if self._reading_head and self._head_bytes > MAX_REQUEST_HEAD and self._discarded is None:
            self._refuse_large_head()

    def on_headers_complete(self) -> None:
        self._reading_head = False
        self._head_bytes = 0
        # A head that ended inside the chunk that crossed the limit: count it exactly.
        size = len(self.url) + sum(len(name) + len(value) + 4 for name, value in self.headers)
        if size > MAX_REQUEST_HEAD:
            self._refuse_large_head()
            raise _Refused
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._reading_head = True
        super().on_message_complete()

    def shutdown(self) -> None:
        # The server is stopping: a connection lingering after a refusal need not wait.
        if self._discarded is not None:
            self.transport.close()
            return
        super().shutdown()

    def send_400_response(self, msg: str) -> None:
        # uvicorn's answer to a request httptools could not parse.
        if self._discarded is None:
            self._refuse("Invalid HTTP request")

    def _refuse_large_head(self) -> None:
        logger.warning("Request head larger than %d bytes refused.", MAX_REQUEST_HEAD)
        self._refuse(f"Request header fields too large: at most {MAX_REQUEST_HEAD} bytes")

    def _refuse(self, message: str) -> None:
        self._discarded = 0
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete:
            # The app is answering a head that parsed (the body did not): its answer is
            # dropped, and if it has begun to go out, the connection can only be closed.
            cycle.disconnected = True
            if cycle.response_started:
                self.transport.close()
                return
        error = BadRequest(message)
        body = error.render("")
        head = [b"HTTP/1.1 400 Bad Request\r\n"]
        headers = [
            *self.server_state.default_headers,
            *common_headers(len(body)),
            (b"connection", b"close"),
        ]
        head += [name + b": " + value + b"\r\n" for name, value in headers]
        self.transport.write(b"".join(head) + b"\r\n" + body)
        if self.transport.can_write_eof():
            self.transport.write_eof()
            self.loop.call_later(LINGER_SECONDS, self.transport.close)
        else:  # TLS: no half-close
            self.transport.close()


class _Refused(Exception):
    """Stops httptools once a refusal has been answered (it then calls
    send_400_response, which does nothing more)."""
