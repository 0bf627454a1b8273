"""The incoming (IMAP) side: only used to confirm that a test message arrived.

``probe`` checks an IMAP server before any login, as detection does for SMTP servers;
``session`` is the logged-in conversation the delivery confirmation holds
(``wizard.delivery``).
"""
