"""The sentence aligner: constructed Russian/English pairs with the real USE encoder, the
coverage/monotonicity invariant with a fake encoder, and a long input in bounded memory."""

from __future__ import annotations

import tracemalloc
import zlib
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.align import (
    AlignSettings,
    _Judge,
    _make_side,
    _repair,
    _set_breaks,
    AlignTask,
    align,
    align_batch,
    align_batch_scaled,
    settings_signature,
)
from checker.model import Alignment

# the search's bead kinds; the repair makes larger ones by joining a null bead to its
# neighbour, never more than four sentences on a side (see assert_valid)
KINDS = {"1-1", "1-0", "0-1", "2-1", "1-2", "2-2", "3-1", "1-3"}

RU = [
    "Мэр Москвы Сергей Собянин в понедельник открыл новую станцию метро.",
    "Станция расположена на юго-западе города.",
    "Строительство обошлось городскому бюджету в 12 миллиардов рублей.",
    "По словам мэра, ежедневно станцией будут пользоваться около 40 тысяч пассажиров.",
    "Следующую станцию планируют открыть в декабре.",
]
EN = [
    "Moscow Mayor Sergei Sobyanin opened a new metro station on Monday.",
    "The station is located in the south-west of the city.",
    "Its construction cost the city budget 12 billion rubles.",
    "According to the mayor, about 40,000 passengers will use the station every day.",
    "The next station is scheduled to open in December.",
]


def pairs(beads: Sequence[Alignment]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.source, b.target) for b in beads]


def assert_valid(beads: Sequence[Alignment], n: int, m: int) -> None:
    """Every index of both sides exactly once, in order; beads of the search's kinds or of up
    to four sentences a side; score iff both sides."""
    assert [i for b in beads for i in b.source] == list(range(n))
    assert [j for b in beads for j in b.target] == list(range(m))
    for b in beads:
        assert b.kind in KINDS or (b.source and b.target and max(len(b.source), len(b.target)) <= 4)
        assert (b.score is None) == (not b.source or not b.target)
        if b.score is not None:
            assert -1.0 - 1e-5 <= b.score <= 1.0 + 1e-5


def test_parallel_text_is_one_to_one(use_encoder):
    beads = align(RU, EN, use_encoder)
    assert pairs(beads) == [((i,), (i,)) for i in range(5)]
    assert all(b.score is not None and b.score > 0.5 for b in beads)


def test_single_sentences(use_encoder):
    assert pairs(align(["Привет, мир."], ["Hello, world."], use_encoder)) == [((0,), (0,))]
    unrelated = align(["Привет, мир."], ["Bananas are rich in potassium."], use_encoder)
    assert sorted(pairs(unrelated)) == [((), (0,)), ((0,), ())]


def test_omission_is_a_null_bead(use_encoder):
    tgt = EN[:2] + EN[3:]
    beads = align(RU, tgt, use_encoder)
    assert_valid(beads, 5, 4)
    assert pairs(beads) == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((2,), ()),
        ((3,), (2,)),
        ((4,), (3,)),
    ]


def test_insertion_is_a_null_bead(use_encoder):
    tgt = EN[:3] + ["Heavy snowfall is expected in Siberia over the weekend."] + EN[3:]
    beads = align(RU, tgt, use_encoder)
    assert_valid(beads, 5, 6)
    assert pairs(beads) == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((2,), (2,)),
        ((), (3,)),
        ((3,), (4,)),
        ((4,), (5,)),
    ]


def test_two_sources_merged_into_one_target(use_encoder):
    tgt = [
        EN[0],
        "The station, located in the south-west of the city, cost the city budget 12 billion rubles.",
    ] + EN[3:]
    beads = align(RU, tgt, use_encoder)
    assert_valid(beads, 5, 4)
    assert pairs(beads) == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)), ((4,), (3,))]


def test_one_source_split_into_two_targets(use_encoder):
    src = [
        "Учёные из Новосибирска разработали новый метод очистки воды.",
        "Он позволяет удалять из воды до 99 процентов микропластика, а стоит втрое дешевле существующих фильтров.",
        "Первые установки появятся в городе уже следующим летом.",
    ]
    tgt = [
        "Scientists from Novosibirsk have developed a new method of water purification.",
        "It removes up to 99 percent of microplastics from water.",
        "And it costs three times less than existing filters.",
        "The first installations will appear in the city next summer.",
    ]
    beads = align(src, tgt, use_encoder)
    assert_valid(beads, 3, 4)
    assert pairs(beads) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]


