"""Reading a file (checker.text.reading): line endings, formats, bad and missing files."""

from __future__ import annotations

import codecs
import os
import socket
from pathlib import Path

import pytest

from checker.errors import ConfigError, InputError
from checker.text.reading import DEFAULT_MAX_BYTES, read_text
from tests.text.helpers import document, write_file


# --- line endings and offsets -------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_normalised_and_line_col_right(tmp_path: Path, newline: str) -> None:
    raw = "Заголовок\n\nПервое предложение. Второе\nпредложение.\n\nТретье."
    path = write_file(tmp_path, "t.txt", codecs.BOM_UTF8 + raw.replace("\n", newline).encode("utf-8"))
    src = read_text(path)
    assert src.text == raw
    doc = document(src, "ru")
    where = {s.text: doc.line_col(s.span.start) for s in doc.segments}
    assert where == {
        "Заголовок": (1, 1),
        "Первое предложение.": (3, 1),
        "Второе предложение.": (3, 21),
        "Третье.": (6, 1),
    }
    wrapped = doc.segments[2]
    assert wrapped.offsets != ()  # the soft wrap became a space
    assert doc.line_col(wrapped.original_offset(len("Второе "))) == (4, 1)




def test_markdown_by_format_argument_and_unknown_format(tmp_path: Path) -> None:
    path = write_file(tmp_path, "doc.txt", "# Заголовок\n\nТекст.".encode("utf-8"))
    assert read_text(path, format="markdown").blocks[0].is_heading
    assert read_text(path).blocks[0].text == "# Заголовок"
    with pytest.raises(ConfigError):
        read_text(path, format="docx")


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\t\r\n  ", "empty"),
        ("blank-bom.txt", codecs.BOM_UTF8 + b"\n\n", "empty"),
        ("binary.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("controls.txt", bytes(range(1, 9)) * 50, "binary"),
        ("bad-utf16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", "byte-order mark"),
    ],
)
def test_bad_files_raise_input_error_naming_the_path(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = write_file(tmp_path, name, data)
    with pytest.raises(InputError) as info:
        read_text(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("name", "text", "why"),
    [
        ("code.md", "```python\nprint('Привет')\n```\n", "only markup, code and comments"),
        ("indented.md", "    код с отступом\n", "only markup, code and comments"),
        ("comment.md", "<!-- Черновик: перевод будет позже. -->\n", "only markup, code"),
        ("script.md", "<script>alert('Привет');</script>\n\n---\n", "only markup, code and comments"),
        ("zwsp.txt", "\u200b\u200b\n\u200b\n", "no letters or digits"),
        ("invisible.txt", "\ufeff\u2060\u200d \u00ad\n", "no letters or digits"),
        ("punctuation.md", "* * *\n\n— … —\n", "no letters or digits"),
        ("zwsp.md", "\u200b\n", "no letters or digits"),
    ],
    ids=["code", "indented-code", "comment", "script", "zwsp", "invisible", "punctuation", "zwsp-md"],
)
def test_no_text_left_after_markup_is_an_error(tmp_path: Path, name: str, text: str, why: str) -> None:
    path = write_file(tmp_path, name, text.encode("utf-8"))
    with pytest.raises(InputError) as info:
        read_text(path)
    assert str(info.value).startswith(f"{path}: no text to check: ")
    assert why in str(info.value)
    with pytest.raises(InputError, match="no text to check"):
        read_text(path, segmented=True) if name.endswith(".txt") else read_text(path, format="markdown")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    for path, message in [(tmp_path / "nope.txt", "no such file"), (tmp_path, "directory")]:
        with pytest.raises(InputError) as info:
            read_text(path)
        assert str(path) in str(info.value) and message in str(info.value)


def test_a_vertical_tab_counts_as_a_line_for_line_and_column(tmp_path: Path) -> None:
    path = write_file(tmp_path, "t.txt", "Первая строка\vвторой строки.\v\vНовый абзац.".encode("utf-8"))
    src = read_text(path)
    assert src.text == "Первая строка\nвторой строки.\n\nНовый абзац."  # offsets unchanged
    doc = document(src, "ru")
    assert [(s.text, doc.line_col(s.span.start)) for s in doc.segments] == [
        ("Первая строка второй строки.", (1, 1)),
        ("Новый абзац.", (4, 1)),
    ]


def test_markdown_read_as_plain_text_is_one_notice_naming_the_first_line(tmp_path: Path) -> None:
    deep = ">" * 20
    raw = f"# Title\n\n{deep} One.\n\nText.\n\n{deep} Two.\n\n{deep} Three.\n"
    src = read_text(write_file(tmp_path, "doc.md", raw.encode("utf-8")))
    assert [b.text for b in src.blocks] == ["Title", "One.", "Text.", "Two.", "Three."]
    (notice,) = src.notices
    assert str(notice) == (
        f"{tmp_path / 'doc.md'}:3: Markdown nested deeper than 20 levels: read as plain text (and 2 more blocks after it)"
    )
    assert read_text(write_file(tmp_path, "flat.md", b"# Title\n\n> Quoted.\n")).notices == ()


# --- what is not a regular file, and files too large --------------------------------------


def test_a_fifo_is_an_input_error_and_is_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)  # no writer: opening it for reading would block forever
    with pytest.raises(InputError) as info:
        read_text(fifo)
    assert str(info.value) == f"{fifo}: is a FIFO (named pipe), not a regular file"


def test_a_symlink_to_a_device_is_an_input_error(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError) as info:
        read_text(link)
    assert str(info.value) == f"{link}: is a character device, not a regular file"


def test_a_socket_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(InputError, match="is a socket, not a regular file"):
            read_text(path)


def test_a_file_over_max_bytes_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as f:
        f.truncate(3 * 1024**3)  # sparse: 3 GB that take no disk and must not be read
    with pytest.raises(InputError) as info:
        read_text(path, max_bytes=1_000_000)
    assert str(info.value) == (
        f"{path}: file too large (3,221,225,472 bytes; the limit is 1,000,000 bytes: raise it with --max-bytes)"
    )
    small = write_file(tmp_path, "small.txt", "Короткий текст.".encode("utf-8"))
    assert read_text(small, max_bytes=len("Короткий текст.".encode("utf-8"))).text == "Короткий текст."
    with pytest.raises(InputError, match="file too large"):
        read_text(small, max_bytes=10)
    assert DEFAULT_MAX_BYTES >= 16 * 1024 * 1024  # a book-length translation fits by default

