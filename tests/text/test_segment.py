"""Sentence segmentation: tricky cases per language, blocks as hard boundaries, offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.text.blocks import Block
from checker.text.reading import SourceText, read_text
from checker.text.segment import MAX_SEGMENT_CHARS, conventions, segment, segment_with_notices, split_sentences

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "lenta-kalachev"

# Each case: a text and the sentences it must be cut into. Quotations of several sentences
# are cut inside, as the WMT news references are («...? Нет, ...», — сказал он).
RU_CASES = [
    ("В. В. Путин провёл встречу. Она длилась час.", ["В. В. Путин провёл встречу.", "Она длилась час."]),
    ("Президент В.В. Путин заявил об этом. Кремль подтвердил.", ["Президент В.В. Путин заявил об этом.", "Кремль подтвердил."]),
    ("А. С. Пушкин родился в Москве. Это известно всем.", ["А. С. Пушкин родился в Москве.", "Это известно всем."]),
    ("Это, т.е. всё остальное, неважно. Идём дальше.", ["Это, т.е. всё остальное, неважно.", "Идём дальше."]),
    ("По данным ООН, т. е. Организации Объединённых Наций, беженцев стало больше.", ["По данным ООН, т. е. Организации Объединённых Наций, беженцев стало больше."]),
    ("Он родился в 1998 г. Её семья тогда жила в Туле.", ["Он родился в 1998 г.", "Её семья тогда жила в Туле."]),
    ("В 2022 г. экономика выросла. В 2023 г. она упала.", ["В 2022 г. экономика выросла.", "В 2023 г. она упала."]),
    ("Встреча прошла в г. Москве. Участники остались довольны.", ["Встреча прошла в г. Москве.", "Участники остались довольны."]),
    ("Купили яблоки, груши и т.д. Потом пошли домой.", ["Купили яблоки, груши и т.д.", "Потом пошли домой."]),
    ("Бюджет составил 5 млн руб. и был исполнен.", ["Бюджет составил 5 млн руб. и был исполнен."]),
    ("Бюджет составил 5 млн руб. Он был исполнен полностью.", ["Бюджет составил 5 млн руб.", "Он был исполнен полностью."]),
    ("«Мы готовы к переговорам», — сказал он. Встреча продолжится завтра.", ["«Мы готовы к переговорам», — сказал он.", "Встреча продолжится завтра."]),
    ("«Вы готовы?» — спросил он. Никто не ответил.", ["«Вы готовы?» — спросил он.", "Никто не ответил."]),
    # A quoted name's own "!" or "?" ends no sentence; a quoted question that is speech does.
    ("Шоу «Вперёд, Россия!» Первый канал закрыл в 2010 году.", ["Шоу «Вперёд, Россия!» Первый канал закрыл в 2010 году."]),
    ("Фильм «Кто вы, доктор Зорге?» Ива Чампи вышел в 1961 году.", ["Фильм «Кто вы, доктор Зорге?» Ива Чампи вышел в 1961 году."]),
    ("Он спросил: «Вы готовы?» Иван кивнул.", ["Он спросил: «Вы готовы?»", "Иван кивнул."]),
    ("«Вы готовы?» Он кивнул.", ["«Вы готовы?»", "Он кивнул."]),
    ("«Это конец...» — подумал он. Но это было не так.", ["«Это конец...» — подумал он.", "Но это было не так."]),
    ("Он сказал: «Всё кончено». И вышел.", ["Он сказал: «Всё кончено».", "И вышел."]),
    ("«Вы говорите, что война неизбежна? Нет, мы остаёмся на своих позициях», — подчеркнул политолог.", ["«Вы говорите, что война неизбежна?", "Нет, мы остаёмся на своих позициях», — подчеркнул политолог."]),
    ("«Мы готовы. Начнём завтра», — сказал он.", ["«Мы готовы.", "Начнём завтра», — сказал он."]),
    ("Эту церковь построили при Петре I. В своей речи Путин напомнил об этом.", ["Эту церковь построили при Петре I.", "В своей речи Путин напомнил об этом."]),
    ("В Германии доноров около 8 млн. Трансплантацию сделали в Кёльне.", ["В Германии доноров около 8 млн.", "Трансплантацию сделали в Кёльне."]),
    ("Рост составил 3.5 процента. Это рекорд.", ["Рост составил 3.5 процента.", "Это рекорд."]),
    ("Инфляция достигла 1,5 процента. Это меньше прогноза.", ["Инфляция достигла 1,5 процента.", "Это меньше прогноза."]),
    ("Об этом сообщает Lenta.ru. Подробности позже.", ["Об этом сообщает Lenta.ru.", "Подробности позже."]),
    ("Об этом он рассказал в интервью «Ленте.ру». По словам эксперта, всё хорошо.", ["Об этом он рассказал в интервью «Ленте.ру».", "По словам эксперта, всё хорошо."]),
    ("Он задумался... И ушёл.", ["Он задумался...", "И ушёл."]),
    ("Он задумался… И ушёл.", ["Он задумался…", "И ушёл."]),
    ("Смотрите ст. 5 Конституции. Там всё сказано.", ["Смотрите ст. 5 Конституции.", "Там всё сказано."]),
    ("Доклад подготовил проф. Иванов. Он выступил вчера.", ["Доклад подготовил проф. Иванов.", "Он выступил вчера."]),
    ("Адрес: ул. Ленина, д. 5. Приходите.", ["Адрес: ул. Ленина, д. 5.", "Приходите."]),
    ("Цена выросла на 10%. Продажи упали.", ["Цена выросла на 10%.", "Продажи упали."]),
    ("Что делать? Кто виноват?", ["Что делать?", "Кто виноват?"]),
    ("Неужели?! Не может быть!", ["Неужели?!", "Не может быть!"]),
    ("См. рис. 3. На нём показана схема.", ["См. рис. 3.", "На нём показана схема."]),
    ("Заседание назначено на 10:00. Явка обязательна.", ["Заседание назначено на 10:00.", "Явка обязательна."]),
    ("Это произошло в XIX в. Тогда всё было иначе.", ["Это произошло в XIX в.", "Тогда всё было иначе."]),
    ("Этапы работы: 1. сбор данных; 2. анализ.", ["Этапы работы: 1. сбор данных; 2. анализ."]),
    ("Компания Yandex N.V. объявила о сделке. Акции выросли.", ["Компания Yandex N.V. объявила о сделке.", "Акции выросли."]),
    ("Население — ок. 5 тыс. человек. Большинство — русские.", ["Население — ок. 5 тыс. человек.", "Большинство — русские."]),
    ("Так, президент США Джо Байден заявил, что Россия нападёт 16 февраля. В Москве это отрицают.", ["Так, президент США Джо Байден заявил, что Россия нападёт 16 февраля.", "В Москве это отрицают."]),
]
UK_CASES = [
    ("Офіс розташований на вул. Хрещатик, 22. Приходьте завтра.", ["Офіс розташований на вул. Хрещатик, 22.", "Приходьте завтра."]),
    ("Зустріч відбулася у м. Києві. Учасники були задоволені.", ["Зустріч відбулася у м. Києві.", "Учасники були задоволені."]),
    ("В. О. Зеленський підписав указ. Він набуде чинності завтра.", ["В. О. Зеленський підписав указ.", "Він набуде чинності завтра."]),
    ("Бюджет становить 5 млн грн. Це менше, ніж торік.", ["Бюджет становить 5 млн грн.", "Це менше, ніж торік."]),
    ("«Ми готові до переговорів», — сказав він. Зустріч триватиме.", ["«Ми готові до переговорів», — сказав він.", "Зустріч триватиме."]),
    ("Це сталося у 2014 р. Відтоді багато що змінилося.", ["Це сталося у 2014 р.", "Відтоді багато що змінилося."]),
    ("Див. ст. 5 Конституції України. Там усе написано.", ["Див. ст. 5 Конституції України.", "Там усе написано."]),
    ("Інфляція сягнула 1,5 відсотка. Це рекорд.", ["Інфляція сягнула 1,5 відсотка.", "Це рекорд."]),
    ("Пам'ятник стоїть на просп. Перемоги. Його відкрили у 2000 р.", ["Пам'ятник стоїть на просп. Перемоги.", "Його відкрили у 2000 р."]),
    ("«Ви готові?» — запитав він. Ніхто не відповів.", ["«Ви готові?» — запитав він.", "Ніхто не відповів."]),
    ("Купили хліб, молоко і т. д. Потім пішли додому.", ["Купили хліб, молоко і т. д.", "Потім пішли додому."]),
    ("Лекцію прочитав проф. Шевченко. Студенти слухали уважно.", ["Лекцію прочитав проф. Шевченко.", "Студенти слухали уважно."]),
    # A typist's missing space after the final mark still ends the sentence; an abbreviation
    # or an initial written on to the next word does not.
    ("Квіти полила.Кіт нагодований.Все гаразд.", ["Квіти полила.", "Кіт нагодований.", "Все гаразд."]),
    ("Де нам жити?Тут холодно", ["Де нам жити?", "Тут холодно"]),
    ("Тут важко живемо в хостелі і не дуже зручно сину .Я б хотіла в село.", ["Тут важко живемо в хостелі і не дуже зручно сину .", "Я б хотіла в село."]),
    ("Музей на вул.Лесі Українки.Вхід вільний.", ["Музей на вул.Лесі Українки.", "Вхід вільний."]),
    ("Вірш написав Т.Г.Шевченко.Його знають усі.", ["Вірш написав Т.Г.Шевченко.", "Його знають усі."]),
    ("Нагороду отримав університет ім.Франка.", ["Нагороду отримав університет ім.Франка."]),
    # A missing capital: a pronoun or an adverb after a full word and a period starts a
    # sentence; after an abbreviation it does not.
    ("мене звуть марта. я вчителька з Полтави", ["мене звуть марта.", "я вчителька з Полтави"]),
    ("Прийшло 5 тис. людей, див. також фото.", ["Прийшло 5 тис. людей, див. також фото."]),
    # "пані" is a word, not an abbreviation: a period after it ends the sentence.
    ("Час зустрічі узгодьте з пані. Мені треба йти.", ["Час зустрічі узгодьте з пані.", "Мені треба йти."]),
]
EN_CASES = [
    ("Mr. Smith went to Washington. He arrived on Monday.", ["Mr. Smith went to Washington.", "He arrived on Monday."]),
    ('The company "Yahoo!" Japan said it would close the service. Users were told.', ['The company "Yahoo!" Japan said it would close the service.', "Users were told."]),
    ('He hosted the show "Go, Russia!" The show was closed in 2010.', ['He hosted the show "Go, Russia!"', "The show was closed in 2010."]),
    ("J. R. R. Tolkien wrote The Hobbit. It was published in 1937.", ["J. R. R. Tolkien wrote The Hobbit.", "It was published in 1937."]),
    ("The U.S. economy grew. Analysts were surprised.", ["The U.S. economy grew.", "Analysts were surprised."]),
    ("He moved to the U.S. in 1990. He stayed there.", ["He moved to the U.S. in 1990.", "He stayed there."]),
    ("It happened on Feb. 16, 2022. Nobody expected it.", ["It happened on Feb. 16, 2022.", "Nobody expected it."]),
    ("“We are ready,” he said. “Let us begin.”", ["“We are ready,” he said.", "“Let us begin.”"]),
    ("“Are you ready?” she asked. Nobody answered.", ["“Are you ready?” she asked.", "Nobody answered."]),
    ("Growth reached 3.5 percent. That is a record.", ["Growth reached 3.5 percent.", "That is a record."]),
    ("He spoke in an interview with Lenta.ru. It is a news site.", ["He spoke in an interview with Lenta.ru.", "It is a news site."]),
    ("He paused... Then he left.", ["He paused...", "Then he left."]),
    ("Dr. Jones and Prof. Brown met at 10 a.m. on Monday. They talked.", ["Dr. Jones and Prof. Brown met at 10 a.m. on Monday.", "They talked."]),
    ("The meeting ended at 5 p.m. Everyone went home.", ["The meeting ended at 5 p.m.", "Everyone went home."]),
    ("She bought apples, pears, etc. Then she went home.", ["She bought apples, pears, etc.", "Then she went home."]),
    ("The rest, i.e. everything else, is irrelevant. Move on.", ["The rest, i.e. everything else, is irrelevant.", "Move on."]),
    ("Apple Inc. announced results. Shares rose.", ["Apple Inc. announced results.", "Shares rose."]),
    ("The price is $1.5 million. It is too high.", ["The price is $1.5 million.", "It is too high."]),
    ("Why? Because I said so!", ["Why?", "Because I said so!"]),
    ("He said: “It is over.” Then he walked out.", ["He said: “It is over.”", "Then he walked out."]),
    ("Gen. Milley spoke to Sen. Warren. They disagreed.", ["Gen. Milley spoke to Sen. Warren.", "They disagreed."]),
    ("Vladimir V. Putin met Sergei Lavrov. They talked.", ["Vladimir V. Putin met Sergei Lavrov.", "They talked."]),
    ("No. 5 is the winner. Congratulations.", ["No. 5 is the winner.", "Congratulations."]),
    ("St. Petersburg is beautiful. Visit it.", ["St. Petersburg is beautiful.", "Visit it."]),
    ("The vote was 5 vs. 3 in the end. It passed.", ["The vote was 5 vs. 3 in the end.", "It passed."]),
    ("Read chapter 3, pp. 15–20. Then answer.", ["Read chapter 3, pp. 15–20.", "Then answer."]),
    ("“But still, there is always a chance,” the minister concluded. Talks continue.", ["“But still, there is always a chance,” the minister concluded.", "Talks continue."]),
    ("The decree “On urgent measures”, in which he gave orders, was signed. It took effect.", ["The decree “On urgent measures”, in which he gave orders, was signed.", "It took effect."]),
    ("Jan. 1 is a holiday. Offices close.", ["Jan. 1 is a holiday.", "Offices close."]),
    ("The company (formerly Yandex N.V.) announced a deal. Shares rose.", ["The company (formerly Yandex N.V.) announced a deal.", "Shares rose."]),
    ("“Are you saying that war is inevitable? No, we remain on our positions,” the political scientist emphasized.", ["“Are you saying that war is inevitable?", "No, we remain on our positions,” the political scientist emphasized."]),
    ("“We are ready. Let us begin,” he said.", ["“We are ready.", "Let us begin,” he said."]),
    ("The city was destroyed ca. 1600 B.C.E. The Canaanites left.", ["The city was destroyed ca. 1600 B.C.E.", "The Canaanites left."]),
    ("A GAZ car (driver A. Vanik, b. 1958) hit a truck. Nobody died.", ["A GAZ car (driver A. Vanik, b. 1958) hit a truck.", "Nobody died."]),
    ("Contact us at info@example.com. We reply fast.", ["Contact us at info@example.com.", "We reply fast."]),
]

# Japanese and Chinese: no spaces; 。！？ end a sentence with the closing marks after them; a
# quotation of two sentences is cut inside, as in the languages above, but the quotative
# と after 「……。」 keeps the attribution with it.
JA_CASES = [
    ("東京都は１５日、新たに３２０人の感染を確認した。前週より５０人多い。", ["東京都は１５日、新たに３２０人の感染を確認した。", "前週より５０人多い。"]),
    ("本当か？本当だ！", ["本当か？", "本当だ！"]),
    ("え！？まさか。", ["え！？", "まさか。"]),
    ("米国のＧＤＰは３．５％増えた。市場は好感した。", ["米国のＧＤＰは３．５％増えた。", "市場は好感した。"]),
    ("Ｕ．Ｓ．の発表によると、A.I.は重要だ。次の話題。", ["Ｕ．Ｓ．の発表によると、A.I.は重要だ。", "次の話題。"]),
    ("首相は「全力を尽くす。国民に感謝したい」と語った。会見は終わった。", ["首相は「全力を尽くす。", "国民に感謝したい」と語った。", "会見は終わった。"]),
    ("「はい。そうです。」と述べた。", ["「はい。", "そうです。」と述べた。"]),
    ("Yahoo!ニュースが伝えた。以上です。", ["Yahoo!ニュースが伝えた。", "以上です。"]),
    ("（注：以下は要約です。）本文が続く。", ["（注：以下は要約です。）", "本文が続く。"]),
]
ZH_CASES = [
    ("此前，只有博客撰稿人見過這些飛機。通常，中國將在本週內展示。", ["此前，只有博客撰稿人見過這些飛機。", "通常，中國將在本週內展示。"]),
    ("他說：“我們會贏。”然後離開了。", ["他說：“我們會贏。”", "然後離開了。"]),
    ("這是真的嗎？是的！2024年有1.5萬人參加。", ["這是真的嗎？", "是的！", "2024年有1.5萬人參加。"]),
    ("他說：「我們會贏。」然後離開了。", ["他說：「我們會贏。」", "然後離開了。"]),
]


def _sentences(text: str, language: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, language)]


@pytest.mark.parametrize(("text", "expected"), RU_CASES, ids=[t[:40] for t, _ in RU_CASES])
def test_russian(text: str, expected: list[str]) -> None:
    assert _sentences(text, "ru") == expected


@pytest.mark.parametrize(("text", "expected"), UK_CASES, ids=[t[:40] for t, _ in UK_CASES])
def test_ukrainian(text: str, expected: list[str]) -> None:
    assert _sentences(text, "uk") == expected


@pytest.mark.parametrize(("text", "expected"), EN_CASES, ids=[t[:40] for t, _ in EN_CASES])
def test_english(text: str, expected: list[str]) -> None:
    assert _sentences(text, "en") == expected


@pytest.mark.parametrize(("text", "expected"), JA_CASES, ids=[t[:20] for t, _ in JA_CASES])
def test_japanese(text: str, expected: list[str]) -> None:
    assert _sentences(text, "ja") == expected


@pytest.mark.parametrize(("text", "expected"), ZH_CASES, ids=[t[:20] for t, _ in ZH_CASES])
def test_chinese(text: str, expected: list[str]) -> None:
    assert _sentences(text, "zh-TW") == expected


def test_spans_are_trimmed_and_ordered() -> None:
    text = "  Он пришёл.   Она ушла.  "
    assert split_sentences(text, "ru") == [(2, 12), (15, 24)]


def test_blank_line_is_a_hard_boundary() -> None:
    text = "Встреча прошла в г. Москве\n\nучастники остались довольны."
    assert _sentences(text, "ru") == ["Встреча прошла в г. Москве", "участники остались довольны."]


def test_region_code_and_other_languages_fall_back() -> None:
    assert _sentences("Mr. Smith left. He came back.", "en-GB") == ["Mr. Smith left.", "He came back."]
    assert _sentences("Er kam am 3. Mai. Dann ging er.", "de") == ["Er kam am 3. Mai.", "Dann ging er."]
    assert _sentences("Hello there. General Kenobi.", "und") == ["Hello there.", "General Kenobi."]


def test_conventions_are_loaded_from_data_files() -> None:
    ru = conventions("ru")
    assert "ул." in ru.prefix and "г." in ru.final and "её" in ru.starters
    assert conventions("uk").abbreviation("вул.") == "prefix"
    assert conventions("en").abbreviation("no.") is None  # only "No." is listed
    assert conventions("xx").prefix == frozenset()


def _source(blocks: list[Block], text: str, fmt: str = "text") -> SourceText:
    return SourceText(path="t.txt", text=text, encoding="utf-8", format=fmt, blocks=tuple(blocks))


def test_segment_numbers_sentences_and_keeps_blocks() -> None:
    text = "Заголовок\n\nОн пришёл. Она ушла.\n\nВсё."
    src = _source(
        [
            Block("Заголовок", tuple(range(0, 9)), is_heading=True),
            Block("Он пришёл. Она ушла.", tuple(range(11, 31))),
            Block("Всё.", tuple(range(33, 37))),
        ],
        text,
    )
    segs = segment(src, "ru")
    assert [(s.index, s.block, s.is_heading, s.text) for s in segs] == [
        (0, 0, True, "Заголовок"),
        (1, 1, False, "Он пришёл."),
        (2, 1, False, "Она ушла."),
        (3, 2, False, "Всё."),
    ]
    for s in segs:
        assert s.offsets == ()  # plain text: the sentence is the original slice
        assert text[s.span.start : s.span.end] == s.text


def test_segment_keeps_offsets_when_text_differs_from_original() -> None:
    text = "Он\nпришёл. Она ушла."  # a soft wrap: the block folds "\n" into " "
    src = _source([Block("Он пришёл. Она ушла.", tuple(range(0, 20)))], text)
    first, second = segment(src, "ru")
    assert first.text == "Он пришёл." and first.offsets == tuple(range(0, 10))
    assert first.span.start == 0 and first.span.end == 10
    assert second.offsets == () and second.span.start == 11


def test_segmented_format_does_not_split() -> None:
    text = "Он пришёл. Она ушла.\nВсё."
    src = _source([Block("Он пришёл. Она ушла.", tuple(range(0, 20))), Block("Всё.", tuple(range(21, 25)))], text, "segmented")
    assert [s.text for s in segment(src, "ru")] == ["Он пришёл. Она ушла.", "Всё."]


@pytest.mark.parametrize(("name", "language", "headings", "sentences"), [("ru.txt", "ru", 2, 23), ("en.txt", "en", 2, 25)])
def test_seed_documents(name: str, language: str, headings: int, sentences: int) -> None:
    segs = segment(read_text(SEEDS / name), language)
    assert sum(s.is_heading for s in segs) == headings
    assert sum(not s.is_heading for s in segs) == sentences
    texts = [s.text for s in segs]
    if language == "ru":
        assert "Об этом он рассказал в интервью «Ленте.ру»." in texts
        assert "«Вы говорите, что война неизбежна?" in texts
        assert "Так, президент США Джо Байден заявил, что Россия нападет на Украину 16 февраля." in texts
    else:
        assert "He spoke about this in an interview with Lenta.ru." in texts
        assert "“Are you saying that war is inevitable?" in texts


def test_four_thousand_sentences_read_and_segmented(tmp_path: Path) -> None:
    paragraph = (
        "В 1998 г. В. В. Путин возглавил ФСБ, т. е. стал директором службы. "
        "Бюджет составил 5 млн руб. и был исполнен. «Вы готовы?» — спросил он. "
        "Офис находится на ул. Ленина, д. 5. Рост составил 3,5 процента.\n\n"
    )
    path = tmp_path / "big.txt"
    path.write_text(paragraph * 800, encoding="utf-8")
    # (How fast: benchmarks/speed.py; no test asserts a time.)
    segs = segment(read_text(path), "ru")
    assert len(segs) == 800 * 5


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("Ураган достиг Техаса со скоростью 150 км/ч. Прибытие «Ханны» ожидается утром.", "ru",
         ["Ураган достиг Техаса со скоростью 150 км/ч.", "Прибытие «Ханны» ожидается утром."]),
        ("Днём до +25 °С. Ночью похолодает.", "ru", ["Днём до +25 °С.", "Ночью похолодает."]),
        ("Инфляция составила 7,5 %. Центробанк поднял ставку.", "ru",
         ["Инфляция составила 7,5 %.", "Центробанк поднял ставку."]),
        ("Вітер до 20 м/с. Синоптики попереджають про грозу.", "uk",
         ["Вітер до 20 м/с.", "Синоптики попереджають про грозу."]),
        ("Winds reached 150 km/h. Residents were evacuated.", "en",
         ["Winds reached 150 km/h.", "Residents were evacuated."]),
        # ... also written on to its number
        ("At night it will drop to +15°C...+17°C. Light rain is expected.", "en",
         ["At night it will drop to +15°C...+17°C.", "Light rain is expected."]),
        ("Ночью до +17°С. Небольшие дожди выпадут в отдельных районах.", "ru",
         ["Ночью до +17°С.", "Небольшие дожди выпадут в отдельных районах."]),
        ("Инфляция составила 7,5%. Центробанк поднял ставку.", "ru",
         ["Инфляция составила 7,5%.", "Центробанк поднял ставку."]),
    ],
)
def test_a_unit_before_a_period_ends_the_sentence(text: str, language: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text, language)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("«Цены падают (ФПГ — финансово-промышленные группы. - Ред.)», - добавил он. Потом он ушёл.",
         ["«Цены падают (ФПГ — финансово-промышленные группы. - Ред.)», - добавил он.", "Потом он ушёл."]),
        ("\"Мы ждём ответа. Он придёт\", - заявил министр. Встреча закончилась.",
         ["\"Мы ждём ответа.", "Он придёт\", - заявил министр.", "Встреча закончилась."]),
    ],
)
def test_an_attribution_or_a_closing_parenthesis_continues_the_sentence(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text, "ru")] == expected


# --- sentences too long to be sentences ---------------------------------------------------


@pytest.mark.parametrize(
    "unit",
    ["слово другое ещё одно ", "1 ", "Путин Зеленский, Резников; ", "а1б2в3", '«»„“"…—–-.,;:!?()[] да ', "x"],
    ids=["words", "ones", "clauses", "glued", "punctuation", "no-space"],
)
def test_a_line_too_long_to_be_a_sentence_is_cut_and_said_so(tmp_path: Path, unit: str) -> None:
    text = unit * (30_000 // len(unit))
    path = tmp_path / "long.txt"
    path.write_text("Заголовок\n\nПервый абзац.\n\n" + text + "\n", encoding="utf-8")
    src = read_text(path)
    segments, notices = segment_with_notices(src, "ru")
    long = [s for s in segments if s.block == 2]
    assert len(long) >= 15 and all(0 < len(s.text) <= MAX_SEGMENT_CHARS for s in long)
    # Nothing lost or repeated: the pieces, in order, are the line without the spaces cut at.
    assert "".join(s.text for s in long).replace(" ", "") == text.replace(" ", "")
    assert all(a.span.end <= b.span.start for a, b in zip(long, long[1:]))
    (notice,) = notices
    assert notice.line == 5 and notice.path == str(path)
    assert notice.message.startswith("a sentence longer than 2,000 characters cut into pieces")


def test_a_long_sentence_is_cut_after_a_clause_not_inside_a_number() -> None:
    clause = "в 2022 году выделено 1 000 000 рублей, "
    text = clause * 100
    src = SourceText("t.txt", text, "utf-8", "text", (Block(text.strip(), tuple(range(len(text.strip())))),))
    segments, _ = segment_with_notices(src, "ru")
    assert all(s.text.endswith(",") for s in segments[:-1])


def test_segments_of_normal_length_say_nothing() -> None:
    segments, notices = segment_with_notices(read_text(SEEDS / "ru.txt"), "ru")
    assert notices == () and max(len(s.text) for s in segments) < MAX_SEGMENT_CHARS


@pytest.mark.parametrize(
    "text, language, expected",
    [
        # A short lead-in ending in a colon, then a capitalised sentence of its own.
        ("The girl was taken to hospital. Her mother recalls: The ambulance came within minutes.", "en",
         ["The girl was taken to hospital.", "Her mother recalls:", "The ambulance came within minutes."]),
        ("The reason is simple: The plant has run out of parts.", "en",
         ["The reason is simple:", "The plant has run out of parts."]),
        ("Врач вспоминает: Скорая приехала через десять минут.", "ru",
         ["Врач вспоминает:", "Скорая приехала через десять минут."]),
        ("Лікар згадує: Швидка приїхала за десять хвилин.", "uk",
         ["Лікар згадує:", "Швидка приїхала за десять хвилин."]),
        # Speech in quotation marks stays with its lead-in, as the news references have it.
        ("Her mother recalls: “The ambulance came within minutes.”", "en",
         ["Her mother recalls: “The ambulance came within minutes.”"]),
        ("Врач вспоминает: «Скорая приехала через десять минут».", "ru",
         ["Врач вспоминает: «Скорая приехала через десять минут»."]),
        # A label of one word, a lower-case continuation, a list after a long lead-in, a
        # headline without a final mark, a short tail, a time: one sentence each.
        ("Photo: Reuters Pictures Agency.", "en", ["Photo: Reuters Pictures Agency."]),
        ("Причина проста: завод остался без деталей.", "ru", ["Причина проста: завод остался без деталей."]),
        ("The student passed four subjects: Russian, mathematics, physics and computing.", "en",
         ["The student passed four subjects: Russian, mathematics, physics and computing."]),
        ("Reuters: Taiwan minister cut off from the summit", "en", ["Reuters: Taiwan minister cut off from the summit"]),
        ("The winner is clear: Ivan Petrov.", "en", ["The winner is clear: Ivan Petrov."]),
        ("The meeting starts at 10:00. Come early.", "en", ["The meeting starts at 10:00.", "Come early."]),
    ],
)
def test_a_colon_after_a_short_lead_in_ends_a_sentence_when_one_follows(
    text: str, language: str, expected: list[str]
) -> None:
    assert [text[a:b] for a, b in split_sentences(text, language)] == expected


def test_a_language_without_the_colon_convention_keeps_the_colon_inside() -> None:
    assert conventions("en").colon_lead_in >= 2
    assert conventions("de").colon_lead_in == 0
    text = "Die Mutter erinnert sich: Der Krankenwagen kam nach wenigen Minuten."
    assert len(split_sentences(text, "de")) == 1


def test_many_pieces_glued_back_after_semicolons_stay_one_sentence() -> None:
    # razdel cuts before every "N."; each piece is glued back to the growing sentence.
    text = "Пункты: " + " ".join(f"{i}. пункт номер {i};" for i in range(1, 150)) + " конец."
    assert split_sentences(text, "ru") == [(0, len(text))]


@pytest.mark.parametrize("language", ["en", "ru", "de"])
def test_a_japanese_sentence_pasted_into_spaced_text_ends_at_its_full_stop(language: str) -> None:
    # An untranslated Japanese sentence in an English target must be a segment of its own,
    # or TC503 sees it glued to the next English sentence.
    text = "Toyota rose. トヨタ自動車の株価は３％下落した。 Next month the cabinet will act."
    assert _sentences(text, language) == ["Toyota rose.", "トヨタ自動車の株価は３％下落した。", "Next month the cabinet will act."]



def test_japanese_that_goes_on_after_its_full_stop_is_not_cut_in_english() -> None:
    assert _sentences("He wrote: 「よし。」と彼は言った。 Then he left.", "en") == [
        "He wrote: 「よし。」と彼は言った。", "Then he left."
    ]


@pytest.mark.parametrize(
    "language, text, sentences",
    [
        # sentencex cuts after abbreviations it does not know; a lower-case word goes on
        ("pl", "Wydatki wyniosą 1 250 000,5 tys. zł. Według resortu skorzysta ok. 120 tys. osób, tj. ok. 5 proc. mieszkańców.",
         ["Wydatki wyniosą 1 250 000,5 tys. zł.", "Według resortu skorzysta ok. 120 tys. osób, tj. ok. 5 proc. mieszkańców."]),
        ("pl", "Dr hab. Jan Nowak o godz. 10 powiedział, że m.in. szkoły dostaną pieniądze. W 2023 r. Rząd nie zdążył.",
         ["Dr hab. Jan Nowak o godz. 10 powiedział, że m.in. szkoły dostaną pieniądze.", "W 2023 r.", "Rząd nie zdążył."]),
        # an initial, and a listed title
        ("fr", "M. Macron a reçu M. Scholz et M. Sánchez à l'Élysée. Le 16 févr. la réunion a eu lieu.",
         ["M. Macron a reçu M. Scholz et M. Sánchez à l'Élysée.", "Le 16 févr. la réunion a eu lieu."]),
        ("es", "La empresa ganó 3,9 mill. de euros, aprox. un 5 % más. El Sr. García lo confirmó.",
         ["La empresa ganó 3,9 mill. de euros, aprox. un 5 % más.", "El Sr. García lo confirmó."]),
        # ordinals with a period; a year still ends a sentence
        ("de", "Es ist der 6. Streik in diesem Jahr. Zum 2. Mal kam es zu Ausfällen im Jahr 2023. Dann kam Dr. Müller.",
         ["Es ist der 6. Streik in diesem Jahr.", "Zum 2. Mal kam es zu Ausfällen im Jahr 2023.", "Dann kam Dr. Müller."]),
        ("is", "Verðbólga mældist 8,3 prósent þann 16. febrúar 2023. Seðlabankinn hækkaði vexti.",
         ["Verðbólga mældist 8,3 prósent þann 16. febrúar 2023.", "Seðlabankinn hækkaði vexti."]),
        # the attribution after a quotation's own full stop, and units or "a. C." that end one
        ("pl", "„To jest bez precedensu.” — napisał w poniedziałek. Temperatura spadła do 2 °C. Wielu naukowców milczy.",
         ["„To jest bez precedensu.” — napisał w poniedziałek.", "Temperatura spadła do 2 °C.", "Wielu naukowców milczy."]),
        ("es", "La ciudad existía ca. 1600 a. C., según J. R. Tolkien. Luego quedó destruida.",
         ["La ciudad existía ca. 1600 a. C., según J. R. Tolkien.", "Luego quedó destruida."]),
    ],
)
def test_sentencex_languages_are_not_cut_inside_a_sentence(language: str, text: str, sentences: list[str]) -> None:
    assert _sentences(text, language) == sentences
