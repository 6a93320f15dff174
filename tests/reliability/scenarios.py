"""The reliability runs, sized by their arguments: `tests/reliability` calls them small,
`make soak` (bench/soak.py) large. Each returns `Figures`; a run never stops at its first
failure but records it (the first few verbatim), so that a soak reports how many.

    run_load        concurrent clients, raw httpx and the generated client, walking pages,
                    fetching receipts, and getting the errors they ask for; optionally
                    while a writer appends receipts
    run_fault_walks sync_all and asyncio_all walks, concurrent, under injected faults
    run_bad_input   malformed requests on raw sockets, then a check that pages are intact
    run_kill9       a writer process killed with SIGKILL mid-write and mid-load, the file
                    checked, the emulator restarted on it and every committed receipt read

Everything is loopback, and every loop is bounded by a count and by a deadline.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import itertools
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from twilio_receipts import AuthenticatedClient, RetryPolicy
from twilio_receipts.api.receipts import fetch_receipt, list_receipts
from twilio_receipts_emulator import (
    DEMO_ACCOUNT_SID,
    DEMO_API_KEY_SECRET,
    DEMO_API_KEY_SID,
    DEMO_AUTH_TOKEN,
    DEMO_CONVERSATION_SID,
    DEMO_CONVERSATION_UNIQUE_NAME,
    DEMO_MESSAGE_SID,
    DEMO_RECEIPT_SIDS,
    DEMO_SEED,
    DEMO_SERVICE_SID,
    OTHER_ACCOUNT_SID,
    OTHER_AUTH_TOKEN,
    OTHER_CONVERSATION_SID,
    OTHER_MESSAGE_SID,
    OTHER_RECEIPT_SID,
    OTHER_SERVICE_SID,
    Store,
    load_seed,
)
from twilio_receipts_emulator.seed import format_date

from tests.paths import ROOT
from tests.processes import EmulatorProcess
from tests.reliability.contract import Answer, Contract, ContractViolation, Secrets
from tests.reliability.malformed import Target, malformed
from tests.reliability.rawhttp import address_of, exchange

__all__ = [
    "FAST_RETRIES",
    "OTHER_API_KEY_SECRET",
    "OTHER_API_KEY_SID",
    "OTHER_KEY_SEED",
    "SECRETS",
    "Figures",
    "Ledger",
    "appender",
    "demo_target",
    "extra_receipts",
    "integrity",
    "prepare_db",
    "run_bad_input",
    "run_fault_walks",
    "run_kill9",
    "run_load",
    "walk_pages",
]

OTHER_API_KEY_SID = "SK" + "b" * 32
OTHER_API_KEY_SECRET = "other-api-key-secret"
OTHER_KEY_SEED: dict[str, Any] = {
    "accounts": [
        {
            "sid": OTHER_ACCOUNT_SID,
            "auth_token": OTHER_AUTH_TOKEN,
            "api_keys": [{"sid": OTHER_API_KEY_SID, "secret": OTHER_API_KEY_SECRET}],
        }
    ]
}
"""An API key for the demo's second account (the demo gives one to the first only)."""

SECRETS = Secrets(
    [
        (DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN),
        (DEMO_API_KEY_SID, DEMO_API_KEY_SECRET),
        (OTHER_ACCOUNT_SID, OTHER_AUTH_TOKEN),
        (OTHER_API_KEY_SID, OTHER_API_KEY_SECRET),
    ]
)
"""Every credential of the demo data: none may show in a response, a log or an error."""

FAST_RETRIES = RetryPolicy(
    attempts=12, timeout=30.0, wait_initial=0.002, wait_max=0.02, wait_jitter=0.002, max_retry_after=0.02
)
"""Real retries, with waits (and Retry-After, the emulator's 1 s) cut to milliseconds.
Twelve tries: at a 20 % fault rate, 0.2**12 is the chance of a request failing them all."""

