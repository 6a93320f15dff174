"""Errors raised by this package.

Every failure of a request is a :class:`TwilioApiError`; catch that one type, or a subtype
when you need to tell cases apart::

    TwilioApiError               .status .code .message .more_info .request_id .headers .content
    ├── BadRequestError          400: a parameter is invalid
    ├── AuthenticationError      401: credentials missing or wrong
    ├── PermissionDeniedError    403
    ├── NotFoundError            404: no such service, conversation, message or receipt
    ├── RateLimitedError         429, after the retries; .retry_after (seconds) when sent
    ├── ServerError              5xx after the retries, including statuses that
    │                            http.HTTPStatus does not list (e.g. 599)
    ├── UnexpectedStatus         a status the operation does not document, raised by the
    │                            stock functions when Client.raise_on_unexpected_status
    ├── InvalidResponseError     a 2xx whose body is not what the API describes (an HTML
    │   │                        page from a proxy, an empty or truncated body, wrong JSON)
    │   └── ForeignPageUrlError  meta.next_page_url points outside the client's base URL
    └── TransportError           no response at all (connection refused or reset, timeout)
                                 after the retries; also an httpx.TransportError

Mistakes found before anything is sent are ValueErrors, not TwilioApiErrors::

    ValueError
    ├── InvalidPathParameterError  a path parameter that would change the URL path
    │                              ("", "." or "..")
    └── ConfigurationError         no credentials, or a base URL that is not https
                                   (plain http is allowed for loopback hosts only)

No error message ever contains a credential or a response body that is not Twilio's JSON
error (those are summarised by content type and size).
"""

from __future__ import annotations

import email.utils
import json
import math
import time
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

import httpx

__all__ = [
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ForeignPageUrlError",
    "InvalidPathParameterError",
    "InvalidResponseError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitedError",
    "ServerError",
    "TransportError",
    "TwilioApiError",
    "UnexpectedStatus",
    "error_from_response",
]


class TwilioApiError(Exception):
    """A request failed: an error status, a body the API does not describe, or no response.

    Attributes:
        status: The HTTP status, or None when there was no response.
        code: Twilio's error code from the body (20404, 20003, ...), or None.
        message: What went wrong: Twilio's message, or a description of the response.
        more_info: The page of Twilio's error dictionary for this code, or None.
        request_id: Twilio's id of the request (Twilio-Request-Id), or None.
        headers: The response headers (empty when there was no response).
        content: The raw response body (b"" when there was no response).
    """

    status: int | None
    code: int | None
    message: str
    more_info: str | None
    request_id: str | None
    headers: httpx.Headers
    content: bytes

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: int | None = None,
        more_info: str | None = None,
        request_id: str | None = None,
        headers: Mapping[str, str] | httpx.Headers | None = None,
        content: bytes = b"",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.more_info = more_info
        self.request_id = request_id
        self.headers = httpx.Headers(headers)
        self.content = content

    def __str__(self) -> str:
        parts = []
        if self.status is not None:
            parts.append(f"HTTP {self.status}")
        if self.code is not None:
            parts.append(f"Twilio code {self.code}")
        if self.request_id is not None:
            parts.append(f"request {self.request_id}")
        if self.more_info is not None:
            parts.append(f"see {self.more_info}")
        return f"{self.message} ({', '.join(parts)})" if parts else self.message

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, code={self.code!r}, "
            f"message={self.message!r}, request_id={self.request_id!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only arguments defeat Exception's default pickling: rebuild from __dict__,
        # leaving out the request (it carries the Authorization header).
        state = {k: v for k, v in self.__dict__.items() if k != "_request"}
        return (_rebuild, (type(self), self.message, state))


def _rebuild(cls: type[TwilioApiError], message: str, state: dict[str, Any]) -> TwilioApiError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    if isinstance(error, TransportError):
        error._request = None  # never pickled: it carries the Authorization header
    return error


class BadRequestError(TwilioApiError):
    """400: a parameter is invalid (for example PageSize out of range)."""


class AuthenticationError(TwilioApiError):
    """401: the credentials are missing or wrong."""


class PermissionDeniedError(TwilioApiError):
    """403: the credentials may not do this."""


class NotFoundError(TwilioApiError):
    """404: the resource does not exist or belongs to another account."""


class RateLimitedError(TwilioApiError):
    """429: too many requests, still refused after the retries.

    Attributes:
        retry_after: Seconds the server asked to wait (Retry-After), or None.
    """

    retry_after: float | None = None


