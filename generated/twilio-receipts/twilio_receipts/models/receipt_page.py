from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.page_meta import PageMeta
    from ..models.receipt import Receipt


T = TypeVar("T", bound="ReceiptPage")


_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "delivery_receipts",
        "meta",
    }
)


@_attrs_define
class ReceiptPage:
    """One page of a message's receipts.

    Attributes:
        delivery_receipts (list[Receipt] | Unset):
        meta (PageMeta | Unset): Where this page sits in the list, with absolute URLs of its neighbours.
    """

    delivery_receipts: list[Receipt] | Unset = UNSET
    meta: PageMeta | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delivery_receipts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.delivery_receipts, Unset):
            delivery_receipts = []
            for delivery_receipts_item_data in self.delivery_receipts:
                delivery_receipts_item = delivery_receipts_item_data.to_dict()
                delivery_receipts.append(delivery_receipts_item)

        meta: dict[str, Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if delivery_receipts is not UNSET:
            field_dict["delivery_receipts"] = delivery_receipts
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.page_meta import PageMeta  # noqa: PLC0415
        from ..models.receipt import Receipt  # noqa: PLC0415

        get = src_dict.get
        delivery_receipts = get("delivery_receipts", UNSET)
        if delivery_receipts is not UNSET:
            delivery_receipts = [Receipt.from_dict(item) for item in delivery_receipts]

        meta = get("meta", UNSET)
        if meta is not UNSET:
            meta = PageMeta.from_dict(meta)

        receipt_page = cls(
            delivery_receipts,
            meta,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            receipt_page.additional_properties = {k: v for k, v in src_dict.items() if k not in _KNOWN_KEYS}
        return receipt_page

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
