"""Paths, raw requests and assertions shared by the emulator tests."""

from __future__ import annotations

import base64
import re
import socket
from typing import Any
from urllib.parse import urlsplit

import httpx
from twilio_receipts_emulator import (
    DEMO_CONVERSATION_SID,
    DEMO_MESSAGE_SID,
    DEMO_SERVICE_SID,
)

__all__ = [
    "COMMON_HEADERS",
    "REQUEST_ID",
    "assert_twilio_error",
    "basic_auth",
    "list_path",
    "raw_request",
]

REQUEST_ID = re.compile(r"RQ[0-9a-fA-F]{32}")

COMMON_HEADERS = {
    "content-type": "application/json",
    "access-control-allow-origin": "*",
    "access-control-allow-methods": "GET",
    "access-control-allow-headers": (
        "Accept, Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match,"
        " If-Unmodified-Since, Idempotency-Key"
    ),
    "access-control-allow-credentials": "true",
    "access-control-expose-headers": "ETag",
}


def basic_auth(username: str, password: str) -> str:
    """An Authorization header value, for requests written by hand."""
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def list_path(
    service: str = DEMO_SERVICE_SID,
    conversation: str = DEMO_CONVERSATION_SID,
    message: str = DEMO_MESSAGE_SID,
) -> str:
    return f"/v1/Services/{service}/Conversations/{conversation}/Messages/{message}/Receipts"


def assert_twilio_error(response: httpx.Response, status: int, code: int) -> dict[str, Any]:
    """The response is Twilio's error body for `status`/`code`, with every header."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"code", "message", "more_info", "status"}
    assert body["code"] == code
    assert body["status"] == status
    assert body["more_info"] == f"https://www.twilio.com/docs/errors/{code}"
    assert isinstance(body["message"], str)
    assert body["message"]
    assert_common_headers(response)
    return body


def assert_common_headers(response: httpx.Response) -> None:
    for name, value in COMMON_HEADERS.items():
        assert response.headers.get(name) == value, name
    assert REQUEST_ID.fullmatch(response.headers["twilio-request-id"])


def raw_request(base_url: str, request_line_target: str, headers: dict[str, str]) -> bytes:
    """Send one GET exactly as written (httpx would normalise `.` and `..` away) and
    return the raw response."""
    parts = urlsplit(base_url)
    assert parts.hostname is not None
    assert parts.port is not None
    lines = [f"GET {request_line_target} HTTP/1.1", f"Host: {parts.netloc}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)
