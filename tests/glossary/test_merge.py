"""Imported terms merged into a document under each policy (checker.glossary.merge)."""

from __future__ import annotations

import pytest

from checker.errors import GlossaryError
from checker.glossary.document import GlossaryDocument
from checker.glossary.merge import MergePolicy, merge
from checker.glossary.schema import make_term, parse_glossary

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
