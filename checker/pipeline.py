"""read → segment → embed → align → rules: the whole check as one function call."""

from __future__ import annotations

import os
from collections.abc import Sequence

from checker import __version__
from checker.align import AlignResult, AlignTask, align_batch_scaled, settings_signature
from checker.config import Settings
from checker.embed import Encoder, EncoderChoice, choose_encoder, judges_meaning
from checker.errors import ConfigError
from checker.glossary.schema import Glossary
from checker.text.langid import detect_language
from checker.model import Alignment, Document, Finding, Report
from checker.language.morphology import language_key
from checker.text.reading import SourceText, read_text
from checker.rules import RULES
from checker.rules.alignment import Untranslated
from checker.rules.base import CheckContext, Rule
from checker.text.segment import segment


def load_document(
    path: str | os.PathLike[str], *, language: str | None = None, segmented: bool = False
) -> Document:
    """Read, detect the language (unless given) and split into sentences."""
    source = read_text(path, segmented=segmented)
    return _document(source, language or detect_language(source.text))


def _document(source: SourceText, language: str) -> Document:
    return Document(
        path=source.path,
        language=language,
        text=source.text,
        segments=segment(source, language),
        format=source.format,
        encoding=source.encoding,
    )


def load_pair(
    source_path: str | os.PathLike[str],
    target_path: str | os.PathLike[str],
    settings: Settings,
    glossaries: Sequence[Glossary] = (),
) -> tuple[Document, Document]:
    """Both documents, their languages given, detected, or stated by the glossaries."""
    source = read_text(source_path, segmented=settings.segmented)
    target = read_text(target_path, segmented=settings.segmented)
    src_lang = settings.source_language or detect_language(source.text)
    tgt_lang = settings.target_language or detect_language(target.text)
    src_lang, tgt_lang = resolve_languages(src_lang, tgt_lang, glossaries, settings)
    return _document(source, src_lang), _document(target, tgt_lang)


def resolve_languages(
    source: str, target: str, glossaries: Sequence[Glossary], settings: Settings
) -> tuple[str, str]:
    """The language pair to check, given the detected (or given) one and the glossaries.

    Detection misleads on short texts ("Zelensky arrives in Kharkov" reads as Norwegian)
    and on half-translated ones (a target still mostly in Russian reads as Russian). A
    glossary states the pair its user means: when none fits the detected pair but one
    agrees with it on one side, and the user fixed no language it contradicts, its pair
    wins. When none fits at all, checking would silently skip the glossary: an error.
    """
    if not glossaries:
        return source, target

    def same(a: str, b: str) -> bool:
        return language_key(a) == language_key(b)

    if any(same(g.source_language, source) and same(g.target_language, target) for g in glossaries):
        return source, target
    for g in glossaries:
        agrees = same(g.source_language, source) or same(g.target_language, target)
        allowed = (settings.source_language is None or same(g.source_language, source)) and (
            settings.target_language is None or same(g.target_language, target)
        )
        if agrees and allowed:
            return g.source_language, g.target_language
    g = glossaries[0]
    how = "given" if settings.source_language and settings.target_language else "detected"
    raise ConfigError(
        f"a {g.source_language}→{g.target_language} glossary, but the documents are {source}→{target} ({how});"
        " give --source-lang and --target-lang, or another glossary",
        path=g.path,
    )


def align_documents(source: Document, target: Document, encoder: Encoder, settings: Settings) -> tuple[Alignment, ...]:
    return align_scaled(source, target, encoder, settings).alignments


def align_scaled(source: Document, target: Document, encoder: Encoder, settings: Settings) -> AlignResult:
    """The alignment, and how this pair's similarities are spread (for the similarity rules).

    Whether ``encoder`` reads both languages sets how far the aligner trusts its similarities
    before it has measured them (a short document shows little)."""
    # Pre-segmented input carries no paragraph structure worth trusting: each line is its own block.
    blocks = not settings.segmented
    task = AlignTask(
        source.segment_texts(),
        target.segment_texts(),
        source_blocks=[s.block for s in source.segments] if blocks else None,
        target_blocks=[s.block for s in target.segments] if blocks else None,
        encoder_reads=judges_meaning(encoder, source.language, target.language),
    )
    return align_batch_scaled([task], encoder, settings.align)[0]


def encoder_for(source: Document, target: Document, settings: Settings, encoder: Encoder | None = None) -> EncoderChoice:
    """The encoder for this pair: ``encoder`` if given, else the one ``settings.encoder`` names
    ("auto": one that reads both languages, see :func:`checker.embed.choose_encoder`)."""
    if encoder is not None:
        return EncoderChoice(encoder, encoder.name, judges_meaning(encoder, source.language, target.language))
    return choose_encoder(settings.encoder, source.language, target.language)


