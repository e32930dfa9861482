"""Reading: encodings, plain-text and Markdown blocks, offsets into the original, bad files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from checker.errors import ConfigError, InputError
from checker.model import Document
from checker.text.reading import SourceText, decode, read_text
from checker.text.segment import segment

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reading"

RUSSIAN = (
    "Вторжения не будет\n\n"
    "Так, президент США Джо Байден заявил, что Россия нападёт на Украину 16 февраля. "
    "«Вы говорите, что война неизбежна? Нет», — подчеркнул политолог.\n"
)
# koi8-r and cp866 have no guillemets or em dash.
RUSSIAN_ASCII_PUNCTUATION = RUSSIAN.replace("«", '"').replace("»", '"').replace("—", "-")
# Short samples are where charset-normalizer confuses cp1251, koi8-r and mac-cyrillic.
SHORT_SAMPLES = [
    "Привет, мир!",
    "Об этом он рассказал в интервью «Ленте.ру».",
    "Вторжения не будет",
    "Съешь же ещё этих мягких французских булок, да выпей чаю.",
    "Да.",
    "Зустріч відбулася у Києві.",
    "Їжачок їсть ґудзики, а є ще й інші.",
    "Президент України підписав указ про мобілізацію.",
    "Дякую",
]
CODEPAGES = ["cp1251", "koi8-r", "koi8-u", "mac-cyrillic", "cp866", "iso8859-5"]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _document(src: SourceText, language: str) -> Document:
    return Document(src.path, language, src.text, segment(src, language), src.format, src.encoding)


# --- encodings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (RUSSIAN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + RUSSIAN.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + RUSSIAN.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + RUSSIAN.encode("utf-16-be"), "utf-16"),
        (RUSSIAN.encode("utf-16"), "utf-16"),  # Python writes a BOM
        (RUSSIAN.encode("utf-32"), "utf-32"),
        (RUSSIAN.encode("cp1251"), "cp1251"),
        (RUSSIAN_ASCII_PUNCTUATION.encode("koi8-r"), "koi8-r"),
        (RUSSIAN.encode("mac-cyrillic"), "mac-cyrillic"),
        (RUSSIAN_ASCII_PUNCTUATION.encode("cp866"), "cp866"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16", "utf32", "cp1251", "koi8r", "mac", "cp866"],
)
def test_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    src = read_text(_write(tmp_path, "ru.txt", data))
    assert src.encoding == encoding
    assert not src.text.startswith("\ufeff")
    assert src.text.startswith("Вторжения не будет\n\nТак,")
    assert src.blocks[0].text == "Вторжения не будет" and src.blocks[0].is_heading


def _encodable(sample: str, codepage: str) -> bool:
    try:
        sample.encode(codepage)
    except UnicodeEncodeError:  # a Russian code page has no Ukrainian letters
        return False
    return True


@pytest.mark.parametrize(
    "sample, codepage", [(s, c) for s in SHORT_SAMPLES for c in CODEPAGES if _encodable(s, c)]
)
def test_short_cyrillic_samples_decode_right(sample: str, codepage: str) -> None:
    data = sample.encode(codepage)
    text, _ = decode(data)
    assert text == sample


def test_ukrainian_koi8u_is_not_koi8r() -> None:
    text, encoding = decode("Їжачок їсть ґудзики.".encode("koi8-u"))
    assert (text, encoding) == ("Їжачок їсть ґудзики.", "koi8-u")


@pytest.mark.parametrize(
    ("text", "codepage"),
    [("Le café est très bon, à Paris. Ça coûte cher.", "cp1252"), ("Zażółć gęślą jaźń, kůň úpěl ódy.", "cp1250")],
)
def test_latin_script_legacy_text_is_not_read_as_cyrillic(text: str, codepage: str) -> None:
    assert decode(text.encode(codepage))[0] == text


def test_committed_fixtures() -> None:
    # Small files written once by hand, so the tests do not only check our own encoder calls.
    for name, encoding in [("ru-cp1251.txt", "cp1251"), ("uk-koi8u.txt", "koi8-u"), ("ru-utf16le-bom-crlf.txt", "utf-16")]:
        src = read_text(FIXTURES / name)
        assert src.encoding == encoding, name
        assert "\r" not in src.text
        assert src.blocks[0].is_heading


# --- broken UTF-8 -------------------------------------------------------------------------

NEWS = (
    "Главное за день\n\n"
    "Делегация прибыла в Киев во вторник. Переговоры продлятся два дня.\n"
    "Доля выросла до 2,5 миллиарда гривен.\n"
)


def _damage(text: str, word: str, bad: bytes) -> bytes:
    """``text`` in UTF-8 with ``bad`` inserted after the first letter of ``word``."""
    data = text.encode("utf-8")
    at = data.index(word.encode("utf-8")) + len(word[0].encode("utf-8"))
    return data[:at] + bad + data[at:]


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (_damage(NEWS, "Киев", b"\xff"), 3, "invalid UTF-8 byte 0xFF at column 22; the file is otherwise UTF-8"),
        (_damage(NEWS, "Доля", b"\x80"), 4, "invalid UTF-8 byte 0x80 at column 2"),
        (NEWS.encode("utf-8")[:-3], 4, "file ends in the middle of a UTF-8 character (column 36)"),
        # Line numbers count CR and CRLF line ends, as the decoded text does; the BOM is skipped.
        (codecs.BOM_UTF8 + _damage(NEWS.replace("\n", "\r\n"), "Киев", b"\xff"), 3, "0xFF at column 22"),
        (_damage(NEWS.replace("\n", "\r"), "Киев", b"\xff"), 3, "0xFF at column 22"),
        # A word pasted in from a cp1251 file.
        (_damage(NEWS, "Доля", "гривен".encode("cp1251")), 4, "invalid UTF-8 byte 0xE3 at column 2 and 5 more"),
    ],
    ids=["bad-byte", "stray-continuation", "truncated", "bom-crlf", "cr", "cp1251-word"],
)
def test_utf8_with_a_few_invalid_bytes_is_an_error_naming_the_line(
    tmp_path: Path, data: bytes, line: int, message: str
) -> None:
    path = _write(tmp_path, "ru.txt", data)
    with pytest.raises(InputError) as info:
        read_text(path)
    assert info.value.line == line
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert message in str(info.value)


def test_legacy_code_pages_are_not_taken_for_broken_utf8() -> None:
    # cp1251 capitals followed by "І" and koi8-u letters followed by "і" form valid UTF-8
    # pairs; a legacy file has still far fewer of them than invalid bytes.
    text = "МІНІСТЕРСТВО ОБОРОНИ УКРАЇНИ. Він сказав, що Міністр Ніна і Віталій їдуть."
    for codepage in ["cp1251", "koi8-u", "mac-cyrillic", "iso8859-5"]:
        assert decode(text.encode(codepage)) == (text, codepage)


# --- line endings and offsets -------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_normalised_and_line_col_right(tmp_path: Path, newline: str) -> None:
    raw = "Заголовок\n\nПервое предложение. Второе\nпредложение.\n\nТретье."
    path = _write(tmp_path, "t.txt", codecs.BOM_UTF8 + raw.replace("\n", newline).encode("utf-8"))
    src = read_text(path)
    assert src.text == raw
    doc = _document(src, "ru")
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


# --- plain-text blocks --------------------------------------------------------------------


def test_plain_text_blocks(tmp_path: Path) -> None:
    raw = (
        "Возможность договориться есть\n\n"
        "Первая строка абзаца\nпродолжается здесь.\n\n"
        "Список:\n- первый пункт;\n- второй пункт.\n1. Нумерованный пункт.\n"
        "— Реплика диалога, — сказал он.\n\n"
        "Короткая строка с точкой.\n\n"
        "Россия\n— заведомый агрессор, а встреча прошла в\nг. Москве.\n"
    )
    src = read_text(_write(tmp_path, "t.txt", raw.encode("utf-8")))
    assert [(b.text, b.is_heading) for b in src.blocks] == [
        ("Возможность договориться есть", True),
        ("Первая строка абзаца продолжается здесь.", False),
        ("Список:", False),
        ("первый пункт;", False),
        ("второй пункт.", False),
        ("1. Нумерованный пункт.", False),
        ("— Реплика диалога, — сказал он.", False),
        ("Короткая строка с точкой.", False),
        ("Россия — заведомый агрессор, а встреча прошла в г. Москве.", False),
    ]
    for block in src.blocks:
        assert [src.text[o] for o in block.offsets if not src.text[o].isspace()] == [c for c in block.text if c != " "]


def test_segmented_format_one_sentence_per_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "t.txt", "Он пришёл. Она ушла.\n\n  Всё.  \n".encode("utf-8"))
    src = read_text(path, segmented=True)
    assert src.format == "segmented"
    assert [b.text for b in src.blocks] == ["Он пришёл. Она ушла.", "Всё."]
    doc = _document(src, "ru")
    assert [s.text for s in doc.segments] == ["Он пришёл. Она ушла.", "Всё."]
    assert doc.line_col(doc.segments[1].span.start) == (3, 3)


# --- Markdown -----------------------------------------------------------------------------

MARKDOWN = """# Заголовок **статьи**

