"""Quotation extraction (checker.language.quotations): marks per language, nesting, fragments."""

from __future__ import annotations

import pytest

from checker.language.quotations import (
    MAX_CLOSED_BEFORE,
    MAX_OPEN_QUOTATIONS,
    dash_speech,
    extract_quotations,
    first_person,
    function_word,
)


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


# --- runs of marks ------------------------------------------------------------------------


@pytest.mark.parametrize("mark", ['"', "«", "„", "»", "“"])
def test_a_run_of_marks_gives_a_bounded_number_of_quotations(mark: str) -> None:
    text = "Он сказал " + mark * 20_000 + " и ушёл."
    found = extract_quotations(text, "ru")
    assert len(found) <= MAX_OPEN_QUOTATIONS + MAX_CLOSED_BEFORE
    assert sum(len(q.text) for q in found) <= (MAX_OPEN_QUOTATIONS + MAX_CLOSED_BEFORE) * len(text)
    for q in found:
        assert text[q.content_start : q.content_end] == q.text


def test_marks_nested_past_the_cap_are_strays() -> None:
    text = "«" * 12 + "слова" + "»" * 12
    found = extract_quotations(text, "ru")
    whole = [q for q in found if q.opened and q.closed]
    # The first « open quotations (as many as may be open) and as many » close them; the
    # other » have nothing open left: each ends a quotation begun before the text.
    assert [(q.start, q.depth) for q in whole] == [(k, k) for k in range(MAX_OPEN_QUOTATIONS)]
    assert whole[-1].text == "«" * (12 - MAX_OPEN_QUOTATIONS) + "слова"
    assert len(found) - len(whole) == MAX_CLOSED_BEFORE and not any(q.opened for q in found if q not in whole)


def test_many_closed_quotations_in_a_row_are_all_found() -> None:
    text = "«да» " * 3000
    found = extract_quotations(text, "ru")
    assert len(found) == 3000 and {q.text for q in found} == {"да"}


# Each language's own marks, in sentences written for these tests.
@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Er sagte: „Wir sind ‚fast‘ bereit“ und ging.", "de", ["Wir sind ‚fast‘ bereit", "fast"]),
        ("Er sagte: »Wir sind bereit« und ging.", "de", ["Wir sind bereit"]),
        ("Il a déclaré\u00a0: «\u00a0Nous sommes prêts\u00a0», puis il est parti.", "fr", ["Nous sommes prêts"]),
        ("Il a déclaré : «\u202fC’est fini\u202f».", "fr", ["C’est fini"]),
        ("Powiedział: „Jesteśmy gotowi” i wyszedł.", "pl", ["Jesteśmy gotowi"]),
        ("Řekl: „Jsme připraveni“ a odešel.", "cs", ["Jsme připraveni"]),
        ("Hän sanoi: ”Olemme valmiita” ja lähti.", "fi", ["Olemme valmiita"]),
        ("首相は「全力を尽くす」と語った。", "ja", ["全力を尽くす"]),
        ("首相は「『ありがとう』と伝えたい」と語った。", "ja", ["『ありがとう』と伝えたい", "ありがとう"]),
        ("他說：“我們會贏。”", "zh", ["我們會贏。"]),
        ("他說：「我們會贏。」", "zh", ["我們會贏。"]),
    ],
)
def test_quotation_marks_of_other_languages(text: str, language: str, expected: list[str]) -> None:
    assert [q.text for q in extract_quotations(text, language)] == expected


def test_spaceless_quotations_count_words_by_characters() -> None:
    # The rules report quotations of three words or more; in Japanese that is about
    # seven characters and more, not one "word" for a whole quotation.
    (short,) = extract_quotations("「はやぶさ２」が帰還した。", "ja")
    (long,) = extract_quotations("首相は「全力を尽くす。国民の皆さんに感謝したい」と語った。", "ja")
    assert short.word_count < 3 <= long.word_count
    (mixed,) = extract_quotations("他說：“我們會贏得COVID-19的戰鬥。”", "zh")
    assert mixed.word_count >= 5


@pytest.mark.parametrize(
    ("text", "language", "speech"),
    [
        ("— Мы готовы, — сказал он.", "ru", True),
        ("Это наиболее активная прослойка, - сказал «Москве 24» Павел Волчков.", "ru", True),
        ("Выпускники школы ликуют, - сообщил директор.", "ru", True),
        # a publication's report is the paper's words, not speech; its quoting someone is
        ("Выпускники школы ликуют, - сообщает местная газета.", "ru", False),
        ("Випускники школи радіють, - пише місцеве видання.", "uk", False),
        ("Команда готова к сезону, - цитирует защитника газета.", "ru", True),
        ("ГУР здобуло список військовослужбовців», - ідеться в повідомленні.", "uk", True),
        # a dash after a comma that is a copula or an aside, not speech
        ("Сильный ответ организма на любую инфекцию, - это не всегда хорошо.", "ru", False),
        ("Людей, які писали імена вбивць, – система спочатку дискредитувала.", "uk", False),
        ("Москва - столица России.", "ru", False),
        ("— 5 тысяч рублей", "ru", False),
        # English marks speech with quotation marks only
        ("We are ready, - he said.", "en", False),
    ],
)
def test_dash_speech(text: str, language: str, speech: bool) -> None:
    assert dash_speech(text, language) is speech


@pytest.mark.parametrize(
    ("text", "language", "first"),
    [
        ("Мы ждали этого матча полгода", "ru", True),
        ("Тренер похвалил нашу команду.", "ru", True),
        ("Игроки ждали этого матча полгода", "ru", False),
        ("Ми чекали цього матчу пів року", "uk", True),
        ("We’ve waited half a year", "en", True),
        ("They waited half a year", "en", False),
    ],
)
def test_first_person(text: str, language: str, first: bool) -> None:
    assert first_person(text, language) is first


def test_function_words_are_the_languages_own() -> None:
    assert function_word("Против", "ru") and function_word("проти", "uk")
    assert not function_word("провальным", "ru") and not function_word("против", "en")
