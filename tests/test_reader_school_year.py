"""A plan for a school year: its title («на 2022–2023 учебный год») places «15.09» and «15.03» in its two years,
through read_workbook, row by row; a sheet name that says it, and month headings, do the same."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import xlsx_bytes

from partnerlib import read_workbook
from partnerlib.errors import ERROR

D = dt.date


def _day(value) -> D | None:
    return None if value is None or value != value else value.date()


def _dates(result) -> list[tuple]:
    return [(int(e["row"]), _day(e["date"]), _day(e["date_end"]), int(e["year"]), e["date_precision"])
            for e in result.events.to_dict("records")]


@pytest.mark.parametrize("title", [
    "План мероприятий на 2022–2023 учебный год",
    "План мероприятий на 2022/2023 уч. г.",
    "План совместной работы со школами на 2022-2023 уч. год",
    "ПЛАН МЕРОПРИЯТИЙ НА 2022/23 УЧЕБНЫЙ ГОД",
])
def test_a_school_years_title_gives_each_month_its_year(title):
    rows = [
        [title],
        [],
        ["Дата", "Мероприятие", "Партнёр", "Форма проведения"],
        ["15.09", "День знаний в библиотеке", "Школа № 5", "очно"],
        ["28.12–10.01", "Новогодние чтения", "Детский сад № 7", "очно"],
        ["15.03", "Неделя детской книги", "Школа № 5", "очно"],
        ["в течение учебного года", "Проект «Читающая школа»", "Школа № 5", "очно"],
        ["12.05.2022", "Урок мужества", "Школа № 3", "очно"],
    ]
    result = read_workbook(xlsx_bytes({"План": rows}), "plan.xlsx")
    assert not [p for p in result.problems if p.severity == ERROR]
    assert _dates(result) == [
        (4, D(2022, 9, 15), None, 2022, "day"),
        (5, D(2022, 12, 28), D(2023, 1, 10), 2022, "period"),
        (6, D(2023, 3, 15), None, 2023, "day"),
        (7, D(2022, 9, 1), D(2023, 5, 31), 2022, "period"),
        (8, D(2022, 5, 12), None, 2022, "day"),  # a year written in the cell stands
    ]
    notes = {p.row: (p.code, p.params) for p in result.problems if p.code.startswith("date_")}
    school = "2022/2023"
    assert notes == {
        4: ("date_year_from_school_year", {"year": 2022, "school_year": school, "rows": "4"}),
        5: ("date_year_from_school_year", {"year": 2022, "school_year": school, "rows": "5"}),
        6: ("date_year_from_school_year", {"year": 2023, "school_year": school, "rows": "6"}),
        7: ("date_school_year", {"start": "01.09.2022", "end": "31.05.2023", "rows": "7"}),
    }
    (march,) = [p for p in result.problems if p.row == 6]
    assert "«15.03»" in march.message and "взят 2023 год" in march.message and school in march.message
    assert "school year 2022/2023" in march.message_in("en")


def test_month_headings_of_a_school_year_plan_give_lone_days_their_year():
    rows = [
        ["План работы с социальными партнёрами на 2022–2023 учебный год"],
        ["Дата", "Мероприятие", "Партнёр"],
        ["Сентябрь"],
        [15, "Экскурсия для первоклассников", "Школа № 5"],
        ["Март"],
        [21, "Поэтический вечер", "Школа № 5"],  # a number cell, as Excel keeps a typed day
        ["4", "Праздник книги", "Школа № 5"],
    ]
    result = read_workbook(xlsx_bytes({"План": rows}), "plan.xlsx")
    assert [(r, d, y) for r, d, _, y, _ in _dates(result)] == [
        (4, D(2022, 9, 15), 2022), (6, D(2023, 3, 21), 2023), (7, D(2023, 3, 4), 2023)]


def test_a_school_year_in_the_sheet_name_and_no_date_column_gives_the_first_year():
    rows = [["Мероприятие", "Партнёр", "Кол-во участников"], ["Проект «Читающая школа»", "Школа № 5", 400]]
    result = read_workbook(xlsx_bytes({"2022-2023 уч. год": rows}), "plan.xlsx")
    assert [int(y) for y in result.events["year"]] == [2022]
    assert result.errors == []


def test_two_years_without_the_school_word_place_nothing():
    rows = [["План мероприятий на 2022–2023 годы"], ["Дата", "Мероприятие", "Партнёр"],
            ["15.09", "День знаний", "Школа № 5"]]
    result = read_workbook(xlsx_bytes({"План": rows}), "plan.xlsx")
    assert result.events.empty
    assert [(p.row, p.code) for p in result.problems if p.severity == ERROR] == [(3, "bad_date")]
