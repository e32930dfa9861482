"""Inline suppression: `<!-- transcheck-disable … -->` comments in Markdown files.

    <!-- transcheck-disable TC102 -->        from here on, TC102 findings are suppressed …
    <!-- transcheck-enable -->               … up to here (without codes: every rule again)
    <!-- transcheck-disable-next-line -->    the next non-blank line, every rule (or the codes given)

Codes are written as for --select: codes, code prefixes (TC1 is every glossary rule) or
slugs, separated by spaces or commas; no code means every rule. `transcheck-enable TC102`
ends only a `transcheck-disable TC102`. A disable without an enable lasts to the end of the
file. The comments are found in the original file text, so they work in either file of a
pair: a finding is suppressed when the text it flags on either side lies in a disabled
region of that side's file. Comments inside code blocks and code spans are examples, not
directives. Suppressed findings are kept, with ``suppressed="inSource"``: the JSON and SARIF
reports show them as suppressed, and they do not count towards the exit code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from checker.errors import InputError
from checker.model import Document, Finding, Location, Report

_DIRECTIVE = re.compile(
    r"<!--\s*transcheck-(?P<kind>disable-next-line|disable|enable)(?![\w-])(?P<args>(?:(?!-->).)*?)\s*-->",
    re.DOTALL,
)
_ALL = ""  # the pattern every code starts with


@dataclass(frozen=True)
class Region:
    """[start, end) of a document's text where findings matching ``patterns`` are suppressed."""

    start: int
    end: int
    pattern: str  # a code, a code prefix, a slug, or "" for every rule

    def covers(self, finding: Finding, offset: int) -> bool:
        return self.start <= offset < self.end and (
            finding.code.startswith(self.pattern) or finding.rule == self.pattern
        )


def _code_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of fenced and indented code blocks and of code spans."""
    from markdown_it import MarkdownIt

    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def offset(line: int) -> int:
        return starts[line] if line < len(starts) else len(text)

    ranges = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type in ("fence", "code_block") and token.map is not None:
            ranges.append((offset(token.map[0]), offset(token.map[1])))
    # Code spans: a backtick run, then text up to a run of the same length (CommonMark).
    # It may span lines but not paragraphs.
    for m in re.finditer(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", text, re.DOTALL):
        ranges.append((m.start(), m.end()))
    return ranges


def _patterns(args: str, doc: Document, offset: int) -> list[str]:
    from checker.rules import RULES

    codes = {r.code for r in RULES}
    slugs = {r.slug for r in RULES}
    out = []
    for item in re.split(r"[\s,]+", args.strip()):
        if not item:
            continue
        if item in slugs:
            out.append(item)
        elif any(c.startswith(item.upper()) for c in codes) and re.fullmatch(r"[A-Za-z]{2,}\d*", item):
            out.append(item.upper())
        else:
            # A misspelt code would silently suppress nothing: say so, where it is written.
            raise InputError(
                f"unknown rule {item!r} in a transcheck-disable/enable comment (see `transcheck rules`)",
                path=doc.path,
                line=doc.line_col(offset)[0],
            )
    return out or [_ALL]


def regions(doc: Document) -> tuple[Region, ...]:
    """The suppressed regions of a Markdown document; none for other formats."""
    if doc.format != "markdown" or "transcheck-" not in doc.text:
        return ()
    text = doc.text
    code = _code_ranges(text)
    out: list[Region] = []
    open_: dict[str, int] = {}  # pattern → where its disabled region began
    for m in _DIRECTIVE.finditer(text):
        if any(a <= m.start() < b for a, b in code):
            continue
        kind = m.group("kind")
        if kind == "enable":
            ending = set(open_) if not m.group("args").strip() else set(_patterns(m.group("args"), doc, m.start()))
            for pattern in sorted(ending & set(open_)):
                out.append(Region(open_.pop(pattern), m.start(), pattern))
        elif kind == "disable":
            for pattern in _patterns(m.group("args"), doc, m.start()):
                open_.setdefault(pattern, m.end())
        else:
            start, end = _next_line(text, m.end())
            for pattern in _patterns(m.group("args"), doc, m.start()):
                out.append(Region(start, end, pattern))
    out.extend(Region(start, len(text) + 1, pattern) for pattern, start in open_.items())
    return tuple(out)


def _next_line(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the first non-blank line after the one ``pos`` is on."""
    end = text.find("\n", pos)
    while end >= 0:
        start = end + 1
        end = text.find("\n", start)
        stop = len(text) if end < 0 else end
        if text[start:stop].strip():
            return start, stop + 1
    return len(text), len(text)


def _offsets(doc: Document, loc: Location | None) -> list[int]:
    if loc is None:
        return []
    if loc.span is not None:
        return [loc.span.start]
    return [doc.segments[i].span.start for i in loc.segments[:1]]


def apply(report: Report) -> Report:
    """``report`` with every finding that a comment covers marked ``suppressed="inSource"``."""
    src, tgt = regions(report.source), regions(report.target)
    if not src and not tgt:
        return report

    def covered(f: Finding) -> bool:
        return any(r.covers(f, o) for o in _offsets(report.source, f.source) for r in src) or any(
            r.covers(f, o) for o in _offsets(report.target, f.target) for r in tgt
        )

    findings = tuple(
        replace(f, suppressed="inSource") if f.suppressed is None and covered(f) else f for f in report.findings
    )
    return replace(report, findings=findings)
