"""openapi.yaml states every fact of Twilio's reference page, and the page states every
fact in the table below: a pattern, bound or enum value lost on either side fails here."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

from tests.paths import SEED_PAGE, SPEC

LIST_PATH = "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Messages/{MessageSid}/Receipts"
FETCH_PATH = LIST_PATH + "/{Sid}"
SID = {"minLength": 34, "maxLength": 34}

# name: (type, format, nullable, extra constraints), as the reference page gives them.
RECEIPT_FIELDS: dict[str, tuple[str, str | None, bool, dict[str, Any]]] = {
    "account_sid": ("string", None, True, {**SID, "pattern": "^AC[0-9a-fA-F]{32}$"}),
    "chat_service_sid": ("string", None, True, {**SID, "pattern": "^IS[0-9a-fA-F]{32}$"}),
    "conversation_sid": ("string", None, True, {**SID, "pattern": "^CH[0-9a-fA-F]{32}$"}),
    "message_sid": ("string", None, True, {**SID, "pattern": "^IM[0-9a-fA-F]{32}$"}),
    "sid": ("string", None, True, {**SID, "pattern": "^DY[0-9a-fA-F]{32}$"}),
    "channel_message_sid": ("string", None, True, {**SID, "pattern": "^[a-zA-Z]{2}[0-9a-fA-F]{32}$"}),
    "participant_sid": ("string", None, True, {**SID, "pattern": "^MB[0-9a-fA-F]{32}$"}),
    "error_code": ("integer", None, False, {"default": 0}),
    "date_created": ("string", "date-time", True, {}),
    "date_updated": ("string", "date-time", True, {}),
    "url": ("string", "uri", True, {}),
}
STATUS_VALUES = ["read", "failed", "delivered", "undelivered", "sent"]
META_FIELDS: dict[str, tuple[str, str | None, bool]] = {
    "first_page_url": ("string", "uri", False),
    "key": ("string", None, False),
    "next_page_url": ("string", "uri", True),
    "page": ("integer", None, False),
    "page_size": ("integer", None, False),
    "previous_page_url": ("string", "uri", True),
    "url": ("string", "uri", False),
}
PATH_PARAMS: dict[str, dict[str, Any]] = {
    "ChatServiceSid": {"type": "string", **SID, "pattern": "^IS[0-9a-fA-F]{32}$"},
    # A free string: Twilio also accepts the conversation's unique_name.
    "ConversationSid": {"type": "string"},
    "MessageSid": {"type": "string", **SID, "pattern": "^IM[0-9a-fA-F]{32}$"},
}
QUERY_PARAMS: dict[str, dict[str, Any]] = {
    "PageSize": {"type": "integer", "format": "int64", "minimum": 1, "maximum": 50},
    "Page": {"type": "integer", "minimum": 0},
    "PageToken": {"type": "string", "pattern": "^P[AB]DY[0-9a-fA-F]{32}$"},
}
HEADERS: dict[str, str] = {
    "Access-Control-Allow-Origin": "string",
    "Access-Control-Allow-Methods": "string",
    "Access-Control-Allow-Headers": "string",
    "Access-Control-Allow-Credentials": "boolean",
    "Access-Control-Expose-Headers": "string",
    "Twilio-Request-Id": "string",
}
ERROR_STATUSES = ["400", "401", "404", "405", "429", "500", "503"]


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC.read_text())
    return loaded


def resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follows a local $ref (the spec shares parameters, headers and responses)."""
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def params(spec: dict[str, Any], path: str) -> dict[str, dict[str, Any]]:
    item = spec["paths"][path]
    found = [resolve(spec, p) for p in item.get("parameters", []) + item["get"].get("parameters", [])]
    return {p["name"]: p for p in found}


def test_spec_is_valid_openapi_3_0(spec: dict[str, Any]) -> None:
    validate(spec)
    assert spec["openapi"].startswith("3.0.")


def test_table_patterns_are_the_reference_pages_patterns() -> None:
    """Keeps the table above honest: it must hold every pattern the page gives, and no other."""
    page = SEED_PAGE.read_text()
    on_page = set(re.findall(r"pattern: (\^\S+\$)", page))
    in_table = {f[3]["pattern"] for f in RECEIPT_FIELDS.values() if "pattern" in f[3]}
    in_table |= {p["pattern"] for p in PATH_PARAMS.values() if "pattern" in p}
    assert on_page == in_table
    assert "Values are read, failed, delivered, undelivered, or sent." in page
    for name in [*RECEIPT_FIELDS, *META_FIELDS, "status", *PATH_PARAMS, *QUERY_PARAMS, *HEADERS]:
        if name != "Twilio-Request-Id":  # ours: the page leaves request ids out
            assert name in page, name


