"""`transcheck baseline`: accept today's findings, so that CI reports only new ones."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from checker.cli.app import refuse_overwrite, reports_errors

DEFAULT_FILE = Path("transcheck-baseline.json")


@reports_errors
def baseline(
    source: Annotated[Path, typer.Argument(help="The source-language file.", show_default=False)],
    target: Annotated[Path, typer.Argument(help="Its translation.", show_default=False)],
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
    encoder: Annotated[str, typer.Option("--encoder", help="'use' or 'st:MODEL'.")] = "use",
    source_lang: Annotated[Optional[str], typer.Option("--source-lang", help="Source language code.")] = None,
    target_lang: Annotated[Optional[str], typer.Option("--target-lang", help="Target language code.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not use the persistent embedding cache.")] = False,
) -> None:
    """Write the fingerprints of today's findings; `check --baseline FILE` then reports only new ones.

    Run it with the options your CI's check uses (glossaries, --select, --ignore). A
    fingerprint depends on the rule, the file pair and the flagged text, not on line numbers,
    so edits elsewhere in a file do not bring a baselined finding back. Findings suppressed by
    a transcheck-disable comment are not listed: they need no baseline.
    """
    from checker import baseline as baselines
    from checker.cli.outputs import encoder_for, write_atomically
    from checker.config import Settings, check_language, parse_codes
    from checker.glossary.schema import load_glossary
    from checker.pipeline import check as run_check
    from checker.pipeline import load_pair
    from checker.report.common import single
    from checker.rules import RULES

    refuse_overwrite(output, [source, target, *(glossary or [])])
    codes = {r.code for r in RULES}
    slugs = {r.slug for r in RULES}
    settings = Settings(
        encoder=encoder,
        source_language=check_language(source_lang, "--source-lang"),
        target_language=check_language(target_lang, "--target-lang"),
        segmented=segmented,
        select=parse_codes(select, codes, slugs),
        ignore=parse_codes(ignore, codes, slugs),
    )
    glossaries = [load_glossary(g) for g in glossary or []]
    src, tgt = load_pair(source, target, settings, glossaries)
    report = run_check(src, tgt, settings=settings, glossaries=glossaries, encoder=encoder_for(encoder, no_cache=no_cache))
    run = single(report)
    write_atomically(output, baselines.render(run))
    n = sum(1 for p in run.pairs for f in p.all_findings() if f.suppressed is None)
    typer.echo(f"transcheck: wrote {n} finding{'s' if n != 1 else ''} to {output}", err=True)
