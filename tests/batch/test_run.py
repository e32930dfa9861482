"""Many pairs through `transcheck check`: the same findings as one pair at a time, one bad file
among good ones, multi-pair text and JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.batch.pairing import PairJob
from checker.batch.runner import pool_size, run_pairs
from checker.cli import app
from checker.config import Settings
from tests.batch.conftest import CLEAN_EN, CLEAN_RU, NUMBER_EN, NUMBER_RU, write
from tests.conftest import SEED, UKRAINE

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [*args])


def findings(doc: dict) -> list[tuple]:
    return [(f["code"], f["severity"], f["message"], json.dumps(f["source"]), json.dumps(f["target"]), f["suggestion"])
            for f in doc["findings"]]


def test_a_pair_in_a_run_has_exactly_the_findings_of_a_single_check(tree: Path, use_encoder) -> None:
    # The seed pair with a glossary has findings of four rules; run in the pool (--jobs 2).
    write(tree, {"content/ru/seed.txt": (SEED / "ru.txt").read_text(encoding="utf-8"),
                 "content/en/seed.txt": (SEED / "en.txt").read_text(encoding="utf-8")})
    common = ["--no-config", "-f", "json", "-g", str(UKRAINE)]
    run = invoke("check", "content/ru", "content/en", "--jobs", "2", *common)
    assert run.exit_code == 1, run.output
    by_target = {p["target"]["path"]: p for p in json.loads(run.stdout)["pairs"] if p["target"]}
    for source, target in [("content/ru/seed.txt", "content/en/seed.txt"),
                           ("content/ru/news/2024/number.md", "content/en/news/2024/number.md")]:
        single = invoke("check", source, target, *common)
        assert single.exit_code == 1, single.output
        one = json.loads(single.stdout)
        assert findings(by_target[target]) == findings(one)
        assert by_target[target]["alignment"] == one["alignment"]
    assert {f[0] for f in findings(by_target["content/en/seed.txt"])} >= {"TC102", "TC201", "TC502"}


def test_text_report_groups_findings_by_pair_with_a_totals_line(tree: Path) -> None:
    result = invoke("check", "content/ru", "content/en", "--no-config")
    assert result.exit_code == 1, result.output
    out = result.stdout
    # the clean pair says nothing; the others each have a heading, in source order
    assert "content/ru/clean.md" not in out
    headings = [line for line in out.splitlines() if "→" in line]
    assert headings == [
        "content/ru/news/2024/number.md → content/en/news/2024/number.md",
        "(no source) → content/en/news/stale.md",
        "content/ru/news/untranslated.md → (no translation)",
    ]
    assert "content/en/news/2024/number.md:1:" in out and "TC401 number-mismatch" in out
    assert "content/ru/news/untranslated.md:1:1  error   TC505 missing-translation" in out
    assert "content/en/news/stale.md:1:1  warning TC506 missing-source" in out
    assert out.rstrip().splitlines()[-1] == "2 errors, 1 warning, 0 info — 2 pairs checked, 2 files without a counterpart"


def test_json_report_is_one_single_pair_report_per_pair_plus_totals(tree: Path) -> None:
    result = invoke("check", "content/ru", "content/en", "--no-config", "-f", "json")
    data = json.loads(result.stdout)
    assert [(p["source"] and p["source"]["path"], p["target"] and p["target"]["path"]) for p in data["pairs"]] == [
        ("content/ru/clean.md", "content/en/clean.md"),
        ("content/ru/news/2024/number.md", "content/en/news/2024/number.md"),
        (None, "content/en/news/stale.md"),
        ("content/ru/news/untranslated.md", None),
    ]
    checked = data["pairs"][1]
    assert set(checked) >= {"signature", "source", "target", "alignment", "findings", "summary"}
    assert checked["source"]["language"] == "ru" and checked["findings"][0]["code"] == "TC401"
    missing = data["pairs"][3]["findings"][0]
    assert missing["code"] == "TC505" and missing["source"]["line"] == 1 and missing["target"] is None
    assert data["pairs"][3]["source"]["path"] == "content/ru/news/untranslated.md"
    assert data["totals"] == {"error": 2, "warning": 1, "info": 0, "suppressed": 0, "pairs": 4, "checked": 2,
                              "without_counterpart": 2, "failed": 0}


def test_one_unreadable_file_fails_its_pair_only_and_the_run_exits_2(tree: Path) -> None:
    write(tree, {"content/ru/empty.md": "   \n", "content/en/empty.md": CLEAN_EN})
    (tree / "content/ru/binary.md").write_bytes(b"\x00\x01\x02 binary")
    write(tree, {"content/en/binary.md": CLEAN_EN})
    result = invoke("check", "content/ru", "content/en", "--no-config", "-f", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    errors = {p["source"]["path"]: p["error"] for p in data["pairs"] if p["error"]}
    assert set(errors) == {"content/ru/empty.md", "content/ru/binary.md"}
    assert "content/ru/empty.md" in errors["content/ru/empty.md"]
    # the good pairs were still checked
    assert data["totals"]["checked"] == 2 and data["totals"]["failed"] == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("transcheck: error: content/ru/") for line in lines)


def test_a_target_that_is_a_directory_or_a_broken_link_is_an_unreadable_pair(tree: Path) -> None:
    write(tree, {"content/ru/folder.md": CLEAN_RU, "content/ru/linked.md": CLEAN_RU, "content/ru/gone.md": CLEAN_RU,
                 "content/en/folder.md/index.md": CLEAN_EN})
    (tree / "content/en/linked.md").symlink_to(tree / "nowhere.md")
    (tree / "content/ru/gone.md").unlink()
    (tree / "content/ru/gone.md").symlink_to(tree / "nowhere.md")  # a broken source, its target there
    write(tree, {"content/en/gone.md": CLEAN_EN})
    result = invoke("check", "content/ru", "content/en", "--no-config", "-f", "json")
    assert result.exit_code == 2, result.output
    data = json.loads(result.stdout)
    by_source = {p["source"]["path"]: p for p in data["pairs"] if p["source"]}
    assert "is a directory" in by_source["content/ru/folder.md"]["error"]
    assert "broken symbolic link" in by_source["content/ru/linked.md"]["error"]
    assert "content/ru/gone.md" in by_source["content/ru/gone.md"]["error"]
    codes = [f["code"] for p in data["pairs"] for f in p["findings"]]
    assert codes.count("TC505") == 1  # content/ru/news/untranslated.md only
    assert data["totals"]["checked"] == 2 and data["totals"]["failed"] == 3
    errors = [line for line in result.stderr.splitlines() if line.startswith("transcheck: error: ")]
    assert len(errors) == 3


def test_a_manifest_target_that_is_a_broken_link_is_an_unreadable_pair(tree: Path) -> None:
    (tree / "content/en/untranslated.md").symlink_to(tree / "nowhere.md")
    write(tree, {"pairs.csv": "source,target\ncontent/ru/news/untranslated.md,content/en/untranslated.md\n",
                 "transcheck.yaml": "pairs:\n  - manifest: pairs.csv\n"})
    result = invoke("check", "-f", "json")
    assert result.exit_code == 2, result.output
    (pair,) = json.loads(result.stdout)["pairs"]
    assert "broken symbolic link" in pair["error"] and pair["findings"] == []


@pytest.mark.parametrize(
    "args, code",
    [
        (["--fail-on", "never"], 0),
        (["--ignore", "TC401,TC505,TC506"], 0),
        (["--ignore", "TC401,TC505"], 0),  # TC506 is a warning: below the default fail-on
        (["--ignore", "TC401,TC505", "--fail-on", "warning"], 1),
        ([], 1),
    ],
)
def test_exit_codes(tree: Path, args: list[str], code: int) -> None:
    result = invoke("check", "content/ru", "content/en", "--no-config", *args)
    assert result.exit_code == code, result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["content/ru"], "give SOURCE TARGET"),
        (["content/ru", "content/en/clean.md"], "either two files or two directories"),
        (["content/ru/clean.md", "content/en/clean.md", "--changed-since", "HEAD"], "--changed-since selects among many pairs"),
        (["missing", "content/en"], "no such file"),
        ([], "no pairs to check"),
        (["content/ru", "content/en", "--jobs", "0"], "--jobs must be at least 1"),
    ],
)
def test_usage_errors_are_one_line_exit_2(tree: Path, args: list[str], message: str) -> None:
    result = invoke("check", *args, "--no-config")
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr


def test_no_progress_bar_when_piped_or_in_ci(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.cli import batch_command

    monkeypatch.setattr(batch_command.sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("CI", "true")
    assert not batch_command.progress_wanted()
    monkeypatch.delenv("CI")
    monkeypatch.setenv("TERM", "xterm")
    assert batch_command.progress_wanted()
    result = invoke("check", "content/ru", "content/en", "--no-config", "--fail-on", "never")
    assert result.exit_code == 0 and "checking" not in result.stderr


def test_tiny_runs_stay_in_this_process_and_big_ones_use_the_cores(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.batch import runner as runner_module

    monkeypatch.setattr(runner_module, "usable_cores", lambda: 4)
    jobs = [(PairJob("content/ru/clean.md", "content/en/clean.md"), Settings())] * 3
    assert pool_size(jobs) == 0  # a few hundred bytes: a pool would cost more than it saves
    monkeypatch.setattr(runner_module, "TINY_RUN_BYTES", 0)
    assert pool_size(jobs) == 3  # no more workers than pairs
    assert pool_size(jobs, jobs=2) == 2
    assert pool_size(jobs[:1], jobs=2) == 0


def test_results_come_back_in_plan_order_whatever_finishes_first(tree: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    items = [
        (PairJob("content/ru/news/2024/number.md", "content/en/news/2024/number.md"), Settings()),
        (PairJob("content/ru/news/untranslated.md", None, expected="x"), Settings()),
        (PairJob("content/ru/clean.md", "content/en/clean.md"), Settings()),
    ]
    seen = []
    with ThreadPoolExecutor(2) as pool:  # any concurrent.futures executor will do
        results = run_pairs(items, executor=pool, on_result=seen.append)
    assert [r.source_path for r in results] == [j.source for j, _ in items]
    assert len(seen) == 3
    assert [f.code for f in results[0].all_findings()] == ["TC401"]
    assert [f.code for f in results[1].all_findings()] == ["TC505"]


def test_a_bad_glossary_is_one_error_before_the_run(tree: Path) -> None:
    write(tree, {"bad.yaml": "version: 1\nsource_language: ru\ntarget_language: en\nterms:\n  - source: Киев\n    targt: Kyiv\n"})
    result = invoke("check", "content/ru", "content/en", "--no-config", "-g", "bad.yaml")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("transcheck: error: bad.yaml:6: unknown key 'targt'"), result.stderr
    assert result.stdout == ""
