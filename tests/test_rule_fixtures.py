"""Every rule's pass/fail pairs, read from tests/rules/<CODE>/*.yaml and run by one test.

As ruff keeps its fixtures per rule code, each folder holds the cases of one rule. A file:

    glossary: minimal            # tests/fixtures/glossary/minimal.yaml; "ukraine": the shipped
                                 # one; or a glossary written inline as a mapping; or a list
    languages: [ru, en]          # the default
    rules: [TC301, TC302]        # which rules run; the default: the folder's rule
    encoder: true                # give the rules the bundled encoder (meaning comparisons);
                                 # e5: the multilingual one, for thresholds set per encoder
    cases:
      - name: a forbidden spelling
        source: Встреча в Киеве.  # one sentence per line; a blank line starts a paragraph
        target: A meeting in Kiev.
        alignment: ["0-0"]       # beads "i,j-k@score"; the default: sentence i with sentence i
        align: true              # or: align with the real aligner and the encoder
        expect:                  # every finding, in order; [] for a pair that must stay quiet
          - target: Kiev         # the flagged text, "#0" for whole sentence(s) 0, "^" for an
            source: Киеве        # insertion point; null for no location
            suggestion: Kyiv     # each key given is compared; "message" too, in full
            code: TC102          # needed when several rules run

The findings are those ``run_rules`` returns with only these rules selected: the same
severity, supersession and document order as in a real check.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.config import Settings
from checker.embed import Encoder
from checker.glossary.schema import Glossary, load_glossary, parse_glossary
from checker.model import Alignment, Document, Finding, Location, Segment, Span
from checker.pipeline import align_documents, run_rules
from checker.report.common import resolve
from checker.rules import RULES
from checker.rules.base import CheckContext

HERE = Path(__file__).parent
FIXTURES = HERE / "rules"
GLOSSARIES = {
    "minimal": HERE / "fixtures" / "glossary" / "minimal.yaml",
    "ukraine": HERE.parent / "glossaries" / "ru-en" / "ukraine.yaml",
}
CODES = {r.code for r in RULES if r.per_pair}


@dataclass(frozen=True)
class Case:
    file: Path
    index: int
    spec: dict[str, Any]
    defaults: dict[str, Any]

    @property
    def id(self) -> str:
        name = self.spec.get("name", str(self.index))
        return f"{self.file.parent.name}/{self.file.stem}: {name}"


def _cases() -> list[Case]:
    out = []
    for file in sorted(FIXTURES.glob("TC*/*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        defaults = {k: v for k, v in data.items() if k != "cases"}
        out += [Case(file, k, spec, defaults) for k, spec in enumerate(data["cases"])]
    return out


CASES = _cases()


def test_every_rule_has_fixtures() -> None:
    assert {c.file.parent.name for c in CASES} == CODES


def document(language: str, text: str, path: str) -> Document:
    """One segment per line; a blank line starts a new block (paragraph)."""
    segments: list[Segment] = []
    block, pos = 0, 0
    lines = text.strip("\n").split("\n")
    for line in lines:
        if not line.strip():
            block += 1
        else:
            segments.append(Segment(len(segments), line, Span(pos, pos + len(line)), block=block))
        pos += len(line) + 1
    return Document(path, language, "\n".join(lines), tuple(segments))


def beads(spec: list[str]) -> tuple[Alignment, ...]:
    out = []
    for bead in spec:
        sides, _, score = bead.partition("@")
        src, _, tgt = sides.partition("-")
        out.append(Alignment(
            tuple(int(i) for i in src.split(",") if i),
            tuple(int(j) for j in tgt.split(",") if j),
            float(score) if score else (0.9 if src and tgt else None),
        ))
    return tuple(out)


def glossaries(spec: Any) -> tuple[Glossary, ...]:
    if spec is None:
        return ()
    items = spec if isinstance(spec, list) else [spec]
    out = []
    for k, item in enumerate(items):
        if isinstance(item, str):
            out.append(load_glossary(GLOSSARIES[item]))
        else:
            out.append(parse_glossary(yaml.safe_dump(item, allow_unicode=True), f"inline-{k}.yaml"))
    return tuple(out)


def place(doc: Document, loc: Location | None) -> str | None:
    if loc is None:
        return None
    p = resolve(doc, loc)
    if p.span_text is not None:
        return p.span_text
    return "#" + "+".join(map(str, loc.segments)) if loc.segments else "^"


def summarise(ctx: CheckContext, f: Finding, keys: set[str]) -> dict[str, Any]:
    got = {"code": f.code, "message": f.message, "suggestion": f.suggestion, "severity": f.severity.value,
           "source": place(ctx.source, f.source), "target": place(ctx.target, f.target)}
    return {k: v for k, v in got.items() if k in keys}


FILE_KEYS = {"glossary", "languages", "rules", "encoder"}
CASE_KEYS = FILE_KEYS | {"name", "source", "target", "alignment", "align", "expect"}
EXPECT_KEYS = {"code", "message", "suggestion", "severity", "source", "target"}


def test_fixtures_are_well_formed() -> None:
    """A comma in a YAML flow mapping splits a sentence silently: every key must be known."""
    for case in CASES:
        assert set(case.defaults) <= FILE_KEYS, case.id
        assert set(case.spec) <= CASE_KEYS and {"source", "target", "expect"} <= set(case.spec), case.id
        assert isinstance(case.spec["source"], str) and isinstance(case.spec["target"], str), case.id
        for item in case.spec["expect"] or []:
            assert set(item) <= EXPECT_KEYS, case.id
            assert all(v is None or isinstance(v, str) for v in item.values()), case.id


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_rule_fixture(case: Case, use_encoder: Encoder) -> None:
    spec = {**case.defaults, **case.spec}
    rules = spec.get("rules", [case.file.parent.name])
    assert set(rules) <= CODES
    src_lang, tgt_lang = spec.get("languages", ["ru", "en"])
    source = document(src_lang, spec["source"], "source.txt")
    target = document(tgt_lang, spec["target"], "target.txt")
    if spec.get("align"):
        alignments = align_documents(source, target, use_encoder, Settings())
    elif "alignment" in spec:
        alignments = beads(spec["alignment"])
    else:
        assert len(source.segments) == len(target.segments), "give an alignment"
        alignments = beads([f"{i}-{i}" for i in range(len(source.segments))])
    encoder = use_encoder if spec.get("encoder") or spec.get("align") else None
    if spec.get("encoder") == "e5":
        # thresholds that differ per encoder (e5 scores any two short phrases high)
        from checker.embed import get_encoder

        encoder = get_encoder("e5")
    ctx = CheckContext(source, target, alignments, glossaries(spec.get("glossary")), encoder=encoder)
    findings = run_rules(ctx, Settings(select=frozenset(rules)))
    expected = spec["expect"] or []
    keys = {k for item in expected for k in item} | ({"code"} if len(rules) > 1 else set())
    defaults = {"code": rules[0]} if len(rules) == 1 else {}
    want = [{k: v for k, v in {**defaults, **item}.items() if k in keys} for item in expected]
    assert [summarise(ctx, f, keys) for f in findings] == want
