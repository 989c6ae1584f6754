"""Headings by meaning: which field a column's heading names, whatever its word forms, order and units."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import snowballstemmer

EXACT = "exact"  # the heading is one of the vocabulary's headings (after folding case, ё, punctuation)
WORDS = "words"  # the heading's word stems are those of a vocabulary heading, give or take noise words
CHOSEN = "chosen"  # the director chose the field on the Data page or with --map
AMBIGUOUS = "ambiguous"  # the words fit two fields equally well: not read, the director decides

_PUNCT = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[а-я]")


@dataclass(frozen=True)
class HeadingMatch:
    """What a heading was read as: its field (or None), how it was matched, and the fields it could be."""

    field: str | None
    how: str | None = None
    candidates: tuple[str, ...] = ()


def fold(text: object) -> str:
    """A heading folded for exact matching: lower case, ё→е, no punctuation or brackets, single spaces."""
    s = str(text).lower().replace("ё", "е")
    s = _PUNCT.sub(" ", s)
    return _SPACES.sub(" ", s).strip()


@cache
def _stemmers() -> tuple:
    return snowballstemmer.stemmer("russian"), snowballstemmer.stemmer("english")


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    ru, en = _stemmers()
    return (ru if _CYRILLIC.search(word) else en).stemWord(word)


def stems(text: str) -> frozenset[str]:
    """The word stems of a folded text, noise words (units, prepositions, qualifiers) left out."""
    vocabulary = _vocabulary()
    words = _WORD.findall(fold(text))
    return frozenset(s for s in map(_stem, words) if s not in vocabulary.noise and len(s) > 1)


@dataclass(frozen=True)
class _Vocabulary:
    fields: tuple[str, ...]
    exact: dict[str, str]  # folded heading -> field
    signatures: tuple[tuple[frozenset[str], str], ...]  # (stems of a heading, field)
    beside: dict[str, frozenset[str]]  # field -> stems that may stand beside its words
    noise: frozenset[str]
    headings: dict[str, tuple[str, ...]]


@cache
def _vocabulary() -> _Vocabulary:
    raw = json.loads(resources.files("partnerlib.data").joinpath("headings.json").read_text(encoding="utf-8"))
    noise_words = [w for group in raw["noise"].values() for w in group]
    noise = frozenset(_stem(w) for w in noise_words) | frozenset(noise_words)
    fields = raw["fields"]
    exact: dict[str, str] = {}
    signatures: list[tuple[frozenset[str], str, bool]] = []
    beside: dict[str, frozenset[str]] = {}
    for name, entry in fields.items():
        for heading in entry["headings"]:
            exact.setdefault(fold(heading), name)
            words = _WORD.findall(fold(heading))
            signature = frozenset(s for s in map(_stem, words) if s not in noise and len(s) > 1)
            if signature:
                # «№ договора» loses its «№» to the folding, as «Партнёр с» loses «с».
                signatures.append((signature, name, len(signature) < len(words) or "№" in heading))
        beside[name] = frozenset(_stem(w) for b in entry["beside"] for w in _WORD.findall(fold(b)))
    # Two fields may share words once noise is gone: «Партнёр с» (since) and «Партнёр» (partner). The
    # heading that lost words to the noise («с») is then matched exactly only.
    owners: dict[frozenset[str], set[str]] = {}
    for signature, name, _ in signatures:
        owners.setdefault(signature, set()).add(name)
    kept = tuple((sig, name) for sig, name, lossy in signatures if len(owners[sig]) == 1 or not lossy)
    return _Vocabulary(tuple(fields), exact, kept, beside, noise,
                       {name: tuple(entry["headings"]) for name, entry in fields.items()})


def fields() -> tuple[str, ...]:
    """Every field a heading can name, in the vocabulary's order."""
    return _vocabulary().fields


def vocabulary_headings(field: str) -> tuple[str, ...]:
    """The headings the vocabulary lists for a field (the first is how Partnerlib itself writes it)."""
    return _vocabulary().headings.get(field, ())


@lru_cache(maxsize=4096)
def match(text: object) -> HeadingMatch:
    """The field a heading names.

    Exact first; then by words: the heading's stems must hold all the stems of one of the field's
    vocabulary headings, and any other stem must be a word allowed beside that field (or noise).
    The field whose heading covers most of the words wins; a tie between two fields is AMBIGUOUS.
    """
    if text is None:
        return HeadingMatch(None)
    vocabulary = _vocabulary()
    key = fold(text)
    if not key:
        return HeadingMatch(None)
    if key in vocabulary.exact:
        return HeadingMatch(vocabulary.exact[key], EXACT)
    heading = stems(key)
    if not heading:
        return HeadingMatch(None)
    best: dict[str, int] = {}
    for signature, name in vocabulary.signatures:
        if signature <= heading and (heading - signature) <= vocabulary.beside[name]:
            best[name] = max(best.get(name, 0), len(signature))
    if not best:
        # Words of two fields and nothing to choose between them («Участники / просмотры»): say so.
        partial = {name for signature, name in vocabulary.signatures if signature <= heading}
        if len(partial) > 1:
            return HeadingMatch(None, AMBIGUOUS, tuple(n for n in vocabulary.fields if n in partial))
        return HeadingMatch(None)
    top = max(best.values())
    winners = tuple(name for name in vocabulary.fields if best.get(name) == top)
    if len(winners) > 1:
        return HeadingMatch(None, AMBIGUOUS, winners)
    return HeadingMatch(winners[0], WORDS)
