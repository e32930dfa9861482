"""Which files are translations of which: pairs from a pattern, a manifest or two directories.

A pattern pairs every file a source glob matches with the target path a template gives it
(``source: content/ru/**/*.md``, ``target: content/en/{path}``). Placeholders, from the
source path relative to the glob's fixed directory (``content/ru`` here):

    {path}  news/2024/a.md     {dir}   news/2024     {name}  a.md
    {stem}  a                  {ext}   .md           {lang}  the target language

A source whose target does not exist is a missing translation (TC505); a file that the
target side of the pattern covers (``content/en/**/*.md``) but that no source maps to is a
target without a source (TC506). Nothing here reads a file's contents.

This module imports nothing heavy: batch workers unpickle its types before they may import
numpy (which must come after their thread settings).
"""

from __future__ import annotations

import glob
import os
import posixpath
import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.errors import ConfigError

TEMPLATE_FIELDS = ("path", "dir", "name", "stem", "ext", "lang")

# What two directories are paired by: the files transcheck reads as text or Markdown.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".mdown", ".mkd"})

_MAGIC = re.compile(r"[*?\[]")
_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class PatternSpec:
    """Pairs from a source glob and a target template (or two directories)."""

    source: str  # a glob, relative to root unless absolute; "{lang}" stands for source_lang
    target: str  # a template with TEMPLATE_FIELDS placeholders
    root: str
    source_lang: str | None = None
    target_lang: str | None = None
    origin: str = ""  # where it was defined: "transcheck.yaml:8", "the command line"
    # Only files with these suffixes (lower case); None: whatever the glob matches.
    suffixes: frozenset[str] | None = None
    # Two directories: the source directory as given (no glob characters are read in it).
    source_dir: str | None = None


@dataclass(frozen=True)
class ManifestSpec:
    """Pairs listed in a YAML or CSV file."""

    path: str
    source_lang: str | None = None
    target_lang: str | None = None
    origin: str = ""
    # The path as the configuration writes it (relative to its directory), for display.
    written: str | None = None


PairSpec = PatternSpec | ManifestSpec


@dataclass(frozen=True)
class PairJob:
    """One pair to check, or one file with no counterpart.

    ``source``/``target`` are paths as reports show them (relative to the working directory
    when below it). A missing side is None and ``expected`` names the file that should exist
    (None when nothing names it, as in a manifest row without a target).
    """

    source: str | None
    target: str | None
    source_lang: str | None = None
    target_lang: str | None = None
    expected: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.source or "", self.target or "")

    def paths(self) -> tuple[str, ...]:
        return tuple(p for p in (self.source, self.target, self.expected) if p is not None)


