"""Any sentence-transformers model a user has on disk (the ``transformers`` extra)."""

from __future__ import annotations

import contextlib
import logging
import os
import warnings
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from checker.embed.encoder import normalise
from checker.errors import ModelError


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
        return normalise(vectors)


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
