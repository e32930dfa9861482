"""Cold vs warm embedding with the persistent cache, on real sentences.

    python benchmarks/cache.py [--sentences 600] [--encoder use]

Takes the first N sentences (both sides) of ../shared/eval/wmt-ru-en-dev, loads the encoder
first (so its weights are not counted), then embeds them three ways: without the cache, with
an empty cache (cold: embed and write), and with the filled cache opened afresh, as the next
CI run would (warm: read only). Prints seconds and the cold/warm ratio.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
from _common import EVAL, read_set

from checker.embed import get_encoder
from checker.embed_cache import CachedEncoder, EmbeddingCache


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=600)
    parser.add_argument("--encoder", default="use")
    args = parser.parse_args()

    texts: list[str] = []
    for doc in read_set(EVAL / "wmt-ru-en-dev"):
        texts.extend(doc.src + doc.tgt)
        if len(texts) >= args.sentences:
            break
    texts = list(dict.fromkeys(texts))[: args.sentences]
    encoder = get_encoder(args.encoder)
    encoder.encode(texts[:8])  # load the weights outside the timings

    t = time.perf_counter()
    plain = encoder.encode(texts)
    uncached = time.perf_counter() - t

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "embeddings.sqlite3"
        cold_enc = CachedEncoder(encoder, EmbeddingCache(path))
        t = time.perf_counter()
        cold_vectors = cold_enc.encode(texts)
        cold = time.perf_counter() - t
        cold_enc.cache.close()

        warm_enc = CachedEncoder(encoder, EmbeddingCache(path))
        t = time.perf_counter()
        warm_vectors = warm_enc.encode(texts)
        warm = time.perf_counter() - t
        size = path.stat().st_size + (path.with_name(path.name + "-wal").stat().st_size if path.with_name(path.name + "-wal").exists() else 0)

    assert np.array_equal(plain, cold_vectors) and np.array_equal(plain, warm_vectors)
    assert warm_enc.misses == 0
    print(f"sentences: {len(texts)} ({encoder.name})")
    print(f"no cache: {uncached:.3f} s ({len(texts) / uncached:,.0f} sentences/s)")
    print(f"cold cache (embed + write): {cold:.3f} s")
    print(f"warm cache (read): {warm:.3f} s ({len(texts) / warm:,.0f} sentences/s)")
    print(f"cold/warm: {cold / warm:.0f}x; cache file {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
