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


def _facts(rule: type[Rule]) -> list[tuple[str, list[str]]]:
    """What the rule declares beyond its prose: (label, values)."""
    facts = [("Languages", [rule.languages.describe()])]
    if rule.thresholds:
        facts.append(("Thresholds", [f"{k} = {v}" for k, v in rule.thresholds.items()]))
    if rule.supersedes:
        facts.append(("Supersedes", [s.describe(rule.code) for s in rule.supersedes]))
    facts.append(("Messages", list(rule.messages.values())))
    return facts


def render_rule(rule: type[Rule]) -> str:
    head = f"{rule.code} {rule.slug} (default severity: {rule.severity.value})"
    lines = []
    for label, values in _facts(rule):
        if label == "Messages":
            lines += [f"{label}:"] + [f"  {v}" for v in values]
        else:
            lines.append(f"{label}: {'; '.join(values)}")
    return f"{head}\n{'=' * len(head)}\n{rule.summary}\n\n{rule.documentation()}\n\n" + "\n".join(lines) + "\n"


def render_rule_markdown(rule: type[Rule]) -> str:
    """One rule's page: its summary, its docstring (already Markdown), its declarations."""
    lines = [f"# {rule.code} {rule.slug}", "", f"{rule.summary} Default severity: **{rule.severity.value}**.", "",
             # The docstring's "## …" headings sit under the rule's own "#" heading.
             rule.documentation(), "", "## Declared"]
    for label, values in _facts(rule):
        lines += [f"- {label}: " + "; ".join(f"`{v}`" if label == "Messages" else v for v in values)]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_rules_markdown(rules: Sequence[type[Rule]]) -> str:
    """The README's rule table (``transcheck rules --format markdown``)."""
    lines = ["| code | slug | severity | reports |", "|---|---|---|---|"]
    for r in rules:
        lines.append(f"| {r.code} | {r.slug} | {r.severity.value} | {_cell(r.summary)} |")
    return "\n".join(lines) + "\n"
