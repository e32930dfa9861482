"""Running ``transcheck`` as an unprivileged user, for the tests of permission checks.

As root every permission check passes, so those tests run the CLI in a subprocess as the
``nobody`` user (uid 65534 when it has no entry). The interpreter must be one that user can
execute: this one, or else a system Python of the same version given this environment's
packages (a virtualenv's interpreter often lives under /root, which nobody may enter).
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent

# Runs the CLI with this environment's packages; argv[1] is the site-packages folder.
BOOT = ("import site, sys; site.addsitedir(sys.argv.pop(1)); sys.path.insert(0, sys.argv.pop(1)); "
        "sys.argv[0] = 'transcheck'; from checker.cli import main; main()")


@dataclass(frozen=True)
class User:
    uid: int
    gid: int
    python: str

    def run(self, *args: object, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """``transcheck ARGS`` as this user, in ``cwd``."""
        env = {"PATH": "/usr/bin:/bin", "HOME": str(cwd), "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}
        argv = [self.python, "-c", BOOT, sysconfig.get_paths()["purelib"], str(REPO), *map(str, args)]
        if self.uid == os.geteuid():
            return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
        return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                              user=self.uid, group=self.gid, extra_groups=[])


def _probe(user: User) -> bool:
    try:
        r = user.run("--version", cwd=Path("/"), timeout=60)
    except (OSError, subprocess.SubprocessError):
        return False
    return r.returncode == 0 and r.stdout.startswith("transcheck ")


@pytest.fixture(scope="session")
def unprivileged() -> User:
    """A user without root's powers, and a Python it can run transcheck with."""
    if os.geteuid() != 0:
        return User(os.geteuid(), os.getegid(), sys.executable)
    try:
        entry = pwd.getpwnam("nobody")
        uid, gid = entry.pw_uid, entry.pw_gid
    except KeyError:
        uid = gid = 65534
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    # Not $PATH alone: under pyenv it finds shims in /root first.
    system = [os.path.join(d, v) for d in ("/usr/bin", "/usr/local/bin", "/bin") for v in (version, "python3")]
    candidates = [sys.executable, *system, shutil.which(version)]
    for python in dict.fromkeys(c for c in candidates if c):
        user = User(uid, gid, python)
        if _probe(user):
            return user
    pytest.skip("no Python interpreter that an unprivileged user can run transcheck with")


@pytest.fixture
def their_dir(unprivileged: User) -> Iterator[Path]:
    """A folder owned by the unprivileged user (pytest's tmp_path is closed to other users)."""
    folder = Path(tempfile.mkdtemp(prefix="transcheck-"))
    os.chmod(folder, 0o755)
    if os.geteuid() == 0:
        os.chown(folder, unprivileged.uid, unprivileged.gid)
    yield folder
    for root, dirs, _files in os.walk(folder):  # a test may have made parts read-only
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
    os.chmod(folder, 0o755)
    shutil.rmtree(folder)
