"""read → segment → embed → align → rules: the whole check as one function call."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from checker import __version__, suppression
from checker.align import AlignResult, AlignTask, align_batch_scaled, settings_signature
from checker.config import Settings, adjust_severity
from checker.embed import Encoder, EncoderChoice, choose_encoder, judges_meaning
from checker.errors import ConfigError
from checker.glossary.schema import Glossary, load_glossary
from checker.text.langid import detect_language, firmly_detected
from checker.model import Alignment, Document, Finding, FrozenMap, GlossaryStamp, Report, Severity, Signature, Span
from checker.language.conventions import language_key
from checker.language.lengths import length_ratio_prior
from checker.text.reading import SourceText, read_text
from checker.rules import RULES
from checker.rules.base import CheckContext, Rule, Scope
from checker.text.segment import segment_with_notices


def load_document(
    path: str | os.PathLike[str],
    *,
    language: str | None = None,
    segmented: bool = False,
    max_bytes: int | None = None,
) -> Document:
    """Read, detect the language (unless given) and split into sentences.

    ``max_bytes`` caps the file's size (None: the reader's default).
    """
    source = _read(path, segmented, max_bytes)
    return _document(source, language or detect_language(source.text))


def _read(path: str | os.PathLike[str], segmented: bool, max_bytes: int | None) -> SourceText:
    if max_bytes is None:
        return read_text(path, segmented=segmented)  # the reader's own default limit
    return read_text(path, segmented=segmented, max_bytes=max_bytes)


def _document(source: SourceText, language: str) -> Document:
    segments, notices = segment_with_notices(source, language)
    return Document(
        path=source.path,
        language=language,
        text=source.text,
        segments=segments,
        format=source.format,
        encoding=source.encoding,
        notices=source.notices + notices,
    )


def load_pair(
    source_path: str | os.PathLike[str],
    target_path: str | os.PathLike[str],
    settings: Settings,
    glossaries: Sequence[Glossary] = (),
) -> tuple[Document, Document]:
    """Both documents, their languages given, detected, or stated by the glossaries."""
    source = _read(source_path, settings.segmented, settings.max_bytes)
    target = _read(target_path, settings.segmented, settings.max_bytes)
    src_lang = settings.source_language or detect_language(source.text)
    # A short target ("I understand.", langdetect: German) is taken to be in the language a
    # translation is checked into: the glossaries' target, else English.
    expected_target = glossaries[0].target_language if glossaries else "en"
    tgt_lang = settings.target_language or detect_language(target.text, expected=expected_target)
    firm = (
        settings.source_language is None and firmly_detected(source.text),
        settings.target_language is None and firmly_detected(target.text),
    )
    src_lang, tgt_lang = resolve_languages(src_lang, tgt_lang, glossaries, settings, firm=firm)
    return _document(source, src_lang), _document(target, tgt_lang)


def resolve_languages(
    source: str, target: str, glossaries: Sequence[Glossary], settings: Settings, *, firm: tuple[bool, bool] = (False, False)
) -> tuple[str, str]:
    """The language pair to check, given the detected (or given) one and the glossaries.

    Detection misleads on short texts ("Zelensky arrives in Kharkov" reads as Norwegian)
    and on half-translated ones (a target still mostly in Russian reads as Russian). A
    glossary states the pair its user means: when none fits the detected pair but one
    agrees with it on one side, and the user fixed no language it contradicts, its pair
    wins. ``firm`` says per side that the language was detected from enough text to stand
    (a whole Ukrainian article is not Russian because the glossary is ru→en). When none
    fits at all, checking would silently skip the glossary, or misread a document: an error.
    """
    if not glossaries:
        return source, target

    def same(a: str, b: str) -> bool:
        return language_key(a) == language_key(b)

    if any(same(g.source_language, source) and same(g.target_language, target) for g in glossaries):
        return source, target
    for g in glossaries:
        agrees = same(g.source_language, source) or same(g.target_language, target)
        allowed = (settings.source_language is None and not firm[0] or same(g.source_language, source)) and (
            settings.target_language is None and not firm[1] or same(g.target_language, target)
        )
        if agrees and allowed:
            return g.source_language, g.target_language
    g = glossaries[0]
    given = (settings.source_language is not None, settings.target_language is not None)
    how = {(True, True): "given", (False, False): "detected"}.get(given) or (
        "source given, target detected" if given[0] else "source detected, target given"
    )
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
        length_ratio=length_ratio_prior(source.language, target.language),
    )
    return align_batch_scaled([task], encoder, settings.align)[0]


def encoder_for(
    source: Document, target: Document, settings: Settings, encoder: Encoder | None = None, *, threads: int | None = None
) -> EncoderChoice:
    """The encoder for this pair: ``encoder`` if given, else the one ``settings.encoder`` names
    ("auto": one that reads both languages, see :func:`checker.embed.choose_encoder`), behind
    the persistent embedding cache when ``settings.cache``."""
    if encoder is not None:
        return EncoderChoice(encoder, encoder.name, judges_meaning(encoder, source.language, target.language))
    choice = choose_encoder(settings.encoder, source.language, target.language, threads=threads)
    if not settings.cache:
        return choice
    from checker.embed_cache import with_cache

    return replace(choice, encoder=with_cache(choice.encoder))


def signature(
    settings: Settings,
    encoder: Encoder | EncoderChoice,
    glossaries: Sequence[Glossary] = (),
    rules: Sequence[str] | None = None,
) -> Signature:
    """What produced a report; ``rules`` (the codes that ran) is None for an alignment.

    ``encoder`` is the one that embedded (and judged) the pair; ``encoder_requested`` what the
    settings asked for ("auto" resolves per pair); ``encoder_reads_pair`` whether its
    similarity was trusted as evidence of meaning (TC504, TC303) for this language pair.
    """
    choice = encoder if isinstance(encoder, EncoderChoice) else None
    used = choice.encoder if choice is not None else encoder
    assert not isinstance(used, EncoderChoice)
    version = getattr(used, "version", None)
    base = Signature(
        transcheck=__version__,
        encoder=used.name,
        encoder_version=version if isinstance(version, str) else None,
        encoder_requested=choice.requested if choice is not None else settings.encoder,
        encoder_reads_pair=choice.reads_pair if choice is not None else None,
        segmented=settings.segmented,
        align=FrozenMap(settings_signature(settings.align)),
    )
    if rules is None:
        return base
    # A threshold the configuration replaced is recorded as it ran.
    thresholds = FrozenMap(
        (r.code, FrozenMap({**r.thresholds, **settings.thresholds.get(r.code, {})}))
        for r in RULES
        if r.code in rules and r.thresholds
    )
    return replace(
        base,
        rules=tuple(rules),
        thresholds=thresholds,
        fail_on=settings.fail_on,
        glossaries=tuple(GlossaryStamp(g.path, g.sha256[:16]) for g in glossaries),
        severity=FrozenMap((code, level) for code, level in settings.severity.items() if code in rules),
        min_severity=None if settings.min_severity is Severity.INFO else settings.min_severity,
    )


def enabled_rules(settings: Settings) -> list[type[Rule]]:
    return [r for r in RULES if settings.rule_enabled(r.code, r.slug)]


def skipped_rules(settings: Settings, source_language: str, target_language: str) -> tuple[str, ...]:
    """One line per enabled rule that does not run for this language pair, and why: a rule
    that cannot judge a language says nothing, and the user is told it did not look."""
    return tuple(
        f"{source_language}→{target_language}: {r.code} {r.slug} does not run ({r.languages.skipped(source_language, target_language)})"
        for r in enabled_rules(settings)
        if not r.languages.applies(source_language, target_language)
    )


def run_rules(ctx: CheckContext, settings: Settings) -> tuple[Finding, ...]:
    """Every enabled rule for the documents' languages, at the severity the settings give it;
    what one rule's findings supersede (its ``supersedes`` declaration) dropped; in document order."""
    made: list[tuple[type[Rule], Finding]] = []
    for rule_cls in enabled_rules(settings):
        if not rule_cls.languages.applies(ctx.source.language, ctx.target.language):
            continue
        rule = rule_cls(settings.severity_of(rule_cls))
        made.extend((rule_cls, f) for f in rule.check(ctx))
    findings = supersede(made)
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

    return adjust_severity(sorted(findings, key=document_order), settings)


