"""The emulator's state: accounts, their services, conversations, messages and receipts.

SQLite (stdlib `sqlite3`), in memory by default or in a file (`path`), which survives a
restart and a `kill -9`: WAL journal, every write one transaction. Methods are named
after operations, take plain arguments and raise the errors of `errors.py`; nothing
here knows about HTTP.

Pages are keyset pages: a receipt's position is `(date_created, sid)`, and a page starts
right after (or before) the boundary receipt, found by its SID in a map of positions (or,
for a boundary read under a newer write, by binary search over the keys), so page 200
costs what page 1 costs (no OFFSET). The search runs over a message's keys held in a read
cache: one query over the index `receipts_page (message_sid, date_created, sid)` loads
them in order the first time the message is listed after a write, and a page then costs
no SQL at all (measured: the keyset query alone took ~20 µs a page, as much as the rest
of the emulator's request path). The rows behind the sids come from a read cache too
(`Receipt`s by sid, as are credentials and message paths). Every write replaces all
these caches with empty ones, so a cached read can never outlive the data it came from,
and a read running while a write lands works on whole caches, never half-emptied ones.
Cost: memory for each listed message's keys (~0.3 KB a receipt) and each read receipt.

One connection, guarded by a lock: the server's event loop reads and a test thread
(the pytest fixture) writes, and each operation is short enough not to be worth a pool.
"""

from __future__ import annotations

import hmac
import sqlite3
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import NotFound, Unauthorized

