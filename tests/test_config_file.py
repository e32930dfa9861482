"""The configuration file: discovery, schema errors with file:line, layering, per-path overrides,
`transcheck config`, and the signature."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.config_file import Value, find_config, load_config, load_layers
from checker.errors import ConfigError
from checker.model import Severity
from tests.batch.conftest import CLEAN_EN, CLEAN_RU, NUMBER_EN, NUMBER_RU, write

runner = CliRunner()


def config(tmp_path: Path, text: str, name: str = "transcheck.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --- discovery ---------------------------------------------------------------------------


def test_found_from_the_working_directory_upward(tmp_path: Path) -> None:
    config(tmp_path, "fail-on: warning\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "transcheck.yaml"


def test_a_pyproject_without_the_table_is_skipped_and_yaml_wins_beside_one(tmp_path: Path) -> None:
    config(tmp_path, "[tool.transcheck]\nfail-on = 'info'\n", "pyproject.toml")
    inner = tmp_path / "pkg"
    inner.mkdir()
    config(inner, "[project]\nname = 'x'\n", "pyproject.toml")
    assert find_config(inner) == tmp_path / "pyproject.toml"
    config(tmp_path, "fail-on: warning\n")
    assert find_config(inner) == tmp_path / "transcheck.yaml"


@pytest.mark.parametrize(
    "text, line",
    [
        ("[project]\nname = 'x'\n\n[tool.transcheck\nfail-on = 'info'\n", 4),  # the header itself broken
        ("[tool.transcheck]\nfail-on = 'info\n", 2),
        ("[tool]\ntranscheck = {fail-on = 'info'\n", 2),
    ],
)
def test_a_broken_pyproject_that_may_hold_the_table_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, line: int
) -> None:
    monkeypatch.chdir(tmp_path)
    config(tmp_path, text, "pyproject.toml")
    write(tmp_path, {"ru.txt": CLEAN_RU, "en.txt": CLEAN_EN})
    with pytest.raises(ConfigError, match=rf"^pyproject.toml:{line}: invalid TOML"):
        find_config(tmp_path)
    result = runner.invoke(app, ["check", "ru.txt", "en.txt"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"transcheck: error: pyproject.toml:{line}: invalid TOML"), result.stderr


def test_a_broken_pyproject_that_cannot_hold_the_table_does_not_matter(tmp_path: Path) -> None:
    # Another project's broken file, never naming transcheck; or one beside a transcheck.yaml.
    config(tmp_path, "[tool.transcheck]\nfail-on = 'info'\n", "pyproject.toml")
    inner = tmp_path / "pkg"
    inner.mkdir()
    config(inner, "[project\nname = 'x'\n", "pyproject.toml")
    assert find_config(inner) == tmp_path / "pyproject.toml"
    config(inner, "[tool.transcheck\n", "pyproject.toml")
    config(inner, "fail-on: warning\n")
    assert find_config(inner) == inner / "transcheck.yaml"


def test_a_table_written_as_a_dotted_key_is_found(tmp_path: Path) -> None:
    config(tmp_path, "[tool]\ntranscheck = {fail-on = 'info'}\n", "pyproject.toml")
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"


def test_pyproject_table_with_array_of_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = config(
        tmp_path,
        """\
        [project]
        name = "site"

        [tool.transcheck]
        fail-on = "warning"
        select = ["TC1", "TC4"]

        [tool.transcheck.severity]
        TC201 = "info"

        [[tool.transcheck.pairs]]
        source = "content/ru/**/*.md"
        target = "content/en/{path}"
        """,
        "pyproject.toml",
    )
    cfg = load_config(path)
    assert cfg.values["fail-on"] == Value("warning", "pyproject.toml:5")
    assert cfg.values["severity"] == Value({"TC201": Severity.INFO}, "pyproject.toml:8")
    assert cfg.pairs[0].source == "content/ru/**/*.md" and cfg.pairs[0].origin == "pyproject.toml:11"


# --- errors with file:line -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, message",
    [
        ("fail-on: warning\nfail_on: error\n", "transcheck.yaml:2: unknown key 'fail_on' in the configuration (did you mean 'fail-on'?)"),
        ("jobs: two\n", "transcheck.yaml:1: jobs must be a whole number, not the string 'two'"),
        ("jobs: 0\n", "transcheck.yaml:1: jobs must be at least 1"),
        ("segmented: 1\n", "transcheck.yaml:1: segmented must be true or false, not the number 1"),
        ("fail-on: sometimes\n", "transcheck.yaml:1: fail-on must be one of error, warning, info, never, not 'sometimes'"),
        ("severity:\n  TC201: info\n  TC999: error\n", "transcheck.yaml:3: unknown rule 'TC999' in severity"),
        ("severity:\n  TC201: loud\n", "transcheck.yaml:2: TC201 must be one of error, warning, info, not 'loud'"),
        ("select: [TC1, TC9]\n", "transcheck.yaml:1: unknown rule 'TC9'"),
        ("thresholds:\n  TC504:\n    similarity: high\n", "transcheck.yaml:3: similarity must be a number"),
        ("thresholds:\n  TC504:\n    simlarity: 0.3\n", "transcheck.yaml:3: unknown key 'simlarity' in thresholds (did you mean 'similarity'?)"),
        ("encoder: bert\n", "transcheck.yaml:1: encoder must be 'auto', 'use', 'e5' or 'st:MODEL', not 'bert'"),
        ("source-lang: Russian\n", "transcheck.yaml:1: source-lang must be a language code"),
        ("pairs:\n  - source: a/*.md\n    targte: b/{path}\n", "transcheck.yaml:3: unknown key 'targte' in a pair (did you mean 'target'?)"),
        ("pairs:\n  - source: a/*.md\n", "transcheck.yaml:2: a pair needs a target (or a manifest)"),
        ("pairs:\n  - source: a/*.md\n    target: b/{file}\n", "transcheck.yaml:3: unknown placeholder {file} in target"),
        ("pairs:\n  - source: a/*.md\n    target: '{lang}/{path}'\n", "transcheck.yaml:3: the target uses {lang}: give target-lang"),
        ("overrides:\n  - min-severity: error\n", "transcheck.yaml:2: an override needs 'paths'"),
        ("overrides:\n  - paths: archive/**\n    encoder: use\n", "transcheck.yaml:3: unknown key 'encoder' in an override"),
        ("fail-on: [warning\n", "transcheck.yaml:2: invalid YAML"),
        ("- a\n- b\n", "transcheck.yaml:1: the configuration must be a mapping"),
    ],
)
def test_errors_name_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    path = config(tmp_path, text)
    with pytest.raises(ConfigError) as e:
        load_config(path)
    assert str(e.value).startswith(message), str(e.value)


@pytest.mark.parametrize(
    "text, message",
    [
        ("[tool.transcheck]\nfail-on = 'error'\nfailon = 'x'\n", "pyproject.toml:3: unknown key 'failon' in the configuration (did you mean 'fail-on'?)"),
        ("[tool.transcheck]\n\n[tool.transcheck.severity]\nTC201 = 3\n", "pyproject.toml:4: TC201 must be one of error, warning, info, not 3"),
        ("[tool.transcheck]\nselect = [\n  'TC1',\n]\njobs = 'x'\n", "pyproject.toml:5: jobs must be a whole number"),
        ("[tool.transcheck]\nfail-on = 'error\n", "pyproject.toml:2: invalid TOML"),
        ("[[tool.transcheck.pairs]]\nsource = 'a/*.md'\ntarget = 'b/{path}'\n[[tool.transcheck.pairs]]\nsource = 'c/*.md'\ntarget = 'd/{nope}'\n",
         "pyproject.toml:6: unknown placeholder {nope}"),
    ],
)
def test_pyproject_errors_name_the_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    path = config(tmp_path, text, "pyproject.toml")
    with pytest.raises(ConfigError) as e:
        load_config(path)
    assert str(e.value).startswith(message), str(e.value)


def test_a_bad_configuration_stops_check_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config(tmp_path, "fail-on: warning\nglosaries: [g.yaml]\n")
    write(tmp_path, {"ru.txt": CLEAN_RU, "en.txt": CLEAN_EN})
    result = runner.invoke(app, ["check", "ru.txt", "en.txt"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "transcheck: error: transcheck.yaml:2: unknown key 'glosaries' in the configuration (did you mean 'glossaries'?)"
    )


# --- layering ------------------------------------------------------------------------------

LAYERED = """\
fail-on: warning
select: [TC4, TC5]
severity:
  TC401: warning
