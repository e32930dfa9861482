"""Personal and place names: find them in a ru/uk source, romanise them, pair them with the target.

Three pieces, used by rule TC201 (name-inconsistent) and by the glossary ``suggest`` command:

- ``source_names``: capitalised Cyrillic words that are names (pymorphy3 tags them Name,
  Surn, Patr, Geox or Orgn, or does not know them at all), each reduced to its nominative
  (Алексея → Алексей).
- ``romanisations`` / ``skeleton``: the Latin spellings a name is likely to take (KMU 2010
  for Ukrainian; BGN/PCGN, ALA-LC, ISO 9 and English press forms for Russian; the tables are
  ``data/translit_*.tsv``), and a short phonetic key that makes those spellings comparable.
- ``pair_names``: for each source name in a sentence pair, its rendering in the target: the
  capitalised target word whose skeleton is nearest, ranked among the candidates there.

Similarity is ranked rather than thresholded: Данилов scores higher against "Danilo" than
Алексей does against "Alexey", so no fixed cut-off separates right from wrong pairings; what
does is the best candidate in the sentence beating the others.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from anyascii import anyascii
from rapidfuzz import fuzz

from checker.model import Span
from checker.language.morphology import analyser as morph_analyser

__all__ = [
    "NamePair",
    "name_similarity",
    "SourceName",
    "TargetName",
    "pair_names",
    "romanise",
    "romanisations",
    "same_word_family",
    "skeleton",
    "source_names",
    "spelling_variants",
    "target_names",
    "extended_name",
    "name_form_flavours",
    "ru_uk_name_pair",
]

# pymorphy3 grammemes that mark a proper name: first name, surname, patronymic,
# geographical name, organisation.
NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn"})

# Pairing floor: below this score (0-100, see ``name_similarity``) no target word is taken
# as the rendering; the translator probably wrote "he" or "the minister". Chosen on
# wmt-ru-en-dev by reading every pairing scored 50-62: the wrong ones top out at 57.1
# (Куда → Quo, Россия → Syria at 51), while right ones go down to 55 (Libya, Lebanon,
# Michael); at 58 a few of those are lost, which costs recall only.
MIN_PAIR_SCORE = 58.0

# The best candidate must beat the best candidate of a *different* spelling by this many
# points, or the pairing is a coin toss and skipped (two words fit one name about equally).
# Sweeping 0 / 4 / 8 changed no finding on wmt-ru-en-dev; 4 is a guard, about the gap
# a one-letter difference makes in the whole-spelling quarter of the score.
MIN_PAIR_MARGIN = 4.0

_VOWELS = frozenset("aeiouy")

# The country named just before a name ("президент России Владимир Путин", "министр
# обороны Украины Алексей Резников"). Used only to tell Russians from Ukrainians when one
# first name is rendered in its Russian form and in its Ukrainian one.
_COUNTRY_CUES = (
    ("ua", ("украин", "україн", "ukrain", "kyiv", "kiev", "киев", "київ")),
    ("ru", ("росси", "рф", "росії", "російськ", "russia", "kremlin", "кремл")),
)
_CUE_WINDOW = 5  # words looked back from a name for a country cue, within its sentence

_SOURCE_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
_TARGET_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
_OPENERS = "\"'«»“”„‘’()[]—–- \t\n"
_POSSESSIVE = re.compile(r"(?:['’ʼ]s|s['’ʼ])$")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True)
class SourceName:
    """A name in the source text."""

    lemma: str  # nominative, capitalised: "Алексей"
    span: Span  # offsets into the text it was found in
    kind: str  # "Name", "Surn", "Patr", "Geox", "Orgn", or "" for a word pymorphy3 does not know
    cue: str | None = None  # "ru" / "ua": the country named just before, if any
    following: str | None = None  # lemma of the name right after (Алексей → "Резников")


@dataclass(frozen=True)
class TargetName:
    """A capitalised word in the target text, possessive 's removed."""

    text: str
    span: Span
    initial: bool  # first word of a sentence: capitalised whatever it is


