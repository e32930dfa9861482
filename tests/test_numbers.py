"""Numbers across languages (checker.numbers) and the rule built on them (TC401)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.model import Alignment, Document, Segment, Span
from checker.numbers import compare_texts, extract_quantities
from checker.rules.base import CheckContext
from checker.rules.numbers import NumberMismatch

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def document(sentences: list[str], language: str) -> Document:
    segments, pos = [], 0
    for i, sentence in enumerate(sentences):
        segments.append(Segment(i, sentence, Span(pos, pos + len(sentence))))
        pos += len(sentence) + 1
    return Document(f"{language}.txt", language, "\n".join(sentences), tuple(segments))


def context(source: list[str], target: list[str], source_language: str = "ru", target_language: str = "en") -> CheckContext:
    """Sentence i of the source aligned with sentence i of the target."""
    assert len(source) == len(target)
    alignments = tuple(Alignment((i,), (i,), 1.0) for i in range(len(source)))
    return CheckContext(document(source, source_language), document(target, target_language), alignments)


def seed_context(encoder: object = None) -> CheckContext:
    """The Lenta.ru seed article, one segment per sentence; the English paragraph with no
    source (Putin approving the Foreign Ministry's response) is a 0-2 bead."""
    split = re.compile(r"(?<=[.!?»”\"])\s+(?=[«“\"A-ZА-ЯЁ])")

    def paragraphs(path: Path) -> list[list[str]]:
        text = path.read_text(encoding="utf-8")
        return [split.split(p.strip()) for p in text.split("\n\n") if p.strip()]

    ru = paragraphs(SEEDS / "lenta-kalachev" / "ru.txt")
    en = paragraphs(SEEDS / "lenta-kalachev" / "en.txt")
    extra = next(k for k, p in enumerate(en) if p[0].startswith("In addition, during the meeting"))
    source = [s for p in ru for s in p]
    target = [s for p in en for s in p]
    alignments, i, j = [], 0, 0
    for k, para in enumerate(en):
        if k == extra:
            alignments += [Alignment((), (j,)), Alignment((), (j + 1,))]
            j += len(para)
            continue
        for _ in para:
            alignments.append(Alignment((i,), (j,), 1.0))
            i, j = i + 1, j + 1
    assert i == len(source) and j == len(target)
    return CheckContext(
        document(source, "ru"), document(target, "en"), tuple(alignments), encoder=encoder  # type: ignore[arg-type]
    )


# --- normalisation ---------------------------------------------------------------------

SAME = [
    ("16 февраля", "February 16"),
    ("16 февраля", "February 16th"),
    ("16 февраля", "16 February"),
    ("16 февраля", "the 16th of February"),
    ("16 февраля 2022 года", "February 16, 2022"),
    ("16.02.2022", "February 16, 2022"),
    ("16.02.2022", "16/02/2022"),
    ("в 2022 году", "in 2022"),
    ("в 10:00", "at 10:00"),
    ("в 22:00", "at 10 p.m."),
    ("в 10.00", "at 10:00"),
    ("в 11 часов 28 минут", "at 11:28 AM"),
    ("24 часов", "24 hours"),
    ("за сутки", "in the past 24 hours"),
    ("1,5 млн", "1.5 million"),
    ("1,5 млн", "1,500,000"),
    ("10 тысяч", "10,000"),
    ("15 тыс. рублей", "15 thousand rubles"),
    ("1 000 000", "1,000,000"),
    ("$3 трлн", "$3 trillion"),
    ("1,5–2 млн", "1.5-2 million"),
    ("от 150 до 250", "150 to 250"),
    ("5%", "5 percent"),
    ("5 процентов", "5%"),
    ("0,5", "0.5"),
    ("в 1990-е годы", "in the 1990s"),
    ("в 90-х", "in the 1990s"),
    ("2-й этап", "the 2nd stage"),
    ("второй этап", "the 2nd stage"),
    ("21-й век", "the 21st century"),
    ("XX век", "the 20th century"),
    ("двух штатах", "two states"),
    ("две страны", "2 countries"),
    ("между тремя и четырьмя часами", "between three and four"),
    ("двадцать пять человек", "25 people"),
    ("более 100 тысяч", "over 100,000"),
    ("около четырех тысяч", "some 4000"),
    ("два с половиной миллиона", "2.5 million"),
    ("полмиллиона", "half a million, 500,000"),
    ("4-летняя девочка", "a four-year-old girl"),
    ("страны «Большой семерки»", "the G7 countries"),
    ("Су-57", "Su-57"),
    ("$5 млн", "$5m"),
    ("дважды", "twice"),
    ("пятьдесят два", "fifty-two"),
]

DIFFERENT = [
    ("16 февраля", "February 18"),
    ("16 февраля", "March 16"),
    ("16 февраля 2022 года", "February 16, 2021"),
    ("в 10:00", "at 11:00"),
    ("1,5 млн", "1.5 billion"),
    ("1,5 млн", "15 million"),
    ("10 тысяч", "100,000"),
    ("150 км", "150 miles, 241 km"),
    ("5 км", "3 miles"),
    ("5%", "6%"),
    ("0,6 процентного пункта", "0.5 percentage points"),
    ("от 150 до 250", "150 to 350"),
    ("тридцать раз", "thirteen times"),
    ("четыре страны", "three countries"),
    ("Т-90", "T-80"),
    ("в 2020 году", "in 2002"),
    ("350000", "35000"),
]


@pytest.mark.parametrize(("source", "target"), SAME)
def test_normalised_values_match(source: str, target: str) -> None:
    diff = compare_texts(source, "ru", target, "en")
    assert not diff, (diff.missing, diff.added)


@pytest.mark.parametrize(("source", "target"), DIFFERENT)
def test_different_values_are_reported(source: str, target: str) -> None:
    assert compare_texts(source, "ru", target, "en")


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("1,000", "en", {1000.0}),
        ("1,5", "ru", {1.5}),
        ("1,000", "ru", {1.0, 1000.0}),  # decimal by the rules, a thousand in much web text
        ("1.5", "en", {1.5}),
        ("1 000 000", "ru", {1_000_000.0}),
        ("1\u00a0000", "ru", {1000.0}),
        ("1,234.5", "en", {1234.5}),
        ("2,5 млрд", "ru", {2.5e9}),
        ("3 bn", "en", {3e9}),
        ("сто двадцать три тысячи", "ru", {123_000.0}),
        ("one hundred and five", "en", {105.0}),
        ("п'ять", "uk", {5.0}),
        ("1,5 тис.", "uk", {1500.0}),
    ],
)
def test_number_readings(text: str, language: str, expected: set[float]) -> None:
    (q,) = extract_quantities(text, language)
    assert {v[1] for v in q.values if v[0] == "n"} == expected


