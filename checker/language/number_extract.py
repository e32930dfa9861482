"""Numbers, dates, times, percentages and amounts, found in text with the values they stand for.

``extract_quantities(text, language)`` returns every quantity (``number_values.Quantity``)
with its character span and the set of normalised values it may stand for: "1,5 млн",
"1.5 million" and "1,500,000" all give ``Number(1500000.0)``; "16 февраля", "February 16th"
and "16.02.2022" give ``DayMonth(2, 16)``, the year of a date being a quantity of its own, so
"16 февраля 2022 года" matches "February 16, 2022" and a year dropped or changed shows up by
itself; a month named alone ("в марте", "until March", "in May 2022") gives ``Month(3)``
(see ``_standalone_months`` for when a month word is one); "10:00", "10.00" and "10 p.m."
give a ``TimeOfDay``.

Quantities written in words ("two", "двух", "first", "XX") are marked *soft*, and digits
inside a name ("COVID-19", "G7", "Т-90М", "Boeing 737", "Leopard 2") are of kind ``NAME``:
``number_compare`` says what that changes (``_name_numbers`` says what makes a name).

Conventions come from the language's data (``checker/language/data/lang_<code>.json``):
decimal and thousands separators ("1.500,5" in German, "1 500,5" or "1 500,5" in French,
"1'500" in Swiss German, "1,00,000" in Hindi), full-width and non-Latin digits ("１２３",
"١٢٣", "१२३"), and Japanese and Chinese numbers, dates and times ("１万０３６３・１８" =
10,363.18, "３億５０００万", "十四億", "2020年3月15日", "１５時３０分": ``_cjk_quantities``).

A number keeps its sign where the text writes one: a minus glued to the digits ("-15",
"−15"; not the dash of a range, "5-10", nor of a code name, "Ту-154"), a minus word
("минус 15", "minus 15"), or a below-zero phrase after it ("15 градусов мороза", "15 degrees
below zero"). "+15" and "15" are the same value.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import cache, lru_cache

from checker.language.conventions import LanguageData, language_data, language_key
from checker.language.morphology import analyser as morph_analyser
from checker.language.number_values import (
    DayMonth,
    Literal,
    Month,
    Number,
    Quantity,
    QuantityKind,
    TimeOfDay,
    Value,
    number,
)

__all__ = ["extract_quantities"]


# --- regular expressions -------------------------------------------------------------

_SPACES = " \u00a0\u202f\u2009"
_SPACES_SET = frozenset(_SPACES)  # a minus word is followed by one of these (see _sign_res)
# A number starts anywhere but inside another: after a digit, or a digit and a mark ("1.5",
# "1,5"). A mark after a letter or a space does not continue one: "тел.729", "(8, 10 ,12".
_DIGITS_RE = re.compile(
    rf"(?<!\d)(?<!\d[.,])(?:\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?:,\d+)?(?![\d])|\d+(?:[.,]\d+)*)"
)
# U+0589 (Armenian full stop) stands in for a colon in text typed on Armenian keyboards.
_TIME_RE = re.compile(r"(?<![\d:.,])([01]?\d|2[0-4])[:։]([0-5]\d)(?:[:։][0-5]\d)?(?![\d:])")
_HOURS_MINUTES_RE = re.compile(
    r"(?<![\d.,])([01]?\d|2[0-4])\s*(?:час(?:а|ов)?|ч\.?|год(?:ин[аи]?)?)\s+([0-5]?\d)\s*(?:минут[аы]?|мин\.?|хвилин[аи]?|хв\.?)(?![^\W\d_])",
    re.IGNORECASE,
)
_NUMERIC_DATE_RE = re.compile(r"(?<![\d.,/])(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[.,/]\d)")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CODE_NEIGHBOUR_RE = re.compile(r"[^\W\d_]-?$")  # a letter right before the digits: G7, COVID-19
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
# "2 1/2 million", "2½": mixed numbers; a bare "1/2" is left to the digit reader, as "24/7" is.
_FRACTION_RE = re.compile(r"(?<![\d/.,])(?:(\d+)\s+([1-3])/([234])|(\d+)?\s?([½¼¾⅓⅔]))(?![\d/])")
_CURRENCY_BEFORE_RE = re.compile(r"[$€£¥₽₴]\s?$")
_RUN_GAP_RE = re.compile(r"[\s\-\u00a0]*|\s+and\s+")
_HALF_RE = re.compile(r"\s+(с половиной|з половиною|and a half)", re.IGNORECASE)
_ROMAN_RE = re.compile(r"(?<![\w-])(X{0,3})(IX|IV|V?I{0,3})(?![\w-])")
_ORDINAL_SUFFIX_RE = re.compile(r"(?:st|nd|rd|th|-?(?:й|го|е|я|ый|ий|ой|ая|ое|ые|ых|ым|м|му|ом|х|ї|ий|го|ти))(?![^\W\d_])")
_AMPM_RE = re.compile(r"\s*(?:([ap])\.?\s?m\b\.?)", re.IGNORECASE)
_RANGE_GAP_RE = re.compile(r"\s*(?:[-–—]|до|по|to|and|or|и|или|та|і)\s*", re.IGNORECASE)
# A minus glued to the digits is a sign only after a space, an opening bracket or quote, or
# at the start: after a digit it is a range ("5-10"), after a letter a code name ("Ту-154").
_MINUS_SIGNS = "-\u2212"
_BEFORE_SIGN = "([{«„“\"'‘:;=~≈"
_YEAR_AFTER_RE = re.compile(r",?[ \u00a0]+(?:of[ \u00a0]+)?(?:1[89]|20)\d\d(?!\d)")
_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+)[\s\u00a0-]*$")
_NEXT_WORD_RE = re.compile(r"[ \u00a0]+([^\W\d_])")


@cache
def _month_re(code: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    data = language_data(code)
    if not data.months:
        return None
    forms = sorted(data.months, key=len, reverse=True)
    alt = "|".join(re.escape(f) + (r"(?![^\W\d_])" if not f.endswith(".") else "") for f in forms)
    flags = 0 if data.months_case_sensitive else re.IGNORECASE
    # The language's own marks after the day ("3. Oktober", "1er octobre") and words
    # between day, month and year ("3 de octubre de 2020").
    suffixes = "".join(f"|{re.escape(x)}" for x in data.day_suffixes)
    joiners = "".join(f"|{re.escape(x)}" for x in data.date_joiners)
    year_joiner = rf"(?:(?:{joiners[1:]})\s+)?" if joiners else ""
    day_first = re.compile(
        rf"(?<![\d.,])(\d{{1,2}})(?:-?(?:го|е|st|nd|rd|th|ого|ое){suffixes})?\s+(?:(?:of{joiners})\s+)?({alt})(?:,?\s+{year_joiner}(\d{{4}})(?!\d))?",
        flags,
    )
    month_first = re.compile(
        rf"({alt})\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?(?![\d])(?:,?\s+{year_joiner}(\d{{4}})(?!\d))?", flags
    )
    return day_first, month_first


@cache
def _standalone_month_re(code: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """A month form as a whole word, and the same forms ending a list just before ("March and")."""
    data = language_data(code)
    if not data.months or not data.month_cues:
        return None
    forms = sorted(data.months, key=len, reverse=True)
    alt = "|".join(re.escape(f) + (r"(?![^\W\d_])" if not f.endswith(".") else "") for f in forms)
    flags = 0 if data.months_case_sensitive else re.IGNORECASE
    word = re.compile(rf"(?<![^\W\d_])(?:{alt})", flags)
    list_before = re.compile(rf"(?<![^\W\d_])(?:{alt})(?:,?\s+\d{{4}})?(?:\s*,\s*|{_RANGE_GAP_RE.pattern})$", flags)
    return word, list_before


@cache
def _sign_res(code: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """A minus word right before a number, and a below-zero phrase right after it."""
    data = language_data(code)
    minus = None
    if data.minus_words:
        alt = "|".join(re.escape(w) for w in data.minus_words)
        minus = re.compile(rf"(?<![^\W\d_])(?:{alt})[{_SPACES}]+$", re.IGNORECASE)
    below = None
    if data.below_zero_words or data.below_zero_after_degrees:
        degrees = "|".join(re.escape(w) for w in sorted(data.degree_words, key=len, reverse=True))
        zero = "|".join(re.escape(w) for w in sorted(data.below_zero_words, key=len, reverse=True)) or "(?!)"
        frost = "|".join(re.escape(w) for w in sorted(data.below_zero_after_degrees, key=len, reverse=True)) or "(?!)"
        deg = rf"(?P<degrees>[{_SPACES}]*(?:{degrees}))?" if degrees else ""
        below = re.compile(
            rf"{deg}[{_SPACES}]*(?:(?P<zero>{zero})|(?P<frost>{frost}))(?![^\W\d_])(?P<end>\s*(?:[.,;:!?)]|$))?",
            re.IGNORECASE,
        )
    return minus, below


@cache
def _scale_re(code: str) -> re.Pattern[str] | None:
    """Scale word right after a number: " млн", " million", "-million", "bn", "m" (attached)."""
    data = language_data(code)
    if not data.scale_words:
        return None
    spaced = sorted((w for w in data.scale_words if len(w) > 1), key=len, reverse=True)
    attached = sorted(data.scale_words, key=len, reverse=True)
    spaced_alt = "|".join(re.escape(w) + (r"(?![^\W\d_])" if not w.endswith(".") else "") for w in spaced)
    attached_alt = "|".join(re.escape(w) + r"(?![^\W\d_])" for w in attached)
    if data.scale_word_suffixes:
        # Turkish and Finnish glue case endings to the word: "10 milyondan", "100 miljoonaan".
        spaced_alt = "|".join(re.escape(w) for w in spaced if not w.endswith("."))
        spaced_alt = rf"(?:{spaced_alt})(?=(?:['’]?[^\W\d_]+)?(?![^\W\d_]))"
    # A one-letter scale ("5m", "$10k") must be attached: "5 m" is five metres.
    return re.compile(rf"(?:[{_SPACES}-]+(?P<spaced>{spaced_alt})(?:['’]?[^\W\d_]+)?|(?P<attached>{attached_alt}))" if data.scale_word_suffixes else rf"(?:[{_SPACES}-]+(?P<spaced>{spaced_alt})|(?P<attached>{attached_alt}))", re.IGNORECASE)


@cache
def _decade_re(code: str) -> re.Pattern[str] | None:
    """A decade suffix right after a number ("90-х", "1990s"), the first listed that fits.
    Suffixes are looked for in the next four characters only, so longer ones never count."""
    suffixes = [s for s in language_data(code).decade_suffixes if 0 < len(s) <= 4]
    return re.compile("|".join(re.escape(s) for s in suffixes)) if suffixes else None


@cache
def _percent_re(code: str) -> re.Pattern[str]:
    words = sorted(language_data(code).percent_words, key=len, reverse=True)
    alt = "|".join(re.escape(w) for w in words)
    return re.compile(rf"\s*(?:%|‰|{alt})" if alt else r"\s*%", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _lemma(word: str, code: str) -> str:
    morph = morph_analyser(code)
    return word if morph is None else str(morph.parse(word)[0].normal_form)


# --- extraction ------------------------------------------------------------------------


def extract_quantities(text: str, language: str) -> list[Quantity]:
    """Every number, date, time, percentage and amount in ``text``, in order of position."""
    code = language_key(language)
    data = language_data(code)
    original = text
    text = _normalised(text, data)
    claimed = bytearray(len(text))
    found: list[Quantity] = []

    def free(start: int, end: int) -> bool:
        return not any(claimed[start:end])

    def claim(q: Quantity) -> None:
        claimed[q.start : q.end] = b"\x01" * (q.end - q.start)
        found.append(q)

    for q in _cjk_quantities(text, data):
        if free(q.start, q.end):
            claim(q)
    for q in _month_dates(text, code):
        if free(q.start, q.end):
            claim(q)
    for q in _standalone_months(text, data, claimed):
        claim(q)
    for m in _NUMERIC_DATE_RE.finditer(text):
        if free(m.start(), m.end()):
            for q in _numeric_date(m, data):
                claim(q)
    for m in _FRACTION_RE.finditer(text):
        if free(m.start(), m.end()) and len(m[1] or m[4] or "") <= MAX_DIGITS:
            whole = int(m[1] or m[4] or 0)
            frac = int(m[2]) / int(m[3]) if m[2] else _VULGAR[m[5]]
            claim(_digit_quantity_after(text, data, Quantity(m.start(), m.end(), m[0], frozenset({number(whole + frac)}))))
    for m in [*_TIME_RE.finditer(text), *_HOURS_MINUTES_RE.finditer(text), *_clock_re(code).finditer(text)]:
        if free(m.start(), m.end()):
            claim(_with_ampm(text, Quantity(m.start(), m.end(), m.group(0), _time_values(int(m[1]), int(m[2] or 0)), QuantityKind.TIME)))
    digit_quantities = [q for q in _digit_numbers(text, data, claimed) if free(q.start, q.end)]
    for q in digit_quantities:
        claim(q)
    for q in _spelled_numbers(text, data, claimed):
        claim(q)
    for q in _stem_words(text, data, claimed):
        claim(q)
    for m in _roman_re(code).finditer(text):
        if len(m.group(0)) >= 2 and m[1] + m[2] and free(m.start(), m.end()):
            claim(Quantity(m.start(), m.end(), m.group(0), frozenset({number(_roman(m[1] + m[2]))}), QuantityKind.ORDINAL, soft=True, words=True))
    found.sort(key=lambda q: (q.start, q.end))
    quantities = _signed(text, data, _share_range_scale(text, found))
    quantities = _name_numbers(text, data, _centuries(text, data, quantities))
    # Spans are the same in both texts (``_normalised`` keeps the length); the reported
    # text is the original one ("１万", not "1万").
    return [q if q.text == original[q.start : q.end] else replace(q, text=original[q.start : q.end]) for q in quantities]


def _time_values(h: int, minute: int) -> frozenset[Value]:
    values: set[Value] = {TimeOfDay(h, minute), TimeOfDay(h % 12, minute)}
    if minute == 0:
        # "at 10:00" is "в 10 часов" and "at 10 a.m."
        values |= {number(h), number(h % 12 or 12)}
    return frozenset(values)


def _with_ampm(text: str, q: Quantity) -> Quantity:
    m = _AMPM_RE.match(text, q.end)
    if not m:
        return q
    extra: set[Value] = set()
    for v in q.values:
        if m[1].lower() == "p":
            if isinstance(v, TimeOfDay) and v.hour < 12:
                extra.add(TimeOfDay(v.hour + 12, v.minute))
            if isinstance(v, Number) and v.value.is_integer() and v.value < 12:
                extra |= {number(v.value + 12), TimeOfDay(int(v.value) + 12, 0)}
        elif isinstance(v, Number) and v.value.is_integer() and v.value <= 12:
            extra.add(TimeOfDay(int(v.value) % 12, 0))
    return Quantity(q.start, m.end(), text[q.start : m.end()], q.values | extra, QuantityKind.TIME)


def _month_dates(text: str, code: str) -> Iterator[Quantity]:
    patterns = _month_re(code)
    if patterns is None:
        return
    data = language_data(code)
    day_first, month_first = patterns
    hits: list[tuple[int, int, int, int, re.Match[str]]] = []  # start, end, month, day
    for m in day_first.finditer(text):
        hits.append((m.start(), m.end(), _month_of(m[2], data), int(m[1]), m))
    for m in month_first.finditer(text):
        hits.append((m.start(), m.end(), _month_of(m[1], data), int(m[2]), m))
    hits.sort(key=lambda h: (h[0], -h[1]))
    last_end = -1
    for start, _end, month, day, m in hits:
        if start < last_end or not (1 <= day <= 31) or month == 0:
            continue
        year = m.lastindex is not None and m.group(3)
        day_group = 1 if m.re is day_first else 2
        date_end = m.end(day_group) if m.re is month_first else m.end(2)
        if m.re is month_first:
            # keep an ordinal suffix ("16th") inside the date span
            date_end = m.end(0) if not year else m.start(3)
            while date_end > start and text[date_end - 1] in " ,":
                date_end -= 1
        yield Quantity(start, date_end, text[start:date_end], frozenset({DayMonth(month, day), number(day)}), QuantityKind.DATE)
        if year:
            yield Quantity(m.start(3), m.end(3), m[3], frozenset({number(int(m[3]))}), QuantityKind.YEAR)
        last_end = m.end(0)


# A month alone is soft: reported when it changed into another month ("в июле" → "in June"),
# not when one side names it and the other does not. On 2,004 professional ru-en sentence
# pairs every one-sided month was a fair rendering: an adjective ("мартовские наработки" →
# "what we worked on in March"), an English product name in the Russian ("May 2020 Update"),
# a headline's capitalised "Июль", a date the other side gives with a day.
SOFT_MONTHS = True


def _standalone_months(text: str, data: LanguageData, claimed: bytearray) -> Iterator[Quantity]:
    """Month names without a day: "в марте", "до конца марта", "until May", "in March 2022".

    A month word is read as a month when
    - it is followed by a year ("March 2022", "марте 2022 года"), or
    - a cue word precedes it ("in", "until", "mid-", "до", "конца": ``month_cues``), or it
      ends a list of months ("March and May", "марте-апреле"), or
    - it is none of the language's ordinary words that share a month's spelling
      (``ambiguous_months``: "May I…", "a protest march", "an august body", "лютий мороз"),
      nor an abbreviation ("Mar."), nor, in English, followed by a capitalised word, which
      makes it a first name ("April Ryan", "June Carter").
    In a language whose month names are lower-case (Russian, Ukrainian) a capitalised form
    is a name ("Марта" is Martha, "Мая" Maya) unless a year follows.
    """
    patterns = _standalone_month_re(data.code)
    if patterns is None:
        return
    word_re, list_before_re = patterns
    for m in word_re.finditer(text):
        if any(claimed[m.start() : m.end()]):
            continue  # part of a day-month date
        form = m.group(0)
        month = _month_of(form, data)
        if not month:
            continue
        year_after = bool(_YEAR_AFTER_RE.match(text, m.end()))
        before = text[max(0, m.start() - 40) : m.start()]
        cue = _WORD_BEFORE_RE.search(before)
        cued = bool(cue and cue[1].lower() in data.month_cues) or bool(list_before_re.search(before))
        key = form if data.months_case_sensitive else form.lower()
        if data.months_case_sensitive:
            plain = key not in data.ambiguous_months and not form.endswith(".")
            after = _NEXT_WORD_RE.match(text, m.end())
            ok = year_after or cued or (plain and not (after and after[1].isupper()))
        elif form[:1].isupper():
            ok = year_after
        else:
            ok = year_after or cued or (key not in data.ambiguous_months and not form.endswith("."))
        if ok:
            yield Quantity(m.start(), m.end(), form, frozenset({Month(month)}), QuantityKind.MONTH, soft=SOFT_MONTHS)


def _month_of(form: str, data: LanguageData) -> int:
    key = form if data.months_case_sensitive else form.lower()
    return data.months.get(key, 0)


def _numeric_date(m: re.Match[str], data: LanguageData) -> list[Quantity]:
    a, sep, b, year = int(m[1]), m[2], int(m[3]), m[4]
    values: set[Value] = set()
    if 1 <= a <= 31 and 1 <= b <= 12:
        values |= {DayMonth(b, a), number(a)}
    if sep == "/" and data.decimal_separator == "." and 1 <= b <= 31 and 1 <= a <= 12:
        values |= {DayMonth(a, b), number(b)}  # US order, 02/16/2022
    if not values:
        return []
    y = int(year)
    years: set[Value] = {number(y)} if len(year) == 4 else {number(y), number(2000 + y), number(1900 + y)}
    return [
        Quantity(m.start(), m.start(4) - 1, m.group(0)[: m.start(4) - 1 - m.start()], frozenset(values), QuantityKind.DATE),
        Quantity(m.start(4), m.end(4), year, frozenset(years), QuantityKind.YEAR),
    ]


# A digit string longer than this is no amount anyone writes (an ID, a hash, a run of
# digits made to break a reader); it is matched as written. Far below Python's limit on
# int() (4,300 digits) and float's range (308).
MAX_DIGITS = 100


def _parse_digits(s: str, data: LanguageData) -> set[Value]:
    """Read one digit string under the language's separators; ambiguous strings give several values."""
    if s.isdigit() and len(s) <= MAX_DIGITS:  # most numbers: no separator to remove
        return {number(int(s))}
    compact = s
    for sp in _SPACES + _APOSTROPHE_SEPARATORS:
        compact = compact.replace(sp, "")
    if len(compact) > MAX_DIGITS:
        return {Literal(s)}
    comma_decimal = data.decimal_separator == ","
    if compact.isdigit():
        return {number(int(compact))}
    commas, dots = compact.count(","), compact.count(".")
    if commas and dots:
        # whichever comes last is the decimal mark: 1,234.5 and 1.234,5
        dec = "." if compact.rfind(".") > compact.rfind(",") else ","
        grp = "," if dec == "." else "."
        head, _, tail = compact.rpartition(dec)
        if head.count(dec) == 0 and all(len(g) == 3 for g in head.split(grp)[1:]):
            return {number(float(head.replace(grp, "") + "." + tail))}
        return {Literal(s)}
    sep = "," if commas else "."
    groups = compact.split(sep)
    if len(groups) > 2:
        if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
            return {number(int("".join(groups)))}
        if data.indian_grouping and sep == "," and _indian_groups(groups):
            return {number(int("".join(groups)))}
        return {Literal(s)}
    head, tail = groups
    as_decimal = number(float(f"{head}.{tail}"))
    as_thousands = number(int(head + tail))
    is_decimal_mark = (sep == ",") == comma_decimal
    values: set[Value]
    if len(tail) == 3 and 1 <= len(head) <= 3 and head != "0":
        # "1,000" is a thousand in English; in Russian it is one-point-zero by the rules but
        # a thousand in much web text, so a decimal mark before three digits keeps both readings.
        values = {as_thousands, as_decimal} if is_decimal_mark else {as_thousands}
    else:
        values = {as_decimal}
    if sep == "." and len(tail) == 2:
        h, mi = int(head), int(tail)
        if h <= 24 and mi <= 59:
            values |= _time_values(h, mi)  # "10.00": a time in Russian and British text
        if 1 <= h <= 31 and 1 <= mi <= 12 and not is_decimal_mark:
            values |= {DayMonth(mi, h)}  # "16.02": a day and month without the year
    return values


