"""Numbers, dates, times, percentages and amounts that differ between aligned segments."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import cache

from checker.model import Finding, Severity
from checker.language.number_compare import NumberDiff, compare_texts
from checker.language.number_extract import extract_quantities
from checker.language.number_values import Quantity, QuantityKind, in_target_style, resemblance
from checker.language.conventions import language_data, number_languages
from checker.rules.base import CheckContext, Languages, Pair, Rule

# Both sides need conventions: a rule reading "1.500" in a language it does not know guesses.
_NUMBER_LANGUAGES = frozenset(number_languages())


class NumberMismatch(Rule):
    """
    ## What it does
    Reads every number, date, time, percentage and amount on both sides of each aligned
    pair, normalises them across languages ("1,5 млн" = "1.5 million" = "1,500,000";
    "16 февраля 2022 года" = "February 16, 2022"; "сутки" = "24 hours"; "двух" = "two" = "2")
    and reports a value found on one side only. A 2-1 or 1-2 bead is compared as the joined
    text of each side. A bead whose numbers do not agree is also compared joined with an
    unaligned sentence beside it (an aligner's 1-1 plus an addition that should have been a
    1-2), and the reading that leaves fewer values unexplained is reported.

    A month named without a day is a value too ("до конца марта" = "until the end of
    March", "в феврале 2022 года" = "in February 2022"). English "May" and "March" count as
    months only after a time word ("in", "until", "by", "since", "mid-", "the end of") or
    before a year, so that "May I…", "Theresa May" and "a protest march" are not read; an
    English month followed by a capitalised word, with no time word before it, is a first
    name ("April Ryan"). In Russian and Ukrainian a capitalised form is a name ("Марта")
    unless a year follows.

    A sign is kept where it is written: "-15", "−15", "минус 15", "minus 15", "15
    градусов мороза", "15 degrees below zero" are all −15; "+15" is 15. A minus right after
    a digit or a letter is a range or a code name ("4-6%", "Ту-154"), not a sign.

    Separators, scale words, months and dates follow each language's conventions ("1.250.000,5"
    in German, "12 500,75" in French, "３億５０００万", "９８・２４" and "７９円２０銭" in Japanese,
    "十四億" in Chinese). Digits inside a name ("COVID-19", "F-16", "Boeing 737", "Leopard 2")
    match the same digits on the other side and are reported only when changed into another
    name's ("F-15" for "F-16"), never as an amount that changed.

    Languages: the rule judges a pair only when both languages have conventions data
    (``checker/language/data/lang_*.json``); for any other it says nothing, as it would have
    to guess whether "1.500" is 1500 or 1.5. Where a language's number words are not all
    known (all but Russian, Ukrainian and English), a number the other side writes in digits
    is reported only as part of a substitution: it may be there in words.

    ## Why
    A wrong digit is the costliest mistake a translation can carry and the easiest to
    miss in review: the sentence still reads well.

    ## Example
    Source: «Байден заявил, что Россия нападет 16 февраля.»
    Target: "Biden said that Russia would attack on February 18."
    Reported: "February 18" in the target does not match "16 февраля" in the source.

    Source: «Дело было частично закрыто в июле.»
    Target: "The case was partially closed in June."
    Reported: "June" in the target does not match "июле" in the source.

    Source: «Ночью до -15 градусов.»
    Target: "Down to 15 degrees at night."
    Reported: "15" in the target does not match "-15" in the source.

    Not reported: a number written in words on one side and in digits on the other, a
    reformatted date or separator, a year dropped after a month name the other side
    writes in full, a month one side names and the other leaves out ("в марте" → "this
    spring": translators do this freely; only a month changed into another is reported),
    the year of a date whose day and month the target gives when it is the document's own
    ("27 июля - 2 августа 2020 года" → "July 27–August 2" in a story of 2020: the target
    names 2020 elsewhere, or no later year is in the source; a year changed into another,
    or an earlier one left out, is reported).
    Converted units or currencies *are* reported: the digits differ. So is a change whose
    sign one side writes and the other leaves to a verb ("снижение на −3%" → "a 3% fall").
    """

    code = "TC401"
    slug = "number-mismatch"
    severity = Severity.ERROR
    summary = "Numbers, dates, times, percentages or amounts differ between aligned segments."
    messages = {
        "changed": "“{target_value}” in the target does not match “{source_value}” in the source",
        "missing": "“{source_value}” in the source is missing from the target",
        "added": "“{target_value}” in the target is not in the source",
    }
    languages = Languages(
        _NUMBER_LANGUAGES, _NUMBER_LANGUAGES, why="no number conventions", also="nor does TC303's number check"
    )

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        beads = list(ctx.pairs())
        target_data = language_data(ctx.target.language)
        for k, pair in enumerate(beads):
            if not (pair.source and pair.target):
                continue
            diff = compare_texts(pair.source_text, ctx.source.language, pair.target_text, ctx.target.language)
            if not diff:
                continue
            pair, diff = _with_neighbours(ctx, beads, k, diff)
            diff = _without_known_years(ctx, pair, diff)
            if not diff:
                continue
            # Leftovers on both sides are most often one value changed into another: report
            # them as substitutions, pointing at the target. A leftover pairs with one of its
            # own kind first (a date with a date: "22 июля" → "June 22", not → "two").
            pairs = _substitutions(diff.missing, diff.added)
            for s, t in pairs:
                # A name's digits are shown, pointed at and fixed with their name: "G20" → "G7".
                text = pair.target_text
                a, b = _shown_span(t, text)
                fixed = in_target_style(s, t, target_data.decimal_separator, target_data.thousands_separators)
                yield self.finding(
                    "changed",
                    source=pair.source_location(*_shown_span(s, pair.source_text)),
                    target=pair.target_location(a, b),
                    suggestion=text[a : t.start] + fixed + text[t.end : b],
                    source_value=_shown(s, pair.source_text),
                    target_value=text[a:b],
                )
            paired_s = {id(s) for s, _ in pairs}
            paired_t = {id(t) for _, t in pairs}
            # A number in words left over once the substitutions are paired is a turn of
            # phrase ("the two parties"), not a value the source lacks; so is a lone 1 or 0
            # ("１ドル＝９８・２４円" → "98.24 yen to the dollar").
            for s in (q for q in diff.missing if id(q) not in paired_s and (q.reportable_alone or not pairs)):
                yield self.finding(
                    "missing",
                    source=pair.source_location(s.start, s.end),
                    target=pair.target_location(),
                    suggestion=s.describe(),
                    source_value=_shown(s, pair.source_text),
                )
            for t in (q for q in diff.added if id(q) not in paired_t and (q.reportable_alone or not pairs)):
                yield self.finding(
                    "added",
                    source=pair.source_location(),
                    target=pair.target_location(t.start, t.end),
                    target_value=_shown(t, pair.target_text),
                )


def _year_of(q: Quantity) -> int | None:
    """The year ``q`` names: a date's year, or four digits read as a plain number that may
    be one ("в 2022 году", "in 2021")."""
    values = q.numbers()
    if len(values) != 1 or not values[0].is_integer():
        return None
    if q.kind is QuantityKind.YEAR or (q.kind is QuantityKind.NUMBER and len(q.text) == 4 and 1800 <= values[0] <= 2100):
        return int(values[0])
    return None


def _document_years(ctx: CheckContext) -> tuple[frozenset[int], int | None]:
    """The years the target document states anywhere, and the latest the source states."""
    target = {
        y for seg in ctx.target.segments for q in extract_quantities(seg.text, ctx.target.language) if (y := _year_of(q))
    }
    source = [y for seg in ctx.source.segments for q in extract_quantities(seg.text, ctx.source.language) if (y := _year_of(q))]
    return frozenset(target), max(source, default=None)


def _shown(q: Quantity, text: str) -> str:
    """How a message names a quantity: as written, and a name's digits with their name
    ("G20", "F-15", not "20"), which is what the reader sees changed."""
    a, b = _shown_span(q, text)
    return text[a:b] if q.kind is QuantityKind.NAME else q.text


def _shown_span(q: Quantity, text: str) -> tuple[int, int]:
    if q.kind is not QuantityKind.NAME:
        return q.start, q.end
    start, end = q.start, q.end
    while start > 0 and (_name_char(text[start - 1]) or text[start - 1] in "-－" and start > 1 and _name_char(text[start - 2])):
        start -= 1
    while end < len(text) and _name_char(text[end]):
        end += 1
    return start, end


def _name_char(ch: str) -> bool:
    # Letters and digits of alphabets, full-width ones too ("Ｇ７"); not kana or kanji,
    # which run on into the sentence ("G7の会合").
    return ch.isalnum() and (ch < "\u2e80" or "\uff10" <= ch <= "\uff5a")


def _without_known_years(ctx: CheckContext, pair: Pair, diff: NumberDiff) -> NumberDiff:
    """``diff`` without the years of dates that the target gives without them and the reader knows.

    "27 июля - 2 августа 2020 года" → "from July 27–August 2": the day and month are there;
    the year is the article's own, which an English news story leaves out. A source year
    is not missing when it follows a date the target matched, the target has no year left
    over (a year changed into another is still reported), and it is the document's year:
    the target states it elsewhere, or it is the latest year the source names (a story
    dated in its own year; a date from an earlier year keeps its year in the report).
    """
    years = [q for q in diff.missing if q.kind is QuantityKind.YEAR and _year_of(q) is not None]
    if not years or any(_year_of(t) is not None for t in diff.added):
        return diff
    quantities = extract_quantities(pair.source_text, ctx.source.language)
    unmatched = {(q.start, q.end) for q in diff.missing}
    dates = [q for q in quantities if q.kind is QuantityKind.DATE and (q.start, q.end) not in unmatched]
    target_years, latest = ctx.shared(_document_years)
    redundant: set[int] = set()
    for y in years:
        value = _year_of(y)
        dated = any(0 <= y.start - d.end <= 3 and not pair.source_text[d.end : y.start].strip(" ,") for d in dates)
        if dated and (value in target_years or value == latest):
            redundant.add(id(y))
    if not redundant:
        return diff
    return NumberDiff(tuple(q for q in diff.missing if id(q) not in redundant), diff.added)


def _findings_count(diff: NumberDiff) -> int:
    subs = len(_substitutions(diff.missing, diff.added))
    return len(diff.missing) + len(diff.added) - subs


def _with_neighbours(ctx: CheckContext, beads: Sequence[Pair], k: int, diff: NumberDiff) -> tuple[Pair, NumberDiff]:
    """The bead, or the bead joined with the one-sided beads beside it, whichever explains its numbers better.

    An aligner that splits a 1-2 into a 1-1 and an addition ("…a можна завтра на пів 10..
    нас на 11 годину записали на курси" → "Is tomorrow at half past 10 OK?" + "We were
    enrolled in the courses at 11") leaves the 11 on one side of the bead and its match in
    the unaligned sentence: compared together, nothing is missing, and a changed number
    there ("at 18") is reported as the substitution it is, at the sentence that holds it.
    """
    pair = beads[k]
    before = [b for b in beads[max(0, k - 1) : k] if not (b.source and b.target)]
    after = [b for b in beads[k + 1 : k + 2] if not (b.source and b.target)]
    if not before and not after:
        return pair, diff
    joined = Pair(
        pair.alignment,
        tuple(s for b in (*before, pair, *after) for s in b.source),
        tuple(t for b in (*before, pair, *after) for t in b.target),
    )
    if joined.source == pair.source and joined.target == pair.target:
        return pair, diff
    wider = compare_texts(joined.source_text, ctx.source.language, joined.target_text, ctx.target.language)
    if _findings_count(wider) <= _findings_count(diff) and wider != diff:
        return joined, wider
    return pair, diff


def _substitutions(missing: Sequence[Quantity], added: Sequence[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """Pair leftovers as substitutions: same kind first, then in reading order.

    Where one side has more of a kind than the other, the ones paired are those whose values
    the other side's resemble most, in reading order: "１ドル＝９８・２４円" → "98.42 yen to the
    dollar" is 98.24 changed into 98.42, not the 1 of "one dollar".
    """
    of_kind: dict[QuantityKind, list[int]] = defaultdict(list)
    for j, t in enumerate(added):
        of_kind[t.kind].append(j)
    missing_of_kind: dict[QuantityKind, list[Quantity]] = defaultdict(list)
    for q in missing:
        missing_of_kind[q.kind].append(q)
    taken: set[int] = set()
    pairs: list[tuple[Quantity, Quantity]] = []
    paired: set[int] = set()
    for kind, sources in missing_of_kind.items():
        for s, j in _ordered_matching(sources, [added[j] for j in of_kind[kind]]):
            pairs.append((s, added[of_kind[kind][j]]))
            taken.add(of_kind[kind][j])
            paired.add(id(s))
    unpaired = [s for s in missing if id(s) not in paired]
    # A name's digits ("F-16") stand in only for another name's, never for an amount.
    rest = (t for j, t in enumerate(added) if j not in taken and t.kind is not QuantityKind.NAME)
    pairs.extend(zip((s for s in unpaired if s.kind is not QuantityKind.NAME), rest))
    return sorted(pairs, key=lambda p: p[1].start)


def _ordered_matching(sources: Sequence[Quantity], targets: Sequence[Quantity]) -> list[tuple[Quantity, int]]:
    """(source, target index) for every quantity of the shorter side, both sides in reading
    order, of the greatest total resemblance. Equal counts pair in order (the usual case)."""
    m, n = len(sources), len(targets)
    if m == n:
        return [(q, j) for j, q in enumerate(sources)]
    sim = [[resemblance(x, y) for y in targets] for x in sources]

    @cache
    def best(i: int, j: int) -> tuple[float, tuple[tuple[int, int], ...]]:
        if i == m or j == n:
            return 0.0, ()
        rest, chosen = best(i + 1, j + 1)
        options = [(rest + sim[i][j], ((i, j), *chosen))]  # first: a tie pairs in reading order
        if m - i > n - j:  # the source side has quantities to spare: this one may be left
            options.append(best(i + 1, j))
        if n - j > m - i:
            options.append(best(i, j + 1))
        return max(options, key=lambda o: o[0])

    return [(sources[i], j) for i, j in best(0, 0)[1]]
