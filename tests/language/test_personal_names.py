"""Names (checker.language.personal_names): romanisation tables, skeletons, source names, pairing."""

from __future__ import annotations

import pytest

from checker.language.personal_names import (
    MAX_PAIRING_CANDIDATES,
    _reach,
    pair_names,
    romanisations,
    romanise,
    skeleton,
    source_names,
    spelling_variants,
)


# --- romanisation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ukrainian", "latin"),
    [
        # examples from the KMU 2010 table itself
        ("Згорани", "Zghorany"),
        ("Розгон", "Rozghon"),
        ("Щуки", "Shchuky"),
        ("Юрій", "Yurii"),
        ("Олексій", "Oleksii"),
        ("Київ", "Kyiv"),
        ("Харків", "Kharkiv"),
        ("Запоріжжя", "Zaporizhzhia"),
        ("Житомир", "Zhytomyr"),
        ("Ізмаїл", "Izmail"),
        ("Знам'янка", "Znamianka"),
        ("Єнакієве", "Yenakiieve"),
        ("Гаївка", "Haivka"),
        ("Їжакевич", "Yizhakevych"),
        ("Кадиївка", "Kadyivka"),
        ("Йосипівка", "Yosypivka"),
        ("Стрий", "Stryi"),
        ("Юрчишин", "Yurchyshyn"),
        ("Яготин", "Yahotyn"),
        ("Костянтин", "Kostiantyn"),
        ("Ґалаґан", "Galagan"),
    ],
)
def test_kmu_2010(ukrainian: str, latin: str) -> None:
    assert romanise(ukrainian, "uk", "kmu2010") == latin


@pytest.mark.parametrize(
    ("russian", "system", "latin"),
    [
        ("Алексей", "press", "Alexei"),
        ("Алексей", "bgn", "Aleksey"),
        ("Алексей", "alalc", "Aleksei"),
        ("Зеленский", "press", "Zelensky"),
        ("Зеленский", "bgn", "Zelenskiy"),
        ("Дмитрий", "press", "Dmitry"),
        ("Фёдор", "press", "Fyodor"),
        ("Елена", "bgn", "Yelena"),
        ("Афанасьев", "bgn", "Afanasyev"),
        ("Хрущёв", "press", "Khrushchov"),
        ("Щукин", "iso9", "Ŝukin"),
    ],
)
def test_russian_systems(russian: str, system: str, latin: str) -> None:
    assert romanise(russian, "ru", system) == latin


def test_russian_first_name_gets_its_ukrainian_spellings_too() -> None:
    spellings = romanisations("Алексей", "ru")
    assert {"Alexei", "Aleksey", "Aleksei", "Oleksii"} <= set(spellings)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Alexei", "Aleksey"), ("Alexey", "Alexei"), ("Zelensky", "Zelenskyy"), ("Zelenskiy", "Zelensky"), ("Kiev", "Kyiv")],
)
def test_same_skeleton(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize(
    ("a", "b", "variants"),
    [
        ("Zelensky", "Zelenskyy", True),
        ("Zelensky", "Zelenskiy", True),
        ("Kiev", "Kyiv", True),
        ("Dmitri", "Dmitriy", True),
        ("Russia", "Russian", False),
        ("Ukraine", "Ukrainian", False),
        ("Germany", "German", False),
        ("Turkey", "Turkish", False),
        ("Ivanov", "Ivanova", False),
        ("Alexander", "Alexandra", False),
        ("Bill", "Billie", False),
        ("Danilo", "Danilov", False),
        ("Dudarev", "Drive", False),
    ],
)
def test_spelling_variants(a: str, b: str, variants: bool) -> None:
    assert spelling_variants(a, b) is variants


# --- source names and pairing ---------------------------------------------------------


def test_source_names_are_nominative_and_skip_common_words() -> None:
    text = "Кроме того, министр встретился с Алексеем Резниковым в Москве и НАТО. По словам Путина, всё хорошо."
    lemmas = [n.lemma for n in source_names(text, "ru")]
    assert lemmas == ["Алексей", "Резников", "Москва", "Путин"]


def test_surname_gender_kept_apart() -> None:
    assert [n.lemma for n in source_names("Он встретил Марию Захарову.", "ru")] == ["Мария", "Захарова"]


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("Данилов и Данило пришли.", "Danilo and Danilov came.", {"Данилов": "Danilov", "Данило": "Danilo"}),
        ("Встретились Алексей Данилов и Олег.", "Oleksiy Danilov met Oleg.", {"Алексей": "Oleksiy", "Данилов": "Danilov", "Олег": "Oleg"}),
        ("Так считает Резников.", "So Reznikov thinks.", {"Резников": "Reznikov"}),
        ("Слова Путина понравились Лаврову.", "Lavrov liked Putin's words.", {"Путин": "Putin", "Лавров": "Lavrov"}),
        ("В Киеве заявил Зеленский.", "In Kyiv, Zelenskyy said.", {"Киев": "Kyiv", "Зеленский": "Zelenskyy"}),
        # no rendering in the target: left unpaired rather than paired with a title
        ("Об этом заявил Песков.", "The Kremlin spokesman said so.", {}),
    ],
)
def test_pair_names(source: str, target: str, expected: dict[str, str]) -> None:
    pairs = pair_names(source, target, "ru")
    assert {p.source_lemma: p.target_text_form for p in pairs} == expected
    for p in pairs:
        assert target[p.target_span.start : p.target_span.end] == p.target_text_form


def test_pair_names_ukrainian_source() -> None:
    pairs = pair_names("Олексій Резніков прибув до Києва.", "Oleksii Reznikov arrived in Kyiv.", "uk")
    assert [(p.source_lemma, p.target_text_form) for p in pairs][:2] == [("Олексій", "Oleksii"), ("Резніков", "Reznikov")]


# --- long pairs -------------------------------------------------------------------------


def test_hundreds_of_names_in_one_pair_each_pair_with_their_rendering() -> None:
    source = "Путин, Зеленский и Резников. " * 120
    target = "Putin, Zelensky and Reznikov. " * 120
    pairs = pair_names(source, target, "ru")
    rendering = {"Путин": "Putin", "Зеленский": "Zelensky", "Резников": "Reznikov"}
    assert len(pairs) == 360
    assert all(rendering[p.source_lemma] == p.target_text_form for p in pairs)
    # ... each with the one at its place: the n-th Путин with the n-th Putin
    assert [source.count("Путин", 0, p.source_span.start) for p in pairs if p.source_lemma == "Путин"] == [
        target.count("Putin", 0, p.target_span.start) for p in pairs if p.source_lemma == "Путин"
    ]
    starts = [p.target_span.start for p in pairs]
    assert starts == sorted(starts)


def test_a_long_pair_compares_each_name_with_a_bounded_window() -> None:
    assert _reach(3, 10)(2) == range(10)
    window = _reach(100, 1000)
    assert [len(window(i)) for i in (0, 50, 99)] == [MAX_PAIRING_CANDIDATES] * 3
    assert window(0).start == 0 and window(99).stop == 1000 and 500 in window(50)
