"""The store's keyset pages cost the same at any depth, and its writes are safe while
the server reads."""

from __future__ import annotations

import dataclasses
import threading

import httpx
from twilio_receipts_emulator import DEMO_MESSAGE_SID, DEMO_SEED, Emulator, Store, load_seed
from twilio_receipts_emulator.store import _ORDER

from tests.emulator.support import list_path

MESSAGE = "IM" + "e" * 32


def _deep_store(count: int) -> Store:
    store = Store()
    load_seed(store, DEMO_SEED)
    load_seed(store, {"messages": [{"sid": MESSAGE, "conversation_sid": "CH" + "a" * 32}]})
    load_seed(
        store,
        {
            "receipts": [
                {
                    "sid": f"DY{index:032x}",
                    "message_sid": MESSAGE,
                    "status": "sent",
                    "date_created": f"2020-01-{1 + index // 86400:02d}T{index // 3600 % 24:02d}:"
                    f"{index // 60 % 60:02d}:{index % 60:02d}Z",
                }
                for index in range(count)
            ]
        },
    )
    return store


def _vm_steps(store: Store, **page: object) -> int:
    """SQLite virtual-machine instructions one page read executes (white-box: the
    connection is private; this counts work without timing noise)."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    store._db.set_progress_handler(count, 1)
    try:
        store.list_receipts(MESSAGE, limit=10, **page)  # type: ignore[arg-type]
    finally:
        store._db.set_progress_handler(None, 1)
    return steps


def test_page_200_costs_what_page_1_costs() -> None:
    store = _deep_store(2500)
    store.page_sids(MESSAGE, limit=1)  # loads the message's order, reads no receipt
    first = _vm_steps(store)  # rows of 10 receipts not read yet
    boundary = store.get_receipt(MESSAGE, f"DY{199 * 10 - 1:032x}")
    page_200 = _vm_steps(store, after=boundary)
    backward = _vm_steps(store, before=boundary)
    page = store.list_receipts(MESSAGE, limit=10, after=boundary)
    assert page.receipts[0].sid == f"DY{199 * 10:032x}"
    assert [r.sid for r in store.list_receipts(MESSAGE, limit=10, before=boundary).receipts] == [
        f"DY{index:032x}" for index in range(1979, 1989)
    ]
    assert page_200 <= first * 1.25
    assert backward <= first * 1.25
    # Read again, a page at any depth runs no SQL: its place comes from a binary search
    # over the cached order, its receipts from the read cache.
    assert _vm_steps(store) == _vm_steps(store, after=boundary) == _vm_steps(store, before=boundary) == 0


def test_a_message_order_loads_with_one_scan_of_the_page_index() -> None:
    store = _deep_store(10)
    plan = " ".join(str(row[-1]) for row in store._db.execute("EXPLAIN QUERY PLAN " + _ORDER, (MESSAGE,)))
    assert "receipts_page" in plan
    assert "TEMP B-TREE" not in plan  # no sort: the index gives the order


def test_a_write_reorders_a_listed_message() -> None:
    store = _deep_store(5)
    assert store.list_receipts(MESSAGE, limit=2).receipts[0].sid == f"DY{0:032x}"
    load_seed(
        store,
        {
            "receipts": [
                {
                    "sid": f"DY{0:032x}",
                    "message_sid": MESSAGE,
                    "status": "read",
                    "date_created": "2021-01-01T00:00:00Z",
                }
            ]
        },
    )
    page = store.list_receipts(MESSAGE, limit=5)
    assert [r.sid for r in page.receipts] == [f"DY{index:032x}" for index in (1, 2, 3, 4, 0)]
    assert page.receipts[-1].status == "read"


def test_writes_from_another_thread_while_serving(web: httpx.Client) -> None:
    with Emulator(demo=True) as emulator:
        errors: list[BaseException] = []

        def write() -> None:
            try:
                for _ in range(40):
                    emulator.add_receipts(5)
            except BaseException as error:  # reported below, in the test's thread
                errors.append(error)

        writer = threading.Thread(target=write)
        writer.start()
        auth = (emulator.account_sid, emulator.auth_token)
        statuses = set()
        while writer.is_alive():
            url: str | None = emulator.base_url + list_path() + "?PageSize=50"
            while url:
                response = web.get(url, auth=auth)
                statuses.add(response.status_code)
                url = response.json()["meta"]["next_page_url"]
        writer.join()
        assert errors == []
        assert statuses == {200}
        receipts = emulator.store.list_receipts(DEMO_MESSAGE_SID, limit=50)
        assert receipts.has_more
        total, url = 0, emulator.base_url + list_path() + "?PageSize=50"
        while url:
            page = web.get(url, auth=auth).json()
            total += len(page["delivery_receipts"])
            url = page["meta"]["next_page_url"]
        assert total == 8 + 200


def test_a_boundary_missing_from_a_cached_order_is_placed_by_its_key() -> None:
    # A boundary read under a newer write than the cached order (a race with a writer
    # thread) is not in its map of positions: binary search over the keys places it.
    store = _deep_store(5)
    store.page_sids(MESSAGE, limit=1)
    order = store._orders[MESSAGE]
    stranger = dataclasses.replace(store.get_receipt(MESSAGE, f"DY{2:032x}"), sid="DY" + "f" * 32)
    assert order.after(stranger) == order.before(stranger) == 3
    assert order.after(store.get_receipt(MESSAGE, f"DY{2:032x}")) == 3
    assert order.before(store.get_receipt(MESSAGE, f"DY{2:032x}")) == 2
