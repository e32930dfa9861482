"""Problems between entries and files (checker.glossary.crosscheck)."""

from __future__ import annotations


from checker.glossary.crosscheck import cross_check
from checker.glossary.schema import parse_glossary

from tests.glossary.files import fixture


def test_cross_check_finds_conflicts_between_files() -> None:
    a = parse_glossary(fixture("base.yaml"), "a.yaml")
    b = parse_glossary(
        "version: 1\nsource_language: ru\ntarget_language: en\nterms:\n"
        "  - source: Киев\n    target: Kiev\n"
        "  - source: Киева\n    target: Kyiv\n"
        "  - source: Харьков\n    target: Kharkiv\n",
        "b.yaml",
    )
    messages = [str(e) for e in cross_check([a, b])]
    assert any(m.startswith("b.yaml:5: source 'Киев' has target 'Kiev'") for m in messages)
    assert any(m.startswith("a.yaml:7: 'Kiev' is forbidden here but approved at b.yaml:5") for m in messages)
    assert any(m.startswith("b.yaml:7: source 'Киева' normalises to the same form as 'Киев'") for m in messages), messages
    assert not any("Kharkiv" in m for m in messages)
    assert cross_check([a]) == []