@dataclass(frozen=True)
class NamePair:
    """A source name and the target word taken as its rendering."""

    source_lemma: str
    source_span: Span  # into the source text given to ``pair_names``
    target_text_form: str  # as written, possessive 's removed: "Alexei"
    target_span: Span  # into the target text given to ``pair_names``
    kind: str = ""
    score: float = 0.0  # ``name_similarity`` of the pairing, 0-100
    cue: str | None = None
    following: str | None = None


# --- romanisation -------------------------------------------------------------------


@dataclass(frozen=True)
class _Table:
    systems: tuple[str, ...]
    # key → one (default, alternative) per system; keys ending in "$" match at a word's end
    rows: dict[str, tuple[tuple[str, str], ...]]
    longest: int


def _read_tsv(name: str) -> list[list[str]]:
    text = resources.files("checker.language").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def _table(language: str) -> _Table:
    header, *lines = _read_tsv(f"translit_{language}.tsv")
    rows: dict[str, tuple[tuple[str, str], ...]] = {}
    for cells in lines:
        values = []
        for cell in cells[1:]:
            default, _, alternative = cell.partition("|")
            default = "" if default == "-" else default
            alternative = default if not alternative else ("" if alternative == "-" else alternative)
            values.append((default, alternative))
        rows[cells[0]] = tuple(values)
    return _Table(tuple(header[1:]), rows, max(len(k.rstrip("$")) for k in rows))


@cache
def _equivalents() -> tuple[tuple[str, str], ...]:
    """(Russian, Ukrainian) forms of the same first name, lowercased."""
    _, *lines = _read_tsv("translit_ru_uk_names.tsv")
    return tuple((ru.lower(), uk.lower()) for ru, uk in lines)


def _equivalent(lemma: str, language: str) -> str | None:
    word = lemma.lower()
    for ru, uk in _equivalents():
        if language == "ru" and word == ru:
            return uk
        if language == "uk" and word == uk:
            return ru
    return None


def romanise(word: str, language: str, system: str | None = None) -> str:
    """Romanise one Cyrillic word with one system of ``data/translit_{language}.tsv``.

    ``language`` is "ru" (systems bgn, alalc, iso9, press) or "uk" (kmu2010); ``system``
    defaults to the first column. Characters the table lacks pass through unchanged, so
    Latin text is left alone. The first letter's case is kept.
    """
    table = _table(language)
    col = table.systems.index(system) if system else 0
    low = word.lower()
    out: list[str] = []
    i = 0
    # the alternative spelling applies word-initially (both languages) and, in Russian,
    # after a vowel or a hard/soft sign (BGN/PCGN's ye/yo after vowels: Afanasyev)
    after = frozenset("аеёиоуыэюяьъ") if language == "ru" else frozenset()
    while i < len(low):
        for n in range(min(table.longest, len(low) - i), 0, -1):
            key = low[i : i + n]
            row = table.rows.get(key + "$") if i + n == len(low) else None
            row = row or table.rows.get(key)
            if row is not None:
                default, alternative = row[col]
                # (an apostrophe is not a word start: Знам'янка → Znamianka)
                initial = i == 0 or low[i - 1] in after or low[i - 1] in " -"
                out.append(alternative if initial else default)
                i += n
                break
        else:
            out.append(low[i])
            i += 1
    text = "".join(out)
    if word[:1].isupper():
        text = text[:1].upper() + text[1:]
    return text


@lru_cache(maxsize=8192)
def _spellings(word: str, language: str) -> tuple[str, ...]:
    """The Latin spellings of ``word`` itself: every system of its table, plus anyascii's."""
    seen: dict[str, None] = {}
    if language in ("ru", "uk"):
        for system in _table(language).systems:
            seen[anyascii(romanise(word, language, system)).replace("'", "")] = None
    seen[anyascii(word).replace("'", "")] = None
    return tuple(seen)


