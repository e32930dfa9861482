"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure, CircleCI …).

One test case per pair, named "SOURCE → TARGET"; a <failure> per finding at or above
--fail-on (several in one test case, as Jenkins and GitLab read them); a pair that cannot be
checked is an <error>. Findings below --fail-on and suppressed ones are listed in the test
case's <system-out>, so nothing is lost from the report.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from checker.model import Finding, PairResult, RunReport
from checker.report.common import counts, pair_name, primary_region, sentences

SUITE = "transcheck"
# Characters XML 1.0 cannot carry at all, even escaped; a stray one in a document must not
# make the whole report unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _describe(pair: PairResult, f: Finding) -> str:
    r = primary_region(pair, f)
    lines = [f"{r.path}:{r.start_line}:{r.start_column} {f.severity.value} {f.code} {f.rule}: {f.message}"]
    rep = pair.report
    if rep is not None:
        for label, doc, loc in (("source", rep.source, f.source), ("target", rep.target, f.target)):
            text = sentences(doc, loc)
            if text:
                lines.append(f"  {label} ({doc.language}): {text}")
    if f.suggestion:
        lines.append(f"  suggestion: {f.suggestion}")
    if f.suppressed:
        lines.append(f"  suppressed: {f.suppressed}")
    return "\n".join(lines)


def render(run: RunReport, *, fail_on: str = "error") -> str:
    root = ET.Element("testsuites", name=SUITE)
    suite = ET.SubElement(root, "testsuite", name=SUITE)
    failures = errors = 0
    for pair in run.pairs:
        case = ET.SubElement(suite, "testcase", classname=SUITE, name=_x(pair_name(pair)))
        if pair.target_path or pair.source_path:
            case.set("file", _x(pair.target_path or pair.source_path or ""))
        if pair.error is not None:
            errors += 1
            err = ET.SubElement(case, "error", message=_x(pair.error), type="InputError")
            err.text = _x(pair.error)
        rest = []
        failed = False
        for f in pair.all_findings():
            if counts(f, fail_on):
                failed = True
                r = primary_region(pair, f)
                failure = ET.SubElement(
                    case, "failure", message=_x(f"{r.path}:{r.start_line}:{r.start_column} {f.message}"), type=f"{f.code} {f.rule}"
                )
                failure.text = _x(_describe(pair, f))
            else:
                rest.append(_x(_describe(pair, f)))
        failures += failed
        if rest:
            ET.SubElement(case, "system-out").text = "\n\n".join(rest) + "\n"
        if pair.report is not None and pair.report.warnings:
            # what the check of this pair did not do (a rule that does not run for it)
            ET.SubElement(case, "system-err").text = _x("\n".join(f"warning: {w}" for w in pair.report.warnings)) + "\n"
    total = len(run.pairs)
    for element in (root, suite):
        element.set("tests", str(total))
        element.set("failures", str(failures))
        element.set("errors", str(errors))
    suite.set("skipped", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
