"""The pairs of a run on a Dask distributed cluster (`transcheck check --scheduler …`).

The per-pair work is the local runner's own ``check_pair``, so a pair's result does not
depend on where it ran. What this module adds is what a cluster needs:

- Each worker is set up once, by a worker plugin whose ``setup`` calls the pool's own
  initializer (``init_worker``: one BLAS thread, the encoders loaded), and receives the
  glossaries the client loaded, so that workers need not see the glossary files.
- Pairs travel in batches of about ``BATCH_SECONDS`` of work, estimated from the files'
  sizes, so that the scheduler (a few thousand tasks a second at best) is never what the
  run waits on; the last batches shrink (guided self-scheduling) so that no worker is left
  with one long batch while the others are idle.
- Workers read the files themselves: paths, resolved against the client's working
  directory (a shared filesystem), or fsspec URLs (``s3://…``, through ``read_text``).
  Only PairResults come back.
- A worker lost mid-batch (killed, out of memory, its machine gone) has its batches run
  again by the scheduler; the client counts them from the scheduler's ``remove-worker``
  events. A batch that kills every worker it is given (Dask's ``KilledWorker``) is split
  and its pairs resubmitted one by one, so that one poisonous article fails alone; a batch
  that raised is resubmitted once. Dask's own ``retries=`` is not used: it retries out of
  the client's sight, and the report counts what was retried.

Imports Dask at the top: only the --scheduler path imports this module.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import dask
from distributed import Client, Future, KilledWorker, LocalCluster, as_completed, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from checker import __version__
from checker.batch import runner
from checker.batch.pairing import PairJob
from checker.batch.result_cache import settle_cached
from checker.batch.runner import THREAD_VARIABLES, OnResult, init_worker, preload_glossaries, settle_coverage, usable_cores
from checker.errors import CheckerError
from checker.model import PairResult
from checker.text.reading import base_directory, is_url

if TYPE_CHECKING:
    from checker.config import Settings
    from checker.glossary.schema import Glossary

# A task's work: long enough that the scheduler's few milliseconds per task are noise,
# short enough that a lost worker costs little and the run ends evenly.
BATCH_SECONDS = 1.0
# One single-threaded worker's time for a pair, fitted on the 187 articles of
# wmt-ru-en-dev with the bundled encoder (15.5 CPU s for 661 KB): 18 ms a pair plus 18 ms a
# KB of both sides. Only batch sizes depend on it.
PAIR_SECONDS = 0.018
SECONDS_PER_BYTE = 0.018 / 1000
# A batch takes at most the remaining work divided by this many times the threads.
GUIDED_FACTOR = 2
# A batch that killed this many workers of a local cluster is split (KilledWorker); Dask's
# default of 3 is for flaky machines, and one article that kills a worker would cost 8.
LOCAL_ALLOWED_FAILURES = 1
# How long to wait for a remote scheduler to answer, and for its first worker to join.
CONNECT_SECONDS = 10
WORKER_WAIT_SECONDS = 60


@dataclass(frozen=True)
class Batch:
    """Pairs for one task: (index in the run, job, settings); the client's working directory."""

    pairs: tuple[tuple[int, PairJob, "Settings"], ...]
    cwd: str


@dataclass(frozen=True)
class BatchResult:
    """What a task sends back: the pairs' results, and how the worker fared (for sizing)."""

    results: tuple[tuple[int, PairResult], ...]
    worker: str
    seconds: float  # wall time of the batch on the worker
    cpu_seconds: float  # CPU time of the thread that ran it: the work, whatever the machine's load
    rss: int  # the worker process's resident memory after the batch, bytes (0: unknown)
    peak_rss: int  # its peak so far, bytes


@dataclass
class ClusterRun:
    """A finished run: every pair's result in the order of the items, and how it went."""

    results: list[PairResult]
    scheduler: str
    workers: int  # at the start of the run
    threads: int
    batches: int = 0  # tasks submitted, resubmissions included
    retried: int = 0  # pairs run again: their worker was lost or their batch failed
    worker_peak_rss: dict[str, int] = field(default_factory=dict)  # per worker address, bytes

    def signature(self) -> dict[str, Any]:
        """What the run report records: where it ran and how many pairs were checked, failed
        and retried."""
        return {
            "scheduler": self.scheduler,
            "workers": self.workers,
            "threads": self.threads,
            "batches": self.batches,
            "checked": sum(1 for r in self.results if r.report is not None),
            "failed": sum(1 for r in self.results if r.error is not None),
            "retried": self.retried,
        }


