"""A glossary file as a lossless round-trip YAML document: find entries, change their fields.

The file is loaded with ruamel.yaml's round-trip loader; an edit changes the entries it
names, and ``dump`` writes the text back so that everything else (comments, key order,
quoting, flow or block lists, blank lines) stays as it was: lines the edit did not touch
are carried over byte for byte (:func:`checker.glossary.layout.carry_over`). Removing an
entry is a text operation (:mod:`checker.glossary.removal`).

Reading and writing the file itself (encodings, lock, atomic replace) is
:mod:`checker.glossary.transaction`; merging imported terms, :mod:`checker.glossary.merge`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
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
    split_comment,
    tail_slot,
)
from checker.glossary.layout import (
    KEY_ORDER,
    SCALAR_WHEN_SINGLE,
    blank_between_entries,
    carry_over,
    detect_indent,
    entry_from_term,
    flow_lists,
    forms_value,
    make_list,
    scalar,
)
from checker.glossary.removal import remove_entry_text
from checker.glossary.schema import FIELD, TERM_FIELDS, Kind, Term, form_key


def as_list(value: Any) -> list[str]:
    """A YAML value of a FORMS field as a list of strings (a single string is one form)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def one_line(message: str) -> str:
    """``message`` with line breaks shown as ``\\n`` and other control characters escaped: an
    error is one line on stderr, and text from a file never drives the terminal."""
    return printable(message.replace("\r", "\\r").replace("\n", "\\n"))


# C0 and C1 controls but tab and newline, and the bidirectional overrides that reorder what a
# terminal shows (U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` for a terminal: control characters (but tab and newline) and bidirectional
    overrides written as escapes (``\\x1b``, ``\\u202e``), everything else as it is."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


