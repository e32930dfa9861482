"""Settings for one run: defaults < configuration file < CLI flags, frozen once built.

The configuration file itself (finding it, its schema, where each value came from) is
``checker.config_file``; this module holds only the values a check runs with.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, overload

from checker.align import AlignSettings
from checker.embed import DEFAULT_ENCODER
from checker.errors import ConfigError
from checker.model import FailOn, Finding, FrozenMap, Severity

if TYPE_CHECKING:
    from checker.rules.base import Rule

FAIL_ON_CHOICES = tuple(f.value for f in FailOn)


@dataclass(frozen=True)
class Settings:
    encoder: str = DEFAULT_ENCODER
    source_language: str | None = None  # None: detect
    target_language: str | None = None
    segmented: bool = False  # one sentence per line, no splitting
    select: frozenset[str] = frozenset()  # empty: every rule
    ignore: frozenset[str] = frozenset()
    fail_on: FailOn = FailOn.ERROR
    align: AlignSettings = field(default_factory=AlignSettings)
    # Glossary files (paths), loaded by whoever runs the check: a batch worker loads them once.
    glossaries: tuple[str, ...] = ()
    # Per-rule severity, by rule code, over the rule's default (Vale's per-rule level). Given
    # as any mapping, with Severity values or their names; kept as an immutable FrozenMap.
    severity: Mapping[str, Severity] = field(default_factory=FrozenMap)
    # Findings below this severity are not reported at all (`archive/**` only errors).
    min_severity: Severity = Severity.INFO
    # Calibrated cut-offs replaced, keyed by rule code then by the name in Rule.thresholds.
    thresholds: Mapping[str, Mapping[str, float]] = field(default_factory=FrozenMap)
    # Worker processes for a run over many pairs; None: the cores this process may use.
    jobs: int | None = None
    # The persistent embedding cache in the user cache directory (checker.embed_cache). Off
    # for the library, so that a program using it writes nothing it did not ask for; the
    # command line turns it on unless --no-cache.
    cache: bool = False
    # Run the pairs on a Dask cluster: "local", "local:N" or a scheduler address; None: the
    # local pool (checker.batch.cluster).
    scheduler: str | None = None
    # The largest input file read, in bytes; None: the reader's own default.
    max_bytes: int | None = None

    def __post_init__(self) -> None:
        # Accept the plain values a configuration file or a caller has ("warning", a dict) and
        # keep typed, immutable ones.
        if not isinstance(self.fail_on, FailOn):
            object.__setattr__(self, "fail_on", FailOn(check_fail_on(str(self.fail_on))))
        object.__setattr__(self, "severity", _severity_map(self.severity))
        if not isinstance(self.thresholds, FrozenMap):
            frozen = FrozenMap((code, FrozenMap(values)) for code, values in self.thresholds.items())
            object.__setattr__(self, "thresholds", frozen)
        if self.max_bytes is not None and (isinstance(self.max_bytes, bool) or self.max_bytes <= 0):
            raise ConfigError(f"max_bytes must be a positive number of bytes, not {self.max_bytes!r}")

    def rule_enabled(self, code: str, slug: str) -> bool:
        def hit(patterns: frozenset[str]) -> bool:
            # A prefix selects a family: "TC1" is every glossary rule, "TC" every rule.
            return any(code.startswith(p) or slug == p for p in patterns)

        if self.select and not hit(self.select):
            return False
        return not hit(self.ignore)

    def severity_of(self, rule: type[Rule]) -> Severity:
        """The severity this run gives ``rule``'s findings."""
        return self.severity.get(rule.code, rule.severity)

    @overload
    def fails(self, what: Severity) -> bool: ...
    @overload
    def fails(self, what: Finding) -> bool: ...
    @overload
    def fails(self, what: Iterable[Finding]) -> bool: ...

    def fails(self, what: Severity | Finding | Iterable[Finding]) -> bool:
        """Whether a severity, a finding, or any of several findings fails the run.

        A suppressed finding (an inline disable comment, a baseline) never fails it.
        """
        if isinstance(what, Severity):
            return self.fail_on.fails(what)
        if isinstance(what, Finding):
            return what.suppressed is None and self.fail_on.fails(what.severity)
        return any(self.fails(f) for f in what)


def adjust_severity(findings: Iterable[Finding], settings: Settings) -> tuple[Finding, ...]:
    """Each finding at its rule's configured severity; those below ``min_severity`` dropped."""
    out = []
    for f in findings:
        severity = settings.severity.get(f.code, f.severity)
        if severity < settings.min_severity:
            continue
        out.append(f if severity is f.severity else replace(f, severity=severity))
    return tuple(out)


def _severity_map(values: Mapping[str, Severity | str]) -> FrozenMap[str, Severity]:
    out: dict[str, Severity] = {}
    if not values:
        return FrozenMap()
    # Only now: the registry imports every rule, and an empty override needs none of them.
    from checker.rules import RULES

    known = {r.code for r in RULES}
    for code, level in values.items():
        if not isinstance(code, str) or code not in known:
            raise ConfigError(f"a severity override needs a rule code (see `transcheck rules`), not {code!r}")
        if isinstance(level, Severity):
            out[code] = level
            continue
        try:
            out[code] = Severity(str(level).lower())
        except ValueError:
            choices = ", ".join(s.value for s in Severity)
            raise ConfigError(f"the severity of {code} must be one of {choices}, not {level!r}") from None
    return FrozenMap(out)


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


def check_fail_on(value: str) -> FailOn:
    value = value.lower()
    if value not in FAIL_ON_CHOICES:
        raise ConfigError(f"--fail-on must be one of {', '.join(FAIL_ON_CHOICES)}, not {value!r}")
    return FailOn(value)
