"""The shipped Ukrainian glossary (glossaries/uk-en/ukraine.yaml) and its inflected forms.

Every case runs twice: with the pymorphy3 Ukrainian dictionary (the ``uk`` extra, when it
is installed) and with it simulated absent, where the inflection rules of
checker/language/data/inflection_uk.json do the matching.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import checker.language.morphology as morphology
from checker.glossary.matching import find_forbidden, term_matcher
from checker.glossary.schema import Glossary, load_glossary

GLOSSARY_PATH = Path(__file__).resolve().parents[2] / "glossaries" / "uk-en" / "ukraine.yaml"
RU_GLOSSARY_PATH = GLOSSARY_PATH.parents[1] / "ru-en" / "ukraine.yaml"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(GLOSSARY_PATH)


def _without_uk_dictionary(language: str) -> Any:
    return None if morphology.language_key(language) == "uk" else _REAL_ANALYSER(language)


_REAL_ANALYSER = morphology.analyser


@pytest.fixture(params=["dictionary", "rules"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The two ways Ukrainian is matched; term matchers are rebuilt for each."""
    if request.param == "dictionary":
        if _REAL_ANALYSER("uk") is None:
            pytest.skip("pymorphy3-dicts-uk is not installed")
    else:
        monkeypatch.setattr(morphology, "analyser", _without_uk_dictionary)
        assert not morphology.has_analyser("uk")
    term_matcher.cache_clear()
    yield request.param
    term_matcher.cache_clear()


FORMS = {
    "kyiv": ["Києва", "Києві", "Києву", "Києвом"],
    "lviv": ["Львова", "Львові", "Львовом"],
    "kharkiv": ["Харкова", "Харкові", "Харковом"],
    "odesa": ["Одеси", "Одесі", "Одесу", "Одесою"],
    "dnipro": ["Дніпра", "Дніпрі", "Дніпром"],
    "mykolaiv": ["Миколаєва", "Миколаєві"],
    "zaporizhzhia": ["Запоріжжі", "Запоріжжю"],
    "chernihiv": ["Чернігова", "Чернігові"],
    "ternopil": ["Тернополя", "Тернополі"],
    "rivne": ["Рівного", "Рівному"],
    "sumy": ["Сум", "Сумах"],
    "cherkasy": ["Черкас", "Черкасах"],
    "chernivtsi": ["Чернівців", "Чернівцях"],
    "vinnytsia": ["Вінниці", "Вінницю"],
    "poltava": ["Полтави", "Полтаві"],
    "ivano-frankivsk": ["Івано-Франківська", "Івано-Франківську"],
    "kryvyi-rih": ["Кривого Рогу", "Кривому Розі", "Кривим Рогом"],
    "irpin": ["Ірпеня", "Ірпені"],
    "mariupol": ["Маріуполя", "Маріуполі"],
    "kherson": ["Херсона", "Херсоні", "Херсоном"],
    "khmelnytskyi": ["Хмельницького", "Хмельницькому"],
    "kharkiv-oblast": ["Харківської області", "Харківській області", "Харківську область", "Харківською областю"],
    "kyiv-oblast": ["Київської області"],
    "ukraine": ["України", "Україні", "Україну", "Україною"],
    "crimea": ["Криму", "Кримом"],
    "zelensky": ["Володимира Зеленського", "Володимиром Зеленським", "Зеленського", "Зеленським", "Зеленському"],
    "reznikov": ["Олексія Резнікова", "Олексієм Резніковим"],
    "kuleba": ["Дмитра Кулеби", "Дмитром Кулебою"],
    "shmyhal": ["Дениса Шмигаля", "Денисом Шмигалем", "Шмигаля"],
    "klitschko": ["Віталія Кличка", "Кличком"],
    "yermak": ["Андрія Єрмака", "Єрмаком"],
    "zaluzhnyi": ["Валерія Залужного", "Залужним"],
    "sybiha": ["Андрія Сибіги", "Сибізі"],
    "lubinets": ["Дмитра Лубінця"],
    "stefanishyna": ["Ольги Стефанішиної", "Стефанішиною"],
    "poroshenko": ["Петра Порошенка"],
    "syniehubov": ["Олега Синєгубова"],
}