class ServerError(TwilioApiError):
    """5xx: an error on the server's side, still there after the retries."""


class UnexpectedStatus(TwilioApiError):
    """A status the operation does not document.

    Raised by the stock ``sync``/``sync_detailed``/``asyncio``/``asyncio_detailed`` functions
    when ``Client.raise_on_unexpected_status`` is True (upstream's behaviour, kept).

    Attributes:
        status_code: The HTTP status (same as ``status``).
        content: The raw response body.
    """

    status_code: int

    def __init__(
        self,
        status_code: int,
        content: bytes,
        *,
        headers: Mapping[str, str] | httpx.Headers | None = None,
    ) -> None:
        self.status_code = status_code
        headers = httpx.Headers(headers)
        super().__init__(
            f"Unexpected status code: {status_code}; {_describe_body(headers, content)}",
            status=status_code,
            request_id=headers.get("Twilio-Request-Id"),
            headers=headers,
            content=content,
        )


class InvalidResponseError(TwilioApiError):
    """A successful status whose body is not what the API describes."""


class ForeignPageUrlError(InvalidResponseError):
    """A ``meta.next_page_url`` outside the client's base URL.

    It is never requested: credentials only go to the client's base URL.
    """


class TransportError(TwilioApiError, httpx.TransportError):
    """No response at all (connection refused or reset, timeout, ...) after the retries.

    Also an ``httpx.TransportError``, so code written for httpx's errors still catches it.
    The httpx error it wraps is ``__cause__``.
    """

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        TwilioApiError.__init__(self, message)
        self._request = request

    @classmethod
    def wrap(cls, exc: BaseException, request: httpx.Request | None = None) -> TransportError:
        """The TransportError for httpx error *exc* (a timeout, a refused connection, ...)."""
        if request is None and isinstance(exc, httpx.RequestError):
            try:
                request = exc.request
            except RuntimeError:
                request = None
        target = f" ({request.method} {request.url.copy_with(query=None)})" if request is not None else ""
        detail = str(exc) or "no detail"
        return cls(f"{type(exc).__name__}: {detail}{target}", request=request)


class InvalidPathParameterError(ValueError):
    """A path parameter that would change the URL path: empty, ``.`` or ``..``.

    httpx removes dot segments (``Conversations/../Messages`` becomes ``Messages``), so such
    a value would reach a different resource; it is refused before anything is sent.
    """


class ConfigurationError(ValueError):
    """The client cannot be built as asked: no credentials, or an unsafe base URL."""


_STATUS_ERRORS: dict[int, type[TwilioApiError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitedError,
}


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    if math.isnan(seconds):
        return None
    return min(max(seconds, 0.0), 86400.0)


def _describe_body(headers: httpx.Headers, content: bytes) -> str:
    if not content:
        return "empty body"
    content_type = headers.get("Content-Type", "no content type").split(";")[0].strip()
    return f"a {content_type} body of {len(content)} bytes"


def _twilio_error_body(content: bytes) -> dict[str, Any] | None:
    try:
        body = json.loads(content)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        return body
    return None


def error_from_response(response: httpx.Response) -> TwilioApiError:
    """The TwilioApiError for a response that is not a success.

    Reads Twilio's JSON error body when there is one; any other body (an HTML page from a
    proxy, an empty body) is described, never quoted.
    """
    status = response.status_code
    headers = response.headers
    content = response.content
    cls = _STATUS_ERRORS.get(status) or (ServerError if 500 <= status <= 599 else TwilioApiError)
    body = _twilio_error_body(content)
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "non-standard status"
    code = more_info = None
    if body is not None:
        message = body["message"]
        raw_code = body.get("code")
        code = raw_code if isinstance(raw_code, int) and not isinstance(raw_code, bool) else None
        raw_more_info = body.get("more_info")
        more_info = raw_more_info if isinstance(raw_more_info, str) else None
    else:
        message = f"{phrase} with {_describe_body(headers, content)} instead of Twilio's JSON error"
    error = cls(
        message,
        status=status,
        code=code,
        more_info=more_info,
        request_id=headers.get("Twilio-Request-Id"),
        headers=headers,
        content=content,
    )
    if isinstance(error, RateLimitedError):
        error.retry_after = parse_retry_after(headers.get("Retry-After"))
    return error
