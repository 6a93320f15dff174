"""Contains methods for accessing the API, and what the endpoint modules share"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterator
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
import orjson

from ..client import AuthenticatedClient, Client
from ..errors import (
    ForeignPageUrlError,
    InvalidPathParameterError,
    InvalidResponseError,
    TransportError,
    TwilioApiError,
    error_from_response,
)

T = TypeVar("T")

# What a from_dict raises on a body that does not match the API description.
_PARSE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError)


def _path_segment(name: str, value: object) -> str:
    """*value* as one percent-encoded path segment; refuses "", "." and "..".

    httpx removes dot segments, so ``Conversations/../Messages`` would reach another
    resource, and an empty segment another route.
    """
    text = str(value)
    if text in ("", ".", ".."):
        raise InvalidPathParameterError(
            f"{name}={text!r} would change the URL path (empty and dot segments are not SIDs or unique names)"
        )
    return quote(text, safe="")


def _invalid(
    response: httpx.Response, message: str, cls: type[InvalidResponseError] = InvalidResponseError
) -> InvalidResponseError:
    return cls(
        message,
        status=response.status_code,
        request_id=response.headers.get("Twilio-Request-Id"),
        headers=response.headers,
        content=response.content,
    )


def _page_body(response: httpx.Response, items_key: str) -> dict[str, Any]:
    """The decoded body of a page, or the TwilioApiError that the response is."""
    status = response.status_code
    if status != 200:
        if 200 <= status < 300:
            raise _invalid(response, f"a list page came back with status {status} instead of 200")
        raise error_from_response(response)
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        content_type = response.headers.get("Content-Type", "no content type").split(";")[0]
        what = "an empty body" if not response.content else f"a {content_type} body that is not JSON"
        raise _invalid(response, f"a list page came back as {what}") from None
    if not isinstance(body, dict) or not isinstance(body.get(items_key), list):
        raise _invalid(response, f"a list page came back without its {items_key!r} list")
    return body


class _Origin:
    """The client's base URL, against which every next_page_url is checked."""

    __slots__ = ("base_path", "origin", "prefix")

    def __init__(self, client: AuthenticatedClient | Client) -> None:
        url = client._url
        port = url.port or {"http": 80, "https": 443}[url.scheme]
        self.origin = (url.scheme, url.host, port)
        self.base_path = url.path.rstrip("/") + "/"
        host = f"[{url.host}]" if ":" in url.host else url.host
        self.prefix = f"{url.scheme}://{host}{'' if url.port is None else f':{url.port}'}{self.base_path}"

    def next_url(self, body: dict[str, Any], response: httpx.Response) -> str | httpx.URL | None:
        """meta.next_page_url if it lies under the base URL; None on the last page."""
        meta = body.get("meta")
        next_url = meta.get("next_page_url") if isinstance(meta, dict) else None
        if next_url is None:
            return None
        if not isinstance(next_url, str) or not next_url:
            raise _invalid(response, "meta.next_page_url is not a URL")
        if next_url.startswith(self.prefix):
            target: str | httpx.URL = next_url
        else:
            try:
                url = response.url.join(next_url)
            except httpx.InvalidURL:
                raise _invalid(response, "meta.next_page_url is not a URL") from None
            port = url.port or {"http": 80, "https": 443}.get(url.scheme)
            if (url.scheme, url.host, port) != self.origin or not url.path.startswith(self.base_path):
                raise _invalid(
                    response,
                    f"meta.next_page_url points to {url.scheme}://{url.host}, outside the client's base URL: "
                    "it is not followed (credentials only go to the base URL)",
                    ForeignPageUrlError,
                )
            target = url
        if str(target) == str(response.url):
            raise _invalid(response, "meta.next_page_url is the page itself")
        return target


def _send(http: httpx.Client, request: dict[str, Any]) -> httpx.Response:
    try:
        return http.request(**request)
    except TwilioApiError:
        raise
    except httpx.HTTPError as exc:  # only from an httpx client set with set_httpx_client
        raise TransportError.wrap(exc) from exc


