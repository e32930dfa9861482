"""One exception family. The library raises these; only the CLI turns them into a line on
stderr and exit code 2. Each message is a single line that names the file (and line)."""

from __future__ import annotations


class CheckerError(Exception):
    """Base of every error transcheck reports to a user."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.detail = message
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")


class InputError(CheckerError):
    """A source or target file that cannot be read as text (missing, empty, binary, undecodable)."""


class GlossaryError(CheckerError):
    """A glossary file that is not valid YAML or breaks the glossary schema."""


class ConfigError(CheckerError):
    """A bad option value or configuration file."""


class ModelError(CheckerError):
    """An encoder that cannot be loaded (not installed, not available offline)."""


def warnings_as_lines() -> None:
    """Every Python warning of this process (an embedding cache rebuilt, a numpy overflow)
    printed as the CLI's own lines: ``transcheck: warning: …``, one line, no source excerpt.

    The CLI installs it at start, and so does each pool worker, which is a process of its
    own: its warnings would otherwise reach the user's terminal in Python's two-line format."""
    import sys
    import warnings

    from checker.report.common import printable

    def show(message: Warning | str, category: type[Warning], *args: object, **kwargs: object) -> None:
        print(f"transcheck: warning: {printable(str(message))}", file=sys.stderr, flush=True)

    warnings.showwarning = show