def _digit_numbers(text: str, data: LanguageData, claimed: bytearray) -> Iterator[Quantity]:
    scale_re = _scale_re(data.code)
    percent_re = _percent_re(data.code)
    decade_re = _decade_re(data.code)
    for m in _digits_re(data.code).finditer(text):
        start, end = m.start(), m.end()
        raw = m.group(0)
        groups = _space_groups(m)
        if any(claimed[start:end]):
            # "April 3 410 bodies": the date took the "3"; the groups it left are numbers of
            # their own, as a space between digit groups is no separator there.
            for g in groups:
                if not any(claimed[g.start : g.end]):
                    yield g
            continue
        values = _parse_digits(raw, data)
        kind = QuantityKind.NUMBER
        factor = 1
        scale_m = scale_re.match(text, end) if scale_re else None
        if scale_m and scale_m["attached"] and len(scale_m["attached"]) == 1:
            # "$5m", "€10k", but not "T-90M" or "5G": a one-letter scale needs a currency sign.
            if not _CURRENCY_BEFORE_RE.search(text[max(0, start - 2) : start]):
                scale_m = None
        if scale_m:
            word = scale_m["spaced"] or scale_m["attached"]
            factor = data.scale_words.get(word, data.scale_words.get(word.lower(), 1))
            values = {number(v.value * factor) if isinstance(v, Number) else v for v in values if isinstance(v, (Number, Literal))}
            end = scale_m.end()
        pm = percent_re.match(text, end)
        if pm:
            kind, end = QuantityKind.PERCENT, pm.end()
        else:
            decade_m = decade_re.match(text, end) if decade_re else None
            decade = decade_m.group() if decade_m else None
            # Only two or four digits can be a decade; int() of those is cheap (a run of
            # thousands of digits never gets here).
            if decade and raw.isdigit() and len(raw) in (2, 4) and int(raw) % 10 == 0 and not scale_m:
                v = int(raw)
                if len(raw) == 2:
                    values |= {number(1900 + v), number(2000 + v)}  # the 90s, 90-х
                elif len(raw) == 4 and v % 100:
                    values |= {number(v % 100)}  # the 1970s, 1970er: "the Seventies"
            elif _ORDINAL_SUFFIX_RE.match(text, end):
                kind = QuantityKind.ORDINAL
        code_like = bool(_CODE_NEIGHBOUR_RE.search(text[max(0, start - 2) : start]))
        parts = groups if len(groups) > 1 and end == m.end() and not code_like else _month_year_parts(m)
        q = Quantity(start, end, text[start:end], frozenset(values), kind, soft=code_like, scale=factor, parts=parts)
        if kind is QuantityKind.NUMBER and raw.isdigit():
            q = _with_ampm(text, q) if len(raw.lstrip("0")) <= 2 and int(raw.lstrip("0") or "0") <= 12 else q
        yield q


