"""Language conventions as data: quote marks, separators, month names, number and scale words.

Each language lives in ``checker/data/lang_<code>.json`` so that adding a language, or a
month abbreviation a translator uses, is a data change, not a code change. A language
without a file gets English conventions for digits and quote marks (``"…"`` and ``“…”``
are the most common marks in any Latin-script text) and no words.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

from checker.errors import ConfigError

FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True)
class LanguageData:
    """One language's conventions, read once from its JSON file.

    ``months`` maps a lower-cased form ("февраля", "feb.") to 1–12; ``scale_words`` a
    lower-cased form ("млн", "billion") to its multiplier; ``number_words`` and
    ``ordinal_words`` a lemma to its value. ``quote_pairs`` lists (opening, closing) marks,
    the language's primary pair first.
    """

    code: str
    decimal_separator: str
    thousands_separators: tuple[str, ...]
    quote_pairs: tuple[tuple[str, str], ...]
    lemmatise: bool
    months: Mapping[str, int]
    scale_words: Mapping[str, int]
    percent_words: tuple[str, ...]
    decade_suffixes: tuple[str, ...]
    number_words: Mapping[str, float]
    ordinal_words: Mapping[str, float]
    # Words that are not numbers but that translators routinely render as one:
    # "сутки" → "24 hours", "Большая семерка" → "G7".
    implicit_numbers: Mapping[str, float]
    # English capitalises month names and "May"/"March" are also common words, so month
    # forms from a file whose forms are capitalised only match capitalised text.
    months_case_sensitive: bool = False
    # A month name standing alone ("в марте", "until May") is read only in a language that
    # lists the words that may precede it (``month_cues``: "in", "до", "конца"). Forms in
    # ``ambiguous_months`` are also ordinary words ("May I", "a protest march", "лютий мороз")
    # and stand for a month only after a cue or before a year.
    month_cues: frozenset[str] = frozenset()
    ambiguous_months: frozenset[str] = frozenset()
    # Signs written as words: "минус 15"; "15 градусов ниже нуля", "15 degrees below zero"
    # (``below_zero_words``, after the number or its degree word); "15 градусов мороза",
    # "15 degrees below" (``below_zero_after_degrees``, only after a degree word).
    minus_words: tuple[str, ...] = ()
    degree_words: tuple[str, ...] = ()
    below_zero_words: tuple[str, ...] = ()
    below_zero_after_degrees: tuple[str, ...] = ()


def language_key(code: str) -> str:
    """The primary subtag, lower case: "ru-RU" → "ru", "en_GB" → "en". Every comparison of
    language codes in transcheck goes through this."""
    return code.strip().replace("_", "-").split("-")[0].lower()


@cache
def language_data(code: str) -> LanguageData:
    """Conventions for a language code; unknown languages fall back to English digits/quotes."""
    base = language_key(code)
    path = resources.files("checker.language").joinpath("data", f"lang_{base}.json")
    if not path.is_file():
        if base == FALLBACK_LANGUAGE:
            raise ConfigError(f"language data for {base!r} is missing from the installation")
        fallback = language_data(FALLBACK_LANGUAGE)
        return LanguageData(
            code=base,
            decimal_separator=".",
            thousands_separators=fallback.thousands_separators,
            quote_pairs=(("“", "”"), ("\"", "\""), ("«", "»"), ("„", "“")),
            lemmatise=False,
            months=MappingProxyType({}),
            scale_words=MappingProxyType({}),
            percent_words=(),
            decade_suffixes=(),
            number_words=MappingProxyType({}),
            ordinal_words=MappingProxyType({}),
            implicit_numbers=MappingProxyType({}),
        )
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ConfigError(f"cannot read language data: {e}", path=str(path)) from e
    months_cs = any(form[:1].isupper() for forms in raw["months"].values() for form in forms)
    return LanguageData(
        code=base,
        decimal_separator=raw["decimal_separator"],
        thousands_separators=tuple(raw["thousands_separators"]),
        quote_pairs=tuple((o, c) for o, c in raw["quote_pairs"]),
        lemmatise=bool(raw.get("lemmatise", False)),
        months=MappingProxyType(
            {form if months_cs else form.lower(): int(m) for m, forms in raw["months"].items() for form in forms}
        ),
        scale_words=MappingProxyType(
            {form if len(form) == 1 else form.lower(): int(v) for v, forms in raw["scale_words"].items() for form in forms}
        ),
        percent_words=tuple(w.lower() for w in raw.get("percent_words", ())),
        decade_suffixes=tuple(raw.get("decade_suffixes", ())),
        number_words=MappingProxyType({k.lower(): float(v) for k, v in raw.get("number_words", {}).items()}),
        ordinal_words=MappingProxyType({k.lower(): float(v) for k, v in raw.get("ordinal_words", {}).items()}),
        implicit_numbers=MappingProxyType({k.lower(): float(v) for k, v in raw.get("implicit_numbers", {}).items()}),
        months_case_sensitive=months_cs,
        month_cues=frozenset(w.lower() for w in raw.get("month_cues", ())),
        ambiguous_months=frozenset(f if months_cs else f.lower() for f in raw.get("ambiguous_months", ())),
        minus_words=tuple(w.lower() for w in raw.get("minus_words", ())),
        degree_words=tuple(raw.get("degree_words", ())),
        below_zero_words=tuple(w.lower() for w in raw.get("below_zero_words", ())),
        below_zero_after_degrees=tuple(w.lower() for w in raw.get("below_zero_after_degrees", ())),
    )
