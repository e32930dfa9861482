"""Quantities compared across languages: which numbers, dates and times one side lacks.

Two quantities match when their value sets meet (a quantity carries several values when its
reading is ambiguous: "1,000" in Russian may be 1.0 or 1000; "10:00" also matches "10 a.m.";
"90-х" may be 90 or 1990). ``compare_quantities`` pairs source and target quantities by
maximum bipartite matching and returns what is left on each side.

Some quantities are *soft*: those written in words ("two", "двух", "first", "XX"), which
translators write or drop freely ("one of", "once", "a second"), and digits inside a code
name ("COVID-19", "G7", "Т-90М"), which translators shorten ("COVID") or render from a word
("Большая семерка" → "G7"). A soft quantity left over only counts when the other side has
something left over too (a substitution: "three" for "четыре", "T-80" for "Т-90"), and a
spelled "one"/"first" never counts: it is far more often a pronoun or an idiom ("one of",
"в первую очередь"). Digits left over on either side always count.

Digits inside a name ("COVID-19", "F-16", "Boeing 737": ``QuantityKind.NAME``) match any
quantity of the same value, but one left over counts only against a name left over on the
other side ("F-15" for "F-16"): a translator drops "-19" from "COVID-19" freely, and the
digits of a name are never a changed amount.

Languages differ in what this module can read (``checker.language.conventions``). A
language without conventions data is not compared at all (``compare_texts`` finds
nothing): its separators would be guessed. Where a language's number words are not all
listed (``reads_spelled_numbers`` is False: Polish, Arabic, Chinese, …), a digit left over
on the other side may stand for words here that nobody read ("w ciągu dziesięciu dni" →
"for 10 days"), so it counts only in a substitution, as a soft quantity does.

A sign counts: "15" does not match "-15", so a temperature or a change that lost its sign is
reported. Units and currencies are not converted on purpose: "5 miles" for "5 км" keeps the
number and is not reported, while "8 km" for "5 км" is, which is what a reviewer wants.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checker.language.conventions import language_data
from checker.language.number_extract import extract_quantities
from checker.language.number_values import DayMonth, Month, Quantity, QuantityKind, Value

__all__ = ["NumberDiff", "compare_quantities", "compare_texts", "quantities_match"]


@dataclass(frozen=True)
class NumberDiff:
    """What ``compare_quantities`` left unmatched: ``missing`` from the target, ``added`` to it."""

    missing: tuple[Quantity, ...]
    added: tuple[Quantity, ...]

    def __bool__(self) -> bool:
        return bool(self.missing or self.added)


def quantities_match(a: Quantity, b: Quantity) -> bool:
    """Whether ``a`` and ``b`` may stand for the same value."""
    dates = {v for v in a.values if isinstance(v, DayMonth)}
    other_dates = {v for v in b.values if isinstance(v, DayMonth)}
    if dates and other_dates:
        # A date's day alone ("16") is there for "on the 16th"; two dates compare whole.
        return not dates.isdisjoint(other_dates)
    # A month alone agrees with a date in it: the day may be written in words the reader
    # does not know ("الثامن والعشرين من تشرين الأول" = "the 28th of October").
    if {Month(d.month) for d in dates} & b.values or {Month(d.month) for d in other_dates} & a.values:
        return True
    return not a.values.isdisjoint(b.values)


# Kuhn's algorithm below tries every target for every source and may walk an augmenting
# path through all of them: nothing for a sentence (a few dozen quantities), cubic for a pair
# that holds thousands ("1 1 1 …"). Beyond this many source × target pairs, quantities are
# counted by their values instead, and matched by a maximum flow between those classes.
EXACT_MATCHING_LIMIT = 64 * 64


def compare_quantities(
    source: Sequence[Quantity],
    target: Sequence[Quantity],
    *,
    source_reads_words: bool = True,
    target_reads_words: bool = True,
) -> NumberDiff:
    """Pair quantities whose values meet (maximum bipartite matching); report what is left.

    Quantities in digits are matched first, so that a spelled "one" does not take the
    partner a digit needed. A soft quantity left over counts only when the other side has a
    leftover too; a name's digits only when the other side has a name's left over.
    ``source_reads_words`` False says that the source may spell numbers in words nobody read:
    a target leftover then counts only as a soft one does (and ``target_reads_words``
    likewise for source leftovers).
    """
    if len(source) * len(target) <= EXACT_MATCHING_LIMIT:
        matched_sources, matched_targets = _kuhn(source, target)
    else:
        matched_sources, matched_targets = _class_flow(source, target)
    missing = [q for i, q in enumerate(source) if i not in matched_sources]
    added = [q for j, q in enumerate(target) if j not in matched_targets]
    missing = [q for q in missing if not q.ignorable]
    added = [q for q in added if not q.ignorable]
    return NumberDiff(_counted(missing, added, target_reads_words), _counted(added, missing, source_reads_words))


def _counted(leftovers: Sequence[Quantity], other: Sequence[Quantity], other_reads_words: bool) -> tuple[Quantity, ...]:
    """The leftovers of one side that count, given the other side's leftovers."""
    names = any(q.kind is QuantityKind.NAME for q in other)
    plain = [q for q in other if q.kind is not QuantityKind.NAME]
    # A word that only stands for a number ("noon", "сутки") and a word of another kind are
    # two turns of phrase, not a changed value ("у другу половину дня" → "after noon"): such
    # a word substitutes for digits or for a word of its own kind ("шести десятках" → "six
    # dozen" is reported), and a spelled number for anything else.
    digits = any(not q.soft for q in plain)

    def counts(q: Quantity) -> bool:
        if q.kind is QuantityKind.NAME:
            return names
        if q.reportable_alone and other_reads_words:
            return True
        if q.implicit:
            return digits or any(o.kind is q.kind for o in plain)
        if q.soft:
            return any(not o.implicit or o.kind is q.kind for o in plain)
        return bool(plain)

    return tuple(q for q in leftovers if counts(q))


