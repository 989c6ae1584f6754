"""Tests of the one text catalogue: every text a user reads has Russian and English, alike in placeholders."""

from __future__ import annotations

import re
import string

import pytest

from partnerlib import errors, i18n, settings
from partnerlib.store.errors import STORE_MESSAGES

CATALOGUE = i18n.catalogue()
CYRILLIC = re.compile("[А-Яа-яЁё]")


def placeholders(text: str) -> set[str]:
    """The names of a template's fields; `x_en` is the English form of the value `x` (given in both)."""
    return {re.sub(r"_en$", "", name) for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_text_has_russian_and_english_alike(key):
    texts = CATALOGUE[key]
    assert set(texts) >= {"ru", "en"}, key
    ru, en = texts["ru"], texts["en"]
    assert ru.strip() and en.strip(), key
    assert placeholders(ru) == placeholders(en), key
    assert not CYRILLIC.search(en), (key, en)


def test_the_catalogue_holds_every_kind_of_text():
    assert {f"problem.{c}" for c in errors.MESSAGES} <= set(CATALOGUE)
    assert {f"store.{c}" for c in STORE_MESSAGES} <= set(CATALOGUE)
    assert {f"config.{c}" for c in settings.CONFIG_MESSAGES} <= set(CATALOGUE)
    assert set(i18n.TEXTS) | set(i18n.CLI_TEXTS) <= set(CATALOGUE)
    assert any(k.startswith("migration.") for k in CATALOGUE)


def test_the_store_and_check_commands_print_only_catalogue_texts():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "partnerlib"
    for name in ("store_cli.py", "check_cli.py"):
        code = (root / name).read_text(encoding="utf-8")
        # Russian words are only in help texts of the parser, never in what the commands print.
        printed = re.findall(r"print\((f?\"[^\"]*\")", code)
        assert not [p for p in printed if CYRILLIC.search(p)], name
