from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.receipt import Receipt
from ...models.twilio_error_body import TwilioErrorBody
from ...types import Response, http_status
from .. import _path_segment


def _get_kwargs(
    chat_service_sid: str,
    conversation_sid: str,
    message_sid: str,
    sid: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/Services/{chat_service_sid}/Conversations/{conversation_sid}/Messages/{message_sid}/Receipts/{sid}".format(
            chat_service_sid=_path_segment("chat_service_sid", chat_service_sid),
            conversation_sid=_path_segment("conversation_sid", conversation_sid),
            message_sid=_path_segment("message_sid", message_sid),
            sid=_path_segment("sid", sid),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Receipt | TwilioErrorBody | None:
    if response.status_code == 200:
        try:
            response_200 = Receipt.from_dict(response.json())

            return response_200

        except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError):
            return None  # the body does not match the API description
    if response.status_code == 400:
        try:
            response_400 = TwilioErrorBody.from_dict(response.json())

            return response_400

        except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError):
            return None  # the body does not match the API description
    if response.status_code == 401:
        try:
            response_401 = TwilioErrorBody.from_dict(response.json())

            return response_401

        except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError):
            return None  # the body does not match the API description
    if response.status_code == 404:
        try:
            response_404 = TwilioErrorBody.from_dict(response.json())

            return response_404

        except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError):
            return None  # the body does not match the API description
    if response.status_code == 405:
        try:
            response_405 = TwilioErrorBody.from_dict(response.json())

            return response_405

        except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError):
            return None  # the body does not match the API description
    if response.status_code == 429:
        try:
            response_429 = TwilioErrorBody.from_dict(response.json())

            return response_429

        except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError):
            return None  # the body does not match the API description
    if response.status_code == 500:
        try:
            response_500 = TwilioErrorBody.from_dict(response.json())

            return response_500

        except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError):
            return None  # the body does not match the API description
    if response.status_code == 503:
        try:
            response_503 = TwilioErrorBody.from_dict(response.json())

            return response_503

        except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError):
            return None  # the body does not match the API description
    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content, headers=response.headers)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Receipt | TwilioErrorBody]:
    return Response(
        status_code=http_status(response.status_code),
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
    client: AuthenticatedClient,
) -> Response[Receipt | TwilioErrorBody]:
    """Fetch the delivery and read receipts of the conversation message

     Fetch one delivery or read receipt of the conversation message; every receipt's `url` names it.

    Args:
        chat_service_sid (str):
        conversation_sid (str):
        message_sid (str):
        sid (str):

    Raises:
        errors.InvalidPathParameterError: A path parameter is empty, "." or "..": nothing is sent.
        errors.TransportError: No response (connection refused or reset, timeout) after the client's retries.
        errors.UnexpectedStatus: The status is not documented and Client.raise_on_unexpected_status is True.

    Returns:
        Response[Receipt | TwilioErrorBody]: for any status. `parsed` is the body as a model when the
        status is documented and the body matches the API description, else None; `status_code` is an int when
        http.HTTPStatus does not list it; `request_id` is Twilio's id of the request.
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
    client: AuthenticatedClient,
) -> Receipt | TwilioErrorBody | None:
    """Fetch the delivery and read receipts of the conversation message

     Fetch one delivery or read receipt of the conversation message; every receipt's `url` names it.

    Args:
        chat_service_sid (str):
        conversation_sid (str):
        message_sid (str):
        sid (str):

    Raises:
        errors.InvalidPathParameterError: A path parameter is empty, "." or "..": nothing is sent.
        errors.TransportError: No response (connection refused or reset, timeout) after the client's retries.
        errors.UnexpectedStatus: The status is not documented and Client.raise_on_unexpected_status is True.

    Returns:
        Receipt | TwilioErrorBody | None: the body as a model when the status is documented and the body
        matches the API description (error statuses give their error body), else None.
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
    client: AuthenticatedClient,
) -> Response[Receipt | TwilioErrorBody]:
    """Fetch the delivery and read receipts of the conversation message

     Fetch one delivery or read receipt of the conversation message; every receipt's `url` names it.

    Args:
        chat_service_sid (str):
        conversation_sid (str):
        message_sid (str):
        sid (str):

    Raises:
        errors.InvalidPathParameterError: A path parameter is empty, "." or "..": nothing is sent.
        errors.TransportError: No response (connection refused or reset, timeout) after the client's retries.
        errors.UnexpectedStatus: The status is not documented and Client.raise_on_unexpected_status is True.

    Returns:
        Response[Receipt | TwilioErrorBody]: for any status. `parsed` is the body as a model when the
        status is documented and the body matches the API description, else None; `status_code` is an int when
        http.HTTPStatus does not list it; `request_id` is Twilio's id of the request.
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
    client: AuthenticatedClient,
) -> Receipt | TwilioErrorBody | None:
    """Fetch the delivery and read receipts of the conversation message

     Fetch one delivery or read receipt of the conversation message; every receipt's `url` names it.

    Args:
        chat_service_sid (str):
        conversation_sid (str):
        message_sid (str):
        sid (str):

    Raises:
        errors.InvalidPathParameterError: A path parameter is empty, "." or "..": nothing is sent.
        errors.TransportError: No response (connection refused or reset, timeout) after the client's retries.
        errors.UnexpectedStatus: The status is not documented and Client.raise_on_unexpected_status is True.

    Returns:
        Receipt | TwilioErrorBody | None: the body as a model when the status is documented and the body
        matches the API description (error statuses give their error body), else None.
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
