"""Mine candidate glossary entries from aligned translation pairs.

``suggest_entries`` finds the proper names of the source side (capitalised words that do not
merely start a sentence, put into the nominative), pairs each occurrence with its rendering
on the target side, and counts renderings across all pairs. ``render_suggestions`` writes the
result as commented-out YAML entries for an editor to review. Pure functions: no I/O.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from checker.glossary.schema import Term

MAX_EXAMPLES = 2
EXAMPLE_CHARS = 110


@dataclass(frozen=True)
class Suggestion:
    """A source name and the renderings it received, most frequent first."""

    source: str  # nominative: "Алексей Резников"
    renderings: tuple[tuple[str, int], ...]  # (rendering, count): ("Alexei Reznikov", 1)
    count: int  # occurrences with a rendering
    examples: tuple[tuple[str, str], ...]  # (source text, target text), first occurrences

    @property
    def inconsistent(self) -> bool:
        """The name received more than one rendering: the case a glossary entry settles."""
        return len(self.renderings) > 1


@dataclass(frozen=True)
class _Hit:
    lemma: str
    rendering: str
    source_at: int = 0  # where the name starts in the source text (for example windows)
    target_at: int = 0


def suggest_entries(
    pairs: Iterable[tuple[str, str]], source_language: str, *, known: Sequence[Term] = ()
) -> list[Suggestion]:
    """Candidate entries from aligned (source text, target text) pairs.

    Names already among ``known`` sources are left out. Order: names with several renderings
    first, then by count (descending), then alphabetically."""
    renderings: dict[str, Counter[str]] = {}
    examples: dict[str, list[tuple[str, str]]] = {}
    first_seen: dict[str, int] = {}
    for n, (source_text, target_text) in enumerate(pairs):
        for hit in _names_in(source_text, target_text, source_language):
            renderings.setdefault(hit.lemma, Counter())[hit.rendering] += 1
            first_seen.setdefault(hit.lemma, n)
            ex = examples.setdefault(hit.lemma, [])
            example = (_window(source_text, hit.source_at), _window(target_text, hit.target_at))
            if len(ex) < MAX_EXAMPLES and example not in ex:
                ex.append(example)
    known_forms = {_fold(s) for t in known for s in t.source}
    out = []
    for lemma, counter in renderings.items():
        if _fold(lemma) in known_forms:
            continue
        ranked = tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))
        out.append(Suggestion(lemma, ranked, sum(counter.values()), tuple(examples[lemma])))
    out.sort(key=lambda s: (not s.inconsistent, -s.count, s.source))
    return out


def _window(text: str, at: int) -> str:
    """About ``EXAMPLE_CHARS`` of ``text`` around offset ``at``, on one line."""
    start = max(0, min(at - EXAMPLE_CHARS // 3, len(text) - EXAMPLE_CHARS))
    piece = " ".join(text[start : start + EXAMPLE_CHARS].split())
    return ("…" if start > 0 else "") + piece + ("…" if start + EXAMPLE_CHARS < len(text) else "")


def _fold(s: str) -> str:
    return " ".join(s.split()).casefold()


def _names_in(source_text: str, target_text: str, language: str) -> list[_Hit]:
    from checker.language.personal_names import pair_names

    pairs = pair_names(source_text, target_text, language)
    hits: list[_Hit] = []
    # pair_names pairs word by word; adjacent names on both sides are one multi-word name
    # ("Алексей" + "Резников" → "Alexei" + "Reznikov").
    i = 0
    while i < len(pairs):
        j = i
        while (
            j + 1 < len(pairs)
            and _joinable(pairs[j].kind, pairs[j + 1].kind)
            and not source_text[pairs[j].source_span.end : pairs[j + 1].source_span.start].strip()
            and not target_text[pairs[j].target_span.end : pairs[j + 1].target_span.start].strip()
        ):
            j += 1
        lemma = " ".join(p.source_lemma for p in pairs[i : j + 1])
        rendering = target_text[pairs[i].target_span.start : pairs[j].target_span.end]
        rendering = re.sub(r"['’]s$", "", rendering)
        hits.append(_Hit(lemma, rendering, pairs[i].source_span.start, pairs[i].target_span.start))
        i = j + 1
    return hits


def _joinable(a: str, b: str) -> bool:
    # "Украины Алексей Данилов": a place next to a person is two names, not one.
    places = ("Geox", "Orgn")
    return a == b or (a not in places and b not in places)


# --------------------------------------------------------------------------- rendering


def render_suggestions(suggestions: Sequence[Suggestion], glossary_text: str = "") -> str:
    """Commented-out YAML entries; uncommented (drop ``# ``), each is a valid entry of the
    ``terms`` list of ``glossary_text`` (its indentation is followed)."""
    from checker.glossary.layout import sequence_indent

    dash, key = sequence_indent(glossary_text) if glossary_text else (2, 4)
    lines = ["", "# --- suggested by `transcheck glossary suggest`: review, then uncomment ---"]
    if not suggestions:
        lines.append("# (no names found)")
    for s in suggestions:
        counts = ", ".join(f"{r} ({n})" for r, n in s.renderings)
        what = f"{len(s.renderings)} renderings" if s.inconsistent else "1 rendering"
        lines.append(f"# {s.source}: seen {s.count}×, {what}: {counts}")
        for src, tgt in s.examples:
            lines.append(f"#   e.g. {src}")
            lines.append(f"#        {tgt}")
        targets = [r for r, _n in s.renderings]
        target = _scalar(targets[0]) if len(targets) == 1 else "[" + ", ".join(_scalar(t) for t in targets) + "]"
        lines.append("# " + " " * dash + "- source: " + _scalar(s.source))
        lines.append("# " + " " * key + "target: " + target)
    return "\n".join(lines) + "\n"


_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#,\[\]{}\n]*(?<!\s)$")


def _scalar(value: Any) -> str:
    """A YAML scalar usable in flow and block context: plain when safe, else double-quoted."""
    s = str(value)
    if _PLAIN.match(s) and s.lower() not in ("true", "false", "yes", "no", "null", "on", "off", "~"):
        return s
    return json.dumps(s, ensure_ascii=False)
