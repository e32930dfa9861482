"""GitLab Code Quality: a JSON array of issues for the merge request widget and diff view.

Each finding that counts (suppressed ones are accepted, so left out) is one issue, with a
fingerprint unique per finding and stable across commits (see checker/fingerprint.py).
Severity: info → info, warning → minor, error → major; a pair that cannot be checked → critical.
"""

from __future__ import annotations

import json
from typing import Any

from checker.fingerprint import error_fingerprint, fingerprints
from checker.model import RunReport, Severity
from checker.report.common import pair_path, primary_region

SEVERITY = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def issues(run: RunReport) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for pair in run.pairs:
        if pair.error is not None:
            out.append({
                "type": "issue",
                "description": f"cannot check: {pair.error}",
                "check_name": "transcheck-input-error",
                "fingerprint": error_fingerprint(pair),
                "severity": "critical",
                "location": {"path": pair_path(pair), "lines": {"begin": 1}},
            })
        for f, fp in zip(pair.all_findings(), fingerprints(pair)):
            if f.suppressed is not None:
                continue
            r = primary_region(pair, f)
            out.append({
                "type": "issue",
                "description": f"{f.code} {f.rule}: {f.message}",
                "check_name": f.code,
                "fingerprint": fp,
                "severity": SEVERITY[f.severity],
                "categories": ["Style"],
                "location": {"path": r.path, "lines": {"begin": r.start_line, "end": r.end_line}},
            })
    return out


def render(run: RunReport) -> str:
    return json.dumps(issues(run), ensure_ascii=False, indent=2) + "\n"
