"""The shapes of real sheets: two-row headers, totals, sections, summaries, branch sheets, hidden lists, choices."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from conftest import xlsx_bytes

from partnerlib import read_workbook
from partnerlib.errors import ERROR, INFO, WARNING
from partnerlib.layout import Choices, parse_choice


def codes(result, code: str) -> list[tuple]:
    """(row, column, value) of each problem with `code`, in row order."""
    return sorted((p.row or 0, p.column, p.value) for p in result.problems if p.code == code)


def events_by_row(result) -> dict[int, dict]:
    return {int(r["row"]): r for r in result.events.to_dict("records")}


# ---------------------------------------------------------------- headings as people write them

def test_units_and_word_forms_in_headings_do_not_lose_a_column():
    rows = [
        ["Дата/время проведения", "Названия мероприятий", "Совместно с", "Охват, человек", "Число просмотров (ед.)",
         "Описание (кратко)"],
        ["12.03.2021", "Чтения", "Городской музей", "1 200", 35, "Вечер поэзии"],
        ["15.04.2021", "Квиз", "Школа № 5", 40, None, None],
    ]
    result = read_workbook(xlsx_bytes({"2021": rows}), "report.xlsx")
    assert result.errors == []
    assert int(result.events["participants"].sum()) == 1240
    assert int(result.events["views"].sum()) == 35
    assert list(result.events["title"]) == ["Чтения", "Квиз"]
    assert result.events["description"].iloc[0] == "Вечер поэзии"
    sheet = result.sheets[0]
    assert {c.heading: (c.field, c.how) for c in sheet.headings} == {
        "Дата/время проведения": ("date", "words"), "Названия мероприятий": ("title", "words"),
        "Совместно с": ("partner", "exact"), "Охват, человек": ("participants", "words"),
        "Число просмотров (ед.)": ("views", "words"), "Описание (кратко)": ("description", "words"),
    }


def test_english_headings_of_the_same_sheets():
    rows = [["Held on", "Event", "Partner(s)", "Partner type", "Delivery mode", "Attendance (persons)"],
            ["2022-05-14", "Reading", "City museum", "Institutions", "offline", 30]]
    result = read_workbook(xlsx_bytes({"2022": rows}), "en.xlsx")
    assert result.errors == []
    event = result.events.iloc[0]
    assert (event["title"], event["partners"], event["format"], int(event["participants"])) == (
        "Reading", "City museum", "offline", 30)
    assert event["category"] == "institutions"


def test_a_column_of_data_that_is_not_recognised_is_a_warning_with_its_values():
    rows = [["Дата", "Мероприятие", "Фамилия"], ["12.03.2021", "Чтения", "Иванова"],
            ["13.03.2021", "Квиз", "Петрова"]]
    result = read_workbook(xlsx_bytes({"2021": rows}), "e.xlsx")
    (problem,) = [p for p in result.problems if p.code == "column_ignored"]
    assert (problem.severity, problem.row, problem.column) == (WARNING, 1, "Фамилия")
    assert "«Иванова», «Петрова»" in problem.message


def test_a_heading_that_could_be_two_fields_is_not_guessed():
    rows = [["Дата", "Мероприятие", "Участники / просмотры"], ["12.03.2021", "Чтения", 30]]
    result = read_workbook(xlsx_bytes({"2021": rows}), "e.xlsx")
    (problem,) = [p for p in result.problems if p.code == "column_ambiguous"]
    assert problem.severity == WARNING
    assert "«Участники»" in problem.message and "«Просмотры»" in problem.message
    assert result.events["participants"].isna().all()


# ---------------------------------------------------------------- two-row headers

def test_a_group_heading_over_sub_headings_gives_combined_names():
    rows = [
        ["План мероприятий с партнёрами на 2022 год"],
        ["№", "Мероприятие", "Партнёр", "Дата", None, "Количество", None],
        [None, None, None, "начала", "окончания", "участников", "просмотров"],
        [1, "Неделя книги", "Школа № 5", dt.datetime(2022, 3, 21), dt.datetime(2022, 3, 27), 120, 40],
        [2, "Вечер", "Музей", dt.datetime(2022, 4, 2), None, 25, None],
    ]
    merges = {"План": ["A1:G1", "A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:G2"]}
    result = read_workbook(xlsx_bytes({"План": rows}, merges), "plan.xlsx")
    assert result.errors == []
    sheet = result.sheets[0]
    assert sheet.header_row == 3
    assert {c.heading: c.field for c in sheet.headings} == {
        "№": None, "Мероприятие": "title", "Партнёр": "partner", "Дата начала": "date",
        "Дата окончания": "date_end", "Количество участников": "participants",
        "Количество просмотров": "views",
    }
    by_row = events_by_row(result)
    assert (int(by_row[4]["participants"]), int(by_row[4]["views"])) == (120, 40)
    assert by_row[4]["date_precision"] == "period"
    assert by_row[5]["date_precision"] == "day"
    assert int(result.events["year"].iloc[0]) == 2022


# ---------------------------------------------------------------- rows that are not data

TOTALS_ROWS = [
    ["№ п/п", "Дата", "Название мероприятия", "Партнёр", "Кол-во участников", "Кол-во просмотров"],
    ["Январь"],
    [1, "12.01.2022", "Чтения", "Школа № 5", 20, 100],
    [2, "20.01.2022", "Квиз", "Музей", 30, None],
    ["Итого за январь", None, None, None, 50, 100],
    ["Работа с учреждениями образования"],
    [3, "03.02.2022", "Урок", "Школа № 5", 25, None],
    [3.1, "04.02.2022", "Урок-продолжение", "Школа № 5", 15, None],
    ["ИТОГО по ЦБС", None, None, None, 95, 100],
    [],
    ["Заведующая библиотекой ______________ И. И. Иванова"],
]


def test_totals_sections_and_the_signature_are_not_events():
    result = read_workbook(xlsx_bytes({"2022": TOTALS_ROWS}), "t.xlsx")
    assert sorted(events_by_row(result)) == [3, 4, 7, 8]
    assert int(result.events["participants"].sum()) == 90
    assert [r for r, _, _ in codes(result, "total_row")] == [5, 9]
    assert [(r, v) for r, _, v in codes(result, "section_row")] == [
        (2, "Январь"), (6, "Работа с учреждениями образования")]
    assert [r for r, _, _ in codes(result, "signature_row")] == [11]
    assert result.errors == []


def test_a_totals_row_that_does_not_add_up_is_a_warning():
    result = read_workbook(xlsx_bytes({"2022": TOTALS_ROWS}), "t.xlsx")
    # «ИТОГО по ЦБС» says 95; the rows above add up to 90 (a typo somewhere).
    (mismatch,) = [p for p in result.problems if p.code == "total_mismatch"]
    assert (mismatch.severity, mismatch.row, mismatch.column, mismatch.value) == (
        WARNING, 9, "Кол-во участников", "95")
    assert "90" in mismatch.message


def test_a_totals_row_merged_across_the_first_columns():
    rows = [["№", "Дата", "Мероприятие", "Участники"], [1, "01.03.2022", "Акция", 10],
            [2, "02.03.2022", "Лекция", 5], ["Всего за год", None, None, 15]]
    result = read_workbook(xlsx_bytes({"2022": rows}, {"2022": ["A4:C4"]}), "t.xlsx")
    assert len(result.events) == 2
    assert codes(result, "total_row") == [(4, None, "Всего за год")]
    assert codes(result, "total_mismatch") == []


def test_an_event_titled_like_a_total_but_dated_is_an_event():
    rows = [["Дата", "Мероприятие", "Участники"], ["01.03.2022", "Всего понемногу", 10]]
    result = read_workbook(xlsx_bytes({"2022": rows}), "t.xlsx")
    assert list(result.events["title"]) == ["Всего понемногу"]


def test_a_month_heading_gives_the_month_of_days_written_alone():
    rows = [["План мероприятий на 2022 год"], ["Дата", "Мероприятие", "Партнёр"], ["Сентябрь"],
            ["15.09", "Урок", "Школа № 5"], ["Октябрь"], ["03.10", "Лекция", "Музей"]]
    result = read_workbook(xlsx_bytes({"План": rows}), "plan.xlsx")
    assert result.errors == []
    assert [d.date() for d in result.events["date"]] == [dt.date(2022, 9, 15), dt.date(2022, 10, 3)]


# ---------------------------------------------------------------- sheets that are not data

def test_a_summary_sheet_is_never_added_to_the_events():
    events = [["Дата", "Мероприятие", "Категория", "Участники"], ["01.03.2022", "Акция", "СМИ", 10],
              ["02.04.2022", "Лекция", "Органы власти", 20]]
    summary = [["Категория", "Количество мероприятий", "Участники"], ["СМИ", 1, 10], ["Органы власти", 1, 20],
               ["Итого", 2, 30]]
    result = read_workbook(xlsx_bytes({"Мероприятия 2022": events, "Свод 2022": summary}), "s.xlsx")
    assert len(result.events) == 2
    assert int(result.events["participants"].sum()) == 30
    kinds = {s.name: (s.kind, s.skipped) for s in result.sheets}
    assert kinds["Свод 2022"] == ("skipped", "summary")
    (note,) = [p for p in result.problems if p.sheet == "Свод 2022"]
    assert note.severity == INFO and "сводную" in note.message


def test_a_sheet_named_summary_holding_event_rows_beside_branch_sheets_is_skipped():
    rows = [["Дата", "Мероприятие", "Участники"], ["01.03.2022", "Акция", 10]]
    result = read_workbook(xlsx_bytes({"Филиал № 2": rows, "Свод": rows}), "b.xlsx")
    assert len(result.events) == 1
    assert {s.name: s.kind for s in result.sheets} == {"Филиал № 2": "events", "Свод": "skipped"}


def test_the_only_events_sheet_is_read_whatever_its_name():
    rows = [["Дата", "Мероприятие", "Участники"], ["01.03.2022", "Акция", 10]]
    result = read_workbook(xlsx_bytes({"Сводная таблица мероприятий": rows}), "one.xlsx")
    assert len(result.events) == 1
    assert [p.code for p in result.problems] == ["summary_read"]


def _with_hidden_lists(rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Мероприятия 2022"
    for row in rows:
        ws.append(row)
    lists = wb.create_sheet("Списки")
    for row in [["Категория", "Форма проведения"], ["СМИ", "онлайн"], ["Органы власти", "очно"]]:
        lists.append(row)
    lists.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_hidden_sheet_of_drop_down_lists_is_skipped_with_a_note():
    result = read_workbook(_with_hidden_lists([["Дата", "Мероприятие"], ["01.03.2022", "Акция"]]), "h.xlsx")
    assert len(result.events) == 1
    assert {s.name: (s.kind, s.skipped) for s in result.sheets}["Списки"] == ("skipped", "hidden")
    assert [p.code for p in result.problems if p.sheet == "Списки"] == ["sheet_hidden"]


# ---------------------------------------------------------------- one sheet per branch

def test_branch_sheets_give_the_events_library():
    rows = [["Дата", "Мероприятие", "Участники"], ["01.03.2022", "Акция", 10]]
    result = read_workbook(xlsx_bytes({"Филиал № 5": rows, "ЦДБ": rows, "Библиотека им. Гайдара 2022": rows}),
                           "branches.xlsx")
    assert list(result.events["library"]) == ["Филиал № 5", "ЦДБ", "Библиотека им. Гайдара"]


@pytest.mark.parametrize("names", [["Лист1"], ["Мероприятия 2021", "Мероприятия 2022"], ["2021", "2022"]])
def test_generic_sheet_names_give_no_library(names):
    rows = [["Дата", "Мероприятие"], ["01.03.2022", "Акция"]]
    result = read_workbook(xlsx_bytes(dict.fromkeys(names, rows)), "g.xlsx")
    assert result.events["library"].isna().all()


def test_a_library_column_wins_over_the_sheet_name():
    rows = [["Дата", "Мероприятие", "Библиотека"], ["01.03.2022", "Акция", "ЦГБ"]]
    result = read_workbook(xlsx_bytes({"Филиал № 5": rows}), "b.xlsx")
    assert list(result.events["library"]) == ["ЦГБ"]


# ---------------------------------------------------------------- the partner register of the report template

@pytest.mark.parametrize("level", ["missing", "empty"])
def test_the_report_templates_register_reads_without_a_level(level):
    header = ["Категория", "Наименование партнёра", "С какого года"]
    rows = [["Организации и учреждения (местные)", "МБОУ Школа № 5", 2012],
            [None, "Городской музей", 2010],
            ["СМИ (печатные и электронные)", "Газета «Саров»", None]]
    if level == "empty":
        header.insert(2, "Уровень")
        rows = [[*r[:2], None, r[2]] for r in rows]
    result = read_workbook(xlsx_bytes({"Партнёры": [["4.1.1. Партнеры библиотеки"], header, *rows]}), "r.xlsx")
    assert result.errors == []
    partners = result.partners.set_index("partner")
    assert partners.loc["Городской музей", "category"] == "institutions"
    assert partners.loc["Городской музей", "level"] == "municipal"
    assert partners.loc["Газета «Саров»", "category"] == "media"


def test_group_headings_in_the_name_column_give_the_category():
    rows = [["Наименование партнёра", "С какого года"], ["Органы власти:"], ["Администрация города", 2015],
            ["СМИ:"], ["Городское ТВ", 2012]]
    result = read_workbook(xlsx_bytes({"Партнёры": rows}), "r.xlsx")
    partners = result.partners.set_index("partner")["category"].astype(object).to_dict()
    assert partners == {"Администрация города": "authorities", "Городское ТВ": "media"}
    assert [r for r, _, _ in codes(result, "group_row")] == [2, 4]


# ---------------------------------------------------------------- the director's choices

MAPPED_ROWS = [["Дата", "Мероприятие", "Пришли (чел.)"], ["01.03.2022", "Акция", 10], ["02.03.2022", "Квиз", 15]]


def test_a_chosen_field_reads_a_column_the_reader_did_not_know():
    plain = read_workbook(xlsx_bytes({"2022": MAPPED_ROWS}), "m.xlsx")
    assert plain.events["participants"].isna().all()
    heading, field = parse_choice("Пришли (чел.)=participants")
    chosen = read_workbook(xlsx_bytes({"2022": MAPPED_ROWS}), "m.xlsx", choices=Choices(columns={heading: field}))
    assert int(chosen.events["participants"].sum()) == 25
    assert {c.heading: c.how for c in chosen.sheets[0].headings}["Пришли (чел.)"] == "chosen"
    assert not [p for p in chosen.problems if p.code == "column_ignored"]


def test_a_column_can_be_left_unread_and_a_sheet_kind_chosen():
    rows = [["Дата", "Мероприятие", "Участники"], ["01.03.2022", "Акция", 10]]
    unread = read_workbook(xlsx_bytes({"2022": rows}), "m.xlsx", choices=Choices(columns={"участники": None}))
    assert unread.events["participants"].isna().all()
    skipped = read_workbook(xlsx_bytes({"2022": rows, "2023": rows}), "m.xlsx",
                            choices=Choices(kinds={"2023": "skipped"}))
    assert len(skipped.events) == 1
    assert [p.code for p in skipped.problems] == ["sheet_chosen"]


def test_remembered_choices_apply_to_the_next_file_with_the_same_headings():
    first = read_workbook(xlsx_bytes({"2022": MAPPED_ROWS}), "m.xlsx")
    remembered = {first.sheets[0].signature: {"пришли чел": "participants"}}
    again = read_workbook(xlsx_bytes({"Лист1 2023": MAPPED_ROWS}), "next.xlsx",
                          choices=Choices(saved=remembered.get))
    assert int(again.events["participants"].sum()) == 25
    assert [p.code for p in again.problems if p.severity == INFO] == ["choices_applied"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Охват (чел.)=participants", ("охват чел", "participants")),
    ("Партнёр=partners", ("партнер", "partner")),
    ("Ответственный=", ("ответственный", None)),
    ("a=b=-", ("a b", None)),
])
def test_parse_choice(text, expected):
    assert parse_choice(text) == expected


@pytest.mark.parametrize("text", ["no equals sign", "=participants", "Охват=nonsense"])
def test_parse_choice_refuses_what_names_no_field(text):
    with pytest.raises(ValueError):
        parse_choice(text)


# ---------------------------------------------------------------- never a traceback

def test_one_sheets_failure_is_a_problem_and_the_other_sheets_are_read(monkeypatch):
    from partnerlib import reader

    real = reader._events_from

    def broken(frame, info, *args):
        if info.name == "2021":
            raise RuntimeError("boom")
        return real(frame, info, *args)

    monkeypatch.setattr(reader, "_events_from", broken)
    rows = [["Дата", "Мероприятие"], ["01.03.2022", "Акция"]]
    result = read_workbook(xlsx_bytes({"2021": rows, "2022": rows}), "f.xlsx")
    assert len(result.events) == 1
    (failure,) = result.errors
    assert (failure.code, failure.sheet) == ("sheet_failed", "2021")
    assert "RuntimeError: boom" in failure.message


def test_a_failure_after_the_sheets_is_one_error_not_a_traceback(monkeypatch):
    from partnerlib import reader

    def broken(*args):
        raise KeyError("x")

    monkeypatch.setattr(reader, "_link_partners", broken)
    result = read_workbook(xlsx_bytes({"2022": [["Дата", "Мероприятие"], ["01.03.2022", "Акция"]]}), "f.xlsx")
    assert [(p.severity, p.code) for p in result.problems] == [(ERROR, "internal_error")]
