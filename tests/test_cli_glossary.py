"""`transcheck glossary …` through typer's CliRunner, exit codes included."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli.glossary import app

FIXTURES = Path(__file__).parent / "fixtures" / "glossary_edit"
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
    assert f"{other}:5: source 'киев' has target 'Kiev' here but 'Kyiv' at {base}:7" in r.stdout
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
    shipped = Path(__file__).resolve().parent.parent / "glossaries" / "ru-en" / "ukraine.yaml"
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
    seed = Path(__file__).resolve().parent.parent / "seeds" / "lenta-kalachev"
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
