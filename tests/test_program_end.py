"""How the program ends while its helpers still work (``wizard.runtime``): Ctrl-C at a prompt,
or an answer printed while the incoming server is still being looked for.

Under Debian 12's Python (3.11.2), ``setup`` interrupted at its password prompt ended in a
segmentation fault one time in twenty or thirty (exit status -11, a core file), and one time in
fifty never ended at all. The incoming-server detection runs beside the prompt on a thread of
its own and starts threads for its blocking calls. A thread started just as Python finalizes
writes to the state Python has just freed for it (3.11.2 crashes; later 3.11 releases do not).
And a Ctrl-C that a helper thread took could leave the main thread waiting for a password
forever.

The crash is a use after free, so it shows only where the freed memory has been reused. These
tests make it show every time it happens: glibc fills freed memory with a pattern
(``MALLOC_PERTURB_``, with the per-thread cache that would skip it turned off). A real program
runs many times over, since each run has its own timing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from tests.lab.world import Lab
from tests.test_cli_accounts import (
    autoconfig,
    interrupt,
    one_json_object,
    run_at_terminal,
    smtp_server,
)
from wizard.runtime import new_event_loop, start_thread

# Freed memory is overwritten at once, so that a use after free faults (see the docstring).
POISONED = {
    "GLIBC_TUNABLES": "glibc.malloc.tcache_count=0",
    "MALLOC_PERTURB_": "165",
    "PYTHONFAULTHANDLER": "1",  # a crash says where it happened
}

# Eight background loops, each starting fifty blocking calls at a time, without end. Before
# the fix, 3.11.2 crashed in about half of the runs of this program.
_THREADS_AS_THE_PROGRAM_ENDS = """
import asyncio, threading
from wizard.runtime import in_background

JOBS = 8
started = threading.Barrier(JOBS + 1)

async def job():
    loop = asyncio.get_running_loop()
    started.wait()
    while True:
        await asyncio.gather(*(loop.run_in_executor(None, lambda: None) for _ in range(50)))

for _ in range(JOBS):
    in_background(job())
started.wait()
print("answer")
"""


def run_program(code: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Exit status, output and errors of ``code`` run as a program of its own (by this
    Python); a wait at its end that never ends fails here."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=30,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def test_background_work_starting_threads_as_the_program_ends_never_crashes() -> None:
    for _ in range(10):
        assert run_program(_THREADS_AS_THE_PROGRAM_ENDS, POISONED) == (0, "answer\n", "")


def test_a_blocking_call_under_way_as_the_program_ends_is_waited_for() -> None:
    """A thread left inside OpenSSL (a trust store being read, an IMAP handshake) as the
    process exits crashes it: OpenSSL's own exit handler frees what the thread is using. So
    the program's end waits for a blocking call under way, which here ends once the answer
    is printed."""
    ended = run_program(
        """
        import asyncio, threading
        from wizard.runtime import run

        started, finish = threading.Event(), threading.Event()

        def reading_the_trust_store():
            started.set()
            finish.wait()
            print("done reading", flush=True)

        async def main():
            asyncio.get_running_loop().run_in_executor(None, reading_the_trust_store)
            await asyncio.to_thread(started.wait)

        run(main())  # ends without the call, which goes on
        print("answer", flush=True)
        finish.set()
        """
    )

    assert ended == (0, "answer\ndone reading\n", "")


def test_a_blocking_call_stuck_as_the_program_ends_does_not_hold_it() -> None:
    ended = run_program(
        """
        import asyncio, threading
        from wizard.runtime import run

        async def main():
            # a resolver that never answers, say
            asyncio.get_running_loop().run_in_executor(None, threading.Event().wait)

        run(main())
        print("answer")
        """
    )

    assert ended == (0, "answer\n", "")


def test_a_name_lookup_under_way_as_the_program_ends_is_not_waited_for() -> None:
    """A slow DNS answer nobody needs any more (a guessed host, once the answer is found) holds
    nothing of OpenSSL's: the program ends without it, where another blocking call would be
    waited for (the test above). This lookup takes half a second; the program ends first."""
    ended = run_program(
        """
        import asyncio, socket, threading, time

        started = threading.Event()

        def slow_lookup(*args, **kwargs):
            started.set()
            time.sleep(0.5)
            print("looked up", flush=True)
            return []

        socket.getaddrinfo = slow_lookup  # what asyncio calls for a name
        from wizard.runtime import run

        async def main():
            asyncio.create_task(asyncio.get_running_loop().getaddrinfo("mail.example.test", 25))
            await asyncio.to_thread(started.wait)

        run(main())
        print("answer", flush=True)
        """
    )

    assert ended == (0, "answer\n", "")


def test_helper_threads_leave_ctrl_c_to_the_main_thread() -> None:
    """The main thread, reading a password, is the one the kernel interrupts: no helper
    thread, started directly or by the engine's loop for a blocking call, takes the signal."""
    masks: list[set[int]] = []

    def note_mask() -> None:
        masks.append(signal.pthread_sigmask(signal.SIG_BLOCK, []))

    start_thread(note_mask, name="helper").join()
    loop = new_event_loop()
    try:
        loop.run_until_complete(loop.run_in_executor(None, note_mask))
    finally:
        loop.close()

    assert len(masks) == 2
    for mask in masks:
        assert {signal.SIGINT, signal.SIGTERM, signal.SIGHUP} <= mask
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    assert threading.current_thread() is threading.main_thread()


@pytest.mark.usefixtures("private_keychain")
def test_ctrl_c_at_the_password_prompt_ends_cleanly_every_time(
    lab: Lab, config_home: Path, domain: str
) -> None:
    """``setup`` stopped at its password prompt while the incoming server is looked for in
    the background: the exit status and the words for Ctrl-C, every time, never a crash and
    never a Ctrl-C that goes unheard (``run_at_terminal`` fails after a minute)."""
    autoconfig(lab, domain)
    server = smtp_server(lab, domain)

    for run in range(12):
        json = ("--json",) if run % 2 else ()
        command = ("setup", f"alice@{domain}", *json)
        done = run_at_terminal(
            lab, config_home, *command, prompt="Password: ", answer=interrupt, env=POISONED
        )

        assert done.returncode == 130, done.stderr
        assert done.stderr.endswith("Cancelled.\n"), done.stderr
        assert "Fatal Python error" not in done.stderr and "Traceback" not in done.stderr
        if json:
            assert one_json_object(done.stdout)["error"] == "cancelled"
    assert server.auth_attempts == [] and server.received == []
