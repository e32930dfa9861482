"""Numbers across languages (checker.language.numerals) and the rule built on them (TC401)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.model import Alignment, Document, Segment, Span
from checker.language.numerals import compare_texts, extract_quantities
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


# --- months without a day, and signs ------------------------------------------------------

# (source, source language, target, target language): the same value, nothing to report.
SAME_ACROSS = [
    ("до конца марта", "ru", "until the end of March", "en"),
    ("в феврале 2022 года", "ru", "in February 2022", "en"),
    ("в марте-апреле", "ru", "in March and April", "en"),
    ("к маю", "ru", "by May", "en"),
    ("с марта по май", "ru", "from March to May", "en"),
    ("у березні", "uk", "in March", "en"),
    ("до лютого", "uk", "until February", "en"),
    ("in mid-March", "en", "в середине марта", "ru"),
    ("January was cold", "en", "январь был холодным", "ru"),
    ("в марте", "ru", "this spring", "en"),  # a dropped month alone is not reported (see the rule)
    ("до -15 градусов", "ru", "to minus 15 degrees", "en"),
    ("до −15 градусов", "ru", "to -15 degrees", "en"),
    ("минус 15", "ru", "15 degrees below zero", "en"),
    ("15 градусов мороза", "ru", "-15 degrees", "en"),
    ("15 градусов ниже нуля", "ru", "15°C below freezing", "en"),
    ("от 5 до 10 градусов мороза", "ru", "from -5 to -10 degrees", "en"),
    ("до +15 градусов", "ru", "up to 15 degrees", "en"),
    ("it fell to 15 below.", "en", "до -15", "ru"),
    ("-15", "en", "мінус 15", "uk"),
    ("-0,57%", "ru", "-0.57%", "en"),
    ("4-6%", "ru", "4-6%", "en"),
    ("150–250", "ru", "150-250", "en"),
    ("5-10 человек", "ru", "5 to 10 people", "en"),
    ("Ту-154", "ru", "Tu-154", "en"),
    ("27 июля - 2 августа", "ru", "July 27 - August 2", "en"),
]

# A value changed (or its sign lost): reported.
DIFFERENT_ACROSS = [
    ("до конца марта", "ru", "until the end of May", "en"),
    ("в феврале 2022 года", "ru", "in March 2022", "en"),
    ("в июле", "ru", "in June", "en"),
    ("у березні", "uk", "in May", "en"),
    ("in March", "en", "в мае", "ru"),
    ("до -15 градусов", "ru", "15 degrees", "en"),
    ("до -15 градусов", "ru", "+15 degrees", "en"),
    ("минус 15", "ru", "15", "en"),
    ("15 градусов мороза", "ru", "15 degrees", "en"),
    ("снижение на −3%", "ru", "a change of 3%", "en"),
    ("15 degrees below zero", "en", "15 градусов", "ru"),
    ("-15", "en", "15", "uk"),
]


@pytest.mark.parametrize(("source", "source_language", "target", "target_language"), SAME_ACROSS)
def test_months_and_signs_match(source: str, source_language: str, target: str, target_language: str) -> None:
    for a, la, b, lb in ((source, source_language, target, target_language), (target, target_language, source, source_language)):
        diff = compare_texts(a, la, b, lb)
        assert not diff, (diff.missing, diff.added)


@pytest.mark.parametrize(("source", "source_language", "target", "target_language"), DIFFERENT_ACROSS)
def test_months_and_signs_differ(source: str, source_language: str, target: str, target_language: str) -> None:
    assert compare_texts(source, source_language, target, target_language)
    assert compare_texts(target, target_language, source, source_language)


@pytest.mark.parametrize(
    ("text", "language", "months"),
    [
        ("в марте, до конца мая, к апрелю, в феврале 2022 года", "ru", [3, 5, 4, 2]),
        ("until the end of May, in March 2022, since August, in early June", "en", [5, 3, 8, 6]),
        ("July ends with heat", "en", [7]),
        ("May I ask? It may rain.", "en", []),  # the modal verb
        ("a protest march; the March on Washington", "en", []),  # the noun and a name
        ("Theresa May said", "en", []),
        ("April Ryan asked", "en", []),  # a first name: a capitalised word follows
        ("an august body", "en", []),
        ("Марта сказала, что Мая придет", "ru", []),  # Martha, Maya
        ("лютий мороз, лютого ворога", "uk", []),  # fierce: the Ukrainian month needs a cue
        ("16 марта", "ru", []),  # a day-month date, not a month alone
    ],
)
def test_standalone_months(text: str, language: str, months: list[int]) -> None:
    found = [v[1] for q in extract_quantities(text, language) for v in q.values if v[0] == "m"]
    assert found == months


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("до -15 градусов", "ru", [-15.0]),
        ("до −15", "ru", [-15.0]),
        ("(-5)", "ru", [-5.0]),
        ("минус 5", "ru", [-5.0]),
        ("+8,8 градуса", "ru", [8.8]),
        ("15 градусов мороза", "ru", [-15.0]),
        ("15 degrees below zero", "en", [-15.0]),
        ("4-6%", "ru", [4.0, 6.0]),
        ("2020-2021", "ru", [2020.0, 2021.0]),
        ("от +22 до +24", "ru", [22.0, 24.0]),
        ("ГАЗ-3110, COVID-19", "ru", [3110.0, 19.0]),
        ("27 июля - 2 августа", "ru", [27.0, 2.0]),  # a spaced dash is not a sign
        ("15 below the average", "en", [15.0]),  # "below" alone needs degrees or a clause end
    ],
)
def test_signs(text: str, language: str, expected: list[float]) -> None:
    numbers = [min(v[1] for v in q.values if v[0] == "n") for q in extract_quantities(text, language)]
    assert numbers == expected


# --- TC401 -------------------------------------------------------------------------------

# The rule's pass/fail pairs are in tests/rules/TC401.


def test_seed_article_is_clean() -> None:
    assert list(NumberMismatch().check(seed_context())) == []
