"""A file → ``SourceText``: read its bytes, decode them, cut the text into blocks.

``read_text`` is the first stage of the pipeline. It returns the decoded text (BOM removed,
CRLF and CR normalised to LF, so ``Document.line_col`` counts lines as an editor does) and
its blocks. Decoding lives in ``decoding``, block structure (plain text, Markdown,
one sentence per line) in ``blocks``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from checker.errors import ConfigError, InputError
from checker.text.blocks import FORMATS, Block, split_blocks
from checker.text.decoding import decode

__all__ = ["SourceText", "read_text"]

_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})


@dataclass(frozen=True)
class SourceText:
    path: str
    text: str  # the decoded file: BOM removed, CRLF and CR turned into LF
    encoding: str
    format: str  # "text" | "markdown" | "segmented"
    blocks: tuple[Block, ...]


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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("the file is empty (no text)", path=name)

    blocks = split_blocks(text, format)
    if not any(ch.isalnum() for block in blocks for ch in block.text):
        if format == "markdown" and any(ch.isalnum() for ch in text):
            why = "only markup, code and comments, no prose"
        else:
            why = "no letters or digits, only invisible characters, punctuation or symbols"
        raise InputError(f"no text to check: {why}", path=name)
    return SourceText(path=name, text=text, encoding=encoding, format=format, blocks=blocks)
