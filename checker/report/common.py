"""What several renderers need: positions of locations, in lines and columns."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from checker.model import Document, Finding, Location, PairResult, Report, RunReport, Segment, Severity, Span

# What a terminal would obey rather than show: C0 controls (ESC starts the sequences that
# retitle a window or clear the screen: \x1b]0;X\x07, \x1b[2J), DEL, C1 controls (\x9b is a
# one-byte CSI), and the bidirectional overrides and isolates that reorder a line as shown.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escaped(ch: str) -> str:
    code = ord(ch)
    return _NAMED.get(ch) or (f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")


def printable(text: str) -> str:
    """``text`` with every control character shown as an escape (\\x1b, \\n, \\u202e), for
    human-readable output: an article or a path can hold anything, the terminal must not run it."""
    return _CONTROL.sub(lambda m: _escaped(m.group()), text)


# json.dumps escapes C0 controls itself; with ensure_ascii=False it leaves these raw.
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def json_safe(serialised: str) -> str:
    """JSON text with the controls that json.dumps(ensure_ascii=False) leaves raw (DEL, C1,
    bidi overrides) escaped as \\uXXXX: the same data once parsed, inert when printed. They
    can only occur inside strings, where the escape means the same character."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", serialised)


@dataclass(frozen=True)
class Place:
    """A location resolved against its document, ready to print or serialise."""

    segments: tuple[int, ...]
    text: str  # the segments' text, joined
    span_text: str | None  # the flagged characters, as in the original file
    line: int
    column: int
    span: Span | None


def resolve(doc: Document, loc: Location) -> Place:
    segs = [doc.segments[i] for i in loc.segments]
    text = " ".join(s.text for s in segs)
    if loc.span is not None:
        line, col = doc.line_col(loc.span.start)
        whole = bool(segs) and loc.span == Span(segs[0].span.start, segs[-1].span.end)
        # A span covering the whole sentence (or an empty insertion point) points at nothing narrower.
        span_text = None if whole or not len(loc.span) else doc.text[loc.span.start : loc.span.end]
        return Place(loc.segments, text, span_text, line, col, loc.span)
    start = segs[0].span.start if segs else 0
    line, col = doc.line_col(start)
    return Place(loc.segments, text, None, line, col, None)


def local_range(seg: Segment, span: Span) -> tuple[int, int] | None:
    """The [i, j) range of ``seg.text`` that covers the original ``span``, if it overlaps."""
    if span.end <= seg.span.start or span.start >= seg.span.end:
        return None
    i = next((k for k in range(len(seg.text)) if seg.original_offset(k) >= span.start), len(seg.text))
    j = next((k for k in range(len(seg.text)) if seg.original_offset(k) >= span.end), len(seg.text))
    return i, j


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and the word as it goes with it: "1 error", "2 errors", "3 entries"."""
    return f"{n} {word if n == 1 else many if many is not None else word + 's'}"


def severity_phrase(counts: Mapping[str, int]) -> str:
    """Findings by severity as every totals line says them: "1 error, 2 warnings, 0 info"."""
    return f"{plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, {counts['info']} info"


# --- runs over many pairs -----------------------------------------------------------------


def single(report: Report) -> RunReport:
    """A one-pair run: how a single `transcheck check SOURCE TARGET` reaches the run renderers."""
    signature = report.signature.as_dict() if report.signature is not None else {}
    return RunReport((PairResult(report.source.path, report.target.path, report),), signature)


def fails(severity: Severity, fail_on: str) -> bool:
    """Whether a finding of ``severity`` fails a run with ``--fail-on fail_on``."""
    return fail_on != "never" and severity >= Severity(fail_on)


def counts(finding: Finding, fail_on: str) -> bool:
    """A finding that makes the run fail: not suppressed, at or above ``fail_on``."""
    return finding.suppressed is None and fails(finding.severity, fail_on)


def exit_code(run: RunReport, fail_on: str) -> int:
    """0 clean, 1 a finding at or above ``fail_on``, 2 a pair that could not be checked."""
    if run.errors:
        return 2
    return 1 if any(counts(f, fail_on) for p in run.pairs for f in p.all_findings()) else 0


@dataclass(frozen=True)
class Region:
    """Where a finding is shown, 1-based; ``end_column`` is exclusive (the column after the
    last flagged character), as in SARIF. Columns count Unicode characters (code points)."""

    path: str
    start_line: int
    start_column: int
    end_line: int
    end_column: int
    snippet: str | None  # the flagged characters, when narrower than whole sentences


def _region(doc: Document, loc: Location) -> Region:
    if loc.span is not None:
        span = loc.span
    elif loc.segments:
        span = Span(doc.segments[loc.segments[0]].span.start, doc.segments[loc.segments[-1]].span.end)
    else:
        return Region(doc.path, 1, 1, 1, 1, None)
    line, col = doc.line_col(span.start)
    if len(span):
        # The last flagged character's position + 1: a span ending at a line break stays on its line.
        end_line, end_col = doc.line_col(span.end - 1)
        end_col += 1
    else:
        end_line, end_col = line, col
    return Region(doc.path, line, col, end_line, end_col, doc.text[span.start : span.end] or None)


def primary_region(pair: PairResult, f: Finding) -> Region:
    """The place a finding is reported at: in the target when it has a target side (an
    omission's is where the sentence is missing), in the source otherwise, and for a pair
    that was never checked (a missing translation), line 1 of the file that exists."""
    rep = pair.report
    if rep is not None:
        if f.target is not None:
            return _region(rep.target, f.target)
        if f.source is not None:
            return _region(rep.source, f.source)
        return Region(rep.target.path, 1, 1, 1, 1, None)
    return Region(pair_path(pair), 1, 1, 1, 1, None)


def source_region(pair: PairResult, f: Finding) -> Region | None:
    """The source side, when the finding is reported in the target and has one."""
    rep = pair.report
    if rep is None or f.target is None or f.source is None or not f.source.segments:
        return None
    return _region(rep.source, f.source)


def pair_path(pair: PairResult) -> str:
    """The file a pair's own problems are reported in: the target, else the source."""
    return pair.target_path or pair.source_path or ""


def run_warnings(run: RunReport) -> list[tuple[str, list[str]]]:
    """(warning, the files of the pairs it was given for), once each: what a check did not
    do (a rule that does not run for a language, an encoder that does not read it) is no
    finding, but a CI log that shows only findings would pass it as a clean check."""
    where: dict[str, list[str]] = {}
    for pair in run.pairs:
        for w in pair.report.warnings if pair.report is not None else ():
            where.setdefault(w, []).append(pair_path(pair))
    return list(where.items())


def error_path(pair: PairResult) -> str:
    """The file a pair's error is about: the one its message starts with (an unreadable
    source), else the file its problems are reported in."""
    error = pair.error or ""
    for path in (pair.source_path, pair.target_path):
        if path and error.startswith(f"{path}:"):
            return path
    return pair_path(pair)


def pair_name(pair: PairResult) -> str:
    return f"{pair.source_path or '(no source)'} → {pair.target_path or '(no translation)'}"


def sentences(doc: Document, loc: Location | None) -> str:
    if loc is None:
        return ""
    return " ".join(doc.segments[i].text for i in loc.segments if 0 <= i < len(doc.segments))
