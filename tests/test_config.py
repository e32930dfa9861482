"""Settings: typed, immutable values, whatever form a configuration or a caller gives them."""

from __future__ import annotations

import pickle

import pytest

from checker.config import Settings, check_fail_on, check_language, parse_codes
from checker.errors import ConfigError
from checker.model import FailOn, Finding, Severity


def test_severity_overrides_are_immutable_typed_and_picklable() -> None:
    s = Settings(severity={"TC201": "error", "TC502": Severity.INFO})
    assert dict(s.severity) == {"TC201": Severity.ERROR, "TC502": Severity.INFO}
    with pytest.raises(TypeError):
        s.severity["TC201"] = Severity.INFO  # type: ignore[index]
    # A batch run hands settings to worker processes.
    assert pickle.loads(pickle.dumps(s)) == s
    assert hash(s) == hash(Settings(severity={"TC502": "info", "TC201": "ERROR"}))


def test_severity_of_falls_back_to_the_rules_default() -> None:
    from checker.rules.names import NameInconsistent
    from checker.rules.terms import TermForbidden

    s = Settings(severity={"TC201": "error"})
    assert s.severity_of(NameInconsistent) is Severity.ERROR
    assert s.severity_of(TermForbidden) is Severity.ERROR
    assert Settings().severity_of(NameInconsistent) is Severity.WARNING


@pytest.mark.parametrize(("overrides", "message"), [
    ({"TC999": "error"}, "TC999"),
    ({"term-forbidden": "error"}, "term-forbidden"),
    ({"TC102": "fatal"}, "fatal"),
])
def test_bad_severity_overrides_are_config_errors(overrides: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings(severity=overrides)


def test_fail_on_is_an_enum_and_accepts_its_name() -> None:
    assert Settings().fail_on is FailOn.ERROR
    assert Settings(fail_on="Warning").fail_on is FailOn.WARNING  # type: ignore[arg-type]
    assert check_fail_on("NEVER") is FailOn.NEVER
    with pytest.raises(ConfigError, match="--fail-on"):
        check_fail_on("sometimes")


def _finding(severity: Severity, suppressed: str | None = None) -> Finding:
    return Finding("x", "TC101", severity, "m", suppressed=suppressed)


def test_fails_follows_fail_on_and_ignores_suppressed_findings() -> None:
    error, warning = _finding(Severity.ERROR), _finding(Severity.WARNING)
    assert Settings().fails([warning, error]) and not Settings().fails([warning])
    assert Settings(fail_on=FailOn.WARNING).fails([warning])
    assert not Settings(fail_on=FailOn.NEVER).fails([error])
    assert not Settings().fails([_finding(Severity.ERROR, suppressed="inSource")])
    assert Settings().fails(Severity.ERROR) and not Settings().fails(Severity.INFO)


def test_max_bytes_must_be_positive() -> None:
    assert Settings(max_bytes=10).max_bytes == 10
    with pytest.raises(ConfigError):
        Settings(max_bytes=0)


def test_rule_selection_by_code_prefix_and_slug() -> None:
    s = Settings(select=frozenset({"TC1", "name-inconsistent"}), ignore=frozenset({"TC102"}))
    assert s.rule_enabled("TC101", "term-missing")
    assert s.rule_enabled("TC201", "name-inconsistent")
    assert not s.rule_enabled("TC102", "term-forbidden")
    assert not s.rule_enabled("TC401", "number-mismatch")
    codes, slugs = {"TC101", "TC102"}, {"term-missing"}
    assert parse_codes(["tc10, term-missing", ""], codes, slugs) == {"TC10", "term-missing"}
    with pytest.raises(ConfigError, match="TC3"):
        parse_codes(["TC3"], codes, slugs)


def test_language_codes() -> None:
    assert check_language(" RU_ru ", "--source-lang") == "ru-ru"
    assert check_language(None, "--source-lang") is None
    with pytest.raises(ConfigError, match="--target-lang"):
        check_language("english", "--target-lang")
