"""Lossless edits of a round-trip glossary document (checker.glossary.document): the file's
style, comments and untouched lines are kept."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.errors import GlossaryError
from checker.glossary.document import GlossaryDocument
from checker.glossary.merge import MergePolicy, merge
from checker.glossary.schema import Term, make_term, parse_glossary
from checker.glossary.transaction import edit_glossary

from tests.glossary.files import REPO, ZELENSKY, fixture


def test_add_appends_the_entry_alone_in_the_file_style(base: Path) -> None:
    result = edit_glossary(str(base), lambda d: d.add(ZELENSKY))
    assert base.read_text(encoding="utf-8") == fixture("after_add.yaml")
    added = [ln for ln in result.diff().splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    removed = [ln for ln in result.diff().splitlines() if ln.startswith("-") and not ln.startswith("---")]
    assert removed == []
    assert added == ["+", "+  - source: Владимир Зеленский", "+    target: [Volodymyr Zelensky, Volodymyr Zelenskyy]",
                     "+    forbidden: [Vladimir Zelensky]", "+    note: 'Ukrainian: Володимир Зеленський'"]


def test_add_to_a_block_style_file_writes_block_lists(tmp_path: Path) -> None:
    p = tmp_path / "g.yaml"
    p.write_text(fixture("block.yaml"), encoding="utf-8")
    edit_glossary(str(p), lambda d: d.add(make_term(("Львов",), ("Lviv",), ("Lvov",))))
    assert p.read_text(encoding="utf-8") == fixture("after_add_block.yaml")


def test_set_changes_only_the_named_fields(base: Path) -> None:
    def edit(d: GlossaryDocument) -> None:
        d.add_to_list(d.find("Киев"), "forbidden", ["Kyiw"])
        d.set_scalar(d.find("kharkiv"), "note", "since 2019")
        d.remove_from_list(d.find("Oleksii Reznikov"), "forbidden", ["Alexey Reznikov"])

    edit_glossary(str(base), edit)
    assert base.read_text(encoding="utf-8") == fixture("after_set.yaml")


def test_removing_the_last_key_keeps_the_blank_line_after_the_entry(base: Path) -> None:
    edit_glossary(str(base), lambda d: d.set_scalar(0, "note", None))
    expected = fixture("base.yaml").replace("    note: Ukrainian-based spelling; AP style since 2019.\n", "")
    assert base.read_text(encoding="utf-8") == expected


def test_untouched_lines_survive_even_what_ruamel_would_normalise(tmp_path: Path) -> None:
    text = fixture("base.yaml").replace("version: 1", "version:   1   ")
    p = tmp_path / "odd.yaml"
    p.write_text(text, encoding="utf-8")
    edit_glossary(str(p), lambda d: d.set_scalar(d.find("kharkiv"), "note", "since 2019"))
    assert p.read_text(encoding="utf-8").startswith("# Ukrainian names: house style (keep this comment)\nversion:   1   \n")


def test_find_by_id_source_target_and_index() -> None:
    d = GlossaryDocument(fixture("base.yaml"), "b.yaml")
    assert d.find("kharkiv") == 1
    assert d.find("киев") == 0
    assert d.find("Oleksii Reznikov") == 2
    assert d.find("#3") == 2
    with pytest.raises(GlossaryError, match="no entry"):
        d.find("Одесса")


def test_ambiguous_term_lists_the_candidates() -> None:
    text = fixture("base.yaml") + "  - source: Киiв\n    target: Kyiv\n"
    d = GlossaryDocument(text, "b.yaml")
    with pytest.raises(GlossaryError, match=r"ambiguous: #1 \(line 7\).*#4 \(line 22\)") as e:
        d.find("kyiv")
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("value", ["no", "on", "yes", "1_000", "0x1F", "1.5e3", "null", "~"])
def test_values_yaml_1_1_reads_as_other_types_are_quoted(value: str) -> None:
    doc = GlossaryDocument.new("g.yaml", "ru", "en")
    doc.add(make_term(("а",), (value,), note=value, id=value))
    (t,) = parse_glossary(doc.dump(), "g.yaml").terms
    assert (t.target, t.note, t.id) == ((value,), value, value)


# --------------------------------------------------------------------------- loading only the entries an edit touches

EDITS = [
    ("add", lambda d: d.add(ZELENSKY)),
    ("add twice", lambda d: (d.add(ZELENSKY), d.add(make_term(("Львов",), ("Lviv",), ("Lvov", "Lwow"))))),
    ("note", lambda d: d.set_scalar(1, "note", "a note\nover two lines")),
    ("note of the last", lambda d: d.set_scalar(len(d) - 1, "note", "last")),
    ("forbidden", lambda d: d.add_to_list(0, "forbidden", ["Kiyv", "Kyjiw"])),
    ("target", lambda d: d.set_list(1, "target", ["One", "Two"])),
    ("drop a list", lambda d: d.set_list(0, "forbidden", [])),
    ("id", lambda d: d.set_scalar(0, "id", "first")),
    ("remove and add", lambda d: (d.remove(1), d.add(ZELENSKY), d.set_scalar(0, "note", None))),
    ("add then edit it", lambda d: (d.add(ZELENSKY), d.add_to_list(len(d) - 1, "forbidden", ["Zelenskiy"]))),
    ("merge", lambda d: merge(d, [ZELENSKY, make_term(("Киев",), ("Kyiv",), ("Kiev", "Kiew"))], MergePolicy.merge)),
]
FILES = ["base.yaml", "block.yaml", "sections.yaml"]


@pytest.mark.parametrize("name", FILES + ["ukraine"])
@pytest.mark.parametrize(("what", "edit"), EDITS, ids=[e[0] for e in EDITS])
def test_editing_entry_by_entry_writes_what_editing_the_whole_file_writes(name: str, what: str,
                                                                          edit: Callable[[GlossaryDocument], object]) -> None:
    text = (REPO / "glossaries" / "ru-en" / "ukraine.yaml").read_text(encoding="utf-8") if name == "ukraine" \
        else fixture(name)
    windowed, whole = GlossaryDocument(text, name), GlossaryDocument(text, name, whole=True)
    assert windowed._whole is None and whole._whole is not None  # the two ways are really taken
    for doc in (windowed, whole):
        edit(doc)
    assert windowed.dump() == whole.dump()
    assert windowed.origin == whole.origin
    assert [windowed.describe(i) for i in range(len(windowed))] == [whole.describe(i) for i in range(len(whole))]


_text = st.text(st.characters(blacklist_categories=("Cs", "Co", "Cn")), min_size=1, max_size=8)
_forms = st.lists(_text, min_size=1, max_size=3)


@st.composite
def new_terms(draw: st.DrawFn) -> list[Term]:
    """Terms of every shape ``scalar`` quotes differently: plain, quoted, with line breaks."""
    return [Term(tuple(draw(_forms)), tuple(draw(_forms)), tuple(draw(st.lists(_text, max_size=2))),
                 tuple(draw(st.lists(_text, max_size=2))), draw(st.none() | _text), draw(st.booleans()),
                 draw(st.none() | _text), match_surname=draw(st.booleans()))
            for _ in range(draw(st.integers(1, 6)))]


@settings(max_examples=60, deadline=None)
@given(new_terms(), st.sampled_from(["new", "base.yaml", "block.yaml", "sections.yaml"]))
# text in YAML 1.1, a float in ruamel's 1.2 (found by hypothesis in a fresh clone)
@example([Term(("0",), ("0",), (), ()), Term(("0",), ("0",), (), ("0E0",))], "new")
# a control character in a multi-line value: a literal block would hold it raw, unloadable
@example([Term(("0",), ("0\n\x1b",), (), ()), Term(("0",), ("0",), (), ())], "new")
def test_new_entries_written_as_text_are_what_ruamel_writes(terms: list[Term], name: str) -> None:
    def make(whole: bool) -> GlossaryDocument:
        if name == "new":
            doc = GlossaryDocument.new("g.yaml", "ru", "en")
            doc._fast = not whole
            return doc
        return GlossaryDocument(fixture(name), name, whole=whole)

    fast, slow = make(False), make(True)
    for doc in (fast, slow):
        for t in terms:
            doc.add(t)
    # ruamel writes two blank lines after a literal block that ends an entry, before the
    # next one; the text writer keeps the file's one. Nothing else may differ.
    assert re.sub(r"\n{3,}", "\n\n", slow.dump()) == re.sub(r"\n{3,}", "\n\n", fast.dump())
    assert [fast.describe(i) for i in range(len(fast))] == [slow.describe(i) for i in range(len(slow))]
    fast.set_scalar(len(fast) - 1, "note", "edited after")  # an entry written as text, then edited
    slow.set_scalar(len(slow) - 1, "note", "edited after")
    assert fast.dump() == slow.dump()


def test_plain_new_entries_after_the_first_are_written_as_text() -> None:
    doc = GlossaryDocument.new("g.yaml", "ru", "en")
    for i in range(3):
        doc.add(make_term((f"Город{i}",), (f"Town {i}", "T'own"), ("Gorod",), note="a: b"))
    doc.add(make_term(("Львов",), ("Lviv",), note="two\nlines"))  # double-quoted: ruamel writes it
    assert len(doc._pending) == 0 and len(doc) == 4
    assert parse_glossary(doc.dump(), "g.yaml").terms[2].target == ("Town 2", "T'own")
    doc.add(make_term(("Киев",), ("Kyiv",)))
    assert len(doc._pending) == 1
