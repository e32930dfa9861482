"""text → sentences, per language, character offsets kept.

Russian, Ukrainian, Belarusian and English go through razdel, corrected by per-language
conventions in ``checker/data/segment_<lang>.txt``:

* razdel splits after an abbreviation it does not know ("вул. Хрещатик", "Gen. Milley",
  "Feb. 16"). A *prefix* abbreviation (one that comes before a name, number or noun) glues
  the two pieces back together.
* razdel keeps going after an abbreviation that did end the sentence ("в 1998 г. Её семья").
  After any listed abbreviation, a capitalised function word ("Её", "Он", "Then", "Відтоді")
  starts a new sentence: pronouns, prepositions and conjunctions are capitalised only there.
* razdel sees no boundary where a typist left out the space ("все добре.Завтра поїдемо") or
  the capital ("мене звуть оксана. я працюю"). A Cyrillic word of two or more letters, a
  final mark and a capital with no space between end a sentence unless the word is a listed
  abbreviation ("вул.Хрещатик") or an initial ("В.Зеленський"); a lower-case word after a
  full word and a period starts one only when the language lists it as a
  ``[lower_starters]`` word (a pronoun or adverb that an abbreviation is seldom followed by).

Japanese and Chinese, written without spaces, are cut by their own terminators and closing
marks (``segment_ja.txt``, ``segment_zh.txt``; see ``_split_spaceless``): sentencex cuts
"３．５％" and "A.I." apart and misses a sentence that starts with a digit.

Every other language goes to sentencex, which knows abbreviations for many languages but
cuts after many more ("tys.", "M.", "16. febrúar"); its cuts are undone before a lower-case
word, after an initial, after a listed prefix abbreviation and, in languages that write
ordinals with a period (``[ordinal_dot]``), after one (``_glue_sentencex``).

razdel splits inside a multi-sentence quotation («Вы говорите...? Нет, ...», — сказал он),
which is also how the WMT news references are segmented; English goes through the same
splitter so that both sides of a translation are cut the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import razdel
import sentencex

from checker.language.conventions import language_key
from checker.model import Notice, Segment, Span
from checker.text.reading import SourceText

# Languages razdel segments well (Cyrillic news prose, and English: razdel's punctuation and
# quote handling is language-neutral, its only English errors are abbreviations, which the
# data file covers). A language without a data file still works, without corrections.
_RAZDEL_LANGUAGES = frozenset({"ru", "uk", "be", "en"})

# Opening brackets and quotes stripped from a token before looking it up as an abbreviation.
_OPENERS = "([{«“„‘‚\"'‹"

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_PERIOD_SPACE = re.compile(r"\.\s+(?=\w)")
_FIRST_WORD = re.compile(r"\w+")
_LAST_TWO_TOKENS = re.compile(r"(?:(\S+)\s+)?(\S+)\s*$")
# "Пётр I.", "Henry VIII.": may end a sentence, in every language.
_ROMAN_NUMERAL = re.compile(r"[IVXLC]{1,7}\.")
_CONTINUATION = re.compile(r"[»\"”’)\]]*\s*(?:[,;:]|[—–-]+\s*[a-zа-яёіїєґ])")
_COMPOUND_UNIT = re.compile(r"\w{1,4}/\w{1,4}\.")
# A piece ending in a quoted name of one to four words whose own "!" or "?" razdel took for
# the end of the sentence: «Вперёд, Россия!», "Yahoo!", «Кто вы, доктор Зорге?». The
# quotation follows a word (шоу «…», company "…"): one that opens the piece or follows a
# colon or dash is speech («Вы готовы?» Он кивнул; спросил: «Вы готовы?»), whose "?" ends it.
_QUOTED_NAME_END = re.compile(r"\w\s+[«“„\"]([^«»“”„\"!?]*\w[!?])[»”“\"]$")


@dataclass(frozen=True)
class Conventions:
    """A language's segmentation data (see ``checker/data/segment_ru.txt`` for the format)."""

    prefix: frozenset[str] = frozenset()
    final: frozenset[str] = frozenset()
    starters: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()
    # Lower-case words that start a sentence after a full word and ". " (see the module doc).
    lower_starters: frozenset[str] = frozenset()
    # Languages written without spaces (segment_ja.txt): what ends a sentence, the closing
    # marks that stay with it, and what continues it after them.
    terminators: frozenset[str] = frozenset()
    closers: frozenset[str] = frozenset()
    continuations: tuple[str, ...] = ()
    # A colon ends a sentence after a lead-in of 2 to this many words ("Startsev recalls:")
    # when a capitalised sentence follows (0: never; see ``_split_after_lead_in``).
    colon_lead_in: int = 0
    # Ordinals are written with a period ("6. Streik"; sentencex languages only, see
    # ``_glue_sentencex``).
    ordinal_dot: bool = False

    def abbreviation(self, token: str) -> str | None:
        """"prefix", "final", "unit" or None. An all-lowercase entry matches its capitalised
        form too, but not a lone capital ("В." is an initial, not "в." = век)."""
        if _ROMAN_NUMERAL.fullmatch(token):
            return "final"
        # A unit is never abbreviated with a period of its own (км/ч, °C, %), so a period
        # after it ends the sentence whatever word follows.
        if token in self.units or _COMPOUND_UNIT.fullmatch(token):
            return "unit"
        # ... also written on to its number: "+17°C.", "7,5%."
        for unit in self.units:
            if token.endswith(unit) and len(token) > len(unit) and token[-len(unit) - 1].isdigit():
                return "unit"
        for candidate in (token, token.lower() if len(token) > 2 else token):
            # "final" wins when an abbreviation is listed in both: razdel's split is kept then.
            if candidate in self.final:
                return "final"
            if candidate in self.prefix:
                return "prefix"
        return None


