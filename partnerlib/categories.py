"""Partner categories and levels: the default taxonomy (an editable data file) and matching labels to it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from partnerlib.model import NO_CATEGORY, normalise_header

_BRACKETS = re.compile(r"\(([^)]*)\)|\[([^\]]*)\]")


@dataclass(frozen=True)
class Taxonomy:
    """The categories and levels of one data file, with their labels and aliases."""

    keys: tuple[str, ...]
    labels: dict[str, dict[str, str]]  # key -> {"ru": ..., "en": ...}
    aliases: dict[str, str]  # normalised alias -> key
    level_keys: tuple[str, ...]
    level_labels: dict[str, dict[str, str]]
    level_aliases: dict[str, str]


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    """The default taxonomy, read once from `partnerlib/data/categories.json`."""
    raw = json.loads(resources.files("partnerlib").joinpath("data/categories.json").read_text("utf-8"))
    aliases: dict[str, str] = {}
    labels: dict[str, dict[str, str]] = {}
    for cat in raw["categories"]:
        labels[cat["key"]] = {"ru": cat["ru"], "en": cat["en"]}
        for alias in [cat["ru"], cat["en"], cat["key"], *cat["aliases"]]:
            aliases[normalise_header(alias)] = cat["key"]
    level_aliases: dict[str, str] = {}
    level_labels: dict[str, dict[str, str]] = {}
    for lvl in raw["levels"]:
        level_labels[lvl["key"]] = {"ru": lvl["ru"], "en": lvl["en"]}
        for alias in [lvl["ru"], lvl["en"], lvl["key"], *lvl["aliases"]]:
            level_aliases[normalise_header(alias)] = lvl["key"]
    return Taxonomy(
        keys=tuple(labels),
        labels=labels,
        aliases=aliases,
        level_keys=tuple(level_labels),
        level_labels=level_labels,
        level_aliases=level_aliases,
    )


def category_label(key: object, lang: str = "ru") -> str:
    """The label of a category key in a language; a category outside the taxonomy is shown as written."""
    labels = taxonomy().labels.get(str(key))
    return labels[lang] if labels else str(key)


def category_order(keys: Iterable[object]) -> list[str]:
    """Category keys in the taxonomy's order, then a library's own categories A–Z, then «no category».

    A missing key counts as model.NO_CATEGORY. The one order of every chart, table, slide and report.
    """
    present = {NO_CATEGORY if k is None or (not isinstance(k, str) and k != k) else str(k) for k in keys}
    order = [k for k in taxonomy().keys if k in present]
    rest = sorted(present - set(order) - {NO_CATEGORY})
    return order + rest + ([NO_CATEGORY] if NO_CATEGORY in present else [])


def level_label(key: object, lang: str = "ru") -> str:
    """The label of a level key in a language."""
    labels = taxonomy().level_labels.get(str(key))
    return labels[lang] if labels else str(key)


def match_level(text: object) -> str | None:
    """The level key a text names (`областной` -> regional), or None."""
    key = normalise_header(text)
    if not key:
        return None
    tax = taxonomy()
    if key in tax.level_aliases:
        return tax.level_aliases[key]
    found = {tax.level_aliases[w] for w in key.split() if w in tax.level_aliases}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=4096)
def match_category(text: str) -> tuple[str | None, str | None]:
    """Match a written category to the taxonomy.

    `Организации и учреждения (местные)` -> ("institutions", "municipal");
    `Местные органы власти` -> ("authorities", "municipal"); `Клубы` -> (None, None).

    Returns:
        (category key or None when nothing matches, level key or None).
    """
    tax = taxonomy()
    inside = " ".join(a or b for a, b in _BRACKETS.findall(text))
    outside = _BRACKETS.sub(" ", text)
    main = normalise_header(outside)
    level = match_level(inside) if inside.strip() else None
    key = tax.aliases.get(main) or tax.aliases.get(normalise_header(text))
    if key is None and main:
        # Drop level words ("местные органы власти") and try again; the word then gives the level.
        words = main.split()
        kept = [w for w in words if w not in tax.level_aliases]
        key = tax.aliases.get(" ".join(kept))
        if key is not None and level is None:
            level = match_level(" ".join(w for w in words if w in tax.level_aliases))
    if key is None and main:
        # The longest alias that starts the text: "учреждения культуры города" -> institutions.
        best = max(
            (a for a in tax.aliases if main.startswith(a + " ") and len(a) > 3),
            key=len,
            default=None,
        )
        key = tax.aliases[best] if best else None
    if key is not None and level is None:
        level = match_level(" ".join(w for w in main.split() if w in tax.level_aliases))
    return key, (level if key else None)
