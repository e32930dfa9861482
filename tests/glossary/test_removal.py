"""Removing an entry with its own comments (checker.glossary.removal), through the document."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.glossary.document import GlossaryDocument
from checker.glossary.schema import parse_glossary
from checker.glossary.transaction import edit_glossary

from tests.glossary.files import fixture


def test_remove_keeps_the_comments_of_the_neighbours(base: Path) -> None:
    edit_glossary(str(base), lambda d: d.remove(d.find("Харкiв")))
    assert base.read_text(encoding="utf-8") == fixture("after_remove.yaml")


S3 = ("version: 1\nsource_language: ru\ntarget_language: en\nterms:\n"
      "  # comment for A\n  - source: Аа\n    target: Aa\n"
      "  # comment for B\n  - source: Бб\n    target: Bb  # trailing B\n")


def test_remove_takes_its_own_comment_and_leaves_the_next_entrys(tmp_path: Path) -> None:
    p = tmp_path / "s3.yaml"
    p.write_text(S3, encoding="utf-8")
    edit_glossary(str(p), lambda d: d.remove(d.find("Аа")))
    assert p.read_text(encoding="utf-8") == S3.replace("  # comment for A\n  - source: Аа\n    target: Aa\n", "")


@pytest.mark.parametrize("last", ["  - source: Вв\n    target: Vv\n", "  # comment for C\n  - source: Вв\n    target: Vv\n"])
def test_removing_the_last_entry_leaves_the_previous_one_byte_for_byte(tmp_path: Path, last: str) -> None:
    p = tmp_path / "s3.yaml"
    p.write_text(S3 + last, encoding="utf-8")
    edit_glossary(str(p), lambda d: d.remove(d.find("Вв")))
    assert p.read_text(encoding="utf-8") == S3  # "Bb  # trailing B" keeps its two spaces
    edit_glossary(str(p), lambda d: d.remove(d.find("Бб")))
    assert p.read_text(encoding="utf-8") == S3.replace("  # comment for B\n  - source: Бб\n    target: Bb  # trailing B\n", "")


def without_lines(text: str, *spans: tuple[int, int]) -> str:
    """``text`` without the 1-based, inclusive line ranges ``spans``."""
    gone = {n for a, b in spans for n in range(a, b + 1)}
    return "".join(ln for n, ln in enumerate(text.splitlines(keepends=True), 1) if n not in gone)


@pytest.mark.parametrize(("term", "spans"), [
    ("ukraine", [(8, 17)]),  # its header stays, and so does the blank line before the next header
    ("kyiv", [(20, 23)]),  # the header stays above the entry that now follows it
    ("kharkiv", [(24, 29)]),  # its comment goes; one blank line still separates the neighbours
    ("odesa", [(30, 34)]),  # the last entry, its comment and the blank line before it
])
def test_remove_keeps_section_headers_and_the_rest_of_the_file(tmp_path: Path, term: str,
                                                              spans: list[tuple[int, int]]) -> None:
    p = tmp_path / "sections.yaml"
    p.write_text(fixture("sections.yaml"), encoding="utf-8")
    edit_glossary(str(p), lambda d: d.remove(d.find(term)))
    assert p.read_text(encoding="utf-8") == without_lines(fixture("sections.yaml"), *spans)


def test_remove_handles_other_layouts(tmp_path: Path) -> None:
    head = "version: 1\nsource_language: ru\ntarget_language: en\n"
    cases = [
        # the only entry: the list stays a list
        (head + "terms:  # the list\n  # only\n  - source: Аа\n    target: Aa\n# end\n",
         head + "terms: []  # the list\n# end\n"),
        # a dash alone on its line
        (head + "terms:\n  -\n    source: Аа\n    target: Aa\n  - source: Бб\n    target: Bb\n",
         head + "terms:\n  - source: Бб\n    target: Bb\n"),
        # a block scalar whose content looks like a comment goes with its entry
        (head + "terms:\n- source: Аа\n  target: Aa\n  note: |\n    one\n    # two\n- source: Бб\n  target: Bb\n",
         head + "terms:\n- source: Бб\n  target: Bb\n"),
        # a flow list
        (head + "terms: [{source: Аа, target: Aa}, {source: Бб, target: Bb}]\n",
         head + "terms: [{source: Бб, target: Bb}]\n"),
    ]
    for before, after in cases:
        p = tmp_path / "g.yaml"
        p.write_text(before, encoding="utf-8")
        edit_glossary(str(p), lambda d: d.remove(d.find("Аа")))
        assert p.read_text(encoding="utf-8") == after


def test_remove_after_another_edit_in_the_same_document() -> None:
    d = GlossaryDocument(fixture("sections.yaml"), "s.yaml")
    d.set_scalar(d.find("odesa"), "note", "one s")
    d.remove(d.find("kharkiv"))
    expected = without_lines(fixture("sections.yaml"), (24, 29)).replace(
        "    target: Odesa  # one s\n", "    target: Odesa  # one s\n    note: one s\n")
    assert d.dump() == expected
    assert [t.id for t in parse_glossary(d.dump(), "s.yaml").terms] == ["ukraine", "kyiv", "odesa"]