async def _asend(http: httpx.AsyncClient, request: dict[str, Any]) -> httpx.Response:
    try:
        return await http.request(**request)
    except TwilioApiError:
        raise
    except httpx.HTTPError as exc:  # only from an httpx client set with set_async_httpx_client
        raise TransportError.wrap(exc) from exc


def _bodies(
    client: AuthenticatedClient | Client, request: dict[str, Any], items_key: str
) -> Iterator[tuple[dict[str, Any], httpx.Response]]:
    http = client.get_httpx_client()
    origin = _Origin(client)
    response = _send(http, request)
    while True:
        body = _page_body(response, items_key)
        yield body, response
        next_url = origin.next_url(body, response)
        if next_url is None:
            return
        response = _send(http, {"method": "GET", "url": next_url})


async def _abodies(
    client: AuthenticatedClient | Client, request: dict[str, Any], items_key: str
) -> AsyncGenerator[tuple[dict[str, Any], httpx.Response], None]:
    http = client.get_async_httpx_client()
    origin = _Origin(client)
    response = await _asend(http, request)
    while True:
        body = _page_body(response, items_key)
        yield body, response
        next_url = origin.next_url(body, response)
        if next_url is None:
            return
        response = await _asend(http, {"method": "GET", "url": next_url})


def _parse(parse: Callable[[Any], T], data: Any, response: httpx.Response, what: str) -> T:
    try:
        return parse(data)
    except _PARSE_ERRORS as exc:
        raise _invalid(response, f"{what} does not match the API description ({type(exc).__name__})") from exc


def _check_limit(limit: int | None) -> None:
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be None or at least 0, not {limit}")


def _iter_pages(
    client: AuthenticatedClient | Client, request: dict[str, Any], items_key: str, parse: Callable[[Any], T]
) -> Iterator[T]:
    for body, response in _bodies(client, request, items_key):
        yield _parse(parse, body, response, "a list page")


async def _aiter_pages(
    client: AuthenticatedClient | Client, request: dict[str, Any], items_key: str, parse: Callable[[Any], T]
) -> AsyncIterator[T]:
    async with contextlib.aclosing(_abodies(client, request, items_key)) as bodies:
        async for body, response in bodies:
            yield _parse(parse, body, response, "a list page")


def _iter_items(
    client: AuthenticatedClient | Client,
    request: dict[str, Any],
    items_key: str,
    parse: Callable[[Any], T],
    limit: int | None,
) -> Iterator[T]:
    if limit == 0:
        return
    left = limit
    for body, response in _bodies(client, request, items_key):
        items = body[items_key]
        if left is not None and left <= len(items):
            items = items[:left]
        for item in items:
            try:
                value = parse(item)
            except _PARSE_ERRORS as exc:
                raise _invalid(response, f"an item does not match the API description ({type(exc).__name__})") from exc
            yield value
        if left is not None:
            left -= len(items)
            if left == 0:
                return


async def _aiter_items(
    client: AuthenticatedClient | Client,
    request: dict[str, Any],
    items_key: str,
    parse: Callable[[Any], T],
    limit: int | None,
) -> AsyncIterator[T]:
    if limit == 0:
        return
    left = limit
    # aclosing: leaving early (limit, break, error) closes the page loop now, not at GC.
    async with contextlib.aclosing(_abodies(client, request, items_key)) as bodies:
        async for body, response in bodies:
            items = body[items_key]
            if left is not None and left <= len(items):
                items = items[:left]
            for item in items:
                try:
                    value = parse(item)
                except _PARSE_ERRORS as exc:
                    raise _invalid(
                        response, f"an item does not match the API description ({type(exc).__name__})"
                    ) from exc
                yield value
            if left is not None:
                left -= len(items)
                if left == 0:
                    return
