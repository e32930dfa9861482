"""Fixture files the glossary tests share."""

from __future__ import annotations

from pathlib import Path

from checker.glossary.schema import make_term

FIXTURES = Path(__file__).parent.parent / "fixtures" / "glossary_edit"
REPO = Path(__file__).parent.parent.parent

ZELENSKY = make_term(("Владимир Зеленский",), ("Volodymyr Zelensky", "Volodymyr Zelenskyy"), ("Vladimir Zelensky",), (),
                     "Ukrainian: Володимир Зеленський")


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")
