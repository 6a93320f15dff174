"""Paging: keyset tokens, links followed verbatim both ways, meta as Twilio writes it,
and parameter errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from twilio_receipts_emulator import (
    DEMO_ACCOUNT_SID,
    DEMO_AUTH_TOKEN,
    DEMO_MESSAGE_SID,
    DEMO_RECEIPT_SIDS,
    OTHER_RECEIPT_SID,
    Emulator,
)

from tests.emulator.support import assert_twilio_error, list_path

# Enough receipts for long walks, with runs sharing a date_created (ordered by SID).
MANY = 47


@pytest.fixture(scope="module")
def many(emulator: Emulator) -> list[str]:
    """The second demo-shaped message, with MANY receipts; their SIDs in list order."""
    message = "IM" + "d" * 32
    emulator.load_seed({"messages": [{"sid": message, "conversation_sid": "CH" + "a" * 32}]})
    receipts = [
        {
            "sid": f"DY{(index * 7919) % 1000:032x}",
            "message_sid": message,
            "status": "read",
            "date_created": f"2020-01-01T00:00:{index // 3:02d}Z",  # three per second
        }
        for index in range(MANY)
    ]
    emulator.load_seed({"receipts": receipts})
    return [r["sid"] for r in sorted(receipts, key=lambda r: (r["date_created"], r["sid"]))]


def _walk(http: httpx.Client, url: str, link: str) -> Iterator[dict[str, Any]]:
    while url:
        response = http.get(url)
        assert response.status_code == 200, response.text
        page: dict[str, Any] = response.json()
        yield page
        url = page["meta"][link]


def _query(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query)


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 8, 46, 47, 50])
def test_walking_next_then_previous_links_visits_every_receipt_in_order(
    emulator: Emulator, http: httpx.Client, many: list[str], size: int
) -> None:
    start = f"{emulator.base_url}{list_path(message='IM' + 'd' * 32)}?PageSize={size}"
    forward = list(_walk(http, start, "next_page_url"))
    assert [r["sid"] for page in forward for r in page["delivery_receipts"]] == many
    assert len(forward) == -(-MANY // size)
    for index, page in enumerate(forward):
        meta = page["meta"]
        assert meta["page"] == index
        assert meta["page_size"] == size
        assert meta["key"] == "delivery_receipts"
        assert len(page["delivery_receipts"]) == min(size, MANY - index * size)
        assert (meta["previous_page_url"] is None) == (index == 0)
        assert (meta["next_page_url"] is None) == (index == len(forward) - 1)
    backward = list(_walk(http, forward[-1]["meta"]["url"], "previous_page_url"))
    # Back from the last page: the same pages, in reverse. (Only a full last page
    # lines up exactly; a short one shifts the backward pages' boundaries.)
    sids_back = [r["sid"] for page in reversed(backward) for r in page["delivery_receipts"]]
    assert sids_back == many
    if MANY % size == 0:
        assert [p["delivery_receipts"] for p in backward] == [
            p["delivery_receipts"] for p in reversed(forward)
        ]
    assert backward[-1]["meta"]["previous_page_url"] is None
    assert backward[-1]["meta"]["page"] == 0


def test_meta_links_are_absolute_and_ordered_as_twilio_writes_them(
    emulator: Emulator, http: httpx.Client
) -> None:
    base = emulator.base_url + list_path()
    first = http.get(list_path(), params={"PageSize": 3}).json()["meta"]
    assert first["first_page_url"] == f"{base}?PageSize=3&Page=0"
    assert first["url"] == f"{base}?PageSize=3&Page=0"
    assert first["previous_page_url"] is None
    assert first["next_page_url"] == f"{base}?PageSize=3&Page=1&PageToken=PA{DEMO_RECEIPT_SIDS[2]}"
    second = http.get(first["next_page_url"]).json()
    assert [r["sid"] for r in second["delivery_receipts"]] == list(DEMO_RECEIPT_SIDS[3:6])
    meta = second["meta"]
    assert meta["url"] == first["next_page_url"]
    assert meta["first_page_url"] == first["first_page_url"]
    assert meta["previous_page_url"] == f"{base}?PageSize=3&Page=0&PageToken=PB{DEMO_RECEIPT_SIDS[3]}"
    assert meta["next_page_url"] == f"{base}?PageSize=3&Page=2&PageToken=PA{DEMO_RECEIPT_SIDS[5]}"
    assert [name for name, _ in _query(meta["next_page_url"])] == ["PageSize", "Page", "PageToken"]
    previous = http.get(meta["previous_page_url"]).json()
    assert [r["sid"] for r in previous["delivery_receipts"]] == list(DEMO_RECEIPT_SIDS[:3])
    assert previous["meta"]["previous_page_url"] is None


def test_page_size_defaults_to_50_and_page_to_0(emulator: Emulator, http: httpx.Client) -> None:
    meta = http.get(list_path()).json()["meta"]
    assert meta["page_size"] == 50
    assert meta["page"] == 0
    assert meta["url"] == f"{emulator.base_url}{list_path()}?PageSize=50&Page=0"
    assert meta["next_page_url"] is None


def test_page_is_client_state_echoed_not_checked(http: httpx.Client) -> None:
    huge = 10**30  # beyond 64 bits: still echoed
    page = http.get(list_path(), params={"PageSize": 2, "Page": huge}).json()
    assert [r["sid"] for r in page["delivery_receipts"]] == list(DEMO_RECEIPT_SIDS[:2])
    assert page["meta"]["page"] == huge
    assert dict(_query(page["meta"]["next_page_url"]))["Page"] == str(huge + 1)
    assert page["meta"]["previous_page_url"] is None  # position, not Page, decides


def test_unknown_query_parameters_are_ignored(http: httpx.Client) -> None:
    plain = http.get(list_path(), params={"PageSize": 2}).json()
    noisy = http.get(
        list_path(), params={"PageSize": 2, "pagesize": "x", "Foo": "bar", "PageToken[]": "?"}
    ).json()
    assert noisy == plain


@pytest.mark.parametrize(
    "value", ["0", "51", "-1", "100", "abc", "1.5", "", " 5", "5_0", "+5", "\u0665", "1e1", "9" * 5000]
)
def test_page_size_outside_1_to_50_or_not_an_integer_is_a_400(http: httpx.Client, value: str) -> None:
    body = assert_twilio_error(http.get(list_path(), params={"PageSize": value}), 400, 20001)
    assert "PageSize" in body["message"]


@pytest.mark.parametrize("value", ["-1", "x", "1.0", "", "\u0663", "1 "])
def test_page_below_0_or_not_an_integer_is_a_400(http: httpx.Client, value: str) -> None:
    body = assert_twilio_error(http.get(list_path(), params={"Page": value}), 400, 20001)
    assert "Page" in body["message"]


@pytest.mark.parametrize(
    "token",
    [
        "",
        "PA",
        "garbage",
        "PA" + DEMO_RECEIPT_SIDS[0][:-1],  # truncated
        "PA" + DEMO_RECEIPT_SIDS[0] + "0",  # too long
        "PC" + DEMO_RECEIPT_SIDS[0],
        "pa" + DEMO_RECEIPT_SIDS[0],
        "PA" + DEMO_RECEIPT_SIDS[0] + "\n",
        "PA" + DEMO_RECEIPT_SIDS[0].replace("DY", "IM"),
        "PADY" + "g" * 32,
        "PA" + DEMO_RECEIPT_SIDS[0] + "&Page=1",
    ],
)
def test_garbled_page_tokens_are_a_400_never_a_500(http: httpx.Client, token: str) -> None:
    body = assert_twilio_error(http.get(list_path(), params={"PageToken": token}), 400, 20001)
    assert "PageToken" in body["message"]


@pytest.mark.parametrize(
    "token",
    [
        "PADY" + "f" * 32,  # no such receipt
        "PB" + OTHER_RECEIPT_SID,  # another account's receipt
        "PADY" + DEMO_RECEIPT_SIDS[0][2:].upper(),  # SIDs are exact: another SID
    ],
)
def test_well_formed_tokens_naming_no_receipt_of_the_message_are_a_404(
    http: httpx.Client, token: str
) -> None:
    body = assert_twilio_error(http.get(list_path(), params={"PageToken": token}), 404, 20404)
    assert body["message"] == f"The requested resource {list_path().removeprefix('/v1')} was not found"


def test_a_token_from_another_message_is_a_404(http: httpx.Client, many: list[str]) -> None:
    # A receipt of the same account, but of another message.
    response = http.get(list_path(), params={"PageToken": "PA" + many[0]})
    assert_twilio_error(response, 404, 20404)
    # And the token works where it belongs.
    other = http.get(list_path(message="IM" + "d" * 32), params={"PageToken": "PA" + many[0]})
    assert other.json()["delivery_receipts"][0]["sid"] == many[1]


def test_empty_pages_link_nowhere(http: httpx.Client) -> None:
    after_last = http.get(list_path(), params={"PageToken": "PA" + DEMO_RECEIPT_SIDS[-1]}).json()
    assert after_last["delivery_receipts"] == []
    assert after_last["meta"]["next_page_url"] is None
    assert after_last["meta"]["previous_page_url"] is None


def test_lenient_page_size_clamps_instead_of_rejecting(web: httpx.Client) -> None:
    with Emulator(demo=True, lenient_page_size=True) as lenient:
        url = lenient.base_url + list_path()
        auth = (DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN)
        big = web.get(url, params={"PageSize": 100}, auth=auth).json()
        assert big["meta"]["page_size"] == 50
        assert big["meta"]["url"].endswith("?PageSize=50&Page=0")
        small = web.get(url, params={"PageSize": 0}, auth=auth).json()
        assert small["meta"]["page_size"] == 1
        assert len(small["delivery_receipts"]) == 1
        assert_twilio_error(web.get(url, params={"PageSize": "x"}, auth=auth), 400, 20001)


def test_receipts_added_while_serving_appear_in_order(web: httpx.Client, twilio_emulator: Emulator) -> None:
    added = twilio_emulator.add_receipts(3)
    more = twilio_emulator.add_receipts(2, status="read")
    response = web.get(
        twilio_emulator.base_url + list_path(),
        auth=(twilio_emulator.account_sid, twilio_emulator.auth_token),
    )
    receipts = response.json()["delivery_receipts"]
    assert [r["sid"] for r in receipts] == [*DEMO_RECEIPT_SIDS, *added, *more]
    assert [r["status"] for r in receipts[-2:]] == ["read", "read"]
    assert receipts[-1]["message_sid"] == DEMO_MESSAGE_SID
