"""The encoder protocol and what every backend shares."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from checker.errors import ModelError


@runtime_checkable
class Encoder(Protocol):
    """Maps sentences to unit-length vectors; cosine similarity is then a dot product.

    A backend may also declare ``languages`` (the language codes whose meaning its
    similarity can be trusted to compare) and ``version`` (for a report's signature).
    """

    @property
    def name(self) -> str: ...

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(n,) strings → (n, d) float32, each row L2-normalised; n == 0 gives (0, d)."""
        ...


class EncoderUnavailable(ModelError):
    """An optional encoder cannot run here: its extra is not installed, or the CPU lacks
    what its engine needs. ``extra`` names the pip extra that brings it."""

    def __init__(self, message: str, *, extra: str) -> None:
        super().__init__(message)
        self.extra = extra


def usable_cores() -> int:
    """Cores this process may run on (respects taskset/cgroup affinity, unlike os.cpu_count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length, float32; zero rows stay zero."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: np.ndarray = vectors / norms
    return unit


# Very long inputs cost quadratic attention time and add nothing to a sentence vector.
MAX_CHARS = 2000


def clip_texts(texts: Sequence[str]) -> list[str]:
    """Texts as the backends embed them: clipped to MAX_CHARS, a blank one as "."."""
    return [t[:MAX_CHARS] if t.strip() else "." for t in texts]