# Digit groups joined by a plain space: a thousands separator in Russian or French ("3 410"),
# but also a day and a count ("on April 3 410 bodies"), a list, or a phone number read out in
# groups; English news never groups thousands with a space.
_SPACE_GROUP_RE = re.compile(r"\d+")
# "4.2022": a month and a year in a date written without the day, not four decimals.
_MONTH_YEAR_RE = re.compile(r"(0?[1-9]|1[0-2])\.((?:19|20)\d\d)")


def _space_groups(m: re.Match[str]) -> tuple[Quantity, ...]:
    """The digit groups of a match joined by plain spaces, each a number; () when there are none."""
    raw = m.group(0)
    if " " not in raw or not all(ch.isdigit() or ch == " " for ch in raw):
        return ()
    return tuple(
        Quantity(m.start() + g.start(), m.start() + g.end(), g.group(), frozenset({number(int(g.group()))}))
        for g in _SPACE_GROUP_RE.finditer(raw)
    )


def _month_year_parts(m: re.Match[str]) -> tuple[Quantity, ...]:
    my = _MONTH_YEAR_RE.fullmatch(m.group(0))
    if my is None:
        return ()
    s = m.start()
    return (
        Quantity(s + my.start(1), s + my.end(1), my[1], frozenset({number(int(my[1])), Month(int(my[1]))})),
        Quantity(s + my.start(2), s + my.end(2), my[2], frozenset({number(int(my[2]))}), QuantityKind.YEAR),
    )


