"""A glossary file as a lossless round-trip YAML document: find entries, change their fields.

An edit changes the entries it names, and ``dump`` writes the text back so that everything
else (comments, key order, quoting, flow or block lists, blank lines) stays as it was:
lines the edit did not touch are carried over byte for byte. Removing an entry is a text
operation (:mod:`checker.glossary.removal`).

Only the entries an edit touches are loaded into ruamel.yaml (:class:`~checker.glossary.fragment.Fragment`),
each as its own lines under a ``terms:`` line, and spliced back on ``dump``: ruamel reads
and writes about 100 KB a second, so loading a 5 MB glossary whole would take a minute for
a one-line change. The file itself is located with the bounded composer
(:mod:`checker.glossary.safeyaml`), which also gives the values of the entries not
loaded. A file whose entries cannot be cut apart by lines (a flow-style ``terms: [...]``,
aliases between entries, YAML directives) is loaded whole.

Reading and writing the file itself (encodings, lock, atomic replace) is
:mod:`checker.glossary.transaction`; merging imported terms, :mod:`checker.glossary.merge`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from checker.errors import GlossaryError
from checker.glossary import safeyaml
from checker.glossary.fragment import Fragment, list_styles, new_yaml
from checker.glossary.layout import detect_indent, entry_from_term, entry_text, sequence_indent
from checker.glossary.removal import remove_entry_text
from checker.glossary.schema import FIELD, TERM_FIELDS, Kind, Term, form_key
from checker.glossary.slices import blank_lines_between, entry_slices, node_styles, plain_value


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

    ``text`` has ``\\n`` line endings (see ``transaction.decode``). Entries are addressed by
    their index (0-based); methods change the document in place; ``dump()`` gives the new
    text."""

    def __init__(self, text: str, path: str, *, whole: bool = False) -> None:
        """``whole``: load the whole text into ruamel and let it write every change, as for a
        file whose entries cannot be cut apart (the result is the same, only slower)."""
        self.path = path
        self.original = text
        self._load_whole = whole
        self._fast = not whole
        self._dash, self._key = sequence_indent(text)
        self._indent = detect_indent(text)
        self._explicit_start = bool(re.search(r"^---[ \t]*$", text, re.MULTILINE))
        self._load(text)
        # For each current entry, its index in the file as read (None: added by this edit),
        # so problems found before and after an edit can be compared entry by entry.
        self.origin: list[int | None] = list(range(len(self)))

    @classmethod
    def new(cls, path: str, source_language: str, target_language: str) -> GlossaryDocument:
        text = f"version: 1\nsource_language: {source_language}\ntarget_language: {target_language}\nterms: []\n"
        doc = cls(text, path)
        doc.original = ""
        assert doc._whole is not None  # no entries: loaded whole
        doc._whole.base = None  # a new file: written as ruamel renders it
        return doc

    def _load(self, text: str) -> None:
        """Locate the entries of ``text`` (the current state) and load what must be loaded."""
        root = safeyaml.compose(text, self.path)  # first: ruamel recurses per level and expands aliases
        if root is not None and not isinstance(root, MappingNode):
            raise GlossaryError("a glossary is a YAML mapping", path=self.path, line=1)
        self._text = text
        self._lines = text.splitlines(keepends=True)
        self._root = root
        self._windows: dict[int, Fragment] = {}
        self._whole: Fragment | None = None
        self._added = 0  # entries appended by this edit: in the last entry's fragment, then pending
        # New entries written as text (``layout.entry_text``), after the last fragment's text:
        # (the entry, its lines).
        self._pending: list[tuple[CommentedMap, str]] = []
        found = [(k, v) for k, v in (root.value if root is not None else ())
                 if isinstance(k, ScalarNode) and k.value == "terms"]
        items = found[0][1].value if found and isinstance(found[0][1], SequenceNode) else []
        layout = None if self._load_whole else entry_slices(self._lines, root, found[0] if found else None,
                                                            safeyaml.uses_aliases(text))
        # Text may follow the whole file's text only when the terms come last in it.
        self._terms_last = bool(found) and root is not None and root.value[-1][0] is found[0][0]
        if layout is None:
            self._whole = Fragment(text, self.path, new_yaml(self._indent, self._explicit_start))
            terms = self._whole.data.get("terms")
            entries = list(terms) if isinstance(terms, list) else []
            self._count = len(entries)
            # as read: loading written-as-text entries (``_materialize``) reloads the fragment
            self._item_lines = [self._whole.entry_line(i) for i in range(self._count)]
            self._styles = [list_styles([e]) for e in entries]
            pairs = len(entries) - 1
            separated = sum(1 for i in range(pairs) if self._whole.separated(i))
        else:
            self._count = len(items)
            self._starts, self._ends, self._item_lines, self._header = (
                layout.starts, layout.ends, layout.item_lines, layout.header)
            self._raw = [plain_value(item) if isinstance(item, MappingNode) else None for item in items]
            self._styles = [node_styles(item) for item in items]
            pairs = len(items) - 1
            separated = blank_lines_between(items, self._lines)
        self._flow, self._block = (sum(s[0] for s in self._styles), sum(s[1] for s in self._styles))
        self._separated_pairs, self._pairs = separated, max(0, pairs)

    # -- where an entry is

    def __len__(self) -> int:
        if self._whole is None:
            return self._count + self._added
        terms = self._whole.data.get("terms")
        return (len(terms) if isinstance(terms, list) else 0) + len(self._pending)

    def _is_pending(self, index: int) -> bool:
        return bool(self._pending) and index >= len(self) - len(self._pending)

    def _materialize(self) -> None:
        """Load the entries written as text into the last fragment, so that they can be edited."""
        if not self._pending:
            return
        fragment = self._whole if self._whole is not None else self._windows[self._count - 1]
        text = fragment.dump() + "".join(lines for _entry, lines in self._pending)
        self._pending = []
        fragment.reload(text)

    def _locate(self, index: int) -> tuple[Fragment, int]:
        """The fragment holding entry ``index``, loaded if need be, and the entry's index in it."""
        if self._is_pending(index):
            self._materialize()
        if self._whole is not None:
            return self._whole, index
        window = min(index, self._count - 1)  # entries added by this edit follow the last one
        fragment = self._windows.get(window)
        if fragment is None:
            start, end = self._starts[window], self._ends[window]
            text = self._header + "".join(self._lines[start:end])
            fragment = Fragment(text, self.path, new_yaml(self._indent), line=start - 1)
            if len(fragment.terms) != 1:
                raise GlossaryError("cannot edit this entry and keep the file's layout; edit the file by hand",
                                    path=self.path, line=self._item_lines[window])
            self._windows[window] = fragment
        return fragment, index - window

    def entry(self, index: int) -> Mapping[str, Any] | None:
        """Entry ``index``'s keys and values (None when it is not a mapping)."""
        if self._whole is None and index < self._count and index not in self._windows:
            raw = self._raw[index]
            return raw if isinstance(raw, dict) else None
        if self._is_pending(index):
            return self._pending[index - (len(self) - len(self._pending))][0]
        fragment, local = self._locate(index)
        e = fragment.terms[local]
        return e if isinstance(e, dict) else None

    def top_value(self, key: str) -> Any:
        """A top-level value of the file as read (``source_language``, …); None when absent."""
        for k, v in self._root.value if self._root is not None else ():
            if isinstance(k, ScalarNode) and k.value == key:
                return plain_value(v)
        return None

    def entry_line(self, index: int) -> int:
        """1-based line of entry ``index`` in the loaded text (0: added by this edit)."""
        return self._item_lines[index] if index < self._count else 0

    def entry_text(self, index: int) -> tuple[int, str]:
        """Entry ``index`` as the file writes it: (its 1-based line, its lines), without the
        blank lines and comments that follow it (they introduce the next entry)."""
        lines = self.original.splitlines()
        start = self.entry_line(index) - 1
        end = self.entry_line(index + 1) - 1 if index + 1 < len(self) else len(lines)
        block = lines[start:end]
        while block and (not block[-1].strip() or block[-1].lstrip().startswith("#")):
            block.pop()
        return start + 1, "\n".join(block)

    def describe(self, index: int) -> str:
        e = self.entry(index)
        src = ", ".join(as_list(e.get("source"))) if e is not None else "?"
        tgt = ", ".join(as_list(e.get("target"))) if e is not None else "?"
        ident = f" id={e.get('id')}" if e is not None and e.get("id") is not None else ""
        line = self.entry_line(index)
        where = f"line {line}" if line else "new"
        return one_line(f"#{index + 1} ({where}){ident}: {src} → {tgt}")

    def find(self, query: str) -> int:
        """The index of the entry ``query`` names.

        In this order, the first rule that matches anything decides: ``#N`` (the N-th entry),
        an ``id``, a source form, a target form (forms compared case- and NFC-insensitively).
        More than one match at that step is an error listing the candidates."""
        m = re.fullmatch(r"#(\d+)", query.strip())
        if m:
            n = int(m.group(1))
            if 1 <= n <= len(self):
                return n - 1
            raise GlossaryError(f"no entry #{n}: the glossary has {len(self)}", path=self.path)
        entries = [(i, e) for i in range(len(self)) if (e := self.entry(i)) is not None]
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
        return [i for i in range(len(self)) if (e := self.entry(i)) is not None
                and wanted & {form_key(s) for s in as_list(e.get("source"))}]

    def term_at(self, index: int) -> Term:
        """Entry ``index`` as a Term (not validated: for comparing and merging)."""
        e = self.entry(index) or {}
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

    def _flow_lists(self) -> bool:
        """Whether the file writes an entry's lists in flow style (``[a, b]``); so if undecided."""
        return self._flow >= self._block

    def _restyle(self, index: int, fragment: Fragment, local: int) -> None:
        """Count the list styles of entry ``index`` again, after an edit of it."""
        new = list_styles([fragment.terms[local]])
        old = self._styles[index]
        self._flow += new[0] - old[0]
        self._block += new[1] - old[1]
        self._styles[index] = new

    def _edit(self, index: int, change: Callable[[Fragment, CommentedMap], None]) -> None:
        fragment, local = self._locate(index)
        entry = fragment.entry(local, self.describe(index))
        change(fragment, entry)
        self._restyle(index, fragment, local)

    def add(self, term: Term) -> int:
        """Append ``term`` at the end of ``terms``, in the file's style. Returns its index."""
        entry = entry_from_term(term, self._flow_lists())
        blank = self._separated_pairs * 2 > self._pairs
        # After an entry of ours, a new one can be written as text: no comment of the file
        # sits between them. The first goes through ruamel, which knows where the file's go.
        after_ours = self._added > 0 and (self._whole is None or (
            self._terms_last and not self._whole.terms.fa.flow_style()))
        lines = entry_text(entry, self._dash, self._key) if self._fast and after_ours else None
        if lines is not None:
            self._pending.append((entry, ("\n" if blank else "") + lines))
            self._added += 1
            self._pairs += 1
            self._separated_pairs += blank
            self._styles.append(list_styles([entry]))
            self._flow, self._block = self._flow + self._styles[-1][0], self._block + self._styles[-1][1]
            self.origin.append(None)
            return len(self) - 1
        self._materialize()
        if self._whole is not None:
            fragment, local = self._whole, len(self._whole.terms)
        else:
            fragment, local = self._locate(self._count - 1)
            local += self._added + 1
        self._added += 1
        fragment.append(entry, blank)
        if local > 0:
            self._pairs += 1
            self._separated_pairs += fragment.separated(local - 1)
        self._styles.append((0, 0))
        self._restyle(len(self._styles) - 1, fragment, local)
        self.origin.append(None)
        return len(self) - 1

    def remove(self, index: int) -> None:
        """Remove entry ``index`` with the comment lines that belong to it (``remove_entry_text``)."""
        if not 0 <= index < len(self):
            raise GlossaryError(f"no entry #{index + 1}", path=self.path)
        if self._whole is not None and self._whole.terms.fa.flow_style():
            self._whole.delete(index)  # `terms: [{…}, {…}]`: no comment lines to place
            flow, block = self._styles.pop(index)
            self._flow, self._block = self._flow - flow, self._block - block
        else:
            new = remove_entry_text(self.dump(), index)
            if new is None:
                raise GlossaryError("cannot remove this entry and keep the file's layout; edit the file by hand",
                                    path=self.path, line=self.entry_line(index) or None)
            self._load(new)
        del self.origin[index]

    def set_list(self, index: int, key: str, values: Sequence[str]) -> None:
        """Replace a list field (``source``, ``target``, ``forbidden``, ``exceptions``)."""
        flow = self._flow_lists()
        self._edit(index, lambda f, e: f.set_list(e, key, values, flow))

    def add_to_list(self, index: int, key: str, values: Sequence[str]) -> None:
        flow = self._flow_lists()
        self._edit(index, lambda f, e: f.add_to_list(e, key, values, as_list(e.get(key)), flow))

    def remove_from_list(self, index: int, key: str, values: Sequence[str]) -> None:
        current = {form_key(c) for c in as_list((self.entry(index) or {}).get(key))}
        for v in values:
            if form_key(v) not in current:
                raise GlossaryError(f"{v!r} is not in {key} of {self.describe(index)}", path=self.path,
                                    line=self.entry_line(index))
        flow = self._flow_lists()
        self._edit(index, lambda f, e: f.remove_from_list(e, key, values, flow))

    def set_scalar(self, index: int, key: str, value: Any) -> None:
        """Set ``note``, ``id``, ``case_sensitive`` or any other key; ``None`` removes it."""
        self._edit(index, lambda f, e: f.set_scalar(e, key, value))

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

    def dump(self) -> str:
        """The document's text after the edits, with untouched lines exactly as they were read."""
        pending = "".join(lines for _entry, lines in self._pending)
        if self._whole is not None:
            return self._whole.dump() + pending
        if not any(f.changed for f in self._windows.values()):
            return self._text
        out = ["".join(self._lines[: self._starts[0]])]
        for i, (start, end) in enumerate(zip(self._starts, self._ends)):
            fragment = self._windows.get(i)
            if fragment is None or not fragment.changed:
                out.append("".join(self._lines[start:end]))
                continue
            text = fragment.dump()
            if not text.startswith(self._header):
                raise GlossaryError("cannot edit this entry and keep the file's layout; edit the file by hand",
                                    path=self.path, line=self._item_lines[i])
            out.append(text[len(self._header):])
        out.append(pending)
        out.append("".join(self._lines[self._ends[-1]:]))
        return "".join(out)
