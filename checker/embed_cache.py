"""A persistent embedding cache: a CI re-run over mostly unchanged content embeds only what changed.

The same file also keeps whole checked pairs (``checker.batch.result_cache``): a pair whose
files, settings and transcheck are unchanged is not checked again at all.

``CachedEncoder`` wraps any ``checker.embed.Encoder``. Vectors live in one SQLite file in the
user cache directory (platformdirs; ``TRANSCHECK_CACHE_DIR`` overrides it, e.g. for a CI
cache step), keyed by the encoder's signature (name and version) and the exact sentence text.
SQLite in WAL mode lets parallel transcheck processes read while one writes; writes are
short ``BEGIN IMMEDIATE`` transactions with a busy timeout, and ``INSERT OR IGNORE`` makes two
processes embedding the same sentence harmless. (stdlib sqlite3 was measured at 27k writes/s
from two processes here; diskcache is unmaintained and unpickles what it reads.)

The size is bounded: past ``max_bytes`` of vectors and reports the least recently used are
evicted. The
cache is an optimisation and is never fatal: a corrupt file, or one that is not a transcheck
cache, is rebuilt empty with one warning; a cache that cannot be opened or written (read-only
home, disk full, locked for too long) is skipped for the rest of the process with one warning.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from checker.embed import Encoder

FORMAT = "transcheck-embedding-cache"
SCHEMA_VERSION = "1"
FILENAME = "embeddings.sqlite3"
DEFAULT_MAX_BYTES = 512 * 1024 * 1024  # about 250,000 sentences of the default encoder (2 KiB each)
# A hit refreshes its "last used" time at most this often, so a warm run mostly only reads.
_TOUCH_EVERY = 3600
# Eviction frees down to this fraction of the bound, so that it does not run on every write.
_EVICT_TO = 0.8
_CHUNK = 500  # keys per IN (...) query, well under SQLite's variable limit
_BUSY_TIMEOUT = 60.0  # seconds a writer waits for another process's transaction


class CacheWarning(UserWarning):
    """The embedding cache had to be rebuilt or skipped; results are unaffected."""


def default_dir() -> Path:
    env = os.environ.get("TRANSCHECK_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("transcheck", appauthor=False))


def default_path() -> Path:
    return default_dir() / FILENAME


def encoder_signature(encoder: Encoder) -> str:
    """What makes two encoders' vectors interchangeable: the name, and the version when known.

    A sentence-transformers model given by path has no version: the modification time of
    its files stands in, so a model replaced at the same path is not served stale vectors.
    """
    version = getattr(encoder, "version", None)
    if not version:
        model = getattr(encoder, "model_name", None)
        folder = os.path.expanduser(model) if isinstance(model, str) else ""
        if folder and os.path.isdir(folder):
            stamps = [e.stat().st_mtime_ns for e in os.scandir(folder) if e.is_file()]
            version = f"files of {max(stamps, default=0)}"
    return f"{encoder.name} ({version})" if version else encoder.name


def _warn(message: str) -> None:
    warnings.warn(message, CacheWarning, stacklevel=3)


class _Unusable(Exception):
    """The file is corrupt or not ours: rebuild it."""


@dataclass(frozen=True)
class CacheInfo:
    path: Path
    exists: bool
    file_bytes: int  # the database and its WAL on disk
    entries: int
    vector_bytes: int
    max_bytes: int
    encoders: dict[str, tuple[int, int]] = field(default_factory=dict)  # signature → (entries, bytes)
    problem: str | None = None  # why the file is not a usable cache
    reports: int = 0  # checked pairs kept (checker.batch.result_cache)
    report_bytes: int = 0


class EmbeddingCache:
    """The SQLite file. Opened lazily, reopened after a fork (a connection must not cross one)."""

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        warn: Callable[[str], None] = _warn,
    ) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.max_bytes = max_bytes
        self._warn = warn
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        self.disabled = False
        self._warned = False

    def __getstate__(self) -> dict[str, Any]:
        # A process pool pickles the encoder into its workers: each opens its own connection.
        return {**self.__dict__, "_conn": None, "_pid": 0}

    # --- opening ------------------------------------------------------------------------

    def _say(self, message: str) -> None:
        if not self._warned:
            self._warned = True
            self._warn(message)

    def _disable(self, why: str) -> None:
        self.disabled = True
        self._conn = None
        self._say(f"embedding cache {self.path}: {why}; continuing without it")

    def _connection(self) -> sqlite3.Connection | None:
        if self.disabled:
            return None
        if self._conn is not None and self._pid == os.getpid():
            return self._conn
        self._conn = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                conn = self._open_first() if self._is_new() else self._open()
            except _Unusable as e:
                conn = self._rebuild(str(e))
        except sqlite3.Error as e:
            self._disable(f"cannot open ({e})")
            return None
        except OSError as e:
            self._disable(f"cannot open ({e.strerror or e})")
            return None
        self._conn, self._pid = conn, os.getpid()
        return conn

    def _is_new(self) -> bool:
        try:
            return self.path.stat().st_size == 0
        except FileNotFoundError:
            return True

    def _open_first(self) -> sqlite3.Connection:
        """Create the file under the rebuild lock: two processes starting on a new cache
        would both switch it to WAL, and SQLite answers the loser "database is locked" at
        once, without waiting (seen with two --jobs workers and in a test)."""
        from filelock import FileLock

        with FileLock(str(self.path) + ".lock", timeout=_BUSY_TIMEOUT):
            return self._open()

    def _open(self) -> sqlite3.Connection:
        """Connect and check the file is a transcheck cache of this schema; create one if empty."""
        conn = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT, isolation_level=None)
        try:
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            except sqlite3.OperationalError as e:
                if "locked" in str(e) or "busy" in str(e):
                    raise
                raise _Unusable(f"unreadable ({e})") from None
            except sqlite3.DatabaseError as e:
                raise _Unusable(f"corrupt ({e})") from None
            if not tables:
                self._create(conn)
                return conn
            if "meta" not in tables or "vectors" not in tables:
                raise _Unusable("not a transcheck embedding cache")
            try:
                meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            except sqlite3.DatabaseError as e:
                raise _Unusable(f"corrupt ({e})") from None
            if meta.get("format") != FORMAT:
                raise _Unusable("not a transcheck embedding cache")
            if meta.get("schema") != SCHEMA_VERSION:
                raise _Unusable(f"written in another cache format ({meta.get('schema')})")
            conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable enough for a cache
            if "reports" not in tables:  # a file written before reports were kept: add their table
                self._create(conn)
            return conn
        except BaseException:
            conn.close()
            raise

    @staticmethod
    def _create(conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS vectors (id INTEGER PRIMARY KEY, key BLOB NOT NULL UNIQUE,"
                " encoder TEXT NOT NULL, dim INTEGER NOT NULL, data BLOB NOT NULL, used INTEGER NOT NULL)"
            )
            conn.execute("CREATE INDEX IF NOT EXISTS vectors_used ON vectors (used)")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS reports (id INTEGER PRIMARY KEY, key BLOB NOT NULL UNIQUE,"
                " data BLOB NOT NULL, used INTEGER NOT NULL)"
            )
            conn.execute("CREATE INDEX IF NOT EXISTS reports_used ON reports (used)")
            conn.executemany(
                "INSERT OR IGNORE INTO meta VALUES (?, ?)",
                [("format", FORMAT), ("schema", SCHEMA_VERSION), ("bytes", "0")],
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _rebuild(self, why: str) -> sqlite3.Connection:
        """Replace an unusable file with an empty cache; another process may be doing the same."""
        from filelock import FileLock

        with FileLock(str(self.path) + ".lock", timeout=_BUSY_TIMEOUT):
            try:  # someone may have rebuilt it while we waited
                return self._open()
            except _Unusable:
                pass
            self._remove_files()
            conn = self._open()
        self._say(f"embedding cache {self.path} was {why}; rebuilt it empty")
        return conn

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.unlink(str(self.path) + suffix)
            except FileNotFoundError:
                pass

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn a failure mid-run into a rebuild (corruption) or skipping the cache (anything else)."""
        try:
            yield
        except sqlite3.OperationalError as e:
            self._disable(str(e))
        except sqlite3.DatabaseError as e:
            self._conn = None
            try:
                self._rebuild(f"corrupt ({e})").close()
            except (sqlite3.Error, OSError, _Unusable) as again:
                self._disable(f"cannot rebuild ({again})")

    # --- reading and writing ---------------------------------------------------------------

    @staticmethod
    def key(signature: str, text: str) -> bytes:
        return hashlib.sha256(f"{signature}\x00{text}".encode("utf-8", "surrogatepass")).digest()[:20]

    def get(self, signature: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The cached vectors of those ``texts`` that are in the cache."""
        by_key = {self.key(signature, t): t for t in texts}
        found: dict[str, np.ndarray] = {}
        for key, (dim, data) in self._select("vectors", "dim, data", list(by_key)).items():
            if len(data) == 4 * dim:  # else a damaged row: embed again
                found[by_key[key]] = np.frombuffer(data, dtype="<f4")
        return found

    def put(self, signature: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        if not len(texts):
            return
        vectors = np.ascontiguousarray(vectors, dtype="<f4")
        dim = int(vectors.shape[1])
        rows = [(self.key(signature, t), signature, dim, vectors[i].tobytes()) for i, t in enumerate(texts)]
        self._insert("vectors", "key, encoder, dim, data", rows, 4 * dim)

    def get_reports(self, keys: Sequence[bytes]) -> dict[bytes, bytes]:
        """The stored reports (``checker.batch.result_cache``'s encoding) of those ``keys`` kept here."""
        return {key: row[0] for key, row in self._select("reports", "data", keys).items()}

    def put_reports(self, items: Sequence[tuple[bytes, bytes]]) -> None:
        """Keep encoded reports by key; a key already kept stays as it is (the same inputs)."""
        self._insert("reports", "key, data", list(items), None)

    def _select(self, table: str, columns: str, keys: Sequence[bytes]) -> dict[bytes, tuple[Any, ...]]:
        """``columns`` of the rows of ``table`` with those keys; each hit's "last used" time
        refreshed when it is older than _TOUCH_EVERY."""
        conn = self._connection()
        if conn is None or not keys:
            return {}
        found: dict[bytes, tuple[Any, ...]] = {}
        stale: list[bytes] = []
        now = int(time.time())
        keys = list(dict.fromkeys(keys))
        with self._guard():
            for i in range(0, len(keys), _CHUNK):
                chunk = keys[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                for key, used, *values in conn.execute(
                    f"SELECT key, used, {columns} FROM {table} WHERE key IN ({marks})", chunk
                ):
                    found[key] = tuple(values)
                    if used < now - _TOUCH_EVERY:
                        stale.append(key)
            if stale:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    conn.executemany(f"UPDATE {table} SET used = ? WHERE key = ?", [(now, k) for k in stale])
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
        return found

    def _insert(self, table: str, columns: str, rows: Sequence[tuple[Any, ...]], row_bytes: int | None) -> None:
        """Insert rows (their values for ``columns``, the last one the data) stamped as used
        now, in one transaction; evicts when the bound is passed. ``row_bytes``: each row's
        data size when all are alike, else measured."""
        conn = self._connection()
        if conn is None or not rows:
            return
        now = int(time.time())
        marks = ", ".join("?" * (columns.count(",") + 2))
        with self._guard():
            conn.execute("BEGIN IMMEDIATE")
            try:
                if row_bytes is not None:
                    cur = conn.executemany(
                        f"INSERT OR IGNORE INTO {table} ({columns}, used) VALUES ({marks})", [(*r, now) for r in rows]
                    )
                    added = max(cur.rowcount, 0) * row_bytes
                else:
                    added = 0
                    for r in rows:
                        cur = conn.execute(f"INSERT OR IGNORE INTO {table} ({columns}, used) VALUES ({marks})", (*r, now))
                        added += len(r[-1]) if cur.rowcount > 0 else 0
                conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key = 'bytes'", (added,))
                total = int(conn.execute("SELECT value FROM meta WHERE key = 'bytes'").fetchone()[0])
                if total > self.max_bytes:
                    self._evict(conn, total)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def _evict(self, conn: sqlite3.Connection, total: int) -> None:
        """Delete the least recently used vectors and reports down to _EVICT_TO of the bound
        (in the caller's transaction)."""
        excess = total - self.max_bytes * _EVICT_TO
        victims: dict[str, list[int]] = {"vectors": [], "reports": []}
        freed = 0
        cur = conn.execute(
            "SELECT 'vectors', id, length(data), used FROM vectors UNION ALL"
            " SELECT 'reports', id, length(data), used FROM reports ORDER BY 4, 2"
        )
        while freed < excess and (rows := cur.fetchmany(1000)):
            for table, rid, size, _ in rows:
                if freed >= excess:
                    break
                victims[table].append(rid)
                freed += size
        cur.close()
        for table, ids in victims.items():
            for i in range(0, len(ids), _CHUNK):
                chunk = ids[i : i + _CHUNK]
                conn.execute(f"DELETE FROM {table} WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        left = conn.execute(
            "SELECT (SELECT COALESCE(SUM(length(data)), 0) FROM vectors) + (SELECT COALESCE(SUM(length(data)), 0) FROM reports)"
        ).fetchone()[0]
        conn.execute("UPDATE meta SET value = ? WHERE key = 'bytes'", (str(left),))

    # --- transcheck cache info | clear -------------------------------------------------------

    def info(self) -> CacheInfo:
        file_bytes = sum(
            os.path.getsize(str(self.path) + s) for s in ("", "-wal") if os.path.exists(str(self.path) + s)
        )
        if not self.path.exists():
            return CacheInfo(self.path, False, 0, 0, 0, self.max_bytes)
        try:
            conn = self._open()
        except (_Unusable, sqlite3.Error) as e:
            return CacheInfo(self.path, True, file_bytes, 0, 0, self.max_bytes, problem=str(e))
        try:
            per = {
                enc: (int(n), int(b))
                for enc, n, b in conn.execute(
                    "SELECT encoder, COUNT(*), COALESCE(SUM(length(data)), 0) FROM vectors GROUP BY encoder ORDER BY encoder"
                )
            }
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            reports, report_bytes = (
                conn.execute("SELECT COUNT(*), COALESCE(SUM(length(data)), 0) FROM reports").fetchone()
                if "reports" in tables
                else (0, 0)
            )
        except sqlite3.DatabaseError as e:
            return CacheInfo(self.path, True, file_bytes, 0, 0, self.max_bytes, problem=f"corrupt ({e})")
        finally:
            conn.close()
        return CacheInfo(
            self.path, True, file_bytes, sum(n for n, _ in per.values()), sum(b for _, b in per.values()),
            self.max_bytes, per, reports=int(reports), report_bytes=int(report_bytes),
        )

    def clear(self) -> CacheInfo:
        """Remove the cache file (under the rebuild lock); returns what it held."""
        from filelock import FileLock

        before = self.info()
        self._conn = None
        with FileLock(str(self.path) + ".lock", timeout=_BUSY_TIMEOUT):
            self._remove_files()
        return before

    def close(self) -> None:
        if self._conn is not None and self._pid == os.getpid():
            self._conn.close()
        self._conn = None


class CachedEncoder:
    """An Encoder that looks each sentence up in an EmbeddingCache before embedding it.

    Returns exactly the inner encoder's float32 vectors, so results do not depend on whether
    the cache was warm. Any other attribute (``languages``, ``version``, …) is the inner one's.
    """

    def __init__(self, inner: Encoder, cache: EmbeddingCache | None = None) -> None:
        self.inner = inner
        self.cache = cache if cache is not None else EmbeddingCache()
        self._signature: str | None = None
        self.hits = 0
        self.misses = 0

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def signature(self) -> str:
        if self._signature is None:
            self._signature = encoder_signature(self.inner)
        return self._signature

    def __getattr__(self, attr: str) -> Any:
        # Only reached for attributes this class lacks: the inner encoder's own.
        if attr in ("inner", "cache"):
            raise AttributeError(attr)
        return getattr(self.inner, attr)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not len(texts):
            return self.inner.encode(texts)
        unique = list(dict.fromkeys(texts))
        found = self.cache.get(self.signature, unique)
        missing = [t for t in unique if t not in found]
        self.hits += len(unique) - len(missing)
        self.misses += len(missing)
        if missing:
            fresh = np.asarray(self.inner.encode(missing), dtype=np.float32)
            self.cache.put(self.signature, missing, fresh)
            found.update(zip(missing, fresh))
        return np.stack([np.asarray(found[t], dtype=np.float32) for t in texts])


_per_process: dict[tuple[int, Path], "CachedEncoder"] = {}
_files: dict[Path, EmbeddingCache] = {}


def shared_cache(*, warn: Callable[[str], None] = _warn) -> EmbeddingCache:
    """The cache file at :func:`default_path` (read now: a test or a job may move it), one
    connection per file and process for the vectors and the reports alike."""
    path = default_path()
    found = _files.get(path)
    if found is None:
        found = _files[path] = EmbeddingCache(path, warn=warn)
    return found


def with_cache(encoder: Encoder, *, warn: Callable[[str], None] = _warn) -> "CachedEncoder":
    """``encoder`` behind the persistent cache at :func:`default_path`; one wrapper per
    encoder, file and process. Warnings go through ``warnings`` as CacheWarning; the CLI
    prints each as one line."""
    cache = shared_cache(warn=warn)
    key = (id(encoder), cache.path)
    found = _per_process.get(key)
    if found is None or found.inner is not encoder:
        found = _per_process[key] = CachedEncoder(encoder, cache)
    return found
