"""How `transcheck check` ends: baseline, exit code, the chosen format, and where it goes.

Kept out of checker/cli/__init__.py so that the check command itself only gathers options.
The renderers are pure; the writing (the report, $GITHUB_STEP_SUMMARY) happens here.
"""

from __future__ import annotations

import os
import sys
import tempfile
from enum import Enum
from collections.abc import Sequence
from pathlib import Path

import typer

from checker.errors import CheckerError, InputError
from checker.model import Report, RunReport


class RunFormat(str, Enum):
    """The formats for CI, besides text and json."""

    sarif = "sarif"
    github = "github"
    gitlab = "gitlab"
    junit = "junit"


def warn(message: str) -> None:
    """A warning as the CLI prints one: a single line on stderr."""
    typer.echo(f"transcheck: warning: {message}", err=True)


def load_baseline(path: Path) -> frozenset[str]:
    from checker import baseline

    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("no such baseline file (write one with `transcheck baseline`)", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read the baseline: {getattr(e, 'strerror', None) or e}", path=str(path)) from None
    return baseline.parse(text, str(path))


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then rename:
    a reader never sees half a report, and a failed write leaves the old file as it was."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise CheckerError(f"cannot write: {e.strerror or e}", path=str(path)) from None
    try:
        # mkstemp makes the file private (0600); a report gets the mode a plain write would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise CheckerError(f"cannot write: {e.strerror or e}", path=str(path)) from None


def emit(text: str, output: Path | None) -> None:
    if output is None:
        from checker.cli.app import write_stdout

        write_stdout(text)
    else:
        write_atomically(output, text)


def render(run: RunReport, format: str, *, fail_on: str) -> str:
    """The run in one of the CI formats."""
    from checker.report import github, gitlab, junit, sarif

    if format == RunFormat.sarif.value:
        return sarif.render(run, fail_on=fail_on)
    if format == RunFormat.github.value:
        return github.render(run)
    if format == RunFormat.gitlab.value:
        return gitlab.render(run)
    if format == RunFormat.junit.value:
        return junit.render(run, fail_on=fail_on)
    raise CheckerError(f"unknown format {format!r}")


def append_step_summary(run: RunReport, fail_on: str) -> None:
    """On GitHub Actions, the Markdown summary of the run for the job's summary page."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from checker.report import github

    try:
        with open(target, "a", encoding="utf-8") as f:
            f.write(github.render_summary(run, fail_on=fail_on))
    except OSError as e:
        warn(f"cannot append to $GITHUB_STEP_SUMMARY {target}: {e.strerror or e}")


def finish(
    report: Report,
    *,
    format: str,
    fail_on: str,
    baseline: Path | None,
    output: Path | None,
    color: bool,
    width: int,
) -> None:
    """A single pair's check: as :func:`finish_run`, with the single-pair text and JSON."""
    from checker.report.common import single

    finish_run(single(report), None, format=format, fail_on=fail_on, baseline=baseline, output=output,
               color=color, width=width, one_pair=True)


def finish_run(
    run: RunReport,
    fail_ons: Sequence[str] | None,
    *,
    format: str,
    fail_on: str,
    baseline: Path | None,
    output: Path | None,
    color: bool,
    width: int,
    one_pair: bool = False,
) -> None:
    """Apply the baseline, write the report in ``format``, exit 2 if a pair could not be
    checked, 1 on findings that count (each pair at or above its own ``fail_ons`` entry, which
    per-path overrides may set; ``fail_on`` for all when None), else 0."""
    from checker import baseline as baselines
    from checker.report import json as json_report
    from checker.report import text as text_report
    from checker.report.common import counts

    from checker.cli.app import refuse_overwrite

    # What the user should know that is not about the translation: how a file was read (a
    # sentence cut, Markdown read as plain text), an encoder extra missing; once each, on stderr.
    from checker.report.common import printable
    from checker.report.json import reading_notices

    for notice in dict.fromkeys(n for p in run.pairs if p.report is not None for n in reading_notices(p.report)):
        warn(printable(str(notice)))
    for line in dict.fromkeys(w for p in run.pairs if p.report is not None for w in p.report.warnings):
        warn(line)
    if baseline is not None:
        refuse_overwrite(output, [baseline])  # --output the baseline itself would lose it
        run = baselines.apply(run, load_baseline(baseline))
    report = run.pairs[0].report if one_pair else None
    if format == "json":
        out = json_report.render_check(report) if report is not None else json_report.render_run(run)
    elif format == "html":
        from checker.report import html

        out = html.render_check(report) if report is not None else html.render_run(run)
    elif format == "text":
        out = (text_report.render_check(report, color=color, width=width) if report is not None
               else text_report.render_run(run, color=color, width=width))
    else:
        out = render(run, format, fail_on=fail_on)
    emit(out, output)
    if format == RunFormat.github.value:
        append_step_summary(run, fail_on)
    if not one_pair:
        for failed in run.errors:
            typer.echo(f"transcheck: error: {failed.error}", err=True)
    if run.errors:
        raise typer.Exit(2)
    levels = list(fail_ons) if fail_ons is not None else [fail_on] * len(run.pairs)
    if any(counts(f, level) for level, p in zip(levels, run.pairs) for f in p.all_findings()):
        raise typer.Exit(1)
