"""Lossless edits of glossary files: add, change and remove entries, merge imported terms.

An edit loads the YAML with ruamel.yaml's round-trip loader, changes the entries it names and
writes the file back so that everything else (comments, key order, quoting, flow or block
lists, blank lines, CRLF line endings, a BOM) stays as it was. ``edit_glossary`` does the
read-modify-write inside a file lock beside the glossary, validates the new text with the
format's parser before anything is written, and replaces the file atomically. An edit that
adds a problem ``cross_check`` finds within the file is refused too; problems the file
already had do not block it. A dry run takes no lock (it writes nothing).

Removing an entry is a text operation on the file's lines (see ``remove_entry_text``), because
ruamel.yaml attaches the comment lines above an entry to the entry before it.

This module also holds the checks ``transcheck glossary validate`` runs across several files.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from io import StringIO
from typing import Any

import yaml
from filelock import FileLock, Timeout
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from checker.errors import GlossaryError
from checker.glossary.schema import Glossary, Term, glossary_problems, parse_glossary
from checker.language.morphology import lemma_key

# Canonical order of an entry's keys: new entries are written in it, and a key added to an
# existing entry goes before the first key that follows it in this order.
KEY_ORDER = ("id", "source", "target", "forbidden", "exceptions", "note", "case_sensitive", "match_surname")
LIST_KEYS = ("source", "target", "forbidden", "exceptions")
# source and target are written as a plain string when they hold one value (as in the README);
# forbidden and exceptions are always lists.
SCALAR_WHEN_SINGLE = ("source", "target")
LOCK_TIMEOUT = 30.0  # seconds; an editor holding the lock longer than this is stuck


# --------------------------------------------------------------------------- text and bytes


@dataclass(frozen=True)
class TextStyle:
    """How a file's text is stored: kept on write so an edit changes only what it edits."""

    bom: bool = False
    newline: str = "\n"


def decode(data: bytes, path: str) -> tuple[str, TextStyle]:
    """Bytes → text with ``\\n`` line endings, and the style to encode it back with."""
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise GlossaryError(f"not UTF-8 (byte {e.start})", path=path) from None
    newline = "\r\n" if "\r\n" in text else "\n"
    return text.replace("\r\n", "\n"), TextStyle(bom, newline)


def encode(text: str, style: TextStyle) -> bytes:
    if style.newline != "\n":
        text = text.replace("\n", style.newline)
    return (b"\xef\xbb\xbf" if style.bom else b"") + text.encode("utf-8")


def unified_diff(old: str, new: str, path: str) -> str:
    """A unified diff from ``old`` to ``new`` (both with ``\\n`` line endings)."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


# --------------------------------------------------------------------------- comments


def _tail_slot(node: Any) -> tuple[Any, Any, int] | None:
    """Where ruamel keeps the comment that follows the last line of a block ``node``.

    Blank lines and comments after a line are stored on the last key (or item) that precedes
    them, possibly deep inside a nested block collection: (container, key, index into
    ``container.ca.items[key]``)."""
    if isinstance(node, CommentedMap) and len(node) and not node.fa.flow_style():
        key = list(node.keys())[-1]
        value = node[key]
        if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
            return _tail_slot(value)
        return node, key, 2
    if isinstance(node, CommentedSeq) and len(node) and not node.fa.flow_style():
        key = len(node) - 1
        value = node[key]
        if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
            return _tail_slot(value)
        return node, key, 0
    return None


def _slot_of(container: Any, key: Any) -> tuple[Any, Any, int]:
    """The comment slot after ``container[key]``, descending into a nested block collection."""
    value = container[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
        deep = _tail_slot(value)
        if deep is not None:
            return deep
    return container, key, 2 if isinstance(container, CommentedMap) else 0


def _get_comment(slot: tuple[Any, Any, int] | None) -> str:
    if slot is None:
        return ""
    container, key, idx = slot
    entry = container.ca.items.get(key)
    token = entry[idx] if entry and len(entry) > idx else None
    return token.value if token is not None else ""


def _set_comment(slot: tuple[Any, Any, int], value: str) -> None:
    container, key, idx = slot
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) <= idx:
        entry.append(None)
    entry[idx] = CommentToken(value, CommentMark(0), None) if value and value != "\n" else None


def _split_comment(value: str) -> tuple[str, str]:
    """A tail comment's text → (end-of-line comment or "", the lines that follow)."""
    if not value:
        return "", ""
    first, _, rest = value.partition("\n")
    return (first if first.startswith("#") else ""), rest


