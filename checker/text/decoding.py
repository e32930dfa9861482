"""bytes → text: byte-order marks, UTF-8, and the legacy encodings a newsroom's files come in.

``decode(data, path)`` returns the text and the name of its encoding. Encodings, in order: a
BOM (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE); strict UTF-8 (UTF-8 with a few invalid bytes is an
error naming the line, not a legacy file); then the legacy Cyrillic code pages, decided by
which decoding reads most like Cyrillic prose (charset-normalizer alone mixes up cp1251,
koi8-r and mac-cyrillic on short texts); then charset-normalizer's guess for anything else
(cp1252, cp1250, ...). UTF-16 and UTF-32 without a BOM are told by where their NUL bytes
sit; other data with NUL bytes or many control characters is binary, an InputError.
"""

from __future__ import annotations

import codecs
import math
import re
from typing import NoReturn

from checker.errors import InputError

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
# Control characters that do not occur in text. Tab, LF, CR and FF do; so does VT, which
# Word writes for a manual line break (Shift+Enter) and ``normalise_newlines`` reads as one.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|\v")


def normalise_newlines(text: str) -> str:
    """CRLF, CR and VT (Word's manual line break) as LF, so that lines count as an editor
    counts them. VT and a lone CR keep their offset; CRLF becomes one character."""
    return _NEWLINES.sub("\n", text)



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
        wide = _unmarked_wide(data)
        if wide is None:
            raise InputError("binary file (contains NUL bytes), not text", path=path)
        text, encoding = wide
    else:
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


# UTF-16 and UTF-32 without a BOM (what some Windows tools write): every character below
# U+0100 (spaces, digits, ASCII punctuation and letters) has NUL high bytes, so the NULs of
# such a file sit at one position within each code unit, and nearly nowhere else. A binary
# file has NULs anywhere. Widest first: UTF-32 text also has NULs at the odd positions of
# UTF-16's pattern, but at the even ones too.
_WIDE_CODECS = (
    ("utf-32-le", 4, (1, 2, 3)),
    ("utf-32-be", 4, (0, 1, 2)),
    ("utf-16-le", 2, (1,)),
    ("utf-16-be", 2, (0,)),
)
# Share of a file's NUL bytes that must sit at the high-byte positions of its code units.
# Text has all of them there, but for the odd character whose low byte is 0x00 (U+0100 "Ā",
# U+0400 "Ѐ"); a binary file's NULs spread over every position.
_WIDE_NUL_SHARE = 0.99


def _unmarked_wide(data: bytes) -> tuple[str, str] | None:
    """(text, codec) if ``data`` is UTF-16 or UTF-32 without a BOM, judged by where its NUL
    bytes are and by decoding strictly to text without NUL characters; else None."""
    nuls = data.count(0)
    for codec, width, high in _WIDE_CODECS:
        if len(data) % width:
            continue
        placed = sum(data[k::width].count(0) for k in high)
        if placed < _WIDE_NUL_SHARE * nuls:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        # Text, not bytes that happen to decode: no control characters but line breaks and
        # tabs (binary data with NULs in the right places decodes to \x01, \x02, …).
        if not any(c < " " and c not in "\t\n\r\f\v" for c in text):
            return text, codec
    return None


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
    before = normalise_newlines(data[:start].decode("utf-8-sig", errors="replace"))
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
