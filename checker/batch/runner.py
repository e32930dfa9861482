"""Checking many pairs: in this process for a tiny run, otherwise in a pool of processes.

``check_pair(job, settings) -> PairResult`` is the whole per-pair work: a plain, picklable
function that reads its own files, so any ``concurrent.futures.Executor`` can run it (the
local process pool here; a cluster's executor later). A pair that cannot be read becomes a
``PairResult`` with ``error`` set, never an exception that stops the run.

Pairs whose report the persistent cache keeps (``checker.batch.result_cache``) are settled
in this process first; a pool starts only for the pairs left, and only when they are enough
work to repay its start-up.

Each pool worker creates the encoders and loads the glossaries once (``init_worker``); an
encoder's weights load on its first cache miss, so a worker whose sentences are all in the
embedding cache never loads them. Each worker runs with one BLAS/OpenMP thread: one worker
per core, each single-threaded, beats two workers fighting over each core's threads (the
encoder was 20× slower oversubscribed, see ``checker.embed``). The thread variables must be
set before numpy is first imported in the worker, so this module imports nothing heavy at
the top: a spawned worker unpickles ``init_worker`` from it before the initializer runs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from typing import TYPE_CHECKING

from checker.batch.pairing import PairJob
from checker.errors import CheckerError, warnings_as_lines
from checker.model import Finding, PairResult

if TYPE_CHECKING:
    from checker.config import Settings
    from checker.glossary.schema import Glossary

# The variables the BLAS and OpenMP builds numpy may use read at start-up.
THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)

# Below this much input (both sides, all pairs) a pool cannot win: a spawned worker spends
# ~1 s importing before it loads the encoder (which the in-process run loads too), and
# two workers save half the checking time, which for 128 KB (~700 sentences, UTF-8 Cyrillic
# being two bytes a letter) is about that second at the encoder's ~600 sentences/s.
TINY_RUN_BYTES = 128 * 1024

# Set in a pool worker by init_worker: its encoders use this many threads (None: all cores).
_worker_threads: int | None = None
_glossaries: dict[str, tuple[tuple[int, int], "Glossary"]] = {}

OnResult = Callable[[PairResult], None]


def usable_cores() -> int:
    """Cores this process may run on (affinity and cgroup-aware where Python can tell)."""
    count = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if count is not None:
        return max(1, count() or 1)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def init_worker(encoders: Sequence[str], glossaries: Sequence[str]) -> None:
    """Pool initializer: one thread per worker, then the encoders created (their weights load
    when a sentence first misses the embedding cache) and the glossaries loaded, once."""
    global _worker_threads
    warnings_as_lines()
    for name in THREAD_VARIABLES:
        os.environ[name] = "1"
    _worker_threads = 1
    from checker.embed import get_encoder

    for spec in encoders:
        try:
            # "auto" is chosen per pair; USE is what it takes for most, so create that one.
            get_encoder("use" if spec == "auto" else spec, threads=1)
        except CheckerError:
            pass  # each pair reports it, in one line
    for path in glossaries:
        try:
            _glossary(path)
        except CheckerError:
            pass


def preload_glossaries(glossaries: Mapping[str, "Glossary"]) -> None:
    """Glossaries loaded elsewhere, by the path the settings name them with: a cluster worker
    gets them from the client, and need not see the files (or sees another copy)."""
    for path, glossary in glossaries.items():
        _glossaries[path] = (_file_key(path), glossary)


def _file_key(path: str) -> tuple[int, int]:
    try:
        st = os.stat(path)
        return (st.st_mtime_ns, st.st_size)
    except OSError:
        return (0, 0)


def _glossary(path: str) -> "Glossary":
    """A glossary loaded once per process (again only if the file changed)."""
    from checker.glossary.schema import load_glossary

    key = _file_key(path)
    cached = _glossaries.get(path)
    if cached is not None and cached[0] == key:
        return cached[1]
    glossary = load_glossary(path)
    _glossaries[path] = (key, glossary)
    return glossary


def check_pair(job: PairJob, settings: "Settings") -> PairResult:
    """Check one pair (or report a file with no counterpart) with ``settings``."""
    if job.source is None or job.target is None:
        return coverage_result(job, settings)
    from checker.batch import result_cache
    from checker.pipeline import check, load_pair

    key = result_cache.pair_key(job, settings) if settings.cache else None
    try:
        glossaries = [_glossary(g) for g in settings.glossaries]
        source, target = load_pair(job.source, job.target, settings, glossaries)
        report = check(source, target, settings=settings, glossaries=glossaries, threads=_worker_threads)
    except CheckerError as e:
        return PairResult(job.source, job.target, error=str(e))
    except MemoryError:
        return PairResult(job.source, job.target, error=f"{job.target}: out of memory while checking this pair")
    result_cache.keep(key, job, settings, report)
    return PairResult(job.source, job.target, report=report)


def settle_coverage(items: Sequence[tuple[PairJob, "Settings"]], done: Callable[[int, PairResult], None]) -> list[int]:
    """Files with no counterpart need no reading: each is decided here, at once, through
    ``done(index, result)``. Returns the indices of the pairs left to check."""
    remote = []
    for i, (job, settings) in enumerate(items):
        if job.source is None or job.target is None:
            done(i, coverage_result(job, settings))
        else:
            remote.append(i)
    return remote


def coverage_result(job: PairJob, settings: "Settings") -> PairResult:
    """A source with no translation (TC505) or a target with no source (TC506)."""
    from checker.config import adjust_severity
    from checker.rules.coverage import MissingSource, MissingTranslation

    rule = MissingTranslation() if job.target is None else MissingSource()
    findings: tuple[Finding, ...] = ()
    if settings.rule_enabled(rule.code, rule.slug):
        findings = adjust_severity([rule.for_file(job.expected)], settings)
    return PairResult(job.source, job.target, findings=findings)


def pool_size(items: Sequence[tuple[PairJob, "Settings"]], jobs: int | None = None) -> int:
    """How many pool workers: 0 (check in this process) for one pair or a tiny run, else the
    cores this process may use (or ``jobs``, when the user says), no more than the pairs."""
    readable = [job for job, _ in items if job.source is not None and job.target is not None]
    if jobs is not None:
        workers = min(jobs, len(readable))
        return workers if workers >= 2 else 0
    workers = min(usable_cores(), len(readable))
    if workers < 2 or sum(_size(j) for j in readable) < TINY_RUN_BYTES:
        return 0
    return workers


def _size(job: PairJob) -> int:
    total = 0
    for p in (job.source, job.target):
        try:
            total += os.path.getsize(p) if p else 0
        except OSError:
            pass
    return total


def process_pool(workers: int, items: Sequence[tuple[PairJob, "Settings"]]) -> ProcessPoolExecutor:
    """The local pool: spawned workers (nothing inherited half-initialised), each set up once."""
    encoders = sorted({s.encoder for _, s in items})
    glossaries = sorted({g for _, s in items for g in s.glossaries})
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=init_worker,
        initargs=(encoders, glossaries),
    )


def run_pairs(
    items: Sequence[tuple[PairJob, "Settings"]],
    *,
    executor: Executor | None = None,
    workers: int | None = None,
    on_result: OnResult | None = None,
) -> list[PairResult]:
    """Every pair's result, in the order of ``items``, whatever order they finish in.

    ``executor``: run the pairs there (it must be able to pickle a PairJob and Settings).
    Otherwise a process pool of ``pool_size`` workers, or this process for a tiny run.
    ``on_result`` is called in this process as each pair finishes (a progress bar).
    """
    results: list[PairResult | None] = [None] * len(items)

    def done(i: int, result: PairResult) -> None:
        results[i] = result
        if on_result is not None:
            on_result(result)

    from checker.batch.result_cache import settle_cached

    remote = settle_cached(items, settle_coverage(items, done), done)
    size = 0 if executor is not None else pool_size([items[i] for i in remote], workers)
    if executor is None and size == 0:
        for i in remote:
            try:
                result = check_pair(*items[i])
            except Exception as e:  # as in the pool: one pair's failure does not end the run
                result = _failed(items[i][0], e)
            done(i, result)
        return [r for r in results if r is not None]
    # Largest pairs first: the pool then finishes with small ones, not with one long tail.
    remote.sort(key=lambda i: -_size(items[i][0]))
    own = executor is None
    pool = executor if executor is not None else process_pool(size, [items[i] for i in remote])
    try:
        futures: dict[Future[PairResult], int] = {pool.submit(check_pair, *items[i]): i for i in remote}
        for future in as_completed(futures):
            i = futures[future]
            try:
                result = future.result()
            except Exception as e:  # a worker that died (killed, out of memory) loses only its pairs
                result = _failed(items[i][0], e)
            done(i, result)
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)
    return [r for r in results if r is not None]


def _failed(job: PairJob, e: BaseException) -> PairResult:
    """An unexpected failure (a bug, a killed worker) as the pair's one-line error."""
    detail = " ".join(str(e).split())[:300]
    return PairResult(job.source, job.target, error=f"{job.target}: checking this pair failed ({type(e).__name__}: {detail})")
