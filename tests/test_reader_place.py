"""A place column («Место проведения») gives the place, and the platform only where it names one; kinds of event
in the format column are not mistyped formats; a school year's title places the dates. One plan typed by hand
as libraries publish them, read through read_workbook row by row."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from conftest import typed_rows_bytes, xlsx_bytes
from openpyxl.styles import Alignment, Font

from partnerlib import form6nk, read_workbook
from partnerlib.errors import ERROR, INFO, WARNING

D = dt.date
SY = "date_year_from_school_year"
COLUMNS = ["№ п/п", "Дата проведения", "Наименование мероприятия", "Форма проведения", "Место проведения",
           "Партнёры", "Аудитория", "Ответственный"]


def _day(value) -> D | None:
    return None if value is None or value != value else value.date()


def _text(value) -> str | None:
    return None if value is None or value != value else str(value)


def _school_year_plan() -> bytes:
    """«План мероприятий … на 2022–2023 учебный год» as a library system publishes it: an approval block, a
    merged title, month headings merged across, days with and without a month, kinds of event written as
    the form, a place column with the library's own rooms, schools, a park and the library's VK group."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "План"
    ws["F1"] = "УТВЕРЖДАЮ"
    ws["F2"] = "Директор МБУК «ЦБС» ____________ Н. В. Смирнова"
    ws.append([])
    ws["A4"] = "План мероприятий МБУК «ЦБС» с социальными партнёрами на 2022–2023 учебный год"
    ws["A4"].font = Font(bold=True)
    ws["A4"].alignment = Alignment(horizontal="center")
    ws.merge_cells("A4:H4")
    ws.append([])
    ws.append(COLUMNS)
    return typed_rows_bytes(wb, [
        ["Сентябрь"],
        [1, "01.09", "Праздник «День знаний»", "праздник", "ЦДБ", "МБОУ «Школа № 5»", "дети", "Иванова А. П."],
        [2, "15.09", "Книжная выставка «Осенний листопад»", "книжная выставка", "Читальный зал ЦГБ",
         "Детская художественная школа", "все возрасты", "Петрова Е. В."],
        ["Октябрь"],
        [3, "5 октября", "Беседа «Дорожная азбука»", "беседа", "МБДОУ «Детский сад № 12»", "Отдел ГИБДД",
         "дошкольники", "Иванова А. П."],
        [4, "20.10", "Онлайн-викторина «Знатоки родного края»", "викторина", "группа ВК",
         "Краеведческий музей", "школьники", "Петрова Е. В."],
        ["Ноябрь"],
        [5, "14–18 ноября", "Неделя «Читаем вместе»", "очно и онлайн", "ЦДБ, группа ВК", "МБОУ «Школа № 5»",
         "семейная аудитория", "Сидорова О. И."],
        ["Декабрь"],
        [6, "28.12–10.01", "Мастер-класс «Ёлочная игрушка»", "мастер-класс", "на выезде",
         "Социально-реабилитационный центр", "дети", "Иванова А. П."],
        ["Март"],
        [7, "15.03", "Громкие чтения «Весна идёт»", "громкие чтения", "Парк Победы", "Совет ветеранов",
         "все возрасты", "Петрова Е. В."],
        ["Апрель"],
        [8, "до 25.04", "Экскурсия «Как устроена библиотека»", "экскурсия", "Библиотека-филиал № 3",
         "МБОУ «Школа № 3»", "школьники", "Сидорова О. И."],
        ["Май"],
        [9, 12, "Урок мужества", "очно", "Школа № 3", "Совет ветеранов", "подростки", "Иванова А. П."],
        [10, "в течение учебного года", "Проект «Читающая школа»", "смешанный", "Школьная библиотека СОШ № 5",
         "МБОУ «Школа № 5»", "школьники", "Сидорова О. И."],
        ["Итого: 10 мероприятий"],
        [],
        ["Заведующая отделом по работе с партнёрами ____________ А. П. Иванова"],
    ], 8)


