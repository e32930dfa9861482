"""Block structure (checker.text.blocks): paragraphs, headings, list items, Markdown and HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.model import Document
from checker.text.blocks import split_blocks
from checker.text.reading import read_text
from tests.text.helpers import document, write_file


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
    src = read_text(write_file(tmp_path, "t.txt", raw.encode("utf-8")))
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
    path = write_file(tmp_path, "t.txt", "Он пришёл. Она ушла.\n\n  Всё.  \n".encode("utf-8"))
    src = read_text(path, segmented=True)
    assert src.format == "segmented"
    assert [b.text for b in src.blocks] == ["Он пришёл. Она ушла.", "Всё."]
    doc = document(src, "ru")
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
    src = read_text(write_file(tmp_path, "doc.md", MARKDOWN.encode("utf-8")))
    assert src.format == "markdown"
    doc = document(src, "ru")
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
    src = read_text(write_file(tmp_path, "doc.md", raw.encode("utf-8")))
    doc = document(src, "ru")
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
    src = read_text(write_file(tmp_path, "doc.txt", "Цена 5\\*2 и 3 \\_ 4.".encode("utf-8")), format="markdown")
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
    src = read_text(write_file(tmp_path, "doc.md", MARKDOWN_HTML.encode("utf-8")))
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
    src = read_text(write_file(tmp_path, "doc.md", MARKDOWN_HTML.encode("utf-8")))
    sentences = [s.text for s in document(src, "ru").segments]
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
    src = read_text(write_file(tmp_path, "doc.md", raw.encode("utf-8")))
    (block,) = src.blocks
    assert block.text == "Он сказал: «Нет» — и ушёл. A & B, &bogus; и 3 < 4."
    for i, ch in enumerate(block.text):
        if ch != " ":
            # A decoded entity points at its "&"; every other character at itself.
            expected = "&" if ch in "«»—" or block.text[i : i + 3] == "& B" else ch
            assert src.text[block.offsets[i]] == expected, (block.text, i)


# --- Markdown nested past markdown-it's limit ---------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (">" * 20 + " He spent 7 hours in Kiev.\n", [("He spent 7 hours in Kiev.", False)]),
        (">" * 300 + " He spent **7 hours** in Kiev.\n", [("He spent 7 hours in Kiev.", False)]),
        # a paragraph over two lines, a blank line, a heading: each as it would be unnested
        (
            ">" * 25 + " He spent 7 hours\n" + ">" * 25 + " in Kiev.\n" + ">" * 25 + "\n" + ">" * 25 + " # Kiev\n",
            [("He spent 7 hours in Kiev.", False), ("Kiev", True)],
        ),
        # lists count two levels each (list and item): each deep item stays its own block
        ("".join("  " * i + f"- item {i}\n" for i in range(12)), [("item 9", False), ("item 10", False), ("item 11", False)]),
        ("> - " * 15 + "deep text\n", [("deep text", False)]),
    ],
    ids=["20-quotes", "300-quotes", "paragraph-and-heading", "nested-list", "quote-list-mix"],
)
def test_markdown_nested_too_deep_is_read_as_text(raw: str, expected: list[tuple[str, bool]]) -> None:
    blocks = split_blocks(raw, "markdown")
    assert [(b.text, b.is_heading) for b in blocks][-len(expected) :] == expected
    for block in blocks:
        for i, ch in enumerate(block.text):
            if ch != " ":
                assert raw[block.offsets[i]] == ch, (block.text, i)


def test_markdown_nesting_notes_only_the_blocks_read_as_text() -> None:
    raw = "Intro.\n\n" + ">" * 19 + " Nineteen is parsed.\n\n" + ">" * 20 + " Twenty is not.\n\nAfter.\n"
    blocks = split_blocks(raw, "markdown")
    assert [(b.text, b.note) for b in blocks] == [
        ("Intro.", None),
        ("Nineteen is parsed.", None),
        ("Twenty is not.", "Markdown nested deeper than 20 levels: read as plain text"),
        ("After.", None),
    ]


@pytest.mark.parametrize(
    "front",
    [
        '---\ntitle: "Нова станція"\ndate: 2024-03-15T10:00\nweight: 3\n---\n',
        "+++\ntitle = 'Нова станція'\ndate = 2024-03-15\n+++\n",
        "---\ntitle: Нова станція\n...\n",
    ],
)
def test_markdown_front_matter_is_not_prose_and_keeps_lines(front: str) -> None:
    # Hugo/Jekyll metadata: its date and weight would be compared as numbers
    text = front + "\n# Нова станція метро\n\nУ п'ятницю відкрили станцію.\n"
    blocks = split_blocks(text, "markdown")
    assert [b.text for b in blocks] == ["Нова станція метро", "У п'ятницю відкрили станцію."]
    assert text[blocks[1].offsets[0]:].startswith("У п'ятницю")


def test_a_rule_line_later_in_the_article_is_no_front_matter() -> None:
    text = "Перший абзац.\n\n---\n\nДругий абзац.\n"
    assert [b.text for b in split_blocks(text, "markdown")] == ["Перший абзац.", "Другий абзац."]
