"""The JSON contract that CI and other tools read. Keys and meanings are stable."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from checker import __version__
from checker.model import (
    Alignment,
    Document,
    Finding,
    Location,
    Notice,
    PairResult,
    Report,
    RunReport,
    Signature,
    severity_counts,
)
from checker.report.common import json_safe, resolve


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
        # null, or why it does not count: "inSource" (a transcheck-disable comment), "external" (a baseline)
        "suppressed": f.suppressed,
    }


def notice_json(notice: Notice) -> dict[str, Any]:
    return {"path": notice.path, "line": notice.line, "message": notice.message}


def reading_notices(report: Report) -> list[Notice]:
    """How the pair's files were read, where a user should know it (a sentence cut, Markdown
    read as plain text): the source's, then the target's."""
    return [*report.source.notices, *report.target.notices]


def alignment_document(source: Document, target: Document, alignments: Sequence[Alignment],
                       signature: Signature) -> dict[str, Any]:
    return {
        "version": __version__,
        "signature": signature.as_dict(),
        "source": document_json(source, segments=True),
        "target": document_json(target, segments=True),
        "alignment": alignment_json(alignments),
    }


def check_document(report: Report) -> dict[str, Any]:
    return {
        "version": __version__,
        "signature": report.signature.as_dict() if report.signature is not None else {},
        "source": document_json(report.source, segments=False),
        "target": document_json(report.target, segments=False),
        "alignment": alignment_json(report.alignments),
        "findings": [finding_json(report, f) for f in report.findings],
        "summary": report.summary(),
        "warnings": list(report.warnings),
        "notices": [notice_json(n) for n in reading_notices(report)],
    }


def dumps(data: Any) -> str:
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def render_alignment(source: Document, target: Document, alignments: Sequence[Alignment],
                     signature: Signature) -> str:
    return dumps(alignment_document(source, target, alignments, signature))


def render_check(report: Report) -> str:
    return dumps(check_document(report))


def _file_finding_json(f: Finding) -> dict[str, Any]:
    """A finding about a whole file (a file without its counterpart): at the start of the
    file that exists; the pair's own ``source``/``target`` give the paths."""

    def side(loc: Location | None) -> dict[str, Any] | None:
        return None if loc is None else {"segments": [], "text": "", "span": None, "line": 1, "column": 1}

    return {"rule": f.rule, "code": f.code, "severity": f.severity.value, "message": f.message,
            "source": side(f.source), "target": side(f.target), "suggestion": f.suggestion,
            "suppressed": f.suppressed}


def pair_document(pair: PairResult) -> dict[str, Any]:
    """A pair of a run: the single-pair report, plus ``error``; a pair that was not checked
    (unreadable, or a file without its counterpart) has the same keys, its sides' languages null."""
    if pair.report is not None:
        return {**check_document(pair.report), "error": pair.error}
    findings = pair.findings
    return {
        "version": __version__,
        "signature": {},
        "source": None if pair.source_path is None else {"path": pair.source_path, "language": None},
        "target": None if pair.target_path is None else {"path": pair.target_path, "language": None},
        "alignment": [],
        "findings": [_file_finding_json(f) for f in findings],
        "summary": severity_counts(findings),
        "notices": [],
        "error": pair.error,
    }


def run_document(run: RunReport) -> dict[str, Any]:
    every = [f for p in run.pairs for f in p.all_findings()]
    return {
        "version": __version__,
        "signature": run.signature,
        "pairs": [pair_document(p) for p in run.pairs],
        "totals": {
            **run.summary(),
            "suppressed": sum(1 for f in every if f.suppressed is not None),
            "pairs": len(run.pairs),
            "checked": sum(1 for p in run.pairs if p.report is not None),
            "without_counterpart": sum(1 for p in run.pairs if p.report is None and p.error is None),
            "failed": len(run.errors),
        },
    }


def render_run(run: RunReport) -> str:
    """One report per pair (each the single-pair schema, plus ``error``) and the totals;
    checker/report/schemas/report.schema.json describes it."""
    return dumps(run_document(run))
