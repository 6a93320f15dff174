from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.receipt_status import ReceiptStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="Receipt")


_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "account_sid",
        "chat_service_sid",
        "conversation_sid",
        "message_sid",
        "sid",
        "channel_message_sid",
        "participant_sid",
        "status",
        "error_code",
        "date_created",
        "date_updated",
        "url",
    }
)


@_attrs_define
class Receipt:
    """A delivery/read receipt of a message in a conversation.

    Attributes:
        account_sid (None | str | Unset): The unique ID of the Account responsible for this participant.
        chat_service_sid (None | str | Unset): The SID of the Conversation Service the Message resource is associated
            with.
        conversation_sid (None | str | Unset): The unique ID of the Conversation for this message.
        message_sid (None | str | Unset): The SID of the message within a Conversation the delivery receipt belongs to
        sid (None | str | Unset): A 34 character string that uniquely identifies this resource.
        channel_message_sid (None | str | Unset): A messaging channel-specific identifier for the message delivered to
            participant e.g. SMxx for SMS, WAxx for Whatsapp etc.
        participant_sid (None | str | Unset): The unique ID of the participant the delivery receipt belongs to.
        status (None | ReceiptStatus | Unset): The message delivery status, can be read, failed, delivered, undelivered,
            sent or null.
        error_code (int | Unset): The message delivery error code for a failed status, Default: 0.
        date_created (datetime.datetime | None | Unset): The date that this resource was created.
        date_updated (datetime.datetime | None | Unset): The date that this resource was last updated. null if the
            delivery receipt has not been updated.
        url (None | str | Unset): An absolute API resource URL for this delivery receipt.
    """

    account_sid: None | str | Unset = UNSET
    chat_service_sid: None | str | Unset = UNSET
    conversation_sid: None | str | Unset = UNSET
    message_sid: None | str | Unset = UNSET
    sid: None | str | Unset = UNSET
    channel_message_sid: None | str | Unset = UNSET
    participant_sid: None | str | Unset = UNSET
    status: None | ReceiptStatus | Unset = UNSET
    error_code: int | Unset = 0
    date_created: datetime.datetime | None | Unset = UNSET
    date_updated: datetime.datetime | None | Unset = UNSET
    url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_sid: None | str | Unset
        if isinstance(self.account_sid, Unset):
            account_sid = UNSET
        else:
            account_sid = self.account_sid

        chat_service_sid: None | str | Unset
        if isinstance(self.chat_service_sid, Unset):
            chat_service_sid = UNSET
        else:
            chat_service_sid = self.chat_service_sid

        conversation_sid: None | str | Unset
        if isinstance(self.conversation_sid, Unset):
            conversation_sid = UNSET
        else:
            conversation_sid = self.conversation_sid

        message_sid: None | str | Unset
        if isinstance(self.message_sid, Unset):
            message_sid = UNSET
        else:
            message_sid = self.message_sid

        sid: None | str | Unset
        if isinstance(self.sid, Unset):
            sid = UNSET
        else:
            sid = self.sid

        channel_message_sid: None | str | Unset
        if isinstance(self.channel_message_sid, Unset):
            channel_message_sid = UNSET
        else:
            channel_message_sid = self.channel_message_sid

        participant_sid: None | str | Unset
        if isinstance(self.participant_sid, Unset):
            participant_sid = UNSET
        else:
            participant_sid = self.participant_sid

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, ReceiptStatus):
            status = self.status.value
        else:
            status = self.status

        error_code = self.error_code

        date_created: None | str | Unset
        if isinstance(self.date_created, Unset):
            date_created = UNSET
        elif isinstance(self.date_created, datetime.datetime):
            date_created = self.date_created.isoformat()
        else:
            date_created = self.date_created

        date_updated: None | str | Unset
        if isinstance(self.date_updated, Unset):
            date_updated = UNSET
        elif isinstance(self.date_updated, datetime.datetime):
            date_updated = self.date_updated.isoformat()
        else:
            date_updated = self.date_updated

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_sid is not UNSET:
            field_dict["account_sid"] = account_sid
        if chat_service_sid is not UNSET:
            field_dict["chat_service_sid"] = chat_service_sid
        if conversation_sid is not UNSET:
            field_dict["conversation_sid"] = conversation_sid
        if message_sid is not UNSET:
            field_dict["message_sid"] = message_sid
        if sid is not UNSET:
            field_dict["sid"] = sid
        if channel_message_sid is not UNSET:
            field_dict["channel_message_sid"] = channel_message_sid
        if participant_sid is not UNSET:
            field_dict["participant_sid"] = participant_sid
        if status is not UNSET:
            field_dict["status"] = status
        if error_code is not UNSET:
            field_dict["error_code"] = error_code
        if date_created is not UNSET:
            field_dict["date_created"] = date_created
        if date_updated is not UNSET:
            field_dict["date_updated"] = date_updated
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        get = src_dict.get
        account_sid = get("account_sid", UNSET)

        chat_service_sid = get("chat_service_sid", UNSET)

        conversation_sid = get("conversation_sid", UNSET)

        message_sid = get("message_sid", UNSET)

        sid = get("sid", UNSET)

        channel_message_sid = get("channel_message_sid", UNSET)

        participant_sid = get("participant_sid", UNSET)

        status = get("status", UNSET)
        if isinstance(status, str):
            status = ReceiptStatus._value2member_map_.get(status) or ReceiptStatus(status)

        error_code = get("error_code", UNSET)

        date_created = get("date_created", UNSET)
        if isinstance(date_created, str):
            try:
                date_created = datetime.datetime.fromisoformat(date_created)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        date_updated = get("date_updated", UNSET)
        if isinstance(date_updated, str):
            try:
                date_updated = datetime.datetime.fromisoformat(date_updated)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        url = get("url", UNSET)

        receipt = cls(
            account_sid,
            chat_service_sid,
            conversation_sid,
            message_sid,
            sid,
            channel_message_sid,
            participant_sid,
            status,
            error_code,
            date_created,
            date_updated,
            url,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            receipt.additional_properties = {k: v for k, v in src_dict.items() if k not in _KNOWN_KEYS}
        return receipt

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
