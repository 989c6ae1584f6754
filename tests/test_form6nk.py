"""Tests of the 6-НК view: audience and place words as tables, and the counts on small datasets (an event
both for children and outside the library among them)."""

from __future__ import annotations

import io

import docx
import openpyxl
import pandas as pd
import pytest
from conftest import workbook_bytes, workbook_dataset

from partnerlib import form6nk
from partnerlib.check_cli import summary
from partnerlib.i18n import column_label
from partnerlib.model import EVENT_DTYPES, Dataset, empty_event_partners, empty_partners, typed_frame
from partnerlib.reader import read_workbook
from partnerlib.report import build_report
from partnerlib.store import Store
from partnerlib.summary import build_summary
from partnerlib.values import parse_audience, parse_place
from partnerlib.xlsx import write_workbook

AUDIENCE_WORDS = [
    ("дети до 14 лет", "children"), ("Дети", "children"), ("дошкольники", "children"),
    ("школьники", "children"), ("младшие школьники", "children"), ("учащиеся 5-х классов", "children"),
    ("воспитанники детского сада", "children"), ("дети 6+", "children"), ("подростки 12–14 лет", "children"),
    ("молодёжь 15–30 лет", "youth"), ("молодежь", "youth"), ("подростки", "youth"), ("студенты колледжа", "youth"),
    ("старшеклассники", "youth"), ("юношество", "youth"), ("от 15 до 30 лет", "youth"), ("14–35 лет", "youth"),
    ("взрослые", "adults"), ("пенсионеры", "adults"), ("люди старшего поколения", "adults"),
    ("ветераны труда", "adults"), ("от 18 лет", "adults"), ("педагоги", "adults"), ("взрослые 18+", "adults"),
    ("все возрасты", "all"), ("для всех возрастов", "all"), ("семейная аудитория", "all"), ("семьи с детьми", "all"),
    ("дети и родители", "all"), ("разновозрастная", "all"), ("жители города", "all"), ("0–99 лет", "all"),
    ("Children", "children"), ("Youth", "youth"), ("Adults", "adults"), ("All ages", "all"),
    # one word in the audience column, as a report's table has it
    ("все", "all"), ("Все", "all"), ("смешанная", "all"), ("массовая", "all"), ("общая", "all"),
    ("без возрастных ограничений", "all"), ("для всех категорий", "all"), ("mixed", "all"),
    ("все школьники", "children"), ("учащиеся всех классов", "children"), ("общая для взрослых", "adults"),
]


@pytest.mark.parametrize(("text", "audience"), AUDIENCE_WORDS, ids=[t for t, _ in AUDIENCE_WORDS])
def test_audience_words(text, audience):
    assert parse_audience(text) == (audience, None)


@pytest.mark.parametrize("text", ["12+", "участники клуба", "по записи"])
def test_text_that_names_no_audience_is_said(text):
    assert parse_audience(text) == (None, "audience_unknown")


@pytest.mark.parametrize("text", [None, "", "—", "  "])
def test_an_empty_audience_is_none_without_a_word(text):
    assert parse_audience(text) == (None, None)


PLACE_WORDS = [
    # format cell, platform cell, place
    ("в стационаре", None, "inside"), ("очно, в библиотеке", None, "inside"),
    (None, "в читальном зале", "inside"), ("очно", "Читальный зал", "inside"), ("стационарное", None, "inside"),
    ("вне стационара", None, "outside"), ("выездное", None, "outside"), ("на выезде", None, "outside"),
    ("во внестационарном режиме", None, "outside"), ("вне стен библиотеки", None, "outside"),
    ("дистанционно", None, "remote"), ("удалённо", None, "remote"),
    ("в рамках дистанционного обслуживания", None, "remote"), ("онлайн, дистанционно", "ZOOM", "remote"),
    # «онлайн» is a format: the place follows from it in the view (below), not from the words
    ("онлайн", None, None), ("онлайн", "ZOOM", None),
    ("очно", "Сайт библиотеки", None), (None, "Библиотека им. Гайдара", None), ("очно", None, None),
    (None, None, None),
]


