"""Rules read straight off the alignment: omissions, additions, untranslated and weak pairs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from checker.align import similarity_scale
from checker.embed import judges_meaning
from checker.text.langid import sentence_language
from checker.language.conventions import language_key
from checker.model import Document, Finding, Location, Segment, Severity, Span
from checker.rules.base import CheckContext, Languages, Pair, Rule, Scope, Supersedes

# A segment needs this many letters to count as prose: page furniture like "—", "***",
# "1." or a lone figure caption number is neither an omission nor an addition worth an error.
MIN_LETTERS = 2

# TC504: an aligned pair is suspicious below this similarity, normalised per document (the
# aligner's SimilarityScale: 0 = the document's typical unrelated pair, 1 = its typical best
# match), per encoder, since encoders squeeze cosines differently (unrelated/translation:
# USE ~0.15/0.7, e5 ~0.79/0.90). Calibrated on gold 1-1 pairs of 40+ characters against
# every other pair of the same document:
# - USE, wmt-ru-en-dev (1,894 correct pairs, 23,414 others): no correct pair under 0.25
#   (the lowest 0.30; the lowest 0.1% at 0.44), 85% of the others under it (the raw cosine
#   at 0.35, used before: none and 86%); PUD de/ru/zh: none, 85–93%.
# - e5, wmt22-uk-en-conv (1,269 correct, 43,403 others): no correct pair under 0.20 (the
#   lowest 0.24; the lowest 0.1% at 0.38), 77% of the others under it; PUD fi/cs/hi (the
#   other languages ``auto`` gives e5): none, 83–85%.
WEAK_SIMILARITY = {"use-multilingual-v3": 0.25, "multilingual-e5-small-q4": 0.20}
# Any other encoder (st:MODEL): USE's value, on the same normalised scale.
WEAK_SIMILARITY_OTHER = WEAK_SIMILARITY["use-multilingual-v3"]
# ... and only for pairs long enough for cosine to mean something: short headings and
# bylines score low against a correct translation as often as against a wrong one.
WEAK_MIN_CHARS = 40

# TC503: a target sentence is "in the source language" when at least this share of its
# letters is in the source's script (Cyrillic target text in an English translation), or,
# for two languages that share a script, when langdetect says so on a sentence of this many
# letters or more (shorter ones are too often mislabelled).
SCRIPT_SHARE = 0.5
DETECT_MIN_LETTERS = 40
IDENTICAL_MIN_LETTERS = 20

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def letters(text: str) -> int:
    return len(_LETTER.findall(text))


def script_of(ch: str) -> str:
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0] if name else ""
    return _SCRIPT_ALIASES.get(first, first)


_SCRIPT_OF_LANGUAGE = {
    "ru": "CYRILLIC", "uk": "CYRILLIC", "be": "CYRILLIC", "bg": "CYRILLIC", "sr": "CYRILLIC",
    "mk": "CYRILLIC", "kk": "CYRILLIC", "el": "GREEK", "he": "HEBREW", "ar": "ARABIC", "fa": "ARABIC",
    "ka": "GEORGIAN", "hy": "ARMENIAN", "hi": "DEVANAGARI", "mr": "DEVANAGARI", "ne": "DEVANAGARI",
    "th": "THAI", "ko": "HANGUL", "ja": "CJK", "zh": "CJK",
}
# Kana is Japanese text as much as its kanji are: one script for the share.
_SCRIPT_ALIASES = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "KATAKANA-HIRAGANA": "CJK"}


def script_share(text: str, script: str) -> float:
    found = _LETTER.findall(text)
    if not found:
        return 0.0
    return sum(1 for ch in found if script_of(ch) == script) / len(found)


def _insertion_point(doc: Document, ctx: CheckContext, bead_index: int) -> Location:
    """Where, in the target, a sentence that has no translation would have gone: just after
    the translation of what precedes it (or before what follows, at the very start)."""
    for a in reversed(ctx.alignments[:bead_index]):
        if a.target:
            end = doc.segments[a.target[-1]].span.end
            return Location((), Span(end, end))
    for a in ctx.alignments[bead_index + 1 :]:
        if a.target:
            start = doc.segments[a.target[0]].span.start
            return Location((), Span(start, start))
    return Location((), Span(0, 0))


def _whole(segments: tuple[Segment, ...]) -> Location:
    return Location(tuple(s.index for s in segments), Span(segments[0].span.start, segments[-1].span.end))


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _null_runs(ctx: CheckContext, side: str) -> Iterator[tuple[int, tuple[Segment, ...]]]:
    """Consecutive beads with only ``side`` filled, grouped per paragraph: (first bead, segments).

    A dropped paragraph is one finding for an editor, not one per sentence.
    """
    doc = ctx.source if side == "source" else ctx.target
    run: list[Segment] = []
    first = 0
    for k, a in enumerate(ctx.alignments):
        mine, other = (a.source, a.target) if side == "source" else (a.target, a.source)
        segs = [doc.segments[i] for i in mine] if mine and not other else []
        if run and (not segs or segs[0].block != run[-1].block):
            if letters(" ".join(s.text for s in run)) >= MIN_LETTERS:
                yield first, tuple(run)
            run = []
        if segs:
            if not run:
                first = k
            run.extend(segs)
    if run and letters(" ".join(s.text for s in run)) >= MIN_LETTERS:
        yield first, tuple(run)


class Omission(Rule):
    """
    ## What it does
    Flags a source sentence that the aligner matched with no target sentence.

    ## Why
    A dropped sentence is the error readers never notice and editors most need to see:
    a qualification, an attribution or a denial that the translation silently lost.

    ## Example
    Source: «Вторжения не будет», — заявил он. Так, Байден заявил, что …
    Target: For example, Biden said that …      (the first sentence is missing)
    """

    code = "TC501"
    slug = "omission"
    severity = Severity.ERROR
    summary = "A source sentence has no translation."
    messages = {
        "one": "Source sentence not translated: “{start}”",
        "many": "{count} source sentences not translated: “{start}”",
    }

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for first, segs in _null_runs(ctx, side="source"):
            yield self.finding(
                "one" if len(segs) == 1 else "many",
                source=_whole(segs),
                target=_insertion_point(ctx.target, ctx, first),
                count=len(segs),
                start=_short(segs[0].text),
            )


class Addition(Rule):
    """
    ## What it does
    Flags a target sentence that the aligner matched with no source sentence.

    ## Why
    An invented sentence, or text left over from another article, puts words in the
    source's mouth. Editors' own additions (context for foreign readers) are legitimate,
    which is why this is a warning: look at it, then keep it or cut it.

    ## Example
    Target: Kremlin spokesman Dmitry Peskov explained …   (nothing like it in the source)
    """

    code = "TC502"
    slug = "addition"
    severity = Severity.WARNING
    summary = "A target sentence has no source."
    messages = {
        "one": "Target sentence has no counterpart in the source: “{start}”",
        "many": "{count} target sentences have no counterpart in the source: “{start}”",
    }

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for _, segs in _null_runs(ctx, side="target"):
            yield self.finding(
                "one" if len(segs) == 1 else "many", target=_whole(segs), count=len(segs), start=_short(segs[0].text)
            )


class Untranslated(Rule):
    """
    ## What it does
    Flags a target sentence that is still in the source language, or is identical to
    the source sentence it is aligned with.

    ## Why
    A paragraph pasted from the original and never translated is easy to miss in a long
    article, and embarrassing in print.

    ## Example
    Source: Глава государства подписал указ.
    Target: Глава государства подписал указ.
    """

    code = "TC503"
    slug = "untranslated"
    severity = Severity.ERROR
    summary = "A target sentence is in the source language, or identical to its source."
    messages = {
        "identical": "Target sentence looks untranslated (identical to its source)",
        "script": "Target sentence looks untranslated (written in the source's script ({language}))",
        "detected": "Target sentence looks untranslated (detected as {language})",
    }
    # A sentence left in the source language is one finding; what other rules read into it
    # (its numbers "missing", its names "inconsistent") only repeats it.
    supersedes = (Supersedes(Scope.TARGET_SENTENCES),)

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        src_lang, tgt_lang = ctx.source.language, ctx.target.language
        # With both sides in one language (an en→en edit, or a target that is still wholly
        # in the source language) only "identical to its source" can be told.
        other_language = src_lang != tgt_lang
        # by primary subtag: langdetect names Chinese "zh-cn" and "zh-tw"
        src_script = _SCRIPT_OF_LANGUAGE.get(language_key(src_lang))
        tgt_script = _SCRIPT_OF_LANGUAGE.get(language_key(tgt_lang), "LATIN")
        source_of = {j: p for p in ctx.pairs() for j in (s.index for s in p.target)}
        for seg in ctx.target.segments:
            pair = source_of.get(seg.index)
            n = letters(seg.text)
            if n < MIN_LETTERS:
                continue
            reason = None
            if pair is not None and pair.source and n >= IDENTICAL_MIN_LETTERS and _same(seg.text, pair.source_text):
                reason = "identical"
            elif not other_language:
                continue
            elif src_script and src_script != tgt_script and script_share(seg.text, src_script) >= SCRIPT_SHARE:
                reason = "script"
            elif (
                (src_script is None or src_script == tgt_script)
                and n >= DETECT_MIN_LETTERS
                and language_key(sentence_language(seg.text) or "") == language_key(src_lang)
            ):
                reason = "detected"
            if reason:
                yield self.finding(
                    reason,
                    source=pair.source_location() if pair is not None and pair.source else None,
                    target=_whole((seg,)),
                    language=src_lang,
                )


def _same(a: str, b: str) -> bool:
    def norm(t: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", t.casefold()).split())

    return norm(a) == norm(b)


class WeakAlignment(Rule):
    """
    ## What it does
    Flags an aligned pair whose meanings, as the sentence encoder sees them, are far apart.

    ## Why
    A pair the aligner could only match by position may be a mistranslation, a sentence
    replaced by another, or a partial translation. The encoder is not a judge of quality,
    so this is a warning: it points an editor at the pair to read. Similarity is judged on
    the document's own scale (0 is its typical unrelated pair, 1 its typical translation):
    below 0.25 with USE, 0.20 with multilingual-e5. It stays silent for a language pair the
    encoder was not trained on (USE with Ukrainian, when the `multilingual` extra that
    `--encoder auto` would use for it is not installed).

    ## Example
    Source: Москва категорически отрицает обвинения.
    Target: The weather in Moscow was sunny all week.
    """

    code = "TC504"
    slug = "weak-alignment"
    thresholds = {
        "similarity": WEAK_SIMILARITY["use-multilingual-v3"],
        "similarity_e5": WEAK_SIMILARITY["multilingual-e5-small-q4"],
        "min_chars": WEAK_MIN_CHARS,
    }
    severity = Severity.WARNING
    summary = "An aligned pair is so dissimilar that it may be mistranslated."
    languages = Languages(condition="where the pair's encoder reads both languages: USE's 16, or e5's ~100 with the multilingual extra")
    messages = {
        "weak": "Aligned sentences differ in meaning (similarity {similarity:.2f}, where 1 is this document's"
        " typical pair); check the translation"
    }

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        # Outside the encoder's languages (USE and Ukrainian) good pairs score as low as bad
        # ones (0.24 seen on a correct uk-en pair), so the rule has nothing to go on.
        if ctx.encoder is None or not judges_meaning(ctx.encoder, ctx.source.language, ctx.target.language):
            return
        scale = similarity_scale(ctx.similarity, ctx.encoder)
        # The configuration may replace the cut-off of the encoder that judged this pair.
        key = "similarity_e5" if ctx.encoder.name.startswith("multilingual-e5") else "similarity"
        limit = ctx.threshold(self.code, key, WEAK_SIMILARITY.get(ctx.encoder.name, WEAK_SIMILARITY_OTHER))
        min_chars = ctx.threshold(self.code, "min_chars", WEAK_MIN_CHARS)
        for pair in ctx.matched_pairs():
            score = pair.alignment.score
            if score is None or scale.normalised(score) >= limit:
                continue
            if min(len(pair.source_text), len(pair.target_text)) < min_chars:
                continue
            yield self._weak(pair, scale.normalised(score))

    def _weak(self, pair: Pair, score: float) -> Finding:
        return self.finding("weak", source=pair.source_location(), target=pair.target_location(), similarity=score)
