"""The example response of Twilio's reference page, read from the page itself."""

from __future__ import annotations

import json
from typing import Any

from tests.paths import SEED_PAGE

__all__ = ["seed_example_page"]


def seed_example_page() -> dict[str, Any]:
    text = SEED_PAGE.read_text()
    body = text[text.index("Response examples (200)") :]
    page: dict[str, Any] = json.loads(body[body.index("{") :])
    return page
