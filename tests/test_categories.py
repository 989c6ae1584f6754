"""Tests of matching written partner categories and levels to the default taxonomy."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from partnerlib.categories import category_label, level_label, match_category, match_level, taxonomy

CATEGORIES = [
    # written category, key, level
    # the labels of the taxonomy
    ("Органы власти", "authorities", None),
    ("Организации и учреждения", "institutions", None),
    ("Социальные службы", "social_services", None),
    ("Общественные организации", "public_organizations", None),
    ("СМИ", "media", None),
    ("Другие", "other", None),
    # the report template's wordings (seed 000, section 4.1.1)
    ("Местные органы власти", "authorities", "municipal"),
    ("СМИ (печатные и электронные)", "media", None),
    ("Организации и учреждения (федеральные и региональные)", "institutions", None),
    ("Организации и учреждения (местные)", "institutions", "municipal"),
    # a bracketed or leading level word gives the level
    ("Организации и учреждения (областные)", "institutions", "regional"),
    ("Организации и учреждения (международные)", "institutions", "international"),
    ("Органы власти (федеральные)", "authorities", "federal"),
    ("Федеральные органы власти", "authorities", "federal"),
    ("Муниципальные учреждения", "institutions", "municipal"),
    ("Областные учреждения", "institutions", "regional"),
    ("Общественные организации (городские)", "public_organizations", "municipal"),
    # case, ё, punctuation and spaces do not matter
    ("ОРГАНЫ ВЛАСТИ", "authorities", None),
    ("органы  власти.", "authorities", None),
    ("  сми ", "media", None),
    ("Социальные службы:", "social_services", None),
    # aliases and English
    ("Учреждения образования", "institutions", None),
    ("Учреждения культуры", "institutions", None),
    ("учреждения культуры города", "institutions", None),
    ("Средства массовой информации", "media", None),
    ("Пресса", "media", None),
    ("НКО", "public_organizations", None),
    ("Соцзащита", "social_services", None),
    ("Администрация", "authorities", None),
    ("Прочие", "other", None),
    ("Authorities", "authorities", None),
    ("Media", "media", None),
    ("Public organisations", "public_organizations", None),
    ("other", "other", None),
    ("institutions", "institutions", None),
    # a library's own categories match nothing
    ("Клубы", None, None),
    ("Библиотеки", None, None),
    ("Волонтёры", None, None),
    ("Партнёры из других городов", None, None),
    ("", None, None),
]


@pytest.mark.parametrize(("text", "key", "level"), CATEGORIES)
def test_match_category(text, key, level):
    assert match_category(text) == (key, level)


LEVELS = [
    ("федеральный", "federal"),
    ("Федеральные", "federal"),
    ("Российский", "federal"),
    ("региональный", "regional"),
    ("Областной", "regional"),
    ("краевой", "regional"),
    ("муниципальный", "municipal"),
    ("местный", "municipal"),
    ("городской", "municipal"),
    ("Муниципальный уровень", "municipal"),
    ("международный", "international"),
    ("зарубежные", "international"),
    ("federal", "federal"),
    ("local", "municipal"),
    # two levels at once, or none
    ("федеральные и региональные", None),
    ("всемирный", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("text", "level"), LEVELS)
def test_match_level(text, level):
    assert match_level(text) == level


def test_every_label_and_alias_of_the_data_file_matches_its_key():
    raw = json.loads(resources.files("partnerlib").joinpath("data/categories.json").read_text("utf-8"))
    for cat in raw["categories"]:
        for text in [cat["ru"], cat["en"], *cat["aliases"]]:
            assert match_category(text)[0] == cat["key"], text
    for lvl in raw["levels"]:
        for text in [lvl["ru"], lvl["en"], *lvl["aliases"]]:
            assert match_level(text) == lvl["key"], text


def test_taxonomy_has_the_six_default_categories_and_four_levels():
    tax = taxonomy()
    assert tax.keys == ("authorities", "institutions", "social_services", "public_organizations", "media", "other")
    assert tax.level_keys == ("federal", "regional", "municipal", "international")


@pytest.mark.parametrize(("key", "lang", "label"), [
    ("authorities", "ru", "Органы власти"),
    ("institutions", "ru", "Организации и учреждения"),
    ("media", "en", "Media"),
    ("other", "ru", "Другие"),
    # a library's own category is shown as written
    ("Клубы", "ru", "Клубы"),
    ("Клубы", "en", "Клубы"),
])
def test_category_label(key, lang, label):
    assert category_label(key, lang) == label


@pytest.mark.parametrize(("key", "lang", "label"), [
    ("municipal", "ru", "муниципальный"), ("regional", "en", "regional"), ("galactic", "ru", "galactic"),
])
def test_level_label(key, lang, label):
    assert level_label(key, lang) == label


@pytest.mark.parametrize("key", ["authorities", "institutions", "social_services", "public_organizations", "media",
                                 "other"])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_labels_read_back_to_their_key(key, lang):
    assert match_category(category_label(key, lang)) == (key, None)
