"""The partner register: its cells parsed, its columns read from sheets, written to the backup and the template."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
from conftest import xlsx_bytes
from openpyxl.utils import get_column_letter

from partnerlib import model, register
from partnerlib.backup import export_workbook
from partnerlib.errors import INFO, WARNING
from partnerlib.reader import read_workbook
from partnerlib.store import Store
from partnerlib.template import template_workbook

D = dt.date


@pytest.mark.parametrize(("value", "heading", "expected"), [
    ("договор", None, ("contract", None)),
    ("Договор", None, ("contract", None)),
    ("Договор № 15 от 01.02.2021", None, ("contract", None)),
    ("соглашение", None, ("agreement", None)),
    ("Соглашение о сотрудничестве", None, ("agreement", None)),
    ("без договора", None, ("none", None)),
    ("нет", None, ("none", None)),
    ("—", None, ("none", None)),
    ("-", None, ("none", None)),
    ("не заключён", None, ("none", None)),
    ("да", "Договор", ("contract", None)),
    ("есть", "Соглашение", ("agreement", None)),
    ("contract", None, ("contract", None)),
    ("agreement", None, ("agreement", None)),
    ("", None, (None, None)),
    (None, None, (None, None)),
    ("устно", None, (None, "agreement_kind_unknown")),
])
def test_kind_of_a_cell(value, heading, expected):
    assert register.kind_of(value, heading) == expected


@pytest.mark.parametrize(("value", "until", "signed", "expected"), [
    (D(2021, 2, 1), False, None, (D(2021, 2, 1), None)),
    (dt.datetime(2021, 2, 1, 0, 0), True, None, (D(2021, 2, 1), None)),
    ("01.02.2021", False, None, (D(2021, 2, 1), None)),
    ("1 февраля 2021", False, None, (D(2021, 2, 1), None)),
    ("февраль 2021", False, None, (D(2021, 2, 1), "agreement_date_partial")),
    ("февраль 2024", True, None, (D(2024, 2, 29), "agreement_date_partial")),
    ("декабрь 2025", True, None, (D(2025, 12, 31), "agreement_date_partial")),
    ("2025", True, None, (D(2025, 12, 31), "agreement_date_partial")),
    (2025, True, None, (D(2025, 12, 31), "agreement_date_partial")),
    (2021, False, None, (D(2021, 1, 1), "agreement_date_partial")),
    ("01.01.2021–31.12.2025", True, None, (D(2025, 12, 31), None)),
    ("5 лет", True, D(2021, 2, 1), (D(2026, 1, 31), "agreement_term")),
    ("на 3 года", True, D(2020, 3, 1), (D(2023, 2, 28), "agreement_term")),
    ("1 год", True, D(2024, 2, 29), (D(2025, 2, 27), "agreement_term")),
    ("5 лет", True, None, (None, "agreement_term_no_start")),
    ("с 01.02.2021 по 31.01.2026", True, None, (D(2026, 1, 31), None)),
    ("с 01.02.2021 по 31.01.2026", False, None, (D(2021, 2, 1), None)),
    ("до 31.12.2025", True, None, (D(2025, 12, 31), None)),
    ("01.01.2021 - 31.12.2025", False, None, (D(2021, 1, 1), None)),
    ("бессрочно", True, None, (None, None)),
    ("бессрочный", True, None, (None, None)),
    ("", True, None, (None, None)),
    (None, False, None, (None, None)),
    ("вчера", False, None, (None, "agreement_date_bad")),
    ("31.02.2021", False, None, (None, "agreement_date_bad")),
])
def test_date_of_a_cell(value, until, signed, expected):
    assert register.date_of(value, until=until, signed=signed) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (89101234567.0, "89101234567"), (89101234567, "89101234567"), ("8 (83130) 3-12-45", "8 (83130) 3-12-45"),
    ("  info@museum.ru ", "info@museum.ru"), (None, None), ("", None),
])
def test_text_of_a_cell(value, expected):
    assert register.text_of(value) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("МБОУ СОШ № 5 — договор", ("МБОУ СОШ № 5", "contract")),
    ("Городской музей - соглашение", ("Городской музей", "agreement")),
    ("Газета «Договор»", ("Газета «Договор»", None)),
    ("Клуб «Радуга»", ("Клуб «Радуга»", None)),
])
def test_the_reports_mark_after_a_name(name, expected):
    assert register.unmarked(name) == expected


HEADER = ["Наименование партнёра", "Категория", "Договор", "№ договора", "Дата заключения", "Срок действия",
          "Контактное лицо", "Должность", "Телефон", "E-mail", "Ответственный", "Сайт"]


def test_a_register_sheet_is_read_field_by_field():
    rows = [HEADER,
            ["МБОУ СОШ № 5 — договор", "Организации и учреждения", None, "15-к", D(2021, 2, 1), "5 лет",
             "Иванова Мария Петровна", "директор", 89101234567, "school5@example.ru", "Петрова А. А.",
             "school5.example.ru"],
            ["Городской музей", "Организации и учреждения", "соглашение", None, "март 2020", "2025",
             None, None, "8 (83130) 3-12-45", None, None, None],
            ["Газета «Курьер»", "СМИ", "—", None, None, "бессрочно", None, None, None, None, None, None],
            ["Клуб «Радуга»", "Общественные организации", "Договор № 7 от 01.03.2022 до 28.02.2027", None, None,
             None, None, None, None, None, None, None],
            ["Фонд «Книга»", "Другие", "устно", None, "вчера", None, None, None, None, None, None, None]]
    result = read_workbook(xlsx_bytes({"Партнёры": rows}), "r.xlsx")
    got = result.partners.set_index("partner")[model.REGISTER_FIELDS].astype(object)
    got = got.where(got.notna(), None)
    T = pd.Timestamp
    assert got.loc["МБОУ СОШ № 5"].tolist() == [
        "contract", "15-к", T(2021, 2, 1), T(2026, 1, 31), "Иванова Мария Петровна", "директор", "89101234567",
        "school5@example.ru", "Петрова А. А.", "school5.example.ru"]
    assert got.loc["Городской музей"].tolist() == [
        "agreement", None, T(2020, 3, 1), T(2025, 12, 31), None, None, "8 (83130) 3-12-45", None, None, None]
    assert got.loc["Газета «Курьер»"].tolist() == ["none", *[None] * 9]
    assert got.loc["Клуб «Радуга»"].tolist()[:4] == ["contract", "7", T(2022, 3, 1), T(2027, 2, 28)]
    assert got.loc["Фонд «Книга»"].tolist() == [None] * 10
    assert {str(result.partners[f].dtype) for f in model.REGISTER_FIELDS} == {
        "category", "string", "datetime64[ns]"}
    found = {(p.severity, p.code, p.row, p.column, p.value) for p in result.problems
             if p.code.startswith("agreement")}
    assert found == {
        (INFO, "agreement_term", 2, "Срок действия", "5 лет"),
        (INFO, "agreement_date_partial", 3, "Дата заключения", "март 2020"),
        (INFO, "agreement_date_partial", 3, "Срок действия", "2025"),
        (WARNING, "agreement_kind_unknown", 6, "Договор", "устно"),
        (WARNING, "agreement_date_bad", 6, "Дата заключения", "вчера"),
    }
    assert next(p for p in result.problems if p.code == "agreement_kind_unknown").message.startswith(
        "Вид договора «устно» не распознан")


def test_responsible_on_an_events_sheet_is_named_not_read():
    rows = [["Дата", "Мероприятие", "Ответственный"], ["12.03.2021", "Чтения", "Иванова"]]
    result = read_workbook(xlsx_bytes({"2021": rows}), "e.xlsx")
    (problem,) = [p for p in result.problems if p.column == "Ответственный"]
    assert (problem.code, problem.severity) == ("column_unused", WARNING)
    assert "«Иванова»" in problem.message


def test_the_backup_holds_the_register_and_reads_back_with_no_loss(tmp_path):
    rows = [HEADER,
            ["Школа № 5", "Организации и учреждения", "договор", "15-к", D(2021, 2, 1), D(2026, 1, 31),
             "Иванова М. П.", "директор", "89101234567", "info@school5.example.ru", "Петрова", "school5.example.ru"],
            ["Музей", "Организации и учреждения", "без договора", None, None, None, None, None, None, None,
             None, None],
            ["Газета", "СМИ", "соглашение", None, None, None, None, None, None, None, None, None]]
    with Store(tmp_path / "a.db") as s:
        s.apply(read_workbook(xlsx_bytes({"Партнёры": rows}), "r.xlsx"))
        stored = s.load()
        backup = s.export_xlsx()
    ws = openpyxl.load_workbook(io.BytesIO(backup))["Партнёры"]
    header = [c.value for c in ws[1]]
    assert header == [model.RU_HEADINGS[f] for f in model.PARTNER_SHEET_FIELDS]
    first = {h: c for h, c in zip(header, ws[2], strict=True)}
    assert (first["Договор"].value, first["Дата заключения"].value, first["Телефон"].value) == (
        "договор", dt.datetime(2021, 2, 1), "89101234567")
    assert first["Телефон"].data_type == "s"  # a phone stays text
    assert [ws.cell(row=r, column=header.index("Договор") + 1).value for r in (3, 4)] == ["без договора",
                                                                                         "соглашение"]
    back = read_workbook(backup, "backup.xlsx")
    pd.testing.assert_frame_equal(back.partners, stored.partners)


def test_export_workbook_of_a_dataset_without_register_values():
    data = model.Dataset.empty()
    partners = read_workbook(export_workbook(data), "x.xlsx").partners
    assert partners.empty


@pytest.fixture(scope="module")
def template() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(template_workbook()))


def _covering(ws, field: str, kind: str | None) -> list:
    letter = get_column_letter(model.PARTNER_SHEET_FIELDS.index(field) + 1)
    return [dv for dv in ws.data_validations.dataValidation
            if dv.type == kind and any(str(r) == f"{letter}2:{letter}1000" for r in dv.sqref.ranges)]


def test_the_template_offers_the_kinds_and_checks_the_dates(template):
    ws = template["Партнёры"]
    assert [c.value for c in ws[1]][-10:] == [model.RU_HEADINGS[f] for f in model.REGISTER_FIELDS]
    (kinds,) = _covering(ws, "agreement_kind", "list")
    assert kinds.formula1 == '"договор,соглашение,без договора"' and kinds.showErrorMessage
    for field in ("agreement_signed", "agreement_until"):
        (dates,) = _covering(ws, field, "date")
        assert dates.showErrorMessage and dates.prompt.startswith("Дата (ДД.ММ.ГГГГ)")
    (hint,) = _covering(ws, "contact_name", None)
    assert "Личные данные" in hint.prompt
    # Every kind the list offers reads back as that kind.
    assert [register.kind_of(v)[0] for v in kinds.formula1.strip('"').split(",")] == model.AGREEMENT_KINDS


@pytest.mark.parametrize(("row", "lang", "expected"), [
    ({"agreement_kind": "contract", "agreement_number": "15", "agreement_signed": D(2021, 2, 1),
      "agreement_until": D(2025, 12, 31)}, "ru", [("Договор", "договор № 15 от 01.02.2021 до 31.12.2025")]),
    ({"agreement_kind": "agreement", "agreement_until": D(2026, 1, 1)}, "en",
     [("Agreement", "agreement valid until 01.01.2026")]),
    ({"agreement_kind": "none"}, "ru", [("Договор", "без договора")]),
    ({"contact_name": "Сидорова", "contact_phone": "3-12-45", "responsible": "Петрова", "website": "museum.example"},
     "ru", [("Контактное лицо", "Сидорова, 3-12-45"), ("Ответственный", "Петрова"), ("Сайт", "museum.example")]),
    ({}, "ru", []),
])
def test_the_register_lines_of_a_partners_page(row, lang, expected):
    assert register.register_lines(row, lang) == expected


def test_register_row_finds_the_partner_by_its_key():
    partners = read_workbook(xlsx_bytes({"Партнёры": [HEADER, ["МБОУ «Школа № 5»", None, "договор", None,
                                                                D(2021, 2, 1)]]}), "r.xlsx").partners
    assert register.register_row(partners, "мбоу школа № 5") == {"agreement_kind": "contract",
                                                           "agreement_signed": D(2021, 2, 1)}
    assert register.register_row(partners, "музей") == {}
