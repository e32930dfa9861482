"""Quotations: found by their marks, with the language's conventions and English apostrophes in mind.

``extract_quotations(text, language)`` scans the marks of ``language`` (``«…»``, ``„…“``,
``„…”``, ``‚…‘``, ``“…”``, ``"…"``, ``‘…’``, ``»…«``, ``「…」``, ``『…』``, from
``checker/language/data/lang_*.json``) with a stack, so nested quotations (``«…„…“…»``,
``「…『…』…」``) come out as an outer and an inner one. The spaces French sets inside
guillemets (``« Oui »``, with a no-break or narrow no-break space) are not part of the
content. In Japanese and Chinese, written without spaces, a quotation's word count is its
length over the language's characters per word (``chars_per_word``), so that the rules'
word thresholds mean the same there. Marks that are both opening
and closing (``"``, ``'``) are told apart by what is around them: an opening mark follows
a space or bracket and comes before a word; a closing one follows a word. ``’`` and ``'``
between two letters or digits are apostrophes (Putin’s, don’t, п'ять), and a ``’`` with
nothing open to close is one too (students’, 90’s).

A quotation may run over several sentences and so over several segments. Rules look at
one aligned pair at a time, so the scanner does not look for the other end: a quotation
opened and not closed in a text runs to the end of it (``closed`` is False), and a closing
``»`` or ``”`` with nothing open ends a quotation that started before the text (``opened``
is False). As translators keep the sentence boundaries of a quotation in almost every
case, the two sides of a pair then hold matching fragments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from checker.language.conventions import language_data, language_key

_WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# What may come right before an opening mark, and right after a closing one.
_BEFORE_OPENING = set(" \t\n\u00a0\u202f([{<«„“‘\"'/—–-:")
_AFTER_CLOSING = set(" \t\n\u00a0\u202f)]}>.,;:!?…»”’—–-/")
# Letters of scripts written without spaces: a run of them is many words.
_SPACELESS_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@dataclass(frozen=True)
class Quotation:
    """A quotation in a text: marks at ``start`` and ``end - 1``, words in [content_start, content_end)."""

    start: int
    end: int
    content_start: int
    content_end: int
    text: str  # the content, marks excluded
    depth: int = 0  # 0 for an outermost quotation, 1 for one inside it, ...
    opened: bool = True  # the opening mark is in the text
    closed: bool = True  # the closing mark is in the text
    mark: str = ""  # the opening mark, or the closing one of a quotation begun before the text
    chars_per_word: float = 0.0  # the language's, when it is written without spaces

    @property
    def ambiguous(self) -> bool:
        """Made of straight double marks that cannot all be paired as written.

        Nested straight marks that pair up (``"вакцины "Спутник V", ожидаем"``) are a
        quotation inside a quotation. When they do not (``сделать"",``: an odd number
        inside), or the quotation runs out of the brackets it opened in (``(называют
        "Европейским "Оскаром") в номинации "Лучший монтаж", сообщает ""МК"``), a mark is
        missing or doubled, and where this quotation starts and ends is a guess. (A ``'``
        inside is mostly an apostrophe.)
        """
        return self.mark == '"' and (self.text.count('"') % 2 == 1 or not _brackets_balance(self.text))

    @property
    def words(self) -> tuple[str, ...]:
        words = _WORD_RE.findall(self.text)
        if not self.chars_per_word:
            return tuple(words)
        # "全力を尽くす" is about three words: spaceless runs are cut into pieces of that length.
        size = max(1, int(self.chars_per_word + 0.5))
        out: list[str] = []
        for w in words:
            if _SPACELESS_RE.search(w):
                out.extend(w[k : k + size] for k in range(0, len(w), size))
            else:
                out.append(w)
        return tuple(out)

    @property
    def word_count(self) -> int:
        return len(self.words)


def _brackets_balance(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0


@dataclass
class _Open:
    mark: str
    closers: str
    position: int


@cache
def _marks(code: str) -> tuple[dict[str, str], frozenset[str]]:
    """Opening mark → its closing marks; and the set of all closing marks."""
    openers: dict[str, str] = {}
    for opening, closing in language_data(code).quote_pairs:
        openers[opening] = openers.get(opening, "") + closing
    return openers, frozenset("".join(openers.values()))


# How many quotations may be open at once, and how many closing marks with nothing open
# may end quotations begun before the text. In wmt-ru-en-dev and wmt22-uk-en-conv, whole
# articles included (8,000 texts), quotations nest four deep at most (once; 93 times two
# or three) and a text closes at most two begun before it; beyond these a mark is a stray,
# not a quotation. The caps also keep the work linear: every open quotation holds the text
# up to its end, so a run of ten thousand «« would otherwise hold ten thousand copies of it.
MAX_OPEN_QUOTATIONS = 4
MAX_CLOSED_BEFORE = 4


@cache
def _mark_re(code: str) -> re.Pattern[str]:
    openers, closers = _marks(code)
    return re.compile("[" + re.escape("".join(sorted(set(openers) | closers))) + "]")


def extract_quotations(text: str, language: str) -> list[Quotation]:
    """Every quotation in ``text``, ordered by where it starts."""
    code = language_key(language)
    openers, closers = _marks(code)
    chars_per_word = language_data(code).chars_per_word
    stack: list[_Open] = []
    # For each closing mark, the stack levels of the open quotations it may close, innermost
    # last: the level it closes is found without walking the stack.
    closable: dict[str, list[int]] = {mark: [] for mark in closers}
    found: list[Quotation] = []
    closed_before = 0

    def emit(start: int, content_start: int, content_end: int, end: int, depth: int, opened: bool, closed: bool) -> None:
        mark = text[start] if opened else text[end - 1]
        while content_start < content_end and text[content_start].isspace():
            content_start += 1
        while content_end > content_start and text[content_end - 1].isspace():
            content_end -= 1
        found.append(
            Quotation(
                start, end, content_start, content_end, text[content_start:content_end], depth, opened, closed, mark,
                chars_per_word,
            )
        )

    def push(entry: _Open) -> None:
        for mark in set(entry.closers):
            closable[mark].append(len(stack))
        stack.append(entry)

    def pop() -> _Open:
        entry = stack.pop()
        for mark in set(entry.closers):
            closable[mark].pop()
        return entry

    for m in _mark_re(language_key(language)).finditer(text):
        i, ch = m.start(), m.group()
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if ch in "'’" and prev.isalnum() and nxt.isalnum():
            continue  # an apostrophe: don’t, Putin’s, п'ять
        levels = closable.get(ch)
        level = levels[-1] if levels else None
        opening_context = (prev in _BEFORE_OPENING or i == 0) and not nxt.isspace() and nxt not in ".,;:!?)" and nxt != ch
        closing_context = not prev.isspace() and (nxt in _AFTER_CLOSING or i + 1 == len(text) or nxt in closers)
        if ch in openers and ch in closers:  # " and ': which one is told by the context
            if level is not None and (closing_context or not opening_context):
                action = "close"
            elif opening_context and (ch != "'" or nxt.isalpha()):
                action = "open"
            elif ch == '"' and closing_context and not stack:
                action = "close-before"  # 'нет", - говорится': the quotation began earlier
            else:
                continue
        elif level is not None:
            action = "close"
        elif ch in openers:
            if nxt.isspace() and ch != "«":
                continue  # a stray mark, not the start of a quotation
            action = "open"
        elif not stack and (ch in "»”" or (ch in "'’" and nxt in closers and not prev.isspace())):
            action = "close-before"  # ”, or the ’ of ,’” closing a nested quotation begun earlier
        else:
            continue  # a closing ’ with nothing open is an apostrophe (students’, 90’s)
        if action == "open":
            if len(stack) < MAX_OPEN_QUOTATIONS:
                push(_Open(ch, openers[ch], i))
        elif action == "close" and level is not None:
            while len(stack) > level + 1:  # inner quotations never closed end here
                inner = pop()
                emit(inner.position, inner.position + 1, i, i, len(stack), True, False)
            outer = pop()
            emit(outer.position, outer.position + 1, i, i + 1, len(stack), True, True)
        elif action == "close-before" and closed_before < MAX_CLOSED_BEFORE:
            closed_before += 1
            emit(0, 0, i, i + 1, 0, False, True)
    while stack:
        inner = pop()
        emit(inner.position, inner.position + 1, len(text), len(text), len(stack), True, False)
    found.sort(key=lambda q: (q.start, -q.end))
    return found


# Direct speech marked by dashes, as Russian and Ukrainian write it: a line of dialogue that
# opens with a dash (``— Мы готовы, — сказал он.``), or words followed by a comma (or !, ?, …)
# and a dash before the verb of saying (``Это важно, - сказал "Москве 24" Волчков``).
_OPENING_DASH_RE = re.compile(r"^\s*[-–—−]\s+(?=[^\W\d_])")
_CLOSING_DASH_RE = re.compile(r"[,!?…]\s*[-–—−]\s+((?:[^\W\d_]+\W+){0,2})")


def function_word(word: str, language: str) -> bool:
    """Whether ``word`` is one of the language's closed-class words (``function_words``:
    prepositions, conjunctions, particles, "да"/"нет"), which a text quotes only to cite the
    word itself ("проголосовали «против»", "сказал «нет»")."""
    return word.lower() in language_data(language).function_words


def mentioned(text: str, q: Quotation, language: str) -> bool:
    """Whether quotation ``q`` of ``text`` cites a term: the words just before it are one of
    the language's ``mention_cues`` ("the term “…”", "so-called “…”", "known as “…”")."""
    before = " ".join(_WORD_RE.findall(text[max(0, q.start - 40) : q.start].lower()))
    return any(before == cue or before.endswith(" " + cue) for cue in language_data(language).mention_cues)


