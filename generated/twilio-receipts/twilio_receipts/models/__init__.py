"""Contains all the data models used in inputs/outputs"""

from .page_meta import PageMeta
from .receipt import Receipt
from .receipt_page import ReceiptPage
from .receipt_status import ReceiptStatus
from .twilio_error_body import TwilioErrorBody

__all__ = (
    "PageMeta",
    "Receipt",
    "ReceiptPage",
    "ReceiptStatus",
    "TwilioErrorBody",
)
