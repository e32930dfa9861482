"""A content tree through `transcheck check SRC_DIR TGT_DIR`: cold wall time, linearity, peak RSS.

Writes the articles of ../shared/eval/wmt-ru-en-dev (187) as paragraph files, ru/… and en/…,
under a temporary directory (never into the repo), in trees of 50, 100 and all pairs, and
checks each tree in a fresh process, as CI would. Peak RSS is of the whole run: the sum over
the process and its pool workers, sampled from /proc every 20 ms (getrusage gives only the
largest single process, printed beside it).

    python benchmarks/batch.py [--set DIR] [--jobs N] [--second-run]

--second-run checks the full tree again with the cache the cold run filled (the ratio
cold/second, in wall and in CPU time; the reports must be the same), then once more after
editing a few target files, as a pull request would (only their pairs are checked again).

Every figure is of the whole run: CPU seconds of the process and its pool workers (which,
unlike wall time, do not depend on what else the machine is doing), wall seconds, and the
peak resident memory summed over the processes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _common import EVAL, REPO, paragraphs, read_set

TARGETS = {"cold_s": 20.0, "rss_mb": 1536.0, "second_ratio": 5.0}
# Target files edited (one sentence appended to each) for the "after an edit" run.
EDITED = 10


def write_tree(docs: list, root: Path) -> None:
    for side in ("ru", "en"):
        (root / side).mkdir(parents=True, exist_ok=True)
    for i, d in enumerate(docs):
        # Nested folders, as a real content tree has them.
        sub = f"part-{i // 50:02d}"
        for side, lines, paras in (("ru", d.src, d.src_paragraph), ("en", d.tgt, d.tgt_paragraph)):
            path = root / side / sub / f"{d.doc_id}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(paragraphs(lines, paras), encoding="utf-8")


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in kB."""
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status", encoding="ascii") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            continue
    return total


def run(cmd: list[str], cwd: Path) -> tuple[float, float, float, float, int, str]:
    """(wall s, peak tree RSS MB, largest process RSS MB, CPU s of the tree, exit code, stdout)."""
    env = {**os.environ, "CI": "1", "PYTHONPATH": str(REPO)}
    out_file = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out_file, stderr=subprocess.PIPE)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    stop.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({code}): {err.strip()[-800:]}")
    out_file.seek(0)
    # wait4's usage covers the child and the workers it reaped: the CPU time of the whole run,
    # which, unlike wall time, does not depend on what else the machine is doing.
    cpu = usage.ru_utime + usage.ru_stime
    return wall, peak / 1024, usage.ru_maxrss / 1024, cpu, code, out_file.read().decode()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", type=Path, default=EVAL / "wmt-ru-en-dev")
    ap.add_argument("--jobs", type=int, default=None, help="--jobs for transcheck (default: its own choice)")
    ap.add_argument("--second-run", action="store_true", help="check the full tree again, then after a few edits (the cache figures)")
    ap.add_argument("--sizes", default="50,100,all")
    args = ap.parse_args()

    docs = read_set(args.set)
    base = Path(tempfile.mkdtemp(prefix="transcheck-batch-"))
    python = sys.executable
    try:
        sizes = [len(docs) if s == "all" else min(int(s), len(docs)) for s in args.sizes.split(",")]
        rows = []
        for n in sizes:
            tree = base / f"n{n}"
            write_tree(docs[:n], tree)
            # Each size cold: an embedding cache of its own, empty (the second run reuses the last).
            os.environ["TRANSCHECK_CACHE_DIR"] = str(base / f"cache-{n}")
            cmd = [python, "-m", "checker", "check", "ru", "en", "--format", "json", "--fail-on", "never", "--no-config"]
            if args.jobs:
                cmd += ["--jobs", str(args.jobs)]
            wall, tree_rss, proc_rss, cpu, _, out = run(cmd, tree)
            data = json.loads(out)
            findings = sum(len(p["findings"]) for p in data["pairs"])
            sentences = sum(len(d.src) + len(d.tgt) for d in docs[:n])
            rows.append((n, wall, tree_rss, proc_rss, findings, sentences, cpu))
            print(
                f"{n:>4} pairs  {wall:6.1f} s wall  {cpu:6.1f} s CPU  {wall / n * 1000:5.0f} ms/pair"
                f"  {sentences / wall:5.0f} sentences/s  peak RSS {tree_rss:5.0f} MB"
                f" (largest process {proc_rss:4.0f} MB)  {findings} findings",
                flush=True,
            )
        n, wall, tree_rss, _, _, _, cpu = rows[-1]
        load = os.getloadavg()[0]
        print(
            f"cold run, {n} pairs: {wall:.1f} s (target < {TARGETS['cold_s']:.0f} s), "
            f"peak RSS {tree_rss:.0f} MB (target < {TARGETS['rss_mb']:.0f} MB); "
            f"{cpu:.1f} s CPU (at best {cpu / (os.cpu_count() or 1):.1f} s wall on {os.cpu_count()} idle cores);"
            f" load average {load:.1f}"
        )
        if len(rows) > 1:
            (n0, w0, *_), (n1, w1, *_) = rows[0], rows[-1]
            # A least-squares line through (pairs, CPU s): linear means a fixed start-up cost
            # plus a constant cost per pair, with every point near the line.
            xs, ys = [r[0] for r in rows], [r[6] for r in rows]
            mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
            slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
            fixed = my - slope * mx
            worst = max(abs(y - (fixed + slope * x)) / y for x, y in zip(xs, ys))
            print(
                f"linearity: {n1 / n0:.2f}× the pairs took {w1 / w0:.2f}× the wall time; CPU = {fixed:.1f} s"
                f" + {slope * 1000:.0f} ms per pair (every point within {worst:.0%} of that line)"
            )
        if args.second_run:
            tree = base / f"n{sizes[-1]}"
            wall2, rss2, _, cpu2, _, out2 = run(cmd, tree)
            same = json.loads(out2)["pairs"] == data["pairs"]
            print(
                f"second run, {n} pairs: {wall2:.1f} s wall, {cpu2:.1f} s CPU, peak RSS {rss2:.0f} MB;"
                f" {wall / wall2:.1f}× faster than cold in wall time, {cpu / cpu2:.1f}× in CPU time"
                f" (target ≥ {TARGETS['second_ratio']:.0f}×); reports {'identical' if same else 'DIFFERENT'} to the cold run's"
            )
            targets = sorted((tree / "en").rglob("*.txt"))[:: max(1, n // EDITED)][:EDITED]
            for path in targets:
                path.write_text(path.read_text(encoding="utf-8") + "\nThe story was updated on Tuesday.\n", encoding="utf-8")
            wall3, rss3, _, cpu3, _, _ = run(cmd, tree)
            print(
                f"after editing {len(targets)} target files: {wall3:.1f} s wall, {cpu3:.1f} s CPU, peak RSS {rss3:.0f} MB;"
                f" {wall / wall3:.1f}× faster than cold in wall time, {cpu / cpu3:.1f}× in CPU time"
            )
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
