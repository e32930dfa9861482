"""Checked pairs kept between runs: a CI re-run checks only the pairs whose inputs changed.

The embedding cache saves a re-run the encoder, but not reading, language detection,
alignment and the rules, which are most of a warm run's time. A pair's report is a pure
function of its inputs, so it is kept whole, in the cache file of ``checker.embed_cache``,
under a key that covers every one of them:

- both files' paths (as reports show them) and contents, and each glossary's path and contents;
- the settings that shape a report (every Settings field but how the run is executed:
  ``jobs``, ``scheduler``, ``cache``);
- the encoder's identity without loading it (name and version; for ``auto`` also whether
  the multilingual encoder can run here), as ``encoder_signature`` gives it;
- the code: transcheck's own files (their contents, not the version string, which a
  development checkout does not change), the Python version, and the installed
  distributions with their versions.

A stored report is plain data (JSON, zlib-compressed) decoded into the model's own
dataclasses only, never unpickled: a cache restored from elsewhere cannot run code. Whatever
cannot be decoded is a miss. Pairs read from URLs and pairs that failed are not kept.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import os
import stat
import sys
import zlib
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.batch.pairing import PairJob
from checker.model import (
    Alignment,
    Document,
    FailOn,
    Finding,
    FrozenMap,
    GlossaryStamp,
    Location,
    Notice,
    PairResult,
    Report,
    Segment,
    Severity,
    Signature,
    SimilarityScale,
    Span,
)

if TYPE_CHECKING:
    from checker.config import Settings

# Larger than any glossary the loaders accept: a glossary is hashed whole.
_GLOSSARY_BYTES = 1 << 30
# Settings fields that change how a run is executed, not what a report says.
_EXECUTION_FIELDS = frozenset({"jobs", "scheduler", "cache"})

_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (Report, Document, Segment, Span, Notice, Alignment, Finding, Location, Signature, GlossaryStamp, SimilarityScale)
}
_ENUMS: dict[str, type[enum.Enum]] = {"Severity": Severity, "FailOn": FailOn}
_FIELDS = {name: tuple(f.name for f in dataclasses.fields(cls)) for name, cls in _CLASSES.items()}


class Uncacheable(Exception):
    """A value the encoding does not know (a report is then simply not kept)."""


# --- the key ---------------------------------------------------------------------------------


@cache
def environment() -> bytes:
    """What the code behind a report is: transcheck's files, Python, the installed distributions."""
    import checker

    h = hashlib.sha256(sys.version.encode())
    package = Path(checker.__file__).parent
    for path in sorted(package.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        h.update(path.relative_to(package).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    # A distribution's metadata folder carries its name and version (numpy-2.1.0.dist-info).
    # Names only, not the folders holding them: sys.path[0] is the working directory under
    # `python -m`, which must not change what the code is.
    names: set[str] = set()
    for entry in sys.path:
        try:
            names.update(n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    h.update("\0".join(sorted(names)).encode())
    return h.digest()


@cache
def encoder_identity(spec: str) -> str:
    """The encoder ``spec`` names, as the embedding cache tells encoders apart (name, version),
    without loading its weights. ``auto`` chooses per language pair between USE and e5, the
    latter only where it can run."""
    if spec != "auto":
        return _signature_of(spec)
    from checker.embed import e5

    reason = e5.unavailable_reason()
    return f"auto: {_signature_of('use')}; {_signature_of('e5') if reason is None else 'e5 ' + reason}"


def _signature_of(spec: str) -> str:
    from checker.embed import get_encoder
    from checker.embed_cache import encoder_signature

    try:
        return encoder_signature(get_encoder(spec))
    except Exception as e:  # the check itself reports it; the key need only differ
        return f"{spec} (unavailable: {type(e).__name__})"


def settings_text(settings: "Settings") -> str:
    """The settings that shape a report, as canonical JSON (sets sorted, mappings by key)."""
    values = {f.name: _plain(getattr(settings, f.name)) for f in dataclasses.fields(settings)
              if f.name not in _EXECUTION_FIELDS}
    return json.dumps(values, sort_keys=True, ensure_ascii=False)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def _file_digest(path: str, max_bytes: int | None) -> bytes | None:
    """The SHA-256 of a regular file of at most ``max_bytes`` (None: the reader's limit); None
    for anything the check will refuse to read (it says why), never opening a FIFO or a device."""
    from checker.text.reading import DEFAULT_MAX_BYTES, base_directory

    base = base_directory.get()
    full = os.path.join(base, path) if base is not None and not os.path.isabs(path) else path
    try:
        st = os.stat(full)
        if not stat.S_ISREG(st.st_mode) or st.st_size > (max_bytes or DEFAULT_MAX_BYTES):
            return None
        with open(full, "rb") as f:
            return hashlib.file_digest(f, "sha256").digest()
    except OSError:
        return None


def pair_key(job: PairJob, settings: "Settings") -> bytes | None:
    """The key of a pair's report, or None when it is not to be kept (a URL, a file that
    cannot be read: the check reports that itself)."""
    from checker.text.reading import is_url

    if job.source is None or job.target is None or is_url(job.source) or is_url(job.target):
        return None
    h = hashlib.sha256(environment())
    h.update(settings_text(settings).encode())
    h.update(encoder_identity(settings.encoder).encode())
    for k, path in enumerate((job.source, job.target, *settings.glossaries)):
        # Glossaries have limits of their own (64 MB, checked when loaded).
        digest = _file_digest(path, settings.max_bytes if k < 2 else _GLOSSARY_BYTES)
        if digest is None:
            return None
        h.update(path.encode("utf-8", "surrogatepass") + b"\0" + digest)
    return h.digest()[:20]


# --- the encoding ----------------------------------------------------------------------------


def encode(report: Report) -> bytes:
    """A report as compressed JSON; raises Uncacheable for a value it does not know."""
    text = json.dumps(_pack(report), ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 6)


def decode(data: bytes) -> Report:
    """The report :func:`encode` wrote; ValueError (or TypeError) for anything else."""
    value = _unpack(json.loads(zlib.decompress(data).decode("utf-8", "surrogatepass")))
    if not isinstance(value, Report):
        raise ValueError("not a report")
    return value


def _pack(o: Any) -> Any:
    # Tagged one-key objects for everything but JSON's own scalars and lists, so that a tuple
    # comes back a tuple and a FrozenMap a FrozenMap, and equal reports encode equally.
    if isinstance(o, enum.Enum):  # first: FailOn is also a str
        name = type(o).__name__
        if _ENUMS.get(name) is not type(o):
            raise Uncacheable(name)
        return {"E": [name, o.value]}
    if o is None or isinstance(o, (bool, str, int, float)):
        return o
    name = type(o).__name__
    if _CLASSES.get(name) is type(o):
        return {"C": [name, *(_pack(getattr(o, f)) for f in _FIELDS[name])]}
    if isinstance(o, tuple):
        return {"T": [_pack(v) for v in o]}
    if isinstance(o, list):
        return [_pack(v) for v in o]
    if isinstance(o, FrozenMap):
        return {"F": [[_pack(k), _pack(v)] for k, v in o.items()]}
    if isinstance(o, dict):
        return {"D": [[_pack(k), _pack(v)] for k, v in o.items()]}
    item = getattr(o, "item", None)  # a numpy scalar: its Python value
    if callable(item):
        value = item()
        if isinstance(value, (bool, int, float)):
            return value
    raise Uncacheable(name)


def _unpack(o: Any) -> Any:
    if o is None or isinstance(o, (bool, int, float, str)):
        return o
    if isinstance(o, list):
        return [_unpack(v) for v in o]
    if not isinstance(o, dict) or len(o) != 1:
        raise ValueError("not an encoded report")
    ((tag, body),) = o.items()
    if tag == "C":
        name, *values = body
        return _CLASSES[name](*(_unpack(v) for v in values))
    if tag == "T":
        return tuple(_unpack(v) for v in body)
    if tag == "F":
        return FrozenMap((_unpack(k), _unpack(v)) for k, v in body)
    if tag == "D":
        return {_unpack(k): _unpack(v) for k, v in body}
    if tag == "E":
        name, value = body
        return _ENUMS[name](value)
    raise ValueError(f"unknown tag {tag!r}")


# --- using it --------------------------------------------------------------------------------


def settle_cached(
    items: Sequence[tuple[PairJob, "Settings"]], pending: Sequence[int], done: Callable[[int, PairResult], None]
) -> list[int]:
    """The pairs among ``pending`` (indices into ``items``) whose report is kept are decided
    here, through ``done(index, result)``; returns those left to check."""
    from checker.embed_cache import shared_cache

    keys = {}
    for i in pending:
        job, settings = items[i]
        if settings.cache:
            key = pair_key(job, settings)
            if key is not None:
                keys[i] = key
    if not keys:
        return list(pending)
    stored = shared_cache().get_reports(list(keys.values()))
    left = []
    for i in pending:
        data = stored.get(keys[i]) if i in keys else None
        report = None
        if data is not None:
            try:
                report = decode(data)
            except Exception:  # damaged, or not written by this code: check the pair again
                report = None
        if report is None:
            left.append(i)
            continue
        job = items[i][0]
        done(i, PairResult(job.source, job.target, report=report))
    return left


def keep(key: bytes | None, job: PairJob, settings: "Settings", report: Report) -> None:
    """Store ``report`` under ``key`` (computed before its files were read) if the files still
    have the contents it was computed from."""
    if key is None or pair_key(job, settings) != key:
        return  # a file changed while it was checked: its next run checks it again
    try:
        data = encode(report)
    except Uncacheable:
        return
    from checker.embed_cache import shared_cache

    shared_cache().put_reports([(key, data)])
