"""TBX and CSV/TSV import and export (checker.glossary.exchange)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import GlossaryError
from checker.glossary.document import GlossaryDocument
from checker.glossary.exchange import (
    join_list,
    read_delimited,
    read_tbx,
    read_terms,
    split_list,
    write_delimited,
    write_tbx,
)
from checker.glossary.schema import Term, make_term, parse_glossary, term_fields

FIXTURES = Path(__file__).parent.parent / "fixtures" / "glossary_edit"


KYIV = make_term(("Киев", "Київ"), ("Kyiv", "Kyjiw"), ("Kiev",), ("Chicken Kiev",),
                 "Ukrainian-based spelling;\nAP style since 2019 & <later>.", True, "kyiv")


PIPES = make_term(("a|b", "c\\d"), ("x | y",), (), (), None, False, None, match_surname=False)


ZELENSKY = make_term(("Владимир Зеленский",), ("Volodymyr Zelensky",), ("Vladimir Zelensky",), (), None, False,
                     None, match_surname=True)


def fields(terms: tuple[Term, ...] | list[Term]) -> list[tuple[object, ...]]:
    return [term_fields(t) for t in terms]


def test_tbx_round_trip() -> None:
    terms = [KYIV, PIPES, ZELENSKY]
    back = read_tbx(write_tbx(terms, "ru", "en").encode(), "x.tbx")
    assert (back.source_language, back.target_language) == ("ru", "en")
    assert fields(back.terms) == fields(terms)


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_delimited_round_trip(delimiter: str) -> None:
    terms = [KYIV, PIPES, ZELENSKY]
    text = write_delimited(terms, delimiter=delimiter)
    assert text.splitlines()[0].split(delimiter) == ["source", "target", "forbidden", "exceptions", "note", "id",
                                                     "case_sensitive", "match_surname"]
    assert fields(read_delimited(text, "x", delimiter=delimiter).terms) == fields(terms)


def test_csv_escaping_of_the_list_separator() -> None:
    assert join_list(["a|b", "c\\d"]) == "a\\|b|c\\\\d"
    assert split_list("a\\|b|c\\\\d") == ("a|b", "c\\d")
    assert split_list("") == ()
    text = "source,target,note\nКиев|Київ,Kyiv,a | note\n"
    (term,) = read_delimited(text, "g.csv", delimiter=",").terms
    assert term.source == ("Киев", "Київ") and term.note == "a | note" and term.line == 2


def test_csv_errors_name_the_line() -> None:
    with pytest.raises(GlossaryError, match=r"^g.csv:1: unknown column 'sauce'"):
        read_delimited("sauce,target\n", "g.csv", delimiter=",")
    with pytest.raises(GlossaryError, match=r"^g.csv:3: case_sensitive must be true or false"):
        read_delimited("source,target,case_sensitive\na,b,true\nc,d,maybe\n", "g.csv", delimiter=",")


def test_tbx_v3_import_maps_status_and_languages() -> None:
    imported = read_tbx((FIXTURES / "v3.tbx").read_bytes(), "v3.tbx", target_language="en")
    (kyiv,) = imported.terms
    assert kyiv.source == ("Киев",) and kyiv.target == ("Kyiv",) and kyiv.forbidden == ("Kiev",)
    assert kyiv.note == "Capital of Ukraine." and kyiv.id == "kyiv"
    assert imported.warnings == ("v3.tbx:19: skipped entry: no ru term (id orphan)",)


def test_tbx_v2_import_with_doctype() -> None:
    imported = read_tbx((FIXTURES / "v2.tbx").read_bytes(), "v2.tbx")
    (t,) = imported.terms
    assert t.target == ("Oleksii Reznikov", "Oleksiy Reznikov") and t.forbidden == ("Alexei Reznikov",)
    assert t.note == "transliterated from Russian" and imported.target_language == "en"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE martif [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<martif xml:lang="ru"><text><body><termEntry><note>&lol3;</note></termEntry></body></text></martif>
"""


EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<martif xml:lang="ru"><text><body><termEntry><note>&secret;</note></termEntry></body></text></martif>
"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL])
def test_malicious_tbx_is_refused(data: bytes) -> None:
    with pytest.raises(GlossaryError, match=r"^evil.tbx: refused: the file declares XML entities") as e:
        read_tbx(data, "evil.tbx")
    assert "\n" not in str(e.value)


