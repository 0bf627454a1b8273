"""Putting a set-up account to work outside the wizard.

``send`` is a sendmail-compatible sender for scripts and mail programs (git send-email, mutt,
cron), using the stored settings and the secret in the keychain; ``exports`` writes the
settings in the formats other programs read. Neither ever writes a password or a token out.
"""