def _digit_quantity_after(text: str, data: LanguageData, q: Quantity) -> Quantity:
    """Extend a quantity read by a special pattern with a scale word after it ("2 1/2 million")."""
    scale_re = _scale_re(data.code)
    scale_m = scale_re.match(text, q.end) if scale_re else None
    if not scale_m or not scale_m["spaced"]:
        return q
    factor = data.scale_words.get(scale_m["spaced"].lower(), 1)
    values: frozenset[Value] = frozenset(number(v.value * factor) for v in q.values if isinstance(v, Number))
    return Quantity(q.start, scale_m.end(), text[q.start : scale_m.end()], values, q.kind, scale=factor)


def _spelled_numbers(text: str, data: LanguageData, claimed: bytearray) -> Iterator[Quantity]:
    """Runs of number words: "twenty-five", "двадцати пяти", "two million", "два с половиной"."""
    if not (data.number_words or data.ordinal_words or data.implicit_numbers):
        return
    run: list[tuple[int, int, float, str]] = []  # start, end, value, role (unit/scale/ordinal)

    def flush() -> Iterator[Quantity]:
        for part in _split_repeated_scales(run):
            if len(part) == 1 and part[0][3] == "scale" and not data.reads_spelled_numbers:
                continue  # a scale word alone, where number words are not all known: Arabic "ألف" is also "composed"
            value = _combine(part)
            kind = QuantityKind.ORDINAL if part[-1][3] == "ordinal" else QuantityKind.NUMBER
            start, end = part[0][0], part[-1][1]
            implicit = all(r[3] == "implicit" for r in part)
            yield Quantity(start, end, text[start:end], frozenset({number(value)}), kind, soft=True, words=True, implicit=implicit)
        run.clear()

    prev_end = -1
    for m in _number_word_re(data.code).finditer(text):
        value_role = None if any(claimed[m.start() : m.end()]) else _word_value(m.group(0), data)
        if value_role is None:
            if run and m.group(0).lower() in _joiners(data) and not text[prev_end : m.start()].strip():
                continue  # "one hundred and five": the gap test below accepts the "and"
            if run and m.start() < prev_end:
                continue  # inside "с половиной", already read
            half = _HALF_RE.match(text, prev_end) if run and run[-1][3] == "unit" else None
            if half:
                prev_end = half.end(1)
                run.append((run[-1][1], prev_end, 0.5, "half"))  # "два с половиной"
                continue
            yield from flush()
            continue
        if run:
            gap = text[prev_end : m.start()]
            if not _run_gap_re(data.code).fullmatch(gap) or not _extends(run[-1], value_role):
                yield from flush()
        run.append((m.start(), m.end(), *value_role))
        prev_end = m.end()
    yield from flush()


