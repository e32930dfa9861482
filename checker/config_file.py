"""The configuration file: found from the working directory upward, validated, layered.

``transcheck.yaml`` (or ``.transcheck.yaml``, ``transcheck.yml``), or the ``[tool.transcheck]``
table of a ``pyproject.toml``; the nearest directory that has one wins, and in one directory
``transcheck.yaml`` wins over ``pyproject.toml``. The file is checked against a JSON Schema
(``schema()``; editors can use it too: ``transcheck config --schema``), then each value is
converted; every error names ``file:line``. Relative paths in the file are relative to it.

Layers, each replacing the one before: the defaults, the file's top level, each per-path
override whose ``paths`` match the pair (in file order), the command line. ``Layers`` keeps
where every value came from, for ``transcheck config`` and for the report's signature.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.batch.pairing import TEMPLATE_FIELDS, ManifestSpec, PairSpec, PatternSpec, directory_spec, glob_regex
from checker.config import FAIL_ON_CHOICES, Settings, check_language, check_scheduler, parse_codes
from checker.errors import ConfigError
from checker.model import Severity

if TYPE_CHECKING:
    from checker.glossary.schema import Glossary

YAML_NAMES = ("transcheck.yaml", ".transcheck.yaml", "transcheck.yml")
SEVERITIES = ("error", "warning", "info")

# Configuration key → Settings field. The same names as the command-line options.
SETTING_FIELDS: dict[str, str] = {
    "encoder": "encoder",
    "source-lang": "source_language",
    "target-lang": "target_language",
    "segmented": "segmented",
    "glossaries": "glossaries",
    "select": "select",
    "ignore": "ignore",
    "severity": "severity",
    "min-severity": "min_severity",
    "fail-on": "fail_on",
    "thresholds": "thresholds",
    "jobs": "jobs",
    "scheduler": "scheduler",
}
# What a per-path override may change: what one pair is checked and judged with. The
# encoder, languages, segmentation, pool size and scheduler are the run's, not a file's.
OVERRIDE_KEYS = ("glossaries", "select", "ignore", "severity", "min-severity", "fail-on", "thresholds")
# Merged key by key across layers instead of replaced whole.
_MERGED = frozenset({"severity", "thresholds"})


# --------------------------------------------------------------------------- schema


def schema() -> dict[str, Any]:
    """The JSON Schema of the configuration (also of ``[tool.transcheck]``)."""
    from checker.rules import RULES

    rule_names = sorted({r.code for r in RULES} | {r.slug for r in RULES})
    codes = {"type": "array", "items": {"type": "string", "minLength": 1}}
    codes_or_string = {"anyOf": [codes, {"type": "string"}]}
    severity = {
        "type": "object",
        "propertyNames": {"enum": rule_names},
        "additionalProperties": {"enum": list(SEVERITIES)},
    }
    thresholds: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": {}}
    for r in RULES:
        if r.thresholds:
            one = {
                "type": "object",
                "additionalProperties": False,
                "properties": {name: {"type": "number"} for name in r.thresholds},
            }
            thresholds["properties"][r.code] = one
            thresholds["properties"][r.slug] = one
    languages = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]}
    pair = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "source": {"type": "string", "minLength": 1},
            "target": {"type": "string", "minLength": 1},
            "manifest": {"type": "string", "minLength": 1},
            "source-lang": {"type": "string"},
            "target-lang": languages,
        },
    }
    judging = {
        "glossaries": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "select": codes_or_string,
        "ignore": codes_or_string,
        "severity": severity,
        "min-severity": {"enum": list(SEVERITIES)},
        "fail-on": {"enum": list(FAIL_ON_CHOICES)},
        "thresholds": thresholds,
    }
    override = {
        "type": "object",
        "additionalProperties": False,
        "required": ["paths"],
        "properties": {
            "paths": {"anyOf": [{"type": "string", "minLength": 1}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]},
            **judging,
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "transcheck configuration",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "encoder": {"type": "string", "pattern": "^(auto|use|e5|st:.+)$"},
            "source-lang": {"type": "string"},
            "target-lang": {"type": "string"},
            "segmented": {"type": "boolean"},
            "jobs": {"type": "integer", "minimum": 1},
            # checked further by convert(): local, local:N or an address
            "scheduler": {"type": "string", "minLength": 1},
            **judging,
            "pairs": {"type": "array", "items": pair},
            "overrides": {"type": "array", "items": override},
        },
    }


# --------------------------------------------------------------------------- the file


@dataclass(frozen=True)
class Value:
    value: Any
    origin: str  # "transcheck.yaml:12", "--fail-on", "default"


@dataclass(frozen=True)
class Override:
    """Settings for the pairs whose source or target path matches one of ``paths``."""

    paths: tuple[str, ...]  # globs, relative to the configuration file's directory
    values: dict[str, Value]
    origin: str
    root: Path
    path_origins: tuple[str, ...] = ()  # where each of ``paths`` is written ("transcheck.yaml:9")

    def matches(self, *paths: str | None) -> bool:
        return any(self.pattern_matches(pattern, *paths) for pattern in self.paths)

    def pattern_matches(self, pattern: str, *paths: str | None) -> bool:
        """Whether one of this override's globs matches any of ``paths``."""
        for p in paths:
            if p is None:
                continue
            try:
                rel = Path(os.path.abspath(p)).relative_to(self.root).as_posix()
            except ValueError:
                continue
            if _path_matches(pattern, rel):
                return True
        return False


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    root: Path  # the file's directory: relative paths in the file are relative to it
    sha256: str
    values: dict[str, Value]
    pairs: tuple[PairSpec, ...]
    overrides: tuple[Override, ...]
    # Each glossary the file names (as Settings holds the path) → (file, line) naming it.
    glossary_lines: Mapping[str, tuple[str, int | None]] = field(default_factory=dict)

    @property
    def display(self) -> str:
        return display_path(self.path)


