"""`transcheck glossary …` through typer's CliRunner, exit codes included (checker.cli.glossary_commands)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli.glossary_commands import app
from tests.cli.conftest import REPO, User

FIXTURES = Path(__file__).parent.parent / "fixtures" / "glossary_edit"



runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def base(tmp_path: Path) -> Path:
    p = tmp_path / "names.yaml"
    p.write_bytes((FIXTURES / "base.yaml").read_bytes())
    return p


def test_list_and_search(base: Path) -> None:
    r = run("list", base, "--search", "kharkov")
    assert r.exit_code == 0
    assert "Kharkiv" in r.stdout and "Kyiv" not in r.stdout


def test_show_prints_the_entry_as_written(base: Path) -> None:
    r = run("show", base, "kharkiv")
    assert r.exit_code == 0
    assert r.stdout == f"# {base}:13\n  - id: kharkiv\n    source: [Харьков, Харкiв]\n    target: 'Kharkiv'\n    forbidden: [Kharkov]\n"


def test_add_then_set_then_remove(base: Path) -> None:
    r = run("add", base, "--source", "Владимир Зеленский", "--target", "Volodymyr Zelensky", "--target",
            "Volodymyr Zelenskyy", "--forbidden", "Vladimir Zelensky", "--note", "Ukrainian: Володимир Зеленський")
    assert r.exit_code == 0, r.output
    assert base.read_text(encoding="utf-8") == (FIXTURES / "after_add.yaml").read_text(encoding="utf-8")
    r = run("set", base, "Владимир Зеленский", "--add-forbidden", "Vladimir Zelenskiy", "--match-surname")
    assert r.exit_code == 0, r.output
    assert "    forbidden: [Vladimir Zelensky, Vladimir Zelenskiy]\n" in base.read_text(encoding="utf-8")
    assert base.read_text(encoding="utf-8").endswith("    match_surname: true\n")
    r = run("remove", base, "Владимир Зеленский")
    assert r.exit_code == 0, r.output
    assert base.read_text(encoding="utf-8") == (FIXTURES / "base.yaml").read_text(encoding="utf-8")


def test_add_dry_run_prints_the_diff_only(base: Path) -> None:
    before = base.read_bytes()
    r = run("add", base, "--source", "Львов", "--target", "Lviv", "--dry-run")
    assert r.exit_code == 0
    assert "+  - source: Львов\n+    target: Lviv\n" in r.stdout
    assert base.read_bytes() == before


def test_refused_edits_exit_2_with_one_line_and_leave_the_file(base: Path) -> None:
    before = base.read_bytes()
    for args in (
        ("add", base, "--source", "Львов", "--target", "Lviv", "--forbidden", "Lviv"),
        ("add", base, "--source", "Киев", "--target", "Kyiv"),
        ("set", base, "Киев", "--remove-target", "Kyiv"),
        ("set", base, "Одесса", "--note", "x"),
        ("set", base, "Киев"),
        ("remove", base, "Kyiv", "--dry-run"),
    ):
        r = run(*args)
        if args[-1] == "--dry-run":
            assert r.exit_code == 0
            continue
        assert r.exit_code == 2, (args, r.output)
        assert r.stderr.count("\n") == 1 and r.stderr.startswith("transcheck: error: "), r.stderr
        assert "Traceback" not in r.output
    assert base.read_bytes() == before


def test_ambiguous_term(base: Path) -> None:
    base.write_text(base.read_text(encoding="utf-8") + "  - source: Киiв\n    target: Kyiv\n", encoding="utf-8")
    r = run("remove", base, "Kyiv")
    assert r.exit_code == 2
    assert "ambiguous: #1 (line 7)" in r.stderr and "#4 (line 22)" in r.stderr


def test_validate_exit_codes(base: Path, tmp_path: Path) -> None:
    r = run("validate", base)
    assert r.exit_code == 0 and r.stdout == "OK: 1 file, 3 terms\n"
    other = tmp_path / "other.yaml"
    other.write_text("version: 1\nsource_language: ru\ntarget_language: en\nterms:\n"
                     "  - source: Киев\n    target: Kiev\n", encoding="utf-8")
    r = run("validate", base, other)
    assert r.exit_code == 1
    assert f"{other}:5: source 'Киев' has target 'Kiev' here but 'Kyiv' at {base}:7" in r.stdout
    assert f"{base}:7: 'Kiev' is forbidden here but approved at {other}:5" in r.stdout
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nterms: [\n", encoding="utf-8")
    r = run("validate", broken)
    assert r.exit_code == 1 and r.stdout.startswith(f"{broken}:")
    r = run("validate", tmp_path / "missing.yaml")
    assert r.exit_code == 2 and "no such file" in r.stderr


def test_validate_lists_every_problem_of_a_file(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text("version: 1\nsource_language: ru\ntarget_language: en\nterms:\n"
                 "  - id: k\n    source: Киев\n    target: Kyiv\n    forbidden: [Kyiv]\n"
                 "  - id: k\n    source: Львов\n    target: Lviv\n", encoding="utf-8")
    r = run("validate", g)
    assert r.exit_code == 1
    assert [ln.split(":")[1] for ln in r.stdout.splitlines()] == ["5", "9"]


def test_validate_flags_an_exception_that_can_never_apply(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text("version: 1\nsource_language: ru\ntarget_language: en\nterms:\n"
                 "  - source: Киев\n    target: Kyiv\n    forbidden: [Kiev]\n    exceptions: [Chicken Kiev, Kievan Rus]\n"
                 "  - source: Львов\n    target: Lviv\n    forbidden: [Lvov]\n    exceptions: [Lwów]\n", encoding="utf-8")
    r = run("validate", g)
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        f"{g}:9: exception 'Lwów' contains none of the forbidden forms (Lvov), so it never applies"
    ]


def test_shipped_glossary_is_valid() -> None:
    shipped = Path(__file__).resolve().parent.parent.parent / "glossaries" / "ru-en" / "ukraine.yaml"
    r = run("validate", shipped)
    assert r.exit_code == 0, r.stdout


@pytest.mark.parametrize("fmt", ["tbx", "csv", "tsv"])
def test_export_import_round_trip(base: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"names.{fmt}"
    r = run("export", base, "--output", out)
    assert r.exit_code == 0, r.output
    new = tmp_path / "new.yaml"
    r = run("import", out, "--to", new, "--source-language", "ru", "--target-language", "en")
    assert r.exit_code == 0, r.output
    assert "3 added" in r.stderr
    r1, r2 = run("export", base, "--format", "csv"), run("export", new, "--format", "csv")
    assert r1.stdout == r2.stdout
    # importing again into the original changes nothing under any policy
    r = run("import", out, "--to", base)
    assert r.exit_code == 0 and "0 added, 3 unchanged" in r.stderr


def test_import_conflicts_need_a_policy(base: Path, tmp_path: Path) -> None:
    src = tmp_path / "new.csv"
    src.write_text("source,target,forbidden\nКиев,Kyiv,Kiev|Kiew\nДнепр,Dnipro,Dnepr\n", encoding="utf-8")
    before = base.read_bytes()
    r = run("import", src, "--to", base)
    assert r.exit_code == 2 and "--on-conflict" in r.stderr
    assert base.read_bytes() == before
    r = run("import", src, "--to", base, "--on-conflict", "merge", "--dry-run")
    assert r.exit_code == 0 and "-    forbidden: [Kiev]" in r.stdout and "+  - source: Днепр" in r.stdout
    assert base.read_bytes() == before


def test_malicious_tbx_is_refused(base: Path, tmp_path: Path) -> None:
    evil = tmp_path / "evil.tbx"
    evil.write_bytes(b'<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
                     b'<martif xml:lang="ru"><text><body><termEntry><note>&b;</note></termEntry></body></text></martif>')
    before = base.read_bytes()
    r = run("import", evil, "--to", base)
    assert r.exit_code == 2
    assert r.stderr == f"transcheck: error: {evil}: refused: the file declares XML entities (not expanded)\n"
    assert base.read_bytes() == before


def test_suggest_prints_or_appends(base: Path, tmp_path: Path) -> None:
    """The whole way a user runs it: the seed article is read, aligned and mined."""
    seed = Path(__file__).resolve().parent.parent.parent / "seeds" / "lenta-kalachev"
    ru, en = seed / "ru.txt", seed / "en.txt"
    r = run("suggest", ru, en)
    assert r.exit_code == 0, r.output
    assert "#   - source: Киев\n#     target: Kiev\n" in r.stdout
    assert "#   - source: Алексей Резников\n#     target: Alexei Reznikov\n" in r.stdout
    before = base.read_text(encoding="utf-8")
    r = run("suggest", ru, en, "--to", base)
    assert r.exit_code == 0, r.output
    after = base.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert "source: Киев\n" not in after[len(before):]  # already in the glossary
    assert "#   - source: Сергей Лавров\n#     target: Sergei Lavrov\n" in after
    assert "source: Алексей Резников\n" not in after[len(before):]
    assert run("validate", base).exit_code == 0
    r = run("suggest", ru)
    assert r.exit_code == 2


def assert_refused(r, before: bytes, path: Path, message: str) -> None:  # type: ignore[no-untyped-def]
    assert r.exit_code == 2, r.output
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("transcheck: error: "), r.stderr
    assert message in r.stderr, r.stderr
    assert path.read_bytes() == before


def test_remove_keeps_the_next_entrys_comment(tmp_path: Path) -> None:
    g = tmp_path / "s3.yaml"
    text = ("version: 1\nsource_language: ru\ntarget_language: en\nterms:\n  # comment for A\n  - source: Аа\n"
            "    target: Aa\n  # comment for B\n  - source: Бб\n    target: Bb  # trailing B\n")
    g.write_text(text, encoding="utf-8")
    assert run("remove", g, "Аа").exit_code == 0
    assert g.read_text(encoding="utf-8") == text.replace("  # comment for A\n  - source: Аа\n    target: Aa\n", "")
    assert "section header" in run("remove", "--help").stdout


def test_remove_keeps_the_section_header_of_the_shipped_glossary(tmp_path: Path) -> None:
    shipped = Path(__file__).resolve().parent.parent.parent / "glossaries" / "ru-en" / "ukraine.yaml"
    copy = tmp_path / "COPY.yaml"
    copy.write_bytes(shipped.read_bytes())
    r = run("remove", copy, "kyiv", "--dry-run")
    assert r.exit_code == 0
    removed = [ln[1:] for ln in r.stdout.splitlines() if ln.startswith("-") and not ln.startswith("---")]
    assert removed[0] == "  - id: kyiv" and not any(ln.lstrip().startswith("#") for ln in removed)


@pytest.mark.parametrize(("args", "message"), [
    (("--source", "Киева", "--target", "Kyiv"), "source 'Киева' normalises to the same form as 'Киев'"),
    (("--source", "Львов2", "--target", "Kiev"), "'Kiev' is forbidden here but approved at"),
    (("--source", "Зуево", "--target", "Zuievo", "--forbidden", "Zuevo", "--exception", "Big Lake"),
     "exception 'Big Lake' contains none of the forbidden forms"),
])
def test_add_refuses_what_validate_would_reject(base: Path, args: tuple[str, ...], message: str) -> None:
    before = base.read_bytes()
    assert_refused(run("add", base, *args), before, base, message)
    assert run("validate", base).exit_code == 0


def test_set_with_an_empty_note_or_id_removes_it(base: Path) -> None:
    r = run("set", base, "Киев", "--note", "")
    assert r.exit_code == 0, r.output
    r = run("set", base, "kharkiv", "--id", "")
    assert r.exit_code == 0, r.output
    expected = (FIXTURES / "base.yaml").read_text(encoding="utf-8").replace(
        "    note: Ukrainian-based spelling; AP style since 2019.\n", "").replace("  - id: kharkiv\n    source:", "  - source:")
    assert base.read_text(encoding="utf-8") == expected


def test_a_dry_run_leaves_no_trace(base: Path) -> None:
    before = base.read_bytes()
    for args in (("add", base, "--source", "Львов", "--target", "Lviv"), ("set", base, "Киев", "--note", "x"),
                 ("remove", base, "Киев")):
        r = run(*args, "--dry-run")
        assert r.exit_code == 0 and r.stdout.startswith("--- a/"), r.output
    assert base.read_bytes() == before
    assert sorted(p.name for p in base.parent.iterdir()) == ["names.yaml"]


def test_import_errors_name_the_right_file_and_line(base: Path, tmp_path: Path) -> None:
    before = base.read_bytes()
    bad = tmp_path / "u.csv"
    bad.write_text('source,target\nЯлта,"Yalta\n', encoding="utf-8")
    assert_refused(run("import", bad, "--to", base), before, base, f"{bad}:2: bad CSV: ")
    dup = tmp_path / "dupin.csv"
    dup.write_text("source,target\nЯлта,Yalta\nЯлта,Jalta\n", encoding="utf-8")
    assert_refused(run("import", dup, "--to", base, "--on-conflict", "merge"), before, base,
                   f"{dup}:3: source 'Ялта' is also in the entry at line 2")
    missing = tmp_path / "nonexist.yaml"
    r = run("import", dup, "--to", missing)
    assert r.exit_code == 2
    assert r.stderr == (f"transcheck: error: {missing}: no such glossary; give --source-language and "
                        "--target-language to create it\n")
    assert not any(p.name.startswith("nonexist") for p in tmp_path.iterdir())


def test_csv_export_guards_formulas_and_imports_them_back(base: Path, tmp_path: Path) -> None:
    r = run("add", base, "--source", "=Ялта", "--target", "@Yalta", "--note", "-1+2")
    assert r.exit_code == 0, r.output
    out = tmp_path / "names.csv"
    assert run("export", base, "--output", out).exit_code == 0
    assert "\n'=Ялта,'@Yalta,,,'-1+2,\n" in out.read_text(encoding="utf-8")
    new = tmp_path / "new.yaml"
    r = run("import", out, "--to", new, "--source-language", "ru", "--target-language", "en")
    assert r.exit_code == 0, r.output
    assert run("export", new, "--format", "csv").stdout == run("export", base, "--format", "csv").stdout


def test_messages_say_file_for_one_file(tmp_path: Path) -> None:
    one = tmp_path / "ru.txt"
    one.write_text("Киев.\n", encoding="utf-8")
    r = run("suggest", one)
    assert r.exit_code == 2 and r.stderr == f"transcheck: error: {one}: 1 file: give SOURCE TARGET pairs\n"


def test_export_never_overwrites_the_glossary(base: Path) -> None:
    before = base.read_bytes()
    r = run("export", base, "--format", "csv", "--output", base)
    assert r.exit_code == 2 and "would overwrite" in r.stderr
    assert base.read_bytes() == before


# --------------------------------------------------------------------------- no silent data loss (issue 14)


@dataclass(frozen=True)
class Snapshot:
    """What an edit must not change by accident: the bytes, owner, group and mode of a file."""

    data: bytes
    uid: int
    gid: int
    mode: int

    @classmethod
    def of(cls, path: Path) -> Snapshot:
        st = os.stat(path)
        return cls(path.read_bytes(), st.st_uid, st.st_gid, st.st_mode)


def one_error_line(stderr: str, message: str) -> None:
    assert stderr.count("\n") == 1 and stderr.startswith("transcheck: error: "), stderr
    assert "Traceback" not in stderr
    assert message in stderr, stderr


HEAD = "version: 1\nsource_language: ru\ntarget_language: en\n"


@pytest.mark.parametrize(("terms", "line"), [("terms: {Киев: Kyiv, Харьков: Kharkiv}\n", 4), ("terms: Киев\n", 4),
                                             ("terms:\n  Киев: Kyiv\n  Харьков: Kharkiv\n", 5)])
@pytest.mark.parametrize("command", ["add", "import"])
def test_terms_that_are_not_a_list_refuse_every_edit(tmp_path: Path, terms: str, line: int, command: str) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(HEAD + terms, encoding="utf-8")
    before = Snapshot.of(g)
    if command == "add":
        r = run("add", g, "--source", "Львов", "--target", "Lviv")
    else:
        src = tmp_path / "x.tsv"
        src.write_text("source\ttarget\nЛьвов\tLviv\n", encoding="utf-8")
        r = run("import", src, "--to", g)
    assert r.exit_code == 2
    one_error_line(r.stderr, f"transcheck: error: {g}:{line}: terms must be a list of entries, not a")
    assert Snapshot.of(g) == before


def _nodes(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    if os.path.exists("/dev/full"):
        yield "a character device", Path("/dev/full")
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    yield "a FIFO", fifo
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock.yaml"))
    yield "a socket", tmp_path / "sock.yaml"
    sock.close()


def test_devices_fifos_and_sockets_are_never_replaced(base: Path, tmp_path: Path) -> None:
    for kind, node in _nodes(tmp_path):
        st = os.stat(node)
        before = Snapshot.of(base)
        r = run("export", base, "--format", "csv", "--output", node)
        assert r.exit_code == 2, (kind, r.output)
        one_error_line(r.stderr, f"{node}: refused: {kind}, not a regular file (it is never replaced)")
        src = tmp_path / "x.csv"
        src.write_text("source,target\nЛьвов,Lviv\n", encoding="utf-8")
        r = run("import", src, "--to", node)  # read first: a FIFO must not block, nor be replaced
        assert r.exit_code == 2, (kind, r.output)
        one_error_line(r.stderr, f"{node}: cannot read: {kind}, not a regular file")
        after = os.stat(node)
        assert (after.st_mode, after.st_rdev, after.st_ino) == (st.st_mode, st.st_rdev, st.st_ino), kind
        assert Snapshot.of(base) == before


def test_a_read_only_glossary_is_refused_for_an_unprivileged_user(unprivileged: User, their_dir: Path) -> None:
    g = their_dir / "g.yaml"
    g.write_bytes((FIXTURES / "base.yaml").read_bytes())
    os.chmod(g, 0o444)
    if os.geteuid() == 0:
        os.chown(g, unprivileged.uid, unprivileged.gid)
    before = Snapshot.of(g)
    r = unprivileged.run("glossary", "add", g, "--source", "Львов", "--target", "Lviv", cwd=their_dir)
    assert r.returncode == 2, r.stderr
    one_error_line(r.stderr, f"transcheck: error: {g}: refused: the file is not writable (permission denied)")
    assert Snapshot.of(g) == before


def test_an_edit_keeps_the_owner_group_and_mode(base: Path) -> None:
    os.chmod(base, 0o640)
    if os.geteuid() == 0:  # root can give the file to someone else; the edit must keep that
        os.chown(base, 65534, 65534)
    before = Snapshot.of(base)
    r = run("add", base, "--source", "Львов", "--target", "Lviv")
    assert r.exit_code == 0, r.output
    after = Snapshot.of(base)
    assert (after.uid, after.gid, after.mode) == (before.uid, before.gid, before.mode)
    assert after.data.startswith(before.data) and after.data.endswith(b"  - source: \xd0\x9b\xd1\x8c\xd0\xb2\xd0\xbe\xd0\xb2\n    target: Lviv\n")


def test_a_file_whose_owner_the_edit_could_not_keep_is_refused(unprivileged: User, their_dir: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs a file of another user: run as root")
    os.chmod(their_dir, 0o777)  # anyone may create the temporary file
    g = their_dir / "g.yaml"
    g.write_bytes((FIXTURES / "base.yaml").read_bytes())
    os.chmod(g, 0o666)  # writable by the unprivileged user, but owned by root
    before = Snapshot.of(g)
    r = unprivileged.run("glossary", "add", g, "--source", "Львов", "--target", "Lviv", cwd=their_dir)
    assert r.returncode == 2, r.stderr
    one_error_line(r.stderr, f"{g}: refused: the file belongs to uid 0, gid 0, which a replacement written by "
                             "this user could not keep")
    assert Snapshot.of(g) == before
    assert sorted(p.name for p in their_dir.iterdir() if not p.name.endswith(".lock")) == ["g.yaml"]


def test_list_and_show_escape_control_characters(tmp_path: Path) -> None:
    g = tmp_path / "g\x1b[2J.yaml"
    g.write_text(HEAD + "terms:\n  - source: Киев\n    target: Kyiv\n    note: \"\u202eviK \\u202e\"\n", encoding="utf-8")
    before = Snapshot.of(g)
    for args in (("list", g), ("show", g, "Киев")):
        r = run(*args)
        assert r.exit_code == 0, r.output
        assert "\x1b" not in r.stdout and "\u202e" not in r.stdout, r.stdout
        assert "g\\x1b[2J.yaml" in r.stdout and "\\u202e" in r.stdout
    assert Snapshot.of(g) == before


@pytest.mark.parametrize("value", ["\x1b]0;X\x07", "\x1b[2J", "Ky\x00iv", "\x9b31m"])
def test_a_control_character_is_refused_at_add_and_import(base: Path, tmp_path: Path, value: str) -> None:
    before = Snapshot.of(base)
    r = run("add", base, "--source", "Львов", "--target", value)
    assert r.exit_code == 2, r.output
    one_error_line(r.stderr, f"target holds the control character U+{ord(value[2] if value.startswith('Ky') else value[0]):04X}")
    src = tmp_path / "x.csv"
    src.write_text(f"source,target\nЛьвов,Lviv\nОдесса,\"{value}\"\n", encoding="utf-8")
    r = run("import", src, "--to", base)
    assert r.exit_code == 2, r.output
    one_error_line(r.stderr, f"{src}:3: target holds the control character U+")
    assert "\x1b" not in r.stderr and "\x9b" not in r.stderr
    assert Snapshot.of(base) == before


def test_tabs_and_line_breaks_round_trip_through_tbx(base: Path, tmp_path: Path) -> None:
    assert run("add", base, "--source", "Львов", "--target", "Lviv", "--note", "a\tb\r\nc").exit_code == 0
    out = tmp_path / "g.tbx"
    assert run("export", base, "--output", out).exit_code == 0
    new = tmp_path / "new.yaml"
    r = run("import", out, "--to", new)
    assert r.exit_code == 0, r.output
    assert run("export", new, "--format", "csv").stdout == run("export", base, "--format", "csv").stdout


def test_a_temporary_left_by_a_killed_edit_goes_with_the_next_edit(base: Path, tmp_path: Path) -> None:
    # Killed between writing the temporary file and renaming it over the glossary.
    kill = ("import os, sys, signal; os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL); "
            "sys.argv[0] = 'transcheck'; from checker.cli import main; main()")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    p = subprocess.run([sys.executable, "-c", kill, "glossary", "add", str(base), "--source", "Львов", "--target",
                        "Lviv"], env=env, capture_output=True, timeout=120)
    assert p.returncode == -signal.SIGKILL
    stale = [q for q in tmp_path.iterdir() if q.name.startswith(".names.yaml.") and q.name.endswith(".tmp")]
    assert len(stale) == 1
    other = tmp_path / ".names.yaml.not-ours.tmp"  # not a name atomic_write makes: kept
    other.write_text("x", encoding="utf-8")
    before = Snapshot.of(base)
    assert run("add", base, "--source", "Одесса", "--target", "Odesa").exit_code == 0
    assert not stale[0].exists() and other.exists()
    assert Snapshot.of(base).data.startswith(before.data)


def test_suggest_into_a_glossary_in_a_read_only_folder(unprivileged: User, their_dir: Path) -> None:
    g = their_dir / "g.yaml"
    g.write_bytes((FIXTURES / "base.yaml").read_bytes())
    if os.geteuid() == 0:
        os.chown(g, unprivileged.uid, unprivileged.gid)
    os.chmod(their_dir, 0o555)
    before = Snapshot.of(g)
    seed = REPO / "seeds" / "lenta-kalachev"
    r = unprivileged.run("glossary", "suggest", seed / "ru.txt", seed / "en.txt", "--to", g, cwd=their_dir)
    assert r.returncode == 2, r.stderr
    one_error_line(r.stderr, f"transcheck: error: {g}: cannot lock: Permission denied")
    assert Snapshot.of(g) == before


def test_a_long_list_is_one_tab_separated_line_per_entry(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(HEAD + "terms:\n" + "".join(f"  - source: Город{i}\n    target: Town{i}\n    note: \"a\\tb\\nc\"\n"
                                             for i in range(2001)), encoding="utf-8")
    r = run("list", g)
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0] == "#\tline\tid\tsource\ttarget\tforbidden\texceptions\tnote"
    assert lines[1] == "1\t5\t\tГород0\tTown0\t\t\ta\\tb\\nc" and len(lines) == 2002
    assert r.stderr == f"{g} (ru → en): 2001 entries\n"
