"""Manifests: pairs listed one by one, in YAML or CSV (TSV), paths relative to the manifest.

YAML: a list of ``{source: …, target: …}`` (optionally ``source-lang``, ``target-lang``), or a
mapping with that list under ``pairs``. CSV: a header naming ``source`` and ``target`` (and
optionally ``source_lang``, ``target_lang``), one pair a row; ``.tsv`` is tab-separated. A row
with an empty target is a source not yet translated. Errors name ``manifest:line``.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from checker.batch.pairing import ManifestSpec, PairJob, shown_path
from checker.errors import ConfigError
from checker.text.reading import is_url

_YAML_SUFFIXES = (".yaml", ".yml")
_CSV_SUFFIXES = (".csv", ".tsv")
_KEYS = ("source", "target", "source-lang", "target-lang")


def read_manifest(spec: ManifestSpec) -> list[PairJob]:
    path = Path(spec.path)
    shown = shown_path(os.path.abspath(path))
    suffix = path.suffix.lower()
    if suffix not in _YAML_SUFFIXES + _CSV_SUFFIXES:
        raise ConfigError("a manifest is a .yaml, .yml, .csv or .tsv file", path=shown)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ConfigError("no such manifest", path=shown) from None
    except OSError as e:
        raise ConfigError(f"cannot read the manifest: {e.strerror or e}", path=shown) from None
    except UnicodeDecodeError as e:
        raise ConfigError(f"the manifest is not UTF-8 (byte {e.start})", path=shown) from None
    rows = _yaml_rows(text, shown) if suffix in _YAML_SUFFIXES else _csv_rows(text, shown, "\t" if suffix == ".tsv" else ",")
    root = os.path.dirname(os.path.abspath(path))
    jobs = []
    from checker.config import check_language

    for line, row in rows:
        try:
            source_lang = check_language(row.get("source-lang") or None, "source-lang") or spec.source_lang
            target_lang = check_language(row.get("target-lang") or None, "target-lang") or spec.target_lang
        except ConfigError as e:
            raise ConfigError(e.detail, path=shown, line=line) from None
        source = row.get("source") or ""
        target = row.get("target") or ""
        if not source:
            raise ConfigError("a pair without a source", path=shown, line=line)
        jobs.append(_job(root, source, target, source_lang, target_lang))
    return jobs


def _job(root: str, source: str, target: str, source_lang: str | None, target_lang: str | None) -> PairJob:
    source_shown = _resolve(root, source)
    if not target:
        return PairJob(source_shown, None, source_lang, target_lang, expected=None)
    target_shown = _resolve(root, target)
    if is_url(source_shown) or is_url(target_shown):
        # Whoever checks the pair reads the URL (a cluster worker may have credentials this
        # process lacks): an object that is not there is that pair's error, not a TC505.
        return PairJob(source_shown, target_shown, source_lang, target_lang)
    # lexists: a broken link, like a directory, is there but unreadable: the pair's error.
    source_exists, target_exists = os.path.lexists(source_shown), os.path.lexists(target_shown)
    if source_exists and not target_exists:
        return PairJob(source_shown, None, source_lang, target_lang, expected=target_shown)
    if target_exists and not source_exists:
        return PairJob(None, target_shown, source_lang, target_lang, expected=source_shown)
    # Both there, or neither: the check itself reports a file it cannot read.
    return PairJob(source_shown, target_shown, source_lang, target_lang)


def _resolve(root: str, path: str) -> str:
    """A manifest's path relative to the manifest; a URL (``s3://…``, read through fsspec) as written."""
    if is_url(path):
        return path
    return shown_path(os.path.normpath(os.path.join(root, path)))


def _yaml_rows(text: str, shown: str) -> Iterator[tuple[int, dict[str, str]]]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError

    try:
        doc: Any = YAML(typ="rt").load(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = " ".join(str(e.problem or e.context or "invalid YAML").split())
        raise ConfigError(f"invalid YAML: {problem}", path=shown, line=mark.line + 1 if mark else None) from None
    if isinstance(doc, dict) and set(doc) == {"pairs"}:
        doc = doc["pairs"]
    if not isinstance(doc, list):
        raise ConfigError("a manifest is a list of pairs (source, target), or a mapping with that list under 'pairs'", path=shown, line=1)
    rows: Any = doc  # ruamel's CommentedSeq / CommentedMap carry the line marks (.lc)
    for i, item in enumerate(rows):
        line = rows.lc.item(i)[0] + 1
        if not isinstance(item, dict):
            raise ConfigError("a pair is a mapping with a source and a target", path=shown, line=line)
        entry: Any = item
        for key, value in entry.items():
            key_line = entry.lc.key(key)[0] + 1
            if key not in _KEYS:
                raise ConfigError(f"unknown key {key!r} in a pair (allowed: {', '.join(_KEYS)})", path=shown, line=key_line)
            if value is not None and not isinstance(value, str):
                raise ConfigError(f"{key} must be a string", path=shown, line=key_line)
        yield line, {k: str(v) if v is not None else "" for k, v in item.items()}


def _csv_rows(text: str, shown: str, delimiter: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise ConfigError("the manifest is empty", path=shown)
        columns = [h.strip().lower().replace("_", "-") for h in header]
        for required in ("source", "target"):
            if required not in columns:
                raise ConfigError(f"the header has no {required!r} column (found: {', '.join(header)})", path=shown, line=1)
        unknown = [h for h in columns if h not in _KEYS]
        if unknown:
            raise ConfigError(f"unknown column {unknown[0]!r} (allowed: source, target, source_lang, target_lang)", path=shown, line=1)
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                raise ConfigError(
                    f"{len(row)} fields where the header has {len(columns)}", path=shown, line=reader.line_num
                )
            yield reader.line_num, {c: cell.strip() for c, cell in zip(columns, row)}
    except csv.Error as e:
        raise ConfigError(f"invalid CSV: {e}", path=shown, line=reader.line_num) from None
