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


@pytest.mark.parametrize(
    ("source", "target", "found", "suggestion"),
    [
        ("Переговоры прошли в Киеве.", "The talks were held in the capital.", "Киеве", "Kyiv"),
        ("Алексей Резников заявил об этом.", "The minister said so.", "Алексей Резников", "Oleksii Reznikov"),
        ("Зеленский подписал указ.", "The president signed a decree.", "Зеленский", "Volodymyr Zelensky"),
        (
            "Владимир Зеленский подписал указ.",
            "Volodymyr Zelenskiy signed a decree.",  # Reuters' spelling: not in this glossary
            "Владимир Зеленский",
            "Volodymyr Zelensky",
        ),
        ("Встреча с Алексеем Резниковым.", "A meeting with Oleksii Reznikov's deputy, Reznikov.", None, None),
        ("Встреча в Киеве.", "A meeting in Kyiv.", None, None),
        ("Встреча в Киеве.", "A meeting in KYIV's centre.", None, None),
        ("Встреча в Киеве.", "A meeting in Kiev.", None, None),  # forbidden: TC102's finding
        ("Зеленский подписал указ.", "Zelenskyy signed a decree.", None, None),
        ("Владимир Зеленский подписал указ.", "Zelensky signed a decree.", None, None),
        ("Елена Зеленская выступила.", "Olena Zelenska spoke.", None, None),
        ("Киевская область.", "The Kyiv region.", None, None),
        ("Киевская область.", "The region around the capital.", None, None),  # adjectives do not match
    ],
)
def test_term_missing(source: str, target: str, found: str | None, suggestion: str | None) -> None:
    ctx = context(source, target)
    findings = run(TermMissing, ctx)
    if found is None:
        assert findings == []
        return
    (f,) = findings
    assert (f.code, f.rule, f.severity.value) == ("TC101", "term-missing", "error")
    assert text_at(ctx.source, f.source) == found
    assert f.target == Location((0,))  # the pair's target sentence, no span
    assert suggestion is not None and f.suggestion == suggestion
    assert suggestion in f.message


def test_term_missing_once_per_term_per_pair() -> None:
    # A repeated name may become a pronoun: one finding at most, at the first mention.
    ctx = context("Киев ответил, что Киев не согласен.", "The capital replied that it disagreed.")
    (f,) = run(TermMissing, ctx)
    assert f.source is not None and f.source.span == Span(0, 4)


def test_term_missing_accepts_rendering_in_neighbouring_sentence_of_same_paragraph() -> None:
    source = [["Резников прибыл.", "Встреча с Алексеем Резниковым прошла в Киеве."]]
    target = [["Oleksii Reznikov arrived in Kyiv.", "The meeting went well."]]
    assert run(TermMissing, context(source, target)) == []
    # ...but not across a paragraph boundary.
    split = context(source, [["Oleksii Reznikov arrived in Kyiv."], ["The meeting went well."]])
    assert [text_at(split.source, f.source) for f in run(TermMissing, split)] == [
        "Алексеем Резниковым",
        "Киеве",
    ]


def test_term_missing_skips_omissions_and_other_language_pairs() -> None:
    beads = [Alignment((0,), ()), Alignment((1,), (0,), 0.8)]
    omitted = context([["Встреча в Киеве.", "Другое."]], [["Other."]], beads)
    assert run(TermMissing, omitted) == []
    uk = parse_glossary(
        "version: 1\nsource_language: uk\ntarget_language: en\nterms: [{source: Київ, target: Kyiv}]\n", "uk.yaml"
    )
    assert run(TermMissing, context("У Києві.", "In the capital.", glossaries=[uk])) == []  # ru document
    uk_doc = context("У Києві.", "In the capital.", glossaries=[uk], languages=("uk", "en"))
    assert len(run(TermMissing, uk_doc)) == 1


def test_term_missing_multi_segment_bead_points_at_the_right_segment() -> None:
    two_to_one = [Alignment((0, 1), (0,), 0.7)]
    ctx = context([["Первое.", "Встреча в Киеве."]], [["The first; the meeting in the capital."]], two_to_one)
    (f,) = run(TermMissing, ctx)
    assert f.source is not None and f.source.segments == (0, 1)
    assert text_at(ctx.source, f.source) == "Киеве"