def supersede(made: Sequence[tuple[type[Rule], Finding]]) -> list[Finding]:
    """The findings no other finding makes redundant, in the order they were made.

    Applies each rule's ``supersedes`` declarations: a finding goes when a finding of a rule
    that supersedes its rule covers it (its target sentences, or its span and fix). Within one
    rule that names itself, the earlier finding wins. Linear in the findings but for findings
    that share a span and a fix.
    """
    own: dict[type[Rule], list[int]] = defaultdict(list)
    by_fix: dict[tuple[Span, str], list[int]] = defaultdict(list)
    for n, (rule, f) in enumerate(made):
        own[rule].append(n)
        key = _fix(f)
        if key is not None:
            by_fix[key].append(n)
    dropped: set[int] = set()
    for rule, mine in own.items():
        for decl in rule.supersedes:
            if decl.scope is Scope.TARGET_SENTENCES:
                covered = {j for k in mine for j in _target_segments(made[k][1])}
                if not covered:
                    continue
                for n, (other, g) in enumerate(made):
                    segments = _target_segments(g)
                    if segments and decl.covers(other.code, rule.code) and set(segments) <= covered:
                        dropped.add(n)
                continue
            for k in mine:
                key = _fix(made[k][1])
                for n in by_fix.get(key, []) if key is not None else []:
                    other = made[n][0]
                    if n == k or not decl.covers(other.code, rule.code) or (other is rule and n < k):
                        continue
                    dropped.add(n)
    return [f for n, (_, f) in enumerate(made) if n not in dropped]


