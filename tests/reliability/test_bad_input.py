"""Bad input: malformed requests on raw sockets (random paths and methods, huge and
binary query values, broken and non-UTF-8 Authorization headers, oversized heads,
percent-encoding garbage, tampered page tokens, broken HTTP syntax) never get a 5xx:
each gets Twilio's JSON error body with the status its fault calls for, and the
emulator then still serves every page exactly right. (`make soak`: 10,000 and more.)

Requests that the HTTP layer refuses before the application (bytes that are not
HTTP/1.1, control characters in a header, non-ASCII in the request target, a method
httptools does not know, a head past 64 KiB) get a 400 with Twilio's body too: the
emulator's protocol (protocol.py) answers them, not uvicorn's plain-text 400. A HEAD
gets the status and headers without a body (HTTP says so). A request cut short before
the end of its head, the sending side then closed, gets no answer at all.
"""

from __future__ import annotations

import logging
import random

import httpx
import orjson
import pytest
from twilio_receipts_emulator import DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, Emulator
from twilio_receipts_emulator.protocol import MAX_REQUEST_HEAD

from tests.reliability.conftest import RECEIPTS
from tests.reliability.contract import Answer, Contract
from tests.reliability.malformed import CATEGORIES, request
from tests.reliability.rawhttp import address_of, exchange
from tests.reliability.scenarios import demo_target, run_bad_input

COUNT = 1500
AUTH = (DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN)
contract = Contract()


def test_malformed_requests_get_twilio_errors_and_the_pages_stay_intact(emulator: Emulator) -> None:
    target = demo_target(emulator.base_url, RECEIPTS)
    figures = run_bad_input(emulator.base_url, target, count=COUNT, seed=1, workers=4, deadline_seconds=120)
    assert figures.failures == 0, figures.report()
    assert figures.malformed == COUNT
    for category in CATEGORIES:
        assert figures.counts[category] > 0, category
    for status in (400, 401, 404, 405):
        assert figures.counts[f"status_{status}"] > 0, status


def _wrong_auth_request(target: str, host: str, padding: int) -> bytes:
    headers = [(b"Authorization", b"Basic d3Jvbmc6d3Jvbmc="), (b"X-Padding", b"p" * padding)]
    return request(b"GET", target.encode(), headers, host=host.encode())


def test_a_head_of_64_kib_is_read_and_one_byte_more_of_headers_is_refused(emulator: Emulator) -> None:
    address = address_of(emulator.base_url)
    host = f"{address[0]}:{address[1]}"
    path = demo_target(emulator.base_url, RECEIPTS).list_path
    exact = _wrong_auth_request(path, host, 0)
    exact = _wrong_auth_request(path, host, MAX_REQUEST_HEAD - len(exact))
    assert len(exact) == MAX_REQUEST_HEAD  # request line, headers and the blank line
    answer = exchange(address, exact)
    assert answer is not None
    contract.error(answer, {401})  # it reached the app, which refused the credentials
    # Past the limit by one byte of URL and header names and values alone.
    over = _wrong_auth_request(path, host, MAX_REQUEST_HEAD)
    answer = exchange(address, over)
    assert answer is not None
    body = contract.error(answer, {400})
    assert body is not None
    assert "too large" in body["message"]


def test_a_page_number_too_long_to_write_back_is_a_400_not_a_500(emulator: Emulator) -> None:
    """Page is echoed in meta and its neighbours' links (Page + 1): a Page with as many
    digits as Python converts (4300) made the `next_page_url` unwritable, a 500."""
    url = demo_target(emulator.base_url, RECEIPTS).list_path
    with httpx.Client(base_url=emulator.base_url, auth=AUTH, timeout=10) as http:
        longest = "9" * 4299
        page = contract.page(Answer.of(http.get(url, params={"PageSize": 1, "Page": longest})))
        assert page["meta"]["page"] == int(longest)
        assert f"Page={int(longest) + 1}&" in page["meta"]["next_page_url"]
        answer = Answer.of(http.get(url, params={"PageSize": 1, "Page": "9" * 4300}))
    body = contract.error(answer, {400})
    assert body is not None
    assert body["message"].startswith("Invalid Page")


