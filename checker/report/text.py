"""Human-readable output for an editor, rendered with rich into a string (no I/O here)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from checker.model import Alignment, Document, Finding, Location, PairResult, Report, RunReport, Severity, severity_counts
from checker.report.common import local_range, pair_name, plural, printable, resolve, severity_phrase

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


def _text_of(console: Console) -> str:
    file = console.file
    assert isinstance(file, io.StringIO)  # _console writes into one
    return file.getvalue()


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
        # Escaped piece by piece: the highlighted range is in the raw text's offsets.
        if rng is None or whole or rng[0] == rng[1]:
            out.append(printable(seg.text))
        else:
            i, j = rng
            out.append(printable(seg.text[:i]))
            out.append(printable(seg.text[i:j]), style="bold reverse")
            out.append(printable(seg.text[j:]))
    return out


def _where(doc: Document, loc: Location | None) -> str:
    if loc is None:
        return ""
    place = resolve(doc, loc)
    return f"{printable(doc.path)}:{place.line}:{place.column}"


def render_finding(report: Report, f: Finding) -> list[Text]:
    lines: list[Text] = []
    where = _where(report.target, f.target) or _where(report.source, f.source)
    head = Text()
    head.append(where, style="bold")
    head.append("  ")
    head.append(f"{f.severity.value:<7}", style=_STYLE[f.severity])
    head.append(f" {f.code} {f.rule}", style="dim")
    head.append(f"  {printable(f.message)}")
    if f.suppressed is not None:
        # Still shown, so that a disable comment or a baseline never hides a finding silently.
        head.append(f"  (suppressed: {f.suppressed})", style="dim")
    lines.append(head)
    for doc, loc in ((report.source, f.source), (report.target, f.target)):
        if loc is not None and loc.segments:
            label = Text(f"    {printable(doc.language)} {resolve(doc, loc).line:>4}  ", style="dim")
            lines.append(label + _sentence(doc, loc))
    if f.suggestion:
        lines.append(Text("    suggestion: ", style="dim") + Text(printable(f.suggestion), style="green"))
    return lines


def _counts(findings: Sequence[Finding]) -> str:
    suppressed = sum(1 for f in findings if f.suppressed is not None)
    return severity_phrase(severity_counts(findings)) + (f" ({suppressed} suppressed)" if suppressed else "")


def summary_line(report: Report) -> str:
    pairs = sum(1 for a in report.alignments if a.source and a.target)
    return (
        f"{_counts(report.findings)}"
        f" — {plural(len(report.source.segments), 'source sentence')} ({report.source.language}),"
        f" {plural(len(report.target.segments), 'target sentence')} ({report.target.language}),"
        f" {plural(pairs, 'aligned pair')}"
    )


def render_check(report: Report, *, color: bool = False, width: int = 100) -> str:
    console = _console(color, width)
    # Suppressed findings were accepted (a comment, a baseline): the summary counts them.
    for f in report.findings:
        if f.suppressed is not None:
            continue
        for line in render_finding(report, f):
            console.print(line, soft_wrap=not color)
        console.print()
    console.print(Text(printable(summary_line(report)), style="bold"), soft_wrap=True)
    return _text_of(console)


def render_alignment(
    source: Document, target: Document, alignments: Sequence[Alignment], *, color: bool = False, width: int = 120
) -> str:
    console = _console(color, width)
    table = Table(show_lines=True, expand=True)
    table.add_column("score", justify="right", width=5, no_wrap=True)
    table.add_column(Text(printable(f"{source.language}  {source.path}")), ratio=1)
    table.add_column(Text(printable(f"{target.language}  {target.path}")), ratio=1)
    for a in alignments:
        score = "—" if a.score is None else f"{a.score:.2f}"
        style = "red" if a.score is None else ("yellow" if a.score < 0.5 else "")
        src = "\n".join(f"{i}: {printable(source.segments[i].text)}" for i in a.source)
        tgt = "\n".join(f"{j}: {printable(target.segments[j].text)}" for j in a.target)
        # Text, not str: rich would read "[…]" in an article as its own markup.
        table.add_row(Text(score, style=style), Text(src), Text(tgt))
    console.print(table)
    kinds: dict[str, int] = {}
    for a in alignments:
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
    console.print(" ".join(f"{k}: {v}" for k, v in sorted(kinds.items())))
    return _text_of(console)


def _file_finding(pair: PairResult, f: Finding) -> Text:
    """A finding about a whole file (a file without its counterpart): that file, line 1."""
    where = (pair.source_path if f.source is not None else pair.target_path) or ""
    head = Text()
    head.append(f"{where}:1:1", style="bold")
    head.append("  ")
    head.append(f"{f.severity.value:<7}", style=_STYLE[f.severity])
    head.append(f" {f.code} {f.rule}", style="dim")
    head.append(f"  {f.message}")
    return head


def run_totals(run: RunReport) -> str:
    every = [f for p in run.pairs for f in p.all_findings()]
    checked = sum(1 for p in run.pairs if p.report is not None)
    missing = sum(1 for p in run.pairs if p.report is None and p.error is None)
    parts = [_counts(every), f" — {plural(checked, 'pair')} checked"]
    if missing:
        parts.append(f", {plural(missing, 'file')} without a counterpart")
    if run.errors:
        parts.append(f", {plural(len(run.errors), 'pair')} not checked (unreadable)")
    cluster = run.signature.get("cluster")
    if isinstance(cluster, dict):
        # A run on Dask says how many pairs were run again after a worker was lost.
        parts.append(f", {plural(int(cluster.get('retried', 0)), 'pair')} retried on the cluster")
    return "".join(parts)


def render_run(run: RunReport, *, color: bool = False, width: int = 100) -> str:
    """Findings grouped by pair (only pairs with something to say), then the totals line."""
    console = _console(color, width)
    for pair in run.pairs:
        shown = [f for f in pair.all_findings() if f.suppressed is None]
        if not shown and pair.error is None:
            continue
        console.print(Text(pair_name(pair), style="bold underline"))
        if pair.error is not None:
            console.print(Text(f"error: {pair.error}", style="bold red"), soft_wrap=not color)
        elif pair.report is not None:
            for f in shown:
                for line in render_finding(pair.report, f):
                    console.print(line, soft_wrap=not color)
                console.print()
            console.print(Text(summary_line(pair.report), style="dim"), soft_wrap=not color)
        else:
            for f in shown:
                console.print(_file_finding(pair, f), soft_wrap=not color)
        console.print()
    console.print(Text(run_totals(run), style="bold"), soft_wrap=True)
    return _text_of(console)
