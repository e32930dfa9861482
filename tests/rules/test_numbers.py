"""TC401 number-mismatch (checker.rules.numbers)."""

from __future__ import annotations

import pytest

from checker.model import Alignment
from checker.rules.base import CheckContext
from checker.rules.numbers import NumberMismatch
from tests.rules.contexts import context, document, seed_context


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
        ("Дело закрыли в июле.", "The case was closed in July.", 0),
        ("Дело закрыли в июле.", "The case was closed in June.", 1),
        ("Дело закрыли в июле.", "The case was closed this summer.", 0),
        ("Ночью до -15 градусов.", "Down to 15 degrees below zero at night.", 0),
        ("Ночью до -15 градусов.", "Down to 15 degrees at night.", 1),
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
