from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.receipt import Receipt
from ...models.receipt_page import ReceiptPage
from ...models.twilio_error_body import TwilioErrorBody
from ...types import UNSET, Response, Unset, http_status
from .. import _aiter_items, _aiter_pages, _check_limit, _iter_items, _iter_pages, _path_segment


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
            chat_service_sid=_path_segment("chat_service_sid", chat_service_sid),
            conversation_sid=_path_segment("conversation_sid", conversation_sid),
            message_sid=_path_segment("message_sid", message_sid),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ReceiptPage | TwilioErrorBody | None:
    if response.status_code == 200:
        try:
            response_200 = ReceiptPage.from_dict(response.json())

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
) -> Response[ReceiptPage | TwilioErrorBody]:
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
    *,
    client: AuthenticatedClient,
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
        errors.InvalidPathParameterError: A path parameter is empty, "." or "..": nothing is sent.
        errors.TransportError: No response (connection refused or reset, timeout) after the client's retries.
        errors.UnexpectedStatus: The status is not documented and Client.raise_on_unexpected_status is True.

    Returns:
        Response[ReceiptPage | TwilioErrorBody]: for any status. `parsed` is the body as a model when the
        status is documented and the body matches the API description, else None; `status_code` is an int when
        http.HTTPStatus does not list it; `request_id` is Twilio's id of the request.
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
    client: AuthenticatedClient,
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
        errors.InvalidPathParameterError: A path parameter is empty, "." or "..": nothing is sent.
        errors.TransportError: No response (connection refused or reset, timeout) after the client's retries.
        errors.UnexpectedStatus: The status is not documented and Client.raise_on_unexpected_status is True.

    Returns:
        ReceiptPage | TwilioErrorBody | None: the body as a model when the status is documented and the body
        matches the API description (error statuses give their error body), else None.
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
    client: AuthenticatedClient,
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
        errors.InvalidPathParameterError: A path parameter is empty, "." or "..": nothing is sent.
        errors.TransportError: No response (connection refused or reset, timeout) after the client's retries.
        errors.UnexpectedStatus: The status is not documented and Client.raise_on_unexpected_status is True.

    Returns:
        Response[ReceiptPage | TwilioErrorBody]: for any status. `parsed` is the body as a model when the
        status is documented and the body matches the API description, else None; `status_code` is an int when
        http.HTTPStatus does not list it; `request_id` is Twilio's id of the request.
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
    client: AuthenticatedClient,
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
        errors.InvalidPathParameterError: A path parameter is empty, "." or "..": nothing is sent.
        errors.TransportError: No response (connection refused or reset, timeout) after the client's retries.
        errors.UnexpectedStatus: The status is not documented and Client.raise_on_unexpected_status is True.

    Returns:
        ReceiptPage | TwilioErrorBody | None: the body as a model when the status is documented and the body
        matches the API description (error statuses give their error body), else None.
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


