"""Every page by keyboard alone, and every page as a screen reader reads it.

The wizard is walked to each page (with canned engine answers), in its risky states too. On
each, Tab is pressed from the first control until focus comes back: every control a user can
operate, the page's own and the wizard's Back, Next and Cancel, must be reached, and focus must
never circle among a few of them (a keyboard trap, WCAG 2.1.2). Then the accessibility tree,
as Qt hands it to AT-SPI, UIA or NSAccessibility, is walked: every focusable control needs a
name, a labelled field's name is its label's text (WCAG 2.5.3), a button's name is its text,
and every status icon has a name.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleInterface,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget, QWizard

from tests.gui.canned import Canned, config, result
from wizard.address import EmailAddress
from wizard.discovery.events import SlowGreeting
from wizard.gui.widgets import Notice, Tone, plain_label
from wizard.gui.wizard import PageId, SetupWizard
from wizard.gui.worker import Report
from wizard.model import (
    Candidate,
    Caution,
    Certificate,
    CertProblem,
    DetectionResult,
    Link,
    LinkStep,
    ProbeResult,
    Security,
    Trust,
)
from wizard.smtp.diagnosis import Diagnosis
from wizard.smtp.send import Stage, TestOutcome

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pytestqt.qtbot import QtBot

    from wizard.gui.worker import EngineWorker

pytestmark = pytest.mark.usefixtures("translations")

FOREIGN = replace(
    config("smtp.collector.example", 587, Security.STARTTLS, Trust.UNAUTHENTICATED),
    link=Link(LinkStep.REDIRECT, "example.com", "collector.example", "collector.example"),
)
PLAIN = config("mail.example.com", 25, Security.NONE, Trust.GUESSED)
SELF_SIGNED = TestOutcome(
    ok=False,
    stage=Stage.TLS,
    reply=None,
    username=None,
    message_id=None,
    diagnosis=Diagnosis.CERTIFICATE,
    certificate=Certificate(":".join(["AB"] * 32), verified=False, problem=CertProblem.SELF_SIGNED),
    transcript=(),
)


@pytest.fixture
def make_wizard(qtbot: QtBot, worker: EngineWorker) -> Iterator[Callable[..., SetupWizard]]:
    made: list[SetupWizard] = []

    def make(canned: Canned) -> SetupWizard:
        wizard = SetupWizard(worker, canned.engine(), address="alice@example.com")
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.activateWindow()
        qtbot.waitUntil(wizard.isActiveWindow)
        made.append(wizard)
        return wizard

    yield make
    for wizard in made:
        wizard.discard()


def _to(qtbot: QtBot, wizard: SetupWizard, page: PageId) -> None:
    """Walk the wizard forwards to ``page`` as a user would, with canned answers."""
    if page >= PageId.DETECT:
        with qtbot.waitSignal(wizard.detect_page.finished):
            wizard.next()
    if page >= PageId.SETTINGS:
        wizard.next()
    _on_from_settings(qtbot, wizard, page)


def _on_from_settings(qtbot: QtBot, wizard: SetupWizard, page: PageId) -> None:
    """From the settings page on to ``page``: the dangers confirmed where needed,
    the test sent."""
    if page >= PageId.TEST:
        for confirmation in (wizard.settings_page.plaintext, wizard.settings_page.foreign):
            if confirmation.needed:
                confirmation.tick.setChecked(True)
        wizard.next()
        with qtbot.waitSignal(wizard.send_page.finished):
            wizard.send_page.send()
    if page >= PageId.DONE:
        wizard.next()
    assert wizard.currentId() == page


def _operable(wizard: SetupWizard) -> list[QWidget]:
    """Every control a keyboard user must be able to reach now: visible, enabled, and taking
    focus by Tab, on the current page and among the wizard's own buttons."""
    page = wizard.currentPage()
    candidates = [*page.findChildren(QWidget), *(wizard.button(b) for b in _BUTTONS)]
    return [
        w
        for w in candidates
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
    ]


_BUTTONS = (
    QWizard.WizardButton.BackButton,
    QWizard.WizardButton.NextButton,
    QWizard.WizardButton.FinishButton,
    QWizard.WizardButton.CancelButton,
)


