"""HTTP Basic credentials from an Authorization header.

Hand-written: the header is one base64 token, and a framework's auth layer would put a
request object and a middleware on the hot path for these few lines. Anything that is
not well-formed Basic (another scheme, bad base64, non-UTF-8, no colon) is a 401, the
answer Twilio gives to credentials it cannot use, never a 400 or a 500.
"""

from __future__ import annotations

import base64
import binascii

from .errors import Unauthorized

__all__ = ["basic_credentials"]


def basic_credentials(header: bytes | None) -> tuple[str, str]:
    """(username, password) of a `Basic` Authorization header."""
    if header is None:
        raise Unauthorized()
    scheme, _, token = header.strip().partition(b" ")
    if scheme.lower() != b"basic":
        raise Unauthorized()
    try:
        decoded = base64.b64decode(token.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise Unauthorized() from None
    username, colon, password = decoded.partition(":")
    if not colon:
        raise Unauthorized()
    return username, password
