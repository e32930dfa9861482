"""Mining candidate entries from aligned pairs (checker.glossary.suggest)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from checker.glossary.schema import make_term
from checker.glossary.suggest import render_suggestions, suggest_entries


PAIRS = [tuple(p) for p in json.loads(
    (Path(__file__).parent.parent / "fixtures" / "glossary_edit" / "lenta_pairs.json").read_text(encoding="utf-8"))]


def test_seed_article_pairs_are_sentence_aligned() -> None:
    assert len(PAIRS) == 25
    assert PAIRS[-1][1].startswith("In addition, he called on all officials")


def test_mines_names_and_their_renderings_from_the_seed_article() -> None:
    found = {s.source: s for s in suggest_entries(PAIRS, "ru")}
    assert found["Киев"].renderings == (("Kiev", 2),)
    assert found["Алексей Резников"].renderings == (("Alexei Reznikov", 1),)
    assert found["Сергей Лавров"].renderings == (("Sergei Lavrov", 2),)
    assert found["Владимир Зеленский"].renderings == (("Volodymyr Zelensky", 1),)
    assert "Украина Алексей Данилов" not in found and "Алексей Данилов" in found
    assert "Алексей Резников" in found["Алексей Резников"].examples[0][0]


def test_inconsistent_renderings_come_first_and_known_names_are_left_out() -> None:
    found = suggest_entries(PAIRS, "ru", known=[make_term(("Россия",), ("Russia",))])
    assert found[0].source == "Украина" and found[0].inconsistent
    assert all(s.source != "Россия" for s in found)
    counts = [s.count for s in found if not s.inconsistent]
    assert counts == sorted(counts, reverse=True)


def test_rendered_suggestions_uncomment_into_valid_entries() -> None:
    text = render_suggestions(suggest_entries(PAIRS, "ru"))
    body = "\n".join(ln[2:] for ln in text.splitlines() if ln.startswith(("#   - ", "#     target:")))
    entries = yaml.safe_load("terms:\n" + body)["terms"]
    assert {"source": "Киев", "target": "Kiev"} in entries
    assert {"source": "Украина", "target": ["Ukraine", "Ukrainian"]} in entries
