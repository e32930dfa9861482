"""What several renderers need: positions of locations, in lines and columns."""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.model import Document, Location, Segment, Span

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
