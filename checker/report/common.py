"""What several renderers need: positions of locations, in lines and columns."""

from __future__ import annotations

from dataclasses import dataclass

from checker.model import Document, Location, Segment, Span


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