@pytest.mark.parametrize(("fmt", "platform", "place"), PLACE_WORDS, ids=[f"{f}|{p}" for f, p, _ in PLACE_WORDS])
def test_place_words(fmt, platform, place):
    assert parse_place(fmt, platform) == place


def events(rows: list[dict]) -> Dataset:
    """A dataset of event rows (year, format, place, audience, participants, views; sheet and row given)."""
    frame = pd.DataFrame([{"event_id": i, "year": r.get("year", 2021), "date_precision": "year",
                           "title": r.get("title", f"Событие {i}"), "format": r.get("format"),
                           "place": r.get("place"), "audience": r.get("audience"),
                           "participants": r.get("participants"), "views": r.get("views"),
                           "participants_approx": False, "views_approx": False, "sheet": "Мероприятия",
                           "row": i + 2} for i, r in enumerate(rows)])
    dtypes = {**EVENT_DTYPES, "audience": "object"}
    typed = typed_frame(frame.reindex(columns=list(dtypes)), dtypes)
    return Dataset(empty_partners(), typed, empty_event_partners())


SMALL = [
    {"format": "offline", "place": "outside", "audience": "children", "participants": 25},  # both lines
    {"format": "offline", "audience": "children", "participants": 30},  # in the library, by its format
    {"format": "online", "audience": "youth", "views": 400},  # remote, by its format
    {"format": "hybrid", "audience": "adults", "participants": 10, "views": 90},  # in the library
    {"format": "unknown", "audience": "all", "participants": 5},  # no place: «не указано»
    {"format": "offline", "place": "remote", "participants": 7},  # no audience: «не указано»
    {"year": 2022, "format": "online", "place": "remote", "audience": "youth", "views": 50},
]


@pytest.fixture(scope="module")
def small() -> Dataset:
    return events(SMALL)


# year -> (events, children, youth, outside, remote, unspecified, visits, remote views)
EXPECTED = {2021: (6, 2, 1, 1, 2, 2, 77, 490), 2022: (1, 0, 1, 0, 1, 0, 0, 50)}


@pytest.mark.parametrize(("year", "expected"), EXPECTED.items())
def test_counts_of_a_small_dataset(small, year, expected):
    table = form6nk.table(small).set_index("year")
    assert tuple(table.loc[year, form6nk.FIGURES]) == expected


def test_places_from_the_format_are_counted_for_the_note(small):
    table = form6nk.table(small).set_index("year")
    assert table.loc[2021, "place_from_format"] == 3  # offline, online, hybrid without a place
    assert "3" in form6nk.note(form6nk.table(small))


def test_an_event_for_children_outside_the_library_counts_on_both_lines():
    table = form6nk.table(events([SMALL[0]])).iloc[0]
    assert (table["events"], table["children_events"], table["outside_events"], table["remote_events"]) == (1, 1, 1, 0)


def test_visits_and_remote_views_are_never_added(small):
    row = form6nk.table(small).set_index("year").loc[2021]
    assert (row["visits"], row["remote_views"]) == (77, 490)


def test_the_unspecified_are_listed_with_their_rows(small):
    listed = form6nk.unspecified_events(small)
    assert listed[["row", "missing"]].values.tolist() == [[6, "место"], [7, "аудитория"]]


def test_the_form_lines_quote_the_form(small):
    out = form6nk.lines(form6nk.table(small))
    assert list(out.columns) == ["line", "2021", "2022"]
    assert out["line"].iloc[0] == "«Число библиотечных мероприятий, всего»"
    assert out["2021"].tolist() == list(EXPECTED[2021])


def test_a_year_range_and_no_events():
    assert form6nk.table(events(SMALL), (2022, 2022))["year"].tolist() == [2022]
    assert form6nk.table(Dataset.empty()).empty
    assert form6nk.by_year(Dataset.empty()) == {}


