"""End-to-end speed and memory of `transcheck align`, each run a fresh process.

    python benchmarks/speed.py [--sizes 500,1000,2000,4000] [--encoder auto]

For the seed pair and for long pairs made by concatenating ../shared/eval/wmt-ru-en-dev
articles (as running paragraphs, so reading and segmentation are measured too), prints wall
seconds, sentences/s, peak RSS, and the ratio to what the encoder alone needs: a fresh
process that loads it and embeds those same sentences once.

First, `transcheck check` cold (a fresh process) on the Russian seed pair and on a Ukrainian
article of 25 sentences, made at run time from ../shared/eval/wmt22-uk-en-conv messages
(one paragraph each) with their professional translations; with ``auto`` the Ukrainian one
is embedded by the multilingual encoder. The ratio of the two is printed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from _common import EVAL, REPO, joined_articles, read_set, run_measured

TRANSCHECK = [sys.executable, "-m", "checker"]

# The baseline: a fresh process that loads the encoder and embeds the sentences once.
ENCODER_ONLY = """
import sys
from checker.embed import choose_encoder
from checker.pipeline import load_document
src, tgt = load_document(sys.argv[1]), load_document(sys.argv[2])
choose_encoder(sys.argv[3], src.language, tgt.language).encoder.encode(src.segment_texts() + tgt.segment_texts())
"""


def make_ukrainian_article(out_dir: Path, sentences: int = 25) -> tuple[Path, Path]:
    """A Ukrainian text of ``sentences`` sentences (as transcheck splits it) and its English:
    consecutive wmt22-uk-en-conv messages of some length, one paragraph each, in set order."""
    from checker.text.segment import split_sentences

    src_parts: list[str] = []
    tgt_parts: list[str] = []
    count = 0
    for d in read_set(EVAL / "wmt22-uk-en-conv"):
        for s, t in zip(d.src, d.tgt):
            # a news-like sentence, not a one-word greeting
            if len(s) < 100 or count >= sentences:
                continue
            n = len(split_sentences(s, "uk"))
            if count + n > sentences:
                continue
            src_parts.append(s.strip())
            tgt_parts.append(t.strip())
            count += n
        if count >= sentences:
            break
    src, tgt = out_dir / "uk.txt", out_dir / "en.txt"
    src.write_text("\n\n".join(src_parts) + "\n", encoding="utf-8")
    tgt.write_text("\n\n".join(tgt_parts) + "\n", encoding="utf-8")
    return src, tgt


def empty_cache() -> None:
    """Point the next runs at a new, empty embedding cache: "cold" means the sentences are
    embedded, whatever an earlier run or benchmark left in the user's cache."""
    os.environ["TRANSCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="speed-cache-")


def measure_check(label: str, src: Path, tgt: Path, encoder: str) -> float:
    n = sentences(src) + sentences(tgt)
    empty_cache()
    wall, rss, _ = run_measured([*TRANSCHECK, "check", str(src), str(tgt), "--format", "json", "--encoder", encoder])
    print(f"{label:<14} {n:>6} sentences  {wall:6.2f} s  check, cold  peak RSS {rss:5.0f} MB", flush=True)
    return wall


def make_pair(n: int, out_dir: Path) -> tuple[Path, Path]:
    """About n sentences per side: whole wmt-ru-en-dev articles, repeated if need be."""
    return joined_articles("wmt-ru-en-dev", n, out_dir)


def sentences(path: Path) -> int:
    from checker.pipeline import load_document

    return len(load_document(path).segments)


def measure(label: str, src: Path, tgt: Path, encoder: str) -> None:
    n = sentences(src) + sentences(tgt)
    empty_cache()
    wall, rss, _ = run_measured([*TRANSCHECK, "align", str(src), str(tgt), "--format", "json", "--encoder", encoder])
    base, base_rss, _ = run_measured([sys.executable, "-c", ENCODER_ONLY, str(src), str(tgt), encoder])
    print(
        f"{label:<14} {n:>6} sentences  {wall:6.2f} s  {n / wall:7.0f} sent/s  peak RSS {rss:5.0f} MB"
        f"  | encoder alone {base:5.2f} s ({base_rss:4.0f} MB)  ratio {wall / base:4.2f}",
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="500,1000,2000,4000", help="sentences per side, comma-separated")
    ap.add_argument("--encoder", default="auto")
    args = ap.parse_args()
    seed = REPO / "seeds" / "lenta-kalachev"
    with tempfile.TemporaryDirectory() as tmp:
        uk_src, uk_tgt = make_ukrainian_article(Path(tmp))
        ru = measure_check("seed pair ru", seed / "ru.txt", seed / "en.txt", args.encoder)
        uk = measure_check("article uk", uk_src, uk_tgt, args.encoder)
        print(f"Ukrainian / Russian, checked cold: {uk / ru:.2f}×", flush=True)
    measure("seed pair", seed / "ru.txt", seed / "en.txt", args.encoder)
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",") if s):
            src, tgt = make_pair(size, Path(tmp))
            measure(f"{size} / side", src, tgt, args.encoder)


if __name__ == "__main__":
    main()
