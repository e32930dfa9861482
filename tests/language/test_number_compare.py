"""Numbers compared across languages (checker.language.number_compare): what matches, what is left over."""

from __future__ import annotations

import random

import pytest

from checker.language.number_compare import _class_flow, _kuhn, compare_texts, quantities_match
from checker.language.number_values import DayMonth, Quantity, Value, number


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


# --- many quantities in one pair ----------------------------------------------------------


def test_thousands_of_equal_numbers_match_and_the_one_extra_is_found() -> None:
    diff = compare_texts("1 " * 3000, "ru", "1 " * 1500 + "2 " + "1 " * 1500, "en")
    assert [q.text for q in diff.added] == ["2"] and diff.missing == ()
    diff = compare_texts("5 млн " * 800, "ru", "5 million " * 799, "en")
    assert [q.text for q in diff.missing] == ["5 млн"] and diff.added == ()


@pytest.mark.parametrize(
    ("source", "target"),
    [("10%" * 1000, "10%" * 1000), ("+1 -1 " * 700, "+1 -1 " * 700), ("1–2–" * 700, "1–2–" * 700)],
    ids=["percent", "signs", "ranges"],
)
def test_long_repetitive_pairs_compare_clean(source: str, target: str) -> None:
    assert not compare_texts(source, "ru", target, "en")


def _quantity(rng: random.Random, k: int) -> Quantity:
    values: set[Value] = set()
    for _ in range(rng.randint(1, 3)):
        values.add(number(rng.randint(0, 5)) if rng.random() < 0.8 else DayMonth(1, rng.randint(1, 3)))
    return Quantity(k, k + 1, str(k), frozenset(values), soft=rng.random() < 0.3)


def test_the_class_flow_matches_as_many_and_as_many_digits_as_kuhn() -> None:
    rng = random.Random(11)
    for _ in range(500):
        source = [_quantity(rng, k) for k in range(rng.randint(0, 10))]
        target = [_quantity(rng, k) for k in range(rng.randint(0, 10))]
        kuhn, flow = _kuhn(source, target), _class_flow(source, target)
        assert len(kuhn[0]) == len(flow[0]) == len(kuhn[1]) == len(flow[1])
        assert sum(not source[i].soft for i in kuhn[0]) == sum(not source[i].soft for i in flow[0])
        for i in flow[0]:  # every matched source has a matched partner it matches
            assert any(quantities_match(source[i], target[j]) for j in flow[1])
