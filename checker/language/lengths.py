"""How long a language writes what English says: the aligner's prior length ratio.

``checker/language/data/lengths.tsv`` lists, per language, the characters it takes for one
English character, measured on the evaluation sets (see the file). A short document's own
character ratio is unreliable (one inserted or dropped sentence in a four-sentence article
moves it by a quarter), so the aligner shrinks it towards this prior.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

from checker.errors import ConfigError
from checker.language.conventions import language_key


@cache
def _table() -> Mapping[str, float]:
    path = resources.files("checker.language").joinpath("data", "lengths.tsv")
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"cannot read language data: {e}", path=str(path)) from e
    table: dict[str, float] = {}
    for number, line in enumerate(raw.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        fields = line.split("\t")
        try:
            value = float(fields[1])
        except (IndexError, ValueError):
            raise ConfigError("expected: code<TAB>chars per English char<TAB>source", path=str(path), line=number) from None
        if value <= 0:
            raise ConfigError("chars per English char must be positive", path=str(path), line=number)
        table[fields[0]] = value
    return MappingProxyType(table)


def length_ratio_prior(source: str, target: str) -> float | None:
    """Target characters expected per source character, or None when either language has
    no measured length."""
    table = _table()
    s, t = table.get(language_key(source)), table.get(language_key(target))
    return t / s if s is not None and t is not None else None
