#!/usr/bin/python3
"""Use a program the way a screen reader hears it: over AT-SPI, with real key presses.

Run by ``tests/test_screen_reader.py`` under the distribution's ``/usr/bin/python3``, whose
``python3-pyatspi`` (a system package, not on PyPI) talks to the accessibility bus; the program
under test runs under any interpreter. It starts a private X server (Xvfb), session bus and
accessibility bus, starts COMMAND in them with Qt's accessibility on, and follows the steps:

    --type NAME=TEXT     focus the field whose accessible name is NAME and type TEXT on the
                         keyboard (XTEST), as a person does
    --press NAME         invoke the button named NAME (its AT-SPI action), once it is enabled
    --announced REGEX    wait until an announcement matching REGEX has been heard

Everything a screen reader hears meanwhile (text changes, announcements, name, description
and value changes) and every node of the final tree (role, name, description, text) is printed
as JSON. Whatever it started is stopped by PID or by the process group it made, never by name.

    /usr/bin/python3 tests/atspi/screen_reader.py --type Password=x --press Next -- PROGRAM ARGS
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

# AT-SPI nodes and events are GObject proxies without type information: Any.
Node = Any

TIMEOUT = 30.0  # for anything to appear: generous, as the machine may be busy
HEARD = (
    "object:text-changed",
    "object:announcement",
    "object:property-change:accessible-name",
    "object:property-change:accessible-description",
    "object:property-change:accessible-value",
    "object:text-caret-moved",
)


class Stack:
    """Xvfb, a session bus and an accessibility bus, each a child of this process."""

    def __init__(self) -> None:
        self.children: list[tuple[subprocess.Popen[bytes], bool]] = []  # (child, own group)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "AT_SPI"))}

    def start(self) -> None:
        read, write = os.pipe()
        self._spawn(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            pass_fds=(write,),
        )
        os.close(write)
        display = b""
        while not display.endswith(b"\n"):
            chunk = os.read(read, 16)
            if not chunk:
                raise SystemExit("Xvfb ended before it chose a display")
            display += chunk
        os.close(read)
        self.env.update(
            DISPLAY=f":{display.decode().strip()}",
            QT_QPA_PLATFORM="xcb",
            QT_ACCESSIBILITY="1",
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        )
        self.env.pop("WAYLAND_DISPLAY", None)
        bus = self._spawn(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
        )
        assert bus.stdout is not None
        self.env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().decode().strip()
        # The launcher starts the accessibility bus and, on demand, the registry daemon: all of
        # them in the process group made here, which stop() ends.
        self._spawn(
            ["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
            stdout=subprocess.DEVNULL,  # the registry daemon says hello there
            start_new_session=True,
        )
        os.environ.clear()
        os.environ.update(self.env)  # libatspi finds the buses through these

    def _spawn(self, argv: list[str], **options: Any) -> subprocess.Popen[bytes]:
        child: subprocess.Popen[bytes] = subprocess.Popen(
            argv, env=self.env, stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **options
        )
        self.children.append((child, bool(options.get("start_new_session"))))
        return child

    def launch(self, argv: list[str]) -> subprocess.Popen[bytes]:
        return self._spawn(argv, stdout=subprocess.DEVNULL, start_new_session=True)

    def stop(self) -> None:
        for child, own_group in reversed(self.children):
            if own_group:  # what it started, too (the accessibility bus, the registry)
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.pid, signal.SIGTERM)
            if child.poll() is None:
                child.terminate()
                try:
                    child.wait(10)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait(10)


def _plain(name: str) -> str:
    """A name as compared: no mnemonic, no "Next >" arrow or trailing colon, any case."""
    return name.replace("&", "").strip().strip("<>:").strip().casefold()


class Ear:
    """The accessibility tree of one program, and everything it says."""

    def __init__(self, pid: int) -> None:
        import pyatspi  # the system's python3-pyatspi: needs the buses in the environment
        from gi.repository import GLib

        self.atspi = pyatspi
        self.context = GLib.MainContext.default()
        self.pid = pid
        self.gone = GLib.Error  # what a node that has just gone away raises
        self.heard: list[dict[str, str]] = []
        self.app: Node = None

    def listen(self) -> None:
        """From now on, hear what the program says. Registered once its window is in the tree,
        so the registry daemon that passes the wish on to the program is up."""
        for kind in HEARD:
            self.atspi.Registry.registerEventListener(self._hear, kind)
        self.pump(0.5)

    def _hear(self, event: Any) -> None:
        try:
            role, name = event.source.getRoleName(), event.source.name or ""
        except (self.gone, AttributeError):  # the widget is gone already
            role, name = "", ""
        self.heard.append(
            {"type": event.type, "role": role, "name": name, "data": str(event.any_data)}
        )

    def pump(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            while self.context.pending():
                self.context.iteration(False)
            time.sleep(0.02)

    def wait(self, what: str, found: Callable[[], Any]) -> Any:
        end = time.monotonic() + TIMEOUT
        while time.monotonic() < end:
            self.pump(0.05)
            result = found()
            if result:
                return result
        raise SystemExit(f"gave up waiting for {what}")

    def _application(self) -> Node:
        desktop = self.atspi.Registry.getDesktop(0)
        apps = [desktop.getChildAtIndex(index) for index in range(desktop.childCount)]
        return next((app for app in apps if app is not None and self._ours(app)), None)

    def _ours(self, app: Node) -> bool:
        try:
            return bool(app.get_process_id() == self.pid and app.childCount)
        except self.gone:
            return False

    def nodes(self) -> list[Node]:
        """Every showing node of the program, depth first."""
        if self.app is None:
            self.app = self.wait("the program's window", self._application)
        found, stack = [], [self.app]
        while stack:
            node = stack.pop()
            found.append(node)
            try:
                children = [node.getChildAtIndex(i) for i in range(node.childCount)]
            except self.gone:
                children = []
            stack.extend(
                child
                for child in reversed(children)
                if child is not None and child.getState().contains(self.atspi.STATE_SHOWING)
            )
        return found

    def find(self, name: str, roles: set[str]) -> Node:
        """The enabled node of one of ``roles`` named ``name``, once there is one."""

        def usable(node: Node) -> bool:
            try:
                return bool(
                    node.getRoleName() in roles
                    and _plain(node.name) == _plain(name)
                    and node.getState().contains(self.atspi.STATE_ENABLED)
                )
            except self.gone:
                return False

        return self.wait(
            f"{'/'.join(sorted(roles))} {name!r}",
            lambda: next((node for node in self.nodes() if usable(node)), None),
        )

    def describe(self) -> list[dict[str, str]]:
        tree = []
        for node in self.nodes():
            try:
                text = node.queryText().getText(0, -1)
            except NotImplementedError:  # no text interface
                text = ""
            tree.append(
                {
                    "role": node.getRoleName(),
                    "name": node.name or "",
                    "description": node.description or "",
                    "text": text,
                }
            )
        return tree


def _xdotool(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        ["xdotool", *args], env=env, capture_output=True, text=True, check=False, timeout=60
    )
    return done.stdout


def _type(ear: Ear, env: dict[str, str], pid: int, name: str, text: str) -> None:
    field = ear.find(name, {"text", "password text", "entry"})
    for window in _xdotool(env, "search", "--onlyvisible", "--pid", str(pid)).split()[-1:]:
        _xdotool(env, "windowfocus", "--sync", window)
    action = field.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    if "SetFocus" in names or "Set Focus" in names:
        action.doAction(names.index("SetFocus" if "SetFocus" in names else "Set Focus"))
    else:
        field.queryComponent().grabFocus()
    ear.wait(f"focus on {name!r}", lambda: field.getState().contains(ear.atspi.STATE_FOCUSED))
    _xdotool(env, "type", "--delay", "40", "--", text)
    ear.pump(0.5)


def _press(ear: Ear, name: str) -> None:
    button = ear.find(name, {"push button", "toggle button"})
    action = button.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    action.doAction(names.index("Press") if "Press" in names else 0)
    ear.pump(0.3)


def _announced(ear: Ear, pattern: str) -> None:
    wanted = re.compile(pattern)
    ear.wait(
        f"an announcement matching {pattern!r}",
        lambda: any(
            heard["type"] == "object:announcement" and wanted.search(heard["data"])
            for heard in ear.heard
        ),
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--type", dest="steps", action="append", type=lambda v: ("type", v))
    parser.add_argument("--press", dest="steps", action="append", type=lambda v: ("press", v))
    parser.add_argument(
        "--announced", dest="steps", action="append", type=lambda v: ("announced", v)
    )
    parser.add_argument("command", nargs="+")
    args = parser.parse_args(argv)
    stack = Stack()
    try:
        stack.start()
        program = stack.launch(args.command)
        ear = Ear(program.pid)
        ear.nodes()
        ear.listen()
        for kind, value in args.steps or ():
            if kind == "type":
                name, _, text = value.partition("=")
                _type(ear, stack.env, program.pid, name, text)
            elif kind == "press":
                _press(ear, value)
            else:
                _announced(ear, value)
        ear.pump(0.5)
        json.dump({"heard": ear.heard, "tree": ear.describe()}, sys.stdout, indent=1)
        sys.stdout.flush()  # before the buses go: a client of a bus that ends may be ended too
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
