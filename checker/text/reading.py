"""bytes → text: encoding detection, format handling, offsets kept.

``read_text`` turns a file into a ``SourceText``: the decoded text (BOM removed, CRLF and CR
normalised to LF, so ``Document.line_col`` counts lines as an editor does) and its blocks
(paragraphs, headings, list items, the text of HTML blocks; lines in the segmented format).
A block's ``text`` is what the segmenter sees (markup removed, whitespace folded);
``offsets[i]`` is the offset of ``text[i]`` in the decoded text, so every sentence keeps a
line and a column.

Encodings, in order: a BOM (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE); strict UTF-8 (UTF-8 with a
few invalid bytes is an error naming the line, not a legacy file); then the legacy Cyrillic
code pages, decided by which decoding reads most like Cyrillic prose (charset-normalizer
alone mixes up cp1251, koi8-r and mac-cyrillic on short texts); then charset-normalizer's guess
for anything else (cp1252, cp1250, ...).
"""

from __future__ import annotations

import codecs
import html
import math
import os
import re
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from checker.errors import ConfigError, InputError

if TYPE_CHECKING:
    from markdown_it.token import Token

FORMATS = ("text", "markdown", "segmented")
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})


@dataclass(frozen=True)
class Block:
    """A paragraph, heading, list item, or (segmented format) one line."""

    text: str  # markup removed, whitespace runs folded to one space, stripped
    offsets: tuple[int, ...]  # offsets[i] = offset in SourceText.text of text[i]
    is_heading: bool = False


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

    data = read_bytes(name)
    text, encoding = decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("the file is empty (no text)", path=name)

    if format == "segmented":
        blocks = tuple(_line_blocks(text))
    elif format == "markdown":
        blocks = tuple(_markdown_blocks(text))
    else:
        blocks = tuple(_plain_blocks(text))
    if not any(ch.isalnum() for block in blocks for ch in block.text):
        if format == "markdown" and any(ch.isalnum() for ch in text):
            why = "only markup, code and comments, no prose"
        else:
            why = "no letters or digits, only invisible characters, punctuation or symbols"
        raise InputError(f"no text to check: {why}", path=name)
    return SourceText(path=name, text=text, encoding=encoding, format=format, blocks=blocks)


# A URL with a scheme ("s3://bucket/a.md", "gs://…", "file:///…"): read through fsspec. Two
# letters at least, so that a Windows drive ("C:\\…", "C://…") stays a path.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://")

# Where relative paths are read from when that is not this process's working directory: a
# cluster worker reads the files of a client whose working directory it does not share
# (checker.batch.cluster). Paths keep their given form in every report either way.
base_directory: ContextVar[str | None] = ContextVar("base_directory", default=None)


def is_url(name: str) -> bool:
    return _URL.match(name) is not None


def read_bytes(name: str) -> bytes:
    """The bytes of a file: a local path, or an fsspec URL when that filesystem is installed.

    Raises InputError naming ``name`` as given."""
    if is_url(name):
        return _read_url(name)
    base = base_directory.get()
    p = Path(name) if base is None or os.path.isabs(name) else Path(base, name)
    if p.is_dir():
        raise InputError("is a directory, not a text file", path=name)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", path=name) from None


def _read_url(name: str) -> bytes:
    # fsspec only for URLs: a plain path never imports it, and it comes with the cluster extra
    # (Dask depends on it); a filesystem such as s3fs or gcsfs is the user's to install.
    try:
        import fsspec
    except ImportError:
        raise InputError("reading a URL needs fsspec (pip install 'transcheck[cluster]')", path=name) from None
    try:
        with fsspec.open(name, "rb") as f:
            data: bytes = f.read()
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
    return data


# --- decoding -----------------------------------------------------------------------------

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

# Single-byte Cyrillic code pages, tried when a file is not UTF-8. koi8-u is koi8-r plus the
# Ukrainian letters, so it comes first: on Russian text they decode identically.
_CYRILLIC_CODEPAGES = ("cp1251", "koi8-u", "koi8-r", "mac-cyrillic", "cp866", "iso8859-5")