def test_a_school_year_plan_with_a_place_column_is_read_row_by_row():
    result = read_workbook(_school_year_plan(), "plan.xlsx")
    (sheet,) = result.sheets
    assert {c.heading: c.field for c in sheet.headings if c.field} == {
        "Дата проведения": "date", "Наименование мероприятия": "title", "Форма проведения": "format",
        "Место проведения": "place", "Партнёры": "partner", "Аудитория": "audience"}
    got = [(int(e["row"]), _day(e["date"]), _day(e["date_end"]), int(e["year"]), e["format"],
            _text(e["platform"]), _text(e["place"]), e["audience"])
           for e in result.events.to_dict("records")]
    assert got == [
        # a kind of event in the library's own building: offline, inside
        (8, D(2022, 9, 1), None, 2022, "offline", "ЦДБ", "inside", "children"),
        (9, D(2022, 9, 15), None, 2022, "offline", "Читальный зал ЦГБ", "inside", "all"),
        # at a kindergarten: outside the library (a guess, noted)
        (11, D(2022, 10, 5), None, 2022, "offline", "МБДОУ «Детский сад № 12»", "outside", "children"),
        # a quiz in the VK group: online by its platform; its place is remote, from the format
        (12, D(2022, 10, 20), None, 2022, "online", "ВКонтакте", None, "children"),
        # in the library and in its VK group: hybrid, held in the library
        (14, D(2022, 11, 14), D(2022, 11, 18), 2022, "hybrid", "ЦДБ, ВКонтакте", "inside", "all"),
        # over New Year: from December of the first year into January of the second
        (16, D(2022, 12, 28), D(2023, 1, 10), 2022, "offline", "на выезде", "outside", "children"),
        # January to August: the second year of the school year
        (18, D(2023, 3, 15), None, 2023, "offline", "Парк Победы", "outside", "all"),
        (20, D(2023, 4, 25), None, 2023, "offline", "Библиотека-филиал № 3", "inside", "children"),
        (22, D(2023, 5, 12), None, 2023, "offline", "Школа № 3", "outside", "youth"),
        # the whole school year; a school's library is not the library's own
        (23, D(2022, 9, 1), D(2023, 5, 31), 2022, "hybrid", "Школьная библиотека СОШ № 5", "outside", "children"),
    ]
    by_row = {}
    for p in result.problems:
        if p.code not in ("column_ignored", "column_unused"):
            by_row.setdefault(p.row, []).append((p.code, p.severity))
    assert {r: sorted(v) for r, v in by_row.items()} == {
        7: [("section_row", INFO)],
        8: [(SY, INFO), ("format_kind", INFO)],
        9: [(SY, INFO), ("format_kind", INFO)],
        10: [("section_row", INFO)],
        11: [(SY, INFO), ("format_kind", INFO), ("place_outside", INFO)],
        12: [(SY, INFO), ("format_kind_online", INFO)],
        13: [("section_row", INFO)],
        14: [(SY, INFO)],
        15: [("section_row", INFO)],
        16: [(SY, INFO), ("format_kind", INFO)],
        17: [("section_row", INFO)],
        18: [(SY, INFO), ("format_kind", INFO), ("place_outside", INFO)],
        19: [("section_row", INFO)],
        20: [("date_deadline", INFO), ("format_kind", INFO)],
        21: [("section_row", INFO)],
        22: [(SY, INFO), ("place_outside", INFO)],
        23: [("date_school_year", INFO), ("place_outside", INFO)],
        24: [("total_row", INFO)],
        26: [("signature_row", INFO)],
    }
    # No format warning: the kinds of event are not mistyped formats.
    assert not [p for p in result.problems if p.code == "format_unknown"]
    assert not [p for p in result.problems if p.severity == ERROR]
    (march,) = [p for p in result.problems if p.row == 18 and p.code == "place_outside"]
    assert (march.column, march.value) == ("Место проведения", "Парк Победы")
    assert "вне библиотеки" in march.message
    (unread,) = [p for p in result.problems if p.code in ("column_ignored", "column_unused")]
    assert (unread.severity, unread.column) == (WARNING, "Ответственный")


def test_the_place_column_gives_form_6nk_its_events_outside_the_library():
    result = read_workbook(_school_year_plan(), "plan.xlsx")
    table = form6nk.table(result.dataset()).set_index("year")
    # 2022: inside ×3 (ЦДБ, ЦГБ, the hybrid week), outside ×3 (kindergarten, «на выезде», the school's library),
    # remote ×1 (the VK quiz); 2023: outside ×2 (park, school), inside ×1 (branch № 3).
    assert table.loc[2022, ["events", "outside_events", "remote_events"]].tolist() == [7, 3, 1]
    assert table.loc[2023, ["events", "outside_events", "remote_events"]].tolist() == [3, 2, 0]
    assert table["place_from_format"].sum() == 1  # only the VK quiz: every other place was written


