"""Settings for one run: defaults < configuration file < CLI flags, frozen once built.

The configuration file itself (finding it, its schema, where each value came from) is
``checker.config_file``; this module holds only the values a check runs with.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from checker.align import AlignSettings
from checker.embed import DEFAULT_ENCODER
from checker.errors import ConfigError
from checker.model import Severity

FAIL_ON_CHOICES = ("error", "warning", "info", "never")


@dataclass(frozen=True)
class Settings:
    encoder: str = DEFAULT_ENCODER
    source_language: str | None = None  # None: detect
    target_language: str | None = None
    segmented: bool = False  # one sentence per line, no splitting
    select: frozenset[str] = frozenset()  # empty: every rule
    ignore: frozenset[str] = frozenset()
    fail_on: str = "error"
    align: AlignSettings = field(default_factory=AlignSettings)
    # Glossary files (paths), loaded by whoever runs the check: a batch worker loads them once.
    glossaries: tuple[str, ...] = ()
    # A rule's severity instead of its default, keyed by rule code ("TC201": warning → info).
    severity: Mapping[str, Severity] = field(default_factory=dict)
    # Findings below this severity are not reported at all (`archive/**` only errors).
    min_severity: Severity = Severity.INFO
    # Calibrated cut-offs replaced, keyed by rule code then by the name in Rule.thresholds.
    thresholds: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    # Worker processes for a run over many pairs; None: the cores this process may use.
    jobs: int | None = None
    # Run the pairs on a Dask cluster: "local", "local:N" or a scheduler address; None: the
    # local pool (checker.batch.cluster).
    scheduler: str | None = None

    def rule_enabled(self, code: str, slug: str) -> bool:
        def hit(patterns: frozenset[str]) -> bool:
            # A prefix selects a family: "TC1" is every glossary rule, "TC" every rule.
            return any(code.startswith(p) or slug == p for p in patterns)

        if self.select and not hit(self.select):
            return False
        return not hit(self.ignore)

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severity.get(code, default)

    def fails(self, severity: Severity) -> bool:
        if self.fail_on == "never":
            return False
        return severity >= Severity(self.fail_on)


def parse_codes(values: list[str] | None, known_codes: set[str], known_slugs: set[str]) -> frozenset[str]:
    """`--select TC101,TC2 --select term-forbidden` → a set of codes, prefixes and slugs."""
    out: set[str] = set()
    for value in values or []:
        for item in value.split(","):
            item = item.strip()
            if not item:
                continue
            upper = item.upper()
            if item in known_slugs:
                out.add(item)
            elif any(c.startswith(upper) for c in known_codes):
                out.add(upper)
            else:
                raise ConfigError(f"unknown rule {item!r}: see `transcheck rules`")
    return frozenset(out)


# A language code as langdetect and the glossaries write it: "ru", "uk", "en", "zh-cn".
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z]{2,4})?")


def check_language(value: str | None, option: str) -> str | None:
    """Normalise a --source-lang/--target-lang value ("RU" → "ru"); refuse what is not a code."""
    if value is None:
        return None
    code = value.strip().replace("_", "-").lower()
    if not _LANGUAGE_CODE.fullmatch(code):
        raise ConfigError(f"{option} must be a language code such as ru, uk or en, not {value!r}")
    return code


# "local", "local:N", or a scheduler address: [protocol://]host:port (tcp, tls, ws, wss, ucx,
# inproc; a bare host:port is tcp), the host a name, an IPv4 address or a bracketed IPv6 one.
_SCHEDULER = re.compile(r"local(?::[0-9]+)?|(?:[a-z][a-z0-9+]*://)?(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+)(?::[0-9]{1,5})?")


def check_scheduler(value: str | None, option: str) -> str | None:
    """A --scheduler value as given, or ConfigError naming what it may be."""
    if value is None:
        return None
    value = value.strip()
    if not _SCHEDULER.fullmatch(value) or re.fullmatch(r"local:0+", value):
        raise ConfigError(
            f"{option} must be local, local:N (N worker processes on this machine) or a scheduler address"
            f" such as tcp://10.0.0.5:8786, not {value!r}"
        )
    workers = re.fullmatch(r"local:([0-9]+)", value)
    # CPU-bound workers beyond the cores only compete; "local:8786" is a port typed as a count.
    limit = 4 * (os.cpu_count() or 1)
    if workers is not None and int(workers.group(1)) > limit:
        raise ConfigError(f"{option} {value}: {int(workers.group(1))} worker processes on {os.cpu_count()} cores (at most {limit})")
    return value


def check_fail_on(value: str) -> str:
    value = value.lower()
    if value not in FAIL_ON_CHOICES:
        raise ConfigError(f"--fail-on must be one of {', '.join(FAIL_ON_CHOICES)}, not {value!r}")
    return value
