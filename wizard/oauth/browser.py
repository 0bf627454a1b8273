"""Opening the system browser for a sign-in: one function, so every flow does it one way."""

from __future__ import annotations

import asyncio
import webbrowser


async def open_browser(url: str) -> bool:
    """Open ``url`` in the user's browser; whether a browser took it.

    Python's ``webbrowser`` does the choosing, so ``$BROWSER`` (a list of commands separated
    by ``os.pathsep``, ``%s`` standing for the URL) is honoured as everywhere else; tests set
    it to a script that plays the user. A browser command may run until it is closed, so it
    runs on a thread of its own that never holds the program (``wizard.runtime``).
    """
    try:
        return await asyncio.to_thread(webbrowser.open, url)
    except webbrowser.Error:
        return False
