"""Isolation: account B, with its auth token or its API key, reads none of account A's
receipts, by any combination of A's and B's service, conversation (SID or the
unique_name both accounts use) and message, on either operation, nor by following or
replaying a page token minted for A; mixing one account's user with the other's secret
is a 401. A 404 tells nothing: its message quotes only the path that was asked for."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from twilio_receipts import AuthenticatedClient
from twilio_receipts.api.receipts import fetch_receipt, list_receipts
from twilio_receipts.errors import NotFoundError
from twilio_receipts_emulator import (
    DEMO_ACCOUNT_SID,
    DEMO_API_KEY_SECRET,
    DEMO_API_KEY_SID,
    DEMO_AUTH_TOKEN,
    DEMO_CONVERSATION_SID,
    DEMO_CONVERSATION_UNIQUE_NAME,
    DEMO_MESSAGE_SID,
    DEMO_SERVICE_SID,
    OTHER_ACCOUNT_SID,
    OTHER_AUTH_TOKEN,
    OTHER_CONVERSATION_SID,
    OTHER_MESSAGE_SID,
    OTHER_RECEIPT_SID,
    OTHER_SERVICE_SID,
    Emulator,
)

from tests.reliability.conftest import RECEIPTS
from tests.reliability.contract import Answer, Contract
from tests.reliability.scenarios import OTHER_API_KEY_SECRET, OTHER_API_KEY_SID, SECRETS

A = (DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN)
A_KEY = (DEMO_API_KEY_SID, DEMO_API_KEY_SECRET)
B = (OTHER_ACCOUNT_SID, OTHER_AUTH_TOKEN)
B_KEY = (OTHER_API_KEY_SID, OTHER_API_KEY_SECRET)
A_ONLY = {*RECEIPTS, DEMO_ACCOUNT_SID}
"""What of A's must never reach B (the SIDs B may put in its own requests aside)."""

contract = Contract()


@pytest.fixture(scope="module", params=[B, B_KEY], ids=["b-auth-token", "b-api-key"])
def as_b(request: pytest.FixtureRequest, emulator: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emulator.base_url, auth=request.param, timeout=10) as client:
        yield client


def _path(service: str, conversation: str, message: str) -> str:
    return f"/v1/Services/{service}/Conversations/{conversation}/Messages/{message}/Receipts"


def _assert_nothing_of_a(response: httpx.Response) -> None:
    """Nothing of A's in the body, once the path that was asked for (which a 404 quotes,
    and which may hold A's SIDs because the test put them there) is taken out."""
    text = response.text.replace(response.url.path.removeprefix("/v1"), "")
    leaked = [value for value in A_ONLY if value in text]
    assert not leaked, f"{response.url.path}: {leaked}"
    SECRETS.assert_absent(response.content, f"the answer to {response.url.path}")


SERVICES = [DEMO_SERVICE_SID, OTHER_SERVICE_SID]
CONVERSATIONS = [DEMO_CONVERSATION_SID, OTHER_CONVERSATION_SID, DEMO_CONVERSATION_UNIQUE_NAME]
MESSAGES = [DEMO_MESSAGE_SID, OTHER_MESSAGE_SID]


def _all_b(service: str, conversation: str, message: str) -> bool:
    return (
        service == OTHER_SERVICE_SID
        and conversation in (OTHER_CONVERSATION_SID, DEMO_CONVERSATION_UNIQUE_NAME)
        and message == OTHER_MESSAGE_SID
    )


def test_b_lists_only_its_own_receipts_by_every_path(as_b: httpx.Client) -> None:
    for service, conversation, message in itertools.product(SERVICES, CONVERSATIONS, MESSAGES):
        response = as_b.get(_path(service, conversation, message), params={"PageSize": 50})
        _assert_nothing_of_a(response)
        if _all_b(service, conversation, message):
            page = contract.page(Answer.of(response))
            assert [receipt["sid"] for receipt in page["delivery_receipts"]] == [OTHER_RECEIPT_SID]
        else:
            contract.error(Answer.of(response), {404})


