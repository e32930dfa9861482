"""Renderers: each turns a result into a string and does no I/O. The CLI writes it."""

from __future__ import annotations

import enum


class CheckFormat(enum.StrEnum):
    """The output formats of `transcheck check`."""

    TEXT = "text"
    JSON = "json"


class AlignFormat(enum.StrEnum):
    """The output formats of `transcheck align`."""

    TEXT = "text"
    TSV = "tsv"
    JSON = "json"


class RulesFormat(enum.StrEnum):
    """The output formats of `transcheck rules`."""

    TEXT = "text"
    MARKDOWN = "markdown"
