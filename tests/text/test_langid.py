"""Language identification: documents, sentences, Russian vs Ukrainian, determinism."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from checker.text.langid import detect_language, sentence_language

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "lenta-kalachev"

UKRAINIAN = [
    "Зустріч триватиме до вечора.",
    "Студенти слухали уважно.",
    "Сили оборони відбили атаку.",  # langdetect alone: Macedonian
    "Ніхто не відповів на запитання.",
    "Його відкрили у 2000 році в центрі міста.",
    "Президент України Володимир Зеленський підписав указ про мобілізацію.",
    "Ситуація під контролем, заявив мер.",
    "Вибухи лунали всю ніч у Харкові.",
]
RUSSIAN = [
    "Никто не ответил на вопрос.",  # langdetect alone: Bulgarian
    "Он объявил о съезде партии в мае.",  # ъ before е is Russian, not Bulgarian
    "Участники остались довольны.",
    "Министр обороны Украины Алексей Резников отказался верить в нападение на Киев.",
    "Президент приехал в Київ и встретился с премьером.",  # one quoted Ukrainian name
    "В России среди игр лидируют Going Balls и Phone Case DIY.",
]


@pytest.mark.parametrize("text", UKRAINIAN)
def test_ukrainian_sentences(text: str) -> None:
    assert sentence_language(text) == "uk"


@pytest.mark.parametrize("text", RUSSIAN)
def test_russian_sentences(text: str) -> None:
    assert sentence_language(text) == "ru"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mr. Smith went to Washington on Monday.", "en"),
        ("Der Präsident traf sich am Montag mit dem Minister.", "de"),
        ("Агенцията съобщи, че министърът е подал оставка.", "bg"),
        ("Прэзідэнт Беларусі сустрэўся з міністрам.", "be"),
    ],
)
def test_other_languages(text: str, language: str) -> None:
    assert sentence_language(text) == language


@pytest.mark.parametrize(
    "text",
    ["Да, конечно.", "12345 67890 12345 123 12 1 2 3 4 5 6 7 8", "Владимир Путин Сергей Лавров", "", "—"],
)
def test_undecidable_sentences(text: str) -> None:
    assert sentence_language(text) is None


def test_documents() -> None:
    assert detect_language((SEEDS / "ru.txt").read_text("utf-8")) == "ru"
    assert detect_language((SEEDS / "en.txt").read_text("utf-8")) == "en"
    assert detect_language(" ".join(UKRAINIAN)) == "uk"
    assert detect_language("") == "und"
    assert detect_language("12 345, 678.") == "und"


def test_deterministic_whatever_the_global_langdetect_state() -> None:
    import langdetect

    text = "Rada approved the law on the budget yesterday evening."
    first = [sentence_language.__wrapped__(text) for _ in range(5)]
    random.seed(123)
    langdetect.DetectorFactory.seed = 7
    try:
        langdetect.detect("Bonjour tout le monde, comment allez-vous ?")
        again = [sentence_language.__wrapped__(text) for _ in range(5)]
    finally:
        langdetect.DetectorFactory.seed = None
    assert len(set(first)) == 1 and first == again


# Short English that langdetect alone calls German, Welsh, Swahili, Indonesian.
SHORT_ENGLISH = ["I understand. We are fine now.", "Good night, see you tomorrow", "Mama mia, I am here with the kids."]


@pytest.mark.parametrize("text", SHORT_ENGLISH)
def test_the_expected_language_wins_on_a_short_latin_text(text: str) -> None:
    assert sentence_language(text, expected="en") == "en"
    assert detect_language(text, expected="en") == "en"


def test_the_expected_language_does_not_overrule_a_long_text_or_another_script() -> None:
    german = "Der Präsident traf sich am Montag mit dem Minister, um über den Haushalt des nächsten Jahres zu sprechen."
    assert sentence_language(german, expected="en") == "de"
    assert sentence_language("Никто не ответил на вопрос.", expected="en") == "ru"
    assert detect_language("Зустріч триватиме до вечора. Студенти слухали уважно.", expected="en") == "uk"


def test_a_short_english_target_document_is_read_as_english(tmp_path: Path) -> None:
    from checker.config import Settings
    from checker.pipeline import load_pair

    (tmp_path / "ru.txt").write_text("Я понимаю. У нас всё хорошо.\n", "utf-8")
    (tmp_path / "en.txt").write_text("I understand. We are fine.\n", "utf-8")
    source, target = load_pair(tmp_path / "ru.txt", tmp_path / "en.txt", Settings())
    assert (source.language, target.language) == ("ru", "en")


def test_icelandic_which_langdetect_does_not_know() -> None:
    # langdetect has no Icelandic profile and answers "no"; þ and ð tell it.
    article = (
        "Ríkisstjórnin kynnti í dag nýjar aðgerðir í húsnæðismálum. Samkvæmt Hagstofunni hækkaði "
        "húsnæðisverð um 8,3 prósent á síðasta ári. Forsætisráðherra sagði að það væri forgangsmál."
    )
    assert detect_language(article) == "is"
    assert sentence_language("Stjórnarandstaðan segir að aðgerðirnar komi allt of seint og dugi ekki.") == "is"
    # an English text with one Icelandic sentence, or naming Þingvellir, is English
    english = (
        "The government presented new housing measures today. House prices rose by 8.3 percent last year, "
        "according to Statistics Iceland. The prime minister spoke at Þingvellir about the plan and said it "
        "was a priority for the coalition. Parliament will debate the bill next month. The opposition says "
        "the measures come too late. Stjórnarandstaðan segir að aðgerðirnar komi of seint."
    )
    assert detect_language(english) == "en"
