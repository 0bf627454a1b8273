"""One module per family of programs the settings are exported for (``wizard.outbound.export``
chooses). Each writes text that program reads, naming where the password is, never the password.
"""
