"""Tests of the escapers: each target gets the text shown exactly as written, never markup, links or formulas."""

from __future__ import annotations

import io
import tomllib
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import python_calamine

from partnerlib import safe
from partnerlib.xlsx import write_workbook

ROOT = Path(__file__).resolve().parent.parent
WJ = safe.WORD_JOINER


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Администрация г. Сарова", "Администрация г. Сарова"),
        ("**ЖИРНАЯ**", r"\*\*ЖИРНАЯ\*\*"),
        ("$x^2$", r"\$x^2\$"),
        ("[сайт](http://evil.example)", rf"\[сайт\](http\:{WJ}//evil.example)"),
        ('<a href="x">клик</a>', r'\<a href="x"\>клик\</a\>'),
        ("<b>b</b>", r"\<b\>b\</b\>"),
        (":smile: и :material/home:", r"\:smile\: и \:material\/home\:"),
        (":red[красный]", r"\:red\[красный\]"),
        ("Итог: 5", "Итог: 5"),
        ("www.evil.example a@b.ru", f"www{WJ}.evil.example a@{WJ}b.ru"),
        ("# заголовок", r"\# заголовок"),
        ("- пункт", r"\- пункт"),
        ("1. список", r"1\. список"),
        ("> цитата", r"\> цитата"),
        ("&lt;b&gt;", r"\&lt;b\&gt;"),
        ("~~нет~~ `код` a_b_", r"\~\~нет\~\~ \`код\` a\_b\_"),
        ("строка\nдругая\tстрока", "строка другая строка"),
        ("100\u00a0%", "100\u00a0%"),
        ("a\u202eb\x00c", "abc"),
        (None, ""),
        (float("nan"), ""),
        (pd.NA, ""),
    ],
)
def test_markdown(raw, expected):
    assert safe.markdown(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Партнёр", "Партнёр"),
        ('<a href="http://x">клик</a>', '&lt;a href="http://x"&gt;клик&lt;/a&gt;'),
        ("<b>b</b><br><sup>2</sup>", "&lt;b&gt;b&lt;/b&gt;&lt;br&gt;&lt;sup&gt;2&lt;/sup&gt;"),
        ("A & B", "A &amp; B"),
        ("%{customdata}", "%\u200b{customdata}"),
        ("$x^2$", "\u200b$x^2$"),
        ("a\u202eb\x07", "ab"),
        ("две\nстроки", "две строки"),
    ],
)
def test_plotly(raw, expected):
    assert safe.plotly(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  a  b \n\n c ", "a b\nc"),
        ("x\r\ny\rz", "x\ny\nz"),
        ("a\x00b\x0bc", "a b c"),
        ("лево\u202eправо\u2066", "левоправо"),
        ('=HYPERLINK("x")', '=HYPERLINK("x")'),
        (None, ""),
    ],
)
def test_office(raw, expected):
    assert safe.office(raw) == expected


def test_html():
    assert safe.html('<a href="x">\'&\'</a>\u202e') == "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;"


@pytest.mark.parametrize(
    ("raw", "formula"),
    [
        ("=1+1", True),
        ('=HYPERLINK("http://x","y")', True),
        ("+7 900", True),
        ("-1", True),
        ("@SUM(A1)", True),
        ("\t=cmd|' /C calc'!A0", True),
        ("\r=1", True),
        ("  \n+1", True),
        ("Обычный текст", False),
        ("1-2", False),
        ("", False),
    ],
)
def test_formula_like(raw, formula):
    assert safe.formula_like(raw) is formula


def test_spreadsheet_keeps_every_character_xml_allows():
    assert safe.spreadsheet("a\tb\nc\rd\x00e\x1ff\ufffe") == "a\tb\nc\rdef"
    assert safe.spreadsheet(None) == ""


def test_xlsx_cells_that_look_like_formulas_stay_marked_text():
    texts = ["=1+1", "\t=2+2", "\r=3+3", "+4", "-1", "@SUM(A1)", "bad\x00char", "обычный"]
    frame = pd.DataFrame({"text": texts, "number": [-1, 2, 3, 4, 5, 6, 7, 8]})
    data = write_workbook({"s": frame})
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(ws.iter_rows(min_row=2))
    # Values as Excel reads them (openpyxl leaves the XML escape of a carriage return, _x000D_, as it is).
    values = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert [row[0] for row in values[1:]] == [*texts[:6], "badchar", "обычный"]
    assert all(r[0].data_type == "s" for r in rows)
    assert [r[0].quotePrefix for r in rows] == [True] * 6 + [False, False]
    assert [r[1].value for r in rows] == [-1, 2, 3, 4, 5, 6, 7, 8]  # numbers stay numbers, negatives too


def test_table_toolbar_offers_no_csv_download():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True