def _join_comment(eol: str, rest: str) -> str:
    return (eol + "\n" + rest) if (eol or rest) else ""


def _keeping_tail(container: CommentedMap | CommentedSeq, change: Callable[[], Any]) -> None:
    """Run ``change`` (which adds or replaces items at the end of a block ``container``) so that
    the blank lines and comments that followed the container still follow it."""
    slot = _tail_slot(container)
    eol, rest = _split_comment(_get_comment(slot))
    if slot is not None and rest:
        _set_comment(slot, _join_comment(eol, ""))
    change()
    if rest:
        new_slot = _tail_slot(container)
        if new_slot is not None:
            new_eol, _ = _split_comment(_get_comment(new_slot))
            _set_comment(new_slot, _join_comment(new_eol, rest))


def _delete(container: CommentedMap | CommentedSeq, key: Any) -> None:
    """Delete ``container[key]`` without losing what ruamel attached to it for its neighbours.

    Comment lines directly above an item describe it and go with it; the blank lines and
    comments after it (which introduce the next item) move to the item before it, so the
    separation between the remaining items stays as it was."""
    keys = list(container.keys()) if isinstance(container, CommentedMap) else list(range(len(container)))
    pos = keys.index(key)
    eol, rest = _split_comment(_get_comment(_slot_of(container, key)))
    if pos > 0:
        prev = _slot_of(container, keys[pos - 1])
        prev_eol, _prev_rest = _split_comment(_get_comment(prev))
        # The previous item's own trailing lines sat between it and the deleted one: they
        # introduced the deleted item (its leading comments), so the deleted item's tail wins.
        _set_comment(prev, _join_comment(prev_eol, rest))
    del container[key]  # ruamel shifts a list's index-keyed comments itself


# --------------------------------------------------------------------------- the document


def _norm(s: str) -> str:
    return unicodedata.normalize("NFC", s).casefold().strip()


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


class MergePolicy(Enum):
    """What ``import`` does with an imported entry that matches an existing one."""

    error = "error"  # refuse the whole import, listing the conflicts
    skip = "skip"  # keep the existing entry as it is
    replace = "replace"  # the imported entry's fields replace the existing entry's
    merge = "merge"  # union: existing values first, imported ones appended; existing note wins


@dataclass(frozen=True)
class MergeSummary:
    added: int = 0
    unchanged: int = 0
    skipped: int = 0
    replaced: int = 0
    merged: int = 0


