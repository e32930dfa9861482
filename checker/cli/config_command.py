"""`transcheck config`: the merged settings, and where each one came from."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from checker.cli import (
    ConfigOpt,
    EncoderOpt,
    FailOnOpt,
    GlossaryOpt,
    IgnoreOpt,
    JobsOpt,
    NoConfigOpt,
    SchedulerOpt,
    SegmentedOpt,
    SelectOpt,
    SourceLangOpt,
    TargetLangOpt,
)


if TYPE_CHECKING:
    from checker.config_file import Layers


class ConfigFormat(str, Enum):
    text = "text"
    json = "json"


def config(
    ctx: typer.Context,
    glossary: GlossaryOpt = None,
    fail_on: FailOnOpt = "error",
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    segmented: SegmentedOpt = False,
    encoder: EncoderOpt = "use",
    source_lang: SourceLangOpt = None,
    target_lang: TargetLangOpt = None,
    jobs: JobsOpt = None,
    scheduler: SchedulerOpt = None,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    for_path: Annotated[
        Optional[Path],
        typer.Option("--for", help="Show the settings a pair with this file is checked with (per-path overrides applied)."),
    ] = None,
    format: Annotated[ConfigFormat, typer.Option("--format", "-f", help="Output format.")] = ConfigFormat.text,
    schema: Annotated[bool, typer.Option("--schema", help="Print the configuration's JSON Schema (for editors) and exit.")] = False,
) -> None:
    """Show the merged settings (defaults < configuration file < options) and where each came from.

    Takes the options of `check`, so that it shows what that `check` would run with.
    """
    from checker.cli.batch_command import layers_from
    from checker.config_file import schema as config_schema
    from checker.report.provenance import render_config_json, render_config_text

    if schema:
        sys.stdout.write(json.dumps(config_schema(), indent=2) + "\n")
        return
    layers = layers_from(ctx, dict(locals()), config, no_config)
    path = str(for_path) if for_path is not None else None
    partner = _partner(layers, path) if path is not None else None
    out = (render_config_json(layers, path, partner) if format is ConfigFormat.json
           else render_config_text(layers, path, partner))
    sys.stdout.write(out)


def _partner(layers: "Layers", path: str) -> str | None:
    """The other file of the configured pair that ``path`` belongs to: the run applies an
    override that matches either file, so `--for` a source must see one on its target."""
    import os

    from checker.batch.pairing import discover
    from checker.batch.plan import pair_specs
    from checker.errors import CheckerError

    if layers.config is None or not layers.config.pairs:
        return None
    try:
        jobs = discover(pair_specs(layers, None))
    except CheckerError:  # a pattern matching nothing: `check` reports it; here, no partner
        return None
    wanted = os.path.abspath(path)
    for job in jobs:
        if job.source and os.path.abspath(job.source) == wanted:
            return job.target
        if job.target and os.path.abspath(job.target) == wanted:
            return job.source
    return None
