from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.receipt import Receipt
from ...models.twilio_error_body import TwilioErrorBody
from ...types import Response


def _get_kwargs(
    chat_service_sid: str,
    conversation_sid: str,
    message_sid: str,
    sid: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/Services/{chat_service_sid}/Conversations/{conversation_sid}/Messages/{message_sid}/Receipts/{sid}".format(
            chat_service_sid=quote(str(chat_service_sid), safe=""),
            conversation_sid=quote(str(conversation_sid), safe=""),
            message_sid=quote(str(message_sid), safe=""),
            sid=quote(str(sid), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Receipt | TwilioErrorBody | None:
    if response.status_code == 200:
        response_200 = Receipt.from_dict(response.json())

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
) -> Response[Receipt | TwilioErrorBody]:
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
    sid: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Receipt | TwilioErrorBody]:
    """Fetch the delivery and read receipts of the conversation message

     Fetch one delivery or read receipt of the conversation message; every receipt's `url` names it.

    Args:
        chat_service_sid (str):
        conversation_sid (str):
        message_sid (str):
        sid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Receipt | TwilioErrorBody]
    """

    kwargs = _get_kwargs(
        chat_service_sid=chat_service_sid,
        conversation_sid=conversation_sid,
        message_sid=message_sid,
        sid=sid,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    chat_service_sid: str,
    conversation_sid: str,
    message_sid: str,
    sid: str,
    *,
    client: AuthenticatedClient | Client,
) -> Receipt | TwilioErrorBody | None:
    """Fetch the delivery and read receipts of the conversation message

     Fetch one delivery or read receipt of the conversation message; every receipt's `url` names it.

    Args:
        chat_service_sid (str):
        conversation_sid (str):
        message_sid (str):
        sid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Receipt | TwilioErrorBody
    """

    return sync_detailed(
        chat_service_sid=chat_service_sid,
        conversation_sid=conversation_sid,
        message_sid=message_sid,
        sid=sid,
        client=client,
    ).parsed


async def asyncio_detailed(
    chat_service_sid: str,
    conversation_sid: str,
    message_sid: str,
    sid: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Receipt | TwilioErrorBody]:
    """Fetch the delivery and read receipts of the conversation message

     Fetch one delivery or read receipt of the conversation message; every receipt's `url` names it.

    Args:
        chat_service_sid (str):
        conversation_sid (str):
        message_sid (str):
        sid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Receipt | TwilioErrorBody]
    """

    kwargs = _get_kwargs(
        chat_service_sid=chat_service_sid,
        conversation_sid=conversation_sid,
        message_sid=message_sid,
        sid=sid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    chat_service_sid: str,
    conversation_sid: str,
    message_sid: str,
    sid: str,
    *,
    client: AuthenticatedClient | Client,
) -> Receipt | TwilioErrorBody | None:
    """Fetch the delivery and read receipts of the conversation message

     Fetch one delivery or read receipt of the conversation message; every receipt's `url` names it.

    Args:
        chat_service_sid (str):
        conversation_sid (str):
        message_sid (str):
        sid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Receipt | TwilioErrorBody
    """

    return (
        await asyncio_detailed(
            chat_service_sid=chat_service_sid,
            conversation_sid=conversation_sid,
            message_sid=message_sid,
            sid=sid,
            client=client,
        )
    ).parsed
