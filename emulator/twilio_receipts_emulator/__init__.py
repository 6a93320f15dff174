"""A stateful local emulator of Twilio Conversations' message receipts endpoints."""

from __future__ import annotations

from .app import create_app
from .demo import (
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
)
from .errors import TwilioError
from .faults import FAULT_HEADER, FaultConfig
from .seed import SeedError, load_seed
from .server import Emulator
from .store import Store

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
    "FAULT_HEADER",
    "OTHER_ACCOUNT_SID",
    "OTHER_AUTH_TOKEN",
    "OTHER_CONVERSATION_SID",
    "OTHER_MESSAGE_SID",
    "OTHER_RECEIPT_SID",
    "OTHER_SERVICE_SID",
    "Emulator",
    "FaultConfig",
    "SeedError",
    "Store",
    "TwilioError",
    "create_app",
    "load_seed",
]
