"""Credentials: HTTP Basic from arguments or the environment, sent only to the base URL's
origin, and never shown (repr, exception text, logs)."""

from __future__ import annotations

import base64
import logging
import pickle
from pathlib import Path

import httpx
import pytest
import yaml
from twilio_receipts import AuthenticatedClient, Client, RetryPolicy
from twilio_receipts.api.receipts import fetch_receipt, list_receipts
from twilio_receipts.client import DEFAULT_BASE_URL
from twilio_receipts.errors import (
    AuthenticationError,
    ConfigurationError,
    ForeignPageUrlError,
    TwilioApiError,
)
from twilio_receipts.models import TwilioErrorBody
from twilio_receipts_emulator.demo import (
    DEMO_ACCOUNT_SID,
    DEMO_API_KEY_SECRET,
    DEMO_API_KEY_SID,
    DEMO_AUTH_TOKEN,
    DEMO_MESSAGE_SID,
    DEMO_RECEIPT_SIDS,
)
from twilio_receipts_emulator.server import Emulator

from tests.client.helpers import FAST_RETRIES, MODES, Mode, all_receipts, client_for
from tests.client.servers import Recorded, Reply, ScriptedServer, json_reply, page_body, receipt_body
from tests.paths import SPEC


@pytest.mark.parametrize("mode", MODES)
def test_account_sid_and_auth_token_are_sent_as_http_basic(emulator: Emulator, mode: Mode) -> None:
    client = AuthenticatedClient(
        base_url=emulator.base_url, username=DEMO_ACCOUNT_SID, password=DEMO_AUTH_TOKEN
    )
    assert [r.sid for r in all_receipts(mode, client)] == list(DEMO_RECEIPT_SIDS)


@pytest.mark.parametrize("mode", MODES)
def test_an_api_key_and_its_secret_work_too(emulator: Emulator, mode: Mode) -> None:
    client = AuthenticatedClient(
        base_url=emulator.base_url, username=DEMO_API_KEY_SID, password=DEMO_API_KEY_SECRET
    )
    assert [r.sid for r in all_receipts(mode, client)] == list(DEMO_RECEIPT_SIDS)


def test_the_authorization_header_is_exactly_basic_user_colon_secret() -> None:
    with ScriptedServer(lambda _: json_reply(200, page_body([], None))) as server:
        client = AuthenticatedClient(
            base_url=server.url, username="ACuser", password="s3cr\u00e9t:with-colon"
        )
        assert list(list_receipts.sync_all("IS1", "CH1", "IM1", client=client)) == []
    expected = "Basic " + base64.b64encode("ACuser:s3cr\u00e9t:with-colon".encode()).decode()
    assert [r.headers["authorization"] for r in server.requests] == [expected]


def test_credentials_come_from_twilio_account_sid_and_auth_token(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", DEMO_ACCOUNT_SID)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", DEMO_AUTH_TOKEN)
    client = AuthenticatedClient(base_url=emulator.base_url)
    assert client.username == DEMO_ACCOUNT_SID
    assert len(all_receipts("sync", client)) == len(DEMO_RECEIPT_SIDS)


