"""The rule registry. RULES is explicit so that "what runs?" is answered by reading one tuple.

Codes are stable and never reused: TC1xx glossary, TC2xx names, TC3xx quotes, TC4xx numbers,
TC5xx alignment and coverage (TC505/TC506: files with no counterpart).
"""

from __future__ import annotations

from checker.rules.alignment import Addition, Omission, Untranslated, WeakAlignment
from checker.rules.base import Rule
from checker.rules.coverage import MissingSource, MissingTranslation
from checker.rules.names import NameInconsistent
from checker.rules.numbers import NumberMismatch
from checker.rules.quotes import QuoteAdded, QuoteMismatch, QuoteMissing, QuoteUnclosed
from checker.rules.terms import TermForbidden, TermMissing

RULES: tuple[type[Rule], ...] = (
    TermMissing,
    TermForbidden,
    NameInconsistent,
    QuoteMissing,
    QuoteAdded,
    QuoteMismatch,
    QuoteUnclosed,
    NumberMismatch,
    Omission,
    Addition,
    Untranslated,
    WeakAlignment,
    MissingTranslation,
    MissingSource,
)

__all__ = ["RULES", "Rule"]
