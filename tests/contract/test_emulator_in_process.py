"""Schemathesis against the emulator's ASGI app in this process: the fast-feedback run.
Same spec, same schemathesis.toml (seed, credentials, demo-data dictionaries), every
check, 300 cases per operation, then the stateful list -> fetch walk."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from twilio_receipts_emulator import DEMO_SEED, Store, create_app, load_seed

from tests.paths import ROOT, SPEC

CASES_PER_OPERATION = 300


def demo_app() -> object:
    store = Store()
    load_seed(store, DEMO_SEED)
    return create_app(store)


config = SchemathesisConfig.from_path(ROOT / "schemathesis.toml")
config.projects.default.generation.update(max_examples=CASES_PER_OPERATION)
schema = schemathesis.openapi.from_path(SPEC, config=config)
schema.app = demo_app()


@pytest.fixture
def statuses(request: pytest.FixtureRequest) -> Iterator[Counter[tuple[str, int]]]:
    """Counts the answers to one operation's cases; after the run, a vacuous pass (every
    call a 401 or a 404) fails the test."""
    seen: Counter[tuple[str, int]] = Counter()
    yield seen
    assert sum(seen.values()) >= CASES_PER_OPERATION, seen
    ok = seen["positive", 200]
    refused = seen["negative", 400] + seen["negative", 404]
    assert ok >= 30, f"too few valid requests reached receipts: {seen}"
    assert refused >= 30, f"too few invalid requests were refused: {seen}"
    assert not [s for (_, s) in seen if s >= 500], seen


@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_emulator_conforms(case: schemathesis.Case[Any], statuses: Counter[tuple[str, int]]) -> None:
    response = case.call_and_validate()
    statuses[case.meta.generation.mode.value if case.meta else "unknown", response.status_code] += 1


TestStatefulWalk = schema.as_state_machine().TestCase
# Walks are two steps deep (list, then fetch a listed receipt): short scenarios lose nothing.
TestStatefulWalk.settings = settings(max_examples=40, stateful_step_count=6, deadline=None)
