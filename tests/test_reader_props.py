"""Property tests of the reader: random workbooks of real columns never raise, and no data row goes unnamed."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnerlib import read_workbook
from partnerlib.model import RU_HEADINGS

EVENT_FIELDS = ["date", "title", "partners", "category", "format", "platform", "participants", "views",
                "description", "library_benefit", "society_benefit", "library"]
PARTNER_FIELDS = ["partner", "category", "level", "since", "library", "notes"]

# Values as they are typed, the good and the mistyped.
CELL = {
    "date": st.one_of(st.dates(dt.date(2015, 1, 1), dt.date(2025, 12, 31)).map(lambda d: d.strftime("%d.%m.%Y")),
                      st.sampled_from(["31.02.2020", "апрель 2021", "II квартал 2022", "14–15 мая 2022", "вчера",
                                       "2020", "в течение года", "", "—"])),
    "title": st.sampled_from(["Акция", "Круглый стол", "Итого", "Всего понемногу", "**жирно**", "=1+1", ""]),
    "partners": st.sampled_from(["Школа № 5", "Музей; Газета", "Совет ветеранов войны, труда", "", "-"]),
    "partner": st.sampled_from(["Школа № 5", "Музей", "МБУК «Городской музей»", "", "Газета"]),
    "category": st.sampled_from(["СМИ", "Органы власти", "Клубы", "Организации и учреждения (местные)", ""]),
    "format": st.sampled_from(["онлайн", "очно", "смешанный", "на выезде", "вебинар", "???", ""]),
    "platform": st.sampled_from(["ZOOM", "YouTube", "вк", "Читальный зал", ""]),
    "participants": st.one_of(st.integers(-5, 5000), st.sampled_from(["1 200", "около 60", "много", "2.500", ""])),
    "views": st.one_of(st.integers(0, 10**6), st.sampled_from(["1,5 тыс.", "более 350", "нет", ""])),
    "level": st.sampled_from(["муниципальный", "федеральный", "всемирный", ""]),
    "since": st.one_of(st.integers(1990, 2030), st.sampled_from(["с 2016 г.", "давно", ""])),
    "notes": st.sampled_from(["заметка", ""]),
    "description": st.sampled_from(["Описание", ""]),
    "library_benefit": st.sampled_from(["Польза", ""]),
    "society_benefit": st.sampled_from(["Польза", ""]),
    "library": st.sampled_from(["ЦГБ", "Филиал № 2", ""]),
}


@st.composite
def sheet(draw, fields: list[str], required: list[str]):
    """(rows, merges): a header of a random subset and order of `fields`, title rows, random cells."""
    chosen = draw(st.lists(st.sampled_from(fields), unique=True, min_size=1))
    columns = list(dict.fromkeys([*required, *chosen]))
    columns = draw(st.permutations(columns))
    blank_columns = draw(st.sets(st.sampled_from(columns)))
    n_titles = draw(st.integers(0, 2))
    rows: list[list] = [["Таблица № 15"] if i == 0 else [] for i in range(n_titles)]
    rows.append([RU_HEADINGS[f] for f in columns])
    n_rows = draw(st.integers(0, 12))
    for _ in range(n_rows):
        rows.append([None if f in blank_columns else (draw(CELL[f]) or None) for f in columns])
    merges = []
    if n_rows >= 2 and draw(st.booleans()):
        c = draw(st.integers(0, len(columns) - 1))
        first = n_titles + 2 + draw(st.integers(0, n_rows - 2))
        letter = chr(ord("A") + c)
        merges.append(f"{letter}{first}:{letter}{first + 1}")
        rows[first][c] = None  # a merged range keeps its top-left value only, as in Excel
    return rows, merges


def _xlsx(sheets: dict[str, tuple[list[list], list[str]]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, (rows, merges) in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # typed text that looks like a formula, as a cell formatted as text keeps it
        for ref in merges:
            ws.merge_cells(ref)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _data_rows(rows: list[list], header_index: int) -> set[int]:
    return {i + 1 for i, row in enumerate(rows) if i > header_index and any(v not in (None, "") for v in row)}


def _rows_of(span: str) -> set[int]:
    """The rows a problem's «2–5, 9» names."""
    rows: set[int] = set()
    for first, last in re.findall(r"(\d+)(?:\s*[–-]\s*(\d+))?", span):
        rows.update(range(int(first), int(last or first) + 1))
    return rows


def _named(result, sheet_name: str) -> set[int]:
    named = {p.row for p in result.problems if p.row is not None and p.sheet == sheet_name}
    # A problem about several rows (a row typed twice) names them all.
    for p in result.problems:
        if p.sheet == sheet_name and isinstance(p.params.get("rows"), str):
            named |= _rows_of(p.params["rows"])
    # A problem of the whole sheet names every row of it (a sheet without dates, a failed sheet).
    if any(p.sheet == sheet_name and p.row is None and p.severity == "error" for p in result.problems):
        return set(range(1, 10_000))
    return named


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(events=sheet(EVENT_FIELDS, ["date"]), partners=sheet(PARTNER_FIELDS, ["partner"]))
def test_random_workbooks_never_raise_and_every_data_row_is_read_or_named(events, partners):
    data = _xlsx({"Мероприятия 2022": events, "Партнёры": partners})
    result = read_workbook(data, "random.xlsx")
    if any(p.row is None and p.sheet is None and p.severity == "error" for p in result.problems):
        return  # the whole file refused with one error (nothing usable in it): nothing silently read
    read = set(result.events["row"].dropna().astype(int)) if len(result.events) else set()
    for name, (rows, _) in (("Мероприятия 2022", events), ("Партнёры", partners)):
        header_index = next(i for i, r in enumerate(rows) if r and r[0] != "Таблица № 15")
        expected = _data_rows(rows, header_index)
        sheet_info = next(s for s in result.sheets if s.name == name)
        if sheet_info.kind == "skipped":
            assert any(p.sheet == name for p in result.problems), f"sheet {name} skipped without a word"
            continue
        got = (read if name.startswith("Мероприятия") else _partner_rows(result, rows, header_index)) | _named(
            result, name)
        assert expected <= got, f"rows {sorted(expected - got)} of {name} neither read nor named"


def _partner_rows(result, rows, header_index) -> set[int]:
    names = set(result.partners["partner"].dropna())
    header = rows[header_index]
    col = header.index(RU_HEADINGS["partner"])
    return {i + 1 for i, r in enumerate(rows) if i > header_index and r[col] in names}


@SETTINGS
@given(events=sheet(EVENT_FIELDS, ["date", "title"]))
def test_read_counts_are_whole_and_never_negative(events):
    result = read_workbook(_xlsx({"2022": events}), "random.xlsx")
    for column in ("participants", "views"):
        values = result.events[column].dropna()
        assert (values >= 0).all()
