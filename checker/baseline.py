"""Baselines: adopt CI on an existing archive by accepting today's findings.

`transcheck baseline` writes the fingerprints of the findings a run reports; `--baseline
FILE` then marks every finding whose fingerprint is listed ``suppressed="external"``, so only
new ones count. The file is JSON with one entry per finding, sorted, so that its diff in a
pull request shows which findings were accepted; only ``fingerprint`` is matched, the other
fields are there for the person reading that diff.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from checker import __version__
from checker.errors import InputError
from checker.fingerprint import fingerprints
from checker.model import PairResult, RunReport

FORMAT = "transcheck-baseline"
VERSION = 1


def render(run: RunReport) -> str:
    """The baseline of ``run``: its findings that are not suppressed already."""
    entries: list[dict[str, Any]] = []
    for pair in run.pairs:
        rep = pair.report
        for f, fp in zip(pair.all_findings(), fingerprints(pair)):
            if f.suppressed is not None:
                continue
            flagged = ""
            if rep is not None and f.target is not None and f.target.span is not None:
                flagged = rep.target.text[f.target.span.start : f.target.span.end]
            if not flagged and rep is not None and f.source is not None and f.source.span is not None:
                flagged = rep.source.text[f.source.span.start : f.source.span.end]
            entries.append({
                "fingerprint": fp,
                "code": f.code,
                "source": pair.source_path,
                "target": pair.target_path,
                # Enough to recognise the finding in a review, short enough for a diff.
                "text": " ".join(flagged.split())[:80] if flagged else f.message[:80],
            })
    entries.sort(key=lambda e: (e["source"] or "", e["target"] or "", e["code"], e["fingerprint"]))
    body = ",\n".join("    " + json.dumps(e, ensure_ascii=False) for e in entries)
    head = json.dumps({"format": FORMAT, "version": VERSION, "transcheck": __version__})[:-1]
    return f'{head}, "findings": [\n{body}\n]}}\n' if entries else f'{head}, "findings": []}}\n'


def parse(text: str, path: str) -> frozenset[str]:
    """The fingerprints of a baseline file's text; InputError (with the line) if it is not one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"not a transcheck baseline: invalid JSON ({e.msg})", path=path, line=e.lineno) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError("not a transcheck baseline (write one with `transcheck baseline`)", path=path)
    if data.get("version") != VERSION:
        raise InputError(f"baseline format version {data.get('version')!r}, this transcheck reads {VERSION}", path=path)
    findings = data.get("findings")
    if not isinstance(findings, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in findings
    ):
        raise InputError("a baseline's findings must be a list of objects with a fingerprint", path=path)
    return frozenset(e["fingerprint"] for e in findings)


def apply(run: RunReport, known: Iterable[str]) -> RunReport:
    """``run`` with every finding listed in the baseline marked ``suppressed="external"``."""
    known = frozenset(known)

    def mark(pair: PairResult) -> PairResult:
        marked = tuple(
            replace(f, suppressed="external") if f.suppressed is None and fp in known else f
            for f, fp in zip(pair.all_findings(), fingerprints(pair))
        )
        if pair.report is not None:
            return replace(pair, report=replace(pair.report, findings=marked))
        return replace(pair, findings=marked)

    return replace(run, pairs=tuple(mark(p) for p in run.pairs))