@lru_cache(maxsize=8192)
def romanisations(word: str, language: str) -> tuple[str, ...]:
    """Every Latin spelling of ``word`` the tables give, plus anyascii's; ASCII, no duplicates.

    A Russian first name also gets the spellings of its Ukrainian form and vice versa
    (Алексей → Aleksey, Aleksei, Aleksej, Alexei, ..., Oleksii, Oleksiy), because
    translators use both (``translit_ru_uk_names.tsv``).
    """
    spellings = list(_spellings(word, language))
    other = _equivalent(word, language)
    if other is not None:
        spellings += _spellings(other.capitalize(), "uk" if language == "ru" else "ru")
    return tuple(dict.fromkeys(spellings))


def skeleton(text: str) -> str:
    """A short phonetic key: anyascii, lowercase, kh→h, g→h, x→ks, vowels after the first
    letter dropped, doubled letters folded. Alexei, Aleksey, Alexey → "alks"; Oleksiy →
    "olks"; Zelensky, Zelenskyy, Zelenskiy → "zlnsk"; Kiev, Kyiv → "kv".
    """
    s = re.sub(r"[^a-z]", "", anyascii(text).lower())
    # g and h: Ukrainian г is h (Hryhorii), Russian г is g (Grigory); kh, gh likewise
    for a, b in (("kh", "h"), ("gh", "h"), ("g", "h"), ("x", "ks"), ("w", "v"), ("ck", "k"), ("ph", "f"), ("j", "y"), ("q", "k")):
        s = s.replace(a, b)
    # fold doubled letters before dropping vowels, not after: Zelenskyy is Zelensky, but
    # Dudarev must not become Drive's "drv"
    s = re.sub(r"(.)\1+", r"\1", s)
    return s[:1] + "".join(c for c in s[1:] if c not in _VOWELS)


@lru_cache(maxsize=65536)
def name_similarity(source_word: str, language: str, target_word: str) -> float:
    """How well ``target_word`` fits as a spelling of ``source_word``, 0-100.

    The best over the source's romanisations of 3/4 skeleton similarity plus 1/4 whole
    spelling similarity: the skeleton carries the match, the spelling breaks ties between
    near candidates (Danilov against Danilo for Данилов).
    """
    t_skel = skeleton(target_word)
    t_low = anyascii(target_word).lower()
    best = 0.0
    for variant_skeleton, variant_low in _variant_keys(source_word, language):
        score = 0.75 * fuzz.ratio(variant_skeleton, t_skel) + 0.25 * fuzz.ratio(variant_low, t_low)
        best = max(best, score)
    return best


@lru_cache(maxsize=8192)
def _variant_keys(word: str, language: str) -> tuple[tuple[str, str], ...]:
    """(skeleton, lowercase) of each romanisation of ``word``."""
    return tuple((skeleton(v), v.lower()) for v in romanisations(word, language))


# --- source side --------------------------------------------------------------------


@lru_cache(maxsize=16384)
def _name_parse(word: str, language: str, initial: bool) -> tuple[str, str] | None:
    """(nominative, kind) when ``word`` is a name, else None."""
    morph = morph_analyser(language)
    if morph is None:
        # No dictionary for this language: a capital mid-sentence is all there is to go on,
        # and the word stays as written (inflected forms then count as separate names).
        return None if initial else (word, "Surn")
    parses = morph.parse(word)
    # A name reading scored below 5% is pymorphy3 listing every possibility (По, О as
    # abbreviations or surnames at 0.000); real ones score higher (Песков as a surname
    # 0.17 against песок's plural, the lowest seen on wmt-ru-en-dev).
    tagged = [p for p in parses if NAME_TAGS & set(p.tag.grammemes) and p.score >= 0.05]
    if tagged:
        p = tagged[0]  # the likeliest name reading: pymorphy3 orders parses by score
        if not morph.word_is_known(word):
            # for a word not in the dictionary the guesser invents first names (Калачева,
            # a feminine Name, for Калачев's genitive); surnames are the open class
            p = next((q for q in tagged if "Surn" in q.tag.grammemes), p)
        kind = next(t for t in ("Surn", "Name", "Patr", "Geox", "Orgn") if t in p.tag.grammemes)
        lemma = p.normal_form
        if kind == "Surn" and "femn" in p.tag.grammemes:
            # pymorphy3 lemmatises Захаровой to "захаров"; keep her own surname apart
            inflected = p.inflect({"nomn", "femn"})
            lemma = inflected.word if inflected else lemma
        return lemma.replace("ё", "е").capitalize(), kind
    if initial:
        # a sentence-initial word with no name reading is an ordinary word (Кроме, Глава)
        return None
    if not morph.word_is_known(word):
        # capitalised mid-sentence and not in the dictionary: a foreign name (Байден is
        # known; Калачев is known; Тамаулипас is not). Known common words capitalised
        # mid-sentence (Совет, День) are parts of titles, translated rather than romanised.
        return word.replace("ё", "е"), ""
    return None


