"""GitHub Actions: workflow commands that annotate the pull request, and a step summary.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=TC102 term-forbidden::message`, one
per finding that counts (suppressed ones are left out: they are accepted). Columns are given
only for a finding on one line, as the runner refuses them otherwise; ``endColumn`` is the
column after the last flagged character. Escaping follows @actions/core: in the message
``%``, CR and LF; in a property also ``:`` and ``,``.
"""

from __future__ import annotations

from checker.model import Finding, PairResult, RunReport, Severity
from checker.report.common import (
    error_path,
    exit_code,
    pair_name,
    plural,
    primary_region,
    run_warnings,
    severity_phrase,
)

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
# $GITHUB_STEP_SUMMARY takes at most 1 MiB per step: a table of a whole archive's findings
# would be cut off by GitHub; ours ends with how many rows were left out instead.
SUMMARY_ROWS = 300


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: str | int | None) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v is not None)
    return f"::{kind} {props}::{escape_data(message)}" if props else f"::{kind}::{escape_data(message)}"


def _annotation(pair: PairResult, f: Finding) -> str:
    r = primary_region(pair, f)
    one_line = r.start_line == r.end_line
    message = f.message if not f.suggestion or f.suggestion in f.message else f"{f.message} (suggestion: {f.suggestion})"
    return command(
        _COMMAND[f.severity],
        message,
        file=r.path,
        line=r.start_line,
        col=r.start_column if one_line else None,
        endLine=r.end_line,
        endColumn=r.end_column if one_line else None,
        title=f"{f.code} {f.rule}",
    )


def render(run: RunReport) -> str:
    lines = []
    for pair in run.pairs:
        if pair.error is not None:
            lines.append(command("error", pair.error, file=error_path(pair), title="transcheck: cannot check"))
        for f in pair.all_findings():
            if f.suppressed is None:
                lines.append(_annotation(pair, f))
    for message, paths in run_warnings(run):
        # one annotation per warning: on its file, or for the run when many pairs share it
        if len(paths) == 1:
            lines.append(command("warning", message, file=paths[0], title="transcheck"))
        else:
            lines.append(command("warning", f"{message} ({len(paths)} pairs)", title="transcheck"))
    return "".join(line + "\n" for line in lines)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def render_summary(run: RunReport, *, fail_on: str = "error") -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: the totals, then one row per finding that counts."""
    counts = run.summary()
    suppressed = sum(1 for p in run.pairs for f in p.all_findings() if f.suppressed is not None)
    code = exit_code(run, fail_on)
    verdict = {0: "passed", 1: f"failed (findings at or above `{fail_on}`)", 2: "failed (files that cannot be checked)"}[code]
    out = [
        "## transcheck",
        "",
        f"{plural(len(run.pairs), 'pair')}: {severity_phrase(counts)}"
        + (f", {suppressed} suppressed" if suppressed else "") + f" — {verdict}",
        "",
    ]
    rows = []
    for pair in run.pairs:
        if pair.error is not None:
            rows.append(f"| `{_cell(pair_name(pair))}` | error | cannot check | {_cell(pair.error)} |")
        for f in pair.all_findings():
            if f.suppressed is None:
                r = primary_region(pair, f)
                rows.append(
                    f"| `{_cell(r.path)}:{r.start_line}:{r.start_column}` | {f.severity.value} | {f.code} {f.rule}"
                    f" | {_cell(f.message)} |"
                )
    warnings = run_warnings(run)
    if warnings:
        out += [f"- warning: {_cell(m)}" + (f" ({len(paths)} pairs)" if len(paths) > 1 else "") for m, paths in warnings]
        out.append("")
    if rows:
        out += ["| where | severity | rule | message |", "|---|---|---|---|"]
        out += rows[:SUMMARY_ROWS]
        if len(rows) > SUMMARY_ROWS:
            out += ["", f"… and {len(rows) - SUMMARY_ROWS} more: see the annotations or the full report."]
    return "\n".join(out) + "\n"
