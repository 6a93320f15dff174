"""Load: concurrent clients, raw httpx and the generated client, get only answers the
spec describes, and every page walk, among the others, sees each receipt exactly once,
in order, also while receipts are being written. (`make soak`: 32 clients x 2,000
requests, the same run.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from twilio_receipts_emulator import Emulator

from tests.processes import EmulatorProcess
from tests.reliability.conftest import EXTRA, RECEIPTS
from tests.reliability.scenarios import Ledger, appender, prepare_db, run_load

CLIENTS = 8
REQUESTS_PER_CLIENT = 250


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The emulator as users run it, in its own process, on a file with the receipts."""
    db: Path = tmp_path_factory.mktemp("load") / "receipts.db"
    prepare_db(db, EXTRA)
    process = EmulatorProcess("--db", str(db))
    try:
        yield process.wait_ready()
    finally:
        code, lines = process.finish()
        assert code == 0, lines


def test_concurrent_clients_get_valid_answers_and_whole_walks(cli: str) -> None:
    figures = run_load(
        cli,
        Ledger(RECEIPTS),
        clients=CLIENTS,
        requests_per_client=REQUESTS_PER_CLIENT,
        seed=1,
        deadline_seconds=120,
    )
    assert figures.failures == 0, figures.report()
    assert figures.requests == CLIENTS * REQUESTS_PER_CLIENT
    counts = figures.counts
    assert counts["walks"] >= CLIENTS  # each client walks the list whole at least once
    assert counts["receipts_walked"] >= CLIENTS * len(RECEIPTS)
    # every kind of request was made
    assert counts["fetches"] > 0
    assert counts["expected_errors"] > 0
    assert counts["other_account"] > 0


WRITES = 30


def test_walks_during_writes_see_every_receipt_there_when_they_began_once_in_order(
    fresh_emulator: Emulator,
) -> None:
    """A writer appends batches of receipts while the clients walk: a walk must see
    exactly the first receipts of the list, at least all those committed before it
    began, none twice, none skipped (the emulator's read caches empty on every write)."""
    ledger = Ledger(RECEIPTS)
    figures = run_load(
        fresh_emulator.base_url,
        ledger,
        clients=4,
        requests_per_client=150,
        seed=2,
        deadline_seconds=120,
        writer=appender(fresh_emulator.load_seed, ledger, batch=5),
        writes=WRITES,
    )
    assert figures.failures == 0, figures.report()
    assert figures.counts["writes"] == WRITES
    assert figures.counts["walks"] >= 4
    assert len(ledger.committed()) == len(RECEIPTS) + 5 * WRITES
