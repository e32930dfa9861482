"""`<!-- transcheck-disable … -->` comments: which findings they suppress, and how that is reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.errors import InputError
from checker.model import Document
from checker.suppression import regions
from checker.text.reading import read_text
from tests.conftest import UKRAINE

SOURCE = """# Новости

В Киеве прошла встреча с журналистами.

Мэр Киева заявил о новых планах.

Жители Киева довольны работой.
"""

PARAGRAPHS = [
    "A meeting with journalists was held in Kiev.",
    "The mayor of Kiev announced new plans.",
    "Residents of Kiev are happy with the work.",
]


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(tmp_path / "cache"))


def run_check(tmp_path: Path, target: str, *extra: str, source: str = SOURCE):
    (tmp_path / "ru.md").write_text(source, encoding="utf-8")
    (tmp_path / "en.md").write_text(target, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", str(tmp_path / "ru.md"), str(tmp_path / "en.md"), "-g", str(UKRAINE), "--format", "json", *extra]
    )
    return result


def kiev(result) -> list[tuple[int, str | None]]:
    """(target line, suppressed) of every TC102 finding."""
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    return [(f["target"]["line"], f["suppressed"]) for f in data["findings"] if f["code"] == "TC102"]


def test_disable_enable_range(tmp_path, use_encoder):
    target = "# News\n\n<!-- transcheck-disable TC102 -->\n{0}\n\n{1}\n<!-- transcheck-enable -->\n\n{2}\n".format(*PARAGRAPHS)
    result = run_check(tmp_path, target)
    assert kiev(result) == [(4, "inSource"), (6, "inSource"), (9, None)]
    data = json.loads(result.stdout)
    assert data["summary"]["error"] == 1  # suppressed findings are reported, not counted
    assert result.exit_code == 1


def test_disable_next_line(tmp_path, use_encoder):
    target = "# News\n\n{0}\n\n<!-- transcheck-disable-next-line term-forbidden -->\n\n{1}\n\n{2}\n".format(*PARAGRAPHS)
    assert kiev(run_check(tmp_path, target)) == [(3, None), (7, "inSource"), (9, None)]


def test_disable_to_the_end_and_other_rules_unaffected(tmp_path, use_encoder):
    target = "# News\n\n{0}\n\n<!-- transcheck-disable TC4, TC5 -->\n\n{1}\n\n<!-- transcheck-disable -->\n{2}\n".format(*PARAGRAPHS)
    assert kiev(run_check(tmp_path, target)) == [(3, None), (7, None), (10, "inSource")]


def test_everything_suppressed_exits_zero(tmp_path, use_encoder):
    target = "<!-- transcheck-disable -->\n# News\n\n{0}\n\n{1}\n\n{2}\n".format(*PARAGRAPHS)
    result = run_check(tmp_path, target)
    assert result.exit_code == 0
    assert [s for _, s in kiev(result)] == ["inSource"] * 3
    text = CliRunner().invoke(app, ["check", str(tmp_path / "ru.md"), str(tmp_path / "en.md"), "-g", str(UKRAINE)])
    assert "Kiev" not in text.stdout.split("\n\n")[0] and "(3 suppressed)" in text.stdout


def test_a_comment_in_the_source_file_counts_too(tmp_path, use_encoder):
    source = SOURCE.replace("Мэр Киева", "<!-- transcheck-disable-next-line -->\nМэр Киева")
    target = "# News\n\n{0}\n\n{1}\n\n{2}\n".format(*PARAGRAPHS)
    assert kiev(run_check(tmp_path, target, source=source)) == [(3, None), (5, "inSource"), (7, None)]


def _doc(tmp_path: Path, text: str) -> Document:
    from checker.pipeline import load_document

    path = tmp_path / "x.md"
    path.write_text(text, encoding="utf-8")
    return load_document(path, language="en")


def test_comments_in_code_are_examples_not_directives(tmp_path):
    text = (
        "Write `<!-- transcheck-disable -->` to silence a rule.\n\n"
        "```md\n<!-- transcheck-disable -->\n```\n\n"
        "    <!-- transcheck-disable -->\n\n"
        "Real text here.\n"
    )
    assert regions(_doc(tmp_path, text)) == ()


def test_regions_and_codes(tmp_path):
    text = "Intro.\n<!-- transcheck-disable TC102 TC4 -->\nA.\n<!-- transcheck-enable TC4 -->\nB.\n"
    found = {(r.pattern, text[r.start : r.end].strip()[:2]) for r in regions(_doc(tmp_path, text))}
    assert ("TC4", "A.") in found
    tc102 = next(r for r in regions(_doc(tmp_path, text)) if r.pattern == "TC102")
    assert tc102.end == len(text) + 1  # no enable for it: to the end of the file


def test_plain_text_files_have_no_directives(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("<!-- transcheck-disable -->\nA sentence.\n", encoding="utf-8")
    from checker.pipeline import load_document

    assert regions(load_document(path, language="en")) == ()


def test_unknown_code_in_a_comment_is_an_error_with_its_line(tmp_path, use_encoder):
    with pytest.raises(InputError, match=r"x\.md:3: unknown rule 'TC999'"):
        regions(_doc(tmp_path, "Intro.\n\n<!-- transcheck-disable TC999 -->\nText.\n"))
    target = "# News\n\n<!-- transcheck-disable TC1O2 -->\n{0}\n".format(PARAGRAPHS[0])
    result = run_check(tmp_path, target)
    assert result.exit_code == 2
    assert "en.md:3:" in result.stderr and "TC1O2" in result.stderr and "Traceback" not in result.output


def test_reading_keeps_comments_out_of_sentences(tmp_path):
    source = read_text(_write(tmp_path, "<!-- transcheck-disable -->\nA sentence.\n"))
    assert all("transcheck" not in b.text for b in source.blocks)


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "y.md"
    p.write_text(text, encoding="utf-8")
    return p
