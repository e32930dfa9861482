from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "lenta-kalachev"
UKRAINE = REPO / "glossaries" / "ru-en" / "ukraine.yaml"


@pytest.fixture(scope="session")
def use_encoder():
    """The bundled encoder, loaded once for the whole test session."""
    from checker.embed import get_encoder

    return get_encoder("use")


@pytest.fixture(scope="session", autouse=True)
def _embedding_cache_in_tmp(tmp_path_factory):
    """Tests never write the user's real embedding cache (~/.cache/transcheck)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRANSCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("embedding-cache")))
        yield
