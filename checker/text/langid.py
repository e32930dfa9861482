"""Language identification: langdetect, made deterministic, plus a letter check for Cyrillic.

langdetect keeps a module-level factory and draws random numbers unless seeded; this module
loads its own ``DetectorFactory`` once, with seed 0, so results never depend on what else in
the process called langdetect.

langdetect calls many short Ukrainian and Russian sentences Macedonian or Bulgarian, and
sometimes confuses the two. Letters settle most of it more cheaply: і ї є ґ are Ukrainian,
ы э ё Russian, ў Belarusian; for the rest langdetect chooses between ru and uk only.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

UNDETERMINED = "und"

# Below this many letters a sentence says too little about its language.
_MIN_SENTENCE_LETTERS = 20
_UK_LETTERS = frozenset("іїєґІЇЄҐ")
_UK_ONLY_LETTERS = frozenset("їєґЇЄҐ")  # і is Belarusian too
# ъ is left out: rare in Russian, frequent in Bulgarian.
_RU_LETTERS = frozenset("ыэёЫЭЁ")
_BE_LETTERS = frozenset("ўЎ")
_SOUTH_SLAVIC_LETTERS = frozenset("ђћѓќѕљњџјЂЋЃЌЅЉЊЏЈ")
# Russian ъ only separates a prefix from е ё ю я ("объявил", "съезд"); Bulgarian ъ is a vowel
# ("министърът", "съобщи").
_BULGARIAN_HARD_SIGN = re.compile(r"[ъЪ](?![еёюяЕЁЮЯ])")
_RU_UK_PRIOR = {"ru": 0.5, "uk": 0.5}
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
_DOCUMENT_SAMPLE_CHARS = 20000
# Below this many letters langdetect's guess among Latin-script languages is noise: "I
# understand." is German to it (0.99999), "Good night" Welsh, "Mama mia, I am here" Swahili.
# A text this short in the script of the language the caller expects is taken to be in it.
_SHORT_TEXT_LETTERS = 50

_lock = threading.Lock()
_factory: Any = None


def _detector_factory() -> Any:
    """langdetect's profiles, loaded once into a private factory seeded with 0."""
    global _factory
    with _lock:
        if _factory is None:
            from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

            factory = DetectorFactory()
            factory.load_profile(PROFILES_DIRECTORY)
            factory.set_seed(0)
            _factory = factory
    return _factory


def _langdetect(text: str, prior: dict[str, float] | None = None) -> list[tuple[str, float]]:
    """(language, probability) pairs, most probable first; [] when langdetect finds no
    features (digits, punctuation). ``prior`` restricts the candidates to its keys."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _detector_factory().create()
    if prior is not None:
        detector.set_prior_map(prior)
    detector.append(text)
    try:
        return [(p.lang, p.prob) for p in detector.get_probabilities()]
    except LangDetectException:
        return []


def _ru_or_uk(text: str) -> tuple[str, float]:
    """langdetect's choice between Russian and Ukrainian only, with its probability."""
    ranked = _langdetect(text, prior=_RU_UK_PRIOR)
    return ranked[0] if ranked else (UNDETERMINED, 0.0)


def _letter_evidence(text: str) -> tuple[int, int, int, int]:
    """Words with Ukrainian, Russian, Belarusian, and South Slavic (Serbian, Macedonian,
    Bulgarian ъ) distinctive letters."""
    uk = ru = be = south = 0
    for word in _WORD.findall(text):
        letters = set(word)
        uk += not letters.isdisjoint(_UK_LETTERS)
        ru += not letters.isdisjoint(_RU_LETTERS)
        be += not letters.isdisjoint(_BE_LETTERS)
        south += not letters.isdisjoint(_SOUTH_SLAVIC_LETTERS) or bool(_BULGARIAN_HARD_SIGN.search(word))
    return uk, ru, be, south


def _is_cyrillic_text(letters: list[str]) -> bool:
    cyr = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    return cyr * 3 > len(letters)  # a Russian sentence about "Going Balls" is still Russian


