"""Many pairs on Dask (`--scheduler`): the same results as the local run, lost workers retried,
and nothing of Dask imported without the option.

One LocalCluster of 2 worker processes serves the module (starting one costs seconds); the
command-line test reaches it by its address, as a user reaches an existing cluster.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from checker.batch.pairing import PairJob, directory_spec, discover
from checker.batch.runner import run_pairs
from checker.cli import app
from checker.config import Settings
from tests.batch.conftest import CLEAN_EN, CLEAN_RU, NUMBER_EN, NUMBER_RU, write
from tests.conftest import REPO

pytestmark = pytest.mark.cluster

runner = CliRunner()


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    pytest.importorskip("distributed")
    from checker.batch.cluster import connect

    with connect("local:2") as c:
        yield c


@pytest.fixture
def fresh(client: Any) -> Iterator[Any]:
    """The module's cluster with both workers up, and whatever a test armed on them undone."""
    client.wait_for_workers(2, timeout=120)
    yield client
    client.run(_disarm)
    from checker.batch.cluster import LOCAL_ALLOWED_FAILURES

    client.run_on_scheduler(_allow_failures, LOCAL_ALLOWED_FAILURES)
    client.wait_for_workers(2, timeout=120)


def _disarm() -> None:
    from checker.batch import runner as worker_runner

    real = getattr(worker_runner, "_real_check_pair", None)
    if real is not None:
        worker_runner.check_pair = real


def _allow_failures(n: int, dask_scheduler: Any = None) -> None:
    dask_scheduler.allowed_failures = n


def _arm(target_suffix: str, marker: str | None) -> None:
    """On a worker: checking the pair whose target ends with ``target_suffix`` kills the worker
    process, the first time anywhere when ``marker`` names a file (then created), else always."""
    import os

    from checker.batch import runner as worker_runner

    real = getattr(worker_runner, "_real_check_pair", worker_runner.check_pair)
    worker_runner._real_check_pair = real  # type: ignore[attr-defined]

    def dying(job: Any, settings: Any) -> Any:
        if job.target.endswith(target_suffix):
            if marker is None:
                os._exit(1)
            try:
                fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                pass
            else:
                os.close(fd)
                os._exit(1)
        return real(job, settings)

    worker_runner.check_pair = dying


def findings(results: list) -> list[tuple]:
    """What a user compares: per pair, its paths, error and every finding with its place."""
    out = []
    for r in results:
        out.append((r.source_path, r.target_path, r.error))
        for f in r.all_findings():
            out.append((f.code, f.severity.value, f.message, f.source, f.target, f.suggestion))
    return out


def items_of(root: Path) -> list[tuple[PairJob, Settings]]:
    return [(job, Settings(glossaries=())) for job in discover([directory_spec("content/ru", "content/en")])]


def test_pairs_on_a_local_cluster_give_the_findings_of_the_local_run(tree: Path, fresh: Any) -> None:
    from checker.batch.cluster import run_pairs as run_on

    items = items_of(tree)
    # A local pool: its workers, like the cluster's, embed with one BLAS thread (a different
    # thread count changes the vectors in their last bits, and so the scores).
    local = run_pairs(items, workers=2)
    run = run_on(fresh, items, batch_size=1)
    assert findings(run.results) == findings(local)
    assert [r.report for r in run.results] == [r.report for r in local]  # whole reports, alignments too
    assert any(f.code == "TC401" for r in run.results for f in r.all_findings())
    sig = run.signature()
    assert (sig["workers"], sig["checked"], sig["failed"], sig["retried"]) == (2, 2, 0, 0)


