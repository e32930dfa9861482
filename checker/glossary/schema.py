"""Glossary files (format version 1): load, validate, and the values rules use.

A glossary is a YAML file::

    version: 1
    source_language: ru
    target_language: en
    terms:
      - source: Киев                  # a string or a list of alternatives
        target: Kyiv                  # a string or a list: all accepted, the first preferred
        forbidden: [Kiev]             # renderings flagged wherever they occur in the target
        exceptions: [Chicken Kiev]    # target phrases in which a forbidden form is fine
        note: Ukrainian-based spelling; AP style since 2019.
      - source: Владимир Зеленский
        target: [Volodymyr Zelensky, Volodymyr Zelenskyy]
        forbidden: [Vladimir Zelensky]
        match_surname: true

Keys of a term: ``source`` and ``target`` (required; a string or a list of strings),
``forbidden`` and ``exceptions`` (a string or a list of strings), ``note`` and ``id``
(strings), ``case_sensitive`` (default false) and ``match_surname`` (default false).
Unknown keys, at the top level or in a term, are errors.

``match_surname: true`` makes a person's surname alone count as a mention of the entry:
the last word of each multi-word ``source`` alternative matches on its own ("Зеленский
заявил" is a mention of "Владимир Зеленский"), and the last word of each approved
``target`` is then an accepted rendering ("Zelensky said"). It is off by default because
a bare surname is often someone else's (Olena Zelenska, Wladimir Klitschko); the matcher
also skips a bare surname right after another first name or an initial. Use it where
the surname's spelling is the point of the entry (Zelensky, Shmyhal, Zaluzhnyi).

Every error names ``file:line``: schema errors point at the offending node, semantic
errors (:func:`validate_terms`, shared with the glossary editing commands) at the term.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from checker.errors import GlossaryError
from checker.glossary import safeyaml


class Kind(Enum):
    """What a term field holds, which decides how every format writes and merges it."""

    FORMS = "forms"  # tuple[str, ...]: YAML a string or a list, CSV `a|b`, TBX one element per form
    TEXT = "text"  # str | None: YAML a string, CSV a cell, TBX one element
    FLAG = "flag"  # bool, default false: YAML `true` or absent, CSV true/false, TBX a "true" descrip


class TbxPlace(Enum):
    """Where a field lives in a TBX ``termEntry``."""

    SOURCE_TERMS = "source-terms"  # the source langSet's terms
    TARGET_TERMS = "target-terms"  # the target langSet's terms, the first preferred, the rest admitted
    FORBIDDEN_TERMS = "forbidden-terms"  # the target langSet's deprecated terms
    ENTRY_ID = "entry-id"  # the termEntry's id attribute
    ENTRY_NOTE = "entry-note"  # a <note> of the entry
    ENTRY_DESCRIP = "entry-descrip"  # <descrip type="…"> of the entry (``tbx_type``)
    TARGET_DESCRIP = "target-descrip"  # <descrip type="…"> in the target langSet, one per form


@dataclass(frozen=True)
class FieldFormat:
    """How the formats carry one field of :class:`Term`; declared once, on the field.

    The YAML key and the CSV/TSV column are the field's name."""

    kind: Kind
    tbx: TbxPlace
    tbx_type: str = ""  # the descrip type for the DESCRIP places
    required: bool = False  # a YAML entry and a CSV header must have it
    scalar_when_single: bool = False  # YAML: one value is written as a plain string, not a list
    leads: bool = False  # YAML: the entry's first key (a label for a reader)
    always_column: bool = False  # CSV/TSV: written even when no term uses it
    name: str = ""  # the field's name (filled in from the dataclass)

    def default(self) -> Any:
        return {Kind.FORMS: (), Kind.TEXT: None, Kind.FLAG: False}[self.kind]


def _declare(kind: Kind, tbx: TbxPlace, **options: Any) -> Any:
    spec = FieldFormat(kind, tbx, **options)
    if spec.required:
        return field(metadata={"format": spec})
    return field(default=spec.default(), metadata={"format": spec})