__all__ = [
    "Account",
    "ApiKey",
    "Conversation",
    "Message",
    "MessageRef",
    "Receipt",
    "ReceiptPage",
    "ReceiptRow",
    "Service",
    "Store",
]

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    sid TEXT PRIMARY KEY,
    auth_token TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_keys (
    sid TEXT PRIMARY KEY,
    account_sid TEXT NOT NULL REFERENCES accounts (sid),
    secret TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS services (
    sid TEXT PRIMARY KEY,
    account_sid TEXT NOT NULL REFERENCES accounts (sid)
);
CREATE TABLE IF NOT EXISTS conversations (
    sid TEXT PRIMARY KEY,
    chat_service_sid TEXT NOT NULL REFERENCES services (sid),
    unique_name TEXT,
    UNIQUE (chat_service_sid, unique_name)
);
CREATE TABLE IF NOT EXISTS messages (
    sid TEXT PRIMARY KEY,
    conversation_sid TEXT NOT NULL REFERENCES conversations (sid)
);
CREATE TABLE IF NOT EXISTS receipts (
    sid TEXT PRIMARY KEY,
    message_sid TEXT NOT NULL REFERENCES messages (sid),
    participant_sid TEXT,
    channel_message_sid TEXT,
    status TEXT,
    error_code INTEGER NOT NULL,
    date_created TEXT NOT NULL,
    date_updated TEXT
);
CREATE INDEX IF NOT EXISTS receipts_page ON receipts (message_sid, date_created, sid);
"""

# Dates are stored as `YYYY-MM-DDTHH:MM:SSZ` (seed.py normalises them), so text order is
# time order and the pair (date_created, sid) is the pagination key; the index
# `receipts_page` gives the pairs in that order without a sort.
_ORDER = "SELECT date_created, sid FROM receipts WHERE message_sid = ? ORDER BY date_created, sid"
_RECEIPTS_BY_SID = """
SELECT r.sid, s.account_sid, c.chat_service_sid, m.conversation_sid, r.message_sid,
       r.participant_sid, r.channel_message_sid, r.status, r.error_code,
       r.date_created, r.date_updated
FROM receipts r
JOIN messages m ON m.sid = r.message_sid
JOIN conversations c ON c.sid = m.conversation_sid
JOIN services s ON s.sid = c.chat_service_sid
WHERE r.sid IN ({})
"""
_MESSAGE_PATH = """
SELECT c.sid FROM messages m
JOIN conversations c ON c.sid = m.conversation_sid
JOIN services s ON s.sid = c.chat_service_sid
WHERE m.sid = ? AND s.sid = ? AND s.account_sid = ? AND (c.sid = ? OR c.unique_name = ?)
"""
_CREDENTIALS = """
SELECT sid, auth_token FROM accounts WHERE sid = ?
UNION ALL
SELECT account_sid, secret FROM api_keys WHERE sid = ?
"""
_TABLES = {
    "account": "accounts",
    "api_key": "api_keys",
    "service": "services",
    "conversation": "conversations",
    "message": "messages",
    "receipt": "receipts",
}
# Compared against when the username is unknown, so that a miss costs what a hit does.
_NO_SECRET = b"\x00" * 32


@dataclass(frozen=True, slots=True)
class Account:
    sid: str
    auth_token: str


@dataclass(frozen=True, slots=True)
class ApiKey:
    sid: str
    account_sid: str
    secret: str


@dataclass(frozen=True, slots=True)
class Service:
    sid: str
    account_sid: str


@dataclass(frozen=True, slots=True)
class Conversation:
    sid: str
    chat_service_sid: str
    unique_name: str | None = None


@dataclass(frozen=True, slots=True)
class Message:
    sid: str
    conversation_sid: str


@dataclass(frozen=True, slots=True)
class ReceiptRow:
    """A receipt as stored: its parents come from its message."""

    sid: str
    message_sid: str
    participant_sid: str | None
    channel_message_sid: str | None
    status: str | None
    error_code: int
    date_created: str
    date_updated: str | None


@dataclass(frozen=True, slots=True)
class Receipt:
    """A receipt as served, with the SIDs of its parents."""

    sid: str
    account_sid: str
    chat_service_sid: str
    conversation_sid: str
    message_sid: str
    participant_sid: str | None
    channel_message_sid: str | None
    status: str | None
    error_code: int
    date_created: str
    date_updated: str | None


@dataclass(frozen=True, slots=True)
class MessageRef:
    """Where a message sits: the path of every URL about its receipts."""

    account_sid: str
    chat_service_sid: str
    conversation_sid: str
    message_sid: str


@dataclass(frozen=True, slots=True)
class _Order:
    """A message's receipts in list order: `keys[i]` is `(date_created, sid)` of `sids[i]`,
    and `positions[sid]` is `i`."""

    keys: list[tuple[str, str]]
    sids: list[str]
    positions: dict[str, int]

    def after(self, boundary: Receipt) -> int:
        """Where the receipts after `boundary` start."""
        position = self.positions.get(boundary.sid)
        if position is None:  # read under a newer write than this order: place it by key
            return bisect_right(self.keys, (boundary.date_created, boundary.sid))
        return position + 1

    def before(self, boundary: Receipt) -> int:
        """Where the receipts before `boundary` end."""
        position = self.positions.get(boundary.sid)
        if position is None:
            return bisect_left(self.keys, (boundary.date_created, boundary.sid))
        return position


@dataclass(frozen=True, slots=True)
class ReceiptPage:
    receipts: list[Receipt]
    has_more: bool
    """Whether receipts lie beyond this page in the direction it was read."""


class Store:
    """The state of one emulator. `path=None` keeps it in memory."""

    def __init__(self, path: str | None = None) -> None:
        self.path = path
        self._lock = threading.Lock()
        # Autocommit mode: reads take no transaction, writes open one explicitly.
        self._db = sqlite3.connect(
            path if path is not None else ":memory:",
            check_same_thread=False,
            isolation_level=None,
        )
        self._db.execute("PRAGMA foreign_keys = ON")
        if path is not None:
            # WAL + NORMAL: a committed write survives the process being killed.
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, SCHEMA_VERSION):
            raise ValueError(f"{path}: schema version {version}, expected {SCHEMA_VERSION}")
        self._db.executescript(_SCHEMA)
        self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self.generation = 0
        """Bumped by every write: callers that cache what they read compare it."""
        self._credentials: dict[str, tuple[str, bytes]] = {}
        self._messages: dict[tuple[str, str, str, str], MessageRef] = {}
        self._receipts: dict[str, Receipt] = {}
        self._orders: dict[str, _Order] = {}

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # Reads: the request path. Cache hits take no lock (a dict read is atomic); misses
    # query and fill under the lock, which writes hold while they empty the caches.

    def authenticate(self, username: str, password: str) -> str:
        """The account SID that `username` (AC… or SK…) with `password` acts for."""
        entry = self._credentials.get(username)
        if entry is None:
            with self._lock:
                row = self._db.execute(_CREDENTIALS, (username, username)).fetchone()
                if row is not None:
                    entry = self._credentials[username] = (row[0], row[1].encode())
        expected = entry[1] if entry is not None else _NO_SECRET
        if not hmac.compare_digest(expected, password.encode()) or entry is None:
            raise Unauthorized()
        return entry[0]

    def find_message(
        self, account_sid: str, chat_service_sid: str, conversation: str, message_sid: str
    ) -> MessageRef:
        """The message `message_sid` of `conversation` (its SID or unique_name)."""
        key = (account_sid, chat_service_sid, conversation, message_sid)
        ref = self._messages.get(key)
        if ref is None:
            with self._lock:
                row = self._db.execute(
                    _MESSAGE_PATH,
                    (message_sid, chat_service_sid, account_sid, conversation, conversation),
                ).fetchone()
                if row is None:
                    raise NotFound()
                ref = MessageRef(account_sid, chat_service_sid, row[0], message_sid)
                self._messages[key] = ref
        return ref

    def get_receipt(self, message_sid: str, sid: str) -> Receipt:
        """The receipt `sid` of the message `message_sid`."""
        receipt = self._receipts.get(sid)
        if receipt is None:
            with self._lock:
                receipt = self._load_receipts([sid]).get(sid)
        if receipt is None or receipt.message_sid != message_sid:
            raise NotFound()
        return receipt

    def list_receipts(
        self,
        message_sid: str,
        *,
        limit: int,
        after: Receipt | None = None,
        before: Receipt | None = None,
    ) -> ReceiptPage:
        """Up to `limit` receipts in (date_created, sid) order, from the start or next
        to a boundary receipt, and whether more lie beyond in that direction."""
        sids, has_more = self.page_sids(message_sid, limit=limit, after=after, before=before)
        return ReceiptPage(self.receipts(sids), has_more)

    def page_sids(
        self,
        message_sid: str,
        *,
        limit: int,
        after: Receipt | None = None,
        before: Receipt | None = None,
    ) -> tuple[list[str], bool]:
        """What `list_receipts` lists, as SIDs: the server's request path, which
        renders receipts from cached JSON and needs their rows only on a miss."""
        order = self._orders.get(message_sid)
        if order is None:
            with self._lock:
                order = self._order(message_sid)
        sids = order.sids
        if before is not None:
            end = order.before(before)
            return sids[max(end - limit, 0) : end], end > limit
        start = 0 if after is None else order.after(after)
        return sids[start : start + limit], len(sids) > start + limit

    def receipts(self, sids: Sequence[str]) -> list[Receipt]:
        """The receipts with these SIDs, in that order (SIDs that `page_sids` gave: no
        receipt is ever deleted, so each exists)."""
        cache = self._receipts  # a snapshot: a write replaces it, never changes it
        try:
            return [cache[sid] for sid in sids]
        except KeyError:  # some not read since the last write
            with self._lock:
                cache = self._receipts
                self._load_receipts([sid for sid in sids if sid not in cache])
                return [cache[sid] for sid in sids]

    def _order(self, message_sid: str) -> _Order:
        """The message's order, loaded if missing (the caller holds the lock)."""
        order = self._orders.get(message_sid)
        if order is None:
            keys: list[tuple[str, str]] = self._db.execute(_ORDER, (message_sid,)).fetchall()
            sids = [sid for _, sid in keys]
            positions = {sid: index for index, sid in enumerate(sids)}
            order = self._orders[message_sid] = _Order(keys, sids, positions)
        return order

    def _load_receipts(self, sids: Sequence[str]) -> dict[str, Receipt]:
        query = _RECEIPTS_BY_SID.format(",".join("?" * len(sids)))
        loaded = {row[0]: Receipt(*row) for row in self._db.execute(query, sids)}
        self._receipts.update(loaded)
        return loaded

    # Lookups for seed validation and helpers.

    def exists(self, kind: str, sid: str) -> bool:
        """Whether an `account`, `api_key`, `service`, `conversation`, `message` or
        `receipt` with this SID exists."""
        table = _TABLES[kind]
        with self._lock:
            row = self._db.execute(f"SELECT 1 FROM {table} WHERE sid = ?", (sid,)).fetchone()  # noqa: S608 (table from a fixed map)
        return row is not None

    def conversation_named(self, chat_service_sid: str, unique_name: str) -> str | None:
        """The SID of the conversation called `unique_name` in the service, if any."""
        with self._lock:
            row = self._db.execute(
                "SELECT sid FROM conversations WHERE chat_service_sid = ? AND unique_name = ?",
                (chat_service_sid, unique_name),
            ).fetchone()
        return None if row is None else str(row[0])

    def last_receipt_date(self, message_sid: str) -> str | None:
        """The latest date_created among the message's receipts."""
        with self._lock:
            row = self._db.execute(
                "SELECT max(date_created) FROM receipts WHERE message_sid = ?", (message_sid,)
            ).fetchone()
        return None if row[0] is None else str(row[0])

    # Writes: all in one transaction; inserting an existing SID updates it (idempotent).

    def upsert(
        self,
        *,
        accounts: Iterable[Account] = (),
        api_keys: Iterable[ApiKey] = (),
        services: Iterable[Service] = (),
        conversations: Iterable[Conversation] = (),
        messages: Iterable[Message] = (),
        receipts: Iterable[ReceiptRow] = (),
    ) -> None:
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany(
                    "INSERT INTO accounts (sid, auth_token) VALUES (?, ?)"
                    " ON CONFLICT (sid) DO UPDATE SET auth_token = excluded.auth_token",
                    [(a.sid, a.auth_token) for a in accounts],
                )
                db.executemany(
                    "INSERT INTO api_keys (sid, account_sid, secret) VALUES (?, ?, ?)"
                    " ON CONFLICT (sid) DO UPDATE SET account_sid = excluded.account_sid,"
                    " secret = excluded.secret",
                    [(k.sid, k.account_sid, k.secret) for k in api_keys],
                )
                db.executemany(
                    "INSERT INTO services (sid, account_sid) VALUES (?, ?)"
                    " ON CONFLICT (sid) DO UPDATE SET account_sid = excluded.account_sid",
                    [(s.sid, s.account_sid) for s in services],
                )
                db.executemany(
                    "INSERT INTO conversations (sid, chat_service_sid, unique_name)"
                    " VALUES (?, ?, ?) ON CONFLICT (sid) DO UPDATE SET"
                    " chat_service_sid = excluded.chat_service_sid,"
                    " unique_name = excluded.unique_name",
                    [(c.sid, c.chat_service_sid, c.unique_name) for c in conversations],
                )
                db.executemany(
                    "INSERT INTO messages (sid, conversation_sid) VALUES (?, ?)"
                    " ON CONFLICT (sid) DO UPDATE SET conversation_sid = excluded.conversation_sid",
                    [(m.sid, m.conversation_sid) for m in messages],
                )
                db.executemany(
                    "INSERT INTO receipts (sid, message_sid, participant_sid,"
                    " channel_message_sid, status, error_code, date_created, date_updated)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sid) DO UPDATE SET"
                    " message_sid = excluded.message_sid,"
                    " participant_sid = excluded.participant_sid,"
                    " channel_message_sid = excluded.channel_message_sid,"
                    " status = excluded.status, error_code = excluded.error_code,"
                    " date_created = excluded.date_created,"
                    " date_updated = excluded.date_updated",
                    [
                        (
                            r.sid,
                            r.message_sid,
                            r.participant_sid,
                            r.channel_message_sid,
                            r.status,
                            r.error_code,
                            r.date_created,
                            r.date_updated,
                        )
                        for r in receipts
                    ],
                )
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
            # Replaced, not cleared: a read in progress keeps the snapshot it started with.
            self._credentials = {}
            self._messages = {}
            self._receipts = {}
            self._orders = {}
            self.generation += 1