def test_b_fetches_none_of_a_s_receipts_by_any_path(as_b: httpx.Client) -> None:
    receipts = [*RECEIPTS[:: len(RECEIPTS) // 10], OTHER_RECEIPT_SID]
    for service, conversation, message in itertools.product(SERVICES, CONVERSATIONS, MESSAGES):
        for sid in receipts:
            response = as_b.get(_path(service, conversation, message) + "/" + sid)
            _assert_nothing_of_a(response)
            if _all_b(service, conversation, message) and sid == OTHER_RECEIPT_SID:
                assert contract.receipt(Answer.of(response))["sid"] == OTHER_RECEIPT_SID
            else:
                contract.error(Answer.of(response), {404})


def _tokens_minted_for_a(emulator: Emulator) -> list[str]:
    """Every PageToken in the links A's walks get (next and previous, page size 7)."""
    tokens = []
    with httpx.Client(base_url=emulator.base_url, auth=A, timeout=10) as http:
        url: str | None = _path(DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID) + "?PageSize=7"
        while url is not None:
            meta = contract.page(Answer.of(http.get(url)))["meta"]
            for link in (meta["next_page_url"], meta["previous_page_url"]):
                if link is not None:
                    tokens += parse_qs(urlsplit(link).query)["PageToken"]
            url = meta["next_page_url"]
    pages = -(-len(RECEIPTS) // 7)
    assert len(tokens) == 2 * (
        pages - 1
    )  # a next link on all pages but the last, a previous one but the first
    return tokens


def test_a_page_token_minted_for_a_reads_nothing_for_b(emulator: Emulator, as_b: httpx.Client) -> None:
    tokens = _tokens_minted_for_a(emulator)
    for token in tokens:
        for path in (
            _path(DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID),
            _path(OTHER_SERVICE_SID, OTHER_CONVERSATION_SID, OTHER_MESSAGE_SID),
            _path(OTHER_SERVICE_SID, DEMO_CONVERSATION_UNIQUE_NAME, OTHER_MESSAGE_SID),
        ):
            response = as_b.get(path, params={"PageSize": 50, "PageToken": token})
            _assert_nothing_of_a(response)
            contract.error(Answer.of(response), {404})


def test_replaying_a_s_next_page_url_verbatim_as_b_is_a_404(emulator: Emulator, as_b: httpx.Client) -> None:
    with httpx.Client(base_url=emulator.base_url, auth=A, timeout=10) as http:
        url = _path(DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID) + "?PageSize=5"
        next_url = contract.page(Answer.of(http.get(url)))["meta"]["next_page_url"]
    response = as_b.get(next_url)
    _assert_nothing_of_a(response)
    contract.error(Answer.of(response), {404})


@pytest.mark.parametrize("credentials", [B, B_KEY], ids=["b-auth-token", "b-api-key"])
def test_the_generated_client_as_b_gets_not_found_for_a_s_data(
    emulator: Emulator, credentials: tuple[str, str]
) -> None:
    client = AuthenticatedClient(
        base_url=emulator.base_url, username=credentials[0], password=credentials[1], retries=None
    )
    for conversation in (DEMO_CONVERSATION_SID, DEMO_CONVERSATION_UNIQUE_NAME):
        with pytest.raises(NotFoundError):
            list(list_receipts.sync_all(DEMO_SERVICE_SID, conversation, DEMO_MESSAGE_SID, client=client))
    response = fetch_receipt.sync_detailed(
        DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID, RECEIPTS[0], client=client
    )
    assert response.status_code == 404
    mine = list(
        list_receipts.sync_all(
            OTHER_SERVICE_SID, DEMO_CONVERSATION_UNIQUE_NAME, OTHER_MESSAGE_SID, client=client
        )
    )
    assert [receipt.sid for receipt in mine] == [OTHER_RECEIPT_SID]


@pytest.mark.parametrize(
    "credentials",
    [
        (OTHER_ACCOUNT_SID, DEMO_AUTH_TOKEN),
        (DEMO_ACCOUNT_SID, OTHER_AUTH_TOKEN),
        (OTHER_API_KEY_SID, DEMO_AUTH_TOKEN),
        (DEMO_API_KEY_SID, OTHER_API_KEY_SECRET),
        (OTHER_API_KEY_SID, OTHER_AUTH_TOKEN),  # a key with its account's token
        (OTHER_ACCOUNT_SID, OTHER_API_KEY_SECRET),  # an account with its key's secret
        (DEMO_API_KEY_SID, DEMO_AUTH_TOKEN),
    ],
)
def test_one_account_s_user_with_another_secret_is_a_401(
    emulator: Emulator, credentials: tuple[str, str]
) -> None:
    with httpx.Client(base_url=emulator.base_url, auth=credentials, timeout=10) as http:
        for path in (
            _path(DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID),
            _path(OTHER_SERVICE_SID, OTHER_CONVERSATION_SID, OTHER_MESSAGE_SID),
        ):
            response = http.get(path)
            contract.error(Answer.of(response), {401})
            SECRETS.assert_absent(response.content, "a 401")


@pytest.mark.parametrize("credentials", [A, A_KEY], ids=["a-auth-token", "a-api-key"])
def test_a_reads_its_own_and_none_of_b_s(emulator: Emulator, credentials: tuple[str, str]) -> None:
    """The control: the same requests work for the owner, and the isolation holds the
    other way round."""
    with httpx.Client(base_url=emulator.base_url, auth=credentials, timeout=30) as http:
        mine = http.get(
            _path(DEMO_SERVICE_SID, DEMO_CONVERSATION_UNIQUE_NAME, DEMO_MESSAGE_SID), params={"PageSize": 50}
        )
        assert contract.page(Answer.of(mine))["meta"]["next_page_url"] is not None
        theirs = http.get(_path(OTHER_SERVICE_SID, OTHER_CONVERSATION_SID, OTHER_MESSAGE_SID))
        contract.error(Answer.of(theirs), {404})
        assert OTHER_RECEIPT_SID not in theirs.text
        stolen = http.get(
            _path(DEMO_SERVICE_SID, DEMO_CONVERSATION_SID, DEMO_MESSAGE_SID) + "/" + OTHER_RECEIPT_SID
        )
        contract.error(Answer.of(stolen), {404})