def directory_spec(
    source_dir: str,
    target_dir: str,
    *,
    root: str | None = None,
    origin: str = "the command line",
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> PatternSpec:
    """Two directories (`transcheck check SRC_DIR TGT_DIR`, or a configured pair without
    wildcards): every text or Markdown file of SRC_DIR, paired by relative path."""
    return PatternSpec(
        source=source_dir.rstrip("/") + "/**/*",
        target=target_dir.rstrip("/").replace("{", "{{").replace("}", "}}") + "/{path}",
        root=root or os.getcwd(),
        source_lang=source_lang,
        target_lang=target_lang,
        origin=origin,
        suffixes=TEXT_SUFFIXES,
        source_dir=source_dir,
    )


def discover(specs: Sequence[PairSpec]) -> list[PairJob]:
    """Every pair the specs define, plus the files with no counterpart, in a stable order.

    The same pair named twice is checked once. Raises ConfigError for a bad manifest.
    """
    from checker.batch.manifest import read_manifest

    jobs: dict[tuple[str, str], PairJob] = {}
    mapped_targets: set[str] = set()  # absolute paths some source maps to
    sources: set[str] = set()
    target_sides: list[tuple[PatternSpec, str]] = []
    for spec in specs:
        if isinstance(spec, ManifestSpec):
            for job in read_manifest(spec):
                jobs.setdefault(job.key, job)
                for p in (job.source, job.target, job.expected):
                    if p is not None:  # listed: no pattern's orphan
                        (sources if p == job.source else mapped_targets).add(os.path.abspath(p))
            continue
        base, rest = source_base(spec)
        base_abs = os.path.join(spec.root, base) if not os.path.isabs(base) else base
        matched = _glob_files(base_abs, rest, spec.suffixes)
        if not matched:
            # A typo in a glob would otherwise pass every CI run, checking nothing.
            if spec.source_dir is not None:
                raise ConfigError("no text or Markdown file in the directory", path=spec.source_dir)
            raise ConfigError(f"{spec.origin}: the source pattern {spec.source!r} matches no file")
        for rel in matched:
            fields = template_fields(rel, spec.target_lang)
            target_rel = fill(spec.target, fields)
            source_abs = os.path.normpath(os.path.join(base_abs, rel))
            target_abs = os.path.normpath(os.path.join(spec.root, target_rel))
            sources.add(source_abs)
            mapped_targets.add(target_abs)
            source_shown = shown_path(source_abs)
            target_shown = shown_path(target_abs)
            if os.path.lexists(target_abs):
                # Also a directory or a broken link where the translation should be: the
                # pair's own error (it cannot be read), not a missing translation.
                job = PairJob(source_shown, target_shown, spec.source_lang, spec.target_lang)
            else:
                job = PairJob(source_shown, None, spec.source_lang, spec.target_lang, expected=target_shown)
            jobs.setdefault(job.key, job)
        target_sides.append((spec, rest))
    for spec, rest in target_sides:
        for target_abs, shown, expected in _target_side_files(spec, rest):
            if target_abs in mapped_targets or target_abs in sources:
                continue
            job = PairJob(None, shown, spec.source_lang, spec.target_lang, expected=expected)
            jobs.setdefault(job.key, job)
    # By source path; a target without a source where its source would be.
    return sorted(jobs.values(), key=lambda j: (j.source or j.expected or j.target or "", j.target or j.expected or ""))


def source_base(spec: PatternSpec) -> tuple[str, str]:
    if spec.source_dir is not None:
        return spec.source_dir, "**/*"
    return split_glob(spec.source.replace("{lang}", spec.source_lang or ""))


def split_glob(pattern: str) -> tuple[str, str]:
    """``content/ru/**/*.md`` → (``content/ru``, ``**/*.md``): the fixed directory and the rest.

    A pattern with no wildcard is a single file.
    """
    parts = pattern.replace(os.sep, "/").split("/")
    for i, part in enumerate(parts):
        if _MAGIC.search(part):
            return "/".join(parts[:i]) or ("/" if pattern.startswith("/") else "."), "/".join(parts[i:])
    return posixpath.dirname(pattern) or ".", posixpath.basename(pattern)


def _glob_files(base: str, rest: str, suffixes: frozenset[str] | None) -> list[str]:
    """Files under ``base`` that ``rest`` matches, as sorted posix paths relative to ``base``."""
    if not os.path.isdir(base):
        return []
    found = []
    for rel in glob.glob(rest, root_dir=base, recursive=True):
        if suffixes is not None and os.path.splitext(rel)[1].lower() not in suffixes:
            continue
        path = os.path.join(base, rel)
        # A broken link is a file someone meant to be there: its pair reports it.
        if os.path.isfile(path) or (os.path.islink(path) and not os.path.exists(path)):
            found.append(Path(rel).as_posix())
    return sorted(found)


def template_fields(rel: str, lang: str | None) -> dict[str, str]:
    directory, name = posixpath.split(rel)
    stem, ext = posixpath.splitext(name)
    return {"path": rel, "dir": directory, "name": name, "stem": stem, "ext": ext, "lang": lang or ""}


def fill(template: str, fields: dict[str, str]) -> str:
    """The target path: placeholders filled; an empty {dir} leaves no empty path component."""
    try:
        path = template.format(**fields)
    except (KeyError, IndexError, ValueError) as e:
        raise ConfigError(f"bad target template {template!r}: {e}") from None
    return posixpath.normpath(path.replace("//", "/"))


def _target_glob(spec: PatternSpec, rest: str) -> str:
    """The files the target side of a pattern covers: each placeholder as the glob it stands for."""
    last = rest.rsplit("/", 1)[-1]
    stem_glob, _, ext_glob = last.rpartition(".")
    globs = {
        "path": rest,
        "dir": "**",
        "name": last,
        "stem": "*",
        "ext": "." + ext_glob if stem_glob and not _MAGIC.search(ext_glob) else ".*",
        "lang": glob.escape(spec.target_lang or ""),
    }
    # Literal text of the template is escaped; placeholders become globs.
    out = []
    for literal, name, _, _ in _FORMATTER.parse(spec.target):
        out.append(glob.escape(literal))
        if name:
            out.append(globs[name])
    return "".join(out).replace("//", "/")


def _target_side_files(spec: PatternSpec, rest: str) -> Iterable[tuple[str, str, str | None]]:
    """(absolute path, shown path, expected source) of every file the target side covers."""
    target_glob = _target_glob(spec, rest)
    base, tail = split_glob(target_glob)
    base_abs = os.path.join(spec.root, base) if not os.path.isabs(base) else base
    for rel in _glob_files(base_abs, tail, spec.suffixes):
        target_abs = os.path.normpath(os.path.join(base_abs, rel))
        yield target_abs, shown_path(target_abs), _expected_source(spec, target_abs)


def _expected_source(spec: PatternSpec, target_abs: str) -> str | None:
    """The source a target would have, for a template that keeps the whole path or dir + name."""
    regex = template_regex(spec)
    try:
        rel = Path(target_abs).relative_to(os.path.abspath(spec.root)).as_posix()
    except ValueError:
        rel = target_abs
    m = regex.fullmatch(rel) if regex is not None else None
    if m is None:
        return None
    groups = m.groupdict()
    if "path" in groups:
        source_rel = groups["path"]
    elif "name" in groups:
        source_rel = posixpath.join(groups.get("dir") or "", groups["name"])
    else:
        return None
    base, _ = source_base(spec)
    return shown_path(os.path.normpath(os.path.join(spec.root, base, source_rel)))


def template_regex(spec: PatternSpec) -> re.Pattern[str] | None:
    patterns = {"path": ".+", "dir": "(?:.*)?", "name": "[^/]+", "stem": "[^/]+", "ext": r"\.[^/.]+"}
    out = []
    seen: set[str] = set()
    for literal, name, _, _ in _FORMATTER.parse(spec.target):
        out.append(re.escape(literal))
        if name == "lang":
            out.append(re.escape(spec.target_lang or ""))
        elif name:
            if name in seen:
                out.append(f"(?P={name})")
            else:
                out.append(f"(?P<{name}>{patterns[name]})")
                seen.add(name)
    try:
        return re.compile(posixpath.normpath("".join(out)).replace("//", "/"))
    except re.error:
        return None


def shown_path(absolute: str) -> str:
    """A path as reports show it: relative to the working directory when below it."""
    try:
        return Path(absolute).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A path glob as a regex over posix paths: ``**`` any depth, ``*`` and ``?`` within a name."""
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            end = pattern.find("]", i + 2)
            if end < 0:
                raise ValueError("unclosed [")
            body = pattern[i + 1 : end]
            out.append("[" + ("^" + re.escape(body[1:]) if body.startswith("!") else re.escape(body)) + "]")
            i = end + 1
        else:
            out.append(re.escape(c))
            i += 1
    return re.compile("".join(out))

