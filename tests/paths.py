"""Locations of the project's files, for tests that read them."""

from __future__ import annotations

from pathlib import Path

__all__ = ["GENERATED", "ROOT", "SEED_PAGE", "SPEC"]

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"
SEED_PAGE = ROOT / "docs" / "source" / "receipts-endpoint.txt"
GENERATED = ROOT / "generated" / "twilio-receipts"
