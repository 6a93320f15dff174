"""The seed format: JSON describing accounts and their receipts, loaded into a Store.

    {"accounts": [{"sid": "AC…", "auth_token": "…", "api_keys": [{"sid": "SK…", "secret": "…"}]}],
     "services": [{"sid": "IS…", "account_sid": "AC…"}],
     "conversations": [{"sid": "CH…", "chat_service_sid": "IS…", "unique_name": "optional"}],
     "messages": [{"sid": "IM…", "conversation_sid": "CH…"}],
     "receipts": [{"sid": "DY…", "message_sid": "IM…", "participant_sid": "MB… or null",
                   "channel_message_sid": "SM…/WA… or null", "status": "delivered",
                   "error_code": 0, "date_created": "2016-03-24T20:37:57Z",
                   "date_updated": "… or null"}]}

Every section is optional. A receipt's participant_sid, channel_message_sid and
date_updated default to null and error_code to 0; its account, service and conversation
come from its message. References may point into the seed or at what the store already
holds. Loading is idempotent (an existing SID is updated) and all-or-nothing: the first
problem raises SeedError naming the entry, e.g. `receipts[3]: unknown message_sid IM…`,
and nothing is written. Secrets are never quoted in messages.

Hand-written rather than a JSON Schema: the checks that matter most here (references,
duplicates, unique names against the store) are beyond a schema, and the messages name
the entry the way a user finds it in the file.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from .store import Account, ApiKey, Conversation, Message, ReceiptRow, Service, Store

__all__ = ["RECEIPT_STATUSES", "SeedError", "format_date", "load_seed", "read_seed_file"]

RECEIPT_STATUSES = ("read", "failed", "delivered", "undelivered", "sent")
_SECTIONS = ("accounts", "services", "conversations", "messages", "receipts")


class SeedError(ValueError):
    """A seed that cannot be loaded; the message names the offending entry."""


def read_seed_file(path: str | Path) -> Any:
    """The parsed JSON of a seed file (SeedError if unreadable or not JSON)."""
    try:
        return orjson.loads(Path(path).read_bytes())
    except OSError as error:
        raise SeedError(f"{path}: cannot read: {error.strerror}") from None
    except orjson.JSONDecodeError as error:
        raise SeedError(f"{path}: not valid JSON: {error}") from None


def format_date(moment: datetime) -> str:
    """Twilio's date-time format, fixed width in UTC: the store orders by its text."""
    utc = moment.astimezone(UTC)
    return f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}Z"


def load_seed(store: Store, seed: Any) -> None:
    """Check `seed` completely, then write it to `store` in one transaction."""
    if not isinstance(seed, Mapping):
        raise SeedError("a seed is a JSON object with the keys " + ", ".join(_SECTIONS))
    for key in seed:
        if key not in _SECTIONS:
            raise SeedError(f"unknown key {key!r} (expected {', '.join(_SECTIONS)})")
    sections = {name: _section(seed, name) for name in _SECTIONS}
    known = _Known(store)

    accounts, api_keys = [], []
    for where, entry in sections["accounts"]:
        fields = _fields(where, entry, required=("sid", "auth_token"), optional=("api_keys",))
        sid = _sid(where, fields, "sid", "AC")
        accounts.append(Account(sid, _secret(where, fields, "auth_token")))
        known.add("account", where, sid)
        keys = fields.get("api_keys", [])
        if not isinstance(keys, list):
            raise SeedError(f"{where}: api_keys must be a list")
        for index, key in enumerate(keys):
            key_where = f"{where}.api_keys[{index}]"
            key_fields = _fields(key_where, key, required=("sid", "secret"))
            key_sid = _sid(key_where, key_fields, "sid", "SK")
            api_keys.append(ApiKey(key_sid, sid, _secret(key_where, key_fields, "secret")))
            known.add("api_key", key_where, key_sid)

    services = []
    for where, entry in sections["services"]:
        fields = _fields(where, entry, required=("sid", "account_sid"))
        service = Service(_sid(where, fields, "sid", "IS"), _sid(where, fields, "account_sid", "AC"))
        known.require("account", where, "account_sid", service.account_sid)
        known.add("service", where, service.sid)
        services.append(service)

    conversations = []
    names: dict[tuple[str, str], tuple[str, str]] = {}
    for where, entry in sections["conversations"]:
        fields = _fields(where, entry, required=("sid", "chat_service_sid"), optional=("unique_name",))
        conversation = Conversation(
            _sid(where, fields, "sid", "CH"),
            _sid(where, fields, "chat_service_sid", "IS"),
            _optional(where, fields, "unique_name", _is_name, "a non-empty string or null"),
        )
        known.require("service", where, "chat_service_sid", conversation.chat_service_sid)
        known.add("conversation", where, conversation.sid)
        if conversation.unique_name is not None:
            name_key = (conversation.chat_service_sid, conversation.unique_name)
            holder = names.get(name_key)
            if holder is None:
                existing = store.conversation_named(*name_key)
                holder = (existing, "the store") if existing else None
            if holder is not None and holder[0] != conversation.sid:
                raise SeedError(
                    f"{where}: unique_name {conversation.unique_name!r} is already used in"
                    f" service {conversation.chat_service_sid} by {holder[0]} ({holder[1]})"
                )
            names[name_key] = (conversation.sid, where)
        conversations.append(conversation)

    messages = []
    for where, entry in sections["messages"]:
        fields = _fields(where, entry, required=("sid", "conversation_sid"))
        message = Message(_sid(where, fields, "sid", "IM"), _sid(where, fields, "conversation_sid", "CH"))
        known.require("conversation", where, "conversation_sid", message.conversation_sid)
        known.add("message", where, message.sid)
        messages.append(message)

    receipts = []
    for where, entry in sections["receipts"]:
        fields = _fields(
            where,
            entry,
            required=("sid", "message_sid", "status", "date_created"),
            optional=("participant_sid", "channel_message_sid", "error_code", "date_updated"),
        )
        receipt = ReceiptRow(
            sid=_sid(where, fields, "sid", "DY"),
            message_sid=_sid(where, fields, "message_sid", "IM"),
            participant_sid=_optional(where, fields, "participant_sid", _matches("MB"), "an MB… SID or null"),
            channel_message_sid=_optional(
                where,
                fields,
                "channel_message_sid",
                _CHANNEL_SID.fullmatch,
                "a channel SID (SM…, WA…) or null",
            ),
            status=_optional(
                where,
                fields,
                "status",
                RECEIPT_STATUSES.__contains__,
                f"one of {', '.join(RECEIPT_STATUSES)} or null",
            ),
            error_code=_error_code(where, fields),
            date_created=_date(where, fields["date_created"], "date_created"),
            date_updated=None
            if fields.get("date_updated") is None
            else _date(where, fields["date_updated"], "date_updated"),
        )
        known.require("message", where, "message_sid", receipt.message_sid)
        known.add("receipt", where, receipt.sid)
        receipts.append(receipt)

    try:
        store.upsert(
            accounts=accounts,
            api_keys=api_keys,
            services=services,
            conversations=conversations,
            messages=messages,
            receipts=receipts,
        )
    except sqlite3.IntegrityError as error:  # e.g. unique names swapped between two loads
        raise SeedError(f"the seed conflicts with the stored data: {error}") from None


