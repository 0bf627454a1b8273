"""The pictures a person sees in the risky situations, rendered as the screenshot script does,
in both languages, light and dark, at 100 % and 200 %: no label's or button's text may be
elided or cut off in any of them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget

SCRIPT = Path(__file__).parents[2] / "scripts" / "screenshots.py"
RISKY = (
    "2-searching-slow-server",
    "3-settings-foreign-domain",
    "3-settings-no-encryption",
    "3-settings-no-starttls",
    "4-test-certificate",
    "4-test-no-starttls",
    "4-test-wrong-password",
)


def test_no_text_is_clipped_in_any_language_theme_or_scale(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DISPLAY", None)
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path), "--check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    clipped = [line for line in done.stderr.splitlines() if line.startswith("clipped:")]
    assert not clipped
    assert done.returncode == 0, done.stderr[-2000:]
    for language in ("en", "de"):
        for theme in ("light", "dark"):
            for scale in ("1", "2"):
                for shot in RISKY:
                    assert (tmp_path / f"{language}-{theme}-{scale}x-{shot}.png").is_file()


@pytest.mark.usefixtures("qapp")
def test_the_check_sees_a_clipped_label() -> None:
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        from screenshots import clipped_texts
    finally:
        sys.path.remove(str(SCRIPT.parent))
    window = QWidget()
    label = QLabel("A sentence far too long for the room it was given on the page", window)
    label.setFixedWidth(40)
    window.show()
    assert clipped_texts(window) == [label.text()]
    label.setWordWrap(True)
    label.setFixedHeight(label.fontMetrics().lineSpacing())
    assert clipped_texts(window) == [label.text()]
    label.setFixedSize(label.sizeHint().width() * 40, label.fontMetrics().lineSpacing() * 2)
    assert clipped_texts(window) == []
