"""transcheck: checks a translation against its source.

The library in five names::

    import checker

    report = checker.check("ru.txt", "en.txt", glossaries=["ukraine.yaml"])
    for finding in report.findings:
        print(finding.code, finding.severity.value, finding.message)

``check``, ``load_pair``, ``load_document``, ``load_glossary`` and ``Settings`` are imported
on first use: ``import checker`` loads neither numpy nor an encoder.
"""

from __future__ import annotations

__version__ = "0.1.0"

import importlib
from typing import TYPE_CHECKING, Any

from checker.errors import (
    CheckerError,
    ConfigError,
    GlossaryError,
    InputError,
    ModelError,
)
from checker.model import (
    Alignment,
    Document,
    FailOn,
    Finding,
    Location,
    Report,
    Segment,
    Severity,
    Signature,
    Span,
)

if TYPE_CHECKING:
    from checker.config import Settings
    from checker.glossary.schema import Glossary, load_glossary
    from checker.pipeline import check, load_document, load_pair

# name → the module that defines it, imported when the name is first used
_LAZY = {
    "check": "checker.pipeline",
    "load_pair": "checker.pipeline",
    "load_document": "checker.pipeline",
    "Settings": "checker.config",
    "load_glossary": "checker.glossary.schema",
    "Glossary": "checker.glossary.schema",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'checker' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "__version__",
    "Alignment",
    "CheckerError",
    "ConfigError",
    "Document",
    "FailOn",
    "Finding",
    "Glossary",
    "GlossaryError",
    "InputError",
    "Location",
    "ModelError",
    "Report",
    "Segment",
    "Settings",
    "Severity",
    "Signature",
    "Span",
    "check",
    "load_document",
    "load_glossary",
    "load_pair",
]
