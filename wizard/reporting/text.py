"""Plain text and Markdown renderings of a report ``Document``."""

from __future__ import annotations

from wizard.domaincheck.model import Severity
from wizard.reporting.document import Document, Fact, Note, Section, Table

# How a finding's severity is marked: in plain text, and in Markdown.
_MARKS = {
    Severity.GOOD: ("[ok]", "✅"),
    Severity.INFO: ("[i]", "ℹ️"),
    Severity.WARNING: ("[!]", "⚠️"),
    Severity.PROBLEM: ("[X]", "❌"),
}


def render_text(document: Document) -> str:
    lines = [document.title, "=" * len(document.title)]
    for section in document.sections:
        lines += ["", *_text_section(section, level=1)]
    return "\n".join(lines) + "\n"


def render_section_text(section: Section) -> str:
    """One section on its own, as a command shows it."""
    return "\n".join(_text_section(section, level=1)) + "\n"


def _text_section(section: Section, level: int) -> list[str]:
    underline = "-" if level == 1 else "·"
    lines = [section.title, underline * len(section.title)]
    facts = [item for item in section.items if isinstance(item, Fact)]
    width = max((len(fact.label) for fact in facts), default=0) + 2
    for item in section.items:
        if isinstance(item, Fact):
            lines.append(f"  {item.label + ':':<{width}}{item.value}")
        elif isinstance(item, Note):
            mark = f"{_MARKS[item.severity][0]} " if item.severity else ""
            lines.append(f"  {mark}{item.text}")
        elif isinstance(item, Table):
            lines += _text_table(item)
        else:
            lines += [f"    {line}" for line in item.lines]
    for sub in section.subsections:
        lines += ["", *_text_section(sub, level + 1)]
    return lines


def _text_table(table: Table) -> list[str]:
    widths = [
        max(len(row[i]) for row in (table.header, *table.rows)) for i in range(len(table.header))
    ]

    def line(cells: tuple[str, ...]) -> str:
        return "  " + "  ".join(f"{c:<{w}}" for c, w in zip(cells, widths, strict=True)).rstrip()

    return [line(table.header), line(tuple("-" * w for w in widths)), *map(line, table.rows)]


def render_markdown(document: Document) -> str:
    lines = [f"# {_md(document.title)}"]
    for section in document.sections:
        lines += ["", *_md_section(section, level=2)]
    return "\n".join(lines) + "\n"


def _md_section(section: Section, level: int) -> list[str]:
    lines = [f"{'#' * level} {_md(section.title)}", ""]
    for item in section.items:
        if isinstance(item, Fact):
            lines.append(f"- **{_md(item.label)}:** {_md(item.value)}")
        elif isinstance(item, Note):
            mark = f"{_MARKS[item.severity][1]} " if item.severity else ""
            lines.append(f"- {mark}{_md(item.text)}")
        elif isinstance(item, Table):
            lines += ["", "| " + " | ".join(map(_cell, item.header)) + " |"]
            lines.append("|" + "---|" * len(item.header))
            lines += ["| " + " | ".join(map(_cell, row)) + " |" for row in item.rows]
            lines.append("")
        else:
            fence = "~~~~" if any("```" in line for line in item.lines) else "```"
            lines += ["", fence, *item.lines, fence, ""]
    for sub in section.subsections:
        lines += ["", *_md_section(sub, level + 1)]
    return lines


def _md(text: str) -> str:
    """Text that Markdown shows as it is: its markup characters escaped."""
    return "".join(f"\\{c}" if c in "\\`*_[]<>#|" else c for c in text)


def _cell(text: str) -> str:
    return _md(text).replace("\n", " ")
