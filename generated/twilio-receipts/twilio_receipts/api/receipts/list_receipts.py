from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.receipt_page import ReceiptPage
from ...models.twilio_error_body import TwilioErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    chat_service_sid: str,
    conversation_sid: str,
    message_sid: str,
    *,
    page_size: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["PageSize"] = page_size

    params["Page"] = page

    params["PageToken"] = page_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/Services/{chat_service_sid}/Conversations/{conversation_sid}/Messages/{message_sid}/Receipts".format(
            chat_service_sid=quote(str(chat_service_sid), safe=""),
            conversation_sid=quote(str(conversation_sid), safe=""),
            message_sid=quote(str(message_sid), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ReceiptPage | TwilioErrorBody | None:
    if response.status_code == 200:
        response_200 = ReceiptPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = TwilioErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = TwilioErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = TwilioErrorBody.from_dict(response.json())

        return response_404

    if response.status_code == 405:
        response_405 = TwilioErrorBody.from_dict(response.json())

        return response_405

    if response.status_code == 429:
        response_429 = TwilioErrorBody.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = TwilioErrorBody.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = TwilioErrorBody.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ReceiptPage | TwilioErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    chat_service_sid: str,
    conversation_sid: str,
    message_sid: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> Response[ReceiptPage | TwilioErrorBody]:
    """Retrieve a list of all delivery and read receipts of the conversation message

     Retrieve a list of all delivery and read receipts of the conversation message

    Args:
        chat_service_sid (str):
        conversation_sid (str):
        message_sid (str):
        page_size (int | Unset):
        page (int | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ReceiptPage | TwilioErrorBody]
    """

    kwargs = _get_kwargs(
        chat_service_sid=chat_service_sid,
        conversation_sid=conversation_sid,
        message_sid=message_sid,
        page_size=page_size,
        page=page,
        page_token=page_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    chat_service_sid: str,
    conversation_sid: str,
    message_sid: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> ReceiptPage | TwilioErrorBody | None:
    """Retrieve a list of all delivery and read receipts of the conversation message

     Retrieve a list of all delivery and read receipts of the conversation message

    Args:
        chat_service_sid (str):
        conversation_sid (str):
        message_sid (str):
        page_size (int | Unset):
        page (int | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ReceiptPage | TwilioErrorBody
    """

    return sync_detailed(
        chat_service_sid=chat_service_sid,
        conversation_sid=conversation_sid,
        message_sid=message_sid,
        client=client,
        page_size=page_size,
        page=page,
        page_token=page_token,
    ).parsed


async def asyncio_detailed(
    chat_service_sid: str,
    conversation_sid: str,
    message_sid: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> Response[ReceiptPage | TwilioErrorBody]:
    """Retrieve a list of all delivery and read receipts of the conversation message

     Retrieve a list of all delivery and read receipts of the conversation message

    Args:
        chat_service_sid (str):
        conversation_sid (str):
        message_sid (str):
        page_size (int | Unset):
        page (int | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ReceiptPage | TwilioErrorBody]
    """

    kwargs = _get_kwargs(
        chat_service_sid=chat_service_sid,
        conversation_sid=conversation_sid,
        message_sid=message_sid,
        page_size=page_size,
        page=page,
        page_token=page_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    chat_service_sid: str,
    conversation_sid: str,
    message_sid: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> ReceiptPage | TwilioErrorBody | None:
    """Retrieve a list of all delivery and read receipts of the conversation message

     Retrieve a list of all delivery and read receipts of the conversation message

    Args:
        chat_service_sid (str):
        conversation_sid (str):
        message_sid (str):
        page_size (int | Unset):
        page (int | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ReceiptPage | TwilioErrorBody
    """

    return (
        await asyncio_detailed(
            chat_service_sid=chat_service_sid,
            conversation_sid=conversation_sid,
            message_sid=message_sid,
            client=client,
            page_size=page_size,
            page=page,
            page_token=page_token,
        )
    ).parsed
