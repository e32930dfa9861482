"""The CI formats (SARIF, GitHub, GitLab, JUnit) and the JSON of a run, on real findings."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.config import Settings
from checker.glossary.schema import load_glossary
from checker.model import Finding, PairResult, Report, RunReport, Severity
from checker.pipeline import check, load_pair
from checker.report import github, gitlab, junit, sarif
from checker.report import json as json_report
from checker.report.common import exit_code, single
from checker.rules import RULES
from tests.conftest import SEED, UKRAINE

REPO = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "schemas" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
REPORT_SCHEMA = json.loads((REPO / "checker" / "report" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
RU, EN = str(SEED / "ru.txt"), str(SEED / "en.txt")


def validate(instance: object, schema: dict) -> None:
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(instance), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


@pytest.fixture(scope="module")
def seed_report(use_encoder) -> Report:
    settings = Settings()
    glossaries = [load_glossary(UKRAINE)]
    src, tgt = load_pair(RU, EN, settings, glossaries)
    return check(src, tgt, settings=settings, encoder=use_encoder, glossaries=glossaries)


@pytest.fixture(scope="module")
def mixed_run(seed_report: Report) -> RunReport:
    """The seed pair with one finding suppressed, a source without its translation, an unreadable pair."""
    findings = list(seed_report.findings)
    findings[1] = replace(findings[1], suppressed="external")
    missing = Finding("missing-translation", "TC601", Severity.ERROR, "content/ru/new.md has no translation")
    return RunReport(
        (
            PairResult(RU, EN, replace(seed_report, findings=tuple(findings))),
            PairResult("content/ru/new.md", None, findings=(missing,)),
            PairResult("content/ru/bad.md", "content/en/bad.md", error="content/en/bad.md: binary file (contains NUL bytes), not text"),
        ),
        {"transcheck": "0.1.0"},
    )


def kiev_findings(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.code == "TC102" and "Kiev" in f.message]


# --- SARIF --------------------------------------------------------------------------------


def test_sarif_validates_against_the_official_schema(seed_report, mixed_run):
    for run in (single(seed_report), mixed_run):
        validate(json.loads(sarif.render(run)), SARIF_SCHEMA)


def test_sarif_rules_results_and_locations(seed_report):
    log = json.loads(sarif.render(single(seed_report)))
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "transcheck" and driver["version"]
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(rules) == {r.code for r in RULES}
    tc102 = rules["TC102"]
    assert tc102["name"] == "term-forbidden"
    assert tc102["shortDescription"]["text"] == next(r.summary for r in RULES if r.code == "TC102")
    assert "What it does" in tc102["help"]["markdown"] and tc102["help"]["text"]
    assert tc102["defaultConfiguration"]["level"] == "error"
    assert rules["TC502"]["defaultConfiguration"]["level"] == "warning"
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"][0] == {"executionSuccessful": True, "exitCode": 1}

    # The first "Kiev": en.txt line 17, columns 48..51, so endColumn 52 (exclusive).
    kiev = next(r for r in run["results"] if r["ruleId"] == "TC102" and r["locations"][0]["physicalLocation"]["region"]["startLine"] == 17)
    assert driver["rules"][kiev["ruleIndex"]]["id"] == "TC102"
    loc = kiev["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == EN.lstrip("/") or loc["artifactLocation"]["uri"].endswith("lenta-kalachev/en.txt")
    assert loc["region"] == {"startLine": 17, "startColumn": 48, "endLine": 17, "endColumn": 52, "snippet": {"text": "Kiev"}}
    line = Path(EN).read_text(encoding="utf-8").split("\n")[16]
    assert line[48 - 1 : 52 - 1] == "Kiev"
    related = kiev["relatedLocations"][0]
    assert related["physicalLocation"]["artifactLocation"]["uri"].endswith("ru.txt")
    assert "Киеве" in related["message"]["text"]
    assert kiev["level"] == "error"
    assert kiev["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "Kyiv"
    prints = [r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in run["results"]]
    assert len(set(prints)) == len(prints)
    assert not any("suppressions" in r for r in run["results"])


def test_sarif_reports_suppressed_findings_and_unreadable_pairs(mixed_run):
    run = json.loads(sarif.render(mixed_run))["runs"][0]
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert len(suppressed) == 1 and suppressed[0]["suppressions"][0]["kind"] == "external"
    missing = next(r for r in run["results"] if r["ruleId"] == "TC601")
    assert run["tool"]["driver"]["rules"][missing["ruleIndex"]]["id"] == "TC601"
    assert missing["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "content/ru/new.md"
    invocation = run["invocations"][0]
    assert invocation["exitCode"] == 2 and invocation["executionSuccessful"] is False
    assert "binary file" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_what_a_check_did_not_do_reaches_the_ci_log_once(seed_report):
    # a rule that did not run is no finding, but a log that shows only findings would pass
    # it as a clean check: a notification in SARIF, an annotation on GitHub, once per run
    skipped = "hu→en: TC401 number-mismatch does not run (no number conventions for hu)"
    quiet = replace(seed_report, findings=(), warnings=(skipped,))
    run = RunReport((PairResult("hu/a.txt", "en/a.txt", quiet), PairResult("hu/b.txt", "en/b.txt", quiet)), {})
    log = json.loads(sarif.render(run))
    validate(log, SARIF_SCHEMA)
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [(n["level"], n["message"]["text"]) for n in notes] == [("warning", skipped)]
    assert [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in notes[0]["locations"]] == ["en/a.txt", "en/b.txt"]
    assert github.render(run) == f"::warning title=transcheck::{skipped} (2 pairs)\n"
    one = RunReport((PairResult("hu/a.txt", "en/a.txt", quiet),), {})
    assert github.render(one) == f"::warning file=en/a.txt,title=transcheck::{skipped}\n"
    assert f"- warning: {skipped} (2 pairs)" in github.render_summary(run).splitlines()
    cases = ET.fromstring(junit.render(run)).iter("testcase")
    assert [c.find("system-err").text for c in cases] == [f"warning: {skipped}\n"] * 2


def test_an_unreadable_source_is_annotated_on_the_source():
    run = RunReport((PairResult("uk/b.md", "en/b.md", error="uk/b.md: binary file (contains NUL bytes), not text"),), {})
    assert github.render(run).startswith("::error file=uk/b.md,")
    note = json.loads(sarif.render(run))["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "uk/b.md"


def test_sarif_uri_escapes_and_absolute_paths():
    assert sarif.uri("content/ru/my file.md") == "content/ru/my%20file.md"
    assert sarif.uri("/srv/news/ru.md") == "file:///srv/news/ru.md"


# --- GitHub -------------------------------------------------------------------------------


def test_github_workflow_commands(seed_report):
    out = github.render(single(seed_report)).splitlines()
    assert len(out) == len(seed_report.findings)
    kiev = next(line for line in out if "line=17," in line)
    assert kiev.startswith("::error file=")
    assert "lenta-kalachev/en.txt,line=17,col=48,endLine=17,endColumn=52,title=TC102 term-forbidden::" in kiev
    assert kiev.split("::", 2)[2].startswith('"Kiev" is a forbidden rendering')
    warning = next(line for line in out if "TC502" in line)
    assert warning.startswith("::warning ")


def test_github_escaping():
    line = github.command("error", "50% done\r\nnext", file="a,b:c.md", line=3, title="T: x, y")
    assert line == "::error file=a%2Cb%3Ac.md,line=3,title=T%3A x%2C y::50%25 done%0D%0Anext"


def test_github_leaves_out_suppressed_and_columns_of_multiline_findings(mixed_run, seed_report):
    out = github.render(mixed_run)
    assert out.count("::") // 2 == len(seed_report.findings) - 1 + 1 + 1  # one suppressed; missing; unreadable
    assert "::error file=content/en/bad.md,title=transcheck%3A cannot check::" in out
    last = len(seed_report.target.segments) - 1  # the first and the last paragraph: several lines
    multi = replace(seed_report.findings[0], target=replace(seed_report.findings[0].target, span=None, segments=(0, last)))
    first = github.render(single(replace(seed_report, findings=(multi,))))
    assert "col=" not in first and "endColumn" not in first and "endLine=" in first


def test_github_step_summary(mixed_run):
    md = github.render_summary(mixed_run)
    assert md.startswith("## transcheck")
    assert "1 suppressed" in md and "failed" in md
    rows = [line for line in md.splitlines() if line.startswith("| `")]
    assert len(rows) == len(mixed_run.pairs[0].all_findings()) - 1 + 1 + 1


@pytest.mark.parametrize(
    "severities, line",
    [
        ([Severity.ERROR], "1 pair: 1 error, 0 warnings, 0 info"),
        ([Severity.ERROR, Severity.ERROR, Severity.WARNING], "1 pair: 2 errors, 1 warning, 0 info"),
    ],
)
def test_summary_and_totals_lines_say_one_error_not_one_errors(seed_report, severities, line):
    from checker.report import text

    findings = tuple(replace(seed_report.findings[0], severity=s) for s in severities)
    run = single(replace(seed_report, findings=findings))
    assert line in github.render_summary(run)
    assert text.run_totals(run).startswith(line.split(": ", 1)[1])


def test_github_step_summary_is_appended_by_the_cli(tmp_path, monkeypatch, use_encoder):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(app, ["check", RU, EN, "-g", str(UKRAINE), "--format", "github"])
    assert result.exit_code == 1
    assert result.stdout.startswith("::")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## transcheck") and "TC102 term-forbidden" in text


# --- GitLab -------------------------------------------------------------------------------


def test_gitlab_code_quality(mixed_run, seed_report):
    issues = json.loads(gitlab.render(mixed_run))
    assert isinstance(issues, list)
    assert len(issues) == len(seed_report.findings) - 1 + 1 + 1
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["path"], str) and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    kiev = next(i for i in issues if i["check_name"] == "TC102" and i["location"]["lines"]["begin"] == 19)  # line 17 is suppressed here
    assert kiev["severity"] == "major" and kiev["location"]["path"].endswith("en.txt")
    assert next(i for i in issues if i["check_name"] == "TC502")["severity"] == "minor"
    assert next(i for i in issues if "cannot check" in i["description"])["severity"] == "critical"


def test_gitlab_fingerprints_unique_for_repeated_identical_findings(seed_report):
    """The same finding twice (same rule, sentence and word) still gets two fingerprints."""
    twice = replace(seed_report, findings=(seed_report.findings[1], seed_report.findings[1]))
    issues = json.loads(gitlab.render(single(twice)))
    assert len({i["fingerprint"] for i in issues}) == 2


# --- JUnit --------------------------------------------------------------------------------


def test_junit_xml_shape(mixed_run, seed_report):
    root = ET.fromstring(junit.render(mixed_run, fail_on="error"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == int(suite.get("tests")) == int(root.get("tests")) == 3
    assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None) == 2
    assert int(suite.get("errors")) == sum(1 for c in cases if c.find("error") is not None) == 1
    for case in cases:
        assert case.get("name") and case.get("classname")
        for failure in case.findall("failure"):
            assert failure.get("message") and failure.get("type")
    seed_case = cases[0]
    errors_in_seed = [f for f in seed_report.findings[:1] + seed_report.findings[2:] if f.severity is Severity.ERROR]
    assert len(seed_case.findall("failure")) == len(errors_in_seed)
    assert seed_case.get("name") == f"{RU} → {EN}"
    out = seed_case.find("system-out").text
    assert "TC502" in out and "suppressed: external" in out


def test_junit_fail_on_sets_which_findings_fail(seed_report):
    run = single(seed_report)
    by_level = {
        level: len(ET.fromstring(junit.render(run, fail_on=level)).findall(".//failure"))
        for level in ("error", "warning", "never")
    }
    assert by_level["never"] == 0
    assert by_level["warning"] == len(seed_report.findings) > by_level["error"] > 0


def test_junit_survives_control_characters(seed_report):
    f = replace(seed_report.findings[0], message="bad \x0b char")
    ET.fromstring(junit.render(single(replace(seed_report, findings=(f,))), fail_on="warning"))


# --- JSON of a run, and the schema --------------------------------------------------------


def test_run_json_validates_and_totals(mixed_run, seed_report):
    data = json.loads(json_report.render_run(mixed_run))
    validate(data, REPORT_SCHEMA)
    assert [p["error"] for p in data["pairs"]][2].startswith("content/en/bad.md")
    assert data["pairs"][1]["target"] is None and data["pairs"][1]["findings"][0]["code"] == "TC601"
    totals = data["totals"]
    assert totals["pairs"] == 3 and totals["checked"] == 1 and totals["failed"] == 1 and totals["suppressed"] == 1
    errors = sum(1 for p in mixed_run.pairs for f in p.all_findings() if f.severity is Severity.ERROR and not f.suppressed)
    assert totals["error"] == errors
    assert data["pairs"][0]["findings"][1]["suppressed"] == "external"


def test_single_pair_json_validates_against_the_same_schema(seed_report):
    validate(json.loads(json_report.render_check(seed_report)), REPORT_SCHEMA)


def test_text_of_a_run_is_grouped_by_pair_with_totals(mixed_run):
    from checker.report import text

    out = text.render_run(mixed_run)
    assert out.index(f"{RU} → {EN}") < out.index("content/ru/new.md → (no translation)") < out.index("error: content/en/bad.md")
    assert "TC601 missing-translation" in out
    last = out.strip().splitlines()[-1]
    assert "(1 suppressed)" in last and "— 1 pair checked, 1 file without a counterpart, 1 pair not checked (unreadable)" in last


def test_exit_code_of_a_run(mixed_run, seed_report):
    assert exit_code(mixed_run, "error") == 2
    assert exit_code(single(seed_report), "error") == 1
    assert exit_code(single(seed_report), "never") == 0
    quiet = replace(seed_report, findings=tuple(replace(f, suppressed="inSource") for f in seed_report.findings))
    assert exit_code(single(quiet), "info") == 0


@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "junit", "github"])
def test_cli_formats_write_output_files(tmp_path, monkeypatch, fmt, use_encoder):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(app, ["check", RU, EN, "-g", str(UKRAINE), "--format", fmt, "--output", str(out)])
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    if fmt == "sarif":
        validate(json.loads(text), SARIF_SCHEMA)
    elif fmt == "gitlab":
        assert json.loads(text)
    elif fmt == "junit":
        assert ET.fromstring(text).tag == "testsuites"
    else:
        assert text.startswith("::")


# --- reading notices ----------------------------------------------------------------------


def test_reading_notices_reach_the_json_the_sarif_and_stderr_once(tmp_path, monkeypatch, use_encoder):
    from tests.batch.conftest import CLEAN_EN, CLEAN_RU, write

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(tmp_path / "cache"))
    deep = ">" * 20
    write(tmp_path, {"ru/a.md": f"# Заголовок\n\n{deep} {CLEAN_RU}", "en/a.md": f"# Title\n\n{deep} {CLEAN_EN}",
                     "ru/b.md": CLEAN_RU, "en/b.md": CLEAN_EN})
    notice = {"line": 3, "message": "Markdown nested deeper than 20 levels: read as plain text"}
    common = ["check", "ru", "en", "--no-config", "--fail-on", "never"]
    for attempt in ("cold", "warm"):  # a pair settled from the cache keeps its notices too
        result = CliRunner().invoke(app, [*common, "-f", "json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        validate(data, REPORT_SCHEMA)
        assert [p["notices"] for p in data["pairs"]] == [[{"path": "ru/a.md", **notice}, {"path": "en/a.md", **notice}], []], attempt
        assert result.stderr.splitlines() == [
            f"transcheck: warning: {side}/a.md:3: Markdown nested deeper than 20 levels: read as plain text" for side in ("ru", "en")
        ]
    log = json.loads(CliRunner().invoke(app, [*common, "-f", "sarif"]).stdout)
    validate(log, SARIF_SCHEMA)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    assert [(n["level"], n["message"]["text"], n["locations"][0]["physicalLocation"]) for n in invocation["toolExecutionNotifications"]] == [
        ("warning", notice["message"], {"artifactLocation": {"uri": f"{side}/a.md"}, "region": {"startLine": 3}}) for side in ("ru", "en")
    ]
    single = CliRunner().invoke(app, ["check", "ru/a.md", "en/a.md", "--no-config", "-f", "json"])
    assert json.loads(single.stdout)["notices"] == [{"path": "ru/a.md", **notice}, {"path": "en/a.md", **notice}]
    assert len(single.stderr.splitlines()) == 2
