"""Bounded reads and safe replacements of glossary files (checker.glossary.fileio)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.errors import GlossaryError
from checker.glossary.fileio import MAX_BYTES, atomic_write, read_bytes, remove_stale_temporaries


def test_a_file_over_the_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    sparse = tmp_path / "huge.yaml"
    with open(sparse, "wb") as f:
        f.truncate(6 * 1024**3)  # 6 GB of nothing, on no disk space
    with pytest.raises(GlossaryError, match=r"huge.yaml: cannot read: 6144 MB, over the limit of 64 MB$"):
        read_bytes(str(sparse))
    small = tmp_path / "small.yaml"
    small.write_bytes(b"x" * 11)
    with pytest.raises(GlossaryError, match=r"over the limit of 10 bytes"):
        read_bytes(str(small), limit=10)
    assert read_bytes(str(small), limit=11) == b"x" * 11
    assert MAX_BYTES >= 50 * 1024 * 1024  # the largest glossary the benchmark loads


@pytest.mark.parametrize(("make", "kind"), [(os.mkfifo, "a FIFO"), (os.mkdir, "Is a directory")])
def test_only_regular_files_are_read(tmp_path: Path, make: object, kind: str) -> None:
    node = tmp_path / "node"
    make(node)  # type: ignore[operator]
    with pytest.raises(GlossaryError, match=f"node: cannot read glossary: {kind}"):
        read_bytes(str(node), what="glossary")


def test_only_our_own_temporaries_are_removed(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    atomic_write(str(g), b"version: 1\n")
    ours = tmp_path / ".g.yaml.ab_c1234.tmp"
    ours.write_bytes(b"half written")
    kept = [tmp_path / ".g.yaml.ab_c12345.tmp", tmp_path / ".other.yaml.abc12345.tmp", tmp_path / "g.yaml.abc12345.tmp"]
    for k in kept:
        k.write_bytes(b"not ours")
    assert remove_stale_temporaries(str(g)) == [str(ours)]
    assert all(k.exists() for k in kept) and g.read_bytes() == b"version: 1\n"
