"""Secrets: no auth token or API key secret (nor the Basic header that carries one)
shows in the emulator's log, even at debug level with its access log on, through load,
bad input and faults; nor in any text a client error or a client object gives away
(str, repr, tracebacks with their causes, pickles, attributes, httpx's debug logs); nor
in any response body (every scenario scans them: see scenarios.py, SECRETS). And the
credentials never travel to a host that a `next_page_url` names."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pickle
import socket
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import orjson
import pytest
from twilio_receipts import AuthenticatedClient
from twilio_receipts.api.receipts import list_receipts
from twilio_receipts.errors import (
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ForeignPageUrlError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    TransportError,
)
from twilio_receipts_emulator import (
    DEMO_ACCOUNT_SID,
    DEMO_API_KEY_SECRET,
    DEMO_API_KEY_SID,
    DEMO_AUTH_TOKEN,
    DEMO_CONVERSATION_SID,
    DEMO_MESSAGE_SID,
    DEMO_SERVICE_SID,
    OTHER_ACCOUNT_SID,
    OTHER_AUTH_TOKEN,
    Emulator,
    FaultConfig,
)

from tests.processes import EmulatorProcess
from tests.reliability.conftest import RECEIPTS, populated
from tests.reliability.scenarios import (
    FAST_RETRIES,
    OTHER_API_KEY_SECRET,
    OTHER_API_KEY_SID,
    OTHER_KEY_SEED,
    SECRETS,
    Ledger,
    demo_target,
    run_bad_input,
    run_load,
)

IDS = (DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID)


def test_no_credential_in_the_emulator_log_at_debug_level(tmp_path: Path) -> None:
    seed = tmp_path / "seed.json"
    seed.write_bytes(orjson.dumps({**OTHER_KEY_SEED, "receipts": []}))
    process = EmulatorProcess("--demo", "--seed", str(seed), "--log-level", "debug", "--fault-rate", "0")
    try:
        url = process.wait_ready()
        load = run_load(
            url, Ledger(RECEIPTS[:8]), clients=2, requests_per_client=60, seed=3, deadline_seconds=60
        )
        bad = run_bad_input(
            url, demo_target(url, RECEIPTS[:8]), count=300, seed=3, workers=2, deadline_seconds=60
        )
        for credentials in [
            (DEMO_API_KEY_SID, DEMO_API_KEY_SECRET),
            (OTHER_API_KEY_SID, OTHER_API_KEY_SECRET),
        ]:
            with httpx.Client(base_url=url, auth=credentials, timeout=10) as http:
                for fault in ("500", "503", "429", "drop", "latency=1", "nonsense"):
                    try:
                        http.get(f"/v1/Services/{IDS[0]}/Conversations/{IDS[1]}/Messages/{IDS[2]}/Receipts",
                                 headers={"X-Emulator-Fault": fault})  # fmt: skip
                    except httpx.RemoteProtocolError:
                        assert fault == "drop"
    finally:
        code, lines = process.finish()
    assert load.failures == 0, load.report()
    assert bad.failures == 0, bad.report()
    assert code == 0
    log = "\n".join(lines)
    # The log did record what happened (so that its silence about secrets means something)...
    assert log.count('"GET /v1/Services/') > 100
    assert "Invalid HTTP request received." in log
    # ... and no credential, in any form.
    SECRETS.assert_absent(log, "the emulator's log")


def _texts(error: BaseException) -> Iterator[str | bytes]:
    """Everything an error gives away: its text, repr, traceback (causes included),
    attributes and pickle, for it and each exception it was raised from."""
    yield "".join(traceback.format_exception(error))
    seen: BaseException | None = error
    while seen is not None:
        yield str(seen)
        yield repr(seen)
        yield repr(seen.args)
        yield repr(vars(seen))
        seen = seen.__cause__ or seen.__context__
    with contextlib.suppress(TypeError, pickle.PicklingError, AttributeError):  # not picklable: no leak
        yield pickle.dumps(error)


def _assert_clean(error: BaseException) -> None:
    for text in _texts(error):
        SECRETS.assert_absent(text, f"{type(error).__name__}")


@pytest.fixture(scope="module")
def faulty() -> Iterator[Emulator]:
    """Faults on, none drawn at random: the X-Emulator-Fault header decides (per
    request, no state: the module's tests share it)."""
    with Emulator(demo=True, faults=FaultConfig(rate=0.0)) as running:
        yield populated(running)


def _client(emulator: Emulator, username: str, password: str, **kwargs: object) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=emulator.base_url, username=username, password=password, **kwargs)  # type: ignore[arg-type]