thresholds:
  weak-alignment: {similarity: 0.5}
overrides:
  - paths: archive/**
    min-severity: error
    severity: {TC502: error}
    thresholds: {TC504: {min_chars: 10}}
  - paths: "*.draft.md"
    fail-on: never
"""


def test_layers_defaults_file_overrides_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config(tmp_path, LAYERED)
    layers = load_layers({"fail-on": Value("error", "--fail-on")})
    base = layers.base
    assert base.fail_on == "error"  # the command line wins
    assert base.select == frozenset({"TC4", "TC5"})
    assert base.severity == {"TC401": Severity.WARNING}
    assert base.thresholds == {"TC504": {"similarity": 0.5}}
    assert base.min_severity is Severity.INFO
    assert base.encoder == "auto"  # default
    archived = layers.for_pair("archive/ru/a.md", "archive/en/a.md")
    assert archived.min_severity is Severity.ERROR
    assert archived.severity == {"TC401": Severity.WARNING, "TC502": Severity.ERROR}  # merged, not replaced
    assert archived.thresholds == {"TC504": {"similarity": 0.5, "min_chars": 10.0}}
    assert layers.for_pair("news/ru/a.md", "news/en/a.md") == base
    # an unanchored pattern matches a file name at any depth; the command line still wins
    assert layers.for_pair("news/ru/x.draft.md", None).fail_on == "error"
    assert load_layers({}).for_pair("news/ru/x.draft.md", None).fail_on == "never"
    values = layers.values()
    assert values["fail-on"].origin == "--fail-on"
    assert values["select"].origin == "transcheck.yaml:2"
    assert values["encoder"].origin == "default"


@pytest.mark.parametrize("encoder", ["auto", "use", "e5", "st:/models/minilm"])
def test_every_encoder_the_command_line_takes_can_be_configured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoder: str
) -> None:
    monkeypatch.chdir(tmp_path)
    config(tmp_path, f"encoder: {encoder}\n")
    assert load_layers({}).base.encoder == encoder


def test_glossary_paths_are_relative_to_the_configuration_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config(tmp_path, "glossaries: [terms/ru-en.yaml]\n")
    sub = tmp_path / "content"
    sub.mkdir()
    monkeypatch.chdir(sub)
    assert load_layers({}).base.glossaries == (str(tmp_path / "terms" / "ru-en.yaml"),)


# --- through the CLI ----------------------------------------------------------------------


@pytest.mark.parametrize("paths", [["ru.txt", "en.txt"], ["ru", "en"]], ids=["one pair", "a tree"])
def test_a_configured_glossary_that_does_not_exist_names_the_configuration_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"ru.txt": CLEAN_RU, "en.txt": CLEAN_EN, "ru/a.txt": CLEAN_RU, "en/a.txt": CLEAN_EN})
    config(tmp_path, "fail-on: warning\nglossaries:\n  - glossaries/missing.yaml\n")
    result = runner.invoke(app, ["check", *paths])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["transcheck: error: transcheck.yaml:3: no such glossary file: glossaries/missing.yaml"]
    config(tmp_path, "overrides:\n  - paths: '**'\n    glossaries: [glossaries/gone.yaml]\n")
    result = runner.invoke(app, ["check", *paths])
    assert result.stderr.splitlines() == ["transcheck: error: transcheck.yaml:3: no such glossary file: glossaries/gone.yaml"]
    assert result.exit_code == 2


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path, {
        "content/ru/a.md": NUMBER_RU, "content/en/a.md": NUMBER_EN,
        "archive/ru/b.md": NUMBER_RU, "archive/en/b.md": NUMBER_EN,
        "archive/ru/c.md": CLEAN_RU,
    })
    config(tmp_path, """\
        pairs:
          - source: content/ru/**/*.md
            target: content/en/{path}
          - source: archive/ru/*.md
            target: archive/en/{path}
        severity:
          number-mismatch: warning
        overrides:
          - paths: archive/**
            min-severity: error
        """)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_with_no_path_runs_the_configured_pairs_with_per_path_settings(site: Path) -> None:
    result = runner.invoke(app, ["check", "-f", "json"])
    data = json.loads(result.stdout)
    by_source = {p["source"]["path"]: p for p in data["pairs"]}
    assert set(by_source) == {"content/ru/a.md", "archive/ru/b.md", "archive/ru/c.md"}
    # TC401 is configured down to a warning: below the default fail-on, so exit 0
    assert [(f["code"], f["severity"]) for f in by_source["content/ru/a.md"]["findings"]] == [("TC401", "warning")]
    # under archive/** only errors are reported: the warning is gone, the missing translation stays
    assert by_source["archive/ru/b.md"]["findings"] == []
    assert [f["code"] for f in by_source["archive/ru/c.md"]["findings"]] == ["TC505"]
    assert result.exit_code == 1  # TC505 is an error
    sig = data["signature"]
    assert sig["config"]["path"] == "transcheck.yaml"
    assert sig["settings"]["severity"] == {"TC401": "warning"}
    assert sig["origins"]["severity"] == "transcheck.yaml:6"
    assert sig["overrides"] == [{"paths": ["archive/**"], "min-severity": "error"}]
    assert by_source["content/ru/a.md"]["signature"]["severity"] == {"TC401": "warning"}


def test_a_single_pair_check_gets_the_same_per_path_settings(site: Path) -> None:
    run = json.loads(runner.invoke(app, ["check", "-f", "json"]).stdout)
    batch = next(p for p in run["pairs"] if p["source"]["path"] == "archive/ru/b.md")
    single = runner.invoke(app, ["check", "archive/ru/b.md", "archive/en/b.md", "-f", "json"])
    assert single.exit_code == 0
    one = json.loads(single.stdout)
    assert one["findings"] == batch["findings"] == []
    assert one["signature"]["min_severity"] == "error" and one["signature"]["config"]["path"] == "transcheck.yaml"
    # and --no-config reads nothing
    plain = runner.invoke(app, ["check", "archive/ru/b.md", "archive/en/b.md", "-f", "json", "--no-config"])
    assert plain.exit_code == 1 and json.loads(plain.stdout)["findings"][0]["severity"] == "error"


def test_a_configured_threshold_changes_what_a_rule_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A good translation: TC504 is silent at its calibrated cut-off, and speaks when the
    # configuration demands far more than the document's typical pair (1 on TC504's scale).
    write(tmp_path, {"ru.txt": CLEAN_RU, "en.txt": CLEAN_EN})
    monkeypatch.chdir(tmp_path)
    before = json.loads(runner.invoke(app, ["check", "ru.txt", "en.txt", "-f", "json", "--no-config"]).stdout)
    assert before["findings"] == []
    config(tmp_path, "thresholds:\n  weak-alignment: {similarity: 5, min_chars: 1}\n")
    after = json.loads(runner.invoke(app, ["check", "ru.txt", "en.txt", "-f", "json"]).stdout)
    assert [f["code"] for f in after["findings"]] == ["TC504", "TC504"]
    assert after["signature"]["thresholds"]["TC504"] == {"similarity": 5.0, "similarity_e5": 0.2, "min_chars": 1.0}


def test_config_command_shows_values_and_origins(site: Path) -> None:
    result = runner.invoke(app, ["config", "--fail-on", "warning"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "configuration: transcheck.yaml"
    row = {line.split()[0]: line.split() for line in lines[2:14]}
    assert row["fail-on"][1:] == ["warning", "--fail-on"]
    assert row["severity"][-1] == "transcheck.yaml:6"
    assert row["encoder"][1:] == ["auto", "default"]
    assert "  content/ru/**/*.md → content/en/{path}  transcheck.yaml:2" in lines
    assert any(line.startswith("  archive/**: min-severity: error  transcheck.yaml:9") for line in lines)


