"""Settings for one run: defaults < configuration file < CLI flags, frozen once built.

The configuration file itself (finding it, its schema, where each value came from) is
``checker.config_file``; this module holds only the values a check runs with.
"""

from __future__ import annotations

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
    # The persistent embedding cache (checker.embed_cache); off with --no-cache.
    cache: bool = True

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


def check_fail_on(value: str) -> str:
    value = value.lower()
    if value not in FAIL_ON_CHOICES:
        raise ConfigError(f"--fail-on must be one of {', '.join(FAIL_ON_CHOICES)}, not {value!r}")
    return value