def test_check_json_gives_the_form_from_a_workbook():
    ds_rows = [{"date": "2021", "title": "Выездные чтения", "partners": "Школа № 5", "format": "на выезде",
                "participants": 20},
               {"date": "2021", "title": "Вебинар", "partners": "Музей", "format": "онлайн", "views": 300},
               {"date": "2021", "title": "Встреча", "partners": "Музей", "format": "очно", "participants": 15}]
    ds = workbook_dataset([], ds_rows)
    assert form6nk.by_year(ds) == {"2021": {"events": 3, "children_events": 0, "youth_events": 0,
                                            "outside_events": 1, "remote_events": 1, "unspecified": 3,
                                            "visits": 35, "remote_views": 300}}
    result = read_workbook(workbook_bytes([], ds_rows), "f.xlsx")
    assert summary(result)["form_6nk"] == form6nk.by_year(result.dataset())


def test_the_report_has_the_form_lines_of_the_year_and_the_one_before():
    ds = events(SMALL)
    document = docx.Document(io.BytesIO(build_report(ds, 2022)))
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["Строка формы 6-НК", "2021", "2022"]
    assert [r.cells[0].text for r in table.rows[1:]] == form6nk.lines(form6nk.table(ds))["line"].tolist()
    assert [r.cells[1].text for r in table.rows[1:]] == [str(v) for v in EXPECTED[2021]]
    assert [r.cells[2].text for r in table.rows[1:]] == [str(v) for v in EXPECTED[2022]]
    assert any(p.text.startswith("Это мероприятия, проведённые вместе с партнёрами, а не вся форма 6-НК")
               for p in document.paragraphs)


def test_the_summary_has_the_form_sheet():
    ws = openpyxl.load_workbook(io.BytesIO(build_summary(events(SMALL))))["6-НК"]
    got = [list(r) for r in ws.iter_rows(values_only=True)]
    assert got[0] == ["Строка формы 6-НК", "2021", "2022"]
    assert [r[1] for r in got[1:-1]] == list(EXPECTED[2021])
    assert [r[2] for r in got[1:-1]] == list(EXPECTED[2022])
    assert got[-1][0].startswith("Это мероприятия, проведённые вместе с партнёрами")


def test_the_audience_is_read_by_its_heading_and_words_and_an_unknown_one_is_said():
    sheet = pd.DataFrame([["2021", "Сказки", "Музей", "очно", "дети до 14 лет"],
                          ["2021", "Лекция", "Музей", "онлайн", "12+"],
                          ["2021", "Вечер", "Музей", "очно, на выезде", "молодёжь 15–30 лет"]], dtype=object)
    data = write_workbook({"Мероприятия": sheet}, headers={"Мероприятия": [
        "Дата проведения", "Название мероприятия", "Партнёр(ы)", "Форма проведения", "Возрастная категория"]})
    result = read_workbook(data, "f.xlsx")
    assert result.events["audience"].astype(object).where(result.events["audience"].notna(), None).tolist() == [
        "children", None, "youth"]
    unknown = [(p.severity, p.row, p.column, p.value) for p in result.problems if p.code == "audience_unknown"]
    assert unknown == [("warning", 3, "Возрастная категория", "12+")]
    assert form6nk.by_year(result.dataset())["2021"] == {
        "events": 3, "children_events": 1, "youth_events": 1, "outside_events": 1, "remote_events": 1,
        "unspecified": 1, "visits": 0, "remote_views": 0}


def test_the_backup_keeps_the_audience(tmp_path):
    rows = [{"date": "2021", "title": f"Встреча {i}", "partners": "Музей", "format": "очно"} for i in range(4)]
    result = read_workbook(workbook_bytes([], rows), "f.xlsx")
    result.events["audience"] = pd.Categorical(["children", "youth", "adults", "all"],
                                               categories=result.events["audience"].cat.categories)
    with Store(tmp_path / "a.db") as s:
        s.apply(result)
        back = read_workbook(s.export_xlsx(), "backup.xlsx")
    assert back.events["audience"].astype(object).tolist() == ["children", "youth", "adults", "all"]


def test_the_audience_has_its_label_for_the_column_choices():
    assert (column_label("audience", "ru"), column_label("audience", "en")) == ("Аудитория", "Audience")