# Letter frequencies of Russian and Ukrainian news text together (per mille, lowercase). They
# decide between code pages: a wrong code page turns "о" into "П" or "╧" and "я" into "ъ".
_LETTER_PERMILLE = {
    "о": 100, "а": 80, "е": 78, "и": 65, "н": 65, "т": 58, "с": 50, "р": 46, "в": 44,
    "л": 42, "к": 34, "м": 31, "д": 29, "п": 27, "у": 27, "я": 19, "ы": 16, "ь": 16,
    "г": 16, "з": 16, "б": 16, "ч": 13, "й": 11, "х": 9, "ж": 9, "ш": 7, "ю": 6, "ц": 5,
    "щ": 3, "э": 3, "ф": 2, "ъ": 0.4, "ё": 1, "і": 18, "ї": 5, "є": 4, "ґ": 0.5, "ў": 0.2,
}
_RARE_LETTER = 0.01  # per mille: other Cyrillic letters (ђ, ћ, ѣ, ...)
_LOG_FREQ = {ch: math.log(f / 1000) for ch, f in _LETTER_PERMILLE.items()}
_LOG_RARE = math.log(_RARE_LETTER / 1000)
# Non-ASCII characters that ordinary Cyrillic prose contains besides letters.
# Bullets, degree and currency signs are left out: a misread turns letters into exactly those.
_TYPOGRAPHY = frozenset("«»„“”‘’‚—–…№\u00a0\u202f\u2009")
_WORD = re.compile(r"[^\W\d_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode file bytes; returns (text, encoding name). The BOM is removed."""
    if not data:
        raise InputError("the file is empty", path=path)
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), name
            except UnicodeDecodeError as e:
                if codec == "utf-8-sig":
                    _raise_invalid_utf8(data, e, path, skipped=len(bom))
                raise InputError(f"not valid {name} despite its byte-order mark", path=path) from None
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), not text", path=path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        _reject_broken_utf8(data, e, path)
        text, encoding = _decode_legacy(data, path)
    else:
        encoding = "utf-8"
    controls = len(_CONTROL.findall(text[:65536]))
    if controls > 8 and controls > len(text[:65536]) // 100:
        raise InputError("binary file (control characters), not text", path=path)
    return text, encoding


# UTF-8 with a few invalid bytes (one byte damaged, a file cut off mid-character, a stray
# cp1251 word pasted in) is broken UTF-8, not a legacy code page. A legacy Cyrillic file has
# almost no valid multi-byte UTF-8 sequences: its letters are lone bytes >= 0x80, and only a
# few pairs (cp1251 capital + "і", koi8-u letter + "і") happen to form one. Measured on Russian
# and Ukrainian samples in every supported code page, even all-caps Ukrainian: at most 0.13
# valid sequences per invalid one. Damaged UTF-8 has dozens per invalid one. A ratio of 3
# sits far from both.
_BROKEN_UTF8_MIN_VALID_PER_INVALID = 3


def _reject_broken_utf8(data: bytes, error: UnicodeDecodeError, path: str) -> None:
    """Raise InputError at the first invalid byte if ``data`` is UTF-8 apart from a few
    invalid sequences (see above); return if it looks like a legacy encoding instead."""
    replaced = data.decode("utf-8", errors="replace")  # one U+FFFD per invalid sequence
    invalid = replaced.count("\ufffd") - data.count("\ufffd".encode())
    valid = len(replaced) - len(replaced.encode("ascii", errors="ignore")) - invalid
    if valid >= _BROKEN_UTF8_MIN_VALID_PER_INVALID * invalid:
        _raise_invalid_utf8(data, error, path, more=invalid - 1)