class GlossaryDocument:
    """A glossary file's text, loaded for round-trip editing.

    ``text`` has ``\\n`` line endings (see ``transaction.decode``). Methods change the loaded
    document in place; ``dump()`` gives the new text."""

    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.original = text
        self._yaml = YAML(typ="rt")
        self._yaml.preserve_quotes = True
        self._yaml.width = 1 << 16  # never re-wrap a long line
        mapping, sequence, offset = detect_indent(text)
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

    def entry_text(self, index: int) -> tuple[int, str]:
        """Entry ``index`` as the file writes it: (its 1-based line, its lines), without the
        blank lines and comments that follow it (they introduce the next entry)."""
        lines = self.original.splitlines()
        start = self.entry_line(index) - 1
        end = self.entry_line(index + 1) - 1 if index + 1 < len(self.terms) else len(lines)
        block = lines[start:end]
        while block and (not block[-1].strip() or block[-1].lstrip().startswith("#")):
            block.pop()
        return start + 1, "\n".join(block)

    def describe(self, index: int) -> str:
        e = self.terms[index]
        src = ", ".join(as_list(e.get("source"))) if isinstance(e, dict) else "?"
        tgt = ", ".join(as_list(e.get("target"))) if isinstance(e, dict) else "?"
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
        q = form_key(query)
        steps: list[tuple[str, Callable[[Any], bool]]] = [
            ("id", lambda e: e.get("id") is not None and form_key(str(e.get("id"))) == q),
            ("source", lambda e: any(form_key(s) == q for s in as_list(e.get("source")))),
            ("target", lambda e: any(form_key(s) == q for s in as_list(e.get("target")))),
        ]
        for _what, match in steps:
            hits = [i for i, e in entries if match(e)]
            if len(hits) == 1:
                return hits[0]
            if hits:
                listed = "; ".join(self.describe(i) for i in hits)
                raise GlossaryError(f"{query!r} is ambiguous: {listed} (name one by id or #N)", path=self.path)
        raise GlossaryError(f"no entry with id, source or target {query!r}", path=self.path)

    def entries_with_source(self, sources: Sequence[str]) -> list[int]:
        """The entries sharing a source form with ``sources`` (case- and NFC-insensitively)."""
        wanted = {form_key(s) for s in sources}
        return [i for i, e in enumerate(self.terms)
                if isinstance(e, dict) and wanted & {form_key(s) for s in as_list(e.get("source"))}]

    def term_at(self, index: int) -> Term:
        """Entry ``index`` as a Term (not validated: for comparing and merging)."""
        e = self.terms[index]
        values: dict[str, Any] = {}
        for f in TERM_FIELDS:
            value = e.get(f.name)
            if f.kind is Kind.FORMS:
                values[f.name] = tuple(as_list(value))
            elif f.kind is Kind.TEXT:
                values[f.name] = None if value is None else str(value)
            else:
                values[f.name] = bool(value)
        return Term(**values)

    # -- editing

    def add(self, term: Term) -> int:
        """Append ``term`` at the end of ``terms``, in the file's style. Returns its index."""
        terms = self.terms
        entry = entry_from_term(term, flow_lists(terms))
        if len(terms):
            slot = tail_slot(terms)
            if slot is not None and blank_between_entries(terms):
                eol, rest = split_comment(get_comment(slot))
                if not rest.endswith("\n") or rest.strip("\n") and not rest.endswith("\n\n"):
                    rest = rest + "\n" if rest else "\n"
                set_comment(slot, join_comment(eol, rest))
        terms.append(entry)
        self.origin.append(None)
        return len(terms) - 1

    def remove(self, index: int) -> None:
        """Remove entry ``index`` with the comment lines that belong to it (``remove_entry_text``)."""
        if not 0 <= index < len(self.terms):
            raise GlossaryError(f"no entry #{index + 1}", path=self.path)
        if self.terms.fa.flow_style():  # `terms: [{…}, {…}]`: no comment lines to place
            delete_item(self.terms, index)
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
            keeping_tail(entry, lambda: entry.insert(pos, key, value))
            return
        entry.insert(pos, key, value)

    def _drop(self, entry: CommentedMap, key: str) -> None:
        if key in entry:
            delete_item(entry, key)

    def _new_list(self, values: Sequence[str]) -> CommentedSeq:
        return make_list(values, flow_lists(self.terms))

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
                keeping_tail(old, lambda: old.__setitem__(slice(None), [scalar(v) for v in values]))
            return
        self._put(entry, key, forms_value(FIELD[key], values, flow_lists(self.terms)))

    def add_to_list(self, index: int, key: str, values: Sequence[str]) -> None:
        entry = self._entry(index)
        current = as_list(entry.get(key))
        new = [v for v in values if form_key(v) not in {form_key(c) for c in current}]
        if not new:
            return
        old = entry.get(key)
        if isinstance(old, CommentedSeq):
            keeping_tail(old, lambda: old.extend(scalar(v) for v in new))
        else:
            self._put(entry, key, self._new_list(current + new))

    def remove_from_list(self, index: int, key: str, values: Sequence[str]) -> None:
        entry = self._entry(index)
        current = as_list(entry.get(key))
        for v in values:
            if form_key(v) not in {form_key(c) for c in current}:
                raise GlossaryError(f"{v!r} is not in {key} of {self.describe(index)}", path=self.path,
                                    line=self.entry_line(index))
        drop = {form_key(v) for v in values}
        old = entry.get(key)
        if isinstance(old, CommentedSeq):
            for i in reversed(range(len(old))):
                if form_key(str(old[i])) in drop:
                    delete_item(old, i)
            if not len(old) and key not in SCALAR_WHEN_SINGLE:
                self._drop(entry, key)
        else:
            # A single string removed: an empty field (source/target stay, and fail validation).
            if key in SCALAR_WHEN_SINGLE:
                entry[key] = self._new_list([])
            else:
                self._drop(entry, key)

    def set_scalar(self, index: int, key: str, value: Any) -> None:
        """Set ``note``, ``id``, ``case_sensitive`` or any other key; ``None`` removes it."""
        entry = self._entry(index)
        if value is None:
            self._drop(entry, key)
        elif entry.get(key) != value or key not in entry:
            self._put(entry, key, scalar(value) if isinstance(value, str) else value)

    def set_field(self, index: int, key: str, value: Any) -> None:
        """Make field ``key`` of entry ``index`` hold ``value`` (a Term's value for it)."""
        spec = FIELD[key]
        if spec.kind is Kind.FORMS:
            self.set_list(index, key, value)
        elif spec.kind is Kind.TEXT:
            self.set_scalar(index, key, value)
        else:
            self.set_scalar(index, key, True if value else None)

    def replace_with(self, index: int, term: Term) -> None:
        """Make entry ``index`` hold exactly ``term``'s fields, keeping its other keys."""
        for f in TERM_FIELDS:
            self.set_field(index, f.name, getattr(term, f.name))

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
        return carry_over(self._base, self._noop, new)
