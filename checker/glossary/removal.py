"""Removing an entry as a text operation on the file's lines.

ruamel.yaml attaches the comment lines above an entry to the entry before it, so deleting
the entry from a round-trip document would take the wrong comments; this works on lines,
with the layout rules of :func:`remove_entry_text`, and checks its result by parsing it.
"""

from __future__ import annotations

import re
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from checker.errors import GlossaryError
from checker.glossary import safeyaml

# A comment line that heads a section (`# --- places ---`): it stays when an entry goes.
_SECTION_HEADER = re.compile(r"[ \t]*#[ \t]*---")


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _is_blank(line: str) -> bool:
    return not line.strip()


def end_line(node: Node) -> int:
    """The 0-based line after the last line holding ``node``'s content."""
    # A block collection ends where the next token starts (past comments): take its last item.
    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        return end_line(node.value[-1][1])
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        return end_line(node.value[-1])
    mark = node.end_mark
    return int(mark.line) + (1 if mark.column > 0 else 0)


def remove_entry_text(text: str, index: int) -> str | None:
    """``text`` without entry ``index`` of ``terms``; None when the layout is not one this handles.

    What goes: the entry's lines (from its dash to its last value, with an end-of-line comment
    there) and the comment lines directly above it, up to the first blank line, non-comment
    line or section header (a comment starting ``# ---``). Everything else stays as it was:
    the comments after the entry belong to what follows it. Of the blank lines around the
    entry the smaller run stays (so entries separated by a blank line still are, and a
    section header stays directly above the entry that now follows it), unless a comment
    follows the entry: then the blank lines before that comment stay."""
    try:
        root = safeyaml.compose(text, "")
    except GlossaryError:
        return None
    if not isinstance(root, MappingNode):
        return None
    found = [(k, v) for k, v in root.value if isinstance(k, ScalarNode) and k.value == "terms"]
    if len(found) != 1 or not isinstance(found[0][1], SequenceNode) or found[0][1].flow_style:
        return None
    key, seq = found[0]
    items = seq.value
    if not 0 <= index < len(items):
        return None
    lines = text.splitlines(keepends=True)
    first = items[index].start_mark.line
    floor = end_line(items[index - 1]) if index else key.start_mark.line + 1
    end = end_line(items[index])
    nxt = items[index + 1].start_mark.line if index + 1 < len(items) else len(lines)
    if first > floor and lines[first - 1].strip() == "-":
        first -= 1  # `-` alone on a line, the entry's keys below it
    if not (floor <= first < end <= nxt) or not lines[first].lstrip().startswith("-"):
        return None  # two entries share a line: not a layout this handles
    while end > first + 1 and _is_blank(lines[end - 1]):
        end -= 1  # a block scalar's end takes in the blank lines after it
    start = first
    while start > floor and _is_comment(lines[start - 1]) and not _SECTION_HEADER.match(lines[start - 1]):
        start -= 1
    above = 0
    while start - above > floor and _is_blank(lines[start - above - 1]):
        above += 1
    below = 0
    while end + below < len(lines) and _is_blank(lines[end + below]):
        below += 1
    keep = min(above, below)
    if end + below < len(lines) and _is_comment(lines[end + below]):
        keep = below  # a comment block (a section header) after the entry keeps its blank lines
    out = lines[: start - above] + lines[end + below - keep :]
    if len(items) == 1:
        # The last entry gone: `terms:` alone would read as null, so it becomes `terms: []`.
        m = re.fullmatch(r"([ \t]*terms[ \t]*:)([ \t]*(?:#.*)?\n?)", out[key.start_mark.line])
        if m is None:
            return None
        out[key.start_mark.line] = m.group(1) + " []" + m.group(2)
    new = "".join(out)
    # Guard: the result must hold exactly the other entries and the same top-level values.
    try:
        after = safeyaml.compose(new, "")
    except GlossaryError:
        return None
    expected = [(_value(k), _value(v) if v is not seq else [_value(e) for e in items[:index] + items[index + 1:]])
                for k, v in root.value]
    return new if after is not None and _value(after) == expected else None


def _value(node: Node) -> Any:
    """What ``node`` holds, comparable across two texts: scalars as (tag, text), collections as lists."""
    if isinstance(node, ScalarNode):
        return node.tag, node.value
    if isinstance(node, SequenceNode):
        return [_value(item) for item in node.value]
    return [(_value(k), _value(v)) for k, v in node.value]


# A plain scalar safe in block and flow context alike. ruamel decides plain-vs-quoted per
