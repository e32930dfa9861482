"""Glossary terms to and from TBX and CSV/TSV.

Both directions keep everything a YAML glossary entry holds, so export followed by import
gives the same terms back.

TBX (read: TBX v2 ``martif`` and TBX v3 ``tbx``; written: TBX-Basic v2)
    ``termEntry``/``conceptEntry`` → one entry; its ``id`` attribute → ``id``.
    ``langSet``/``langSec`` by ``xml:lang`` (primary subtag compared): the source language's
    terms → ``source``; the target language's terms by ``termNote type="administrativeStatus"``:
    preferred (``preferredTerm-admn-sts``, ``preferred``) then admitted (``admittedTerm-admn-sts``,
    ``admitted``, or no status) → ``target``; deprecated or superseded → ``forbidden``.
    Terms sit in ``tig``, ``ntig`` or ``termSec``.
    ``note`` and ``descrip`` (other than ours) of the entry or its language sections → ``note``
    (several joined by a newline).
    transcheck-specific fields: ``descrip type="transcheck-exception"`` (one per exception, in
    the target language section), ``descrip type="transcheck-caseSensitive"`` and
    ``descrip type="transcheck-matchSurname"`` (``true``) at the entry level.
    Text is read with its surrounding whitespace trimmed, except where ``xml:space="preserve"``
    is in effect; an exported value with leading or trailing whitespace is written with that
    attribute, so it comes back exactly.
    The XML is parsed with defusedxml: a document that declares entities or refers to external
    ones is refused, never expanded.

CSV / TSV
    A header row names the columns: ``source,target,forbidden,exceptions,note`` and optionally
    ``id``, ``case_sensitive``, ``match_surname``; any order, unknown columns are an error. List columns (source,
    target, forbidden, exceptions) separate values with ``|``; inside them a literal ``|`` is
    written ``\\|`` and a literal backslash ``\\\\``. ``note`` and ``id`` are taken verbatim.
    ``case_sensitive`` and ``match_surname`` are ``true``/``false`` (also yes/no, 1/0) or
    empty (false). Quoting follows
    the csv module (RFC 4180), for TSV too, so a value may hold tabs and newlines; it is read
    strictly: a quote left open or stray text after a closing quote is an error naming the line.
    Formula guard: a spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
    or a carriage return as a formula, so export writes such a cell with a ``'`` in front (as
    spreadsheets themselves mark text), and also a cell that starts with ``'`` followed by one
    of those characters or by another ``'``. Import removes one leading ``'`` when one of those
    characters or another ``'`` follows it, so export then import gives the value back exactly
    and a form like ``'s-Hertogenbosch`` is left alone.

Each source form and each id may appear in one entry of an imported file only: a second
entry for it is an error naming both lines.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element, ParseError
from xml.sax.saxutils import escape, quoteattr

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from checker.errors import GlossaryError
from checker.glossary.fileio import read_bytes
from checker.glossary.schema import (
    FIELD,
    TERM_FIELDS,
    FieldFormat,
    Kind,
    TbxPlace,
    Term,
    control_characters,
    form_key,
)
from checker.language.conventions import language_key

FORMATS = ("tbx", "csv", "tsv")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: descrip type → the field it carries (transcheck's own descrips)
OUR_TYPES = {f.tbx_type: f for f in TERM_FIELDS if f.tbx_type}
PREFERRED = {"preferredterm-admn-sts", "preferred"}
ADMITTED = {"admittedterm-admn-sts", "admitted", ""}
FORBIDDEN = {"deprecatedterm-admn-sts", "supersededterm-admn-sts", "deprecated", "superseded", "notrecommended"}
# Columns: the lists, then the text fields, then the flags, each in declaration order.
_KIND_RANK = {Kind.FORMS: 0, Kind.TEXT: 1, Kind.FLAG: 2}
COLUMNS = tuple(f.name for f in sorted(TERM_FIELDS, key=lambda f: _KIND_RANK[f.kind]))
REQUIRED_COLUMNS = tuple(c for c in COLUMNS if FIELD[c].required)


@dataclass(frozen=True)
class Imported:
    """Terms read from a TBX or CSV/TSV file. ``warnings`` are ``path:line: message`` lines
    for entries that were skipped (no source or no approved target)."""

    terms: tuple[Term, ...]
    source_language: str | None = None
    target_language: str | None = None
    warnings: tuple[str, ...] = ()


def format_of(path: str) -> str:
    """``tbx``, ``csv`` or ``tsv`` from the file name's extension."""
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    if ext in FORMATS:
        return ext
    raise GlossaryError(f"unknown format {('.' + ext) if ext else '(no extension)'}: expected .tbx, .csv or .tsv",
                        path=path)


