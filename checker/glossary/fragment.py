"""ruamel.yaml round-trip editing of a text that holds a ``terms`` list: a whole glossary, or
one entry's lines under a ``terms:`` line (see :mod:`checker.glossary.document`).

Lines an edit does not touch come back byte for byte (:func:`checker.glossary.layout.carry_over`);
the comment lines and blank lines ruamel attaches to the keys around an edit move with them
(:mod:`checker.glossary.comments`).
"""

from __future__ import annotations

from collections.abc import Sequence
from io import StringIO
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from checker.errors import GlossaryError
from checker.glossary.comments import (
    delete_item,
    get_comment,
    join_comment,
    keeping_tail,
    set_comment,
    slot_of,
    split_comment,
    tail_slot,
)
from checker.glossary.layout import (
    KEY_ORDER,
    LIST_KEYS,
    SCALAR_WHEN_SINGLE,
    carry_over,
    forms_value,
    make_list,
    scalar,
)
from checker.glossary.schema import FIELD
from checker.glossary.schema import form_key as _key

Indent = tuple[int, int, int]  # ruamel's (mapping, sequence, offset)


def new_yaml(indent: Indent, explicit_start: bool = False) -> YAML:
    """A round-trip YAML instance that writes as the file does."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 16  # never re-wrap a long line
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.explicit_start = explicit_start
    return yaml


def list_styles(entries: Sequence[Any]) -> tuple[int, int]:
    """(flow, block): how many of the entries' lists are written ``[a, b]`` and how many as blocks."""
    flow = block = 0
    for e in entries:
        if isinstance(e, dict):
            for k in LIST_KEYS:
                v = e.get(k)
                if isinstance(v, CommentedSeq):
                    if v.fa.flow_style():
                        flow += 1
                    else:
                        block += 1
    return flow, block


