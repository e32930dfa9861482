"""Imported terms merged into a document under each policy (checker.glossary.merge)."""

from __future__ import annotations

import pytest

from checker.errors import GlossaryError
from checker.glossary.document import GlossaryDocument, as_list
from checker.glossary.merge import EntryIndex, MergePolicy, merge
from checker.glossary.schema import form_key, make_term, parse_glossary

from tests.glossary.files import fixture


def test_import_merge_policies() -> None:
    existing = make_term(("Киев",), ("Kyiv",), ("Kiev",), ("Chicken Kiev", "Kiev Pechersk Lavra"),
                         "Ukrainian-based spelling; AP style since 2019.")
    changed = make_term(("Киев",), ("Kyiv",), ("Kiev", "Kiyv"))
    new = make_term(("Днепр",), ("Dnipro",))
    d = GlossaryDocument(fixture("base.yaml"), "b.yaml")
    with pytest.raises(GlossaryError, match="choose --on-conflict"):
        merge(d, [changed, new], MergePolicy.error)
    for policy, expect in [
        (MergePolicy.skip, ("Kiev",)),
        (MergePolicy.replace, ("Kiev", "Kiyv")),
        (MergePolicy.merge, ("Kiev", "Kiyv")),
    ]:
        d = GlossaryDocument(fixture("base.yaml"), "b.yaml")
        summary = merge(d, [existing, changed, new], policy)
        g = parse_glossary(d.dump(), "b.yaml")
        kyiv = g.terms[0]
        assert kyiv.forbidden == expect
        assert g.terms[-1].source == ("Днепр",)
        assert summary.added == 1 and summary.unchanged == 1
        if policy is MergePolicy.replace:
            assert kyiv.note is None and kyiv.exceptions == ()
        if policy is MergePolicy.merge:
            assert kyiv.note == existing.note and kyiv.exceptions == existing.exceptions


def test_the_index_finds_what_comparing_every_entry_finds() -> None:
    d = GlossaryDocument(fixture("sections.yaml"), "s.yaml")
    index = EntryIndex(d)
    probes = [make_term(("Киев",), ("x",)), make_term(("киев", "Харьков"), ("x",)), make_term(("Ялта",), ("x",)),
              make_term(("Киев",), ("x",), id="kyiv"), make_term(("Киев",), ("x",), id="other"),
              make_term(("Одесса",), ("x",), id="odesa")]
    for term in probes:
        brute = []
        for i in range(len(d)):
            e = d.entry(i) or {}
            eid = e.get("id")
            if term.id is not None and eid is not None:
                if str(eid) == term.id:
                    brute.append(i)
            elif {form_key(s) for s in term.source} & {form_key(s) for s in as_list(e.get("source"))}:
                brute.append(i)
        assert index.matches(term) == brute, term


def test_an_import_reads_each_entry_a_bounded_number_of_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """Matching every imported row against every entry made a large import quadratic."""
    reads = 0
    entry = GlossaryDocument.entry

    def counting(self: GlossaryDocument, index: int) -> object:
        nonlocal reads
        reads += 1
        return entry(self, index)

    monkeypatch.setattr(GlossaryDocument, "entry", counting)
    d = GlossaryDocument(fixture("sections.yaml"), "s.yaml")
    rows = [make_term((f"Город{i}",), (f"Town{i}",)) for i in range(400)]
    assert merge(d, rows, MergePolicy.error).added == 400
    assert reads <= 3 * (len(rows) + 4)