@dataclass(frozen=True)
class Term:
    """One glossary entry. Every field a file holds is declared here once, with its
    :class:`FieldFormat`: YAML keys, CSV columns, TBX elements, merging and comparison all
    follow these declarations."""

    source: tuple[str, ...] = _declare(Kind.FORMS, TbxPlace.SOURCE_TERMS, required=True, scalar_when_single=True,
                                       always_column=True)  # alternatives, as written in the file
    target: tuple[str, ...] = _declare(Kind.FORMS, TbxPlace.TARGET_TERMS, required=True, scalar_when_single=True,
                                       always_column=True)  # approved renderings; the first is preferred
    forbidden: tuple[str, ...] = _declare(Kind.FORMS, TbxPlace.FORBIDDEN_TERMS, always_column=True)
    exceptions: tuple[str, ...] = _declare(Kind.FORMS, TbxPlace.TARGET_DESCRIP, tbx_type="transcheck-exception",
                                           always_column=True)
    note: str | None = _declare(Kind.TEXT, TbxPlace.ENTRY_NOTE, always_column=True)
    case_sensitive: bool = _declare(Kind.FLAG, TbxPlace.ENTRY_DESCRIP, tbx_type="transcheck-caseSensitive")
    id: str | None = _declare(Kind.TEXT, TbxPlace.ENTRY_ID, leads=True)
    line: int = 0  # 1-based line of the entry in its file (0: not from a file); in no format
    # After ``line`` so that positional construction (source, target, …, id, line) keeps working.
    match_surname: bool = _declare(Kind.FLAG, TbxPlace.ENTRY_DESCRIP, tbx_type="transcheck-matchSurname")

    @property
    def preferred(self) -> str:
        return self.target[0]


#: The fields of a term that files hold, in declaration order (``line`` is not one of them).
TERM_FIELDS: tuple[FieldFormat, ...] = tuple(
    replace(f.metadata["format"], name=f.name) for f in dataclasses.fields(Term) if "format" in f.metadata
)
FIELD = {f.name: f for f in TERM_FIELDS}


def term_fields(term: Term) -> tuple[Any, ...]:
    """What a file holds of a term (not its line): equal tuples, equal entries."""
    return tuple(getattr(term, f.name) for f in TERM_FIELDS)


def form_key(form: str) -> str:
    """A form as entries are matched by: NFC, case-folded, without surrounding whitespace."""
    return unicodedata.normalize("NFC", form).casefold().strip()


def make_term(
    source: tuple[str, ...],
    target: tuple[str, ...],
    forbidden: tuple[str, ...] = (),
    exceptions: tuple[str, ...] = (),
    note: str | None = None,
    case_sensitive: bool = False,
    id: str | None = None,
    line: int = 0,
    *,
    match_surname: bool = False,
) -> Term:
    """A Term from its fields, by position as the YAML entry lists them."""
    return Term(source, target, forbidden, exceptions, note, case_sensitive, id, line, match_surname=match_surname)


@dataclass(frozen=True)
class Glossary:
    path: str
    source_language: str
    target_language: str
    terms: tuple[Term, ...]
    sha256: str = ""  # of the file's bytes; goes into every report's signature
    version: int = 1


SUPPORTED_VERSIONS = (1,)
TOP_LEVEL_KEYS = ("version", "source_language", "target_language", "terms")
TERM_KEYS = tuple(f.name for f in TERM_FIELDS)
_REQUIRED_TERM_KEYS = tuple(f.name for f in TERM_FIELDS if f.required)
_OPTIONAL_FORMS = tuple(f for f in TERM_FIELDS if f.kind is Kind.FORMS and not f.required)
_LANGUAGE_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


def load_glossary(path: str | os.PathLike[str]) -> Glossary:
    """Read, parse and validate a glossary file; ``sha256`` is the hash of its bytes."""
    from checker.glossary.fileio import read_bytes  # here: fileio is no part of the format

    name = os.fspath(path)
    data = read_bytes(name, what="glossary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise GlossaryError(
            f"glossary is not UTF-8 text (undecodable byte at offset {e.start})", path=name, line=line
        ) from e
    glossary = parse_glossary(text, name)
    return replace(glossary, sha256=hashlib.sha256(data).hexdigest())


def parse_glossary(text: str, path: str) -> Glossary:
    """Parse and validate glossary text; ``path`` is only used in error messages.

    Raises GlossaryError for the first problem (by line), mentioning how many more there are.
    """
    glossary, errors = glossary_problems(text, path)
    if errors:
        first = errors[0]
        if len(errors) > 1:
            more = len(errors) - 1
            raise GlossaryError(
                f"{first.detail} (and {more} more problem{'s' if more > 1 else ''})",
                path=path,
                line=first.line,
            )
        raise first
    assert glossary is not None
    return glossary


def glossary_problems(text: str, path: str, *, null_terms: bool = False) -> tuple[Glossary | None, list[GlossaryError]]:
    """Every problem of one file's text, by line, and its terms where its structure is sound.

    A structural problem (invalid YAML, a wrong key or type) stops reading, so it comes alone;
    the semantic checks of ``validate_terms`` are all reported. ``null_terms`` reads an empty
    ``terms:`` as no entries (an editor may fill it) instead of as an error.
    """
    glossary, errors = _problems(text, path, null_terms)
    return glossary, list(errors)


