"""The editor's review page: both articles side by side, every finding in its place.

Pure functions, a result in and one HTML string out; the CLI writes it. The page is
self-contained and safe by construction:

- every piece of article text (sentences, messages, suggestions, paths) goes through
  jinja2's autoescape; nothing the article contains is ever marked safe;
- the one stylesheet and the one script are constants shipped beside this module, inlined,
  and allowed by their sha256 in a Content-Security-Policy that forbids everything else
  (``default-src 'none'``: no other script, no inline handler or ``style=`` attribute, no
  request of any kind), with Trusted Types required so that no script can reach an HTML sink;
- what the script needs (findings, positions) is a ``<script type="application/json">`` data
  block, which the browser never runs, serialised with ``<``, ``>`` and ``&`` escaped so that
  no text in it can close the element.

Three pages: ``render_check`` (one pair with its findings), ``render_alignment`` (the same
page without findings: an alignment viewer) and ``render_run`` (a run over many pairs: an
index of pairs, then each pair's section as on the single page).
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from checker import __version__
from checker.model import Alignment, Document, Finding, Location, PairResult, Report, RunReport, Severity, Signature, SimilarityScale, severity_counts
from checker.report.common import local_range, resolve
from checker.rules import RULES
from checker.rules.alignment import WEAK_MIN_CHARS, WEAK_SIMILARITY, WEAK_SIMILARITY_OTHER

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
# One-letter classes keep a 2,000-sentence page small (every highlighted span carries one).
_SEV_CLASS = {Severity.ERROR: "e", Severity.WARNING: "w", Severity.INFO: "i"}
_RTL = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv"})


# ---------------------------------------------------------------------------------------
# What the template draws. Plain frozen values, built from the report, escaped by jinja2.


@dataclass(frozen=True)
class Fragment:
    """A run of a segment's text with the findings that cover it (none: plain text)."""

    text: str
    ids: str = ""  # space-separated finding ids, for the [data-f~=id] selector
    sev: str = ""  # the class of the most severe of them


@dataclass(frozen=True)
class SegmentView:
    line: int
    fragments: tuple[Fragment, ...]
    heading: bool = False
    flags: str = ""  # findings about the whole sentence (an addition, an untranslated line)
    flag_sev: str = ""


@dataclass(frozen=True)
class RowView:
    """One bead: both sides, possibly one of them empty."""

    id: str
    number: int
    kind: str  # "om" omission, "ad" addition, "wk" weak alignment, "" an ordinary pair
    score: str  # "0.83", or "" for a bead with an empty side
    source: tuple[SegmentView, ...]
    target: tuple[SegmentView, ...]
    findings: str  # the ids of the findings placed in this row or drawn on its sentences


@dataclass(frozen=True)
class FindingView:
    id: str
    code: str
    rule: str
    severity: str
    sev: str
    message: str
    suggestion: str | None
    suppressed: str | None
    row: str | None  # the row holding it; None for a finding about a file as a whole
    source_where: str
    target_where: str
    source_span: str | None
    target_span: str | None
    documented: bool


@dataclass(frozen=True)
class StripMark:
    """A mark on the overview strip; x and width in the strip's 0..1000 coordinates."""

    x: float
    width: float
    cls: str
    ids: str = ""
    row: str = ""


@dataclass(frozen=True)
class PairView:
    id: str
    number: int
    source_path: str | None
    target_path: str | None
    source_language: str
    target_language: str
    source_rtl: bool
    target_rtl: bool
    rows: tuple[RowView, ...]
    findings: tuple[FindingView, ...]
    counts: dict[str, int]
    strip: tuple[StripMark, ...]
    positions: tuple[int, ...]  # where each row starts on the strip (0..1000), for the script
    stats: str
    error: str | None = None
    signature: str = ""
    warnings: tuple[str, ...] = ()  # what the check of this pair did not do (a rule it skipped)


@dataclass
class _Ids:
    """Finding ids unique across the page (a run page holds many pairs)."""

    next: int = 0

    def new(self) -> str:
        self.next += 1
        return f"f{self.next}"


@dataclass(frozen=True)
class RuleDoc:
    code: str
    slug: str
    severity: str
    summary: str
    html: Markup


# ---------------------------------------------------------------------------------------
# Public renderers


def render_check(report: Report) -> str:
    """The review page of one checked pair."""
    pair = _pair_view(report, 0, _Ids(), with_findings=True)
    return _page(
        mode="check",
        title=f"{_name(report.source.path)} → {_name(report.target.path)}",
        pairs=[pair],
        signature=_plain(report.signature),
        findings=report.findings,
    )


