"""`transcheck rules`: everything shown comes from each rule's own declaration and docstring."""

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
    facts = [f"Languages: {rule.languages.describe()}"]
    if rule.thresholds:
        facts.append("Thresholds: " + ", ".join(f"{k} = {v}" for k, v in rule.thresholds.items()))
    facts += [f"Supersedes: {s.describe(rule.code)}" for s in rule.supersedes]
    facts.append("Messages:")
    facts += [f"  {template}" for template in rule.messages.values()]
    return f"{head}\n{'=' * len(head)}\n{rule.summary}\n\n{rule.documentation()}\n\n" + "\n".join(facts) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_rules_markdown(rules: Sequence[type[Rule]]) -> str:
    """The README's rule table (``transcheck rules --format markdown``)."""
    lines = ["| code | slug | severity | reports |", "|---|---|---|---|"]
    for r in rules:
        lines.append(f"| {r.code} | {r.slug} | {r.severity.value} | {_cell(r.summary)} |")
    return "\n".join(lines) + "\n"
