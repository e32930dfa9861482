"""--changed-since in a real temporary git repository."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.batch.changed import changed_files, select_changed
from checker.batch.pairing import directory_spec, discover
from checker.cli import app
from checker.errors import ConfigError
from tests.batch.conftest import CLEAN_EN, CLEAN_RU, NUMBER_EN, NUMBER_RU, write

runner = CliRunner()


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=repo, check=True, capture_output=True, text=True,
    ).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path, {"ru/a.md": CLEAN_RU, "en/a.md": CLEAN_EN, "ru/b.md": CLEAN_RU, "en/b.md": CLEAN_EN,
                     "ru/c.md": CLEAN_RU, "en/c.md": CLEAN_EN})
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    git(tmp_path, "tag", "base")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def selected(ref: str) -> list[tuple[str | None, str | None]]:
    jobs = select_changed(discover([directory_spec("ru", "en")]), changed_files(ref))
    return [(j.source, j.target) for j in jobs]


def test_only_pairs_with_a_changed_side(repo: Path) -> None:
    write(repo, {"en/b.md": NUMBER_EN})  # committed change to a target
    git(repo, "commit", "-qam", "edit b")
    write(repo, {"ru/c.md": NUMBER_RU})  # uncommitted change to a source
    write(repo, {"ru/d.md": CLEAN_RU})  # a new, untracked source: a missing translation
    assert selected("base") == [("ru/b.md", "en/b.md"), ("ru/c.md", "en/c.md"), ("ru/d.md", None)]


def test_a_deleted_source_brings_its_orphaned_target(repo: Path) -> None:
    git(repo, "rm", "-q", "ru/a.md")
    git(repo, "commit", "-qm", "drop a")
    assert selected("base") == [(None, "en/a.md")]


def test_nothing_changed_is_an_empty_run_that_passes(repo: Path) -> None:
    result = runner.invoke(app, ["check", "ru", "en", "--changed-since", "base", "--no-config", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["totals"]["pairs"] == 0


def test_a_branch_is_compared_with_its_merge_base(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "feature")
    write(repo, {"en/a.md": NUMBER_EN})
    git(repo, "commit", "-qam", "feature edit")
    git(repo, "checkout", "-q", "main")
    write(repo, {"en/c.md": NUMBER_EN})  # main moves on after the branch point
    git(repo, "commit", "-qam", "main edit")
    git(repo, "checkout", "-q", "feature")
    assert selected("main") == [("ru/a.md", "en/a.md")]


@pytest.mark.parametrize("ref, message", [("nope", "no such git revision"), ("--all", "needs a git revision")])
def test_bad_ref_is_one_line_exit_2(repo: Path, ref: str, message: str) -> None:
    result = runner.invoke(app, ["check", "ru", "en", f"--changed-since={ref}", "--no-config"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output


def test_outside_a_git_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match="not a git repository"):
        changed_files("HEAD")
