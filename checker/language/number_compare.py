"""Quantities compared across languages: which numbers, dates and times one side lacks.

Two quantities match when their value sets meet (a quantity carries several values when its
reading is ambiguous: "1,000" in Russian may be 1.0 or 1000; "10:00" also matches "10 a.m.";
"90-х" may be 90 or 1990). ``compare_quantities`` pairs source and target quantities by
maximum bipartite matching and returns what is left on each side.

Some quantities are *soft*: those written in words ("two", "двух", "first", "XX"), which
translators write or drop freely ("one of", "once", "a second"), and digits inside a code
name ("COVID-19", "G7", "Т-90М"), which translators shorten ("COVID") or render from a word
("Большая семерка" → "G7"). A soft quantity left over only counts when the other side has
something left over too (a substitution: "three" for "четыре", "T-80" for "Т-90"), and a
spelled "one"/"first" never counts: it is far more often a pronoun or an idiom ("one of",
"в первую очередь"). Digits left over on either side always count.

A sign counts: "15" does not match "-15", so a temperature or a change that lost its sign is
reported. Units and currencies are not converted on purpose: "5 miles" for "5 км" keeps the
number and is not reported, while "8 km" for "5 км" is, which is what a reviewer wants.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checker.language.number_extract import extract_quantities
from checker.language.number_values import DayMonth, Quantity

__all__ = ["NumberDiff", "compare_quantities", "compare_texts", "quantities_match"]


@dataclass(frozen=True)
class NumberDiff:
    """What ``compare_quantities`` left unmatched: ``missing`` from the target, ``added`` to it."""

    missing: tuple[Quantity, ...]
    added: tuple[Quantity, ...]

    def __bool__(self) -> bool:
        return bool(self.missing or self.added)


def quantities_match(a: Quantity, b: Quantity) -> bool:
    """Whether ``a`` and ``b`` may stand for the same value."""
    dates = {v for v in a.values if isinstance(v, DayMonth)}
    other_dates = {v for v in b.values if isinstance(v, DayMonth)}
    if dates and other_dates:
        # A date's day alone ("16") is there for "on the 16th"; two dates compare whole.
        return not dates.isdisjoint(other_dates)
    return not a.values.isdisjoint(b.values)


def compare_quantities(source: Sequence[Quantity], target: Sequence[Quantity]) -> NumberDiff:
    """Pair quantities whose values meet (maximum bipartite matching); report what is left.

    A soft quantity left over counts only when the other side has a leftover too.
    """
    match_of_target: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j, t in enumerate(target):
            if j in seen or not quantities_match(source[i], t):
                continue
            seen.add(j)
            if j not in match_of_target or augment(match_of_target[j], seen):
                match_of_target[j] = i
                return True
        return False

    # Digits first, so that a spelled "one" does not take the partner a digit needed.
    for i in sorted(range(len(source)), key=lambda k: source[k].soft):
        augment(i, set())
    matched_sources = set(match_of_target.values())
    missing = [q for i, q in enumerate(source) if i not in matched_sources]
    added = [q for j, q in enumerate(target) if j not in match_of_target]
    missing = [q for q in missing if not q.ignorable]
    added = [q for q in added if not q.ignorable]
    return NumberDiff(
        tuple(q for q in missing if q.reportable_alone or added),
        tuple(q for q in added if q.reportable_alone or missing),
    )


def compare_texts(source: str, source_language: str, target: str, target_language: str) -> NumberDiff:
    """``compare_quantities`` on two texts."""
    return compare_quantities(
        extract_quantities(source, source_language), extract_quantities(target, target_language)
    )
