"""Language conventions as data: quote marks, separators, month names, number and scale words.

Each language lives in ``checker/data/lang_<code>.json`` so that adding a language, or a
month abbreviation a translator uses, is a data change, not a code change. A language
without a file gets English conventions for quote marks (``"…"`` and ``“…”`` are the most
common marks in any Latin-script text) and no words, and is marked ``numbers=False``: its
decimal and thousands separators would be a guess ("1.500" is 1500 in German, 1.5 in
English), so the number rule says nothing about it rather than guess.

``number_name_words.txt`` lists the words after which a number is part of a name ("Boeing
737", "Leopard 2"), for every language: see ``LanguageData.number_name_words``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Mapping

from checker.errors import ConfigError

FALLBACK_LANGUAGE = "en"


def _empty_mapping() -> Mapping[str, Any]:
    return MappingProxyType({})


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
    # Number words written as several words or with hyphens, read as one: French
    # "dix-sept" (17), "quatre-vingt-dix" (90), Spanish "mil millones" (a scale, 10**9:
    # listed under ``scale_words``, as every form of a scale is).
    number_phrases: Mapping[str, float] = field(default_factory=_empty_mapping)
    # Stems of words built on a number that are not one: "миллионник" (a city of a million),
    # "тысячник", "двухсотый" (a soldier killed, and the 200th). A word that begins with one
    # (and is longer) is a quantity matched when the other side has its value, never
    # reported: a translator renders it "a big city" as often as "a city of a million".
    number_stems: Mapping[str, float] = field(default_factory=_empty_mapping)
    # Words that join the parts of a spelled number: "treinta y nueve", "vingt et un"
    # ("and" is always one: "one hundred and five").
    number_joiners: tuple[str, ...] = ()
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
    # False only for a language without a conventions file: see the module docstring.
    numbers: bool = True
    # Whether ``number_words``/``ordinal_words`` cover what a text of the language spells
    # numbers with (ru, uk and en: lemmatised lists). Where they do not (Polish, Arabic, …:
    # inflected numerals nobody listed), a number the other side writes in digits may be
    # here in words nobody reads, so ``number_compare`` reports it only in a substitution.
    reads_spelled_numbers: bool = False
    # ISO 15924 code of the script: "Latn", "Cyrl", "Jpan", "Hani", "Arab", "Deva", …
    script: str = "Latn"
    # Written without spaces between words (Japanese, Chinese): how many characters make
    # about one English word, for the word counts of quotations.
    chars_per_word: float = 0.0
    # After the day of a date: "3. Oktober" ("."); words between day, month and year:
    # "3 de octubre de 2020" ("de").
    day_suffixes: tuple[str, ...] = ()
    # The hour mark of times like "23 h 45" (French), read as 23:45.
    clock_marks: tuple[str, ...] = ()
    date_joiners: tuple[str, ...] = ()
    # Marks read as a decimal point between two digits: "９８・２４" (Japanese), "١٫٥"
    # (Arabic); and the counters after which "・" lists numbers instead ("１・２号機").
    decimal_marks: tuple[str, ...] = ()
    thousands_marks: tuple[str, ...] = ()
    list_counters: tuple[str, ...] = ()
    # Case endings glued to scale words: Turkish "10 milyondan", Finnish "miljoonaan".
    scale_word_suffixes: bool = False
    # Indian digit grouping: "1,00,000" is a lakh (100,000).
    indian_grouping: bool = False
    # Suffixes of an ordinal after digits or a Roman numeral: "XXe", "4ème", "1er".
    ordinal_suffixes: tuple[str, ...] = ()
    # A century written as its first year, Finnish "1400-luvulla" (the 15th century).
    century_suffixes: tuple[str, ...] = ()
    # Japanese and Chinese numbers: scale characters glued to digits and summed
    # ("１万０３６３・１８" = 10,363.18, "３億５０００万" = 350,000,000), native numerals
    # ("十四億", "七百五十萬"), the counters a native numeral needs after it to be read as one
    # (人, 年, 個: "一方" is "on the other hand"), and the markers of dates and times.
    glued_scales: Mapping[str, int] = field(default_factory=_empty_mapping)
    native_digits: Mapping[str, int] = field(default_factory=_empty_mapping)
    native_multipliers: Mapping[str, int] = field(default_factory=_empty_mapping)
    counters: tuple[str, ...] = ()
    # Units that begin with a scale character: "千米" (km) and "千瓦" (kW) are not "thousand".
    scale_units: tuple[str, ...] = ()
    # A unit with a minor unit, and how many of the minor make one: ("円", "銭", 100) reads
    # "７９円２０銭" as 79.20 yen.
    minor_units: tuple[tuple[str, str, int], ...] = ()
    # "20世紀80年代" (the 1980s), "4至6月" (April to June).
    century_markers: tuple[str, ...] = ()
    decade_marker: str = ""
    range_words: tuple[str, ...] = ()
    ordinal_prefixes: tuple[str, ...] = ()  # 第: "第三" is "third" with no counter after it
    year_marker: str = ""
    month_marker: str = ""
    day_marker: str = ""
    hour_markers: tuple[str, ...] = ()
    minute_markers: tuple[str, ...] = ()
    am_words: tuple[str, ...] = ()
    pm_words: tuple[str, ...] = ()
    # Words after which a number is part of a name, not a quantity: "Boeing 737",
    # "Leopard 2", "Windows 10" (the shared list plus the language's own).
    number_name_words: frozenset[str] = frozenset()
    # All-capital words before a number that do not make it a name: "USD 100".
    currency_codes: frozenset[str] = frozenset()
    # Words for the quotation rules, lower case (see ``checker.language.quotations``): stems
    # of the verbs of saying ("сказа", "заяви"), closed-class words a text quotes only to
    # cite the word itself ("за", "против"), first-person words ("мы", "we've"), the
    # nominative nouns of a publication as a subject ("издание", "газета"), and the stems
    # of verbs by which a publication quotes someone ("цитиру").
    speech_verbs: tuple[str, ...] = ()
    function_words: frozenset[str] = frozenset()
    first_person_words: frozenset[str] = frozenset()
    media_subjects: frozenset[str] = frozenset()
    quoting_verbs: tuple[str, ...] = ()
    # Words after which a quotation cites a term rather than someone's words: "the term
    # “institute of higher education”", "so-called", "known as" (lower case, as phrases).
    mention_cues: tuple[str, ...] = ()


# A macrolanguage code read as the language its texts are in: langdetect says "no" for
# Norwegian, which is Bokmål in nearly all news (the data files are for "nb").
_LANGUAGE_ALIASES = {"no": "nb"}


def language_key(code: str) -> str:
    """The primary subtag, lower case: "ru-RU" → "ru", "en_GB" → "en", "no" → "nb". Every
    comparison of language codes in transcheck goes through this."""
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    return _LANGUAGE_ALIASES.get(primary, primary)


@cache
def _shared_number_name_words() -> frozenset[str]:
    path = resources.files("checker.language").joinpath("data", "number_name_words.txt")
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"cannot read language data: {e}", path=str(path)) from e
    lines = (line.split("#", 1)[0].strip() for line in raw.splitlines())
    return frozenset(line for line in lines if line)


_CURRENCY_CODES = frozenset(
    "USD EUR GBP JPY CNY RMB CHF RUB RUR UAH PLN CZK HUF SEK NOK DKK ISK TRY INR AED SAR CAD AUD BYN KZT".split()
)


def number_languages() -> tuple[str, ...]:
    """The languages the number rule judges: those whose conventions file reads numbers."""
    folder = resources.files("checker.language").joinpath("data")
    codes = (p.name[len("lang_") : -len(".json")] for p in folder.iterdir() if p.name.startswith("lang_") and p.name.endswith(".json"))
    return tuple(sorted(c for c in codes if language_data(c).numbers))


def supports_numbers(code: str) -> bool:
    """Whether numbers in ``code`` text can be read without guessing its separators."""
    return language_data(code).numbers


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
            numbers=False,
            number_name_words=_shared_number_name_words(),
            currency_codes=_CURRENCY_CODES,
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
        number_joiners=tuple(w.lower() for w in raw.get("number_joiners", ())),
        clock_marks=tuple(raw.get("clock_marks", ())),
        number_phrases=MappingProxyType({k.lower(): float(v) for k, v in raw.get("number_phrases", {}).items()}),
        number_stems=MappingProxyType({k.lower(): float(v) for k, v in raw.get("number_stems", {}).items()}),
        months_case_sensitive=months_cs,
        month_cues=frozenset(w.lower() for w in raw.get("month_cues", ())),
        ambiguous_months=frozenset(f if months_cs else f.lower() for f in raw.get("ambiguous_months", ())),
        minus_words=tuple(w.lower() for w in raw.get("minus_words", ())),
        degree_words=tuple(raw.get("degree_words", ())),
        below_zero_words=tuple(w.lower() for w in raw.get("below_zero_words", ())),
        below_zero_after_degrees=tuple(w.lower() for w in raw.get("below_zero_after_degrees", ())),
        reads_spelled_numbers=bool(raw.get("reads_spelled_numbers", False)),
        script=str(raw.get("script", "Latn")),
        chars_per_word=float(raw.get("chars_per_word", 0.0)),
        day_suffixes=tuple(raw.get("day_suffixes", ())),
        date_joiners=tuple(w.lower() for w in raw.get("date_joiners", ())),
        decimal_marks=tuple(raw.get("decimal_marks", ())),
        thousands_marks=tuple(raw.get("thousands_marks", ())),
        list_counters=tuple(raw.get("list_counters", ())),
        indian_grouping=bool(raw.get("indian_grouping", False)),
        scale_word_suffixes=bool(raw.get("scale_word_suffixes", False)),
        ordinal_suffixes=tuple(raw.get("ordinal_suffixes", ())),
        century_suffixes=tuple(raw.get("century_suffixes", ())),
        glued_scales=MappingProxyType({f: int(v) for v, forms in raw.get("glued_scales", {}).items() for f in forms}),
        native_digits=MappingProxyType({f: int(v) for v, forms in raw.get("native_digits", {}).items() for f in forms}),
        native_multipliers=MappingProxyType(
            {f: int(v) for v, forms in raw.get("native_multipliers", {}).items() for f in forms}
        ),
        counters=tuple(sorted(raw.get("counters", ()), key=len, reverse=True)),
        ordinal_prefixes=tuple(raw.get("ordinal_prefixes", ())),
        scale_units=tuple(raw.get("scale_units", ())),
        minor_units=tuple((str(u), str(m), int(n)) for u, m, n in raw.get("minor_units", ())),
        century_markers=tuple(raw.get("century_markers", ())),
        decade_marker=str(raw.get("decade_marker", "")),
        range_words=tuple(raw.get("range_words", ())),
        year_marker=str(raw.get("year_marker", "")),
        month_marker=str(raw.get("month_marker", "")),
        day_marker=str(raw.get("day_marker", "")),
        hour_markers=tuple(raw.get("hour_markers", ())),
        minute_markers=tuple(raw.get("minute_markers", ())),
        am_words=tuple(raw.get("am_words", ())),
        pm_words=tuple(raw.get("pm_words", ())),
        number_name_words=_shared_number_name_words() | frozenset(raw.get("number_name_words", ())),
        currency_codes=_CURRENCY_CODES,
        speech_verbs=tuple(str(w).lower() for w in raw.get("speech_verbs", ())),
        function_words=frozenset(str(w).lower() for w in raw.get("function_words", ())),
        first_person_words=frozenset(str(w).lower() for w in raw.get("first_person_words", ())),
        media_subjects=frozenset(str(w).lower() for w in raw.get("media_subjects", ())),
        quoting_verbs=tuple(str(w).lower() for w in raw.get("quoting_verbs", ())),
        mention_cues=tuple(str(w).lower() for w in raw.get("mention_cues", ())),
    )