_LIST_PATH = "/v1/Services/{}/Conversations/{}/Messages/{}/Receipts"
_MAX_FAILURES_KEPT = 20


@dataclass
class Figures:
    """What a run did and what went wrong."""

    name: str
    requests: int = 0
    faults: int = 0
    """Faults the clients met: injected 429/500/503 answers and dropped connections."""
    malformed: int = 0
    failures: int = 0
    seconds: float = 0.0
    first_failures: list[str] = field(default_factory=list)
    counts: collections.Counter[str] = field(default_factory=collections.Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def fail(self, message: str) -> None:
        with self._lock:
            self.failures += 1
            if len(self.first_failures) < _MAX_FAILURES_KEPT:
                self.first_failures.append(message)

    def add(self, *, requests: int = 0, faults: int = 0, malformed: int = 0, **counts: int) -> None:
        with self._lock:
            self.requests += requests
            self.faults += faults
            self.malformed += malformed
            self.counts.update(counts)

    def report(self) -> str:
        """The failures, for an assertion message."""
        return f"{self.failures} failures in {self.name}; the first ones:\n" + "\n".join(self.first_failures)


def _deadline_passed(deadline: float) -> bool:
    return time.monotonic() > deadline


# --- data ----------------------------------------------------------------------------


def extra_receipts(count: int, *, seed: int, message_sid: str = DEMO_MESSAGE_SID) -> list[dict[str, Any]]:
    """`count` seed receipts for a message, one second apart from 2020 on (after the
    demo's), a few sharing a second (the SID orders those), in list order."""
    rng = random.Random(seed)
    moment = datetime(2020, 1, 1, tzinfo=UTC)
    receipts = []
    for _ in range(count):
        if rng.random() > 0.1:
            moment += timedelta(seconds=1)
        receipts.append(
            {
                "sid": f"DY{rng.getrandbits(128):032x}",
                "message_sid": message_sid,
                "participant_sid": f"MB{rng.getrandbits(128):032x}",
                "channel_message_sid": f"SM{rng.getrandbits(128):032x}",
                "status": rng.choice(["read", "failed", "delivered", "undelivered", "sent"]),
                "error_code": rng.choice([0, 0, 0, 30008]),
                "date_created": format_date(moment),
                "date_updated": rng.choice([None, format_date(moment + timedelta(minutes=5))]),
            }
        )
    receipts.sort(key=lambda r: (r["date_created"], r["sid"]))
    return receipts


def prepare_db(path: Path, extra: Sequence[Mapping[str, Any]]) -> None:
    """A database file with the demo data, an API key for its second account and
    `extra` receipts, for an emulator process started with `--db`."""
    store = Store(str(path))
    try:
        load_seed(store, DEMO_SEED)
        load_seed(store, OTHER_KEY_SEED)
        load_seed(store, {"receipts": list(extra)})
    finally:
        store.close()


def integrity(path: Path) -> str:
    """SQLite's own verdict on the file: `ok`, or what is wrong."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        rows = db.execute("PRAGMA integrity_check").fetchall()
    return "\n".join(str(row[0]) for row in rows)


def demo_target(base_url: str, receipts: Sequence[str]) -> Target:
    """Malformed requests aimed at the demo message (holding `receipts`)."""
    host, port = address_of(base_url)
    return Target(
        host=f"{host}:{port}",
        username=DEMO_ACCOUNT_SID,
        password=DEMO_AUTH_TOKEN,
        service=DEMO_SERVICE_SID,
        conversation=DEMO_CONVERSATION_SID,
        message=DEMO_MESSAGE_SID,
        receipts=tuple(receipts),
        foreign_receipts=(OTHER_RECEIPT_SID,),
        other_username=OTHER_ACCOUNT_SID,
        other_password=OTHER_AUTH_TOKEN,
        other_ids=(OTHER_SERVICE_SID, OTHER_CONVERSATION_SID, OTHER_MESSAGE_SID),
    )


class Ledger:
    """The receipts of the demo message in list order, as a writer appends to them.

    A writer calls `begin(sids)` before its write and `commit()` after: a walk that
    starts later must see everything committed, and may see what is in flight."""

    def __init__(self, initial: Sequence[str]) -> None:
        self._committed = list(initial)
        self._pending: list[str] = []
        self._lock = threading.Lock()

    def committed(self) -> list[str]:
        with self._lock:
            return list(self._committed)

    def known(self) -> list[str]:
        """Committed and in flight."""
        with self._lock:
            return self._committed + self._pending

    def begin(self, sids: Sequence[str]) -> None:
        with self._lock:
            self._pending = list(sids)

    def commit(self) -> None:
        with self._lock:
            self._committed += self._pending
            self._pending = []


def _check_walk(seen: Sequence[object], required: Sequence[str], known: Sequence[str]) -> str | None:
    """What is wrong with a complete walk (None: nothing). Writers only append, so a walk
    sees exactly the first receipts of the list, at least those there when it began."""
    if len(set(seen)) != len(seen):
        duplicates = [sid for sid, n in collections.Counter(seen).items() if n > 1]
        return f"{len(duplicates)} receipts seen twice, e.g. {duplicates[0]}"
    if list(seen) != list(known[: len(seen)]):
        missing = [sid for sid in known[: len(seen)] if sid not in set(seen)]
        return f"not the list in order: {len(seen)} seen, {len(missing)} skipped, e.g. {missing[:1]}"
    if len(seen) < len(required):
        return f"{len(required) - len(seen)} receipts missing at the end (saw {len(seen)} of {len(required)})"
    return None


def walk_pages(
    http: httpx.Client, contract: Contract, url: str, *, budget: int
) -> tuple[list[str], int, bool]:
    """Follows next_page_url from `url` for at most `budget` requests, every page checked
    against the spec; returns the SIDs seen, the requests made and whether it ended."""
    seen: list[str] = []
    requests = 0
    next_url: str | None = url
    while next_url is not None and requests < budget:
        response = http.get(next_url)
        requests += 1
        page = contract.page(Answer.of(response))
        SECRETS.assert_absent(response.content, f"the page {next_url}")
        seen += [receipt["sid"] for receipt in page["delivery_receipts"]]
        next_url = page["meta"]["next_page_url"]
    return seen, requests, next_url is None


def appender(
    load_seed: Callable[[Mapping[str, Any]], None], ledger: Ledger, *, batch: int
) -> Callable[[random.Random], None]:
    """A writer for `run_load`: each call appends `batch` receipts to the demo message
    through `load_seed` (an emulator's), dated after every receipt the ledger knows."""
    moment = datetime(2040, 1, 1, tzinfo=UTC)

    def write(rng: random.Random) -> None:
        nonlocal moment
        receipts = []
        for _ in range(batch):
            moment += timedelta(seconds=1)
            receipts.append(
                {
                    "sid": f"DY{rng.getrandbits(128):032x}",
                    "message_sid": DEMO_MESSAGE_SID,
                    "status": "sent",
                    "date_created": format_date(moment),
                }
            )
        ledger.begin([receipt["sid"] for receipt in receipts])
        load_seed({"receipts": receipts})
        ledger.commit()

    return write


# --- load ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Actor:
    """One credential and path to list the demo message with."""

    username: str
    password: str
    conversation: str


_ACTORS = (
    _Actor(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, DEMO_CONVERSATION_SID),
    _Actor(DEMO_API_KEY_SID, DEMO_API_KEY_SECRET, DEMO_CONVERSATION_SID),
    _Actor(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, DEMO_CONVERSATION_UNIQUE_NAME),
)
_PAGE_SIZES = (1, 3, 7, 20, 50)


def run_load(
    base_url: str,
    ledger: Ledger,
    *,
    clients: int,
    requests_per_client: int,
    seed: int,
    deadline_seconds: float,
    writer: Callable[[random.Random], None] | None = None,
    writes: int = 0,
    write_interval: float = 0.01,
) -> Figures:
    """`clients` threads of `requests_per_client` requests each; every fourth one uses
    the generated client (its responses checked in an httpx event hook), the others
    raw httpx. `writer`, when given, is called `writes` times on its own thread,
    `write_interval` seconds apart, while the clients run (see `appender`)."""
    figures = Figures("load")
    contract = Contract()
    deadline = time.monotonic() + deadline_seconds
    done = threading.Event()
    started = time.perf_counter()

    def write_loop() -> None:
        assert writer is not None
        rng = random.Random(f"writer-{seed}")
        for _ in range(writes):
            done.wait(write_interval)  # spread over the run; all of them in any case
            if _deadline_passed(deadline):
                figures.fail("writer: out of time")
                return
            try:
                writer(rng)
            except Exception as error:  # recorded; the clients go on
                figures.fail(f"writer: {error!r}")
                return
            figures.add(writes=1)

    writer_thread = threading.Thread(target=write_loop, daemon=True) if writer is not None else None
    if writer_thread is not None:
        writer_thread.start()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        futures = [
            pool.submit(
                _generated_client if index % 4 == 3 else _raw_client,
                base_url,
                ledger,
                contract,
                figures,
                random.Random(f"load-client-{seed}-{index}"),
                requests_per_client,
                deadline,
            )
            for index in range(clients)
        ]
        for future in futures:
            try:
                future.result()
            except Exception as error:
                figures.fail(f"a client crashed: {error!r}")
    done.set()
    if writer_thread is not None:
        writer_thread.join(timeout=30)
    figures.seconds = time.perf_counter() - started
    figures.add(distinct_bodies_validated=contract.validated)
    return figures


def _list_url(conversation: str, **query: object) -> str:
    path = _LIST_PATH.format(DEMO_SERVICE_SID, conversation, DEMO_MESSAGE_SID)
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _raw_client(
    base_url: str,
    ledger: Ledger,
    contract: Contract,
    figures: Figures,
    rng: random.Random,
    budget: int,
    deadline: float,
) -> None:
    clients = {
        credentials: httpx.Client(base_url=base_url, auth=credentials, timeout=30)
        for credentials in {(actor.username, actor.password) for actor in _ACTORS}
    }
    other = httpx.Client(base_url=base_url, auth=(OTHER_ACCOUNT_SID, OTHER_AUTH_TOKEN), timeout=30)
    left = budget
    first = True
    try:
        while left > 0 and not _deadline_passed(deadline):
            roll = 0.0 if first else rng.random()  # a whole walk first: every client makes one
            first = False
            try:
                if roll < 0.55:
                    actor = rng.choice(_ACTORS)
                    http = clients[(actor.username, actor.password)]
                    required = ledger.committed()
                    url = _list_url(
                        actor.conversation, PageSize=50 if roll == 0.0 else rng.choice(_PAGE_SIZES)
                    )
                    seen, used, ended = walk_pages(http, contract, url, budget=left)
                    left -= used
                    figures.add(requests=used)
                    if ended:
                        problem = _check_walk(seen, required, ledger.known())
                        if problem:
                            figures.fail(f"walk {url}: {problem}")
                        figures.add(walks=1, receipts_walked=len(seen))
                    continue
                left -= 1
                figures.add(requests=1)
                http = clients[(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN)]
                if roll < 0.8:
                    sid = rng.choice(ledger.committed())
                    response = http.get(_list_url(DEMO_CONVERSATION_SID) + "/" + sid)
                    receipt = contract.receipt(Answer.of(response))
                    if receipt["sid"] != sid or receipt["account_sid"] != DEMO_ACCOUNT_SID:
                        figures.fail(f"fetch {sid}: got {receipt['sid']} of {receipt['account_sid']}")
                    figures.add(fetches=1)
                elif roll < 0.9:
                    path = _LIST_PATH.format(OTHER_SERVICE_SID, OTHER_CONVERSATION_SID, OTHER_MESSAGE_SID)
                    page = contract.page(Answer.of(other.get(path)))
                    sids = [receipt["sid"] for receipt in page["delivery_receipts"]]
                    if sids != [OTHER_RECEIPT_SID]:
                        figures.fail(f"the other account's list: {sids}")
                    figures.add(other_account=1)
                else:
                    status, response = _expected_error(rng, http, base_url)
                    contract.error(Answer.of(response), {status})
                    SECRETS.assert_absent(response.content, "an error body")
                    figures.add(expected_errors=1)
            except (ContractViolation, AssertionError, httpx.HTTPError) as error:
                figures.fail(f"{type(error).__name__}: {error}")
    finally:
        for http in [*clients.values(), other]:
            http.close()


def _expected_error(rng: random.Random, http: httpx.Client, base_url: str) -> tuple[int, httpx.Response]:
    kind = rng.randrange(4)
    if kind == 0:
        return 404, http.get(_LIST_PATH.format(DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, "IM" + "0" * 32))
    if kind == 1:
        return 400, http.get(_list_url(DEMO_CONVERSATION_SID, PageSize=0))
    if kind == 2:
        return 405, http.post(_list_url(DEMO_CONVERSATION_SID))
    return 401, httpx.get(
        base_url + _list_url(DEMO_CONVERSATION_SID), auth=(DEMO_ACCOUNT_SID, "wrong"), timeout=30
    )


def _generated_client(
    base_url: str,
    ledger: Ledger,
    contract: Contract,
    figures: Figures,
    rng: random.Random,
    budget: int,
    deadline: float,
) -> None:
    used = 0

    def check(response: httpx.Response) -> None:
        nonlocal used
        used += 1
        response.read()
        answer = Answer.of(response)
        if response.url.path.endswith("/Receipts"):
            contract.page(answer)
        else:
            contract.receipt(answer)
        SECRETS.assert_absent(response.content, f"the response to {response.url}")

    actor = rng.choice(_ACTORS)
    client = AuthenticatedClient(
        base_url=base_url,
        username=actor.username,
        password=actor.password,
        retries=None,  # no fault is injected here: any failure must show
        httpx_args={"event_hooks": {"response": [check]}},
    )
    with client:
        while used < budget and not _deadline_passed(deadline):
            required = ledger.committed()
            page_size = rng.choice(_PAGE_SIZES) if used else 50  # a whole walk first
            before = used
            try:
                if budget - used > len(ledger.known()) // page_size + 2:
                    items = list_receipts.sync_all(
                        DEMO_SERVICE_SID,
                        actor.conversation,
                        DEMO_MESSAGE_SID,
                        client=client,
                        page_size=page_size,
                    )
                    seen = [receipt.sid for receipt in items]
                    problem = _check_walk(seen, required, ledger.known())
                    if problem:
                        figures.fail(f"sync_all page_size={page_size}: {problem}")
                    figures.add(walks=1, receipts_walked=len(seen))
                else:
                    sid = rng.choice(required)
                    response = fetch_receipt.sync_detailed(
                        DEMO_SERVICE_SID, actor.conversation, DEMO_MESSAGE_SID, sid, client=client
                    )
                    if response.status_code != 200:
                        figures.fail(f"fetch {sid}: {response.status_code}")
                    figures.add(fetches=1)
            except Exception as error:  # the hook's ContractViolation comes out of the client
                figures.fail(f"generated client: {type(error).__name__}: {error}")
            figures.add(requests=used - before)


# --- faults --------------------------------------------------------------------------


class _Counts:
    """What the clients met, attempt by attempt (below the retrying transport)."""

    def __init__(self) -> None:
        self.statuses: collections.Counter[int] = collections.Counter()
        self.dropped = 0
        self._lock = threading.Lock()

    def status(self, status: int) -> None:
        with self._lock:
            self.statuses[status] += 1

    def drop(self) -> None:
        with self._lock:
            self.dropped += 1


class _CountingTransport(httpx.BaseTransport):
    def __init__(self, counts: _Counts) -> None:
        self._inner = httpx.HTTPTransport()
        self._counts = counts

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = self._inner.handle_request(request)
        except httpx.TransportError:
            self._counts.drop()
            raise
        self._counts.status(response.status_code)
        return response

    def close(self) -> None:
        self._inner.close()


class _AsyncCountingTransport(httpx.AsyncBaseTransport):
    def __init__(self, counts: _Counts) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self._counts = counts

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await self._inner.handle_async_request(request)
        except httpx.TransportError:
            self._counts.drop()
            raise
        self._counts.status(response.status_code)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


def run_fault_walks(
    base_url: str,
    expected: Sequence[str],
    *,
    sync_walks: int,
    async_walks: int,
    page_size: int,
    deadline_seconds: float,
    retries: RetryPolicy = FAST_RETRIES,
) -> Figures:
    """`sync_walks` threads running `list_receipts.sync_all` and `async_walks` concurrent
    `asyncio_all` walks over the demo message, each through its own client with
    `retries`; each must yield `expected` exactly, in order."""
    figures = Figures("faults")
    counts = _Counts()
    started = time.perf_counter()
    expected = list(expected)

    def client(transport: httpx.BaseTransport | httpx.AsyncBaseTransport) -> AuthenticatedClient:
        return AuthenticatedClient(
            base_url=base_url,
            username=DEMO_ACCOUNT_SID,
            password=DEMO_AUTH_TOKEN,
            retries=retries,
            timeout=deadline_seconds,
            httpx_args={"transport": transport},
        )

    def check(kind: str, seen: list[Any]) -> None:
        sids = [receipt.sid for receipt in seen]
        if sids != expected:
            problem = _check_walk(sids, expected, expected) or "more receipts than the list has"
            figures.fail(f"{kind}: {problem}")
        figures.add(walks=1, receipts_walked=len(sids))

    def sync_walk() -> None:
        with client(_CountingTransport(counts)) as c:
            seen = list(
                list_receipts.sync_all(
                    DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID, client=c, page_size=page_size
                )
            )
        check("sync_all", seen)

    async def async_walk() -> None:
        async with client(_AsyncCountingTransport(counts)) as c:
            iterator = list_receipts.asyncio_all(
                DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID, client=c, page_size=page_size
            )
            seen = [receipt async for receipt in iterator]
        check("asyncio_all", seen)

    async def async_walks_all() -> None:
        results = await asyncio.wait_for(
            asyncio.gather(*(async_walk() for _ in range(async_walks)), return_exceptions=True),
            timeout=deadline_seconds,
        )
        for result in results:
            if isinstance(result, BaseException):
                figures.fail(f"asyncio_all raised {type(result).__name__}: {result}")

    with ThreadPoolExecutor(max_workers=sync_walks + 1) as pool:
        futures = [pool.submit(sync_walk) for _ in range(sync_walks)]
        futures.append(pool.submit(asyncio.run, async_walks_all()))
        for future in futures:
            try:
                future.result(timeout=deadline_seconds + 5)
            except Exception as error:
                figures.fail(f"sync_all raised {type(error).__name__}: {error}")
    figures.seconds = time.perf_counter() - started
    injected = sum(n for status, n in counts.statuses.items() if status >= 429) + counts.dropped
    figures.add(
        requests=sum(counts.statuses.values()) + counts.dropped,
        faults=injected,
        dropped=counts.dropped,
        **{f"status_{status}": n for status, n in counts.statuses.items()},
    )
    return figures


# --- bad input -----------------------------------------------------------------------


def run_bad_input(
    base_url: str,
    target: Target,
    *,
    count: int,
    seed: int,
    workers: int,
    deadline_seconds: float,
) -> Figures:
    """`count` malformed requests from `workers` threads, each answer checked; then the
    whole list is walked and every receipt fetched, as a client would, to show that the
    emulator still serves exactly what it holds."""
    figures = Figures("bad input")
    contract = Contract()
    address = address_of(base_url)
    deadline = time.monotonic() + deadline_seconds
    started = time.perf_counter()

    def work(index: int) -> None:
        rng = random.Random(f"bad-input-{seed}-{index}")
        share = count // workers + (1 if index < count % workers else 0)
        for case in malformed(rng, target, share):
            if _deadline_passed(deadline):
                figures.fail("bad input: out of time")
                return
            figures.add(malformed=1, requests=1, **{case.category: 1})
            try:
                answer = exchange(address, case.data, head=case.head, half_close=case.half_close)
                if not case.expect:
                    if answer is not None:
                        figures.fail(f"{case!r}: answered {answer.status}, expected no answer")
                    continue
                if answer is None:
                    figures.fail(f"{case!r}: no answer")
                    continue
                contract.error(answer, case.expect, head=case.head)
                SECRETS.assert_absent(answer.body, f"the answer to {case!r}")
                figures.add(**{f"status_{answer.status}": 1})
            except (AssertionError, OSError) as error:
                figures.fail(f"{case!r}: {type(error).__name__}: {error}")

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for future in [pool.submit(work, index) for index in range(workers)]:
            future.result()
    _check_intact(base_url, target, contract, figures)
    figures.seconds = time.perf_counter() - started
    return figures


def _check_intact(base_url: str, target: Target, contract: Contract, figures: Figures) -> None:
    with httpx.Client(base_url=base_url, auth=(target.username, target.password), timeout=30) as http:
        for page_size in (50, 7):
            seen, used, ended = walk_pages(
                http, contract, f"{target.list_path}?PageSize={page_size}", budget=10_000
            )
            figures.add(requests=used)
            if not ended or seen != list(target.receipts):
                figures.fail(f"after the bad input, a walk at PageSize={page_size} saw {len(seen)} receipts")
        for sid in target.receipts[:: max(1, len(target.receipts) // 20)]:
            receipt = contract.receipt(Answer.of(http.get(f"{target.list_path}/{sid}")))
            figures.add(requests=1)
            if receipt["sid"] != sid:
                figures.fail(f"after the bad input, fetching {sid} gave {receipt['sid']}")


# --- kill -9 -------------------------------------------------------------------------


class _Writer:
    """The writer process (tests/reliability/writer.py) and what it has printed."""

    def __init__(self, db: Path, log: Path, batch: int) -> None:
        self._log = log.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 (our own fixed command)
            [sys.executable, "-m", "tests.reliability.writer", str(db), "--batch", str(batch)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.batches: list[list[str]] = []
        self.committed = 0

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def next_line(self, timeout: float) -> str | None:
        line = self.lines.get(timeout=timeout)
        if line is not None and line.startswith("BEGIN "):
            self.batches.append(line.removeprefix("BEGIN ").split(","))
        elif line == "COMMIT":
            self.committed += 1
        return line

    def kill(self) -> None:
        """SIGKILL (kill -9), then everything it printed before dying."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        while self.next_line(timeout=30) is not None:
            pass
        self._log.close()


def run_kill9(
    db: Path,
    *,
    cycles: int,
    batch: int,
    seed: int,
    deadline_seconds: float,
    log: Path,
) -> Figures:
    """`cycles` times: a writer process on `db` appends batches while a reader loads it
    over HTTP; after a random number of commits it is killed with SIGKILL. Then the file
    must pass `PRAGMA integrity_check`, and the emulator (the CLI, restarted on the file)
    must list every committed receipt, once, in order, with the batch that was in flight
    there whole or not at all. The CLI is then stopped with SIGINT and the file checked
    again. `db` starts with the demo data (the writer seeds it)."""
    figures = Figures("kill -9")
    rng = random.Random(seed)
    expected = list(DEMO_RECEIPT_SIDS)
    deadline = time.monotonic() + deadline_seconds
    started = time.perf_counter()
    for cycle in range(cycles):
        if _deadline_passed(deadline):
            figures.fail("kill -9: out of time")
            break
        writer = _Writer(db, log, batch)
        stop_reading = threading.Event()
        reader: threading.Thread | None = None
        try:
            ready = writer.next_line(timeout=30)
            if ready is None or not ready.startswith("READY "):
                figures.fail(f"cycle {cycle}: the writer did not start: {ready!r} (log: {log})")
                writer.kill()
                break
            url = ready.removeprefix("READY ")
            reader = threading.Thread(
                target=_read_while_writing, args=(url, stop_reading, figures), daemon=True
            )
            reader.start()
            commits = rng.randint(1, 40)
            while writer.committed < commits and not _deadline_passed(deadline):
                if writer.next_line(timeout=30) is None:
                    break
        finally:
            writer.kill()
            stop_reading.set()
            if reader is not None:
                reader.join(timeout=30)
        committed = writer.batches[: writer.committed]
        in_flight = writer.batches[writer.committed] if len(writer.batches) > writer.committed else []
        for sids in committed:
            expected += sids
        figures.add(kills=1, batches_committed=len(committed), receipts_committed=sum(map(len, committed)))
        verdict = integrity(db)
        if verdict != "ok":
            figures.fail(f"cycle {cycle}: after kill -9, integrity_check says {verdict!r}")
            break
        seen = _list_after_restart(db, figures)
        if seen == expected + in_flight and in_flight:
            expected += in_flight
            figures.add(in_flight_found_whole=1)
        elif seen == expected:
            figures.add(in_flight_found_absent=1 if in_flight else 0)
        else:
            problem = _check_walk(seen, expected, expected + in_flight) or "receipts that were never written"
            figures.fail(f"cycle {cycle}: after the restart: {problem}")
            break
        verdict = integrity(db)
        if verdict != "ok":
            figures.fail(f"cycle {cycle}: after a graceful stop, integrity_check says {verdict!r}")
            break
    figures.seconds = time.perf_counter() - started
    figures.add(receipts_at_end=len(expected))
    return figures


def _read_while_writing(url: str, stop: threading.Event, figures: Figures) -> None:
    """Load on the writer while it writes: first pages and fetches, each checked. Errors
    once the process is killed are expected (`stop` is set right after the kill)."""
    contract = Contract()
    with httpx.Client(base_url=url, auth=(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN), timeout=10) as http:
        for index in itertools.count():
            if stop.is_set() or index >= 100_000:
                return
            try:
                response = http.get(_list_url(DEMO_CONVERSATION_SID, PageSize=50))
                contract.page(Answer.of(response))
                figures.add(requests=1)
            except (httpx.HTTPError, ContractViolation) as error:
                if not stop.wait(0.5):  # not killed: a real failure
                    figures.fail(f"reading while writing: {type(error).__name__}: {error}")
                return


def _list_after_restart(db: Path, figures: Figures) -> list[str]:
    seen: list[str] = []
    process = EmulatorProcess("--db", str(db))
    try:
        url = process.wait_ready()
        client = AuthenticatedClient(base_url=url, username=DEMO_ACCOUNT_SID, password=DEMO_AUTH_TOKEN)
        with client:
            receipts = list_receipts.sync_all(
                DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID, client=client, page_size=50
            )
            seen = [str(receipt.sid) for receipt in receipts]
        figures.add(requests=len(seen) // 50 + 1)
    finally:
        code, lines = process.finish()  # SIGINT: a graceful stop
        if code != 0:
            figures.fail(f"the restarted emulator exited with {code}: {lines[-5:]}")
    return seen
