"""A library system's files: the summary's «Свод» sheet and a sheet per library (re-opened with openpyxl),
and the report made for one library (`report --branch`, the Export page's choice)."""

from __future__ import annotations

import io
import math

import docx
import openpyxl
import pytest
from conftest import workbook_bytes
from test_app import _navigation_app, _no_store, app, upload  # noqa: F401 (fixtures)
from test_branches import B1, B2, PARTNERS, rows

from partnerlib import branches, read_workbook
from partnerlib.cli import main
from partnerlib.report import build_report, report_partners
from partnerlib.summary import build_summary

SHEETS_BEFORE = ["Свод", B1, B2, "Библиотека не указана"]


@pytest.fixture(scope="module")
def data() -> bytes:
    return workbook_bytes(PARTNERS, rows())


@pytest.fixture(scope="module")
def ds(data):
    return read_workbook(data, "филиалы.xlsx").dataset()


@pytest.fixture(scope="module")
def table(ds):
    return branches.branch_table(ds)


def values(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def plain(v):
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else v


@pytest.mark.parametrize("year", [2020, 2021])
def test_roll_up_sheet_holds_the_libraries_and_the_total_of_the_year(ds, table, year):
    wb = openpyxl.load_workbook(io.BytesIO(build_summary(ds, year=year)))
    assert wb.sheetnames[:4] == SHEETS_BEFORE
    got = values(wb["Свод"])
    assert got[0] == [f"Библиотека, год {year}", "Активные партнёры", "Новые партнёры", "Мероприятий",
                      "Доля онлайн, %", "Участники", "Просмотры"]
    expected = branches.year_rows(table, year)
    assert [r[0] for r in got[1:-1]] == [B1, B2, "Библиотека не указана", "Вся система"]
    for row, want in zip(got[1:-1], expected.itertuples(index=False), strict=True):
        assert [plain(v) for v in row[1:]] == [plain(v) for v in want[1:]]
    assert got[-1][0].startswith("Партнёр, работающий с несколькими библиотеками, в строке «Вся система» "
                                 f"считается один раз: в {year} году итог активных партнёров на 1 меньше")
    assert got[-1][1:] == [None] * 6


def test_roll_up_defaults_to_the_last_year_and_each_library_has_its_sheet(ds, table):
    wb = openpyxl.load_workbook(io.BytesIO(build_summary(ds)))
    assert values(wb["Свод"])[0][0] == "Библиотека, год 2021"
    sheet = values(wb[B2])
    assert sheet[0][0] == "Год"
    part = table[table["library"] == B2]
    assert [r[0] for r in sheet[1:]] == [2020, 2021]
    assert [r[3] for r in sheet[1:]] == part["events"].tolist()
    assert [r[5] for r in sheet[1:]] == part["participants"].tolist()
    assert [r[6] for r in sheet[1:]] == part["views"].tolist()
    assert wb[B2]["E2"].number_format == "0.0"


def test_one_library_gets_no_roll_up(ds):
    one = branches.one_library(ds, B1)
    assert "Свод" not in openpyxl.load_workbook(io.BytesIO(build_summary(one))).sheetnames


def partners_listed(document) -> str:
    return " ".join(p.text for p in document.paragraphs)


def test_report_of_one_library_names_its_partners_only(ds):
    part = branches.one_library(ds, B1)
    groups = report_partners(part, 2021)
    assert [n for g in groups for _, names in g.groups for n in names] == ["Музей"]
    whole = report_partners(ds, 2021)
    assert sorted(n for g in whole for _, names in g.groups for n in names) == ["Клуб", "Музей", "Театр",
                                                                                 "Школа № 5"]


def test_cli_report_for_one_branch(tmp_path, capsys, data):
    src = tmp_path / "филиалы.xlsx"
    src.write_bytes(data)
    out = tmp_path / "report.docx"
    assert main(["report", "-o", str(out), "--year", "2021", "--file", str(src), "--branch", "филиал №  1",
                 "--library", "ЦБС, Саров"]) == 0
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == f"ЦБС, Саров — {B1}"
    text = partners_listed(document)
    assert "Музей" in text and "Театр" not in text and "Школа № 5" not in text
    assert main(["report", "-o", str(out), "--file", str(src), "--branch", "Филиал № 9"]) == 1
    assert f"В данных нет библиотеки «Филиал № 9»; названы: «{B1}», «{B2}»." in capsys.readouterr().err


def test_export_page_makes_the_report_of_the_chosen_library(monkeypatch, data, ds):
    from partnerlib import ui

    made = {}
    exports = ui.exports

    def keep(*args, **kwargs):
        made["files"] = exports(*args, **kwargs)
        return made["files"]

    monkeypatch.setattr(ui, "exports", keep)
    at = upload(app(), "филиалы.xlsx", data)
    at.switch_page("pages/export.py").run()
    choice = at.selectbox(key="export_branch")
    assert choice.options == ["Вся система", B1, B2]
    at.selectbox(key="export_year").set_value(2021).run()
    system = docx.Document(io.BytesIO(made["files"]["report"]()))
    assert partners_listed(system) == partners_listed(docx.Document(io.BytesIO(build_report(ds, 2021))))
    choice.set_value(B2).run()
    assert not at.exception
    document = docx.Document(io.BytesIO(made["files"]["report"]()))
    assert document.paragraphs[0].text == B2
    text = partners_listed(document)
    assert "Театр" in text and "Клуб" not in text