def signature(
    settings: Settings,
    encoder: Encoder | EncoderChoice,
    glossaries: Sequence[Glossary] = (),
    rules: Sequence[str] | None = None,
) -> dict[str, object]:
    """What produced a report, so that a CI log can be reproduced (cf. sacrebleu's signature).

    ``encoder`` is the one that embedded (and judged) the pair; ``encoder_requested`` what the
    settings asked for ("auto" resolves per pair); ``encoder_reads_pair`` whether its
    similarity was trusted as evidence of meaning (TC504, TC303) for this language pair.
    """
    choice = encoder if isinstance(encoder, EncoderChoice) else None
    used = choice.encoder if choice is not None else encoder
    assert not isinstance(used, EncoderChoice)
    sig: dict[str, object] = {
        "transcheck": __version__,
        "encoder": used.name,
        "encoder_version": getattr(used, "version", None),
        "encoder_requested": choice.requested if choice is not None else settings.encoder,
        "encoder_reads_pair": choice.reads_pair if choice is not None else None,
        "segmented": settings.segmented,
        "align": settings_signature(settings.align),
    }
    if rules is not None:
        sig["rules"] = list(rules)
        sig["thresholds"] = {r.code: dict(r.thresholds) for r in RULES if r.code in rules and r.thresholds}
        sig["fail_on"] = settings.fail_on
        sig["glossaries"] = [{"path": g.path, "sha256": g.sha256[:16]} for g in glossaries]
    return sig


def enabled_rules(settings: Settings) -> list[type[Rule]]:
    return [r for r in RULES if settings.rule_enabled(r.code, r.slug)]


def run_rules(ctx: CheckContext, settings: Settings) -> tuple[Finding, ...]:
    findings: list[Finding] = []
    seen: set[tuple[object, ...]] = set()
    # RULES lists the most specific rules first: when a later rule points at the same target
    # span with the same fix (TC201 on a "Kharkov" that TC102 already flags), it says nothing new.
    for rule_cls in enabled_rules(settings):
        for f in rule_cls().check(ctx):
            key = (f.target.span if f.target else None, f.suggestion)
            if f.target is not None and f.target.span is not None and f.suggestion and key in seen:
                continue
            seen.add(key)
            findings.append(f)
    # A sentence left in the source language is one finding (TC503); what other rules read
    # into it (its numbers "missing", its names "inconsistent") only repeats it.
    untranslated = {j for f in findings if f.code == Untranslated.code and f.target for j in f.target.segments}
    if untranslated:
        findings = [
            f
            for f in findings
            if f.code == Untranslated.code or not (f.target and f.target.segments and set(f.target.segments) <= untranslated)
        ]
    bead_of = _bead_index(ctx.alignments)

    def document_order(f: Finding) -> tuple[int, int, str]:
        # As an editor reads the translation: by bead, then by position in the target.
        # A finding with no target side (an omission) sorts where its source sentence's bead sits.
        if f.target is not None and f.target.segments:
            bead = bead_of[("t", f.target.segments[0])]
        elif f.source is not None and f.source.segments:
            bead = bead_of[("s", f.source.segments[0])]
        else:
            bead = -1
        pos = f.target.span.start if f.target is not None and f.target.span is not None else -1
        return (bead, pos, f.code)

    return tuple(sorted(findings, key=document_order))


def _bead_index(alignments: Sequence[Alignment]) -> dict[tuple[str, int], int]:
    index: dict[tuple[str, int], int] = {}
    for k, a in enumerate(alignments):
        for i in a.source:
            index[("s", i)] = k
        for j in a.target:
            index[("t", j)] = k
    return index


def check(
    source: Document,
    target: Document,
    *,
    settings: Settings | None = None,
    encoder: Encoder | None = None,
    glossaries: Sequence[Glossary] = (),
) -> Report:
    """Align two documents and run every enabled rule over them.

    Without ``encoder``, ``settings.encoder`` chooses one for the pair; when the one the
    pair needs cannot be used, ``Report.warnings`` says which extra to install.
    """
    settings = settings or Settings()
    choice = encoder_for(source, target, settings, encoder)
    aligned = align_scaled(source, target, choice.encoder, settings)
    ctx = CheckContext(
        source, target, aligned.alignments, tuple(glossaries), {}, choice.encoder, similarity=aligned.scale
    )
    findings = run_rules(ctx, settings)
    rules = [r.code for r in enabled_rules(settings)]
    warnings = (choice.warning,) if choice.warning else ()
    return Report(
        source, target, aligned.alignments, findings, signature(settings, choice, glossaries, rules), warnings=warnings
    )


def aligned_pairs(
    source_path: str | os.PathLike[str], target_path: str | os.PathLike[str], settings: Settings | None = None
) -> tuple[str, list[tuple[str, str]]]:
    """The source's language, and (source text, target text) of every bead with both sides:
    input for glossary mining."""
    settings = settings or Settings()
    source, target = load_pair(source_path, target_path, settings)
    alignments = align_documents(source, target, encoder_for(source, target, settings).encoder, settings)
    return source.language, [
        (" ".join(source.segments[i].text for i in a.source), " ".join(target.segments[j].text for j in a.target))
        for a in alignments
        if a.source and a.target
    ]
