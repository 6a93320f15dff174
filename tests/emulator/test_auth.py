"""HTTP Basic: an account's SID and auth token, or one of its API keys; anything else
is Twilio's 401, never a 400 or a 500."""

from __future__ import annotations

import base64

import httpx
import pytest
from twilio_receipts_emulator import (
    DEMO_ACCOUNT_SID,
    DEMO_API_KEY_SECRET,
    DEMO_API_KEY_SID,
    DEMO_AUTH_TOKEN,
    DEMO_RECEIPT_SIDS,
    OTHER_ACCOUNT_SID,
    OTHER_AUTH_TOKEN,
    Emulator,
)

from tests.emulator.support import assert_twilio_error, list_path

UNAUTHORIZED = {
    "code": 20003,
    "message": "Authenticate",
    "more_info": "https://www.twilio.com/docs/errors/20003",
    "status": 401,
}


def _basic(credentials: bytes) -> str:
    return "Basic " + base64.b64encode(credentials).decode()


@pytest.mark.parametrize(
    ("username", "password"),
    [(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN), (DEMO_API_KEY_SID, DEMO_API_KEY_SECRET)],
    ids=["auth-token", "api-key"],
)
def test_account_credentials_and_api_keys_list_the_accounts_receipts(
    web: httpx.Client, emulator: Emulator, username: str, password: str
) -> None:
    response = web.get(emulator.base_url + list_path(), auth=(username, password))
    assert response.status_code == 200
    sids = [receipt["sid"] for receipt in response.json()["delivery_receipts"]]
    assert sids == list(DEMO_RECEIPT_SIDS)


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        _basic(f"{DEMO_ACCOUNT_SID}:wrong-token".encode()),
        _basic(f"{DEMO_API_KEY_SID}:wrong-secret".encode()),
        _basic(f"{DEMO_ACCOUNT_SID}:{DEMO_AUTH_TOKEN}x".encode()),
        _basic(f"{DEMO_ACCOUNT_SID}:".encode()),
        _basic(f":{DEMO_AUTH_TOKEN}".encode()),
        _basic(f"{DEMO_API_KEY_SID}:{DEMO_AUTH_TOKEN}".encode()),  # key with the token
        _basic(f"{OTHER_ACCOUNT_SID}:{DEMO_AUTH_TOKEN}".encode()),  # another's SID
        _basic(f"ACffffffffffffffffffffffffffffffff:{DEMO_AUTH_TOKEN}".encode()),
        _basic(DEMO_ACCOUNT_SID.encode()),  # no colon
        _basic(b"\xff\xfe:\x80"),  # not UTF-8
        "Basic !!!not-base64!!!",
        "Basic",
        "Bearer " + DEMO_AUTH_TOKEN,
        "Digest username=x",
        b"Basic \xe9\xff\x80",  # bytes outside ASCII in the header itself
        _basic(f"{DEMO_ACCOUNT_SID}:{DEMO_AUTH_TOKEN}".encode())[:-2],  # truncated
    ],
)
def test_missing_wrong_or_garbled_credentials_are_twilios_401(
    web: httpx.Client, emulator: Emulator, authorization: str | bytes | None
) -> None:
    headers: dict[bytes, bytes] = {}
    if authorization is not None:
        raw = authorization if isinstance(authorization, bytes) else authorization.encode("latin-1")
        headers[b"authorization"] = raw
    response = web.get(emulator.base_url + list_path(), headers=headers)
    assert_twilio_error(response, 401, 20003)
    assert response.json() == UNAUTHORIZED
    assert response.headers["www-authenticate"] == 'Basic realm="Twilio API"'


def test_the_auth_scheme_is_case_insensitive(web: httpx.Client, emulator: Emulator) -> None:
    authorization = _basic(f"{DEMO_ACCOUNT_SID}:{DEMO_AUTH_TOKEN}".encode()).replace("Basic", "bAsIc")
    response = web.get(emulator.base_url + list_path(), headers={"Authorization": authorization})
    assert response.status_code == 200


def test_authentication_comes_before_routing(web: httpx.Client, emulator: Emulator) -> None:
    # Unknown paths and unsupported methods reveal nothing without credentials.
    assert web.get(emulator.base_url + "/v1/Nope").status_code == 401
    assert httpx.post(emulator.base_url + list_path()).status_code == 401


def test_an_account_with_valid_credentials_sees_only_its_own_data(
    web: httpx.Client, emulator: Emulator
) -> None:
    # The other account authenticates fine, and the demo account's receipts are a 404 to it.
    response = web.get(emulator.base_url + list_path(), auth=(OTHER_ACCOUNT_SID, OTHER_AUTH_TOKEN))
    assert_twilio_error(response, 404, 20404)


def test_changed_credentials_take_effect_at_once(web: httpx.Client) -> None:
    # Auth lookups are cached; a write must not leave a stale token usable.
    with Emulator(demo=True) as own:
        url = own.base_url + list_path()
        assert web.get(url, auth=(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN)).status_code == 200
        own.load_seed({"accounts": [{"sid": DEMO_ACCOUNT_SID, "auth_token": "rotated"}]})
        assert web.get(url, auth=(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN)).status_code == 401
        assert web.get(url, auth=(DEMO_ACCOUNT_SID, "rotated")).status_code == 200
