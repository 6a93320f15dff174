"""Every response checked against openapi.yaml: its status is one the operation documents,
its headers are the ones the spec requires, and its body validates against the schema of
that status (OpenAPI 3.0 semantics, `nullable` included, through openapi-schema-validator;
formats too, `format: uri` by hand since jsonschema has no URI checker installed).

Validating a 50-receipt page costs ~10 ms, so each distinct value is validated once (the
same value is equally valid the second time), and a page is validated as its envelope
plus its receipts, each against `Receipt` (what the page schema's `items` says): a
receipt seen on many pages is validated once. Headers are checked on every response.
`Secrets` finds credentials in any text the tests collect.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import httpx
import orjson
import yaml
from openapi_schema_validator import OAS30Validator, oas30_format_checker

from tests.paths import SPEC

__all__ = [
    "DOCUMENTED_STATUSES",
    "Answer",
    "Contract",
    "ContractViolation",
    "Secrets",
]

REQUEST_ID = re.compile(r"RQ[0-9a-fA-F]{32}")


@cache
def _spec() -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(SPEC.read_text())
    return spec


def _documented_statuses() -> frozenset[int]:
    statuses = set()
    for item in _spec()["paths"].values():
        statuses |= {int(status) for status in item["get"]["responses"]}
    return frozenset(statuses)


DOCUMENTED_STATUSES = _documented_statuses()
"""Every status the spec documents (both operations document the same ones)."""


class ContractViolation(AssertionError):
    """A response that is not what openapi.yaml describes."""


@dataclass(frozen=True, slots=True)
class Answer:
    """A response reduced to what the contract is about; header names lower-case."""

    status: int
    headers: Mapping[str, str]
    body: bytes

    @classmethod
    def of(cls, response: httpx.Response) -> Answer:
        return cls(
            response.status_code, {k.lower(): v for k, v in response.headers.items()}, response.content
        )


def _validator(schema_name: str) -> Any:
    """A jsonschema validator (jsonschema ships no type stubs: Any)."""
    schema = {"components": _spec()["components"], "$ref": f"#/components/schemas/{schema_name}"}
    return OAS30Validator(schema, format_checker=oas30_format_checker)


def _required_headers(status: int) -> dict[str, dict[str, Any]]:
    """The headers the spec requires on a response of `status` (the list operation's;
    the fetch operation documents the same), resolved."""
    spec = _spec()
    components = spec["components"]
    operation = next(iter(spec["paths"].values()))["get"]
    response = operation["responses"][str(status)]
    if "$ref" in response:
        response = components["responses"][response["$ref"].rsplit("/", 1)[1]]
    required = {}
    for name, header in response.get("headers", {}).items():
        if "$ref" in header:
            header = components["headers"][header["$ref"].rsplit("/", 1)[1]]
        required[name.lower()] = header
    return required


class Contract:
    """Checks responses against the spec; thread-safe (load tests share one)."""

    def __init__(self) -> None:
        self._validators = {name: _validator(name) for name in ("ReceiptPage", "Receipt", "TwilioErrorBody")}
        self._headers = {status: _required_headers(status) for status in DOCUMENTED_STATUSES}
        self._valid: set[bytes] = set()
        self._lock = threading.Lock()
        self.validated = 0
        """Distinct bodies validated (the rest were byte-identical to one of them)."""

    def page(self, answer: Answer) -> dict[str, Any]:
        """A 200 page of receipts; returns the decoded body."""
        body = self._body(answer, 200, "ReceiptPage")
        meta = body["meta"]
        if meta["key"] != "delivery_receipts" or len(body["delivery_receipts"]) > meta["page_size"]:
            raise ContractViolation(f"inconsistent meta: {meta}")
        for url in (meta["url"], meta["first_page_url"], meta["next_page_url"], meta["previous_page_url"]):
            _check_uri(url)
        for receipt in body["delivery_receipts"]:
            _check_uri(receipt["url"])
        return body

    def receipt(self, answer: Answer) -> dict[str, Any]:
        """A 200 receipt; returns the decoded body."""
        body = self._body(answer, 200, "Receipt")
        _check_uri(body["url"])
        return body

    def error(
        self, answer: Answer, statuses: Collection[int], *, head: bool = False
    ) -> dict[str, Any] | None:
        """Twilio's error body with one of `statuses` (each one the spec documents).
        `head`: the answer to a HEAD request, which has the headers and no body."""
        if answer.status not in statuses:
            raise ContractViolation(
                f"status {answer.status}, expected one of {sorted(statuses)}: {answer.body[:300]!r}"
            )
        if head:
            self._check_headers(answer)
            if answer.body:
                raise ContractViolation("a body in the answer to HEAD")
            return None
        body = self._body(answer, answer.status, "TwilioErrorBody")
        if body["status"] != answer.status:
            raise ContractViolation(f"body status {body['status']} on an HTTP {answer.status}")
        _check_uri(body["more_info"])
        return body

    def _body(self, answer: Answer, status: int, schema: str) -> dict[str, Any]:
        if answer.status != status:
            raise ContractViolation(f"status {answer.status}, expected {status}: {answer.body[:300]!r}")
        self._check_headers(answer)
        if answer.headers.get("content-length") != str(len(answer.body)):
            raise ContractViolation(
                f"content-length {answer.headers.get('content-length')} for {len(answer.body)} bytes"
            )
        body = _json(answer.body)
        if not isinstance(body, dict):
            raise ContractViolation(f"not a JSON object: {answer.body[:300]!r}")
        if schema == "ReceiptPage" and isinstance(body.get("delivery_receipts"), list):
            # A page is its envelope and its receipts, each a Receipt (the schema's
            # `items`): validated apart, a receipt is validated once, not once per page.
            for receipt in body["delivery_receipts"]:
                self._validate("Receipt", receipt)
            self._validate(schema, {**body, "delivery_receipts": []})
        else:
            self._validate(schema, body)
        return body

    def _validate(self, schema: str, value: Any) -> None:
        key = hashlib.blake2b(schema.encode() + b"\0" + _dumps(value), digest_size=16).digest()
        if key in self._valid:
            return
        errors = sorted(error.message for error in self._validators[schema].iter_errors(value))
        if errors:
            raise ContractViolation(f"not a valid {schema}: {errors[:5]}")
        with self._lock:
            self._valid.add(key)
            self.validated += 1

    def _check_headers(self, answer: Answer) -> None:
        if answer.status not in DOCUMENTED_STATUSES:
            raise ContractViolation(f"undocumented status {answer.status}: {answer.body[:300]!r}")
        headers = answer.headers
        if headers.get("content-type") != "application/json":
            raise ContractViolation(f"content-type {headers.get('content-type')!r}")
        for name, header in self._headers[answer.status].items():
            value = headers.get(name)
            if value is None:
                if header.get("required"):
                    raise ContractViolation(f"no {name} header on a {answer.status}")
                continue
            schema = header["schema"]
            if "pattern" in schema and re.search(schema["pattern"], value) is None:
                raise ContractViolation(f"{name}: {value!r} does not match {schema['pattern']}")
            if schema["type"] == "integer" and not (value.isascii() and value.isdigit()):
                raise ContractViolation(f"{name}: {value!r} is not an integer")
            if schema["type"] == "boolean" and value not in ("true", "false"):
                raise ContractViolation(f"{name}: {value!r} is not a boolean")
        if REQUEST_ID.fullmatch(headers.get("twilio-request-id", "")) is None:
            raise ContractViolation(f"twilio-request-id {headers.get('twilio-request-id')!r}")
        if answer.status == 405 and headers.get("allow") != "GET":
            raise ContractViolation(f"a 405 with allow {headers.get('allow')!r}")


def _json(data: bytes) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        pass
    try:  # orjson stops at 64-bit integers; JSON does not (the emulator echoes any Page)
        return json.loads(data)
    except (ValueError, RecursionError) as error:
        raise ContractViolation(f"not JSON ({error}): {data[:300]!r}") from None


def _dumps(value: Any) -> bytes:
    try:
        return orjson.dumps(value)
    except TypeError:  # an integer past 64 bits
        return json.dumps(value).encode()


def _check_uri(value: str | None) -> None:
    if value is None:
        return
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ContractViolation(f"not an absolute http(s) URI: {value!r}")


class Secrets:
    """Credentials, in every form a leak could take: the secret itself and the
    Authorization header value that carries it."""

    def __init__(self, credentials: Iterable[tuple[str, str]]) -> None:
        forms: dict[bytes, str] = {}
        for username, secret in credentials:
            forms[secret.encode()] = f"the secret of {username}"
            header = base64.b64encode(f"{username}:{secret}".encode())
            forms[header] = f"the Basic credentials of {username}"
        self._forms = forms

    def found_in(self, data: bytes | str) -> list[str]:
        """What credentials `data` contains (empty when none)."""
        raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
        return sorted({name for form, name in self._forms.items() if form in raw})

    def assert_absent(self, data: bytes | str, where: str) -> None:
        found = self.found_in(data)
        if found:
            raise AssertionError(f"{', '.join(found)} in {where}")
