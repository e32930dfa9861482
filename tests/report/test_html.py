"""The review page as HTML: what it escapes, what its CSP allows, and what it shows where.

The page is parsed with the standard library's HTML parser, as a browser tokenises it: a
payload that survived escaping would show up here as an element or an attribute.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from typing import Any
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.config import Settings
from checker.glossary.schema import load_glossary
from checker.model import (
    Alignment,
    Document,
    Finding,
    FrozenMap,
    Location,
    PairResult,
    Report,
    RunReport,
    Segment,
    Severity,
    Signature,
    Span,
)
from checker.model import SimilarityScale
from checker.pipeline import check, load_pair
from checker.report import html
from checker.report.common import local_range, single
from checker.rules import RULES
from tests.conftest import REPO, SEED, UKRAINE

PAYLOADS = (
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "</textarea><svg onload=alert(1)>",
    "</script><script>alert(2)</script>",
    "<!-- <style>body{display:none}</style>",
    "\u2028&amp;&lt;b&gt;",
)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list["Element"] = field(default_factory=list)
    parent: "Element | None" = None

    nodes: list["str | Element"] = field(default_factory=list)  # text and children, in order

    def all_text(self) -> str:
        return "".join(n if isinstance(n, str) else n.all_text() for n in self.nodes)

    def iter(self):
        yield self
        for c in self.children:
            yield from c.iter()

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def ids(self) -> set[str]:
        return set(self.attrs.get("data-f", "").split())


_VOID = {"meta", "link", "input", "br", "img", "hr", "rect", "source", "wbr", "area", "col", "embed"}


class Tree(HTMLParser):
    """A DOM good enough for assertions: elements, attributes, text, nesting."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(el)
        self.stack[-1].nodes.append(el)
        if tag not in _VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(el)
        self.stack[-1].nodes.append(el)

    def handle_endtag(self, tag: str) -> None:
        for k in range(len(self.stack) - 1, 0, -1):
            if self.stack[k].tag == tag:
                del self.stack[k:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].nodes.append(data)

    def elements(self, tag: str | None = None) -> list[Element]:
        return [e for e in self.root.iter() if e.tag != "#root" and (tag is None or e.tag == tag)]

    def by_id(self, id_: str) -> Element:
        (el,) = [e for e in self.elements() if e.attrs.get("id") == id_]
        return el

    def with_finding(self, fid: str) -> list[Element]:
        return [e for e in self.elements() if fid in e.ids()]


def closest(el: Element, cls: str) -> Element | None:
    node: Element | None = el
    while node is not None and cls not in node.classes():
        node = node.parent
    return node


def page_data(tree: Tree) -> dict:
    return json.loads(tree.by_id("tc-data").all_text())


# --- a hand-made report: exact control over segments, spans and findings ---------------------


def doc(path: str, language: str, sentences: list[str]) -> Document:
    text = " ".join(sentences)
    segments, pos = [], 0
    for k, s in enumerate(sentences):
        segments.append(Segment(k, s, Span(pos, pos + len(s)), block=k))
        pos += len(s) + 1
    return Document(path, language, text, tuple(segments))


