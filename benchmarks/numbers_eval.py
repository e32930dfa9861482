#!/usr/bin/env python3
"""False number mismatches on faithful translations: TC401's comparison over clean PUD pairs.

    python benchmarks/numbers_eval.py [--langs de,fr,...] [--show N] [--save F.json] [--before F.json]

Runs ``checker.language.number_compare.compare_texts`` (what TC401 reports on) over every
aligned sentence pair of each clean ``ud-pud-L-en`` set (1,000 pairs each, all 1-1) and
prints, per language, the share of pairs it finds a mismatch in. The PUD translations are
faithful, so a mismatch is almost always a misread number (a separator, a date, a digit
inside a name), occasionally a real liberty of the translator; ``--show N`` prints N of
them per language to tell which. ``--save`` writes the rates to a JSON file, ``--before``
reads such a file and prints each rate beside it (run it on the old code, then the new).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from _common import EVAL, read_set

from checker.language.number_compare import compare_texts

LANGUAGES = ("ru", "de", "fr", "es", "pl", "cs", "fi", "tr", "ar", "hi", "zh")


def evaluate(lang: str, show: int) -> tuple[int, int]:
    """(pairs, pairs with a mismatch) for one language; prints up to ``show`` mismatches."""
    set_dir = EVAL / f"ud-pud-{lang}-en"
    pairs = mismatched = shown = 0
    for doc in read_set(set_dir):
        for src, tgt in zip(doc.src, doc.tgt):
            pairs += 1
            diff = compare_texts(src, lang, tgt, "en")
            if not diff:
                continue
            mismatched += 1
            if shown < show:
                shown += 1
                print(f"  [{lang}] missing {[q.text for q in diff.missing]} added {[q.text for q in diff.added]}")
                print(f"      {src}\n      {tgt}")
    return pairs, mismatched


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--langs", default=",".join(LANGUAGES))
    ap.add_argument("--show", type=int, default=0, help="print this many mismatched pairs per language")
    ap.add_argument("--save", type=Path, help="write {language: rate} as JSON")
    ap.add_argument("--before", type=Path, help="a --save file of an earlier run, printed beside this one")
    args = ap.parse_args()
    before = json.loads(args.before.read_text(encoding="utf-8")) if args.before else {}
    rates: dict[str, float] = {}
    for lang in args.langs.split(","):
        if not (EVAL / f"ud-pud-{lang}-en").is_dir():
            print(f"ud-pud-{lang}-en: not found under {EVAL}", file=sys.stderr)
            continue
        pairs, bad = evaluate(lang, args.show)
        rates[lang] = bad / pairs if pairs else 0.0
        was = f"  before {before[lang]:6.1%}" if lang in before else ""
        print(f"ud-pud-{lang}-en  {pairs} pairs  number mismatch in {bad:4d}  ({rates[lang]:6.1%}){was}", flush=True)
    if args.save:
        args.save.write_text(json.dumps(rates, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
