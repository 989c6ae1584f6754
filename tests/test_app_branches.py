"""The branches of a library system on the Overview, through Streamlit's AppTest: the table's numbers and the
small multiples' arrays are those of `branches.branch_table` for the uploaded branch workbook."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import workbook_bytes
from test_app import _navigation_app, _no_store, app, spec_with_title, upload  # noqa: F401 (fixtures)
from test_branches import PARTNERS, rows

from partnerlib import branches, fmt, i18n, read_workbook, safe
from partnerlib.charts import decode_array

NAME = "филиалы.xlsx"


@pytest.fixture(scope="module")
def data() -> bytes:
    return workbook_bytes(PARTNERS, rows())


@pytest.fixture(scope="module")
def table(data):
    return branches.branch_table(read_workbook(data, NAME).dataset())


def branch_frame(at):
    """The branch table of the Overview: the static table headed by «Библиотека»."""
    found = [t.value for t in at.table if t.value.columns[0] == i18n.column_label("library", "ru")]
    return found[0] if found else None


def overview(data, year=None):
    at = upload(app(), NAME, data)
    at.switch_page("pages/overview.py").run()
    if year is not None:
        at.selectbox(key="overview_year").set_value(year).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("year", [2020, 2021])
def test_the_branch_table_holds_the_roll_up_of_the_chosen_year(data, table, year):
    at = overview(data, year)
    shown = branch_frame(at)
    expected = branches.year_rows(table, year)
    assert list(shown.iloc[:, 0]) == list(expected["library"])
    assert list(shown.iloc[:, 0])[-1] == i18n.t("branches_total", "ru")
    for i, name in enumerate(branches.MEASURES, start=1):
        assert shown.columns[i] == i18n.column_label(name, "ru")
        written = fmt.percent if name == "online_share" else fmt.number
        # The numbers as the page writes them (a missing share is an empty cell), markdown-escaped.
        want = ["" if isinstance(v, float) and math.isnan(v) else safe.markdown(written(v, "ru"))
                for v in expected[name]]
        assert shown.iloc[:, i].tolist() == want
    caption = " ".join(c.value for c in at.caption)
    assert f"на {branches.shared(table, year)} меньше суммы" in caption


def test_the_small_multiples_hold_every_branch_and_measure(data, table):
    at = overview(data)
    spec = spec_with_title(at, i18n.t("chart_branches", "ru"))
    traces = spec["data"]
    libraries = [n for n in dict.fromkeys(table["library"]) if n != branches.TOTAL]
    assert len(traces) == len(libraries) * len(branches.MEASURES)
    for trace, (name, measure) in zip(traces, [(n, m) for n in libraries for m in branches.MEASURES], strict=True):
        part = table[table["library"] == name].sort_values("year")
        assert trace["name"] == branches.library_label(name)
        assert decode_array(trace["x"]).astype(int).tolist() == part["year"].tolist()
        np.testing.assert_allclose(decode_array(trace["y"]).astype(float), part[measure].astype(float).to_numpy())


def test_one_library_shows_no_branch_section():
    at = app()  # the demo workbook names one library
    assert branch_frame(at) is None
    assert not [c for c in at.caption if "«Вся система»" in c.value]
