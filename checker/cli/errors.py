"""Turns the library's one exception family into one line on stderr and exit code 2."""

from __future__ import annotations

import functools
from collections.abc import Callable
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
