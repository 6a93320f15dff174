"""Client-side cost alone: one 50-receipt page (bytes as the emulator sends them) turned
into Python objects, in µs per receipt, with no network in the way:

    json dicts        json.loads
    orjson dicts      orjson.loads
    generated models  orjson.loads + ReceiptPage.from_dict (what sync_pages does)
    models only       ReceiptPage.from_dict on already-decoded dicts
    twilio-python     json.loads + DeliveryReceiptInstance per item (what its pages do)

Timed with `timeit`, which turns the garbage collector off while it times: this is the
cost of building the objects alone; what collecting many of them costs shows in the
listing benchmark, where they are kept.
"""

from __future__ import annotations

import json
import timeit
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import orjson
from twilio.base.version import Version  # type: ignore[import-untyped]
from twilio.rest import Client as TwilioClient  # type: ignore[import-untyped]
from twilio.rest.conversations.v1.service.conversation.message.delivery_receipt import (  # type: ignore[import-untyped]
    DeliveryReceiptInstance,
)
from twilio_receipts.models import ReceiptPage

from .seed import BenchData
from .timing import interleaved

__all__ = ["VARIANTS", "ParsingResult", "fetch_page", "measure_parsing"]

VARIANTS = ("json dicts", "orjson dicts", "generated models", "models only", "twilio-python")


@dataclass(frozen=True, slots=True)
class ParsingResult:
    us_per_receipt: dict[str, list[float]]
    receipts_per_page: int
    page_bytes: int


def fetch_page(base_url: str, data: BenchData) -> bytes:
    """Page 1 as the emulator serves it."""
    response = httpx.get(
        f"{base_url}{data.page_path(0)}", auth=(data.account_sid, data.auth_token), timeout=30
    )
    response.raise_for_status()
    return response.content


def _twilio_version() -> Version:
    return TwilioClient("AC" + "0" * 32, "token").conversations.v1


def _variants(body: bytes, data: BenchData) -> dict[str, Callable[[], object]]:
    decoded = orjson.loads(body)
    version = _twilio_version()

    def twilio() -> object:
        return [
            DeliveryReceiptInstance(
                version,
                item,
                chat_service_sid=data.service_sid,
                conversation_sid=data.conversation_sid,
                message_sid=data.message_sid,
            )
            for item in json.loads(body)["delivery_receipts"]
        ]

    return {
        "json dicts": lambda: json.loads(body),
        "orjson dicts": lambda: orjson.loads(body),
        "generated models": lambda: ReceiptPage.from_dict(orjson.loads(body)),
        "models only": lambda: ReceiptPage.from_dict(decoded),
        "twilio-python": twilio,
    }


def measure_parsing(
    body: bytes, data: BenchData, *, rounds: int, number: int, warmup: int = 1
) -> ParsingResult:
    """µs per receipt for each variant: `number` parses of the page per round, rounds
    interleaved after `warmup` unrecorded rounds."""
    count = len(orjson.loads(body)["delivery_receipts"])
    if not count:
        raise ValueError("the page to parse holds no receipts")
    runs = _variants(body, data)

    def per_receipt(run: Callable[[], object]) -> Callable[[], float]:
        return lambda: timeit.timeit(run, number=number) / number / count * 1e6

    results = interleaved({name: per_receipt(runs[name]) for name in VARIANTS}, rounds=rounds, warmup=warmup)
    return ParsingResult(results, count, len(body))
