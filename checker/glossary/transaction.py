"""The file side of an edit: bytes to text and back, the lock, and the atomic write.

``edit_glossary`` does the read-modify-write of one glossary inside a file lock beside it
(``FILE.lock``), validates the new text with the format's parser before anything is
written, and replaces the file atomically: a temporary file in the same folder, fsynced,
renamed over the original (:mod:`checker.glossary.fileio`, which also keeps the file's owner,
group and mode, and never replaces a device or FIFO). An edit that adds a problem :mod:`checker.glossary.crosscheck`
finds within the file is refused too; problems the file already had do not block it. A
dry run takes no lock (it writes nothing).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from filelock import FileLock, Timeout

from checker.errors import GlossaryError
from checker.glossary import fileio, safeyaml
from checker.glossary.crosscheck import new_problems
from checker.glossary.document import GlossaryDocument
from checker.glossary.schema import Glossary, glossary_problems, parse_glossary

LOCK_TIMEOUT = 30.0  # seconds; an editor holding the lock longer than this is stuck


# --------------------------------------------------------------------------- text and bytes


@dataclass(frozen=True)
class TextStyle:
    """How a file's text is stored: kept on write so an edit changes only what it edits."""

    bom: bool = False
    newline: str = "\n"


def decode(data: bytes, path: str) -> tuple[str, TextStyle]:
    """Bytes → text with ``\\n`` line endings, and the style to encode it back with."""
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise GlossaryError(f"not UTF-8 (byte {e.start})", path=path) from None
    newline = "\r\n" if "\r\n" in text else "\n"
    return text.replace("\r\n", "\n"), TextStyle(bom, newline)


def encode(text: str, style: TextStyle) -> bytes:
    if style.newline != "\n":
        text = text.replace("\n", style.newline)
    return (b"\xef\xbb\xbf" if style.bom else b"") + text.encode("utf-8")


def unified_diff(old: str, new: str, path: str) -> str:
    """A unified diff from ``old`` to ``new`` (both with ``\\n`` line endings)."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


# --------------------------------------------------------------------------- files


@dataclass(frozen=True)
class EditResult:
    path: str
    old: str  # text before (\n line endings), "" for a new file
    new: str  # text after
    written: bool

    @property
    def changed(self) -> bool:
        return self.old != self.new

    def diff(self) -> str:
        return unified_diff(self.old, self.new, self.path)


def lock_path(path: str) -> str:
    return os.path.realpath(path) + ".lock"


@contextmanager
def locked(path: str) -> Iterator[None]:
    """Hold ``path``'s lock (``FILE.lock`` beside it): one writer of a glossary at a time."""
    try:
        with FileLock(lock_path(path), timeout=LOCK_TIMEOUT):
            yield
    except Timeout:
        raise GlossaryError(f"another process holds {lock_path(path)} (waited {LOCK_TIMEOUT:.0f}s)", path=path) from None
    except OSError as e:  # a folder this user may not write in, a read-only file system
        raise GlossaryError(f"cannot lock: {e.strerror or e}", path=path) from None


def edit_glossary(
    path: str,
    edit: Callable[[GlossaryDocument], Any],
    *,
    dry_run: bool = False,
    create: tuple[str, str] | None = None,
) -> EditResult:
    """Read, ``edit``, validate and write ``path`` under its lock.

    The file as read must be a glossary (a structural problem, like ``terms`` that is not a
    list, refuses the edit before anything else: editing what cannot be read would drop
    entries). ``create=(source_language, target_language)`` starts a new glossary when the
    file does not exist. An edit whose result fails validation, holds another number of
    entries than the edit made, or adds a problem ``cross_check`` finds within the file
    (problems the file already had do not count), raises ``GlossaryError`` and the file is
    not touched. With ``dry_run`` nothing is written and no lock is taken (the result
    carries the would-be text)."""
    with safeyaml.no_collection():  # an edit builds a node tree of the file, twice
        if dry_run:  # nothing is written, so there is nothing to guard: no lock, no trace
            return _edit_locked(path, edit, dry_run=True, create=create)
        fileio.check_writable(path)
        with locked(path):
            fileio.remove_stale_temporaries(path)
            return _edit_locked(path, edit, dry_run=False, create=create)


def _read_for_edit(path: str) -> tuple[str, TextStyle, int]:
    """The text of ``path``, its style and its number of entries, once its structure is sound."""
    text, style = decode(fileio.read_bytes(path), path)
    glossary, problems = glossary_problems(text, path, null_terms=True)
    if glossary is None:
        raise problems[0]
    return text, style, len(glossary.terms)


def _edit_locked(path: str, edit: Callable[[GlossaryDocument], Any], *, dry_run: bool,
                 create: tuple[str, str] | None) -> EditResult:
    if create is not None and not os.path.exists(path):
        doc = GlossaryDocument.new(path, *create)
        style, count = TextStyle(), 0
    else:
        text, style, count = _read_for_edit(path)
        doc = GlossaryDocument(text, path)
    if len(doc.origin) != count:  # the two parsers disagree: do not edit what is not understood
        raise GlossaryError(f"refused: {count} entries read, but the editor sees {len(doc.origin)}", path=path)
    edit(doc)
    new = doc.dump()
    glossary = parse_glossary(new, path)  # raises: an edit that makes the glossary invalid is refused
    if len(glossary.terms) != len(doc.origin):
        raise GlossaryError(f"refused: the result would hold {len(glossary.terms)} entries, not the "
                            f"{len(doc.origin)} this edit leaves (nothing written)", path=path)
    added = new_problems(doc, glossary)
    if added:
        more = len(added) - 1
        # The line is the entry's in the edited text, which is not written.
        raise GlossaryError(f"refused: {added[0].detail}"
                            + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""),
                            path=added[0].path, line=added[0].line)
    if new == doc.original or dry_run:
        return EditResult(path, doc.original, new, written=False)
    fileio.atomic_write(path, encode(new, style))
    return EditResult(path, doc.original, new, written=True)


def append_text(path: str, block: str, *, dry_run: bool = False) -> EditResult:
    """Append ``block`` (lines with ``\\n`` endings, e.g. commented-out suggestions) to ``path``.

    The result must be a valid glossary with the same entries."""
    def _edit_text() -> EditResult:
        text, style, count = _read_for_edit(path)
        new = text + ("" if not text or text.endswith("\n") else "\n") + block
        if len(parse_glossary(new, path).terms) != count:
            raise GlossaryError("refused: the appended text would change the entries (nothing written)", path=path)
        if dry_run:
            return EditResult(path, text, new, written=False)
        fileio.atomic_write(path, encode(new, style))
        return EditResult(path, text, new, written=True)

    if dry_run:  # nothing is written: no lock
        return _edit_text()
    fileio.check_writable(path)
    with locked(path):
        fileio.remove_stale_temporaries(path)
        return _edit_text()


def load_file(path: str) -> Glossary:
    """Read and validate a glossary file (BOM and CRLF allowed)."""
    text, _style = decode(fileio.read_bytes(path), path)
    return parse_glossary(text, path)


def load_document(path: str) -> GlossaryDocument:
    """Read a glossary file as a round-trip document (BOM and CRLF allowed)."""
    text, _style = decode(fileio.read_bytes(path), path)
    with safeyaml.no_collection():
        return GlossaryDocument(text, path)