def read_terms(path: str, *, source_language: str | None = None, target_language: str | None = None) -> Imported:
    """Read a TBX, CSV or TSV file (format from its extension)."""
    fmt = format_of(path)
    data = read_bytes(path)
    if fmt == "tbx":
        imported = read_tbx(data, path, source_language=source_language, target_language=target_language)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise GlossaryError(f"not UTF-8 (byte {e.start})", path=path) from None
        imported = read_delimited(text, path, delimiter="\t" if fmt == "tsv" else ",")
    check_unique(imported.terms, path)
    for t in imported.terms:
        for spec, char in control_characters(t):
            raise GlossaryError(f"{spec.name} holds the control character U+{ord(char):04X}, which a glossary "
                                "cannot hold", path=path, line=t.line or None)
    return imported


def check_unique(terms: Sequence[Term], path: str) -> None:
    """Refuse a second entry for a source form (case- and NFC-insensitive) or an id: importing
    both would merge one into the other, or conflict, with no line of ``path`` to point at."""
    seen: dict[tuple[str, str], Term] = {}
    for t in terms:
        keys = [("source", form_key(s)) for s in t.source] + ([("id", t.id)] if t.id is not None else [])
        for kind, key in keys:
            first = seen.get((kind, key))
            if first is not None and first is not t:
                shown = t.id if kind == "id" else next(s for s in t.source if form_key(s) == key)
                at = f"line {first.line}" if first.line else "an earlier entry"
                raise GlossaryError(f"{kind} {shown!r} is also in the entry at {at}: one entry per {kind}",
                                    path=path, line=t.line or None)
            seen.setdefault((kind, key), t)


def write_terms(fmt: str, terms: Sequence[Term], source_language: str, target_language: str) -> str:
    if fmt == "tbx":
        return write_tbx(terms, source_language, target_language)
    if fmt in ("csv", "tsv"):
        return write_delimited(terms, delimiter="\t" if fmt == "tsv" else ",")
    raise GlossaryError(f"unknown format {fmt!r}: expected tbx, csv or tsv")


# --------------------------------------------------------------------------- TBX


class _LineParser(DefusedXMLParser):
    """defusedxml's parser, recording each element's line as ``elem.sourceline``."""

    # _start is ElementTree's private hook for an opening tag; the stubs do not declare it.
    def _start(self, tag: str, attrs: Any) -> Element:
        elem: Element = super()._start(tag, attrs)  # type: ignore[misc]
        elem.sourceline = self.parser.CurrentLineNumber  # type: ignore[attr-defined]
        return elem


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _lang_matches(lang: str | None, want: str) -> bool:
    return lang is not None and language_key(lang) == language_key(want)


def _text(elem: Element) -> str:
    text = "".join(elem.itertext())
    return text if getattr(elem, "preserve_space", False) else text.strip()


def _mark_space(root: Element) -> None:
    """Record on each element whether ``xml:space="preserve"`` is in effect (it is inherited)."""
    stack = [(root, False)]  # not recursive: a deeply nested document must not exhaust the stack
    while stack:
        elem, inherited = stack.pop()
        space = elem.get(XML_SPACE)
        preserve = space == "preserve" if space in ("preserve", "default") else inherited
        elem.preserve_space = preserve  # type: ignore[attr-defined]
        stack.extend((child, preserve) for child in elem)


def _line(elem: Element) -> int:
    return int(getattr(elem, "sourceline", 0))


