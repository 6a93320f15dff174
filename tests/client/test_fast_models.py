"""The inline from_dict of templates/model.py.jinja gives exactly what upstream's gives,
for valid and odd bodies alike: the same models are generated once more with upstream's
templates only, into a temporary package, and both parse the same Hypothesis-drawn
dicts. The one intended difference: an unknown status is an enum pseudo-member here where
upstream keeps a plain str (or raises, for a non-nullable enum)."""

from __future__ import annotations

import datetime
import importlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from twilio_receipts import models as fast
from twilio_receipts import types as fast_types

from tests.paths import ROOT, SPEC
from tests.strategies import field_values, receipt_schema

STOCK_PACKAGE = "stock_twilio_receipts"


@pytest.fixture(scope="module")
def stock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The models as upstream's templates generate them (no custom templates)."""
    out = tmp_path_factory.mktemp("stock")
    config = yaml.safe_load((ROOT / "generator-config.yml").read_text())
    config.update(package_name_override=STOCK_PACKAGE, project_name_override="stock-twilio-receipts")
    (out / "config.yml").write_text(yaml.safe_dump(config))
    venv_bin = Path(sys.executable).parent
    subprocess.run(  # noqa: S603
        [
            str(venv_bin / "openapi-python-client"), "generate", "--path", str(SPEC),
            "--config", str(out / "config.yml"), "--meta", "none", "--output-path", str(out / STOCK_PACKAGE),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "PATH": f"{venv_bin}{os.pathsep}{os.environ['PATH']}"},
    )  # fmt: skip
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module(f"{STOCK_PACKAGE}.models")
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m.startswith(STOCK_PACKAGE)]:
            del sys.modules[name]


def odd_values() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.integers(),
        st.booleans(),
        st.text(max_size=8),
        st.sampled_from(["2016-03-24T20:37:57Z", "2016-03-24", "2016-13-99T00:00:00Z", "seen", "read", ""]),
        st.lists(st.integers(), max_size=2),
        st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    )


def valid_value(name: str) -> st.SearchStrategy[Any]:
    if receipt_schema()[name].get("format") == "uri":
        return st.just("https://conversations.twilio.com/v1/Services/IS1/Receipts/DY1")
    return field_values(name)


@st.composite
def receipt_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """Each field absent, null, valid, or odd; sometimes extra fields."""
    body: dict[str, Any] = {}
    for name in receipt_schema():
        choice = draw(st.sampled_from(["absent", "null", "valid", "valid", "odd"]))
        if choice == "null":
            body[name] = None
        elif choice == "valid":
            body[name] = draw(valid_value(name))
        elif choice == "odd":
            body[name] = draw(odd_values())
    if draw(st.booleans()):
        body.update(draw(st.dictionaries(st.text(min_size=1, max_size=6), odd_values(), max_size=3)))
    return body


def normalise(value: Any) -> Any:
    """Comparable across the two packages: UNSET of either is one marker, an enum (or a
    pseudo-member) is its value."""
    if isinstance(value, fast_types.Unset) or type(value).__name__ == "Unset":
        return "<UNSET>"
    if hasattr(value, "value") and type(value).__name__ == "ReceiptStatus":
        return ("enum", value.value)
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if hasattr(value, "to_dict") and hasattr(value, "additional_properties"):
        return {k: normalise(v) for k, v in vars_of(value).items()}
    return value


def vars_of(model: Any) -> dict[str, Any]:
    names = [field for field in type(model).__attrs_attrs__]
    return {field.name: getattr(model, field.name) for field in names}


def parse(cls: Any, data: Any) -> tuple[str, Any]:
    try:
        return "ok", cls.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError):
        return "error", None


def unknown_status(data: Any) -> bool:
    status = data.get("status") if isinstance(data, dict) else None
    return isinstance(status, str) and status not in {"read", "failed", "delivered", "undelivered", "sent"}


@given(receipt_dicts())
def test_receipt_from_dict_matches_upstream(stock: ModuleType, data: dict[str, Any]) -> None:
    fast_outcome, fast_model = parse(fast.Receipt, data)
    stock_outcome, stock_model = parse(stock.Receipt, data)
    assert fast_outcome == stock_outcome == "ok"  # Receipt has no required field: nothing raises
    mine, theirs = normalise(fast_model), normalise(stock_model)
    if unknown_status(data):
        assert mine.pop("status") == ("enum", data["status"])  # a pseudo-member, honest
        assert theirs.pop("status") == data["status"]  # upstream: a plain str under an enum annotation
    assert mine == theirs
    assert fast_model.to_dict() == stock_model.to_dict()


@given(st.lists(receipt_dicts(), max_size=3), st.one_of(st.none(), st.text(max_size=5)), odd_values())
def test_page_from_dict_matches_upstream(
    stock: ModuleType, receipts: list[dict[str, Any]], next_url: str | None, extra: Any
) -> None:
    page = {"delivery_receipts": receipts, "meta": {"next_page_url": next_url, "page": 3}, "extra": extra}
    fast_outcome, fast_model = parse(fast.ReceiptPage, page)
    stock_outcome, stock_model = parse(stock.ReceiptPage, page)
    assert fast_outcome == stock_outcome == "ok"
    mine, theirs = normalise(fast_model), normalise(stock_model)
    for receipt_mine, receipt_theirs, data in zip(
        mine["delivery_receipts"], theirs["delivery_receipts"], receipts, strict=True
    ):
        if unknown_status(data):
            receipt_mine.pop("status")
            receipt_theirs.pop("status")
    assert mine == theirs


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "code": odd_values(),
            "message": odd_values(),
            "more_info": odd_values(),
            "status": odd_values(),
            "x": odd_values(),
        },
    )
)
def test_required_fields_fail_alike(stock: ModuleType, data: dict[str, Any]) -> None:
    fast_outcome, fast_model = parse(fast.TwilioErrorBody, data)
    stock_outcome, stock_model = parse(stock.TwilioErrorBody, data)
    assert fast_outcome == stock_outcome
    if fast_outcome == "ok":
        assert normalise(fast_model) == normalise(stock_model)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2016-03-24T20:37:57Z", datetime.datetime(2016, 3, 24, 20, 37, 57, tzinfo=datetime.UTC)),
        ("2016-03-24T20:37:57+01:00", datetime.datetime(2016, 3, 24, 19, 37, 57, tzinfo=datetime.UTC)),
        ("not a date", "not a date"),  # upstream's behaviour, kept: unparseable stays a str
        (None, None),
    ],
)
def test_dates_nulls_and_unset_are_exact(raw: Any, expected: Any) -> None:
    receipt = fast.Receipt.from_dict({"date_created": raw})
    assert receipt.date_created == expected
    assert isinstance(receipt.date_updated, fast_types.Unset)
    assert isinstance(receipt.error_code, fast_types.Unset)  # absent, not the schema's default 0


def test_a_model_with_no_extra_keys_shares_no_state() -> None:
    one, two = fast.Receipt.from_dict({}), fast.Receipt.from_dict({})
    one.additional_properties["x"] = 1
    assert two.additional_properties == {}
    source = {"sid": "DY1", "extra": 1}
    parsed = fast.Receipt.from_dict(source)
    parsed.additional_properties["more"] = 2
    assert source == {"sid": "DY1", "extra": 1}  # the input is never modified
