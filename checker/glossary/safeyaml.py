"""YAML composed with bounds: no recursion, limited nesting and alias expansion, no huge numbers.

``yaml.compose`` recurses once per nesting level (a file of 20,000 ``[`` is a RecursionError,
or with libyaml's composer a crash), follows a recursive alias into a cycle that every
reader of the tree then loops on, and lets a few lines of aliases stand for billions of
nodes (billion laughs), which any code that walks or compares the values expands. Python's
``int`` refuses strings over 4,300 digits with a ValueError. This module composes the node
tree from libyaml's event stream with an explicit stack and refuses, with the line, what a
glossary never needs: nesting deeper than ``MAX_DEPTH``, aliases that expand to more than
``MAX_ALIAS_NODES`` nodes, a recursive alias, an integer longer than ``MAX_DIGITS``.

Every glossary reader (the schema, the round-trip editor, the line-based removal) checks a
text here first. Results are cached by content, so the several readers of one edit parse
the file once.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from checker.errors import GlossaryError

#: Nesting of collections: a glossary needs four (top level, terms, an entry, a list).
MAX_DEPTH = 32
#: Nodes that aliases may add to a document, all expansions together.
MAX_ALIAS_NODES = 100_000
#: Digits of an integer: a glossary's only number is its version.
MAX_DIGITS = 100

_INT = "tag:yaml.org,2002:int"
_STR = "tag:yaml.org,2002:str"
# libyaml when PyYAML was built with it (as its wheels are); the pure-Python parser else.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(text: str, path: str) -> Node | None:
    """The node tree of ``text`` (None for an empty document), as ``yaml.compose`` builds it.

    Raises GlossaryError, naming ``path`` and the line, for invalid YAML and for what
    exceeds the limits above."""
    result = _compose_cached(text)
    if isinstance(result, _Failure):
        raise GlossaryError(result.message, path=path, line=result.line)
    return result[0]


def uses_aliases(text: str) -> bool:
    """Whether ``text`` (which ``compose`` accepted) has anchors or aliases."""
    result = _compose_cached(text)
    return not isinstance(result, _Failure) and result[1]


class _Failure:
    def __init__(self, message: str, line: int | None) -> None:
        self.message = message
        self.line = line


class _Open:
    """A collection whose end event has not come yet."""

    __slots__ = ("node", "anchor", "size", "key", "sequence")

    def __init__(self, node: Node, anchor: str | None, sequence: bool) -> None:
        self.node = node
        self.anchor = anchor
        self.sequence = sequence
        self.size = 1  # nodes it stands for, aliases expanded
        self.key: Node | None = None  # a mapping's key waiting for its value


@functools.lru_cache(maxsize=4)
def _compose_cached(text: str) -> tuple[Node | None, bool] | _Failure:
    try:
        return _compose(text)
    except _Refused as e:
        return _Failure(e.message, e.line)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = ", ".join(" ".join(part.split()) for part in (e.context, e.problem) if part) or "unreadable"
        return _Failure(f"invalid YAML: {problem}", line)
    except yaml.YAMLError as e:
        return _Failure(f"invalid YAML: {' '.join(str(e).split())}", None)


class _Refused(Exception):
    def __init__(self, message: str, line: int) -> None:
        self.message = message
        self.line = line


@contextmanager
def no_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while a node tree is built or read.

    The tree holds no cycles (a recursive alias is refused) and is freed by reference
    counting; but every object made while it lives would make the collector scan the whole
    tree again: reading a 5 MB glossary took three times as long."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _compose(text: str) -> tuple[Node | None, bool]:
    loader = _Loader(text)
    try:
        with no_collection():
            return _build(loader)
    finally:
        loader.dispose()


def _build(loader: Any) -> tuple[Node | None, bool]:
    anchors: dict[str, tuple[Node, int]] = {}  # anchor → (node, nodes it stands for)
    stack: list[_Open] = []
    root: Node | None = None
    documents = 0
    added_by_aliases = 0
    aliased = False
    # The implicit resolvers, by first character: a plain scalar starting otherwise is a
    # string, and a quoted one always is (this is Resolver.resolve, without its cost per scalar).
    resolvers = loader.yaml_implicit_resolvers
    first_chars = frozenset(k for k in resolvers if k) if None not in resolvers else None

    def attach(node: Node, size: int) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        parent.size += size
        if parent.sequence:
            parent.node.value.append(node)
        elif parent.key is None:
            parent.key = node
        else:
            parent.node.value.append((parent.key, node))
            parent.key = None

    def anchor(name: str | None, node: Node, size: int, event: Any) -> None:
        if name is None:
            return
        if name in anchors:
            first = anchors[name][0].start_mark
            raise yaml.composer.ComposerError(
                f"found duplicate anchor {name!r}; first occurrence", first,
                "second occurrence", event.start_mark)
        anchors[name] = (node, size)

    while True:
        # Any: the stubs do not know libyaml's Mark type, which its events carry.
        event: Any = loader.get_event()
        kind = type(event)
        if kind is ScalarEvent:  # the most frequent: first
            tag, value = event.tag, event.value
            if tag is None or tag == "!":
                plain = event.implicit[0]
                if plain and (first_chars is None or not value or value[0] in first_chars):
                    tag = loader.resolve(ScalarNode, value, event.implicit)
                else:
                    tag = _STR
            if tag == _INT:
                digits = sum(c.isdigit() for c in value)
                if digits > MAX_DIGITS:
                    raise _Refused(f"refused: an integer of {digits:,} digits (at most {MAX_DIGITS})",
                                   event.start_mark.line + 1)
            node = ScalarNode(tag, value, event.start_mark, event.end_mark, style=event.style)
            if event.anchor is not None:
                anchor(event.anchor, node, 1, event)
            attach(node, 1)
        elif kind is SequenceStartEvent or kind is MappingStartEvent:
            if len(stack) >= MAX_DEPTH:
                raise _Refused(f"refused: collections nested over {MAX_DEPTH} levels deep", event.start_mark.line + 1)
            node_kind: Any = SequenceNode if kind is SequenceStartEvent else MappingNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(node_kind, None, event.implicit)
            node = node_kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
            stack.append(_Open(node, event.anchor, kind is SequenceStartEvent))
        elif kind is SequenceEndEvent or kind is MappingEndEvent:
            done = stack.pop()
            done.node.end_mark = event.end_mark
            anchor(done.anchor, done.node, done.size, event)
            attach(done.node, done.size)
        elif kind is AliasEvent:
            line = event.start_mark.line + 1
            if event.anchor not in anchors:
                if any(o.anchor == event.anchor for o in stack):
                    raise _Refused(f"refused: the alias *{event.anchor} refers to a collection that contains it "
                                   "(a recursive alias)", line)
                raise yaml.composer.ComposerError(None, None, f"found undefined alias {event.anchor!r}",
                                                  event.start_mark)
            target, size = anchors[event.anchor]
            aliased = True
            added_by_aliases += size
            if added_by_aliases > MAX_ALIAS_NODES:
                raise _Refused(f"refused: aliases expand to over {MAX_ALIAS_NODES:,} nodes (an alias bomb?)", line)
            attach(target, size)
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise yaml.composer.ComposerError("expected a single document in the stream", root.start_mark
                                                  if root is not None else None, "but found another document",
                                                  event.start_mark)
        elif kind is StreamEndEvent:
            return root, bool(anchors) or aliased
