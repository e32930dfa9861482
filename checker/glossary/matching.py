"""Finding glossary terms in text: morphology-aware on the source side, whole-word on the target side.

Source side (:func:`find_source_term`, :class:`TermMatcher`)
    Text is split into words (:data:`checker.language.morphology.WORD`). A term of n words
    matches n consecutive words separated only by whitespace.

    For Russian and Ukrainian, a text word matches a term word when their analyses share a
    lemma, part of speech and gender (:mod:`checker.language.morphology` says how: every
    parse of the text word, the nominative, proper-noun parses of the term word).

    Also, in every language:
    - a capitalised term word only matches a capitalised text word ("Ровно" the city,
      not "ровно" exactly; "Сумы", not "сумы" bags), and an all-capitals term word
      (an abbreviation) only an all-capitals text word;
    - an exact match (case-insensitive unless the term is case_sensitive) always counts,
      which covers words the analyser does not know;
    - a one-word match (a one-word term, or a bare surname of a ``match_surname`` term)
      is skipped when the word right before it is another capitalised first name or an
      initial: "Богдан Хмельницкий" is the hetman, not the city; "Александр Николаев" a
      person, not Mykolaiv; "Елена Зеленская" not the president.

    Adjectives derived from a term are different lemmas and deliberately do not match
    ("Киевская область", "украинского общества"): they are usually rendered by an adjective
    or a different construction ("Kyiv region", "Ukrainian society").

    A language with inflection data (Ukrainian) also matches, for a capitalised term word,
    the forms :func:`checker.language.morphology.fallback_forms` generates from it: "Київ"
    → Києва, Києві, Києвом; "Зеленський" → Зеленського, Зеленським; "Львів" → Львова,
    Львові. Without the opt-in dictionary that is the whole matching; with it, it covers
    the names the dictionary only guesses at (Сибіга, Синєгубов). Other languages without an analyser use exact matching plus a
    conservative prefix rule: a text word matches when it starts with the term word (less a
    final vowel), that stem is at least 4 letters, and at most 3 letters follow it ("Kiew"
    → "Kiews").

Target side (:func:`find_target_forms`, :func:`find_forbidden`)
    Forms match as whole words (Unicode word boundaries), case-insensitively unless the
    term is case_sensitive; the words of a multi-word form match across any whitespace;
    a possessive may follow ("Kyiv's", "Kyiv’s", "Reznikovs'"); a form of several words that
    ends in a common noun may take its plural ("Donetsk and Luhansk regions" has "Luhansk
    region"); apostrophe and hyphen
    variants match each other. A forbidden occurrence inside an occurrence of one of the
    term's exception phrases ("Chicken Kiev") is not reported. When the target language
    has an analyser (an en→ru glossary), forms also match morphologically, as above.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from checker.glossary.schema import Term
from checker.language.conventions import language_key
from checker.language.morphology import (
    APOSTROPHES,
    HYPHENS,
    WORD,
    WordKey,
    fallback_forms,
    fold_word,
    has_analyser,
    has_fallback_forms,
    is_first_name,
    keys_match,
    term_word_keys,
    text_word_keys,
)

_VOWELS = frozenset("aeiouyаеёиоуыэюяіїє")


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class SourceMatch:
    """One occurrence of a term in a text: ``term`` indexes the matcher's term list."""

    term: int
    start: int
    end: int
    surname_only: bool = False


def _case_ok(text_word: str, term_word: str) -> bool:
    if term_word[:1].isupper() and not text_word[:1].isupper():
        return False
    if len(term_word) > 1 and term_word.isupper() and not text_word.isupper():
        return False
    return True


def _stem(word: str) -> str:
    w = fold_word(word)
    return w[:-1] if w and w[-1] in _VOWELS else w


def _word_matches(lang: str, text_word: str, term_word: str, case_sensitive: bool) -> bool:
    if not _case_ok(text_word, term_word):
        return False
    if case_sensitive:
        if text_word == term_word:
            return True
    elif fold_word(text_word) == fold_word(term_word):
        return True
    forms = fallback_forms(lang, term_word)
    if has_analyser(lang):
        if keys_match(text_word_keys(lang, text_word), term_word_keys(lang, term_word)):
            return True
        # The dictionary guesses at names it does not know (Сибіга, Синєгубов): the forms
        # the inflection rules generate for a name count too.
        return term_word[:1].isupper() and fold_word(text_word) in forms
    if forms:
        return fold_word(text_word) in forms
    # No analyser: a conservative shared-prefix rule (see the module docstring).
    stem = _stem(term_word)
    t = fold_word(text_word)
    if case_sensitive and not text_word.startswith(term_word[: len(stem)]):
        return False
    return len(stem) >= 4 and t.startswith(stem) and len(t) - len(stem) <= 3