@cache
def conventions(language: str) -> Conventions:
    """Load ``checker/data/segment_<language>.txt``; empty conventions if there is none."""
    try:
        raw = resources.files("checker.language").joinpath("data", f"segment_{language}.txt").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return Conventions()
    sections: dict[str, set[str]] = {
        "prefix": set(), "final": set(), "starters": set(), "units": set(), "lower_starters": set(),
        "terminators": set(), "closers": set(), "continuations": set(), "colon_lead_in": set(),
        "ordinal_dot": set(),
    }  # fmt: skip
    current: set[str] | None = None
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]") and line[1:-1] in sections:
            current = sections[line[1:-1]]
            continue
        if current is None:
            raise ValueError(f"segment_{language}.txt: entry before any [section]: {line!r}")
        current.update(line.split())
    return Conventions(
        prefix=frozenset(sections["prefix"]),
        final=frozenset(sections["final"]),
        starters=frozenset(w.lower() for w in sections["starters"]),
        units=frozenset(sections["units"]),
        lower_starters=frozenset(sections["lower_starters"]),
        terminators=frozenset(sections["terminators"]),
        closers=frozenset(sections["closers"]),
        continuations=tuple(sorted(sections["continuations"], key=len, reverse=True)),
        colon_lead_in=max((int(w) for w in sections["colon_lead_in"]), default=0),
        ordinal_dot="true" in sections["ordinal_dot"],
    )


def split_sentences(text: str, language: str) -> list[tuple[int, int]]:
    """Sentence spans ``[start, end)`` into ``text``, whitespace-trimmed, in order.

    A blank line is a hard boundary; so is the end of ``text`` (callers pass one block).
    """
    lang = language_key(language)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        spans.extend(_split_paragraph(text, start, m.start(), lang))
        start = m.end()
    spans.extend(_split_paragraph(text, start, len(text), lang))
    return spans