class GlossaryDocument:
    """A glossary file's text, loaded for round-trip editing.

    ``text`` has ``\\n`` line endings (see ``decode``). Methods change the loaded document in
    place; ``dump()`` gives the new text."""

    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.original = text
        self._yaml = YAML(typ="rt")
        self._yaml.preserve_quotes = True
        self._yaml.width = 1 << 16  # never re-wrap a long line
        mapping, sequence, offset = _detect_indent(text)
        self._yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        self._yaml.explicit_start = bool(re.search(r"^---[ \t]*$", text, re.MULTILINE))
        try:
            data = self._yaml.load(text)
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
        self._base: str | None = text
        self._noop = self._render()
        terms = data.get("terms")
        # For each current entry, its index in the file as read (None: added by this edit),
        # so problems found before and after an edit can be compared entry by entry.
        self.origin: list[int | None] = list(range(len(terms))) if isinstance(terms, list) else []

    @classmethod
    def new(cls, path: str, source_language: str, target_language: str) -> GlossaryDocument:
        text = f"version: 1\nsource_language: {source_language}\ntarget_language: {target_language}\nterms: []\n"
        doc = cls(text, path)
        doc.original = ""
        doc._base = None
        return doc

    def _reload(self, text: str) -> None:
        """Continue editing from ``text`` (the current state, changed as text)."""
        self.data = self._yaml.load(text)
        self._base = text
        self._noop = self._render()

    # -- reading

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

    def entry_line(self, index: int) -> int:
        """1-based line of entry ``index`` in the loaded text."""
        try:
            return int(self.data["terms"].lc.item(index)[0]) + 1
        except (KeyError, IndexError, AttributeError, TypeError):
            return 0

    def describe(self, index: int) -> str:
        e = self.terms[index]
        src = ", ".join(_as_list(e.get("source"))) if isinstance(e, dict) else "?"
        tgt = ", ".join(_as_list(e.get("target"))) if isinstance(e, dict) else "?"
        ident = f" id={e.get('id')}" if isinstance(e, dict) and e.get("id") is not None else ""
        line = self.entry_line(index)
        where = f"line {line}" if line else "new"
        return one_line(f"#{index + 1} ({where}){ident}: {src} → {tgt}")

    def find(self, query: str) -> int:
        """The index of the entry ``query`` names.

        In this order, the first rule that matches anything decides: ``#N`` (the N-th entry),
        an ``id``, a source form, a target form (forms compared case- and NFC-insensitively).
        More than one match at that step is an error listing the candidates."""
        entries = [(i, e) for i, e in enumerate(self.terms) if isinstance(e, dict)]
        m = re.fullmatch(r"#(\d+)", query.strip())
        if m:
            n = int(m.group(1))
            if 1 <= n <= len(self.terms):
                return n - 1
            raise GlossaryError(f"no entry #{n}: the glossary has {len(self.terms)}", path=self.path)
        q = _norm(query)
        steps: list[tuple[str, Callable[[Any], bool]]] = [
            ("id", lambda e: e.get("id") is not None and _norm(str(e.get("id"))) == q),
            ("source", lambda e: any(_norm(s) == q for s in _as_list(e.get("source")))),
            ("target", lambda e: any(_norm(s) == q for s in _as_list(e.get("target")))),
        ]
        for _what, match in steps:
            hits = [i for i, e in entries if match(e)]
            if len(hits) == 1:
                return hits[0]
            if hits:
                listed = "; ".join(self.describe(i) for i in hits)
                raise GlossaryError(f"{query!r} is ambiguous: {listed} (name one by id or #N)", path=self.path)
        raise GlossaryError(f"no entry with id, source or target {query!r}", path=self.path)

    # -- style of the file

    def _flow_lists(self) -> bool:
        """Whether the file writes an entry's lists in flow style (``[a, b]``); so if undecided."""
        flow = block = 0
        for e in self.terms:
            if isinstance(e, dict):
                for k in LIST_KEYS:
                    v = e.get(k)
                    if isinstance(v, CommentedSeq):
                        if v.fa.flow_style():
                            flow += 1
                        else:
                            block += 1
        return flow >= block

    def _blank_between_entries(self) -> bool:
        terms = self.terms
        if len(terms) < 2:
            return False
        def separated(i: int) -> bool:
            if _split_comment(_get_comment(_slot_of(terms, i)))[1].startswith("\n"):
                return True
            # ruamel keeps the lines between two entries either as the tail of the first or
            # (after a flow collection) as "pre" comments of the second.
            pre = (terms.ca.items.get(i + 1) or [None, None])[1]
            return bool(pre) and pre[0] is not None and pre[0].value.startswith("\n")

        blank = sum(1 for i in range(len(terms) - 1) if separated(i))
        return blank * 2 > len(terms) - 1

    def _make_list(self, values: Sequence[str], *, flow: bool | None = None) -> CommentedSeq:
        seq = CommentedSeq(_safe(v) for v in values)
        if self._flow_lists() if flow is None else flow:
            seq.fa.set_flow_style()
        else:
            seq.fa.set_block_style()
        return seq

    def _value_for(self, key: str, values: Sequence[str]) -> Any:
        if key in SCALAR_WHEN_SINGLE and len(values) == 1:
            return _safe(values[0])
        return self._make_list(values)

    # -- editing

    def entry_from_term(self, term: Term) -> CommentedMap:
        entry = CommentedMap()
        fields: dict[str, Any] = {
            "id": None if term.id is None else _safe(term.id),
            "source": self._value_for("source", term.source),
            "target": self._value_for("target", term.target),
            "forbidden": self._make_list(term.forbidden) if term.forbidden else None,
            "exceptions": self._make_list(term.exceptions) if term.exceptions else None,
            "note": None if term.note is None else _safe(term.note),
            "case_sensitive": True if term.case_sensitive else None,
            "match_surname": True if getattr(term, "match_surname", False) else None,
        }
        for key in KEY_ORDER:
            if fields[key] is not None:
                entry[key] = fields[key]
        return entry

    def add(self, term: Term) -> int:
        """Append ``term`` at the end of ``terms``, in the file's style. Returns its index."""
        terms = self.terms
        entry = self.entry_from_term(term)
        if len(terms):
            slot = _tail_slot(terms)
            if slot is not None and self._blank_between_entries():
                eol, rest = _split_comment(_get_comment(slot))
                if not rest.endswith("\n") or rest.strip("\n") and not rest.endswith("\n\n"):
                    rest = rest + "\n" if rest else "\n"
                _set_comment(slot, _join_comment(eol, rest))
        terms.append(entry)
        self.origin.append(None)
        return len(terms) - 1

    def remove(self, index: int) -> None:
        """Remove entry ``index`` with the comment lines that belong to it (``remove_entry_text``)."""
        if not 0 <= index < len(self.terms):
            raise GlossaryError(f"no entry #{index + 1}", path=self.path)
        if self.terms.fa.flow_style():  # `terms: [{…}, {…}]`: no comment lines to place
            _delete(self.terms, index)
        else:
            new = remove_entry_text(self.dump(), index)
            if new is None:
                raise GlossaryError("cannot remove this entry and keep the file's layout; edit the file by hand",
                                    path=self.path, line=self.entry_line(index) or None)
            self._reload(new)
        del self.origin[index]

    def _entry(self, index: int) -> CommentedMap:
        entry = self.terms[index]
        if not isinstance(entry, CommentedMap):
            raise GlossaryError("this entry is not a mapping", path=self.path, line=self.entry_line(index))
        return entry

    def _put(self, entry: CommentedMap, key: str, value: Any) -> None:
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
            _keeping_tail(entry, lambda: entry.insert(pos, key, value))
            return
        entry.insert(pos, key, value)

    def _drop(self, entry: CommentedMap, key: str) -> None:
        if key in entry:
            _delete(entry, key)

    def set_list(self, index: int, key: str, values: Sequence[str]) -> None:
        """Replace a list field (``source``, ``target``, ``forbidden``, ``exceptions``)."""
        entry = self._entry(index)
        if not values:
            self._drop(entry, key)
            return
        old = entry.get(key)
        if isinstance(old, CommentedSeq) and (len(values) > 1 or key not in SCALAR_WHEN_SINGLE):
            # Keep the list object (its style and comments); change its items.
            if list(old) != list(values):
                _keeping_tail(old, lambda: old.__setitem__(slice(None), [_safe(v) for v in values]))
            return
        self._put(entry, key, self._value_for(key, values))

    def add_to_list(self, index: int, key: str, values: Sequence[str]) -> None:
        entry = self._entry(index)
        current = _as_list(entry.get(key))
        new = [v for v in values if _norm(v) not in {_norm(c) for c in current}]
        if not new:
            return
        old = entry.get(key)
        if isinstance(old, CommentedSeq):
            _keeping_tail(old, lambda: old.extend(_safe(v) for v in new))
        else:
            self._put(entry, key, self._make_list(current + new))

    def remove_from_list(self, index: int, key: str, values: Sequence[str]) -> None:
        entry = self._entry(index)
        current = _as_list(entry.get(key))
        for v in values:
            if _norm(v) not in {_norm(c) for c in current}:
                raise GlossaryError(f"{v!r} is not in {key} of {self.describe(index)}", path=self.path,
                                    line=self.entry_line(index))
        drop = {_norm(v) for v in values}
        old = entry.get(key)
        if isinstance(old, CommentedSeq):
            for i in reversed(range(len(old))):
                if _norm(str(old[i])) in drop:
                    _delete(old, i)
            if not len(old) and key not in SCALAR_WHEN_SINGLE:
                self._drop(entry, key)
        else:
            # A single string removed: an empty field (source/target stay, and fail validation).
            if key in SCALAR_WHEN_SINGLE:
                entry[key] = self._make_list([])
            else:
                self._drop(entry, key)

    def set_scalar(self, index: int, key: str, value: Any) -> None:
        """Set ``note``, ``id``, ``case_sensitive`` or any other key; ``None`` removes it."""
        entry = self._entry(index)
        if value is None:
            self._drop(entry, key)
        elif entry.get(key) != value or key not in entry:
            self._put(entry, key, _safe(value) if isinstance(value, str) else value)

    def replace_with(self, index: int, term: Term) -> None:
        """Make entry ``index`` hold exactly ``term``'s fields, keeping its other keys."""
        self.set_list(index, "source", term.source)
        self.set_list(index, "target", term.target)
        self.set_list(index, "forbidden", term.forbidden)
        self.set_list(index, "exceptions", term.exceptions)
        self.set_scalar(index, "note", term.note)
        self.set_scalar(index, "case_sensitive", True if term.case_sensitive else None)
        self.set_scalar(index, "id", term.id)
        self.set_scalar(index, "match_surname", True if getattr(term, "match_surname", False) else None)

    # -- merging imported terms

    def merge(self, imported: Iterable[Term], policy: MergePolicy) -> MergeSummary:
        """Add ``imported`` terms; one that matches an existing entry is handled by ``policy``.

        An imported term matches an entry with the same id, or, when either has no id, an entry
        sharing a source form (case- and NFC-insensitive). Terms equal to their match are left
        alone under every policy. A term matching several entries is an error."""
        counts = {"added": 0, "unchanged": 0, "skipped": 0, "replaced": 0, "merged": 0}
        conflicts: list[str] = []
        for term in imported:
            hits = self._matches(term)
            if len(hits) > 1:
                listed = "; ".join(self.describe(i) for i in hits)
                raise GlossaryError(one_line(f"imported entry {'|'.join(term.source)!r} matches several entries: "
                                             f"{listed}"), path=self.path)
            if not hits:
                self.add(term)
                counts["added"] += 1
                continue
            i = hits[0]
            existing = self._term_at(i)
            if _same(existing, term):
                counts["unchanged"] += 1
            elif policy is MergePolicy.error:
                conflicts.append(one_line(f"{'|'.join(term.source)} vs {self.describe(i)}"))
            elif policy is MergePolicy.skip:
                counts["skipped"] += 1
            elif policy is MergePolicy.replace:
                self.replace_with(i, term)
                counts["replaced"] += 1
            else:
                self.add_to_list(i, "source", term.source)
                self.add_to_list(i, "target", term.target)
                self.add_to_list(i, "forbidden", term.forbidden)
                self.add_to_list(i, "exceptions", term.exceptions)
                if existing.note is None and term.note is not None:
                    self.set_scalar(i, "note", term.note)
                if existing.id is None and term.id is not None:
                    self.set_scalar(i, "id", term.id)
                if term.case_sensitive and not existing.case_sensitive:
                    self.set_scalar(i, "case_sensitive", True)
                if getattr(term, "match_surname", False) and not getattr(existing, "match_surname", False):
                    self.set_scalar(i, "match_surname", True)
                counts["merged"] += 1
        if conflicts:
            shown = "; ".join(conflicts[:5]) + (f"; and {len(conflicts) - 5} more" if len(conflicts) > 5 else "")
            raise GlossaryError(
                f"{len(conflicts)} imported entries differ from existing ones ({shown}); "
                "choose --on-conflict skip, replace or merge",
                path=self.path,
            )
        return MergeSummary(**counts)

    def _term_at(self, index: int) -> Term:
        e = self.terms[index]
        return Term(
            tuple(_as_list(e.get("source"))),
            tuple(_as_list(e.get("target"))),
            tuple(_as_list(e.get("forbidden"))),
            tuple(_as_list(e.get("exceptions"))),
            None if e.get("note") is None else str(e.get("note")),
            bool(e.get("case_sensitive", False)),
            None if e.get("id") is None else str(e.get("id")),
            **_extra_flags(e),
        )

    def _matches(self, term: Term) -> list[int]:
        out = []
        sources = {_norm(s) for s in term.source}
        for i, e in enumerate(self.terms):
            if not isinstance(e, dict):
                continue
            eid = e.get("id")
            if term.id is not None and eid is not None:
                if str(eid) == term.id:
                    out.append(i)
            elif sources & {_norm(s) for s in _as_list(e.get("source"))}:
                out.append(i)
        return out

    # -- writing

    def _render(self) -> str:
        buf = StringIO()
        self._yaml.dump(self.data, buf)
        return buf.getvalue()

    def dump(self) -> str:
        """The document's text after the edits, with untouched lines exactly as they were read."""
        new = self._render()
        if self._base is None:
            return new
        return _carry_over(self._base, self._noop, new)