@pytest.mark.parametrize(
    "data",
    [
        b"FOO / HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /v1/\xff HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nAuthorization: Basic \x01\r\n\r\n",
        b"\x00\x01\x02\x03 garbage\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
    ],
    ids=["unknown-method", "non-ascii-target", "control-character", "noise", "two-content-lengths"],
)
def test_what_the_http_layer_refuses_gets_a_twilio_400(
    emulator: Emulator, data: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        answer = exchange(address_of(emulator.base_url), data)
    assert answer is not None
    body = contract.error(answer, {400})
    assert body == {
        "code": 20001,
        "message": "Invalid HTTP request",
        "more_info": "https://www.twilio.com/docs/errors/20001",
        "status": 400,
    }
    assert answer.headers["connection"] == "close"
    assert "Invalid HTTP request received." in caplog.messages  # uvicorn's own report
    # and the emulator still answers on a new connection
    with httpx.Client(base_url=emulator.base_url, auth=AUTH, timeout=10) as http:
        assert http.get(demo_target(emulator.base_url, RECEIPTS).list_path).status_code == 200


def test_a_body_that_breaks_after_a_good_head_gets_one_answer_and_no_app_error(
    emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    """The head parsed, so the app began to answer; the chunked body then failed to
    parse. One answer goes out (the 400), the app's is dropped, nothing is logged as an
    application error (it was, before: the app wrote to a half-closed connection)."""
    target = demo_target(emulator.base_url, RECEIPTS)
    data = request(
        b"GET",
        target.list_path.encode(),
        [(b"Authorization", target.authorization), (b"Transfer-Encoding", b"chunked")],
        host=target.host.encode(),
        tail=b"zz\r\n",
    )
    with caplog.at_level(logging.WARNING):
        answer = exchange(address_of(emulator.base_url), data)
        # another request on the same server: the app's dropped answer left nothing behind
        with httpx.Client(base_url=emulator.base_url, auth=AUTH, timeout=10) as http:
            assert http.get(target.list_path).status_code == 200
    assert answer is not None
    contract.error(answer, {400})
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_oversized_requests_larger_than_a_socket_buffer_still_get_their_answer(emulator: Emulator) -> None:
    """A refused head is answered at once, while the client is still sending: the
    emulator reads and drops the rest (up to 4 MiB) so that the 400 is not destroyed by
    a reset."""
    target = demo_target(emulator.base_url, RECEIPTS)
    data = request(
        b"GET",
        target.list_path.encode(),
        [(b"Authorization", target.authorization), (b"X-Padding", b"z" * 3_000_000)],
        host=target.host.encode(),
    )
    answer = exchange(address_of(emulator.base_url), data)
    assert answer is not None
    contract.error(answer, {400})


def test_tampered_tokens_that_still_name_a_receipt_of_the_message_page_correctly(emulator: Emulator) -> None:
    """Not every edit of a token is an error: PA/PB followed by any receipt of the
    message is a valid position. Swapped, moved or made up, such a token must give
    exactly the receipts after (PA) or before (PB) that receipt."""
    rng = random.Random(5)
    url = demo_target(emulator.base_url, RECEIPTS).list_path
    with httpx.Client(base_url=emulator.base_url, auth=AUTH, timeout=10) as http:
        for _ in range(60):
            index = rng.randrange(len(RECEIPTS))
            size = rng.randint(1, 50)
            direction = rng.choice("AB")
            params: dict[str, str | int] = {"PageSize": size, "PageToken": f"P{direction}{RECEIPTS[index]}"}
            page = contract.page(Answer.of(http.get(url, params=params)))
            got = [receipt["sid"] for receipt in page["delivery_receipts"]]
            if direction == "A":
                assert got == list(RECEIPTS[index + 1 : index + 1 + size])
            else:
                assert got == list(RECEIPTS[max(0, index - size) : index])


def test_the_answers_to_bad_input_are_json_that_names_no_credential(emulator: Emulator) -> None:
    """Error messages quote the path, never a header: a request whose Authorization
    holds the secret in a broken form gets a body without it."""
    target = demo_target(emulator.base_url, RECEIPTS)
    secret_forms = [
        b"Bearer " + DEMO_AUTH_TOKEN.encode(),
        b"Basic " + f"{DEMO_ACCOUNT_SID}:{DEMO_AUTH_TOKEN}".encode(),
        target.authorization + b"!",
    ]
    for value in secret_forms:
        data = request(
            b"GET", target.list_path.encode(), [(b"Authorization", value)], host=target.host.encode()
        )
        answer = exchange(address_of(emulator.base_url), data)
        assert answer is not None
        body = contract.error(answer, {401})
        assert DEMO_AUTH_TOKEN not in orjson.dumps(body).decode()
        assert DEMO_AUTH_TOKEN not in str(answer.headers)