def test_spans_point_at_the_text() -> None:
    text = "Байден заявил, что Россия нападет 16 февраля, в 10:00, и потратит 1,5 млн рублей."
    assert [q.text for q in extract_quantities(text, "ru")] == ["16 февраля", "10:00", "1,5 млн"]


def test_dates_keep_the_year_apart() -> None:
    kinds = [(q.text, q.kind) for q in extract_quantities("16 февраля 2022 года", "ru")]
    assert kinds == [("16 февраля", "date"), ("2022", "year")]


def test_a_lone_spelled_one_is_never_reported() -> None:
    assert not compare_texts("Это один из лучших", "ru", "It is among the best", "en")
    assert not compare_texts("В первую очередь", "ru", "First of all, two", "en")


def test_a_number_word_alone_is_not_reported_but_a_digit_is() -> None:
    assert not compare_texts("Два человека пришли", "ru", "People came", "en")
    assert compare_texts("2 человека пришли", "ru", "People came", "en")


# --- TC401 -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("Байден заявил, что Россия нападет 16 февраля.", "Biden said Russia would attack on February 16.", 0),
        ("Байден заявил, что Россия нападет 16 февраля.", "Biden said Russia would attack on February 18.", 1),
        ("Выделено 1,5 млн рублей.", "1.5 million rubles were allocated.", 0),
        ("Выделено 1,5 млн рублей.", "1.5 billion rubles were allocated.", 1),
        ("Погибли 13 человек.", "Thirteen people died.", 0),
        ("Погибли 13 человек.", "People died.", 1),
        ("Погибли люди.", "13 people died.", 1),
    ],
)
def test_number_mismatch(source: str, target: str, expected: int) -> None:
    findings = list(NumberMismatch().check(context([source], [target])))
    assert len(findings) == expected


def test_number_mismatch_points_at_the_target_value() -> None:
    source = "Байден заявил, что Россия нападет 16 февраля."
    target = "Biden said Russia would attack on February 18."
    (finding,) = NumberMismatch().check(context([source], [target]))
    assert finding.code == "TC401"
    assert finding.target is not None and finding.target.span is not None
    assert target[finding.target.span.start : finding.target.span.end] == "February 18"
    assert finding.source is not None and finding.source.span is not None
    assert source[finding.source.span.start : finding.source.span.end] == "16 февраля"
    assert finding.suggestion == "February 16"


def test_two_to_one_beads_compare_joined_text() -> None:
    source = document(["В 10:00 начнется митинг.", "Придут 500 человек."], "ru")
    target = document(["The rally will start at 10:00 and 500 people will come."], "en")
    ctx = CheckContext(source, target, (Alignment((0, 1), (0,), 0.9),))
    assert not list(NumberMismatch().check(ctx))


def test_seed_article_is_clean() -> None:
    assert list(NumberMismatch().check(seed_context())) == []