def _is_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence: only quotes, brackets, dashes and
    spaces lie between it and a sentence end (or the start of ``text``)."""
    i = start
    while i > 0 and text[i - 1] in _OPENERS:  # not text[:start].rstrip(): a copy per word
        i -= 1
    return i == 0 or text[i - 1] in ".!?…:;\n"


def _cue(words: Sequence[str]) -> str | None:
    for word in reversed(words):
        low = word.lower()
        for country, stems in _COUNTRY_CUES:
            if any(low.startswith(stem) for stem in stems):
                return country
    return None


def source_names(text: str, language: str) -> list[SourceName]:
    """Names in ``text`` (Russian or Ukrainian), in order, one per word.

    Acronyms (НАТО, СНБО) and Latin-script words are left out: acronyms are rendered by
    their own conventions (NATO, NSDC), and a Latin word needs no romanising.
    """
    words = [(m.group(), m.start(), m.end()) for m in _SOURCE_WORD.finditer(text)]
    found: list[tuple[int, str, str]] = []  # (word index, lemma, kind)
    for k, (word, start, _) in enumerate(words):
        # two letters or fewer: initials and prepositions (В, По), not names to romanise
        if len(word) < 3 or not word[0].isupper() or not _CYRILLIC.match(word):
            continue
        if len(word) > 1 and word.isupper():
            continue
        parse = _name_parse(word, language, _is_initial(text, start))
        if parse is not None:
            found.append((k, *parse))
    names: list[SourceName] = []
    for n, (k, lemma, kind) in enumerate(found):
        start, end = words[k][1], words[k][2]
        # the cue window stops at a sentence boundary
        first = k
        while first > max(0, k - _CUE_WINDOW) and not _is_initial(text, words[first][1]):
            first -= 1
        cue = _cue([w for w, _, _ in words[first:k]])
        following = None
        if n + 1 < len(found) and found[n + 1][0] == k + 1:
            between = text[end : words[k + 1][1]]
            if between.strip() == "":
                following = found[n + 1][1]
        names.append(SourceName(lemma, Span(start, end), kind, cue, following))
    return names


# --- target side --------------------------------------------------------------------


def target_names(text: str) -> list[TargetName]:
    """Capitalised words of ``text`` (any Latin or Cyrillic script), acronyms left out.

    Hyphenated names split into parts (Nuevo-Leon → Nuevo, Leon); "Putin's" is "Putin".
    """
    out: list[TargetName] = []
    for m in _TARGET_WORD.finditer(text):
        word = m.group()
        if not word[0].isupper() or (len(word) > 1 and word.isupper()):
            continue
        stripped = _POSSESSIVE.sub("", word)
        if len(stripped) < 2:
            continue
        out.append(TargetName(stripped, Span(m.start(), m.start() + len(stripped)), _is_initial(text, m.start())))
    return out


def pair_names(source_text: str, target_text: str, source_language: str) -> list[NamePair]:
    """Pair each name of ``source_text`` with its rendering in ``target_text``.

    The two texts are one aligned pair (a sentence and its translation). Every (source name,
    target word) pair is scored with ``name_similarity``; then, best score first, a pairing
    is kept when both sides are still free, the score reaches ``MIN_PAIR_SCORE`` and it
    beats the source name's best candidate of another spelling by ``MIN_PAIR_MARGIN``.
    Source names with no plausible rendering are left out: a translator may write a
    pronoun or a title instead. Spans are offsets into the two texts; result in source order.
    """
    sources = source_names(source_text, source_language)
    targets = target_names(target_text)
    if not sources or not targets:
        return []
    # Each source name is scored against the target words in reach (all of them in any
    # real sentence); a score not computed is -1, below every floor.
    reach = _reach(len(sources), len(targets))
    scores: list[dict[int, float]] = []
    for i, s in enumerate(sources):
        # the surface form and the lemma can romanise differently (Резникову / Резников)
        surface = source_text[s.span.start : s.span.end]
        row = {}
        for j in reach(i):
            word = targets[j].text
            row[j] = max(name_similarity(s.lemma, source_language, word), name_similarity(surface, source_language, word))
        scores.append(row)
    ranked = sorted(
        ((score, i, j) for i, row in enumerate(scores) for j, score in row.items()),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    taken_s: set[int] = set()
    taken_t: set[int] = set()
    pairs: list[NamePair] = []
    for score, i, j in ranked:
        if score < MIN_PAIR_SCORE:
            break
        if i in taken_s or j in taken_t:
            continue
        form = targets[j].text.casefold()
        rivals = [v for k, v in scores[i].items() if targets[k].text.casefold() != form and k not in taken_t]
        if rivals and score - max(rivals) < MIN_PAIR_MARGIN:
            taken_s.add(i)  # ambiguous: no rendering for this name
            continue
        taken_s.add(i)
        taken_t.add(j)
        s, t = sources[i], targets[j]
        pairs.append(NamePair(s.lemma, s.span, t.text, t.span, s.kind, round(score, 1), s.cue, s.following))
    pairs.sort(key=lambda p: p.source_span.start)
    return pairs


# A source name is compared with every capitalised word of its target sentence, as long as
# there are at most this many; a sentence never has more (a long list of names: 40). Past
# it (a pasted table, text written to be slow) it is compared with this many words around
# its place in the target, the place its position in the source predicts: the work per
# name stays bounded, the pairing linear in the names.
MAX_PAIRING_CANDIDATES = 64


def _reach(sources: int, targets: int) -> Callable[[int], range]:
    """The target indices source name ``i`` is compared with (see above)."""
    if targets <= MAX_PAIRING_CANDIDATES:
        return lambda i: range(targets)

    def window(i: int) -> range:
        centre = round(i * targets / sources)
        lo = min(max(0, centre - MAX_PAIRING_CANDIDATES // 2), targets - MAX_PAIRING_CANDIDATES)
        return range(lo, lo + MAX_PAIRING_CANDIDATES)

    return window


# --- comparing renderings -------------------------------------------------------------

# Endings English adds to a place name to make an adjective or demonym (Russia/Russian,
# Ukraine/Ukrainian, China/Chinese, Europe/European, Israel/Israeli, Turkey/Turkish).
_DERIVATIONS = ("n", "an", "ian", "ean", "ese", "ish", "i", "ic", "ns", "ans", "ians", "s", "es")


@cache
def _demonym_families() -> dict[str, int]:
    """Each place name, adjective and demonym of ``demonyms_en.json`` → its family's number."""
    raw = json.loads(resources.files("checker.language").joinpath("data", "demonyms_en.json").read_text(encoding="utf-8"))
    return {word: k for k, family in enumerate(raw["families"]) for word in family}


