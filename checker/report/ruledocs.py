"""`transcheck rules`: the documentation comes from each rule's own docstring."""

from __future__ import annotations

from collections.abc import Sequence

from checker.rules.base import Rule


def render_rules(rules: Sequence[type[Rule]]) -> str:
    lines = [f"{'code':<6} {'slug':<20} {'severity':<8} summary"]
    for r in rules:
        lines.append(f"{r.code:<6} {r.slug:<20} {r.severity.value:<8} {r.summary}")
    lines.append("")
    lines.append("`transcheck rules CODE` shows a rule's documentation.")
    return "\n".join(lines) + "\n"


def render_rule(rule: type[Rule]) -> str:
    head = f"{rule.code} {rule.slug} (default severity: {rule.severity.value})"
    return f"{head}\n{'=' * len(head)}\n{rule.summary}\n\n{rule.documentation()}\n"
