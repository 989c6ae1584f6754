"""Shared builders of test workbooks (xlsx, xlsm, xls, ods, csv, zip parts) and fake uploads."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence

import openpyxl
import pandas as pd
import pytest

from partnerlib import read_workbook
from partnerlib.model import EVENT_SHEET_FIELDS, PARTNER_SHEET_FIELDS, RU_HEADINGS, Dataset
from partnerlib.xlsx import write_workbook

Rows = Sequence[Sequence[object]]


def xlsx_bytes(sheets: Mapping[str, Rows], merges: Mapping[str, Iterable[str]] | None = None) -> bytes:
    """An .xlsx written by openpyxl: one sheet per item, rows from row 1 (None = an empty cell).

    `merges` maps a sheet name to ranges such as "A3:A5"; openpyxl keeps the top-left value only,
    as Excel does.
    """
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for ref in (merges or {}).get(name, ()):
            ws.merge_cells(ref)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def typed_rows_bytes(wb: openpyxl.Workbook, rows: Rows, width: int) -> bytes:
    """`rows` appended to the workbook's active sheet as a librarian types a table's body: a row of one text
    (a month heading, a total, a signature) merged across the table's `width` columns; the workbook's bytes."""
    ws = wb.active
    for row in rows:
        ws.append(row)
        if len(row) == 1:
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def xlsm_bytes(sheets: Mapping[str, Rows]) -> bytes:
    """An .xlsm: the .xlsx of `sheets` with the macro-enabled content type Excel gives .xlsm files."""
    parts = zip_parts(xlsx_bytes(sheets))
    types = parts["[Content_Types].xml"].decode("utf-8")
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    assert main in types
    parts["[Content_Types].xml"] = types.replace(main, "application/vnd.ms-excel.sheet.macroEnabled.main+xml").encode()
    return zip_bytes(parts)


def xls_bytes(sheets: Mapping[str, Rows], merges: Mapping[str, Iterable[tuple[int, int, int, int]]] | None = None,
              ) -> bytes:
    """An old-style .xls written by xlwt. Dates become Excel dates; `merges` are (r0, r1, c0, c1), 0-based."""
    xlwt = pytest.importorskip("xlwt", reason="xlwt is needed to write .xls test files")
    wb = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    for name, rows in sheets.items():
        ws = wb.add_sheet(name)
        merged = {(r0, c0): (r1, c1) for r0, r1, c0, c1 in (merges or {}).get(name, ())}
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                style = date_style if isinstance(value, (dt.date, dt.datetime)) else xlwt.Style.default_style
                if (r, c) in merged:
                    r1, c1 = merged[(r, c)]
                    ws.write_merge(r, r1, c, c1, value, style)
                else:
                    ws.write(r, c, value, style)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def ods_bytes(sheets: Mapping[str, Rows]) -> bytes:
    """An .ods written by pandas with odfpy: one sheet per item, rows from row 1."""
    pytest.importorskip("odf", reason="odfpy is needed to write .ods test files")
    import pandas as pd

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="odf") as writer:
        for name, rows in sheets.items():
            width = max((len(r) for r in rows), default=0)
            padded = [[*r, *([None] * (width - len(r)))] for r in rows]
            pd.DataFrame(padded).to_excel(writer, sheet_name=name, index=False, header=False)
    return buf.getvalue()


def csv_bytes(rows: Rows, *, delimiter: str = ";", encoding: str = "cp1251", bom: bool = False,
              newline: str = "\r\n") -> bytes:
    """A CSV as Excel saves it: fields joined by `delimiter`, quoted when they hold it, a quote or a newline."""
    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        if any(ch in text for ch in (delimiter, '"', "\n", "\r")):
            text = '"' + text.replace('"', '""') + '"'
        return text

    text = newline.join(delimiter.join(cell(v) for v in row) for row in rows) + newline
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def zip_parts(data: bytes) -> dict[str, bytes]:
    """The parts of a zip container (xlsx, ods) by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def zip_bytes(parts: Mapping[str, bytes]) -> bytes:
    """A deflated zip of the given parts, in order."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    return buf.getvalue()


class FakeUpload(io.BytesIO):
    """What `st.file_uploader` returns: a BytesIO with `.name`, `.size`, `.type`, `.file_id` and `.getvalue()`.

    `reads` counts the calls of `.read()`, so that a test can tell a file refused unread.
    """

    def __init__(self, data: bytes, name: str, mime: str = "application/octet-stream"):
        super().__init__(data)
        self.name = name
        self.size = len(data)
        self.type = mime
        self.file_id = "test-upload"
        self.reads = 0

    def read(self, *args):
        self.reads += 1
        return super().read(*args)


@pytest.fixture
def upload():
    """Factory of fake Streamlit uploads: `upload(data, "name.xlsx")` -> FakeUpload."""
    return FakeUpload


# ---------------------------------------------------------------- a messy workbook, as directors' staff make them

# Row 1 of each list is Excel row 1. The comments say what the reader must make of each row.
MESSY_PARTNERS: list[list] = [
    ["4.1.1. Партнеры библиотеки"],  # 1 title
    [],  # 2
    ["№", "Категория партнёра", "Наименование партнёра", "Уровень", "С какого года", "Ответственный"],  # 3 header
    [1, "Органы власти", "Администрация города", "муниципальный", 2015, "Иванова"],  # 4
    [2, None, "Городская дума", None, "с 2016 г.", None],  # 5 category filled down
    [3, "Организации и учреждения (местные)", "МБОУ «Лицей № 3»", None, "давно", None],  # 6 bad year
    [4, None, "Музей «Ёлка»", "всемирный", None, None],  # 7 unknown level
    [5, "Клубы", None, None, None, None],  # 8 group heading (a library's own category)
    [6, None, "Клуб «Радуга»", None, None, None],  # 9
    [],  # 10
    [7, "СМИ", None, None, 2019, None],  # 11 no partner name: error
    [8, None, "музей \"ёлка\"", "федеральный", 2012, None],  # 12 the partner of row 7 again
]
MESSY_EVENTS_2019: list[list] = [
    ["Дата проведения", "Название мероприятия", "Партнёр(ы)", "Категория партнёра", "Форма проведения", "Площадка",
     "Кол-во участников", "Количество просмотров"],  # 1 header
    [dt.datetime(2019, 4, 27), "Круглый стол", "Администрация города; Музей «Ёлка»", None, "очно", "Читальный зал",
     25, None],  # 2 two partners, category from the partners table
    ["27 мая 2019", "Лекция", "Клуб «Радуга»", "СМИ (печатные и электронные)", "онлайн", "ZOOM", None,
     "более 350"],  # 3
    ["31.02.2019", "Концерт", "Филармония", None, "очно", None, 40, None],  # 4 impossible date: error
    ["апрель 2019", "Выставка", "МБОУ \"Лицей № 3\"", None, None, "YouTube", None, "1 200"],  # 5
    [None, "Без даты", "Школа № 5", None, "выездное", None, "много", None],  # 6 no date: error
    ["Итого", None, None, None, None, None, 65, None],  # 7 totals
    ["2019", "Акция", "Городское ТВ", "Другие", "смешанный", "вк", "100–150", "5 передач"],  # 8 year only
]
MESSY_EVENTS_2020: list[list] = [
    ["Таблица № 15"],  # 1 title
    ["Дата", "Год", "Мероприятие", "Партнер", "Категория", "Формат", "Участники", "Просмотры"],  # 2 header
    ["31.02.2020", 2020, "Вечер", "Городская дума", None, "оффлайн", "1 200", None],  # 3 the year column keeps it
    [dt.datetime(2020, 5, 9), 2021, "День Победы", "Музей «Ёлка»", None, "очно", "около 60", None],  # 4
    ["01.06.2020", 2020, "Праздник", "Клуб «Радуга»", "Общественные организации", "по записи", -5, None],  # 5
    ["02.06.2020", 2020, "Игра", "Новый партнёр", None, "он-лайн", 12.5, "1,5 тыс."],  # 6 merged E5:E6
    ["июль 2020", None, "Квест", "Клуб «Радуга»\nГородское ТВ", "Клубы", "Очно", 30, None],  # 7
]
MESSY_SHEETS = {
    "Партнёры": MESSY_PARTNERS,
    "Мероприятия 2019": MESSY_EVENTS_2019,
    "Мероприятия 2020": MESSY_EVENTS_2020,
    "Заметки": [["Заметки директора"], ["Позвонить в музей до 1 мая"]],
    "Пустой": [],
}
MESSY_MERGES = {"Мероприятия 2020": ["E5:E6"]}


@pytest.fixture(scope="session")
def messy_xlsx() -> bytes:
    """The messy workbook (MESSY_SHEETS): title rows, a group heading, filled-down and merged categories,
    impossible and partial dates, counts in words, a totals row, a notes sheet and an empty sheet."""
    return xlsx_bytes(MESSY_SHEETS, MESSY_MERGES)


def workbook_bytes(partners: list[dict], events: list[dict]) -> bytes:
    """An xlsx of these partner and event rows (sheet fields as keys), with Partnerlib's own headings."""
    sheets = {"Партнёры": pd.DataFrame(partners, columns=PARTNER_SHEET_FIELDS, dtype=object),
              "Мероприятия": pd.DataFrame(events, columns=EVENT_SHEET_FIELDS, dtype=object)}
    headers = {"Партнёры": [RU_HEADINGS[f] for f in PARTNER_SHEET_FIELDS],
               "Мероприятия": [RU_HEADINGS[f] for f in EVENT_SHEET_FIELDS]}
    return write_workbook(sheets, headers=headers)


def workbook_dataset(partners: list[dict], events: list[dict]) -> Dataset:
    """A Dataset read back from a workbook of these partner and event rows (sheet fields as keys)."""
    return read_workbook(workbook_bytes(partners, events), "test.xlsx").dataset()