def _tab_cycle(qtbot: QtBot, start: QWidget) -> list[QWidget]:
    """Focus order from ``start`` by Tab until focus comes back; fails on a cycle that does
    not come back to ``start`` (a trap)."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    seen: list[QWidget] = [start]
    for _ in range(60):
        current = QApplication.focusWidget()
        assert current is not None
        QTest.keyClick(current, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None, "Tab left the window"
        if now is start:
            return seen
        assert now not in seen, (
            f"keyboard trap: Tab went back to {now!r} without reaching {start!r} "
            f"(order: {[w.objectName() or type(w).__name__ for w in seen]})"
        )
        seen.append(now)
    pytest.fail("Tab never came back to where it started")


def _foreign() -> Canned:
    return Canned(detection=replace(result(FOREIGN), best=Candidate(FOREIGN)))


def _plaintext() -> Canned:
    probe = ProbeResult(PLAIN.host, PLAIN.port, Security.NONE, greeting="220 ready")
    return Canned(detection=replace(result(PLAIN), best=Candidate(PLAIN, probe)))


CASES: dict[str, tuple[Callable[[], Canned], PageId]] = {
    "account": (Canned, PageId.ACCOUNT),
    "detection": (Canned, PageId.DETECT),
    "settings": (Canned, PageId.SETTINGS),
    "settings-foreign-domain": (_foreign, PageId.SETTINGS),
    "settings-no-encryption": (_plaintext, PageId.SETTINGS),
    "test-passed": (Canned, PageId.TEST),
    "test-certificate": (lambda: Canned(outcome=SELF_SIGNED), PageId.TEST),
    "save": (Canned, PageId.DONE),
}


def _open(qtbot: QtBot, make_wizard: Callable[..., SetupWizard], case: str) -> SetupWizard:
    canned, page = CASES[case]
    wizard = make_wizard(canned())
    _to(qtbot, wizard, page)
    for folding in (wizard.detect_page.details, wizard.settings_page.details):
        folding.button.setChecked(True)  # what is folded away must be reachable too
    return wizard


@pytest.mark.parametrize("case", list(CASES))
def test_tab_reaches_every_control_and_never_traps(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard], case: str
) -> None:
    wizard = _open(qtbot, make_wizard, case)
    operable = _operable(wizard)
    cycle = _tab_cycle(qtbot, operable[0])

    missed = [w for w in operable if w not in cycle]
    assert not missed, f"Tab never reaches {[_describe(w) for w in missed]}"
    for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton):
        button = wizard.button(which)
        if button.isVisible() and button.isEnabled():
            assert button in cycle


def _describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, (QAbstractButton, QLabel)) else ""
    return f"{type(widget).__name__}({text or widget.accessibleName()!r})"


def _tree(interface: QAccessibleInterface) -> Iterator[QAccessibleInterface]:
    yield interface
    for index in range(interface.childCount()):
        child = interface.child(index)
        if child is not None:
            yield from _tree(child)


def _spoken(text: str) -> str:
    """A label as a screen reader says it: no mnemonic, colon or "…" (which says only that a
    dialog follows)."""
    return plain_label(text).removesuffix("…").strip()


def _labelled_by(node: QAccessibleInterface, label: QLabel) -> bool:
    """Qt names a combo box on Linux by its current value and points to its label through
    the labelled-by relation instead, which is what screen readers there read out."""
    return any(
        other is not None and other.object() == label and relation & QAccessible.RelationFlag.Label
        for other, relation in node.relations()
    )


@pytest.mark.parametrize("case", list(CASES))
def test_the_accessibility_tree_names_what_the_screen_shows(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard], case: str
) -> None:
    wizard = _open(qtbot, make_wizard, case)
    buddies = {id(label.buddy()): label for label in wizard.findChildren(QLabel) if label.buddy()}
    icons = {id(notice.icon) for notice in wizard.findChildren(Notice)}
    problems: list[str] = []
    root = QAccessible.queryAccessibleInterface(wizard)
    assert root is not None
    for node in _tree(root):
        widget = node.object()
        state = node.state()
        if not isinstance(widget, QWidget) or state.invisible or not widget.isVisible():
            continue
        name = node.text(QAccessible.Text.Name)
        if state.focusable and widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not name:
            problems.append(f"no name: {_describe(widget)}")
        label = buddies.get(id(widget))
        if (
            label is not None
            and label.isVisible()
            and _spoken(name) != _spoken(label.text())
            and not _labelled_by(node, label)
        ):
            problems.append(f"named {name!r}, labelled {label.text()!r}: {_describe(widget)}")
        if isinstance(widget, QAbstractButton) and _spoken(name) != _spoken(widget.text() or name):
            problems.append(f"button {widget.text()!r} named {name!r}")
        if id(widget) in icons and not name:
            problems.append("a status icon without a name")
    assert not problems


def _focus_is_usable(wizard: SetupWizard) -> str:
    """Empty when the keyboard focus is on a control the user can see and use on the page
    shown (or one of the wizard's buttons), as Qt tells screen readers; else where it is."""
    focused = QApplication.focusWidget()
    if focused is None:
        return "nowhere"
    on_screen = [wizard.currentPage(), *(wizard.button(b) for b in _BUTTONS)]
    usable = (
        focused.isVisible()
        and focused.isEnabled()
        and any(w is focused or w.isAncestorOf(focused) for w in on_screen)
    )
    node = QAccessible.queryAccessibleInterface(focused)
    heard = node is not None and node.state().focused and not node.state().invisible
    return "" if usable and heard else _describe(focused) + f" (visible: {focused.isVisible()})"


@pytest.mark.parametrize("page", [PageId.SETTINGS, PageId.TEST, PageId.DONE])
def test_back_by_keyboard_leaves_the_focus_where_the_user_can_reach_it(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard], page: PageId
) -> None:
    """Alt+B (a mnemonic) activates Back without moving the focus to it. Qt then gives the
    focus to the first control of the page it shows, even a disabled one (the search's Stop,
    once the search has ended), which left it on the page just hidden: Tab and the screen
    reader had nothing to start from."""
    wizard = _open(qtbot, make_wizard, "settings")
    _on_from_settings(qtbot, wizard, page)
    buttons = [wizard.button(b) for b in _BUTTONS]
    first = next(w for w in _operable(wizard) if w not in buttons)
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)

    wizard.button(QWizard.WizardButton.BackButton).click()  # what its mnemonic does

    assert wizard.currentId() == page - 1
    assert _focus_is_usable(wizard) == ""


