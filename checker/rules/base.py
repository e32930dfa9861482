"""What every rule is: one class that declares everything about it, and the context it reads.

A rule's declaration is the single place its metadata lives, as a ruff rule keeps detection,
message formats and documentation together and a Vale rule has one ``Definition``:

- ``code`` (stable, never reused), ``slug`` (the JSON ``rule`` field), ``severity`` (the
  default; ``Settings.severity`` may override it per run, as Vale's configuration overrides a
  rule's level), ``summary`` (one line: rule lists, SARIF ``shortDescription``);
- ``messages``: the message templates (``str.format`` fields) its findings are made from;
- ``thresholds``: the calibrated cut-offs it applies, recorded in every report's signature;
- ``supersedes``: which other findings its own make redundant (applied by ``run_rules``);
- ``languages``: the language pairs it runs for;
- the class docstring: its documentation (``transcheck rules CODE``, SARIF help), in Markdown
  under the headings "## What it does", "## Why", "## Example".

``Rule.__init_subclass__`` refuses a rule that leaves one of them out.
"""

from __future__ import annotations

import bisect
import enum
import inspect
import re
import string
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar, TypeVar, cast

from checker.language.conventions import language_key
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
    from checker.model import SimilarityScale
    from checker.embed import Encoder
    from checker.glossary.schema import Glossary

T = TypeVar("T")


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
    # For rules that compare meaning (quotes); None skips those comparisons.
    encoder: "Encoder | None" = None
    # Cut-offs the configuration replaces, by rule code then name (Settings.thresholds).
    thresholds: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    # How this pair's cosines are spread (the aligner's measure), so that rules compare
    # normalised similarities whatever the encoder; None: raw cosines.
    similarity: "SimilarityScale | None" = None
    # Analyses several rules share (the quotation pairing of TC301–TC303), computed once per
    # context by ``shared``. The context owns them, so they go when it goes.
    _shared: dict[Callable[["CheckContext"], object], object] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def shared(self, compute: Callable[["CheckContext"], T]) -> T:
        """``compute(self)``, computed on first use and kept for every later rule."""
        if compute not in self._shared:
            self._shared[compute] = compute(self)
        return cast(T, self._shared[compute])

    def threshold(self, code: str, name: str, default: float) -> float:
        """A rule's calibrated cut-off, or the value the configuration puts in its place."""
        return float(self.thresholds.get(code, {}).get(name, default))

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


class Scope(enum.Enum):
    """Where a superseding finding makes another one redundant."""

    # The other finding lies wholly in target sentences this rule flagged (TC503: what other
    # rules read into a sentence left in the source language only repeats that finding).
    TARGET_SENTENCES = "target-sentences"
    # The other finding points at the same target span with the same fix (TC102 and TC201 on
    # one "Kharkov"): it says nothing new.
    SAME_SPAN_AND_FIX = "same-span-and-fix"


@dataclass(frozen=True)
class Supersedes:
    """This rule's findings make findings of ``rules`` redundant within ``scope``.

    ``rules`` holds codes or code prefixes ("TC2"); empty means every other rule. A rule may
    name itself: then its earlier finding wins over its later ones.
    """

    scope: Scope
    rules: tuple[str, ...] = ()

    def covers(self, code: str, own_code: str) -> bool:
        if not self.rules:
            return code != own_code
        return any(code.startswith(prefix) for prefix in self.rules)

    def describe(self, own_code: str) -> str:
        what = "every other rule's findings" if not self.rules else ", ".join(self.rules) + " findings"
        where = {
            Scope.TARGET_SENTENCES: "in the target sentences it flags",
            Scope.SAME_SPAN_AND_FIX: "at the same target span with the same fix",
        }[self.scope]
        return f"{what} {where}"


def _primary(language: str) -> str:
    return language_key(language)


