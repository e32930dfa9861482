"""Where each entry of a glossary file lies, by lines, and what it holds, read from the node tree.

This is what lets an edit load into ruamel only the entries it touches (see
:mod:`checker.glossary.document`): an entry's lines run from its dash to the next entry's
dash; the last one's to the next top-level key or the end of the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from checker.glossary.layout import LIST_KEYS
from checker.glossary.removal import end_line


@dataclass(frozen=True)
class Slices:
    starts: list[int]  # 0-based line of each entry's dash
    ends: list[int]  # 0-based line where each entry's lines end (the next one's dash)
    item_lines: list[int]  # 1-based line of each entry's first key
    header: str  # the ``terms:`` line an entry's lines are loaded under


def entry_slices(lines: Sequence[str], root: Node | None, terms: tuple[Node, Node] | None,
                 aliases: bool) -> Slices | None:
    """The lines of each entry of ``terms`` (key node, value node) in the file's ``lines``;
    None when the entries cannot be loaded one by one (the file is loaded whole)."""
    if terms is None or not isinstance(terms[1], SequenceNode) or not terms[1].value or terms[1].flow_style:
        return None
    if aliases:
        return None  # an alias may refer to an anchor in another entry
    key, items = terms[0], terms[1].value
    if any(line.startswith("%") for line in lines[: key.start_mark.line]):
        return None  # a directive (%YAML, %TAG) applies to the whole document
    starts: list[int] = []
    for item in items:
        first = item.start_mark.line
        if first > 0 and lines[first - 1].strip() == "-":
            first -= 1  # `-` alone on a line, the entry's keys below it
        if not lines[first].lstrip().startswith("-") or (starts and first <= starts[-1]):
            return None  # two entries on one line
        starts.append(first)
    if starts[0] <= key.start_mark.line or not isinstance(root, MappingNode):
        return None
    after = [k.start_mark.line for k, _v in root.value if k.start_mark.line > key.start_mark.line]
    stop = min(after) if after else len(lines)
    return Slices(starts, starts[1:] + [stop], [item.start_mark.line + 1 for item in items],
                  " " * key.start_mark.column + "terms:\n")


def blank_lines_between(items: Sequence[Node], lines: Sequence[str]) -> int:
    """How many pairs of neighbouring entries a blank line separates: the line after an
    entry's last value is blank (as ruamel sees it: a tail comment starting with a newline)."""
    separated = 0
    for item in items[:-1]:
        after = end_line(item)
        separated += after < len(lines) and not lines[after].strip()
    return separated


_CONSTRUCT = yaml.constructor.SafeConstructor()


def plain_value(node: Node) -> Any:
    """A node's value as ruamel would give it, for the entries that are not loaded."""
    if isinstance(node, ScalarNode):
        if node.tag in ("tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int"):
            return _CONSTRUCT.construct_object(node)
        return node.value
    if isinstance(node, SequenceNode):
        return [plain_value(item) for item in node.value]
    return {str(k.value): plain_value(v) for k, v in node.value if isinstance(k, ScalarNode)}


def node_styles(item: Node) -> tuple[int, int]:
    """(flow, block): how many of an entry's lists are written ``[a, b]`` and how many as blocks."""
    flow = block = 0
    if isinstance(item, MappingNode):
        for k, v in item.value:
            if isinstance(k, ScalarNode) and k.value in LIST_KEYS and isinstance(v, SequenceNode):
                flow, block = (flow + 1, block) if v.flow_style else (flow, block + 1)
    return flow, block
