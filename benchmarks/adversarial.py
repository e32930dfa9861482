"""Time and memory of `transcheck check` on text written to be slow, at growing sizes.

    python benchmarks/adversarial.py [--sizes 10k,100k,1m] [--families ones,quotes-straight]
                                     [--glossary G.yaml] [--timeout 300] [--long-pair 5000]

Each family is one line (one paragraph, no sentence end) of a repeated unit, in a Russian
source and its English target: the inputs that made segmentation, number, name and quote
extraction and their comparison superlinear (issue 12). Every run is a fresh process
(`python -m checker check SOURCE TARGET --source-lang ru --target-lang en`), its report
written to a temporary file; the script prints wall seconds and peak RSS per size, the
CPU seconds (what to read on a shared machine), the exit code (0 or 1: checked; anything
else is a failure), and the ratio of the second size's CPU time to the first's: linear growth is 10× from 10 KB to 100 KB, the target at most
15×, and no 100 KB input over 10 s.

Then, unless --long-pair 0: a pair of about 5,000 sentences a side made of whole
wmt-ru-en-dev articles (as running paragraphs), checked and aligned in fresh processes;
the target is a check in at most 3× the time of the alignment.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import REPO, joined_articles

TRANSCHECK = [sys.executable, "-m", "checker"]

# name: (source unit, target unit), each repeated to the size asked for.
FAMILIES: dict[str, tuple[str, str]] = {
    "capitalised": ("Путин Зеленский Резников ", "Putin Zelensky Reznikov "),
    "ones": ("1 ", "1 "),
    "percent": ("10%", "10%"),
    "millions": ("5 млн ", "5 million "),
    "ranges": ("1–2–", "1–2–"),
    "signs": ("+1 -1 ", "+1 -1 "),
    # runs of marks, with a word now and then: a file of marks alone has no text to check
    "quotes-straight": ('"' * 40 + " да ", '"' * 40 + " yes "),
    "quotes-guillemet": ("«" * 40 + " да ", "“" * 40 + " yes "),
    "quotes-low": ("„" * 40 + " да ", "“" * 40 + " yes "),
    "punctuation": ('«»„“"…—–-.,;:!?()[] да ', '“”"…—–-.,;:!?()[] yes '),
    "glued-digits": ("а1б2в3", "a1b2c3"),
    "fractions": ("1/2 ½ 2 1/2 ", "1/2 ½ 2 1/2 "),
    "dollars": ("$5 $10m 1,5 млн $ ", "$5 $10m $1.5 million "),
    "no-punctuation": ("слово другое ещё одно ", "word another yet one "),
}

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}


def make(unit: str, size: int) -> str:
    """``unit`` repeated to ``size`` bytes of UTF-8 (one line)."""
    return unit * max(1, size // len(unit.encode("utf-8"))) + "\n"


def run(cmd: list[str], timeout: float) -> tuple[float, float, float, int | None]:
    """Run ``cmd`` as a fresh process: (wall seconds, CPU seconds, peak RSS in MB, exit
    code); the exit code is None when the run was killed after ``timeout`` seconds. CPU
    time (user + system) is the figure to read on a shared machine, where wall time also
    counts the waits for a core."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    code: int | None = None
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            code = os.waitstatus_to_exitcode(status)
            break
        if time.perf_counter() - t0 > timeout:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    return time.perf_counter() - t0, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code


def check_cmd(src: Path, tgt: Path, out: Path, glossary: str | None) -> list[str]:
    cmd = [*TRANSCHECK, "check", str(src), str(tgt), "--source-lang", "ru", "--target-lang", "en"]
    # No embedding cache: a vector cached by an earlier run would make the check look faster
    # than the alignment it contains.
    cmd += ["--format", "json", "--output", str(out), "--no-cache"]
    return cmd + (["--glossary", glossary] if glossary else [])


def families(args: argparse.Namespace, tmp: Path) -> None:
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    names = [f.strip() for f in args.families.split(",")] if args.families else list(FAMILIES)
    print(f"{'family':<17}" + "".join(f"{size + ' wall / CPU / peak RSS':>33}" for size in sizes) + "   CPU ratio", flush=True)
    for name in names:
        source_unit, target_unit = FAMILIES[name]
        cells, times = [], []
        for size in sizes:
            src, tgt, out = tmp / f"{name}-{size}.ru.txt", tmp / f"{name}-{size}.en.txt", tmp / "report.json"
            src.write_text(make(source_unit, SIZES[size]), encoding="utf-8")
            tgt.write_text(make(target_unit, SIZES[size]), encoding="utf-8")
            wall, cpu, rss, code = run(check_cmd(src, tgt, out, args.glossary), args.timeout)
            times.append(cpu if code is not None else float("inf"))
            status = "" if code in (0, 1) else (" TIMEOUT" if code is None else f" EXIT {code}")
            cells.append(f"{wall:7.1f} s {cpu:6.1f} s {rss:5.0f} MB{status}")
            src.unlink()
            tgt.unlink()
        ratio = f"{times[1] / times[0]:6.1f}×" if len(times) > 1 and times[0] else ""
        print(f"{name:<17}" + "".join(f"{c:>33}" for c in cells) + f"   {ratio}", flush=True)


def long_pair(n: int, tmp: Path, args: argparse.Namespace) -> None:
    src, tgt = joined_articles("wmt-ru-en-dev", n, tmp, stem="long")
    out = tmp / "long.json"
    align = [*TRANSCHECK, "align", str(src), str(tgt), "--source-lang", "ru", "--target-lang", "en"]
    align += ["--format", "json", "--output", str(out)]
    align_wall, align_cpu, align_rss, _ = run(align, args.timeout * 10)
    check_wall, check_cpu, check_rss, code = run(check_cmd(src, tgt, out, args.glossary), args.timeout * 10)
    print(
        f"{n:,}-sentence pair (about, a side): align {align_wall:.1f} s wall, {align_cpu:.1f} s CPU ({align_rss:.0f} MB); "
        f"check {check_wall:.1f} s wall, {check_cpu:.1f} s CPU ({check_rss:.0f} MB, exit {code}); "
        f"ratio {check_wall / align_wall:.2f}× wall, {check_cpu / align_cpu:.2f}× CPU",
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10k,100k,1m", help=f"comma-separated, of {', '.join(SIZES)}")
    ap.add_argument("--families", default="", help=f"comma-separated, of {', '.join(FAMILIES)} (default: all)")
    ap.add_argument("--glossary", default=None, help="check with this glossary too (TC101, TC102)")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds before a run is killed")
    ap.add_argument("--long-pair", type=int, default=5000, help="sentences a side of the long pair (0: skip)")
    args = ap.parse_args()
    os.chdir(REPO)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if args.sizes:
            families(args, tmp)
        if args.long_pair:
            long_pair(args.long_pair, tmp, args)


if __name__ == "__main__":
    main()
