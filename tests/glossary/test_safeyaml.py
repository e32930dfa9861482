"""YAML that would exhaust the stack, loop or explode is refused with its line (checker.glossary.safeyaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from checker.cli.glossary_commands import app
from checker.errors import GlossaryError
from checker.glossary.document import GlossaryDocument
from checker.glossary.removal import remove_entry_text
from checker.glossary.safeyaml import MAX_ALIAS_NODES, MAX_DEPTH, compose
from checker.glossary.schema import parse_glossary

HEAD = "version: 1\nsource_language: ru\ntarget_language: en\n"
ENTRY = "terms:\n  - source: Киев\n    target: Kyiv\n"


def billion_laughs(levels: int = 9) -> str:
    lines = ['lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n']
    lines += [f"lol{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 10) + "]\n" for k in range(1, levels + 1)]
    return "".join(lines)


HOSTILE = [
    pytest.param(HEAD + "terms:\n  - source: " + "[" * 40 + "]" * 40 + "\n    target: x\n",
                 f"g.yaml:5: refused: collections nested over {MAX_DEPTH} levels deep", id="nested-40"),
    pytest.param(HEAD + "terms:\n  - source: " + "[" * 20_000 + "\n",
                 "g.yaml:5: invalid YAML", id="nested-20000"),
    pytest.param(HEAD + "terms: &t\n  - source: *t\n    target: x\n",
                 "g.yaml:5: refused: the alias *t refers to a collection that contains it (a recursive alias)",
                 id="recursive-alias"),
    pytest.param(HEAD + billion_laughs() + ENTRY,
                 f"g.yaml:8: refused: aliases expand to over {MAX_ALIAS_NODES:,} nodes (an alias bomb?)",
                 id="billion-laughs"),
    pytest.param("version: 1" + "0" * 5000 + "\nsource_language: ru\ntarget_language: en\nterms: []\n",
                 "g.yaml:1: refused: an integer of 5,001 digits (at most 100)", id="huge-version"),
    pytest.param(HEAD + "terms:\n  - source: Киев\n    target: Kyiv\n    note: " + "9" * 5000 + "\n",
                 "g.yaml:7: refused: an integer of 5,000 digits", id="huge-int-anywhere"),
]


@pytest.mark.parametrize(("text", "message"), HOSTILE)
def test_every_reader_refuses_hostile_yaml_with_its_line(text: str, message: str) -> None:
    for read in (lambda: parse_glossary(text, "g.yaml"), lambda: GlossaryDocument(text, "g.yaml")):
        with pytest.raises(GlossaryError) as e:
            read()
        assert str(e.value).startswith(message), str(e.value)
        assert "\n" not in str(e.value)
    assert remove_entry_text(text, 0) is None  # the line-based removal reads it through the same guard


@pytest.mark.parametrize(("text", "message"), HOSTILE)
def test_glossary_commands_refuse_hostile_yaml_in_one_line(tmp_path: Path, text: str, message: str) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(text, encoding="utf-8")
    before = g.read_bytes()
    runner = CliRunner()
    for args in (["validate", g], ["show", g, "Киев"], ["remove", g, "Киев"], ["add", g, "--source", "Львов",
                                                                                 "--target", "Lviv"]):
        r = runner.invoke(app, [str(a) for a in args])
        where = r.stdout if args[0] == "validate" else r.stderr
        assert r.exit_code == (1 if args[0] == "validate" else 2), (args, r.output)
        assert "Traceback" not in r.output and where.startswith(
            f"{g}{message[6:]}" if args[0] == "validate" else f"transcheck: error: {g}{message[6:]}"), where
    assert g.read_bytes() == before


def test_aliases_within_the_limit_are_read() -> None:
    text = HEAD + "terms:\n  - source: Киев\n    target: &k Kyiv\n    forbidden: [Kiev]\n  - source: Київ\n    target: *k\n"
    assert [t.target for t in parse_glossary(text, "g.yaml").terms] == [("Kyiv",), ("Kyiv",)]
    assert compose(HEAD + billion_laughs(3) + ENTRY, "g.yaml") is not None  # aliases add some 11,000 nodes


def test_one_document_only() -> None:
    with pytest.raises(GlossaryError, match=r"^g.yaml:5: invalid YAML: expected a single document"):
        compose(HEAD + "terms: []\n---\nmore: 1\n", "g.yaml")


# YAML's syntax characters, a few words and digits, so that random text is often almost YAML.
_YAML_ISH = st.lists(st.sampled_from(list("[]{}:-&*!|>'\"#\n ,?%@`~.\t0123456789") + ["\n  ", "\n- ", "terms:",
                     "source: ", "target: ", "version: 1\n", "Киев", "&a ", "*a", "!!str ", "\x1b", "\ufeff"]),
                     max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_YAML_ISH, st.text(max_size=200), _YAML_ISH.map(lambda t: HEAD + "terms:\n" + t)))
def test_any_text_is_read_or_refused_with_a_glossary_error(text: str) -> None:
    for read in (lambda: parse_glossary(text, "g.yaml"), lambda: GlossaryDocument(text, "g.yaml")):
        try:
            read()
        except GlossaryError as e:
            assert "\n" not in str(e) and str(e).startswith("g.yaml")
    assert remove_entry_text(text, 0) is None or isinstance(remove_entry_text(text, 0), str)
