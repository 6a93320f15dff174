"""The benchmark's data: one message with N receipts (10,000 by default: 200 pages of 50).

SIDs and dates are derived from the receipt's index, so the list order, `(date_created,
sid)`, is index order, and the boundary of any page is known without asking the server:
page `p` (0-based) of size `s` is reached with `PageToken=PA<sid of receipt p*s - 1>`.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

__all__ = ["ACCOUNT_SID", "AUTH_TOKEN", "BenchData", "build_seed", "write_seed"]

ACCOUNT_SID = "AC" + "be" * 16
AUTH_TOKEN = "bench-auth-token"
SERVICE_SID = "IS" + "be" * 16
CONVERSATION_SID = "CH" + "be" * 16
MESSAGE_SID = "IM" + "be" * 16
_START = datetime(2024, 1, 1, tzinfo=UTC)
_STATUSES = ("delivered", "read", "sent", "failed", "undelivered")


def receipt_sid(index: int) -> str:
    return f"DY{index:032x}"


def _date(index: int) -> str:
    return (_START + timedelta(seconds=index)).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class BenchData:
    """Where the benchmark's receipts live and how to ask for them."""

    receipts: int
    page_size: int = 50
    account_sid: str = ACCOUNT_SID
    auth_token: str = AUTH_TOKEN
    service_sid: str = SERVICE_SID
    conversation_sid: str = CONVERSATION_SID
    message_sid: str = MESSAGE_SID

    @property
    def pages(self) -> int:
        return -(-self.receipts // self.page_size)

    @property
    def list_path(self) -> str:
        return (
            f"/v1/Services/{self.service_sid}/Conversations/{self.conversation_sid}"
            f"/Messages/{self.message_sid}/Receipts"
        )

    def page_path(self, page: int) -> str:
        """The path and query of 0-based page `page`, as a client following
        next_page_url would ask for it."""
        query = f"PageSize={self.page_size}&Page={page}"
        if page:
            query += f"&PageToken=PA{receipt_sid(page * self.page_size - 1)}"
        return f"{self.list_path}?{query}"

    @property
    def authorization(self) -> str:
        pair = f"{self.account_sid}:{self.auth_token}".encode()
        return "Basic " + base64.b64encode(pair).decode()


def build_seed(data: BenchData) -> dict[str, Any]:
    """The emulator seed (its `--seed` format) for `data`."""
    return {
        "accounts": [{"sid": data.account_sid, "auth_token": data.auth_token}],
        "services": [{"sid": data.service_sid, "account_sid": data.account_sid}],
        "conversations": [{"sid": data.conversation_sid, "chat_service_sid": data.service_sid}],
        "messages": [{"sid": data.message_sid, "conversation_sid": data.conversation_sid}],
        "receipts": [
            {
                "sid": receipt_sid(index),
                "message_sid": data.message_sid,
                "participant_sid": f"MB{index:032x}",
                "channel_message_sid": f"SM{index:032x}",
                "status": _STATUSES[index % len(_STATUSES)],
                "error_code": 30008 if index % len(_STATUSES) == 3 else 0,
                "date_created": _date(index),
                "date_updated": _date(index + 60) if index % 2 else None,
            }
            for index in range(data.receipts)
        ],
    }


def write_seed(data: BenchData, path: Path) -> Path:
    path.write_bytes(orjson.dumps(build_seed(data)))
    return path
