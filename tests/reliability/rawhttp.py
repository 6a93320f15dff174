"""Requests as raw bytes on a socket, for what httpx refuses to send (binary or non-UTF-8
header values, unknown methods, broken syntax, heads of megabytes) or would normalise
(dot segments, percent-encoding).

    answer = exchange(("127.0.0.1", port), b"GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")

reads the first response (and only it), `None` when the server closed the connection without one.
Every call is bounded by its socket timeout, loopback only (callers pass the emulator's
address).
"""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

from tests.reliability.contract import Answer

__all__ = ["BadResponse", "address_of", "exchange"]

_MAX_HEAD = 64 * 1024
_MAX_BODY = 64 * 1024 * 1024


class BadResponse(AssertionError):
    """Bytes that are not an HTTP/1.1 response."""


def address_of(base_url: str) -> tuple[str, int]:
    parts = urlsplit(base_url)
    if parts.hostname is None or parts.port is None:
        raise ValueError(f"no host and port in {base_url!r}")
    return parts.hostname, parts.port


def exchange(
    address: tuple[str, int],
    request: bytes,
    *,
    head: bool = False,
    half_close: bool = False,
    timeout: float = 10.0,
) -> Answer | None:
    """Sends `request` and reads one response. `head`: the request was HEAD (no body
    follows the headers). `half_close`: shut the sending side once sent, for requests
    that are cut short on purpose."""
    with socket.create_connection(address, timeout=timeout) as sock:
        try:
            sock.sendall(request)
            if half_close:
                sock.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server stopped reading: its answer may still be there to read
        return _read_response(sock, head=head)


def _read_response(sock: socket.socket, *, head: bool) -> Answer | None:
    buffer = b""
    while b"\r\n\r\n" not in buffer:
        chunk = _recv(sock)
        if not chunk:
            if buffer:
                raise BadResponse(f"connection closed inside a response head: {buffer[:200]!r}")
            return None
        buffer += chunk
        if len(buffer) > _MAX_HEAD:
            raise BadResponse(f"response head over {_MAX_HEAD} bytes")
    raw_head, _, body = buffer.partition(b"\r\n\r\n")
    lines = raw_head.split(b"\r\n")
    status_line = lines[0].split(b" ", 2)
    if len(status_line) < 2 or status_line[0] != b"HTTP/1.1" or not status_line[1].isdigit():
        raise BadResponse(f"not an HTTP/1.1 status line: {lines[0]!r}")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(b":")
        if not colon:
            raise BadResponse(f"not a header line: {line!r}")
        key = name.decode("latin-1").lower()
        if key in headers:
            raise BadResponse(f"header {key} twice")
        headers[key] = value.strip().decode("latin-1")
    status = int(status_line[1])
    if head or status in (204, 304):
        return Answer(status, headers, b"")
    length = headers.get("content-length")
    if length is None or not length.isdigit() or int(length) > _MAX_BODY:
        raise BadResponse(f"no usable content-length: {headers}")
    while len(body) < int(length):
        chunk = _recv(sock)
        if not chunk:
            raise BadResponse(f"connection closed after {len(body)} of {length} body bytes")
        body += chunk
    return Answer(status, headers, body[: int(length)])


def _recv(sock: socket.socket) -> bytes:
    try:
        return sock.recv(262144)
    except ConnectionResetError:
        return b""