def render_alignment(
    source: Document,
    target: Document,
    alignments: Sequence[Alignment],
    signature: Signature,
    similarity: SimilarityScale | None = None,
) -> str:
    """The same page without findings: the alignment viewer of `transcheck align`;
    ``similarity``, the aligner's scale for the pair, marks its weak pairs."""
    report = Report(source, target, tuple(alignments), (), signature, similarity=similarity)
    pair = _pair_view(report, 0, _Ids(), with_findings=False)
    return _page(
        mode="align",
        title=f"{_name(source.path)} → {_name(target.path)}",
        pairs=[pair],
        signature=_plain(signature),
        findings=(),
    )


def render_run(run: RunReport) -> str:
    """One page for a run over many pairs: an index of the pairs, then each pair's section."""
    ids = _Ids()
    pairs = [_result_view(p, k, ids) for k, p in enumerate(run.pairs)]
    n = len(run.pairs)
    return _page(
        mode="run",
        title=f"{n} pair{'' if n == 1 else 's'}",
        pairs=pairs,
        signature=run.signature,
        findings=tuple(f for p in run.pairs for f in p.all_findings()),
    )


# ---------------------------------------------------------------------------------------
# Building the views


def _name(path: str | None) -> str:
    return "—" if path is None else path


def _result_view(result: PairResult, number: int, ids: _Ids) -> PairView:
    if result.report is not None:
        return replace(_pair_view(result.report, number, ids, with_findings=True), error=result.error)
    # A pair that could not be checked: an unreadable file, or a file without its counterpart.
    findings = tuple(
        _finding_view(f, ids.new(), None, None, None, result.source_path, result.target_path)
        for f in result.findings
    )
    return PairView(
        id=f"p{number}",
        number=number + 1,
        source_path=result.source_path,
        target_path=result.target_path,
        source_language="",
        target_language="",
        source_rtl=False,
        target_rtl=False,
        rows=(),
        findings=findings,
        counts=severity_counts(result.findings),
        strip=(),
        positions=(),
        stats="",
        error=result.error,
    )


def _pair_view(report: Report, number: int, ids: _Ids, *, with_findings: bool) -> PairView:
    src, tgt = report.source, report.target
    pid = f"p{number}"
    row_of_source = {i: k for k, a in enumerate(report.alignments) for i in a.source}
    row_of_target = {j: k for k, a in enumerate(report.alignments) for j in a.target}

    def home(f: Finding) -> int | None:
        """The row where a finding is shown: that of its target sentences, else its source's."""
        for loc, rows, doc in ((f.target, row_of_target, tgt), (f.source, row_of_source, src)):
            if loc is None:
                continue
            for i in loc.segments:
                if i in rows:
                    return rows[i]
        # An insertion point (an omission's place in the target) has no sentence of its own.
        for loc, rows, doc in ((f.target, row_of_target, tgt), (f.source, row_of_source, src)):
            if loc is not None and loc.span is not None:
                k = _segment_at(doc, loc.span.start)
                if k is not None and k in rows:
                    return rows[k]
        return None

    homes = {id(f): home(f) for f in report.findings} if with_findings else {}

    def position(f: Finding) -> tuple[int, int]:
        k = homes[id(f)]
        loc = f.target if f.target is not None and f.target.span is not None else f.source
        return (len(report.alignments) if k is None else k, loc.span.start if loc and loc.span else 0)

    # Document order, so that "next finding" walks down the article; sorted() is stable, so
    # findings at one place keep the order the rules gave them.
    findings = sorted(report.findings, key=position) if with_findings else []
    views: list[FindingView] = []
    src_marks: dict[int, list[tuple[int, int, str, Severity]]] = {}
    tgt_marks: dict[int, list[tuple[int, int, str, Severity]]] = {}
    src_flags: dict[int, list[tuple[str, Severity]]] = {}
    tgt_flags: dict[int, list[tuple[str, Severity]]] = {}
    row_findings: dict[int, list[str]] = {}
    for f in findings:
        fid = ids.new()
        k = homes[id(f)]
        if k is not None:
            row_findings.setdefault(k, []).append(fid)
        _collect(src, f.source, fid, f.severity, src_marks, src_flags)
        _collect(tgt, f.target, fid, f.severity, tgt_marks, tgt_flags)
        views.append(_finding_view(f, fid, f"{pid}r{k}" if k is not None else None, src, tgt))

    weak = _weak_test(_plain(report.signature), report.similarity)
    rows: list[RowView] = []
    for k, a in enumerate(report.alignments):
        source = tuple(_segment_view(src, i, src_marks, src_flags) for i in a.source)
        target = tuple(_segment_view(tgt, j, tgt_marks, tgt_flags) for j in a.target)
        if not a.target:
            kind = "om"
        elif not a.source:
            kind = "ad"
        elif a.score is not None and weak(a.score, min(_side_chars(src, a.source), _side_chars(tgt, a.target))):
            kind = "wk"
        else:
            kind = ""
        rows.append(
            RowView(
                id=f"{pid}r{k}",
                number=k + 1,
                kind=kind,
                score="" if a.score is None else f"{a.score:.2f}",
                source=source,
                target=target,
                findings=" ".join(_row_ids(row_findings.get(k, []), source + target)),
            )
        )
    strip, positions = _strip(report, rows, views)
    return PairView(
        id=pid,
        number=number + 1,
        source_path=src.path,
        target_path=tgt.path,
        source_language=src.language,
        target_language=tgt.language,
        source_rtl=src.language.split("-")[0].lower() in _RTL,
        target_rtl=tgt.language.split("-")[0].lower() in _RTL,
        rows=tuple(rows),
        findings=tuple(views),
        counts=report.summary(),
        strip=strip,
        positions=positions,
        stats=_stats(report, rows),
        signature=_pretty(_plain(report.signature)),
        warnings=report.warnings,
    )


