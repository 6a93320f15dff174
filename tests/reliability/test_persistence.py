"""Persistence: with `--db FILE`, every receipt whose write was committed before the
emulator stopped is there after a restart, whether it stopped gracefully or was killed
with SIGKILL in the middle of writes and of HTTP load; a write in flight at the kill is
there whole or not at all; `PRAGMA integrity_check` says ok after every stop."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import httpx
import orjson
from twilio_receipts import AuthenticatedClient
from twilio_receipts.api.receipts import list_receipts
from twilio_receipts_emulator import (
    DEMO_ACCOUNT_SID,
    DEMO_AUTH_TOKEN,
    DEMO_CONVERSATION_SID,
    DEMO_MESSAGE_SID,
    DEMO_RECEIPT_SIDS,
    DEMO_SERVICE_SID,
    Emulator,
)

from tests.processes import EmulatorProcess
from tests.reliability.scenarios import extra_receipts, integrity, prepare_db, run_kill9

IDS = (DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID)


def _listed(base_url: str) -> list[str]:
    client = AuthenticatedClient(base_url=base_url, username=DEMO_ACCOUNT_SID, password=DEMO_AUTH_TOKEN)
    with client:
        return [str(receipt.sid) for receipt in list_receipts.sync_all(*IDS, client=client, page_size=50)]


def test_kill_9_mid_write_and_mid_load_loses_no_committed_receipt(tmp_path: Path) -> None:
    db = tmp_path / "receipts.db"
    figures = run_kill9(db, cycles=2, batch=20, seed=1, deadline_seconds=90, log=tmp_path / "writer.log")
    assert figures.failures == 0, figures.report()
    assert figures.counts["kills"] == 2
    assert figures.counts["receipts_committed"] >= 2 * 20
    assert figures.requests > 0  # the emulator was under load when it was killed
    assert integrity(db) == "ok"


def test_receipts_written_before_a_graceful_stop_are_there_after_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "receipts.db"
    with Emulator(demo=True, db=db) as emulator:
        added = emulator.add_receipts(120)
    assert integrity(db) == "ok"
    with Emulator(db=db) as emulator:  # no seed: only what the file holds
        assert _listed(emulator.base_url) == [*DEMO_RECEIPT_SIDS, *added]
        more = emulator.add_receipts(3)
    with Emulator(db=db) as emulator:
        assert _listed(emulator.base_url) == [*DEMO_RECEIPT_SIDS, *added, *more]
    assert integrity(db) == "ok"


def test_the_cli_killed_under_load_restarts_on_an_intact_file(tmp_path: Path) -> None:
    """A seed loaded by the CLI at start (`--seed` with `--db`) is in the file, and
    survives the process being killed with SIGKILL while clients read."""
    db = tmp_path / "receipts.db"
    extra = extra_receipts(200, seed=4)
    seed = tmp_path / "seed.json"
    seed.write_bytes(orjson.dumps({"receipts": extra}))
    expected = [*DEMO_RECEIPT_SIDS, *(receipt["sid"] for receipt in extra)]
    process = EmulatorProcess("--demo", "--db", str(db), "--seed", str(seed))
    stop = threading.Event()
    served = []

    def read(url: str) -> None:
        with httpx.Client(base_url=url, auth=(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN), timeout=5) as http:
            for _ in range(100_000):
                if stop.is_set():
                    return
                try:
                    served.append(
                        http.get(
                            f"/v1/Services/{IDS[0]}/Conversations/{IDS[1]}/Messages/{IDS[2]}/Receipts"
                        ).status_code
                    )
                except httpx.HTTPError:
                    return  # killed

    try:
        url = process.wait_ready()
        readers = [threading.Thread(target=read, args=(url,)) for _ in range(3)]
        for reader in readers:
            reader.start()
        while len(served) < 100 and all(reader.is_alive() for reader in readers):
            threading.Event().wait(0.01)
        process.process.send_signal(signal.SIGKILL)
        code, _ = process.finish(sig=None)
    finally:
        stop.set()
        process.kill()
    for reader in readers:
        reader.join(timeout=10)
    assert code == -signal.SIGKILL
    assert set(served) == {200}
    assert integrity(db) == "ok"
    restarted = EmulatorProcess("--db", str(db))
    try:
        assert _listed(restarted.wait_ready()) == expected
    finally:
        code, _ = restarted.finish()
    assert code == 0
    assert integrity(db) == "ok"


def test_a_prepared_file_serves_what_it_was_given(tmp_path: Path) -> None:
    """The soak's way of starting the CLI on a large list (prepare_db, then --db)."""
    db = tmp_path / "receipts.db"
    extra = extra_receipts(60, seed=9)
    prepare_db(db, extra)
    process = EmulatorProcess("--db", str(db))
    try:
        assert _listed(process.wait_ready()) == [*DEMO_RECEIPT_SIDS, *(receipt["sid"] for receipt in extra)]
    finally:
        code, _ = process.finish()
    assert code == 0