def test_config_command_shows_a_manifest_as_the_file_writes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config(tmp_path, "pairs:\n  - source: content/ru/**/*.md\n    target: content/en/{path}\n  - manifest: lists/pairs.csv\n")
    (tmp_path / "content").mkdir()
    for where in (tmp_path, tmp_path / "content"):
        monkeypatch.chdir(where)
        result = runner.invoke(app, ["config"])
        (line,) = [line for line in result.stdout.splitlines() if "manifest" in line]
        assert line.startswith("  manifest lists/pairs.csv  ") and line.endswith("transcheck.yaml:4"), line
        data = json.loads(runner.invoke(app, ["config", "-f", "json"]).stdout)
        assert [p.get("manifest") for p in data["pairs"]] == [None, "lists/pairs.csv"]


def test_config_command_for_a_path_and_as_json(site: Path) -> None:
    data = json.loads(runner.invoke(app, ["config", "--for", "archive/ru/b.md", "-f", "json"]).stdout)
    assert data["settings"]["min-severity"] == {"value": "error", "origin": "transcheck.yaml:9"}
    assert data["settings"]["fail-on"] == {"value": "error", "origin": "default"}
    schema = json.loads(runner.invoke(app, ["config", "--schema"]).stdout)
    assert "pairs" in schema["properties"] and schema["additionalProperties"] is False


