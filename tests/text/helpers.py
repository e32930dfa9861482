"""What the text-stage tests share: a file written in a temporary directory, and its Document."""

from __future__ import annotations

from pathlib import Path

from checker.model import Document
from checker.text.reading import SourceText
from checker.text.segment import segment


def write_file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def document(src: SourceText, language: str) -> Document:
    return Document(src.path, language, src.text, segment(src, language), src.format, src.encoding)
