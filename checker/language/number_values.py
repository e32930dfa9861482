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
from dataclasses import dataclass
from typing import TypeAlias


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


def format_value(value: Value) -> str:
    """Number(1500000.0) → "1.5 million"; Number(25000.0) → "25,000"; DayMonth(2, 16) →
    "February 16"; TimeOfDay(10, 0) → "10:00". Written as an English-language newsroom would."""
    if isinstance(value, Number):
        v = value.value
        for scale, word in _SCALES:
            if abs(v) >= scale and round(v / scale, 3) * scale == v:
                return f"{v / scale:g} {word}"
        if float(v).is_integer():
            # Four-digit integers are most often years: no separator (2022, not 2,022).
            return str(int(v)) if abs(v) < 10000 else f"{int(v):,}"
        return f"{v:g}"
    if isinstance(value, DayMonth):
        return f"{_MONTH_NAMES[value.month - 1]} {value.day}"
    if isinstance(value, Month):
        return _MONTH_NAMES[value.month - 1]
    if isinstance(value, TimeOfDay):
        return f"{value.hour:02d}:{value.minute:02d}"
    return value.text


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