def test_deeply_nested_tbx_is_an_error_not_a_traceback() -> None:
    data = b'<martif xml:lang="ru">' + b"<a>" * 5000 + b"</a>" * 5000 + b"</martif>"
    with pytest.raises(GlossaryError, match=r"^x.tbx: refused: the XML is nested too deeply"):
        read_tbx(data, "x.tbx")


def test_not_tbx() -> None:
    with pytest.raises(GlossaryError, match=r"^x.tbx:1: not TBX"):
        read_tbx(b"<html/>", "x.tbx")
    with pytest.raises(GlossaryError, match=r"^x.tbx:1: not well-formed XML"):
        read_tbx(b"<martif><a></martif>", "x.tbx")


# Text a YAML/XML/CSV value can hold: no control characters (XML cannot carry most of them)
# and, in forms, no surrounding whitespace (the format's forms are trimmed).
_chars = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"), blacklist_characters="\ufeff")


_word = st.text(_chars, min_size=1, max_size=12).map(str.strip).filter(bool)


_form = st.lists(_word, min_size=1, max_size=3).map(" ".join)


@st.composite
def glossaries(draw: st.DrawFn) -> list[Term]:
    n = draw(st.integers(0, 5))
    sources = draw(st.lists(_form, min_size=n, max_size=n, unique_by=lambda s: s.casefold()))
    ids = draw(st.lists(st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True), min_size=n, max_size=n, unique=True))
    terms = []
    for i, source in enumerate(sources):
        target = draw(st.lists(_form, min_size=1, max_size=3, unique_by=str.casefold))
        folded = {t.casefold() for t in target}
        forbidden = draw(st.lists(_form.filter(lambda f: f.casefold() not in folded), max_size=2, unique_by=str.casefold))
        # an exception must contain one of the forbidden forms
        exceptions = [f"{f} {draw(_word)}" for f in forbidden[: draw(st.integers(0, len(forbidden)))]]
        # a note keeps its surrounding whitespace in every format; a leading formula character too
        note = draw(st.none() | st.text(_chars | st.sampled_from("\n '=+-@"), min_size=1, max_size=30).filter(str.strip))
        terms.append(make_term((source,), tuple(target), tuple(forbidden), tuple(exceptions), note,
                               draw(st.booleans()), ids[i] if draw(st.booleans()) else None,
                               match_surname=False))
    return terms


@settings(max_examples=60, deadline=None)
@given(glossaries())
def test_tbx_export_import_is_lossless(terms: list[Term]) -> None:
    back = read_tbx(write_tbx(terms, "ru", "en").encode(), "x.tbx")
    assert fields(back.terms) == fields(terms)


@settings(max_examples=60, deadline=None)
@given(glossaries(), st.sampled_from([",", "\t"]))
def test_delimited_export_import_is_lossless(terms: list[Term], delimiter: str) -> None:
    back = read_delimited(write_delimited(terms, delimiter=delimiter), "x", delimiter=delimiter)
    assert fields(back.terms) == fields(terms)


@settings(max_examples=40, deadline=None)
@given(glossaries())
def test_yaml_written_by_the_editor_reads_back_the_same(terms: list[Term]) -> None:
    doc = GlossaryDocument.new("g.yaml", "ru", "en")
    for t in terms:
        doc.add(t)
    assert fields(parse_glossary(doc.dump(), "g.yaml").terms) == fields(terms)


@pytest.mark.parametrize(("text", "line"), [
    ('source,target\nЯлта,"Yalta\n', 2),  # a quote left open
    ('source,target\nКиев,Kyiv\nЯлта,"Yal"ta\n', 3),  # text after a closing quote
    ('source,target\nКиев,"Kyiv\nKiev"\nЯлта,"Yalta\n', 4),  # after a record over two lines
])
def test_malformed_csv_is_an_error_naming_the_line(text: str, line: int) -> None:
    with pytest.raises(GlossaryError, match=rf"^u.csv:{line}: bad CSV: ") as e:
        read_delimited(text, "u.csv", delimiter=",")
    assert "\n" not in str(e.value)


