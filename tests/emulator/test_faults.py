"""Fault injection: off by default, reproducible when seeded, forced per request by
X-Emulator-Fault only while on."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from twilio_receipts_emulator import DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, Emulator, FaultConfig

from tests.emulator.support import assert_twilio_error, list_path

AUTH = (DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN)


@pytest.fixture(scope="module")
def faulty() -> Iterator[httpx.Client]:
    """Fault injection on, with no random faults: only the header forces them."""
    with (
        Emulator(demo=True, faults=FaultConfig()) as emulator,
        httpx.Client(base_url=emulator.base_url, auth=AUTH, timeout=10) as client,
    ):
        yield client


@pytest.mark.parametrize("value", ["429", "500", "503", "drop", "latency=50", "nonsense"])
def test_the_header_changes_nothing_while_faults_are_off(http: httpx.Client, value: str) -> None:
    response = http.get(list_path(), headers={"X-Emulator-Fault": value})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("value", "status", "code", "retry_after"),
    [("429", 429, 20429, "1"), ("503", 503, 20503, "1"), ("500", 500, 20500, None)],
)
def test_the_header_forces_twilio_errors(
    faulty: httpx.Client, value: str, status: int, code: int, retry_after: str | None
) -> None:
    response = faulty.get(list_path(), headers={"X-Emulator-Fault": value})
    assert_twilio_error(response, status, code)
    assert response.headers.get("retry-after") == retry_after
    assert faulty.get(list_path()).status_code == 200  # one request only


def test_the_header_forces_a_dropped_connection(faulty: httpx.Client) -> None:
    with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
        faulty.get(list_path(), headers={"X-Emulator-Fault": "drop"})
    assert faulty.get(list_path()).status_code == 200


def test_the_header_forces_latency(faulty: httpx.Client) -> None:
    started = time.perf_counter()
    response = faulty.get(list_path(), headers={"X-Emulator-Fault": "latency=300"})
    assert response.status_code == 200
    assert time.perf_counter() - started >= 0.3


@pytest.mark.parametrize("value", ["nonsense", "404", "latency=", "latency=-5", "latency=999999"])
def test_an_unknown_forced_fault_is_a_400_naming_the_header(faulty: httpx.Client, value: str) -> None:
    body = assert_twilio_error(faulty.get(list_path(), headers={"X-Emulator-Fault": value}), 400, 20001)
    assert "X-Emulator-Fault" in body["message"]


def _statuses(web: httpx.Client, config: FaultConfig, count: int) -> list[int | str]:
    outcomes: list[int | str] = []
    with Emulator(demo=True, faults=config) as emulator:
        for _ in range(count):
            # A new connection per request: a dropped one cannot be reused.
            try:
                response = web.get(emulator.base_url + list_path(), auth=AUTH, timeout=10)
            except httpx.RemoteProtocolError:
                outcomes.append("drop")
            else:
                outcomes.append(response.status_code)
    return outcomes


def test_seeded_faults_hit_the_same_requests_every_run(web: httpx.Client) -> None:
    config = FaultConfig(rate=0.5, seed=1234)
    first = _statuses(web, config, 40)
    assert first == _statuses(web, config, 40)
    assert set(first) == {200, 429, 500, 503, "drop"}
    assert first != _statuses(web, FaultConfig(rate=0.5, seed=4321), 40)


def test_fault_kinds_and_rate_are_honoured(web: httpx.Client) -> None:
    outcomes = _statuses(web, FaultConfig(rate=1.0, kinds=("503",), seed=7), 5)
    assert outcomes == [503] * 5


def test_configured_latency_delays_every_request(web: httpx.Client) -> None:
    with Emulator(demo=True, faults=FaultConfig(latency_ms=150)) as emulator:
        started = time.perf_counter()
        for _ in range(2):
            assert web.get(emulator.base_url + list_path(), auth=AUTH).status_code == 200
        assert time.perf_counter() - started >= 0.3


@pytest.mark.parametrize(
    "config",
    [
        {"rate": 1.5},
        {"rate": -0.1},
        {"kinds": ("404",)},
        {"kinds": ()},
        {"latency_ms": -1},
    ],
)
def test_invalid_fault_configs_are_refused(config: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="fault"):
        FaultConfig(**config)  # type: ignore[arg-type]
