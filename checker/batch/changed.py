"""`--changed-since GIT_REF`: only the pairs with a side that changed, as a pull-request job wants.

"Changed" is what ``git diff --name-only`` reports between the ref's merge base with HEAD
and the working tree (so ``origin/main`` means "changed on this branch", not "differs from
where main has moved since"), plus untracked files that git does not ignore: a new article
not yet committed is a change too. A deleted file counts: its counterpart is then checked
(and reported as having no counterpart).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence

from checker.batch.pairing import PairJob
from checker.errors import ConfigError


def _git(args: Sequence[str], cwd: str, ref: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False
        )
    except FileNotFoundError:
        raise ConfigError(f"--changed-since {ref}: git is not installed") from None
    if done.returncode != 0:
        first = next((line for line in done.stderr.splitlines() if line.strip()), f"exit status {done.returncode}")
        raise ConfigError(f"--changed-since {ref}: git {args[0]}: {first.strip()}")
    return done.stdout


def changed_files(ref: str, cwd: str | None = None) -> set[str]:
    """Absolute (real) paths of the files changed since ``ref``. ConfigError, one line, if git fails."""
    cwd = cwd or os.getcwd()
    if not ref or ref.startswith("-"):
        raise ConfigError(f"--changed-since needs a git revision, not {ref!r}")
    top = _git(["rev-parse", "--show-toplevel"], cwd, ref).strip()
    try:
        _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], cwd, ref)
    except ConfigError:
        raise ConfigError(f"--changed-since {ref}: no such git revision (fetch it first in a shallow clone)") from None
    try:
        base = _git(["merge-base", ref, "HEAD"], cwd, ref).strip() or ref
    except ConfigError:
        base = ref  # unrelated histories, or no HEAD yet: compare with the ref itself
    names = _git(["diff", "--name-only", "-z", "--no-renames", base, "--"], cwd, ref).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], top, ref).split("\0")
    return {os.path.realpath(os.path.join(top, n)) for n in names if n}


def select_changed(jobs: Sequence[PairJob], changed: set[str]) -> list[PairJob]:
    """The jobs one of whose files (or the file that should exist) is among ``changed``."""
    return [j for j in jobs if any(os.path.realpath(p) in changed for p in j.paths())]
