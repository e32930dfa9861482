"""Shared by the benchmark scripts: where the eval data lives and how to read a set."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# The eval sets sit beside the repo (../shared/eval); TRANSCHECK_EVAL overrides.
EVAL = Path(os.environ.get("TRANSCHECK_EVAL", REPO.parent / "shared" / "eval"))


@dataclass
class EvalDoc:
    doc_id: str
    src: list[str]
    tgt: list[str]
    src_paragraph: list[int]
    tgt_paragraph: list[int]


def read_set(set_dir: Path) -> list[EvalDoc]:
    docs = []
    root = set_dir / "docs" if (set_dir / "docs").is_dir() else set_dir
    for d in sorted(root.iterdir()):
        if not (d / "src.txt").exists():
            continue
        src = (d / "src.txt").read_text(encoding="utf-8").split("\n")
        tgt = (d / "tgt.txt").read_text(encoding="utf-8").split("\n")
        src = src[:-1] if src and src[-1] == "" else src
        tgt = tgt[:-1] if tgt and tgt[-1] == "" else tgt
        meta = json.loads((d / "meta.json").read_text(encoding="utf-8")) if (d / "meta.json").exists() else {}
        docs.append(
            EvalDoc(
                d.name,
                src,
                tgt,
                meta.get("src_paragraph") or [0] * len(src),
                meta.get("tgt_paragraph") or [0] * len(tgt),
            )
        )
    return docs


def paragraphs(lines: list[str], paragraph_of: list[int]) -> str:
    """Sentences back into running text: one paragraph per index, blank lines between.

    A line with no sentence-final mark (the headline, a subheading) stands on its own, as it
    does in the published article; the corpus files put it in the first paragraph.
    """
    out: list[list[str]] = []
    last = None
    for line, p in zip(lines, paragraph_of):
        line = line.strip()
        if p != last or not _final(line) or (out and out[-1] and not _final(out[-1][-1])):
            out.append([])
            last = p
        out[-1].append(line)
    return "\n\n".join(" ".join(p) for p in out) + "\n"


def _final(line: str) -> bool:
    """Ends like a sentence: a final mark, possibly inside a closing quote or bracket."""
    return line.rstrip("»\"”’')").endswith((".", "!", "?", "…", ":", ";")) or line.endswith((".", "!", "?", "…"))


def run_measured(cmd: list[str]) -> tuple[float, float, int]:
    """Run a command as a fresh process: (wall seconds, peak RSS in MB, exit code)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.strip()[-500:]}")
    # ru_maxrss is in kilobytes on Linux.
    return wall, usage.ru_maxrss / 1024, proc.returncode


def self_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def joined_articles(set_name: str, n: int, out_dir: Path, stem: str = "") -> tuple[Path, Path]:
    """About n sentences per side: whole articles of an eval set as running text, repeated if
    need be, written to ``out_dir`` (src-N.txt, tgt-N.txt; ``stem`` replaces src/tgt's N)."""
    docs = read_set(EVAL / set_name)
    src_parts, tgt_parts, count, k = [], [], 0, 0
    while count < n:
        d = docs[k % len(docs)]
        src_parts.append(paragraphs(d.src, d.src_paragraph))
        tgt_parts.append(paragraphs(d.tgt, d.tgt_paragraph))
        count += len(d.src)
        k += 1
    name = stem or str(n)
    src, tgt = out_dir / f"src-{name}.txt", out_dir / f"tgt-{name}.txt"
    src.write_text("\n".join(src_parts), encoding="utf-8")
    tgt.write_text("\n".join(tgt_parts), encoding="utf-8")
    return src, tgt
