"""The shipped translations: complete, in step with the code, and compiled.

A string added to the pages, the command line or ``wizard.messages`` without a German
translation fails here (run ``scripts/update_translations.sh``, translate, run it again), rather
than showing up in English in front of a German user.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FOLDER = REPO / "resources" / "translations"
BIN = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"\{\w+\}")

Messages = dict[tuple[str, str], str | None]  # (context, source) -> finished translation


def read_ts(path: Path) -> Messages:
    found: Messages = {}
    for context in ET.parse(path).getroot().iter("context"):  # noqa: S314 (our own file)
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = translation is not None and translation.get("type") is None
            text = translation.text if translation is not None and finished else None
            found[(name, message.findtext("source", ""))] = text
    return found


@pytest.fixture(scope="module")
def in_code(tmp_path_factory: pytest.TempPathFactory) -> Messages:
    """Every translatable string in the code now, as lupdate finds it."""
    target = tmp_path_factory.mktemp("lupdate") / "current.ts"
    sources = sorted(
        str(p.relative_to(REPO))
        for folder in ("gui", "cli", "reporting")
        for p in (REPO / "wizard" / folder).rglob("*.py")
    )
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            "wizard/messages.py",
            "wizard/detection_words.py",
            *sources,
            "-ts",
            str(target),
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    return read_ts(target)


def test_every_string_in_the_code_has_a_german_translation(in_code: Messages) -> None:
    german = read_ts(FOLDER / "wizard_de.ts")
    untranslated = [
        f"{context}: {source}" for (context, source) in in_code if not german.get((context, source))
    ]
    assert untranslated == [], "run scripts/update_translations.sh and translate these"
    assert len(in_code) > 100


def test_translations_keep_placeholders_and_have_one_mnemonic_at_most() -> None:
    for (context, source), translation in read_ts(FOLDER / "wizard_de.ts").items():
        assert translation is not None, f"{context}: {source}"
        assert sorted(PLACEHOLDER.findall(translation)) == sorted(PLACEHOLDER.findall(source))
        assert translation.count("&") == source.count("&"), f"{context}: {source}"


@pytest.mark.parametrize("language", ["en", "de"])
def test_compiled_files_match_their_sources(language: str, tmp_path: Path) -> None:
    compiled = tmp_path / f"wizard_{language}.qm"
    subprocess.run(
        [
            str(BIN / "pyside6-lrelease"),
            "-removeidentical",
            str(FOLDER / f"wizard_{language}.ts"),
            "-qm",
            str(compiled),
        ],
        check=True,
        capture_output=True,
    )
    shipped = FOLDER / f"wizard_{language}.qm"
    assert compiled.read_bytes() == shipped.read_bytes(), "run scripts/update_translations.sh"
