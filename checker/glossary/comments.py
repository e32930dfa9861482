"""Where ruamel.yaml keeps comments and blank lines, and how to move them when entries change.

ruamel attaches the blank lines and comments that follow a line to the last key (or item)
before them, possibly deep inside a nested block collection. Changing or deleting items
must carry those lines along, or an edit would move a section header or swallow the
comment that introduces the next entry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

# A slot: (container, key, index into ``container.ca.items[key]``).
Slot = tuple[Any, Any, int]


def tail_slot(node: Any) -> tuple[Any, Any, int] | None:
    """Where ruamel keeps the comment that follows the last line of a block ``node``.

    Blank lines and comments after a line are stored on the last key (or item) that precedes
    them, possibly deep inside a nested block collection: (container, key, index into
    ``container.ca.items[key]``)."""
    if isinstance(node, CommentedMap) and len(node) and not node.fa.flow_style():
        key = list(node.keys())[-1]
        value = node[key]
        if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
            return tail_slot(value)
        return node, key, 2
    if isinstance(node, CommentedSeq) and len(node) and not node.fa.flow_style():
        key = len(node) - 1
        value = node[key]
        if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
            return tail_slot(value)
        return node, key, 0
    return None


def slot_of(container: Any, key: Any) -> tuple[Any, Any, int]:
    """The comment slot after ``container[key]``, descending into a nested block collection."""
    value = container[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
        deep = tail_slot(value)
        if deep is not None:
            return deep
    return container, key, 2 if isinstance(container, CommentedMap) else 0


def get_comment(slot: tuple[Any, Any, int] | None) -> str:
    if slot is None:
        return ""
    container, key, idx = slot
    entry = container.ca.items.get(key)
    token = entry[idx] if entry and len(entry) > idx else None
    return token.value if token is not None else ""


def set_comment(slot: tuple[Any, Any, int], value: str) -> None:
    container, key, idx = slot
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) <= idx:
        entry.append(None)
    entry[idx] = CommentToken(value, CommentMark(0), None) if value and value != "\n" else None


def split_comment(value: str) -> tuple[str, str]:
    """A tail comment's text → (end-of-line comment or "", the lines that follow)."""
    if not value:
        return "", ""
    first, _, rest = value.partition("\n")
    return (first if first.startswith("#") else ""), rest


def join_comment(eol: str, rest: str) -> str:
    return (eol + "\n" + rest) if (eol or rest) else ""


def keeping_tail(container: CommentedMap | CommentedSeq, change: Callable[[], Any]) -> None:
    """Run ``change`` (which adds or replaces items at the end of a block ``container``) so that
    the blank lines and comments that followed the container still follow it."""
    slot = tail_slot(container)
    eol, rest = split_comment(get_comment(slot))
    if slot is not None and rest:
        set_comment(slot, join_comment(eol, ""))
    change()
    if rest:
        new_slot = tail_slot(container)
        if new_slot is not None:
            new_eol, _ = split_comment(get_comment(new_slot))
            set_comment(new_slot, join_comment(new_eol, rest))


def delete_item(container: CommentedMap | CommentedSeq, key: Any) -> None:
    """Delete ``container[key]`` without losing what ruamel attached to it for its neighbours.

    Comment lines directly above an item describe it and go with it; the blank lines and
    comments after it (which introduce the next item) move to the item before it, so the
    separation between the remaining items stays as it was."""
    keys = list(container.keys()) if isinstance(container, CommentedMap) else list(range(len(container)))
    pos = keys.index(key)
    eol, rest = split_comment(get_comment(slot_of(container, key)))
    if pos > 0:
        prev = slot_of(container, keys[pos - 1])
        prev_eol, _prev_rest = split_comment(get_comment(prev))
        # The previous item's own trailing lines sat between it and the deleted one: they
        # introduced the deleted item (its leading comments), so the deleted item's tail wins.
        set_comment(prev, join_comment(prev_eol, rest))
    del container[key]  # ruamel shifts a list's index-keyed comments itself
