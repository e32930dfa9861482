"""Numbers, dates, times, percentages and amounts, found in text with the values they stand for.

``extract_quantities(text, language)`` returns every quantity (``number_values.Quantity``)
with its character span and the set of normalised values it may stand for: "1,5 млн",
"1.5 million" and "1,500,000" all give ``Number(1500000.0)``; "16 февраля", "February 16th"
and "16.02.2022" give ``DayMonth(2, 16)``, the year of a date being a quantity of its own, so
"16 февраля 2022 года" matches "February 16, 2022" and a year dropped or changed shows up by
itself; a month named alone ("в марте", "until March", "in May 2022") gives ``Month(3)``
(see ``_standalone_months`` for when a month word is one); "10:00", "10.00" and "10 p.m."
give a ``TimeOfDay``.

Quantities written in words ("two", "двух", "first", "XX") and digits inside a code name
("COVID-19", "G7", "Т-90М") are marked *soft*: ``number_compare`` says what that changes.

A number keeps its sign where the text writes one: a minus glued to the digits ("-15",
"−15"; not the dash of a range, "5-10", nor of a code name, "Ту-154"), a minus word
("минус 15", "minus 15"), or a below-zero phrase after it ("15 градусов мороза", "15 degrees
below zero"). "+15" and "15" are the same value.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
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
_DIGITS_RE = re.compile(
    rf"(?<![\d.,])(?:\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?:,\d+)?(?![\d])|\d+(?:[.,]\d+)*)"
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
    day_first = re.compile(
        rf"(?<![\d.,])(\d{{1,2}})(?:-?(?:го|е|st|nd|rd|th|ого|ое))?\s+(?:of\s+)?({alt})(?:,?\s+(\d{{4}})(?!\d))?",
        flags,
    )
    month_first = re.compile(
        rf"({alt})\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?(?![\d])(?:,?\s+(\d{{4}})(?!\d))?", flags
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
    # A one-letter scale ("5m", "$10k") must be attached: "5 m" is five metres.
    return re.compile(rf"(?:[{_SPACES}-]+(?P<spaced>{spaced_alt})|(?P<attached>{attached_alt}))", re.IGNORECASE)


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
    claimed = bytearray(len(text))
    found: list[Quantity] = []

    def free(start: int, end: int) -> bool:
        return not any(claimed[start:end])

    def claim(q: Quantity) -> None:
        claimed[q.start : q.end] = b"\x01" * (q.end - q.start)
        found.append(q)

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
    for m in [*_TIME_RE.finditer(text), *_HOURS_MINUTES_RE.finditer(text)]:
        if free(m.start(), m.end()):
            claim(_with_ampm(text, Quantity(m.start(), m.end(), m.group(0), _time_values(int(m[1]), int(m[2])), QuantityKind.TIME)))
    digit_quantities = [q for q in _digit_numbers(text, data, claimed) if free(q.start, q.end)]
    for q in digit_quantities:
        claim(q)
    for q in _spelled_numbers(text, data, claimed):
        claim(q)
    for m in _ROMAN_RE.finditer(text):
        if len(m.group(0)) >= 2 and free(m.start(), m.end()):
            claim(Quantity(m.start(), m.end(), m.group(0), frozenset({number(_roman(m.group(0)))}), QuantityKind.ORDINAL, soft=True, words=True))
    found.sort(key=lambda q: (q.start, q.end))
    return _signed(text, data, _share_range_scale(text, found))


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
    for sp in _SPACES:
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
    for m in _DIGITS_RE.finditer(text):
        start, end = m.start(), m.end()
        if any(claimed[start:end]):
            continue
        raw = m.group(0)
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
            if decade and raw.isdigit() and raw.endswith("0") and not scale_m:
                if len(raw) == 2:
                    values |= {number(1900 + int(raw)), number(2000 + int(raw))}  # the 90s, 90-х
                elif len(raw) == 4 and decade.lstrip("'’").startswith("s"):
                    values |= {number(int(raw) % 100)}
            elif _ORDINAL_SUFFIX_RE.match(text, end):
                kind = QuantityKind.ORDINAL
        code_like = bool(_CODE_NEIGHBOUR_RE.search(text[max(0, start - 2) : start]))
        q = Quantity(start, end, text[start:end], frozenset(values), kind, soft=code_like, scale=factor)
        if kind is QuantityKind.NUMBER and raw.isdigit():
            q = _with_ampm(text, q) if len(raw.lstrip("0")) <= 2 and int(raw.lstrip("0") or "0") <= 12 else q
        yield q


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
        if run:
            value = _combine(run)
            kind = QuantityKind.ORDINAL if run[-1][3] == "ordinal" else QuantityKind.NUMBER
            start, end = run[0][0], run[-1][1]
            yield Quantity(start, end, text[start:end], frozenset({number(value)}), kind, soft=True, words=True)
            run.clear()

    prev_end = -1
    for m in _WORD_RE.finditer(text):
        value_role = None if any(claimed[m.start() : m.end()]) else _word_value(m.group(0), data)
        if value_role is None:
            if run and m.group(0).lower() == "and" and not text[prev_end : m.start()].strip():
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
            if not _RUN_GAP_RE.fullmatch(gap) or not _extends(run[-1], value_role):
                yield from flush()
        run.append((m.start(), m.end(), *value_role))
        prev_end = m.end()
    yield from flush()


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
        if key in data.number_words:
            return data.number_words[key], "unit"
        if key in data.ordinal_words:
            return data.ordinal_words[key], "ordinal"
        if key in data.implicit_numbers:
            return data.implicit_numbers[key], "unit"
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


