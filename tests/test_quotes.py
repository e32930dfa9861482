"""Quotation extraction (checker.language.quotations) and the quote rules (TC301, TC302, TC303)."""

from __future__ import annotations

import pytest

from checker.embed import Encoder, get_encoder
from checker.language.quotations import extract_quotations
from checker.rules.base import CheckContext
from checker.rules.quotes import QuoteAdded, QuoteMismatch, QuoteMissing
from tests.test_numbers import seed_context


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    return get_encoder("use")


def codes(ctx: CheckContext) -> list[str]:
    return [f.code for rule in (QuoteMissing(), QuoteAdded(), QuoteMismatch()) for f in rule.check(ctx)]


# --- extraction --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Он рассказал в интервью «Ленте.ру».", "ru", ["Ленте.ру"]),
        ("из-за урагана \"Ханна\" и \"оранжевый\" уровень", "ru", ["Ханна", "оранжевый"]),
        ("указ «О мерах по „защите“ общества», в котором", "ru", ["О мерах по „защите“ общества", "защите"]),
        ("He said “we are ready,” and left.", "en", ["we are ready,"]),
        ("He said \"we are ready\" and left.", "en", ["we are ready"]),
        ("He said: 'I don't know' and left.", "en", ["I don't know"]),
        ("Putin’s words, don’t, the 90’s, the students’ union.", "en", []),
        ("It was \"very 'good' indeed\".", "en", ["very 'good' indeed", "good"]),
        ("„Ja“, sagte er.", "de", ["Ja"]),
    ],
)
def test_extract_quotations(text: str, language: str, expected: list[str]) -> None:
    assert [q.text for q in extract_quotations(text, language)] == expected


def test_a_quotation_over_several_segments_gives_fragments() -> None:
    (opening,) = extract_quotations("«Вы говорите, что война неизбежна?", "ru")
    assert opening.opened and not opening.closed
    (closing,) = extract_quotations("Мы миролюбивая страна», — подчеркнул политолог.", "ru")
    assert closing.text == "Мы миролюбивая страна" and not closing.opened and closing.closed
    (straight,) = extract_quotations('Риска утечки нет", - говорится в сообщении.', "ru")
    assert straight.text == "Риска утечки нет" and not straight.opened


@pytest.mark.parametrize(
    ("text", "ambiguous"),
    [
        # nested straight marks that pair up: a quotation inside a quotation
        ('"Произведено 2 млн доз вакцины "Спутник V", ожидаем больше", - сказал он.', [False, False]),
        # a doubled closing mark: two quotations begun before the text end together
        ('что мог бы сделать"", - цитирует его KPRC-TV.', [True, False]),
        # a quotation that runs out of the brackets it opened in: a mark is missing
        ('(ее называют "Европейским "Оскаром") в номинации "Лучший монтаж", сообщает ""МК".', [True, False, False]),
        ("«Он сказал: „Да“ и ушёл»", [False, False]),
    ],
)
def test_ambiguous_straight_marks(text: str, ambiguous: list[bool]) -> None:
    assert [q.ambiguous for q in extract_quotations(text, "ru")][: len(ambiguous)] == ambiguous


def test_nested_quotation_depth() -> None:
    outer, inner = extract_quotations("«Он сказал: „Да“ и ушёл»", "ru")
    assert (outer.depth, inner.depth) == (0, 1)


# --- the rules: their pass/fail pairs are in tests/rules/TC301, TC302 and TC303 --------


def test_seed_article_is_clean(encoder: Encoder) -> None:
    assert codes(seed_context()) == []
    assert codes(seed_context(encoder)) == []