Первый абзац со **словом** и _курсивом_, ссылкой на [«Ленту.ру»](https://lenta.ru "Лента")
и кодом `pip install`. Второе предложение с ![картинкой](a.png) и <b>тегом</b> внутри.

> Цитата в блоке. Ещё одна фраза
> на второй строке.

- Первый пункт списка.
- Второй пункт со [ссылкой][ref].
   Продолжение пункта.

1. Нумерованный пункт.

Setext-заголовок
----------------

```
код не текст
```

| Ячейка | Вторая ячейка |
|--------|---------------|
| Три    | Четыре        |

[ref]: https://example.com
"""


def test_markdown_blocks_and_sentences(tmp_path: Path) -> None:
    src = read_text(_write(tmp_path, "doc.md", MARKDOWN.encode("utf-8")))
    assert src.format == "markdown"
    doc = _document(src, "ru")
    assert [(s.text, s.is_heading) for s in doc.segments] == [
        ("Заголовок статьи", True),
        ("Первый абзац со словом и курсивом, ссылкой на «Ленту.ру» и кодом pip install.", False),
        ("Второе предложение с и тегом внутри.", False),
        ("Цитата в блоке.", False),
        ("Ещё одна фраза на второй строке.", False),
        ("Первый пункт списка.", False),
        ("Второй пункт со ссылкой.", False),
        ("Продолжение пункта.", False),
        ("Нумерованный пункт.", False),
        ("Setext-заголовок", True),
        ("Ячейка", False),
        ("Вторая ячейка", False),
        ("Три", False),
        ("Четыре", False),
    ]


def _markdown_document(tmp_path: Path, raw: str) -> Document:
    """Read ``raw`` as a Markdown file, checking that every character maps back to itself."""
    src = read_text(_write(tmp_path, "doc.md", raw.encode("utf-8")))
    doc = _document(src, "ru")
    for seg in doc.segments:
        for i, ch in enumerate(seg.text):
            if not ch.isspace():
                assert doc.text[seg.original_offset(i)] == ch, (seg.text, i)
    return doc


def test_markdown_offsets_point_into_the_original(tmp_path: Path) -> None:
    doc = _markdown_document(tmp_path, MARKDOWN.replace("\n", "\r\n"))
    by_text = {s.text: s for s in doc.segments}
    assert doc.line_col(by_text["Ещё одна фраза на второй строке."].span.start) == (6, 19)
    assert doc.line_col(by_text["Четыре"].span.start) == (24, 12)
    link = by_text["Второй пункт со ссылкой."]
    assert doc.line_col(link.original_offset(link.text.index("ссылкой"))) == (10, 20)


def test_markdown_escapes_keep_offsets_close(tmp_path: Path) -> None:
    src = read_text(_write(tmp_path, "doc.txt", "Цена 5\\*2 и 3 \\_ 4.".encode("utf-8")), format="markdown")
    (block,) = src.blocks
    assert block.text == "Цена 5*2 и 3 _ 4."
    for i, ch in enumerate(block.text):
        if ch != " ":
            assert src.text[block.offsets[i]] == ch


MARKDOWN_HTML = """# Отопление

<div class="note">Доля выросла до 2,5 миллиарда гривен.</div>

<div>
  <h2 id="x">Заголовок во <b>врезке</b></h2>
  <p>Первый абзац.<br>Вторая строка с <a href="/a?b=1&amp;c=2">ссылкой</a>.</p>
  <ul><li>Пункт один</li><li>Пункт
  два</li></ul>
</div>

<!-- Комментарий редактора:
не для читателя. -->

> <p>Цитата в HTML.</p>

<script>var s = "<p>Не текст</p>";</script>

<style>
p { content: "Не текст"; }
</style>

Отопительный сезон начнётся в октябре сезона.<br>Тепло получат все дома.
Строка с <br/> разрывом и <span>встроенным</span> тегом.
"""


def test_markdown_html_blocks_become_text(tmp_path: Path) -> None:
    src = read_text(_write(tmp_path, "doc.md", MARKDOWN_HTML.encode("utf-8")))
    assert [(b.text, b.is_heading) for b in src.blocks] == [
        ("Отопление", True),
        ("Доля выросла до 2,5 миллиарда гривен.", False),
        ("Заголовок во врезке", True),
        ("Первый абзац.", False),
        ("Вторая строка с ссылкой.", False),
        ("Пункт один", False),
        ("Пункт два", False),
        ("Цитата в HTML.", False),
        (
            (
                "Отопительный сезон начнётся в октябре сезона. Тепло получат все дома. "
                "Строка с разрывом и встроенным тегом."
            ),
            False,
        ),
    ]


def test_markdown_inline_br_separates_sentences(tmp_path: Path) -> None:
    src = read_text(_write(tmp_path, "doc.md", MARKDOWN_HTML.encode("utf-8")))
    sentences = [s.text for s in _document(src, "ru").segments]
    assert sentences[-3:] == [
        "Отопительный сезон начнётся в октябре сезона.",
        "Тепло получат все дома.",
        "Строка с разрывом и встроенным тегом.",
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_markdown_html_offsets_point_into_the_original(tmp_path: Path, newline: str) -> None:
    doc = _markdown_document(tmp_path, MARKDOWN_HTML.replace("\n", newline))
    by_text = {s.text: s for s in doc.segments}
    assert doc.line_col(by_text["Доля выросла до 2,5 миллиарда гривен."].span.start) == (3, 19)
    assert doc.line_col(by_text["Вторая строка с ссылкой."].span.start) == (7, 23)
    assert doc.line_col(by_text["Пункт два"].span.end - 1) == (9, 5)
    assert doc.line_col(by_text["Цитата в HTML."].span.start) == (15, 6)
    assert doc.line_col(by_text["Тепло получат все дома."].span.start) == (23, 50)


def test_markdown_html_entities_become_their_characters(tmp_path: Path) -> None:
    raw = "<p>Он сказал: &laquo;Нет&raquo;&nbsp;&mdash; и&#160;ушёл. A &amp; B, &bogus; и 3 < 4.</p>\n"
    src = read_text(_write(tmp_path, "doc.md", raw.encode("utf-8")))
    (block,) = src.blocks
    assert block.text == "Он сказал: «Нет» — и ушёл. A & B, &bogus; и 3 < 4."
    for i, ch in enumerate(block.text):
        if ch != " ":
            # A decoded entity points at its "&"; every other character at itself.
            expected = "&" if ch in "«»—" or block.text[i : i + 3] == "& B" else ch
            assert src.text[block.offsets[i]] == expected, (block.text, i)


def test_markdown_by_format_argument_and_unknown_format(tmp_path: Path) -> None:
    path = _write(tmp_path, "doc.txt", "# Заголовок\n\nТекст.".encode("utf-8"))
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
    path = _write(tmp_path, name, data)
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
    path = _write(tmp_path, name, text.encode("utf-8"))
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
