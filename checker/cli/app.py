"""What every command group shares: how a Typer app is set up, and how errors reach the user.

The library's one exception family becomes one line on stderr and exit code 2."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ParamSpec, TypeVar

import typer

from checker.errors import CheckerError

P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str) -> typer.Exit:
    typer.echo(f"transcheck: error: {message}", err=True)
    return typer.Exit(2)


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
