"""A file → ``SourceText``: read its bytes, decode them, cut the text into blocks.

``read_text`` is the first stage of the pipeline. It returns the decoded text (BOM removed,
CRLF and CR normalised to LF, so ``Document.line_col`` counts lines as an editor does) and
its blocks. A vertical tab (Word's manual line break) is a line break too. Decoding lives in ``decoding``, block structure (plain text, Markdown,
one sentence per line) in ``blocks``.
"""

from __future__ import annotations

import os
import re
import stat
from contextvars import ContextVar
from dataclasses import dataclass, replace
from pathlib import Path

from checker.errors import ConfigError, InputError
from checker.model import Notice
from checker.text.blocks import FORMATS, Block, split_blocks
from checker.text.decoding import decode, normalise_newlines

__all__ = ["SourceText", "read_text"]

_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})

# The largest file read by default: 64 MiB is a few thousand articles, far more than one
# translation, and what a check of it needs in memory (a few GB) still fits. Reading stops
# there, so /dev/zero behind a symlink or a sparse 6 GB file costs nothing.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

_NOT_REGULAR = (
    (stat.S_ISDIR, "is a directory, not a text file"),
    (stat.S_ISFIFO, "is a FIFO (named pipe), not a regular file"),
    (stat.S_ISCHR, "is a character device, not a regular file"),
    (stat.S_ISBLK, "is a block device, not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
)


@dataclass(frozen=True)
class SourceText:
    path: str
    text: str  # the decoded file: BOM removed, CRLF, CR and VT turned into LF
    encoding: str
    format: str  # "text" | "markdown" | "segmented"
    blocks: tuple[Block, ...]
    notices: tuple[Notice, ...] = ()  # blocks read in a way the format does not define

    def line_of(self, offset: int) -> int:
        """1-based line of an offset into ``text``."""
        return self.text.count("\n", 0, offset) + 1


def read_text(
    path: str | os.PathLike[str],
    *,
    segmented: bool = False,
    format: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> SourceText:
    """Read, decode and cut ``path`` into blocks.

    ``format`` is "text", "markdown" or "segmented"; by default Markdown for ``.md`` and
    ``.markdown`` files, plain text otherwise; ``segmented=True`` means one sentence per line.
    Raises InputError (naming the file) for a missing, unreadable, empty, binary or
    undecodable file, for one that is not a regular file (a FIFO, a device, a socket) or is
    larger than ``max_bytes``, for UTF-8 with invalid bytes (naming the line), and for a
    file with no letter or digit left once markup is removed.
    """
    name = os.fspath(path)
    if segmented:
        format = "segmented"
    elif format is None:
        format = "markdown" if Path(name).suffix.lower() in _MARKDOWN_SUFFIXES else "text"
    if format not in FORMATS:
        raise ConfigError(f"unknown format {format!r} (expected one of: {', '.join(FORMATS)})")

    data = read_bytes(name, max_bytes)
    text, encoding = decode(data, name)
    text = normalise_newlines(text)
    if not text.strip():
        raise InputError("the file is empty (no text)", path=name)

    blocks = split_blocks(text, format)
    if not any(ch.isalnum() for block in blocks for ch in block.text):
        if format == "markdown" and any(ch.isalnum() for ch in text):
            why = "only markup, code and comments, no prose"
        else:
            why = "no letters or digits, only invisible characters, punctuation or symbols"
        raise InputError(f"no text to check: {why}", path=name)
    source = SourceText(path=name, text=text, encoding=encoding, format=format, blocks=blocks)
    notices = _block_notices(source)
    return replace(source, notices=notices) if notices else source


# A URL with a scheme ("s3://bucket/a.md", "gs://…", "file:///…"): read through fsspec. Two
# letters at least, so that a Windows drive ("C:\\…", "C://…") stays a path.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://")

# Where relative paths are read from when that is not this process's working directory: a
# cluster worker reads the files of a client whose working directory it does not share
# (checker.batch.cluster). Paths keep their given form in every report either way.
base_directory: ContextVar[str | None] = ContextVar("base_directory", default=None)


def is_url(name: str) -> bool:
    return _URL.match(name) is not None


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the regular file at ``path`` (symlinks followed), at most ``max_bytes``;
    or of an fsspec URL when that filesystem is installed.

    Raises InputError naming the file for a missing or unreadable one, a directory, a FIFO,
    a device or a socket (reading one could block forever or never end), and for a file
    larger than ``max_bytes``. The type is checked before opening (opening a FIFO blocks
    until a writer comes) and again on the open file, in case the path changed in between.
    A relative path is read from ``base_directory`` when a cluster worker sets it.
    """
    if is_url(path):
        return _read_url(path, max_bytes)
    name = path
    base = base_directory.get()
    if base is not None and not os.path.isabs(path):
        path = os.path.join(base, path)
    try:
        _check_regular(os.stat(path), name, max_bytes)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(f"a broken symbolic link (to {os.readlink(path)})", path=name) from None
        raise InputError("no such file", path=name) from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", path=name) from None
    with os.fdopen(fd, "rb") as f:
        try:
            _check_regular(os.fstat(f.fileno()), name, max_bytes)
            data = f.read(max_bytes + 1)
        except OSError as e:
            raise InputError(f"cannot read: {e.strerror or e}", path=name) from None
    if len(data) > max_bytes:  # it grew after the size was checked
        raise InputError(_too_large(None, max_bytes), path=name)
    return data


def _read_url(name: str, max_bytes: int) -> bytes:
    # fsspec only for URLs: a plain path never imports it, and it comes with the cluster extra
    # (Dask depends on it); a filesystem such as s3fs or gcsfs is the user's to install.
    try:
        import fsspec
    except ImportError:
        raise InputError("reading a URL needs fsspec (pip install 'transcheck[cluster]')", path=name) from None
    try:
        with fsspec.open(name, "rb") as f:
            data: bytes = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a text file", path=name) from None
    except ImportError as e:  # fsspec knows the scheme, its package is not installed
        raise InputError(f"cannot read: {' '.join(str(e).split())}", path=name) from None
    except ValueError as e:  # "Protocol not known"
        raise InputError(f"cannot read: {' '.join(str(e).split())}", path=name) from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", path=name) from None
    except Exception as e:  # a remote filesystem's own errors (credentials, network) are its own types
        raise InputError(f"cannot read: {type(e).__name__}: {' '.join(str(e).split())[:200]}", path=name) from None
    if len(data) > max_bytes:
        raise InputError(_too_large(None, max_bytes), path=name)
    return data


def _check_regular(st: os.stat_result, path: str, max_bytes: int) -> None:
    for test, message in _NOT_REGULAR:
        if test(st.st_mode):
            raise InputError(message, path=path)
    if st.st_size > max_bytes:
        raise InputError(_too_large(st.st_size, max_bytes), path=path)


def _too_large(size: int | None, max_bytes: int) -> str:
    """The message for a file over the limit; ``size`` None when it is not known exactly."""
    what = f"{size:,} bytes" if size is not None else f"more than {max_bytes:,} bytes"
    return f"file too large ({what}; the limit is {max_bytes:,} bytes: raise it with --max-bytes)"


def _block_notices(source: SourceText) -> tuple[Notice, ...]:
    """One notice per kind of block note, at the first such block's line, with a count:
    a document of ten thousand such blocks gets one line of warning, not ten thousand."""
    first: dict[str, Block] = {}
    count: dict[str, int] = {}
    for block in source.blocks:
        if block.note is not None:
            first.setdefault(block.note, block)
            count[block.note] = count.get(block.note, 0) + 1
    notices = []
    for note, block in first.items():
        more = count[note] - 1
        message = note + (f" (and {more} more block{'s' if more > 1 else ''} after it)" if more else "")
        notices.append(Notice(message, source.path, source.line_of(block.offsets[0]) if block.offsets else None))
    return tuple(notices)
