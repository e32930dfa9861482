"""What each ``transcheck glossary`` command does, as functions the CLI calls and prints the results of.

Every edit goes through :func:`checker.glossary.transaction.edit_glossary` (lock, validation,
atomic write); the read-only commands load the file once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import GlossaryError
from checker.glossary.crosscheck import cross_check
from checker.glossary.document import GlossaryDocument
from checker.glossary.exchange import Imported, format_of, read_terms, write_terms
from checker.glossary.fileio import read_bytes
from checker.glossary.merge import MergePolicy, MergeSummary, merge
from checker.glossary.safeyaml import no_collection
from checker.glossary.schema import Glossary, Term, glossary_problems
from checker.glossary.suggest import Suggestion, render_suggestions, suggest_entries
from checker.glossary.transaction import (
    EditResult,
    append_text,
    decode,
    edit_glossary,
    load_document,
    load_file,
)

# --------------------------------------------------------------------------- reading


def search_entries(glossary: Glossary, search: str | None) -> list[tuple[int, Term]]:
    """(1-based number, term) of the entries with ``search`` in any field (case-insensitive);
    every entry when ``search`` is None or empty."""
    needle = search.casefold() if search else None
    out = []
    for i, t in enumerate(glossary.terms, 1):
        cells = [", ".join(t.source), ", ".join(t.target), ", ".join(t.forbidden), ", ".join(t.exceptions),
                 t.note or "", t.id or ""]
        if needle and not any(needle in c.casefold() for c in cells):
            continue
        out.append((i, t))
    return out


def show_entry(path: str, query: str) -> tuple[int, str]:
    """The entry ``query`` names, as the file writes it: (its line, its text)."""
    doc = load_document(path)
    return doc.entry_text(doc.find(query))


@dataclass(frozen=True)
class Validation:
    problems: list[GlossaryError]
    glossaries: list[Glossary]

    @property
    def terms(self) -> int:
        return sum(len(g.terms) for g in self.glossaries)


def validate_files(paths: Sequence[str]) -> Validation:
    """Every problem of each file, then the problems between entries and files.

    A file that cannot be read at all raises GlossaryError."""
    problems: list[GlossaryError] = []
    glossaries = []
    with no_collection():  # the files' terms stay alive while they are checked against each other
        for path in paths:
            text, _style = decode(read_bytes(path), path)
            glossary, found = glossary_problems(text, path)
            problems.extend(found)
            if glossary is not None:
                glossaries.append(glossary)
        problems.extend(cross_check(glossaries))
    return Validation(problems, glossaries)


# --------------------------------------------------------------------------- edits


def add_entry(path: str, term: Term, *, dry_run: bool = False) -> EditResult:
    """Append ``term``; refused when an entry already has one of its source forms."""

    def edit(doc: GlossaryDocument) -> None:
        for i in doc.entries_with_source(term.source):
            raise GlossaryError(f"an entry for this source exists: {doc.describe(i)}; "
                                "change it with `glossary set`", path=doc.path, line=doc.entry_line(i))
        doc.add(term)

    return edit_glossary(path, edit, dry_run=dry_run)


@dataclass(frozen=True)
class ListChange:
    """A change of one list field: ``replace`` it (if given), then ``remove`` forms, then ``add`` forms."""

    replace: Sequence[str] = ()
    add: Sequence[str] = ()
    remove: Sequence[str] = ()

    def __bool__(self) -> bool:
        return bool(self.replace or self.add or self.remove)


@dataclass(frozen=True)
class EntryChanges:
    """What ``glossary set`` changes: list fields, and scalar fields (None removes the key)."""

    lists: Mapping[str, ListChange] = field(default_factory=dict)
    scalars: Mapping[str, Any] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return any(self.lists.values()) or bool(self.scalars)


def change_entry(path: str, query: str, changes: EntryChanges, *, dry_run: bool = False) -> EditResult:
    """Apply ``changes`` to the entry ``query`` names; other entries and keys stay as written."""
    if not changes:
        raise GlossaryError("nothing to change: give at least one option (see --help)", path=path)

    def edit(doc: GlossaryDocument) -> None:
        i = doc.find(query)
        for key, change in changes.lists.items():
            if change.replace:
                doc.set_list(i, key, change.replace)
            if change.remove:
                doc.remove_from_list(i, key, change.remove)
            if change.add:
                doc.add_to_list(i, key, change.add)
        for key, value in changes.scalars.items():
            doc.set_scalar(i, key, value)

    return edit_glossary(path, edit, dry_run=dry_run)


def remove_entry(path: str, query: str, *, dry_run: bool = False) -> EditResult:
    """Remove the entry ``query`` names, with the comment lines that belong to it."""
    return edit_glossary(path, lambda doc: doc.remove(doc.find(query)), dry_run=dry_run)


# --------------------------------------------------------------------------- import and export


@dataclass(frozen=True)
class ImportPlan:
    """Terms read from an exchange file, and the language pair of the glossary they go into."""

    imported: Imported
    source_language: str
    target_language: str


def read_import(src: str, to: str, *, source_language: str | None = None,
                target_language: str | None = None) -> ImportPlan:
    """Read ``src`` (TBX, CSV or TSV) for importing into the glossary ``to``.

    The languages are the ones given, else the existing glossary's, else (for a new
    glossary) the TBX file's; CSV and TSV name none, so a new glossary from them needs both."""
    fmt = format_of(src)
    src_lang, tgt_lang = source_language, target_language
    exists = os.path.exists(to)
    if not exists and fmt != "tbx" and not (src_lang and tgt_lang):
        raise GlossaryError("no such glossary; give --source-language and --target-language to create it", path=to)
    if exists:
        head = load_document(to)
        src_lang = src_lang or head.top_value("source_language")
        tgt_lang = tgt_lang or head.top_value("target_language")
    imported = read_terms(src, source_language=src_lang if fmt == "tbx" else None,
                          target_language=tgt_lang if fmt == "tbx" else None)
    src_lang = src_lang or imported.source_language
    tgt_lang = tgt_lang or imported.target_language
    if not exists and not (src_lang and tgt_lang):
        raise GlossaryError("no such glossary; give --source-language and --target-language to create it", path=to)
    return ImportPlan(imported, str(src_lang), str(tgt_lang))