def test_moved_heading(use_encoder):
    # The heading comes first in the source and after the lead sentence in the target.
    src = ["Новости науки"] + RU[:3]
    tgt = [EN[0], "Science news"] + EN[1:3]
    with_blocks = align(src, tgt, use_encoder, source_blocks=[0, 1, 1, 1], target_blocks=[0, 1, 2, 2])
    assert_valid(with_blocks, 4, 4)
    # a merged side may not cross a paragraph break, so the heading can only be left out
    assert pairs(with_blocks) == [
        ((0,), ()),
        ((1,), (0,)),
        ((), (1,)),
        ((2,), (2,)),
        ((3,), (3,)),
    ]
    without = align(src, tgt, use_encoder)
    assert_valid(without, 4, 4)
    # without paragraphs a 2-2 bead holding both headings is acceptable as well
    assert pairs(without)[-2:] == [((2,), (2,)), ((3,), (3,))]
    assert any(1 in b.source and 0 in b.target for b in without)


@pytest.mark.parametrize(
    ("src", "tgt", "expected"),
    [
        ([], [], []),
        (["Привет."], [], [((0,), ())]),
        ([], ["Hello.", "Bye."], [((), (0,)), ((), (1,))]),
    ],
)
def test_empty_sides(use_encoder, src, tgt, expected):
    beads = align(src, tgt, use_encoder)
    assert pairs(beads) == expected
    assert all(b.score is None for b in beads)


def test_blocks_must_match_sentences(use_encoder):
    with pytest.raises(ValueError):
        align(RU, EN, use_encoder, source_blocks=[0, 1])


def test_settings_signature_is_plain_data():
    sig = settings_signature(AlignSettings())
    assert sig["match_threshold"] == AlignSettings().match_threshold
    assert all(isinstance(v, (str, int, float, bool)) for v in sig.values())


class FakeEncoder:
    """Deterministic stand-in: a text's vector is seeded by its last number (or by the
    whole text), so "s12" and "t12" get the same vector: a known translation pair."""

    name = "fake"

    def __init__(self, dim: int = 16) -> None:
        self.dim = dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for k, text in enumerate(texts):
            digits = "".join(c if c.isdigit() else " " for c in text).split()
            seed = zlib.crc32((digits[-1] if digits else text).encode())
            out[k] = np.random.default_rng(seed).standard_normal(self.dim)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


