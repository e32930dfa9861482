"""Words and their dictionary forms: the morphological analysers (pymorphy3) for Russian and Ukrainian.

A word is a run of letters and digits; a hyphen or apostrophe between letters stays inside
it, so "Ивано-Франковске" and "В'ячеслав" are one word (:data:`WORD`).

pymorphy3 analyses each word; a parse comes down to a key of (lemma, part of speech,
grammatical gender) (:func:`text_word_keys`). A glossary word, written in the nominative,
keeps only its nominative parses, and among those only proper-noun parses
(Geox/Name/Surn/Patr/Orgn) when there are any (:func:`term_word_keys`): that is what stops
"лев" matching "Львов" (whose genitive-plural parse is лев). Two words are forms of one
another when ANY parse of the text word shares a key with ANY retained parse of the
glossary word (:func:`keys_match`). Taking every parse rather than the first matters: the
first parse of "Песков" is песок (sand), of "Львове" лев (lion), of uk "Києві" кий (cue).
The gender keeps "Зеленская" (feminine, his wife's surname) apart from "Зеленский".

How glossary terms are found in text with these is :mod:`checker.glossary.matching`.
Analysers load lazily, once per language per process; word analyses are cached.

Without an analyser (the Ukrainian dictionary is an opt-in extra, for its licence), a
language with ``checker/language/data/inflection_<lang>.json`` still matches the common
inflections of a name: :func:`fallback_forms` generates them from the nominative by the
file's ending rules ("Київ" → Києва, Києві, Києвом; "Зеленський" → Зеленського, Зеленським).
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from importlib import resources
from typing import Any

from checker.errors import ConfigError
from checker.language.conventions import language_key

#: Languages with a morphological analyser (pymorphy3 dictionaries).
MORPH_LANGUAGES = ("ru", "uk")

APOSTROPHES = "'’ʼ"
HYPHENS = "-‐‑"
#: A word: letters and digits, with a hyphen or apostrophe allowed between letters.
WORD = re.compile(rf"[^\W_]+(?:[{HYPHENS}{APOSTROPHES}][^\W_]+)*")
_PROPER = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn"})

#: The part of speech of a key that matches any part of speech.
ANY_POS = "*"
#: (normal form, part of speech, gender) of one parse.
WordKey = tuple[str, "str | None", "str | None"]


#: The opt-in dictionary packages, by language, and the extra that installs each.
OPTIONAL_DICTIONARIES = {"uk": ("pymorphy3_dicts_uk", "uk")}


def dictionary_hint(language: str) -> str | None:
    """A line saying how to install ``language``'s opt-in dictionary, or None if it is there.

    ``scripts/setup`` prints it: the Ukrainian dictionary stays out of the default install
    for its licence (see pyproject.toml), and without it names match by the inflection rules.
    """
    entry = OPTIONAL_DICTIONARIES.get(language_key(language))
    if entry is None or importlib.util.find_spec(entry[0]) is not None:
        return None
    module, extra = entry
    return (
        f"note: the {language_key(language)} morphology dictionary ({module}) is not installed (opt-in for its "
        f"licence); names are matched by built-in inflection rules. To install it: "
        f"pip install 'transcheck[{extra}]' (from a checkout: .venv/bin/python -m pip install -e '.[{extra}]')"
    )


def has_analyser(language: str) -> bool:
    return analyser(language) is not None


@functools.cache
def analyser(language: str) -> Any | None:
    """The pymorphy3 analyser for ``language``, loaded on first use and kept for the process.

    None when the language has none, or its dictionary package is not installed (the
    Ukrainian one comes with the ``uk`` extra, for its licence: see the README).
    """
    lang = language_key(language)
    if lang not in MORPH_LANGUAGES:
        return None
    import pymorphy3  # imported here: only ru/uk text needs it

    try:
        return pymorphy3.MorphAnalyzer(lang=lang)
    except ValueError:  # "Can't find a dictionary for language ..."
        return None


def _analyser(lang: str) -> Any:
    morph = analyser(lang)
    if morph is None:
        raise LookupError(f"no morphological dictionary for {lang!r}")
    return morph


def lemma_key(text: str, language: str) -> str:
    """``text`` with every word in its dictionary form (first parse), lower-cased."""
    words = re.findall(r"[\w'’-]+", text)
    morph = analyser(language)
    if morph is None:
        return " ".join(words).casefold()
    return " ".join(_first_lemma(morph, w) for w in words).casefold()


@functools.lru_cache(maxsize=1 << 18)
def _first_lemma(morph: Any, word: str) -> str:
    # Cached: the lemmas of a large glossary's sources are most of the time of checking it,
    # and its first names repeat.
    parses = morph.parse(word)
    return str(parses[0].normal_form) if parses else word


def fold_word(s: str) -> str:
    """A word compared case-insensitively, ё as е, and apostrophe and hyphen variants as one."""
    s = s.lower().replace("ё", "е")
    for a in APOSTROPHES[1:]:
        s = s.replace(a, "'")
    for h in HYPHENS[1:]:
        s = s.replace(h, "-")
    return s


@functools.lru_cache(maxsize=200_000)
def text_word_keys(lang: str, word: str) -> frozenset[WordKey]:
    """Every parse of a text word, as (lemma, POS, gender)."""
    return frozenset(_key(p) for p in _analyser(lang).parse(word))


def _key(parse: Any) -> WordKey:
    # Gender tells "Зеленская" from "Зеленский", but only a dictionary word's gender is
    # reliable: for words it does not know, pymorphy guesses a paradigm, and with it a
    # gender (forms of the surname Шмыгаль come out masculine or feminine at random).
    known = type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
    pos, gender = parse.tag.POS, parse.tag.gender
    # Plain str: pymorphy's grammeme values raise when compared with unknown strings.
    return (
        fold_word(parse.normal_form),
        None if pos is None else str(pos),
        None if gender is None or not known else str(gender),
    )


@functools.lru_cache(maxsize=8192)
def term_word_keys(lang: str, word: str) -> frozenset[WordKey]:
    """The parses of a glossary word worth matching: nominative, proper nouns first."""
    parses = _analyser(lang).parse(word)
    nominative = [p for p in parses if p.tag.case == "nomn"] or parses
    if word[:1].isupper():
        proper = [p for p in nominative if _PROPER & p.tag.grammemes]
        # A capitalised word that is a plurale tantum ("Суми", "Черкаси", "Чернівці") names
        # the town: its reading as the plural of a common noun (суми "sums") would match
        # every "Сума" opening a sentence.
        plurale_tantum = [p for p in nominative if "Pltm" in p.tag.grammemes]
        if proper:
            nominative = proper
        elif plurale_tantum:
            nominative = plurale_tantum
    keys: set[WordKey] = {_key(p) for p in nominative}
    if fold_word(word) not in {lemma for lemma, _, _ in keys}:
        # The analyser did not recognise the written (nominative) form as a lemma, as
        # with rare surnames ("Кулеба" → кулеб): accept any text word whose lemma it is.
        keys.add((fold_word(word), ANY_POS, None))
    return frozenset(keys)


@functools.lru_cache(maxsize=50_000)
def is_first_name(lang: str, word: str) -> bool:
    """Whether ``word`` can be a first name (not a lone initial) in ``lang``."""
    # Longer than one letter: pymorphy also tags a lone capital ("В" at a sentence start,
    # the preposition) as an initial with the Name grammeme; initials are handled apart.
    if len(word) < 2 or not word[:1].isupper():
        return False
    if not has_analyser(lang):
        return fold_word(word) in _fallback_first_names(language_key(lang))
    return any(
        "Name" in p.tag.grammemes and "Init" not in p.tag.grammemes for p in _analyser(lang).parse(word)
    )


def keys_match(text_keys: frozenset[WordKey], term_keys: frozenset[WordKey]) -> bool:
    """Whether a text word's parses and a glossary word's retained parses share a key."""
    for lemma, pos, gender in text_keys:
        for t_lemma, t_pos, t_gender in term_keys:
            if lemma != t_lemma or (pos != t_pos and t_pos != ANY_POS):
                continue
            if gender is None or t_gender is None or gender == t_gender:
                return True
    return False


@functools.cache
def _inflection_rules(lang: str) -> dict[str, Any] | None:
    path = resources.files("checker.language").joinpath("data", f"inflection_{lang}.json")
    if not path.is_file():
        return None
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ConfigError(f"cannot read language data: {e}", path=str(path)) from e
    return data


def has_fallback_forms(language: str) -> bool:
    """Whether :func:`fallback_forms` knows the inflections of ``language``."""
    return _inflection_rules(language_key(language)) is not None


@functools.lru_cache(maxsize=8192)
def fallback_forms(language: str, word: str) -> frozenset[str]:
    """The inflected forms of a nominative name, folded (:func:`fold_word`), the word itself included.

    Empty when the language has no inflection data. Only the part after the last hyphen
    inflects ("Івано-Франківськ" → "івано-франківська").
    """
    rules = _inflection_rules(language_key(language))
    if rules is None:
        return frozenset()
    folded = fold_word(word)
    head, sep, last = folded.rpartition("-")
    prefix = head + sep
    forms = {folded}
    for rule in rules["rules"]:
        suffix = rule["suffix"]
        if not last.endswith(suffix) or len(last) <= len(suffix) + 1:
            continue
        stem = last[: len(last) - len(suffix)] + rule["stem"]
        stems = [stem]
        if rule.get("alternate"):
            stems += _alternated(stem, rules["alternations"])
        for st in stems:
            for ending in rule["endings"]:
                forms.add(prefix + st + ending)
                mutated = rules["mutations"].get(st[-1:]) if rule.get("mutate") and ending == "і" else None
                if mutated:
                    forms.add(prefix + st[:-1] + mutated + ending)
        break
    return frozenset(forms)


@functools.cache
def _fallback_first_names(lang: str) -> frozenset[str]:
    """Every generated form of the inflection data's first names (Богдан → Богдана, Богданом)."""
    rules = _inflection_rules(lang)
    return frozenset(f for name in (rules or {}).get("first_names", ()) for f in fallback_forms(lang, name))


def _alternated(stem: str, alternations: dict[str, list[str]]) -> list[str]:
    """The stem with the vowel of its last syllable alternated: "київ" → "києв", "львів" → "львов"."""
    for i in range(len(stem) - 1, -1, -1):
        ch = stem[i]
        if ch in "аеєиіїоуюяь'":
            if ch not in alternations or i == len(stem) - 1:
                return []
            return [stem[:i] + alt + stem[i + 1 :] for alt in alternations[ch]]
    return []
