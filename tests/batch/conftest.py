"""Small content trees written per test: short articles, so that each pair checks in well under a second."""

from __future__ import annotations

from pathlib import Path

import pytest

# A clean pair, and one whose translation changes a number (TC401) — deterministic findings
# without any glossary.
CLEAN_RU = "Министр посетил завод в понедельник. Он встретился с рабочими и осмотрел новые цеха.\n"
CLEAN_EN = "The minister visited the plant on Monday. He met the workers and inspected the new workshops.\n"
NUMBER_RU = "В результате аварии пострадали 12 человек. Расследование продолжается.\n"
NUMBER_EN = "As a result of the accident, 13 people were injured. The investigation is ongoing.\n"


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """content/ru and content/en: a clean pair, a pair with a changed number (nested), a source
    without a translation and a target without a source. The working directory is its root."""
    write(
        tmp_path,
        {
            "content/ru/clean.md": CLEAN_RU,
            "content/en/clean.md": CLEAN_EN,
            "content/ru/news/2024/number.md": NUMBER_RU,
            "content/en/news/2024/number.md": NUMBER_EN,
            "content/ru/news/untranslated.md": CLEAN_RU,
            "content/en/news/stale.md": CLEAN_EN,
            "content/ru/image.png": "not text",
        },
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path
