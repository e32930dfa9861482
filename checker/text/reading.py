"""A file → ``SourceText``: read its bytes, decode them, cut the text into blocks.

``read_text`` is the first stage of the pipeline. It returns the decoded text (BOM removed,
CRLF and CR normalised to LF, so ``Document.line_col`` counts lines as an editor does) and
its blocks. A vertical tab (Word's manual line break) is a line break too. Decoding lives in ``decoding``, block structure (plain text, Markdown,
one sentence per line) in ``blocks``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from checker.errors import ConfigError, InputError
from checker.model import Notice
from checker.text.blocks import FORMATS, Block, split_blocks
from checker.text.decoding import decode, normalise_newlines

__all__ = ["SourceText", "read_text"]

_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})


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
    path: str | os.PathLike[str], *, segmented: bool = False, format: str | None = None
) -> SourceText:
    """Read, decode and cut ``path`` into blocks.

    ``format`` is "text", "markdown" or "segmented"; by default Markdown for ``.md`` and
    ``.markdown`` files, plain text otherwise; ``segmented=True`` means one sentence per line.
    Raises InputError (naming the file) for a missing, unreadable, empty, binary or
    undecodable file, for UTF-8 with invalid bytes (naming the line), and for a file with no
    letter or digit left once markup is removed.
    """
    name = os.fspath(path)
    if segmented:
        format = "segmented"
    elif format is None:
        format = "markdown" if Path(name).suffix.lower() in _MARKDOWN_SUFFIXES else "text"
    if format not in FORMATS:
        raise ConfigError(f"unknown format {format!r} (expected one of: {', '.join(FORMATS)})")

    p = Path(name)
    if p.is_dir():
        raise InputError("is a directory, not a text file", path=name)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", path=name) from None

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
