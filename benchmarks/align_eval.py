#!/usr/bin/env python3
"""Align every document of an evaluation set and score the result.

    python benchmarks/align_eval.py [SET_DIR] [--pred-dir DIR] [--encoder auto] [--threads N] [--derived-merges] [--cache]

SET_DIR has docs/<id>/{src,tgt}.txt (one sentence per line) and gold.json; the default is
../shared/eval/wmt-ru-en-dev-hard next to the repository ($TRANSCHECK_EVAL overrides ../shared/eval). Writes DIR/docs/<id>/pred.json
(default DIR: a temporary directory), runs the set's score.py (SET_DIR/../score.py) and
prints its line, then wall time (process start to end, model load included), the share of
it spent embedding, and sentences per second. ``--encoder auto`` (the default, as in
``transcheck``) chooses the encoder for the set's language pair, read from its name
(``ud-pud-fi-en-hard`` is fi→en) unless ``--source-lang``/``--target-lang`` say it.

One process for the whole set, through ``checker.align.align_batch``: two encoder calls in
all, one for every single sentence of the set, one for the merged sentences the first
search pass proposes.
"""

from __future__ import annotations

import time

_START = time.perf_counter()

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from checker.align import AlignSettings, AlignTask, align_batch
from checker.embed import Encoder, choose_encoder
from checker.embed_cache import with_cache
from checker.language.lengths import length_ratio_prior

# The eval sets sit beside the repo (../shared/eval); TRANSCHECK_EVAL overrides, as for the
# other benchmarks.
DEFAULT_SET = Path(os.environ.get("TRANSCHECK_EVAL", REPO.parent / "shared" / "eval")) / "wmt-ru-en-dev-hard"


class TimedEncoder:
    """Wraps an encoder and records the time and size of each encode call."""

    def __init__(self, inner: Encoder) -> None:
        self.inner = inner
        self.calls: list[tuple[int, float]] = []
        # what the aligner reads off an encoder besides encode()
        self.typical_cosines = getattr(inner, "typical_cosines", None)

    @property
    def name(self) -> str:
        return self.inner.name

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        t0 = time.perf_counter()
        vectors = self.inner.encode(texts)
        self.calls.append((len(texts), time.perf_counter() - t0))
        return vectors


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set_dir", nargs="?", type=Path, default=DEFAULT_SET)
    ap.add_argument("--pred-dir", type=Path, default=None, help="where to write docs/<id>/pred.json")
    ap.add_argument("--encoder", default="auto", help="'auto' (default), 'use', 'e5' or 'st:MODEL'")
    ap.add_argument("--source-lang", default=None, help="source language (default: from the set's name)")
    ap.add_argument("--target-lang", default=None, help="target language (default: from the set's name)")
    ap.add_argument(
        "--threads",
        type=int,
        default=None,
        help="encoder threads (default: usable cores)",
    )
    ap.add_argument(
        "--derived-merges",
        action="store_true",
        help="one pass, no embedding of merged sentences (embed_merges=False)",
    )
    ap.add_argument(
        "--cache",
        action="store_true",
        help="keep and reuse the vectors in transcheck's embedding cache "
        "($TRANSCHECK_CACHE_DIR); F1 is the same, the times are then not cold",
    )
    ap.add_argument(
        "--score",
        type=Path,
        default=None,
        help="score.py (default: SET_DIR/../score.py)",
    )
    args = ap.parse_args()

    docs_dir = args.set_dir / "docs"
    if not docs_dir.is_dir():
        print(f"align_eval: no docs/ under {args.set_dir}", file=sys.stderr)
        return 2
    doc_ids = sorted(p.name for p in docs_dir.iterdir() if (p / "src.txt").is_file())
    docs = [(d, read_lines(docs_dir / d / "src.txt"), read_lines(docs_dir / d / "tgt.txt")) for d in doc_ids]
    n_sentences = sum(len(s) + len(t) for _, s, t in docs)

    # "ud-pud-fi-en-hard", "wmt-ru-en-dev", "wmt22-uk-en-conv": the two-letter codes around "-"
    named = re.search(r"(?:^|-)([a-z]{2})-([a-z]{2})(?=-|$)", args.set_dir.resolve().name)
    source_lang = args.source_lang or (named.group(1) if named else "ru")
    target_lang = args.target_lang or (named.group(2) if named else "en")
    choice = choose_encoder(args.encoder, source_lang, target_lang, threads=args.threads)
    if choice.warning:
        print(f"align_eval: warning: {choice.warning}", file=sys.stderr)
    # --cache: re-scoring an aligner change on the e5 sets costs minutes instead of most of
    # an hour; the cached vectors are the encoder's own, so F1 does not depend on it.
    inner: Encoder = with_cache(choice.encoder) if args.cache else choice.encoder
    encoder = TimedEncoder(inner)
    ratio = length_ratio_prior(source_lang, target_lang)
    tasks = [AlignTask(src, tgt, encoder_reads=choice.reads_pair, length_ratio=ratio) for _, src, tgt in docs]
    results = align_batch(tasks, encoder, AlignSettings(embed_merges=not args.derived_merges))

    tmp = None
    pred_dir = args.pred_dir
    if pred_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="align-eval-")
        pred_dir = Path(tmp.name)
    for (doc_id, _, _), beads in zip(docs, results):
        out = pred_dir / "docs" / doc_id
        out.mkdir(parents=True, exist_ok=True)
        (out / "pred.json").write_text(
            json.dumps([[list(b.source), list(b.target)] for b in beads]),
            encoding="utf-8",
        )
    wall = time.perf_counter() - _START

    score_py = args.score or args.set_dir.parent / "score.py"
    result = subprocess.run(
        [sys.executable, str(score_py), str(args.set_dir), str(pred_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    print(result.stdout.strip() or result.stderr.strip())
    embed = sum(sec for _, sec in encoder.calls)
    calls = ", ".join(f"{k} texts {sec:.2f} s" for k, sec in encoder.calls)
    print(
        f"{source_lang}→{target_lang} encoder {choice.encoder.name} | wall {wall:.2f} s | embedding {embed:.2f} s = {100 * embed / wall:.0f}% ({calls}; the first call "
        f"includes loading the model{'; through the embedding cache' if args.cache else ''}) | {n_sentences} sentences, {n_sentences / wall:.0f} sentences/s"
    )
    if tmp is not None:
        tmp.cleanup()
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
