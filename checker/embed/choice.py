"""Which encoder embeds a document pair: ``auto`` picks one that reads both languages."""

from __future__ import annotations

from dataclasses import dataclass

from checker.embed import e5
from checker.embed.encoder import Encoder
from checker.embed.use import USE_LANGUAGES
from checker.language.conventions import language_key


def judges_meaning(encoder: Encoder | None, *languages: str) -> bool:
    """Whether ``encoder``'s similarity can be trusted to compare meaning in these languages.

    An encoder may declare ``languages`` (a set of codes); one that does not is trusted.
    """
    if encoder is None:
        return False
    known: frozenset[str] | None = getattr(encoder, "languages", None)
    return known is None or all(language_key(lang) in known for lang in languages)


@dataclass(frozen=True)
class EncoderChoice:
    """The encoder for one language pair and what it can be trusted with.

    ``reads_pair``: its similarity is evidence of meaning in both languages (TC504 and
    TC303's meaning check run only then). ``warning``: one line for the user when the
    right encoder for the pair is missing (the extra to install), else None.
    """

    encoder: Encoder
    requested: str
    reads_pair: bool
    warning: str | None = None


def _unread(pair: tuple[str, str], known: frozenset[str]) -> str:
    """The languages of ``pair`` outside ``known``, for a warning: "uk"."""
    return ", ".join(sorted({language_key(lang) for lang in pair} - known))


def choose_encoder(spec: str, source_language: str, target_language: str, *, threads: int | None = None) -> EncoderChoice:
    """The encoder ``spec`` names, or for "auto": USE where it reads both languages (it is
    30–80× faster), else multilingual-e5 (the ``multilingual`` extra), else USE with a
    warning: the pair is then aligned mostly by length and anchors, and the similarity
    rules are silent for it."""
    from checker.embed import get_encoder

    pair = (source_language, target_language)
    if spec != "auto":
        chosen = get_encoder(spec, threads=threads)
        if judges_meaning(chosen, *pair):
            return EncoderChoice(chosen, spec, True)
        # The user asked for it: keep it, but say what it costs (quietly silent rules would
        # read as a clean translation).
        known: frozenset[str] = getattr(chosen, "languages", frozenset())
        warning = (
            f"{source_language}→{target_language}: encoder {spec} does not read {_unread(pair, known)}; TC504 and TC303's "
            "meaning check are off for this pair (--encoder auto picks one that reads it)"
        )
        return EncoderChoice(chosen, spec, False, warning)
    use = get_encoder("use", threads=threads)
    if judges_meaning(use, *pair):
        return EncoderChoice(use, spec, True)
    reason = e5.unavailable_reason()
    if reason is None:
        # Also for a language outside both lists: e5's subwords cover a hundred languages
        # and their relatives, USE's sixteen.
        multilingual = get_encoder("e5", threads=threads)
        return EncoderChoice(multilingual, spec, judges_meaning(multilingual, *pair))
    warning = (
        f"{source_language}→{target_language}: the encoder that reads {_unread(pair, USE_LANGUAGES)} cannot be used here ({reason}); "
        f"aligned by length and anchors, without TC504 and TC303's meaning check. Install it: {e5.install_hint()}"
    )
    return EncoderChoice(use, spec, False, warning)