@pytest.mark.parametrize(
    ("source", "target", "found", "suggestion"),
    [
        ("Встреча в Киеве.", "A meeting in Kiev.", ["Kiev"], "Kyiv"),
        ("Встреча в Киеве.", "A meeting in KIEV's centre.", ["KIEV"], "Kyiv"),
        ("Киев и снова Киев.", "Kiev and Kiev again.", ["Kiev", "Kiev"], "Kyiv"),
        ("Алексей Резников.", "Alexei Reznikov.", ["Alexei Reznikov"], "Oleksii Reznikov"),
        ("Владимир Зеленский.", "Vladimir\nZelensky.", ["Vladimir\nZelensky"], "Volodymyr Zelensky"),
        ("Обед.", "Lunch was chicken Kiev.", [], None),
        ("История.", "Kievan Rus.", [], None),
        ("Встреча в Киеве.", "A meeting in Kyiv.", [], None),
    ],
)
def test_term_forbidden(source: str, target: str, found: list[str], suggestion: str | None) -> None:
    ctx = context(source, target)
    findings = run(TermForbidden, ctx)
    assert [text_at(ctx.target, f.target) for f in findings] == found
    for f in findings:
        assert (f.code, f.rule, f.severity.value) == ("TC102", "term-forbidden", "error")
        assert f.suggestion == suggestion
        assert f.target is not None and f.target.segments == (0,)


def test_term_forbidden_points_at_the_source_mention() -> None:
    ctx = context("Киев и снова Киев.", "Kiev and Kiev again.")
    first, second = run(TermForbidden, ctx)
    assert first.source is not None and first.source.span == Span(0, 4)
    assert second.source is not None and second.source.span == Span(13, 17)
    assert "Ukrainian-based spelling" in first.message  # the entry's note


def test_term_forbidden_in_unaligned_and_unrelated_sentences() -> None:
    beads = [Alignment((0,), (0,), 0.9), Alignment((), (1,))]
    ctx = context([["Обед."]], [["Lunch.", "Then to Kiev."]], beads)
    (f,) = run(TermForbidden, ctx)
    assert f.source is None and text_at(ctx.target, f.target) == "Kiev"
    ctx = context("Обед.", "Lunch in Kiev.")
    (f,) = run(TermForbidden, ctx)
    assert f.source == Location((0,))  # aligned source, which does not mention the term


def test_one_finding_per_span_when_entries_overlap() -> None:
    extra = parse_glossary(
        "version: 1\nsource_language: ru\ntarget_language: en\n"
        "terms: [{source: Киевщина, target: Kyiv region, forbidden: [Kiev]}]\n",
        "extra.yaml",
    )
    findings = run(TermForbidden, context("Киев.", "Kiev.", glossaries=[GLOSSARY, extra]))
    assert [f.suggestion for f in findings] == ["Kyiv"]


@pytest.mark.parametrize(
    ("source", "target", "forbidden"),
    [
        ("Удары по Харькову.", "Strikes on Kharkov.", ["Kharkov"]),
        ("Вторая битва за Харьков.", "The Second Battle of Kharkov.", []),
        ("В Одессе.", "In Odessa.", ["Odessa"]),
        ("В Одессе (Техас).", "In Odessa, Texas.", []),
        ("Украина.", "The Ukraine.", ["The Ukraine"]),
        ("Война на Украине.", "The Ukraine war.", []),
        ("Министр обороны Украины.", "Ukrainian Defence Minister.", []),
        ("Денис Шмыгаль.", "Denis Shmygal.", ["Denis Shmygal"]),
        ("Шмыгаль сказал.", "Shmygal said.", ["Shmygal"]),
        ("В Кривом Роге.", "In Krivoy Rog.", ["Krivoy Rog"]),
    ],
)
def test_ukraine_glossary_examples(source: str, target: str, forbidden: list[str]) -> None:
    ctx = context(source, target, glossaries=[UKRAINE])
    assert [text_at(ctx.target, f.target) for f in run(TermForbidden, ctx)] == forbidden
    assert run(TermMissing, ctx) == []


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
