"""`transcheck baseline`: accept today's findings, so that CI reports only new ones."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from checker.cli import EncoderOpt
from checker.cli.app import refuse_overwrite, reports_errors

DEFAULT_FILE = Path("transcheck-baseline.json")


@reports_errors
def baseline(
    ctx: typer.Context,
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(
            help="SOURCE TARGET: two files, or two directories; none: the pairs of the configuration.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The baseline file to write (commit it).")
    ] = DEFAULT_FILE,
    glossary: Annotated[
        Optional[list[Path]], typer.Option("--glossary", "-g", help="A glossary YAML file; repeat for several.")
    ] = None,
    select: Annotated[
        Optional[list[str]], typer.Option("--select", help="Only these rules: codes, code prefixes (TC1) or slugs.")
    ] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rules (same forms as --select).")] = None,
    segmented: Annotated[bool, typer.Option("--segmented", help="Read one sentence per line; no sentence splitting.")] = False,
    encoder: EncoderOpt = "auto",
    source_lang: Annotated[Optional[str], typer.Option("--source-lang", help="Source language code.")] = None,
    target_lang: Annotated[Optional[str], typer.Option("--target-lang", help="Target language code.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not use the persistent embedding cache.")] = False,
    config: Annotated[
        Optional[Path], typer.Option("--config", help="This configuration file instead of the nearest one.")
    ] = None,
    no_config: Annotated[bool, typer.Option("--no-config", help="Read no configuration file.")] = False,
) -> None:
    """Write the fingerprints of today's findings; `check --baseline FILE` then reports only new ones.

    Takes the pairs `check` takes (two files, two directories, or the configured pairs) and
    reads the same configuration, so that the baseline holds exactly what that check reports;
    give it the options your CI's check adds. A fingerprint depends on the rule, the file pair
    and the flagged text, not on line numbers, so edits elsewhere in a file do not bring a
    baselined finding back. Findings suppressed by a transcheck-disable comment are not
    listed: they need no baseline.
    """
    from dataclasses import replace

    from checker import baseline as baselines
    from checker.batch.plan import settings_for, single_pair_job
    from checker.cli.batch_command import layers_from, run_many
    from checker.cli.outputs import write_atomically
    from checker.errors import CheckerError
    from checker.pipeline import check as run_check
    from checker.pipeline import load_pair
    from checker.report.common import single

    paths = paths or []
    if len(paths) not in (0, 2):
        raise CheckerError("give SOURCE TARGET (two files or two directories), or no path for the configured pairs")
    refuse_overwrite(output, [*paths, *(glossary or [])])
    # The same layers as `check` (configuration file, then these options): a baseline written
    # without the configuration's glossaries or rules would not match what CI then reports.
    layers = layers_from(ctx, dict(locals()), config, no_config)
    if not paths or all(p.is_dir() for p in paths):
        directories = (str(paths[0]), str(paths[1])) if paths else None
        run, _ = run_many(layers, directories, changed_since=None, run_options={"cache": not no_cache})
        if run.errors:
            # A pair that could not be read has findings nobody has seen: accepting the rest
            # silently would let them fail CI later, or worse, pass unnoticed now.
            for failed in run.errors:
                typer.echo(f"transcheck: error: {failed.error}", err=True)
            raise typer.Exit(2)
    elif any(p.is_dir() for p in paths):
        raise CheckerError("SOURCE and TARGET are either two files or two directories")
    else:
        source, target = paths
        settings = replace(settings_for(layers, single_pair_job(layers, str(source), str(target))), cache=not no_cache)
        glossaries = [layers.load_glossary(g) for g in settings.glossaries]
        src, tgt = load_pair(source, target, settings, glossaries)
        run = single(run_check(src, tgt, settings=settings, glossaries=glossaries))
    write_atomically(output, baselines.render(run))
    n = sum(1 for p in run.pairs for f in p.all_findings() if f.suppressed is None)
    typer.echo(f"transcheck: wrote {n} finding{'s' if n != 1 else ''} to {output}", err=True)