def same_word_family(a: str, b: str) -> bool:
    """True when one word is the other plus an English derivational ending (Russia/Russian,
    Turkey/Turkish, Belarus/Belarussian), or Germany/German, or when the language data
    lists them as a place and its adjective or demonym (France/French, Greece/Greek,
    Netherlands/Dutch), which no ending derives."""
    a, b = a.casefold(), b.casefold()
    if a == b:
        return True
    families = _demonym_families()
    if a in families and families.get(b) == families[a]:
        return True
    short, long = sorted((a, b), key=len)
    if long == short + "y" and short[-1:] not in ("k", "y", "i"):
        return True  # Germany/German, Hungary/Hungar-; not Zelensky/Zelenskyy
    stems = {short, short[:-1] if short[-1:] in "aey" else short, short[:-2] if short.endswith("ey") else short}
    for stem in stems:
        if len(stem) >= 3 and long.startswith(stem):
            tail = long[len(stem) :]
            if tail in _DERIVATIONS or (tail[:1] == stem[-1] and tail[1:] in _DERIVATIONS):
                return True
    return False


def _gendered_pair(a: str, b: str) -> bool:
    """Ivanov/Ivanova, Alexander/Alexandra, Zelensky/Zelenskaya: his name and hers."""
    return (a.casefold().endswith("a")) != (b.casefold().endswith("a"))


