"""Glossary rules: a term left untranslated or rendered the wrong way (TC101), a forbidden rendering (TC102).

Only glossaries whose ``source_language`` and ``target_language`` match the documents'
languages (by primary subtag: "en" covers "en-GB") take part. Matching is in
:mod:`checker.glossary.matching`.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.glossary.schema import Glossary, Term
from checker.model import Finding, Location, Segment, Severity
from checker.glossary.matching import (
    approved_forms,
    find_forbidden,
    find_target_forms,
    term_matcher,
)
from checker.language.conventions import language_key
from checker.language.morphology import WORD
from checker.language.personal_names import name_similarity
from checker.rules.base import CheckContext, Pair, Rule, Scope, Supersedes


def applicable_glossaries(ctx: CheckContext) -> tuple[Glossary, ...]:
    """The glossaries written for this language pair; the others are ignored."""
    src, tgt = language_key(ctx.source.language), language_key(ctx.target.language)
    return tuple(
        g
        for g in ctx.glossaries
        if language_key(g.source_language) == src and language_key(g.target_language) == tgt
    )


def _quoted(forms: tuple[str, ...]) -> str:
    return " or ".join(f'"{f}"' for f in forms)


class TermMissing(Rule):
    """Flags a glossary term in a source sentence whose translation has none of its approved renderings.

    ## What it does

    For every aligned pair of source and target sentences, finds each glossary term in
    the source (inflected forms included: "Киеве", "Алексея Резникова") and checks that
    the target contains one of the term's approved renderings (whole words, any case,
    possessives allowed: "Kyiv's"). It reports the first source occurrence of the term
    in the pair, points at the target sentence(s), and suggests the preferred rendering.

    To keep an error-level rule to real misses:

    - A term is checked once per pair, not once per occurrence: a translator may
      rightly replace a repeated name with "he" or "the minister".
    - If the target has one of the term's forbidden renderings instead, TC102 reports
      it, with the span; this rule stays silent rather than report the same problem twice.
    - A rendering in the target sentence just before or after the pair, in the same
      paragraph, also counts: sentence splits and merges differ between languages and
      the name may have moved to a neighbouring sentence.
    - Sentences with no counterpart (omissions) are left to the omission rules.
    - A bare surname counts as a mention only for entries with ``match_surname: true``;
      then the bare surname is also an accepted rendering ("Zelensky said").
    - A person named in full earlier in the target may be named by surname alone after
      that, as news style does ("Oleksii Reznikov said …" then "Reznikov told journalists"),
      whatever the source repeats.
    - Adjectives derived from a term ("Киевская область") are not mentions of it.

    ## Why

    Names of places and people have one agreed spelling per publication. A machine or
    human translation that drops a name or spells it some other way ("Zelenskiy",
    "Kiyv") slips past a reader who does not know the glossary.

    ## Example

    With the entry ``Киев → Kyiv``:

    ```
    source: Переговоры прошли в Киеве.
    target: The talks were held in the capital.     # TC101: expected "Kyiv"
    target: The talks were held in Kyiv.            # fine
    ```
    """

    code = "TC101"
    slug = "term-missing"
    severity = Severity.ERROR
    summary = "A glossary term in the source has none of its approved renderings in the target."
    messages = {"missing": "Term {term} has no approved rendering in the target: expected {expected}"}

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        glossaries = applicable_glossaries(ctx)
        if not glossaries:
            return
        target_lang = ctx.target.language
        matchers = [(g, term_matcher(g.terms, ctx.source.language)) for g in glossaries]
        for pair in ctx.matched_pairs():
            source_text = pair.source_text
            target_text: str | None = None
            neighbours: str | None = None
            for glossary, matcher in matchers:
                seen: set[int] = set()
                for match in matcher.find(source_text):
                    if match.term in seen:
                        continue
                    seen.add(match.term)
                    term = glossary.terms[match.term]
                    if target_text is None:
                        target_text = pair.target_text
                    if _rendered(term, target_text, target_lang):
                        continue
                    if neighbours is None:
                        neighbours = " ".join(s.text for s in _neighbours(ctx, pair))
                    if neighbours and _rendered(term, neighbours, target_lang):
                        continue
                    if _second_reference(ctx, pair, term, target_text):
                        continue
                    yield self._finding(pair, term, source_text, match.start, match.end, match.surname_only)

    def _finding(self, pair: Pair, term: Term, source_text: str, start: int, end: int, surname_only: bool) -> Finding:
        surface = source_text[start:end]
        name = f'"{term.source[0]}"'
        if surface.casefold() != term.source[0].casefold():
            name += f' (here "{surface}")'
        return self.finding(
            "missing",
            source=pair.source_location(start, end),
            target=Location(tuple(s.index for s in pair.target)),
            # The source's bare surname ("За словами Зеленського") wants the surname, not a
            # first name the source does not give.
            suggestion=term.preferred.split()[-1] if surname_only else term.preferred,
            term=name,
            expected=_quoted(term.target),
        )


def _rendered(term: Term, text: str, language: str) -> bool:
    """An approved or a forbidden rendering occurs in ``text``.

    A forbidden one is TC102's finding, or, inside an exception phrase ("the Second
    Battle of Kharkov"), a sanctioned rendering: either way not a missing term.
    """
    forms = approved_forms(term) + term.forbidden
    return bool(find_target_forms(forms, text, term.case_sensitive, language))


def _second_reference(ctx: CheckContext, pair: Pair, term: Term, target_text: str) -> bool:
    """A person named in full earlier in the translation, by surname alone here.

    News style gives a full name once and the surname after it ("— сказав Олексій
    Резніков" → "Reznikov told journalists"): no missing term, whatever the source repeats.
    Only for names (every word of the rendering capitalised, two to four of them: not
    "Ministry of Defence", whose last word alone names nothing) and only once the full
    rendering has been read.
    """
    full = [t for t in approved_forms(term) if 2 <= len(t.split()) <= 4 and all(w[:1].isupper() for w in t.split())]
    if not full:
        return False
    surnames = list(dict.fromkeys(t.split()[-1] for t in full))
    if not find_target_forms(surnames, target_text, term.case_sensitive, ctx.target.language):
        return False
    before = ctx.target.text[: pair.target[0].span.start]
    return bool(find_target_forms(full, before, term.case_sensitive, ctx.target.language))


def _neighbours(ctx: CheckContext, pair: Pair) -> list[Segment]:
    """The target segments right before and after the pair's, if in the same paragraph."""
    segments = ctx.target.segments
    first, last = pair.target[0], pair.target[-1]
    out = []
    if first.index > 0 and segments[first.index - 1].block == first.block:
        out.append(segments[first.index - 1])
    if last.index + 1 < len(segments) and segments[last.index + 1].block == last.block:
        out.append(segments[last.index + 1])
    return out


# How close (``name_similarity``, 0-100) a source name must sound to a forbidden surname to be
# taken for the person the target names: Зелинского/Zelensky 85, Зеленского/Zelensky 88, an
# unrelated name below 50.
NAMESAKE_SIMILARITY = 75.0


class TermForbidden(Rule):
    """Flags a rendering the glossary forbids, wherever it occurs in the target.

    ## What it does

    Scans every target sentence, aligned or not, for each glossary term's ``forbidden``
    forms (whole words, any case unless the term is case-sensitive, possessives allowed:
    "Kiev's"). An occurrence inside one of the term's ``exceptions`` ("Chicken Kiev",
    "Kievan Rus") is fine. Each occurrence is one finding, pointing at its exact span,
    with the term's preferred rendering as the suggestion. When the sentence is aligned
    to source text that mentions the term, the finding also points at that mention.

    Where two entries forbid the same text, only the first entry reports it.

    ## Why

    Many names have a spelling that a house style rules out: Russian-based
    transliterations of Ukrainian places and people ("Kiev", "Kharkov",
    "Alexei Reznikov"), or a dated usage ("the Ukraine"). Machine translation and
    older reference material keep producing them.

    ## Example

    With the entry ``Киев → Kyiv, forbidden: [Kiev], exceptions: [Chicken Kiev]``:

    ```
    target: He arrived in Kiev on Monday.       # TC102: "Kiev" → "Kyiv"
    target: He ordered chicken Kiev.            # fine: an exception
    ```
    """

    code = "TC102"
    slug = "term-forbidden"
    severity = Severity.ERROR
    summary = "A rendering the glossary forbids occurs in the target."
    messages = {
        "forbidden": '"{found}" is a forbidden rendering of "{term}": use "{preferred}"',
        "forbidden_note": '"{found}" is a forbidden rendering of "{term}": use "{preferred}" ({note})',
    }
    # TC201 sees a forbidden spelling as one more spelling of a name; where it proposes the
    # same fix at the same place, this rule's finding (with the glossary's note) is the one.
    supersedes = (Supersedes(Scope.SAME_SPAN_AND_FIX, ("TC201",)),)

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        glossaries = applicable_glossaries(ctx)
        if not glossaries:
            return
        bead_of: dict[int, Pair] = {}
        for pair in ctx.pairs():
            for seg in pair.target:
                bead_of[seg.index] = pair
        target_lang = ctx.target.language
        for seg in ctx.target.segments:
            found: list[tuple[int, int, Finding]] = []
            for glossary in glossaries:
                for term_index, term in enumerate(glossary.terms):
                    if not term.forbidden:
                        continue
                    hits = [
                        h
                        for h in find_forbidden(term, seg.text, target_lang)
                        if all(h[1] <= a or h[0] >= b for a, b, _ in found)
                        and not self._namesake(ctx, bead_of.get(seg.index), glossary, term_index, seg.text[h[0] : h[1]])
                    ]
                    for k, (start, end, _form) in enumerate(hits):
                        note = term.note.strip() if term.note else ""
                        finding = self.finding(
                            "forbidden_note" if note else "forbidden",
                            source=self._source(ctx, bead_of.get(seg.index), glossary, term_index, k),
                            target=Location((seg.index,), seg.original_span(start, end)),
                            suggestion=term.preferred,
                            found=seg.text[start:end],
                            term=term.source[0],
                            preferred=term.preferred,
                            note=note,
                        )
                        found.append((start, end, finding))
            found.sort(key=lambda x: x[0])
            yield from (f for _, _, f in found)

    @staticmethod
    def _namesake(ctx: CheckContext, pair: Pair | None, glossary: Glossary, term_index: int, found: str) -> bool:
        """Whether the forbidden spelling of a person's name renders somebody else the source names.

        "Fr. Vladimir Zelensky" for «о. Владимира Зелинского» is a spelling of the priest
        Зелинский, not the president's name spelt the forbidden way: the aligned source does
        not name the term's person, and a name in it sounds like the found surname.
        """
        term = glossary.terms[term_index]
        if not term.match_surname or pair is None or not pair.source:
            return False
        source = pair.source_text
        if any(m.term == term_index for m in term_matcher(glossary.terms, ctx.source.language).find(source)):
            return False
        surname = found.split()[-1]
        return any(
            w[:1].isupper() and name_similarity(w, ctx.source.language, surname) >= NAMESAKE_SIMILARITY
            for w in WORD.findall(source)
        )

    @staticmethod
    def _source(
        ctx: CheckContext, pair: Pair | None, glossary: Glossary, term_index: int, k: int
    ) -> Location | None:
        """The aligned source mention of the term (the k-th, or the last), else the aligned source."""
        if pair is None or not pair.source:
            return None
        matches = [
            m
            for m in term_matcher(glossary.terms, ctx.source.language).find(pair.source_text)
            if m.term == term_index
        ]
        if not matches:
            return Location(tuple(s.index for s in pair.source))
        m = matches[min(k, len(matches) - 1)]
        return pair.source_location(m.start, m.end)
