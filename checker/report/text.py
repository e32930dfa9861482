"""Human-readable output for an editor, rendered with rich into a string (no I/O here)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from checker.model import Alignment, Document, Finding, Location, PairResult, Report, RunReport, Severity
from checker.report.common import local_range, resolve

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _console(color: bool, width: int) -> Console:
    return Console(
        file=io.StringIO(),
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )


def _sentence(doc: Document, loc: Location | None) -> Text:
    """The location's sentences, with the flagged span highlighted."""
    out = Text()
    if loc is None or not loc.segments:
        return out
    for k, index in enumerate(loc.segments):
        seg = doc.segments[index]
        if k:
            out.append(" ")
        rng = local_range(seg, loc.span) if loc.span is not None else None
        whole = loc.span is not None and rng == (0, len(seg.text))
        if rng is None or whole or rng[0] == rng[1]:
            out.append(seg.text)
        else:
            i, j = rng
            out.append(seg.text[:i])
            out.append(seg.text[i:j], style="bold reverse")
            out.append(seg.text[j:])
    return out


def _where(doc: Document, loc: Location | None) -> str:
    if loc is None:
        return ""
    place = resolve(doc, loc)
    return f"{doc.path}:{place.line}:{place.column}"


def render_finding(report: Report, f: Finding) -> list[Text]:
    lines: list[Text] = []
    where = _where(report.target, f.target) or _where(report.source, f.source)
    head = Text()
    head.append(where, style="bold")
    head.append("  ")
    head.append(f"{f.severity.value:<7}", style=_STYLE[f.severity])
    head.append(f" {f.code} {f.rule}", style="dim")
    head.append(f"  {f.message}")
    lines.append(head)
    for doc, loc in ((report.source, f.source), (report.target, f.target)):
        if loc is not None and loc.segments:
            label = Text(f"    {doc.language} {resolve(doc, loc).line:>4}  ", style="dim")
            lines.append(label + _sentence(doc, loc))
    if f.suggestion:
        lines.append(Text("    suggestion: ", style="dim") + Text(f.suggestion, style="green"))
    return lines


def summary_line(report: Report) -> str:
    counts = report.summary()
    pairs = sum(1 for a in report.alignments if a.source and a.target)

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return (
        f"{plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, {counts['info']} info"
        f" — {plural(len(report.source.segments), 'source sentence')} ({report.source.language}),"
        f" {plural(len(report.target.segments), 'target sentence')} ({report.target.language}),"
        f" {plural(pairs, 'aligned pair')}"
    )


def render_check(report: Report, *, color: bool = False, width: int = 100) -> str:
    console = _console(color, width)
    for f in report.findings:
        for line in render_finding(report, f):
            console.print(line, soft_wrap=not color)
        console.print()
    console.print(Text(summary_line(report), style="bold"))
    return console.file.getvalue()  # type: ignore[attr-defined]


def render_alignment(
    source: Document, target: Document, alignments: Sequence[Alignment], *, color: bool = False, width: int = 120
) -> str:
    console = _console(color, width)
    table = Table(show_lines=True, expand=True)
    table.add_column("score", justify="right", width=5, no_wrap=True)
    table.add_column(f"{source.language}  {source.path}", ratio=1)
    table.add_column(f"{target.language}  {target.path}", ratio=1)
    for a in alignments:
        score = "—" if a.score is None else f"{a.score:.2f}"
        style = "red" if a.score is None else ("yellow" if a.score < 0.5 else "")
        src = "\n".join(f"{i}: {source.segments[i].text}" for i in a.source)
        tgt = "\n".join(f"{j}: {target.segments[j].text}" for j in a.target)
        table.add_row(Text(score, style=style), src, tgt)
    console.print(table)
    kinds: dict[str, int] = {}
    for a in alignments:
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
    console.print(" ".join(f"{k}: {v}" for k, v in sorted(kinds.items())))
    return console.file.getvalue()  # type: ignore[attr-defined]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _pair_title(result: PairResult) -> str:
    source = result.source_path or "(no source)"
    target = result.target_path or "(no translation)"
    return f"{source} → {target}"


def _file_finding(result: PairResult, f: Finding) -> Text:
    """A finding about a whole file (TC505, TC506): the file that exists, line 1."""
    where = (result.source_path if f.source is not None else result.target_path) or ""
    head = Text()
    head.append(f"{where}:1:1", style="bold")
    head.append("  ")
    head.append(f"{f.severity.value:<7}", style=_STYLE[f.severity])
    head.append(f" {f.code} {f.rule}", style="dim")
    head.append(f"  {f.message}")
    return head


def run_totals(run: RunReport) -> str:
    counts = run.summary()
    checked = sum(1 for p in run.pairs if p.report is not None)
    missing = sum(1 for p in run.pairs if p.report is None and p.error is None)
    parts = [
        f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, {counts['info']} info",
        f" — {_plural(checked, 'pair')} checked",
    ]
    if missing:
        parts.append(f", {_plural(missing, 'file')} without a counterpart")
    if run.errors:
        parts.append(f", {_plural(len(run.errors), 'pair')} not checked (unreadable)")
    cluster = run.signature.get("cluster")
    if isinstance(cluster, dict):
        # A run on Dask says how many pairs were run again after a worker was lost.
        parts.append(f", {_plural(int(cluster.get('retried', 0)), 'pair')} retried on the cluster")
    return "".join(parts)


def render_run(run: RunReport, *, color: bool = False, width: int = 100) -> str:
    """Findings grouped by pair (only pairs with something to say), then the totals line."""
    console = _console(color, width)
    for result in run.pairs:
        findings = result.all_findings()
        if not findings and result.error is None:
            continue
        console.print(Text(_pair_title(result), style="bold underline"))
        if result.error is not None:
            console.print(Text(f"error: {result.error}", style="bold red"), soft_wrap=not color)
        elif result.report is not None:
            for f in findings:
                for line in render_finding(result.report, f):
                    console.print(line, soft_wrap=not color)
                console.print()
            console.print(Text(summary_line(result.report), style="dim"), soft_wrap=not color)
        else:
            for f in findings:
                console.print(_file_finding(result, f), soft_wrap=not color)
        console.print()
    console.print(Text(run_totals(run), style="bold"), soft_wrap=not color)
    return console.file.getvalue()  # type: ignore[attr-defined]
