"""Pairing: which file is the translation of which, and which files have no counterpart."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.batch.pairing import ManifestSpec, PatternSpec, directory_spec, discover
from checker.errors import ConfigError
from tests.batch.conftest import CLEAN_EN, CLEAN_RU, write


def pairs(specs) -> list[tuple[str | None, str | None, str | None]]:
    return [(j.source, j.target, j.expected) for j in discover(specs)]


def pattern(source: str, target: str, **kw) -> PatternSpec:
    return PatternSpec(source, target, root=os.getcwd(), origin="transcheck.yaml:3", **kw)


def test_pattern_pairs_nested_files_and_reports_both_kinds_of_orphan(tree: Path) -> None:
    assert pairs([pattern("content/ru/**/*.md", "content/en/{path}")]) == [
        ("content/ru/clean.md", "content/en/clean.md", None),
        ("content/ru/news/2024/number.md", "content/en/news/2024/number.md", None),
        # the stale target sits where its source would be
        (None, "content/en/news/stale.md", "content/ru/news/stale.md"),
        ("content/ru/news/untranslated.md", None, "content/en/news/untranslated.md"),
    ]


def test_only_what_the_glob_matches_is_paired(tree: Path) -> None:
    # The .png is not a source; only top-level files with a one-level glob.
    assert pairs([pattern("content/ru/*.md", "content/en/{path}")]) == [
        ("content/ru/clean.md", "content/en/clean.md", None),
    ]


def test_stem_dir_and_lang_placeholders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path,
        {
            "docs/ru/guide/intro.md": CLEAN_RU,
            "docs/guide/intro.en.txt": CLEAN_EN,
            "docs/guide/intro.de.txt": CLEAN_EN,
            "docs/guide/orphan.en.txt": CLEAN_EN,
        },
    )
    monkeypatch.chdir(tmp_path)
    specs = [
        pattern("docs/{lang}/**/*.md", "docs/{dir}/{stem}.{lang}.txt", source_lang="ru", target_lang=lang)
        for lang in ("en", "de", "fr")
    ]
    found = pairs(specs)
    assert ("docs/ru/guide/intro.md", "docs/guide/intro.en.txt", None) in found
    assert ("docs/ru/guide/intro.md", "docs/guide/intro.de.txt", None) in found
    assert ("docs/ru/guide/intro.md", None, "docs/guide/intro.fr.txt") in found
    assert (None, "docs/guide/orphan.en.txt", None) in found
    assert len(found) == 4


def test_two_directories_pair_text_and_markdown_by_relative_path(tree: Path) -> None:
    found = pairs([directory_spec("content/ru", "content/en")])
    assert ("content/ru/news/2024/number.md", "content/en/news/2024/number.md", None) in found
    assert not any(s and s.endswith(".png") for s, _, _ in found)
    assert ("content/ru/news/untranslated.md", None, "content/en/news/untranslated.md") in found
    assert (None, "content/en/news/stale.md", "content/ru/news/stale.md") in found


def test_a_pattern_that_matches_nothing_is_an_error_naming_its_line(tree: Path) -> None:
    with pytest.raises(ConfigError, match=r"transcheck.yaml:3: the source pattern 'content/uk/\*\*/\*.md' matches no file"):
        discover([pattern("content/uk/**/*.md", "content/en/{path}")])


def test_yaml_manifest(tree: Path) -> None:
    write(
        tree,
        {
            "lists/pairs.yaml": (
                "pairs:\n"
                "  - {source: ../content/ru/clean.md, target: ../content/en/clean.md}\n"
                "  - {source: ../content/ru/news/untranslated.md, target: ../content/en/news/untranslated.md}\n"
                "  - {source: ../content/ru/gone.md, target: ../content/en/news/stale.md}\n"
                "  - source: ../content/ru/news/2024/number.md\n"
            )
        },
    )
    assert pairs([ManifestSpec("lists/pairs.yaml")]) == [
        ("content/ru/clean.md", "content/en/clean.md", None),
        (None, "content/en/news/stale.md", "content/ru/gone.md"),
        ("content/ru/news/2024/number.md", None, None),
        ("content/ru/news/untranslated.md", None, "content/en/news/untranslated.md"),
    ]


def test_csv_manifest_with_languages(tree: Path) -> None:
    write(tree, {"pairs.csv": "source,target,target_lang\ncontent/ru/clean.md,content/en/clean.md,EN\n\n"})
    (job,) = discover([ManifestSpec("pairs.csv", source_lang="ru")])
    assert (job.source, job.target, job.source_lang, job.target_lang) == ("content/ru/clean.md", "content/en/clean.md", "ru", "en")


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("m.yaml", "- {source: a.md, targt: b.md}\n", r"m.yaml:1: unknown key 'targt' in a pair"),
        ("m.yaml", "- {source: a.md, target: b.md}\n- just a string\n", r"m.yaml:2: a pair is a mapping"),
        ("m.yaml", "- {source: a.md\n", r"m.yaml:\d+: invalid YAML"),
        ("m.csv", "source,target\na.md,b.md\nc.md\n", r"m.csv:3: 1 fields where the header has 2"),
        ("m.csv", "src,target\na.md,b.md\n", r"m.csv:1: the header has no 'source' column"),
        ("m.txt", "a.md b.md\n", r"m.txt: a manifest is a .yaml"),
    ],
)
def test_manifest_errors_name_the_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str, message: str) -> None:
    write(tmp_path, {name: text})
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=message):
        discover([ManifestSpec(name)])


def test_a_configured_pair_of_directories_and_a_manifest_beside_a_pattern(tree: Path) -> None:
    from checker.config_file import load_config

    write(tree, {
        "transcheck.yaml": "pairs:\n  - source: content/ru\n    target: content/en\n  - manifest: extra.csv\n",
        "extra.csv": "source,target\nnotes/ru.txt,content/en/news/stale.md\n",
        "notes/ru.txt": CLEAN_RU,
    })
    found = pairs(load_config(tree / "transcheck.yaml").pairs)
    # the directories pair as on the command line; the stale target is listed in the
    # manifest, so it is a pair there and no orphan of the directory pair
    assert ("content/ru/news/2024/number.md", "content/en/news/2024/number.md", None) in found
    assert ("notes/ru.txt", "content/en/news/stale.md", None) in found
    assert not any(s is None for s, _, _ in found)
