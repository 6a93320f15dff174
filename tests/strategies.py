"""Hypothesis strategies for receipts, derived from openapi.yaml's Receipt schema.

Hand-written rather than taken from schemathesis: its public API generates requests,
not response bodies, and its JSON Schema builder is internal. Each strategy reads the
field's pattern, enum and nullability from the spec, so a spec change reaches the tests.
"""

from __future__ import annotations

import datetime
from functools import cache
from typing import Any

import yaml
from hypothesis import strategies as st

from tests.paths import SPEC

__all__ = ["field_values", "seed_receipts"]

# The fields a seed receipt carries; the rest (account, service, conversation, url)
# come from its parents.
SEED_FIELDS = (
    "participant_sid",
    "channel_message_sid",
    "status",
    "error_code",
    "date_created",
    "date_updated",
)


@cache
def receipt_schema() -> dict[str, Any]:
    schemas = yaml.safe_load(SPEC.read_text())["components"]["schemas"]
    properties: dict[str, Any] = schemas["Receipt"]["properties"]
    properties["status"] = {**schemas["ReceiptStatus"], "nullable": True}
    return properties


def timestamps() -> st.SearchStrategy[str]:
    """Whole seconds in UTC, written as Twilio writes them (`…Z`)."""
    moments = st.datetimes(
        min_value=datetime.datetime(2015, 1, 1),
        max_value=datetime.datetime(2035, 1, 1),
    ).map(lambda d: d.replace(microsecond=0))
    return moments.map(lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ"))


def field_values(name: str) -> st.SearchStrategy[Any]:
    field = receipt_schema()[name]
    values: st.SearchStrategy[Any]
    if "enum" in field:
        values = st.sampled_from(field["enum"])
    elif "pattern" in field:
        values = st.from_regex(field["pattern"], fullmatch=True)
    elif field.get("format") == "date-time":
        values = timestamps()
    elif field["type"] == "integer":
        values = st.integers(min_value=0, max_value=99999)
    else:
        raise LookupError(f"no strategy for Receipt.{name}: {field}")
    return st.none() | values if field.get("nullable") else values


def seed_receipts(*, max_size: int) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Seed-format receipts (without their message) with distinct SIDs."""
    fields = {f: field_values(f) for f in SEED_FIELDS}
    # The API lists by date_created: a stored receipt always has one.
    fields["date_created"] = timestamps()
    one = st.fixed_dictionaries(
        {"sid": st.from_regex(receipt_schema()["sid"]["pattern"], fullmatch=True), **fields}
    )
    return st.lists(one, max_size=max_size, unique_by=lambda r: r["sid"].lower())
