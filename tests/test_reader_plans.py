"""Plans as librarians type them: days listed in one cell, «до …» deadlines, school years, a month heading,
a row numbering the columns, several partners in a cell; read through read_workbook row by row."""

from __future__ import annotations

import datetime as dt

import openpyxl
from conftest import typed_rows_bytes, xlsx_bytes
from openpyxl.styles import Font

from partnerlib import read_workbook
from partnerlib.errors import ERROR, INFO, WARNING

D = dt.date


def _day(value) -> D | None:
    return None if value is None or value != value else value.date()


def test_listed_days_deadlines_and_school_years_are_read_with_a_note():
    rows = [
        ["Дата проведения", "Название мероприятия", "Партнёр", "Кол-во участников"],
        ["14, 15 мая 2022", "Фестиваль", "Городской музей", 120],
        ["до 15.05.2022", "Конкурс рисунков", "Школа № 5", 30],
        ["2021/2022 учебный год", "Проект «Читающая школа»", "Школа № 5", 400],
        ["2021–2022 уч. г.", "Кружок", "Школа № 3", 15],
        ["14.05.2022", "Лекция", "Городской музей", 25],
    ]
    result = read_workbook(xlsx_bytes({"Мероприятия": rows}), "values.xlsx")
    assert result.errors == []
    got = [(int(e["row"]), _day(e["date"]), _day(e["date_end"]), int(e["year"]), e["date_precision"])
           for e in result.events.to_dict("records")]
    assert got == [
        (2, D(2022, 5, 14), D(2022, 5, 15), 2022, "period"),
        (3, D(2022, 5, 15), None, 2022, "day"),
        (4, D(2021, 9, 1), D(2022, 5, 31), 2021, "period"),
        (5, D(2021, 9, 1), D(2022, 5, 31), 2021, "period"),
        (6, D(2022, 5, 14), None, 2022, "day"),
    ]
    notes = sorted((p.row, p.code, p.severity, p.column) for p in result.problems if p.code.startswith("date_"))
    assert notes == [
        (2, "date_list", INFO, "Дата проведения"),
        (3, "date_deadline", INFO, "Дата проведения"),
        (4, "date_school_year", INFO, "Дата проведения"),
        (5, "date_school_year", INFO, "Дата проведения"),
    ]
    (listed,) = [p for p in result.problems if p.code == "date_list"]
    assert "14.05.2022, 15.05.2022" in listed.message and "один раз" in listed.message
    (deadline,) = [p for p in result.problems if p.code == "date_deadline"]
    assert "«до 15.05.2022»" in deadline.message and "15.05.2022" in deadline.message
    # Each is one event: counted once, in the year it begins.
    assert result.events.groupby("year")["participants"].sum().to_dict() == {2021: 415, 2022: 175}


