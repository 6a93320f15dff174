"""The examples of README.md, docs/client.md and of the generated README run as written, in order,
against a live emulator, and print exactly what the text under each says."""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from twilio_receipts_emulator.demo import DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN
from twilio_receipts_emulator.faults import FaultConfig
from twilio_receipts_emulator.server import Emulator

from tests.paths import GENERATED, ROOT

DOCUMENTS = {
    "README.md": ROOT / "README.md",
    "docs/client.md": ROOT / "docs" / "client.md",
    "generated README": GENERATED / "README.md",
}
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Example:
    line: int
    code: str
    output: str | None  # the ```text block right after it, if any


def examples(path: Path) -> list[Example]:
    text = path.read_text()
    found: list[Example] = []
    blocks = list(FENCE.finditer(text))
    for index, block in enumerate(blocks):
        if block.group(1) != "python":
            continue
        output = None
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            following is not None
            and following.group(1) == "text"
            and not text[block.end() : following.start()].strip()
        ):
            output = following.group(2)
        found.append(Example(text.count("\n", 0, block.start()) + 1, block.group(2), output))
    return found


@pytest.fixture
def docs_emulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    """What the docs ask for: the demo emulator with fault injection on, no random
    faults, and the demo credentials in the environment."""
    with Emulator(demo=True, faults=FaultConfig(rate=0.0)) as emulator:
        monkeypatch.setenv("TWILIO_RECEIPTS_BASE_URL", emulator.base_url)
        monkeypatch.setenv("TWILIO_ACCOUNT_SID", DEMO_ACCOUNT_SID)
        monkeypatch.setenv("TWILIO_AUTH_TOKEN", DEMO_AUTH_TOKEN)
        yield emulator


@pytest.mark.parametrize("document", list(DOCUMENTS))
def test_every_example_runs_as_written_and_prints_what_the_text_says(
    document: str, docs_emulator: Emulator
) -> None:
    found = examples(DOCUMENTS[document])
    assert len(found) >= 2
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for example in found:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(example.code, f"{document}:{example.line}", "exec"), namespace)  # noqa: S102
        if example.output is not None:
            assert printed.getvalue() == example.output, f"{document}, example at line {example.line}"


def test_the_docs_cover_every_feature() -> None:
    text = DOCUMENTS["docs/client.md"].read_text()
    for heading in ("Credentials", "Timeout", "Retries", "Pages and all receipts", "Errors", "Tolerance"):
        assert f"### {heading}" in text
    with_output = [example for example in examples(DOCUMENTS["docs/client.md"]) if example.output is not None]
    assert len(with_output) >= 8