def _target_segments(f: Finding) -> tuple[int, ...]:
    return f.target.segments if f.target is not None else ()


def _fix(f: Finding) -> tuple[Span, str] | None:
    """A finding's target span and suggested fix, when it has both."""
    if f.target is None or f.target.span is None or not f.suggestion:
        return None
    return f.target.span, f.suggestion


def _bead_index(alignments: Sequence[Alignment]) -> dict[tuple[str, int], int]:
    index: dict[tuple[str, int], int] = {}
    for k, a in enumerate(alignments):
        for i in a.source:
            index[("s", i)] = k
        for j in a.target:
            index[("t", j)] = k
    return index


def check(
    source: Document | str | os.PathLike[str],
    target: Document | str | os.PathLike[str],
    *,
    settings: Settings | None = None,
    encoder: Encoder | None = None,
    glossaries: Sequence[Glossary | str | os.PathLike[str]] = (),
    threads: int | None = None,
) -> Report:
    """Align two documents and run every enabled rule over them.

    ``threads``: for the encoder the settings choose (None: the cores the process may use).

    ``source`` and ``target`` are Documents or paths (read as ``load_pair`` reads them);
    ``glossaries`` are Glossaries or paths. Without ``encoder``, ``settings.encoder`` chooses
    one for the pair (loaded once per process); when the one the pair needs cannot be used,
    ``Report.warnings`` says which extra to install.
    """
    settings = settings or Settings()
    loaded = tuple(g if isinstance(g, Glossary) else load_glossary(g) for g in glossaries)
    if not isinstance(source, Document) and not isinstance(target, Document):
        src, tgt = load_pair(source, target, settings, loaded)
    else:
        segmented = settings.segmented
        src = source if isinstance(source, Document) else load_document(
            source, language=settings.source_language, segmented=segmented, max_bytes=settings.max_bytes
        )
        tgt = target if isinstance(target, Document) else load_document(
            target, language=settings.target_language, segmented=segmented, max_bytes=settings.max_bytes
        )
    choice = encoder_for(src, tgt, settings, encoder, threads=threads)
    aligned = align_scaled(src, tgt, choice.encoder, settings)
    ctx = CheckContext(
        src, tgt, aligned.alignments, loaded, encoder=choice.encoder, thresholds=settings.thresholds,
        similarity=aligned.scale,
    )
    findings = run_rules(ctx, settings)
    rules = [r.code for r in enabled_rules(settings)]
    warnings = ((choice.warning,) if choice.warning else ()) + skipped_rules(settings, src.language, tgt.language)
    report = Report(
        src, tgt, aligned.alignments, findings, signature(settings, choice, loaded, rules), warnings=warnings,
        similarity=aligned.scale,
    )
    return suppression.apply(report)  # <!-- transcheck-disable --> comments in either file


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