def _stem_words(text: str, data: LanguageData, claimed: bytearray) -> Iterator[Quantity]:
    """Words on a number stem ("миллионник", "двухсотый"): soft, and never reported (``Quantity.stem``)."""
    if not data.number_stems:
        return
    for m in _WORD_RE.finditer(text):
        word = m.group(0).lower()
        if any(claimed[m.start() : m.end()]):
            continue
        for stem, value in data.number_stems.items():
            if len(word) > len(stem) and word.startswith(stem):
                kind = QuantityKind.ORDINAL if value < 1000 else QuantityKind.NUMBER
                yield Quantity(m.start(), m.end(), m.group(0), frozenset({number(value)}), kind, soft=True, words=True, stem=True)
                break


def _extends(last: tuple[int, int, float, str], new: tuple[float, str]) -> bool:
    """Whether a number word continues the run: "twenty" + "five", "two" + "million", not "two" + "three"."""
    last_value, last_role = last[2], last[3]
    value, role = new
    if last_role == "ordinal":
        return False
    if last_role == "half":
        return role == "scale"
    if role == "scale" or last_role == "scale":
        return True
    if value == 100:
        return last_value < 10  # "two hundred"
    if last_value >= 100 and last_value % 100 == 0:
        return value < 100  # "сто двадцать"
    if 20 <= last_value < 100 and last_value % 10 == 0:
        return value < 10  # "twenty-five", "двадцать первый"
    return False


def _word_value(word: str, data: LanguageData) -> tuple[float, str] | None:
    lower = word.lower()
    keys = [lower]
    if data.lemmatise:
        keys.append(_lemma(lower, data.code))
    for key in keys:
        if key in data.number_phrases:
            return data.number_phrases[key], "unit"
        if key in data.number_words:
            return data.number_words[key], "unit"
        if key in data.ordinal_words:
            return data.ordinal_words[key], "ordinal"
        if key in data.implicit_numbers:
            return data.implicit_numbers[key], "implicit"
        if len(key) > 1 and not key.endswith(".") and key in data.scale_words:
            return float(data.scale_words[key]), "scale"
        # "полмиллиона", "полтриллиона"
        if data.code in ("ru", "uk") and key.startswith(("пол", "пів")) and key[3:] in data.scale_words:
            return 0.5 * data.scale_words[key[3:]], "scale"
    return None


def _combine(run: Sequence[tuple[int, int, float, str]]) -> float:
    total, current = 0.0, 0.0
    for _s, _e, value, role in run:
        if role == "scale":
            if value < 1000 or not current:  # a bare "полмиллиона" is 500 000
                current = current * value if current else value
                total += current
            else:
                total += current * value
            current = 0.0
        elif value == 100 and 0 < current < 10:
            current *= 100  # "two hundred"
        else:
            current += value
    return total + current


def _roman(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, ch in enumerate(s):
        v = vals[ch]
        total += -v if i + 1 < len(s) and vals[s[i + 1]] > v else v
    return total


def _signed(text: str, data: LanguageData, found: list[Quantity]) -> list[Quantity]:
    """Give a number its sign: "-15", "−15", "минус 15", "15 градусов мороза", "15 below zero".

    A below-zero phrase after the second number of a range applies to the first too ("от 5
    до 10 градусов мороза" is −5 to −10). An explicit "+" needs nothing: "+15" is 15.
    """
    minus_re, below_re = _sign_res(data.code)
    out = list(found)
    for i, q in enumerate(out):
        if q.kind not in (QuantityKind.NUMBER, QuantityKind.PERCENT) or not q.numbers():
            continue
        start, end = q.start, q.end
        negative = False
        if start >= 1 and text[start - 1] in _MINUS_SIGNS and (
            start == 1 or text[start - 2].isspace() or text[start - 2] in _BEFORE_SIGN
        ):
            negative, start = True, start - 1
        elif minus_re and text[start - 1 : start] in _SPACES_SET and (m := minus_re.search(text, max(0, start - 20), start)):
            negative, start = True, m.start()
        below = below_re.match(text, end) if below_re and not negative else None
        if below and (below["zero"] or below["degrees"] or below["end"] is not None):
            # "мороза", "below" alone need a degree word or the end of a clause: "15 below."
            negative, end = True, below.end("zero") if below["zero"] else below.end("frost")
            prev = out[i - 1] if i else None
            if (
                prev is not None
                and prev.kind == q.kind
                and all(v >= 0 for v in prev.numbers())
                and text[prev.start - 1 : prev.start] != "+"
                and _RANGE_GAP_RE.fullmatch(text[prev.end : q.start])
            ):
                out[i - 1] = _negated(text, prev, prev.start, prev.end)
        if negative:
            out[i] = _negated(text, q, start, end)
    # The "zero" of "below zero" is part of the sign, not a number of its own.
    return _drop_contained(out)


def _drop_contained(found: list[Quantity]) -> list[Quantity]:
    """``found`` without every quantity whose span lies inside another's (both of two with
    the same span go). One sweep in order of start (longest first): a quantity is inside an
    earlier one when an earlier one ends at or after its end."""
    spans = Counter((q.start, q.end) for q in found)
    dropped: set[int] = set()
    reach = -1  # the furthest end of the quantities swept so far
    for k in sorted(range(len(found)), key=lambda k: (found[k].start, -found[k].end)):
        q = found[k]
        if spans[(q.start, q.end)] > 1 or reach >= q.end:
            dropped.add(k)
        reach = max(reach, q.end)
    return [q for k, q in enumerate(found) if k not in dropped]


def _negated(text: str, q: Quantity, start: int, end: int) -> Quantity:
    # A time or a day-month reading ("10.00") does not survive a minus sign.
    values: frozenset[Value] = frozenset(
        number(-v.value) if isinstance(v, Number) else v for v in q.values if isinstance(v, (Number, Literal))
    )
    return Quantity(start, end, text[start:end], values, q.kind, q.soft, q.words, q.scale)


def _share_range_scale(text: str, found: list[Quantity]) -> list[Quantity]:
    """"1,5–2 млн", "from 1.5 to 2 million": the second number's scale word applies to the first too."""
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.soft or b.soft or a.scale != 1 or b.scale == 1:
            continue
        if not _RANGE_GAP_RE.fullmatch(text[a.end : b.start]):
            continue
        scaled = {number(v * b.scale) for v in a.numbers()}
        out[i] = Quantity(a.start, a.end, a.text, a.values | scaled, a.kind)
    return out




# --- conventions of other languages: separators, scripts, Japanese and Chinese, names ------

# Full-width forms ("１２３", "％", "，", "ＣＯＶＩＤ－１９"), the ideographic space, and
# Arabic-Indic and Devanagari digits, one character for one, so that spans stay valid.
_WIDTH_TABLE = {
    **{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)},
    0x3000: 0x20,
    **{0x0660 + i: 0x30 + i for i in range(10)},
    **{0x06F0 + i: 0x30 + i for i in range(10)},
    **{0x0966 + i: 0x30 + i for i in range(10)},
}
_APOSTROPHE_SEPARATORS = "'’"
_NAME_HYPHENS = "-\u2010\u2011"
_LEADING_DIGITS_RE = re.compile(r"\d*")


