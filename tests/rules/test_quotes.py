"""The quote rules (checker.rules.quotes): TC301 quote-missing, TC302 quote-added, TC303 quote-mismatch."""

from __future__ import annotations

import pytest

from checker.embed import Encoder, get_encoder
from checker.rules.base import CheckContext
from checker.rules.quotes import QuoteAdded, QuoteMismatch, QuoteMissing
from tests.rules.contexts import context, seed_context


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    return get_encoder("use")


def with_encoder(ctx: CheckContext, encoder: Encoder) -> CheckContext:
    return CheckContext(ctx.source, ctx.target, ctx.alignments, ctx.glossaries, ctx.options, encoder)


def codes(ctx: CheckContext) -> list[str]:
    return [f.code for rule in (QuoteMissing(), QuoteAdded(), QuoteMismatch()) for f in rule.check(ctx)]


# --- rules without an encoder -----------------------------------------------------------


# --- rules with the encoder -------------------------------------------------------------


def test_seed_article_is_clean(encoder: Encoder) -> None:
    assert codes(seed_context()) == []
    assert codes(seed_context(encoder)) == []
