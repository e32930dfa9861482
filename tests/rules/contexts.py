"""Check contexts for rule tests: sentences aligned one to one, and the seed article."""

from __future__ import annotations

import re
from pathlib import Path

from checker.model import Alignment, Document, Segment, Span
from checker.rules.base import CheckContext

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def document(sentences: list[str], language: str) -> Document:
    segments, pos = [], 0
    for i, sentence in enumerate(sentences):
        segments.append(Segment(i, sentence, Span(pos, pos + len(sentence))))
        pos += len(sentence) + 1
    return Document(f"{language}.txt", language, "\n".join(sentences), tuple(segments))


def context(source: list[str], target: list[str], source_language: str = "ru", target_language: str = "en") -> CheckContext:
    """Sentence i of the source aligned with sentence i of the target."""
    assert len(source) == len(target)
    alignments = tuple(Alignment((i,), (i,), 1.0) for i in range(len(source)))
    return CheckContext(document(source, source_language), document(target, target_language), alignments)


def seed_context(encoder: object = None) -> CheckContext:
    """The Lenta.ru seed article, one segment per sentence; the English paragraph with no
    source (Putin approving the Foreign Ministry's response) is a 0-2 bead."""
    split = re.compile(r"(?<=[.!?»”\"])\s+(?=[«“\"A-ZА-ЯЁ])")

    def paragraphs(path: Path) -> list[list[str]]:
        text = path.read_text(encoding="utf-8")
        return [split.split(p.strip()) for p in text.split("\n\n") if p.strip()]

    ru = paragraphs(SEEDS / "lenta-kalachev" / "ru.txt")
    en = paragraphs(SEEDS / "lenta-kalachev" / "en.txt")
    extra = next(k for k, p in enumerate(en) if p[0].startswith("In addition, during the meeting"))
    source = [s for p in ru for s in p]
    target = [s for p in en for s in p]
    alignments, i, j = [], 0, 0
    for k, para in enumerate(en):
        if k == extra:
            alignments += [Alignment((), (j,)), Alignment((), (j + 1,))]
            j += len(para)
            continue
        for _ in para:
            alignments.append(Alignment((i,), (j,), 1.0))
            i, j = i + 1, j + 1
    assert i == len(source) and j == len(target)
    return CheckContext(
        document(source, "ru"), document(target, "en"), tuple(alignments), encoder=encoder  # type: ignore[arg-type]
    )
