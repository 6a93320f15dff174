"""The two receipts operations: the routing table, parameter checks and the calls into
the store. Authentication, faults and the HTTP response live in `app.py`.

Routing is by the raw path's segments (hand-written: two fixed paths). Matching the raw
path and percent-decoding each segment afterwards keeps a unique_name with an encoded
`/`, `.` or `..` in one segment, where routers that match the decoded path would see a
different path or none; whatever a segment holds, a lookup that finds nothing is a 404.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote

from .errors import MethodNotAllowed, NotFound
from .pagination import page_meta, parse_page_request
from .render import Renderer
from .store import MessageRef, Store

__all__ = ["Routes"]

# The spec's path patterns. A SID that does not match names nothing: 404, as Twilio.
_SERVICE_SID = re.compile(r"IS[0-9a-fA-F]{32}")
_MESSAGE_SID = re.compile(r"IM[0-9a-fA-F]{32}")
_RECEIPT_SID = re.compile(r"DY[0-9a-fA-F]{32}")

# /v1/Services/{IS}/Conversations/{CH or unique_name}/Messages/{IM}/Receipts[/{DY}]
_FIXED = ((1, b"v1"), (2, b"Services"), (4, b"Conversations"), (6, b"Messages"), (8, b"Receipts"))
_LIST, _FETCH = 9, 10


# Parsed paths are kept (a client lists page after page of one path); bounded, so that
# requests for ever new paths cannot grow the server's memory.
_ROUTE_CACHE_SIZE = 1024


@dataclass(frozen=True, slots=True)
class _Route:
    """A path of the right shape, its segments percent-decoded."""

    service_sid: str
    conversation: str
    message_sid: str
    receipt_sid: str | None  # None: the list
    names_something: bool
    """Whether the SIDs match the spec's patterns (if not: 404, once the method and the
    query have been checked)."""


def _route(raw_path: bytes) -> _Route:
    segments = raw_path.split(b"/")
    count = len(segments)
    if (count != _LIST and count != _FETCH) or segments[0]:
        raise NotFound()
    for index, name in _FIXED:
        if segments[index] != name:
            raise NotFound()
    service_sid = unquote(segments[3].decode("latin-1"))
    conversation = unquote(segments[5].decode("latin-1"))
    message_sid = unquote(segments[7].decode("latin-1"))
    receipt_sid = None if count == _LIST else unquote(segments[9].decode("latin-1"))
    names_something = (
        _SERVICE_SID.fullmatch(service_sid) is not None
        and _MESSAGE_SID.fullmatch(message_sid) is not None
        and (receipt_sid is None or _RECEIPT_SID.fullmatch(receipt_sid) is not None)
    )
    return _Route(service_sid, conversation, message_sid, receipt_sid, names_something)


class Routes:
    def __init__(self, store: Store, *, lenient_page_size: bool = False) -> None:
        self._store = store
        self._renderer = Renderer()
        self._lenient_page_size = lenient_page_size
        self._routes: dict[bytes, _Route] = {}

    def handle(self, account_sid: str, method: str, raw_path: bytes, query: bytes, base_url: str) -> bytes:
        """The 200 body for an authenticated request; raises a TwilioError otherwise."""
        route = self._routes.get(raw_path)
        if route is None:
            route = _route(raw_path)  # a path of another shape is a 404, before the method
            if len(self._routes) >= _ROUTE_CACHE_SIZE:
                self._routes.clear()
            self._routes[raw_path] = route
        if method != "GET":
            raise MethodNotAllowed()
        if route.receipt_sid is None:
            return self._list(account_sid, route, query, base_url)
        generation = self._store.generation  # before reading: see Renderer
        message = self._message(account_sid, route)
        receipt = self._store.get_receipt(message.message_sid, route.receipt_sid)
        return self._renderer.receipt(receipt, _list_url(base_url, message) + "/", generation)

    def _message(self, account_sid: str, route: _Route) -> MessageRef:
        # After the query's checks: a bad PageSize is a 400 even for a SID that names nothing.
        if not route.names_something:
            raise NotFound()
        return self._store.find_message(account_sid, route.service_sid, route.conversation, route.message_sid)

    def _list(self, account_sid: str, route: _Route, query: bytes, base_url: str) -> bytes:
        params = _query_params(query)
        request = parse_page_request(params, lenient_page_size=self._lenient_page_size)
        store = self._store
        generation = store.generation  # before reading: see Renderer
        message = self._message(account_sid, route)
        after = before = None
        if request.boundary_sid is not None:
            boundary = store.get_receipt(message.message_sid, request.boundary_sid)
            if request.direction == "A":
                after = boundary
            else:
                before = boundary
        sids, has_more = store.page_sids(
            message.message_sid, limit=request.page_size, after=after, before=before
        )
        list_url = _list_url(base_url, message)
        meta = page_meta(list_url, request, sids, has_more)
        return self._renderer.page(sids, store.receipts, list_url + "/", meta, generation)


def _query_params(query: bytes) -> dict[str, str]:
    """The query's parameters (unknown ones are ignored later, as Twilio does; the last of
    a repeated one wins). Without `%` or `+` nothing needs decoding, and splitting by hand
    gives what parse_qsl gives at a fifth of its cost (measured: ~20 µs of a page's ~40)."""
    if not query:
        return {}
    text = query.decode("latin-1")
    if "%" in text or "+" in text:
        return dict(parse_qsl(text, keep_blank_values=True))
    params = {}
    for part in text.split("&"):
        if part:
            name, _, value = part.partition("=")
            params[name] = value
    return params


def _list_url(base_url: str, message: MessageRef) -> str:
    # Always the conversation's SID, even when the request named its unique_name.
    return (
        f"{base_url}/v1/Services/{message.chat_service_sid}/Conversations/"
        f"{message.conversation_sid}/Messages/{message.message_sid}/Receipts"
    )
