"""Tests of the one text catalogue: every text a user reads has Russian and English, alike in placeholders."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

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


# ---------------------------------------------------------------- no Russian outside the catalogue

ROOT = Path(__file__).resolve().parent.parent / "partnerlib"
# Modules whose Russian is not text for her to read but words to read her sheets by (or the demo's data):
# the catalogue itself, the demo workbook, the parsers' vocabularies, the glyph widths of the slides' fonts.
ALLOWED = {
    "i18n.py": "the catalogue",
    "sample.py": "the demo workbook's made-up data",
    "values.py": "words the cell parsers read",
    "headings.py": "the headings' word stems",
    "layout.py": "words that mark totals, signatures, summary and branch sheets",
    "identity.py": "legal forms and words partner names are compared without",
    "register.py": "words the register's cells are read by",
    "fmt.py": "month names and the words of Russian numbers and dates",
    "textfit.py": "the widths of letters on a slide",
}


def russian_literals(source: str) -> list[tuple[int, str]]:
    """The string constants of a module's code that hold Cyrillic (docstrings aside; comments are not
    constants), with their line numbers; f-strings are looked at part by part."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value) for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and CYRILLIC.search(node.value)]


def stray_russian(source: str) -> list[tuple[int, str]]:
    """The Russian literals of a module that are not texts of the catalogue (a message table the catalogue
    takes in, such as errors.MESSAGES, holds only catalogue texts)."""
    russian = {texts["ru"] for texts in CATALOGUE.values()}
    return [(line, text) for line, text in russian_literals(source) if text not in russian]


MODULES = sorted(p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*.py"))


@pytest.mark.parametrize("module", [m for m in MODULES if m not in ALLOWED])
def test_no_module_holds_russian_the_catalogue_does_not(module):
    assert stray_russian((ROOT / module).read_text(encoding="utf-8")) == [], module


@pytest.mark.parametrize("source, stray", [
    ('def f():\n    """Сказать «привет»."""\n    # по-русски\n    return 1\n', []),
    ('print("Файл сохранён")\n', [(1, "Файл сохранён")]),
    ('x = f"Импорт № {n} сохранён"\n', [(1, "Импорт № "), (1, " сохранён")]),
    ('help = "xlsx, xlsm"\n', []),
    (f'text = "{i18n.TEXTS["page_overview"]["ru"]}"\n', []),  # a catalogue text, where the catalogue takes it in
    ('class A:\n    """Документ."""\n    word = "слово"\n', [(3, "слово")]),
])
def test_russian_literals_are_found_in_code_not_in_docstrings(source, stray):
    assert stray_russian(source) == stray


def test_the_allowed_modules_exist():
    assert set(ALLOWED) <= set(MODULES)


@pytest.mark.parametrize("data, ru, en", [
    (b"%PDF-1.7\n" + b"\x00" * 64, "PDF-документ", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "изображение PNG", "a PNG image"),
    (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "веб-страница (HTML)", "a web page (HTML)"),
    (b"PK\x03\x04 not really a zip", "повреждённый zip-архив", "a damaged zip archive"),
])
def test_what_a_file_that_is_no_sheet_is_reads_in_each_language(data, ru, en):
    from partnerlib.reader import read_workbook

    problem = read_workbook(data, "отчёт.xls").errors[0]
    assert ru in problem.message_in("ru")
    assert en in problem.message_in("en") and not CYRILLIC.search(problem.message_in("en").replace("отчёт", ""))


def test_the_store_preview_speaks_the_page_language(tmp_path):
    from conftest import workbook_bytes

    from partnerlib.reader import read_workbook
    from partnerlib.store import Store

    def file(category, level, name):
        data = workbook_bytes([{"partner": "Городской музей", "category": category, "level": level, "since": 2015}],
                              [{"date": "12.03.2020", "title": "Лекция", "partners": "Городской музей",
                                "format": "очно", "participants": 1200}])
        return read_workbook(data, name)

    with Store(tmp_path / "store.db") as s:
        s.apply(file("СМИ", "муниципальный", "a.xlsx"), "a.xlsx", "a" * 64)
        later = file("Органы власти", "региональный", "b.xlsx")
        ru, en = s.preview(later), s.preview(later, "en")
    assert ru.category_changes[["old", "new"]].values.tolist() == [["СМИ", "Органы власти"]]
    assert en.category_changes[["old", "new"]].values.tolist() == [["Media", "Authorities"]]
    levels = en.conflicts[en.conflicts["column"] == "level"]
    assert levels[["old", "new"]].values.tolist() == [["municipal", "regional"]]