def _press_return(wizard: SetupWizard) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClick(focused, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("", "Enter your email address."),
        ("alice@example", "“example” is not a complete domain"),
    ],
)
def test_return_on_an_address_that_cannot_be_used_says_why(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard], heard: list[str], typed: str, said: str
) -> None:
    """Next is disabled, so Return did nothing, and a screen reader said nothing either."""
    wizard = make_wizard(Canned())
    page = wizard.account_page
    page.address_edit.clear()
    page.address_edit.setFocus()
    QTest.keyClicks(page.address_edit, typed)

    _press_return(wizard)

    assert wizard.currentId() == PageId.ACCOUNT
    assert len(heard) == 1 and heard[0].startswith("Warning: ") and said in heard[0], heard
    assert said in page.problem  # and it is shown under the field


@pytest.mark.parametrize("case", ["settings-no-encryption", "settings-foreign-domain"])
def test_return_before_a_danger_is_confirmed_says_what_to_tick(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard], heard: list[str], case: str
) -> None:
    wizard = _open(qtbot, make_wizard, case)
    page = wizard.settings_page
    confirmation = page.plaintext if case == "settings-no-encryption" else page.foreign
    assert confirmation.needed
    page.host_edit.setFocus()
    heard.clear()

    _press_return(wizard)

    assert wizard.currentId() == PageId.SETTINGS
    assert len(heard) == 1, heard
    assert heard[0].startswith(f"Danger: {confirmation.notice.text()}")
    assert f"“{confirmation.tick.text()}”" in heard[0]

    confirmation.tick.setChecked(True)
    _press_return(wizard)
    assert wizard.currentId() == PageId.TEST
    assert len(heard) == 1


def test_return_without_a_server_name_says_so(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard], heard: list[str]
) -> None:
    wizard = _open(qtbot, make_wizard, "settings")
    page = wizard.settings_page
    page.host_edit.clear()
    page.host_edit.setFocus()
    heard.clear()

    _press_return(wizard)

    assert wizard.currentId() == PageId.SETTINGS
    assert heard == ["Warning: Enter the name of the outgoing-mail server (without spaces)."]


def test_return_with_a_recipient_that_cannot_be_used_says_why(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard], heard: list[str]
) -> None:
    canned = Canned()
    wizard = make_wizard(canned)
    _to(qtbot, wizard, PageId.SETTINGS)
    wizard.next()
    page = wizard.send_page
    page.recipient_edit.setText("bob@")
    page.recipient_edit.setFocus()
    heard.clear()

    _press_return(wizard)

    assert not canned.sent
    assert heard == [f"Warning: {page.recipient_problem.text()}"]
    assert "“@”" in heard[0] or "domain" in heard[0]


