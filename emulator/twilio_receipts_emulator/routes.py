"""The two receipts operations: the routing table, parameter checks and the calls into
the store. Authentication, faults and the HTTP response live in `app.py`.

Routing is by the raw path's segments (hand-written: two fixed paths). Matching the raw
path and percent-decoding each segment afterwards keeps a unique_name with an encoded
`/`, `.` or `..` in one segment, where routers that match the decoded path would see a
different path or none; whatever a segment holds, a lookup that finds nothing is a 404.
"""

from __future__ import annotations

import re
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


class Routes:
    def __init__(self, store: Store, *, lenient_page_size: bool = False) -> None:
        self._store = store
        self._renderer = Renderer()
        self._lenient_page_size = lenient_page_size

    def handle(self, account_sid: str, method: str, raw_path: bytes, query: bytes, base_url: str) -> bytes:
        """The 200 body for an authenticated request; raises a TwilioError otherwise."""
        segments = raw_path.split(b"/")
        count = len(segments)
        if (count != _LIST and count != _FETCH) or segments[0]:
            raise NotFound()
        for index, name in _FIXED:
            if segments[index] != name:
                raise NotFound()
        if method != "GET":
            raise MethodNotAllowed()
        service_sid = unquote(segments[3].decode("latin-1"))
        conversation = unquote(segments[5].decode("latin-1"))
        message_sid = unquote(segments[7].decode("latin-1"))
        if count == _LIST:
            return self._list(account_sid, service_sid, conversation, message_sid, query, base_url)
        receipt_sid = unquote(segments[9].decode("latin-1"))
        if _RECEIPT_SID.fullmatch(receipt_sid) is None:
            raise NotFound()
        generation = self._store.generation  # before reading: see Renderer
        message = self._message(account_sid, service_sid, conversation, message_sid)
        receipt = self._store.get_receipt(message.message_sid, receipt_sid)
        return self._renderer.receipt(receipt, _list_url(base_url, message) + "/", generation)

    def _message(self, account_sid: str, service_sid: str, conversation: str, message_sid: str) -> MessageRef:
        if _SERVICE_SID.fullmatch(service_sid) is None or _MESSAGE_SID.fullmatch(message_sid) is None:
            raise NotFound()
        return self._store.find_message(account_sid, service_sid, conversation, message_sid)

    def _list(
        self,
        account_sid: str,
        service_sid: str,
        conversation: str,
        message_sid: str,
        query: bytes,
        base_url: str,
    ) -> bytes:
        params = _query_params(query)
        request = parse_page_request(params, lenient_page_size=self._lenient_page_size)
        store = self._store
        generation = store.generation  # before reading: see Renderer
        message = self._message(account_sid, service_sid, conversation, message_sid)
        after = before = None
        if request.boundary_sid is not None:
            boundary = store.get_receipt(message.message_sid, request.boundary_sid)
            if request.direction == "A":
                after = boundary
            else:
                before = boundary
        page = store.list_receipts(message.message_sid, limit=request.page_size, after=after, before=before)
        list_url = _list_url(base_url, message)
        meta = page_meta(list_url, request, page.receipts, page.has_more)
        return self._renderer.page(page.receipts, list_url + "/", meta, generation)


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
