"""What every command group shares: how a Typer app is set up, and how errors reach the user.

The library's one exception family becomes one line on stderr and exit code 2."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ParamSpec, TypeVar

import typer

from checker.errors import CheckerError
from checker.report.common import printable

P = ParamSpec("P")
R = TypeVar("R")


# Exit codes beyond 0 (clean), 1 (findings) and 2 (usage or input error), as a shell reports
# a process ended by the signal: 128 + SIGINT, 128 + SIGPIPE.
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141


def fail(message: str) -> typer.Exit:
    # One line whatever the message holds: a path may contain a newline or an escape sequence.
    typer.echo(f"transcheck: error: {printable(message)}", err=True)
    return typer.Exit(2)


class _Stdout:
    closed_at_start = False


def guard_stdout() -> None:
    """Give a closed standard output (``transcheck … >&-``) a /dev/null to hold fd 1.

    Else the next file opened (a report, a glossary's temporary file) would get fd 1 and
    anything printed would land in it. Writing a report there is then refused by
    ``write_stdout``.
    """
    try:
        os.fstat(1)
        if sys.stdout is not None:
            return
    except OSError:
        pass
    fd = os.open(os.devnull, os.O_WRONLY)
    if fd != 1:
        os.dup2(fd, 1)
        os.close(fd)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - lives as long as the process
    _Stdout.closed_at_start = True


def silence_stdout() -> None:
    """Point fd 1 at /dev/null, so that the interpreter's last flush of what is left in the
    buffer cannot fail again (a second message, or a traceback, at exit)."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):
        pass


def write_stdout(text: str) -> None:
    """Write command output: a reader that went away ends the command quietly, as Unix tools
    do (exit 141); standard output that is closed, full or broken is one line and exit 2."""
    if _Stdout.closed_at_start:
        raise CheckerError("standard output is closed: nowhere to write (use --output FILE)")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
    except OSError as e:
        silence_stdout()
        raise CheckerError(f"cannot write to standard output: {e.strerror or e}") from None


def reports_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorate a command: a CheckerError becomes `transcheck: error: path:line: message`, exit 2."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except CheckerError as e:
            raise fail(str(e)) from None

    return wrapper


def refuse_overwrite(output: Path | None, inputs: Sequence[Path]) -> None:
    """An --output that is one of the command's own inputs would destroy it: refuse first."""
    if output is None or not output.exists():
        return
    for path in inputs:
        try:
            same = path.exists() and os.path.samefile(output, path)
        except OSError:
            same = False
        if same:
            raise CheckerError(f"--output would overwrite the input {path}", path=str(output))


def new_app(name: str, help: str) -> typer.Typer:
    """A Typer app as all of transcheck's command groups are set up."""
    return typer.Typer(
        name=name,
        help=help,
        no_args_is_help=True,
        add_completion=False,
        # Errors users can cause are reported in one line; a traceback is a bug of ours.
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
