"""The JSON contract that CI and other tools read. Keys and meanings are stable."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from checker import __version__
from checker.model import Alignment, Document, Finding, Location, Report
from checker.report.common import resolve


def segment_json(doc: Document, index: int) -> dict[str, Any]:
    seg = doc.segments[index]
    line, col = doc.line_col(seg.span.start)
    return {"index": seg.index, "text": seg.text, "line": line, "column": col,
            "start": seg.span.start, "end": seg.span.end}


def document_json(doc: Document, *, segments: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"path": doc.path, "language": doc.language}
    if segments:
        out["segments"] = [segment_json(doc, s.index) for s in doc.segments]
    return out


def alignment_json(alignments: Sequence[Alignment]) -> list[dict[str, Any]]:
    return [
        {"source": list(a.source), "target": list(a.target),
         "score": None if a.score is None else round(float(a.score), 4)}
        for a in alignments
    ]


def location_json(doc: Document, loc: Location | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    place = resolve(doc, loc)
    out: dict[str, Any] = {"segments": list(place.segments), "text": place.text, "span": place.span_text,
                           "line": place.line, "column": place.column}
    if place.span is not None:
        out["start"], out["end"] = place.span.start, place.span.end
    return out


def finding_json(report: Report, f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "code": f.code,
        "severity": f.severity.value,
        "message": f.message,
        "source": location_json(report.source, f.source),
        "target": location_json(report.target, f.target),
        "suggestion": f.suggestion,
    }


def alignment_document(source: Document, target: Document, alignments: Sequence[Alignment],
                       signature: dict[str, Any]) -> dict[str, Any]:
    return {
        "version": __version__,
        "signature": signature,
        "source": document_json(source, segments=True),
        "target": document_json(target, segments=True),
        "alignment": alignment_json(alignments),
    }


def check_document(report: Report) -> dict[str, Any]:
    return {
        "version": __version__,
        "signature": report.signature,
        "source": document_json(report.source, segments=False),
        "target": document_json(report.target, segments=False),
        "alignment": alignment_json(report.alignments),
        "findings": [finding_json(report, f) for f in report.findings],
        "summary": report.summary(),
        "warnings": list(report.warnings),
    }


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_alignment(source: Document, target: Document, alignments: Sequence[Alignment],
                     signature: dict[str, Any]) -> str:
    return dumps(alignment_document(source, target, alignments, signature))


def render_check(report: Report) -> str:
    return dumps(check_document(report))
