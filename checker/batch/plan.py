"""From a configuration and a command line to the pairs of a run, each with its settings,
and from their results to one RunReport."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from checker import __version__
from checker.batch.changed import changed_files, select_changed
from checker.batch.pairing import PairJob, PairSpec, PatternSpec, directory_spec, discover
from checker.config import Settings
from checker.config_file import Layers
from checker.errors import ConfigError
from checker.model import PairResult, RunReport


def pair_specs(layers: Layers, directories: tuple[str, str] | None) -> list[PairSpec]:
    """Two directories from the command line, or else the configuration's pairs."""
    if directories is not None:
        import os

        source, target = directories
        for d in directories:
            if not os.path.isdir(d):
                raise ConfigError("no such directory", path=d)
        return [directory_spec(source, target)]
    if layers.config is None or not layers.config.pairs:
        where = f"in {layers.config.display}" if layers.config is not None else "in a transcheck.yaml (none found)"
        raise ConfigError(f"no pairs to check: give SOURCE TARGET (files or directories), or `pairs` {where}")
    return list(layers.config.pairs)


def plan(
    layers: Layers,
    specs: Sequence[PairSpec],
    *,
    changed_since: str | None = None,
    warn: Callable[[str], None] | None = None,
) -> list[tuple[PairJob, Settings]]:
    """Every job of the run with the settings it is checked with (per-path overrides applied).

    ``warn`` hears of each override path that matches no file of any pair (before
    ``--changed-since`` narrows the run): a typo there would otherwise change nothing, silently."""
    jobs = discover(specs)
    if warn is not None:
        for message in unmatched_overrides(layers, jobs):
            warn(message)
    if changed_since is not None:
        jobs = select_changed(jobs, changed_files(changed_since))
    return [(job, settings_for(layers, job)) for job in jobs]


def unmatched_overrides(layers: Layers, jobs: Sequence[PairJob]) -> list[str]:
    """One line for each override path (glob) that matches no pair's source or target."""
    if layers.config is None:
        return []
    out = []
    for override in layers.config.overrides:
        origins = override.path_origins or (override.origin,) * len(override.paths)
        for pattern, origin in zip(override.paths, origins):
            if not any(override.pattern_matches(pattern, *job.paths()) for job in jobs):
                out.append(f"{origin}: the override path {pattern!r} matches no file of the pairs checked; it changes nothing")
    return out


def settings_for(layers: Layers, job: PairJob) -> Settings:
    """One pair's settings: overrides that match its paths; its pattern's languages unless
    the command line fixed them."""
    settings = layers.for_pair(job.source or job.expected, job.target or job.expected)
    changes: dict[str, Any] = {}
    if job.source_lang and "source-lang" not in layers.cli:
        changes["source_language"] = job.source_lang
    if job.target_lang and "target-lang" not in layers.cli:
        changes["target_language"] = job.target_lang
    return replace(settings, **changes) if changes else settings


def single_pair_job(layers: Layers, source: str, target: str) -> PairJob:
    """`transcheck check SOURCE TARGET`: the pair with the languages its configured pattern
    gives it, so that it is checked exactly as in a run over the whole tree."""
    import os

    from checker.batch.pairing import fill, glob_regex, source_base, template_fields

    if layers.config is not None:
        for spec in layers.config.pairs:
            if not isinstance(spec, PatternSpec) or not (spec.source_lang or spec.target_lang):
                continue
            base, rest = source_base(spec)
            try:
                rel = os.path.relpath(os.path.abspath(source), os.path.join(spec.root, base)).replace(os.sep, "/")
            except ValueError:
                continue
            if rel.startswith("../") or not glob_regex(rest).fullmatch(rel):
                continue
            expected = os.path.join(spec.root, fill(spec.target, template_fields(rel, spec.target_lang)))
            if os.path.normpath(expected) == os.path.abspath(target):
                return PairJob(source, target, spec.source_lang, spec.target_lang)
    return PairJob(source, target)


def run_report(
    results: Sequence[PairResult], layers: Layers, *, changed_since: str | None = None
) -> RunReport:
    signature: dict[str, Any] = {"transcheck": __version__, **layers.signature()}
    if changed_since is not None:
        signature["changed_since"] = changed_since
    # In the order of the plan: by source path (see pairing.discover).
    return RunReport(tuple(results), signature)


def failing(items: Sequence[tuple[PairJob, Settings]], results: Sequence[PairResult]) -> bool:
    """Whether any pair has a counted finding at or above its own fail-on."""
    return any(
        f.suppressed is None and settings.fails(f.severity)
        for (_, settings), result in zip(items, results)
        for f in result.all_findings()
    )
