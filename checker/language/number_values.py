"""The values a number, date or time in a text stands for, and the ``Quantity`` that carries them.

A value is one of five frozen types, language-neutral, so that values read from two
languages compare with ``==``:

- ``Number(1500000.0)``: a number, after separators, decimal commas and scale words
  ("1,5 млн", "1.5 million", "1,500,000" all give this);
- ``DayMonth(2, 16)``: a day of a month, from "16 февраля", "February 16th", "16.02.2022"
  (the year of a date is a quantity of its own);
- ``Month(3)``: a month named without a day ("в марте", "until March");
- ``TimeOfDay(10, 0)``: a time of day, from "10:00", "10.00", "10 p.m.";
- ``Literal("2.0.1")``: a string of digits nothing above could read, matched as written.

``number_extract`` finds quantities in text; ``number_compare`` pairs them across languages.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

from rapidfuzz import fuzz


@dataclass(frozen=True)
class Number:
    """A number. Always built through ``number()``, which rounds it as prose needs."""

    value: float


@dataclass(frozen=True)
class DayMonth:
    """A day of a month; ``month`` is 1-12."""

    month: int
    day: int


@dataclass(frozen=True)
class Month:
    """A month named without a day; 1-12."""

    month: int


@dataclass(frozen=True)
class TimeOfDay:
    hour: int
    minute: int


@dataclass(frozen=True)
class Literal:
    """Digits no reading fits ("2.0.1", "1.2,3"): equal only to the same characters."""

    text: str


Value: TypeAlias = Number | DayMonth | Month | TimeOfDay | Literal


# An integer read from digits at or above this is kept exact (a phone number, an account,
# an ID, "729 725 522 498 168"): rounded to 12 significant digits, two of them that differ
# in the last digits would compare equal. Below it rounding loses nothing.
EXACT_FROM = 10**12


def number(v: float) -> Number:
    if isinstance(v, int) and abs(v) >= EXACT_FROM:
        return Number(v)  # an int: compares exactly, and equal to a float of the same value
    # 12 significant digits: enough for any amount in prose, and 1.1 * 1e6 == 1100000.
    return Number(float(f"{v:.12g}"))


class QuantityKind(enum.Enum):
    """What a quantity is as written: a leftover is paired with one of its own kind first."""

    NUMBER = "number"
    PERCENT = "percent"
    ORDINAL = "ordinal"
    DATE = "date"
    MONTH = "month"
    TIME = "time"
    YEAR = "year"
    # Digits inside a name ("COVID-19", "F-16", "Boeing 737", "Leopard 2"): compared only
    # with another name's digits, never taken for a quantity the other side changed.
    NAME = "name"


ONE = number(1)
ZERO = number(0)


@dataclass(frozen=True)
class Quantity:
    """A number-like expression at ``text[start:end]`` and the values it may stand for.

    A quantity carries *several* values when its reading is ambiguous ("1,000" in Russian
    may be 1.0 or 1000; "10:00" also matches "10 a.m."; "90-х" may be 90 or 1990).
    """

    start: int
    end: int
    text: str
    values: frozenset[Value]
    kind: QuantityKind = QuantityKind.NUMBER
    soft: bool = False  # written in words or part of a code name: see ``number_compare``
    words: bool = False  # written in words ("two", "двух", "XX")
    scale: int = 1  # the multiplier of a scale word read with it ("млн" → 10**6)
    # A word that is not a number but stands for one ("noon", "сутки", "dozen"): paired as a
    # substitution only with digits, never with another word (see ``number_compare``).
    implicit: bool = False
    # A word built on a number stem ("миллионник", "тысячник", "двухсотый" for a soldier
    # killed): matched when the other side has its value, never reported, never a substitute.
    stem: bool = False
    # Another reading of the same characters as several quantities: "3 410" after "April" is
    # the day 3 and 410 (English does not group thousands with a space), "4.2022" is April
    # 2022 written as "4" and "2022". The comparison takes whichever reading the other side
    # agrees with (see ``number_compare.compare_texts``).
    parts: tuple["Quantity", ...] = ()

    def numbers(self) -> list[float]:
        """The plain-number readings, in no particular order."""
        return [v.value for v in self.values if isinstance(v, Number)]

    @property
    def reportable_alone(self) -> bool:
        # A lone "1" is as often "a", "год" or "one of" rendered as a digit ("up to 1 year"
        # for "до года") as it is a number: it counts only in a substitution, like a soft one.
        # "0" likewise: "з 0" → "from scratch", "0 копеек" → "no money".
        return not self.soft and self.values != {ONE} and self.values != {ZERO}

    @property
    def ignorable(self) -> bool:
        """A "one"/"first" in words: matched when it can be, never reported, never a substitute."""
        return self.stem or (self.words and self.values == {ONE})

    def describe(self) -> str:
        """The value in a language-neutral form, for messages and suggestions."""
        return format_value(min(self.values, key=_value_rank))


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")  # fmt: skip

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_SCALE_WORDS = {int(scale): word for scale, word in _SCALES} | {1000: "thousand"}


def format_value(value: Value) -> str:
    """Number(1500000.0) → "1.5 million"; Number(25000.0) → "25,000"; DayMonth(2, 16) →
    "February 16"; TimeOfDay(10, 0) → "10:00". Written as an English-language newsroom would."""
    if isinstance(value, Number):
        v = value.value
        for scale, word in _SCALES:
            if abs(v) >= scale and round(v / scale, 3) * scale == v:
                return f"{_decimal(round(v / scale, 3), grouped=False)} {word}"
        return _decimal(v, grouped=abs(v) >= 10000)  # four digits are most often a year: 2022
    if isinstance(value, DayMonth):
        return f"{_MONTH_NAMES[value.month - 1]} {value.day}"
    if isinstance(value, Month):
        return _MONTH_NAMES[value.month - 1]
    if isinstance(value, TimeOfDay):
        return f"{value.hour:02d}:{value.minute:02d}"
    return value.text


def _decimal(v: float, *, grouped: bool, point: str = ".", group: str = ",") -> str:
    """Every digit the value has (10363.18, not "%g"'s 10363.2), grouped in thousands or not."""
    text = str(int(v)) if float(v).is_integer() else f"{v:.12g}"
    if "e" in text:
        text = f"{v:.12f}".rstrip("0").rstrip(".")
    whole, _, fraction = text.partition(".")
    sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
    if grouped:
        digits = f"{int(digits):,}".replace(",", group)
    return sign + digits + (point + fraction if fraction else "")


# The digits of a written number with its separators: "3,500", "13.5", "1 250,75".
_WRITTEN_NUMBER = re.compile(r"\d(?:[\d]|[.,'’\u00a0\u202f ](?=\d))*")


def in_target_style(source: Quantity, target: Quantity, point: str, groups: Sequence[str]) -> str:
    """What the target should read instead of ``target``: its own text with the source's
    number written in its place, in the way the target writes numbers ("4%" for 3 % →
    "3%", "13.5 percent" → "12.5 percent", "3,500" for "3 тысячи" → "3,000", "1.5 trillion"
    for 1,7 трлн → "1.7 trillion"). An editor can apply it as it stands (SARIF offers it as
    a fix), so where the target's text has no single number to replace (a date, "a dozen")
    it is the source's value in neutral form, as the message names it.
    """
    runs = list(_WRITTEN_NUMBER.finditer(target.text))
    days = {(v.month, v.day) for v in source.values if isinstance(v, DayMonth)}
    months = {v.month for v in target.values if isinstance(v, DayMonth)}
    if len(days) == 1 and len(runs) == 1 and not target.words and months == {next(iter(days))[0]}:
        # the day changed, the month is right: "12 April" → "2 April", in the target's order
        return target.text[: runs[0].start()] + str(next(iter(days))[1]) + target.text[runs[0].end() :]
    times = [v for v in source.values if isinstance(v, TimeOfDay)]
    clock = _TWELVE_HOUR.search(target.text)
    if times and clock and any(isinstance(v, TimeOfDay) for v in target.values):
        return _twelve_hour(times[0], clock.group())  # "3:30 p.m." for 14:30 → "2:30 p.m."
    numbers = [v.value for v in source.values if isinstance(v, Number)]
    if len(runs) != 1 or not numbers or target.words or not any(isinstance(v, Number) for v in target.values):
        return source.describe()
    own = max((v.value for v in target.values if isinstance(v, Number)), key=abs)
    # Of an ambiguous source reading ("1,000" in Russian: 1 or 1000) the one nearest the
    # target's magnitude: a changed digit, not a changed scale, is the likely mistake.
    value = min(numbers, key=lambda n: abs(_magnitude(n) - _magnitude(own)))
    written = runs[0].group()
    scaled = value / target.scale
    word = _SCALE_WORDS.get(source.scale)
    if target.scale > 1 and source.scale != target.scale and word:
        # the scale word is what changed ("3.9 billion" for 3,9 millones, "12,500.75 billion"
        # for 12 500,75 millions): the source's scale, not "0.0039 billion"
        scaled = value / source.scale
        return f"{_written_like(scaled, written, point, groups, long_grouped=abs(scaled) >= 10000)} {word}"
    if target.scale > 1 and not 1 <= abs(scaled) < 1000:
        return format_value(number(value))
    digits = _written_like(scaled, written, point, groups, long_grouped=abs(scaled) >= 10000 and len(written) < 4)
    return target.text[: runs[0].start()] + digits + target.text[runs[0].end() :]


def _written_like(value: float, written: str, point: str, groups: Sequence[str], *, long_grouped: bool) -> str:
    """``value`` with the decimal point and the thousand separator ``written`` uses ("3,500"
    groups; "13.5" does not say, and then ``long_grouped`` decides)."""
    group = next((g for g in groups if g != point and g in written.split(point)[0]), None)
    return _decimal(
        round(value, 12), grouped=group is not None or long_grouped, point=point, group=group or (groups[0] if groups else ",")
    )


_TWELVE_HOUR = re.compile(r"\b[ap]\.?\s?m\b\.?", re.IGNORECASE)


def _twelve_hour(time: TimeOfDay, marker: str) -> str:
    """``time`` on a twelve-hour clock, with the target's own a.m./p.m. marker spelling."""
    hour = time.hour % 12 or 12
    after_noon = time.hour >= 12
    mark = re.sub("[aApP]", lambda m: ("p" if after_noon else "a") if m.group().islower() else ("P" if after_noon else "A"), marker, count=1)
    return f"{hour}:{time.minute:02d} {mark}" if time.minute else f"{hour} {mark}"


def _magnitude(v: float) -> float:
    return math.log10(abs(v)) if v else -12.0


def resemblance(a: Quantity, b: Quantity) -> float:
    """How alike two quantities' values are written, 0–1: a mistyped or misread number
    keeps most of its digits (98.24 → 98.42, 16 → 18) where an unrelated one does not."""
    best = 0.0
    for x in a.values:
        for y in b.values:
            if isinstance(x, Number) and isinstance(y, Number):
                digits = fuzz.ratio(_decimal(x.value, grouped=False), _decimal(y.value, grouped=False)) / 100
                scale = 1 - min(1.0, abs(_magnitude(x.value) - _magnitude(y.value)) / 3)
                best = max(best, (digits + scale) / 2)
            else:
                best = max(best, fuzz.ratio(format_value(x), format_value(y)) / 100)
    return best


def _value_rank(value: Value) -> tuple[int, int, str]:
    """Which reading a suggestion shows: a date or a month, then a time, then a number.

    Among readings of one type the first by their written form, compared as strings: of
    "90-х" (90, 1990, 2090) that is 1990, the decade as a date reads.
    """
    if isinstance(value, DayMonth):
        return (0, 0, f"{value.month}, {value.day}")
    if isinstance(value, Month):
        return (0, 1, str(value.month))
    if isinstance(value, TimeOfDay):
        return (1, 0, f"{value.hour}, {value.minute}")
    if isinstance(value, Number):
        return (2, 0, repr(value.value))
    return (3, 0, repr(value.text))