@pytest.mark.parametrize(("heading", "cell", "fmt", "platform", "place"), [
    ("Место проведения", "ЦДБ", "offline", "ЦДБ", "inside"),
    ("Место", "Школа № 5", "offline", "Школа № 5", "outside"),
    ("Где проводилось", "на выезде", "offline", "на выезде", "outside"),
    ("Адрес проведения", "Парк Победы", "offline", "Парк Победы", "outside"),
    ("Площадка проведения", "YouTube", "online", "YouTube", None),
    ("Место проведения", "онлайн", "online", "онлайн", "remote"),
    ("Место проведения", "ЦДБ, группа ВК", "hybrid", "ЦДБ, ВКонтакте", "inside"),
    ("Venue", "Reading room", "offline", "Reading room", "inside"),
    # Partnerlib's own «Площадка» stays the platform: a place in it gives no guess
    ("Площадка", "Школа № 5", "unknown", "Школа № 5", None),
    ("Площадка", "ZOOM", "online", "ZOOM", None),
])
def test_a_place_column_of_any_heading_gives_the_place(heading, cell, fmt, platform, place):
    rows = [["Дата", "Мероприятие", "Партнёр", heading], ["14.05.2022", "Встреча", "Школа № 5", cell]]
    result = read_workbook(xlsx_bytes({"2022": rows}), "p.xlsx")
    (event,) = result.events.to_dict("records")
    assert (event["format"], _text(event["platform"]), _text(event["place"])) == (fmt, platform, place)
    assert not [p for p in result.problems if p.severity != INFO]


def test_a_sheet_with_both_a_platform_and_a_place_column_keeps_each():
    rows = [["Дата", "Мероприятие", "Партнёр", "Форма", "Площадка", "Место проведения"],
            ["14.05.2022", "Встреча с писателем", "Музей", "", "ZOOM", "ЦДБ"],
            ["15.05.2022", "Акция «Читаем на траве»", "Музей", "", "", "Парк Победы"],
            ["16.05.2022", "Лекция", "Музей", "очно", "Городское ТВ", "Краеведческий музей"]]
    result = read_workbook(xlsx_bytes({"2022": rows}), "p.xlsx")
    got = [(int(e["row"]), e["format"], _text(e["platform"]), _text(e["place"]))
           for e in result.events.to_dict("records")]
    assert got == [
        (2, "online", "ZOOM", None),  # shown in ZOOM from the library: remote, by its format
        (3, "offline", "Парк Победы", "outside"),  # no platform written: the place stands for it
        (4, "offline", "Городское ТВ", "outside"),
    ]
    codes = sorted((p.row, p.code, p.column, p.value) for p in result.problems)
    assert codes == [
        (2, "format_from_platform", "Форма", "ZOOM"),
        (3, "format_from_place", "Форма", "Парк Победы"),
        (3, "place_outside", "Место проведения", "Парк Победы"),
        (4, "place_outside", "Место проведения", "Краеведческий музей"),
    ]


def test_a_place_written_on_many_rows_is_one_note_that_names_them():
    """Thirty events at two schools and a park: one note per place and per way it was read, each naming its
    rows, not a note on every row; the events are all read, each with its place."""
    rows = [["Дата", "Мероприятие", "Партнёр", "Форма", "Место проведения"]]
    places = ["Школа № 5"] * 12 + ["Парк Победы"] * 3 + ["ЦДБ"] * 10 + ["Школа № 5"] * 5
    for i, place in enumerate(places):
        rows.append([f"{i % 28 + 1:02d}.03.2022", f"Урок {i + 1}", "Школа № 5", "" if i < 20 else "очно", place])
    result = read_workbook(xlsx_bytes({"2022": rows}), "места.xlsx")
    assert len(result.events) == 30
    assert result.events["place"].astype(str).tolist() == \
        ["inside" if p == "ЦДБ" else "outside" for p in places]
    notes = sorted((p.code, p.value, p.row, p.params["rows"]) for p in result.problems if "place" in p.code)
    assert notes == [
        ("format_from_place", "Парк Победы", 14, "14–16"),
        ("format_from_place", "ЦДБ", 17, "17–21"),  # rows 22–26 say «очно»
        ("format_from_place", "Школа № 5", 2, "2–13"),
        ("place_outside", "Парк Победы", 14, "14–16"),
        ("place_outside", "Школа № 5", 2, "2–13, 27–31"),
    ]
    (school,) = [p for p in result.problems if p.code == "place_outside" and p.value == "Школа № 5"]
    assert "в строках 2–13, 27–31 учтены как проведённые вне библиотеки" in school.message
    assert "rows 2–13, 27–31 are counted as held outside the library" in school.message_in("en")
