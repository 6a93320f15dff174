"""The templates are not about receipts: a list operation the spec gains tomorrow gets
sync_pages/asyncio_pages/sync_all/asyncio_all on regeneration, other operations do not,
and models of other shapes (required fields, non-nullable enums, nullable models, lists of
scalars, typed additional properties) still come out type-correct and parse. The spec is
grown in a temporary copy, generated with templates/, type-checked and exercised against a
scripted server."""

from __future__ import annotations

import copy
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

from tests.client.servers import Recorded, Reply, ScriptedServer, json_reply
from tests.paths import ROOT, SPEC

PACKAGE = "grown_twilio_receipts"


def grown_spec() -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(SPEC.read_text())
    schemas = spec["components"]["schemas"]
    schemas["Colour"] = {"type": "string", "enum": ["red", "green"]}
    schemas["Message"] = {
        "type": "object",
        "required": ["sid", "colour"],
        "properties": {
            "sid": {"type": "string"},
            "colour": {"$ref": "#/components/schemas/Colour"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "sent": {"type": "string", "format": "date"},
            "attributes": {"type": "object", "additionalProperties": {"type": "integer"}},
            "parent": {"nullable": True, "allOf": [{"$ref": "#/components/schemas/PageMeta"}]},
            "weight": {"type": "number", "nullable": True},
        },
    }
    schemas["MessagePage"] = {
        "type": "object",
        "properties": {
            "messages": {"type": "array", "items": {"$ref": "#/components/schemas/Message"}},
            "meta": {"$ref": "#/components/schemas/PageMeta"},
        },
    }
    receipts = spec["paths"][
        "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Messages/{MessageSid}/Receipts"
    ]
    operation = copy.deepcopy(receipts["get"])
    operation["operationId"] = "ListMessages"
    operation["tags"] = ["Messages"]
    operation["responses"]["200"]["content"]["application/json"]["schema"] = {
        "$ref": "#/components/schemas/MessagePage"
    }
    operation["responses"]["200"].pop("links", None)
    spec["paths"]["/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Messages"] = {
        "parameters": receipts["parameters"][:2],
        "get": operation,
    }
    return spec


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ModuleType, Path]]:
    out = tmp_path_factory.mktemp("grown")
    (out / "openapi.yaml").write_text(yaml.safe_dump(grown_spec()))
    config = yaml.safe_load((ROOT / "generator-config.yml").read_text())
    config.update(package_name_override=PACKAGE, project_name_override="grown")
    (out / "config.yml").write_text(yaml.safe_dump(config))
    venv_bin = Path(sys.executable).parent
    subprocess.run(  # noqa: S603
        [
            str(venv_bin / "openapi-python-client"), "generate", "--path", str(out / "openapi.yaml"),
            "--config", str(out / "config.yml"), "--custom-template-path", str(ROOT / "templates"),
            "--meta", "none", "--fail-on-warning", "--output-path", str(out / PACKAGE),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "PATH": f"{venv_bin}{os.pathsep}{os.environ['PATH']}"},
    )  # fmt: skip
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module(PACKAGE), out
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m.startswith(PACKAGE)]:
            del sys.modules[name]


def test_the_grown_package_is_mypy_strict_clean(grown: tuple[ModuleType, Path]) -> None:
    _, out = grown
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", PACKAGE],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_the_new_list_operation_gets_the_pagination_helpers(grown: tuple[ModuleType, Path]) -> None:
    list_messages = importlib.import_module(f"{PACKAGE}.api.messages.list_messages")
    fetch_receipt = importlib.import_module(f"{PACKAGE}.api.receipts.fetch_receipt")
    helpers = {"sync_pages", "asyncio_pages", "sync_all", "asyncio_all"}
    assert helpers <= set(vars(list_messages))
    assert not helpers & set(vars(fetch_receipt))


def test_the_new_list_operation_walks_its_pages(grown: tuple[ModuleType, Path]) -> None:
    package, _ = grown
    list_messages = importlib.import_module(f"{PACKAGE}.api.messages.list_messages")
    models = importlib.import_module(f"{PACKAGE}.models")
    first = {"sid": "IM1", "colour": "red", "tags": ["a"], "sent": "2024-02-29", "attributes": {"n": 1}}
    second = {"sid": "IM2", "colour": "blue", "parent": None, "weight": 1.5, "extra": True}

    def handler(request: Recorded) -> Reply:
        if "PageToken" in request.query:
            return json_reply(200, {"messages": [second], "meta": {"next_page_url": None}})
        next_url = request.host_url + request.raw_path + "?PageToken=PA1"
        return json_reply(200, {"messages": [first], "meta": {"next_page_url": next_url}})

    with ScriptedServer(handler) as server:
        client = package.AuthenticatedClient(base_url=server.url, username="AC1", password="token")
        got = list(list_messages.sync_all("IS1", "CH1", client=client))
        with pytest.raises(ValueError, match="would change the URL path"):
            list_messages.sync_all("IS1", "..", client=client)
    assert [m.sid for m in got] == ["IM1", "IM2"]
    assert all(isinstance(m, models.Message) for m in got)
    assert got[0].colour is models.Colour.RED
    assert got[0].attributes.additional_properties == {"n": 1}
    assert str(got[0].sent) == "2024-02-29"
    assert got[1].colour.value == "blue"  # not in the enum: a pseudo-member
    assert got[1].colour.is_known is False
    assert got[1].parent is None
    assert got[1].additional_properties == {"extra": True}
    assert [r.target.split("?")[0] for r in server.requests] == [
        "/v1/Services/IS1/Conversations/CH1/Messages"
    ] * 2


def test_required_fields_of_new_models_are_enforced(grown: tuple[ModuleType, Path]) -> None:
    models = importlib.import_module(f"{PACKAGE}.models")
    with pytest.raises(KeyError):
        models.Message.from_dict({"sid": "IM1"})
