"""Alignment as tab-separated values: score, source indices, target indices, both texts."""

from __future__ import annotations

from collections.abc import Sequence

from checker.model import Alignment, Document
from checker.report.common import printable


def _clean(text: str) -> str:
    # A tab or a newline would break the row; any other control is escaped, not obeyed.
    return printable(text.replace("\t", " ").replace("\n", " "))


def render_alignment(source: Document, target: Document, alignments: Sequence[Alignment]) -> str:
    lines = ["score\tsource\ttarget\tsource_text\ttarget_text"]
    for a in alignments:
        score = "" if a.score is None else f"{a.score:.4f}"
        src = " ".join(source.segments[i].text for i in a.source)
        tgt = " ".join(target.segments[j].text for j in a.target)
        lines.append(
            f"{score}\t{','.join(map(str, a.source))}\t{','.join(map(str, a.target))}\t{_clean(src)}\t{_clean(tgt)}"
        )
    return "\n".join(lines) + "\n"