def _row_ids(home: list[str], segments: Iterable[SegmentView]) -> list[str]:
    """The findings a row holds: those placed in it, and those drawn on its sentences (the
    second of two added sentences, say), in order and once each."""
    ids = dict.fromkeys(home)
    for seg in segments:
        for fid in seg.flags.split():
            ids.setdefault(fid)
        for fr in seg.fragments:
            for fid in fr.ids.split():
                ids.setdefault(fid)
    return list(ids)


def _segment_at(doc: Document, offset: int) -> int | None:
    """The segment holding an original-text offset, or the last one before it."""
    k = bisect.bisect_right([seg.span.start for seg in doc.segments], offset) - 1
    return doc.segments[k].index if k >= 0 else None


def _side_chars(doc: Document, indices: tuple[int, ...]) -> int:
    return sum(len(doc.segments[i].text) for i in indices) + max(0, len(indices) - 1)


def _weak_test(signature: dict[str, Any], scale: SimilarityScale | None) -> Callable[[float, int], bool]:
    """Whether a bead of this cosine and this many characters (the shorter side) is weak, as
    TC504 judges it: on the pair's own similarity scale, with the cut-off of the encoder that
    judged the pair, as the report recorded them, so the page agrees with the rule. Nothing
    is weak where the encoder does not read the pair or the report has no scale (a Report
    built by hand): a raw cosine means different things for different encoders."""
    if scale is None or signature.get("encoder_reads_pair") is False:
        return lambda cosine, chars: False
    recorded = (signature.get("thresholds") or {}).get("TC504") or {}
    encoder = str(signature.get("encoder") or "")
    # The cut-off of the encoder that judged the pair (TC504 records one per encoder).
    key = "similarity_e5" if encoder.startswith("multilingual-e5") else "similarity"
    cut = float(recorded.get(key, WEAK_SIMILARITY.get(encoder, WEAK_SIMILARITY_OTHER)))
    min_chars = float(recorded.get("min_chars", WEAK_MIN_CHARS))
    return lambda cosine, chars: chars >= min_chars and scale.normalised(cosine) < cut


def _collect(
    doc: Document,
    loc: Location | None,
    fid: str,
    severity: Severity,
    marks: dict[int, list[tuple[int, int, str, Severity]]],
    flags: dict[int, list[tuple[str, Severity]]],
) -> None:
    """Record where a finding is drawn on one side: a highlighted range or a whole sentence."""
    if loc is None:
        return
    for i in loc.segments:
        seg = doc.segments[i]
        if loc.span is None:
            flags.setdefault(i, []).append((fid, severity))
            continue
        rng = local_range(seg, loc.span)
        if rng is None or rng[0] == rng[1]:
            continue
        if rng == (0, len(seg.text)):
            flags.setdefault(i, []).append((fid, severity))
        else:
            marks.setdefault(i, []).append((rng[0], rng[1], fid, severity))


def _most_severe(severities: Iterable[Severity]) -> str:
    return _SEV_CLASS[max(severities, key=lambda s: s.rank)]


