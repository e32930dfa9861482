"""read → segment → embed → align → rules: the whole check as one function call."""

from __future__ import annotations

import os
from collections.abc import Sequence

from checker import __version__
from checker.align import align, settings_signature
from checker.config import Settings
from checker.embed import Encoder, get_encoder
from checker.glossary import Glossary
from checker.lang import detect_language
from checker.model import Alignment, Document, Finding, Report
from checker.reading import read_text
from checker.rules import RULES
from checker.rules.base import CheckContext, Rule
from checker.segment import segment


def load_document(
    path: str | os.PathLike[str], *, language: str | None = None, segmented: bool = False
) -> Document:
    """Read, detect the language (unless given) and split into sentences."""
    source = read_text(path, segmented=segmented)
    lang = language or detect_language(source.text)
    segments = segment(source, lang)
    return Document(
        path=source.path,
        language=lang,
        text=source.text,
        segments=segments,
        format=source.format,
        encoding=source.encoding,
    )


def load_pair(
    source_path: str | os.PathLike[str], target_path: str | os.PathLike[str], settings: Settings
) -> tuple[Document, Document]:
    return (
        load_document(source_path, language=settings.source_language, segmented=settings.segmented),
        load_document(target_path, language=settings.target_language, segmented=settings.segmented),
    )


def align_documents(source: Document, target: Document, encoder: Encoder, settings: Settings) -> tuple[Alignment, ...]:
    # Pre-segmented input carries no paragraph structure worth trusting: each line is its own block.
    blocks = not settings.segmented
    return tuple(
        align(
            source.segment_texts(),
            target.segment_texts(),
            encoder,
            settings.align,
            source_blocks=[s.block for s in source.segments] if blocks else None,
            target_blocks=[s.block for s in target.segments] if blocks else None,
        )
    )


def signature(
    settings: Settings, encoder: Encoder, glossaries: Sequence[Glossary] = (), rules: Sequence[str] | None = None
) -> dict[str, object]:
    """What produced a report, so that a CI log can be reproduced (cf. sacrebleu's signature)."""
    sig: dict[str, object] = {
        "transcheck": __version__,
        "encoder": encoder.name,
        "encoder_version": getattr(encoder, "version", None),
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
    """Align two documents and run every enabled rule over them."""
    settings = settings or Settings()
    encoder = encoder or get_encoder(settings.encoder)
    alignments = align_documents(source, target, encoder, settings)
    ctx = CheckContext(source, target, alignments, tuple(glossaries), {}, encoder)
    findings = run_rules(ctx, settings)
    rules = [r.code for r in enabled_rules(settings)]
    return Report(source, target, alignments, findings, signature(settings, encoder, glossaries, rules))


def aligned_pairs(
    source_path: str | os.PathLike[str], target_path: str | os.PathLike[str], settings: Settings | None = None
) -> tuple[str, list[tuple[str, str]]]:
    """The source's language, and (source text, target text) of every bead with both sides:
    input for glossary mining."""
    settings = settings or Settings()
    source, target = load_pair(source_path, target_path, settings)
    alignments = align_documents(source, target, get_encoder(settings.encoder), settings)
    return source.language, [
        (" ".join(source.segments[i].text for i in a.source), " ".join(target.segments[j].text for j in a.target))
        for a in alignments
        if a.source and a.target
    ]
