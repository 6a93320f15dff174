"""A client library for accessing Twilio Conversations Receipts"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
