"""Glossary loading and validation (checker.glossary.schema): every refusal names file:line."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import textwrap
from pathlib import Path

import pytest

from checker.errors import GlossaryError
from checker.glossary.exchange import read_delimited, read_tbx, write_delimited, write_tbx
from checker.glossary.schema import (
    TERM_FIELDS,
    TERM_KEYS,
    FieldFormat,
    Glossary,
    Kind,
    Term,
    load_glossary,
    parse_glossary,
    term_fields,
    validate_terms,
)
from checker.glossary.transaction import edit_glossary, load_file

FIXTURES = Path(__file__).parent.parent / "fixtures" / "glossary"
REPO = Path(__file__).parent.parent.parent


def yaml_text(body: str) -> str:
    return textwrap.dedent(body).lstrip("\n")


HEADER = "version: 1\nsource_language: ru\ntarget_language: en\n"


def test_minimal_fixture_loads() -> None:
    g = load_glossary(FIXTURES / "minimal.yaml")
    assert isinstance(g, Glossary)
    assert (g.source_language, g.target_language, g.version) == ("ru", "en", 1)
    assert g.sha256 == hashlib.sha256((FIXTURES / "minimal.yaml").read_bytes()).hexdigest()
    kyiv, reznikov, zelensky = g.terms
    assert kyiv == Term(
        source=("Киев",),
        target=("Kyiv",),
        forbidden=("Kiev",),
        exceptions=("Chicken Kiev", "Kievan Rus"),
        note="Ukrainian-based spelling; AP style since 2019.",
        line=5,
    )
    assert reznikov.preferred == "Oleksii Reznikov" and reznikov.line == 10
    assert zelensky.target == ("Volodymyr Zelensky", "Volodymyr Zelenskyy")
    assert zelensky.match_surname and not kyiv.match_surname


def test_ukraine_glossary_loads_and_validates() -> None:
    g = load_glossary(REPO / "glossaries" / "ru-en" / "ukraine.yaml")
    assert (g.source_language, g.target_language) == ("ru", "en")
    assert validate_terms(g.terms, g.path) == []
    by_id = {t.id: t for t in g.terms}
    assert by_id["kyiv"].preferred == "Kyiv" and "Kiev" in by_id["kyiv"].forbidden
    assert by_id["reznikov"].preferred == "Oleksii Reznikov"
    assert by_id["ukraine"].forbidden == ("the Ukraine",)
    assert all(t.note for t in g.terms), "every entry states its basis"


def test_optional_keys_and_scalars() -> None:
    g = parse_glossary(
        HEADER
        + yaml_text(
            """
            terms:
              - id: kyiv
                source: [Киев, Київ]
                target: Kyiv
                case_sensitive: true
            """
        ),
        "g.yaml",
    )
    (t,) = g.terms
    assert t.id == "kyiv" and t.source == ("Киев", "Київ") and t.case_sensitive
    assert t.forbidden == () and t.note is None


def test_empty_term_list_is_valid() -> None:
    assert parse_glossary(HEADER + "terms: []\n", "g.yaml").terms == ()


# Each case: the file's text and the exact "file:line: message" start expected.
ERRORS = [
    pytest.param(
        HEADER + "terms:\n  - source: Киев\n    target: Kyiv\n    forbiden: [Kiev]\n",
        "g.yaml:7: unknown key 'forbiden' in a term",
        id="unknown-term-key",
    ),
    pytest.param(
        HEADER + "glossary_name: x\nterms: []\n",
        "g.yaml:4: unknown key 'glossary_name' in the glossary",
        id="unknown-top-level-key",
    ),
    pytest.param(
        "source_language: ru\ntarget_language: en\nterms: []\n",
        "g.yaml:1: missing required key 'version'",
        id="missing-version",
    ),
    pytest.param(
        "version: 1\ntarget_language: en\nterms: []\n",
        "g.yaml:1: missing required key 'source_language'",
        id="missing-source-language",
    ),
    pytest.param(
        "version: 2\nsource_language: ru\ntarget_language: en\nterms: []\n",
        "g.yaml:1: unsupported glossary version 2",
        id="unsupported-version",
    ),
    pytest.param(
        "version: '1'\nsource_language: ru\ntarget_language: en\nterms: []\n",
        "g.yaml:1: version must be an integer, not a string",
        id="version-as-string",
    ),
    pytest.param(
        "version: 1\nsource_language: Russian language\ntarget_language: en\nterms: []\n",
        "g.yaml:2: source_language 'Russian language' is not a language code",
        id="bad-language-code",
    ),
    pytest.param(
        HEADER + "terms:\n  - source: Киев\n    target: ''\n",
        "g.yaml:6: target is empty",
        id="empty-target",
    ),
    pytest.param(
        HEADER + "terms:\n  - source: Киев\n    target: []\n",
        "g.yaml:6: target is empty",
        id="empty-target-list",
    ),
    pytest.param(
        HEADER + "terms:\n  - source: Киев\n    target:\n",
        "g.yaml:6: target is empty",
        id="null-target",
    ),
    pytest.param(
        HEADER + "terms:\n  - source: Киев\n",
        "g.yaml:5: term is missing required key 'target'",
        id="missing-target",
    ),
    pytest.param(
        HEADER + "terms:\n  - source: Киев\n    target: Kyiv\n    forbidden: [kyiv]\n",
        "g.yaml:5: term 'Киев': 'kyiv' is both approved and forbidden",
        id="approved-and-forbidden",
    ),
    pytest.param(
        HEADER + "terms:\n  - source: Киев\n    target: Kyiv\n  - source: киев\n    target: Kiev\n",
        "g.yaml:7: source 'киев' is already defined at line 5 with a different target",
        id="same-source-different-target",
    ),
    pytest.param(
        HEADER + "terms:\n  - source: Киев\n    target: Kyiv\n    target: Kiev\n",
        "g.yaml:7: duplicate key 'target' in a term (first at line 6)",
        id="duplicate-key",
    ),
    pytest.param(
        HEADER + "terms:\n  - source: Киев\n    target: Kyiv\n    case_sensitive: 'yes'\n",
        "g.yaml:7: case_sensitive must be true or false, not a string",
        id="bool-as-string",
    ),
    pytest.param(
        HEADER + "terms:\n  - source: Киев\n    target: Kyiv\n    note: no\n",
        "g.yaml:7: note must be a string, not a boolean (quote it)",
        id="yaml-1.1-boolean",
    ),
    pytest.param(
        HEADER + "terms:\n  - source: {ru: Киев}\n    target: Kyiv\n",
        "g.yaml:5: source must be a string or a list of strings, not a mapping",
        id="source-mapping",
    ),
    pytest.param(
        HEADER + "terms:\n  - source: Киев\n    target: [Kyiv, [Kiev]]\n",
        "g.yaml:6: each entry of target must be a string, not a list",
        id="nested-list",
    ),
    pytest.param(
        HEADER + "terms:\n  - Киев\n",
        "g.yaml:5: a term must be a mapping, not a string",
        id="term-not-mapping",
    ),
    pytest.param(
        HEADER + "terms:\n  source: Киев\n",
        "g.yaml:5: terms must be a list of entries, not a mapping",
        id="terms-not-list",
    ),
    pytest.param(
        HEADER + "terms:\n  - source: Киев\n    target: Kyiv\n    match_surname: true\n",
        "g.yaml:5: term 'Киев': match_surname needs a multi-word source",
        id="match-surname-single-word",
    ),
    pytest.param(
        HEADER + "terms:\n  - {id: a, source: Киев, target: Kyiv}\n  - {id: a, source: Львов, target: Lviv}\n",
        "g.yaml:6: duplicate term id 'a'",
        id="duplicate-id",
    ),
    pytest.param(
        HEADER + "terms:\n  - source: Киев\n    target: [Kyiv\n",
        "g.yaml:7: invalid YAML",
        id="invalid-yaml",
    ),
    pytest.param(
        HEADER + "terms:\n  - source: Киев\n\ttarget: Kyiv\n",
        "g.yaml:6: invalid YAML",
        id="tab-indent",
    ),
    pytest.param("", "g.yaml:1: glossary is empty", id="empty-file"),
    pytest.param("- a\n- b\n", "g.yaml:1: the glossary must be a mapping, not a list", id="top-level-list"),
]


@pytest.mark.parametrize(("text", "expected"), ERRORS)
def test_glossary_errors_name_file_and_line(text: str, expected: str) -> None:
    with pytest.raises(GlossaryError) as info:
        parse_glossary(text, "g.yaml")
    assert str(info.value).startswith(expected), str(info.value)
    assert "\n" not in str(info.value)


def test_several_problems_report_the_first_and_count_the_rest() -> None:
    text = HEADER + yaml_text(
        """
        terms:
          - source: Киев
            target: Kyiv
            forbidden: [Kyiv]
          - source: Львов
            target: Lviv
            forbidden: [LVIV]
        """
    )
    expected = r"^g\.yaml:5: .*'Kyiv' is both approved and forbidden \(and 1 more problem\)$"
    with pytest.raises(GlossaryError, match=expected):
        parse_glossary(text, "g.yaml")


def test_case_sensitive_term_may_approve_and_forbid_different_cases() -> None:
    text = HEADER + "terms:\n  - {source: НАТО, target: NATO, forbidden: [Nato], case_sensitive: true}\n"
    assert parse_glossary(text, "g.yaml").terms[0].forbidden == ("Nato",)


def test_same_source_same_target_is_allowed() -> None:
    text = HEADER + "terms:\n  - {source: Киев, target: Kyiv}\n  - {source: Киев, target: Kyiv, forbidden: [Kiev]}\n"
    assert len(parse_glossary(text, "g.yaml").terms) == 2


def test_unknown_key_fixture_file() -> None:
    path = FIXTURES / "unknown_term_key.yaml"
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    assert str(info.value).startswith(f"{path}:7: unknown key 'forbiden' in a term")
    assert info.value.path == str(path) and info.value.line == 7


def test_missing_file_is_named() -> None:
    path = FIXTURES / "no-such-glossary.yaml"
    with pytest.raises(GlossaryError, match=r"no-such-glossary\.yaml: cannot read glossary"):
        load_glossary(path)


def test_undecodable_file_is_named_with_line() -> None:
    path = FIXTURES / "cp1251.yaml"
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    assert str(info.value).startswith(f"{path}:5: glossary is not UTF-8 text")


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    data = "\ufeff".encode() + (HEADER + "terms: []\n").encode()
    path.write_bytes(data)
    assert load_glossary(path).sha256 == hashlib.sha256(data).hexdigest()


# validate_terms is also used on Terms built by the editing commands, not from a file.
@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        ([Term(("Киев",), ("Kyiv",))], []),
        ([Term(("Киев",), ())], ["g.yaml: term 'Киев' has an empty target"]),
        (
            [Term(("Киев",), ("Kyiv",), forbidden=("KYIV",), line=3)],
            ["g.yaml:3: term 'Киев': 'KYIV' is both approved and forbidden"],
        ),
        ([Term(("Киев",), ("Kyiv",), forbidden=("KYIV",), case_sensitive=True)], []),
        ([Term(("Киев",), ("Kyiv",), forbidden=(" ",))], ["g.yaml: term 'Киев' has an empty entry in 'forbidden'"]),
        (
            [Term(("Киев",), ("Kyiv",), line=2), Term(("Киев",), ("Kiev",), line=9)],
            ["g.yaml:9: source 'Киев' is already defined at line 2 with a different target"],
        ),
    ],
)
def test_validate_terms(terms: list[Term], expected: list[str]) -> None:
    assert [str(e) for e in validate_terms(terms, "g.yaml")] == expected


# --------------------------------------------------------------------------- a term's fields, declared once

# Values that satisfy the format's checks; a field not named here gets a value by its kind.
VALID = {"source": ("Владимир Зеленский", "Володимир Зеленський"),  # match_surname needs a full name
         "forbidden": ("the forbidden form", "another forbidden form"),
         "exceptions": ("the forbidden form here",)}  # an exception must contain a forbidden form


def sample(spec: FieldFormat) -> object:
    if spec.name in VALID:
        return VALID[spec.name]
    if spec.kind is Kind.FORMS:
        return (f"{spec.name} form", f"other {spec.name} form")
    if spec.kind is Kind.TEXT:
        return f"{spec.name}: text"
    return True


def round_trips(term: Term, tmp_path: Path) -> dict[str, Term]:
    """``term`` after each format: YAML written by `add`, CSV, TSV, TBX export then import."""
    path = tmp_path / "g.yaml"
    path.unlink(missing_ok=True)
    edit_glossary(str(path), lambda d: d.add(term), create=("ru", "en"))
    (yaml_term,) = load_file(str(path)).terms
    back = {"yaml": yaml_term}
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        (back[fmt],) = read_delimited(write_delimited([term], delimiter=delimiter), f"g.{fmt}", delimiter=delimiter).terms
    (back["tbx"],) = read_tbx(write_tbx([term], "ru", "en").encode(), "g.tbx").terms
    return back


def test_every_field_of_a_term_is_declared_for_the_formats() -> None:
    assert [f.name for f in TERM_FIELDS] == [f.name for f in dataclasses.fields(Term) if f.name != "line"]
    assert TERM_KEYS == tuple(f.name for f in TERM_FIELDS)


@pytest.mark.parametrize("spec", TERM_FIELDS, ids=lambda f: f.name)
def test_each_field_round_trips_through_every_format(spec: FieldFormat, tmp_path: Path) -> None:
    """Adding a field to Term (with its FieldFormat) is the only change every format needs."""
    minimal = Term(("Владимир Зеленский",), ("target form",), forbidden=("the forbidden form",))
    alone = dataclasses.replace(minimal, **{spec.name: sample(spec)})
    every = dataclasses.replace(minimal, **{f.name: sample(f) for f in TERM_FIELDS})
    for term in (alone, every):
        assert getattr(term, spec.name) != spec.default() or spec.required
        for fmt, back in round_trips(term, tmp_path).items():
            assert getattr(back, spec.name) == getattr(term, spec.name), (fmt, spec.name)
            assert term_fields(back) == term_fields(term), fmt


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_a_glossary_that_is_no_regular_file_is_an_input_error(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        path = tmp_path / "g.yaml"
        os.mkfifo(path)  # opening it for reading would wait for a writer forever
        what = "a FIFO"
    else:
        path = Path(kind)  # reading it would never end
        what = "a character device"
    with pytest.raises(GlossaryError, match=rf"^{re.escape(str(path))}: cannot read glossary: {what}, not a regular file$"):
        load_glossary(path)
