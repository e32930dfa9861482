"""`transcheck config`: every setting with the layer it came from. Pure: Layers → str."""

from __future__ import annotations

import json
from typing import Any

from checker.batch.pairing import ManifestSpec, PatternSpec
from checker.config_file import SETTING_FIELDS, Layers, Value, _plain_value


def _effective(layers: Layers, path: str | None, partner: str | None = None) -> dict[str, Value]:
    """The run's values; with ``path``, those of a pair with that file and ``partner``, the
    other file of its pair (overrides matching either applied, as the run applies them)."""
    values = layers.values()
    if path is None:
        return values
    settings = layers.for_pair(path, partner)
    out = dict(values)
    for o in layers.overrides_for(path, partner):
        for key in o.values:
            if key not in layers.cli:
                out[key] = Value(getattr(settings, SETTING_FIELDS[key]), o.origin)
    return out


def _spec(spec: PatternSpec | ManifestSpec) -> dict[str, Any]:
    if isinstance(spec, ManifestSpec):
        # As the configuration writes it, relative to its directory, like a pattern's paths.
        out: dict[str, Any] = {"manifest": spec.written or spec.path}
    else:
        out = {"source": spec.source, "target": spec.target}
    if spec.source_lang:
        out["source-lang"] = spec.source_lang
    if spec.target_lang:
        out["target-lang"] = spec.target_lang
    out["origin"] = spec.origin
    return out


def config_document(layers: Layers, path: str | None = None, partner: str | None = None) -> dict[str, Any]:
    config = layers.config
    return {
        "config": None if config is None else {"path": config.display, "sha256": config.sha256[:16]},
        "for": path,
        "settings": {k: {"value": _plain_value(v.value), "origin": v.origin} for k, v in _effective(layers, path, partner).items()},
        "pairs": [] if config is None else [_spec(s) for s in config.pairs],
        "overrides": []
        if config is None
        else [
            {"paths": list(o.paths), "origin": o.origin, **{k: _plain_value(v.value) for k, v in o.values.items()}}
            for o in config.overrides
            if path is None or o.matches(path, partner)
        ],
    }


def render_config_json(layers: Layers, path: str | None = None, partner: str | None = None) -> str:
    return json.dumps(config_document(layers, path, partner), ensure_ascii=False, indent=2) + "\n"


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(map(str, value)) if value else "—"
    if isinstance(value, dict):
        if not value:
            return "—"
        return ", ".join(f"{k}: {_show(v)}" if not isinstance(v, dict) else f"{k}: {{{_show(v)}}}" for k, v in value.items())
    return str(value)


def render_config_text(layers: Layers, path: str | None = None, partner: str | None = None) -> str:
    doc = config_document(layers, path, partner)
    lines = [f"configuration: {doc['config']['path'] if doc['config'] else '(none found)'}"]
    if path is not None:
        lines.append(f"for: {path}")
    lines.append("")
    settings = doc["settings"]
    width = max(len(k) for k in settings)
    shown = {k: _show(v["value"]) for k, v in settings.items()}
    value_width = min(48, max(len(v) for v in shown.values()))
    for key, v in settings.items():
        lines.append(f"{key:<{width}}  {shown[key]:<{value_width}}  {v['origin']}")
    if doc["pairs"]:
        lines += ["", "pairs:"]
        for p in doc["pairs"]:
            what = f"manifest {p['manifest']}" if "manifest" in p else f"{p['source']} → {p['target']}"
            langs = " ".join(f"{k} {p[k]}" for k in ("source-lang", "target-lang") if k in p)
            lines.append(f"  {what}{'  (' + langs + ')' if langs else ''}  {p['origin']}")
    if doc["overrides"]:
        lines += ["", "overrides (in order, for pairs with a file under the paths):"]
        for o in doc["overrides"]:
            body = ", ".join(f"{k}: {_show(v)}" for k, v in o.items() if k not in ("paths", "origin"))
            lines.append(f"  {', '.join(o['paths'])}: {body}  {o['origin']}")
    return "\n".join(lines) + "\n"