def _raise_invalid_utf8(
    data: bytes, error: UnicodeDecodeError, path: str, *, skipped: int = 0, more: int = 0
) -> NoReturn:
    """Raise InputError for ``error`` (raised decoding ``data[skipped:]``), with its line."""
    start = error.start + skipped
    before = data[:start].decode("utf-8-sig", errors="replace")
    before = before.replace("\r\n", "\n").replace("\r", "\n")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    if error.reason == "unexpected end of data":  # a lead byte, then too few continuation bytes
        message = f"file ends in the middle of a UTF-8 character (column {column}): was it cut off?"
    else:
        message = f"invalid UTF-8 byte 0x{data[start]:02X} at column {column}"
        if more > 0:
            message += f" and {more} more invalid sequence{'s' if more > 1 else ''} after it"
        message += "; the file is otherwise UTF-8"
    raise InputError(message, path=path, line=line)


def cyrillic_plausibility(text: str) -> float:
    """How much ``text`` reads like Cyrillic prose: mean log-probability per non-ASCII char.

    Letters score by their frequency; a word with lowercase before uppercase ("рПЙЧЕФ", koi8-r
    read as cp1251) or mixing Latin and Cyrillic ("cafй", cp1252 read as cp1251) is penalised;
    so is a non-letter symbol outside ordinary typography (box drawing, "¤", C1 controls).
    """
    total = 0.0
    count = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        latin = any(c.isascii() for c in word)
        lowered = word.lower()
        # Case patterns of real words: "слово", "Слово", "СЛОВО"; anything else is garbage.
        odd_case = not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower()))
        for ch in lowered:
            if ch.isascii():
                continue
            count += 1
            if "\u0400" <= ch <= "\u04ff":
                total += _LOG_FREQ.get(ch, _LOG_RARE)
                if latin:
                    total -= 8
            else:
                total += _LOG_RARE - 4  # a non-Cyrillic letter ("é", "ђ" aside) in a Cyrillic file
        if odd_case:
            total -= 6 * len(word)
        elif word.isupper() and len(word) > 4:
            total -= 1.5 * len(word)  # long all-caps words are rare in prose, common in misreads
    for ch in text:
        if ch.isascii() or ch.isalpha() or ch.isspace():
            continue
        count += 1
        total += -6 if ch in _TYPOGRAPHY else -20
    return total / count if count else 0.0


# A run of non-ASCII bytes touching an ASCII letter: "caf\xe9", "Gr\xf6\xdfe". In Cyrillic text
# non-ASCII runs are whole words; in Latin-script text they are accents inside words.
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")


def _looks_latin_script(data: bytes) -> bool:
    inside = total = 0
    for m in _HIGH_RUN.finditer(data):
        total += 1
        before = data[m.start() - 1 : m.start()]
        after = data[m.end() : m.end() + 1]
        inside += before.isalpha() or after.isalpha()
    return total > 0 and inside * 2 > total


def _decode_legacy(data: bytes, path: str) -> tuple[str, str]:
    if _looks_latin_script(data):
        guess = _charset_normalizer_guess(data)
        if guess is not None:
            return guess
    best: tuple[float, str, str] | None = None
    for codec in _CYRILLIC_CODEPAGES:
        try:
            candidate = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = cyrillic_plausibility(candidate)
        if best is None or score > best[0]:
            best = (score, candidate, codec)
    # Around -5 is Cyrillic prose; a Western or Central European text read through a Cyrillic
    # code page scores far below (its accented letters land inside Latin words).
    if best is not None and best[0] > -9:
        if best[2] == "koi8-u" and data.decode("koi8-r", errors="replace") == best[1]:
            return best[1], "koi8-r"  # no Ukrainian letters: call it by its common name
        return best[1], best[2]
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return guess
    if best is not None and best[0] > -12:
        return best[1], best[2]
    raise InputError("cannot decode: not UTF-8 and no known encoding fits", path=path)


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None:
        return None
    return str(match), match.encoding


# --- blocks -------------------------------------------------------------------------------