def _walk(mode: str, client: AuthenticatedClient, **kwargs: object) -> None:
    if mode == "sync":
        list(list_receipts.sync_all(*IDS, client=client, **kwargs))  # type: ignore[arg-type]
        return

    async def walk() -> None:
        async for _ in list_receipts.asyncio_all(*IDS, client=client, **kwargs):  # type: ignore[arg-type]
            pass

    asyncio.run(walk())


Case = tuple[str, type[Exception], Callable[[Emulator], AuthenticatedClient], dict[str, object]]
CASES: list[Case] = [
    # a real secret, but not this account's
    ("wrong-secret", AuthenticationError, lambda e: _client(e, DEMO_ACCOUNT_SID, OTHER_AUTH_TOKEN), {}),
    ("other-account", NotFoundError, lambda e: _client(e, OTHER_ACCOUNT_SID, OTHER_AUTH_TOKEN), {}),
    (
        "bad-page-size",
        BadRequestError,
        lambda e: _client(e, DEMO_API_KEY_SID, DEMO_API_KEY_SECRET),
        {"page_size": 0},
    ),
    *[
        (
            f"{fault}-{'retried' if retried else 'once'}",
            error,
            lambda e, fault=fault, retried=retried: _client(
                e,
                DEMO_ACCOUNT_SID,
                DEMO_AUTH_TOKEN,
                headers={"X-Emulator-Fault": fault},
                retries=FAST_RETRIES if retried else None,
            ),
            {},
        )
        for fault, error in [
            ("429", RateLimitedError),
            ("500", ServerError),
            ("503", ServerError),
            ("drop", TransportError),
        ]
        for retried in (False, True)
    ],
]


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_no_credential_in_client_errors_nor_in_httpx_debug_logs(
    faulty: Emulator, case: Case, mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    _, expected, make_client, kwargs = case
    client = make_client(faulty)
    with caplog.at_level(logging.DEBUG), pytest.raises(expected) as caught:
        _walk(mode, client, **kwargs)
    _assert_clean(caught.value)
    assert caplog.records  # httpx and httpcore did log, at debug level
    SECRETS.assert_absent(caplog.text, "the client's log")
    for text in (repr(client), str(client), repr(client.retries), repr(client._auth())):
        SECRETS.assert_absent(text, "the client's repr")


def test_credentials_never_go_to_the_host_a_next_page_url_names() -> None:
    """The emulator is told to write its URLs for another loopback address, where a
    socket listens: the client refuses the link, and nothing ever connects there."""
    with socket.socket() as elsewhere:
        elsewhere.bind(("127.0.0.2", 0))
        elsewhere.listen()
        elsewhere.setblocking(False)
        public_url = f"http://127.0.0.2:{elsewhere.getsockname()[1]}"
        with Emulator(demo=True, public_url=public_url) as emulator:
            client = _client(emulator, DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN)
            with pytest.raises(ForeignPageUrlError) as caught:
                _walk("sync", client, page_size=2)
        _assert_clean(caught.value)
        with pytest.raises(BlockingIOError):
            elsewhere.accept()  # no connection was ever made


def test_a_refused_configuration_does_not_quote_the_secret() -> None:
    with pytest.raises(ConfigurationError) as caught:
        AuthenticatedClient(
            base_url="http://conversations.example.test", username=DEMO_ACCOUNT_SID, password=DEMO_AUTH_TOKEN
        )
    _assert_clean(caught.value)
