"""Reading through `transcheck` as a user runs it: input that used to be lost or refused."""

from __future__ import annotations

import json
import os
from pathlib import Path

from typer.testing import CliRunner

from checker.cli import app
from tests.conftest import UKRAINE

runner = CliRunner()

SOURCE = "Он провёл 5 часов в Киеве.\n"


def _check(tmp_path: Path, source: bytes, target: bytes, *args: str, suffix: str = ".txt"):
    src, tgt = tmp_path / f"ru{suffix}", tmp_path / f"en{suffix}"
    src.write_bytes(source)
    tgt.write_bytes(target)
    return runner.invoke(app, ["check", str(src), str(tgt), "--format", "json", *args])


def _codes(result) -> list[str]:
    return sorted(f["code"] for f in json.loads(result.stdout)["findings"])


def test_markdown_nested_twenty_deep_is_checked_and_warned_about(tmp_path: Path, use_encoder) -> None:
    target = b">>>>>>>>>>>>>>>>>>>> He spent 7 hours in Kiev.\n"
    result = _check(tmp_path, SOURCE.encode(), target, "--glossary", str(UKRAINE), suffix=".md")
    assert result.exit_code == 1, result.stderr
    assert _codes(result) == ["TC102", "TC401"]
    assert result.stderr.splitlines() == [
        f"transcheck: warning: {tmp_path / 'en.md'}:1: Markdown nested deeper than 20 levels: read as plain text"
    ]
    spans = {f["code"]: f["target"] for f in json.loads(result.stdout)["findings"]}
    assert (spans["TC102"]["line"], spans["TC102"]["column"], spans["TC102"]["span"]) == (1, 42, "Kiev")


def test_utf16_without_a_bom_is_read_not_called_binary(tmp_path: Path, use_encoder) -> None:
    result = _check(tmp_path, SOURCE.encode("utf-16-le"), "He spent 7 hours in Kyiv.\n".encode("utf-16-be"))
    assert result.exit_code == 1, result.stderr
    assert "binary" not in result.stderr
    assert _codes(result) == ["TC401"]


def test_vertical_tabs_are_line_breaks_not_binary(tmp_path: Path, use_encoder) -> None:
    lines_ru = [f"Пункт {i}: совещание прошло в Киеве." for i in range(1, 13)]
    lines_en = [f"Item {i}: the meeting took place in Kyiv." for i in range(1, 13)]
    src, tgt = tmp_path / "ru.txt", tmp_path / "en.txt"
    src.write_text("\v".join(lines_ru), encoding="utf-8")
    tgt.write_text("\v".join(lines_en), encoding="utf-8")
    result = runner.invoke(app, ["align", str(src), str(tgt), "--segmented", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    segments = json.loads(result.stdout)["target"]["segments"]
    assert [(s["text"], s["line"], s["column"]) for s in segments] == [(t, i, 1) for i, t in enumerate(lines_en, 1)]


def test_nul_bytes_in_no_wide_pattern_are_still_a_binary_file(tmp_path: Path) -> None:
    result = _check(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", b"Text.\n")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"transcheck: error: {tmp_path / 'ru.txt'}: binary file (contains NUL bytes), not text"]


def test_a_fifo_as_input_is_exit_2_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "ru.txt"
    os.mkfifo(fifo)
    (tmp_path / "en.txt").write_text("Text.\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(fifo), str(tmp_path / "en.txt")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"transcheck: error: {fifo}: is a FIFO (named pipe), not a regular file"]


def test_a_line_without_sentence_ends_is_checked_in_pieces_with_a_warning(tmp_path: Path, use_encoder) -> None:
    source = "Совещание в Киеве длилось 5 часов и " * 150 + "\n"
    target = "The meeting in Kyiv lasted 5 hours and " * 149 + "the meeting in Kyiv lasted 7 hours and\n"
    result = _check(tmp_path, source.encode(), target.encode(), "--source-lang", "ru", "--target-lang", "en")
    assert result.exit_code == 1, result.stderr
    assert "TC401" in _codes(result)
    assert result.stderr.splitlines() == [
        f"transcheck: warning: {tmp_path / 'ru.txt'}:1: a sentence longer than 2,000 characters cut into pieces"
        " at spaces or punctuation",
        f"transcheck: warning: {tmp_path / 'en.txt'}:1: a sentence longer than 2,000 characters cut into pieces"
        " at spaces or punctuation",
    ]


def test_five_thousand_digits_are_checked_not_a_traceback(tmp_path: Path, use_encoder) -> None:
    digits = "4" * 5000
    # Languages given: "Number 444…5." alone reads as Indonesian, for which TC401 stays silent.
    result = _check(
        tmp_path, f"Номер {digits}.\n".encode(), f"Number {digits[:-1]}5.\n".encode(), "--source-lang", "ru", "--target-lang", "en"
    )
    assert result.exit_code == 1, result.stderr
    # 5,006 characters without a space: cut into pieces (a warning each side), each compared
    assert set(_codes(result)) == {"TC401"} and "Traceback" not in result.stderr