def display_path(path: Path | str) -> str:
    """A path as a user in the working directory would type it: relative when it lies below."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(absolute)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest configuration file from ``start`` (the working directory) upward.

    Raises ConfigError (``pyproject.toml:LINE``) for a pyproject.toml on the way that may
    hold the table but is not valid TOML: skipping it would check with settings other than
    the ones its author wrote, silently."""
    here = Path(os.path.abspath(start or Path.cwd()))
    for directory in (here, *here.parents):
        for name in YAML_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    # A pyproject.toml without [tool.transcheck] is some other project's file: look further
    # up. One that never names transcheck cannot hold the table, broken or not; one that
    # does is parsed (the table may be spelt [tool.transcheck], [tool."transcheck"] or as a
    # dotted key), and if it cannot be, that is the error to report.
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    if "transcheck" not in text:
        return False
    doc = _parse_toml(text, display_path(path))
    tool = doc.get("tool")
    return isinstance(tool, dict) and "transcheck" in tool


def load_config(path: Path) -> ConfigFile:
    """Read, validate and convert one configuration file. Errors name ``file:line``."""
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError("no such configuration file", path=shown) from None
    except OSError as e:
        raise ConfigError(f"cannot read: {e.strerror or e}", path=shown) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ConfigError(f"not UTF-8 (byte {e.start})", path=shown) from None
    if path.suffix.lower() == ".toml":
        # pyproject.toml holds the table under [tool.transcheck]; a file of its own (given
        # with --config) holds it at the top.
        raw, line_of = _read_toml(text, shown, table=path.name == "pyproject.toml")
    else:
        raw, line_of = _read_yaml(text, shown)
    _validate(raw, shown, line_of)
    root = Path(os.path.abspath(path)).parent
    ctx = _Ctx(shown, line_of, root)
    values = {key: ctx.value(key, raw[key], (key,)) for key in SETTING_FIELDS if key in raw}
    pairs = tuple(p for i, spec in enumerate(raw.get("pairs", [])) for p in ctx.pairs(spec, i))
    overrides = tuple(ctx.override(o, i) for i, o in enumerate(raw.get("overrides", [])))
    return ConfigFile(
        Path(os.path.abspath(path)), root, hashlib.sha256(data).hexdigest(), values, pairs, overrides, ctx.glossary_lines
    )


LineOf = Callable[[Sequence[str | int]], int | None]


