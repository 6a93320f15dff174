"""A stateful local emulator of Twilio Conversations' message receipts endpoints."""
