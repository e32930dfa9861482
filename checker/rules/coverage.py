"""Rules about the content tree rather than one pair: a file with no counterpart at all.

They are decided while the pairs are formed (``checker.batch.pairing``), before any file is
read, so their ``check`` over an aligned pair finds nothing; ``for_file`` makes the finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model import Finding, Location, Severity, Span
from checker.rules.base import CheckContext, Rule

# The finding points at the start of the file that exists: there is no sentence to name.
_FILE_START = Location((), Span(0, 0))


class MissingTranslation(Rule):
    """
    ## What it does
    Reports a source file that the configured pairing maps to a target file that does
    not exist (`content/ru/a.md` with no `content/en/a.md`), or a manifest row that names
    a source and no target.

    ## Why
    An article that was never translated is the largest omission there is, and the one no
    check of the existing pairs can see. In a CI job over a content tree it is what a
    pull request adding a source article should be reminded of.

    ## Example
    Pairs: `source: content/ru/**/*.md`, `target: content/en/{path}`
    Files: content/ru/news/a.md, content/ru/news/b.md, content/en/news/a.md
    Reported: content/ru/news/b.md has no translation: content/en/news/b.md does not exist.
    """

    code = "TC505"
    slug = "missing-translation"
    severity = Severity.ERROR
    summary = "A source file has no translation."
    per_pair = False
    messages = {
        "missing": "The source file has no translation",
        "expected": "The source file has no translation: {expected} does not exist",
    }

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        return iter(())

    def for_file(self, expected: str | None) -> Finding:
        if expected is None:
            return self.finding("missing", source=_FILE_START)
        return self.finding("expected", source=_FILE_START, expected=expected)


class MissingSource(Rule):
    """
    ## What it does
    Reports a target file that matches the configured pairing's target pattern but that
    no source file maps to (`content/en/old.md` with no `content/ru/old.md`), or a
    manifest row whose source file does not exist.

    ## Why
    A translation whose source was deleted or renamed is stale: it no longer follows the
    source, and later edits of the renamed source will never reach it. It is a warning,
    since a target-language tree may also hold articles written in that language.

    ## Example
    Pairs: `source: content/ru/**/*.md`, `target: content/en/{path}`
    Files: content/ru/a.md, content/en/a.md, content/en/old.md
    Reported: content/en/old.md has no source file.
    """

    code = "TC506"
    slug = "missing-source"
    severity = Severity.WARNING
    summary = "A target file has no source."
    per_pair = False
    messages = {
        "missing": "The target file has no source file",
        "expected": "The target file has no source: {expected} does not exist",
    }

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        return iter(())

    def for_file(self, expected: str | None) -> Finding:
        if expected is None:
            return self.finding("missing", target=_FILE_START)
        return self.finding("expected", target=_FILE_START, expected=expected)