# An edit reads the file it edits twice (its structure, then its problems before the edit).
@functools.lru_cache(maxsize=4)
def _problems(text: str, path: str, null_terms: bool) -> tuple[Glossary | None, tuple[GlossaryError, ...]]:
    with safeyaml.no_collection():
        try:
            root = safeyaml.compose(text, path)
        except GlossaryError as e:
            return None, (e,)
        if root is None:
            return None, (GlossaryError("glossary is empty", path=path, line=1),)
        try:
            glossary = _Reader(path, null_terms).glossary(root)
        except GlossaryError as e:
            return None, (e,)
        glossary = replace(glossary, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
        errors = sorted(validate_terms(glossary.terms, path), key=lambda e: e.line or 0)
    return glossary, tuple(errors)


def validate_terms(terms: Sequence[Term], path: str) -> list[GlossaryError]:
    """The semantic checks of one file's terms, in line order; an empty list means valid.

    Checks: non-empty source and target forms; no form both approved and forbidden
    (case-insensitively unless the term is case-sensitive); no control characters (other
    than tabs and line breaks); ``match_surname`` only with a multi-word source; no source
    defined twice with different targets; unique ids.
    """
    errors: list[GlossaryError] = []

    def err(term: Term, message: str) -> None:
        errors.append(GlossaryError(message, path=path, line=term.line or None))

    seen_sources: dict[str, Term] = {}
    seen_ids: dict[str, Term] = {}
    for term in terms:
        if not term.source or any(not s.strip() for s in term.source):
            err(term, "term has an empty source")
        if not term.target or any(not t.strip() for t in term.target):
            err(term, f"term {_name(term)} has an empty target")
        for spec in _OPTIONAL_FORMS:
            if any(not f.strip() for f in getattr(term, spec.name)):
                err(term, f"term {_name(term)} has an empty entry in '{spec.name}'")

        fold = _folder(term.case_sensitive)
        approved = {fold(t): t for t in term.target}
        for form in term.forbidden:
            if fold(form) in approved:
                err(term, f"term {_name(term)}: {form!r} is both approved and forbidden")

        for spec, char in control_characters(term):
            err(term, f"term {_name(term)}: {spec.name} holds the control character U+{ord(char):04X}, "
                      "which no exchange format can carry: remove it")

        if term.match_surname and not any(len(s.split()) > 1 for s in term.source):
            err(term, f"term {_name(term)}: match_surname needs a multi-word source (a full name)")

        targets = tuple(_normal_space(t) for t in term.target)
        for s in term.source:
            key = _normal_space(s).casefold()
            earlier = seen_sources.get(key)
            if earlier is None:
                seen_sources[key] = term
            elif tuple(_normal_space(t) for t in earlier.target) != targets and earlier is not term:
                where = f" at line {earlier.line}" if earlier.line else ""
                err(term, f"source {s!r} is already defined{where} with a different target")

        if term.id is not None:
            other = seen_ids.get(term.id)
            if other is not None:
                where = f" at line {other.line}" if other.line else ""
                err(term, f"duplicate term id {term.id!r} (also{where})")
            else:
                seen_ids[term.id] = term
    errors.sort(key=lambda e: e.line or 0)
    return errors


# Control characters other than tab and line breaks: XML 1.0 cannot hold them at all (so a
# TBX export could not be imported), and on a terminal they are commands, not text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


_TEXT_FIELDS = tuple(f.name for f in TERM_FIELDS if f.kind is Kind.TEXT)
_FORMS_FIELDS = tuple(f.name for f in TERM_FIELDS if f.kind is Kind.FORMS)


def control_characters(term: Term) -> list[tuple[FieldFormat, str]]:
    """The first control character (not a tab or line break) of each text field of ``term``."""
    everything = "\n".join([*(s for f in _FORMS_FIELDS for s in getattr(term, f)),
                            *(getattr(term, f) or "" for f in _TEXT_FIELDS)])
    if not _CONTROL.search(everything):  # one search for the usual case: none
        return []
    found = []
    for spec in TERM_FIELDS:
        value = getattr(term, spec.name)
        texts = value if spec.kind is Kind.FORMS else (value,) if spec.kind is Kind.TEXT and value else ()
        for text in texts:
            m = _CONTROL.search(text)
            if m:
                found.append((spec, m.group()))
                break
    return found


def _name(term: Term) -> str:
    return repr(term.source[0]) if term.source else "(no source)"


def _normal_space(s: str) -> str:
    return " ".join(s.split())


def _folder(case_sensitive: bool) -> Any:
    if case_sensitive:
        return _normal_space
    return lambda s: _normal_space(s).casefold()


class _Reader:
    """Turns a composed YAML node tree into a Glossary, checking the schema as it goes."""

    def __init__(self, path: str, null_terms: bool = False) -> None:
        self.path = path
        self.null_terms = null_terms

    def fail(self, node: Node, message: str) -> GlossaryError:
        return GlossaryError(message, path=self.path, line=node.start_mark.line + 1)

    def mapping(self, node: Node, what: str, allowed: Sequence[str]) -> dict[str, tuple[Node, Node]]:
        """Key → (key node, value node); rejects non-mappings, non-string, unknown and duplicate keys."""
        if not isinstance(node, MappingNode):
            raise self.fail(node, f"{what} must be a mapping, not {_kind(node)}")
        out: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR:
                raise self.fail(key_node, f"{what}: keys must be strings")
            key = key_node.value
            if key in out:
                first = out[key][0].start_mark.line + 1
                raise self.fail(key_node, f"duplicate key {key!r} in {what} (first at line {first})")
            if key not in allowed:
                hint = ", ".join(allowed)
                raise self.fail(key_node, f"unknown key {key!r} in {what} (allowed: {hint})")
            out[key] = (key_node, value_node)
        return out

    def string(self, node: Node, what: str) -> str:
        if isinstance(node, ScalarNode) and node.tag == _STR:
            return str(node.value)
        if isinstance(node, ScalarNode) and node.tag == _NULL:
            raise self.fail(node, f"{what} is empty")
        if isinstance(node, ScalarNode):
            # YAML 1.1 reads `no`, `on`, `2019`, `1.5` as non-strings; say how to fix it.
            raise self.fail(node, f"{what} must be a string, not {_kind(node)} (quote it)")
        raise self.fail(node, f"{what} must be a string, not {_kind(node)}")

    def strings(self, node: Node, what: str) -> tuple[str, ...]:
        """A string or a list of strings; entries must not be empty."""
        if isinstance(node, SequenceNode):
            values = tuple(self.string(item, f"each entry of {what}") for item in node.value)
            for item, value in zip(node.value, values):
                if not value.strip():
                    raise self.fail(item, f"{what} has an empty entry")
            return values
        if isinstance(node, MappingNode):
            raise self.fail(node, f"{what} must be a string or a list of strings, not a mapping")
        value = self.string(node, what)
        if not value.strip():
            raise self.fail(node, f"{what} is empty")
        return (value,)

    def boolean(self, node: Node, what: str) -> bool:
        if isinstance(node, ScalarNode) and node.tag == _BOOL:
            return bool(yaml.constructor.SafeConstructor().construct_yaml_bool(node))
        raise self.fail(node, f"{what} must be true or false, not {_kind(node)}")

    def glossary(self, root: Node) -> Glossary:
        top = self.mapping(root, "the glossary", TOP_LEVEL_KEYS)
        for key in TOP_LEVEL_KEYS:
            if key not in top:
                raise self.fail(root, f"missing required key {key!r}")

        version_node = top["version"][1]
        if not (isinstance(version_node, ScalarNode) and version_node.tag == _INT):
            raise self.fail(version_node, f"version must be an integer, not {_kind(version_node)}")
        version = int(yaml.constructor.SafeConstructor().construct_yaml_int(version_node))
        if version not in SUPPORTED_VERSIONS:
            supported = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
            raise self.fail(version_node, f"unsupported glossary version {version} (supported: {supported})")

        languages = []
        for key in ("source_language", "target_language"):
            node = top[key][1]
            code = self.string(node, key)
            if not _LANGUAGE_CODE.match(code):
                raise self.fail(node, f"{key} {code!r} is not a language code (like 'ru' or 'en')")
            languages.append(code)

        terms_node = top["terms"][1]
        if self.null_terms and isinstance(terms_node, ScalarNode) and terms_node.tag == _NULL:
            return Glossary(self.path, languages[0], languages[1], (), version=version)
        if not isinstance(terms_node, SequenceNode):
            raise self.fail(terms_node, f"terms must be a list of entries, not {_kind(terms_node)}")
        terms = tuple(self.term(node) for node in terms_node.value)
        return Glossary(self.path, languages[0], languages[1], terms, version=version)

    def term(self, node: Node) -> Term:
        entry = self.mapping(node, "a term", TERM_KEYS)
        for key in _REQUIRED_TERM_KEYS:
            if key not in entry:
                raise self.fail(node, f"term is missing required key {key!r}")
        values: dict[str, Any] = {}
        for key, (_, value_node) in entry.items():
            spec = FIELD[key]
            if spec.kind is Kind.FORMS:
                values[key] = self.strings(value_node, key)
                if spec.required and not values[key]:
                    raise self.fail(value_node, f"{key} is empty")
            elif spec.kind is Kind.TEXT:
                values[key] = self.string(value_node, key)
            else:
                values[key] = self.boolean(value_node, key)
        return Term(line=node.start_mark.line + 1, **values)


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return {
        _STR: "a string",
        _INT: "an integer",
        _BOOL: "a boolean",
        _NULL: "empty (null)",
        "tag:yaml.org,2002:float": "a number",
        "tag:yaml.org,2002:timestamp": "a date",
    }.get(node.tag, "a scalar")
