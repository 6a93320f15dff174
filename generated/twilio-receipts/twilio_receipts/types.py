"""Contains some shared types for properties"""

from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, BinaryIO, Generic, Literal, TypeVar

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")

_STATUSES: dict[int, HTTPStatus] = {status.value: status for status in HTTPStatus}


def http_status(code: int) -> HTTPStatus | int:
    """The HTTPStatus for *code*, or *code* itself when HTTPStatus does not list it (e.g. 599)"""
    return _STATUSES.get(code, code)


@define
class Response(Generic[T]):
    """A response from an endpoint

    Attributes:
        status_code: The HTTP status: an http.HTTPStatus, or a plain int for a status that
            HTTPStatus does not list (e.g. 599).
        content: The raw body.
        headers: The response headers (case-insensitive).
        parsed: The body as a model when the status is documented and the body matches the
            API description; None otherwise.
    """

    status_code: HTTPStatus | int
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None

    @property
    def request_id(self) -> str | None:
        """Twilio's id of this request (the Twilio-Request-Id header), or None"""
        return self.headers.get("Twilio-Request-Id")


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset", "http_status"]
