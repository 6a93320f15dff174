"""The console program, run as a user runs it: a real process, its stderr, its exit."""

from __future__ import annotations

import base64
import json
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from twilio_receipts_emulator import DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, DEMO_RECEIPT_SIDS

from tests.emulator.support import assert_twilio_error, list_path
from tests.processes import READY, EmulatorProcess

ACCOUNT = "AC" + "1" * 32
TOKEN = "persisted-token-7f3a"
SEED: dict[str, Any] = {
    "accounts": [{"sid": ACCOUNT, "auth_token": TOKEN}],
    "services": [{"sid": "IS" + "1" * 32, "account_sid": ACCOUNT}],
    "conversations": [{"sid": "CH" + "1" * 32, "chat_service_sid": "IS" + "1" * 32}],
    "messages": [{"sid": "IM" + "1" * 32, "conversation_sid": "CH" + "1" * 32}],
    "receipts": [
        {
            "sid": f"DY{index:032x}",
            "message_sid": "IM" + "1" * 32,
            "status": "delivered",
            "date_created": f"2021-06-01T12:00:{index:02d}Z",
        }
        for index in range(12)
    ],
}
SEED_PATH = list_path("IS" + "1" * 32, "CH" + "1" * 32, "IM" + "1" * 32)


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(SEED))
    return path


@pytest.fixture
def programs() -> Iterator[list[EmulatorProcess]]:
    started: list[EmulatorProcess] = []
    yield started
    for program in started:  # whatever a failing test left running
        program.kill()


def test_it_logs_one_ready_line_serves_and_exits_cleanly(
    web: httpx.Client, programs: list[EmulatorProcess]
) -> None:
    program = EmulatorProcess("--demo")
    programs.append(program)
    url = program.wait_ready()
    response = web.get(url + list_path(), auth=(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN))
    assert [r["sid"] for r in response.json()["delivery_receipts"]] == list(DEMO_RECEIPT_SIDS)
    code, lines = program.finish()
    assert code == 0
    assert len(lines) == 1
    assert READY.fullmatch(lines[0])


def test_data_survives_kill_9_and_a_restart_with_the_same_db(
    web: httpx.Client, programs: list[EmulatorProcess], tmp_path: Path, seed_file: Path
) -> None:
    db = tmp_path / "state.db"
    first = EmulatorProcess("--db", str(db), "--seed", str(seed_file))
    programs.append(first)
    url = first.wait_ready()
    before = web.get(url + SEED_PATH, params={"PageSize": 5}, auth=(ACCOUNT, TOKEN)).json()
    assert len(before["delivery_receipts"]) == 5
    code, _ = first.finish(signal.SIGKILL)
    assert code == -signal.SIGKILL

    second = EmulatorProcess("--db", str(db))  # no seed this time
    programs.append(second)
    url = second.wait_ready()
    after = web.get(url + SEED_PATH, params={"PageSize": 5}, auth=(ACCOUNT, TOKEN)).json()
    assert [r["sid"] for r in after["delivery_receipts"]] == [r["sid"] for r in before["delivery_receipts"]]
    walked = web.get(after["meta"]["next_page_url"], auth=(ACCOUNT, TOKEN)).json()
    assert walked["delivery_receipts"][0]["sid"] == f"DY{5:032x}"
    assert second.finish()[0] == 0
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "cannot read"),
        ("{not json", "not valid JSON"),
        (
            json.dumps({**SEED, "receipts": [{**SEED["receipts"][0], "message_sid": "IM" + "9" * 32}]}),
            f"receipts[0]: unknown message_sid IM{'9' * 32}",
        ),
        (json.dumps({**SEED, "extra": []}), "unknown key 'extra'"),
    ],
    ids=["missing", "not-json", "broken-reference", "unknown-key"],
)
def test_a_bad_seed_exits_2_with_the_reason_and_no_traceback(
    tmp_path: Path, content: str | None, expected: str
) -> None:
    path = tmp_path / "seed.json"
    if content is not None:
        path.write_text(content)
    result = subprocess.run(  # noqa: S603 (our own fixed command)
        [sys.executable, "-m", "twilio_receipts_emulator", "--port", "0", "--seed", str(path)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert expected in result.stderr
    assert str(path) in result.stderr
    assert "Traceback" not in result.stderr
    assert TOKEN not in result.stderr
    assert "listening" not in result.stderr


def test_an_unusable_db_exits_2(tmp_path: Path) -> None:
    result = subprocess.run(  # noqa: S603 (our own fixed command)
        [sys.executable, "-m", "twilio_receipts_emulator", "--db", str(tmp_path / "no" / "x.db")],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "--db" in result.stderr
    assert "Traceback" not in result.stderr


def test_credentials_never_reach_the_logs(
    web: httpx.Client, programs: list[EmulatorProcess], seed_file: Path
) -> None:
    program = EmulatorProcess("--seed", str(seed_file), "--log-level", "debug")
    programs.append(program)
    url = program.wait_ready()
    for token in (TOKEN, "wrong-token"):
        web.get(url + SEED_PATH, params={"PageSize": 2}, auth=(ACCOUNT, token))
    code, lines = program.finish()
    assert code == 0
    log = "\n".join(lines)
    assert "GET /v1/Services/" in log  # the access log was on
    for secret in (TOKEN, "wrong-token"):
        assert secret not in log
        assert base64.b64encode(f"{ACCOUNT}:{secret}".encode()).decode() not in log


def test_flags_reach_the_app(web: httpx.Client, programs: list[EmulatorProcess]) -> None:
    program = EmulatorProcess(
        "--demo",
        "--public-url",
        "https://emulator.example.test",
        "--lenient-page-size",
        "--fault-rate",
        "1",
        "--faults",
        "503",
        "--fault-seed",
        "3",
    )
    programs.append(program)
    url = program.wait_ready()
    auth = (DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN)
    assert_twilio_error(web.get(url + list_path(), auth=auth), 503, 20503)
    forced = web.get(
        url + list_path(), auth=auth, params={"PageSize": 500}, headers={"X-Emulator-Fault": "latency=1"}
    )
    meta = forced.json()["meta"]
    assert meta["page_size"] == 50
    assert meta["url"] == f"https://emulator.example.test{list_path()}?PageSize=50&Page=0"
    assert program.finish()[0] == 0


def test_invalid_fault_flags_are_usage_errors() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "twilio_receipts_emulator", "--fault-rate", "2"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "fault rate must be between 0 and 1" in result.stderr
