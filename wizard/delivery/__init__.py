"""Delivery confirmation: proof that the test message arrived, where, and with what verdict.

``confirm`` watches the mailbox over IMAP after a test send; ``authresults`` reads the
receiving server's Authentication-Results; ``bounce`` recognises a delivery status
notification about the test message.
"""
