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

Digits inside a name ("COVID-19", "F-16", "Boeing 737": ``QuantityKind.NAME``) match any
quantity of the same value, but one left over counts only against a name left over on the
other side ("F-15" for "F-16"): a translator drops "-19" from "COVID-19" freely, and the
digits of a name are never a changed amount.

Languages differ in what this module can read (``checker.language.conventions``). A
language without conventions data is not compared at all (``compare_texts`` finds
nothing): its separators would be guessed. Where a language's number words are not all
listed (``reads_spelled_numbers`` is False: Polish, Arabic, Chinese, …), a digit left over
on the other side may stand for words here that nobody read ("w ciągu dziesięciu dni" →
"for 10 days"), so it counts only in a substitution, as a soft quantity does.

A sign counts: "15" does not match "-15", so a temperature or a change that lost its sign is
reported. Units and currencies are not converted on purpose: "5 miles" for "5 км" keeps the
number and is not reported, while "8 km" for "5 км" is, which is what a reviewer wants.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checker.language.conventions import language_data
from checker.language.number_extract import extract_quantities
from checker.language.number_values import DayMonth, Month, Quantity, QuantityKind

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
    # A month alone agrees with a date in it: the day may be written in words the reader
    # does not know ("الثامن والعشرين من تشرين الأول" = "the 28th of October").
    if {Month(d.month) for d in dates} & b.values or {Month(d.month) for d in other_dates} & a.values:
        return True
    return not a.values.isdisjoint(b.values)


def compare_quantities(
    source: Sequence[Quantity],
    target: Sequence[Quantity],
    *,
    source_reads_words: bool = True,
    target_reads_words: bool = True,
) -> NumberDiff:
    """Pair quantities whose values meet (maximum bipartite matching); report what is left.

    A soft quantity left over counts only when the other side has a leftover too; a name's
    digits only when the other side has a name's left over. ``source_reads_words`` False says
    that the source may spell numbers in words nobody read: a target leftover then counts
    only as a soft one does (and ``target_reads_words`` likewise for source leftovers).
    """
    match_of_target: dict[int, int] = {}
    # Digits are tried before words on the target side too, so that what is left over is,
    # where it can be, a spelled number: "half a million, 500,000" for "полмиллиона".
    order = sorted(range(len(target)), key=lambda k: target[k].soft)

    def augment(i: int, seen: set[int]) -> bool:
        for j in order:
            t = target[j]
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
    return NumberDiff(_counted(missing, added, target_reads_words), _counted(added, missing, source_reads_words))


def _counted(leftovers: Sequence[Quantity], other: Sequence[Quantity], other_reads_words: bool) -> tuple[Quantity, ...]:
    """The leftovers of one side that count, given the other side's leftovers."""
    names = any(q.kind is QuantityKind.NAME for q in other)
    plain = any(q.kind is not QuantityKind.NAME for q in other)
    return tuple(
        q
        for q in leftovers
        if (names if q.kind is QuantityKind.NAME else (q.reportable_alone and other_reads_words) or plain)
    )


def compare_texts(source: str, source_language: str, target: str, target_language: str) -> NumberDiff:
    """``compare_quantities`` on two texts; nothing for a language without conventions data."""
    source_data, target_data = language_data(source_language), language_data(target_language)
    if not (source_data.numbers and target_data.numbers):
        return NumberDiff((), ())
    return compare_quantities(
        extract_quantities(source, source_language),
        extract_quantities(target, target_language),
        source_reads_words=source_data.reads_spelled_numbers,
        target_reads_words=target_data.reads_spelled_numbers,
    )
