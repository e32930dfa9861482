"""Renderers: each turns a result into a string and does no I/O. The CLI writes it."""

from __future__ import annotations

import enum


class CheckFormat(enum.StrEnum):
    """The output formats of `transcheck check`."""

    TEXT = "text"
    JSON = "json"
    # For CI (checker/report/sarif.py, github.py, gitlab.py, junit.py): a run over many pairs too.
    SARIF = "sarif"
    GITHUB = "github"
    GITLAB = "gitlab"
    JUNIT = "junit"
    HTML = "html"  # the review page (checker/report/html.py)


class AlignFormat(enum.StrEnum):
    """The output formats of `transcheck align`."""

    TEXT = "text"
    TSV = "tsv"
    JSON = "json"
    HTML = "html"


class RulesFormat(enum.StrEnum):
    """The output formats of `transcheck rules`."""

    TEXT = "text"
    MARKDOWN = "markdown"
