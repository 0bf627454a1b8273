"""Talking SMTP to real servers: the live probe used by detection (and, later, the test send)."""