@pytest.mark.parametrize("name", sorted(RECEIPT_FIELDS))
def test_receipt_field(spec: dict[str, Any], name: str) -> None:
    kind, fmt, nullable, extra = RECEIPT_FIELDS[name]
    field = spec["components"]["schemas"]["Receipt"]["properties"][name]
    assert field["type"] == kind
    assert field.get("format") == fmt
    assert field.get("nullable", False) is nullable
    for key, value in extra.items():
        assert field[key] == value, key


def test_receipt_has_exactly_the_pages_fields(spec: dict[str, Any]) -> None:
    fields = spec["components"]["schemas"]["Receipt"]["properties"]
    assert set(fields) == {*RECEIPT_FIELDS, "status"}


def test_status_is_a_nullable_enum_in_the_form_the_generator_keeps(spec: dict[str, Any]) -> None:
    status = spec["components"]["schemas"]["Receipt"]["properties"]["status"]
    # `nullable` + `allOf: [$ref]`: the 3.0 form that yields `ReceiptStatus | None`.
    assert status["nullable"] is True
    assert status["allOf"] == [{"$ref": "#/components/schemas/ReceiptStatus"}]
    assert spec["components"]["schemas"]["ReceiptStatus"]["enum"] == STATUS_VALUES


@pytest.mark.parametrize("name", sorted(META_FIELDS))
def test_meta_field(spec: dict[str, Any], name: str) -> None:
    kind, fmt, nullable = META_FIELDS[name]
    field = spec["components"]["schemas"]["PageMeta"]["properties"][name]
    assert (field["type"], field.get("format"), field.get("nullable", False)) == (kind, fmt, nullable)


def test_list_body(spec: dict[str, Any]) -> None:
    page = spec["components"]["schemas"]["ReceiptPage"]["properties"]
    assert page["delivery_receipts"] == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/Receipt"},
    }
    assert page["meta"] == {"$ref": "#/components/schemas/PageMeta"}
    assert set(spec["components"]["schemas"]["PageMeta"]["properties"]) == set(META_FIELDS)


@pytest.mark.parametrize("path", [LIST_PATH, FETCH_PATH])
def test_path_parameters(spec: dict[str, Any], path: str) -> None:
    found = params(spec, path)
    for name, expected in PATH_PARAMS.items():
        assert found[name]["in"] == "path"
        assert found[name]["required"] is True
        assert found[name]["schema"] == expected
    if path == FETCH_PATH:
        assert found["Sid"]["schema"] == {"type": "string", **SID, "pattern": "^DY[0-9a-fA-F]{32}$"}


def test_query_parameters(spec: dict[str, Any]) -> None:
    found = params(spec, LIST_PATH)
    for name, expected in QUERY_PARAMS.items():
        assert found[name]["in"] == "query"
        assert not found[name].get("required", False)
        assert found[name]["schema"] == expected


@pytest.mark.parametrize("path", [LIST_PATH, FETCH_PATH])
def test_responses(spec: dict[str, Any], path: str) -> None:
    responses = spec["paths"][path]["get"]["responses"]
    assert set(responses) == {"200", *ERROR_STATUSES}
    ok = responses["200"]
    for name, kind in HEADERS.items():
        header = resolve(spec, ok["headers"][name])
        assert header["schema"]["type"] == kind
        assert header["required"] is True
    for status in ERROR_STATUSES:
        body = resolve(spec, responses[status])["content"]["application/json"]["schema"]
        assert body == {"$ref": "#/components/schemas/TwilioErrorBody"}


def test_error_body_and_security(spec: dict[str, Any]) -> None:
    error = spec["components"]["schemas"]["TwilioErrorBody"]
    assert sorted(error["required"]) == ["code", "message", "more_info", "status"]
    assert spec["servers"] == [{"url": "https://conversations.twilio.com"}]
    scheme = spec["components"]["securitySchemes"]["accountSid_authToken"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "basic")
    assert spec["security"] == [{"accountSid_authToken": []}]
    unauthorized = spec["components"]["responses"]["Unauthorized"]
    assert "WWW-Authenticate" in unauthorized["headers"]


def test_list_links_to_fetch(spec: dict[str, Any]) -> None:
    link = spec["paths"][LIST_PATH]["get"]["responses"]["200"]["links"]["FetchFirstReceipt"]
    assert link["operationId"] == spec["paths"][FETCH_PATH]["get"]["operationId"]
    assert link["parameters"]["Sid"] == "$response.body#/delivery_receipts/0/sid"
    for name in PATH_PARAMS:
        assert link["parameters"][name] == f"$request.path.{name}"
