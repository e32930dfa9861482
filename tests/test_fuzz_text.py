"""Random text through reading, segmentation and extraction: never a crash, always offsets
that point back into the text, whatever the input (issue 12's hostile inputs, shrunk)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.errors import InputError
from checker.language.number_compare import compare_texts
from checker.language.number_extract import extract_quantities
from checker.language.personal_names import pair_names
from checker.language.quotations import extract_quotations
from checker.text.decoding import decode
from checker.text.reading import read_text
from checker.text.segment import MAX_SEGMENT_CHARS, segment_with_notices

# The characters the hostile inputs were made of, so that random text hits the same paths.
ALPHABET = (
    "0123456789 ,.;:-–—+−%$€/½¼ \n\t\v\r\x00"
    "«»„“”\"'’()[]!?…#>*_`<>&=|"
    "абвгдеёжзийклмнопрстуфхцчшщыьэюяАБВГДКМНПРСТЗіїєґ"
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
)
WORDS = ["Путин", "Зеленский", "Киев", "Kyiv", "Putin", "млн", "million", "марта", "March", "минус", "градусов мороза"]
text = st.lists(st.one_of(st.text(ALPHABET, max_size=12), st.sampled_from(WORDS)), max_size=120).map("".join)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=600))
def test_decode_returns_text_or_refuses_in_one_line(data: bytes) -> None:
    try:
        decoded, encoding = decode(data, "f.txt")
    except InputError as e:
        assert "\n" not in str(e) and str(e).startswith("f.txt")
    else:
        assert isinstance(decoded, str) and encoding


@FUZZ
@given(text, st.sampled_from(["a.txt", "a.md"]), st.booleans())
def test_read_and_segment_keep_every_offset(raw: str, name: str, segmented: bool) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_bytes(raw.encode("utf-8"))
        try:
            src = read_text(path, segmented=segmented)
        except InputError as e:
            assert "\n" not in str(e)
            return
    segments, _notices = segment_with_notices(src, "ru")
    last = -1
    for s in segments:
        assert 0 < len(s.text) <= MAX_SEGMENT_CHARS
        assert 0 <= s.span.start < s.span.end <= len(src.text) and s.span.start > last
        last = s.span.start
        for i, ch in enumerate(s.text):
            if not ch.isspace():
                assert src.text[s.original_offset(i)] == ch


@FUZZ
@given(text, st.sampled_from(["ru", "uk", "en", "de"]))
def test_quantities_and_quotations_point_at_their_text(raw: str, language: str) -> None:
    for q in extract_quantities(raw, language):
        assert raw[q.start : q.end] == q.text and q.values
        q.describe()
    for quote in extract_quotations(raw, language):
        assert raw[quote.content_start : quote.content_end] == quote.text
        assert 0 <= quote.start <= quote.content_start <= quote.content_end <= quote.end <= len(raw)


@FUZZ
@given(text, text)
def test_comparing_and_pairing_never_fail(source: str, target: str) -> None:
    diff = compare_texts(source, "ru", target, "en")
    assert set(diff.missing) <= set(extract_quantities(source, "ru"))
    for p in pair_names(source, target, "ru"):
        assert source[p.source_span.start : p.source_span.end]
        assert target[p.target_span.start : p.target_span.end].startswith(p.target_text_form[:1])
