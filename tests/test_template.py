"""Tests of the empty workbook template."""

from __future__ import annotations

import io

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from partnerlib import template
from partnerlib.categories import category_label, level_label, taxonomy
from partnerlib.model import PARTNER_SHEET_FIELDS, RU_HEADINGS
from partnerlib.reader import read_workbook
from partnerlib.template import EVENT_FIELDS, template_workbook


@pytest.fixture(scope="module")
def book() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(template_workbook()))


def _column(fields: list[str], field: str) -> str:
    return get_column_letter(fields.index(field) + 1)


def _validations(ws, column: str, kind: str | None = "list") -> list:
    """The validations of a sheet of one type that cover rows 2..1000 of a column."""
    found = []
    for dv in ws.data_validations.dataValidation:
        if dv.type != kind:
            continue
        if any(str(r) == f"{column}2:{column}1000" for r in dv.sqref.ranges):
            found.append(dv)
    return found


def _listed(book: openpyxl.Workbook, formula: str) -> list[str]:
    """The values a list validation offers, inline or from a range of another sheet."""
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet, ref = formula.rsplit("!", 1)
    ws = book[sheet.strip("'")]
    return [c.value for row in ws[ref.replace("$", "")] for c in row]


def test_sheets_and_headers(book):
    assert book.sheetnames[:2] == ["Партнёры", "Мероприятия"]
    for name in book.sheetnames[2:]:
        assert book[name].sheet_state == "hidden"
    partners, events = book["Партнёры"], book["Мероприятия"]
    assert [c.value for c in partners[1]] == [RU_HEADINGS[f] for f in PARTNER_SHEET_FIELDS]
    assert [c.value for c in events[1]] == [RU_HEADINGS[f] for f in EVENT_FIELDS]
    for ws in (partners, events):
        assert ws.max_row == 1  # empty: only the header
        assert all(c.font.b for c in ws[1])
        assert ws.freeze_panes == "A2"
        widths = [ws.column_dimensions[get_column_letter(i)].width for i in range(1, ws.max_column + 1)]
        assert all(w >= 10 for w in widths)


def test_category_lists_on_both_sheets(book):
    labels = [category_label(k, "ru") for k in taxonomy().keys]
    for ws, fields in ((book["Партнёры"], PARTNER_SHEET_FIELDS), (book["Мероприятия"], EVENT_FIELDS)):
        found = _validations(ws, _column(fields, "category"))
        assert len(found) == 1
        assert _listed(book, found[0].formula1) == labels
        assert not found[0].showErrorMessage  # own categories may be typed
        assert found[0].allow_blank


def test_format_list(book):
    found = _validations(book["Мероприятия"], _column(EVENT_FIELDS, "format"))
    assert len(found) == 1
    assert _listed(book, found[0].formula1) == ["онлайн", "очно", "смешанный"]


def test_level_list(book):
    found = _validations(book["Партнёры"], _column(PARTNER_SHEET_FIELDS, "level"))
    assert len(found) == 1
    assert _listed(book, found[0].formula1) == [level_label(k, "ru") for k in taxonomy().level_keys]


def test_audience_list_suggests_the_form_words(book):
    found = _validations(book["Мероприятия"], _column(EVENT_FIELDS, "audience"))
    assert len(found) == 1 and found[0].showErrorMessage is False
    assert _listed(book, found[0].formula1) == ["дети до 14 лет", "молодёжь 15–30 лет", "взрослые", "все возрасты"]
    assert book["Мероприятия"].cell(row=1, column=EVENT_FIELDS.index("audience") + 1).value == "Аудитория"


def test_date_prompt(book):
    found = _validations(book["Мероприятия"], _column(EVENT_FIELDS, "date"), kind=None)
    assert len(found) == 1
    assert found[0].showInputMessage
    assert found[0].prompt == "Дата (ДД.ММ.ГГГГ) или только год"


def test_long_lists_go_to_a_hidden_sheet():
    wb = openpyxl.Workbook()
    values = [f"Категория номер {i} с длинным названием" for i in range(12)]
    formula = template._list_formula(wb, 1, values)
    assert not formula.startswith('"')
    assert wb["Списки"].sheet_state == "hidden"
    sheet, ref = formula.rsplit("!", 1)
    assert sheet.strip("'") == "Списки"
    assert [c.value for row in wb["Списки"][ref.replace("$", "")] for c in row] == values
    assert template._list_formula(wb, 2, ["а", "б"]) == '"а,б"'


def test_a_filled_template_gives_the_audience():
    book = openpyxl.load_workbook(io.BytesIO(template_workbook()))
    events = book["Мероприятия"]
    for row, (title, audience) in enumerate([("Сказки", "дети до 14 лет"), ("Клуб", "пенсионеры")], start=2):
        events.cell(row=row, column=EVENT_FIELDS.index("date") + 1, value="2021")
        events.cell(row=row, column=EVENT_FIELDS.index("title") + 1, value=title)
        events.cell(row=row, column=EVENT_FIELDS.index("audience") + 1, value=audience)
    buf = io.BytesIO()
    book.save(buf)
    result = read_workbook(buf.getvalue(), "шаблон.xlsx")
    assert result.events["audience"].astype(object).tolist() == ["children", "adults"]