def _kuhn(source: Sequence[Quantity], target: Sequence[Quantity]) -> tuple[set[int], set[int]]:
    """Indices of the matched sources and targets: augmenting paths, digits first."""
    match_of_target: dict[int, int] = {}
    # Digits are tried before words on the target side too, so that what is left over is,
    # where it can be, a spelled number: "half a million, 500,000" for "полмиллиона".
    order = sorted(range(len(target)), key=lambda k: target[k].soft)

    def augment(i: int, seen: set[int]) -> bool:
        for j in order:
            t = target[j]
            if j in seen or not quantities_match(source[i], t):
                continue
            seen.add(j)
            if j not in match_of_target or augment(match_of_target[j], seen):
                match_of_target[j] = i
                return True
        return False

    for i in sorted(range(len(source)), key=lambda k: source[k].soft):
        augment(i, set())
    return set(match_of_target.values()), set(match_of_target)


def _class_flow(source: Sequence[Quantity], target: Sequence[Quantity]) -> tuple[set[int], set[int]]:
    """The same matching size as ``_kuhn``, in time linear in the quantities for repetitive
    text: quantities with the same values are one class (interchangeable for matching), and
    classes are matched by maximum flow, digits first (a first flow over the quantities in
    digits; the second, which adds the soft ones, never takes a match from them). In each
    class the earliest members are the matched ones, digits before soft ones on the source
    side, as Kuhn's algorithm in reading order would leave them."""
    source_classes = _classes(source)
    target_classes = _classes(target)
    by_value: dict[Value, list[int]] = {}
    for c, (values, _members) in enumerate(target_classes):
        for v in values:
            by_value.setdefault(v, []).append(c)
    flow = _Flow(len(source_classes), len(target_classes))
    for a, (values, members) in enumerate(source_classes):
        representative = source[members[0]]
        candidates = sorted({c for v in values for c in by_value.get(v, ())})
        for b in candidates:
            if quantities_match(representative, target[target_classes[b][1][0]]):
                flow.connect(a, b, len(members))
    for b, (_values, members) in enumerate(target_classes):
        flow.target_capacity(b, len(members))
    for a, (_values, members) in enumerate(source_classes):
        flow.source_capacity(a, sum(not source[i].soft for i in members))
    flow.run()
    for a, (_values, members) in enumerate(source_classes):
        flow.source_capacity(a, len(members))
    flow.run()
    matched_sources: set[int] = set()
    for a, (_values, members) in enumerate(source_classes):
        ordered = sorted(members, key=lambda i: (source[i].soft, i))
        matched_sources.update(ordered[: flow.source_flow(a)])
    matched_targets: set[int] = set()
    for b, (_values, members) in enumerate(target_classes):
        matched_targets.update(members[: flow.target_flow(b)])
    return matched_sources, matched_targets


def _classes(quantities: Sequence[Quantity]) -> list[tuple[frozenset[Value], list[int]]]:
    """Quantities grouped by their values, in order of first appearance; members in order."""
    groups: dict[frozenset[Value], list[int]] = {}
    for k, q in enumerate(quantities):
        groups.setdefault(q.values, []).append(k)
    return list(groups.items())


