from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TwilioErrorBody")


_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "code",
        "message",
        "more_info",
        "status",
    }
)


@_attrs_define
class TwilioErrorBody:
    """Twilio's error body.

    Attributes:
        code (int): Twilio's error code (20003, 20404, 20429, ...).
        message (str): What went wrong.
        more_info (str): The page of Twilio's error dictionary for this code.
        status (int): The HTTP status of the response.
    """

    code: int
    message: str
    more_info: str
    status: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        more_info = self.more_info

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
                "more_info": more_info,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        code = src_dict["code"]

        message = src_dict["message"]

        more_info = src_dict["more_info"]

        status = src_dict["status"]

        twilio_error_body = cls(
            code,
            message,
            more_info,
            status,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            twilio_error_body.additional_properties = {k: v for k, v in src_dict.items() if k not in _KNOWN_KEYS}
        return twilio_error_body

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
