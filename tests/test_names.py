"""Names: romanisation tables, pairing, and rule TC201 (name-inconsistent)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.model import Alignment, Document, Segment, Span
from checker.language.personal_names import (
    pair_names,
    romanisations,
    romanise,
    skeleton,
    source_names,
    spelling_variants,
)
from checker.rules.base import CheckContext
from checker.rules.names import NameInconsistent

SEED = Path(__file__).resolve().parent.parent / "seeds" / "lenta-kalachev"


def document(path: str, language: str, text: str, spans: list[tuple[int, int]]) -> Document:
    segments = tuple(Segment(i, text[a:b], Span(a, b)) for i, (a, b) in enumerate(spans))
    return Document(path, language, text, segments)


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


# --- the rule -------------------------------------------------------------------------


# The rule's pass/fail pairs are in tests/rules/TC201.


# --- the seed: lenta-kalachev ----------------------------------------------------------

_BOUNDARY = re.compile(r"[.!?][»”\"]?(?=\s+[«“\"А-ЯЁA-Z])")


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for m in _BOUNDARY.finditer(para.group()):
            spans.append((start, para.start() + m.end()))
            start = para.start() + m.end() + 1
            while text[start].isspace():
                start += 1
        spans.append((start, para.end()))
    return spans


def test_seed_lenta_kalachev() -> None:
    ru_text = (SEED / "ru.txt").read_text(encoding="utf-8")
    en_text = (SEED / "en.txt").read_text(encoding="utf-8")
    ru_spans, en_spans = _sentences(ru_text), _sentences(en_text)
    assert (len(ru_spans), len(en_spans)) == (25, 27)
    source = document("ru.txt", "ru", ru_text, ru_spans)
    target = document("en.txt", "en", en_text, en_spans)
    # English sentences 15 and 16 (Putin approved the reply; Peskov) have no source
    assert "Peskov" in target.segments[16].text
    alignments = [Alignment((i,), (i if i < 15 else i + 2,), 1.0) for i in range(25)]
    alignments[15:15] = [Alignment((), (15,)), Alignment((), (16,))]
    findings = list(NameInconsistent().check(CheckContext(source, target, tuple(alignments))))
    assert len(findings) == 1
    (f,) = findings
    assert f.code == "TC201" and f.rule == "name-inconsistent"
    assert f.message.startswith("Алексей is rendered as 'Alexei' (line ")
    assert "'Oleksiy' (line " in f.message
    # Both are introduced as Ukrainian officials ("... Украины Алексей"): the Russian form is
    # the one flagged, and the Ukrainian form is suggested.
    assert f.suggestion == "Oleksiy"
    assert f.target is not None and f.target.span is not None
    assert en_text[f.target.span.start : f.target.span.end] == "Alexei"
    assert f.source is not None and f.source.span is not None
    assert ru_text[f.source.span.start : f.source.span.end] == "Алексей"
    assert "Резников" in ru_text[f.source.span.start : f.source.span.end + 10]
