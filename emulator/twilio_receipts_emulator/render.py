"""Twilio's JSON for receipts and pages, as bytes.

A receipt's JSON is the same on every request except its `url`, whose base follows the
host the request came in on (or `--public-url`). So each receipt is serialised once
(orjson) per URL base and cached, and a page is one join of cached bytes: the request
path pays no per-receipt serialisation. The cache follows `Store.generation`, so a
write empties it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import orjson

from .store import Receipt

__all__ = ["Renderer", "dumps", "page_json", "receipt_json"]


def dumps(value: Any) -> bytes:
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:
        # orjson stops at 64-bit integers; Page is echoed and may be any size.
        return json.dumps(value, separators=(",", ":")).encode()


class Renderer:
    """Caches each receipt's JSON by the URL prefix it was rendered for: requests that
    come in on the same host (all of them, in practice) reuse it.

    Callers pass the `Store.generation` they read *before* reading the receipts: a
    newer one empties the cache, and receipts read under an older one (a write landed
    meanwhile) are rendered but not cached, so a stale rendering never outlives a write.
    """

    def __init__(self) -> None:
        self._generation = -1
        self._by_prefix: dict[str, dict[str, bytes]] = {}

    def receipt(self, receipt: Receipt, url_prefix: str, generation: int) -> bytes:
        """The receipt, its `url` being `url_prefix` + its SID."""
        return self._render([receipt.sid], lambda _: [receipt], url_prefix, generation)[0]

    def page(
        self,
        sids: list[str],
        receipts: Callable[[list[str]], list[Receipt]],
        url_prefix: str,
        meta: dict[str, Any],
        generation: int,
    ) -> bytes:
        """The page of the receipts `sids`; `receipts` gives the rows of SIDs not cached."""
        return page_json(self._render(sids, receipts, url_prefix, generation), meta)

    def _render(
        self,
        sids: list[str],
        receipts: Callable[[list[str]], list[Receipt]],
        url_prefix: str,
        generation: int,
    ) -> list[bytes]:
        if generation != self._generation:
            if generation < self._generation:
                return [receipt_json(receipt, url_prefix) for receipt in receipts(sids)]
            self._by_prefix = {}
            self._generation = generation
        cache = self._by_prefix.get(url_prefix)
        if cache is None:
            cache = self._by_prefix[url_prefix] = {}
        try:
            return [cache[sid] for sid in sids]
        except KeyError:
            for receipt in receipts([sid for sid in sids if sid not in cache]):
                cache[receipt.sid] = receipt_json(receipt, url_prefix)
            return [cache[sid] for sid in sids]


def receipt_json(receipt: Receipt, url_prefix: str) -> bytes:
    """One receipt, uncached, in a bytes object of its own size: orjson's result keeps
    the buffer it was written in (measured: ~4 KB held for a ~650-byte receipt, 39 MiB
    of cache for 10,000 receipts instead of 7), so the cache keeps a copy."""
    return bytes(memoryview(_receipt_json(receipt, url_prefix)))


def _receipt_json(receipt: Receipt, url_prefix: str) -> bytes:
    return orjson.dumps(
        {
            "account_sid": receipt.account_sid,
            "chat_service_sid": receipt.chat_service_sid,
            "conversation_sid": receipt.conversation_sid,
            "message_sid": receipt.message_sid,
            "sid": receipt.sid,
            "channel_message_sid": receipt.channel_message_sid,
            "participant_sid": receipt.participant_sid,
            "status": receipt.status,
            "error_code": receipt.error_code,
            "date_created": receipt.date_created,
            "date_updated": receipt.date_updated,
            "url": url_prefix + receipt.sid,
        }
    )


def page_json(items: list[bytes], meta: dict[str, Any]) -> bytes:
    """A page from its receipts' JSON."""
    tail = b'],"meta":' + dumps(meta) + b"}"
    if not items:
        return b'{"delivery_receipts":[' + tail
    # The page (~35 KB at 50 receipts) is copied once: the head and tail join the first
    # and last items, and one join writes the rest.
    parts = list(items)
    parts[0] = b'{"delivery_receipts":[' + parts[0]
    parts[-1] += tail
    return b",".join(parts)