def _split_paragraph(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    chunk = text[start:end]
    if not chunk.strip():
        return []
    if conventions(lang).terminators:
        local = _split_spaceless(chunk, conventions(lang))
    else:
        spaced = _split_razdel(chunk, conventions(lang)) if lang in _RAZDEL_LANGUAGES else _split_sentencex(chunk, lang)
        local = [s for a, b in spaced for s in _split_ideographic_ends(chunk, a, b)]
    return [(start + a, start + b) for a, b in local]


# A Japanese or Chinese sentence left in an English (or Russian) text, an untranslated
# one above all: its "。" ends it though the spaced splitters do not know the mark, so
# TC503 sees it as a sentence of its own ("…３％下落した。 Next month…").
# Only before text in another script: Japanese that goes on ("。」と述べた", "。次に") is one
# untranslated run either way, and its own splitter is not this one.
_IDEOGRAPHIC_END = re.compile(r"[。！？]+[」』）)”\"]*(?=\s*[^\s\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef])")


def _split_ideographic_ends(text: str, a: int, b: int) -> list[tuple[int, int]]:
    spans, start = [], a
    for m in _IDEOGRAPHIC_END.finditer(text, a, b):
        spans.append(_trim(text, start, m.end()))
        start = m.end()
    spans.append(_trim(text, start, b))
    return [s for s in spans if s[0] < s[1]]


def _split_sentencex(text: str, lang: str) -> list[tuple[int, int]]:
    spans = []
    for b in sentencex.get_sentence_boundaries(lang or "en", text):
        spans.append(_trim(text, b["start_index"], b["end_index"]))
    return _glue_sentencex(text, [s for s in spans if s[0] < s[1]], conventions(lang))


# A period after one or two digits is an ordinal in the languages that set ``[ordinal_dot]``
# ("der 6. Streik", "16. febrúar"): a year or an amount of three digits or more may end one.
_ORDINAL_END = re.compile(r"(?<![\d.,:])\d{1,2}\.$")
# A lone capital and a period after a space: an initial ("M. Macron", "J. R. Tolkien"), in
# every language; not a unit ("2 °C.", "2° C."), nor the end of a dotted abbreviation
# ("a. C.", "J.-C.").
_INITIAL_END = re.compile(r"(?:^|(?<=\s))(?<![\d°%]\s)(?<!\b[a-zà-ÿ]\.\s)[A-ZÀ-ÞĀ-Ž]\.$")


def _glue_sentencex(text: str, spans: list[tuple[int, int]], conv: Conventions) -> list[tuple[int, int]]:
    """sentencex's cuts undone where no sentence ends: before a lower-case word (in news
    prose a sentence starts with a capital: "tys. zł.", "ok. 5 proc. osób", "16. febrúar"),
    after an initial, after a listed prefix abbreviation ("Dr. Müller", "ul. Marszałkowska",
    "M. Scholz") and, where the language writes ordinals with a period, after one."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out:
            left = text[max(out[-1][0], out[-1][1] - _TAIL_CHARS) : out[-1][1]]  # all the tests look at
            # after a dash too: "…bez precedensu.” — napisał", the speech's attribution
            first = text[a : min(b, a + 4)].lstrip(_OPENERS).lstrip("—–- ")[:1]
            glue = (
                (first.isalpha() and first.islower())
                or _INITIAL_END.search(left[-6:]) is not None and first.isupper()
                or _tail_abbreviation(left, conv) == "prefix"
                or conv.ordinal_dot and _ORDINAL_END.search(left[-4:]) is not None
            )
            if glue:
                out[-1] = (out[-1][0], b)
                continue
        out.append((a, b))
    return out


def _split_spaceless(text: str, conv: Conventions) -> list[tuple[int, int]]:
    """Japanese and Chinese: a sentence ends after a run of terminators and closing marks
    ("。", "？！", "。」"), unless a continuation follows (「……。」と述べた); a full stop after a
    digit or a Latin letter is a decimal point or an abbreviation ("３．５％", "Ｕ．Ｓ．"),
    and an ASCII "!" or "?" ends a sentence only before a space. One pass over the text."""
    spans: list[tuple[int, int]] = []
    start, i, n = 0, 0, len(text)
    while i < n:
        ch = text[i]
        ascii_end = ch in "!?" and (i + 1 == n or text[i + 1].isspace())
        if ch not in conv.terminators and not ascii_end:
            i += 1
            continue
        if ch in "．." and i > 0 and _inside_word(text[i - 1]):
            i += 1
            continue
        j = i + 1
        while j < n and (text[j] in conv.terminators or text[j] in conv.closers or text[j] in "!?"):
            j += 1
        k = j
        while k < n and text[k].isspace():
            k += 1
        if k < n and conv.continuations and text.startswith(conv.continuations, k):
            i = j
            continue
        spans.append(_trim(text, start, j))
        start, i = j, j
    spans.append(_trim(text, start, n))
    return [s for s in spans if s[0] < s[1]]


def _inside_word(ch: str) -> bool:
    """A digit or a Latin letter (full-width too): a period between two is not a sentence end."""
    return ch.isdigit() or ("A" <= ch <= "z" and ch.isalpha()) or ("Ａ" <= ch <= "ｚ" and ch.isalpha())


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _split_razdel(text: str, conv: Conventions) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    parens = 0  # "(" minus ")" in merged[-1], kept as pieces join (recounting it is quadratic)
    for s in razdel.sentenize(text):
        a, b = _trim(text, s.start, s.stop)
        if a >= b:
            continue
        balance = text.count("(", a, b) - text.count(")", a, b)
        if merged and _glue(text, merged[-1], (a, b), conv, parens > 0):
            merged[-1] = (merged[-1][0], b)
            parens += balance
        else:
            merged.append((a, b))
            parens = balance
    out: list[tuple[int, int]] = []
    for a, b in merged:
        for a1, b1 in _split_after_abbreviations(text, a, b, conv):
            for a2, b2 in _split_typed_boundaries(text, a1, b1, conv):
                out.extend(_split_after_lead_in(text, a2, b2, conv))
    return out


# "добре.Завтра", "допоможи!Мені", "як бути?І", "сину .Я": a word (its last two letters lower
# case, so not an initial "В.Зеленський" nor a code "ЗСУ.Це"), a final mark (a chat typist
# may put the space before it instead of after), a capital that is not an initial itself
# ("Т.Г.Шевченко").
_UNSPACED_END = re.compile(r"([А-ЩЬЮЯЄІЇҐЁЪЫЭа-щьюяєіїґёъыэ'’]*[а-щьюяєіїґёъыэ]{2}) ?([.!?]+)(?=[А-ЩЬЮЯЄІЇҐЁЪЫЭ](?!\.))")
# "оксана. я": a full word of three or more letters, a period, a space, a lower-case word.
_LOWER_AFTER_PERIOD = re.compile(r"(\S*[^\W\d_]{3})\.\s+(?=([^\W\d_]+))")


def _split_typed_boundaries(text: str, a: int, b: int, conv: Conventions) -> list[tuple[int, int]]:
    """``text[a:b]`` cut where a typist left out the space or the capital after a sentence."""
    cuts: list[tuple[int, int]] = []  # (end of the left piece, start of the right one)
    for m in _UNSPACED_END.finditer(text, a, b):
        if m.group(2) == "." and conv.abbreviation(m.group(1) + ".") is not None:
            continue
        cuts.append((m.end(), m.end()))
    if conv.lower_starters:
        for m in _LOWER_AFTER_PERIOD.finditer(text, a, b):
            word = m.group(2)
            if not word.islower() or word not in conv.lower_starters:
                continue
            if _tail_abbreviation(text[max(a, m.start(1) - _TAIL_CHARS) : m.end(1) + 1], conv) is not None:
                continue
            cuts.append((m.end(1) + 1, m.end()))
    if not cuts:
        return [(a, b)]
    pieces: list[tuple[int, int]] = []
    start = a
    for end, nxt in sorted(cuts):
        if start < end:
            pieces.append(_trim(text, start, end))
        start = nxt
    pieces.append(_trim(text, start, b))
    return [p for p in pieces if p[0] < p[1]]


# "Startsev recalls: The exhibition opens ..." (see ``_split_after_lead_in``): the lead-in up
# to the first colon, without quotation marks or brackets (so not inside a quotation), then
# a capitalised word that is not an initial.
_LEAD_IN = re.compile(r"([^:\"«»“”„‘’()\[\]]+):\s+(?=[^\W\d_])")
_SENTENCE_END = re.compile(r"[.!?…]+[»\"”’)\]]*$")


def _split_after_lead_in(text: str, a: int, b: int, conv: Conventions) -> list[tuple[int, int]]:
    """``text[a:b]`` cut after a short lead-in that ends in a colon, when what follows is a
    sentence of its own: "Startsev recalls: The exhibition opens on Monday." → two.

    In English, Russian and Ukrainian a word after a colon is capitalised only when it
    begins a sentence (an attribution or "the reason is simple:" followed by one) or is a
    name. The lead-in has 2 to ``conv.colon_lead_in`` words (one word is a label: "Photo:
    Reuters.", "Адрес: Київ, …"), what follows has at least 3 words and ends with a
    sentence-final mark (a headline "Reuters: Taiwan minister cut off" does not). Speech in
    quotation marks after the colon stays with its lead-in (He said: "It is over."), as the
    WMT news references and the quotation rules have it.
    """
    if conv.colon_lead_in < 2:
        return [(a, b)]
    m = _LEAD_IN.match(text, a, b)
    if m is None:
        return [(a, b)]
    words = m.group(1).split()
    if not 2 <= len(words) <= conv.colon_lead_in or not _starts_with_capitalised_word(text, m.end(), b):
        return [(a, b)]
    rest = text[m.end() : b]
    if len(rest.split()) < 3 or not _SENTENCE_END.search(rest):
        return [(a, b)]
    return [(a, m.end(1) + 1), (m.end(), b)]


# ``_tail_abbreviation`` looks at this many characters before a boundary: an abbreviation
# and the token before it ("т. е.") fit in it, and a long sentence is not copied to see them.
_TAIL_CHARS = 40


def _tail_abbreviation(left: str, conv: Conventions) -> str | None:
    """Class of the abbreviation ``left`` ends with ("т. е." counts as "т.е."), if any."""
    m = _LAST_TWO_TOKENS.search(left[-_TAIL_CHARS:])
    if m is None:
        return None
    prev, last = m.group(1), m.group(2).lstrip(_OPENERS)
    if prev is not None:
        prev = prev.lstrip(_OPENERS)
        if prev.endswith(".") and len(prev) <= 4:
            kind = conv.abbreviation(prev + last)
            if kind is not None:
                return kind
    return conv.abbreviation(last)


def _starts_with_function_word(text: str, pos: int, end: int, conv: Conventions) -> bool:
    """True when ``text[pos:end]`` opens with a capitalised function word ("Её", "Then")
    that is not itself an initial ("В. Путин")."""
    m = _FIRST_WORD.match(text, pos, end)
    if m is None or not m.group()[0].isupper():
        return False
    if text[m.end() : min(m.end() + 1, end)] == ".":
        return False
    return m.group().lower() in conv.starters


def _starts_with_capitalised_word(text: str, pos: int, end: int) -> bool:
    m = _FIRST_WORD.match(text, pos, end)
    return m is not None and m.group()[0].isupper() and text[m.end() : min(m.end() + 1, end)] != "."


def _glue(
    text: str, left: tuple[int, int], right: tuple[int, int], conv: Conventions, open_parenthesis: bool
) -> bool:
    """Should razdel's boundary between ``left`` and ``right`` be undone?

    ``open_parenthesis``: ``left`` opens more parentheses than it closes.
    """
    right_text = text[right[0] : right[1]]
    # razdel treats "2." after "сбор данных;" as a list item; without a sentence-final mark
    # before it, it is a list inside one sentence.
    if text[left[1] - 1] in ";,:":
        return True
    # A piece that opens with a comma or an attribution ('", - добавил он.') continues the
    # sentence before it, as does one that closes a parenthesis opened there ("(… - Ред.)").
    if _CONTINUATION.match(right_text):
        return True
    if open_parenthesis and ")" in right_text[:40]:
        return True
    # A quoted name that ends in "!" or "?" (the show «Вперёд, Россия!», the company "Yahoo!")
    # ends no sentence when what follows goes on with a capitalised word that is not a
    # function word (a name, a noun: «Вперёд, Россия!» Первый канал закрыл…); "The show
    # was closed" after it starts a sentence.
    name = _QUOTED_NAME_END.search(text, left[0], left[1])
    if name and len(name.group(1).split()) <= 4 and _starts_with_capitalised_word(text, right[0], right[1]):
        if not _starts_with_function_word(text, right[0], right[1], conv):
            return True
    if _tail_abbreviation(text[max(left[0], left[1] - _TAIL_CHARS) : left[1]], conv) != "prefix":
        return False
    return not _starts_with_function_word(text, right[0], right[1], conv)


def _split_after_abbreviations(text: str, a: int, b: int, conv: Conventions) -> list[tuple[int, int]]:
    if not conv.starters:
        return [(a, b)]
    pieces = []
    start = a
    for m in _PERIOD_SPACE.finditer(text, a, b):
        cut = m.start() + 1
        kind = _tail_abbreviation(text[max(start, cut - _TAIL_CHARS) : cut], conv)
        if kind is None:
            continue
        if kind == "unit":
            if not _starts_with_capitalised_word(text, m.end(), b):
                continue
        elif not _starts_with_function_word(text, m.end(), b, conv):
            continue
        pieces.append((start, cut))
        start = m.end()
    pieces.append((start, b))
    return pieces


# --- sentences too long to be sentences -----------------------------------------------------

# A segment longer than this is cut into pieces no longer: news sentences run to 400
# characters, rarely 1,000 (the longest of wmt-ru-en-dev's 2,004 Russian sentences: 782); a
# longer one is a table, a list or a paste without punctuation. Every later stage (names,
# numbers and quotations paired within a pair; the encoder) works per segment, so this also
# bounds their work on text written to be slow (one 1 MB line), keeping it linear overall.
MAX_SEGMENT_CHARS = 2000

_CLAUSE_END = frozenset(",;:—–)»”\"")


def _cut_long(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """``text[a:b]`` in pieces of at most ``MAX_SEGMENT_CHARS``, each cut at the best place in
    the second half of its window: a space after a comma, semicolon, colon, dash or closing
    quote; else a space not inside a number ("1 000 000"); else any space; else between a
    letter or digit and something else; else anywhere."""
    pieces: list[tuple[int, int]] = []
    while b - a > MAX_SEGMENT_CHARS:
        hi = a + MAX_SEGMENT_CHARS
        cut = _best_cut(text, a + MAX_SEGMENT_CHARS // 2, hi)
        piece = _trim(text, a, cut)
        if piece[0] < piece[1]:
            pieces.append(piece)
        a = cut
        while a < b and text[a].isspace():
            a += 1
    if a < b:
        pieces.append((a, b))
    return pieces


def _best_cut(text: str, lo: int, hi: int) -> int:
    """Where to cut in ``(lo, hi]``: the offset the next piece starts at."""
    window = range(hi, lo, -1)
    for p in window:  # a space after a clause mark
        if text[p].isspace() and text[p - 1] in _CLAUSE_END:
            return p
    for p in window:  # a space not between two digits
        if text[p].isspace() and not (text[p - 1].isdigit() and text[p + 1 : p + 2].isdigit()):
            return p
    for p in window:
        if text[p].isspace():
            return p
    for p in window:  # the end of a word or a number
        if text[p - 1].isalnum() != text[p].isalnum():
            return p
    return hi


def segment(source: SourceText, language: str) -> tuple[Segment, ...]:
    """Sentences of every block, numbered from 0, with offsets into ``source.text``.

    Blocks are hard boundaries. In the segmented format each block (line) is one segment.
    A sentence longer than ``MAX_SEGMENT_CHARS`` is cut into pieces (see
    ``segment_with_notices``, which also says so).
    """
    return segment_with_notices(source, language)[0]


def segment_with_notices(source: SourceText, language: str) -> tuple[tuple[Segment, ...], tuple[Notice, ...]]:
    """``segment``, and a notice when a sentence was too long to be one and was cut."""
    segments: list[Segment] = []
    original = source.text
    cut = 0
    first_cut: int | None = None
    for block_index, block in enumerate(source.blocks):
        if source.format == "segmented":
            spans = [(0, len(block.text))] if block.text else []
        else:
            spans = split_sentences(block.text, language)
        for a0, b0 in spans:
            pieces = _cut_long(block.text, a0, b0) if b0 - a0 > MAX_SEGMENT_CHARS else [(a0, b0)]
            if len(pieces) > 1:
                cut += 1
                if first_cut is None:
                    first_cut = block.offsets[a0]
            for a, b in pieces:
                sentence = block.text[a:b]
                offsets = block.offsets[a:b]
                span = Span(offsets[0], offsets[-1] + 1)
                contiguous = offsets[-1] - offsets[0] == len(sentence) - 1
                if contiguous and original[span.start : span.end] == sentence:
                    offsets = ()
                segments.append(
                    Segment(
                        index=len(segments),
                        text=sentence,
                        span=span,
                        block=block_index,
                        offsets=offsets,
                        is_heading=block.is_heading,
                    )
                )
    notices: tuple[Notice, ...] = ()
    if first_cut is not None:
        what = "a sentence" if cut == 1 else f"{cut} sentences"
        notices = (
            Notice(
                f"{what} longer than {MAX_SEGMENT_CHARS:,} characters cut into pieces at spaces or punctuation"
                + (" (the first here)" if cut > 1 else ""),
                source.path,
                source.line_of(first_cut),
            ),
        )
    return tuple(segments), notices