def _segment_view(
    doc: Document,
    index: int,
    marks: dict[int, list[tuple[int, int, str, Severity]]],
    flags: dict[int, list[tuple[str, Severity]]],
) -> SegmentView:
    seg = doc.segments[index]
    text = seg.text
    ranges = marks.get(index, [])
    # Findings may overlap ("Alexei Reznikov" forbidden, "Alexei" inconsistent): cut the text
    # at every boundary, and give each piece every finding that covers it.
    cuts = sorted({0, len(text), *(b for r in ranges for b in r[:2])})
    fragments: list[Fragment] = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [(fid, sev) for (i, j, fid, sev) in ranges if i <= a and b <= j]
        if covering:
            fragments.append(
                Fragment(text[a:b], " ".join(fid for fid, _ in covering), _most_severe(s for _, s in covering))
            )
        elif fragments and not fragments[-1].ids:
            fragments[-1] = Fragment(fragments[-1].text + text[a:b])
        else:
            fragments.append(Fragment(text[a:b]))
    whole = flags.get(index, [])
    line, _ = doc.line_col(seg.span.start)
    return SegmentView(
        line=line,
        fragments=tuple(fragments),
        heading=seg.is_heading,
        flags=" ".join(fid for fid, _ in whole),
        flag_sev=_most_severe(s for _, s in whole) if whole else "",
    )


def _where(doc: Document | None, loc: Location | None, path: str | None = None) -> tuple[str, str | None]:
    if loc is None:
        return "", None
    if doc is None:
        return path or "", None
    place = resolve(doc, loc)
    return f"{doc.language} {place.line}:{place.column}", place.span_text


@cache
def _documented() -> frozenset[str]:
    return frozenset(r.code for r in RULES)


def _finding_view(
    f: Finding,
    fid: str,
    row: str | None,
    src: Document | None,
    tgt: Document | None,
    source_path: str | None = None,
    target_path: str | None = None,
) -> FindingView:
    source_where, source_span = _where(src, f.source, source_path)
    target_where, target_span = _where(tgt, f.target, target_path)
    return FindingView(
        id=fid,
        code=f.code,
        rule=f.rule,
        severity=f.severity.value,
        sev=_SEV_CLASS[f.severity],
        message=f.message,
        suggestion=f.suggestion,
        suppressed=f.suppressed,
        row=row,
        source_where=source_where,
        target_where=target_where,
        source_span=source_span,
        target_span=target_span,
        documented=f.code in _documented(),
    )


def _stats(report: Report, rows: Sequence[RowView]) -> str:
    kinds = {"om": 0, "ad": 0, "wk": 0}
    for r in rows:
        if r.kind:
            kinds[r.kind] += 1
    matched = sum(1 for a in report.alignments if a.source and a.target)
    parts = [
        f"{len(report.source.segments)} / {len(report.target.segments)} sentences",
        f"{matched} aligned pair{'' if matched == 1 else 's'}",
    ]
    for key, word in (("om", "omitted"), ("ad", "added"), ("wk", "weak")):
        if kinds[key]:
            parts.append(f"{kinds[key]} {word}")
    return " · ".join(parts)


def _strip(
    report: Report, rows: Sequence[RowView], findings: Sequence[FindingView]
) -> tuple[tuple[StripMark, ...], tuple[int, ...]]:
    """The overview strip: each row as wide as its text is long, so that the strip reads like
    the scrolled article; bands where the alignment is weak or missing, ticks for findings."""
    weights = []
    for a in report.alignments:
        chars = max(_side_chars(report.source, a.source), _side_chars(report.target, a.target))
        weights.append(chars + 60)  # a row's padding and gutter, in characters' worth
    total = float(sum(weights)) or 1.0
    starts: list[float] = []
    acc = 0.0
    for w in weights:
        starts.append(acc / total * 1000)
        acc += w
    marks: list[StripMark] = []
    for k, r in enumerate(rows):
        if r.kind:
            width = max(weights[k] / total * 1000, 2.0)
            marks.append(StripMark(round(starts[k], 1), round(width, 1), r.kind, row=r.id))
    by_row = {r.id: k for k, r in enumerate(rows)}
    order = {"e": 0, "w": 1, "i": 2}
    # Errors last, so they are drawn over warnings at the same place.
    for fv in sorted(findings, key=lambda fv: -order[fv.sev]):
        if fv.row is None:
            continue
        k = by_row[fv.row]
        centre = starts[k] + weights[k] / total * 500
        marks.append(StripMark(round(max(0.0, centre - 2), 1), 4.0, f"t {fv.sev}", ids=fv.id, row=fv.row))
    return tuple(marks), tuple(int(s) for s in starts)