def first_person(text: str, language: str) -> bool:
    """Whether ``text`` speaks in the first person: one of the language's
    ``first_person_words`` ("мы", "нас", "we've") is in it."""
    words = language_data(language).first_person_words
    return bool(words) and any(w.lower().replace("’", "'") in words for w in _WORD_RE.findall(text))


def dash_speech(text: str, language: str) -> bool:
    """Whether ``text`` holds direct speech marked by dashes rather than quotation marks.

    A dash after a comma is also a copula or an aside ("сильный ответ, - это не всегда
    хорошо"; "людей, – система знищила"): only one that a verb of saying follows within two
    words (``, — сказал он``; ``, - говорится в сообщении``; ``», - ідеться``) is speech. A
    text opening with a dash is a line of dialogue when it also has such a closing dash or
    is the whole turn (``— Мы готовы.``) ending in a sentence mark. Languages without
    ``speech_verbs`` in their data (English) have none.

    A verb of saying whose subject is a publication (``, - сообщает местное издание``,
    ``, - пишет газета``: the nominative forms in the language's ``media_subjects``) gives
    the paper's own report, which English renders as reported speech ("…, the local
    publication reported"), not someone's words: that dash is not speech. (A publication
    quoting someone, ``- цитирует его газета``: a verb of ``quoting_verbs``, is.)
    """
    data = language_data(language)
    verbs = data.speech_verbs
    if not verbs:
        return False
    for m in _CLOSING_DASH_RE.finditer(text):
        words = [w.lower() for w in re.findall(r"[^\W\d_]+", m.group(1))]
        verb = next((k for k, w in enumerate(words) if w.startswith(verbs)), None)
        if verb is None:
            continue
        after = [w.lower() for w in re.findall(r"[^\W\d_]+", text[m.end(1) :])[:2]]
        subject = [*words[verb + 1 :], *after][:2]
        quoting = words[verb].startswith(data.quoting_verbs)
        if not quoting and any(w in data.media_subjects for w in subject):
            continue
        return True
    return bool(_OPENING_DASH_RE.match(text)) and text.rstrip().endswith((".", "!", "?", "…"))
