"""Checks between entries that a single entry cannot show, within one file and across files.

``transcheck glossary validate`` runs them over every file it is given; an edit runs them
over the edited file and refuses one that adds a problem the file did not have.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from checker.errors import GlossaryError
from checker.glossary.schema import Glossary, Term, form_key, glossary_problems
from checker.language.morphology import lemma_key

if TYPE_CHECKING:
    from checker.glossary.document import GlossaryDocument


def cross_check(glossaries: Sequence[Glossary]) -> list[GlossaryError]:
    """Problems between entries that the per-file validation (``validate_terms``) cannot see.

    - the same source form with different targets in two files;
    - a form approved (target) in one entry and forbidden in another (any files);
    - a source form the morphology normalises onto another entry's source form (any files);
    - an exception that contains none of its entry's forbidden forms: it can never apply.
      Containment is by letters, not whole words, so "Kievan Rus" does cover "Kiev".

    Messages quote forms as the files write them.
    """
    return [p.error for p in _cross_problems(glossaries)]


# Which entry a problem is about: (index of its glossary, index of the entry in it).
_Ref = tuple[int, int]


@dataclass(frozen=True)
class _Problem:
    """A ``cross_check`` problem and what identifies it apart from line numbers: its kind, the
    (normalised) forms involved and the entries, by position, so that the problems before and
    after an edit can be compared."""

    error: GlossaryError
    kind: str
    forms: tuple[str, ...]
    entries: tuple[_Ref, ...]


def _cross_problems(glossaries: Sequence[Glossary]) -> list[_Problem]:
    problems: list[_Problem] = []
    entries = [((gi, ti), g, t) for gi, g in enumerate(glossaries) for ti, t in enumerate(g.terms)]

    def where(g: Glossary, t: Term) -> str:
        return f"{g.path}:{t.line}"

    by_source: dict[str, list[tuple[_Ref, Glossary, Term, str]]] = {}
    for ref, g, t in entries:
        for s in t.source:
            by_source.setdefault(form_key(s), []).append((ref, g, t, s))
    for form, group in by_source.items():
        for (r1, g1, t1, _s1), (r2, g2, t2, s2) in _pairs(group):
            if g1.path != g2.path and [form_key(x) for x in t1.target] != [form_key(x) for x in t2.target]:
                problems.append(_Problem(GlossaryError(
                    f"source {s2!r} has target {', '.join(t2.target)!r} here but {', '.join(t1.target)!r} "
                    f"at {where(g1, t1)}", path=g2.path, line=t2.line), "targets", (form,), (r1, r2)))

    approved: dict[str, list[tuple[_Ref, Glossary, Term]]] = {}
    for ref, g, t in entries:
        for x in t.target:
            approved.setdefault(form_key(x), []).append((ref, g, t))
    for ref, g, t in entries:
        for f in t.forbidden:
            for ref2, g2, t2 in approved.get(form_key(f), []):
                if t2 is not t:
                    problems.append(_Problem(GlossaryError(
                        f"{f!r} is forbidden here but approved at {where(g2, t2)}", path=g.path, line=t.line),
                        "forbidden-approved", (form_key(f),), (ref, ref2)))

    by_lemma: dict[str, list[tuple[_Ref, Glossary, Term, str]]] = {}
    for ref, g, t in entries:
        for s in t.source:
            by_lemma.setdefault(_lemma_key(s, g.source_language), []).append((ref, g, t, s))
    for group3 in by_lemma.values():
        for (r1, g1, t1, s1), (r2, g2, t2, s2) in _pairs(group3):
            if t1 is not t2 and form_key(s1) != form_key(s2):
                problems.append(_Problem(GlossaryError(
                    f"source {s2!r} normalises to the same form as {s1!r} at {where(g1, t1)}",
                    path=g2.path, line=t2.line), "lemma", (form_key(s1), form_key(s2)), (r1, r2)))
    for ref, g, t in entries:
        for exception in t.exceptions:
            if t.forbidden and not any(form_key(f) in form_key(exception) for f in t.forbidden):
                problems.append(_Problem(GlossaryError(
                    f"exception {exception!r} contains none of the forbidden forms "
                    f"({', '.join(t.forbidden)}), so it never applies", path=g.path, line=t.line),
                    "exception", (form_key(exception),), (ref,)))

    problems.sort(key=lambda p: (p.error.path or "", p.error.line or 0))
    return problems


@functools.lru_cache(maxsize=1 << 20)
def _lemma_key(form: str, language: str) -> str:
    # An edit checks the file before and after: the same forms twice.
    return lemma_key(form, language)


def new_problems(doc: GlossaryDocument, glossary: Glossary) -> list[GlossaryError]:
    """The ``cross_check`` problems within ``glossary`` (``doc`` after its edits) that the file as
    read did not have. Entries are matched through ``doc.origin``, so an entry keeps its
    identity when others are removed before it or its own fields change."""
    old: set[tuple[Any, ...]] = set()
    if doc.original:
        before, _errors = glossary_problems(doc.original, doc.path, null_terms=True)  # as the edit read it
        if before is not None:
            old = {(p.kind, p.forms, p.entries) for p in _cross_problems([before])}

    def as_read(ref: _Ref) -> Any:
        origin = doc.origin[ref[1]] if ref[1] < len(doc.origin) else None
        return (0, origin) if origin is not None else ("new", ref[1])

    return [p.error for p in _cross_problems([glossary])
            if (p.kind, p.forms, tuple(as_read(r) for r in p.entries)) not in old]


def _pairs(items: Sequence[Any]) -> Iterator[tuple[Any, Any]]:
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            yield items[i], items[j]