def parse_xml(data: bytes, path: str) -> Element:
    """Parse XML safely: entity declarations, external entities and DTD-fetching are refused."""
    parser = _LineParser(forbid_dtd=False, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(data)
        root: Element = parser.close()
    except DefusedXmlException as e:
        kind = type(e).__name__
        what = {"EntitiesForbidden": "declares XML entities", "ExternalReferenceForbidden": "refers to an external entity",
                "DTDForbidden": "has a DTD"}.get(kind, "uses a forbidden XML feature")
        raise GlossaryError(f"refused: the file {what} (not expanded)", path=path) from None
    except ParseError as e:
        line = e.position[0] if getattr(e, "position", None) else None
        msg = str(e).split(":")[0]
        raise GlossaryError(f"not well-formed XML: {msg}", path=path, line=line) from None
    except LookupError as e:  # expat: an encoding that Python does not know
        name = str(e).rsplit(":", 1)[-1].strip()
        raise GlossaryError(f"unknown encoding {name!r} in the XML declaration", path=path, line=1) from None
    except ValueError as e:  # expat: one it knows but cannot read ("multi-byte encodings are not supported")
        raise GlossaryError(f"unsupported encoding in the XML declaration: {e}", path=path, line=1) from None
    return root


def read_tbx(data: bytes, path: str, *, source_language: str | None = None,
             target_language: str | None = None) -> Imported:
    """Terms from TBX bytes.

    The source language defaults to the root's ``xml:lang`` (TBX requires it); the target
    language to the one other language found, when there is exactly one."""
    root = parse_xml(data, path)
    _mark_space(root)
    try:
        return _read_tbx(root, path, source_language, target_language)
    except RecursionError:  # ElementTree walks the tree recursively
        raise GlossaryError("refused: the XML is nested too deeply", path=path) from None


def _read_tbx(root: Element, path: str, source_language: str | None, target_language: str | None) -> Imported:
    if _local(root.tag) not in ("martif", "tbx"):
        raise GlossaryError(f"not TBX: the root element is <{_local(root.tag)}>, expected <martif> or <tbx>",
                            path=path, line=_line(root))
    entries = [e for e in root.iter() if _local(e.tag) in ("termEntry", "conceptEntry")]
    src = source_language or root.get(XML_LANG)
    if not src:
        raise GlossaryError("no source language: the root has no xml:lang; pass it explicitly", path=path, line=1)
    tgt = target_language
    if tgt is None:
        others = sorted({language_key(ls.get(XML_LANG) or "") for e in entries for ls in e
                         if _local(ls.tag) in ("langSet", "langSec")} - {language_key(src), ""})
        if len(others) > 1 or (not others and entries):
            raise GlossaryError(f"cannot tell the target language ({', '.join(others) or 'none found'}); "
                                "pass it explicitly", path=path, line=1)
        tgt = others[0] if others else None
    terms: list[Term] = []
    warnings: list[str] = []
    for entry in entries:
        assert tgt is not None  # there are entries, so a target language was found
        term = _tbx_entry(entry, src, tgt, _line(entry))
        if isinstance(term, str):
            warnings.append(f"{path}:{_line(entry)}: skipped entry: {term}")
        else:
            terms.append(term)
    return Imported(tuple(terms), src, tgt, tuple(warnings))


def _tbx_entry(entry: Element, src: str, tgt: str, line: int) -> Term | str:
    forms: dict[TbxPlace, list[str]] = {TbxPlace.SOURCE_TERMS: [], TbxPlace.TARGET_TERMS: [],
                                        TbxPlace.FORBIDDEN_TERMS: []}
    preferred: list[str] = []
    notes: list[str] = []
    ours: dict[str, Any] = {}  # field name → value, from transcheck's own descrips

    def descriptive(elem: Element) -> None:
        name, kind = _local(elem.tag), elem.get("type", "")
        spec = OUR_TYPES.get(kind) if name == "descrip" else None
        if spec is not None:
            if spec.kind is Kind.FLAG:
                ours[spec.name] = _text(elem).lower() in ("true", "yes", "1")
            elif spec.kind is Kind.FORMS:
                ours.setdefault(spec.name, []).append(_text(elem))
            else:
                ours[spec.name] = _text(elem)
        elif name in ("note", "descrip") and _text(elem):
            notes.append(_text(elem))
        elif name == "descripGrp":
            for child in elem:
                descriptive(child)

    for child in entry:
        name = _local(child.tag)
        if name not in ("langSet", "langSec"):
            descriptive(child)
            continue
        lang = child.get(XML_LANG)
        is_source, is_target = _lang_matches(lang, src), _lang_matches(lang, tgt)
        if not (is_source or is_target):
            continue
        for part in child:
            pname = _local(part.tag)
            if pname not in ("tig", "ntig", "termSec"):
                descriptive(part)
                continue
            term_el = next((e for e in part.iter() if _local(e.tag) == "term"), None)
            if term_el is None or not _text(term_el):
                continue
            form = _text(term_el)
            status = ""
            for e in part.iter():
                if _local(e.tag) == "termNote" and e.get("type") == "administrativeStatus":
                    status = _text(e).lower()
                elif _local(e.tag) in ("note", "descrip") or _local(e.tag) == "descripGrp":
                    if e.get("type") not in OUR_TYPES and _local(e.tag) != "descripGrp" and _text(e):
                        notes.append(_text(e))
            if is_source:
                forms[TbxPlace.SOURCE_TERMS].append(form)
            elif status in PREFERRED:
                preferred.append(form)
            elif status in FORBIDDEN:
                forms[TbxPlace.FORBIDDEN_TERMS].append(form)
            else:
                forms[TbxPlace.TARGET_TERMS].append(form)
    forms[TbxPlace.TARGET_TERMS][:0] = preferred  # preferred first, then admitted
    ident = entry.get("id") or entry.get("{http://www.w3.org/XML/1998/namespace}id")
    fixed: dict[TbxPlace, Any] = {TbxPlace.ENTRY_ID: ident or None,
                                  TbxPlace.ENTRY_NOTE: "\n".join(notes) if notes else None}
    values: dict[str, Any] = {}
    for f in TERM_FIELDS:
        if f.name in ours:
            value = ours[f.name]
        elif f.tbx in fixed:
            value = fixed[f.tbx]
        elif f.tbx in forms:
            value = forms[f.tbx]
        else:
            value = f.default()
        values[f.name] = tuple(value) if f.kind is Kind.FORMS else value
    if not values["source"]:
        return f"no {src} term" + (f" (id {ident})" if ident else "")
    if not values["target"]:
        return f"no approved {tgt} term for {values['source'][0]!r}"
    return Term(line=line, **values)


def write_tbx(terms: Iterable[Term], source_language: str, target_language: str) -> str:
    """TBX-Basic (TBX v2, ``martif``) text for ``terms``."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<martif type="TBX-Basic" xml:lang={quoteattr(source_language)}>\n',
        "  <martifHeader>\n    <fileDesc>\n      <sourceDesc><p>exported by transcheck</p></sourceDesc>\n"
        "    </fileDesc>\n  </martifHeader>\n",
        "  <text>\n    <body>\n",
    ]

    def tig(form: str, status: str | None, indent: str) -> str:
        note = (f'\n{indent}  <termNote type="administrativeStatus">{status}</termNote>' if status else "")
        return f"{indent}<tig>\n{indent}  <term{_space(form)}>{_x(form)}</term>{note}\n{indent}</tig>\n"

    def descrips(f: FieldFormat, value: Any, indent: str) -> list[str]:
        if f.kind is Kind.FLAG:
            values = ["true"] if value else []
        elif f.kind is Kind.TEXT:
            values = [] if value is None else [value]
        else:
            values = list(value)
        return [f'{indent}<descrip type="{f.tbx_type}"{_space(v)}>{_x(v)}</descrip>\n' for v in values]

    for t in terms:
        ident = f" id={quoteattr(t.id)}" if t.id is not None else ""
        out.append(f"      <termEntry{ident}>\n")
        for f in TERM_FIELDS:
            value = getattr(t, f.name)
            if f.tbx is TbxPlace.ENTRY_NOTE and value is not None:
                out.append(f"        <note{_space(value)}>{_x(value)}</note>\n")
            elif f.tbx is TbxPlace.ENTRY_DESCRIP:
                out.extend(descrips(f, value, "        "))
        out.append(f"        <langSet xml:lang={quoteattr(source_language)}>\n")
        out.extend(tig(s, None, "          ") for s in t.source)
        out.append("        </langSet>\n")
        out.append(f"        <langSet xml:lang={quoteattr(target_language)}>\n")
        for f in TERM_FIELDS:
            if f.tbx is TbxPlace.TARGET_DESCRIP:
                out.extend(descrips(f, getattr(t, f.name), "          "))
        for i, form in enumerate(t.target):
            out.append(tig(form, "preferredTerm-admn-sts" if i == 0 else "admittedTerm-admn-sts", "          "))
        out.extend(tig(f, "deprecatedTerm-admn-sts", "          ") for f in t.forbidden)
        out.append("        </langSet>\n      </termEntry>\n")
    out.append("    </body>\n  </text>\n</martif>\n")
    return "".join(out)


def _space(text: str) -> str:
    """The attribute that keeps ``text``'s leading and trailing whitespace, when it has any."""
    return ' xml:space="preserve"' if text != text.strip() else ""


def _x(text: str) -> str:
    # \r would come back as \n (XML end-of-line handling): keep it as a character reference.
    return escape(text).replace("\r", "&#13;")


# --------------------------------------------------------------------------- CSV / TSV


def join_list(values: Sequence[str]) -> str:
    return "|".join(v.replace("\\", "\\\\").replace("|", "\\|") for v in values)


def split_list(cell: str) -> tuple[str, ...]:
    """``a|b\\|c`` → ("a", "b|c"). Empty cell → (). A backslash escapes the next character."""
    if not cell:
        return ()
    values, cur, i = [], [], 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell):
            cur.append(cell[i + 1])
            i += 2
            continue
        if ch == "|":
            values.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    values.append("".join(cur))
    return tuple(values)