def test_use_a_password_instead_puts_the_focus_in_the_password_field(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    """The sign-in panel's "Use a password instead" (and a sign-in that cannot work here)
    moves the focus to the password: it landed on the box around the field, which has no
    name, and what the user typed next went nowhere."""
    wizard = make_wizard(Canned())
    _to(qtbot, wizard, PageId.SETTINGS)
    wizard.next()
    page = wizard.send_page

    page.sign_in.password_chosen.emit()  # what the button sends

    focused = QApplication.focusWidget()
    assert focused is page.password_edit.line_edit
    node = QAccessible.queryAccessibleInterface(focused)
    assert node is not None and node.text(QAccessible.Text.Name) == "Password"
    QTest.keyClicks(focused, "pw")
    assert page.password_edit.text() == "pw"


def test_nothing_found_for_a_domain_that_does_not_exist_says_so(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard], heard: list[str]
) -> None:
    """A typo in the domain: the search page said only "No settings were found … enter them
    yourself", the reason waited unannounced on the next page."""
    nothing = replace(result(), warnings=(Caution.DOMAIN_NOT_FOUND,))
    wizard = make_wizard(Canned(detection=nothing))

    _to(qtbot, wizard, PageId.DETECT)

    card = wizard.detect_page.card
    reason = "The domain “example.com” does not exist; check the address for typos."
    assert card.meaning.text() == reason
    assert card.meaning.tone is Tone.WARNING
    assert [text for text in heard if reason in text] == [
        f"No settings were found\n{card.facts.text()}\n{reason}"
    ]


@pytest.mark.parametrize("case", ["settings-no-encryption", "settings-foreign-domain"])
def test_a_dangers_tick_is_heard_with_the_danger_it_accepts(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard], case: str
) -> None:
    """Tab goes from the last field straight to the tick: the red sentence above it takes no
    focus, so a screen reader said "Yes, send without encryption, check box" and never what
    the danger was."""
    wizard = _open(qtbot, make_wizard, case)
    page = wizard.settings_page
    confirmation = page.plaintext if case == "settings-no-encryption" else page.foreign
    node = QAccessible.queryAccessibleInterface(confirmation.tick)
    assert node is not None

    assert node.text(QAccessible.Text.Name) == confirmation.tick.text()
    assert node.text(QAccessible.Text.Description) == confirmation.notice.text()

    page.security_combo.setCurrentIndex(page.security_combo.findData(Security.SSL))
    page.host_edit.setText("smtp.example.com")  # settings with no danger: nothing to accept
    assert not confirmation.needed
    assert node.text(QAccessible.Text.Description) == ""


def test_trusting_a_certificate_is_heard_with_what_was_wrong_with_it(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    """What was wrong with the certificate ("self-signed: no authority vouches for it") is
    in a sentence that takes no focus, and the announcement of the failure does
    not say it: the button that trusts the certificate carries it."""
    wizard = _open(qtbot, make_wizard, "test-certificate")
    panel = wizard.send_page.certificate
    assert panel.isVisible()
    node = QAccessible.queryAccessibleInterface(panel.trust_button)
    assert node is not None

    description = node.text(QAccessible.Text.Description)
    assert description == panel.problem.text()
    assert "self-signed" in description

    panel.clear()
    assert node.text(QAccessible.Text.Description) == ""


def test_the_domain_findings_can_be_reached_by_tab_once_shown(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    """The findings "Domain details" unfolds (what to ask whoever runs the DNS); they took no
    focus, so Tab went past them and a screen reader user heard nothing after pressing it."""
    wizard = _open(qtbot, make_wizard, "save")
    domain = wizard.done_page.domain
    qtbot.waitUntil(lambda: domain.health is not None)
    domain.details_button.setChecked(True)

    cycle = _tab_cycle(qtbot, domain.details_button)

    assert domain.details in cycle
    assert cycle.index(domain.details) == cycle.index(domain.details_button) + 1
    node = QAccessible.queryAccessibleInterface(domain.details)
    assert node is not None
    assert "include:_spf.example.net" in node.text(QAccessible.Text.Name)


@dataclass
class _SlowToGreet(Canned):
    """Detection that meets a server slow to greet, and waits for it until stopped."""

    async def detect(self, address: EmailAddress, report: Report) -> DetectionResult:
        best = self.detection.best
        assert best is not None
        report(SlowGreeting(best, 1200))
        await asyncio.Event().wait()
        raise AssertionError("never reached")


def test_a_server_slow_to_greet_is_announced_once(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard], heard: list[str]
) -> None:
    """The page names a server that is slow to greet while the search waits for it (up to
    15 s): a screen reader user waited in silence, not knowing why."""
    wizard = make_wizard(_SlowToGreet())
    page = wizard.detect_page
    wizard.next()
    qtbot.waitUntil(lambda: bool(page.slow.text()))
    qtbot.wait(300)  # the seconds tick on: said once, not at every tick

    said = [text for text in heard if "answers slowly" in text]
    assert said == ["smtp.example.com answers slowly; still waiting, 1 s…"]
    assert page.slow.text() == said[0]