@cache
def _marks_re(code: str) -> re.Pattern[str] | None:
    data = language_data(code)
    marks = data.decimal_marks + data.thousands_marks
    if not marks:
        return None
    return re.compile(rf"(?<=\d)[{''.join(re.escape(m) for m in marks)}](?=\d)")


def _normalised(text: str, data: LanguageData) -> str:
    """``text``, as long as it was, with digits and marks as the readers expect them.

    Full-width and non-Latin digits become ASCII ones; the language's own marks between two
    digits become "." or ",": "９８・２４" → "98.24", "١٫٥" → "1.5". A "・" before one of the
    language's ``list_counters`` separates a list instead ("１・２号機", units 1 and 2).
    """
    out = text.translate(_WIDTH_TABLE)
    marks = _marks_re(data.code)
    if marks is None:
        return out

    def mark(m: re.Match[str]) -> str:
        if m.group(0) in data.thousands_marks:
            return ","
        after = _LEADING_DIGITS_RE.match(out, m.end())
        if data.list_counters and after and out.startswith(data.list_counters, after.end()):
            return m.group(0)
        return "."

    return marks.sub(mark, out)


@cache
def _digits_re(code: str) -> re.Pattern[str]:
    """``_DIGITS_RE``, with the language's apostrophe thousands separators ("1'000'000")."""
    extra = "".join(s for s in language_data(code).thousands_separators if s in _APOSTROPHE_SEPARATORS)
    if not extra:
        return _DIGITS_RE
    return re.compile(
        rf"(?<!\d)(?<!\d[.,])(?:\d{{1,3}}(?:[{_SPACES}{extra}]\d{{3}})+(?:,\d+)?(?![\d])|\d+(?:[.,]\d+)*)"
    )


def _indian_groups(groups: Sequence[str]) -> bool:
    """"1,00,000" (a lakh), "2,50,00,000" (2.5 crore): thousands, then groups of two."""
    return 1 <= len(groups[0]) <= 2 and len(groups[-1]) == 3 and all(len(g) == 2 for g in groups[1:-1])


@cache
def _roman_re(code: str) -> re.Pattern[str]:
    """``_ROMAN_RE``, with the language's ordinal suffixes allowed after it ("XXe", "VIIIème")."""
    suffixes = sorted(language_data(code).ordinal_suffixes, key=len, reverse=True)
    if not suffixes:
        return _ROMAN_RE
    alt = "|".join(re.escape(s) for s in suffixes)
    return re.compile(rf"(?<![\w-])(X{{0,3}})(IX|IV|V?I{{0,3}})(?:{alt})?(?![\w-])")


@cache
def _number_word_re(code: str) -> re.Pattern[str]:
    """Words, and the language's number words of several words read as one ("dix-sept")."""
    data = language_data(code)
    keys = (*data.number_phrases, *data.number_words, *data.ordinal_words, *data.scale_words)
    phrases = sorted({k for k in keys if " " in k or "-" in k}, key=len, reverse=True)
    if not phrases:
        return _WORD_RE
    alt = "|".join(rf"[{_SPACES}]+".join(re.escape(w) for w in p.split(" ")) for p in phrases)
    return re.compile(rf"(?<![^\W\d_])(?:{alt})(?![^\W\d_])|{_WORD_RE.pattern}", re.IGNORECASE)


def _split_repeated_scales(run: Sequence[tuple[int, int, float, str]]) -> list[list[tuple[int, int, float, str]]]:
    """A run of number words cut where a new number starts: "three million and five million"
    is two numbers, because "million" comes again after the units that follow the first one;
    "two million three hundred thousand" is one."""
    parts: list[list[tuple[int, int, float, str]]] = [[]]
    for item in run:
        part = parts[-1]
        if item[3] == "scale" and part and part[-1][3] != "scale":
            scales = [i for i, p in enumerate(part) if p[3] == "scale"]
            if scales and min(part[i][2] for i in scales) <= item[2]:
                cut = scales[-1] + 1
                parts[-1], rest = part[:cut], part[cut:]
                parts.append(rest)
        parts[-1].append(item)
    return [p for p in parts if p]