def sync_pages(
    chat_service_sid: str,
    conversation_sid: str,
    message_sid: str,
    *,
    client: AuthenticatedClient,
    page_size: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> Iterator[ReceiptPage]:
    """Every page of the list, one at a time, following meta.next_page_url.

    Retrieve a list of all delivery and read receipts of the conversation message

     Retrieve a list of all delivery and read receipts of the conversation message

    Args:
        chat_service_sid (str):
        conversation_sid (str):
        message_sid (str):
        page_size (int | Unset):
        page (int | Unset):
        page_token (str | Unset):

    Raises:
        errors.InvalidPathParameterError: A path parameter is empty, "." or "..": nothing is sent.
        errors.TwilioApiError: A page was not a success (a subtype says which: NotFoundError,
            AuthenticationError, RateLimitedError, ServerError, ... after the client's retries), or its body
            is not what the API describes (InvalidResponseError), or meta.next_page_url points outside the
            client's base URL (ForeignPageUrlError), or there was no response (TransportError).

    Yields:
        ReceiptPage: One page (only one is held in memory at a time).
    """

    request = _get_kwargs(
        chat_service_sid=chat_service_sid,
        conversation_sid=conversation_sid,
        message_sid=message_sid,
        page_size=page_size,
        page=page,
        page_token=page_token,
    )
    return _iter_pages(client, request, "delivery_receipts", ReceiptPage.from_dict)


def asyncio_pages(
    chat_service_sid: str,
    conversation_sid: str,
    message_sid: str,
    *,
    client: AuthenticatedClient,
    page_size: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> AsyncIterator[ReceiptPage]:
    """Every page of the list, one at a time, following meta.next_page_url (async for).

    Retrieve a list of all delivery and read receipts of the conversation message

     Retrieve a list of all delivery and read receipts of the conversation message

    Args:
        chat_service_sid (str):
        conversation_sid (str):
        message_sid (str):
        page_size (int | Unset):
        page (int | Unset):
        page_token (str | Unset):

    Raises:
        errors.InvalidPathParameterError: A path parameter is empty, "." or "..": nothing is sent.
        errors.TwilioApiError: A page was not a success (a subtype says which: NotFoundError,
            AuthenticationError, RateLimitedError, ServerError, ... after the client's retries), or its body
            is not what the API describes (InvalidResponseError), or meta.next_page_url points outside the
            client's base URL (ForeignPageUrlError), or there was no response (TransportError).

    Yields:
        ReceiptPage: One page (only one is held in memory at a time).
    """

    request = _get_kwargs(
        chat_service_sid=chat_service_sid,
        conversation_sid=conversation_sid,
        message_sid=message_sid,
        page_size=page_size,
        page=page,
        page_token=page_token,
    )
    return _aiter_pages(client, request, "delivery_receipts", ReceiptPage.from_dict)


def sync_all(
    chat_service_sid: str,
    conversation_sid: str,
    message_sid: str,
    *,
    client: AuthenticatedClient,
    page_size: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
    limit: int | None = None,
) -> Iterator[Receipt]:
    """Every item of the list, one by one, fetching pages lazily as they are needed.

    Retrieve a list of all delivery and read receipts of the conversation message

     Retrieve a list of all delivery and read receipts of the conversation message

    Args:
        chat_service_sid (str):
        conversation_sid (str):
        message_sid (str):
        page_size (int | Unset):
        page (int | Unset):
        page_token (str | Unset):
        limit (int | None): Stop after this many items; None (default) for all of them.

    Raises:
        errors.InvalidPathParameterError: A path parameter is empty, "." or "..": nothing is sent.
        errors.TwilioApiError: A page was not a success (a subtype says which: NotFoundError,
            AuthenticationError, RateLimitedError, ServerError, ... after the client's retries), or its body
            is not what the API describes (InvalidResponseError), or meta.next_page_url points outside the
            client's base URL (ForeignPageUrlError), or there was no response (TransportError).

    Yields:
        Receipt: One item; pages are fetched as iteration reaches them (constant memory).
    """

    _check_limit(limit)
    request = _get_kwargs(
        chat_service_sid=chat_service_sid,
        conversation_sid=conversation_sid,
        message_sid=message_sid,
        page_size=page_size,
        page=page,
        page_token=page_token,
    )
    return _iter_items(client, request, "delivery_receipts", Receipt.from_dict, limit)


def asyncio_all(
    chat_service_sid: str,
    conversation_sid: str,
    message_sid: str,
    *,
    client: AuthenticatedClient,
    page_size: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
    limit: int | None = None,
) -> AsyncIterator[Receipt]:
    """Every item of the list, one by one, fetching pages lazily as they are needed (async for).

    Retrieve a list of all delivery and read receipts of the conversation message

     Retrieve a list of all delivery and read receipts of the conversation message

    Args:
        chat_service_sid (str):
        conversation_sid (str):
        message_sid (str):
        page_size (int | Unset):
        page (int | Unset):
        page_token (str | Unset):
        limit (int | None): Stop after this many items; None (default) for all of them.

    Raises:
        errors.InvalidPathParameterError: A path parameter is empty, "." or "..": nothing is sent.
        errors.TwilioApiError: A page was not a success (a subtype says which: NotFoundError,
            AuthenticationError, RateLimitedError, ServerError, ... after the client's retries), or its body
            is not what the API describes (InvalidResponseError), or meta.next_page_url points outside the
            client's base URL (ForeignPageUrlError), or there was no response (TransportError).

    Yields:
        Receipt: One item; pages are fetched as iteration reaches them (constant memory).
    """

    _check_limit(limit)
    request = _get_kwargs(
        chat_service_sid=chat_service_sid,
        conversation_sid=conversation_sid,
        message_sid=message_sid,
        page_size=page_size,
        page=page,
        page_token=page_token,
    )
    return _aiter_items(client, request, "delivery_receipts", Receipt.from_dict, limit)