def test_the_command_line_against_a_scheduler_address(tree: Path, fresh: Any) -> None:
    address = fresh.scheduler.address
    # No cache: a pair the local run kept would be settled in the client, never sent out;
    # a local pool embeds with one thread, as the cluster's workers do.
    common = ["check", "content/ru", "content/en", "--no-config", "--fail-on", "never", "--no-cache"]
    local = runner.invoke(app, [*common, "--format", "json", "--jobs", "2"])
    remote = runner.invoke(app, [*common, "--format", "json", "--scheduler", address])
    assert remote.exit_code == local.exit_code == 0, remote.output
    local_doc, remote_doc = json.loads(local.stdout), json.loads(remote.stdout)
    assert remote_doc["pairs"] == local_doc["pairs"]
    assert remote_doc["totals"] == local_doc["totals"]
    cluster = remote_doc["signature"]["cluster"]
    assert (cluster["scheduler"], cluster["checked"], cluster["failed"], cluster["retried"]) == (address, 2, 0, 0)
    assert remote_doc["signature"]["settings"]["scheduler"] == address
    text = runner.invoke(app, [*common, "--scheduler", address])
    assert text.stdout.rstrip().splitlines()[-1].endswith("— 2 pairs checked, 2 files without a counterpart, 0 pairs retried on the cluster")


def test_a_worker_that_dies_mid_batch_has_its_pair_retried_and_counted(tree: Path, fresh: Any) -> None:
    from checker.batch.cluster import run_pairs as run_on

    items = items_of(tree)
    local = run_pairs(items, workers=0)
    fresh.run(_arm, "number.md", str(tree / "died-once"))
    run = run_on(fresh, items, batch_size=1)
    assert (tree / "died-once").exists()  # a worker did die
    assert findings(run.results) == findings(local)
    sig = run.signature()
    # The number pair's batch was lost with its worker and run again: counted once.
    assert (sig["checked"], sig["failed"], sig["retried"]) == (2, 0, 1)


