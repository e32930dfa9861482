"""SARIF 2.1.0, as plain data, for GitHub code scanning and every other SARIF viewer.

Positions: lines and columns are 1-based and count Unicode characters (code points), as in
transcheck's text and JSON output; the run says so with ``columnKind: unicodeCodePoints``.
``endColumn`` is exclusive (the column after the last flagged character), as SARIF defines it.
A finding is located in the target file (an omission where the sentence is missing), with
the source sentence as a related location; ``partialFingerprints`` carry transcheck's own
fingerprint (rule, file pair, flagged text: no line numbers), so code scanning follows a
finding across commits. Suppressed findings are kept, with their ``suppressions``.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from checker import __version__
from checker.fingerprint import fingerprints
from checker.model import Finding, PairResult, RunReport, Severity
from checker.report.common import (
    Region,
    error_path,
    exit_code,
    primary_region,
    run_warnings,
    sentences,
    source_region,
)
from checker.report.json import reading_notices

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "transcheckFingerprint/v1"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_SUPPRESSION = {
    "inSource": "a transcheck-disable comment in the file",
    "external": "listed in the --baseline file",
}


def uri(path: str) -> str:
    """A relative path stays relative (code scanning resolves it against the repository root);
    an absolute one becomes a file: URI."""
    posix = PureWindowsPath(path).as_posix() if "\\" in path else path
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix)
    return quote(posix)


def _what_it_does(documentation: str, fallback: str) -> str:
    """The "## What it does" section of a rule's docstring, as one paragraph."""
    match = re.search(r"^## What it does\s*\n(.*?)(?=^## |\Z)", documentation, re.MULTILINE | re.DOTALL)
    return " ".join(match.group(1).split()) if match else fallback


def rule_descriptors() -> list[dict[str, Any]]:
    from checker.rules import RULES

    return [
        {
            "id": r.code,
            "name": r.slug,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": _what_it_does(r.documentation(), r.summary)},
            "help": {"text": r.documentation(), "markdown": r.documentation()},
            "defaultConfiguration": {"level": _LEVEL[r.severity]},
            "properties": {"tags": ["translation"]},
        }
        for r in RULES
    ]


def _region(region: Region) -> dict[str, Any]:
    out: dict[str, Any] = {
        "startLine": region.start_line,
        "startColumn": region.start_column,
        "endLine": region.end_line,
        "endColumn": region.end_column,
    }
    if region.snippet:
        out["snippet"] = {"text": region.snippet}
    return out


def _physical(region: Region) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": uri(region.path)}, "region": _region(region)}}


def _result(pair: PairResult, f: Finding, fingerprint: str, rule_index: int) -> dict[str, Any]:
    where = primary_region(pair, f)
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "kind": "fail",
        "level": _LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [_physical(where)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"rule": f.rule, "severity": f.severity.value},
    }
    source = source_region(pair, f)
    if source is not None and pair.report is not None and f.source is not None:
        related = _physical(source)
        related["id"] = 1
        related["message"] = {"text": f"Source ({pair.report.source.language}): {sentences(pair.report.source, f.source)}"}
        result["relatedLocations"] = [related]
    if f.suggestion:
        result["properties"]["suggestion"] = f.suggestion
        if where.snippet and f.target is not None and f.target.span is not None:
            result["fixes"] = [{
                "description": {"text": f"Replace with “{f.suggestion}”"},
                "artifactChanges": [{
                    "artifactLocation": {"uri": uri(where.path)},
                    "replacements": [{"deletedRegion": _region(where), "insertedContent": {"text": f.suggestion}}],
                }],
            }]
    if f.suppressed is not None:
        result["suppressions"] = [{
            "kind": f.suppressed,
            "status": "accepted",
            "justification": _SUPPRESSION.get(f.suppressed, f.suppressed),
        }]
    return result


def sarif_log(run: RunReport, *, fail_on: str = "error") -> dict[str, Any]:
    rules = rule_descriptors()
    index = {r["id"]: k for k, r in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for pair in run.pairs:
        for f, fp in zip(pair.all_findings(), fingerprints(pair)):
            if f.code not in index:  # a finding of a rule outside the registry still gets a descriptor
                index[f.code] = len(rules)
                rules.append({"id": f.code, "name": f.rule, "shortDescription": {"text": f.rule},
                              "defaultConfiguration": {"level": _LEVEL[f.severity]}})
            results.append(_result(pair, f, fp, index[f.code]))
    code = exit_code(run, fail_on)
    notifications = []
    for pair in run.pairs:
        # How a file was read (a sentence cut, Markdown read as plain text): not a result about
        # the translation, but what a reader of the log should know, as on stderr.
        for notice in reading_notices(pair.report) if pair.report is not None else ():
            where: dict[str, Any] = {"artifactLocation": {"uri": uri(notice.path)}}
            if notice.line is not None:
                where["region"] = {"startLine": notice.line}
            notifications.append(
                {"level": "warning", "message": {"text": notice.message}, "locations": [{"physicalLocation": where}]}
            )
        if pair.error is not None:
            notifications.append({
                "level": "error",
                "message": {"text": pair.error},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(error_path(pair))}}}],
            })
    for message, paths in run_warnings(run):
        notifications.append({
            "level": "warning",
            "message": {"text": message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(path)}}} for path in paths],
        })
    invocation: dict[str, Any] = {"executionSuccessful": code != 2, "exitCode": code}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "transcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"signature": run.signature},
        }],
    }


def render(run: RunReport, *, fail_on: str = "error") -> str:
    return json.dumps(sarif_log(run, fail_on=fail_on), ensure_ascii=False, indent=2) + "\n"