def one_line(message: str) -> str:
    """``message`` with line breaks shown as ``\\n``: an error is one line on stderr."""
    return message.replace("\r", "\\r").replace("\n", "\\n")


# A comment line that heads a section (`# --- places ---`): it stays when an entry goes.
_SECTION_HEADER = re.compile(r"[ \t]*#[ \t]*---")


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _is_blank(line: str) -> bool:
    return not line.strip()


def _end_line(node: Node) -> int:
    """The 0-based line after the last line holding ``node``'s content."""
    # A block collection ends where the next token starts (past comments): take its last item.
    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        return _end_line(node.value[-1][1])
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        return _end_line(node.value[-1])
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
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        before = yaml.safe_load(text)
    except yaml.YAMLError:
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
    floor = _end_line(items[index - 1]) if index else key.start_mark.line + 1
    end = _end_line(items[index])
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
        after = yaml.safe_load(new)
    except yaml.YAMLError:
        return None
    expected = dict(before)
    expected["terms"] = before["terms"][:index] + before["terms"][index + 1 :]
    return new if after == expected else None


# A plain scalar safe in block and flow context alike. ruamel decides plain-vs-quoted per
# context and gets some flow cases wrong (it writes `[?0]`, a mapping in flow context), so
# a value we write that is not obviously safe is double-quoted.
_PLAIN_SAFE = re.compile(r"\w[\w .;'’()/+&!-]*")
_RESOLVER = yaml.resolver.Resolver()


