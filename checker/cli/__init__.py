"""The `transcheck` command. The only place that prints, writes files or exits.

Exit codes: 0 clean (nothing at or above --fail-on), 1 findings, 2 usage or input error.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from checker import __version__
from checker.cli.app import new_app, refuse_overwrite, reports_errors
from checker.errors import CheckerError

app = new_app("transcheck", "Check a translation against its source: alignment, glossary terms, names, quotes, numbers, omissions.")


class AlignFormat(str, Enum):
    text = "text"
    tsv = "tsv"
    json = "json"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


SourceArg = Annotated[Path, typer.Argument(help="The source-language file (plain text or Markdown).", show_default=False)]
TargetArg = Annotated[Path, typer.Argument(help="Its English (target-language) counterpart.", show_default=False)]
SegmentedOpt = Annotated[bool, typer.Option("--segmented", help="Read one sentence per line; no sentence splitting.")]
EncoderOpt = Annotated[
    str, typer.Option("--encoder", help="'use' (bundled USE multilingual v3) or 'st:MODEL' (sentence-transformers name or path).")
]
SourceLangOpt = Annotated[Optional[str], typer.Option("--source-lang", help="Source language code; detected when omitted.")]
TargetLangOpt = Annotated[Optional[str], typer.Option("--target-lang", help="Target language code; detected when omitted.")]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file instead of stdout.")]


def _color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _width() -> int:
    try:
        return max(60, os.get_terminal_size().columns)
    except OSError:
        return 100


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        raise CheckerError(f"cannot write report: {e.strerror}", path=str(output)) from e


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"transcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Check a translation against its source."""


@app.command()
@reports_errors
def align(
    source: SourceArg,
    target: TargetArg,
    format: Annotated[AlignFormat, typer.Option("--format", "-f", help="Output format.")] = AlignFormat.text,
    segmented: SegmentedOpt = False,
    encoder: EncoderOpt = "use",
    source_lang: SourceLangOpt = None,
    target_lang: TargetLangOpt = None,
    output: OutputOpt = None,
) -> None:
    """Align the sentences of SOURCE and TARGET and show the pairs with their similarity."""
    from checker.config import Settings, check_language
    from checker.embed import get_encoder
    from checker.pipeline import align_documents, load_pair, signature
    from checker.report import json as json_report
    from checker.report import text as text_report
    from checker.report import tsv as tsv_report

    refuse_overwrite(output, [source, target])
    settings = Settings(
        encoder=encoder,
        source_language=check_language(source_lang, "--source-lang"),
        target_language=check_language(target_lang, "--target-lang"),
        segmented=segmented,
    )
    src, tgt = load_pair(source, target, settings)
    enc = get_encoder(settings.encoder)
    alignments = align_documents(src, tgt, enc, settings)
    if format is AlignFormat.json:
        out = json_report.render_alignment(src, tgt, alignments, signature(settings, enc))
    elif format is AlignFormat.tsv:
        out = tsv_report.render_alignment(src, tgt, alignments)
    else:
        out = text_report.render_alignment(src, tgt, alignments, color=_color() and output is None, width=_width())
    _emit(out, output)


ConfigOpt = Annotated[
    Optional[Path], typer.Option("--config", help="This configuration file instead of the nearest transcheck.yaml or pyproject.toml.")
]
NoConfigOpt = Annotated[bool, typer.Option("--no-config", help="Read no configuration file.")]
GlossaryOpt = Annotated[
    Optional[list[Path]], typer.Option("--glossary", "-g", help="A glossary YAML file; repeat for several.")
]
FailOnOpt = Annotated[
    str, typer.Option("--fail-on", help="Exit 1 when a finding is at or above: error, warning, info, never.")
]
SelectOpt = Annotated[
    Optional[list[str]], typer.Option("--select", help="Only these rules: codes, code prefixes (TC1) or slugs; comma-separated.")
]
IgnoreOpt = Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rules (same forms as --select).")]
JobsOpt = Annotated[
    Optional[int], typer.Option("--jobs", "-j", help="Worker processes for many pairs (default: the cores this process may use).")
]
SchedulerOpt = Annotated[
    Optional[str],
    typer.Option(
        "--scheduler",
        help="Check many pairs on Dask: a scheduler address (tcp://host:8786), or local:N for N worker processes here."
        " Needs the cluster extra.",
        metavar="ADDRESS",
    ),
]


