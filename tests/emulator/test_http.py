"""What every response carries, methods other than GET, where URLs point, and the
static probe."""

from __future__ import annotations

import json
import socket
import time

import httpx
import pytest
from twilio_receipts_emulator import (
    DEMO_ACCOUNT_SID,
    DEMO_AUTH_TOKEN,
    DEMO_RECEIPT_SIDS,
    Emulator,
)

from tests.emulator.support import (
    REQUEST_ID,
    assert_common_headers,
    assert_twilio_error,
    basic_auth,
    list_path,
)

AUTH = (DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN)


def test_every_kind_of_response_has_the_headers_twilio_documents(
    web: httpx.Client, emulator: Emulator, http: httpx.Client
) -> None:
    responses = [
        http.get(list_path()),
        http.get(list_path() + "/" + DEMO_RECEIPT_SIDS[0]),
        http.get(list_path(), params={"PageSize": 0}),
        web.get(emulator.base_url + list_path()),
        http.get(list_path(message="IM" + "f" * 32)),
        http.post(list_path()),
        http.get("/nowhere"),
    ]
    assert [r.status_code for r in responses] == [200, 200, 400, 401, 404, 405, 404]
    ids = set()
    for response in responses:
        assert_common_headers(response)
        assert response.headers["content-length"] == str(len(response.content))
        response.json()
        ids.add(response.headers["twilio-request-id"])
    assert len(ids) == len(responses)  # a fresh id per request


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "QUERY"])
@pytest.mark.parametrize("path", [list_path(), list_path() + "/" + DEMO_RECEIPT_SIDS[0]])
def test_other_methods_are_405_with_allow_get(http: httpx.Client, method: str, path: str) -> None:
    response = http.request(method, path, content=b"{}")
    assert_twilio_error(response, 405, 20004)
    assert response.headers["allow"] == "GET"


def test_head_is_405_too_without_a_body(http: httpx.Client) -> None:
    response = http.head(list_path())
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert REQUEST_ID.fullmatch(response.headers["twilio-request-id"])
    assert response.content == b""


def test_an_unknown_path_is_404_whatever_the_method(http: httpx.Client) -> None:
    assert_twilio_error(http.post("/v1/Nope"), 404, 20404)


def test_urls_follow_the_host_the_request_came_in_on(emulator: Emulator) -> None:
    port = emulator.base_url.rsplit(":", 1)[1]
    with httpx.Client(base_url=f"http://localhost:{port}", auth=AUTH) as client:
        page = client.get(list_path(), params={"PageSize": 1}).json()
    assert page["meta"]["url"].startswith(f"http://localhost:{port}/v1/")
    assert page["meta"]["next_page_url"].startswith(f"http://localhost:{port}/v1/")
    assert page["delivery_receipts"][0]["url"].startswith(f"http://localhost:{port}/v1/")


def test_an_odd_host_header_still_gives_valid_json(web: httpx.Client, emulator: Emulator) -> None:
    response = web.get(emulator.base_url + list_path(), auth=AUTH, headers={"Host": 'a"b\\c'})
    assert response.status_code == 200
    assert response.json()["meta"]["first_page_url"].startswith('http://a"b\\c/v1/')


def test_public_url_is_the_base_of_every_url(web: httpx.Client) -> None:
    with Emulator(demo=True, public_url="https://twilio.example.test/") as emulator:
        page = web.get(emulator.base_url + list_path(), auth=AUTH, params={"PageSize": 2}).json()
        base = "https://twilio.example.test" + list_path()
        assert page["meta"]["url"] == f"{base}?PageSize=2&Page=0"
        assert page["meta"]["first_page_url"] == f"{base}?PageSize=2&Page=0"
        assert page["meta"]["next_page_url"].startswith(f"{base}?PageSize=2&Page=1&PageToken=PA")
        assert page["delivery_receipts"][0]["url"] == f"{base}/{DEMO_RECEIPT_SIDS[0]}"


def test_the_static_probe_is_off_by_default(http: httpx.Client) -> None:
    assert_twilio_error(http.get("/__static"), 404, 20404)


def test_the_static_probe_serves_a_full_page_without_credentials(web: httpx.Client) -> None:
    with Emulator(demo=True, static_probe=True) as emulator:
        response = web.get(emulator.base_url + "/__static")
    assert response.status_code == 200
    assert_common_headers(response)
    page = response.json()
    assert len(page["delivery_receipts"]) == 50
    assert page["meta"]["page_size"] == 50


def test_without_a_host_header_urls_use_the_address_the_request_came_in_on(
    emulator: Emulator,
) -> None:
    host, port = emulator.base_url.removeprefix("http://").split(":")
    authorization = basic_auth(*AUTH)
    request = f"GET {list_path()}?PageSize=1 HTTP/1.0\r\nAuthorization: {authorization}\r\n\r\n"
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request.encode())
        response = b""
        while chunk := sock.recv(65536):
            response += chunk
    head, _, body = response.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK")
    meta = json.loads(body)["meta"]
    assert meta["url"] == f"{emulator.base_url}{list_path()}?PageSize=1&Page=0"


def test_responses_do_not_wait_for_delayed_acks(http: httpx.Client) -> None:
    # Headers and body go out in two writes; without TCP_NODELAY on accepted sockets
    # the second waits for the client's delayed ACK: ~40 ms per request.
    http.get(list_path())
    started = time.perf_counter()
    for _ in range(20):
        http.get(list_path(), params={"PageSize": 1})
    assert time.perf_counter() - started < 0.5