# A cell starting with one of these is a formula to a spreadsheet (OWASP's "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guard_formula(cell: str) -> str:
    """``cell`` as exported: a ``'`` in front when a spreadsheet would run it as a formula, or
    when import would otherwise take its own leading ``'`` for that mark."""
    if cell.startswith(FORMULA_START) or (cell.startswith("'") and cell[1:].startswith(FORMULA_START + ("'",))):
        return "'" + cell
    return cell


def unguard_formula(cell: str) -> str:
    """The inverse of ``guard_formula``: one leading ``'`` goes when a formula character or
    another ``'`` follows it."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_START + ("'",)):
        return cell[1:]
    return cell


_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0", ""}


def read_delimited(text: str, path: str, *, delimiter: str) -> Imported:
    # strict: an unclosed quote is an error, not a value running to the end of the file
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise GlossaryError("empty file: expected a header row (source, target, …)", path=path, line=1) from None
    except csv.Error as e:
        raise GlossaryError(f"bad CSV: {e}", path=path, line=1) from None
    names = [h.strip().lower() for h in header]
    unknown = [h for h in names if h not in COLUMNS]
    if unknown:
        raise GlossaryError(f"unknown column {unknown[0]!r}: expected {', '.join(COLUMNS)}", path=path, line=1)
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise GlossaryError(f"missing column {missing[0]!r} in the header row", path=path, line=1)
    dupes = {h for h in names if names.count(h) > 1}
    if dupes:
        raise GlossaryError(f"column {sorted(dupes)[0]!r} appears twice", path=path, line=1)
    terms: list[Term] = []
    warnings: list[str] = []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            raise GlossaryError(f"bad CSV: {e}", path=path, line=line) from None
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(names):
            raise GlossaryError(f"{len(row)} fields, but the header names {len(names)}", path=path, line=line)
        cells = dict(zip(names, [unguard_formula(c) for c in row] + [""] * (len(names) - len(row))))
        values: dict[str, Any] = {}
        for f in TERM_FIELDS:
            cell = cells.get(f.name, "")
            if f.kind is Kind.FLAG:
                flag = cell.strip().lower()
                if flag not in _TRUE | _FALSE:
                    raise GlossaryError(f"{f.name} must be true or false, not {flag!r}", path=path, line=line)
                values[f.name] = flag in _TRUE
            elif f.kind is Kind.FORMS:
                values[f.name] = split_list(cell)
            else:
                values[f.name] = cell or None
        empty = next((c for c in REQUIRED_COLUMNS if not values[c]), None)
        if empty:
            warnings.append(f"{path}:{line}: skipped row: no {empty}")
            continue
        terms.append(Term(line=line, **values))
    return Imported(tuple(terms), warnings=tuple(warnings))


def write_delimited(terms: Iterable[Term], *, delimiter: str) -> str:
    """CSV (``delimiter=","``) or TSV text: a header row, then one row per term, each cell
    guarded against formula injection (``guard_formula``).

    ``id`` and ``case_sensitive`` columns are written only when some term uses them."""
    terms = list(terms)
    columns = [c for c in COLUMNS
               if FIELD[c].always_column or any(getattr(t, c) != FIELD[c].default() for t in terms)]
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for t in terms:
        writer.writerow([guard_formula(_cell(FIELD[c], getattr(t, c))) for c in columns])
    return buf.getvalue()


def _cell(f: FieldFormat, value: Any) -> str:
    if f.kind is Kind.FORMS:
        return join_list(value)
    if f.kind is Kind.FLAG:
        return "true" if value else "false"
    return value or ""
