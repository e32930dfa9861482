"""`--scheduler local:2` against the local pool, then a simulated archive: pairs/s and memory per worker.

1. The 187 articles of ../shared/eval/wmt-ru-en-dev as a content tree (written as
   benchmarks/batch.py writes it, under a temporary directory), checked by
   `transcheck check ru en --format json` twice, each in a fresh process: with the local
   pool (--jobs 2) and with --scheduler local:2. The per-pair reports must be equal (the
   script stops if not); it prints both wall times and their ratio (target ≤ 1.3×).
2. A simulated archive: those pairs repeated to --pairs (default 10,000; the same files,
   so the filesystem is not what is measured) on a LocalCluster of --workers processes, in
   this process through the library. Every tenth of the run it prints pairs/s and each
   worker's resident and peak memory, so that flat memory shows, and a cluster of N
   machines can be sized from the pairs/s of one worker. This build has no embedding cache.
3. With --unbatched N: N pairs sent one a task, for the scheduler's cost per task.

    python benchmarks/cluster.py [--set DIR] [--pairs N] [--workers N] [--unbatched N] [--skip-compare]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import EVAL
from batch import run, write_tree

from _common import read_set

WALL_RATIO_TARGET = 1.3


def compare(tree: Path, workers: int) -> None:
    python = sys.executable
    cmd = [python, "-m", "checker", "check", "ru", "en", "--format", "json", "--fail-on", "never", "--no-config"]
    wall_pool, rss_pool, _, cpu_pool, _, out_pool = run([*cmd, "--jobs", str(workers)], tree)
    wall_dask, rss_dask, _, cpu_dask, _, out_dask = run([*cmd, "--scheduler", f"local:{workers}"], tree)
    pool, dask = json.loads(out_pool), json.loads(out_dask)
    same = pool["pairs"] == dask["pairs"]
    findings = sum(len(p["findings"]) for p in pool["pairs"])
    cluster = dask["signature"]["cluster"]
    print(
        f"local pool (--jobs {workers}):        {wall_pool:5.1f} s wall  {cpu_pool:5.1f} s CPU  peak RSS {rss_pool:4.0f} MB",
        flush=True,
    )
    print(
        f"--scheduler local:{workers}:          {wall_dask:5.1f} s wall  {cpu_dask:5.1f} s CPU  peak RSS {rss_dask:4.0f} MB"
        f"  ({cluster['batches']} batches, {cluster['retried']} pairs retried)",
        flush=True,
    )
    print(
        f"same findings as the local pool: {same} ({findings} findings in {len(pool['pairs'])} pairs);"
        f" wall-time ratio {wall_dask / wall_pool:.2f}× (target ≤ {WALL_RATIO_TARGET}×); load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    if not same:
        raise SystemExit("the cluster's reports differ from the local pool's")


def archive(tree: Path, pairs: int, workers: int, *, batch_size: int | None = None) -> None:
    from checker.batch.cluster import BatchResult, connect, run_pairs
    from checker.batch.pairing import directory_spec, discover
    from checker.config import Settings

    os.chdir(tree)
    jobs = discover([directory_spec("ru", "en")])
    items = [(jobs[k % len(jobs)], Settings()) for k in range(pairs)]
    label = "one pair a task" if batch_size == 1 else "batched"
    t0 = time.perf_counter()
    with connect(f"local:{workers}") as client:
        started = time.perf_counter()
        print(f"archive of {pairs} pairs ({label}) on local:{workers}: cluster up in {started - t0:.1f} s", flush=True)
        state: dict[str, Any] = {"done": 0, "next": 0.1, "last_t": started, "last_n": 0, "rss": {}, "peak": {}, "busy": 0.0, "cpu": 0.0}

        def on_batch(b: BatchResult) -> None:
            state["done"] += len(b.results)
            state["busy"] += b.seconds
            state["cpu"] += b.cpu_seconds
            state["rss"][b.worker] = b.rss
            state["peak"][b.worker] = max(state["peak"].get(b.worker, 0), b.peak_rss)
            if state["done"] >= state["next"] * pairs or state["done"] == pairs:
                now = time.perf_counter()
                rate = (state["done"] - state["last_n"]) / max(1e-9, now - state["last_t"])
                workers_mb = "  ".join(
                    f"w{n}: {state['rss'][w] / 2**20:4.0f}/{state['peak'][w] / 2**20:4.0f} MB"
                    for n, w in enumerate(sorted(state["rss"]))
                )
                print(
                    f"  {state['done']:>6} pairs  {now - started:6.1f} s  {rate:6.1f} pairs/s now"
                    f"  {state['done'] / (now - started):6.1f} pairs/s overall  RSS now/peak {workers_mb}",
                    flush=True,
                )
                state["last_t"], state["last_n"] = now, state["done"]
                state["next"] = min(1.0, state["next"] + 0.1)

        result = run_pairs(client, items, scheduler=f"local:{workers}", on_batch=on_batch, batch_size=batch_size)
        wall = time.perf_counter() - started
    sig = result.signature()
    per_task = state["busy"] / max(1, sig["batches"])
    # Time the workers spent between tasks (waiting on the scheduler and this client).
    idle = 1 - state["busy"] / (wall * workers)
    client_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"archive: {pairs} pairs in {wall:.1f} s = {pairs / wall:.1f} pairs/s on {workers} workers"
        f" ({pairs / wall / workers:.1f} pairs/s a worker; {pairs / state['cpu']:.1f} pairs per CPU second of a worker,"
        f" what one worker on an idle core gives); {sig['batches']} tasks of {per_task:.2f} s on average,"
        f" workers idle between tasks {idle:.1%} of the time; checked {sig['checked']}, failed {sig['failed']},"
        f" retried {sig['retried']}; peak RSS per worker {max(state['peak'].values()) / 2**20:.0f} MB;"
        f" this client (holding every report) {client_mb:.0f} MB; load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", type=Path, default=EVAL / "wmt-ru-en-dev")
    ap.add_argument("--pairs", type=int, default=10_000, help="pairs of the simulated archive (0: none)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--unbatched", type=int, default=0, help="also this many pairs sent one a task")
    ap.add_argument("--skip-compare", action="store_true", help="only the archive")
    args = ap.parse_args()

    docs = read_set(args.set)
    base = Path(tempfile.mkdtemp(prefix="transcheck-cluster-"))
    try:
        tree = base / "tree"
        write_tree(docs, tree)
        if not args.skip_compare:
            compare(tree, args.workers)
        if args.pairs:
            archive(tree, args.pairs, args.workers)
        if args.unbatched:
            archive(tree, args.unbatched, args.workers, batch_size=1)
    finally:
        os.chdir(base.parent)
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