def extended_name(a: str, b: str) -> bool:
    """Bill/Billie, Ivan/Ivana, Danilo/Danilov: one name plus a syllable is another name.
    Only a doubled final y/i is a spelling (Zelensky/Zelenskyy, Dmitri/Dmitriy)."""
    short, long = sorted((a.casefold(), b.casefold()), key=len)
    if short == long or not long.startswith(short):
        return False
    return not (long[len(short) :] == "y" and short[-1:] in ("i", "y"))


def spelling_variants(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` look like two spellings of one name (Zelensky/Zelenskyy,
    Kiev/Kyiv, Alexei/Alexey), not a name and its derivative (Russia/Russian), his surname
    and hers (Ivanov/Ivanova), or two different names.
    """
    if a.casefold() == b.casefold() or same_word_family(a, b) or _gendered_pair(a, b) or extended_name(a, b):
        return False
    sa, sb = skeleton(a), skeleton(b)
    return len(sa) >= 2 and sa == sb


def _closeness(form: str, spellings: Iterable[str]) -> float:
    low = anyascii(form).lower()
    return max(fuzz.ratio(low, v.lower()) for v in spellings)


def name_form_flavours(lemma: str, language: str, forms: Iterable[str]) -> dict[str, str]:
    """Which of ``forms`` render the Russian and which the Ukrainian form of a first name.

    Returns {form: "ru" | "uk"} for a first name in ``translit_ru_uk_names.tsv`` (Владимир:
    Vladimir → "ru", Volodymyr → "uk"), and {} for any other lemma. A form as close to
    both is left out.
    """
    other = _equivalent(lemma, language)
    if other is None:
        return {}
    own = _spellings(lemma, language)
    theirs = _spellings(other.capitalize(), "uk" if language == "ru" else "ru")
    ru, uk = (own, theirs) if language == "ru" else (theirs, own)
    out = {}
    for form in forms:
        to_ru, to_uk = _closeness(form, ru), _closeness(form, uk)
        if to_ru != to_uk:
            out[form] = "ru" if to_ru > to_uk else "uk"
    return out


# How close (rapidfuzz ratio, 0-100) a Latin form must be to a spelling of a Russian or
# Ukrainian first name to count as that name: Oleksiy against Oleksii scores 86, Alexei
# against Aleksei 83; unrelated names of the same skeleton stay below 75.
_FORM_MATCH = 80.0


@lru_cache(maxsize=4096)
def ru_uk_name_pair(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are the Russian and the Ukrainian form of one first name as
    written in Latin (Vladimir/Volodymyr, Alexei/Oleksii)."""
    for ru, uk in _equivalents():
        r, u = _spellings(ru.capitalize(), "ru"), _spellings(uk.capitalize(), "uk")
        ar, au, br, bu = _closeness(a, r), _closeness(a, u), _closeness(b, r), _closeness(b, u)
        if (ar >= _FORM_MATCH and ar > au and bu >= _FORM_MATCH and bu > br) or (
            au >= _FORM_MATCH and au > ar and br >= _FORM_MATCH and br > bu
        ):
            return True
    return False
