"""The 6-НК view on the Reach page, through Streamlit's AppTest: the form's lines per year are those of
`form6nk` for the shown data, with the note, and the events lacking an audience or a place listed by row."""

from __future__ import annotations

import pytest
from conftest import workbook_bytes
from test_app import SAMPLE, _navigation_app, _no_store, app, upload  # noqa: F401 (fixtures)

from partnerlib import fmt, form6nk, i18n, metrics, read_workbook, safe

ROWS = [{"date": "2021", "title": "Выездные чтения", "partners": "Школа № 5", "format": "очно, на выезде",
         "participants": 20},
        {"date": "2021", "title": "Вебинар", "partners": "Музей", "format": "онлайн", "views": 300},
        {"date": "2022", "title": "Встреча", "partners": "Музей", "format": "", "participants": 15}]


def form_table(at):
    found = [t.value for t in at.table if t.value.columns[0] == i18n.column_label("line", "ru")]
    assert found, "no table of the form's lines"
    return found[0]


def test_reach_page_shows_the_lines_of_the_form_for_the_demo():
    ds = read_workbook(SAMPLE).dataset("demo")
    at = app()
    at.switch_page("pages/reach.py").run()
    assert not at.exception, at.exception
    shown = form_table(at)
    expected = form6nk.lines(form6nk.table(ds))
    assert list(shown.columns[1:]) == list(expected.columns[1:]) == [str(y) for y in metrics.years(ds)]
    assert shown.iloc[:, 0].tolist() == [safe.markdown(line) for line in expected["line"]]
    for year in expected.columns[1:]:
        assert shown[year].tolist() == [safe.markdown(fmt.number(v, "ru")) for v in expected[year]]
    assert any(c.value.startswith("Это мероприятия, проведённые вместе с партнёрами, а не вся форма 6-НК")
               for c in at.caption)


@pytest.mark.parametrize("years", [None, (2022, 2022)])
def test_the_unspecified_events_are_listed_with_their_excel_rows(years):
    at = upload(app(), "мероприятия.xlsx", workbook_bytes([], ROWS))
    if years:
        at.slider(key="flt_years").set_value(years).run()
    at.switch_page("pages/reach.py").run()
    shown = form_table(at)
    assert shown.columns[1:].tolist() == (["2021", "2022"] if years is None else ["2022"])
    n = 3 if years is None else 1
    assert [e.label for e in at.expander if e.label.startswith("Не указаны")] == [
        i18n.t("form6nk.unspecified_header", "ru", n=n)]
    at.session_state["reach_form6nk_missing"] = True  # she opens the list
    at.run()
    listed = next(d.value for d in at.dataframe if i18n.column_label("missing", "ru") in d.value.columns)
    rows = listed[[i18n.column_label("row", "ru"), i18n.column_label("title", "ru"),
                   i18n.column_label("missing", "ru")]].values.tolist()
    everything = [[2, "Выездные чтения", "аудитория"], [3, "Вебинар", "аудитория"],
                  [4, "Встреча", "аудитория, место"]]
    assert rows == (everything if years is None else everything[2:])