def _safe(value: str) -> Any:
    if _PLAIN_SAFE.fullmatch(value) and not value[-1].isspace():
        # ruamel quotes what YAML 1.2 reads as another type ("0", "true"), but the glossary
        # reader is YAML 1.1, where "no", "on" and "1_000" are not strings either.
        if _RESOLVER.resolve(ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str":
            return SingleQuotedScalarString(value)
        return value
    if "\n" in value:
        return LiteralScalarString(value) if _literal_ok(value) else DoubleQuotedScalarString(value)
    if value.isprintable():
        return SingleQuotedScalarString(value)
    return DoubleQuotedScalarString(value)


def _literal_ok(value: str) -> bool:
    # a literal block keeps the text exactly only when no line has leading or trailing blanks
    # and it ends without a newline or with exactly one
    lines = value.split("\n")
    return all(ln == ln.strip() and ln for ln in lines) and not value.endswith("\n")


def _same(a: Term, b: Term) -> bool:
    return term_fields(a) == term_fields(b)


def term_fields(t: Term) -> tuple[Any, ...]:
    """What a YAML entry holds of a term (not its line): equal tuples, equal entries."""
    return (t.source, t.target, t.forbidden, t.exceptions, t.note, t.case_sensitive, t.id,
            getattr(t, "match_surname", False))


def _extra_flags(entry: Any) -> dict[str, Any]:
    """Boolean keys the Term of this checkout knows beyond the original ones (match_surname)."""
    names = {f.name for f in dataclasses.fields(Term)}
    return {k: bool(entry.get(k, False)) for k in ("match_surname",) if k in names}


def _detect_indent(text: str) -> tuple[int, int, int]:
    """ruamel's (mapping, sequence, offset) indents as the ``terms`` list uses them."""
    m = re.search(r"^([ ]*)terms[ \t]*:[ \t]*(?:#.*)?\n(?:[ \t]*(?:#.*)?\n)*([ ]*)-([ ]+)\S", text, re.MULTILINE)
    if not m:
        return 2, 4, 2
    base, dash, gap = len(m.group(1)), len(m.group(2)), len(m.group(3))
    offset = max(0, dash - base)
    return 2, offset + 1 + gap, offset


def _carry_over(original: str, noop: str, new: str) -> str:
    """Apply the change ``noop`` → ``new`` to ``original``.

    ``noop`` is ruamel's rendering of the unedited file; where it differs from the original
    (ruamel normalised something) the original's lines are kept, so lines the edit did not
    touch stay byte-for-byte. When a changed region cannot be mapped back, ``new`` wins."""
    if original == noop:
        return new
    o, n0, n1 = original.splitlines(keepends=True), noop.splitlines(keepends=True), new.splitlines(keepends=True)
    to_original: dict[int, int] = {}
    for a, b, size in difflib.SequenceMatcher(None, o, n0, autojunk=False).get_matching_blocks():
        for k in range(size):
            to_original[b + k] = a + k

    def where(i: int) -> int | None:
        if i in to_original:
            return to_original[i]
        if i - 1 in to_original:
            return to_original[i - 1] + 1
        if i == 0:
            return 0
        return None

    out: list[str] = []
    cursor = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, n0, n1, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        start = where(i1)
        if start is None or start < cursor or any(i not in to_original for i in range(i1, i2)):
            return new
        end = to_original[i2 - 1] + 1 if i2 > i1 else start
        if end - start != i2 - i1:
            return new
        out.extend(o[cursor:start])
        out.extend(n1[j1:j2])
        cursor = end
    out.extend(o[cursor:])
    return "".join(out)


# --------------------------------------------------------------------------- files


@dataclass(frozen=True)
class EditResult:
    path: str
    old: str  # text before (\n line endings), "" for a new file
    new: str  # text after
    written: bool

    @property
    def changed(self) -> bool:
        return self.old != self.new

    def diff(self) -> str:
        return unified_diff(self.old, self.new, self.path)


def lock_path(path: str) -> str:
    return os.path.realpath(path) + ".lock"


def atomic_write(path: str, data: bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` with ``data``: a temporary file in the same folder, fsync, os.replace.

    ``mode`` defaults to the existing file's permission bits (or 0666 less the umask for a new
    file). Nothing is left behind when any step fails."""
    real = os.path.realpath(path)
    folder = os.path.dirname(real) or "."
    if mode is None:
        try:
            mode = stat.S_IMODE(os.stat(real).st_mode)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(real)}.", suffix=".tmp")
    except OSError as e:
        raise GlossaryError(f"cannot write: {e.strerror}", path=path) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, real)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise GlossaryError(f"cannot write: {e.strerror or e}", path=path) from None
        raise
    try:  # make the rename itself durable; not possible everywhere, and not fatal
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise GlossaryError("no such file", path=path) from None
    except OSError as e:
        raise GlossaryError(f"cannot read: {e.strerror}", path=path) from None


def edit_glossary(
    path: str,
    edit: Callable[[GlossaryDocument], Any],
    *,
    dry_run: bool = False,
    create: tuple[str, str] | None = None,
) -> EditResult:
    """Read, ``edit``, validate and write ``path`` under its lock.

    ``create=(source_language, target_language)`` starts a new glossary when the file does
    not exist. An edit whose result fails validation, or that adds a problem ``cross_check``
    finds within the file (problems the file already had do not count), raises
    ``GlossaryError`` and the file is not touched. With ``dry_run`` nothing is written and no
    lock is taken (the result carries the would-be text)."""
    if dry_run:  # nothing is written, so there is nothing to guard: no lock, no trace
        return _edit_locked(path, edit, dry_run=True, create=create)
    try:
        with FileLock(lock_path(path), timeout=LOCK_TIMEOUT):
            return _edit_locked(path, edit, dry_run=False, create=create)
    except Timeout:
        raise GlossaryError(f"another process holds {lock_path(path)} (waited {LOCK_TIMEOUT:.0f}s)", path=path) from None
    except PermissionError as e:
        raise GlossaryError(f"cannot lock: {e.strerror}", path=path) from None


def _edit_locked(path: str, edit: Callable[[GlossaryDocument], Any], *, dry_run: bool,
                 create: tuple[str, str] | None) -> EditResult:
    if create is not None and not os.path.exists(path):
        doc = GlossaryDocument.new(path, *create)
        style = TextStyle()
    else:
        text, style = decode(read_bytes(path), path)
        doc = GlossaryDocument(text, path)
    edit(doc)
    new = doc.dump()
    glossary = parse_glossary(new, path)  # raises: an edit that makes the glossary invalid is refused
    added = new_problems(doc, glossary)
    if added:
        more = len(added) - 1
        # The line is the entry's in the edited text, which is not written.
        raise GlossaryError(f"refused: {added[0].detail}"
                            + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""),
                            path=added[0].path, line=added[0].line)
    if new == doc.original or dry_run:
        return EditResult(path, doc.original, new, written=False)
    atomic_write(path, encode(new, style))
    return EditResult(path, doc.original, new, written=True)


def append_text(path: str, block: str, *, dry_run: bool = False) -> EditResult:
    """Append ``block`` (lines with ``\\n`` endings, e.g. commented-out suggestions) to ``path``."""
    def _edit_text() -> EditResult:
        text, style = decode(read_bytes(path), path)
        new = text + ("" if not text or text.endswith("\n") else "\n") + block
        parse_glossary(new, path)
        if dry_run:
            return EditResult(path, text, new, written=False)
        atomic_write(path, encode(new, style))
        return EditResult(path, text, new, written=True)

    if dry_run:  # nothing is written: no lock
        return _edit_text()
    try:
        with FileLock(lock_path(path), timeout=LOCK_TIMEOUT):
            return _edit_text()
    except Timeout:
        raise GlossaryError(f"another process holds {lock_path(path)}", path=path) from None


def load_file(path: str) -> Glossary:
    """Read and validate a glossary file (BOM and CRLF allowed)."""
    text, _style = decode(read_bytes(path), path)
    return parse_glossary(text, path)


def sequence_indent(path_text: str) -> tuple[int, int]:
    """(column of an entry's dash, column of its keys) in glossary text, for text we append."""
    _m, sequence, offset = _detect_indent(path_text)
    base = re.search(r"^([ ]*)terms[ \t]*:", path_text, re.MULTILINE)
    col = len(base.group(1)) if base else 0
    return col + offset, col + sequence


# --------------------------------------------------------------------------- cross-file checks


def cross_check(glossaries: Sequence[Glossary]) -> list[GlossaryError]:
    """Problems between entries that the per-file validation (``validate_terms``) cannot see.

    - the same source form with different targets in two files;
    - a form approved (target) in one entry and forbidden in another (any files);
    - a source form the morphology normalises onto another entry's source form (any files);
    - an exception that contains none of its entry's forbidden forms: it can never apply.
      Containment is by letters, not whole words, so "Kievan Rus" does cover "Kiev".

    Messages quote forms as the files write them.
    """
    return [p.error for p in _cross_problems(glossaries)]


# Which entry a problem is about: (index of its glossary, index of the entry in it).
_Ref = tuple[int, int]


@dataclass(frozen=True)
class _Problem:
    """A ``cross_check`` problem and what identifies it apart from line numbers: its kind, the
    (normalised) forms involved and the entries, by position, so that the problems before and
    after an edit can be compared."""

    error: GlossaryError
    kind: str
    forms: tuple[str, ...]
    entries: tuple[_Ref, ...]


def _cross_problems(glossaries: Sequence[Glossary]) -> list[_Problem]:
    problems: list[_Problem] = []
    entries = [((gi, ti), g, t) for gi, g in enumerate(glossaries) for ti, t in enumerate(g.terms)]

    def where(g: Glossary, t: Term) -> str:
        return f"{g.path}:{t.line}"

    by_source: dict[str, list[tuple[_Ref, Glossary, Term, str]]] = {}
    for ref, g, t in entries:
        for s in t.source:
            by_source.setdefault(_norm(s), []).append((ref, g, t, s))
    for form, group in by_source.items():
        for (r1, g1, t1, _s1), (r2, g2, t2, s2) in _pairs(group):
            if g1.path != g2.path and [_norm(x) for x in t1.target] != [_norm(x) for x in t2.target]:
                problems.append(_Problem(GlossaryError(
                    f"source {s2!r} has target {', '.join(t2.target)!r} here but {', '.join(t1.target)!r} "
                    f"at {where(g1, t1)}", path=g2.path, line=t2.line), "targets", (form,), (r1, r2)))

    approved: dict[str, list[tuple[_Ref, Glossary, Term]]] = {}
    for ref, g, t in entries:
        for x in t.target:
            approved.setdefault(_norm(x), []).append((ref, g, t))
    for ref, g, t in entries:
        for f in t.forbidden:
            for ref2, g2, t2 in approved.get(_norm(f), []):
                if t2 is not t:
                    problems.append(_Problem(GlossaryError(
                        f"{f!r} is forbidden here but approved at {where(g2, t2)}", path=g.path, line=t.line),
                        "forbidden-approved", (_norm(f),), (ref, ref2)))

    by_lemma: dict[str, list[tuple[_Ref, Glossary, Term, str]]] = {}
    for ref, g, t in entries:
        for s in t.source:
            by_lemma.setdefault(lemma_key(s, g.source_language), []).append((ref, g, t, s))
    for group3 in by_lemma.values():
        for (r1, g1, t1, s1), (r2, g2, t2, s2) in _pairs(group3):
            if t1 is not t2 and _norm(s1) != _norm(s2):
                problems.append(_Problem(GlossaryError(
                    f"source {s2!r} normalises to the same form as {s1!r} at {where(g1, t1)}",
                    path=g2.path, line=t2.line), "lemma", (_norm(s1), _norm(s2)), (r1, r2)))
    for ref, g, t in entries:
        for exception in t.exceptions:
            if t.forbidden and not any(_norm(f) in _norm(exception) for f in t.forbidden):
                problems.append(_Problem(GlossaryError(
                    f"exception {exception!r} contains none of the forbidden forms "
                    f"({', '.join(t.forbidden)}), so it never applies", path=g.path, line=t.line),
                    "exception", (_norm(exception),), (ref,)))

    problems.sort(key=lambda p: (p.error.path or "", p.error.line or 0))
    return problems


def new_problems(doc: GlossaryDocument, glossary: Glossary) -> list[GlossaryError]:
    """The ``cross_check`` problems within ``glossary`` (``doc`` after its edits) that the file as
    read did not have. Entries are matched through ``doc.origin``, so an entry keeps its
    identity when others are removed before it or its own fields change."""
    old: set[tuple[Any, ...]] = set()
    if doc.original:
        before, _errors = glossary_problems(doc.original, doc.path)
        if before is not None:
            old = {(p.kind, p.forms, p.entries) for p in _cross_problems([before])}

    def as_read(ref: _Ref) -> Any:
        origin = doc.origin[ref[1]] if ref[1] < len(doc.origin) else None
        return (0, origin) if origin is not None else ("new", ref[1])

    return [p.error for p in _cross_problems([glossary])
            if (p.kind, p.forms, tuple(as_read(r) for r in p.entries)) not in old]


def _pairs(items: Sequence[Any]) -> Iterator[tuple[Any, Any]]:
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            yield items[i], items[j]
