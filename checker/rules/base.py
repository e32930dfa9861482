"""What every rule is: a class with a stable code, a slug, a default severity and a docstring.

The docstring is the rule's documentation (``transcheck rules``, SARIF help); write it under
the headings "## What it does", "## Why", "## Example" (Markdown: SARIF help shows it).
"""

from __future__ import annotations

import bisect
import inspect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from checker.model import (
    Alignment,
    Document,
    Finding,
    Location,
    Segment,
    Severity,
    Span,
)

if TYPE_CHECKING:
    from checker.align import SimilarityScale
    from checker.embed import Encoder
    from checker.glossary.schema import Glossary


@dataclass(frozen=True)
class Pair:
    """One aligned bead with both sides' segments and their joined text."""

    alignment: Alignment
    source: tuple[Segment, ...]
    target: tuple[Segment, ...]

    @property
    def source_text(self) -> str:
        return " ".join(s.text for s in self.source)

    @property
    def target_text(self) -> str:
        return " ".join(s.text for s in self.target)

    def source_location(self, start: int | None = None, end: int | None = None) -> Location:
        """Location of [start, end) of ``source_text`` (or of the whole side)."""
        return _locate(self.source, start, end)

    def target_location(self, start: int | None = None, end: int | None = None) -> Location:
        return _locate(self.target, start, end)


def _locate(segments: tuple[Segment, ...], start: int | None, end: int | None) -> Location:
    indices = tuple(s.index for s in segments)
    if not segments:
        return Location(indices, None)
    if start is None or end is None:
        return Location(indices, Span(segments[0].span.start, segments[-1].span.end))
    # Offsets are into " ".join(texts): find the segment holding each end of the range.
    starts: list[int] = []
    pos = 0
    for seg in segments:
        starts.append(pos)
        pos += len(seg.text) + 1

    def seg_at(p: int) -> tuple[Segment, int]:
        k = max(0, bisect.bisect_right(starts, p) - 1)
        return segments[k], min(p - starts[k], len(segments[k].text))

    first_seg, first_off = seg_at(start)
    if end <= start:
        o = first_seg.original_offset(first_off)
        return Location(indices, Span(o, o))
    last_seg, last_off = seg_at(end - 1)
    first = first_seg.original_offset(first_off)
    last = last_seg.original_offset(last_off) + 1
    return Location(indices, Span(first, max(first, last)))


@dataclass(frozen=True)
class CheckContext:
    """Everything a rule may look at. Rules never read files or embed text themselves."""

    source: Document
    target: Document
    alignments: tuple[Alignment, ...]
    glossaries: tuple["Glossary", ...] = ()
    options: dict[str, Any] = field(default_factory=dict)
    # For rules that compare meaning (quotes); None skips those comparisons.
    encoder: "Encoder | None" = None
    # How this pair's cosines are spread (the aligner's measure), so that rules compare
    # normalised similarities whatever the encoder; None: raw cosines.
    similarity: "SimilarityScale | None" = None

    def pairs(self) -> Iterator[Pair]:
        """Every bead, nulls included, in document order."""
        for a in self.alignments:
            yield Pair(
                a,
                tuple(self.source.segments[i] for i in a.source),
                tuple(self.target.segments[j] for j in a.target),
            )

    def matched_pairs(self) -> Iterator[Pair]:
        """Beads with text on both sides."""
        for p in self.pairs():
            if p.source and p.target:
                yield p


class Rule:
    """Base of every rule. Subclasses set the class attributes and implement ``check``."""

    code: ClassVar[str]
    slug: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]  # one line, shown in rule lists and SARIF shortDescription
    # Calibrated cut-offs the rule applies, recorded in every report's signature.
    thresholds: ClassVar[dict[str, float]] = {}

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        raise NotImplementedError

    def finding(
        self,
        message: str,
        *,
        source: Location | None = None,
        target: Location | None = None,
        suggestion: str | None = None,
    ) -> Finding:
        return Finding(self.slug, self.code, self.severity, message, source, target, suggestion)

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")
