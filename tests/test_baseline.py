"""Baselines: `transcheck baseline`, then `check --baseline` reports only new findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.baseline import parse
from checker.cli import app
from checker.errors import InputError
from tests.conftest import UKRAINE

runner = CliRunner()

SOURCE = """Мэр Киева заявил о новых планах на зиму.

В Харькове открыли сорок пунктов обогрева.

Погода в Одессе остаётся тёплой.
"""
TARGET = """The mayor of Kiev announced new plans for the winter.

Forty heating points were opened in Kharkiv.

The weather in Odesa remains warm.
"""


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(tmp_path / "cache"))


def write(tmp_path: Path, source: str, target: str) -> tuple[str, str]:
    (tmp_path / "ru.txt").write_text(source, encoding="utf-8")
    (tmp_path / "en.txt").write_text(target, encoding="utf-8")
    return str(tmp_path / "ru.txt"), str(tmp_path / "en.txt")


def findings(result) -> list[tuple[str, int, str | None, str | None]]:
    data = json.loads(result.stdout)
    return [(f["code"], f["target"]["line"], f["target"]["span"], f["suppressed"]) for f in data["findings"] if f["target"]]


def test_baseline_round_trip_after_unrelated_edits(tmp_path, use_encoder):
    ru, en = write(tmp_path, SOURCE, TARGET)
    base = tmp_path / "transcheck-baseline.json"
    made = runner.invoke(app, ["baseline", ru, en, "-g", str(UKRAINE), "--output", str(base)])
    assert made.exit_code == 0, made.output
    assert "wrote 1 finding" in made.stderr
    entries = json.loads(base.read_text(encoding="utf-8"))["findings"]
    assert [(e["code"], e["text"]) for e in entries] == [("TC102", "Kiev")]

    # Clean against its own baseline: the one known finding is reported as suppressed.
    same = runner.invoke(app, ["check", ru, en, "-g", str(UKRAINE), "--baseline", str(base), "--format", "json"])
    assert same.exit_code == 0, same.output
    assert findings(same) == [("TC102", 1, "Kiev", "external")]

    # Unrelated edits: a new paragraph above (every line moves), another paragraph rewritten
    # with a new error in it. The old "Kiev" stays accepted; the new "Kharkov" is reported.
    ru2, en2 = write(
        tmp_path,
        "Новости часа.\n\n" + SOURCE.replace("сорок пунктов обогрева", "сорок два пункта обогрева"),
        "News of the hour.\n\n" + TARGET.replace("Forty heating points were opened in Kharkiv", "Forty-two heating points were opened in Kharkov"),
    )
    after = runner.invoke(app, ["check", ru2, en2, "-g", str(UKRAINE), "--baseline", str(base), "--format", "json"])
    assert after.exit_code == 1, after.output
    got = findings(after)
    assert ("TC102", 3, "Kiev", "external") in got
    assert ("TC102", 5, "Kharkov", None) in got
    assert json.loads(after.stdout)["summary"]["error"] == 1

    text = runner.invoke(app, ["check", ru2, en2, "-g", str(UKRAINE), "--baseline", str(base)])
    assert "Kharkov" in text.stdout and "(1 suppressed)" in text.stdout
    assert "Kiev\"" not in text.stdout.split("\n\n")[0]


def test_a_second_occurrence_of_a_baselined_finding_is_new(tmp_path, use_encoder):
    ru, en = write(tmp_path, SOURCE, TARGET)
    base = tmp_path / "b.json"
    assert runner.invoke(app, ["baseline", ru, en, "-g", str(UKRAINE), "-o", str(base)]).exit_code == 0
    ru2, en2 = write(tmp_path, SOURCE + "\nМэр Киева заявил о новых планах на зиму.\n", TARGET + "\nThe mayor of Kiev announced new plans for the winter.\n")
    after = runner.invoke(app, ["check", ru2, en2, "-g", str(UKRAINE), "--baseline", str(base), "--format", "json"])
    states = [s for code, _, span, s in findings(after) if span == "Kiev"]
    assert states == ["external", None]  # the first is the old one, the repeat is new
    assert after.exit_code == 1


def test_baseline_sarif_marks_external_suppressions(tmp_path, use_encoder):
    ru, en = write(tmp_path, SOURCE, TARGET)
    base = tmp_path / "b.json"
    runner.invoke(app, ["baseline", ru, en, "-g", str(UKRAINE), "-o", str(base)])
    out = runner.invoke(app, ["check", ru, en, "-g", str(UKRAINE), "--baseline", str(base), "--format", "sarif"])
    assert out.exit_code == 0
    (result,) = [r for r in json.loads(out.stdout)["runs"][0]["results"] if r["ruleId"] == "TC102"]
    assert result["suppressions"][0]["kind"] == "external"


def test_bad_baseline_files(tmp_path, use_encoder):
    ru, en = write(tmp_path, SOURCE, TARGET)
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "transcheck-baseline",\n  "version": 1,\n  oops}\n', encoding="utf-8")
    result = runner.invoke(app, ["check", ru, en, "--baseline", str(broken)])
    assert result.exit_code == 2 and f"{broken}:3:" in result.stderr
    missing = runner.invoke(app, ["check", ru, en, "--baseline", str(tmp_path / "none.json")])
    assert missing.exit_code == 2 and "no such baseline" in missing.stderr
    good = tmp_path / "good.json"
    assert runner.invoke(app, ["baseline", ru, en, "-g", str(UKRAINE), "-o", str(good)]).exit_code == 0
    kept = good.read_bytes()
    clobber = runner.invoke(app, ["check", ru, en, "--baseline", str(good), "--output", str(good)])
    assert clobber.exit_code == 2 and "would overwrite" in clobber.stderr and good.read_bytes() == kept
    with pytest.raises(InputError, match="not a transcheck baseline"):
        parse('{"findings": []}', "other.json")


def test_baseline_reads_the_configuration_and_takes_a_tree(tmp_path, monkeypatch, use_encoder):
    # A repository whose glossary and pairs live in transcheck.yaml: the baseline must hold
    # what `check` then reports there, for the configured pairs, for two directories and for
    # one pair, or CI fails on the very findings that were accepted.
    for lang, text in (("ru", SOURCE), ("en", TARGET)):
        (tmp_path / "content" / lang).mkdir(parents=True)
        (tmp_path / "content" / lang / "a.md").write_text(text, encoding="utf-8")
    (tmp_path / "content" / "ru" / "b.md").write_text("Погода в Одессе остаётся тёплой.\n", encoding="utf-8")
    (tmp_path / "transcheck.yaml").write_text(
        f"glossaries: ['{UKRAINE}']\npairs:\n  - source: content/ru/**/*.md\n    target: content/en/{{path}}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["check"]).exit_code == 1

    made = runner.invoke(app, ["baseline", "-o", "all.json"])
    assert made.exit_code == 0, made.output
    codes = sorted(e["code"] for e in json.loads(Path("all.json").read_text(encoding="utf-8"))["findings"])
    assert codes == ["TC102", "TC505"]
    assert runner.invoke(app, ["check", "--baseline", "all.json"]).exit_code == 0

    assert runner.invoke(app, ["baseline", "content/ru", "content/en", "-o", "dirs.json"]).exit_code == 0
    assert runner.invoke(app, ["check", "content/ru", "content/en", "--baseline", "dirs.json"]).exit_code == 0

    pair = ["content/ru/a.md", "content/en/a.md"]
    assert runner.invoke(app, ["baseline", *pair, "-o", "one.json"]).exit_code == 0
    same = runner.invoke(app, ["check", *pair, "--baseline", "one.json", "--format", "json"])
    assert same.exit_code == 0, same.output
    assert findings(same) == [("TC102", 1, "Kiev", "external")]

    wrong = runner.invoke(app, ["baseline", "content/ru/a.md"])
    assert wrong.exit_code == 2 and "SOURCE TARGET" in wrong.stderr
