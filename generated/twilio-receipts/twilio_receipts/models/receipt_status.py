from enum import StrEnum
from typing import Any

_MAX_PSEUDO_MEMBERS = 64


class ReceiptStatus(StrEnum):
    DELIVERED = "delivered"
    FAILED = "failed"
    READ = "read"
    SENT = "sent"
    UNDELIVERED = "undelivered"

    def __str__(self) -> str:
        return str(self.value)

    @property
    def is_known(self) -> bool:
        """False for a value that the API description does not list (yet)."""
        return type(self)._member_map_.get(self._name_) is self

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = str(value)
        if len(cls._value2member_map_) < len(cls._member_map_) + _MAX_PSEUDO_MEMBERS:
            return cls._value2member_map_.setdefault(member._value_, member)
        return member
