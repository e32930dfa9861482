"""Sentence segmentation of running text against the PUD sets' own sentence lines.

    python benchmarks/segment_eval.py [--langs de,fr,...]

Each PUD document's source lines are joined with spaces into one paragraph and segmented.
A line start the segmenter finds is a hit; a cut it makes elsewhere is an extra cut (a
sentence split in two: downstream, a false omission or addition); a line start it misses
is a join (a 2-1 bead, mostly harmless). It measures the languages segmented by sentencex
and our corrections to it, which nothing else here measures.
"""

from __future__ import annotations

import argparse

from _common import EVAL

from checker.text.segment import split_sentences

LANGUAGES = ("de", "fr", "es", "pl", "cs", "fi", "tr", "ar", "hi")


def score(language: str) -> tuple[int, int, int, int]:
    """(line starts, found, extra cuts, missed) over the set's documents."""
    total = found = extra = missed = 0
    for doc in sorted((EVAL / f"ud-pud-{language}-en" / "docs").iterdir()):
        lines = [ln for ln in (doc / "src.txt").read_text(encoding="utf-8").split("\n") if ln.strip()]
        starts, pos = set(), 0
        for ln in lines:
            starts.add(pos)
            pos += len(ln) + 1
        cuts = {a for a, _ in split_sentences(" ".join(lines), language)}
        total += len(starts)
        found += len(starts & cuts)
        extra += len(cuts - starts)
        missed += len(starts - cuts)
    return total, found, extra, missed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--langs", default=",".join(LANGUAGES))
    args = ap.parse_args()
    for language in args.langs.split(","):
        total, found, extra, missed = score(language)
        print(f"{language}: {found}/{total} sentence starts found, {extra} extra cuts "
              f"({100 * extra / total:.1f} per 100 sentences), {missed} joins")


if __name__ == "__main__":
    main()
