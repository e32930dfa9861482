"""Fingerprints: a finding's identity across commits, for baselines, SARIF and GitLab.

A fingerprint hashes what a person would call "the same finding": the rule, the file pair,
the text of the flagged sentences on both sides and the flagged characters. Line numbers and
offsets are left out on purpose, so that editing, adding or removing another paragraph does
not make an old finding look new. Two findings that agree on all of that (the same forbidden
word twice in one sentence) are told apart by their order among themselves, which edits
elsewhere do not change either.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter
from pathlib import PurePath

from checker.model import Document, Finding, Location, PairResult

# Bumped only if what is hashed changes; old baselines then stop matching, which is safer
# than matching the wrong findings.
_VERSION = "transcheck-fingerprint/1"


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _path(path: str | None) -> str:
    return PurePath(path).as_posix() if path else ""


def _side(doc: Document | None, loc: Location | None) -> list[str]:
    if doc is None or loc is None:
        return ["", ""]
    text = " ".join(doc.segments[i].text for i in loc.segments if 0 <= i < len(doc.segments))
    span = doc.text[loc.span.start : loc.span.end] if loc.span is not None else ""
    return [_norm(text), _norm(span)]


def _base(pair: PairResult, f: Finding) -> str:
    rep = pair.report
    parts = [
        _VERSION,
        f.code,
        _path(pair.source_path),
        _path(pair.target_path),
        *_side(rep.source if rep else None, f.source),
        *_side(rep.target if rep else None, f.target),
    ]
    if rep is None:
        parts.append(_norm(f.message))  # a pairing finding has no sentences: its message names the file
    return json.dumps(parts, ensure_ascii=False)


def fingerprints(pair: PairResult) -> tuple[str, ...]:
    """One fingerprint per finding of ``pair``, in ``pair.all_findings()`` order; unique within
    the pair, and across pairs (the paths are part of it)."""
    seen: Counter[str] = Counter()
    out = []
    for f in pair.all_findings():
        base = _base(pair, f)
        occurrence = seen[base]
        seen[base] += 1
        out.append(hashlib.sha256(f"{base}\n{occurrence}".encode("utf-8", "surrogatepass")).hexdigest()[:32])
    return tuple(out)


def error_fingerprint(pair: PairResult) -> str:
    """For a pair that could not be read: stable while the same files fail the same way."""
    data = json.dumps([_VERSION, "error", _path(pair.source_path), _path(pair.target_path), pair.error or ""])
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:32]
