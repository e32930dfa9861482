"""Block structure of decoded text: paragraphs, headings, list items and lines, markup removed.

``split_blocks(text, format)`` cuts a decoded document into ``Block``s, the units the
segmenter splits into sentences (a block boundary is always a sentence boundary):

- "text": paragraphs separated by blank lines; inside one, a list item or a dialogue line
  starts a new block; a paragraph of one short line that does not end like a sentence is a
  heading;
- "markdown": every inline run (heading, paragraph, list item, blockquote, table cell) and
  the text of HTML blocks; code blocks, rules, link definitions and a leading front matter
  block (YAML "---" or TOML "+++") are not prose;
- "segmented": each non-blank line.

A block's ``text`` is what the segmenter sees (markup removed, whitespace folded);
``offsets[i]`` is the offset of ``text[i]`` in the decoded text, so every sentence keeps a
line and a column.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

FORMATS = ("text", "markdown", "segmented")


@dataclass(frozen=True)
class Block:
    """A paragraph, heading, list item, or (segmented format) one line."""

    text: str  # markup removed, whitespace runs folded to one space, stripped
    offsets: tuple[int, ...]  # offsets[i] = offset in the decoded text of text[i]
    is_heading: bool = False
    # Why the block was read in a way its format does not define, for a warning naming its
    # line ("Markdown nested deeper than ... levels: read as plain text"); None normally.
    note: str | None = None


def split_blocks(text: str, format: str) -> tuple[Block, ...]:
    """The blocks of ``text`` (decoded, newlines normalised to LF) read as ``format``."""
    if format == "segmented":
        return tuple(_line_blocks(text))
    if format == "markdown":
        return tuple(_markdown_blocks(text))
    if format == "text":
        return tuple(_plain_blocks(text))
    raise ValueError(f"unknown format {format!r}")


_NONSPACE = re.compile(r"\S+")
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
    text = _without_front_matter(text)
    line_starts = [start for start, _ in _lines(text)]
    in_heading = False
    cursor = 0  # original offset where the previous inline run ended (table cells share lines)
    tokens = md.parse(text)
    deepest = md.options["maxNesting"] - 1
    for k, token in enumerate(tokens):
        if token.nesting == 1 and token.level >= deepest and token.map is not None and tokens[k + 1].nesting == -1:
            # markdown-it parses nothing inside a container at its nesting limit (20 levels of
            # ">" or of lists): it skips those lines. Their text is read here instead.
            yield from _unparsed_blocks(md, text, line_starts, token.map[0], token.map[1])
        elif token.type == "heading_open":
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


# A static-site generator's metadata before the article (Hugo, Jekyll, Eleventy): YAML
# between "---" lines (or "---" … "..."), TOML between "+++" lines. It is no prose: its
# dates and weights would be compared as numbers, its title as a sentence.
_FRONT_MATTER = re.compile(r"(?:---[ \t]*\n.*?\n(?:---|\.\.\.)|\+\+\+[ \t]*\n.*?\n\+\+\+)[ \t]*(?=\n|$)", re.DOTALL)


def _without_front_matter(text: str) -> str:
    """``text`` with a leading front matter block blanked (same length: offsets, lines and
    columns of everything after it stay as they are)."""
    m = _FRONT_MATTER.match(text)
    if m is None:
        return text
    return re.sub(r"[^\n]", " ", m.group()) + text[m.end() :]


# Container markup at the start of a line: blockquote ">", list markers "-", "*", "+", "1.",
# "1)", and indentation; repeated as deep as the line goes.
_CONTAINER_PREFIX = re.compile(r"(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*")
_LIST_MARKER = re.compile(r"(?<![^ \t\n>])(?:[-*+]|\d{1,9}[.)])(?=[ \t\n]|$)")
_ATX_HEADING = re.compile(r"#{1,6}(?:[ \t]+|$)")
_TOO_DEEP = "Markdown nested deeper than {levels} levels: read as plain text"


def _unparsed_blocks(md: MarkdownIt, text: str, line_starts: list[int], first: int, last: int) -> Iterator[Block]:
    """Lines ``first``..``last - 1`` that markdown-it left unparsed, as paragraphs of text.

    Each line loses its container markup (">", list markers); consecutive lines form one
    block, a blank line ends it; inline markup is still removed (markdown-it's inline
    parser has no such limit). Each block carries a note, for a warning naming its line.
    """
    note = _TOO_DEEP.format(levels=md.options["maxNesting"])
    pieces: list[tuple[int, int]] = []  # (start, end) of each line's content
    for line_no in range(first, min(last, len(line_starts))):
        start = line_starts[line_no]
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        m = _CONTAINER_PREFIX.match(text, start, end)
        content_start = m.end() if m else start
        if not text[content_start:end].strip():
            yield from _unparsed_paragraph(md, text, pieces, note)
            pieces = []
            continue
        if _LIST_MARKER.search(text, start, content_start):
            yield from _unparsed_paragraph(md, text, pieces, note)  # a list item starts a block
            pieces = []
        pieces.append((content_start, end))
    yield from _unparsed_paragraph(md, text, pieces, note)


def _unparsed_paragraph(md: MarkdownIt, text: str, pieces: list[tuple[int, int]], note: str) -> Iterator[Block]:
    if not pieces:
        return
    heading = False
    first_start, first_end = pieces[0]
    atx = _ATX_HEADING.match(text, first_start, first_end)
    if atx is not None and len(pieces) == 1:
        heading = True
        pieces = [(atx.end(), first_end)]
    content = "\n".join(text[a:b] for a, b in pieces)
    mapping: list[int] = []
    for a, b in pieces:
        mapping.extend(range(a, b))
        mapping.append(b)  # the "\n" joining this line to the next
    mapping.pop()
    if not content:
        return
    chars: list[str] = []
    base: list[int] = []
    for token in md.parseInline(content):
        _inline_chars(token.children or [], content, mapping, chars, base)
    folded, offsets = fold("".join(chars), 0, len(chars), base)
    if folded:
        yield Block(folded, offsets, is_heading=heading, note=note)


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
