"""The diagnosis report for helpdesks: what was tried, what each server answered, what the
network and the sender domain look like, in text, Markdown, one self-contained HTML file or
JSON, with secrets always redacted and the local part masked on request.

``document`` is the layout every readable format shares; ``sections`` builds it from the
engine's results in the reader's language; ``text`` and ``html`` render it.
"""