def test_tbx_keeps_surrounding_whitespace_only_where_preserved() -> None:
    spaced = make_term(("  Ялта",), ("Yalta ",), ("Jalta",), (" Jalta beach ",), "  a note \n", False, None)
    text = write_tbx([spaced], "ru", "en")
    assert '<note xml:space="preserve">  a note \n</note>' in text
    assert "<term>Jalta</term>" in text  # no attribute where there is nothing to keep
    assert fields(read_tbx(text.encode(), "x.tbx").terms) == fields([spaced])
    # a TBX from elsewhere, pretty-printed: the layout's whitespace is not part of the values
    pretty = ('<martif xml:lang="ru"><text><body><termEntry>\n  <note>\n    Capital.\n  </note>\n'
              '  <langSet xml:lang="ru"><tig><term>\n Киев\n</term></tig></langSet>\n'
              '  <langSet xml:lang="en"><tig><term> Kyiv </term></tig></langSet>\n'
              '</termEntry></body></text></martif>')
    (t,) = read_tbx(pretty.encode(), "p.tbx").terms
    assert (t.source, t.target, t.note) == (("Киев",), ("Kyiv",), "Capital.")


@pytest.mark.parametrize("value", ["=1+1", "+7 495", "-ский", "@sum", "\tx", "'=x", "''", "'' ", "'s-Hertogenbosch",
                                   "'quoted'", "a=b", "'"])
def test_csv_formula_guard_is_lossless(value: str) -> None:
    term = make_term((value,), (value,), (), (), value, False, value)
    text = write_delimited([term], delimiter=",")
    cells = next(csv.reader(io.StringIO(text.splitlines(keepends=True)[1])))
    for cell in cells[:2]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert fields(read_delimited(text, "x.csv", delimiter=",").terms) == fields([term])


def test_a_hand_written_leading_quote_before_a_formula_character_is_removed() -> None:
    (t,) = read_delimited("source,target\n'=Ялта,'s-Hertogenbosch\n", "x.csv", delimiter=",").terms
    assert t.source == ("=Ялта",) and t.target == ("'s-Hertogenbosch",)


@pytest.mark.parametrize(("name", "data", "message"), [
    ("dupin.csv", "source,target\nЯлта,Yalta\nКиев,Kyiv\nялта|Jalta,Jalta\n",
     "dupin.csv:4: source 'ялта' is also in the entry at line 2"),
    ("dupid.csv", "source,target,id\nЯлта,Yalta,y\nКиев,Kyiv,y\n", "dupid.csv:3: id 'y' is also in the entry at line 2"),
    ("dup.tbx", ('<martif xml:lang="ru"><text><body>\n'
     '<termEntry><langSet xml:lang="ru"><tig><term>Ялта</term></tig></langSet>'
     '<langSet xml:lang="en"><tig><term>Yalta</term></tig></langSet></termEntry>\n'
     '<termEntry><langSet xml:lang="ru"><tig><term>Ялта</term></tig></langSet>'
     '<langSet xml:lang="en"><tig><term>Jalta</term></tig></langSet></termEntry>\n'
     '</body></text></martif>'), "dup.tbx:3: source 'Ялта' is also in the entry at line 2"),
])
def test_a_duplicate_inside_the_imported_file_names_its_lines(tmp_path: Path, name: str, data: str,
                                                                message: str) -> None:
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    with pytest.raises(GlossaryError) as e:
        read_terms(str(path))
    assert str(e.value).startswith(f"{tmp_path}/{message}")


@pytest.mark.parametrize(("encoding", "message"), [
    ("x-nonesuch", "x.tbx:1: unknown encoding 'x-nonesuch' in the XML declaration"),
    ("utf-32", "x.tbx:1: unsupported encoding in the XML declaration: multi-byte encodings are not supported"),
])
def test_a_tbx_declaring_an_encoding_expat_cannot_read_is_one_line(encoding: str, message: str) -> None:
    data = f'<?xml version="1.0" encoding="{encoding}"?>\n<martif xml:lang="ru"/>\n'.encode()
    with pytest.raises(GlossaryError) as e:
        read_tbx(data, "x.tbx")
    assert str(e.value) == message
