"""The persistent embedding cache: hits, misses, parallel writers, damaged files, the commands."""

from __future__ import annotations

import hashlib
import multiprocessing
import sqlite3
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.embed_cache import CachedEncoder, CacheWarning, EmbeddingCache, encoder_signature


class CountingEncoder:
    """Deterministic vectors from the text; counts what it was asked to embed."""

    name = "counting"
    version = "1"
    languages = frozenset({"ru", "en"})

    def __init__(self, dim: int = 8) -> None:
        self.dim = dim
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.extend(texts)
        rows = []
        for t in texts:
            # hashlib, not hash(): the same text must give the same vector in every process.
            rng = np.random.default_rng(int.from_bytes(hashlib.sha256(t.encode()).digest()[:8], "little"))
            v = rng.standard_normal(self.dim).astype(np.float32)
            rows.append(v / np.linalg.norm(v))
        return np.array(rows, dtype=np.float32).reshape(len(texts), self.dim)


def sentences(n: int, tag: str = "") -> list[str]:
    return [f"Sentence {tag}{i} about the weather." for i in range(n)]


def test_miss_then_hit_gives_the_same_vectors(tmp_path):
    path = tmp_path / "c.sqlite3"
    inner = CountingEncoder()
    first = CachedEncoder(inner, EmbeddingCache(path)).encode(["a", "b", "a"])
    assert inner.seen == ["a", "b"]  # a repeated sentence is embedded once
    again = CachedEncoder(inner, EmbeddingCache(path))  # a new process, in effect
    second = again.encode(["b", "c", "a"])
    assert inner.seen == ["a", "b", "c"]
    assert (again.hits, again.misses) == (2, 1)
    assert np.array_equal(second[0], first[1]) and np.array_equal(second[2], first[0])
    assert second.dtype == np.float32 and second.shape == (3, 8)


def test_wrapper_keeps_the_encoder_interface(tmp_path):
    inner = CountingEncoder()
    cached = CachedEncoder(inner, EmbeddingCache(tmp_path / "c.sqlite3"))
    assert cached.name == "counting" and cached.languages == inner.languages
    assert cached.encode([]).shape == (0, 8)
    from checker.embed import Encoder

    assert isinstance(cached, Encoder)


def test_keyed_by_encoder_signature(tmp_path):
    path = tmp_path / "c.sqlite3"
    a, b = CountingEncoder(), CountingEncoder()
    b.version = "2"  # type: ignore[misc]
    CachedEncoder(a, EmbeddingCache(path)).encode(["x"])
    CachedEncoder(b, EmbeddingCache(path)).encode(["x"])
    assert b.seen == ["x"]  # another version of the encoder: not the same vectors
    info = EmbeddingCache(path).info()
    assert info.entries == 2 and set(info.encoders) == {encoder_signature(a), encoder_signature(b)}


def test_same_results_through_the_pipeline(tmp_path, use_encoder):
    from checker.config import Settings
    from checker.pipeline import check, load_pair
    from tests.conftest import SEED

    settings = Settings()
    src, tgt = load_pair(SEED / "ru.txt", SEED / "en.txt", settings)
    plain = check(src, tgt, settings=settings, encoder=use_encoder)
    path = tmp_path / "c.sqlite3"
    cold = check(src, tgt, settings=settings, encoder=CachedEncoder(use_encoder, EmbeddingCache(path)))
    warm_encoder = CachedEncoder(use_encoder, EmbeddingCache(path))
    warm = check(src, tgt, settings=settings, encoder=warm_encoder)
    assert warm_encoder.misses == 0 and warm_encoder.hits > 0
    assert plain.alignments == cold.alignments == warm.alignments
    assert plain.findings == cold.findings == warm.findings
    assert plain.signature == warm.signature


def _writer(path: str, tag: str, rounds: int) -> None:
    enc = CachedEncoder(CountingEncoder(), EmbeddingCache(path))
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)  # a warning in a worker fails the test
        for r in range(rounds):
            # Both processes write a shared half and their own half, interleaved.
            enc.encode(sentences(40, "shared") + sentences(40, f"{tag}{r}-"))


def test_two_concurrent_writer_processes(tmp_path):
    path = str(tmp_path / "c.sqlite3")
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(path, tag, 15)) for tag in ("p", "q")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    info = EmbeddingCache(path).info()
    assert info.problem is None
    assert info.entries == 40 + 2 * 15 * 40
    inner = CountingEncoder()
    enc = CachedEncoder(inner, EmbeddingCache(path))
    got = enc.encode(sentences(40, "shared") + sentences(40, "q14-"))
    assert inner.seen == []  # every vector is there, from whichever process wrote it
    assert np.allclose(got, CountingEncoder().encode(sentences(40, "shared") + sentences(40, "q14-")))


def test_a_corrupt_file_is_rebuilt_with_one_warning(tmp_path):
    path = tmp_path / "c.sqlite3"
    cache = EmbeddingCache(path)
    CachedEncoder(CountingEncoder(), cache).encode(["a"])
    cache.close()
    path.write_bytes(b"this is not a database at all " * 200)
    messages: list[str] = []
    inner = CountingEncoder()
    enc = CachedEncoder(inner, EmbeddingCache(path, warn=messages.append))
    out = enc.encode(["a", "b"])
    assert out.shape == (2, 8) and inner.seen == ["a", "b"]
    enc.encode(["c"])
    assert len(messages) == 1 and "rebuilt" in messages[0] and str(path) in messages[0]
    assert EmbeddingCache(path).info().entries == 3


