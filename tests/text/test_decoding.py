"""Decoding (checker.text.decoding): byte-order marks, UTF-8, legacy code pages, broken UTF-8."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.text.decoding import decode
from checker.text.reading import read_text
from tests.text.helpers import write_file

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "reading"

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
    src = read_text(write_file(tmp_path, "ru.txt", data))
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
    path = write_file(tmp_path, "ru.txt", data)
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


# --- UTF-16 and UTF-32 without a BOM ------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", [RUSSIAN, "He spent 7 hours in Kyiv.\n", "Зустріч відбулася у Києві.\n"])
def test_utf16_and_utf32_without_a_bom_are_told_by_their_nul_bytes(text: str, codec: str) -> None:
    assert decode(text.encode(codec)) == (text, codec)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00",
        bytes(range(256)) * 4,
        random.Random(7).randbytes(4096),
        "Текст".encode("utf-16-le") + b"\x00\x00" + "ещё".encode("utf-16-le"),  # a NUL character
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",  # a zip header: NULs at even and odd offsets
    ],
    ids=["png", "all-bytes", "random", "nul-char", "zip"],
)
def test_data_with_nul_bytes_anywhere_is_still_binary(data: bytes) -> None:
    with pytest.raises(InputError, match="binary file"):
        decode(data)


# --- vertical tabs ------------------------------------------------------------------------


def test_vertical_tabs_are_line_breaks_not_control_characters(tmp_path: Path) -> None:
    # Word writes a manual line break (Shift+Enter) as VT when it saves plain text.
    lines = [f"Строка {i} из списка, без точки" for i in range(30)]
    path = write_file(tmp_path, "word.txt", "\v".join(lines).encode("cp1251"))
    src = read_text(path, segmented=True)
    assert src.encoding == "cp1251"
    assert "\v" not in src.text and src.text.count("\n") == 29
    assert [b.text for b in src.blocks] == lines
