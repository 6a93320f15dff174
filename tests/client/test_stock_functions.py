"""The stock sync/sync_detailed/asyncio/asyncio_detailed functions: a Response for any
status with the request id at hand, and never KeyError, JSONDecodeError or ValueError,
whatever the body or the status."""

from __future__ import annotations

import asyncio
import re
from http import HTTPStatus

import pytest
from twilio_receipts import AuthenticatedClient, TwilioApiError
from twilio_receipts.api.receipts import fetch_receipt, list_receipts
from twilio_receipts.errors import UnexpectedStatus
from twilio_receipts.models import Receipt, ReceiptPage, ReceiptStatus, TwilioErrorBody
from twilio_receipts.types import Response
from twilio_receipts_emulator.demo import (
    DEMO_CONVERSATION_SID,
    DEMO_MESSAGE_SID,
    DEMO_RECEIPT_SIDS,
    DEMO_SERVICE_SID,
)
from twilio_receipts_emulator.server import Emulator

from tests.client.helpers import MODES, Mode, client_for
from tests.client.servers import Reply, ScriptedServer, json_reply

REQUEST_ID = re.compile(r"^RQ[0-9a-f]{32}$")


def list_detailed(
    mode: Mode, client: AuthenticatedClient, **kwargs: object
) -> Response[ReceiptPage | TwilioErrorBody]:
    args = (DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID)
    if mode == "sync":
        return list_receipts.sync_detailed(*args, client=client, **kwargs)  # type: ignore[arg-type]
    return asyncio.run(list_receipts.asyncio_detailed(*args, client=client, **kwargs))  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", MODES)
def test_detailed_responses_carry_the_request_id(emulator: Emulator, mode: Mode) -> None:
    response = list_detailed(mode, client_for(emulator), page_size=2)
    assert response.status_code is HTTPStatus.OK
    assert isinstance(response.parsed, ReceiptPage)
    assert [r.sid for r in response.parsed.delivery_receipts or []] == list(DEMO_RECEIPT_SIDS[:2])
    assert response.request_id is not None
    assert REQUEST_ID.match(response.request_id)
    assert response.request_id == response.headers["twilio-request-id"]


@pytest.mark.parametrize("mode", MODES)
def test_fetch_one_receipt_sync_and_async(emulator: Emulator, mode: Mode) -> None:
    client = client_for(emulator)
    args = (DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID, DEMO_RECEIPT_SIDS[3])
    if mode == "sync":
        receipt = fetch_receipt.sync(*args, client=client)
        detailed = fetch_receipt.sync_detailed(*args, client=client)
    else:

        async def both() -> tuple[Receipt | TwilioErrorBody | None, Response[Receipt | TwilioErrorBody]]:
            # One event loop: an httpx.AsyncClient belongs to the loop it first ran on.
            return await fetch_receipt.asyncio(*args, client=client), await fetch_receipt.asyncio_detailed(
                *args, client=client
            )

        receipt, detailed = asyncio.run(both())
    assert isinstance(receipt, Receipt)
    assert receipt.sid == DEMO_RECEIPT_SIDS[3]
    assert isinstance(receipt.status, ReceiptStatus)
    assert detailed.request_id is not None
    assert REQUEST_ID.match(detailed.request_id)


@pytest.mark.parametrize("mode", MODES)
def test_a_documented_error_status_gives_the_error_body(emulator: Emulator, mode: Mode) -> None:
    client = client_for(emulator)
    args = (DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID, "DY" + "0" * 32)
    if mode == "sync":
        response = fetch_receipt.sync_detailed(*args, client=client)
    else:
        response = asyncio.run(fetch_receipt.asyncio_detailed(*args, client=client))
    assert response.status_code is HTTPStatus.NOT_FOUND
    assert isinstance(response.parsed, TwilioErrorBody)
    assert response.parsed.code == 20404
    assert response.request_id is not None


ODD_RESPONSES = {
    # name: (reply, expected status_code)
    "html-502-from-a-proxy": (Reply(502, b"<html>Bad Gateway</html>", {"content-type": "text/html"}), 502),
    "html-404-documented-status-odd-body": (
        Reply(404, b"<html>Not Found</html>", {"content-type": "text/html"}),
        404,
    ),
    "empty-200": (Reply(200, b""), 200),
    "empty-401": (Reply(401, b""), 401),
    "html-200": (Reply(200, b"<html>portal</html>", {"content-type": "text/html"}), 200),
    "status-599": (Reply(599, b"proxy gave up"), 599),
    "status-299": (json_reply(299, {}), 299),
    "json-null-200": (json_reply(200, None), 200),
    "json-list-404": (json_reply(404, [1]), 404),
    "error-body-without-required-keys": (json_reply(500, {"message": "boom"}), 500),
    "receipts-not-a-list": (json_reply(200, {"delivery_receipts": 5}), 200),
}


def odd_client(server: ScriptedServer) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=server.url, username="AC1", password="token", retries=None)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", list(ODD_RESPONSES))
def test_an_odd_response_gives_parsed_none_never_an_exception(case: str, mode: Mode) -> None:
    reply, status = ODD_RESPONSES[case]
    args = (DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID)
    with ScriptedServer(lambda _: reply) as server:
        response = list_detailed(mode, odd_client(server))
        if mode == "sync":
            parsed = list_receipts.sync(*args, client=odd_client(server))
        else:
            parsed = asyncio.run(list_receipts.asyncio(*args, client=odd_client(server)))
    assert response.status_code == status
    assert response.parsed is None
    assert parsed is None
    assert response.content == reply.body


def test_a_status_outside_http_status_is_kept_as_an_int() -> None:
    with ScriptedServer(lambda _: Reply(599, b"")) as server:
        client = AuthenticatedClient(base_url=server.url, username="AC1", password="token")
        response = list_detailed("sync", client)
    assert response.status_code == 599
    assert type(response.status_code) is int
    with pytest.raises(ValueError, match="599"):
        HTTPStatus(599)  # what upstream's generated code called, and why it raised


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", [502, 599, 302])
def test_raise_on_unexpected_status_raises_a_twilio_api_error(mode: Mode, status: int) -> None:
    body = b"<html>gateway</html>"
    with ScriptedServer(lambda _: Reply(status, body, {"content-type": "text/html"})) as server:
        client = AuthenticatedClient(
            base_url=server.url,
            username="AC1",
            password="token",
            raise_on_unexpected_status=True,
            retries=None,
        )
        with pytest.raises(UnexpectedStatus) as caught:
            list_detailed(mode, client)
    error = caught.value
    assert isinstance(error, TwilioApiError)
    assert (error.status_code, error.status, error.content) == (status, status, body)
    assert "gateway" not in str(error)  # the body is described, not quoted


def test_unexpected_status_keeps_upstreams_constructor() -> None:
    error = UnexpectedStatus(418, b"teapot")
    assert (error.status_code, error.content, error.status) == (418, b"teapot", 418)
    assert "418" in str(error)
