"""Tests of the Excel summary: sheets by year equal to the metrics, number formats, text kept as text."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
from conftest import workbook_dataset

from partnerlib import metrics, read_workbook
from partnerlib.cli import main
from partnerlib.i18n import category_name
from partnerlib.model import FORMATS, Dataset
from partnerlib.sample import sample_workbook_bytes
from partnerlib.summary import INT_FORMAT, SHARE_FORMAT, build_summary

FORMULA = '=HYPERLINK("http://example.invalid","click")'
SHEETS = ["Партнёры по категориям", "Доли категорий, %", "Формы проведения", "Участники и просмотры",
          "Ведущие партнёры", "6-НК"]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return read_workbook(sample_workbook_bytes(), "sample.xlsx").dataset()


@pytest.fixture(scope="module")
def wb(ds):
    return openpyxl.load_workbook(io.BytesIO(build_summary(ds)))


def table(ws) -> pd.DataFrame:
    rows = list(ws.values)
    return pd.DataFrame(rows[1:], columns=rows[0])


def test_sheets_and_styled_headers(wb):
    assert wb.sheetnames == SHEETS
    for ws in wb:
        header = ws[1]
        assert all(c.data_type == "s" and c.font.bold for c in header)
        assert ws.freeze_panes == "A2"


def test_partners_by_category_wide(ds, wb):
    frame = table(wb["Партнёры по категориям"])
    yearly = metrics.yearly(ds)
    assert list(frame["Год"]) == list(yearly["year"])
    long = metrics.partners_by_category(ds)
    for row in long.itertuples(index=False):
        got = frame.loc[frame["Год"] == row.year, category_name(row.category)].item()
        assert got == row.partners
    assert list(frame["Всего партнёров"]) == list(yearly["active_partners"])
    shares = table(wb["Доли категорий, %"])
    for row in long.itertuples(index=False):
        got = shares.loc[shares["Год"] == row.year, category_name(row.category)].item()
        assert got == pytest.approx(row.share)


def test_events_by_format(ds, wb):
    frame = table(wb["Формы проведения"])
    assert list(frame.columns) == ["Год", "Онлайн", "Очно", "Смешанный", "Не указан", "Всего мероприятий",
                                   "Доля онлайн, %"]
    long = metrics.formats_by_year(ds)
    labels = dict(zip(FORMATS, ["Онлайн", "Очно", "Смешанный", "Не указан"], strict=True))
    for row in long.itertuples(index=False):
        assert frame.loc[frame["Год"] == row.year, labels[row.format]].item() == row.events
    yearly = metrics.yearly(ds)
    assert list(frame["Всего мероприятий"]) == list(yearly["events"])
    assert list(frame["Доля онлайн, %"]) == pytest.approx(list(yearly["online_share"]))


def test_participants_and_views_in_separate_columns(ds, wb):
    frame = table(wb["Участники и просмотры"])
    reach = metrics.reach_by_year(ds)
    assert list(frame["Участники"]) == list(reach["participants"])
    assert list(frame["Просмотры"]) == list(reach["views"])
    changes = frame["Участники, изм. %"]
    assert changes.iloc[0] is None or pd.isna(changes.iloc[0])
    assert list(changes.iloc[1:]) == pytest.approx(list(reach["participants_change"].iloc[1:]))
    summed = [a + b for a, b in zip(reach["participants"], reach["views"], strict=True)]
    assert all(list(frame[c]) != summed for c in frame.columns)


def test_top_partners(ds, wb):
    frame = table(wb["Ведущие партнёры"])
    top = metrics.top_partners(ds, by="events", n=20)
    assert list(frame["Партнёр"]) == list(top["partner"])
    assert list(frame["Категория"]) == [category_name(c) for c in top["category"]]
    assert list(frame["Мероприятий"]) == list(top["events"])
    assert list(frame["Участники"]) == list(top["participants"])
    assert list(frame["Просмотры"]) == list(top["views"])


@pytest.mark.parametrize(
    ("sheet", "column", "number_format"),
    [
        ("Партнёры по категориям", 1, "0"),
        ("Партнёры по категориям", 2, INT_FORMAT),
        ("Доли категорий, %", 2, SHARE_FORMAT),
        ("Формы проведения", 7, SHARE_FORMAT),
        ("Участники и просмотры", 3, INT_FORMAT),
        ("Участники и просмотры", 5, INT_FORMAT),
        ("Ведущие партнёры", 3, INT_FORMAT),
    ],
)
def test_numbers_are_numbers_with_russian_formats(wb, sheet, column, number_format):
    cells = [row[column - 1] for row in wb[sheet].iter_rows(min_row=2)]
    assert cells
    for cell in cells:
        assert cell.data_type == "n"
        assert cell.number_format == number_format
    assert INT_FORMAT == "# ##0" and SHARE_FORMAT == "0.0"


def test_formula_like_text_stays_text():
    ds = workbook_dataset(
        [{"partner": FORMULA, "category": "+Клуб", "since": 2020}],
        [{"date": dt.date(2020, 3, 1), "title": "@акция", "partners": FORMULA, "category": "+Клуб",
          "format": "очно", "participants": 40},
         {"date": dt.date(2021, 3, 1), "title": "Ещё", "partners": "+Плюс", "category": "@Сеть",
          "format": "онлайн", "views": 400}],
    )
    wb = openpyxl.load_workbook(io.BytesIO(build_summary(ds)))
    top = wb["Ведущие партнёры"]
    cells = {c.value: c for row in top.iter_rows(min_row=2) for c in row if isinstance(c.value, str)}
    for text in (FORMULA, "+Плюс", "+Клуб", "@Сеть"):
        assert cells[text].data_type == "s"
    headers = {c.value: c for c in wb["Партнёры по категориям"][1]}
    assert headers["+Клуб"].data_type == "s" and headers["@Сеть"].data_type == "s"


def _with_control_characters(ds: Dataset) -> Dataset:
    """The sample with control characters (which XML cannot hold) in names, texts and the library."""
    return Dataset(ds.partners.assign(partner=ds.partners["partner"] + "\x07"),
                   ds.events.assign(description=ds.events["description"] + "\x01", library="Библиотека\x02"),
                   ds.event_partners.assign(partner=ds.event_partners["partner"] + "\x07"))


def test_control_characters_are_dropped(ds):
    wb = openpyxl.load_workbook(io.BytesIO(build_summary(_with_control_characters(ds))))
    names = [row[0].value for row in wb["Ведущие партнёры"].iter_rows(min_row=2)]
    assert names and not any("\x07" in n for n in names)


def test_english_and_empty():
    wb = openpyxl.load_workbook(io.BytesIO(build_summary(Dataset.empty(), "en")))
    assert wb.sheetnames == ["Partners by category", "Category shares, %", "Event formats",
                             "Participants and views", "Top partners", "6-NK"]
    assert [c.value for c in wb["Participants and views"][1]][:3] == ["Year", "Events", "Participants"]


def test_cli_summary(tmp_path, capsys):
    src = tmp_path / "sample.xlsx"
    src.write_bytes(sample_workbook_bytes())
    out = tmp_path / "summary.xlsx"
    assert main(["summary", "-o", str(out), "--file", str(src)]) == 0
    assert "Сводка записана" in capsys.readouterr().out
    assert openpyxl.load_workbook(out).sheetnames == SHEETS
