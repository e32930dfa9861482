"""Merging imported terms into a glossary document, under a policy for entries that match."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from checker.errors import GlossaryError
from checker.glossary.document import GlossaryDocument, as_list, one_line
from checker.glossary.schema import TERM_FIELDS, Kind, Term, form_key, term_fields


class MergePolicy(Enum):
    """What ``import`` does with an imported entry that matches an existing one."""

    error = "error"  # refuse the whole import, listing the conflicts
    skip = "skip"  # keep the existing entry as it is
    replace = "replace"  # the imported entry's fields replace the existing entry's
    merge = "merge"  # union: existing values first, imported ones appended; existing note wins


@dataclass(frozen=True)
class MergeSummary:
    added: int = 0
    unchanged: int = 0
    skipped: int = 0
    replaced: int = 0
    merged: int = 0


def merge(doc: GlossaryDocument, imported: Iterable[Term], policy: MergePolicy) -> MergeSummary:
    """Add ``imported`` terms to ``doc``; one that matches an existing entry is handled by ``policy``.

    An imported term matches an entry with the same id, or, when either has no id, an entry
    sharing a source form (case- and NFC-insensitive). Terms equal to their match are left
    alone under every policy. A term matching several entries is an error."""
    counts = {"added": 0, "unchanged": 0, "skipped": 0, "replaced": 0, "merged": 0}
    conflicts: list[str] = []
    index = EntryIndex(doc)
    for term in imported:
        hits = index.matches(term)
        if len(hits) > 1:
            listed = "; ".join(doc.describe(i) for i in hits)
            raise GlossaryError(one_line(f"imported entry {'|'.join(term.source)!r} matches several entries: "
                                         f"{listed}"), path=doc.path)
        if not hits:
            index.update(doc.add(term))
            counts["added"] += 1
            continue
        i = hits[0]
        existing = doc.term_at(i)
        if term_fields(existing) == term_fields(term):
            counts["unchanged"] += 1
        elif policy is MergePolicy.error:
            conflicts.append(one_line(f"{'|'.join(term.source)} vs {doc.describe(i)}"))
        elif policy is MergePolicy.skip:
            counts["skipped"] += 1
        elif policy is MergePolicy.replace:
            doc.replace_with(i, term)
            index.update(i)
            counts["replaced"] += 1
        else:
            union(doc, i, existing, term)
            index.update(i)
            counts["merged"] += 1
    if conflicts:
        shown = "; ".join(conflicts[:5]) + (f"; and {len(conflicts) - 5} more" if len(conflicts) > 5 else "")
        raise GlossaryError(
            f"{len(conflicts)} imported entries differ from existing ones ({shown}); "
            "choose --on-conflict skip, replace or merge",
            path=doc.path,
        )
    return MergeSummary(**counts)


def union(doc: GlossaryDocument, index: int, existing: Term, term: Term) -> None:
    """Entry ``index`` (``existing``) takes what ``term`` adds: forms appended after its own,
    a text field where it has none, a flag that ``term`` sets."""
    for f in TERM_FIELDS:
        theirs, ours = getattr(term, f.name), getattr(existing, f.name)
        if f.kind is Kind.FORMS:
            doc.add_to_list(index, f.name, theirs)
        elif f.kind is Kind.TEXT:
            if ours is None and theirs is not None:
                doc.set_scalar(index, f.name, theirs)
        elif theirs and not ours:
            doc.set_scalar(index, f.name, True)


class EntryIndex:
    """The entries of a document by id and by source form, kept up to date as ``merge`` edits:
    matching each imported term against every entry made an import quadratic."""

    def __init__(self, doc: GlossaryDocument) -> None:
        self.doc = doc
        self.by_id: dict[str, set[int]] = {}
        self.by_source: dict[str, set[int]] = {}
        self.keys: dict[int, tuple[str | None, set[str]]] = {}  # entry → (its id, its source keys)
        for i in range(len(doc)):
            self.update(i)

    def update(self, index: int) -> None:
        """Index entry ``index`` (again) as the document now holds it."""
        old_id, old_sources = self.keys.pop(index, (None, set()))
        if old_id is not None:
            self.by_id[old_id].discard(index)
        for key in old_sources:
            self.by_source[key].discard(index)
        e = self.doc.entry(index)
        if e is None:
            return
        ident = None if e.get("id") is None else str(e.get("id"))
        sources = {form_key(s) for s in as_list(e.get("source"))}
        self.keys[index] = (ident, sources)
        if ident is not None:
            self.by_id.setdefault(ident, set()).add(index)
        for key in sources:
            self.by_source.setdefault(key, set()).add(index)

    def matches(self, term: Term) -> list[int]:
        """The entries ``term`` matches (see ``merge``), in file order."""
        found = set(self.by_id.get(term.id, ())) if term.id is not None else set()
        for key in {form_key(s) for s in term.source}:
            for i in self.by_source.get(key, ()):
                # with an id on both sides, the ids decide alone
                if term.id is None or self.keys[i][0] is None:
                    found.add(i)
        return sorted(found)