_SID_PATTERNS = {
    prefix: re.compile(prefix + "[0-9a-fA-F]{32}") for prefix in ("AC", "SK", "IS", "CH", "IM", "DY", "MB")
}
_CHANNEL_SID = re.compile(r"[a-zA-Z]{2}[0-9a-fA-F]{32}")


class _Known:
    """SIDs defined so far in the seed, and which entry defined each; the store answers
    for references to anything else."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._where: dict[str, str] = {}

    def add(self, kind: str, where: str, sid: str) -> None:
        previous = self._where.get(sid)
        if previous is not None:
            raise SeedError(f"{where}: duplicate {kind} sid {sid} (also {previous})")
        self._where[sid] = where

    def require(self, kind: str, where: str, field: str, sid: str) -> None:
        if sid not in self._where and not self._store.exists(kind, sid):
            raise SeedError(f"{where}: unknown {field} {sid}")


def _section(seed: Mapping[str, Any], name: str) -> list[tuple[str, Any]]:
    entries = seed.get(name, [])
    if not isinstance(entries, list):
        raise SeedError(f"{name} must be a list")
    return [(f"{name}[{index}]", entry) for index, entry in enumerate(entries)]


def _fields(
    where: str, entry: Any, *, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> Mapping[str, Any]:
    if not isinstance(entry, Mapping):
        raise SeedError(f"{where}: must be an object")
    for key in entry:
        if key not in required and key not in optional:
            raise SeedError(f"{where}: unknown key {key!r} (expected {', '.join(required + optional)})")
    for key in required:
        if key not in entry:
            raise SeedError(f"{where}: missing {key}")
    return entry


def _sid(where: str, fields: Mapping[str, Any], key: str, prefix: str) -> str:
    value = fields[key]
    if not isinstance(value, str) or _SID_PATTERNS[prefix].fullmatch(value) is None:
        raise SeedError(f"{where}: {key} must be {prefix} + 32 hex digits, not {value!r}")
    return value


def _secret(where: str, fields: Mapping[str, Any], key: str) -> str:
    value = fields[key]
    if not isinstance(value, str) or not value:
        raise SeedError(f"{where}: {key} must be a non-empty string")
    return value


def _optional(
    where: str, fields: Mapping[str, Any], key: str, valid: Callable[[str], object], expected: str
) -> str | None:
    value = fields.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not valid(value):
        raise SeedError(f"{where}: {key} must be {expected}, not {value!r}")
    return value


def _matches(prefix: str) -> Callable[[str], object]:
    return _SID_PATTERNS[prefix].fullmatch


def _is_name(value: str) -> bool:
    return bool(value)


def _error_code(where: str, fields: Mapping[str, Any]) -> int:
    value = fields.get("error_code", 0)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**31:
        raise SeedError(f"{where}: error_code must be an integer from 0 to 2147483647, not {value!r}")
    return value


def _date(where: str, value: Any, key: str) -> str:
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is not None:
                return format_date(moment)
        except (ValueError, OverflowError):
            pass
    raise SeedError(
        f"{where}: {key} must be an ISO 8601 date-time with a time zone"
        f" (e.g. 2016-03-24T20:37:57Z), not {value!r}"
    )