def test_a_foreign_sqlite_file_is_rebuilt(tmp_path):
    path = tmp_path / "c.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER, name TEXT)")
    conn.commit()
    conn.close()
    messages: list[str] = []
    CachedEncoder(CountingEncoder(), EmbeddingCache(path, warn=messages.append)).encode(["a"])
    assert len(messages) == 1 and "not a transcheck embedding cache" in messages[0]
    assert EmbeddingCache(path).info().entries == 1


def test_damage_found_mid_run_is_not_fatal(tmp_path):
    path = tmp_path / "c.sqlite3"
    messages: list[str] = []
    cache = EmbeddingCache(path, warn=messages.append)
    enc = CachedEncoder(CountingEncoder(), cache)
    enc.encode(sentences(300))
    cache.close()
    data = bytearray(path.read_bytes())
    data[4096:] = b"\xff" * (len(data) - 4096)  # keep the header, wreck every page after it
    path.write_bytes(bytes(data))
    out = CachedEncoder(CountingEncoder(), EmbeddingCache(path, warn=messages.append)).encode(sentences(310))
    assert out.shape == (310, 8)
    assert len(messages) == 1 and "rebuilt" in messages[0] and str(path) in messages[0]
    assert EmbeddingCache(path).info().entries == 310  # the rebuilt cache took this run's vectors


def test_an_unwritable_cache_directory_is_skipped(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    messages: list[str] = []
    inner = CountingEncoder()
    enc = CachedEncoder(inner, EmbeddingCache(blocker / "sub" / "c.sqlite3", warn=messages.append))
    assert enc.encode(["a"]).shape == (1, 8)
    enc.encode(["b"])
    assert len(messages) == 1 and "continuing without it" in messages[0]


def test_size_is_bounded_least_recently_used_evicted(tmp_path):
    path = tmp_path / "c.sqlite3"
    bound = 100 * 8 * 4  # a hundred vectors of 8 floats
    inner = CountingEncoder()
    enc = CachedEncoder(inner, EmbeddingCache(path, max_bytes=bound))
    for k in range(5):
        enc.encode(sentences(40, f"batch{k}-"))
    info = EmbeddingCache(path).info()
    assert info.vector_bytes <= bound and info.entries >= 40
    inner.seen.clear()
    enc.encode(sentences(40, "batch4-"))  # the newest survive
    assert inner.seen == []
    enc.encode(sentences(1, "batch0-"))  # the oldest were evicted
    assert inner.seen == [sentences(1, "batch0-")[0]]


def test_cache_pickles_for_worker_processes(tmp_path):
    import pickle

    enc = CachedEncoder(CountingEncoder(), EmbeddingCache(tmp_path / "c.sqlite3"))
    enc.encode(["a"])
    clone = pickle.loads(pickle.dumps(enc))
    assert np.array_equal(clone.encode(["a"]), enc.encode(["a"]))


# --- the commands -------------------------------------------------------------------------


def test_cache_info_and_clear(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(tmp_path / "cache"))
    runner = CliRunner()
    empty = runner.invoke(app, ["cache", "info"])
    assert empty.exit_code == 0 and "no cache yet" in empty.stdout
    CachedEncoder(CountingEncoder(), EmbeddingCache()).encode(sentences(12))
    info = runner.invoke(app, ["cache", "info"])
    assert info.exit_code == 0, info.output
    assert str(tmp_path / "cache") in info.stdout and "entries   12" in info.stdout and "counting (1)" in info.stdout
    cleared = runner.invoke(app, ["cache", "clear"])
    assert cleared.exit_code == 0 and "12 sentences" in cleared.stdout
    assert not (tmp_path / "cache" / "embeddings.sqlite3").exists()


def test_check_uses_the_cache_and_no_cache_leaves_it_alone(tmp_path, monkeypatch, use_encoder):
    from tests.conftest import SEED

    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(tmp_path / "cache"))
    runner = CliRunner()
    args = ["check", str(SEED / "ru.txt"), str(SEED / "en.txt"), "--format", "json"]
    off = runner.invoke(app, [*args, "--no-cache"])
    assert off.exit_code == 0 and not (tmp_path / "cache").exists()
    on = runner.invoke(app, args)
    assert on.exit_code == 0
    assert EmbeddingCache(tmp_path / "cache" / "embeddings.sqlite3").info().entries > 50
    assert on.stdout == off.stdout


def test_check_with_a_corrupt_cache_warns_once_and_succeeds(tmp_path, monkeypatch, use_encoder):
    from tests.conftest import SEED

    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "embeddings.sqlite3").write_bytes(b"\x00garbage" * 1000)
    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(folder))
    result = CliRunner().invoke(app, ["check", str(SEED / "ru.txt"), str(SEED / "en.txt")])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("transcheck: warning: embedding cache") and "rebuilt" in lines[0]


def test_a_model_replaced_at_the_same_path_gets_a_new_signature(tmp_path):
    import os

    class ByPath(CountingEncoder):
        version = ""

        def __init__(self, folder: Path) -> None:
            super().__init__()
            self.model_name = str(folder)
            self.name = f"st:{folder}"  # type: ignore[misc]

    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text("{}", encoding="utf-8")
    before = encoder_signature(ByPath(folder))
    os.utime(folder / "config.json", ns=(1, 10**18))
    assert encoder_signature(ByPath(folder)) != before