def _read_yaml(text: str, shown: str) -> tuple[dict[str, Any], LineOf]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError

    yaml = YAML(typ="rt")
    try:
        doc = yaml.load(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = " ".join(str(e.problem or e.context or "invalid YAML").split())
        raise ConfigError(f"invalid YAML: {problem}", path=shown, line=mark.line + 1 if mark else None) from None
    except Exception as e:  # ruamel's other errors (duplicate keys have marks too, most others not)
        raise ConfigError(f"invalid YAML: {' '.join(str(e).split())[:200]}", path=shown) from None
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise ConfigError("the configuration must be a mapping of keys to values", path=shown, line=1)

    def line_of(path: Sequence[str | int]) -> int | None:
        node: Any = doc
        line: int | None = None
        for key in path:
            lc = getattr(node, "lc", None)
            try:
                if isinstance(node, dict) and key in node:
                    line = lc.key(key)[0] + 1 if lc is not None else line
                elif isinstance(node, list) and isinstance(key, int) and key < len(node):
                    line = lc.item(key)[0] + 1 if lc is not None else line
                else:
                    break
            except (KeyError, TypeError, AttributeError):
                break
            node = node[key]
        return line

    return _plain(doc), line_of


def _plain(node: Any) -> Any:
    """ruamel's round-trip types as plain Python values (jsonschema checks exact types)."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or type(node).__name__ == "ScalarBoolean":
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node


def _parse_toml(text: str, shown: str) -> dict[str, Any]:
    """The TOML document; ConfigError at the line tomllib names for one that is not valid."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column \d+\)", str(e))
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(e))
        line = int(m.group(1)) if m else len(text.splitlines()) or 1  # "at end of document"
        raise ConfigError(f"invalid TOML: {message}", path=shown, line=line) from None


def _read_toml(text: str, shown: str, *, table: bool = True) -> tuple[dict[str, Any], LineOf]:
    doc = _parse_toml(text, shown)
    prefix: tuple[str, ...] = ("tool", "transcheck") if table else ()
    values: Any = doc
    for key in prefix:
        values = values.get(key) if isinstance(values, dict) else None
    if not isinstance(values, dict):
        raise ConfigError("no [tool.transcheck] table", path=shown)
    lines = _toml_key_lines(text)

    def line_of(path: Sequence[str | int]) -> int | None:
        full: tuple[str | int, ...] = (*prefix, *path)
        # The longest recorded prefix: values inside an inline table or a multi-line array
        # are reported at the line of the key that holds them.
        for n in range(len(full), len(prefix), -1):
            if full[:n] in lines:
                return lines[full[:n]]
        return lines.get(prefix, 1)

    return values, line_of


_TOML_ARRAY_TABLE = re.compile(r"\s*\[\[\s*([^\]]+?)\s*\]\]")
_TOML_TABLE = re.compile(r"\s*\[\s*([^\]\[]+?)\s*\]")
_TOML_KEY = re.compile(r"""\s*((?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*'))*)\s*=""")


def _toml_dotted(key: str) -> tuple[str, ...]:
    parts = re.findall(r"""[A-Za-z0-9_\-]+|"[^"]*"|'[^']*'""", key)
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def _toml_key_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """The line of every table header and key, by its full key path (array tables indexed).

    tomllib keeps no positions; scanning the lines as the TOML grammar reads them is enough
    for error messages. Lines inside a multi-line array or string are skipped: what they
    hold is reported at the line of the key.
    """
    lines: dict[tuple[str | int, ...], int] = {}
    counts: dict[tuple[str | int, ...], int] = {}
    table: tuple[str | int, ...] = ()
    depth = 0
    in_string: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string is not None:
            if in_string in line:
                in_string = None
            continue
        if depth == 0:
            if m := _TOML_ARRAY_TABLE.match(line):
                path = _toml_dotted(m.group(1))
                counts[path] = counts.get(path, -1) + 1
                lines.setdefault(path, number)
                table = (*path, counts[path])
                lines[table] = number
                continue
            if m := _TOML_TABLE.match(line):
                table = _toml_dotted(m.group(1))
                lines[table] = number
                continue
            if m := _TOML_KEY.match(line):
                lines[(*table, *_toml_dotted(m.group(1)))] = number
        for quote in ('"""', "'''"):
            if line.count(quote) % 2 == 1:
                in_string = quote
        # Brackets inside strings and comments do not open anything.
        code = re.sub(r""""(?:[^"\\]|\\.)*"|'[^']*'""", '""', line).split("#", 1)[0]
        depth = max(0, depth + code.count("[") + code.count("{") - code.count("]") - code.count("}"))
    return lines


