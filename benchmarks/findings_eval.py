"""Recall of the rules on injected errors, and false positives on real professional translations.

    python benchmarks/findings_eval.py [SET_DIR] [--limit N] [--glossary G.yaml] [--show-fp]
                                       [--protocol fixed|random|both]
    python benchmarks/findings_eval.py ../shared/eval/wmt22-uk-en-conv     # Ukrainian

Takes the articles of ../shared/eval/wmt-ru-en-dev (or another set: the source language is
read from its name, ``wmt22-uk-en-conv`` is uk→en), joins their sentences back into
paragraphs (so reading and segmentation run too) and checks each one as it is: every
finding there counts as a false positive. Then, one article at a time, it injects one known
error into the English and checks that the rule meant to catch it fires at that place:

    number       a number in the English changed (16 → 18)                     TC401
    term         Kyiv → Kiev, Kharkiv → Kharkov, … (the glossary's forbidden)  TC102
    dropped      a sentence deleted                                            TC501
    quote-drop   a quotation's marks dropped (quoted words read as the paper's) TC301
    quote-alter  a quotation's words replaced by another article's             TC303
    untranslated a sentence left in Russian                                    TC503
    invented     a sentence from another article inserted                      TC502

``--protocol random`` (the held-out protocol, also run by default) puts each error at a
uniformly random place instead of one chosen to be fair to the rule, which is what a
measurement on news nobody tuned on does:

    number       a number of 2+ digits that both sides share, +7 in the English    TC401
    deleted      a random inner English sentence deleted                          TC501
    untranslated a random English sentence left in the source language            TC503
    inserted     a sentence of another article inserted after a random one        TC502
    unquoted     every quotation mark removed from an English sentence whose
                 source and target both quote                                     TC301
    short-insert a short line of another article ("Photo: Reuters.", a dateline)  TC502
                 inserted after a random sentence (our own kind)

Both protocols skip an article whose "translation" equals its source, and both count
false positives on the unmodified articles.
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from _common import EVAL, REPO, EvalDoc, paragraphs, read_set

from checker.config import Settings
from checker.embed import Encoder, choose_encoder
from checker.glossary.schema import Glossary, load_glossary
from checker.model import Report
from checker.pipeline import check, load_pair
from checker.language.quotations import Quotation, extract_quotations

SEED = 13
# The source language of the set being run (main() sets it from the set's name).
SOURCE_LANGUAGE = "ru"


class Memo:
    """The run's encoder, remembering every vector: an injected article shares all but a
    sentence or two with the clean one, so each text is embedded once per run."""

    def __init__(self, inner: Encoder) -> None:
        self.inner = inner
        self.vectors: dict[str, np.ndarray] = {}
        # what the pipeline reads off an encoder besides encode()
        self.languages = getattr(inner, "languages", None)
        self.typical_cosines = getattr(inner, "typical_cosines", None)
        self.version = getattr(inner, "version", None)

    @property
    def name(self) -> str:
        return self.inner.name

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.vectors))
        if missing:
            self.vectors.update(zip(missing, self.inner.encode(missing)))
        if not texts:
            return self.inner.encode([])
        return np.stack([self.vectors[t] for t in texts])


@dataclass
class Injection:
    kind: str
    code: str
    src: list[str]
    tgt: list[str]
    src_paragraph: list[int]
    tgt_paragraph: list[int]
    # The changed place, as a substring of the new English (or, for a dropped sentence, of the Russian).
    needle: str
    side: str = "target"


NUMBER = re.compile(r"(?<![\d.,])\d+(?![\d])")


def _replace_line(doc: EvalDoc, j: int, text: str) -> list[str]:
    tgt = list(doc.tgt)
    tgt[j] = text
    return tgt


def inject_number(doc: EvalDoc, rng: random.Random, others: list[EvalDoc]) -> Injection | None:
    cands = [j for j, t in enumerate(doc.tgt) if j < len(doc.src) and NUMBER.search(t) and NUMBER.search(doc.src[j])]
    if not cands:
        return None
    j = rng.choice(cands)
    m = rng.choice(list(NUMBER.finditer(doc.tgt[j])))
    old = m.group()
    new = str(int(old) + 2) if len(old) < 4 else old[:-1] + str((int(old[-1]) + 2) % 10)
    text = doc.tgt[j][: m.start()] + new + doc.tgt[j][m.end() :]
    needle = text[max(0, m.start() - 15) : m.start() + len(new) + 15]
    return Injection("number", "TC401", doc.src, _replace_line(doc, j, text), doc.src_paragraph, doc.tgt_paragraph, needle)


def inject_term(doc: EvalDoc, rng: random.Random, others: list[EvalDoc], glossary: Glossary) -> Injection | None:
    options = []
    for j, t in enumerate(doc.tgt):
        for term in glossary.terms:
            if not term.forbidden:
                continue
            for form in term.target:
                for m in re.finditer(rf"\b{re.escape(form)}\b", t):
                    options.append((j, m, term.forbidden[0]))
    if not options:
        return None
    j, m, bad = rng.choice(options)
    text = doc.tgt[j][: m.start()] + bad + doc.tgt[j][m.end() :]
    return Injection("term", "TC102", doc.src, _replace_line(doc, j, text), doc.src_paragraph, doc.tgt_paragraph, bad)


def inject_dropped(doc: EvalDoc, rng: random.Random, others: list[EvalDoc]) -> Injection | None:
    # Not the title: a lost headline is obvious. A sentence of some length, in the body.
    cands = [j for j in range(1, min(len(doc.src), len(doc.tgt))) if len(doc.src[j]) > 40]
    if not cands:
        return None
    j = rng.choice(cands)
    tgt = doc.tgt[:j] + doc.tgt[j + 1 :]
    tp = doc.tgt_paragraph[:j] + doc.tgt_paragraph[j + 1 :]
    return Injection("dropped", "TC501", doc.src, tgt, doc.src_paragraph, tp, doc.src[j][:40], side="source")


def _quotes(text: str, language: str) -> list[Quotation]:
    """Whole, unambiguous, outermost quotations, found as the checker finds them."""
    return [q for q in extract_quotations(text, language) if q.opened and q.closed and not q.depth and not q.ambiguous]


def _quote_pairs(doc: EvalDoc) -> list[tuple[int, Quotation]]:
    """Target quotations of 3+ words in sentences whose source quotes 3+ words too.

    Russian often sets speech off with a dash and no marks (Это так, — сказал он), which
    English quotes: dropping those marks brings the translation nearer its source.
    """
    return [
        (j, q)
        for j in range(min(len(doc.src), len(doc.tgt)))
        if any(s.word_count >= 3 for s in _quotes(doc.src[j], SOURCE_LANGUAGE))
        for q in _quotes(doc.tgt[j], "en")
        if q.word_count >= 3
    ]


def inject_quote_drop(doc: EvalDoc, rng: random.Random, others: list[EvalDoc]) -> Injection | None:
    """The quotation marks dropped: the speaker's words now read as the paper's own.

    Not titles ("No Time to Die"): English may set them in italics without marks."""
    cands = [(j, q) for j, q in _quote_pairs(doc) if not _title_case(q.text)]
    if not cands:
        return None
    j, q = rng.choice(cands)
    t = doc.tgt[j]
    text = t[: q.start] + q.text + t[q.end :]
    # The words with what comes before them: the same quotation may stand, still quoted, in
    # an earlier sentence (the headline), and ``caught`` looks at the first occurrence.
    needle = text[max(0, q.start - 15) : q.start + min(30, len(q.text))]
    return Injection("quote-drop", "TC301", doc.src, _replace_line(doc, j, text), doc.src_paragraph, doc.tgt_paragraph, needle)


def _title_case(words: str) -> bool:
    significant = [w for w in re.findall(r"[^\W\d_]+", words) if len(w) > 3]
    return bool(significant) and all(w[0].isupper() for w in significant)


def inject_quote_alter(doc: EvalDoc, rng: random.Random, others: list[EvalDoc]) -> Injection | None:
    """A quotation's words replaced by another article's quotation of about the same length.

    Only where the quotation, before and after, is at most half of its sentence: one that
    takes over its sentence makes a different sentence, which is an omission and an
    addition (TC501, TC502), not an altered quote.
    """
    cands = [(j, q) for j, q in _quote_pairs(doc) if q.end - q.start <= 0.5 * len(doc.tgt[j])]
    # Without end punctuation: a "." carried into the middle of a sentence would split it.
    foreign = [
        w
        for o in others
        for t in o.tgt
        for q in _quotes(t, "en")
        if q.word_count >= 2 and not re.search(r"[.!?…]", w := q.text.rstrip(".,!?…"))
    ]
    if not cands or not foreign:
        return None
    j, q = rng.choice(cands)
    t = doc.tgt[j]
    n = q.word_count
    fits = [w for w in foreign if len(w) + 2 <= 0.5 * (len(t) - (q.end - q.start) + len(w) + 2)]
    if not fits:
        return None
    words = min(fits, key=lambda w: abs(len(w.split()) - n) + rng.random())
    text = t[: q.start] + "“" + words + "”" + t[q.end :]
    return Injection("quote-alter", "TC303", doc.src, _replace_line(doc, j, text), doc.src_paragraph, doc.tgt_paragraph, words[:30])


def inject_untranslated(doc: EvalDoc, rng: random.Random, others: list[EvalDoc]) -> Injection | None:
    cands = [j for j in range(min(len(doc.src), len(doc.tgt))) if len(doc.src[j]) > 30]
    if not cands:
        return None
    j = rng.choice(cands)
    return Injection(
        "untranslated", "TC503", doc.src, _replace_line(doc, j, doc.src[j]), doc.src_paragraph, doc.tgt_paragraph, doc.src[j][:30]
    )


def inject_invented(doc: EvalDoc, rng: random.Random, others: list[EvalDoc]) -> Injection | None:
    pool = [t for o in others for t in o.tgt[1:] if len(t) > 40]
    if len(doc.tgt) < 2 or not pool:
        return None
    j = rng.randrange(1, len(doc.tgt))
    sentence = rng.choice(pool)
    tgt = doc.tgt[:j] + [sentence] + doc.tgt[j:]
    tp = doc.tgt_paragraph[:j] + [doc.tgt_paragraph[j - 1]] + doc.tgt_paragraph[j:]
    return Injection("invented", "TC502", doc.src, tgt, doc.src_paragraph, tp, sentence[:30])


# --- the held-out protocol: one error at a uniformly random place ----------------------------

NUMBER2 = re.compile(r"(?<![\d.,])\d{2,}(?![\d])")
# Quotation marks, not apostrophes: a ’ or ' between two letters (don’t, Kyiv’s) stays.
QUOTE_MARK = re.compile(r"[“”„«»\"]|(?<![^\W\d_])[‘’']|[‘’'](?![^\W\d_])")


def random_number(doc: EvalDoc, rng: random.Random, others: list[EvalDoc]) -> Injection | None:
    source_numbers = {m.group() for t in doc.src for m in NUMBER2.finditer(t)}
    cands = [(j, m) for j, t in enumerate(doc.tgt) for m in NUMBER2.finditer(t) if m.group() in source_numbers]
    if not cands:
        return None
    j, m = rng.choice(cands)
    new = str(int(m.group()) + 7)
    text = doc.tgt[j][: m.start()] + new + doc.tgt[j][m.end() :]
    needle = text[max(0, m.start() - 15) : m.start() + len(new) + 15]
    return Injection("number", "TC401", doc.src, _replace_line(doc, j, text), doc.src_paragraph, doc.tgt_paragraph, needle)


def random_deleted(doc: EvalDoc, rng: random.Random, others: list[EvalDoc]) -> Injection | None:
    # The clean sets are 1-1, so the source sentence of English line j is source line j.
    inner = range(1, min(len(doc.src), len(doc.tgt)) - 1)
    if not inner:
        return None
    j = rng.choice(inner)
    tgt = doc.tgt[:j] + doc.tgt[j + 1 :]
    tp = doc.tgt_paragraph[:j] + doc.tgt_paragraph[j + 1 :]
    return Injection("deleted", "TC501", doc.src, tgt, doc.src_paragraph, tp, doc.src[j][:40], side="source")


def random_untranslated(doc: EvalDoc, rng: random.Random, others: list[EvalDoc]) -> Injection | None:
    j = rng.randrange(min(len(doc.src), len(doc.tgt)))
    if not doc.src[j].strip() or doc.src[j] == doc.tgt[j]:
        return None
    return Injection(
        "untranslated", "TC503", doc.src, _replace_line(doc, j, doc.src[j]), doc.src_paragraph, doc.tgt_paragraph, doc.src[j][:30]
    )


def _random_insert(kind: str, doc: EvalDoc, rng: random.Random, pool: list[str]) -> Injection | None:
    if not doc.tgt or not pool:
        return None
    j = rng.randrange(len(doc.tgt))  # inserted after line j
    sentence = rng.choice(pool)
    tgt = doc.tgt[: j + 1] + [sentence] + doc.tgt[j + 1 :]
    tp = doc.tgt_paragraph[: j + 1] + [doc.tgt_paragraph[j]] + doc.tgt_paragraph[j + 1 :]
    return Injection(kind, "TC502", doc.src, tgt, doc.src_paragraph, tp, sentence[:30])


def random_inserted(doc: EvalDoc, rng: random.Random, others: list[EvalDoc]) -> Injection | None:
    return _random_insert("inserted", doc, rng, [t for o in others for t in o.tgt if t.strip()])


def random_short_insert(doc: EvalDoc, rng: random.Random, others: list[EvalDoc]) -> Injection | None:
    # Three words or fewer, a whole line of another article: a photo credit, a round, a dateline.
    pool = [t for o in others for t in o.tgt if 0 < len(t.split()) <= 3 and re.search(r"[^\W\d_]{3}", t)]
    pool = pool or ["Photo: Reuters.", "Round 22.", "Moscow, 12 May."]
    return _random_insert("short-insert", doc, rng, pool)


def random_unquoted(doc: EvalDoc, rng: random.Random, others: list[EvalDoc]) -> Injection | None:
    language = SOURCE_LANGUAGE
    cands = [
        j
        for j in range(min(len(doc.src), len(doc.tgt)))
        if extract_quotations(doc.src[j], language) and extract_quotations(doc.tgt[j], "en") and QUOTE_MARK.search(doc.tgt[j])
    ]
    if not cands:
        return None
    j = rng.choice(cands)
    text = " ".join(QUOTE_MARK.sub("", doc.tgt[j]).split())
    if not text:
        return None
    return Injection("unquoted", "TC301", doc.src, _replace_line(doc, j, text), doc.src_paragraph, doc.tgt_paragraph, text[:30])


RANDOM_INJECTORS: dict[str, Callable[[EvalDoc, random.Random, list[EvalDoc]], Injection | None]] = {
    "number": random_number,
    "deleted": random_deleted,
    "untranslated": random_untranslated,
    "inserted": random_inserted,
    "unquoted": random_unquoted,
    "short-insert": random_short_insert,
}


def run(
    src_text: str, tgt_text: str, tmp: Path, settings: Settings, glossaries: list[Glossary], encoder: Encoder
) -> Report:
    s, t = tmp / "src.txt", tmp / "tgt.txt"
    s.write_text(src_text, encoding="utf-8")
    t.write_text(tgt_text, encoding="utf-8")
    source, target = load_pair(s, t, settings)
    return check(source, target, settings=settings, glossaries=glossaries, encoder=encoder)


def caught(report: Report, inj: Injection, *, any_rule: bool = False) -> bool:
    """Whether the rule meant for this error (or, with ``any_rule``, any rule) points at it."""
    doc = report.source if inj.side == "source" else report.target
    at = doc.text.find(inj.needle)
    if at < 0:
        raise AssertionError(f"injected text not found: {inj.needle!r}")
    here = range(at, at + max(1, len(inj.needle)))
    for f in report.findings:
        if f.code != inj.code and not any_rule:
            continue
        loc = f.source if inj.side == "source" else f.target
        if loc is None:
            continue
        for i in loc.segments:
            seg = doc.segments[i]
            if seg.span.start < here.stop and here.start < seg.span.end:
                return True
    return False


def known_reference_errors() -> list[tuple[str, str, str]]:
    """(article, code, message piece) of findings checked by hand to be real errors."""
    rows = []
    for line in (Path(__file__).parent / "reference_errors.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("doc\t") or not line.strip():
            continue
        doc, code, piece, _why = line.split("\t")
        rows.append((doc, code, piece))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set_dir", nargs="?", default=str(EVAL / "wmt-ru-en-dev"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--glossary", default=None, help="default: glossaries/<source>-en/ukraine.yaml, if there is one")
    ap.add_argument("--protocol", choices=("fixed", "random", "both"), default="both")
    ap.add_argument("--show-fp", action="store_true", help="print every finding on the unmodified articles, and every miss")
    args = ap.parse_args()

    global SOURCE_LANGUAGE
    named = re.search(r"-([a-z]{2,3})-en(?:-|$)", Path(args.set_dir).resolve().name)
    SOURCE_LANGUAGE = named.group(1) if named else "ru"
    # An article whose "translation" is its source measures nothing (the WMT uk set has some).
    docs = [d for d in read_set(Path(args.set_dir)) if [t.strip() for t in d.src] != [t.strip() for t in d.tgt]]
    if args.limit:
        docs = docs[: args.limit]
    default_glossary = REPO / "glossaries" / f"{SOURCE_LANGUAGE}-en" / "ukraine.yaml"
    glossary_path = args.glossary or (str(default_glossary) if default_glossary.exists() else None)
    glossaries = [load_glossary(glossary_path)] if glossary_path else []
    settings = Settings(source_language=SOURCE_LANGUAGE, target_language="en")
    choice = choose_encoder(settings.encoder, SOURCE_LANGUAGE, "en")
    if choice.warning:
        print(f"findings_eval: warning: {choice.warning}")
    encoder = Memo(choice.encoder)
    print(f"{SOURCE_LANGUAGE}→en, encoder {choice.encoder.name}, glossary {glossary_path}")
    # One generator per protocol: adding one leaves the other's draws, and so its figures, as they were.
    rngs = {"fixed": random.Random(SEED), "random": random.Random(SEED + 1)}
    fixed: dict[str, Callable[..., Injection | None]] = {
        "number": inject_number,
        "term": lambda d, r, o: inject_term(d, r, o, glossaries[0]) if glossaries else None,
        "dropped": inject_dropped,
        "quote-drop": inject_quote_drop,
        "quote-alter": inject_quote_alter,
        "untranslated": inject_untranslated,
        "invented": inject_invented,
    }
    protocols: dict[str, dict[str, Callable[..., Injection | None]]] = {}
    if args.protocol in ("fixed", "both"):
        protocols["fixed"] = fixed
    if args.protocol in ("random", "both"):
        protocols["random"] = dict(RANDOM_INJECTORS)
    fp: Counter[str] = Counter()
    real: Counter[str] = Counter()
    known = known_reference_errors()
    pairs = 0
    hits: dict[tuple[str, str, str], list[bool]] = defaultdict(list)
    seen: dict[tuple[str, str], list[bool]] = defaultdict(list)  # reported at that place by any rule
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for k, doc in enumerate(docs):
            others = docs[:k] + docs[k + 1 :]
            others = [others[(k * 7 + i) % len(others)] for i in range(20)] if others else []
            clean = run(
                paragraphs(doc.src, doc.src_paragraph), paragraphs(doc.tgt, doc.tgt_paragraph), tmp, settings, glossaries, encoder
            )
            pairs += len(doc.src)
            for f in clean.findings:
                if any(doc.doc_id == d and f.code == c and piece in f.message for d, c, piece in known):
                    real[f"{f.code} {f.rule}"] += 1
                    continue
                fp[f"{f.code} {f.rule}"] += 1
                if args.show_fp:
                    tgt = " ".join(clean.target.segments[i].text for i in f.target.segments) if f.target else ""
                    src = " ".join(clean.source.segments[i].text for i in f.source.segments) if f.source else ""
                    print(f"FP {doc.doc_id} {f.code} {f.message}\n   {SOURCE_LANGUAGE}: {src[:200]}\n   en: {tgt[:200]}")
            for protocol, injectors in protocols.items():
                for kind, inject in injectors.items():
                    inj = inject(doc, rngs[protocol], others)
                    if inj is None:
                        continue
                    report = run(
                        paragraphs(inj.src, inj.src_paragraph), paragraphs(inj.tgt, inj.tgt_paragraph), tmp, settings,
                        glossaries, encoder,
                    )
                    ok = caught(report, inj)
                    hits[(protocol, kind, inj.code)].append(ok)
                    seen[(protocol, kind)].append(ok or caught(report, inj, any_rule=True))
                    if not ok and args.show_fp:
                        print(f"MISS {protocol} {doc.doc_id} {kind}: {inj.needle!r}")
    wall = time.perf_counter() - t0
    print(f"articles {len(docs)}, sentence pairs {pairs}, wall {wall:.1f} s")
    for protocol in protocols:
        what = "chosen places" if protocol == "fixed" else "uniformly random places (the held-out protocol)"
        print(f"recall on injected errors at {what} (by the rule meant for it; by any rule at that place):")
        found = total_n = 0
        for (p, kind, code), oks in hits.items():
            if p != protocol:
                continue
            anywhere = seen[(p, kind)]
            found, total_n = found + sum(oks), total_n + len(oks)
            print(
                f"  {kind:<13} {code}  {sum(oks):>4}/{len(oks):<4} {100 * sum(oks) / max(1, len(oks)):5.1f}%"
                f"   any rule {100 * sum(anywhere) / max(1, len(anywhere)):5.1f}%"
            )
        print(f"  {'all':<13}        {found:>4}/{total_n:<4} {100 * found / max(1, total_n):5.1f}%")
    total = sum(fp.values())
    print(
        f"findings on unmodified articles: {total + sum(real.values())}, of which {sum(real.values())} are"
        " real errors of the reference (benchmarks/reference_errors.tsv)"
    )
    print(f"false positives: {total} = {100 * total / max(1, pairs):.2f} per 100 sentence pairs")
    for rule, n in fp.most_common():
        print(f"  {rule:<24} {n:>4}  {100 * n / max(1, pairs):.2f}/100")


if __name__ == "__main__":
    main()
