"""The report as one self-contained HTML file: no scripts, no fonts, no images, nothing
fetched (a Content-Security-Policy forbids it), readable on a phone, printable, and light or
dark as the reader's system prefers."""

from __future__ import annotations

from html import escape

from wizard.domaincheck.model import Severity
from wizard.reporting.document import Document, Fact, Note, Section, Table, Verbatim

_STYLE = """
:root { color-scheme: light dark; --fg: #1b1b1f; --bg: #ffffff; --muted: #5b5b66;
  --line: #d7d7de; --code: #f3f3f6; --good: #1a7f37; --info: #0b5cad; --warning: #9a6700;
  --problem: #c0362c; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8ed; --bg: #16161a; --muted: #a6a6b3; --line: #3a3a44; --code: #24242b;
    --good: #4ac26b; --info: #6cb6ff; --warning: #d4a72c; --problem: #ff7b72; } }
* { box-sizing: border-box; }
body { margin: 0 auto; padding: 1rem; max-width: 60rem; color: var(--fg); background: var(--bg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); }
h3, h4 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
dl { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .25rem 1rem;
  margin: .5rem 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
ul { padding-left: 0; list-style: none; margin: .5rem 0; }
li { margin: .35rem 0; padding-left: 1.6rem; position: relative; overflow-wrap: anywhere; }
li::before { position: absolute; left: 0; font-weight: bold; }
li.good::before { content: "✓"; color: var(--good); }
li.info::before { content: "i"; color: var(--info); left: .35rem; }
li.warning::before { content: "!"; color: var(--warning); left: .35rem; }
li.problem::before { content: "✗"; color: var(--problem); }
.severity { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem;
  border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
pre { background: var(--code); padding: .75rem; overflow-x: auto; font-size: .85rem;
  white-space: pre-wrap; overflow-wrap: anywhere; }
@media (max-width: 36rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: .5rem; }
  table, tbody, tr, td { display: block; } thead { display: none; }
  tr { border-bottom: 1px solid var(--line); padding: .4rem 0; }
  td { border: 0; padding: .1rem 0; }
  td::before { content: attr(data-label) ": "; color: var(--muted); } }
@media print { body { max-width: none; font-size: 11pt; } pre, table { break-inside: avoid; }
  h2 { break-after: avoid; } }
"""


def render_html(document: Document, *, language: str = "en") -> str:
    body = "".join(_section(section, 2) for section in document.sections)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{escape(document.title)}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n<h1>{escape(document.title)}</h1>\n{body}</main>\n</body>\n</html>\n"
    )


def _section(section: Section, level: int) -> str:
    parts = [f"<section>\n<h{level}>{escape(section.title)}</h{level}>\n"]
    facts: list[Fact] = []
    notes: list[Note] = []

    def flush() -> None:
        if facts:
            rows = "".join(f"<dt>{escape(f.label)}</dt><dd>{escape(f.value)}</dd>" for f in facts)
            parts.append(f"<dl>{rows}</dl>\n")
            facts.clear()
        if notes:
            parts.append("<ul>" + "".join(_note(n) for n in notes) + "</ul>\n")
            notes.clear()

    for item in section.items:
        if isinstance(item, Fact):
            if notes:
                flush()
            facts.append(item)
            continue
        if isinstance(item, Note):
            if facts:
                flush()
            notes.append(item)
            continue
        flush()
        if isinstance(item, Table):
            parts.append(_table(item))
        elif isinstance(item, Verbatim):
            parts.append(f"<pre>{escape(chr(10).join(item.lines))}</pre>\n")
    flush()
    parts += [_section(sub, min(level + 1, 4)) for sub in section.subsections]
    parts.append("</section>\n")
    return "".join(parts)


def _note(note: Note) -> str:
    if note.severity is None:
        return f"<li>{escape(note.text)}</li>"
    # The mark before the text is drawn by CSS; screen readers and copied text get the word.
    label = {
        Severity.GOOD: "OK",
        Severity.INFO: "Note",
        Severity.WARNING: "Warning",
        Severity.PROBLEM: "Problem",
    }[note.severity]
    return (
        f'<li class="{note.severity.value}"><span class="severity">{label}: </span>'
        f"{escape(note.text)}</li>"
    )


def _table(table: Table) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.header)
    rows = "".join(
        "<tr>"
        + "".join(
            f'<td data-label="{escape(label)}">{_breakable(cell)}</td>'
            for label, cell in zip(table.header, row, strict=True)
        )
        + "</tr>"
        for row in table.rows
    )
    table_html = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    return f'<div class="table">{table_html}</div>\n'


def _breakable(text: str) -> str:
    """Escaped ``text`` that may break after a colon or slash: fingerprints and URLs have no
    spaces, and a table column must not grow as wide as the longest of them."""
    return escape(text).replace(":", ":<wbr>").replace("/", "/<wbr>")
