"""The renderers, each a pure function of a hand-built report: text, json, tsv, ruledocs."""

from __future__ import annotations

import json

from checker.model import Alignment, Document, Finding, FrozenMap, GlossaryStamp, Location, Report, Segment, Severity, Signature, Span
from checker.report import json as json_report
from checker.report import ruledocs, tsv
from checker.report import text as text_report
from checker.rules import RULES
from checker.rules.terms import TermForbidden

SRC_TEXT = "Встреча в Киеве.\nВторое.\tС табом."
TGT_TEXT = "A meeting in Kiev.\n\nAn added line."


def _doc(path: str, language: str, text: str, spans: list[tuple[int, int]]) -> Document:
    return Document(path, language, text, tuple(Segment(i, text[a:b], Span(a, b)) for i, (a, b) in enumerate(spans)))


SOURCE = _doc("ru.txt", "ru", SRC_TEXT, [(0, 16), (17, len(SRC_TEXT))])
TARGET = _doc("en.txt", "en", TGT_TEXT, [(0, 18), (20, len(TGT_TEXT))])
BEADS = (Alignment((0,), (0,), 0.81234), Alignment((1,), (), None), Alignment((), (1,), None))
SIGNATURE = Signature("0.1.0", "fake", None, False, FrozenMap({"aligner": "x"}), rules=("TC102",),
                      thresholds=FrozenMap({"TC504": FrozenMap({"similarity": 0.35})}), glossaries=(GlossaryStamp("g.yaml", "ab12"),))
FORBIDDEN = Finding("term-forbidden", "TC102", Severity.ERROR, '"Kiev" is forbidden', Location((0,), Span(10, 15)),
                    Location((0,), Span(13, 17)), "Kyiv")
ADDED = Finding("addition", "TC502", Severity.WARNING, "Target sentence has no counterpart", None, Location((1,), Span(20, len(TGT_TEXT))))
REPORT = Report(SOURCE, TARGET, BEADS, (FORBIDDEN, ADDED), SIGNATURE)


# --- text ---------------------------------------------------------------------------------------


def test_text_shows_place_rule_message_sentences_and_fix() -> None:
    out = text_report.render_check(REPORT)
    lines = out.splitlines()
    assert lines[0] == 'en.txt:1:14  error   TC102 term-forbidden  "Kiev" is forbidden'
    assert lines[1] == "    ru    1  Встреча в Киеве."
    assert lines[2] == "    en    1  A meeting in Kiev."
    assert lines[3] == "    suggestion: Kyiv"
    assert lines[5].startswith("en.txt:3:1  warning TC502 addition")
    assert lines[-1] == "1 error, 1 warning, 0 info — 2 source sentences (ru), 2 target sentences (en), 1 aligned pair"


def test_text_highlights_the_span_in_colour() -> None:
    out = text_report.render_check(REPORT, color=True)
    assert "7mKiev\x1b[0m\x1b[2m." in out  # reverse video on the flagged word only


def test_text_leaves_a_suppressed_finding_out_and_counts_it_apart() -> None:
    # An editor reads what needs fixing; the JSON and SARIF keep the suppressed one, marked.
    report = Report(SOURCE, TARGET, BEADS, (FORBIDDEN, Finding(**{**ADDED.__dict__, "suppressed": "inSource"})), SIGNATURE)
    out = text_report.render_check(report)
    assert "TC502" not in out
    assert out.splitlines()[-1].startswith("1 error, 0 warnings, 0 info (1 suppressed) — ")


def test_text_alignment_table() -> None:
    out = text_report.render_alignment(SOURCE, TARGET, BEADS, width=100)
    assert "0.81" in out and "—" in out
    assert out.splitlines()[-1] == "0-1: 1 1-0: 1 1-1: 1"


# --- json ---------------------------------------------------------------------------------------


def test_json_findings_locate_both_sides() -> None:
    data = json.loads(json_report.render_check(REPORT))
    assert data["signature"] == SIGNATURE.as_dict()
    assert data["signature"]["glossaries"] == [{"path": "g.yaml", "sha256": "ab12"}]
    f = data["findings"][0]
    assert f["target"] == {"segments": [0], "text": "A meeting in Kiev.", "span": "Kiev", "line": 1, "column": 14,
                           "start": 13, "end": 17}
    assert f["source"]["span"] == "Киеве" and f["suggestion"] == "Kyiv"
    assert data["findings"][1]["source"] is None and data["findings"][1]["target"]["span"] is None
    assert data["alignment"][0] == {"source": [0], "target": [0], "score": 0.8123}
    assert data["summary"] == {"error": 1, "warning": 1, "info": 0}
    assert f["suppressed"] is None


def test_json_reports_suppressed_findings_marked() -> None:
    report = Report(SOURCE, TARGET, BEADS, (Finding(**{**FORBIDDEN.__dict__, "suppressed": "external"}),), SIGNATURE)
    data = json.loads(json_report.render_check(report))
    assert data["findings"][0]["suppressed"] == "external"
    assert data["summary"]["error"] == 0


def test_json_alignment_lists_every_segment() -> None:
    data = json.loads(json_report.render_alignment(SOURCE, TARGET, BEADS, Signature("0.1.0", "fake", None, True, FrozenMap())))
    assert [s["text"] for s in data["source"]["segments"]] == ["Встреча в Киеве.", "Второе.\tС табом."]
    assert data["target"]["segments"][1] == {"index": 1, "text": "An added line.", "line": 3, "column": 1,
                                             "start": 20, "end": 34}
    assert "rules" not in data["signature"]


# --- tsv ----------------------------------------------------------------------------------------


def test_tsv_one_row_per_bead_with_tabs_removed_from_text() -> None:
    rows = [r.split("\t") for r in tsv.render_alignment(SOURCE, TARGET, BEADS).splitlines()]
    assert rows[0] == ["score", "source", "target", "source_text", "target_text"]
    assert rows[1] == ["0.8123", "0", "0", "Встреча в Киеве.", "A meeting in Kiev."]
    assert rows[2] == ["", "1", "", "Второе. С табом.", ""]
    assert rows[3] == ["", "", "1", "", "An added line."]


# --- ruledocs -----------------------------------------------------------------------------------


def test_rule_list_and_markdown_table_hold_every_rule() -> None:
    listing = ruledocs.render_rules(RULES).splitlines()
    table = ruledocs.render_rules_markdown(RULES).splitlines()
    assert len(listing) == len(RULES) + 3 and len(table) == len(RULES) + 2
    for rule, row, line in zip(RULES, table[2:], listing[1:]):
        assert row == f"| {rule.code} | {rule.slug} | {rule.severity.value} | {rule.summary} |"
        assert line.split()[:3] == [rule.code, rule.slug, rule.severity.value]


def test_one_rules_page_has_its_docstring_and_declarations() -> None:
    page = ruledocs.render_rule(TermForbidden)
    assert page.startswith("TC102 term-forbidden (default severity: error)\n")
    assert TermForbidden.documentation() in page
    assert "Supersedes: TC201 findings at the same target span with the same fix" in page
    md = ruledocs.render_rule_markdown(TermForbidden)
    assert md.startswith("# TC102 term-forbidden\n") and "## Declared" in md