class WorkerSetup(WorkerPlugin):
    """Sets a worker up once for a run: the pool's initializer, then the client's glossaries."""

    def __init__(self, version: str, encoders: Sequence[str], glossaries: Mapping[str, "Glossary"]) -> None:
        self.version = version
        self.encoders = tuple(encoders)
        self.glossaries = dict(glossaries)

    def setup(self, worker: Any) -> None:
        if __version__ != self.version:
            # Findings must not depend on which worker a pair landed on.
            raise RuntimeError(
                f"worker {worker.address} has transcheck {__version__}, this client {self.version}:"
                " install the same version on every worker"
            )
        init_worker(self.encoders, ())
        preload_glossaries(self.glossaries)


def check_batch(batch: Batch) -> BatchResult:
    """A task: check each pair of ``batch`` as the local runner does, on this worker."""
    import resource

    start, cpu = time.perf_counter(), time.thread_time()
    token = base_directory.set(batch.cwd)
    try:
        results = []
        for index, job, settings in batch.pairs:
            try:
                result = runner.check_pair(job, settings)
            except Exception as e:  # as in the local run: one pair's failure does not end the run
                result = runner._failed(job, e)
            results.append((index, result))
    finally:
        base_directory.reset(token)
    # ru_maxrss is in kB on Linux: the process's peak so far, which is what sizing needs.
    rss = _rss()
    peak = max(rss, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    return BatchResult(tuple(results), get_worker().address, time.perf_counter() - start, time.thread_time() - cpu, rss, peak)


def _rss() -> int:
    try:
        import psutil  # a dependency of distributed

        return int(psutil.Process().memory_info().rss)
    except Exception:
        return 0


def pair_seconds(job: PairJob) -> float:
    """The estimated work of a pair on one worker thread (the files' sizes; a URL's is unknown)."""
    size = runner._size(job) if not any(is_url(p) for p in job.paths()) else 0
    return PAIR_SECONDS + SECONDS_PER_BYTE * (size or _UNKNOWN_SIZE)


# What a pair whose size cannot be known (a URL) is taken to weigh: a typical article.
_UNKNOWN_SIZE = 3500


def plan_batches(costs: Sequence[float], threads: int, target: float = BATCH_SECONDS) -> list[list[int]]:
    """Positions 0…n-1 (in order: largest first) cut into consecutive batches.

    Each batch holds at least one pair and about ``target`` seconds of work, but no more than
    the remaining work over ``GUIDED_FACTOR × threads``: batches shrink towards the end, so
    the run ends with every worker busy on small ones.
    """
    remaining = sum(costs)
    out: list[list[int]] = []
    current: list[int] = []
    load = 0.0
    limit = min(target, remaining / (GUIDED_FACTOR * max(1, threads)))
    for i, cost in enumerate(costs):
        if current and load + cost > limit:
            out.append(current)
            remaining -= load
            current, load = [], 0.0
            limit = min(target, remaining / (GUIDED_FACTOR * max(1, threads)))
        current.append(i)
        load += cost
    if current:
        out.append(current)
    return out


@contextlib.contextmanager
def connect(scheduler: str) -> Iterator[Client]:
    """A client of the cluster ``scheduler`` names: ``local`` / ``local:N`` starts one here
    (N worker processes, one thread each, on 127.0.0.1 only, no dashboard)."""
    cluster: LocalCluster | None = None
    if scheduler == "local" or scheduler.startswith("local:"):
        workers = int(scheduler.partition(":")[2] or usable_cores())
        # The worker processes start with the pool's thread variables (one BLAS thread, set
        # before numpy loads) and without the MALLOC_TRIM_THRESHOLD_ Dask's nanny sets: glibc
        # then maps and unmaps every large numpy array, which cost 100× the page faults and a
        # fifth more CPU time here; memory stays flat without it (benchmarks/cluster.py).
        environ = {
            name: value
            for name, value in dask.config.get("distributed.nanny.pre-spawn-environ", {}).items()
            if name != "MALLOC_TRIM_THRESHOLD_"
        }
        environ.update({name: 1 for name in THREAD_VARIABLES})
        # Nor the statistical profiler, which samples each worker's stack 100 times a second
        # for a dashboard that is not started: 1.5 s of CPU a worker over the 187 articles.
        # Transcheck reports lost workers itself: Dask's log lines would only repeat it.
        with dask.config.set(
            {
                "distributed.scheduler.allowed-failures": LOCAL_ALLOWED_FAILURES,
                "distributed.nanny.pre-spawn-environ": environ,
                "distributed.worker.profile.enabled": False,
            }
        ):
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                worker_dashboard_address=None,
                silence_logs=logging.CRITICAL,
            )
        client = Client(cluster)
    else:
        try:
            client = Client(scheduler, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError, ValueError) as e:
            raise CheckerError(f"cannot reach the Dask scheduler at {scheduler}: {' '.join(str(e).split())[:200]}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_on_cluster(
    items: Sequence[tuple[PairJob, "Settings"]],
    scheduler: str,
    *,
    on_result: OnResult | None = None,
    on_batch: Callable[[BatchResult], None] | None = None,
) -> ClusterRun:
    """Every pair's result, in the order of ``items``, checked on the cluster ``scheduler``."""
    with connect(scheduler) as client:
        return run_pairs(client, items, scheduler=scheduler, on_result=on_result, on_batch=on_batch)


