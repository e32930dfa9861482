"""Glossary files on disk: bounded reads of regular files, and replacements that lose nothing.

Reading (:func:`read_bytes`) accepts regular files only and at most ``MAX_BYTES``: a FIFO
would block, ``/dev/zero`` never ends, a sparse file of gigabytes would fill memory before
any parser saw it. Writing (:func:`atomic_write`) replaces a file by a temporary file in the
same folder, fsynced and renamed over it, which keeps the original whole if anything
fails; it refuses what such a rename would destroy or change: a device, FIFO or socket
(which would become a regular file), a file the user may not write, and a file whose owner
or group the replacement could not keep.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile

from checker.errors import GlossaryError

#: The largest glossary (or TBX/CSV/TSV file) read, in bytes: ten times the largest
#: glossary measured in ``benchmarks/adversarial_glossary.py``; beyond it the parsed form
#: alone would take gigabytes of memory.
MAX_BYTES = 64 * 1024 * 1024

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str:
    """What a file of ``st_mode`` ``mode`` is, in words ("a FIFO")."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_bytes(path: str, *, what: str = "", limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    ``what`` names the file in messages ("glossary": "cannot read glossary: …")."""
    cannot = f"cannot read {what}".rstrip() + ":"
    try:  # before opening: a socket cannot be opened at all, a FIFO would wait for a writer
        _refuse_special(os.stat(path).st_mode, cannot, path)
    except OSError:
        pass  # opening says what is wrong
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as e:
        if what:
            raise GlossaryError(f"{cannot} {e.strerror}", path=path) from None
        raise GlossaryError("no such file", path=path) from None
    except OSError as e:
        raise GlossaryError(f"{cannot} {e.strerror or e}", path=path) from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        _refuse_special(st.st_mode, cannot, path)  # again: the path may have changed meanwhile
        if st.st_size > limit:
            raise GlossaryError(f"{cannot} {_size(st.st_size)}, over the limit of {_size(limit)}", path=path)
        try:
            data = f.read(limit + 1)  # the file may grow while it is read
        except OSError as e:
            raise GlossaryError(f"{cannot} {e.strerror or e}", path=path) from None
    if len(data) > limit:
        raise GlossaryError(f"{cannot} over the limit of {_size(limit)}", path=path)
    return data


def _refuse_special(mode: int, cannot: str, path: str) -> None:
    if stat.S_ISDIR(mode):
        raise GlossaryError(f"{cannot} {os.strerror(errno.EISDIR)}", path=path)
    if not stat.S_ISREG(mode):
        raise GlossaryError(f"{cannot} {file_kind(mode)}, not a regular file", path=path)


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def check_writable(path: str) -> None:
    """Refuse before any work when ``path`` could not be replaced: not a regular file, or not
    writable by this user. A path that does not exist yet is fine (its folder is checked
    when the file is written)."""
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return
    except OSError as e:
        raise GlossaryError(f"cannot write: {e.strerror or e}", path=path) from None
    if not stat.S_ISREG(st.st_mode):
        raise GlossaryError(f"refused: {file_kind(st.st_mode)}, not a regular file (it is never replaced)", path=path)
    # Effective ids: the permission the write itself will be checked with.
    effective = os.access in os.supports_effective_ids
    if not os.access(real, os.W_OK, effective_ids=effective):
        raise GlossaryError("refused: the file is not writable (permission denied)", path=path)


def atomic_write(path: str, data: bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` with ``data``: a temporary file in the same folder, fsync, os.replace.

    The new file keeps the existing one's owner, group and permission bits (``mode``
    overrides the bits; a new file gets 0666 less the umask). Refused, with nothing
    written: a path that is not a regular file, a file this user may not write, a file
    whose owner or group the new one could not keep. Nothing is left behind when any
    step fails."""
    check_writable(path)
    real = os.path.realpath(path)
    folder = os.path.dirname(real) or "."
    try:
        st: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        st = None
    if mode is None:
        if st is not None:
            mode = stat.S_IMODE(st.st_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(real)}.", suffix=".tmp")
    except OSError as e:
        raise GlossaryError(f"cannot write: {e.strerror}", path=path) from None
    try:
        if st is not None:
            _keep_owner(fd, st, path)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)  # after chown, which may clear set-id bits
        os.replace(tmp, real)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise GlossaryError(f"cannot write: {e.strerror or e}", path=path) from None
        raise
    try:  # make the rename itself durable; not possible everywhere, and not fatal
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def _keep_owner(fd: int, st: os.stat_result, path: str) -> None:
    """Give the temporary file ``fd`` the owner and group of the file it replaces, or refuse."""
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) == (st.st_uid, st.st_gid):
        return
    try:
        os.fchown(fd, st.st_uid, st.st_gid)
    except PermissionError:
        raise GlossaryError(
            f"refused: the file belongs to uid {st.st_uid}, gid {st.st_gid}, which a replacement written "
            "by this user could not keep; edit it as its owner", path=path) from None


def remove_stale_temporaries(path: str) -> list[str]:
    """Delete the temporary files that an interrupted :func:`atomic_write` of ``path`` left.

    Call it only while holding the file's lock: every writer of ``path`` holds it, so a
    temporary of ours found then belongs to no write in progress. Only regular files of
    this user with exactly the names ``atomic_write`` makes are removed."""
    real = os.path.realpath(path)
    folder = os.path.dirname(real) or "."
    base = os.path.basename(real)
    # tempfile.mkstemp: prefix, 8 characters of its alphabet, suffix
    pattern = re.compile(rf"\.{re.escape(base)}\.[a-z0-9_]{{8}}\.tmp")
    removed: list[str] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if not pattern.fullmatch(name):
            continue
        full = os.path.join(folder, name)
        try:
            st = os.lstat(full)
            if stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid():
                os.unlink(full)
                removed.append(full)
        except OSError:
            continue
    return removed
