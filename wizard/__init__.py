"""Email Setup Wizard: from an email address to a tested, securely stored SMTP account."""

__version__ = "0.1.0"