_NONSPACE = re.compile(r"\S+")
_LINE = re.compile(r"[^\n]*")
# A line that starts a list item: "- x", "* x", "• x", "1. x", "1) x", "а) x", or a dialogue
# line "— Да, — сказал он." (each line is an utterance in Russian and Ukrainian prose).
# A letter item needs ")": a wrapped line may well start with "г. Москве".
_ITEM_START = re.compile(r"[ \t]*(?:[-*+•‣◦][ \t]|\d{1,3}[.)][ \t]|[a-zа-яіїє]\)[ \t])")
# A dash opens a dialogue line only after a finished sentence; otherwise the text was
# hard-wrapped before a dash ("Россия\n— заведомый агрессор").
_DIALOGUE_START = re.compile(r"[ \t]*[–—][ \t]")
_SENTENCE_END = tuple(".!?…»\"”")
_BULLET = re.compile(r"[ \t]*[-*+•‣◦][ \t]+")
_HEADING_MAX_CHARS = 120
_NOT_HEADING_END = ".,;:…"


def fold(text: str, start: int, end: int, base: list[int] | None = None) -> tuple[str, tuple[int, ...]]:
    """``text[start:end]`` with whitespace runs folded to one space and stripped, and the
    offset of each kept char (``base[i]`` instead of ``i`` when ``base`` maps ``text``)."""
    words: list[str] = []
    offsets: list[int] = []
    for m in _NONSPACE.finditer(text, start, end):
        if words:
            offsets.append(m.start() - 1 if base is None else base[m.start() - 1])
        words.append(m.group())
        if base is None:
            offsets.extend(range(m.start(), m.end()))
        else:
            offsets.extend(base[m.start() : m.end()])
    return " ".join(words), tuple(offsets)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line, newline excluded."""
    start = 0
    n = len(text)
    while start <= n:
        end = text.find("\n", start)
        if end < 0:
            end = n
        yield start, end
        start = end + 1


def _line_blocks(text: str) -> Iterator[Block]:
    for start, end in _lines(text):
        folded, offsets = fold(text, start, end)
        if folded:
            yield Block(folded, offsets)


def _plain_blocks(text: str) -> Iterator[Block]:
    """Paragraphs separated by blank lines; inside one, a list item, or a dialogue line after a
    finished sentence, starts a new block; any other line break is a soft wrap. A paragraph of one short line that does
    not end like a sentence ("Вторжения не будет") is a heading."""
    paragraph: list[tuple[int, int]] = []
    for start, end in _lines(text):
        if text[start:end].strip():
            paragraph.append((start, end))
            continue
        yield from _paragraph_blocks(text, paragraph)
        paragraph = []
    yield from _paragraph_blocks(text, paragraph)


def _paragraph_blocks(text: str, lines: list[tuple[int, int]]) -> Iterator[Block]:
    if not lines:
        return
    if len(lines) == 1:
        start, end = lines[0]
        folded, offsets = fold(text, start, end)
        if (
            len(folded) <= _HEADING_MAX_CHARS
            and folded[-1] not in _NOT_HEADING_END
            and not _ITEM_START.match(folded)
            and not _DIALOGUE_START.match(folded)
        ):
            yield Block(folded, offsets, is_heading=True)
            return
    groups: list[list[tuple[int, int]]] = []
    for line in lines:
        if (
            not groups
            or _ITEM_START.match(text, line[0])
            or (_DIALOGUE_START.match(text, line[0]) and text[groups[-1][-1][0] : groups[-1][-1][1]].rstrip().endswith(_SENTENCE_END))
        ):
            groups.append([line])
        else:
            groups[-1].append(line)
    for group in groups:
        start = group[0][0]
        bullet = _BULLET.match(text, start)
        if bullet is not None:
            start = bullet.end()  # a bullet is markup; a number ("1.") is content, kept
        folded, offsets = fold(text, start, group[-1][1])
        if folded:
            yield Block(folded, offsets)


# --- Markdown -----------------------------------------------------------------------------

# What may precede a block's inline content on its source line: indentation, blockquote
# ">", list markers, ATX "#", table pipes.
_MD_LINE_PREFIX = re.compile(r"[\s>*+\-#|]*(?:\d{1,9}[.)])?[\s>*+\-#|]*")
# Inline tokens whose text is visible prose. Images, raw HTML and link destinations are not;
# code spans are (an identifier in a sentence is part of it), without their backticks.
_MD_TEXT_TOKENS = frozenset({"text", "code_inline", "text_special"})
_MD_BREAK_TOKENS = frozenset({"softbreak", "hardbreak"})


def _markdown_blocks(text: str) -> Iterator[Block]:
    """Every inline run of a Markdown document (heading, paragraph, list item, blockquote,
    table cell) as a Block, and the text of every HTML block (see ``_html_blocks``). Code
    blocks, rules and link reference definitions are not prose and yield nothing."""
    from markdown_it import MarkdownIt  # imported only for Markdown files

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    line_starts = [start for start, _ in _lines(text)]
    in_heading = False
    cursor = 0  # original offset where the previous inline run ended (table cells share lines)
    for token in md.parse(text):
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline" and token.map is not None:
            mapping = _map_inline(text, line_starts, token.content, token.map[0], cursor)
            chars: list[str] = []
            base: list[int] = []
            _inline_chars(token.children or [], token.content, mapping, chars, base)
            if base:
                cursor = max(cursor, base[-1] + 1)
            folded, offsets = fold("".join(chars), 0, len(chars), base)
            if folded:
                yield Block(folded, offsets, is_heading=in_heading)
        elif token.type == "html_block" and token.map is not None:
            mapping = _map_inline(text, line_starts, token.content, token.map[0], cursor)
            yield from _html_blocks(token.content, mapping)


def _map_inline(text: str, line_starts: list[int], content: str, first_line: int, cursor: int) -> list[int]:
    """Original offset of every char of an inline token's ``content``.

    markdown-it builds ``content`` from consecutive source lines with block markup and
    indentation stripped, joined by "\n"; each content line is found again in its source line.
    """
    mapping: list[int] = []
    for i, piece in enumerate(content.split("\n")):
        line_no = min(first_line + i, len(line_starts) - 1)
        start = line_starts[line_no]
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        lo = max(start, cursor) if i == 0 else start
        prefix = _MD_LINE_PREFIX.match(text, lo, end)
        at = text.find(piece, prefix.end() if prefix else lo, end) if piece else -1
        if at < 0:
            at = text.find(piece, lo, end) if piece else -1
        if at < 0:
            stripped = piece.lstrip()
            at = text.find(stripped, lo, end) - (len(piece) - len(stripped)) if stripped else -1
        if at < 0:
            at = prefix.end() if prefix else start  # tabs expanded or the like: best effort
        mapping.extend(min(at + j, end) for j in range(len(piece)))
        mapping.append(end)  # the "\n" joining this line to the next
    mapping.pop()
    return mapping


def _inline_chars(
    children: list[Token], content: str, mapping: list[int], chars: list[str], base: list[int]
) -> None:
    """Append the visible chars of inline ``children`` and their original offsets."""
    pos = 0  # position in ``content`` up to which children have been matched
    n = len(content)
    for child in children:
        kind = child.type
        if kind in _MD_TEXT_TOKENS:
            piece = child.content
            if kind == "code_inline":
                at = content.find(piece, pos)
                pos = at if at >= 0 else pos
            if content.startswith(piece, pos):
                chars.extend(piece)
                base.extend(mapping[pos : pos + len(piece)])
                pos += len(piece)
                continue
            # Escapes ("\*") and entities ("&amp;") make the text differ from its source: find
            # each char nearby, else point at the current position.
            for ch in piece:
                at = content.find(ch, pos, pos + 12)
                chars.append(ch)
                if at >= 0:
                    base.append(mapping[at])
                    pos = at + 1
                else:
                    base.append(mapping[min(pos, n - 1)])
        elif kind in _MD_BREAK_TOKENS:
            at = content.find("\n", pos)
            if at >= 0:
                chars.append(" ")
                base.append(mapping[at])
                pos = at + 1
        elif kind == "image":
            # Skip the image source text so the next text token is found after it.
            end = content.find(")", pos)
            pos = end + 1 if end >= 0 else pos
        elif kind == "link_open":
            if content.startswith(("[", "<"), pos):
                pos += 1
        elif kind == "html_inline" or kind.endswith(("_open", "_close")):
            markup = child.content if kind == "html_inline" else child.markup
            if markup and kind != "link_close":
                at = content.find(markup, pos)
                if kind == "html_inline" and at >= 0 and _html_tag_name(markup) in _HTML_BLOCK_TAGS:
                    # "сезона.<br>Тепло": a line break (or a stray <p>) separates words.
                    chars.append(" ")
                    base.append(mapping[at])
                pos = at + len(markup) if at >= 0 else pos
            elif kind == "link_close" and child.markup != "autolink":
                # Past "](destination)" or "][ref]" (or "]" of a shortcut reference).
                close = content.find("]", pos)
                if close >= 0:
                    pos = close + 1
                    if content.startswith("(", pos):
                        depth = 0
                        for j in range(pos, n):
                            if content[j] == "(":
                                depth += 1
                            elif content[j] == ")":
                                depth -= 1
                                if depth == 0:
                                    pos = j + 1
                                    break
                    elif content.startswith("[", pos):
                        end = content.find("]", pos)
                        pos = end + 1 if end >= 0 else pos


# --- HTML inside Markdown -----------------------------------------------------------------

# Elements whose start or end separates text: a paragraph ends at </p>, a line at <br>.
_HTML_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
        "h2", "h3", "h4", "h5", "h6", "header", "hr", "legend", "li", "main", "menu", "nav", "ol",
        "option", "p", "pre", "section", "summary", "table", "tbody", "td", "textarea", "tfoot",
        "th", "thead", "tr", "ul",
    }
)
_HTML_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements whose content is not prose: scripts, styles, and <pre> (HTML's code block, left
# out as a fenced code block is), and form fields.
_HTML_SKIPPED = frozenset({"script", "style", "pre", "textarea"})
_HTML_ATTRIBUTES = r"""(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*"""
_HTML_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"  # a comment (one left open runs to the end of the block)
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<[!?][^>]*(?:>|\Z)"  # <!DOCTYPE html>, <?xml ...?>
    r"|<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)" + _HTML_ATTRIBUTES + r"\s*(?P<empty>/?)>"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)",
    re.DOTALL,
)
_HTML_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")


def _html_tag_name(markup: str) -> str | None:
    m = _HTML_TAG_NAME.match(markup)
    return m.group(1).lower() if m else None


def _html_blocks(content: str, mapping: list[int]) -> Iterator[Block]:
    """The text of a Markdown HTML block, ``mapping[i]`` being the original offset of
    ``content[i]``: tags removed, comments and the content of <script>, <style>, <pre> and
    <textarea> left out, a new block at every block-level tag (<p>, <div>, <li>, <br>, ...),
    headings (<h1>..<h6>) marked. An entity ("&laquo;") becomes its character, placed at its "&"."""
    chars: list[str] = []
    base: list[int] = []
    heading = False

    def flush() -> Iterator[Block]:
        folded, offsets = fold("".join(chars), 0, len(chars), base)
        chars.clear()
        base.clear()
        if folded:
            yield Block(folded, offsets, is_heading=heading)

    pos = 0
    n = len(content)
    while (m := _HTML_TOKEN.search(content, pos)) is not None:
        chars.extend(content[pos : m.start()])
        base.extend(mapping[pos : m.start()])
        pos = m.end()
        if m.group("entity"):
            decoded = html.unescape(m.group())
            chars.extend(decoded)
            if decoded == m.group():  # not an entity HTML knows ("&bogus;"): plain text
                base.extend(mapping[m.start() : m.end()])
            else:
                base.extend([mapping[m.start()]] * len(decoded))
            continue
        name = (m.group("name") or "").lower()
        if name not in _HTML_BLOCK_TAGS and name not in _HTML_SKIPPED:
            continue  # inline markup (<b>, <a href=...>, <span>), a comment, a doctype
        yield from flush()
        if name in _HTML_HEADINGS:
            heading = not m.group("close")
        if name in _HTML_SKIPPED and not m.group("close") and not m.group("empty"):
            end = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(content, pos)
            pos = end.end() if end else n
    chars.extend(content[pos:])
    base.extend(mapping[pos:])
    yield from flush()