def _plan_of_events() -> bytes:
    """A «План мероприятий» typed as a public report's table: a merged title that gives the year, a row
    numbering the columns, month headings merged across, periods and deadlines, partners in one cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "План 2022"
    ws["A1"] = "План мероприятий МБУК «ЦБС г. Сарова» с социальными партнёрами на 2022 год"
    ws["A1"].font = Font(bold=True)
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(["№ п/п", "Наименование мероприятия", "Срок проведения", "Форма проведения", "Партнёры",
               "Ответственный"])
    ws.append([1, 2, 3, 4, 5, 6])
    return typed_rows_bytes(wb, [
        ["Январь"],
        [1, "Книжная выставка «Зимние забавы»", "10–20 января", "выставка", "Детская школа искусств",
         "Иванова А. П."],
        [2, "Громкие чтения", "14, 15 января", "очно", "МБДОУ «Детский сад № 5»; МБДОУ «Детский сад № 7»",
         "Петрова Е. В."],
        ["Февраль"],
        [3, "Онлайн-викторина «Защитники Отечества»", "до 23.02", "онлайн",
         "Совет ветеранов войны, труда, Вооружённых Сил и правоохранительных органов", "Иванова А. П."],
        [4, "Урок мужества", "22", "на выезде", "МБОУ «Школа № 3»", "Петрова Е. В."],
        ["Март"],
        [5, "Неделя детской книги", "28.03–03.04", "очно и онлайн",
         "Детская школа искусств, МБДОУ «Детский сад № 5»", "Иванова А. П."],
        ["В течение года"],
        [6, "Проект «Читающая школа»", "2022/2023 учебный год", "очно", "МБОУ «Школа № 3»\nМБОУ «Школа № 5»",
         "Сидорова О. И."],
        [7, "Цикл встреч «Литературная гостиная»", "II квартал", "очно",
         "Городской музей и Детская школа искусств", "Сидорова О. И."],
        ["Итого: 7 мероприятий"],
        [],
        ["Заведующая отделом по работе с партнёрами ____________ А. П. Иванова"],
    ], 6)


def test_a_plan_typed_from_a_public_report_is_read_row_by_row():
    result = read_workbook(_plan_of_events(), "plan.xlsx")
    assert result.errors == []
    got = [(int(e["row"]), e["title"], _day(e["date"]), _day(e["date_end"]), int(e["year"]), e["date_precision"],
            e["format"], e["place"] if e["place"] == e["place"] else None)
           for e in result.events.to_dict("records")]
    assert got == [
        (6, "Книжная выставка «Зимние забавы»", D(2022, 1, 10), D(2022, 1, 20), 2022, "period", "offline", None),
        (7, "Громкие чтения", D(2022, 1, 14), D(2022, 1, 15), 2022, "period", "offline", None),
        (9, "Онлайн-викторина «Защитники Отечества»", D(2022, 2, 23), None, 2022, "day", "online", None),
        (10, "Урок мужества", D(2022, 2, 22), None, 2022, "day", "offline", "outside"),
        (12, "Неделя детской книги", D(2022, 3, 28), D(2022, 4, 3), 2022, "period", "hybrid", None),
        (14, "Проект «Читающая школа»", D(2022, 9, 1), D(2023, 5, 31), 2022, "period", "offline", None),
        (15, "Цикл встреч «Литературная гостиная»", D(2022, 4, 1), D(2022, 6, 30), 2022, "quarter", "offline", None),
    ]
    # Several partners in a cell: «;» and line breaks split; a comma only between names known in the file
    # (both are named alone elsewhere); «и» between names not known elsewhere keeps one name, and so do the
    # commas inside a real name.
    partners = result.event_partners.merge(result.events[["event_id", "row"]], on="event_id")
    by_row: dict[int, list[str]] = {}
    for row, partner in zip(partners["row"], partners["partner"], strict=True):
        by_row.setdefault(int(row), []).append(partner)
    assert by_row == {
        6: ["Детская школа искусств"],
        7: ["МБДОУ «Детский сад № 5»", "МБДОУ «Детский сад № 7»"],
        9: ["Совет ветеранов войны, труда, Вооружённых Сил и правоохранительных органов"],
        10: ["МБОУ «Школа № 3»"],
        12: ["Детская школа искусств", "МБДОУ «Детский сад № 5»"],
        14: ["МБОУ «Школа № 3»", "МБОУ «Школа № 5»"],
        15: ["Городской музей и Детская школа искусств"],
    }
    # Every other row is named, none is counted.
    named = sorted((p.row, p.code, p.severity) for p in result.problems
                   if p.code not in ("column_ignored", "column_unused"))
    assert named == [
        (4, "column_numbers_row", INFO),
        (5, "section_row", INFO),
        (6, "date_year_from_hint", INFO),
        (6, "format_kind", INFO),
        (7, "date_list", INFO),
        (8, "section_row", INFO),
        (9, "date_deadline", INFO),
        (10, "date_year_from_hint", INFO),
        (11, "section_row", INFO),
        (12, "date_year_from_hint", INFO),
        (13, "section_row", INFO),
        (14, "date_school_year", INFO),
        (15, "date_year_from_hint", INFO),
        (16, "total_row", INFO),
        (18, "signature_row", INFO),
    ]
    # The column of who is responsible holds data the events do not keep: a warning naming it.
    (unread,) = [p for p in result.problems if p.code in ("column_ignored", "column_unused")]
    assert (unread.severity, unread.row, unread.column) == (WARNING, 3, "Ответственный")
    assert not [p for p in result.problems if p.severity == ERROR]


def test_a_row_numbering_the_columns_is_not_an_event_but_a_numbered_event_is():
    rows = [["№", "Дата", "Мероприятие", "Участники"], ["1.", "2.", "3.", "4."],
            [1, "14.05.2022", "Лекция", 3], [2, "15.05.2022", "3", 4]]
    result = read_workbook(xlsx_bytes({"2022": rows}), "n.xlsx")
    assert [(int(e["row"]), e["title"], int(e["participants"])) for e in result.events.to_dict("records")] == [
        (3, "Лекция", 3), (4, "3", 4)]
    assert [(p.row, p.code) for p in result.problems if p.code == "column_numbers_row"] == [(2, "column_numbers_row")]