def _cyrillic(text: str, *, min_words: int) -> str | None:
    """Russian, Ukrainian or Belarusian by letters, langdetect breaking ties; None when
    undecidable. ``min_words`` words with one language's letters (and none with the other's)
    settle it without asking langdetect; a single word may be a quoted name ("Київ")."""
    uk, ru, be, south = _letter_evidence(text)
    if be and not (uk and _UK_ONLY_LETTERS.intersection(text)):
        return "be"  # ў: Belarusian, which langdetect does not know
    if uk or ru:
        if uk >= min_words and uk >= 3 * ru:
            return "uk"
        if ru >= min_words and ru >= 3 * uk:
            return "ru"
        lang, prob = _ru_or_uk(text)
        if prob >= 0.9:
            return lang
        return "uk" if uk > ru else "ru" if ru > uk else None
    if south:
        ranked = _langdetect(text)
        return ranked[0][0] if ranked else None
    # No distinctive letter at all ("Никто не ответил на вопрос"): unrestricted langdetect
    # says "bg" or "mk" for such sentences; choosing between ru and uk it is mostly right.
    lang, prob = _ru_or_uk(text)
    return lang if prob >= 0.9 else None


def _icelandic(text: str, *, min_words: int) -> bool:
    """Icelandic, which langdetect does not know (it says Norwegian): words with þ or ð
    ("það", "að", "Stjórnarandstaðan"); an English text naming Þingvellir has one. (Faroese,
    which langdetect does not know either, is taken for its nearest relative.)"""
    words = _WORD.findall(text)
    marked = sum(1 for w in words if any(ch in "þðÞÐ" for ch in w))
    # about one word in five in Icelandic prose; an English text quoting a sentence, 1 in 40
    return marked >= min_words and marked * 12 >= len(words)


def _latin(letters: list[str]) -> bool:
    return sum(1 for ch in letters if ch < "\u0250") * 10 >= 9 * len(letters)


def _short_and_expected(letters: list[str], expected: str | None) -> bool:
    """Whether a text is too short to overrule ``expected``: fewer than ``_SHORT_TEXT_LETTERS``
    letters, in the Latin script ``expected`` is written in. Only Latin script needs it: a
    Cyrillic text is told by its letters, other scripts nearly name their language."""
    if expected is None or len(letters) >= _SHORT_TEXT_LETTERS or not _latin(letters):
        return False
    from checker.language.conventions import language_data

    return language_data(expected).script == "Latn"


# From this many letters on, a document's detected language is trusted over a glossary's
# (a Ukrainian article checked with the ru→en glossary is Ukrainian, and its numbers and
# words must be read as such); below it, a glossary's pair may correct the detection.
_FIRM_LETTERS = 200


def firmly_detected(text: str) -> bool:
    """Whether ``detect_language`` has enough of ``text`` to be trusted over a glossary."""
    return len(_LETTER.findall(text[:_DOCUMENT_SAMPLE_CHARS])) >= _FIRM_LETTERS


def detect_language(text: str, expected: str | None = None) -> str:
    """The language of a whole document as an ISO 639-1 code ("ru", "uk", "en", "zh-cn", ...),
    or "und" when there is nothing to go on. Never raises.

    ``expected`` (the language the caller has reason to expect, English for a translation's
    target) wins for a Latin-script text too short for langdetect to be trusted.
    """
    sample = text[:_DOCUMENT_SAMPLE_CHARS]
    letters = _LETTER.findall(sample)
    if not letters:
        return UNDETERMINED
    if _short_and_expected(letters, expected):
        assert expected is not None
        return expected
    if _is_cyrillic_text(letters):
        lang = _cyrillic(sample, min_words=3)
        if lang is not None:
            return lang
    elif _icelandic(sample, min_words=3):
        return "is"
    ranked = _langdetect(sample)
    return ranked[0][0] if ranked else UNDETERMINED


@lru_cache(maxsize=8192)
def sentence_language(text: str, expected: str | None = None) -> str | None:
    """The language of one sentence, or None when it is too short or undecidable: fewer than
    20 letters, digits and symbols only, or nothing but capitalised words (names, which are
    spelt alike in many languages).

    ``expected`` (the declared language of the document the sentence is in) wins for a
    Latin-script sentence of fewer than 50 letters, where langdetect guesses.
    """
    letters = _LETTER.findall(text)
    if len(letters) < _MIN_SENTENCE_LETTERS:
        return None
    if _short_and_expected(letters, expected):
        return expected
    words = _WORD.findall(text)
    if all(w[0].isupper() for w in words):
        return None
    if _is_cyrillic_text(letters):
        return _cyrillic(text, min_words=2)
    if _icelandic(text, min_words=2):
        return "is"
    ranked = _langdetect(text)
    if not ranked or ranked[0][1] < 0.5:
        return None
    return ranked[0][0]
