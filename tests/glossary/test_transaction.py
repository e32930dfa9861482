"""The file side of an edit (checker.glossary.transaction): lock, validation, atomic write."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from checker.errors import GlossaryError
from checker.glossary.crosscheck import cross_check
from checker.glossary.document import GlossaryDocument
from checker.glossary.removal import remove_entry_text
from checker.glossary.schema import Term, make_term
from checker.glossary.transaction import edit_glossary, load_file

from tests.glossary.files import REPO, ZELENSKY, fixture


def test_crlf_and_bom_are_kept(tmp_path: Path) -> None:
    p = tmp_path / "crlf.yaml"
    p.write_bytes(b"\xef\xbb\xbf" + fixture("base.yaml").replace("\n", "\r\n").encode())
    edit_glossary(str(p), lambda d: d.add(ZELENSKY))
    assert p.read_bytes() == b"\xef\xbb\xbf" + fixture("after_add.yaml").replace("\n", "\r\n").encode()


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


def test_a_result_with_fewer_entries_than_the_edit_leaves_is_refused(base: Path) -> None:
    before = base.read_bytes()

    def lose_one(d: GlossaryDocument) -> None:
        # An editor bug: the text loses an entry behind the document's back (it still counts three).
        without = remove_entry_text(d.dump(), 1)
        d.dump = lambda: without  # type: ignore[method-assign]

    with pytest.raises(GlossaryError, match=r"refused: the result would hold 2 entries, not the 3 this edit leaves"):
        edit_glossary(str(base), lose_one)
    assert base.read_bytes() == before


def test_an_empty_terms_key_is_filled_by_an_edit(tmp_path: Path) -> None:
    p = tmp_path / "g.yaml"
    p.write_text("version: 1\nsource_language: ru\ntarget_language: en\nterms:\n", encoding="utf-8")
    edit_glossary(str(p), lambda d: d.add(make_term(("Львов",), ("Lviv",))))
    assert [t.source for t in load_file(str(p)).terms] == [("Львов",)]