def run_pairs(
    client: Client,
    items: Sequence[tuple[PairJob, "Settings"]],
    *,
    scheduler: str = "",
    on_result: OnResult | None = None,
    on_batch: Callable[[BatchResult], None] | None = None,
    batch_seconds: float = BATCH_SECONDS,
    batch_size: int | None = None,
) -> ClusterRun:
    """As ``runner.run_pairs``, on the cluster of ``client``.

    ``on_batch`` is called in this process with each finished batch (worker, time, memory).
    ``batch_size``: that many pairs a task instead of ``batch_seconds`` of estimated work.
    """
    results: list[PairResult | None] = [None] * len(items)

    def done(i: int, result: PairResult) -> None:
        results[i] = result
        if on_result is not None:
            on_result(result)

    # Pairs the client's cache keeps are not sent out (workers keep what they check in theirs).
    remote = settle_cached(items, settle_coverage(items, done), done)
    if not remote:
        return ClusterRun([r for r in results if r is not None], scheduler, 0, 0)

    # The client's connection to the scheduler: set once the client is connected.
    address = scheduler or str(client.scheduler.address if client.scheduler is not None else "")
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
    except TimeoutError:
        raise CheckerError(f"no Dask worker joined the scheduler {address} in {WORKER_WAIT_SECONDS} s") from None
    threads = sum(client.nthreads().values())
    run = ClusterRun([], address, len(client.nthreads()), threads)

    plugin_name = f"transcheck-{uuid.uuid4().hex[:12]}"
    _register(client, items, remote, plugin_name)
    lost = _LostWorkers(client)
    try:
        _run_batches(client, items, remote, run, done, on_batch, lost, plugin_name, batch_seconds, batch_size)
    finally:
        lost.close()
        with contextlib.suppress(Exception):
            client.unregister_worker_plugin(plugin_name)
    run.results = [r for r in results if r is not None]
    return run


def _register(client: Client, items: Sequence[tuple[PairJob, "Settings"]], remote: Sequence[int], name: str) -> None:
    """Set every worker up (and those that join later): a worker that cannot is one error."""
    encoders = sorted({items[i][1].encoder for i in remote})
    glossaries = {g: runner._glossary(g) for g in sorted({g for i in remote for g in items[i][1].glossaries})}
    try:
        client.register_plugin(WorkerSetup(__version__, encoders, glossaries), name=name)
    except ImportError as e:
        raise CheckerError(
            f"a Dask worker cannot import transcheck ({e}): install transcheck {__version__} on every worker"
        ) from None
    except Exception as e:  # the worker's own error, raised here by Dask
        raise CheckerError(f"a Dask worker could not be set up: {' '.join(str(e).split())[:300]}") from None


def _canonical(items: Sequence[tuple[PairJob, "Settings"]], remote: Sequence[int]) -> dict[int, "Settings"]:
    """Equal settings as one object: pickling a batch then sends each distinct value once."""
    distinct: list["Settings"] = []
    out = {}
    for i in remote:
        settings = items[i][1]
        for known in distinct:
            if known is settings or known == settings:
                settings = known
                break
        else:
            distinct.append(settings)
        out[i] = settings
    return out