def _centuries(text: str, data: LanguageData, found: list[Quantity]) -> list[Quantity]:
    """A century written as its first year (Finnish "1400-luvulla") is also its ordinal (15th)."""
    if not data.century_suffixes:
        return found
    out = []
    for q in found:
        values = q.numbers()
        if q.kind is QuantityKind.NUMBER and not q.words and len(values) == 1 and text.startswith(data.century_suffixes, q.end):
            v = values[0]
            if v.is_integer() and 100 <= v < 3000 and v % 100 == 0:
                q = replace(q, values=q.values | {number(v // 100 + 1)})
        out.append(q)
    return out


# --- Japanese and Chinese --------------------------------------------------------------------


@cache
def _cjk_res(code: str) -> tuple[re.Pattern[str], ...] | None:
    """Dates, times, numbers with scale characters, and native numerals, for ``code``."""
    data = language_data(code)
    if not (data.glued_scales or data.month_marker or data.native_digits):
        return None
    native = "".join(re.escape(c) for c in (*data.native_digits, *data.native_multipliers))
    digits = r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])"
    num = rf"(?:\d+(?:\.\d+)?|[{native}]+)" if native else r"\d+(?:\.\d+)?"
    small = rf"(?:(?<!\d)\d{{1,2}}(?!\d)|(?<![{native}])[{native}]{{1,3}})" if native else r"(?<!\d)\d{1,2}(?!\d)"
    never = "(?!)"
    y, m, d = (re.escape(x) if x else never for x in (data.year_marker, data.month_marker, data.day_marker))
    date = re.compile(rf"(?:(?<!\d)(\d{{4}}){y})?({small}){m}(?:({small}){d})?|(?<!\d)(\d{{4}}){y}|({small}){d}")
    hours = "|".join(re.escape(x) for x in data.hour_markers) or never
    minutes = "|".join(re.escape(x) for x in data.minute_markers) or never
    ampm = "|".join(re.escape(x) for x in (*data.am_words, *data.pm_words)) or never
    time = re.compile(rf"(?:({ampm})\s?)?(?<!\d)(\d{{1,2}})(?:{hours})(?:(\d{{1,2}})(?:{minutes}))?")
    scales = "".join(re.escape(c) for c in data.glued_scales)
    glued = re.compile(rf"(?<![\d.{native}])(?:{num}[{scales}])+(?:{digits})?") if scales else re.compile(never)
    group = re.compile(rf"({num})([{scales}])?") if scales else re.compile(rf"({num})()")
    native_run = re.compile(rf"(?<![{native}])[{native}]+") if native else re.compile(never)
    centuries = "|".join(re.escape(x) for x in data.century_markers) or never
    decade = re.escape(data.decade_marker) if data.decade_marker else never
    # "20世紀80年代" is the 1980s; "4至6月" is April to June.
    century_decade = re.compile(rf"({small})(?:{centuries})({small}){decade}")
    ranges = "|".join(re.escape(x) for x in data.range_words) or never
    month_range = re.compile(rf"({small})(?:{ranges})(?={small}{m})")
    return date, time, glued, group, native_run, century_decade, month_range


@cache
def _minor_unit_re(code: str) -> re.Pattern[str]:
    """Digits right before a unit that has a minor unit ("７９円２０銭")."""
    units = "|".join(re.escape(u) for u, _, _ in language_data(code).minor_units)
    if not units:
        return re.compile("(?!)")
    return re.compile(rf"(?<![\d.]){_PLAIN_DECIMAL}(?=(?:{units})\d)")


_PLAIN_DECIMAL = r"\d+(?:\.\d+)?"


def _minor_unit(text: str, end: int, data: LanguageData) -> tuple[int, float] | None:
    """"円２０銭" after an amount: the end of the amount with its minor unit, and what it adds (0.20)."""
    for unit, minor, per in data.minor_units:
        if text.startswith(unit, end):
            m = re.compile(rf"(\d{{1,2}}){re.escape(minor)}").match(text, end + len(unit))
            if m and int(m[1]) < per:
                return m.end(), int(m[1]) / per
    return None


def _native_value(s: str, data: LanguageData) -> float | None:
    """"十四" → 14, "七百五十" → 750, "二〇二四" → 2024, "3.5" → 3.5."""
    if s[0].isdigit():
        return float(s)
    if not any(c in data.native_multipliers for c in s):
        return float("".join(str(data.native_digits[c]) for c in s))
    total, current = 0, 0
    for c in s:
        if c in data.native_digits:
            current = data.native_digits[c]
        else:
            total += (current or 1) * data.native_multipliers[c]
            current = 0
    return float(total + current)


def _longer_counter(text: str, at: int, marker: str, data: LanguageData) -> bool:
    """Whether the marker at ``at`` begins a counter ("日間", days; "時間", hours)."""
    return any(len(c) > len(marker) and c.startswith(marker) and text.startswith(c, at) for c in data.counters)


def _cjk_quantities(text: str, data: LanguageData) -> Iterator[Quantity]:
    """Japanese and Chinese quantities, written without spaces and with their own markers.

    - dates: "2020年3月15日" (a year, then a day and month), "3月" (a month), "15日" (a day
      of the month alone, soft: news English gives a weekday, "on Tuesday"), native
      numerals too ("六月十日");
    - times: "15時30分", "午後3時", "23點45分", but not "3時間" (three hours);
    - numbers with scale characters, summed: "１万０３６３・１８" = 10,363.18,
      "３億５０００万" = 350,000,000, "16萬8千" = 168,000, "十四億" = 1.4 billion;
    - native numerals alone, read only before a counter or after 第 ("二人", "十年",
      "第三"), soft as words are: "一方", "千葉" and "三星" (Samsung) are not numbers.
    """
    res = _cjk_res(data.code)
    if res is None:
        return
    date_re, time_re, glued_re, group_re, native_re, century_decade_re, month_range_re = res
    taken = bytearray(len(text))

    def take(q: Quantity) -> Quantity:
        taken[q.start : q.end] = b"\x01" * (q.end - q.start)
        return q

    for m in century_decade_re.finditer(text):
        century, decade = _native_value(m[1], data), _native_value(m[2], data)
        if century and decade is not None and century.is_integer() and decade.is_integer() and decade < 100:
            year = (century - 1) * 100 + decade
            yield take(Quantity(m.start(), m.end(), m[0], frozenset({number(year), number(decade)})))
    for m in month_range_re.finditer(text):
        month = _native_value(m[1], data)
        if month and month.is_integer() and 1 <= month <= 12:
            yield take(Quantity(m.start(1), m.end(1), m[1], frozenset({Month(int(month))}), QuantityKind.MONTH, soft=SOFT_MONTHS))

    for m in date_re.finditer(text):
        if any(taken[m.start() : m.end()]):
            continue
        if m[4]:  # a year alone
            yield take(Quantity(m.start(4), m.end(4), m[4], frozenset({number(int(m[4]))}), QuantityKind.YEAR))
            continue
        if m[5]:  # a day alone
            if _longer_counter(text, m.end(5), data.day_marker, data):
                continue
            day = _native_value(m[5], data)
            if day and 1 <= day <= 31:
                yield take(Quantity(m.start(), m.end(), m[0], frozenset({number(day)}), QuantityKind.DATE, soft=True))
            continue
        month = _native_value(m[2], data)
        if not month or not (1 <= month <= 12) or not month.is_integer() or _longer_counter(text, m.end(2), data.month_marker, data):
            continue
        if m[1]:
            yield take(Quantity(m.start(1), m.end(1), m[1], frozenset({number(int(m[1]))}), QuantityKind.YEAR))
        day = _native_value(m[3], data) if m[3] else None
        if day is not None and day.is_integer() and 1 <= day <= 31 and not _longer_counter(text, m.end(3), data.day_marker, data):
            start = m.start(2)
            yield take(Quantity(start, m.end(), text[start : m.end()], frozenset({DayMonth(int(month), int(day)), number(day)}), QuantityKind.DATE))
        else:
            end = m.end(2) + len(data.month_marker)
            yield take(Quantity(m.start(2), end, text[m.start(2) : end], frozenset({Month(int(month))}), QuantityKind.MONTH, soft=SOFT_MONTHS))
    for m in time_re.finditer(text):
        hour, minute = int(m[2]), int(m[3] or 0)
        marker_at = m.end(2)
        if any(taken[m.start() : m.end()]) or hour > 24 or minute > 59:
            continue
        if any(_longer_counter(text, marker_at, h, data) for h in data.hour_markers if text.startswith(h, marker_at)):
            continue
        if m[1] in data.pm_words and hour < 12:
            hour += 12
        yield take(Quantity(m.start(), m.end(), m[0], _time_values(hour, minute), QuantityKind.TIME))
    for m in glued_re.finditer(text):
        if any(taken[m.start() : m.end()]):
            continue
        total, last_scale, words, end = 0.0, None, False, m.start()
        for g in group_re.finditer(m.group(0)):
            value = _native_value(g[1], data)
            scale_at = m.start() + g.start(2)
            last_at = m.start() + g.end() - 1
            if not g[2] and len(g[1]) > 1 and text.startswith(data.scale_units, last_at):
                value = _native_value(g[1][:-1], data)  # "四千米": the 千 is the unit's
                g_end, scale = last_at, 1
            elif g[2] and text.startswith(data.scale_units, scale_at):
                g_end, scale = scale_at, 1  # "2900千瓦" is 2,900 kilowatts, "四千米" four kilometres
            else:
                g_end, scale = m.start() + g.end(), data.glued_scales.get(g[2], 1) if g[2] else 1
            if value is None or (last_scale is not None and scale >= last_scale):
                break  # "5千3万" is not one number
            words = words or not g[1][0].isdigit()
            total += value * scale
            last_scale, end = scale, g_end
            if scale == 1:
                break
        if end > m.start():
            minor = _minor_unit(text, end, data) if end == m.end() else None
            if minor:
                end, total = minor[0], total + minor[1]
            yield take(Quantity(m.start(), end, text[m.start() : end], frozenset({number(total)}), soft=words, words=words))
    for m in _minor_unit_re(data.code).finditer(text):
        minor = _minor_unit(text, m.end(), data)
        if minor and not any(taken[m.start() : minor[0]]):
            value = float(m.group(0)) + minor[1]
            yield take(Quantity(m.start(), minor[0], text[m.start() : minor[0]], frozenset({number(value)})))
    for m in native_re.finditer(text):
        if any(taken[m.start() : m.end()]):
            continue
        ordinal = text[max(0, m.start() - 1) : m.start()] in data.ordinal_prefixes
        if not ordinal and not text.startswith(data.counters, m.end()):
            continue
        value = _native_value(m.group(0), data)
        if value is None:
            continue
        kind = QuantityKind.ORDINAL if ordinal else QuantityKind.NUMBER
        yield take(Quantity(m.start(), m.end(), m[0], frozenset({number(value)}), kind, soft=True, words=True))


# --- digits inside names ---------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _alphabetic(ch: str) -> bool:
    """A Latin, Cyrillic or Greek letter: scripts written with spaces, where a letter glued
    to digits makes a name (COVID-19, Су-35). A Han, kana or Arabic letter glued to digits
    is a word of the sentence ("於2004年", "ب15000": "in 2004", "for 15,000")."""
    return ch.isalpha() and unicodedata.name(ch, "").split(" ")[0] in ("LATIN", "CYRILLIC", "GREEK")


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and end - start < 40 and (text[start - 1].isalpha() or text[start - 1] in "ー"):
        start -= 1
    return text[start:end]


def _part_of_name(text: str, start: int, data: LanguageData) -> bool:
    """Whether the digits at ``start`` are part of a name rather than a quantity.

    A name when they are glued to a Latin, Cyrillic or Greek word, with or without a hyphen
    (COVID-19, F-16, Су-35, G7, A320); or follow, after one space, a word of
    ``number_name_words`` ("Boeing 737", "Leopard 2", "ボーイング７３７"), an all-capital
    Latin word of two to five letters that is not a currency code ("Match TV 2"; not "USD
    100"), or a capitalised Latin word in a text of another script ("Leopard 2" in Russian).
    """
    i = start
    hyphen = i > 0 and text[i - 1] in _NAME_HYPHENS
    if hyphen:
        i -= 1
    if i == 0:
        return False
    ch = text[i - 1]
    if ch.isalpha():
        return _alphabetic(ch) or _word_before(text, i) in data.number_name_words
    if hyphen or ch not in " \u00a0":
        return False
    word = _word_before(text, i - 1)
    if not word:
        return False
    if word in data.number_name_words:
        return True
    if not all(_alphabetic(c) and unicodedata.name(c, "").startswith("LATIN") for c in word):
        return False
    if word.isupper() and 2 <= len(word) <= 5 and word not in data.currency_codes:
        return True
    return data.script != "Latn" and word[0].isupper()


def _inside_sentence(text: str, start: int) -> bool:
    """Whether a word at ``start`` follows another word of its sentence, so that a capital
    there makes it a name (in the languages that capitalise only names and sentence starts)."""
    before = text[:start].rstrip(" \u00a0\t")
    return bool(before) and (before[-1].isalnum() or before[-1] in ",;")


def _name_numbers(text: str, data: LanguageData, found: list[Quantity]) -> list[Quantity]:
    """Digits inside a name become ``QuantityKind.NAME`` (see ``_part_of_name``); digits glued to
    a letter of a script without that convention lose the softness ``_digit_numbers`` gave them."""
    out = []
    roman = _roman_re(data.code)
    for q in found:
        if not q.words and q.kind in (QuantityKind.NUMBER, QuantityKind.ORDINAL) and _part_of_name(text, q.start, data):
            q = replace(q, kind=QuantityKind.NAME, soft=True)
        elif q.words and q.text[:1].isupper() and not roman.fullmatch(q.text) and _inside_sentence(text, q.start):
            q = replace(q, kind=QuantityKind.NAME)  # "Nine News", "the Thirty Years' War"
        elif q.soft and not q.words and q.kind in (QuantityKind.NUMBER, QuantityKind.ORDINAL, QuantityKind.PERCENT):
            q = replace(q, soft=False)
        out.append(q)
    return out


def _joiners(data: LanguageData) -> frozenset[str]:
    """Words inside a spelled number: "one hundred and five", "treinta y nueve", "vingt et un"."""
    return frozenset(("and", *data.number_joiners))


@cache
def _run_gap_re(code: str) -> re.Pattern[str]:
    joiners = "|".join(re.escape(j) for j in sorted(_joiners(language_data(code)), key=len, reverse=True))
    return re.compile(rf"[\s\-\u00a0]*|\s+(?:{joiners})\s+", re.IGNORECASE)


@cache
def _clock_re(code: str) -> re.Pattern[str]:
    """Times written with the language's hour mark: French "23 h 45", "06h30", "10h"."""
    marks = language_data(code).clock_marks
    if not marks:
        return re.compile("(?!)")
    alt = "|".join(re.escape(x) for x in marks)
    return re.compile(rf"(?<![\d:.,])([01]?\d|2[0-4])[{_SPACES}]?(?:{alt})(?:[{_SPACES}]?([0-5]\d))?(?![^\W\d_])")
