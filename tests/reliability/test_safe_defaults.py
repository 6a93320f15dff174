"""Safe defaults: the emulator (class and CLI) listens on 127.0.0.1 unless told
otherwise, as the kernel's own table of listening sockets shows; the client verifies
TLS certificates by default (against the emulator itself served over TLS) and refuses
plain http to a host that is not loopback, however the URL disguises it, unless
`allow_insecure_http=True`. No test here sends anything beyond 127.0.0.0/8."""

from __future__ import annotations

import re
import ssl
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from twilio_receipts import AuthenticatedClient
from twilio_receipts.api.receipts import list_receipts
from twilio_receipts.errors import ConfigurationError, TransportError
from twilio_receipts_emulator import (
    DEMO_ACCOUNT_SID,
    DEMO_AUTH_TOKEN,
    DEMO_CONVERSATION_SID,
    DEMO_MESSAGE_SID,
    DEMO_RECEIPT_SIDS,
    DEMO_SEED,
    DEMO_SERVICE_SID,
    Emulator,
    Store,
    create_app,
    load_seed,
)
from twilio_receipts_emulator.server import ReadyServer, bind, uvicorn_config

from tests.processes import EmulatorProcess
from tests.reliability.rawhttp import address_of

IDS = (DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID)


def _listening_addresses(port: int) -> set[str]:
    """The local addresses on which some socket listens on TCP `port` (from
    /proc/net/tcp and tcp6: what the kernel has bound, whatever a program says)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if int(hex_port, 16) == port and fields[3] == "0A":  # 0A: LISTEN
                found.add(address)
    return found


LOOPBACK = "0100007F"  # 127.0.0.1, as /proc/net/tcp writes it (little-endian hex)


def test_the_emulator_class_listens_on_127_0_0_1_by_default() -> None:
    with Emulator(demo=True) as emulator:
        host, port = address_of(emulator.base_url)
        assert host == "127.0.0.1"
        assert _listening_addresses(port) == {LOOPBACK}


def test_the_cli_listens_on_127_0_0_1_by_default_and_elsewhere_only_when_told() -> None:
    default = EmulatorProcess("--demo")
    told = EmulatorProcess("--demo", "--host", "127.0.0.2")  # still loopback: no traffic leaves
    try:
        _, port = address_of(default.wait_ready())
        assert _listening_addresses(port) == {LOOPBACK}
        line = told.lines.get(timeout=20)  # (wait_ready only knows 127.0.0.1)
        assert line is not None
        match = re.fullmatch(r"twilio-receipts-emulator listening on (http://127\.0\.0\.2:\d+)", line)
        assert match is not None, line
        _, port = address_of(match.group(1))
        assert _listening_addresses(port) == {"0200007F"}
    finally:
        default.finish()
        told.finish()


def test_the_emulator_class_listens_where_it_is_told() -> None:
    with Emulator(demo=True, host="127.0.0.3") as emulator:
        host, port = address_of(emulator.base_url)
        assert host == "127.0.0.3"
        assert _listening_addresses(port) == {"0300007F"}


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1 (openssl, as on any CI image)."""
    directory = tmp_path_factory.mktemp("tls")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(  # noqa: S603
        [  # noqa: S607
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return str(cert), str(key)


@contextmanager
def _tls_emulator(cert: str, key: str) -> Iterator[str]:
    """The emulator (its app and protocol, the demo data) served over TLS."""
    store = Store()
    load_seed(store, DEMO_SEED)
    config = uvicorn_config(create_app(store))
    config.ssl_certfile, config.ssl_keyfile = cert, key
    sock = bind("127.0.0.1", 0)
    ready = threading.Event()
    server = ReadyServer(config, ready.set)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        assert ready.wait(10), "the TLS emulator did not start"
        yield f"https://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        store.close()


def test_the_client_verifies_tls_by_default(certificate: tuple[str, str]) -> None:
    with _tls_emulator(*certificate) as base_url:
        client = AuthenticatedClient(
            base_url=base_url, username=DEMO_ACCOUNT_SID, password=DEMO_AUTH_TOKEN, retries=None
        )
        with pytest.raises(TransportError, match="CERTIFICATE_VERIFY_FAILED"):
            list(list_receipts.sync_all(*IDS, client=client))
        # The control: the same server, its certificate trusted explicitly.
        trusted = AuthenticatedClient(
            base_url=base_url,
            username=DEMO_ACCOUNT_SID,
            password=DEMO_AUTH_TOKEN,
            verify_ssl=ssl.create_default_context(cafile=certificate[0]),
        )
        assert [r.sid for r in list_receipts.sync_all(*IDS, client=trusted)] == list(DEMO_RECEIPT_SIDS)


@pytest.mark.parametrize(
    "base_url",
    [
        "http://conversations.twilio.com",
        "http://127.0.0.1.nip.io:4010",  # a name that merely starts like loopback
        "http://localhost.example.test",
        "http://0.0.0.0:4010",  # every interface, not loopback
        "http://10.0.0.1:4010",
        "http://[2001:db8::1]:4010",
        "http://127.1:4010",  # shorthand and numeric forms: not recognised, so refused
        "http://2130706433:4010",
        "http://localhost.:4010",
        "http://example.test#@127.0.0.1",  # the host is example.test
        "http://127.0.0.1@example.test",  # ... and here too (and it carries userinfo)
        "HTTP://EXAMPLE.TEST",
    ],
)
def test_plain_http_to_a_host_that_is_not_loopback_is_refused(base_url: str) -> None:
    with pytest.raises(ConfigurationError):
        AuthenticatedClient(base_url=base_url, username=DEMO_ACCOUNT_SID, password=DEMO_AUTH_TOKEN)


@pytest.mark.parametrize(
    "base_url",
    ["http://127.0.0.1:4010", "http://127.255.255.254", "http://[::1]:4010", "http://LOCALHOST:4010"],
)
def test_plain_http_to_loopback_is_allowed(base_url: str) -> None:
    AuthenticatedClient(base_url=base_url, username=DEMO_ACCOUNT_SID, password=DEMO_AUTH_TOKEN)


def test_plain_http_elsewhere_needs_an_explicit_yes() -> None:
    client = AuthenticatedClient(
        base_url="http://10.0.0.1:4010",
        username=DEMO_ACCOUNT_SID,
        password=DEMO_AUTH_TOKEN,
        allow_insecure_http=True,
    )
    assert client.base_url == "http://10.0.0.1:4010"  # built; nothing is sent by this test
