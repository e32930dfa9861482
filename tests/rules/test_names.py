"""TC201 name-inconsistent (checker.rules.names)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.model import Alignment, Document, Segment, Span
from checker.rules.base import CheckContext
from checker.rules.names import NameInconsistent

SEED = Path(__file__).resolve().parents[2] / "seeds" / "lenta-kalachev"


def document(path: str, language: str, text: str, spans: list[tuple[int, int]]) -> Document:
    segments = tuple(Segment(i, text[a:b], Span(a, b)) for i, (a, b) in enumerate(spans))
    return Document(path, language, text, segments)


def lines_document(language: str, lines: list[str]) -> Document:
    text = "\n".join(lines)
    spans, pos = [], 0
    for line in lines:
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return document(f"<{language}>", language, text, spans)


def check(source_lines: list[str], target_lines: list[str], language: str = "ru") -> list:
    source, target = lines_document(language, source_lines), lines_document("en", target_lines)
    alignments = tuple(Alignment((i,), (i,), 1.0) for i in range(len(source_lines)))
    return list(NameInconsistent().check(CheckContext(source, target, alignments)))


# --- the rule -------------------------------------------------------------------------


# --- the seed: lenta-kalachev ----------------------------------------------------------

_BOUNDARY = re.compile(r"[.!?][»”\"]?(?=\s+[«“\"А-ЯЁA-Z])")


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for m in _BOUNDARY.finditer(para.group()):
            spans.append((start, para.start() + m.end()))
            start = para.start() + m.end() + 1
            while text[start].isspace():
                start += 1
        spans.append((start, para.end()))
    return spans


def test_seed_lenta_kalachev() -> None:
    ru_text = (SEED / "ru.txt").read_text(encoding="utf-8")
    en_text = (SEED / "en.txt").read_text(encoding="utf-8")
    ru_spans, en_spans = _sentences(ru_text), _sentences(en_text)
    assert (len(ru_spans), len(en_spans)) == (25, 27)
    source = document("ru.txt", "ru", ru_text, ru_spans)
    target = document("en.txt", "en", en_text, en_spans)
    # English sentences 15 and 16 (Putin approved the reply; Peskov) have no source
    assert "Peskov" in target.segments[16].text
    alignments = [Alignment((i,), (i if i < 15 else i + 2,), 1.0) for i in range(25)]
    alignments[15:15] = [Alignment((), (15,)), Alignment((), (16,))]
    findings = list(NameInconsistent().check(CheckContext(source, target, tuple(alignments))))
    assert len(findings) == 1
    (f,) = findings
    assert f.code == "TC201" and f.rule == "name-inconsistent"
    assert f.message.startswith("Алексей is rendered as 'Alexei' (line ")
    assert "'Oleksiy' (line " in f.message
    # Both are introduced as Ukrainian officials ("... Украины Алексей"): the Russian form is
    # the one flagged, and the Ukrainian form is suggested.
    assert f.suggestion == "Oleksiy"
    assert f.target is not None and f.target.span is not None
    assert en_text[f.target.span.start : f.target.span.end] == "Alexei"
    assert f.source is not None and f.source.span is not None
    assert ru_text[f.source.span.start : f.source.span.end] == "Алексей"
    assert "Резников" in ru_text[f.source.span.start : f.source.span.end + 10]
