"""The sentences a source's row shows: one for every note, with its values filled in."""

from __future__ import annotations

import pytest

from wizard.messages import describe_origin, describe_source, status_label
from wizard.model import (
    Candidate,
    Security,
    ServerConfig,
    SourceName,
    SourceNote,
    SourceReport,
    SourceStatus,
    Tier,
    Trust,
)

# Every value any note may name, so that each sentence can be filled in.
VALUES = (
    ("provider", "Big Mail"),
    ("mx", "aspmx.l.bigmail.test"),
    ("servers", "smtp.x.test:465"),
    ("organisation", "Corp Ltd"),
)


def report(note: SourceNote | None, values: tuple[tuple[str, str], ...] = VALUES) -> SourceReport:
    return SourceReport(SourceName.MX, SourceStatus.NOTHING, 12, "MX mx.x.test", note, values)


@pytest.mark.parametrize("note", list(SourceNote))
def test_every_note_has_its_own_sentence(note: SourceNote) -> None:
    sentence = describe_source(report(note))

    assert sentence and "{" not in sentence and "}" not in sentence
    assert sentence != status_label(SourceStatus.NOTHING)
    assert "MX mx.x.test" not in sentence  # the technical detail is not the sentence


def test_sentences_differ_from_note_to_note() -> None:
    sentences = {describe_source(report(note)) for note in SourceNote}

    assert len(sentences) == len(SourceNote)


def test_placeholders_are_filled_with_the_reports_values() -> None:
    values = (("mx", "aspmx.l.google.test"), ("provider", "Google Mail"))

    sentence = describe_source(report(SourceNote.MX_PROVIDER, values))

    assert sentence == "Its mail is handled by Google Mail (aspmx.l.google.test)"


def test_found_provider_is_named() -> None:
    sentence = describe_source(report(SourceNote.PROVIDER_FOUND, (("provider", "Big Mail"),)))

    assert sentence == "Found: Big Mail"


def test_a_report_without_a_note_says_its_status() -> None:
    plain = SourceReport(SourceName.SRV, SourceStatus.TIMEOUT, 4000)

    assert describe_source(plain) == status_label(SourceStatus.TIMEOUT) == "timed out"


def test_sentences_go_through_the_translator() -> None:
    asked: list[tuple[str, str]] = []

    def translate(context: str, text: str) -> str:
        asked.append((context, text))
        return text.replace("They point to", "Sie verweisen auf")

    sentence = describe_source(report(SourceNote.SRV_FOUND), translate)

    assert asked == [("Messages", "They point to {servers}")]
    assert sentence == "Sie verweisen auf smtp.x.test:465"


@pytest.mark.parametrize("source", list(SourceName))
def test_every_source_says_where_settings_came_from(source: SourceName) -> None:
    """The wizard's result card and settings page say it for whatever source won: a preset's
    settings once made the detection page fail with a KeyError."""
    config = ServerConfig(
        "smtp.example.com", 465, Security.SSL, "alice", source, Trust.TRUSTED, Tier.PROVIDER, "x"
    )
    assert describe_origin(Candidate(config, None), "example.com")
