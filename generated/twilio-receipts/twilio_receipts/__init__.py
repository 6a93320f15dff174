"""A client library for accessing Twilio Conversations Receipts"""

from .client import AuthenticatedClient, Client, RetryPolicy
from .errors import TwilioApiError

__all__ = (
    "AuthenticatedClient",
    "Client",
    "RetryPolicy",
    "TwilioApiError",
)