def _validate(raw: dict[str, Any], shown: str, line_of: LineOf) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(raw), key=lambda e: (line_of(list(e.absolute_path)) or 0, list(map(str, e.absolute_path))))
    if not errors:
        return
    error = errors[0]
    path = list(error.absolute_path)
    raise ConfigError(_schema_message(error, path), path=shown, line=_error_line(error, path, line_of))


def _where(path: Sequence[str | int]) -> str:
    keys = [k for k in path if isinstance(k, str)]
    if not keys:
        return "the configuration"
    head = {"pairs": "a pair", "overrides": "an override"}.get(keys[0], keys[0])
    return head if len(keys) == 1 or keys[0] not in ("pairs", "overrides") else f"{keys[-1]} of {head}"


def _unknown_keys(error: Any) -> list[str]:
    allowed = set(error.schema.get("properties", {}))
    return [k for k in error.instance if k not in allowed] if isinstance(error.instance, dict) else []


def _error_line(error: Any, path: list[str | int], line_of: LineOf) -> int | None:
    if error.validator == "additionalProperties":
        unknown = _unknown_keys(error)
        if unknown:
            return line_of([*path, unknown[0]]) or line_of(path)
    if "propertyNames" in error.schema_path and isinstance(error.instance, str):
        return line_of([*path, error.instance]) or line_of(path)
    return line_of(path)


def _schema_message(error: Any, path: list[str | int]) -> str:
    name = str(path[-1]) if path and isinstance(path[-1], str) else _where(path)
    if error.validator == "additionalProperties":
        unknown = _unknown_keys(error)
        allowed = sorted(error.schema.get("properties", {}))
        if unknown:
            close = difflib.get_close_matches(unknown[0], allowed, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(allowed)}"
            return f"unknown key {unknown[0]!r} in {_where(path)} ({hint})"
    if "propertyNames" in error.schema_path:
        # jsonschema reports a bad key against the key schema, at the mapping's path
        return f"unknown rule {error.instance!r} in {name}: see `transcheck rules`"
    if error.validator == "enum":
        choices = ", ".join(map(str, error.validator_value))
        return f"{name} must be one of {choices}, not {error.instance!r}"
    if error.validator in ("type", "anyOf"):
        expected = _expected(error.schema)
        return f"{name} must be {expected}, not {_type_name(error.instance)}"
    if error.validator == "required":
        return f"{_where(path)} needs {error.message.split()[0]}"
    if error.validator == "minimum":
        return f"{name} must be at least {error.validator_value}"
    if error.validator == "pattern" and name == "encoder":
        return f"encoder must be 'auto', 'use', 'e5' or 'st:MODEL', not {error.instance!r}"
    if error.validator in ("minLength", "minItems"):
        return f"{name} must not be empty"
    return f"{name}: {error.message}"


def _expected(sub: dict[str, Any]) -> str:
    words = {"string": "a string", "array": "a list", "object": "a mapping", "boolean": "true or false",
             "integer": "a whole number", "number": "a number"}
    if "anyOf" in sub:
        return " or ".join(_expected(s) for s in sub["anyOf"])
    return words.get(sub.get("type", ""), str(sub.get("type")))


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing (null)"
    return type(value).__name__


