"""The values that flow through the pipeline: read → segment → embed → align → rules → report.

Every type here is a frozen dataclass or an enum: each stage hands the next a value it
cannot change. Offsets are always character offsets into the *original* file text, so a
report can give line and column even when Markdown markup was stripped from a sentence.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Generic, TypeVar


K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V], Generic[K, V]):
    """An immutable mapping that, unlike MappingProxyType, pickles (settings and reports cross
    process boundaries in a batch run) and hashes (so frozen dataclasses holding one do)."""

    __slots__ = ("_items", "_index")

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        self._index: dict[K, V] = dict(items.items()) if isinstance(items, Mapping) else dict(items)
        self._items: tuple[tuple[K, V], ...] = tuple(self._index.items())

    def __getitem__(self, key: K) -> V:
        return self._index[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __hash__(self) -> int:
        return hash(frozenset(self._index.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._index) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._index!r})"

    def __reduce__(self) -> tuple[type[FrozenMap[K, V]], tuple[tuple[tuple[K, V], ...]]]:
        return (type(self), (self._items,))


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
class Notice:
    """Something a user should know about how a file was read, though nothing is wrong with
    the translation: text read in a way its format does not define, a sentence too long to
    be one cut into pieces. The CLI prints it as a warning on stderr; it is not a finding."""

    message: str
    path: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Document:
    path: str
    language: str
    text: str
    segments: tuple[Segment, ...]
    format: str = "text"  # "text", "markdown" or "segmented"
    encoding: str = "utf-8"
    notices: tuple[Notice, ...] = ()

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


class FailOn(enum.StrEnum):
    """The least severity that makes a check fail (exit 1); ``never`` lets nothing fail."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"

    def fails(self, severity: Severity) -> bool:
        return self is not FailOn.NEVER and severity >= Severity(self.value)


@dataclass(frozen=True)
class GlossaryStamp:
    """A glossary as a signature records it: its path and the start of its content hash."""

    path: str
    sha256: str


@dataclass(frozen=True)
class Signature:
    """What produced a report, so that a CI log can be reproduced (cf. sacrebleu's signature).

    An alignment's signature has no rules (``rules`` is None); a check's records the rules
    that ran, their thresholds, ``fail_on``, the glossaries, and any severity overrides.
    """

    transcheck: str
    encoder: str
    encoder_version: str | None
    segmented: bool
    align: FrozenMap[str, object]
    # What the settings asked for ("auto" resolves per pair) and whether the encoder's
    # similarity was trusted as evidence of meaning for this language pair (None: not asked).
    encoder_requested: str | None = None
    encoder_reads_pair: bool | None = None
    rules: tuple[str, ...] | None = None
    thresholds: FrozenMap[str, FrozenMap[str, float]] = FrozenMap()
    fail_on: FailOn | None = None
    glossaries: tuple[GlossaryStamp, ...] = ()
    severity: FrozenMap[str, Severity] = FrozenMap()  # per-rule overrides of this run
    min_severity: Severity | None = None  # findings below it were not reported (per-path overrides)
    # What the command around the check adds: the configuration file, a cluster's counts.
    extra: FrozenMap[str, Any] = FrozenMap()

    def as_dict(self) -> dict[str, Any]:
        """Plain data in the JSON contract's key order."""
        out: dict[str, Any] = {
            "transcheck": self.transcheck,
            "encoder": self.encoder,
            "encoder_version": self.encoder_version,
            "encoder_requested": self.encoder_requested,
            "encoder_reads_pair": self.encoder_reads_pair,
            "segmented": self.segmented,
            "align": dict(self.align),
        }
        if self.rules is not None:
            out["rules"] = list(self.rules)
            out["thresholds"] = {code: dict(values) for code, values in self.thresholds.items()}
            out["fail_on"] = None if self.fail_on is None else self.fail_on.value
            out["glossaries"] = [{"path": g.path, "sha256": g.sha256} for g in self.glossaries]
            if self.severity:
                out["severity"] = {code: level.value for code, level in self.severity.items()}
            if self.min_severity is not None:
                out["min_severity"] = self.min_severity.value
        out.update(self.extra)
        return out

    def __str__(self) -> str:
        """One line for a log, sacrebleu-style: ``transcheck:0.1.0|encoder:use-…|…``."""
        parts = [f"transcheck:{self.transcheck}", f"encoder:{self.encoder}"]
        if self.rules is not None:
            parts.append(f"rules:{','.join(self.rules)}")
            parts.append(f"fail_on:{self.fail_on.value if self.fail_on else 'error'}")
            parts += [f"glossary:{g.path}@{g.sha256}" for g in self.glossaries]
            parts += [f"severity:{code}={level.value}" for code, level in self.severity.items()]
        return "|".join(parts)


@dataclass(frozen=True)
class SimilarityScale:
    """How the cosines of one document pair are spread, as the aligner measured them (see
    ``checker.align``; here because reports carry it).

    ``base``: the typical cosine of unrelated pairs (the median over sampled source
    sentences of their candidates but the best); ``top``: the typical best match;
    ``signal``: how far best matches stand out (see ``AlignSettings.signal_low``). Encoders
    squeeze cosines differently (USE: unrelated ~0.15, translations ~0.7; e5: ~0.8 and
    ~0.92), so rules compare :meth:`normalised` cosines: 0 = unrelated, 1 = a typical match.
    """

    base: float
    top: float
    signal: float

    def normalised(self, cosine: float) -> float:
        return (cosine - self.base) / max(self.top - self.base, 0.1)


@dataclass(frozen=True)
class Report:
    source: Document
    target: Document
    alignments: tuple[Alignment, ...]
    findings: tuple[Finding, ...] = ()
    signature: Signature | None = None
    # One line each, for the user and not about the translation: e.g. the encoder this
    # language pair needs is not installed (which extra to install). The CLI prints them.
    warnings: tuple[str, ...] = ()
    # How this pair's cosines are spread (the aligner's measure): renderers that judge a
    # bead's similarity (the review page's weak bands) read it on the same scale as TC504.
    similarity: SimilarityScale | None = None

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
