"""Number extraction (checker.language.number_extract): readings, spans, kinds, months, signs."""

from __future__ import annotations

import random

import pytest

from checker.language.number_extract import _drop_contained, extract_quantities
from checker.language.number_values import Literal, Month, Quantity, QuantityKind, number


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
    assert set(q.numbers()) == expected


def test_spans_point_at_the_text() -> None:
    text = "Байден заявил, что Россия нападет 16 февраля, в 10:00, и потратит 1,5 млн рублей."
    assert [q.text for q in extract_quantities(text, "ru")] == ["16 февраля", "10:00", "1,5 млн"]


def test_dates_keep_the_year_apart() -> None:
    kinds = [(q.text, q.kind) for q in extract_quantities("16 февраля 2022 года", "ru")]
    assert kinds == [("16 февраля", QuantityKind.DATE), ("2022", QuantityKind.YEAR)]



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
    found = [v.month for q in extract_quantities(text, language) for v in q.values if isinstance(v, Month)]
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
    numbers = [min(q.numbers()) for q in extract_quantities(text, language)]
    assert numbers == expected


# --- long and repetitive input ------------------------------------------------------------


def test_a_run_of_five_thousand_digits_is_matched_as_written() -> None:
    # int() refuses strings of more than 4,300 digits; no reading needs them as numbers.
    run = "7" * 5000
    (q,) = extract_quantities(f"Код {run}.", "ru")
    assert q.text == run and q.values == {Literal(run)}
    assert [q.text for q in extract_quantities(run + "0-х " + run + "½ 0" * 3 + run, "ru")]


@pytest.mark.parametrize(
    ("unit", "language", "per_unit"),
    [
        ("10%", "ru", [(QuantityKind.PERCENT, [10.0])]),
        ("5 млн ", "ru", [(QuantityKind.NUMBER, [5e6])]),
        ("5 million ", "en", [(QuantityKind.NUMBER, [5e6])]),
        ("+1 -1 ", "ru", [(QuantityKind.NUMBER, [1.0]), (QuantityKind.NUMBER, [-1.0])]),
        ("1/2 ", "en", [(QuantityKind.NUMBER, [1.0]), (QuantityKind.NUMBER, [2.0])]),  # as 24/7 is
        ("$10m ", "en", [(QuantityKind.NUMBER, [1e7])]),
        ("2½ ", "en", [(QuantityKind.NUMBER, [2.5])]),
    ],
)
def test_repeated_units_read_each_time(unit: str, language: str, per_unit: list) -> None:
    found = extract_quantities(unit * 500, language)
    assert [(q.kind, sorted(q.numbers())) for q in found] == per_unit * 500


def test_a_range_chain_keeps_every_number() -> None:
    found = extract_quantities("1–2–" * 500, "ru")
    assert [q.numbers() for q in found] == [[1.0], [2.0]] * 500


def test_digits_glued_to_letters_are_code_names() -> None:
    found = extract_quantities("а1б2в3" * 300, "ru")
    assert len(found) == 900 and all(q.soft for q in found)


def test_drop_contained_is_the_quadratic_rule_it_replaces() -> None:
    rng = random.Random(5)
    for _ in range(300):
        spans = sorted((a, a + rng.randint(0, 4)) for a in (rng.randint(0, 12) for _ in range(rng.randint(0, 9))))
        found = [Quantity(a, b, "x" * (b - a), frozenset({number(k)})) for k, (a, b) in enumerate(spans)]
        expected = [q for q in found if not any(p is not q and p.start <= q.start and q.end <= p.end for p in found)]
        assert _drop_contained(found) == expected
