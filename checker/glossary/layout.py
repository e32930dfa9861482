"""How the text an edit writes fits the file it goes into.

New entries follow the file's own style: its indentation, flow (``[a, b]``) or block
lists, blank lines between entries, and a quoting that the glossary reader (YAML 1.1)
reads back as the same strings. Lines an edit does not touch are carried over from the
original byte for byte, even where ruamel.yaml would have normalised them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.nodes import ScalarNode as RuamelScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from yaml.nodes import ScalarNode

from checker.glossary.schema import TERM_FIELDS, FieldFormat, Kind, Term

# Canonical order of an entry's keys: new entries are written in it, and a key added to an
# existing entry goes before the first key that follows it in this order.
KEY_ORDER = tuple(f.name for f in TERM_FIELDS if f.leads) + tuple(f.name for f in TERM_FIELDS if not f.leads)
LIST_KEYS = tuple(f.name for f in TERM_FIELDS if f.kind is Kind.FORMS)
# source and target are written as a plain string when they hold one value (as in the README);
# forbidden and exceptions are always lists.
SCALAR_WHEN_SINGLE = tuple(f.name for f in TERM_FIELDS if f.scalar_when_single)


# --------------------------------------------------------------------------- scalars

# A plain scalar safe in block and flow context alike. ruamel decides plain-vs-quoted per
# context and gets some flow cases wrong (it writes `[?0]`, a mapping in flow context), so
# a value we write that is not obviously safe is double-quoted.
_PLAIN_SAFE = re.compile(r"\w[\w .;'’()/+&!-]*")
_RESOLVER = yaml.resolver.Resolver()
_RESOLVER_12 = VersionedResolver(version=(1, 2))


def scalar(value: str) -> Any:
    if _PLAIN_SAFE.fullmatch(value) and not value[-1].isspace():
        # ruamel quotes what YAML 1.2 reads as another type ("0", "true"), but the glossary
        # reader is YAML 1.1, where "no", "on" and "1_000" are not strings either.
        # PyYAML's resolver is untyped; it returns the tag as a string.
        tag: str = _RESOLVER.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        # ...and the editor's round trip is ruamel's YAML 1.2, where "0E0" is a float that
        # YAML 1.1 reads as text: a value either reads as another type is quoted.
        tag_12: str = _RESOLVER_12.resolve(RuamelScalarNode, value, (True, False))
        if tag != "tag:yaml.org,2002:str" or tag_12 != "tag:yaml.org,2002:str":
            return SingleQuotedScalarString(value)
        return value
    if "\n" in value:
        return LiteralScalarString(value) if _literal_ok(value) else DoubleQuotedScalarString(value)
    if value.isprintable():
        return SingleQuotedScalarString(value)
    return DoubleQuotedScalarString(value)


def _literal_ok(value: str) -> bool:
    # a literal block keeps the text exactly only when no line has leading or trailing blanks
    # and it ends without a newline or with exactly one; and it has no escapes, so a control
    # character in it (ruamel writes it raw) makes the file unloadable: double quotes then
    lines = value.split("\n")
    return all(ln == ln.strip() and ln and ln.isprintable() for ln in lines) and not value.endswith("\n")


# --------------------------------------------------------------------------- the file's style


def make_list(values: Sequence[str], flow: bool) -> CommentedSeq:
    seq = CommentedSeq(scalar(v) for v in values)
    if flow:
        seq.fa.set_flow_style()
    else:
        seq.fa.set_block_style()
    return seq


def forms_value(spec: FieldFormat, values: Sequence[str], flow: bool) -> Any:
    """The YAML value of a FORMS field: a string when it holds one and the field allows that."""
    if spec.scalar_when_single and len(values) == 1:
        return scalar(values[0])
    return make_list(values, flow)


def yaml_value(spec: FieldFormat, value: Any, flow: bool) -> Any:
    """The YAML value a new entry writes for a field; None: the key is left out."""
    if spec.kind is Kind.FORMS:
        return forms_value(spec, value, flow) if value or spec.required else None
    if spec.kind is Kind.TEXT:
        return None if value is None else scalar(value)
    return True if value else None


def entry_from_term(term: Term, flow: bool) -> CommentedMap:
    """A new YAML entry holding ``term``, its keys in ``KEY_ORDER``."""
    values = {f.name: yaml_value(f, getattr(term, f.name), flow) for f in TERM_FIELDS}
    entry = CommentedMap()
    for key in KEY_ORDER:
        if values[key] is not None:
            entry[key] = values[key]
    return entry


def entry_text(entry: CommentedMap, dash: int, key: int) -> str | None:
    """The lines ruamel writes for ``entry`` appended to a block ``terms`` list whose dashes are
    at column ``dash`` and keys at ``key``, when its values are plain or single-quoted strings,
    flow lists of those and ``true``; None otherwise (ruamel writes it). ruamel spends about a
    millisecond on an entry, which is most of the time of importing thousands of them."""
    if key <= dash + 1:
        return None
    out: list[str] = []
    for k, v in entry.items():
        text = _flat(v)
        if text is None:
            return None
        prefix = " " * dash + "-" + " " * (key - dash - 1) if not out else " " * key
        out.append(f"{prefix}{k}: {text}\n")
    return "".join(out) or None


def _flat(value: Any) -> str | None:
    if value is True:
        return "true"
    # A line break folds inside a quoted scalar (ruamel writes '0\n0' as two lines with a
    # blank one between), and a control character must be escaped in double quotes: both
    # are ruamel's to write, or the text read back would differ or not load at all.
    if isinstance(value, str) and not value.isprintable():
        return None
    if type(value) is str:  # what ``scalar`` leaves plain
        return value
    if type(value) is SingleQuotedScalarString:
        return "'" + str(value).replace("'", "''") + "'"
    if isinstance(value, CommentedSeq) and value.fa.flow_style():
        items = [_flat(v) for v in value]
        if any(i is None or i == "true" for i in items):
            return None
        return "[" + ", ".join(str(i) for i in items) + "]"
    return None


def detect_indent(text: str) -> tuple[int, int, int]:
    """ruamel's (mapping, sequence, offset) indents as the ``terms`` list uses them."""
    m = re.search(r"^([ ]*)terms[ \t]*:[ \t]*(?:#.*)?\n(?:[ \t]*(?:#.*)?\n)*([ ]*)-([ ]+)\S", text, re.MULTILINE)
    if not m:
        return 2, 4, 2
    base, dash, gap = len(m.group(1)), len(m.group(2)), len(m.group(3))
    offset = max(0, dash - base)
    return 2, offset + 1 + gap, offset


def carry_over(original: str, noop: str, new: str) -> str:
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


def sequence_indent(path_text: str) -> tuple[int, int]:
    """(column of an entry's dash, column of its keys) in glossary text, for text we append."""
    _m, sequence, offset = detect_indent(path_text)
    base = re.search(r"^([ ]*)terms[ \t]*:", path_text, re.MULTILINE)
    col = len(base.group(1)) if base else 0
    return col + offset, col + sequence
