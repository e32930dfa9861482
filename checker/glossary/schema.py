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

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from checker.errors import GlossaryError


@dataclass(frozen=True)
class Term:
    source: tuple[str, ...]  # alternatives, as written in the file
    target: tuple[str, ...]  # approved renderings; the first is preferred
    forbidden: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()
    note: str | None = None
    case_sensitive: bool = False
    id: str | None = None
    line: int = 0  # 1-based line of the entry in its file (0: not from a file)
    # Added after the fields above so that existing keyword construction keeps working.
    match_surname: bool = False  # a surname alone matches (see the module docstring)

    @property
    def preferred(self) -> str:
        return self.target[0]


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
TERM_KEYS = (
    "source",
    "target",
    "forbidden",
    "exceptions",
    "note",
    "case_sensitive",
    "id",
    "match_surname",
)
_REQUIRED_TERM_KEYS = ("source", "target")
_STRING_LIST_KEYS = ("source", "target", "forbidden", "exceptions")
_LANGUAGE_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


def load_glossary(path: str | os.PathLike[str]) -> Glossary:
    """Read, parse and validate a glossary file; ``sha256`` is the hash of its bytes."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as f:
            data = f.read()
    except OSError as e:
        raise GlossaryError(f"cannot read glossary: {e.strerror or e}", path=name) from e
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


def glossary_problems(text: str, path: str) -> tuple[Glossary | None, list[GlossaryError]]:
    """Every problem of one file's text, by line, and its terms where its structure is sound.

    A structural problem (invalid YAML, a wrong key or type) stops reading, so it comes alone;
    the semantic checks of ``validate_terms`` are all reported.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = ", ".join(" ".join(part.split()) for part in (e.context, e.problem) if part) or "unreadable"
        return None, [GlossaryError(f"invalid YAML: {problem}", path=path, line=line)]
    except yaml.YAMLError as e:
        return None, [GlossaryError(f"invalid YAML: {' '.join(str(e).split())}", path=path)]
    if root is None:
        return None, [GlossaryError("glossary is empty", path=path, line=1)]
    try:
        glossary = _Reader(path).glossary(root)
    except GlossaryError as e:
        return None, [e]
    glossary = replace(glossary, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    errors = sorted(validate_terms(glossary.terms, path), key=lambda e: e.line or 0)
    return glossary, errors


def validate_terms(terms: Sequence[Term], path: str) -> list[GlossaryError]:
    """The semantic checks of one file's terms, in line order; an empty list means valid.

    Checks: non-empty source and target forms; no form both approved and forbidden
    (case-insensitively unless the term is case-sensitive); ``match_surname`` only with a
    multi-word source; no source defined twice with different targets; unique ids.
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
        for field_name in ("forbidden", "exceptions"):
            if any(not f.strip() for f in getattr(term, field_name)):
                err(term, f"term {_name(term)} has an empty entry in '{field_name}'")

        fold = _folder(term.case_sensitive)
        approved = {fold(t): t for t in term.target}
        for form in term.forbidden:
            if fold(form) in approved:
                err(term, f"term {_name(term)}: {form!r} is both approved and forbidden")

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

    def __init__(self, path: str) -> None:
        self.path = path

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
        if not isinstance(terms_node, SequenceNode):
            raise self.fail(terms_node, f"terms must be a list, not {_kind(terms_node)}")
        terms = tuple(self.term(node) for node in terms_node.value)
        return Glossary(self.path, languages[0], languages[1], terms, version=version)

    def term(self, node: Node) -> Term:
        entry = self.mapping(node, "a term", TERM_KEYS)
        for key in _REQUIRED_TERM_KEYS:
            if key not in entry:
                raise self.fail(node, f"term is missing required key {key!r}")
        values: dict[str, Any] = {}
        for key, (_, value_node) in entry.items():
            if key in _STRING_LIST_KEYS:
                values[key] = self.strings(value_node, key)
                if key in _REQUIRED_TERM_KEYS and not values[key]:
                    raise self.fail(value_node, f"{key} is empty")
            elif key in ("note", "id"):
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