def test_an_override_path_that_matches_no_pair_is_one_warning_not_an_error(site: Path) -> None:
    text = (site / "transcheck.yaml").read_text(encoding="utf-8")
    (site / "transcheck.yaml").write_text(
        text + "  - paths:\n      - archives/**\n      - content/**\n    fail-on: never\n  - paths: '*.draft.md'\n    min-severity: error\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", "-f", "json"])
    assert result.exit_code == 1, result.output  # archive/ru/c.md has no translation: the run goes on
    assert result.stderr.splitlines() == [
        "transcheck: warning: transcheck.yaml:12: the override path 'archives/**' matches no file of the pairs checked;"
        " it changes nothing",
        "transcheck: warning: transcheck.yaml:15: the override path '*.draft.md' matches no file of the pairs checked;"
        " it changes nothing",
    ]
    # A narrower run (--changed-since, a single pair) is not what the override is written for.
    single = runner.invoke(app, ["check", "content/ru/a.md", "content/en/a.md", "-f", "json"])
    assert "override" not in single.stderr


def test_config_for_a_source_shows_an_override_that_matches_its_target(site: Path) -> None:
    # The run applies an override matching either file of a pair; `--for` the source must
    # show what the pair is checked with, not what the source alone would match.
    (site / "transcheck.yaml").write_text(
        "pairs:\n  - source: content/ru/**/*.md\n    target: content/en/{path}\n"
        "overrides:\n  - paths: content/en/**\n    min-severity: error\n",
        encoding="utf-8",
    )
    for path in ("content/ru/a.md", "content/en/a.md"):
        data = json.loads(runner.invoke(app, ["config", "--for", path, "-f", "json"]).stdout)
        assert data["settings"]["min-severity"] == {"value": "error", "origin": "transcheck.yaml:5"}, path
        assert [o["paths"] for o in data["overrides"]] == [["content/en/**"]]
    checked = json.loads(runner.invoke(app, ["check", "-f", "json"]).stdout)
    assert checked["pairs"][0]["signature"]["min_severity"] == "error"


