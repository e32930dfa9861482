"""Checked pairs kept between runs: a re-run checks only what changed, and says the same."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker import pipeline
from checker.batch import result_cache
from checker.batch.pairing import PairJob, directory_spec, discover
from checker.batch.runner import run_pairs
from checker.cli import app
from checker.config import Settings
from checker.embed_cache import EmbeddingCache
from checker.model import Notice, Severity
from tests.batch.conftest import NUMBER_EN, write
from tests.conftest import REPO, SEED, UKRAINE


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(folder))
    return folder


def items(settings: Settings) -> list[tuple[PairJob, Settings]]:
    return [(job, settings) for job in discover([directory_spec("content/ru", "content/en")])]


class Counting:
    """pipeline.check, counting the pairs it is asked to check."""

    def __init__(self) -> None:
        self.real = pipeline.check
        self.targets: list[str] = []

    def __call__(self, source, target, **kwargs):  # type: ignore[no-untyped-def]
        self.targets.append(target.path)
        return self.real(source, target, **kwargs)


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> Counting:
    spy = Counting()
    monkeypatch.setattr(pipeline, "check", spy)
    return spy


def reports(results):  # type: ignore[no-untyped-def]
    return [r.report for r in results]


def test_a_second_run_checks_nothing_and_gives_the_same_reports(tree: Path, cache_dir: Path, counting: Counting) -> None:
    settings = Settings(cache=True)
    first = run_pairs(items(settings))
    assert sorted(counting.targets) == ["content/en/clean.md", "content/en/news/2024/number.md"]
    counting.targets.clear()
    again = run_pairs(items(settings))
    assert counting.targets == []
    assert reports(again) == reports(first)
    assert [f.code for r in again for f in r.all_findings()] == ["TC401", "TC506", "TC505"]
    # How the run is executed is not part of the key: more workers, the same reports.
    assert reports(run_pairs(items(replace(settings, jobs=3)))) == reports(first)
    assert counting.targets == []
    assert EmbeddingCache(cache_dir / "embeddings.sqlite3").info().reports == 2


def test_an_edited_file_is_checked_again_and_only_it(tree: Path, cache_dir: Path, counting: Counting) -> None:
    settings = Settings(cache=True)
    run_pairs(items(settings))
    counting.targets.clear()
    write(tree, {"content/en/news/2024/number.md": NUMBER_EN.replace("13", "12")})
    results = run_pairs(items(settings))
    assert counting.targets == ["content/en/news/2024/number.md"]
    assert [f.code for r in results for f in r.all_findings()] == ["TC506", "TC505"]  # the number fixed


@pytest.mark.parametrize(
    "change",
    [
        {"severity": {"TC401": Severity.WARNING}},
        {"ignore": frozenset({"TC502"})},
        {"thresholds": {"TC504": {"threshold": 0.1}}},
        {"source_language": "uk"},
    ],
    ids=["severity", "ignore", "threshold", "language"],
)
def test_settings_that_shape_a_report_are_part_of_the_key(tree: Path, cache_dir: Path, counting: Counting, change: dict) -> None:
    run_pairs(items(Settings(cache=True)))
    counting.targets.clear()
    run_pairs(items(Settings(cache=True, **change)))
    assert len(counting.targets) == 2


def test_a_changed_glossary_checks_the_pairs_again(tree: Path, cache_dir: Path, counting: Counting) -> None:
    glossary = tree / "terms.yaml"
    glossary.write_text(UKRAINE.read_text(encoding="utf-8"), encoding="utf-8")
    settings = Settings(cache=True, glossaries=("terms.yaml",), source_language="ru", target_language="en")
    run_pairs(items(settings))
    counting.targets.clear()
    run_pairs(items(settings))
    assert counting.targets == []
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    run_pairs(items(settings))
    assert len(counting.targets) == 2


def test_nothing_is_kept_without_the_cache(tree: Path, cache_dir: Path, counting: Counting) -> None:
    run_pairs(items(Settings(cache=False)))
    run_pairs(items(Settings(cache=False)))
    assert len(counting.targets) == 4
    assert not (cache_dir / "embeddings.sqlite3").exists()


def test_a_damaged_kept_report_is_a_miss_not_an_error(tree: Path, cache_dir: Path, counting: Counting) -> None:
    settings = Settings(cache=True)
    first = run_pairs(items(settings))
    cache = EmbeddingCache(cache_dir / "embeddings.sqlite3")
    conn = cache._connection()
    assert conn is not None
    conn.execute("UPDATE reports SET data = ?", (b"\x78\x9c not zlib",))
    counting.targets.clear()
    again = run_pairs(items(settings))
    assert len(counting.targets) == 2 and reports(again) == reports(first)


def test_a_report_survives_its_encoding_whole(use_encoder) -> None:
    # Findings of four rules, a glossary in the signature, a severity override, thresholds.
    settings = Settings(severity={"TC102": Severity.WARNING}, thresholds={"TC504": {"threshold": 0.2}})
    report = pipeline.check(SEED / "ru.txt", SEED / "en.txt", settings=settings, glossaries=[UKRAINE], encoder=use_encoder)
    assert len({f.code for f in report.findings}) >= 3
    # ... and what a run adds: a suppressed finding, a reading notice.
    report = replace(
        report,
        findings=(replace(report.findings[0], suppressed="inSource"), *report.findings[1:]),
        source=replace(report.source, notices=(Notice("a sentence of 5,000 characters was cut", "ru.txt", 3),)),
        warnings=("an extra is missing",),
    )
    assert result_cache.decode(result_cache.encode(report)) == report
    # Markdown: segments whose text is not the file's, with their offsets into it.
    golden = REPO / "tests" / "golden" / "markdown-errors"
    markdown = pipeline.check(golden / "source.md", golden / "target.md", glossaries=[UKRAINE], encoder=use_encoder)
    assert any(s.offsets for s in markdown.target.segments)
    assert result_cache.decode(result_cache.encode(markdown)) == markdown
    with pytest.raises((ValueError, TypeError, KeyError)):
        result_cache.decode(__import__("zlib").compress(b'{"C": ["Settings", 1]}'))


def test_the_cli_says_the_same_on_the_second_run(tree: Path, cache_dir: Path) -> None:
    runner = CliRunner()
    args = ["check", "content/ru", "content/en", "--no-config", "-f", "json", "--fail-on", "never"]
    cold, warm = runner.invoke(app, args), runner.invoke(app, args)
    assert cold.exit_code == warm.exit_code == 0, cold.output
    assert warm.stdout == cold.stdout
    info = runner.invoke(app, ["cache", "info"])
    assert "checked   2 pairs kept" in info.stdout


def test_the_encoder_loads_only_for_a_sentence_the_cache_lacks(tree: Path, cache_dir: Path) -> None:
    # A second process whose reports are not kept (other settings) but whose sentences all
    # are: it checks both pairs without loading the model, and the signature still names it.
    code = (
        "import sys\n"
        "from checker.batch.pairing import PairJob\n"
        "from checker.batch.runner import run_pairs\n"
        "from checker.config import Settings\n"
        "from checker.embed import get_encoder\n"
        "jobs = [PairJob('content/ru/clean.md', 'content/en/clean.md'),"
        " PairJob('content/ru/news/2024/number.md', 'content/en/news/2024/number.md')]\n"
        "settings = Settings(cache=True, ignore=frozenset(sys.argv[1:]))\n"
        "results = run_pairs([(job, settings) for job in jobs])\n"
        "sig = results[0].report.signature\n"
        "print(get_encoder('use')._model is not None, sig.encoder, bool(sig.encoder_version), sig.encoder_reads_pair)\n"
    )
    env = {"PYTHONPATH": str(REPO), "TRANSCHECK_CACHE_DIR": str(cache_dir), "PATH": "/usr/bin:/bin"}

    def run(*ignore: str) -> list[str]:
        out = subprocess.run([sys.executable, "-c", code, *ignore], cwd=tree, env=env, capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        return out.stdout.split()

    assert run() == ["True", "use-multilingual-v3", "True", "True"]
    assert run("TC502") == ["False", "use-multilingual-v3", "True", "True"]


def test_a_fifo_or_an_oversized_file_is_not_hashed_for_the_key(tree: Path, cache_dir: Path) -> None:
    # Opening a FIFO to hash it would wait for a writer forever: the check reports it instead.
    import os

    os.mkfifo(tree / "content/en/news/untranslated.md")
    results = run_pairs(items(Settings(cache=True)))
    (fifo,) = [r for r in results if r.error is not None]
    assert fifo.target_path == "content/en/news/untranslated.md" and "FIFO" in fifo.error
    big = PairJob("content/ru/clean.md", "content/en/clean.md")
    assert result_cache.pair_key(big, Settings(cache=True, max_bytes=10)) is None
    assert result_cache.pair_key(big, Settings(cache=True)) is not None