class Fragment:
    """A text loaded for round-trip editing; entries are addressed by their index in its ``terms``."""

    def __init__(self, text: str, path: str, yaml: YAML, *, line: int = 0) -> None:
        self.path = path
        self.line = line  # the 0-based line of the file that the text's first entry line is
        self._yaml = yaml
        try:
            data = yaml.load(text)
        except YAMLError as e:
            mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
            problem = getattr(e, "problem", None) or str(e).splitlines()[0]
            raise GlossaryError(f"not valid YAML: {problem}", path=path,
                                line=mark.line + 1 if mark is not None else None) from None
        if data is None:
            data = CommentedMap()
        if not isinstance(data, CommentedMap):
            raise GlossaryError("a glossary is a YAML mapping", path=path, line=1)
        self.data = data
        # The text ``data`` was loaded from (None: a new file, written as ruamel renders it)
        # and ruamel's rendering of it unedited; ``dump`` carries untouched lines over.
        self.base: str | None = text
        self._noop = self._render()
        self.changed = False

    def reload(self, text: str) -> None:
        """Continue editing from ``text`` (the current state, changed as text)."""
        self.data = self._yaml.load(text)
        self.base = text
        self._noop = self._render()
        self.changed = True

    @property
    def terms(self) -> CommentedSeq:
        terms = self.data.get("terms")
        if not isinstance(terms, CommentedSeq) or (not terms and terms.fa.flow_style()):
            # `terms:` empty or `terms: []`: entries go into a block list.
            fresh = CommentedSeq()
            if isinstance(terms, CommentedSeq):
                fresh.extend(terms)
            self.data["terms"] = fresh
            terms = fresh
        return terms

    def separated(self, i: int) -> bool:
        """Whether entries ``i`` and ``i + 1`` have a blank line between them."""
        terms = self.terms
        if split_comment(get_comment(slot_of(terms, i)))[1].startswith("\n"):
            return True
        # ruamel keeps the lines between two entries either as the tail of the first or
        # (after a flow collection) as "pre" comments of the second.
        pre = (terms.ca.items.get(i + 1) or [None, None])[1]
        return bool(pre) and pre[0] is not None and pre[0].value.startswith("\n")

    def entry_line(self, index: int) -> int:
        """1-based line of entry ``index`` in the file (0: not in the text it was loaded from)."""
        try:
            return int(self.data["terms"].lc.item(index)[0]) + 1 + self.line
        except (KeyError, IndexError, AttributeError, TypeError):
            return 0

    # -- editing

    def append(self, entry: CommentedMap, blank_line: bool) -> None:
        """Append ``entry`` to ``terms``; ``blank_line``: entries are separated by a blank line."""
        terms = self.terms
        if len(terms):
            slot = tail_slot(terms)
            if slot is not None and blank_line:
                eol, rest = split_comment(get_comment(slot))
                if not rest.endswith("\n") or rest.strip("\n") and not rest.endswith("\n\n"):
                    rest = rest + "\n" if rest else "\n"
                set_comment(slot, join_comment(eol, rest))
        terms.append(entry)
        self.changed = True

    def delete(self, index: int) -> None:
        """Delete entry ``index`` of a flow-style ``terms`` list (no comment lines to place)."""
        delete_item(self.terms, index)
        self.changed = True

    def entry(self, index: int, describe: str) -> CommentedMap:
        entry = self.terms[index]
        if not isinstance(entry, CommentedMap):
            raise GlossaryError(f"this entry is not a mapping: {describe}", path=self.path,
                                line=self.entry_line(index) or None)
        return entry

    def put(self, entry: CommentedMap, key: str, value: Any) -> None:
        self.changed = True
        if key in entry:
            entry[key] = value
            return
        order = {k: i for i, k in enumerate(KEY_ORDER)}
        rank = order.get(key, len(KEY_ORDER))
        keys = list(entry.keys())
        pos = next((i for i, k in enumerate(keys) if order.get(k, len(KEY_ORDER)) > rank), len(keys))
        if pos == len(keys):
            # Appending after the last key: the entry's trailing blank lines and comments
            # must follow the new key, not sit between the old last key and it.
            keeping_tail(entry, lambda: entry.insert(pos, key, value))
            return
        entry.insert(pos, key, value)

    def drop(self, entry: CommentedMap, key: str) -> None:
        if key in entry:
            delete_item(entry, key)
            self.changed = True

    def set_list(self, entry: CommentedMap, key: str, values: Sequence[str], flow: bool) -> None:
        if not values:
            self.drop(entry, key)
            return
        old = entry.get(key)
        if isinstance(old, CommentedSeq) and (len(values) > 1 or key not in SCALAR_WHEN_SINGLE):
            # Keep the list object (its style and comments); change its items.
            if list(old) != list(values):
                keeping_tail(old, lambda: old.__setitem__(slice(None), [scalar(v) for v in values]))
                self.changed = True
            return
        self.put(entry, key, forms_value(FIELD[key], values, flow))

    def add_to_list(self, entry: CommentedMap, key: str, values: Sequence[str], current: list[str],
                    flow: bool) -> None:
        new = [v for v in values if _key(v) not in {_key(c) for c in current}]
        if not new:
            return
        old = entry.get(key)
        if isinstance(old, CommentedSeq):
            keeping_tail(old, lambda: old.extend(scalar(v) for v in new))
            self.changed = True
        else:
            self.put(entry, key, make_list(current + new, flow))

    def remove_from_list(self, entry: CommentedMap, key: str, values: Sequence[str], flow: bool) -> None:
        drop = {_key(v) for v in values}
        old = entry.get(key)
        self.changed = True
        if isinstance(old, CommentedSeq):
            for i in reversed(range(len(old))):
                if _key(str(old[i])) in drop:
                    delete_item(old, i)
            if not len(old) and key not in SCALAR_WHEN_SINGLE:
                self.drop(entry, key)
        elif key in SCALAR_WHEN_SINGLE:
            # A single string removed: an empty field (source/target stay, and fail validation).
            entry[key] = make_list([], flow)
        else:
            self.drop(entry, key)

    def set_scalar(self, entry: CommentedMap, key: str, value: Any) -> None:
        if value is None:
            self.drop(entry, key)
        elif entry.get(key) != value or key not in entry:
            self.put(entry, key, scalar(value) if isinstance(value, str) else value)

    # -- writing

    def _render(self) -> str:
        buf = StringIO()
        self._yaml.dump(self.data, buf)
        return buf.getvalue()

    def dump(self) -> str:
        """The text after the edits, with untouched lines exactly as they were read."""
        new = self._render()
        if self.base is None:
            return new
        return carry_over(self.base, self._noop, new)