@app.command()
@reports_errors
def check(
    ctx: typer.Context,
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(
            help="SOURCE TARGET: two files, or two directories (paired by relative path); none: the pairs of the configuration.",
            show_default=False,
        ),
    ] = None,
    glossary: GlossaryOpt = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.text,
    output: OutputOpt = None,
    fail_on: FailOnOpt = "error",
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    segmented: SegmentedOpt = False,
    encoder: EncoderOpt = "use",
    source_lang: SourceLangOpt = None,
    target_lang: TargetLangOpt = None,
    changed_since: Annotated[
        Optional[str], typer.Option("--changed-since", help="Only pairs with a file changed since this git ref.", metavar="GIT_REF")
    ] = None,
    jobs: JobsOpt = None,
    scheduler: SchedulerOpt = None,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
) -> None:
    """Check TARGET as a translation of SOURCE, or every pair of two directories or of the configuration."""
    from checker.cli.batch_command import layers_from, run_many
    from checker.report import json as json_report
    from checker.report import text as text_report

    paths = paths or []
    if len(paths) not in (0, 2):
        raise CheckerError("give SOURCE TARGET (two files or two directories), or no path to check the configured pairs")
    refuse_overwrite(output, [*paths, *(glossary or [])])
    layers = layers_from(ctx, dict(locals()), config, no_config)
    color = _color() and output is None
    if not paths or all(p.is_dir() for p in paths):
        directories = (str(paths[0]), str(paths[1])) if paths else None
        render = json_report.render_run if format is CheckFormat.json else (
            lambda run: text_report.render_run(run, color=color, width=_width())
        )
        code = run_many(layers, directories, render=render, emit=lambda out: _emit(out, output), changed_since=changed_since)
        if code:
            raise typer.Exit(code)
        return
    if any(p.is_dir() for p in paths):
        missing = [p for p in paths if not p.exists()]
        if missing:
            raise CheckerError("no such file or directory", path=str(missing[0]))
        raise CheckerError("SOURCE and TARGET are either two files or two directories")
    if changed_since is not None:
        raise CheckerError("--changed-since selects among many pairs: give two directories, or no path")

    from dataclasses import replace

    from checker.glossary.schema import load_glossary
    from checker.pipeline import check as run_check
    from checker.pipeline import load_pair

    from checker.batch.plan import settings_for, single_pair_job

    source, target = paths
    settings = settings_for(layers, single_pair_job(layers, str(source), str(target)))
    glossaries = [load_glossary(g) for g in settings.glossaries]
    src, tgt = load_pair(source, target, settings, glossaries)
    report = run_check(src, tgt, settings=settings, glossaries=glossaries)
    if layers.config is not None:
        config_sig = {"path": layers.config.display, "sha256": layers.config.sha256[:16]}
        report = replace(report, signature={**report.signature, "config": config_sig})
    if format is CheckFormat.json:
        out = json_report.render_check(report)
    else:
        out = text_report.render_check(report, color=color, width=_width())
    _emit(out, output)
    if any(f.suppressed is None and settings.fails(f.severity) for f in report.findings):
        raise typer.Exit(1)


@app.command()
@reports_errors
def rules(
    code: Annotated[Optional[str], typer.Argument(help="Show one rule's full documentation (code or slug).")] = None,
) -> None:
    """List the rules with their code, slug, default severity and documentation."""
    from checker.report.ruledocs import render_rule, render_rules
    from checker.rules import RULES

    if code is None:
        sys.stdout.write(render_rules(RULES))
        return
    for rule in RULES:
        if code.upper() == rule.code or code == rule.slug:
            sys.stdout.write(render_rule(rule))
            return
    raise CheckerError(f"unknown rule {code!r}: see `transcheck rules`")


def _mount_glossary() -> None:
    from checker.cli.glossary_commands import app as glossary_app

    app.add_typer(glossary_app, name="glossary", help="List, edit, validate, import, export and suggest glossary entries.")


def _mount_config() -> None:
    from checker.cli.config_command import config

    app.command("config")(reports_errors(config))


_mount_glossary()
_mount_config()


def main() -> None:
    """Console-script entry point: usage errors, too, are one line and exit code 2."""
    from typer.exceptions import TyperException

    try:
        code = app(standalone_mode=False)
    except TyperException as e:
        # A usage error (unknown option or command, missing or bad argument): typer's own
        # display is a framed box of several lines; a CI log wants one.
        ctx = getattr(e, "ctx", None)
        command = ctx.command_path if ctx is not None else "transcheck"
        message = " ".join((e.format_message() if hasattr(e, "format_message") else str(e)).split())
        if message:  # empty when the command was given no arguments: its help was shown
            typer.echo(f"transcheck: error: {message} (see `{command} --help`)", err=True)
        sys.exit(getattr(e, "exit_code", 2) or 2)
    except typer.Abort:
        typer.echo("transcheck: aborted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        # `transcheck check … | head` closing the pipe early is not an error.
        sys.stderr.close()
        sys.exit(0)
    sys.exit(code if isinstance(code, int) else 0)