def test_a_pair_that_kills_every_worker_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: Any) -> None:
    from checker.batch.cluster import run_pairs as run_on

    files = {}
    for k in range(3):
        files[f"content/ru/ok{k}.md"] = CLEAN_RU
        files[f"content/en/ok{k}.md"] = CLEAN_EN
    # The largest pair: its task goes first, to a worker that holds no other result (a result
    # lost with its worker before the client fetched it would be run again, and counted).
    files["content/ru/poison.md"] = NUMBER_RU * 3
    files["content/en/poison.md"] = NUMBER_EN * 3
    write(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    items = items_of(tmp_path)
    fresh.run_on_scheduler(_allow_failures, 0)  # the first loss is a KilledWorker: quick
    fresh.run(_arm, "poison.md", None)
    run = run_on(fresh, items, batch_size=4)  # all four pairs in one task
    by_target = {r.target_path: r for r in run.results}
    poison = by_target["content/en/poison.md"]
    assert poison.report is None and poison.error is not None
    assert poison.error.startswith("content/en/poison.md: checking this pair failed (KilledWorker")
    assert [by_target[f"content/en/ok{k}.md"].error for k in range(3)] == [None] * 3
    sig = run.signature()
    # The batch was split and its four pairs resubmitted one by one; the poison pair failed.
    assert (sig["checked"], sig["failed"], sig["retried"]) == (3, 1, 4)


def test_workers_read_fsspec_urls_from_a_manifest(tree: Path, fresh: Any) -> None:
    from checker.batch.cluster import run_pairs as run_on
    from checker.batch.manifest import read_manifest
    from checker.batch.pairing import ManifestSpec

    rows = ["source,target"]
    for rel in ("clean.md", "news/2024/number.md"):
        rows.append(f"{(tree / 'content/ru' / rel).as_uri()},{(tree / 'content/en' / rel).as_uri()}")
    (tree / "pairs.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    jobs = read_manifest(ManifestSpec(str(tree / "pairs.csv")))
    assert all(j.source.startswith("file:///") for j in jobs)  # type: ignore[union-attr]
    run = run_on(fresh, [(j, Settings()) for j in jobs])
    by_path = run_pairs([(PairJob(f"content/ru/{rel}", f"content/en/{rel}"), Settings()) for rel in ("clean.md", "news/2024/number.md")], workers=0)
    assert [r.error for r in run.results] == [None, None]
    assert [[(f.code, f.message, f.target) for f in r.all_findings()] for r in run.results] == [
        [(f.code, f.message, f.target) for f in r.all_findings()] for r in by_path
    ]
    assert run.results[1].report.target.path == jobs[1].target  # type: ignore[union-attr]


def test_a_url_is_read_through_fsspec_and_a_missing_one_is_one_line() -> None:
    pytest.importorskip("fsspec")
    import fsspec

    from checker.errors import InputError
    from checker.text.reading import read_text

    with fsspec.open("memory://transcheck-test/ru.md", "wb") as f:
        f.write("# Заголовок\n\nПервое предложение. Второе.\n".encode("cp1251"))
    text = read_text("memory://transcheck-test/ru.md")
    assert (text.format, text.encoding, text.path) == ("markdown", "cp1251", "memory://transcheck-test/ru.md")
    with pytest.raises(InputError, match=r"^memory://transcheck-test/nothing\.txt: no such file$"):
        read_text("memory://transcheck-test/nothing.txt")


def test_batches_hold_about_a_second_and_shrink_towards_the_end() -> None:
    from checker.batch.cluster import plan_batches

    costs = [0.3] * 100  # 30 s of work on 4 threads
    batches = plan_batches(costs, threads=4, target=1.0)
    assert [i for b in batches for i in b] == list(range(100))  # every pair once, in order
    loads = [sum(costs[i] for i in b) for b in batches]
    assert max(loads) <= 1.0 and loads[0] > 0.8  # about a second while there is much to do
    assert loads[-1] < loads[0]  # and smaller ones at the end
    assert plan_batches([5.0, 5.0], threads=4) == [[0], [1]]  # a long pair is a batch of its own


def test_without_scheduler_nothing_of_dask_is_imported(tree: Path) -> None:
    code = (
        "import sys\n"
        "from checker.cli import app\n"
        "try:\n"
        "    app(['check', 'content/ru', 'content/en', '--no-config', '--fail-on', 'never'], standalone_mode=False)\n"
        "finally:\n"
        "    print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed', 'fsspec'}), file=sys.stderr)\n"
    )
    env = {"PYTHONPATH": str(REPO), "CI": "1", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], cwd=tree, capture_output=True, text=True, env=env)
    assert "2 pairs checked" in out.stdout, out.stderr
    assert out.stderr.strip().splitlines()[-1] == "[]"


def test_scheduler_without_dask_is_one_line_naming_the_extra(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now fails
    result = runner.invoke(app, ["check", "content/ru", "content/en", "--no-config", "--scheduler", "local:2"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "transcheck: error: --scheduler runs the pairs on Dask, which is not installed: pip install 'transcheck[cluster]'"
    ]


@pytest.mark.parametrize(
    ("config", "args", "message"),
    [
        ("scheduler: local:x\n", [], "transcheck.yaml:1: scheduler must be local, local:N"),
        ("", ["--scheduler", "local:0"], "--scheduler must be local, local:N"),
    ],
)
def test_a_bad_scheduler_is_one_line_exit_2(tree: Path, config: str, args: list[str], message: str) -> None:
    (tree / "transcheck.yaml").write_text(config, encoding="utf-8")
    result = runner.invoke(app, ["check", "content/ru", "content/en", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"transcheck: error: {message}") and len(result.stderr.strip().splitlines()) == 1


def test_the_configured_scheduler_is_a_setting_with_its_origin(tree: Path) -> None:
    (tree / "transcheck.yaml").write_text("scheduler: tcp://10.0.0.5:8786\n", encoding="utf-8")
    result = runner.invoke(app, ["config", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert json.dumps(data).count("tcp://10.0.0.5:8786") >= 1
    assert "transcheck.yaml:1" in json.dumps(data)