@dataclass(frozen=True)
class _Ctx:
    """Converts validated raw values into Settings values and pair specs, naming file:line."""

    shown: str
    line_of: LineOf
    root: Path
    glossary_lines: dict[str, tuple[str, int | None]] = field(default_factory=dict)

    def origin(self, path: Sequence[str | int]) -> str:
        line = self.line_of(path)
        return f"{self.shown}:{line}" if line is not None else self.shown

    def error(self, message: str, path: Sequence[str | int]) -> ConfigError:
        return ConfigError(message, path=self.shown, line=self.line_of(path))

    def value(self, key: str, raw: Any, path: tuple[str | int, ...]) -> Value:
        try:
            converted = convert(key, raw, self.root)
        except ConfigError as e:
            raise self.error(e.detail, path) from None
        if key == "glossaries":
            for k, glossary in enumerate(converted):
                self.glossary_lines.setdefault(glossary, (self.shown, self.line_of((*path, k))))
        return Value(converted, self.origin(path))

    def pairs(self, raw: dict[str, Any], index: int) -> list[PairSpec]:
        path: tuple[str | int, ...] = ("pairs", index)
        origin = self.origin(path)
        try:
            source_lang = check_language(raw.get("source-lang"), "source-lang")
            targets = raw.get("target-lang")
            target_langs = tuple(
                check_language(t, "target-lang") for t in ([targets] if isinstance(targets, str) else targets or [None])
            )
        except ConfigError as e:
            raise self.error(e.detail, path) from None
        if "manifest" in raw:
            if "source" in raw or "target" in raw:
                raise self.error("a pair has either a manifest or a source and a target, not both", path)
            if len(target_langs) > 1:
                raise self.error("target-lang of a manifest is one language", (*path, "target-lang"))
            manifest = raw["manifest"]
            return [ManifestSpec(str(self.root / manifest), source_lang, target_langs[0], origin, manifest)]
        for key in ("source", "target"):
            if key not in raw:
                raise self.error(f"a pair needs a {key} (or a manifest)", path)
        source, target = raw["source"], raw["target"]
        fields = set(re.findall(r"\{([^{}]*)\}", target))
        unknown = sorted(fields - set(TEMPLATE_FIELDS))
        if unknown:
            raise self.error(
                f"unknown placeholder {{{unknown[0]}}} in target (known: {', '.join('{' + f + '}' for f in TEMPLATE_FIELDS)})",
                (*path, "target"),
            )
        if "lang" in fields and target_langs == (None,):
            raise self.error("the target uses {lang}: give target-lang", (*path, "target"))
        if "{lang}" in source and source_lang is None:
            raise self.error("the source uses {lang}: give source-lang", (*path, "source"))
        leftover = set(re.findall(r"\{([^{}]*)\}", source)) - {"lang"}
        if leftover:
            raise self.error(f"the source is a glob: only {{lang}} may stand in it, not {{{sorted(leftover)[0]}}}", (*path, "source"))
        if not fields and not re.search(r"[*?\[]", source) and (self.root / source).is_dir():
            # Two directories, as on the command line: paired by relative path.
            return [
                directory_spec(source, target, root=str(self.root), origin=origin, source_lang=source_lang, target_lang=lang)
                for lang in target_langs
            ]
        return [
            PatternSpec(source, target, str(self.root), source_lang, lang, origin) for lang in target_langs
        ]

    def override(self, raw: dict[str, Any], index: int) -> Override:
        path: tuple[str | int, ...] = ("overrides", index)
        paths = raw["paths"]
        values = {key: self.value(key, raw[key], (*path, key)) for key in OVERRIDE_KEYS if key in raw}
        patterns = [paths] if isinstance(paths, str) else paths
        for p in patterns:
            try:
                glob_regex(p)
            except ValueError as e:
                raise self.error(f"bad path pattern {p!r}: {e}", (*path, "paths")) from None
        where = (
            tuple(self.origin((*path, "paths")) for _ in patterns) if isinstance(paths, str)
            else tuple(self.origin((*path, "paths", k)) for k in range(len(patterns)))
        )
        return Override(tuple(patterns), values, self.origin(path), self.root, where)


def convert(key: str, raw: Any, root: Path | None = None) -> Any:
    """A configuration value as the Settings field holds it; ConfigError (no location) if bad."""
    from checker.rules import RULES

    codes = {r.code for r in RULES}
    slugs = {r.slug for r in RULES}
    code_of = {r.slug: r.code for r in RULES} | {r.code: r.code for r in RULES}
    if key in ("select", "ignore"):
        return parse_codes([raw] if isinstance(raw, str) else list(raw), codes, slugs)
    if key == "severity":
        return {code_of[name]: Severity(level) for name, level in raw.items()}
    if key == "min-severity":
        return Severity(raw)
    if key == "thresholds":
        return {code_of[name]: {k: float(v) for k, v in values.items()} for name, values in raw.items()}
    if key == "glossaries":
        return tuple(display_path(root / g) if root is not None else g for g in raw)
    if key in ("source-lang", "target-lang"):
        return check_language(raw, key)
    if key == "scheduler":
        return check_scheduler(raw, key)
    return raw