def apply_import(plan: ImportPlan, to: str, policy: MergePolicy, *,
                 dry_run: bool = False) -> tuple[EditResult, MergeSummary]:
    """Merge the planned terms into ``to`` (created when missing)."""
    summary: list[MergeSummary] = []

    def edit(doc: GlossaryDocument) -> None:
        summary.append(merge(doc, plan.imported.terms, policy))

    result = edit_glossary(to, edit, dry_run=dry_run, create=(plan.source_language, plan.target_language))
    return result, summary[0]


def export_text(path: str, fmt: str | None, output: str | None) -> str:
    """The entries of ``path`` as TBX, CSV or TSV (``fmt``, else from ``output``'s extension)."""
    fmt = fmt or (format_of(output) if output else None)
    if fmt is None:
        raise GlossaryError("give --format (tbx, csv, tsv) or an --output file with one of those extensions",
                            path=path)
    glossary = load_file(path)
    return write_terms(fmt, glossary.terms, glossary.source_language, glossary.target_language)


# --------------------------------------------------------------------------- suggestions


@dataclass(frozen=True)
class Suggestions:
    found: list[Suggestion]
    text: str  # commented-out YAML entries, in the --to glossary's indentation


def suggest_for(paths: Sequence[Path], to: str | None, *, source_language: str | None = None,
                min_count: int = 1) -> Suggestions:
    """Mine names and their renderings from SOURCE TARGET pairs of files (see ``suggest``)."""
    if len(paths) % 2:
        raise GlossaryError(f"{len(paths)} file{'s' if len(paths) != 1 else ''}: give SOURCE TARGET pairs",
                            path=str(paths[-1]))
    known: Sequence[Term] = ()
    language = source_language
    text = ""
    if to is not None:
        glossary = load_file(to)
        known = glossary.terms
        language = language or glossary.source_language
        text = decode(read_bytes(to), to)[0]
    # Imported here: aligning needs the encoder, which no other glossary command loads.
    from checker.config import Settings
    from checker.pipeline import aligned_pairs

    pairs: list[tuple[str, str]] = []
    for s, t in zip(paths[::2], paths[1::2]):
        detected, found_pairs = aligned_pairs(s, t, Settings(source_language=language))
        language = language or detected
        pairs.extend(found_pairs)
    assert language is not None
    found = [x for x in suggest_entries(pairs, language, known=known) if x.count >= min_count]
    return Suggestions(found, render_suggestions(found, text))


def append_suggestions(to: str, suggestions: Suggestions, *, dry_run: bool = False) -> EditResult:
    """Append the suggestions (commented out) to the glossary ``to``."""
    return append_text(to, suggestions.text, dry_run=dry_run)