@dataclass(frozen=True)
class Languages:
    """The language pairs a rule runs for, by primary subtag ("en" covers "en-GB"); None: any.

    ``why``: what a language needs for the rule to judge it, said when a pair is skipped
    ("no number conventions"); ``condition``: a further requirement that the languages alone
    do not settle, shown in ``transcheck rules CODE`` (an encoder that reads both).
    """

    source: frozenset[str] | None = None
    target: frozenset[str] | None = None
    why: str = ""
    condition: str = ""
    also: str = ""  # what else does not run for such a pair, said with the skip

    def applies(self, source: str, target: str) -> bool:
        return (self.source is None or _primary(source) in self.source) and (
            self.target is None or _primary(target) in self.target
        )

    def describe(self) -> str:
        if self.source is not None and self.source == self.target:
            parts = [f"source and target {', '.join(sorted(self.source))}"]
        else:
            parts = [
                f"{side} {', '.join(sorted(codes))}"
                for side, codes in (("source", self.source), ("target", self.target))
                if codes is not None
            ]
        text = "; ".join(parts) or "all"
        return f"{text} ({self.condition})" if self.condition else text

    def skipped(self, source: str, target: str) -> str:
        """Why a pair the rule does not run for is skipped: the languages it lacks."""
        lacking = [
            _primary(lang)
            for lang, codes in ((source, self.source), (target, self.target))
            if codes is not None and _primary(lang) not in codes
        ]
        reason = f"{self.why} for {', '.join(dict.fromkeys(lacking))}" if self.why else f"it runs for {self.describe()}"
        return f"{reason}; {self.also}" if self.also else reason


ALL_LANGUAGES = Languages()

_CODE = re.compile(r"TC\d{3}")
_SLUG = re.compile(r"[a-z]+(?:-[a-z]+)*")
_HEADINGS = ("## What it does", "## Why")


class Rule:
    """Base of every rule. Subclasses declare the class attributes and implement ``check``."""

    code: ClassVar[str]
    slug: ClassVar[str]
    severity: ClassVar[Severity]  # the default; Settings.severity may override it
    summary: ClassVar[str]
    messages: ClassVar[Mapping[str, str]]
    thresholds: ClassVar[Mapping[str, float]] = MappingProxyType({})
    supersedes: ClassVar[tuple[Supersedes, ...]] = ()
    languages: ClassVar[Languages] = ALL_LANGUAGES
    # False for a rule about the content tree (a file without its counterpart): its findings
    # are made while pairs are formed, so it has no per-pair fixtures (tests/batch has its tests).
    per_pair: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        for name in ("code", "slug", "severity", "summary", "messages"):
            if name not in cls.__dict__:
                raise TypeError(f"rule {cls.__name__} does not declare {name!r}")
        if not _CODE.fullmatch(cls.code) or not _SLUG.fullmatch(cls.slug):
            raise TypeError(f"rule {cls.__name__}: bad code {cls.code!r} or slug {cls.slug!r}")
        if "\n" in cls.summary or not cls.summary.endswith("."):
            raise TypeError(f"rule {cls.code}: the summary is one sentence on one line")
        if not cls.messages:
            raise TypeError(f"rule {cls.code} declares no message")
        for key, template in cls.messages.items():
            # A malformed template fails here, at import, not on the first finding it makes.
            list(string.Formatter().parse(template))
        doc = cls.documentation()
        missing = [h for h in _HEADINGS if h not in doc]
        if missing:
            raise TypeError(f"rule {cls.code}: its docstring lacks {', '.join(missing)}")
        # Declarations are values: nobody may change a rule's templates or thresholds at run time.
        cls.messages = MappingProxyType(dict(cls.messages))
        cls.thresholds = MappingProxyType(dict(cls.thresholds))

    def __init__(self, severity: Severity | None = None) -> None:
        # The severity this run gives the rule's findings: the default unless configured.
        self.level: Severity = severity if severity is not None else self.severity

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        raise NotImplementedError

    def finding(
        self,
        message: str,
        /,
        *,
        source: Location | None = None,
        target: Location | None = None,
        suggestion: str | None = None,
        **fields: object,
    ) -> Finding:
        """A finding whose message is the declared template ``message``, filled with ``fields``."""
        text = self.messages[message].format(**fields)
        return Finding(self.slug, self.code, self.level, text, source, target, suggestion)

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")
