from enum import StrEnum


class ReceiptStatus(StrEnum):
    DELIVERED = "delivered"
    FAILED = "failed"
    READ = "read"
    SENT = "sent"
    UNDELIVERED = "undelivered"

    def __str__(self) -> str:
        return str(self.value)