@functools.lru_cache(maxsize=1024)
def _tokens(text: str) -> tuple[_Token, ...]:
    return tuple(_Token(m.group(), m.start(), m.end()) for m in WORD.finditer(text))


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(m.group() for m in WORD.finditer(phrase))


@dataclass(frozen=True)
class _Pattern:
    words: tuple[str, ...]
    term: int
    case_sensitive: bool
    surname_only: bool


class TermMatcher:
    """Finds the source forms of many terms in a text, one pass per text.

    Build one per (terms, language) and reuse it: candidate patterns are looked up by the
    lemmas of each text word, so the cost grows with the text, not with the glossary.
    """

    def __init__(self, terms: Sequence[Term], language: str) -> None:
        self.terms = tuple(terms)
        self.lang = language_key(language)
        self._index: dict[str, list[_Pattern]] = {}
        for i, term in enumerate(self.terms):
            full = {_words(s) for s in term.source}
            for words in full:
                if words:
                    self._add(_Pattern(words, i, term.case_sensitive, False))
            if term.match_surname:
                for words in full:
                    if len(words) > 1 and (words[-1],) not in full:
                        self._add(_Pattern((words[-1],), i, term.case_sensitive, True))

    def _keys(self, word: str, analyses: Callable[[str, str], frozenset[WordKey]]) -> set[str]:
        """The index keys of a word: itself folded, and its lemmas (``analyses``: of a text
        word or of a glossary word), and its fallback stem where there is no analyser or the
        language has fallback inflection rules."""
        keys = {fold_word(word)}
        if has_analyser(self.lang):
            keys.update(lemma for lemma, _, _ in analyses(self.lang, word))
        if not has_analyser(self.lang) or has_fallback_forms(self.lang):
            keys.add(_fallback_key(self.lang, word))
        return keys

    def _add(self, pattern: _Pattern) -> None:
        for key in self._keys(pattern.words[0], term_word_keys):
            bucket = self._index.setdefault(key, [])
            if pattern not in bucket:
                bucket.append(pattern)

    def find(self, text: str) -> list[SourceMatch]:
        """Non-overlapping matches in text order; where matches overlap the longest wins."""
        tokens = _tokens(text)
        found: list[SourceMatch] = []
        for k, token in enumerate(tokens):
            candidates: list[_Pattern] = []
            for key in self._keys(token.text, text_word_keys):
                for p in self._index.get(key, ()):
                    if p not in candidates:
                        candidates.append(p)
            for p in candidates:
                end = self._match_at(tokens, k, p, text)
                if end is not None:
                    found.append(SourceMatch(p.term, token.start, end, p.surname_only))
        return _non_overlapping(found)

    def _match_at(self, tokens: tuple[_Token, ...], k: int, p: _Pattern, text: str) -> int | None:
        if k + len(p.words) > len(tokens):
            return None
        for j, word in enumerate(p.words):
            tok = tokens[k + j]
            if j and text[tokens[k + j - 1].end : tok.start].strip():
                return None  # words of a term are separated by whitespace only
            if not _word_matches(self.lang, tok.text, word, p.case_sensitive):
                return None
        if len(p.words) == 1 and k > 0 and self._after_first_name(tokens, k, text):
            return None
        return tokens[k + len(p.words) - 1].end

    def _after_first_name(self, tokens: tuple[_Token, ...], k: int, text: str) -> bool:
        prev = tokens[k - 1]
        gap = text[prev.end : tokens[k].start]
        if len(prev.text) == 1 and prev.text.isupper() and gap.strip() == ".":
            return True  # an initial: "В. Зеленский" may be anyone's
        return not gap.strip() and is_first_name(self.lang, prev.text)


def _fallback_key(lang: str, word: str) -> str:
    """The index key of a word without an analyser: its first four letters, or with
    generated inflections its first letter only, as the stem's vowel may alternate
    ("Київ", "Києва")."""
    return fold_word(word)[:1] if has_fallback_forms(lang) else fold_word(word)[:4]


