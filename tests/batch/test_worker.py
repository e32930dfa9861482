"""A pool worker's thread settings only work if numpy is not imported before its initializer."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_a_spawned_worker_imports_no_numpy_before_its_initializer() -> None:
    # What a spawned worker imports before init_worker runs: the main module (`python -m
    # checker` → checker.cli) and the module the initializer is pickled from.
    code = "import checker.cli, checker.batch.runner, sys; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_initializer_sets_one_thread_before_numpy_loads() -> None:
    code = (
        "import os, sys\n"
        "from checker.batch.runner import init_worker\n"
        "init_worker(['use'], [])\n"
        "from threadpoolctl import threadpool_info\n"
        "print(os.environ['OPENBLAS_NUM_THREADS'], os.environ['OMP_NUM_THREADS'],"
        " sorted({i['num_threads'] for i in threadpool_info()}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "1", "[1]"]


def test_a_warning_inside_a_worker_is_one_line_like_the_cli_s() -> None:
    # A worker is its own process: without the initializer's hook a warning there would
    # reach the terminal as Python's "file:line: Category: …" plus a source excerpt.
    code = (
        "import warnings\n"
        "from checker.batch.runner import init_worker\n"
        "init_worker([], [])\n"
        "warnings.warn('cache file rebuilt\\nnext line')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stderr == "transcheck: warning: cache file rebuilt\\nnext line\n"
