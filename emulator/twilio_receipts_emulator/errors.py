"""Twilio's errors, as the emulator raises them.

Every failure the API can report is a leaf of one base class; the store, the request
parsing and the fault injector raise them, and `app.py` turns them into a response in
exactly one place (`TwilioError.render`)::

    TwilioError                      any status, Twilio's JSON error body
    ├── BadRequest          400 20001  a query parameter is invalid
    ├── Unauthorized        401 20003  credentials missing or wrong (+ WWW-Authenticate)
    ├── NotFound            404 20404  no such resource for this account, or a malformed SID
    ├── MethodNotAllowed    405 20004  the resource only answers GET (+ Allow)
    ├── TooManyRequests     429 20429  injected rate limit (+ Retry-After)
    ├── InternalServerError 500 20500  injected, or a bug in the emulator
    └── ServiceUnavailable  503 20503  injected outage (+ Retry-After)

Invalid parameters use code 20001 with an "Invalid <Parameter>" message, the style
Twilio's own 400s have for query parameters; the spec documents the body shape, not
the code, and clients branch on the HTTP status.
"""

from __future__ import annotations

from typing import ClassVar

import orjson

__all__ = [
    "BadRequest",
    "InternalServerError",
    "MethodNotAllowed",
    "NotFound",
    "ServiceUnavailable",
    "TooManyRequests",
    "TwilioError",
    "Unauthorized",
]

Headers = tuple[tuple[bytes, bytes], ...]


class TwilioError(Exception):
    """An HTTP status, a Twilio error code and a message: Twilio's error body."""

    status: ClassVar[int] = 500
    code: ClassVar[int] = 20500
    default_message: ClassVar[str] = "Internal Server Error"
    headers: ClassVar[Headers] = ()

    def __init__(self, message: str | None = None) -> None:
        self.message = message if message is not None else self.default_message
        super().__init__(self.message)

    def describe(self, path: str) -> str:
        """The message for a request to `path` (only NotFound names the path)."""
        return self.message

    def render(self, path: str) -> bytes:
        """Twilio's error body for a request to `path` (the path after `/v1`)."""
        return orjson.dumps(
            {
                "code": self.code,
                "message": self.describe(path),
                "more_info": f"https://www.twilio.com/docs/errors/{self.code}",
                "status": self.status,
            }
        )


class BadRequest(TwilioError):
    status = 400
    code = 20001
    default_message = "Invalid parameter"


class Unauthorized(TwilioError):
    status = 401
    code = 20003
    default_message = "Authenticate"
    headers = ((b"www-authenticate", b'Basic realm="Twilio API"'),)


class NotFound(TwilioError):
    """Raised without the path, which only the HTTP layer knows; rendered with it."""

    status = 404
    code = 20404
    default_message = "The requested resource was not found"

    def describe(self, path: str) -> str:
        return f"The requested resource {path} was not found"


class MethodNotAllowed(TwilioError):
    status = 405
    code = 20004
    default_message = "Method not allowed"
    headers = ((b"allow", b"GET"),)


class TooManyRequests(TwilioError):
    status = 429
    code = 20429
    default_message = "Too Many Requests"
    headers = ((b"retry-after", b"1"),)


class InternalServerError(TwilioError):
    status = 500
    code = 20500
    default_message = "Internal Server Error"


class ServiceUnavailable(TwilioError):
    status = 503
    code = 20503
    default_message = "Service Unavailable"
    headers = ((b"retry-after", b"1"),)
