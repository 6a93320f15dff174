"""List paging as Twilio does it: PageSize, Page, PageToken in; `meta` out.

A token is `PA` (the page after) or `PB` (the page before) followed by the SID of the
receipt at the page boundary, the spec's pattern `^P[AB]DY[0-9a-fA-F]{32}$`. It names
a keyset position, so following it costs one index seek however deep the page. A token
that does not match the pattern is a 400; one that matches but names no receipt of the
message being listed (another message's, another account's) is a 404, raised by the
store when the route resolves the boundary.

`Page` is client state: echoed in `meta.page` and counted up and down in the links,
never used to find rows.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import BadRequest

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_PAGE_SIZE",
    "PageRequest",
    "page_meta",
    "parse_page_request",
]

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 50

_TOKEN = re.compile(r"P([AB])(DY[0-9a-fA-F]{32})")
_MIN_INT_MAX_STR_DIGITS = 640  # sys.set_int_max_str_digits refuses lower limits (0: none)


@dataclass(frozen=True, slots=True)
class PageRequest:
    page_size: int
    page: int
    token: str | None = None

    @property
    def direction(self) -> str | None:
        """`A` (after the boundary), `B` (before it) or None (from the start)."""
        return None if self.token is None else self.token[1]

    @property
    def boundary_sid(self) -> str | None:
        return None if self.token is None else self.token[2:]


def _integer(value: str, *, signed: bool) -> int | None:
    # ASCII digits only (and a leading "-" when signed), not int()'s grammar: int() also
    # takes " 5", "5_0", "+5" and non-ASCII digits. String tests, not a regex: this runs
    # on every page request, and a regex match costs several times as much.
    digits = value[1:] if signed and value.startswith("-") else value
    if not (digits.isascii() and digits.isdigit()):
        return None
    # Python converts ints to and from text up to sys.get_int_max_str_digits() digits
    # (never fewer than 640). One digit fewer than that, so that the links' Page + 1 can
    # still be written.
    if len(digits) >= _MIN_INT_MAX_STR_DIGITS:
        limit = sys.get_int_max_str_digits()
        if limit and len(digits) >= limit:
            return None
    return int(value)


def parse_page_request(params: Mapping[str, str], *, lenient_page_size: bool) -> PageRequest:
    """PageSize 1..50 (clamped instead when lenient), Page >= 0, PageToken by pattern."""
    page_size = DEFAULT_PAGE_SIZE
    raw = params.get("PageSize")
    if raw is not None:
        value = _integer(raw, signed=True)
        if value is not None and lenient_page_size:
            value = min(max(value, 1), MAX_PAGE_SIZE)
        if value is None or not 1 <= value <= MAX_PAGE_SIZE:
            raise BadRequest(f"Invalid PageSize: must be an integer from 1 to {MAX_PAGE_SIZE}")
        page_size = value
    page = 0
    raw = params.get("Page")
    if raw is not None:
        value = _integer(raw, signed=False)
        if value is None:
            raise BadRequest("Invalid Page: must be an integer of 0 or more")
        page = value
    token = params.get("PageToken")
    if token is not None and _TOKEN.fullmatch(token) is None:
        raise BadRequest("Invalid PageToken")
    return PageRequest(page_size, page, token)


def page_meta(list_url: str, request: PageRequest, sids: Sequence[str], has_more: bool) -> dict[str, Any]:
    """Twilio's `meta` for a page of the receipts `sids` read as `request` asked;
    `has_more` tells whether receipts lie beyond it in the direction it was read."""
    direction = request.direction
    if not sids:  # nothing to link from (only a hand-made token gets here)
        has_next = has_previous = False
    elif direction == "B":
        has_next, has_previous = True, has_more
    else:  # from the start, nothing is before; after a boundary, the boundary is
        has_next, has_previous = has_more, direction == "A"
    size, page = request.page_size, request.page
    base = f"{list_url}?PageSize={size}&Page="
    url = f"{base}{page}" if request.token is None else f"{base}{page}&PageToken={request.token}"
    return {
        "first_page_url": f"{base}0",
        "key": "delivery_receipts",
        "next_page_url": f"{base}{page + 1}&PageToken=PA{sids[-1]}" if has_next else None,
        "page": page,
        "page_size": size,
        # max(): a client that sends Page=0 with a PB token still gets a valid link.
        "previous_page_url": (f"{base}{max(page - 1, 0)}&PageToken=PB{sids[0]}" if has_previous else None),
        "url": url,
    }
