"""Lossless, atomic, locked glossary edits (checker.glossary.document)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from checker.errors import GlossaryError
from checker.glossary.schema import Term, parse_glossary
from checker.glossary.document import (
    GlossaryDocument,
    MergePolicy,
    cross_check,
    edit_glossary,
    load_file,
)
from checker.glossary.exchange import make_term

FIXTURES = Path(__file__).parent / "fixtures" / "glossary_edit"
REPO = Path(__file__).parent.parent


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture
def base(tmp_path: Path) -> Path:
    p = tmp_path / "names.yaml"
    p.write_bytes((FIXTURES / "base.yaml").read_bytes())
    return p


ZELENSKY = make_term(("Владимир Зеленский",), ("Volodymyr Zelensky", "Volodymyr Zelenskyy"), ("Vladimir Zelensky",), (),
                     "Ukrainian: Володимир Зеленський")


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


def test_remove_keeps_the_comments_of_the_neighbours(base: Path) -> None:
    edit_glossary(str(base), lambda d: d.remove(d.find("Харкiв")))
    assert base.read_text(encoding="utf-8") == fixture("after_remove.yaml")


def test_removing_the_last_key_keeps_the_blank_line_after_the_entry(base: Path) -> None:
    edit_glossary(str(base), lambda d: d.set_scalar(0, "note", None))
    expected = fixture("base.yaml").replace("    note: Ukrainian-based spelling; AP style since 2019.\n", "")
    assert base.read_text(encoding="utf-8") == expected


def test_crlf_and_bom_are_kept(tmp_path: Path) -> None:
    p = tmp_path / "crlf.yaml"
    p.write_bytes(b"\xef\xbb\xbf" + fixture("base.yaml").replace("\n", "\r\n").encode())
    edit_glossary(str(p), lambda d: d.add(ZELENSKY))
    assert p.read_bytes() == b"\xef\xbb\xbf" + fixture("after_add.yaml").replace("\n", "\r\n").encode()


def test_untouched_lines_survive_even_what_ruamel_would_normalise(tmp_path: Path) -> None:
    text = fixture("base.yaml").replace("version: 1", "version:   1   ")
    p = tmp_path / "odd.yaml"
    p.write_text(text, encoding="utf-8")
    edit_glossary(str(p), lambda d: d.set_scalar(d.find("kharkiv"), "note", "since 2019"))
    assert p.read_text(encoding="utf-8").startswith("# Ukrainian names: house style (keep this comment)\nversion:   1   \n")


def test_file_mode_is_kept(base: Path) -> None:
    os.chmod(base, 0o640)
    edit_glossary(str(base), lambda d: d.add(ZELENSKY))
    assert (os.stat(base).st_mode & 0o777) == 0o640


def test_invalid_edit_is_refused_and_the_file_is_untouched(base: Path) -> None:
    before = base.read_bytes()
    bad = make_term(("Львов",), ("Lviv",), ("Lviv",))  # approved and forbidden at once
    with pytest.raises(GlossaryError):
        edit_glossary(str(base), lambda d: d.add(bad))
    with pytest.raises(GlossaryError):
        edit_glossary(str(base), lambda d: d.remove_from_list(d.find("Киев"), "target", ["Kyiv"]))
    assert base.read_bytes() == before


@pytest.mark.parametrize("broken", ["replace", "fsync"])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(base: Path, monkeypatch: pytest.MonkeyPatch, broken: str) -> None:
    before = base.read_bytes()

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(5, "simulated I/O error")

    monkeypatch.setattr(os, broken, fail)
    with pytest.raises(GlossaryError, match="simulated I/O error"):
        edit_glossary(str(base), lambda d: d.add(ZELENSKY))
    monkeypatch.undo()
    assert base.read_bytes() == before
    assert sorted(p.name for p in base.parent.iterdir() if not p.name.endswith(".lock")) == ["names.yaml"]


def test_dry_run_writes_nothing(base: Path) -> None:
    before = base.read_bytes()
    result = edit_glossary(str(base), lambda d: d.add(ZELENSKY), dry_run=True)
    assert base.read_bytes() == before
    assert "+  - source: Владимир Зеленский" in result.diff()


def test_parallel_adds_all_land(base: Path) -> None:
    n = 8
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "checker.cli.glossary_commands", "add", str(base), "--source", f"Город{i}",
             "--target", f"Town{i}"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        for i in range(n)
    ]
    for p in procs:
        _out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    glossary = load_file(str(base))
    assert sorted(t.source[0] for t in glossary.terms if t.source[0].startswith("Город")) == [f"Город{i}" for i in range(n)]
    assert len(glossary.terms) == 3 + n


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


def test_import_merge_policies() -> None:
    existing = make_term(("Киев",), ("Kyiv",), ("Kiev",), ("Chicken Kiev", "Kiev Pechersk Lavra"),
                         "Ukrainian-based spelling; AP style since 2019.")
    changed = make_term(("Киев",), ("Kyiv",), ("Kiev", "Kiyv"))
    new = make_term(("Днепр",), ("Dnipro",))
    d = GlossaryDocument(fixture("base.yaml"), "b.yaml")
    with pytest.raises(GlossaryError, match="choose --on-conflict"):
        d.merge([changed, new], MergePolicy.error)
    for policy, expect in [
        (MergePolicy.skip, ("Kiev",)),
        (MergePolicy.replace, ("Kiev", "Kiyv")),
        (MergePolicy.merge, ("Kiev", "Kiyv")),
    ]:
        d = GlossaryDocument(fixture("base.yaml"), "b.yaml")
        summary = d.merge([existing, changed, new], policy)
        g = parse_glossary(d.dump(), "b.yaml")
        kyiv = g.terms[0]
        assert kyiv.forbidden == expect
        assert g.terms[-1].source == ("Днепр",)
        assert summary.added == 1 and summary.unchanged == 1
        if policy is MergePolicy.replace:
            assert kyiv.note is None and kyiv.exceptions == ()
        if policy is MergePolicy.merge:
            assert kyiv.note == existing.note and kyiv.exceptions == existing.exceptions


def test_cross_check_finds_conflicts_between_files() -> None:
    a = parse_glossary(fixture("base.yaml"), "a.yaml")
    b = parse_glossary(
        "version: 1\nsource_language: ru\ntarget_language: en\nterms:\n"
        "  - source: Киев\n    target: Kiev\n"
        "  - source: Киева\n    target: Kyiv\n"
        "  - source: Харьков\n    target: Kharkiv\n",
        "b.yaml",
    )
    messages = [str(e) for e in cross_check([a, b])]
    assert any(m.startswith("b.yaml:5: source 'Киев' has target 'Kiev'") for m in messages)
    assert any(m.startswith("a.yaml:7: 'Kiev' is forbidden here but approved at b.yaml:5") for m in messages)
    assert any(m.startswith("b.yaml:7: source 'Киева' normalises to the same form as 'Киев'") for m in messages), messages
    assert not any("Kharkiv" in m for m in messages)
    assert cross_check([a]) == []


# --------------------------------------------------------------------------- remove: comments and layout

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


# --------------------------------------------------------------------------- edits that validate would reject


@pytest.mark.parametrize(("term", "message"), [
    (make_term(("Киева",), ("Kyiv",)), "refused: source 'Киева' normalises to the same form as 'Киев'"),
    (make_term(("Львов2",), ("Kiev",)), "refused: 'Kiev' is forbidden here but approved at"),
    (make_term(("Зуево",), ("Zuievo",), ("Zuevo",), ("Big Lake",)),
     "refused: exception 'Big Lake' contains none of the forbidden forms (Zuevo)"),
])
def test_an_edit_that_adds_a_cross_check_problem_is_refused(base: Path, term: Term, message: str) -> None:
    before = base.read_bytes()
    with pytest.raises(GlossaryError, match=re.escape(message)) as e:
        edit_glossary(str(base), lambda d: d.add(term))
    assert "\n" not in str(e.value)
    assert base.read_bytes() == before


def test_problems_the_file_already_had_do_not_block_other_edits(tmp_path: Path) -> None:
    p = tmp_path / "g.yaml"
    old_problem = "  - source: Ялта\n    target: Yalta\n    forbidden: [Jalta]\n    exceptions: [Big Lake]\n"
    p.write_text(fixture("base.yaml") + old_problem, encoding="utf-8")
    assert len(cross_check([load_file(str(p))])) == 1
    edit_glossary(str(p), lambda d: d.set_scalar(d.find("Ялта"), "note", "a resort"))
    edit_glossary(str(p), lambda d: d.add(make_term(("Одесса",), ("Odesa",))))
    edit_glossary(str(p), lambda d: d.remove(d.find("kharkiv")))  # the problem's entry moves up
    edit_glossary(str(p), lambda d: d.add_to_list(d.find("Ялта"), "forbidden", ["Jalta2"]))
    with pytest.raises(GlossaryError, match="exception 'Other' contains none"):
        edit_glossary(str(p), lambda d: d.add_to_list(d.find("Ялта"), "exceptions", ["Other"]))
    assert len(cross_check([load_file(str(p))])) == 1


def test_a_dry_run_takes_no_lock(base: Path) -> None:
    edit_glossary(str(base), lambda d: d.add(ZELENSKY), dry_run=True)
    edit_glossary(str(base), lambda d: d.remove(0), dry_run=True)
    assert sorted(p.name for p in base.parent.iterdir()) == ["names.yaml"]


@pytest.mark.parametrize("value", ["no", "on", "yes", "1_000", "0x1F", "1.5e3", "null", "~"])
def test_values_yaml_1_1_reads_as_other_types_are_quoted(value: str) -> None:
    doc = GlossaryDocument.new("g.yaml", "ru", "en")
    doc.add(make_term(("а",), (value,), note=value, id=value))
    (t,) = parse_glossary(doc.dump(), "g.yaml").terms
    assert (t.target, t.note, t.id) == ((value,), value, value)
