"""`transcheck check` over many pairs, and the command line as the top layer of the settings.

The progress bar is drawn only on an interactive stderr, never in CI (``CI`` set) or when
stderr is piped or redirected: a CI log wants the report, not redraws.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from checker.batch.pairing import PairJob
    from checker.config import Settings
    from checker.config_file import Layers, Value
    from checker.model import PairResult, RunReport

# Command-line parameter name → (configuration key, option as typed).
CLI_OPTIONS = {
    "encoder": ("encoder", "--encoder"),
    "source_lang": ("source-lang", "--source-lang"),
    "target_lang": ("target-lang", "--target-lang"),
    "segmented": ("segmented", "--segmented"),
    "glossary": ("glossaries", "--glossary"),
    "select": ("select", "--select"),
    "ignore": ("ignore", "--ignore"),
    "fail_on": ("fail-on", "--fail-on"),
    "jobs": ("jobs", "--jobs"),
    "scheduler": ("scheduler", "--scheduler"),
}


def cli_layer(ctx: typer.Context, params: dict[str, Any]) -> dict[str, "Value"]:
    """The options the user typed (not those left at their defaults), as configuration values."""
    from checker.config import check_fail_on, check_language, check_scheduler, parse_codes
    from checker.config_file import Value, display_path
    from checker.errors import ConfigError

    out: dict[str, Value] = {}
    for name, (key, option) in CLI_OPTIONS.items():
        # By name: typer now vendors its own click, whose ParameterSource is another enum.
        source = ctx.get_parameter_source(name)
        if name not in params or source is None or source.name in ("DEFAULT", "DEFAULT_MAP"):
            continue
        raw = params[name]
        value: Any
        if key in ("select", "ignore"):
            from checker.rules import RULES  # only here: the registry imports every rule

            value = parse_codes(raw, {r.code for r in RULES}, {r.slug for r in RULES})
        elif key == "glossaries":
            value = tuple(display_path(p) for p in raw or [])
        elif key in ("source-lang", "target-lang"):
            value = check_language(raw, option)
        elif key == "fail-on":
            value = check_fail_on(raw)
        elif key == "scheduler":
            value = check_scheduler(raw, option)
        elif key == "jobs":
            if raw < 1:
                raise ConfigError(f"--jobs must be at least 1, not {raw}")
            value = raw
        else:
            value = raw
        out[key] = Value(value, option)
    return out


def layers_from(ctx: typer.Context, params: dict[str, Any], config: Path | None, no_config: bool) -> "Layers":
    from checker.config_file import load_layers
    from checker.errors import ConfigError

    if config is not None and no_config:
        raise ConfigError("--config and --no-config exclude each other")
    return load_layers(cli_layer(ctx, params), config_path=config, use_config=not no_config)


def progress_wanted() -> bool:
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stderr.isatty()


class _Progress:
    """A rich progress bar on stderr: pairs done, findings so far, time left."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._findings = 0
        self._progress = Progress(
            TextColumn("checking"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("pairs · {task.fields[findings]} findings"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._progress.add_task("pairs", total=total, findings=0)

    def __enter__(self) -> "_Progress":
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def __call__(self, result: "PairResult") -> None:
        self._findings += sum(1 for f in result.all_findings() if f.suppressed is None)
        self._progress.update(self._task, advance=1, findings=self._findings)


def run_many(
    layers: "Layers",
    directories: tuple[str, str] | None,
    *,
    changed_since: str | None,
    run_options: dict[str, Any] | None = None,
) -> tuple["RunReport", list[str]]:
    """Check every pair: the run, and each pair's own fail-on (per-path overrides may set it).

    ``run_options`` are Settings fields that the command line sets for the whole run and no
    configuration file holds (``cache``, ``max_bytes``)."""
    from dataclasses import replace

    from checker.batch.plan import pair_specs, plan, run_report
    from checker.cli.outputs import warn

    items = plan(layers, pair_specs(layers, directories), changed_since=changed_since, warn=warn)
    if run_options:
        items = [(job, replace(settings, **run_options)) for job, settings in items]
    _preflight(layers, items)
    scheduler = layers.base.scheduler
    cluster_signature = None
    if scheduler is not None:
        results, cluster_signature = _run_on_cluster(items, scheduler)
    else:
        results = _run(items, layers.base.jobs)
    run = run_report(results, layers, changed_since=changed_since)
    if cluster_signature is not None:
        run = replace(run, signature={**run.signature, "cluster": cluster_signature})
    return run, [s.fail_on for _, s in items]


def _preflight(layers: "Layers", items: Sequence[tuple["PairJob", "Settings"]]) -> None:
    """A bad glossary or encoder name is one error before the run, not one per pair. The
    glossaries loaded here are those the pairs checked in this process use."""
    from checker.batch.runner import preload_glossaries
    from checker.embed import get_encoder

    for spec in sorted({s.encoder for _, s in items}):
        if spec != "auto":  # chosen per pair, from the pair's languages
            get_encoder(spec)  # names are checked here; weights load when a sentence needs them
    paths = sorted({g for _, s in items for g in s.glossaries})
    preload_glossaries({path: layers.load_glossary(path) for path in paths})


def _run_on_cluster(items: Sequence[tuple["PairJob", "Settings"]], scheduler: str) -> tuple[list["PairResult"], dict[str, Any]]:
    """The pairs on Dask (``--scheduler``); Dask is imported here and nowhere else."""
    from checker.errors import CheckerError

    try:
        import distributed  # noqa: F401
    except ImportError:
        raise CheckerError("--scheduler runs the pairs on Dask, which is not installed: pip install 'transcheck[cluster]'") from None
    from checker.batch.cluster import run_on_cluster

    if not progress_wanted() or len(items) < 2:
        run = run_on_cluster(items, scheduler)
    else:
        with _Progress(len(items)) as progress:
            run = run_on_cluster(items, scheduler, on_result=progress)
    return run.results, run.signature()


def _run(items: Sequence[tuple["PairJob", "Settings"]], jobs: int | None) -> list["PairResult"]:
    from checker.batch.runner import run_pairs

    if not progress_wanted() or len(items) < 2:
        return run_pairs(items, workers=jobs)
    with _Progress(len(items)) as progress:
        return run_pairs(items, workers=jobs, on_result=progress)
