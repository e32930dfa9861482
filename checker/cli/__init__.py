"""The `transcheck` command. The only place that prints, writes files or exits.

Exit codes: 0 clean (nothing at or above --fail-on), 1 findings, 2 usage or input error.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from checker import __version__
from checker.cli.app import (
    EXIT_BROKEN_PIPE,
    EXIT_INTERRUPTED,
    fail,
    guard_stdout,
    new_app,
    refuse_overwrite,
    reports_errors,
    silence_stdout,
    write_stdout,
)
from checker.report.common import printable
from checker.errors import CheckerError, warnings_as_lines
from checker.model import Document, FailOn
from checker.report import AlignFormat, CheckFormat, RulesFormat

app = new_app("transcheck", "Check a translation against its source: alignment, glossary terms, names, quotes, numbers, omissions.")


SourceArg = Annotated[Path, typer.Argument(help="The source-language file (plain text or Markdown).", show_default=False)]
TargetArg = Annotated[Path, typer.Argument(help="Its English (target-language) counterpart.", show_default=False)]
SegmentedOpt = Annotated[bool, typer.Option("--segmented", help="Read one sentence per line; no sentence splitting.")]
EncoderOpt = Annotated[
    str,
    typer.Option(
        "--encoder",
        help="'auto' (per language pair: USE where it reads both languages, else multilingual-e5), "
        "'use' (bundled USE multilingual v3), 'e5' (the multilingual extra) or 'st:MODEL' (sentence-transformers name or path).",
    ),
]
SourceLangOpt = Annotated[Optional[str], typer.Option("--source-lang", help="Source language code; detected when omitted.")]
TargetLangOpt = Annotated[Optional[str], typer.Option("--target-lang", help="Target language code; detected when omitted.")]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file instead of stdout.")]
MaxBytesOpt = Annotated[
    Optional[int], typer.Option("--max-bytes", min=1, help="Refuse an input file larger than this many bytes.")
]


def _color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _width() -> int:
    try:
        return max(60, os.get_terminal_size().columns)
    except OSError:
        return 100


def _emit(text: str, output: Path | None) -> None:
    from checker.cli.outputs import emit

    emit(text, output)  # stdout, or the file written atomically


def _warn(*documents: Document) -> None:
    """How the input was read, where a user should know it (text read as plain text, a
    sentence cut): one line each on stderr, so that stdout stays the report."""
    for doc in documents:
        for notice in doc.notices:
            typer.echo(f"transcheck: warning: {notice}", err=True)


def _warn_lines(warnings: tuple[str, ...]) -> None:
    """Each distinct warning once, one line on stderr (stdout stays the report)."""
    for line in dict.fromkeys(warnings):
        typer.echo(f"transcheck: warning: {line}", err=True)


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
    warnings_as_lines()


@app.command()
@reports_errors
def align(
    source: SourceArg,
    target: TargetArg,
    format: Annotated[AlignFormat, typer.Option("--format", "-f", help="Output format.")] = AlignFormat.TEXT,
    segmented: SegmentedOpt = False,
    encoder: EncoderOpt = "auto",
    source_lang: SourceLangOpt = None,
    target_lang: TargetLangOpt = None,
    output: OutputOpt = None,
    max_bytes: MaxBytesOpt = None,
) -> None:
    """Align the sentences of SOURCE and TARGET and show the pairs with their similarity."""
    from checker.config import Settings, check_language
    from checker.pipeline import align_scaled, encoder_for, load_pair, signature
    from checker.report import json as json_report
    from checker.report import text as text_report
    from checker.report import tsv as tsv_report

    refuse_overwrite(output, [source, target])
    settings = Settings(
        encoder=encoder,
        source_language=check_language(source_lang, "--source-lang"),
        target_language=check_language(target_lang, "--target-lang"),
        segmented=segmented,
        max_bytes=max_bytes,
    )
    src, tgt = load_pair(source, target, settings)
    _warn(src, tgt)
    choice = encoder_for(src, tgt, settings)
    _warn_lines((choice.warning,) if choice.warning else ())
    aligned = align_scaled(src, tgt, choice.encoder, settings)
    alignments = aligned.alignments
    if format is AlignFormat.JSON:
        out = json_report.render_alignment(src, tgt, alignments, signature(settings, choice))
    elif format is AlignFormat.HTML:
        from checker.report import html as html_report

        out = html_report.render_alignment(src, tgt, alignments, signature(settings, choice), aligned.scale)
    elif format is AlignFormat.TSV:
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
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.TEXT,
    output: OutputOpt = None,
    fail_on: FailOnOpt = FailOn.ERROR.value,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    segmented: SegmentedOpt = False,
    encoder: EncoderOpt = "auto",
    source_lang: SourceLangOpt = None,
    target_lang: TargetLangOpt = None,
    baseline: Annotated[
        Optional[Path], typer.Option("--baseline", help="Report only findings not in this file (see `transcheck baseline`).")
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not use the persistent cache (embeddings and checked pairs).")] = False,
    changed_since: Annotated[
        Optional[str], typer.Option("--changed-since", help="Only pairs with a file changed since this git ref.", metavar="GIT_REF")
    ] = None,
    jobs: JobsOpt = None,
    scheduler: SchedulerOpt = None,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    max_bytes: MaxBytesOpt = None,
) -> None:
    """Check TARGET as a translation of SOURCE, or every pair of two directories or of the configuration."""
    from checker.cli.batch_command import layers_from, run_many

    paths = paths or []
    if len(paths) not in (0, 2):
        raise CheckerError("give SOURCE TARGET (two files or two directories), or no path to check the configured pairs")
    refuse_overwrite(output, [*paths, *(glossary or [])])
    layers = layers_from(ctx, dict(locals()), config, no_config)
    run_options: dict[str, Any] = {"cache": not no_cache, "max_bytes": max_bytes}
    color = _color() and output is None
    if not paths or all(p.is_dir() for p in paths):
        directories = (str(paths[0]), str(paths[1])) if paths else None
        from checker.cli.outputs import finish_run

        run, failing = run_many(layers, directories, changed_since=changed_since, run_options=run_options)
        finish_run(run, failing, format=format.value, fail_on=layers.base.fail_on, baseline=baseline,
                   output=output, color=color, width=_width())
        return
    if any(p.is_dir() for p in paths):
        missing = [p for p in paths if not p.exists()]
        if missing:
            raise CheckerError("no such file or directory", path=str(missing[0]))
        raise CheckerError("SOURCE and TARGET are either two files or two directories")
    if changed_since is not None:
        raise CheckerError("--changed-since selects among many pairs: give two directories, or no path")

    from dataclasses import replace

    from checker.pipeline import check as run_check
    from checker.pipeline import load_pair

    from checker.batch.plan import settings_for, single_pair_job
    from checker.model import FrozenMap

    source, target = paths
    settings = replace(settings_for(layers, single_pair_job(layers, str(source), str(target))), **run_options)
    glossaries = [layers.load_glossary(g) for g in settings.glossaries]
    src, tgt = load_pair(source, target, settings, glossaries)
    if layers.config is not None:
        config_sig = {"path": layers.config.display, "sha256": layers.config.sha256[:16]}
        report_signature: dict[str, object] = {"config": config_sig}
    else:
        report_signature = {}
    from checker.cli.outputs import finish

    report = run_check(src, tgt, settings=settings, glossaries=glossaries)
    if report_signature and report.signature is not None:
        report = replace(report, signature=replace(report.signature, extra=FrozenMap(report_signature)))
    finish(report, format=format.value, fail_on=settings.fail_on, baseline=baseline, output=output,
           color=color, width=_width())


@app.command()
@reports_errors
def rules(
    code: Annotated[Optional[str], typer.Argument(help="Show one rule's full documentation (code or slug).")] = None,
    format: Annotated[
        RulesFormat, typer.Option("--format", "-f", help="text, or markdown (the README's rule table).")
    ] = RulesFormat.TEXT,
) -> None:
    """List the rules with their code, slug, default severity and documentation."""
    from checker.report import ruledocs
    from checker.rules import RULES

    markdown = format is RulesFormat.MARKDOWN
    if code is None:
        write_stdout(ruledocs.render_rules_markdown(RULES) if markdown else ruledocs.render_rules(RULES))
        return
    for rule in RULES:
        if code.upper() == rule.code or code == rule.slug:
            write_stdout(ruledocs.render_rule_markdown(rule) if markdown else ruledocs.render_rule(rule))
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


def _mount_ci() -> None:
    from checker.cli.baseline_command import baseline
    from checker.cli.cache_commands import app as cache_app

    app.command("baseline")(baseline)
    app.add_typer(cache_app, name="cache", help="Show or clear the persistent embedding cache.")


_mount_ci()


def main() -> None:
    """Console-script entry point: every way out is an exit code and at most one line on stderr.

    0 clean, 1 findings, 2 usage or input error (one line), 130 interrupted, 141 the reader of
    standard output went away (quietly, as Unix tools do).
    """
    from typer.exceptions import TyperException

    guard_stdout()
    try:
        code = app(standalone_mode=False)
        # What is still buffered fails here, while it can be reported, not at interpreter exit.
        sys.stdout.flush()
    except TyperException as e:
        # A usage error (unknown option or command, missing or bad argument): typer's own
        # display is a framed box of several lines; a CI log wants one.
        ctx = getattr(e, "ctx", None)
        command = ctx.command_path if ctx is not None else "transcheck"
        message = " ".join((e.format_message() if hasattr(e, "format_message") else str(e)).split())
        if message:  # empty when the command was given no arguments: its help was shown
            typer.echo(f"transcheck: error: {printable(message)} (see `{command} --help`)", err=True)
        sys.exit(getattr(e, "exit_code", 2) or 2)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("transcheck: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        # `transcheck check … | head` closing the pipe early is not an error worth a word.
        silence_stdout()
        sys.exit(EXIT_BROKEN_PIPE)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except OSError as e:
        if e.errno not in _OUTPUT_ERRNOS:
            raise
        silence_stdout()
        sys.exit(fail(f"cannot write to standard output: {e.strerror or e}").exit_code)
    if code == EXIT_INTERRUPTED:  # typer turns a KeyboardInterrupt inside a command into this
        typer.echo("transcheck: interrupted", err=True)
    sys.exit(code if isinstance(code, int) else 0)


# errno values that mean the output could not be written (full disk, device error, a file too
# large, a quota): reported in one line rather than as a traceback.
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}
