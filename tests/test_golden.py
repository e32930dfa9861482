"""Whole documents through the whole pipeline, against findings a person has checked.

Each folder under tests/golden/ holds a source and a target (or case.json pointing at them),
optional glossaries, and expected.json: every finding, in document order, with its code, the
flagged text and its target line:column. To regenerate after a deliberate change, run
`TRANSCHECK_UPDATE_GOLDEN=1 pytest tests/test_golden.py` and read the diff before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from checker.config import Settings
from checker.glossary.schema import load_glossary
from checker.model import Report
from checker.pipeline import check, load_pair
from checker.report.common import resolve

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())


def _case_files(folder: Path) -> tuple[Path, Path, list[Path]]:
    case = json.loads((folder / "case.json").read_text(encoding="utf-8")) if (folder / "case.json").exists() else {}

    def pick(key: str, stem: str) -> Path:
        if key in case:
            return (folder / case[key]).resolve()
        return next(p for p in folder.iterdir() if p.stem == stem)

    glossaries = [(folder / g).resolve() for g in case.get("glossaries", [])]
    return pick("source", "source"), pick("target", "target"), glossaries


def summarise(report: Report) -> list[dict[str, Any]]:
    """What an editor would check in a finding: which rule, where, what text, what fix."""
    out = []
    for f in report.findings:
        item: dict[str, Any] = {"code": f.code}
        for side, doc, loc in (("source", report.source, f.source), ("target", report.target, f.target)):
            if loc is None:
                item[side] = None
                continue
            place = resolve(doc, loc)
            item[side] = f"{place.line}:{place.column}" + (f" {place.span_text}" if place.span_text else "")
        item["suggestion"] = f.suggestion
        out.append(item)
    return out


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str, use_encoder) -> None:
    folder = GOLDEN / name
    source, target, glossary_paths = _case_files(folder)
    settings = Settings()
    src, tgt = load_pair(source, target, settings)
    report = check(src, tgt, settings=settings, encoder=use_encoder, glossaries=[load_glossary(g) for g in glossary_paths])
    got = summarise(report)
    expected_file = folder / "expected.json"
    if os.environ.get("TRANSCHECK_UPDATE_GOLDEN"):
        expected_file.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    assert got == expected
