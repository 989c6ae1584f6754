"""Tests of reading workbooks: formats, inputs, layouts, problems by Excel row, and files that cannot be used."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from conftest import (
    MESSY_SHEETS,
    FakeUpload,
    csv_bytes,
    ods_bytes,
    xls_bytes,
    xlsm_bytes,
    xlsx_bytes,
    zip_bytes,
    zip_parts,
)

from partnerlib import model, reader
from partnerlib.errors import ERROR, INFO, MESSAGES, WARNING
from partnerlib.reader import ImportResult, max_upload_bytes, read_workbook
from partnerlib.sample import sample_workbook_bytes
from partnerlib.template import template_workbook

D = dt.date
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
SECONDS = 10  # a whole-file failure must be told within seconds; generous, this is not a speed test


def problem_tuples(result: ImportResult) -> set[tuple]:
    return {(p.severity, p.code, p.sheet, p.row, p.column, p.value) for p in result.problems}


def event_rows(result: ImportResult, *columns: str) -> list[tuple]:
    frame = result.events[["sheet", "row", *columns]].astype(object)
    return [tuple(None if pd.isna(v) else v for v in row) for row in frame.itertuples(index=False, name=None)]


@pytest.fixture(scope="module")
def messy(messy_xlsx) -> ImportResult:
    return read_workbook(messy_xlsx, "messy.xlsx")


# ---------------------------------------------------------------- the messy workbook, row by row

P, E19, E20 = "Партнёры", "Мероприятия 2019", "Мероприятия 2020"

MESSY_PROBLEMS = {
    # partners: title rows above the header (row 3), a group heading, categories on the first row of a group
    (INFO, "filled_down", P, 5, "Категория партнёра", None),
    (WARNING, "bad_year", P, 6, "С какого года", "давно"),
    (WARNING, "level_unknown", P, 7, "Уровень", "всемирный"),
    (INFO, "group_row", P, 8, "Категория партнёра", "Клубы"),
    (INFO, "category_unknown", P, 9, "Категория партнёра", "Клубы"),
    (ERROR, "no_partner", P, 11, "Наименование партнёра", None),
    (INFO, "duplicate_partner", P, 12, "Наименование партнёра", 'музей "ёлка"'),
    # events 2019: no year column
    (INFO, "category_from_partner", E19, 2, "Категория партнёра", None),
    (WARNING, "count_approx", E19, 3, "Количество просмотров", "более 350"),
    (ERROR, "impossible_date", E19, 4, "Дата проведения", "31.02.2019"),
    (INFO, "date_month_only", E19, 5, "Дата проведения", "апрель 2019"),
    (INFO, "format_from_platform", E19, 5, "Форма проведения", "YouTube"),
    (INFO, "category_from_partner", E19, 5, "Категория партнёра", None),
    (ERROR, "no_date", E19, 6, "Дата проведения", None),
    (INFO, "total_row", E19, 7, None, "Итого"),
    (WARNING, "count_approx", E19, 8, "Кол-во участников", "100–150"),
    (INFO, "count_from_text", E19, 8, "Количество просмотров", "5 передач"),
    # events 2020: a title row, a year column, merged category cells
    (WARNING, "impossible_date_year_kept", E20, 3, "Дата", "31.02.2020"),
    (INFO, "category_from_partner", E20, 3, "Категория", None),
    (WARNING, "date_year_mismatch", E20, 4, "Год", "2021"),
    (WARNING, "count_approx", E20, 4, "Участники", "около 60"),
    (INFO, "category_from_partner", E20, 4, "Категория", None),
    (WARNING, "format_unknown", E20, 5, "Формат", "по записи"),
    (WARNING, "count_negative", E20, 5, "Участники", "-5"),
    (INFO, "filled_down", E20, 6, "Категория", None),
    (WARNING, "count_rounded", E20, 6, "Участники", "12.5"),
    (INFO, "date_month_only", E20, 7, "Дата", "июль 2020"),
    (INFO, "category_unknown", E20, 7, "Категория", "Клубы"),
    # sheets that are neither
    (INFO, "sheet_skipped", "Заметки", None, None, None),
    (INFO, "sheet_empty", "Пустой", None, None, None),
}


def test_messy_workbook_problems(messy):
    assert problem_tuples(messy) == MESSY_PROBLEMS
    assert len(messy.problems) == len(MESSY_PROBLEMS)
    # «Ответственный» is the register's librarian responsible.
    responsible = messy.partners.set_index("partner")["responsible"]
    assert responsible.dropna().to_dict() == {"Администрация города": "Иванова"}


@pytest.mark.parametrize(("sheet", "row", "code", "message"), [
    (E19, 3, "count_approx", "Приблизительное число «более 350» прочитано как 350."),
    (E19, 8, "count_approx", "Приблизительное число «100–150» прочитано как 100."),
    (E19, 8, "count_from_text", "Число взято из текста «5 передач»: 5."),
    (E20, 4, "date_year_mismatch", "Год в дате (2020) не совпадает со столбцом «Год» (2021); взят год из даты."),
    (E20, 3, "category_from_partner", "Категория не указана; взята из таблицы партнёров: «Органы власти»."),
    (P, 12, "duplicate_partner",
     "Партнёр «музей \"ёлка\"» уже есть в строке 7 листа «Партнёры»; пустые поля дополнены."),
])
def test_messages_quote_the_original_text(messy, sheet, row, code, message):
    (problem,) = [p for p in messy.problems if (p.sheet, p.row, p.code) == (sheet, row, code)]
    assert problem.message == message


@pytest.mark.parametrize(("sheet", "row", "params"), [
    (P, 5, {"rows": "5, 7, 9, 12"}),
    (E20, 6, {"rows": "6"}),
])
def test_filled_down_names_every_filled_row(messy, sheet, row, params):
    (problem,) = [p for p in messy.problems if p.code == "filled_down" and p.sheet == sheet]
    assert (problem.row, problem.params) == (row, params)


def test_messy_partners(messy):
    got = messy.partners[["partner", "category", "level", "since"]].astype(object).where(messy.partners.notna(), None)
    assert [tuple(r) for r in got.itertuples(index=False, name=None)] == [
        ("Администрация города", "authorities", "municipal", 2015),
        ("Городская дума", "authorities", None, 2016),
        ("МБОУ «Лицей № 3»", "institutions", "municipal", None),  # the level from "(местные)"
        ("Музей «Ёлка»", "institutions", "municipal", 2012),  # the duplicate in row 12 fills "since"
        ("Клуб «Радуга»", "Клубы", None, None),  # the library's own category, kept as written
    ]


def test_messy_events(messy):
    assert event_rows(messy, "date", "year", "date_precision", "title", "partners", "category", "format", "platform",
                      "participants", "participants_approx", "views", "views_approx") == [
        (E19, 2, pd.Timestamp("2019-04-27"), 2019, "day", "Круглый стол", "Администрация города; Музей «Ёлка»",
         "authorities", "offline", "Читальный зал", 25, False, None, False),
        (E19, 3, pd.Timestamp("2019-05-27"), 2019, "day", "Лекция", "Клуб «Радуга»", "media", "online", "ZOOM",
         None, False, 350, True),
        (E19, 5, pd.Timestamp("2019-04-01"), 2019, "month", "Выставка", 'МБОУ "Лицей № 3"', "institutions",
         "online", "YouTube", None, False, 1200, False),
        (E19, 8, None, 2019, "year", "Акция", "Городское ТВ", "other", "hybrid", "ВКонтакте", 100, True, 5, False),
        (E20, 3, None, 2020, "year", "Вечер", "Городская дума", "authorities", "offline", None, 1200, False, None,
         False),
        (E20, 4, pd.Timestamp("2020-05-09"), 2020, "day", "День Победы", "Музей «Ёлка»", "institutions", "offline",
         None, 60, True, None, False),
        (E20, 5, pd.Timestamp("2020-06-01"), 2020, "day", "Праздник", "Клуб «Радуга»", "public_organizations",
         "unknown", None, None, False, None, False),
        (E20, 6, pd.Timestamp("2020-06-02"), 2020, "day", "Игра", "Новый партнёр", "public_organizations", "online",
         None, 13, False, 1500, False),
        (E20, 7, pd.Timestamp("2020-07-01"), 2020, "month", "Квест", "Клуб «Радуга»; Городское ТВ", "Клубы",
         "offline", None, 30, False, None, False),
    ]
    assert messy.events["event_id"].tolist() == list(range(9))


def test_multi_partner_cells_give_one_long_row_per_partner(messy):
    long = messy.event_partners.astype(object)
    assert [tuple(r) for r in long.itertuples(index=False, name=None)] == [
        (0, "Администрация города", "authorities"),
        (0, "Музей «Ёлка»", "institutions"),
        (1, "Клуб «Радуга»", "Клубы"),  # a registered partner keeps its own category
        (2, 'МБОУ "Лицей № 3"', "institutions"),
        (3, "Городское ТВ", "other"),  # an unregistered one takes the event's
        (4, "Городская дума", "authorities"),
        (5, "Музей «Ёлка»", "institutions"),
        (6, "Клуб «Радуга»", "Клубы"),
        (7, "Новый партнёр", "public_organizations"),
        (8, "Клуб «Радуга»", "Клубы"),
        (8, "Городское ТВ", "Клубы"),
    ]


def test_tables_have_the_model_columns_and_dtypes(messy):
    assert list(messy.partners.columns) == model.PARTNER_COLUMNS
    assert list(messy.events.columns) == model.EVENT_COLUMNS
    assert list(messy.event_partners.columns) == model.EVENT_PARTNER_COLUMNS
    for frame, dtypes in ((messy.partners, model.PARTNER_DTYPES), (messy.events, model.EVENT_DTYPES),
                          (messy.event_partners, model.EVENT_PARTNER_DTYPES)):
        for column, dtype in dtypes.items():
            got = frame[column].dtype
            if dtype == "category":
                assert isinstance(got, pd.CategoricalDtype), column
            elif isinstance(dtype, pd.CategoricalDtype):
                assert list(got.categories) == list(dtype.categories), column
            else:
                assert got == dtype, column


def test_sheets_summary(messy):
    assert messy.sheets_frame().astype(object).where(lambda f: f.notna(), None).values.tolist() == [
        [P, "partners", 3, 6],
        [E19, "events", 1, 4],
        [E20, "events", 2, 5],
        ["Заметки", "skipped", None, 0],
        ["Пустой", "skipped", None, 0],
    ]


def test_every_problem_has_a_message_in_russian_and_english(messy):
    for p in messy.problems:
        assert CYRILLIC.search(p.message), p
        assert p.message == p.message_in("ru") == p.as_dict()["message"]
        assert p.message_in("en") != p.message
    for code, (ru, en) in MESSAGES.items():
        assert CYRILLIC.search(ru), code
        assert not CYRILLIC.search(en), code


def test_problems_frame_puts_errors_first(messy):
    frame = messy.problems_frame()
    assert list(frame.columns) == ["severity", "sheet", "row", "column", "value", "message"]
    assert len(frame) == len(MESSY_PROBLEMS)
    ranks = frame["severity"].map({ERROR: 0, WARNING: 1, INFO: 2}).tolist()
    assert ranks == sorted(ranks)
    assert frame["row"].dtype == "Int64"


# ---------------------------------------------------------------- every data row is read or named by an error

def _nonblank_rows(rows: list[list], header_row: int) -> set[int]:
    return {i + 1 for i, row in enumerate(rows) if i + 1 > header_row and any(
        c is not None and str(c).strip() for c in row)}


def test_every_data_row_of_the_messy_workbook_is_read_or_named_by_an_error(messy):
    # Rows built as structure, not data: the group heading and the totals row (named by an info each).
    structure = {(P, 8), (E19, 7)}
    named = {(p.sheet, p.row) for p in messy.problems if p.code in ("group_row", "total_row")}
    assert named == structure
    for sheet, header_row in ((P, 3), (E19, 1), (E20, 2)):
        data_rows = {r for r in _nonblank_rows(MESSY_SHEETS[sheet], header_row) if (sheet, r) not in structure}
        errors = {p.row for p in messy.problems if p.severity == ERROR and p.sheet == sheet}
        info = next(s for s in messy.sheets if s.name == sheet)
        assert info.rows_read + len(errors) == len(data_rows), sheet
        assert errors <= data_rows
        if info.kind == model.EVENTS:
            read = set(messy.events.loc[messy.events["sheet"] == sheet, "row"].astype(int))
            assert read.isdisjoint(errors)
            assert read | errors == data_rows


def test_every_data_row_of_the_demo_workbook_is_read_or_named():
    data = sample_workbook_bytes()
    result = read_workbook(data, "demo.xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    total_read = total_errors = total_structure = total_rows = 0
    for info in result.sheets:
        rows = [list(r) for r in wb[info.name].iter_rows(values_only=True)]
        # The header as Partnerlib writes it, found here without the reader's help.
        header_row = next(i + 1 for i, r in enumerate(rows) if set(r) & set(model.RU_HEADINGS.values()))
        assert info.header_row == header_row
        data_rows = _nonblank_rows(rows, header_row)
        named = [p for p in result.problems if p.sheet == info.name and p.row in data_rows]
        errors = {p.row for p in named if p.severity == ERROR}
        structure = {p.row for p in named if p.code in ("group_row", "total_row")}
        assert info.rows_read + len(errors) + len(structure) == len(data_rows), info.name
        total_read += info.rows_read
        total_errors += len(errors)
        total_structure += len(structure)
        total_rows += len(data_rows)
    assert total_read == len(result.events) + len(result.partners)
    assert total_read + total_errors + total_structure == total_rows > 800


# ---------------------------------------------------------------- formats and inputs

PARTNER_ROWS = [
    ["Партнёры библиотеки"],
    ["Наименование партнёра", "Категория партнёра", "Уровень"],
    ["Школа № 1", "Организации и учреждения", "муниципальный"],
    ["Газета «Курьер»", "СМИ", None],
]
EVENT_ROWS = [
    ["Дата проведения", "Название мероприятия", "Партнёр(ы)", "Форма проведения", "Кол-во участников",
     "Количество просмотров"],
    [dt.datetime(2020, 4, 27), "Лекция", "Школа № 1", "очно", 25, None],
    ["28.04.2020", "Эфир", "Газета «Курьер»; Школа № 1", "онлайн", None, "1 200"],
]
EXPECTED_EVENTS = [
    (pd.Timestamp("2020-04-27"), "Лекция", "Школа № 1", "institutions", "offline", 25, None),
    (pd.Timestamp("2020-04-28"), "Эфир", "Газета «Курьер»; Школа № 1", "media", "online", None, 1200),
]
EVENT_FIELDS = ("date", "title", "partners", "category", "format", "participants", "views")
BOOK = {"Партнёры": PARTNER_ROWS, "Мероприятия": EVENT_ROWS}

FORMATS = {
    "xlsx": lambda: xlsx_bytes(BOOK),
    "xlsm": lambda: xlsm_bytes(BOOK),
    "xls": lambda: xls_bytes(BOOK),
    "ods": lambda: ods_bytes(BOOK),
}


@pytest.mark.parametrize("kind", FORMATS)
def test_every_workbook_format_reads_the_same(kind):
    result = read_workbook(FORMATS[kind](), f"book.{kind}")
    assert result.errors == []
    assert [(s.name, s.kind, s.header_row) for s in result.sheets] == [
        ("Партнёры", "partners", 2), ("Мероприятия", "events", 1)]
    assert result.partners[["partner", "category"]].astype(object).values.tolist() == [
        ["Школа № 1", "institutions"], ["Газета «Курьер»", "media"]]
    assert [r[2:] for r in event_rows(result, *EVENT_FIELDS)] == EXPECTED_EVENTS
    assert event_rows(result, "title")[0][:2] == ("Мероприятия", 2)


def test_xlsm_is_macro_enabled():
    types = zip_parts(xlsm_bytes(BOOK))["[Content_Types].xml"]
    assert b"macroEnabled" in types


def test_xls_merged_category_cells_are_filled():
    rows = [
        ["Категория", "Организация"],
        ["СМИ", "Газета «Курьер»"],
        [None, "Городское ТВ"],
        [None, "Радио «Город»"],
        ["Органы власти", "Администрация"],
    ]
    result = read_workbook(xls_bytes({"Партнёры": rows}, merges={"Партнёры": [(1, 3, 0, 0)]}), "p.xls")
    assert result.partners[["partner", "category"]].astype(object).values.tolist() == [
        ["Газета «Курьер»", "media"], ["Городское ТВ", "media"], ["Радио «Город»", "media"],
        ["Администрация", "authorities"]]
    assert problem_tuples(result) == {(INFO, "filled_down", "Партнёры", 3, "Категория", None)}
    assert result.problems[0].params == {"rows": "3–4"}


def test_merged_cells_in_an_events_sheet_are_filled():
    rows = [["Дата", "Название", "Партнер", "Категория", "Участники"],
            ["01.03.2021", "A", "Школа", "Организации и учреждения", 10],
            ["02.03.2021", "B", "Музей", None, 20],
            ["03.03.2021", "C", "Газета", "СМИ", 30]]
    result = read_workbook(xlsx_bytes({"2021": rows}, merges={"2021": ["D2:D3"]}), "e.xlsx")
    assert [r[2:] for r in event_rows(result, "title", "category")] == [
        ("A", "institutions"), ("B", "institutions"), ("C", "media")]
    assert problem_tuples(result) == {(INFO, "filled_down", "2021", 3, "Категория", None)}


def test_events_category_is_not_filled_down_without_a_merge():
    # In an events sheet a blank category means "the partner's": it is not copied from the row above.
    rows = [["Дата", "Название", "Партнер", "Категория"],
            ["01.03.2021", "A", "Школа", "СМИ"],
            ["02.03.2021", "B", "Музей", None]]
    result = read_workbook(xlsx_bytes({"2021": rows}), "e.xlsx")
    assert [r[2:] for r in event_rows(result, "title", "category")] == [("A", "media"), ("B", None)]


def _inputs(data: bytes, tmp_path: Path):
    path = tmp_path / "Книга партнёров.xlsx"
    path.write_bytes(data)
    named = io.BytesIO(data)
    named.name = "Книга партнёров.xlsx"
    moved = FakeUpload(data, "Книга партнёров.xlsx")
    moved.seek(100)  # a reader that looked at the upload before: read from the start anyway
    return {
        "path": (path, None),
        "str path": (str(path), None),
        "bytes with a name": (data, "Книга партнёров.xlsx"),
        "bytearray": (bytearray(data), "Книга партнёров.xlsx"),
        "BytesIO with .name": (named, None),
        "Streamlit upload": (FakeUpload(data, "Книга партнёров.xlsx"), None),
        "upload read before": (moved, None),
    }


@pytest.mark.parametrize("how", ["path", "str path", "bytes with a name", "bytearray", "BytesIO with .name",
                                 "Streamlit upload", "upload read before"])
def test_sources(how, tmp_path):
    source, filename = _inputs(xlsx_bytes(BOOK), tmp_path)[how]
    result = read_workbook(source, filename)
    assert result.filename == "Книга партнёров.xlsx"
    assert result.errors == []
    assert [r[2:] for r in event_rows(result, *EVENT_FIELDS)] == EXPECTED_EVENTS
    assert len(result.partners) == 2


def test_the_name_is_only_a_hint():
    # An xlsx uploaded as ".csv", a CSV without a name: the content decides.
    assert len(read_workbook(xlsx_bytes(BOOK), "wrong.csv").events) == 2
    result = read_workbook(csv_bytes([*EVENT_ROWS[:1], ["27.04.2020", "Лекция", "Школа № 1", "очно", 25, ""]]))
    assert len(result.events) == 1


def test_progress_is_reported_per_sheet(messy_xlsx):
    calls = []
    read_workbook(messy_xlsx, "m.xlsx", progress=lambda fraction, sheet: calls.append((fraction, sheet)))
    assert [s for _, s in calls] == [*MESSY_SHEETS, ""]
    assert [f for f, _ in calls] == sorted(f for f, _ in calls)
    assert calls[0][0] == 0 and calls[-1][0] == 1.0


# ---------------------------------------------------------------- CSV

CSV_ROWS = [
    ["Дата проведения", "Название мероприятия", "Партнёр(ы)", "Форма проведения", "Кол-во участников",
     "Количество просмотров", "Описание сотрудничества"],
    ["27.04.2018", "Круглый стол «Партнёрство; книга, чтение»", "ЦГБ им. Маяковского, Тверь", "очно", "1 200", "",
     "Встреча;\nобсуждение"],
    ["28.04.2018 10:00", "Лекция", "Школа № 1; Музей", "", "12,5", "1,5 тыс.", ""],
]
CSV_EVENTS = [
    (pd.Timestamp("2018-04-27"), "Круглый стол «Партнёрство; книга, чтение»", "ЦГБ им. Маяковского, Тверь",
     "offline", 1200, None, "Встреча;\nобсуждение"),
    (pd.Timestamp("2018-04-28"), "Лекция", "Школа № 1; Музей", "unknown", 13, 1500, None),
]


@pytest.mark.parametrize(("name", "options"), [
    ("cp1251 ;", {"delimiter": ";", "encoding": "cp1251"}),
    ("utf-8 BOM ,", {"delimiter": ",", "encoding": "utf-8", "bom": True}),
    ("utf-8 tab", {"delimiter": "\t", "encoding": "utf-8", "newline": "\n"}),
    ("utf-8 ;", {"delimiter": ";", "encoding": "utf-8", "newline": "\n"}),
    ("cp1251 tab", {"delimiter": "\t", "encoding": "cp1251"}),
])
def test_csv_encodings_and_delimiters_are_detected(name, options):
    result = read_workbook(csv_bytes(CSV_ROWS, **options), "Мероприятия 2018.csv")
    assert [(s.name, s.kind, s.header_row) for s in result.sheets] == [("Мероприятия 2018", "events", 1)]
    assert [r[2:] for r in event_rows(result, "date", "title", "partners", "format", "participants", "views",
                                      "description")] == CSV_EVENTS
    assert problem_tuples(result) == {
        (WARNING, "count_rounded", "Мероприятия 2018", 3, "Кол-во участников", "12,5"),
    }
    assert len(result.event_partners) == 3


def test_csv_partners_register_in_cp1251():
    rows = [["Наименование партнёра", "Категория партнёра", "С какого года"],
            ["Администрация", "Органы власти", "2015"],
            ["Клуб «Ёлка»", "Клубы", "с 2019 г."]]
    result = read_workbook(csv_bytes(rows), "partners.csv")
    assert result.partners[["partner", "category", "since"]].astype(object).values.tolist() == [
        ["Администрация", "authorities", 2015], ["Клуб «Ёлка»", "Клубы", 2019]]


# ---------------------------------------------------------------- layout: headers, kinds, sheet years

@pytest.mark.parametrize("header_row", [1, 2, 5, 20])
def test_header_is_found_below_title_rows(header_row):
    rows = [[f"Заголовок {i}"] for i in range(1, header_row)] + EVENT_ROWS
    result = read_workbook(xlsx_bytes({"Лист1": rows}), "e.xlsx")
    assert result.sheets[0].header_row == header_row
    assert [r[1] for r in event_rows(result, "title")] == [header_row + 1, header_row + 2]


def test_header_below_row_20_is_not_searched():
    rows = [[f"Заголовок {i}"] for i in range(1, 21)] + EVENT_ROWS
    result = read_workbook(xlsx_bytes({"Лист1": rows}), "e.xlsx")
    assert problem_tuples(result) == {(ERROR, "no_tables", None, None, None, None)}


@pytest.mark.parametrize(("sheet_name", "rows", "kind"), [
    ("Партнёры", EVENT_ROWS, "events"),
    ("Мероприятия", PARTNER_ROWS, "partners"),
    ("Лист1", [["Partner", "Category"], ["School", "Institutions"]], "partners"),
    ("Sheet1", [["Date", "Title", "Partner", "Participants"], ["2020-04-27", "Talk", "School", 5]], "events"),
    ("2020", [["Год", "Мероприятие"], [2020, "Акция"]], "events"),
])
def test_sheet_kind_comes_from_its_columns(sheet_name, rows, kind):
    result = read_workbook(xlsx_bytes({sheet_name: rows}), "k.xlsx")
    assert [(s.name, s.kind) for s in result.sheets] == [(sheet_name, kind)]


def test_year_from_the_sheet_name_when_there_is_no_date_column():
    rows = [["Название мероприятия", "Партнёр", "Участники"], ["Акция", "Школа", 10], ["Лекция", "Музей", "20"]]
    result = read_workbook(xlsx_bytes({"Мероприятия 2021 г.": rows}), "e.xlsx")
    assert [r[2:] for r in event_rows(result, "title", "year", "date", "date_precision")] == [
        ("Акция", 2021, None, "year"), ("Лекция", 2021, None, "year")]


def test_events_without_dates_are_named_by_one_error():
    rows = [["Название мероприятия", "Партнёр", "Участники"], ["Акция", "Школа", 10], [], ["Лекция", "Музей", 20]]
    result = read_workbook(xlsx_bytes({"Мероприятия": rows}), "e.xlsx")
    assert problem_tuples(result) == {(ERROR, "sheet_no_date", "Мероприятия", 2, None, None)}
    assert result.problems[0].params == {"rows": "2, 4"}
    assert not result.ok


def test_sheets_per_year_and_a_notes_sheet():
    def events(year):
        return [["Дата проведения", "Название мероприятия", "Партнёр(ы)", "Кол-во участников"],
                [f"15.03.{year}", f"Весна {year}", "Школа № 1", 10],
                [f"15.10.{year}", f"Осень {year}", "Музей", 20]]
    book = {"Партнёры": PARTNER_ROWS, "2019": events(2019), "2020": events(2020),
            "Примечания": [["Что сделать"], ["Сверить списки"]]}
    result = read_workbook(xlsx_bytes(book), "years.xlsx")
    assert [(s.name, s.kind, s.rows_read) for s in result.sheets] == [
        ("Партнёры", "partners", 2), ("2019", "events", 2), ("2020", "events", 2), ("Примечания", "skipped", 0)]
    assert problem_tuples(result) == {
        (INFO, "category_from_partner", "2019", 2, None, None),  # "Школа № 1"; "Музей" is not registered
        (INFO, "category_from_partner", "2020", 2, None, None),
        (INFO, "sheet_skipped", "Примечания", None, None, None),
    }
    assert result.events.groupby("year")["participants"].sum().to_dict() == {2019: 30, 2020: 30}
    assert result.events["event_id"].tolist() == [0, 1, 2, 3]


def test_the_same_partner_on_two_registers_is_merged():
    book = {"Партнёры 2019": [["Партнёр", "Категория"], ["Музей «Ёлка»", "Организации и учреждения"]],
            "Партнёры 2020": [["Партнёр", "Категория", "С какого года"], ["МУЗЕЙ \"ЕЛКА\"", None, 2010],
                              ["Газета", "СМИ", None]]}
    result = read_workbook(xlsx_bytes(book), "p.xlsx")
    assert result.partners[["partner", "category", "since"]].astype(object).where(
        result.partners[["partner", "category", "since"]].notna(), None).values.tolist() == [
        ["Музей «Ёлка»", "institutions", 2010], ["Газета", "media", None]]
    assert (INFO, "duplicate_partner", "Партнёры 2020", 2, "Партнёр", 'МУЗЕЙ "ЕЛКА"') in problem_tuples(result)


# ---------------------------------------------------------------- categories from the partners table

@pytest.mark.parametrize("spelling", ["Музей «Ёлка»", "музей \"елка\"", "МУЗЕЙ 'ЁЛКА'", "  Музей   Ёлка ",
                                      "Музей “Ёлка”"])
def test_event_takes_its_category_from_the_partners_table(spelling):
    book = {"Партнёры": [["Наименование партнёра", "Категория партнёра"], ["Музей «Ёлка»", "Социальные службы"]],
            "2020": [["Дата", "Название", "Партнёр(ы)", "Категория"], ["01.02.2020", "Выставка", spelling, None]]}
    result = read_workbook(xlsx_bytes(book), "c.xlsx")
    assert result.events["category"].tolist() == ["social_services"]
    assert problem_tuples(result) == {(INFO, "category_from_partner", "2020", 2, "Категория", None)}
    assert result.problems[0].message.endswith("«Социальные службы».")


def test_event_category_as_written_wins_over_the_partners_table():
    book = {"Партнёры": [["Партнёр", "Категория"], ["Музей", "Социальные службы"]],
            "2020": [["Дата", "Название", "Партнёр", "Категория"], ["01.02.2020", "Выставка", "Музей", "СМИ"]]}
    result = read_workbook(xlsx_bytes(book), "c.xlsx")
    assert result.events["category"].tolist() == ["media"]
    assert result.event_partners["category"].tolist() == ["social_services"]


def test_first_known_partner_of_a_cell_gives_the_category():
    book = {"Партнёры": [["Партнёр", "Категория"], ["Музей", "Социальные службы"], ["Газета", "СМИ"]],
            "2020": [["Дата", "Название", "Партнёр"], ["01.02.2020", "Выставка", "Неизвестный; Газета\nМузей"]]}
    result = read_workbook(xlsx_bytes(book), "c.xlsx")
    assert result.events["category"].tolist() == ["media"]
    assert result.events["partners"].tolist() == ["Неизвестный; Газета; Музей"]
    long = result.event_partners[["partner", "category"]].astype(object)
    assert long.where(long.notna(), None).values.tolist() == [
        ["Неизвестный", None], ["Газета", "media"], ["Музей", "social_services"]]


# ---------------------------------------------------------------- files that cannot be used

def _pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(17)


def _random() -> bytes:
    return random.Random(2018).randbytes(64 * 1024)


def _docx() -> bytes:
    docx = pytest.importorskip("docx")
    buf = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Партнёры библиотеки: школа, музей.")
    document.save(buf)
    return buf.getvalue()


def _pptx() -> bytes:
    pptx = pytest.importorskip("pptx")
    buf = io.BytesIO()
    pptx.Presentation().save(buf)
    return buf.getvalue()


def _encrypted_minimal() -> bytes:
    # An OLE compound file whose directory names an "EncryptedPackage" stream: Excel's password-protected xlsx.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    entry = "EncryptedPackage".encode("utf-16-le").ljust(64, b"\x00") + bytes(64)
    return header + entry + bytes(512 - len(entry))


def _encrypted_real() -> bytes:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml", reason="msoffcrypto-tool encrypts the test xlsx")
    out = io.BytesIO()
    ooxml.OOXMLFile(io.BytesIO(xlsx_bytes(BOOK))).encrypt("пароль", out)
    return out.getvalue()


def _no_columns() -> bytes:
    return xlsx_bytes({"Лист1": [["Фамилия", "Телефон"], ["Иванова", "123-45-67"]], "Лист2": [["x"]]})


def _only_empty_sheets() -> bytes:
    return xlsx_bytes({"Лист1": [], "Лист2": [[None, " "]]})


def _sheet_xml(data: bytes) -> tuple[dict[str, bytes], str]:
    parts = zip_parts(data)
    name = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    return parts, name


def _truncated_sheet() -> bytes:
    parts, name = _sheet_xml(xlsx_bytes({"Мероприятия": EVENT_ROWS}))
    parts[name] = parts[name][: len(parts[name]) // 2]
    return zip_bytes(parts)


def _minimal_zip_truncated_sheet() -> bytes:
    return zip_bytes({
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               b'content-types"/>',
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
                           b'spreadsheetml/2006/main"><sheets><sheet name="A" sheetId="1" r:id="rId1"/>',
        "xl/worksheets/sheet1.xml": b'<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineS',
    })


def _cut_zip() -> bytes:
    data = xlsx_bytes(BOOK)
    return data[: len(data) // 2]


LAUGHS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE worksheet [\n<!ENTITY lol0 "lol">\n'
          + b"".join(b'<!ENTITY lol%d "%s">\n' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10)) + b"]>\n")


def _billion_laughs() -> bytes:
    parts, name = _sheet_xml(xlsx_bytes(BOOK))
    parts[name] = LAUGHS + parts[name].replace(b"<t>", b"<t>&lol9;", 1)
    return zip_bytes(parts)


def _billion_laughs_utf16() -> bytes:
    parts, name = _sheet_xml(xlsx_bytes(BOOK))
    text = (LAUGHS + parts[name].replace(b"<t>", b"<t>&lol9;", 1)).decode().replace('"UTF-8"', '"UTF-16"')
    parts[name] = text.encode("utf-16")
    return zip_bytes(parts)


def _external_entity() -> bytes:
    parts, name = _sheet_xml(xlsx_bytes(BOOK))
    parts[name] = (b'<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
                   + parts[name].replace(b"<t>", b"<t>&xxe;", 1))
    return zip_bytes(parts)


def _entities_in_shared_strings() -> bytes:
    parts = zip_parts(xlsx_bytes(BOOK))
    parts["xl/sharedStrings.xml"] = LAUGHS + b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    return zip_bytes(parts)


def _html() -> bytes:
    return "<!DOCTYPE html><html><body><table><tr><td>Партнёр</td></tr></table></body></html>".encode()


FAILURES = {
    # name: (builder, problem code)
    "PDF": (_pdf, "not_spreadsheet"),
    "PNG": (_png, "not_spreadsheet"),
    "random bytes": (_random, "not_spreadsheet"),
    "docx": (_docx, "not_spreadsheet"),
    "pptx": (_pptx, "not_spreadsheet"),
    "web page": (_html, "not_spreadsheet"),
    "encrypted (minimal OLE)": (_encrypted_minimal, "encrypted"),
    "encrypted (real xlsx)": (_encrypted_real, "encrypted"),
    "empty": (lambda: b"", "file_empty"),
    "no recognisable columns": (_no_columns, "no_tables"),
    "no recognisable columns (csv)": (lambda: csv_bytes([["Фамилия", "Телефон"], ["Иванова", "1"]]), "no_tables"),
    "only empty sheets": (_only_empty_sheets, "no_sheets"),
    "headings without rows (the empty template)": (template_workbook, "no_sheets"),
    "truncated sheet XML": (_truncated_sheet, "unreadable"),
    "zip with workbook.xml and a truncated sheet": (_minimal_zip_truncated_sheet, "unreadable"),
    "cut-off zip": (_cut_zip, "unreadable"),
    "billion laughs": (_billion_laughs, "unreadable"),
    "billion laughs in UTF-16": (_billion_laughs_utf16, "unreadable"),
    "external entity": (_external_entity, "unreadable"),
    "entities in shared strings": (_entities_in_shared_strings, "unreadable"),
}


@pytest.mark.parametrize("case", FAILURES)
def test_a_file_that_cannot_be_used_gives_one_error(case):
    build, code = FAILURES[case]
    data = build()
    start = time.perf_counter()
    result = read_workbook(data, "upload.xlsx")
    elapsed = time.perf_counter() - start
    assert elapsed < SECONDS
    assert [(p.severity, p.code) for p in result.problems] == [(ERROR, code)]
    assert CYRILLIC.search(result.problems[0].message)
    assert not result.ok
    assert (len(result.partners), len(result.events), len(result.event_partners)) == (0, 0, 0)
    assert list(result.events.columns) == model.EVENT_COLUMNS


def test_entity_declarations_are_refused_before_calamine_sees_them(monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the parser was called")

    monkeypatch.setattr(reader.sandbox, "start_reading", never)
    result = read_workbook(_billion_laughs(), "b.xlsx")
    assert [p.code for p in result.problems] == ["unreadable"]
    assert "DOCTYPE/ENTITY" in result.problems[0].message


def test_a_damaged_sheet_beside_good_ones_is_named():
    parts = zip_parts(xlsx_bytes(BOOK))
    parts["xl/worksheets/sheet2.xml"] = parts["xl/worksheets/sheet2.xml"][:200]
    result = read_workbook(zip_bytes(parts), "d.xlsx")
    assert len(result.partners) == 2 and len(result.events) == 0
    assert [(p.severity, p.code, p.sheet) for p in result.problems] == [(ERROR, "unreadable", "Мероприятия")]
    assert result.ok


# ---------------------------------------------------------------- size limits

@pytest.fixture
def no_parsing(monkeypatch):
    """Fail the test if anything tries to parse the file (the sniffing or calamine)."""
    def never(*args, **kwargs):
        raise AssertionError("the parser was called")

    monkeypatch.setattr(reader, "_read_grids", never)
    monkeypatch.setattr(reader.sandbox, "start_reading", never)


def test_limit_is_50_mb_by_default_and_configurable(monkeypatch):
    monkeypatch.delenv("PARTNERLIB_MAX_UPLOAD_MB", raising=False)
    assert max_upload_bytes() == 50 * 1024 * 1024
    monkeypatch.setenv("PARTNERLIB_MAX_UPLOAD_MB", "2.5")
    assert max_upload_bytes() == int(2.5 * 1024 * 1024)
    monkeypatch.setenv("PARTNERLIB_MAX_UPLOAD_MB", "много")
    assert max_upload_bytes() == 50 * 1024 * 1024


@pytest.mark.parametrize("how", ["bytes", "path", "BytesIO with .name", "Streamlit upload"])
def test_files_over_the_limit_are_refused_unparsed(how, tmp_path, no_parsing):
    data = xlsx_bytes(BOOK)
    source, filename = _inputs(data, tmp_path)[{"bytes": "bytes with a name"}.get(how, how)]
    start = time.perf_counter()
    result = read_workbook(source, filename, max_bytes=1000)
    assert time.perf_counter() - start < SECONDS
    assert [(p.severity, p.code) for p in result.problems] == [(ERROR, "file_too_large")]
    assert result.problems[0].message == "Файл слишком большой (0,0 МБ, допускается до 0,000953674 МБ). Он не читался."
    if how == "Streamlit upload":
        assert source.reads == 0  # refused by its .size, not read at all


def test_the_env_limit_applies_when_no_max_bytes_is_given(monkeypatch, no_parsing):
    monkeypatch.setenv("PARTNERLIB_MAX_UPLOAD_MB", "0.001")
    result = read_workbook(xlsx_bytes(BOOK), "big.xlsx")
    assert [p.code for p in result.problems] == ["file_too_large"]
    # 0.001 MB is 1048 bytes: the message gives the limit in MB with a decimal comma.
    assert re.fullmatch(r"Файл слишком большой \(0,0 МБ, допускается до 0,000999\d* МБ\)\. Он не читался\.",
                        result.problems[0].message)


def test_a_file_within_the_limit_is_read():
    data = xlsx_bytes(BOOK)
    assert len(read_workbook(data, "b.xlsx", max_bytes=len(data)).events) == 2


# ---------------------------------------------------------------- zip bombs

BOMB_MB = 300


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory) -> Path:
    """An xlsx whose sheet XML unpacks to BOMB_MB MB (a comment of zeros) from well under 1 MB."""
    parts, name = _sheet_xml(xlsx_bytes(BOOK))
    head, tail = parts[name].split(b"</sheetData>")
    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, content in parts.items():
            if part != name:
                zf.writestr(part, content)
                continue
            info = zipfile.ZipInfo(part)
            info.compress_type = zipfile.ZIP_DEFLATED
            with zf.open(info, "w", force_zip64=True) as out:
                out.write(head + b"</sheetData><!--")
                zeros = bytes(1024 * 1024).replace(b"\x00", b"0")
                for _ in range(BOMB_MB):
                    out.write(zeros)
                out.write(b"-->" + tail)
    assert path.stat().st_size < 1024 * 1024
    return path


def test_a_zip_bomb_is_refused_by_its_unpacked_size(zip_bomb, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the parser was called")

    monkeypatch.setattr(reader.sandbox, "start_reading", never)
    start = time.perf_counter()
    result = read_workbook(zip_bomb)
    assert time.perf_counter() - start < SECONDS
    assert [(p.severity, p.code) for p in result.problems] == [(ERROR, "too_big_inside")]
    assert f"({BOMB_MB} МБ)" in result.problems[0].message


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from /proc (Linux)")
def test_a_zip_bomb_is_refused_in_bounded_memory(zip_bomb):
    # In a fresh process, so that the peak memory is the reader's alone. VmHWM, not ru_maxrss: Linux carries
    # ru_maxrss over from the forked test process across exec.
    code = ("import re, sys; from partnerlib.reader import read_workbook; "
            "r = read_workbook(sys.argv[1]); "
            "hwm = re.search(r'VmHWM:\\s+(\\d+) kB', open('/proc/self/status').read()); "
            "print(r.problems[0].code, int(hwm.group(1)) // 1024)")
    out = subprocess.run([sys.executable, "-c", code, str(zip_bomb)], capture_output=True, text=True, timeout=60,
                         cwd=Path(__file__).resolve().parent.parent, check=True).stdout.split()
    assert out[0] == "too_big_inside"
    assert int(out[1]) < 250 + BOMB_MB // 10, f"peak memory {out[1]} MB"


def test_an_ordinary_workbook_is_not_taken_for_a_bomb():
    # Many identical rows compress well, but not like a bomb.
    rows = [["Дата", "Название", "Партнер", "Участники"]] + [["01.02.2020", f"Акция {i}", "Школа", 10]
                                                           for i in range(20_000)]
    result = read_workbook(xlsx_bytes({"2020": rows}), "many.xlsx")
    assert result.errors == []
    assert len(result.events) == 20_000
    assert int(np.sum(result.events["participants"])) == 200_000


def test_rows_filled_only_in_unread_columns_are_named_and_unused_columns_said():
    data = xlsx_bytes({"Мероприятия": [
        ["Дата", "Название мероприятия", "Примечание", "Комментарий директора"],
        ["12.03.2020", "Чтения", "заметка", None],
        [None, None, None, "только здесь"],
        [None, None, "только примечание", None],
        [None, None, None, None],
    ]})
    result = read_workbook(data, "заметки.xlsx")
    assert len(result.events) == 1
    got = {(p.severity, p.code, p.row, p.column, p.value) for p in result.problems}
    assert got == {
        ("error", "row_unmapped", 3, None, "только здесь"),
        ("error", "row_unmapped", 4, None, "только примечание"),
        ("warning", "column_unused", 1, "Примечание", None),
        ("warning", "column_ignored", 1, "Комментарий директора", None),
    }


def test_a_note_on_how_a_value_was_read_is_said_once_per_value_and_a_failure_on_each_row():
    """A month written alone, a platform giving the format: one note per value naming its rows, in both
    languages; a date that cannot be read stays an error on each of its rows."""
    rows = [
        ["Дата", "Мероприятие", "Партнёр", "Форма проведения", "Площадка"],
        ["апрель 2022", "Лекция о Пушкине", "Школа № 1", None, "ZOOM"],
        ["апрель 2022", "Час истории", "Школа № 2", "очно", None],
        [dt.datetime(2022, 5, 3), "Встреча с автором", "Музей", None, "ZOOM"],
        ["апрель 2022", "Громкие чтения", "Школа № 1", "очно", None],
        ["32.13.2022", "Мастер-класс", "Музей", "очно", None],
        ["32.13.2022", "Викторина", "Музей", "очно", None],
        ["май 2022", "Беседа", "Школа № 2", None, "ZOOM"],
    ]
    result = read_workbook(xlsx_bytes({"Мероприятия": rows}), "notes.xlsx")
    said = [(p.severity, p.code, p.row, p.value, p.params.get("rows")) for p in result.problems
            if p.code in ("date_month_only", "format_from_platform", "bad_date", "impossible_date")]
    assert sorted(said, key=lambda s: (s[1], s[2])) == [
        (INFO, "date_month_only", 2, "апрель 2022", "2–3, 5"),
        (INFO, "date_month_only", 8, "май 2022", "8"),
        (INFO, "format_from_platform", 2, "ZOOM", "2, 4, 8"),
        (ERROR, "impossible_date", 6, "32.13.2022", None),
        (ERROR, "impossible_date", 7, "32.13.2022", None),
    ]
    (month,) = [p for p in result.problems if p.code == "date_month_only" and p.row == 2]
    assert "«апрель 2022»" in month.message and "(строки 2–3, 5)" in month.message
    assert "(rows 2–3, 5)" in month.message_in("en")
    (platform,) = [p for p in result.problems if p.code == "format_from_platform"]
    assert "«ZOOM»" in platform.message and "(строки 2, 4, 8)" in platform.message
    assert len(result.events) == 5