class _Flow:
    """Maximum flow (Dinic's algorithm) from a source through ``m`` left and ``n`` right
    nodes to a sink; left-right edges carry at most their capacity, as do the edges from
    the source and to the sink, which may be raised between runs."""

    def __init__(self, m: int, n: int) -> None:
        self.m, self.n = m, n
        self.sink = m + n + 1  # node 0 is the source; left nodes 1..m; right m+1..m+n
        size = m + n + 2
        self.edges: list[list[int]] = []  # [to, residual capacity, index of the reverse edge]
        self.adjacency: list[list[int]] = [[] for _ in range(size)]
        self._source_edge = [self._edge(0, 1 + a, 0) for a in range(m)]
        self._sink_edge = [self._edge(1 + m + b, self.sink, 0) for b in range(n)]
        self._source_capacity = [0] * m

    def _edge(self, u: int, v: int, capacity: int) -> int:
        self.edges.append([v, capacity, len(self.edges) + 1])
        self.adjacency[u].append(len(self.edges) - 1)
        self.edges.append([u, 0, len(self.edges) - 1])
        self.adjacency[v].append(len(self.edges) - 1)
        return len(self.edges) - 2

    def connect(self, a: int, b: int, capacity: int) -> None:
        self._edge(1 + a, 1 + self.m + b, capacity)

    def target_capacity(self, b: int, capacity: int) -> None:
        self.edges[self._sink_edge[b]][1] = capacity

    def source_capacity(self, a: int, capacity: int) -> None:
        """Raise the capacity of the source's edge to left node ``a`` (keeping its flow)."""
        self.edges[self._source_edge[a]][1] += capacity - self._source_capacity[a]
        self._source_capacity[a] = capacity

    def source_flow(self, a: int) -> int:
        return self.edges[self._source_edge[a] + 1][1]

    def target_flow(self, b: int) -> int:
        return self.edges[self._sink_edge[b] + 1][1]

    def run(self) -> None:
        while (level := self._levels()) is not None:
            pointer = [0] * len(self.adjacency)
            while self._push(level, pointer):
                pass

    def _levels(self) -> list[int] | None:
        level = [-1] * len(self.adjacency)
        level[0] = 0
        queue = [0]
        for u in queue:
            for e in self.adjacency[u]:
                v, capacity, _ = self.edges[e]
                if capacity > 0 and level[v] < 0:
                    level[v] = level[u] + 1
                    queue.append(v)
        return level if level[self.sink] >= 0 else None

    def _push(self, level: list[int], pointer: list[int]) -> bool:
        """One augmenting path along the level graph, found without recursion; False if none."""
        path: list[int] = []  # edge indices from the source
        u = 0
        while u != self.sink:
            adjacency = self.adjacency[u]
            while pointer[u] < len(adjacency):
                e = adjacency[pointer[u]]
                v, capacity, _ = self.edges[e]
                if capacity > 0 and level[v] == level[u] + 1:
                    break
                pointer[u] += 1
            else:
                if u == 0:
                    return False
                level[u] = -1  # a dead end: never enter it again in this phase
                e = path.pop()
                u = self.edges[self.edges[e][2]][0]
                pointer[u] += 1
                continue
            path.append(e)
            u = self.edges[e][0]
        pushed = min(self.edges[e][1] for e in path)
        for e in path:
            self.edges[e][1] -= pushed
            self.edges[self.edges[e][2]][1] += pushed
        return True


def compare_texts(source: str, source_language: str, target: str, target_language: str) -> NumberDiff:
    """``compare_quantities`` on two texts; nothing for a language without conventions data."""
    source_data, target_data = language_data(source_language), language_data(target_language)
    if not (source_data.numbers and target_data.numbers):
        return NumberDiff((), ())
    source_q = extract_quantities(source, source_language)
    target_q = extract_quantities(target, target_language)

    def diff(s: Sequence[Quantity], t: Sequence[Quantity]) -> NumberDiff:
        return compare_quantities(
            s, t, source_reads_words=source_data.reads_spelled_numbers, target_reads_words=target_data.reads_spelled_numbers
        )

    best = diff(source_q, target_q)
    if not best or not any(q.parts for q in (*source_q, *target_q)):
        return best
    # A quantity with another reading as several ("3 410" = 3 and 410, "4.2022" = 4 and
    # 2022) is read as the other side agrees: the reading that leaves fewer values over
    # wins, the whole one on a tie.
    for s_alt, t_alt in ((_split(source_q), target_q), (source_q, _split(target_q)), (_split(source_q), _split(target_q))):
        if s_alt is source_q and t_alt is target_q:
            continue
        alt = diff(s_alt, t_alt)
        if len(alt.missing) + len(alt.added) < len(best.missing) + len(best.added):
            best = alt
    return best


def _split(quantities: Sequence[Quantity]) -> Sequence[Quantity]:
    """``quantities`` with each one that has ``parts`` replaced by them; the same object if none has."""
    if not any(q.parts for q in quantities):
        return quantities
    return [p for q in quantities for p in (q.parts or (q,))]