@settings(max_examples=60, deadline=None)
@given(
    src=st.lists(st.text(min_size=0, max_size=12), max_size=12),
    tgt=st.lists(st.text(min_size=0, max_size=12), max_size=12),
    blocks=st.booleans(),
)
def test_beads_cover_both_sides_in_order(src, tgt, blocks):
    sb = [i // 3 for i in range(len(src))] if blocks else None
    tb = [j // 2 for j in range(len(tgt))] if blocks else None
    beads = align(src, tgt, FakeEncoder(), source_blocks=sb, target_blocks=tb)
    assert_valid(beads, len(src), len(tgt))


def test_batch_equals_one_by_one():
    enc = FakeEncoder()
    docs = [
        ([f"s{i}" for i in range(7)], [f"t{i}" for i in (0, 1, 3, 4, 5, 6)]),
        (["s1"], []),
        ([], []),
    ]
    batch = align_batch([AlignTask(s, t) for s, t in docs], enc)
    assert batch == [align(s, t, enc) for s, t in docs]


def test_long_input_stays_in_a_band():
    """5,000 × 4,900 sentences: the search must not build an n×m table. A float32 one
    alone would take 94 MB (an int8 back-pointer table 23 MB); the banded search peaks
    at ~37 MB here, most of it the per-sentence anchor bags of the coarse-to-fine levels."""
    n = 5000
    src = [f"предложение {i}" for i in range(n)]
    tgt = [f"sentence {i}" for i in range(n) if i % 50 != 7]  # every 50th sentence omitted
    enc = FakeEncoder()
    tracemalloc.start()
    try:
        beads = align(src, tgt, enc)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert_valid(beads, n, len(tgt))
    assert peak < 50 * 2**20, f"peak {peak / 2**20:.0f} MB"
    omitted = {b.source[0] for b in beads if not b.target}
    assert omitted == {i for i in range(n) if i % 50 == 7}


class NoiseEncoder:
    """An encoder that knows neither language: every sentence gets an unrelated vector."""

    name = "noise"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.stack([np.random.default_rng(zlib.crc32(t.encode())).standard_normal(32) for t in texts])
        return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


def _article(n: int) -> tuple[list[str], list[str]]:
    """n sentence pairs of very different lengths (a short one, then a long one, …), as
    translations are: the target about 1.1× the source, with a figure or a name in some."""
    rng = np.random.default_rng(7)
    src, tgt = [], []
    for i in range(n):
        words = int(rng.integers(3, 7)) if i % 2 else int(rng.integers(18, 35))
        src.append(" ".join("слово" for _ in range(words)) + (f" {1990 + i} году." if i % 3 == 0 else "."))
        tgt.append(" ".join("word" for _ in range(int(words * 1.1))) + (f" in {1990 + i}." if i % 3 == 0 else "."))
    return src, tgt


def test_similarities_without_signal_are_measured_and_not_trusted(use_encoder):
    src, tgt = _article(40)
    (noise,) = align_batch_scaled([AlignTask(src, tgt, encoder_reads=False)], NoiseEncoder())
    assert noise.scale.signal < AlignSettings().signal_low
    (real,) = align_batch_scaled([AlignTask(RU, EN)], use_encoder)
    assert real.scale.signal >= AlignSettings().signal_high
    assert real.scale.base < 0.3 < 0.6 < real.scale.top  # USE: unrelated ~0.1, translations ~0.7


def test_an_encoder_that_reads_neither_language_does_no_worse_than_length(use_encoder):
    """A language unknown to the encoder: its noise must not decide the alignment. Length
    and the shared figures still find the dropped sentence and the joined pair."""
    src, tgt = _article(40)
    tgt = tgt[:10] + tgt[11:20] + [tgt[20] + " " + tgt[21]] + tgt[22:]
    beads = align(src, tgt, NoiseEncoder(), encoder_reads=False)
    assert_valid(beads, 40, 38)
    expected = (
        [((i,), (i,)) for i in range(10)]
        + [((10,), ())]
        + [((i,), (i - 1,)) for i in range(11, 20)]
        + [((20, 21), (19,))]
        + [((i,), (i - 2,)) for i in range(22, 40)]
    )
    assert pairs(beads) == expected


class VectorEncoder:
    """Vectors chosen per sentence: a sentence known to ``vectors`` gets its vector; any
    other text (a join of known sentences) the length-weighted sum of its parts'."""

    name = "chosen"

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = []
        for text in texts:
            v = self.vectors.get(text)
            if v is None:
                v = sum(np.sqrt(len(k)) * self.vectors[k] for k in self.vectors if k in text)
            out.append(v / np.linalg.norm(v))
        return np.stack(out).astype(np.float32)


def _chosen_document(
    n: int, dim: int = 64
) -> tuple[list[str], list[str], dict[str, np.ndarray], np.random.Generator]:
    """n translation pairs (cosine ~0.9), every other pair unrelated (cosine ~0 ± 0.12)."""
    rng = np.random.default_rng(3)
    src = [f"Исходное предложение номер {i} о событиях дня." for i in range(n)]
    tgt = [f"Target sentence number {i} about the day's events." for i in range(n)]
    vectors = {}
    for s, t in zip(src, tgt):
        v = rng.standard_normal(dim)
        vectors[s] = v + 0.35 * rng.standard_normal(dim)
        vectors[t] = v + 0.35 * rng.standard_normal(dim)
    return src, tgt, vectors, rng


def _pair_with_cosine(rng: np.random.Generator, cos: float, dim: int = 64) -> tuple[np.ndarray, np.ndarray]:
    u = rng.standard_normal(dim)
    w = rng.standard_normal(dim)
    w -= (w @ u) / (u @ u) * u
    u, w = u / np.linalg.norm(u), w / np.linalg.norm(w)
    return u, cos * u + np.sqrt(1 - cos**2) * w


def test_a_weak_correct_pair_is_one_bead_not_an_omission_and_an_addition():
    """A short pair a weak encoder scores under the match threshold, yet better than the
    document's wrong pairs: next to each other, the deletion and the insertion are a 1-1."""
    src, tgt, vectors, rng = _chosen_document(14)
    weak_s, weak_t = "Не зовсім зрозумів", "I did not quite understand that"
    vectors[weak_s], vectors[weak_t] = _pair_with_cosine(rng, 0.25)
    src.insert(7, weak_s)
    tgt.insert(7, weak_t)
    enc = VectorEncoder(vectors)
    unrepaired = pairs(align(src, tgt, enc, AlignSettings(repair=False)))
    assert ((7,), ()) in unrepaired and ((), (7,)) in unrepaired  # the split this repairs
    assert pairs(align(src, tgt, enc)) == [((i,), (i,)) for i in range(15)]


def test_a_deletion_next_to_an_unrelated_insertion_stays_two_null_beads():
    src, tgt, vectors, rng = _chosen_document(14)
    dropped, inserted = "Другие детали не приводятся.", "Photo: Reuters."
    vectors[dropped], vectors[inserted] = _pair_with_cosine(rng, 0.0)
    src.insert(7, dropped)
    tgt.insert(7, inserted)
    beads = pairs(align(src, tgt, VectorEncoder(vectors)))
    assert ((7,), ()) in beads and ((), (7,)) in beads


def test_a_one_word_line_and_its_translation_are_one_bead_however_the_encoder_scores_them():
    """A greeting at the same place on both sides: an encoder scores such one-word lines
    like strangers (below the document's typical wrong pair), so they would be an omission
    plus an addition; alone in their gap and this short, they are a pair."""
    src, tgt, vectors, rng = _chosen_document(14)
    bye_s, bye_t = "Допобачення", "Goodbye then"
    vectors[bye_s], vectors[bye_t] = _pair_with_cosine(rng, -0.1)
    src.insert(7, bye_s)
    tgt.insert(7, bye_t)
    enc = VectorEncoder(vectors)
    unrepaired = pairs(align(src, tgt, enc, AlignSettings(repair=False)))
    assert ((7,), ()) in unrepaired and ((), (7,)) in unrepaired
    assert pairs(align(src, tgt, enc)) == [((i,), (i,)) for i in range(15)]
    # two short lines on one side and one on the other: no lone pair, the encoder decides
    src.insert(8, "Дякую")
    vectors["Дякую"] = _pair_with_cosine(rng, 0.0)[1]
    beads = pairs(align(src, tgt, enc))
    assert ((7,), ()) in beads and ((8,), ()) in beads and ((), (7,)) in beads


def test_a_weak_pair_that_is_its_sentences_best_match_is_one_bead():
    """Under e5 a chat's lines all look alike, so a correct pair can rank only a little
    above the document's typical wrong pair (0.6); that the source sentence still finds its
    translation first, of every target sentence, is the evidence."""
    src, tgt, vectors, rng = _chosen_document(14)
    weak_s, weak_t = "Чи вдалося вам з кимось потоваришувати?", "Did you manage to make any friends there?"
    # the source sentence unrelated to every other target (cosine 0), its translation at 0.06
    others = np.stack([vectors[t] for t in tgt])
    q, _ = np.linalg.qr(others.T)
    u = rng.standard_normal(64)
    u -= q @ (q.T @ u)
    u /= np.linalg.norm(u)
    w = rng.standard_normal(64)
    w -= q @ (q.T @ w) + (w @ u) * u
    w /= np.linalg.norm(w)
    vectors[weak_s], vectors[weak_t] = u, 0.06 * u + np.sqrt(1 - 0.06**2) * w
    src.insert(7, weak_s)
    tgt.insert(7, weak_t)
    enc = VectorEncoder(vectors)
    unrepaired = pairs(align(src, tgt, enc, AlignSettings(repair=False)))
    assert ((7,), ()) in unrepaired and ((), (7,)) in unrepaired
    assert pairs(align(src, tgt, enc, AlignSettings(repair_best_rank=1.0))) == unrepaired  # rank alone: no
    assert pairs(align(src, tgt, enc)) == [((i,), (i,)) for i in range(15)]


def test_a_pair_whose_numbers_differ_is_not_joined_by_the_repair():
    src, tgt, vectors, rng = _chosen_document(14)
    dropped, inserted = "В 2019 году цены выросли.", "Prices fell in 2023."
    vectors[dropped], vectors[inserted] = _pair_with_cosine(rng, 0.25)
    src.insert(7, dropped)
    tgt.insert(7, inserted)
    beads = pairs(align(src, tgt, VectorEncoder(vectors)))
    assert ((7,), ()) in beads and ((), (7,)) in beads


def _judge(src: list[str], tgt: list[str], enc: VectorEncoder) -> _Judge:
    sides = [_make_side(enc.encode(t), t, np.array([len(x) for x in t])) for t in (src, tgt)]
    return _Judge(sides[0], sides[1], AlignSettings())


@pytest.mark.parametrize("merged", ["source", "target"])
def test_a_merge_member_unrelated_to_the_other_side_is_its_own_null_bead(merged):
    """A sentence dropped next to its neighbour (2-1), or a caption inserted after one
    (1-2), that the search took into the neighbour's bead: the member contributes nothing
    to the other side, so the repair makes it a null bead."""
    src, tgt, vectors, rng = _chosen_document(12)
    stray = "Photo: Reuters." if merged == "target" else "Другие детали не приводятся."
    # its cosine with the other side is below most of the document's wrong pairs (~0 ± 0.12)
    other = src[6] if merged == "target" else tgt[6]
    u = vectors[other] / np.linalg.norm(vectors[other])
    w = rng.standard_normal(64)
    w -= (w @ u) * u
    vectors[stray] = -0.15 * u + np.sqrt(1 - 0.15**2) * w / np.linalg.norm(w)
    (tgt if merged == "target" else src).insert(7, stray)
    merge, null = ((1, 2), (0, 1)) if merged == "target" else ((2, 1), (1, 0))
    path = [(1, 1)] * 6 + [merge] + [(1, 1)] * 5
    assert _repair(path, _judge(src, tgt, VectorEncoder(vectors))) == [(1, 1)] * 7 + [null] + [(1, 1)] * 5


def test_a_real_merge_is_kept():
    src, tgt, vectors, _ = _chosen_document(12)
    tgt = tgt[:6] + [tgt[6] + " " + tgt[7]] + tgt[8:]  # two sources, one target sentence
    path = [(1, 1)] * 6 + [(2, 1)] + [(1, 1)] * 4
    assert _repair(path, _judge(src, tgt, VectorEncoder(vectors))) == path


def _direction(rng: np.random.Generator, toward: dict[str, float], vectors: dict[str, np.ndarray]) -> np.ndarray:
    """A unit vector with the given cosines to the named sentences' vectors (taken as
    nearly orthogonal to each other, as random 64-d vectors are) and random elsewhere."""
    basis = np.linalg.qr(np.stack([vectors[k] for k in toward]).T)[0]
    w = rng.standard_normal(basis.shape[0])
    w -= basis @ (basis.T @ w)
    v = sum(c * vectors[k] / np.linalg.norm(vectors[k]) for k, c in toward.items())
    rest = max(1.0 - float(v @ v), 0.0)
    return np.asarray(v + np.sqrt(rest) * w / np.linalg.norm(w))


def test_a_sentence_rendered_inside_its_neighbours_translation_joins_that_bead():
    """"…drunk men and me with my children… To be honest, it's scary to go to bed." for one
    source sentence: the search left the second English sentence as an addition (e5 scores
    the merge a little under the single pair). Its source holds it, and the lengths agree
    better with it: a 1-2 bead."""
    src, tgt, vectors, rng = _chosen_document(12)
    extra_s, extra_t = " Честно говоря, там страшно ложиться спать.", "To be honest, it is scary to go to bed there."
    scale = float(np.linalg.norm(vectors[src[6]]))  # as long as the sentence it is joined to
    vectors[extra_s.strip()], vectors[extra_t] = (scale * v for v in _pair_with_cosine(rng, 0.9))
    src[6] += extra_s
    tgt.insert(7, extra_t)
    path = [(1, 1)] * 7 + [(0, 1)] + [(1, 1)] * 5
    judge = _judge(src, tgt, VectorEncoder(vectors))
    assert _repair(path, judge) == [(1, 1)] * 6 + [(1, 2)] + [(1, 1)] * 5
    # not across a paragraph break: the added sentence is a paragraph of its own
    _set_breaks(judge.tgt, list(range(13)))
    assert _repair(path, judge) == path


def test_an_added_sentence_on_its_neighbours_topic_stays_an_addition():
    """An English sentence added after a pair, about the same thing as its source (cosine
    0.5, above every wrong pair): joined to the pair, the English would run a sentence
    longer than the source, which the length sees."""
    src, tgt, vectors, rng = _chosen_document(12)
    added = "Further details of the day's events have not been given so far."
    vectors[added] = _direction(rng, {src[6]: 0.5}, vectors)
    tgt.insert(7, added)
    path = [(1, 1)] * 7 + [(0, 1)] + [(1, 1)] * 5
    vec = VectorEncoder(vectors)
    assert _repair(path, _judge(src, tgt, vec)) == path
    strict = _judge(src, tgt, vec)
    lax = _Judge(strict.src, strict.tgt, replace(AlignSettings(), repair_attach_z2=1e9))
    assert _repair(path, lax) == [(1, 1)] * 6 + [(1, 2)] + [(1, 1)] * 5  # the length guard decides


def test_a_dropped_sentence_beside_a_one_sentence_translation_stays_an_omission():
    """A source sentence left over beside a pair is as often omitted as merged: lengths
    aside, it joins only a bead whose English the translator split."""
    src, tgt, vectors, rng = _chosen_document(12)
    dropped = "Другие подробности о событиях дня пока не приводятся."
    vectors[dropped] = _direction(rng, {tgt[6]: 0.5}, vectors)
    src.insert(7, dropped)
    path = [(1, 1)] * 7 + [(1, 0)] + [(1, 1)] * 5
    strict = _judge(src, tgt, VectorEncoder(vectors))
    lax = _Judge(strict.src, strict.tgt, replace(AlignSettings(), repair_attach_z2=1e9))
    assert _repair(path, strict) == _repair(path, lax) == path


def test_a_split_that_took_its_neighbours_translation_gives_it_back():
    """Source 6 → English 6 + 7 and source 7 omitted, where English 7 is source 7's
    translation (cosine 0.9) and only a little like source 6 (0.2, still above the wrong
    pairs, so the merge is no stray member): two 1-1 beads."""
    src, tgt, vectors, rng = _chosen_document(12)
    vectors[tgt[7]] = _direction(rng, {src[7]: 0.9, src[6]: 0.2}, vectors)
    path = [(1, 1)] * 6 + [(1, 2), (1, 0)] + [(1, 1)] * 4
    assert _repair(path, _judge(src, tgt, VectorEncoder(vectors))) == [(1, 1)] * 12


@pytest.mark.parametrize("line, joined", [("Привіт.", True), ("Сподіваюся, у вас усе гаразд сьогодні.", False)])
def test_a_one_word_line_joins_its_neighbour_on_a_typical_match(line, joined):
    """"Привіт. Сузана допоможи." → "Hello Susanna, can you help me?": a greeting no encoder
    judges (here a cosine of 0.1, above most wrong pairs but not nine in ten) joins the
    bead that renders it; a full sentence needs better evidence than that."""
    src, tgt, vectors, rng = _chosen_document(12)
    vectors[line] = _direction(rng, {tgt[7]: 0.1, tgt[6]: -0.3}, vectors)
    src.insert(7, line)
    path = [(1, 1)] * 7 + [(1, 0)] + [(1, 1)] * 5
    expected = [(1, 1)] * 7 + [(2, 1)] + [(1, 1)] * 4 if joined else path
    assert _repair(path, _judge(src, tgt, VectorEncoder(vectors))) == expected


def test_a_short_documents_length_ratio_is_shrunk_towards_the_language_pairs_prior():
    from checker.align import _length_ratio
    from checker.language.lengths import length_ratio_prior

    prior = length_ratio_prior("ru", "en")
    assert prior is not None and 1.0 < prior < 1.1  # English runs a little longer than Russian
    assert length_ratio_prior("ru", "xx") is None
    # a 4-sentence article (500 chars) whose English an inserted sentence made 1.4× longer
    short = _length_ratio(500.0, 700.0, prior, AlignSettings().length_prior_chars)
    assert abs(short - prior) < abs(1.4 - prior) / 2
    # a long article keeps about its own ratio; without a prior, the document's own
    assert abs(_length_ratio(50_000.0, 70_000.0, prior, 1000.0) - 1.4) < 0.01
    assert _length_ratio(500.0, 700.0, None, 1000.0) == 1.4
