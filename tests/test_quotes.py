"""Quotation extraction (checker.language.quotations) and the quote rules (TC301, TC302, TC303)."""

from __future__ import annotations

import pytest

from checker.embed import Encoder, get_encoder
from checker.language.quotations import extract_quotations
from checker.rules.base import CheckContext
from checker.rules.quotes import QuoteAdded, QuoteMismatch, QuoteMissing
from tests.test_numbers import context, seed_context


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    return get_encoder("use")


def with_encoder(ctx: CheckContext, encoder: Encoder) -> CheckContext:
    return CheckContext(ctx.source, ctx.target, ctx.alignments, ctx.glossaries, encoder=encoder)


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


# --- rules without an encoder -----------------------------------------------------------

@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        # names and titles of fewer than three words may lose their marks
        ("Он рассказал в интервью «Ленте.ру».", "He told Lenta.ru.", []),
        # a title rendered as a capitalised phrase
        ("Он принял участие в «Саммите за демократию».", "He took part in the Summit for Democracy.", []),
        ("Лавров заявил: «Шанс всегда есть».", "Lavrov said: “There is always a chance.”", []),
        ("Лавров заявил: «Шанс всегда есть».", "Lavrov said there was always a chance.", ["TC301"]),
        ("Лавров заявил, что шанс всегда есть.", "Lavrov said: “There is always a chance.”", ["TC302"]),
        # Russian marks direct speech with a dash; English with quotation marks
        ("Шанс всегда есть, - заявил Лавров.", "“There is always a chance,” Lavrov said.", []),
        # the middle paragraph of a long quotation: English opens it, Russian does not
        ("Шанс всегда есть.", "“There is always a chance.", []),
        ("«Выделим 5 млрд рублей», — сказал он.", "“We will allocate 5 billion rubles,” he said.", []),
        ("«Выделим 5 млрд рублей», — сказал он.", "“We will allocate 6 billion rubles,” he said.", ["TC303"]),
        # straight marks that do not pair up: where the quotations end is a guess
        (
            'Мы понимаем, что ты сделал и что мог бы сделать"", - цитирует его KPRC-TV.',
            "We understand what you did and what you could have done,'\" KPRC-TV quotes him saying.",
            [],
        ),
        (
            'Фильм получил награду (ее называют "Европейским "Оскаром") в номинации "Лучший монтаж".',
            "The film received the European Film Award (called the “European Oscar”) for “Best Editing”.",
            [],
        ),
        # nested straight marks that pair up are a quotation like any other
        (
            '"Произведено около 2 млн доз вакцины "Спутник V", ожидаем больше", - сказал Попович.',
            "About 2 million doses of the Sputnik V vaccine have been produced; we expect more, Popović said.",
            ["TC301"],
        ),
    ],
)
def test_quote_rules(source: str, target: str, expected: list[str]) -> None:
    assert codes(context([source], [target])) == expected


def test_quote_missing_points_at_the_source_quotation() -> None:
    source = "Лавров заявил: «Шанс всегда есть»."
    (finding,) = QuoteMissing().check(context([source], ["Lavrov said there was always a chance."]))
    assert finding.source is not None and finding.source.span is not None
    assert source[finding.source.span.start : finding.source.span.end] == "«Шанс всегда есть»"


# --- rules with the encoder -------------------------------------------------------------

@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("«Шанс договориться всегда есть», — заключил министр.", "“There is always a chance to agree,” the minister concluded.", []),
        (
            "«Шанс договориться всегда есть», — заключил министр.",
            "“The weather in Moscow will be warm next week,” the minister concluded.",
            ["TC303"],
        ),
        # short quotations are judged too: a correct rendering passes, another's words do not
        ("Камера показала корабль «с изнанки».", "The camera showed the ship “from the inside out.”", []),
        ("Камера показала корабль «с изнанки».", "The camera showed the ship “sad conclusion.”", ["TC303"]),
        ("Он назвал бурю «идеальным штормом».", "He called the storm a “perfect storm”.", []),
        ("Он назвал бурю «идеальным штормом».", "He called the storm a “sad conclusion”.", ["TC303"]),
        ("«Нисколько», — ответил он.", "“Not at all,” he replied.", []),
        # a quotation replaced by a much longer one is one changed quotation, not two errors
        (
            "Он назвал этот срок «очень большим периодом».",
            "He called this period “an idea of building a museum of landfill reclamation in the Moscow Region”.",
            ["TC303"],
        ),
        # two quotations, one of them a name the target writes without marks
        (
            "Газета «Коммерсант» пишет: «Переговоры продолжатся в среду».",
            "Kommersant writes: “The talks will continue on Wednesday.”",
            [],
        ),
    ],
)
def test_quote_meaning(source: str, target: str, expected: list[str], encoder: Encoder) -> None:
    assert codes(with_encoder(context([source], [target]), encoder)) == expected


def test_seed_article_is_clean(encoder: Encoder) -> None:
    assert codes(seed_context()) == []
    assert codes(seed_context(encoder)) == []