@pytest.mark.parametrize(("term_id", "form"), [(t, f) for t, fs in FORMS.items() for f in fs])
def test_inflected_forms_match(glossary: Glossary, mode: str, term_id: str, form: str) -> None:
    text = f"Повідомлення: {form} — і все."
    found = [(text[m.start : m.end], glossary.terms[m.term].id) for m in term_matcher(glossary.terms, "uk").find(text)]
    assert (form, term_id) in found


@pytest.mark.parametrize(
    "text",
    [
        "більярдний кий і лев у зоопарку",  # кий, лев: common nouns, lower case
        "українського суспільства",  # an adjective of Україна
        "Олена Зеленська сказала",  # his wife: another gender
        "Хмельницька АЕС працює",  # the power plant: feminine adjective
        "пам'ятник Богдану Хмельницькому",  # the hetman, after his first name
        "київський торт",
    ],
)
def test_no_false_matches(glossary: Glossary, mode: str, text: str) -> None:
    found = [(text[m.start : m.end], glossary.terms[m.term].id) for m in term_matcher(glossary.terms, "uk").find(text)]
    assert not [f for f in found if f[1] in {"kyiv", "lviv", "ukraine", "zelensky", "khmelnytskyi"}], found


def test_every_entry_has_a_note(glossary: Glossary) -> None:
    assert len(glossary.terms) >= 90
    assert all(t.note and t.note.strip() for t in glossary.terms)
    assert (glossary.source_language, glossary.target_language) == ("uk", "en")


def test_every_entry_of_the_russian_glossary_is_here(glossary: Glossary) -> None:
    # The same places and officials, from Ukrainian sources, rendered and forbidden alike.
    ru = load_glossary(RU_GLOSSARY_PATH)
    ours = {t.id: t for t in glossary.terms}
    assert [t.id for t in ru.terms if t.id not in ours] == []
    for term in ru.terms:
        assert ours[term.id].target[0] == term.target[0], term.id
        assert set(term.forbidden) <= set(ours[term.id].forbidden), term.id


@pytest.mark.parametrize(
    ("term_id", "text", "expected"),
    [
        ("kyiv", "The talks were held in Kiev.", ["Kiev"]),
        ("kharkiv", "Shelling hit Kharkov overnight.", ["Kharkov"]),
        ("odesa", "The port of Odessa reopened; Odessa, Texas did not.", ["Odessa"]),
        ("zelensky", "Vladimir Zelensky spoke.", ["Vladimir Zelensky"]),
        ("kyiv", "He ordered chicken Kiev.", []),
    ],
)
def test_forbidden_renderings(glossary: Glossary, term_id: str, text: str, expected: list[str]) -> None:
    term = next(t for t in glossary.terms if t.id == term_id)
    assert [text[a:b] for a, b, _ in find_forbidden(term, text)] == expected


def test_setup_says_how_to_install_the_dictionary(monkeypatch: pytest.MonkeyPatch) -> None:
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pymorphy3_dicts_uk" else real_find_spec(name, *a)
    )
    hint = morphology.dictionary_hint("uk")
    assert hint is not None and "pip install 'transcheck[uk]'" in hint
    assert morphology.dictionary_hint("ru") is None  # the Russian dictionary is a core dependency


def test_setup_is_silent_when_the_dictionary_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: object())
    assert morphology.dictionary_hint("uk") is None


def test_setup_prints_the_hint() -> None:
    setup = (GLOSSARY_PATH.parents[2] / "scripts" / "setup").read_text(encoding="utf-8")
    assert 'dictionary_hint("uk")' in setup