def span_of(d: Document, needle: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = d.text.index(needle, start + 1)
    return Span(start, start + len(needle))


def hostile_report() -> Report:
    src = doc("ru.txt", "ru", [f"Киев {p} раз." for p in PAYLOADS] + ["Лишнее предложение."])
    tgt = doc("en <b>.txt", "en", [f"Kiev {p} once." for p in PAYLOADS] + ["An added line </script>."])
    n = len(PAYLOADS)
    alignments = tuple(Alignment((i,), (i,), 0.8) for i in range(n)) + (
        Alignment((n,), (), None),
        Alignment((), (n,), None),
    )
    findings = []
    for i, p in enumerate(PAYLOADS):
        findings.append(
            Finding(
                "term-forbidden", "TC102", Severity.ERROR, f'"Kiev" {p} is forbidden',
                source=Location((i,), span_of(src, "Киев", i)),
                target=Location((i,), span_of(tgt, "Kiev", i)),
                suggestion=f"Kyiv {p}",
            )
        )
    findings.append(
        Finding("addition", "TC502", Severity.WARNING, "An added line </script>.",
                target=Location((n,), tgt.segments[n].span))
    )
    findings.append(
        Finding("omission", "TC501", Severity.ERROR, "Лишнее предложение. has no translation",
                source=Location((n,), src.segments[n].span),
                target=Location((), Span(tgt.segments[n - 1].span.end, tgt.segments[n - 1].span.end)))
    )
    return Report(src, tgt, alignments, tuple(findings), plain_signature(encoder="<i>enc</i>"))


def plain_signature(**fields: Any) -> Signature:
    base = Signature(transcheck="0.1.0", encoder="use", encoder_version=None, segmented=False, align=FrozenMap())
    return replace(base, **fields)


@pytest.fixture(scope="module")
def hostile() -> tuple[Report, str, Tree]:
    report = hostile_report()
    page = html.render_check(report)
    return report, page, Tree(page)


def test_article_text_never_becomes_markup(hostile):
    _, page, tree = hostile
    tags = {e.tag for e in tree.elements()}
    assert not tags & {"img", "iframe", "object", "embed", "textarea", "form", "base", "frame"}
    assert len(tree.elements("svg")) == 1  # the overview strip, not the payload's
    assert len(tree.elements("script")) == 2  # the JSON data block and the page's own script
    assert len(tree.elements("style")) == 1
    for e in tree.elements():
        assert not any(k.startswith("on") for k in e.attrs), e
        assert "style" not in e.attrs, e  # the CSP would refuse it anyway
        for k in ("href", "src", "action", "xlink:href"):
            value = e.attrs.get(k)
            assert value is None or value.startswith("#") or value == "data:,", (e.tag, k, value)
    # ... and is shown as the text it is, in its row.
    cells = " ".join(e.all_text() for e in tree.elements() if "c" in e.classes())
    for p in PAYLOADS:
        assert p in cells
    assert "en <b>.txt" in tree.by_id("p0").attrs["aria-label"]


def test_the_data_block_cannot_be_closed_by_its_content(hostile):
    report, page, tree = hostile
    block = page.split('<script type="application/json" id="tc-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block and "\u2028" not in block
    data = json.loads(block)
    assert [f["message"] for f in data["findings"]][: len(PAYLOADS)] == [f.message for f in report.findings[: len(PAYLOADS)]]
    assert data["findings"][0]["suggestion"] == f"Kyiv {PAYLOADS[0]}"


def test_csp_allows_only_the_pages_own_script_and_style(hostile):
    _, page, tree = hostile
    (meta,) = [m for m in tree.elements("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    # The policy must come before anything it governs.
    assert page.index("Content-Security-Policy") < page.index("<style>") < page.index("<script")
    policy = dict(
        (d.split()[0], d.split()[1:]) for d in (part.strip() for part in meta.attrs["content"].split(";")) if d
    )
    assert policy["default-src"] == ["'none'"]
    assert policy["connect-src"] == ["'none'"]
    assert policy["img-src"] == ["data:"]
    assert policy["base-uri"] == ["'none'"] and policy["form-action"] == ["'none'"]
    assert "'unsafe-inline'" not in meta.attrs["content"] and "'unsafe-eval'" not in meta.attrs["content"]

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    (style,) = re.findall(r"<style>(.*?)</style>", page, re.S)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 1
    assert policy["style-src"] == [digest(style)]
    assert policy["script-src"] == [digest(scripts[0])]


def test_no_reference_leaves_the_page(hostile):
    _, page, _ = hostile
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    css = re.sub(r"/\*.*?\*/", "", html.stylesheet().text, flags=re.S)  # comments may name them
    assert "url(" not in css and "@import" not in css
    js = re.sub(r"/\*.*?\*/|//[^\n]*", "", html.script().text, flags=re.S)
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function(", "fetch(", "XMLHttpRequest"):
        assert sink not in js


def test_every_finding_is_marked_in_both_columns(hostile):
    report, _, tree = hostile
    data = page_data(tree)
    for f, d in zip(report.findings[: len(PAYLOADS)], data["findings"]):
        marks = [e for e in tree.with_finding(d["id"]) if e.tag == "mark"]
        assert sorted(m.all_text() for m in marks) == ["Kiev", "Киев"]
        for m in marks:
            assert closest(m, "r").attrs["id"] == d["row"]
            assert "e" in m.classes()
        item = tree.by_id(f"fi-{d['id']}")
        assert f.message in item.all_text() and f"Kyiv {PAYLOADS[0]}"[:4] in item.all_text()
        assert any(a.attrs.get("href") == "#rule-TC102" for a in item.iter())


def test_omissions_and_additions_are_rows_with_one_empty_side(hostile):
    report, _, tree = hostile
    rows = [e for e in tree.elements("div") if "r" in e.classes()]
    assert len(rows) == len(report.alignments)
    omitted, added = rows[-2], rows[-1]
    assert "om" in omitted.classes() and "ad" in added.classes()
    tcell = [c for c in omitted.children if "t" in c.classes()][0]
    assert [p.attrs.get("data-l") for p in tcell.children] == [None]  # a placeholder, no sentence
    data = page_data(tree)
    addition = next(d for d in data["findings"] if d["code"] == "TC502")
    omission = next(d for d in data["findings"] if d["code"] == "TC501")
    assert addition["row"] == added.attrs["id"] and omission["row"] == omitted.attrs["id"]
    # A finding about a whole sentence flags the sentence rather than a span of it.
    (flagged,) = [e for e in tree.with_finding(addition["id"]) if e.tag == "p"]
    assert "fl" in flagged.classes() and "w" in flagged.classes()


def test_overlapping_findings_share_the_overlap():
    src = doc("ru.txt", "ru", ["Министр Алексей Резников отказался."])
    tgt = doc("en.txt", "en", ["Minister Alexei Reznikov refused."])
    findings = (
        Finding("term-forbidden", "TC102", Severity.ERROR, "forbidden",
                target=Location((0,), span_of(tgt, "Alexei Reznikov"))),
        Finding("name-inconsistent", "TC201", Severity.WARNING, "inconsistent",
                target=Location((0,), span_of(tgt, "Alexei"))),
    )
    tree = Tree(html.render_check(Report(src, tgt, (Alignment((0,), (0,), 0.9),), findings)))
    marks = [(m.all_text(), m.ids(), m.classes()) for m in tree.elements("mark")]
    assert marks == [("Alexei", {"f1", "f2"}, {"e"}), (" Reznikov", {"f1"}, {"e"})]
    row = tree.by_id("p0r0")
    assert row.all_text().count("Minister") == 1 and "refused." in row.all_text()


def test_spans_map_through_markdown_offsets():
    # "**Харькова**" in the file is "Харькова" in the segment: the span is in file offsets.
    original = "Власти **Харькова** объявили."
    seg_text = "Власти Харькова объявили."
    offsets = tuple(list(range(0, 7)) + list(range(9, 17)) + list(range(19, 29)))
    assert len(offsets) == len(seg_text)
    src = Document("ru.md", "ru", original, (Segment(0, seg_text, Span(0, len(original)), offsets=offsets),), "markdown")
    tgt = doc("en.txt", "en", ["Kharkov authorities announced."])
    f = Finding("term-forbidden", "TC102", Severity.ERROR, "Kharkov",
                source=Location((0,), Span(9, 17)), target=Location((0,), span_of(tgt, "Kharkov")))
    tree = Tree(html.render_check(Report(src, tgt, (Alignment((0,), (0,), 0.9),), (f,))))
    assert sorted(m.all_text() for m in tree.elements("mark")) == ["Kharkov", "Харькова"]


def test_weak_pairs_follow_tc504s_recorded_thresholds():
    long_ru = "Москва категорически отрицает все обвинения в агрессивных планах."
    long_en = "The weather in Moscow was sunny and warm during the whole week."
    src, tgt = doc("ru.txt", "ru", [long_ru, "Да."]), doc("en.txt", "en", [long_en, "No."])
    alignments = (Alignment((0,), (0,), 0.2), Alignment((1,), (1,), 0.1))
    # USE's usual spread: unrelated pairs about 0.15, translations about 0.7, so 0.2 is
    # 0.09 of the way: weak against TC504's 0.25.
    scale = SimilarityScale(base=0.15, top=0.7, signal=3.0)
    tree = Tree(html.render_alignment(src, tgt, alignments, plain_signature(), scale))
    assert "wk" in tree.by_id("p0r0").classes()
    assert "wk" not in tree.by_id("p0r1").classes()  # too short for its similarity to mean anything
    strict = plain_signature(rules=("TC504",), thresholds=FrozenMap({"TC504": FrozenMap({"similarity": 0.05, "min_chars": 40})}))
    assert "wk" not in Tree(html.render_alignment(src, tgt, alignments, strict, scale)).by_id("p0r0").classes()
    # The same cosine in a document whose unrelated pairs score 0.1 and translations 0.3
    # (an encoder that squeezes its cosines) is half way to a typical match: not weak.
    squeezed = SimilarityScale(base=0.1, top=0.3, signal=3.0)
    assert "wk" not in Tree(html.render_alignment(src, tgt, alignments, plain_signature(), squeezed)).by_id("p0r0").classes()
    # Where the encoder does not read the pair, a low cosine says nothing.
    unread = plain_signature(encoder_reads_pair=False)
    assert "wk" not in Tree(html.render_alignment(src, tgt, alignments, unread, scale)).by_id("p0r0").classes()
    # The similarity is shown, small, in the row's gutter (drawn from the attribute by CSS).
    assert tree.by_id("p0r0").attrs["data-s"] == "0.20"
    assert 'content: attr(data-s)' in html.stylesheet().text


def test_the_alignment_viewer_has_no_findings_parts():
    src, tgt = doc("ru.txt", "ru", ["Один.", "Два."]), doc("en.txt", "en", ["One."])
    tree = Tree(html.render_alignment(src, tgt, (Alignment((0,), (0,), 0.9), Alignment((1,), (), None)), plain_signature()))
    assert tree.root.children[0].attrs.get("data-mode") == "align" or page_data(tree)["mode"] == "align"
    assert not [e for e in tree.elements() if e.attrs.get("id") in ("list", "rules")]
    assert not [e for e in tree.elements("input") if "data-sev" in e.attrs]
    assert page_data(tree)["findings"] == []
    assert "om" in tree.by_id("p0r1").classes()


def test_every_rule_is_documented_in_the_page(hostile):
    _, _, tree = hostile
    for rule in RULES:
        article = tree.by_id(f"rule-{rule.code}")
        text = article.all_text()
        assert rule.slug in text and rule.summary in text
        # The docstring's Markdown is rendered: its headings are headings, not "## ..." text.
        assert "##" not in text
    assert "What it does" in tree.by_id("rule-TC102").all_text()


def test_the_overview_strip_has_a_tick_per_finding(hostile):
    report, _, tree = hostile
    ticks = [e for e in tree.elements("rect") if "t" in e.classes()]
    data = page_data(tree)
    assert sorted(t.attrs["data-f"] for t in ticks) == sorted(d["id"] for d in data["findings"])
    bands = [e for e in tree.elements("rect") if e.classes() & {"om", "ad"}]
    assert len(bands) == 2
    xs = [float(t.attrs["x"]) for t in ticks]
    assert all(0 <= x <= 1000 for x in xs)
    positions = data["pairs"][0]["positions"]
    assert positions == sorted(positions) and len(positions) == len(report.alignments)


# --- the real seed pair, and a run over two real pairs ---------------------------------------


def real_report(source: Path, target: Path) -> Report:
    settings = Settings()
    glossaries = [load_glossary(UKRAINE)]
    src, tgt = load_pair(source, target, settings, glossaries)
    return check(src, tgt, settings=settings, glossaries=glossaries)


@pytest.fixture(scope="module")
def seed_report(use_encoder) -> Report:
    return real_report(SEED / "ru.txt", SEED / "en.txt")


@pytest.fixture(scope="module")
def markdown_report(use_encoder) -> Report:
    golden = REPO / "tests" / "golden" / "markdown-errors"
    return real_report(golden / "source.md", golden / "target.md")


def expected_places(report: Report) -> list[tuple[str, str, int, tuple[tuple[int, str], ...]]]:
    """(code, message, row, what is highlighted in which row) for each finding, worked out from
    the report: its row is the bead of its first target sentence (else of its first source
    sentence); what is highlighted is, in the bead of each of its sentences, the part of the
    sentence its span covers, or the whole sentence (two added sentences are two beads)."""
    bead_of = [{i: k for k, a in enumerate(report.alignments) for i in getattr(a, side)} for side in ("source", "target")]
    out = []
    for f in report.findings:
        row = None
        for loc, beads in ((f.target, bead_of[1]), (f.source, bead_of[0])):
            if row is None and loc is not None and loc.segments:
                row = beads[loc.segments[0]]
        shown = []
        for d, loc, beads in ((report.source, f.source, bead_of[0]), (report.target, f.target, bead_of[1])):
            for i in loc.segments if loc is not None else ():
                seg = d.segments[i]
                rng = local_range(seg, loc.span) if loc.span is not None else (0, len(seg.text))
                if rng is not None and rng[0] < rng[1]:
                    shown.append((beads[i], seg.text if rng == (0, len(seg.text)) else seg.text[rng[0] : rng[1]]))
        assert row is not None, f
        out.append((f.code, f.message, row, tuple(sorted(shown))))
    return out


def row_number(row_id: str) -> int:
    return int(row_id.split("r")[1])


def assert_findings_in_place(report: Report, tree: Tree, pair: str) -> None:
    """Each finding of the pair is drawn in the row it belongs to, over exactly its text."""
    shown = []
    for d in page_data(tree)["findings"]:
        if d["pair"] != pair:
            continue
        els = [e for e in tree.with_finding(d["id"]) if e.tag in ("mark", "p")]
        assert els, d
        assert d["id"] in tree.by_id(d["row"]).ids()  # the row knows the findings it holds
        # The parts drawn in one sentence join up into the flagged text (overlaps split them).
        pieces: dict[int, tuple[int, str]] = {}
        for e in els:
            row = row_number(closest(e, "r").attrs["id"])
            pieces[id(e.parent)] = (row, pieces.get(id(e.parent), (row, ""))[1] + e.all_text())
        shown.append((d["code"], d["message"], row_number(d["row"]), tuple(sorted(pieces.values()))))
    assert sorted(shown) == sorted(expected_places(report))


def test_the_seed_page_shows_every_finding_in_place(seed_report):
    tree = Tree(html.render_check(seed_report))
    assert_findings_in_place(seed_report, tree, "p0")
    assert len(page_data(tree)["findings"]) == len(seed_report.findings) == 5
    marks = {m.all_text() for m in tree.elements("mark")}
    assert {"Kiev", "Киеве", "Алексей"} <= marks
    header = tree.elements("header")[0].all_text()
    for text in ("use-multilingual-v3", "glossaries/ru-en/ukraine.yaml", "3", "errors", "term-forbidden", "Signature"):
        assert text in header
    assert '"fail_on": "error"' in header  # the whole signature, as JSON


def test_a_run_page_has_an_index_and_a_section_per_pair(seed_report, markdown_report):
    missing = Finding("missing-translation", "TC601", Severity.ERROR, "content/ru/x.md has no translation",
                      source=Location((), Span(0, 0)))
    run = RunReport(
        (
            PairResult(seed_report.source.path, seed_report.target.path, seed_report),
            PairResult(markdown_report.source.path, markdown_report.target.path, markdown_report),
            PairResult("content/ru/x.md", None, findings=(missing,)),
            PairResult("content/ru/bad.md", "content/en/bad.md", error="content/ru/bad.md: binary file, not text"),
        ),
        seed_report.signature.as_dict(),
    )
    tree = Tree(html.render_run(run))
    data = page_data(tree)
    assert data["mode"] == "run"
    index = [e for e in tree.elements("section") if "index" in e.classes()][0]
    index_rows = [e for e in index.iter() if e.tag == "tr"][1:]
    assert len(index_rows) == 4
    assert "content/ru/bad.md: binary file, not text" in index_rows[3].all_text()
    for k, pair in enumerate((seed_report, markdown_report)):
        section = tree.by_id(f"p{k}")
        assert pair.source.path in section.attrs["aria-label"]
        rows = [e for e in section.iter() if "r" in e.classes() and e.tag == "div"]
        assert len(rows) == len(pair.alignments)
        assert_findings_in_place(pair, tree, f"p{k}")
    all_ids = [d["id"] for d in data["findings"]]
    assert len(all_ids) == len(set(all_ids)) == len(seed_report.findings) + len(markdown_report.findings) + 1
    # The totals at the top count every pair, the pairing finding included.
    expected = run.summary()
    counts = {e.all_text().split()[1].rstrip("s"): int(e.all_text().split()[0])
              for e in tree.elements("li") if "count" in e.classes()}
    assert counts == expected
    assert "TC601" in tree.by_id(f"fi-{all_ids[-1]}").all_text()


def test_cli_writes_the_html_page(tmp_path, use_encoder):
    runner = CliRunner()
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["check", str(SEED / "ru.txt"), str(SEED / "en.txt"), "-g", str(UKRAINE),
                                 "--format", "html", "-o", str(out)])
    assert result.exit_code == 1, result.output  # the seed has errors
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page_data(Tree(page))["mode"] == "check"
    result = runner.invoke(app, ["align", str(SEED / "ru.txt"), str(SEED / "en.txt"), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert page_data(Tree(result.stdout))["mode"] == "align"


def test_suppressed_findings_are_listed_but_not_counted():
    src, tgt = doc("ru.txt", "ru", ["В Киеве тихо."]), doc("en.txt", "en", ["Kiev is quiet."])
    kiev = Location((0,), span_of(tgt, "Kiev"))
    findings = (
        Finding("term-forbidden", "TC102", Severity.ERROR, "forbidden", target=kiev, suppressed="inSource"),
    )
    tree = Tree(html.render_check(Report(src, tgt, (Alignment((0,), (0,), 0.9),), findings)))
    (item,) = [e for e in tree.elements("li") if "fi" in e.classes()]
    assert "sup" in item.classes() and "suppressed (inSource)" in item.all_text()
    counts = [e.all_text() for e in tree.elements("li") if "count" in e.classes()]
    assert counts[0].startswith("0")
    assert any(e.attrs.get("id") == "sup" for e in tree.elements("input"))  # the toggle to show them
    assert page_data(tree)["findings"][0]["suppressed"] == "inSource"


def test_what_the_check_did_not_do_is_on_the_page(hostile):
    # a rule skipped for the pair's languages: an editor reading the page must not take its
    # silence for a clean translation
    report = replace(hostile[0], warnings=("hu→en: TC401 number-mismatch does not run (no number conventions for hu)",))
    for page in (html.render_check(report), html.render_run(single(report))):
        notes = [e for e in Tree(page).elements("p") if "warn-note" in e.classes()]
        assert [e.all_text() for e in notes] == ["warning: hu→en: TC401 number-mismatch does not run (no number conventions for hu)"]
