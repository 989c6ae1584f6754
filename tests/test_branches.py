"""Tests of the branches of a library system side by side: per branch and year, and the system's total
in which a partner shared by two branches counts once."""

from __future__ import annotations

import math

import pytest
from conftest import workbook_dataset

from partnerlib import branches, metrics
from partnerlib.check_cli import summary
from partnerlib.reader import read_workbook

B1, B2 = "Филиал № 1", "Филиал № 2"
# (year, library, partners cell, format, participants, views); «Музей» works with both branches.
EVENTS = [
    (2020, B1, "Музей", "онлайн", 10, 100),
    (2020, B1, "Школа № 5", "очно", 20, None),
    (2020, B2, "Музей", "очно", 30, None),
    (2020, B2, "Театр", "онлайн", None, 50),
    (2021, B1, "Музей", "очно", 5, None),
    (2021, B2, "Театр", "очно", 7, None),
    (2021, B2, "Школа № 5; Музей", "смешанный", 9, None),
    (2021, None, "Клуб", "очно", 4, None),
]
PARTNERS = [{"partner": name, "category": "Организации и учреждения"} for name in ("Музей", "Школа № 5", "Театр")]


def rows(events=EVENTS) -> list[dict]:
    return [{"date": str(year), "title": f"Встреча {i}", "library": library, "partners": who, "format": form,
             "participants": participants, "views": views}
            for i, (year, library, who, form, participants, views) in enumerate(events)]


@pytest.fixture(scope="module")
def ds():
    return workbook_dataset(PARTNERS, rows())


@pytest.fixture(scope="module")
def table(ds):
    return branches.branch_table(ds).set_index(["library", "year"])


# (library, year) -> (active, new, events, online share %, participants, views, shared partners)
EXPECTED = {
    (B1, 2020): (2, 0, 2, 50.0, 30, 100, 0),
    (B2, 2020): (2, 0, 2, 50.0, 30, 50, 0),
    (branches.NO_LIBRARY, 2020): (0, 0, 0, math.nan, 0, 0, 0),
    (branches.TOTAL, 2020): (3, 0, 4, 50.0, 60, 150, 1),  # «Музей» once, though both branches count it
    (B1, 2021): (1, 0, 1, 0.0, 5, 0, 0),
    (B2, 2021): (3, 1, 2, 0.0, 16, 0, 0),  # «Школа № 5» is new to branch 2 (branch 1's since 2020)
    (branches.NO_LIBRARY, 2021): (1, 1, 1, 0.0, 4, 0, 0),
    (branches.TOTAL, 2021): (4, 1, 4, 0.0, 25, 0, 1),  # for the system only «Клуб» is new
}


@pytest.mark.parametrize(("key", "expected"), EXPECTED.items(), ids=[f"{k[0]} {k[1]}" for k in EXPECTED])
def test_branch_table(table, key, expected):
    row = table.loc[key]
    got = tuple(row[name] for name in [*branches.MEASURES, "shared_partners"])
    assert got[:3] + got[4:] == expected[:3] + expected[4:]
    assert (math.isnan(got[3]) and math.isnan(expected[3])) or got[3] == pytest.approx(expected[3])


def test_rows_are_the_branches_then_the_total_for_every_year(ds):
    out = branches.branch_table(ds)
    assert list(out.columns) == branches.COLUMNS
    assert list(zip(out["library"], out["year"], strict=True)) == [
        (B1, 2020), (B1, 2021), (B2, 2020), (B2, 2021), (branches.NO_LIBRARY, 2020), (branches.NO_LIBRARY, 2021),
        (branches.TOTAL, 2020), (branches.TOTAL, 2021)]


def test_the_total_is_the_systems_own_figures(ds, table):
    system = metrics.yearly(ds).set_index("year")
    for year in (2020, 2021):
        for name in branches.MEASURES:
            assert table.loc[(branches.TOTAL, year), name] == pytest.approx(system.loc[year, name])


def test_branches_add_up_to_the_total_except_shared_partners(table):
    parts = table.drop(index=branches.TOTAL, level="library").groupby(level="year").sum()
    totals = table.xs(branches.TOTAL, level="library")
    for name in ("events", "participants", "views"):
        assert (parts[name] == totals[name]).all()
    assert (parts["active_partners"] - totals["active_partners"] == totals["shared_partners"]).all()


def test_without_a_library_column_there_is_no_table():
    plain = workbook_dataset(PARTNERS, rows([(y, None, w, f, p, v) for y, _, w, f, p, v in EVENTS]))
    assert branches.branch_table(plain).empty
    assert branches.library_totals(plain) == {}


def test_events_of_every_library_are_counted_without_a_row_for_the_unnamed(ds):
    assert branches.library_totals(ds) == {B1: {"events": 3, "participants": 35, "views": 100},
                                           B2: {"events": 4, "participants": 46, "views": 50}}


def test_check_json_gives_the_libraries(ds):
    from conftest import workbook_bytes

    result = read_workbook(workbook_bytes(PARTNERS, rows()), "test.xlsx")
    assert summary(result)["libraries"] == branches.library_totals(ds)


def test_a_year_of_the_table_as_people_read_it(table, ds):
    full = branches.branch_table(ds)
    out = branches.year_rows(full, 2020, "ru")
    assert list(out["library"]) == [B1, B2, "Библиотека не указана", "Вся система"]
    assert list(out.columns) == ["library", *branches.MEASURES]
    assert out["events"].tolist() == [2, 2, 0, 4]
    assert branches.year_rows(full, 2020, "en")["library"].iloc[-1] == "The whole system"
    assert branches.shared(full, 2020) == 1
    assert branches.several(full)


def test_one_named_library_is_not_a_system():
    one = workbook_dataset(PARTNERS, rows([(2020, B1, "Музей", "очно", 3, None),
                                           (2020, None, "Театр", "очно", 2, None)]))
    assert not branches.several(branches.branch_table(one))
