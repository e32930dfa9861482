"""The integrations: the pre-commit hook, run by the real pre-commit tool in a temporary git
repository, and the shell steps of the composite GitHub Action.

pre-commit, offline: pre-commit installs the hook repository into a fresh virtualenv with `pip install .`.
Here pip gets no index (PIP_NO_INDEX) and finds transcheck's dependencies where this test
process has them (PYTHONPATH), building without isolation; transcheck itself is installed
from the hook repository, exactly as a user's pre-commit would install it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=transcheck", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false", *args],
        cwd=cwd, check=True, capture_output=True, text=True,
    ).stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """A git repository holding this checkout's package and its .pre-commit-hooks.yaml."""
    repo = tmp_path_factory.mktemp("hooks")
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(REPO / name, repo / name)
    shutil.copytree(REPO / "checker", repo / "checker", ignore=shutil.ignore_patterns("__pycache__"))
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "hooks")
    return repo, git(repo, "rev-parse", "HEAD")


def test_hook_definition():
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "transcheck" and hook["entry"].startswith("transcheck check")
    assert hook["language"] == "python" and hook["pass_filenames"] is False


def test_pre_commit_runs_the_hook(tmp_path, hook_repo):
    pytest.importorskip("pre_commit")
    hooks, rev = hook_repo
    work = tmp_path / "content"
    work.mkdir()
    git(work, "init", "-q")
    (work / "ru.txt").write_text("Мэр Киева заявил о новых планах на зиму.\n", encoding="utf-8")
    (work / "en.txt").write_text("The mayor of Kiev announced new plans for the winter.\n", encoding="utf-8")
    shutil.copy(REPO / "glossaries" / "ru-en" / "ukraine.yaml", work / "g.yaml")
    config = {"repos": [{"repo": str(hooks), "rev": rev, "hooks": [{"id": "transcheck", "args": ["ru.txt", "en.txt", "--glossary", "g.yaml"]}]}]}
    (work / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git(work, "add", "-A")
    home = tmp_path / "pre-commit-home"
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # sic: pip reads this as --no-build-isolation
        "PYTHONPATH": sysconfig.get_paths()["purelib"],
        "TRANSCHECK_CACHE_DIR": str(tmp_path / "cache"),
        "NO_COLOR": "1",
    }

    def pre_commit(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", *args], cwd=work, env=env, capture_output=True, text=True, timeout=600)

    failed = pre_commit("--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "transcheck" in failed.stdout and "Failed" in failed.stdout
    assert 'en.txt:1:14  error   TC102 term-forbidden  "Kiev"' in failed.stdout
    # pre-commit built its own environment with transcheck installed from the hook repository.
    assert list(home.glob("repo*/py_env-*/lib/python*/site-packages/transcheck-*.dist-info"))

    (work / "en.txt").write_text("The mayor of Kyiv announced new plans for the winter.\n", encoding="utf-8")
    git(work, "add", "-A")
    passed = pre_commit("--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout

    # Only staged files matching the hook's pattern start it.
    git(work, "commit", "-q", "-m", "content")
    (work / "notes.py").write_text("x = 1\n", encoding="utf-8")
    git(work, "add", "notes.py")
    skipped = pre_commit()
    assert skipped.returncode == 0 and "Skipped" in skipped.stdout


# --- the GitHub Action --------------------------------------------------------------------


def _step(name: str) -> dict:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    return next(s for s in action["runs"]["steps"] if s.get("name") == name)


def test_action_uploads_sarif_with_codeql():
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    uses = [s.get("uses", "") for s in action["runs"]["steps"]]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    assert _step("Upload SARIF")["with"]["sarif_file"] == "${{ inputs.sarif-file }}"


def test_action_steps_run_transcheck(tmp_path, use_encoder):
    """The action's own shell steps, with a `transcheck` on PATH that runs this checkout."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    exe = bin_dir / "transcheck"
    exe.write_text(f'#!/bin/sh\nPYTHONPATH="{REPO}" exec "{sys.executable}" -m checker "$@"\n', encoding="utf-8")
    exe.chmod(0o755)
    (tmp_path / "my ru.txt").write_text("Мэр Киева заявил о новых планах на зиму.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("The mayor of Kiev announced new plans for the winter.\n", encoding="utf-8")
    outputs, summary = tmp_path / "out.txt", tmp_path / "summary.md"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "ARGS": f"'my ru.txt' en.txt --glossary {REPO / 'glossaries' / 'ru-en' / 'ukraine.yaml'}",
        "FAIL_ON": "error",
        "BASELINE": "",
        "SARIF_FILE": "out.sarif",
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_STEP_SUMMARY": str(summary),
        "TRANSCHECK_CACHE_DIR": str(tmp_path / "cache"),
    }

    def run(step: str) -> subprocess.CompletedProcess[str]:
        # As GitHub runs a `shell: bash` step.
        script = tmp_path / "step.sh"
        script.write_text(_step(step)["run"], encoding="utf-8")
        return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=300)

    check = run("Check translations")
    assert check.returncode == 0, check.stderr
    assert "exit-code=1" in outputs.read_text(encoding="utf-8")
    assert check.stdout.startswith("::error file=en.txt,line=1,col=14,")
    assert "TC102 term-forbidden" in summary.read_text(encoding="utf-8")
    sarif = run("Write SARIF")
    assert sarif.returncode == 0, sarif.stderr
    assert '"version": "2.1.0"' in (tmp_path / "out.sarif").read_text(encoding="utf-8")
