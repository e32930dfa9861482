"""run_rules: which rules run, at what severity, what supersedes what, and in which order."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from checker import pipeline
from checker.config import Settings
from checker.glossary.schema import parse_glossary
from checker.model import Alignment, Document, Finding, Location, Segment, Severity, Span
from checker.pipeline import run_rules, supersede
from checker.rules import RULES
from checker.rules.alignment import Untranslated
from checker.rules.base import CheckContext, Languages, Rule
from checker.rules.names import NameInconsistent
from checker.rules.numbers import NumberMismatch
from checker.rules.terms import TermForbidden

GLOSSARY = parse_glossary(
    "version: 1\nsource_language: ru\ntarget_language: en\n"
    "terms:\n  - source: Харьков\n    target: Kharkiv\n    forbidden: [Kharkov]\n",
    "g.yaml",
)


def document(language: str, sentences: list[str]) -> Document:
    text, segments = "", []
    for k, sentence in enumerate(sentences):
        if k:
            text += "\n"
        segments.append(Segment(k, sentence, Span(len(text), len(text) + len(sentence)), block=k))
        text += sentence
    return Document(f"{language}.txt", language, text, tuple(segments))


def context(source: list[str], target: list[str]) -> CheckContext:
    beads = tuple(Alignment((i,), (i,), 0.9) for i in range(len(source)))
    return CheckContext(document("ru", source), document("en", target), beads, (GLOSSARY,))


def at(segments: tuple[int, ...], span: tuple[int, int] | None = None, suggestion: str | None = None,
       rule: type[Rule] = NumberMismatch) -> Finding:
    return Finding(rule.slug, rule.code, rule.severity, "m", None,
                   Location(segments, Span(*span) if span else None), suggestion)


# --- supersession, as each rule declares it ---------------------------------------------------


def test_untranslated_supersedes_what_lies_inside_its_sentences() -> None:
    inside = at((2,), (5, 7), rule=NumberMismatch)
    untranslated = at((2,), rule=Untranslated)
    elsewhere = at((3,), (40, 42), rule=NumberMismatch)
    across = at((2, 3), (10, 30), "Kharkiv", rule=NameInconsistent)  # reaches a translated sentence
    kept = supersede([(NumberMismatch, inside), (Untranslated, untranslated), (NumberMismatch, elsewhere),
                      (NameInconsistent, across)])
    assert kept == [untranslated, elsewhere, across]


@pytest.mark.parametrize("forbidden_first", [True, False])
def test_a_forbidden_term_supersedes_the_same_fix_at_the_same_span(forbidden_first: bool) -> None:
    forbidden = at((0,), (10, 17), "Kharkiv", rule=TermForbidden)
    same = at((0,), (10, 17), "Kharkiv", rule=NameInconsistent)
    other_fix = at((0,), (10, 17), "Kharkov", rule=NameInconsistent)
    other_rule = at((0,), (10, 17), "Kharkiv", rule=NumberMismatch)  # not named by TC102's declaration
    made: list[tuple[type[Rule], Finding]] = [(NameInconsistent, same), (NameInconsistent, other_fix),
                                              (NumberMismatch, other_rule)]
    made.insert(0 if forbidden_first else 3, (TermForbidden, forbidden))
    kept = supersede(made)
    assert same not in kept
    assert {id(f) for f in kept} == {id(forbidden), id(other_fix), id(other_rule)}


def test_run_rules_applies_the_declarations_end_to_end() -> None:
    ctx = context(["Удары по Харькову.", "Харьков выстоял.", "В Харькове тихо."],
                  ["Strikes on Kharkov.", "Kharkiv held.", "Kharkiv is quiet."])
    # TC201 sees the forbidden spelling too, and proposes the same fix at the same place ...
    assert [(f.code, f.suggestion) for f in NameInconsistent().check(ctx)] == [("TC201", "Kharkiv")]
    # ... which TC102's finding, with the glossary's reason, makes redundant.
    assert [(f.code, f.suggestion) for f in run_rules(ctx, Settings())] == [("TC102", "Kharkiv")]
    assert [f.code for f in run_rules(ctx, Settings(ignore=frozenset({"TC102"})))] == ["TC201"]


# --- severity, selection, languages, order -----------------------------------------------------


def test_severity_override_applies_to_the_findings_made() -> None:
    ctx = context(["Удары по Харькову."], ["Strikes on Kharkov."])
    (f,) = run_rules(ctx, Settings(severity={"TC102": "info"}))
    assert f.severity is Severity.INFO
    assert not Settings(severity={"TC102": "info"}).fails([f])
    assert Settings(severity={"TC102": "info"}, fail_on="info").fails([f])
    (default,) = run_rules(ctx, Settings())
    assert default.severity is Severity.ERROR


def test_select_and_ignore_decide_which_rules_run() -> None:
    ctx = context(["Удары по Харькову."], ["Strikes on Kharkov."])
    assert run_rules(ctx, Settings(ignore=frozenset({"TC1"}))) == ()
    assert [f.code for f in run_rules(ctx, Settings(select=frozenset({"term-forbidden"})))] == ["TC102"]


class _UkrainianOnly(Rule):
    """
    ## What it does
    Reports every target sentence, for Ukrainian sources only.

    ## Why
    To see that run_rules honours a rule's languages.
    """

    code = "TC999"
    slug = "ukrainian-only"
    severity = Severity.INFO
    summary = "A test rule."
    messages = {"every": "Sentence {n}"}
    languages = Languages(source=frozenset({"uk"}))

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for seg in ctx.target.segments:
            yield self.finding("every", target=Location((seg.index,)), n=seg.index)


def test_a_rule_runs_only_for_its_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "RULES", (*RULES, _UkrainianOnly))
    ctx = context(["Один."], ["One."])
    assert "TC999" not in {f.code for f in run_rules(ctx, Settings())}
    uk = CheckContext(document("uk", ["Один."]), document("en", ["One."]), ctx.alignments)
    assert [f.message for f in run_rules(uk, Settings()) if f.code == "TC999"] == ["Sentence 0"]
    assert _UkrainianOnly.languages.describe() == "source uk"
    assert pipeline.skipped_rules(Settings(), "uk", "en") == ()
    assert pipeline.skipped_rules(Settings(), "ru", "en") == ("ru→en: TC999 ukrainian-only does not run (it runs for source uk)",)


def test_a_language_without_number_conventions_is_not_guessed_at_and_the_user_is_told(tmp_path, use_encoder) -> None:
    # Korean has no conventions file: TC401 says nothing rather than guess how its numbers
    # are written, and one line says it did not look (USE reads Korean: no other line).
    from checker import check

    src, tgt = tmp_path / "ko.txt", tmp_path / "en.txt"
    src.write_text("장관은 러시아가 2월 16일에 공격할 것이라고 말했다.\n", encoding="utf-8")
    tgt.write_text("The minister said that Russia would attack on 18 February.\n", encoding="utf-8")
    report = check(src, tgt, settings=Settings(source_language="ko", target_language="en"), encoder=use_encoder)
    assert "TC401" not in {f.code for f in report.findings}
    assert report.warnings == ("ko→en: TC401 number-mismatch does not run (no number conventions for ko; nor does TC303's number check)",)
    assert "TC401" not in "".join(pipeline.skipped_rules(Settings(), "de", "en"))
    assert NumberMismatch.languages.describe().startswith("source and target ar, cs, da, de, en, es,")
    # Norwegian as langdetect names it is Bokmål, which has conventions
    assert NumberMismatch.languages.applies("no", "en")


def test_findings_come_in_reading_order_of_the_translation() -> None:
    ctx = context(
        ["В Харькове было 5 градусов.", "Потом Харьков."],
        ["In Kharkov it was 7 degrees.", "Then Kharkov."],
    )
    findings = run_rules(ctx, Settings())
    assert [(f.code, f.target.segments if f.target else None) for f in findings] == [
        ("TC102", (0,)), ("TC401", (0,)), ("TC102", (1,))
    ]


# --- declarations are checked when a rule is defined ---------------------------------------------


def test_a_rule_must_declare_its_metadata() -> None:
    with pytest.raises(TypeError, match="messages"):
        class _NoMessages(Rule):  # noqa: F841
            """## What it does\nx\n## Why\ny"""

            code, slug, severity, summary = "TC998", "no-messages", Severity.INFO, "None."

    with pytest.raises(TypeError, match="docstring"):
        class _NoDoc(Rule):  # noqa: F841
            code, slug, severity, summary = "TC997", "no-doc", Severity.INFO, "None."
            messages = {"x": "x"}


def test_every_rule_declares_what_it_needs() -> None:
    for rule in RULES:
        assert rule.messages and all(isinstance(t, str) for t in rule.messages.values()), rule.code
        assert rule.languages.describe()
        with pytest.raises(TypeError):
            rule.thresholds["x"] = 1.0  # type: ignore[index]