def _non_overlapping(matches: Iterable[SourceMatch]) -> list[SourceMatch]:
    # Longest first, then full names before bare surnames, then earliest.
    ordered = sorted(matches, key=lambda m: (-(m.end - m.start), m.surname_only, m.start, m.term))
    kept: list[SourceMatch] = []
    for m in ordered:
        if all(m.end <= o.start or m.start >= o.end for o in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.term))


@functools.lru_cache(maxsize=256)
def term_matcher(terms: tuple[Term, ...], language: str) -> TermMatcher:
    """A cached matcher for a glossary's terms (terms are frozen, so hashable)."""
    return TermMatcher(terms, language)


def find_source_term(term: Term, text: str, language: str) -> list[tuple[int, int]]:
    """Spans [start, end) of ``term``'s source forms in ``text`` (see the module docstring)."""
    return [(m.start, m.end) for m in term_matcher((term,), language).find(text)]


# --- target side -----------------------------------------------------------------------


def _form_regex(form: str) -> str:
    pieces = []
    for word in form.split():
        out = []
        for ch in word:
            if ch in APOSTROPHES:
                out.append(f"[{APOSTROPHES}]")
            elif ch in HYPHENS:
                out.append(f"[{HYPHENS}]")
            else:
                out.append(re.escape(ch))
        pieces.append("".join(out))
    if len(pieces) > 1 and form.split()[-1].islower():
        # A form ending in a common noun takes its plural when two share it: "Донецької та
        # Луганської областей" → "the Donetsk and Luhansk regions" renders "Luhansk region".
        pieces[-1] += "(?:e?s)?"
    return r"\s+".join(pieces)


@functools.lru_cache(maxsize=4096)
def _forms_regex(forms: tuple[str, ...], case_sensitive: bool) -> re.Pattern[str] | None:
    indexed = [(i, f) for i, f in enumerate(forms) if f.split()]
    if not indexed:
        return None
    # Longest first, so that "Denis Shmygal" wins over "Shmygal" at the same position.
    indexed.sort(key=lambda x: -len(x[1]))
    alternatives = "|".join(f"(?P<f{i}>{_form_regex(f)})" for i, f in indexed)
    # A possessive may follow: Kyiv's / Kyiv’s end at a non-word character anyway;
    # "Reznikovs'" needs the s + apostrophe allowed explicitly.
    pattern = rf"(?<!\w)(?:{alternatives})(?=s[{APOSTROPHES}]|(?!\w))"
    return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)


def find_target_forms(
    forms: Sequence[str], text: str, case_sensitive: bool = False, language: str | None = None
) -> list[tuple[int, int, str]]:
    """Occurrences (start, end, form) of any of ``forms`` in ``text``, non-overlapping.

    The span covers the form itself, not a following possessive. With a ``language``
    that has an analyser, inflected occurrences count too (for ru/uk target texts).
    """
    regex = _forms_regex(tuple(forms), case_sensitive)
    if regex is None:
        return []
    hits = [(m.start(), m.end(), forms[int(m.lastgroup[1:])]) for m in regex.finditer(text) if m.lastgroup]
    if language is not None and has_analyser(language):
        pseudo = tuple(Term(source=(f,), target=(f,), case_sensitive=case_sensitive) for f in forms)
        for m in term_matcher(pseudo, language).find(text):
            hits.append((m.start, m.end, forms[m.term]))
        ordered = sorted(set(hits), key=lambda h: (-(h[1] - h[0]), h[0]))
        kept: list[tuple[int, int, str]] = []
        for h in ordered:
            if all(h[1] <= o[0] or h[0] >= o[1] for o in kept):
                kept.append(h)
        hits = kept
    return sorted(hits)


def approved_forms(term: Term) -> tuple[str, ...]:
    """The renderings that satisfy a term: its targets, plus their last words for match_surname."""
    forms = list(term.target)
    if term.match_surname:
        for t in term.target:
            words = t.split()
            if len(words) > 1 and words[-1] not in forms:
                forms.append(words[-1])
    return tuple(forms)


def find_forbidden(term: Term, text: str, language: str | None = None) -> list[tuple[int, int, str]]:
    """Occurrences of ``term``'s forbidden forms in ``text`` that are not inside an exception."""
    hits = find_target_forms(term.forbidden, text, term.case_sensitive, language)
    if not hits or not term.exceptions:
        return hits
    allowed = find_target_forms(term.exceptions, text, term.case_sensitive, language)
    return [h for h in hits if not any(a <= h[0] and h[1] <= b for a, b, _ in allowed)]