def test_config_command_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["config", "--no-config", "--select", "TC1"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "configuration: (none found)"
    assert "select        TC1" in result.stdout


def test_a_toml_file_of_its_own_given_with_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config(tmp_path, "fail-on = 'info'\n\n[severity]\nTC201 = 'error'\n", "ci.toml")
    layers = load_layers({}, config_path=tmp_path / "ci.toml")
    assert layers.base.fail_on == "info" and layers.base.severity == {"TC201": Severity.ERROR}
    config(tmp_path, "fail-on = 'info'\nfoo = 1\n", "bad.toml")
    with pytest.raises(ConfigError, match=r"^bad.toml:2: unknown key 'foo'"):
        load_layers({}, config_path=tmp_path / "bad.toml")


def test_a_single_check_takes_the_languages_of_its_configured_pattern(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The pattern says uk → en: what detection would not say of this Russian.
    write(tmp_path, {"src/ru/a.txt": "Привет, как дела у вас сегодня?\n", "out/a.en.txt": "Hello, how are you today?\n"})
    config(tmp_path, "pairs:\n  - source: src/ru/*.txt\n    target: out/{stem}.en.txt\n    source-lang: uk\n    target-lang: en\n")
    monkeypatch.chdir(tmp_path)
    single = json.loads(runner.invoke(app, ["check", "src/ru/a.txt", "out/a.en.txt", "-f", "json"]).stdout)
    assert (single["source"]["language"], single["target"]["language"]) == ("uk", "en")
    run = json.loads(runner.invoke(app, ["check", "-f", "json"]).stdout)
    assert run["pairs"][0]["findings"] == single["findings"]
    assert (run["pairs"][0]["source"]["language"], run["pairs"][0]["target"]["language"]) == ("uk", "en")
    forced = json.loads(runner.invoke(app, ["check", "src/ru/a.txt", "out/a.en.txt", "-f", "json", "--source-lang", "ru"]).stdout)
    assert forced["source"]["language"] == "ru"  # the command line still wins
