"""The glossary rules TC101 term-missing and TC102 term-forbidden (checker.rules.terms)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from checker.glossary.schema import Glossary, load_glossary, parse_glossary
from checker.model import Alignment, Document, Finding, Location, Segment, Span
from checker.rules.base import CheckContext
from checker.rules.terms import TermForbidden, TermMissing

FIXTURES = Path(__file__).parent.parent / "fixtures" / "glossary"
REPO = Path(__file__).parent.parent.parent
GLOSSARY = load_glossary(FIXTURES / "minimal.yaml")  # Киев, Алексей Резников, Владимир Зеленский
UKRAINE = load_glossary(REPO / "glossaries" / "ru-en" / "ukraine.yaml")


def document(language: str, paragraphs: Sequence[Sequence[str]], path: str = "doc.txt") -> Document:
    """One Segment per sentence; sentences joined by a space, paragraphs by a blank line."""
    text = ""
    segments: list[Segment] = []
    for block, sentences in enumerate(paragraphs):
        if block:
            text += "\n\n"
        for k, sentence in enumerate(sentences):
            if k:
                text += " "
            start = len(text)
            text += sentence
            segments.append(Segment(len(segments), sentence, Span(start, len(text)), block=block))
    return Document(path, language, text, tuple(segments))


def one_to_one(n: int) -> tuple[Alignment, ...]:
    return tuple(Alignment((i,), (i,), 0.9) for i in range(n))


def context(
    source: str | Sequence[Sequence[str]],
    target: str | Sequence[Sequence[str]],
    alignments: Sequence[Alignment] | None = None,
    glossaries: Sequence[Glossary] = (GLOSSARY,),
    languages: tuple[str, str] = ("ru", "en"),
) -> CheckContext:
    src = document(languages[0], [[source]] if isinstance(source, str) else source, "ru.txt")
    tgt = document(languages[1], [[target]] if isinstance(target, str) else target, "en.txt")
    if alignments is None:
        alignments = one_to_one(len(src.segments))
    return CheckContext(src, tgt, tuple(alignments), tuple(glossaries))


def run(rule: type[TermMissing] | type[TermForbidden], ctx: CheckContext) -> list[Finding]:
    return list(rule().check(ctx))


def text_at(doc: Document, location: Location | None) -> str | None:
    if location is None or location.span is None:
        return None
    return doc.text[location.span.start : location.span.end]


SEED = REPO / "seeds" / "lenta-kalachev"


def _sentences(text: str) -> list[list[str]]:
    return [re.split(r"(?<=[.!?])\s+(?=[«“A-ZА-ЯЁ])", p) for p in text.split("\n") if p.strip()]


def test_seed_article_findings() -> None:
    ru = _sentences((SEED / "ru.txt").read_text(encoding="utf-8"))
    en = _sentences((SEED / "en.txt").read_text(encoding="utf-8"))
    # Paragraph 6 of the English (Putin approving the reply, Peskov) has no Russian counterpart.
    assert [len(p) for p in ru] == [2, 2, 4, 1, 3, 3, 1, 3, 3, 3]
    assert [len(p) for p in en] == [2, 2, 4, 1, 3, 3, 2, 1, 3, 3, 3]
    alignments = [Alignment((i,), (i,), 0.9) for i in range(15)]
    alignments += [Alignment((), (15,)), Alignment((), (16,))]
    alignments += [Alignment((i,), (i + 2,), 0.9) for i in range(15, 25)]
    ctx = context(ru, en, alignments, glossaries=[UKRAINE])

    forbidden = run(TermForbidden, ctx)
    assert [(text_at(ctx.target, f.target), f.suggestion) for f in forbidden] == [
        ("Kiev", "Kyiv"),
        ("Alexei Reznikov", "Oleksii Reznikov"),
        ("Kiev", "Kyiv"),
    ]
    assert [text_at(ctx.source, f.source) for f in forbidden] == ["Киеве", "Алексей Резников", "Киев"]
    assert run(TermMissing, ctx) == []