def _run_batches(
    client: Client,
    items: Sequence[tuple[PairJob, "Settings"]],
    remote: list[int],
    run: ClusterRun,
    done: Callable[[int, PairResult], None],
    on_batch: Callable[[BatchResult], None] | None,
    lost: "_LostWorkers",
    prefix: str,
    batch_seconds: float,
    batch_size: int | None,
) -> None:
    # Largest pairs first, as in the local pool: the run then ends on small ones.
    remote.sort(key=lambda i: -runner._size(items[i][0]))
    settings = _canonical(items, remote)
    cwd = os.getcwd()
    if batch_size is not None:
        batches = [remote[k : k + batch_size] for k in range(0, len(remote), batch_size)]
    else:
        costs = [pair_seconds(items[i][0]) for i in remote]
        batches = [[remote[p] for p in positions] for positions in plan_batches(costs, run.threads, batch_seconds)]

    # Tasks wait here, not on the scheduler: no more go out than the cluster has threads, so
    # that a worker holds only the batch it runs. Dask would queue them itself only for a
    # large run (its "root-ish" rule) and then one or two a worker; a worker that dies takes
    # the batches it holds with it, and a pair that kills workers would take its neighbours.
    queue: deque[tuple[list[int], str, int]] = deque(
        (indices, f"{prefix}-{n}", 0) for n, indices in enumerate(batches)
    )
    pending: dict[str, tuple[list[int], int]] = {}  # task key → its pairs and its attempt
    sizes: dict[str, int] = {}  # every task of the run: key → its number of pairs
    killed: list[str] = []  # tasks that ended in KilledWorker: their last loss was not re-run
    futures = as_completed()
    threads = _Threads(client, run.threads)

    def top_up(refresh: bool = False) -> None:
        while queue and len(pending) < threads.now(refresh=refresh):
            refresh = False
            indices, key, attempt = queue.popleft()
            batch = Batch(tuple((i, items[i][0], settings[i]) for i in indices), cwd)
            pending[key] = (indices, attempt)
            sizes[key] = len(indices)
            run.batches += 1
            futures.add(client.submit(check_batch, batch, key=key, pure=False))

    top_up()
    for future in futures:
        key = str(future.key)
        indices, attempt = pending.pop(key)
        if future.status == "finished":
            batch_result: BatchResult = future.result()
            future.release()  # the worker may forget the result now: flat memory
            top_up()
            run.worker_peak_rss[batch_result.worker] = max(run.worker_peak_rss.get(batch_result.worker, 0), batch_result.peak_rss)
            for i, result in batch_result.results:
                done(i, result)
            if on_batch is not None:
                on_batch(batch_result)
            continue
        error: BaseException | None
        if future.status == "cancelled":
            error = RuntimeError("the task was cancelled on the cluster")
        else:
            error = future.exception()
        future.release()
        if isinstance(error, KilledWorker):
            killed.append(key)
        if isinstance(error, KilledWorker) and len(indices) > 1:
            # Workers died running this batch again and again: find the pair that kills them
            # by running each alone, so that the others are checked. First, while the run
            # still has other work to balance the end.
            run.retried += len(indices)
            queue.extendleft(reversed([([i], f"{key}.{j}", attempt + 1) for j, i in enumerate(indices)]))
        elif not isinstance(error, KilledWorker) and attempt == 0:
            run.retried += len(indices)
            queue.appendleft((indices, f"{key}-retry", attempt + 1))
        else:
            for i in indices:
                done(i, runner._failed(items[i][0], error or RuntimeError("the task was lost")))
        # A failed task may mean a lost worker: send no more than the workers left can take.
        top_up(refresh=True)
    run.retried += lost.retried_pairs(sizes, killed)


class _Threads:
    """The cluster's threads now (workers come and go), asked of the scheduler at most once a second."""

    def __init__(self, client: Client, threads: int) -> None:
        self._client = client
        self._threads = threads
        self._at = time.monotonic()

    def now(self, *, refresh: bool = False) -> int:
        if refresh or time.monotonic() - self._at > 1.0:
            with contextlib.suppress(Exception):
                self._threads = sum(self._client.nthreads().values())
            self._at = time.monotonic()
        # At least one task out, even with no worker: it waits on the scheduler for one to join.
        return max(1, self._threads)


class _LostWorkers:
    """Tasks the scheduler sent back to be run again because their worker left mid-task.

    The scheduler publishes each worker's removal (topic "all", action "remove-worker") with
    the tasks it was running and the results it held that nobody had fetched; both are run
    again. Plain data: the scheduler needs nothing of transcheck for this.
    """

    def __init__(self, client: Client) -> None:
        self._client = client
        self._lock = threading.Lock()
        self._events: dict[tuple[float, str], set[str]] = {}
        self._start = time.time()
        client.subscribe_topic("all", self._handle)

    def _handle(self, event: tuple[float, Any]) -> None:
        timestamp, message = event
        if not isinstance(message, dict) or message.get("action") != "remove-worker":
            return
        keys = {str(k) for k in message.get("processing-tasks", ())} | {str(k) for k in message.get("lost-computed-tasks", ())}
        with self._lock:
            self._events[(timestamp, str(message.get("worker")))] = keys

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._client.unsubscribe_topic("all")

    def retried_pairs(self, sizes: Mapping[str, int], killed: Sequence[str]) -> int:
        """Pairs of this run's tasks (``sizes``: key → pairs) that a lost worker sent back,
        once per loss; the last loss of a task that ended in KilledWorker (``killed``) was not
        run again by the scheduler (the client resubmits it, and counts that itself)."""
        # Events reach a subscriber as they happen; read the log too, in case one arrived
        # after the run's last result.
        with contextlib.suppress(Exception):
            for timestamp, message in self._client.get_events("all"):
                if timestamp >= self._start - 1:
                    self._handle((timestamp, message))
        with self._lock:
            events = list(self._events.values())
        losses = sum(sizes.get(key, 0) for keys in events for key in keys)
        return max(0, losses - sum(sizes.get(key, 0) for key in killed))