def _plain(signature: Signature | None) -> dict[str, Any]:
    """A report's signature as the JSON report writes it."""
    return signature.as_dict() if signature is not None else {}


def _pretty(signature: dict[str, Any]) -> str:
    return json.dumps(signature, ensure_ascii=False, indent=2, sort_keys=False, default=str)


# ---------------------------------------------------------------------------------------
# The page


def script_json(data: Any) -> Markup:
    """JSON that can sit inside a <script> element: nothing in it can close the element or
    open a comment, whatever the article says (`</script>`, `<!--`), because `<`, `>` and `&`
    are written as \\u escapes, which JSON.parse reads back as the same characters."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


@dataclass(frozen=True)
class Asset:
    text: str
    sha256: str  # base64, as CSP writes it


@cache
def _asset(name: str) -> Asset:
    text = resources.files("checker.report").joinpath("templates", name).read_text(encoding="utf-8")
    # The asset is inlined as the element's whole content, so nothing in it may end the element.
    closing = "</style" if name.endswith(".css") else "</script"
    if closing in text.lower():
        raise ValueError(f"{name} contains {closing}")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Asset(text, digest)


def stylesheet() -> Asset:
    return _asset("review.css")


def script() -> Asset:
    return _asset("review.js")


def content_security_policy() -> str:
    """Only the page's own style and script, by hash; no request of any kind."""
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src 'sha256-{script().sha256}'",
            f"style-src 'sha256-{stylesheet().sha256}'",
            # The favicon is an empty data: URL, so that no browser asks a server for one.
            "img-src data:",
            "connect-src 'none'",
            "font-src 'none'",
            "media-src 'none'",
            "object-src 'none'",
            "frame-src 'none'",
            "worker-src 'none'",
            "manifest-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            # The script writes text with textContent only; with Trusted Types required, an
            # HTML sink (innerHTML, document.write) would throw instead of parsing anything.
            "require-trusted-types-for 'script'",
            "trusted-types 'none'",
        ]
    )


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("checker.report", "templates"),
        autoescape=True,  # every template here is HTML: escape everything not marked safe
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def rule_docs() -> tuple[RuleDoc, ...]:
    """Every rule's documentation, from its own docstring (Markdown, raw HTML not allowed)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False})
    return tuple(
        RuleDoc(r.code, r.slug, r.severity.value, r.summary, Markup(md.render(r.documentation())))
        for r in RULES
    )


def _page(
    *,
    mode: str,
    title: str,
    pairs: Sequence[PairView],
    signature: dict[str, Any],
    findings: Sequence[Finding],
) -> str:
    counts = severity_counts(findings)
    by_rule: dict[tuple[str, str], list[int]] = {}
    for f in findings:
        c = by_rule.setdefault((f.code, f.rule), [0, 0])
        c[0 if f.suppressed is None else 1] += 1
    rules = [
        {"code": code, "rule": rule, "count": n, "suppressed": s}
        for (code, rule), (n, s) in sorted(by_rule.items())
    ]
    views = [fv for p in pairs for fv in p.findings]
    data = {
        "mode": mode,
        "findings": [
            {
                "id": fv.id,
                "code": fv.code,
                "rule": fv.rule,
                "severity": fv.severity,
                "message": fv.message,
                "suggestion": fv.suggestion,
                "suppressed": fv.suppressed,
                "row": fv.row,
                "pair": p.id,
                "spans": [s for s in (fv.source_span, fv.target_span) if s],
            }
            for p in pairs
            for fv in p.findings
        ],
        "pairs": [{"id": p.id, "positions": list(p.positions)} for p in pairs],
    }
    languages = sorted({f"{p.source_language} → {p.target_language}" for p in pairs if p.source_language})
    template = _environment().get_template("review.html.j2")
    return template.render(
        mode=mode,
        title=title,
        version=__version__,
        csp=content_security_policy(),
        css=Markup(stylesheet().text),
        js=Markup(script().text),
        data=script_json(data),
        pairs=pairs,
        counts=counts,
        severities=[s.value for s in _SEVERITIES],
        sev_class={s.value: _SEV_CLASS[s] for s in _SEVERITIES},
        rules=rules,
        languages=languages,
        signature=signature,
        signature_text=_pretty(signature),
        glossaries=signature.get("glossaries") or [],
        has_suppressed=any(f.suppressed is not None for f in findings),
        total_findings=len(views),
        rule_docs=rule_docs(),
    )