# --------------------------------------------------------------------------- layers


@dataclass(frozen=True)
class Layers:
    """Defaults < configuration file < matching overrides < command line, with origins."""

    config: ConfigFile | None
    cli: dict[str, Value] = field(default_factory=dict)

    def values(self) -> dict[str, Value]:
        """Every setting of the run (before per-path overrides) and where it came from."""
        defaults = Settings()
        out = {key: Value(getattr(defaults, name), "default") for key, name in SETTING_FIELDS.items()}
        if self.config is not None:
            out.update(self.config.values)
        out.update(self.cli)
        return out

    @property
    def base(self) -> Settings:
        return self._settings(())

    def load_glossary(self, path: str) -> "Glossary":
        """A glossary of the settings; one the configuration names but that does not exist
        is an error at the line naming it (the configuration is what to fix)."""
        from checker.glossary.schema import load_glossary

        where = self.config.glossary_lines.get(path) if self.config is not None else None
        if where is not None and not os.path.exists(path):
            raise ConfigError(f"no such glossary file: {path}", path=where[0], line=where[1])
        return load_glossary(path)

    def overrides_for(self, *paths: str | None) -> tuple[Override, ...]:
        if self.config is None:
            return ()
        return tuple(o for o in self.config.overrides if o.matches(*paths))

    def for_pair(self, source: str | None, target: str | None) -> Settings:
        """The settings one pair is checked with: the overrides matching either path applied."""
        return self._settings(self.overrides_for(source, target))

    def _settings(self, overrides: Iterable[Override]) -> Settings:
        layers: list[Mapping[str, Value]] = []
        if self.config is not None:
            layers.append(self.config.values)
        layers.extend(o.values for o in overrides)
        layers.append(self.cli)
        fields: dict[str, Any] = {}
        for layer in layers:
            for key, v in layer.items():
                name = SETTING_FIELDS[key]
                if key in _MERGED and name in fields:
                    fields[name] = _merge(key, fields[name], v.value)
                else:
                    fields[name] = v.value
        return replace(Settings(), **fields)

    def signature(self) -> dict[str, Any]:
        """What the report's signature records of the configuration."""
        out: dict[str, Any] = {}
        if self.config is not None:
            out["config"] = {"path": self.config.display, "sha256": self.config.sha256[:16]}
            if self.config.overrides:
                out["overrides"] = [
                    {"paths": list(o.paths), **{k: _plain_value(v.value) for k, v in o.values.items()}}
                    for o in self.config.overrides
                ]
        out["settings"] = {key: _plain_value(v.value) for key, v in self.values().items()}
        out["origins"] = {key: v.origin for key, v in self.values().items() if v.origin != "default"}
        return out


def _merge(key: str, old: Any, new: Any) -> Any:
    if key == "thresholds":
        merged = {code: dict(values) for code, values in old.items()}
        for code, values in new.items():
            merged.setdefault(code, {}).update(values)
        return merged
    return {**old, **new}


def _plain_value(value: Any) -> Any:
    """A Settings value as JSON-ready data."""
    if isinstance(value, Severity):
        return value.value
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):
        return {k: _plain_value(v) for k, v in sorted(value.items())}
    return value


def load_layers(
    cli: dict[str, Value], *, config_path: Path | None = None, use_config: bool = True, start: Path | None = None
) -> Layers:
    """The configuration named, or found from ``start`` upward (unless ``use_config`` is off)."""
    path = config_path if config_path is not None else (find_config(start) if use_config else None)
    return Layers(load_config(path) if path is not None else None, cli)


def _path_matches(pattern: str, rel: str) -> bool:
    """gitignore-like: a pattern without "/" matches a name at any depth; a pattern that
    matches a directory matches everything beneath it."""
    pattern = pattern.strip().removeprefix("./")
    anchored = "/" in pattern.rstrip("/")
    regex = glob_regex(pattern.rstrip("/"))
    parts = rel.split("/")
    candidates = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    if not anchored:
        candidates = [p for n in range(len(parts)) for p in ["/".join(parts[n : n + 1])]]
    return any(regex.fullmatch(c) for c in candidates)
