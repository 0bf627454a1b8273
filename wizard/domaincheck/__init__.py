"""The sender domain's health: SPF, DKIM and DMARC (will mail from this server be accepted?),
and MTA-STS, TLS-RPT and DANE (how others deliver to the domain).

``check.check_domain`` runs every check at once under one overall deadline; each finding is a
code with a severity and named values, which ``wizard.messages`` turns into a sentence.
"""