def test_credentials_come_from_twilio_api_key_and_secret(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TWILIO_API_KEY", DEMO_API_KEY_SID)
    monkeypatch.setenv("TWILIO_API_SECRET", DEMO_API_KEY_SECRET)
    client = AuthenticatedClient(base_url=emulator.base_url)
    assert client.username == DEMO_API_KEY_SID
    assert len(all_receipts("async", client)) == len(DEMO_RECEIPT_SIDS)


def test_the_account_pair_wins_over_the_api_key_pair(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", DEMO_ACCOUNT_SID)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", DEMO_AUTH_TOKEN)
    monkeypatch.setenv("TWILIO_API_KEY", DEMO_API_KEY_SID)
    monkeypatch.setenv("TWILIO_API_SECRET", "wrong-secret")
    client = AuthenticatedClient(base_url=emulator.base_url)
    assert client.username == DEMO_ACCOUNT_SID
    assert len(all_receipts("sync", client)) == len(DEMO_RECEIPT_SIDS)


def test_explicit_credentials_win_over_the_environment(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", DEMO_ACCOUNT_SID)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "wrong-token")
    client = client_for(emulator)
    assert len(all_receipts("sync", client)) == len(DEMO_RECEIPT_SIDS)


def test_no_credentials_anywhere_is_a_configuration_error_naming_the_variables() -> None:
    with pytest.raises(ConfigurationError) as caught:
        AuthenticatedClient()
    assert isinstance(caught.value, ValueError)
    for name in ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_API_KEY", "TWILIO_API_SECRET"):
        assert name in str(caught.value)


@pytest.mark.parametrize(
    ("username", "password", "env"),
    [
        ("AC1", None, {}),
        (None, "token", {}),
        ("AC1", "", {}),
        (None, None, {"TWILIO_ACCOUNT_SID": DEMO_ACCOUNT_SID}),
        (None, None, {"TWILIO_API_SECRET": "secret"}),
        (None, None, {"TWILIO_ACCOUNT_SID": DEMO_ACCOUNT_SID, "TWILIO_AUTH_TOKEN": ""}),
    ],
)
def test_half_a_pair_of_credentials_is_refused(
    username: str | None, password: str | None, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigurationError):
        AuthenticatedClient(username=username, password=password)


def test_base_url_defaults_to_the_server_of_the_api_description() -> None:
    servers = yaml.safe_load(Path(SPEC).read_text())["servers"]
    client = AuthenticatedClient(username="AC1", password="token")
    assert client.base_url == DEFAULT_BASE_URL == servers[0]["url"] == "https://conversations.twilio.com"
    assert Client().base_url == DEFAULT_BASE_URL
    assert str(client.get_httpx_client().base_url).rstrip("/") == DEFAULT_BASE_URL


@pytest.mark.parametrize("mode", MODES)
def test_wrong_credentials_raise_authentication_error(emulator: Emulator, mode: Mode) -> None:
    client = client_for(emulator, password="not-the-token", retries=FAST_RETRIES)
    with pytest.raises(AuthenticationError) as caught:
        all_receipts(mode, client)
    error = caught.value
    assert isinstance(error, TwilioApiError)
    assert (error.status, error.code) == (401, 20003)
    assert error.request_id is not None
    assert error.request_id.startswith("RQ")
    assert "not-the-token" not in str(error) + repr(error)


def test_the_stock_functions_return_the_documented_401_body(emulator: Emulator) -> None:
    client = client_for(emulator, password="not-the-token")
    response = list_receipts.sync_detailed("IS" + "a" * 32, "CH" + "a" * 32, DEMO_MESSAGE_SID, client=client)
    assert response.status_code == 401
    assert isinstance(response.parsed, TwilioErrorBody)
    assert response.parsed.code == 20003


def test_the_unauthenticated_client_still_works_and_gets_a_401(emulator: Emulator) -> None:
    """The operations declare security, so mypy refuses a `Client` here; at run time it
    still sends the request, without credentials, and reads the 401."""
    client = Client(base_url=emulator.base_url)
    response = fetch_receipt.sync_detailed(
        "IS" + "a" * 32,
        "CH" + "a" * 32,
        DEMO_MESSAGE_SID,
        DEMO_RECEIPT_SIDS[0],
        client=client,  # type: ignore[arg-type]
    )
    assert response.status_code == 401
    assert isinstance(response.parsed, TwilioErrorBody)
    assert "authorization" not in {k.lower() for k in client.get_httpx_client().headers}


def test_credentials_never_go_to_a_host_a_next_page_url_names(emulator: Emulator) -> None:
    """The emulator writes its page URLs with a public_url pointing at another server:
    the client stops with ForeignPageUrlError and that server never hears from it."""
    with ScriptedServer(lambda _: json_reply(200, page_body([], None))) as elsewhere:
        with Emulator(demo=True, public_url=elsewhere.url) as lying:
            client = client_for(lying)
            seen: list[str] = []

            def walk() -> None:
                for receipt in list_receipts.sync_all(
                    "IS" + "a" * 32, "CH" + "a" * 32, DEMO_MESSAGE_SID, client=client, page_size=3
                ):
                    seen.append(str(receipt.sid))

            with pytest.raises(ForeignPageUrlError) as caught:
                walk()
        assert elsewhere.requests == []
    assert seen == list(DEMO_RECEIPT_SIDS[:3])  # the first page is good and is yielded
    assert caught.value.status == 200
    assert "127.0.0.1" in str(caught.value)


@pytest.mark.parametrize("mode", MODES)
def test_the_same_server_under_another_host_name_is_another_origin(emulator: Emulator, mode: Mode) -> None:
    """localhost and 127.0.0.1 reach the same emulator, but credentials are bound to the
    origin that was configured, not to the machine."""
    port = emulator.base_url.rsplit(":", 1)[1]
    with Emulator(demo=True, public_url=f"http://localhost:{port}") as lying:
        client = client_for(lying)
        with pytest.raises(ForeignPageUrlError):
            all_receipts(mode, client, page_size=3)


def test_the_client_never_attaches_credentials_to_another_origin() -> None:
    """Even a request made by hand through the underlying httpx client carries the
    Authorization header only to the base URL's origin."""
    with ScriptedServer(lambda _: Reply(204)) as home, ScriptedServer(lambda _: Reply(204)) as other:
        client = AuthenticatedClient(base_url=home.url, username="AC1", password="token-123")
        http = client.get_httpx_client()
        http.get("/anything")
        http.get(other.url + "/anything")
        http.get(home.url.replace("127.0.0.1", "localhost") + "/anything")
    assert "authorization" in home.requests[0].headers
    assert "authorization" not in other.requests[0].headers
    assert "authorization" not in home.requests[1].headers  # same server, other origin


def test_redirects_are_not_followed_so_credentials_cannot_be_forwarded() -> None:
    with ScriptedServer(lambda _: Reply(302, b"", {"location": "http://localhost:1/steal"})) as server:
        client = AuthenticatedClient(base_url=server.url, username="AC1", password="token-123", retries=None)
        response = list_receipts.sync_detailed("IS1", "CH1", "IM1", client=client)
    assert response.status_code == 302
    assert response.parsed is None
    assert len(server.requests) == 1


def test_the_secret_is_not_in_the_repr_of_a_client(monkeypatch: pytest.MonkeyPatch) -> None:
    explicit = AuthenticatedClient(username="AC1", password="explicit-secret-value")
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", "AC2")
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "env-secret-value")
    from_env = AuthenticatedClient()
    derived = explicit.with_headers({"X-Trace": "1"}).with_timeout(5.0)
    for client, secret in (
        (explicit, "explicit-secret-value"),
        (from_env, "env-secret-value"),
        (derived, "explicit-secret-value"),
    ):
        client.get_httpx_client()  # built: its transport, auth and headers exist now
        texts = [
            repr(client),
            str(client),
            repr(client.get_httpx_client()),
            repr(client.get_httpx_client().auth),
        ]
        assert all(secret not in text for text in texts)
        assert "***" in repr(client)
    assert "AC1" in repr(explicit)  # the SID is not a secret: it helps debugging


def test_the_secret_is_in_no_exception_text_nor_log_record(
    faulty_emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    """A run with retries (stamina logs each), an error status and a connection failure,
    logging everything at DEBUG (httpx, httpcore, stamina)."""
    caplog.set_level(logging.DEBUG)
    secret = faulty_emulator.auth_token
    client = client_for(faulty_emulator, retries=FAST_RETRIES, headers={"X-Emulator-Fault": "503"})
    errors: list[BaseException] = []
    with pytest.raises(TwilioApiError) as caught:
        all_receipts("sync", client)
    errors.append(caught.value)
    dead = AuthenticatedClient(
        base_url="http://127.0.0.1:9", username="AC1", password=secret, retries=FAST_RETRIES
    )
    with pytest.raises(TwilioApiError) as caught:
        all_receipts("async", dead)
    errors.append(caught.value)
    assert any(record.name.startswith("stamina") for record in caplog.records)  # retries were logged
    assert any(record.name.startswith("httpcore") for record in caplog.records)
    encoded = base64.b64encode(f"{faulty_emulator.account_sid}:{secret}".encode()).decode()
    for record in caplog.records:
        text = record.getMessage() + repr(record.__dict__)
        assert secret not in text
        assert encoded not in text
    for error in errors:
        chain = [error, error.__cause__, error.__context__]
        texts = [str(e) + repr(e) for e in chain if e is not None]
        texts.append(repr(pickle.loads(pickle.dumps(error)).__dict__))  # noqa: S301 (our own bytes)
        assert all(secret not in text and encoded not in text for text in texts)


def test_retry_policy_can_be_switched_off_per_client(emulator: Emulator) -> None:
    client = client_for(emulator, retries=None)
    assert client.retries is None
    assert isinstance(AuthenticatedClient(username="a", password="b").retries, RetryPolicy)
    assert len(all_receipts("sync", client)) == len(DEMO_RECEIPT_SIDS)


def test_httpx_level_errors_are_httpx_errors_too() -> None:
    """TransportError is also an httpx.TransportError, so httpx-minded code still works."""
    client = AuthenticatedClient(base_url="http://127.0.0.1:9", username="AC1", password="x", retries=None)
    with pytest.raises(httpx.TransportError):
        list_receipts.sync_detailed("IS1", "CH1", "IM1", client=client)


def test_every_page_is_requested_with_the_credentials() -> None:
    receipts = [receipt_body(n) for n in range(3)]

    def handler(request: Recorded) -> Reply:
        if "PageToken" in request.query:
            return json_reply(200, page_body(receipts[2:], None))
        return json_reply(200, page_body(receipts[:2], request.host_url + "/v1/next?PageToken=PAx"))

    with ScriptedServer(handler) as server:
        client = AuthenticatedClient(base_url=server.url, username="AC1", password="token")
        got = list(list_receipts.sync_all("IS1", "CH1", "IM1", client=client))
    assert [r.sid for r in got] == [r["sid"] for r in receipts]
    assert [r.target for r in server.requests] == [
        "/v1/Services/IS1/Conversations/CH1/Messages/IM1/Receipts",
        "/v1/next?PageToken=PAx",
    ]
    assert all(r.headers["authorization"].startswith("Basic ") for r in server.requests)
