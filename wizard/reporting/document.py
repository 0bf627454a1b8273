"""A report's layout, independent of its format: titled sections of facts, sentences (with a
severity where one applies), tables and verbatim blocks. Every readable format renders this
one structure, so text, Markdown and HTML always say the same things."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.domaincheck.model import Severity


@dataclass(frozen=True)
class Fact:
    """A labelled value: "Server: smtp.example.com"."""

    label: str
    value: str


@dataclass(frozen=True)
class Note:
    """A sentence for people, marked with a severity where it is a finding."""

    text: str
    severity: Severity | None = None


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Verbatim:
    """Lines shown exactly as they are (a transcript), in a fixed-width font."""

    lines: tuple[str, ...]


Item = Fact | Note | Table | Verbatim


@dataclass(frozen=True)
class Section:
    title: str
    items: tuple[Item, ...]
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Document:
    title: str
    sections: tuple[Section, ...]
