"""Built-in demo data (`--demo`, `Emulator(demo=True)`, the `twilio_emulator` fixture).

One account with an API key, a service, a conversation (with a unique_name) and a
message carrying eight receipts of every status: a failed one with an error code, one
whose participant and channel are null, some never updated, two created in the same
second (ordered by SID). A second account holds its own copy of that shape, with the
same unique_name, so that tests can check one account never sees another's data.
The SIDs follow Twilio's patterns; the secrets are public by design.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "DEMO_ACCOUNT_SID",
    "DEMO_API_KEY_SECRET",
    "DEMO_API_KEY_SID",
    "DEMO_AUTH_TOKEN",
    "DEMO_CONVERSATION_SID",
    "DEMO_CONVERSATION_UNIQUE_NAME",
    "DEMO_MESSAGE_SID",
    "DEMO_RECEIPT_SIDS",
    "DEMO_SEED",
    "DEMO_SERVICE_SID",
    "OTHER_ACCOUNT_SID",
    "OTHER_AUTH_TOKEN",
    "OTHER_CONVERSATION_SID",
    "OTHER_MESSAGE_SID",
    "OTHER_RECEIPT_SID",
    "OTHER_SERVICE_SID",
]

DEMO_ACCOUNT_SID = "AC" + "a" * 32
DEMO_AUTH_TOKEN = "demo-auth-token"  # noqa: S105 (public demo credentials)
DEMO_API_KEY_SID = "SK" + "a" * 32
DEMO_API_KEY_SECRET = "demo-api-key-secret"  # noqa: S105
DEMO_SERVICE_SID = "IS" + "a" * 32
DEMO_CONVERSATION_SID = "CH" + "a" * 32
DEMO_CONVERSATION_UNIQUE_NAME = "demo-conversation"
DEMO_MESSAGE_SID = "IM" + "a" * 32

OTHER_ACCOUNT_SID = "AC" + "b" * 32
OTHER_AUTH_TOKEN = "other-auth-token"  # noqa: S105
OTHER_SERVICE_SID = "IS" + "b" * 32
OTHER_CONVERSATION_SID = "CH" + "b" * 32
OTHER_MESSAGE_SID = "IM" + "b" * 32
OTHER_RECEIPT_SID = "DY" + "b" * 32


def _sid(prefix: str, number: int) -> str:
    return f"{prefix}{'a' * 28}{number:04x}"


def _receipt(
    number: int,
    status: str,
    created: str,
    updated: str | None,
    *,
    error_code: int = 0,
    participant: bool = True,
    channel: str | None = "SM",
) -> dict[str, Any]:
    return {
        "sid": _sid("DY", number),
        "message_sid": DEMO_MESSAGE_SID,
        "participant_sid": _sid("MB", number) if participant else None,
        "channel_message_sid": _sid(channel, number) if channel else None,
        "status": status,
        "error_code": error_code,
        "date_created": created,
        "date_updated": updated,
    }


# Listed out of order on purpose: the API orders by (date_created, sid).
_DEMO_RECEIPTS = [
    _receipt(3, "read", "2016-03-24T20:41:02Z", "2016-03-24T20:45:10Z"),
    _receipt(1, "delivered", "2016-03-24T20:37:57Z", "2016-03-24T20:38:30Z"),
    _receipt(8, "sent", "2016-03-24T20:37:57Z", None),  # same second as 1: SID decides
    _receipt(2, "failed", "2016-03-24T20:39:12Z", "2016-03-24T20:39:40Z", error_code=30008),
    _receipt(5, "sent", "2016-03-24T20:43:30Z", None, participant=False, channel=None),
    _receipt(4, "undelivered", "2016-03-24T20:42:15Z", "2016-03-24T20:44:00Z", error_code=30005),
    _receipt(6, "delivered", "2016-03-24T20:44:48Z", "2016-03-24T20:46:02Z", channel="WA"),
    _receipt(7, "read", "2016-03-24T20:47:21Z", "2016-03-24T20:49:55Z", channel="WA"),
]

DEMO_RECEIPT_SIDS: tuple[str, ...] = tuple(
    receipt["sid"] for receipt in sorted(_DEMO_RECEIPTS, key=lambda r: (r["date_created"], r["sid"]))
)
"""The demo message's receipts in the order the API lists them."""

DEMO_SEED: dict[str, Any] = {
    "accounts": [
        {
            "sid": DEMO_ACCOUNT_SID,
            "auth_token": DEMO_AUTH_TOKEN,
            "api_keys": [{"sid": DEMO_API_KEY_SID, "secret": DEMO_API_KEY_SECRET}],
        },
        {"sid": OTHER_ACCOUNT_SID, "auth_token": OTHER_AUTH_TOKEN},
    ],
    "services": [
        {"sid": DEMO_SERVICE_SID, "account_sid": DEMO_ACCOUNT_SID},
        {"sid": OTHER_SERVICE_SID, "account_sid": OTHER_ACCOUNT_SID},
    ],
    "conversations": [
        {
            "sid": DEMO_CONVERSATION_SID,
            "chat_service_sid": DEMO_SERVICE_SID,
            "unique_name": DEMO_CONVERSATION_UNIQUE_NAME,
        },
        {
            "sid": OTHER_CONVERSATION_SID,
            "chat_service_sid": OTHER_SERVICE_SID,
            "unique_name": DEMO_CONVERSATION_UNIQUE_NAME,
        },
    ],
    "messages": [
        {"sid": DEMO_MESSAGE_SID, "conversation_sid": DEMO_CONVERSATION_SID},
        {"sid": OTHER_MESSAGE_SID, "conversation_sid": OTHER_CONVERSATION_SID},
    ],
    "receipts": [
        *_DEMO_RECEIPTS,
        {
            "sid": OTHER_RECEIPT_SID,
            "message_sid": OTHER_MESSAGE_SID,
            "participant_sid": "MB" + "b" * 32,
            "channel_message_sid": "SM" + "b" * 32,
            "status": "read",
            "error_code": 0,
            "date_created": "2016-03-24T20:37:57Z",
            "date_updated": "2016-03-24T20:40:00Z",
        },
    ],
}
