"""transcheck: checks a translation against its source."""

from __future__ import annotations

__version__ = "0.1.0"

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
    Finding,
    Location,
    Report,
    Segment,
    Severity,
    Span,
)

__all__ = [
    "__version__",
    "Alignment",
    "CheckerError",
    "ConfigError",
    "Document",
    "Finding",
    "GlossaryError",
    "InputError",
    "Location",
    "ModelError",
    "Report",
    "Segment",
    "Severity",
    "Span",
]
