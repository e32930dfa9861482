"""The values that flow through the pipeline: read → segment → embed → align → rules → report.

Every type here is a frozen dataclass or an enum: each stage hands the next a value it
cannot change. Offsets are always character offsets into the *original* file text, so a
report can give line and column even when Markdown markup was stripped from a sentence.
"""

from __future__ import annotations

import bisect
import enum
from dataclasses import dataclass, field
from functools import cached_property
from collections.abc import Iterable
from typing import Any


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character range [start, end) into a document's original text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Segment:
    """One sentence (or heading, or list item) of a document.

    ``text`` is what rules and the encoder see: markup removed, whitespace runs folded.
    ``offsets[i]`` is the original-text offset of ``text[i]``; it is empty when ``text``
    is exactly ``original[span.start:span.end]`` (plain text), to keep memory small.
    ``block`` numbers the paragraph/heading/list item the sentence belongs to, which is a
    hard sentence boundary and useful evidence for the aligner.
    """

    index: int
    text: str
    span: Span
    block: int = 0
    offsets: tuple[int, ...] = ()
    is_heading: bool = False

    def original_offset(self, i: int) -> int:
        """Original-text offset of ``text[i]``; ``i == len(text)`` maps to the span's end."""
        if i >= len(self.text):
            return self.span.end
        if not self.offsets:
            return self.span.start + i
        return self.offsets[i]

    def original_span(self, start: int, end: int) -> Span:
        """Map a [start, end) range of ``text`` onto the original file text."""
        if start >= end:
            o = self.original_offset(start)
            return Span(o, o)
        return Span(self.original_offset(start), self.original_offset(end - 1) + 1)


@dataclass(frozen=True)
class Document:
    path: str
    language: str
    text: str
    segments: tuple[Segment, ...]
    format: str = "text"  # "text", "markdown" or "segmented"
    encoding: str = "utf-8"

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        for i, ch in enumerate(self.text):
            if ch == "\n":
                starts.append(i + 1)
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an original-text offset (columns count characters)."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def segment_texts(self) -> list[str]:
        return [s.text for s in self.segments]


class Severity(enum.Enum):
    """Ordered by how much it matters; maps onto SARIF's note / warning / error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True)
class Alignment:
    """An m:n bead. An empty side is an omission (target empty) or an addition (source empty).

    ``score`` is the similarity of the two sides (cosine of their embeddings, in [-1, 1]);
    None for a bead with an empty side.
    """

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float | None = None

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True)
class Location:
    """Where a finding points on one side: the segments involved and, optionally, the exact span."""

    segments: tuple[int, ...]
    span: Span | None = None


@dataclass(frozen=True)
class Finding:
    rule: str  # the slug, e.g. "term-forbidden"
    code: str  # the stable code, e.g. "TC102"
    severity: Severity
    message: str
    source: Location | None = None
    target: Location | None = None
    suggestion: str | None = None
    # Why the finding does not count, when it does not: "inSource" (a transcheck-disable
    # comment in the file) or "external" (listed in a baseline); SARIF's own two kinds.
    # A suppressed finding is still reported (JSON, SARIF), never silently dropped.
    suppressed: str | None = None


@dataclass(frozen=True)
class Report:
    source: Document
    target: Document
    alignments: tuple[Alignment, ...]
    findings: tuple[Finding, ...] = ()
    signature: dict[str, Any] = field(default_factory=dict)
    # One line each, for the user and not about the translation: e.g. the encoder this
    # language pair needs is not installed (which extra to install). The CLI prints them.
    warnings: tuple[str, ...] = ()

    def summary(self) -> dict[str, int]:
        return severity_counts(self.findings)


def severity_counts(findings: "Iterable[Finding]") -> dict[str, int]:
    """Findings by severity, suppressed ones not counted."""
    counts = {s.value: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
    for f in findings:
        if f.suppressed is None:
            counts[f.severity.value] += 1
    return counts


@dataclass(frozen=True)
class PairResult:
    """One pair of a run over many files (a content tree, a manifest).

    ``report`` is None when the pair could not be checked: then either ``error`` says why in
    one line (an unreadable file: the run goes on and exits 2 at the end), or ``findings``
    holds what is wrong with the pairing itself (a source without its translation, a target
    without a source), located in the file that exists.
    """

    source_path: str | None  # None: a target with no source
    target_path: str | None  # None: a source with no translation
    report: Report | None = None
    findings: tuple[Finding, ...] = ()
    error: str | None = None

    def all_findings(self) -> tuple[Finding, ...]:
        return self.report.findings if self.report is not None else self.findings


@dataclass(frozen=True)
class RunReport:
    """Every pair of one run, in a stable order (sorted by source path, then target path)."""

    pairs: tuple[PairResult, ...]
    signature: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> dict[str, int]:
        return severity_counts(f for p in self.pairs for f in p.all_findings())

    @property
    def errors(self) -> tuple[PairResult, ...]:
        return tuple(p for p in self.pairs if p.error is not None)
