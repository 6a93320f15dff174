"""TLS is verified, and plain http is refused for a host that is not loopback unless
explicitly allowed (credentials would cross the network in clear)."""

from __future__ import annotations

import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from twilio_receipts import AuthenticatedClient, Client
from twilio_receipts.api.receipts import list_receipts
from twilio_receipts.errors import ConfigurationError, TransportError

from tests.client.helpers import MODES, Mode, all_receipts
from tests.client.servers import ScriptedServer, json_reply, page_body, receipt_body


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1 (openssl, as on any CI image)."""
    directory: Path = tmp_path_factory.mktemp("tls")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(  # noqa: S603
        [  # noqa: S607
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return str(cert), str(key)


@pytest.fixture
def https_server(certificate: tuple[str, str]) -> Iterator[ScriptedServer]:
    cert, key = certificate
    page = json_reply(200, page_body([receipt_body(1)], None))
    with ScriptedServer(lambda _: page, ssl_certfile=cert, ssl_keyfile=key) as server:
        yield server


@pytest.mark.parametrize("mode", MODES)
def test_an_untrusted_certificate_is_refused(https_server: ScriptedServer, mode: Mode) -> None:
    client = AuthenticatedClient(base_url=https_server.url, username="AC1", password="token", retries=None)
    with pytest.raises(TransportError) as caught:
        all_receipts(mode, client, service="IS1")
    assert "CERTIFICATE_VERIFY_FAILED" in str(caught.value)
    assert https_server.requests == []  # nothing, credentials included, was sent


@pytest.mark.parametrize("mode", MODES)
def test_a_certificate_trusted_through_verify_ssl_is_accepted(
    https_server: ScriptedServer, certificate: tuple[str, str], mode: Mode
) -> None:
    context = ssl.create_default_context(cafile=certificate[0])
    client = AuthenticatedClient(
        base_url=https_server.url, username="AC1", password="token", verify_ssl=context
    )
    assert len(all_receipts(mode, client, service="IS1")) == 1
    assert https_server.requests[0].headers["authorization"].startswith("Basic ")


@pytest.mark.parametrize(
    "base_url",
    [
        "http://conversations.twilio.com",
        "http://10.0.0.8:4010",
        "http://[2001:db8::1]/",
        "http://127.0.0.1.nip.io",
    ],
)
def test_plain_http_to_a_non_loopback_host_is_refused(base_url: str) -> None:
    with pytest.raises(ConfigurationError, match="allow_insecure_http"):
        AuthenticatedClient(base_url=base_url, username="AC1", password="token")
    with pytest.raises(ConfigurationError):
        Client(base_url=base_url)


@pytest.mark.parametrize(
    "base_url", ["http://127.0.0.1:4010", "http://localhost:4010", "http://[::1]:4010", "http://127.5.6.7"]
)
def test_plain_http_to_loopback_is_allowed(base_url: str) -> None:
    assert AuthenticatedClient(base_url=base_url, username="AC1", password="token").base_url == base_url


def test_plain_http_elsewhere_can_be_allowed_explicitly() -> None:
    client = AuthenticatedClient(
        base_url="http://emulator.internal:4010", username="AC1", password="token", allow_insecure_http=True
    )
    assert client.base_url == "http://emulator.internal:4010"


@pytest.mark.parametrize(
    "base_url", ["ftp://example.com", "conversations.twilio.com", "https://", "https://AC1:token@example.com"]
)
def test_base_urls_that_are_not_plain_http_or_https_urls_are_refused(base_url: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        AuthenticatedClient(base_url=base_url, username="AC1", password="token")
    assert "token" not in str(caught.value).replace("password=", "")


def test_an_allowed_insecure_client_really_talks_http() -> None:
    with ScriptedServer(lambda _: json_reply(200, page_body([], None))) as server:
        client = AuthenticatedClient(
            base_url=server.url, username="AC1", password="token", allow_insecure_http=True
        )
        assert list(list_receipts.sync_all("IS1", "CH1", "IM1", client=client)) == []
    assert len(server.requests) == 1
