"""TC401 number-mismatch (checker.rules.numbers)."""

from __future__ import annotations

import pytest

from checker.model import Alignment
from checker.rules.base import CheckContext
from checker.rules.numbers import NumberMismatch
from tests.rules.contexts import context, document, seed_context


def test_seed_article_is_clean() -> None:
    assert list(NumberMismatch().check(seed_context())) == []
