"""Tests of the data model's one declaration: fields, measures, the typed-frame conversion, problem codes."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from partnerlib import charts, errors, metrics, model
from partnerlib.reader import read_workbook
from partnerlib.sample import sample_workbook_bytes
from partnerlib.store import schema

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sample():
    return read_workbook(sample_workbook_bytes(), "sample.xlsx")


# ---------------------------------------------------------------- fields

@pytest.mark.parametrize(("table", "fields"), [("partners", model.PARTNER_FIELDS), ("events", model.EVENT_FIELDS)])
def test_each_field_is_declared_once_and_the_lists_derive_from_it(table, fields):
    names = [f.name for f in fields]
    assert len(names) == len(set(names))
    columns = model.PARTNER_COLUMNS if table == "partners" else model.EVENT_COLUMNS
    dtypes = model.PARTNER_DTYPES if table == "partners" else model.EVENT_DTYPES
    sheet = model.PARTNER_SHEET_FIELDS if table == "partners" else model.EVENT_SHEET_FIELDS
    assert columns == names and list(dtypes) == names
    assert [f for f in names if f in sheet] == sheet  # the written sheets keep the declared order
    assert all(model.RU_HEADINGS.get(f) and model.EN_HEADINGS.get(f) for f in sheet)
    assert {f.merge for f in fields} <= {"key", "fill", "flag", "origin", "id"}
    # Every stored field is a column of the store's table, with NOT NULL where the field requires it.
    stored = schema.METADATA.tables[table].columns
    for f in fields:
        if f.sql is None:
            assert f.name not in stored
        else:
            assert stored[f.name].nullable is not f.required, f.name


@pytest.mark.parametrize(("derived", "expected"), [
    (model.merge_columns("partners"), ["category", "level", "since", "library", "notes", *model.REGISTER_FIELDS]),
    (model.REGISTER_FIELDS, ["agreement_kind", "agreement_number", "agreement_signed", "agreement_until",
                             "contact_name", "contact_position", "contact_phone", "contact_email", "responsible",
                             "website"]),
    (model.PERSONAL_FIELDS, {"contact_name", "contact_position", "contact_phone", "contact_email", "responsible"}),
    (model.DATE_FIELDS, {"date", "date_end", "agreement_signed", "agreement_until"}),
    (model.merge_columns("events"), ["category", "format", "platform", "place", "audience", "participants", "views",
                                     "description", "library_benefit", "society_benefit", "library"]),
    (model.COUNT_FLAGS, {"participants": "participants_approx", "views": "views_approx"}),
    (model.BOOL_FIELDS, {"participants_approx", "views_approx"}),
    (model.INT_FIELDS, {"event_id", "since", "year", "participants", "views", "row"}),
])
def test_merge_int_and_bool_lists(derived, expected):
    assert derived == expected


# ---------------------------------------------------------------- measures

def test_each_measure_is_declared_once():
    assert model.YEARLY_MEASURES == charts.YEARLY_MEASURES
    assert model.KPI_NAMES == metrics.KPI_NAMES == [
        "active_partners", "new_partners", "events", "online_share", "participants", "views"]
    assert model.TREND_NAMES == ["events", "active_partners", "online_share", "participants", "views"]
    for m in model.MEASURES:
        assert (m.unit == "share") == (m.change == "points") == (m.chart == "line"), m
    assert {"online_share"} == model.SHARE_MEASURES
    assert metrics.NO_CATEGORY == charts.NO_CATEGORY == model.NO_CATEGORY == "_none"


# ---------------------------------------------------------------- one typed-frame conversion

@pytest.mark.parametrize(("table", "dtypes"), [
    ("partners", model.PARTNER_DTYPES), ("events", model.EVENT_DTYPES),
    ("event_partners", model.EVENT_PARTNER_DTYPES),
])
def test_typed_frame_of_the_readers_values_gives_the_readers_frame(sample, table, dtypes):
    typed = getattr(sample, table)
    raw = typed.astype(object).where(typed.notna(), None)
    pd.testing.assert_frame_equal(model.typed_frame(raw, dtypes), typed)
    # The same values as rows of a 2-D object array (as the store fetches them).
    pd.testing.assert_frame_equal(model.typed_frame(raw.to_numpy(dtype=object), dtypes), typed)


def test_typed_frame_of_database_values():
    dtypes = {"date": "datetime64[ns]", "year": "Int64", "date_precision": model.EVENT_DTYPES["date_precision"],
              "platform": "category", "views_approx": "boolean", "title": "string"}
    rows = np.array([
        ["2020-04-27", 2020, "day", "ZOOM", True, "Лекция"],
        [None, 2019, "year", None, False, None],
        ["2022-09-01", 2022, "century", "Библиотека", None, "Акция"],
    ], dtype=object)
    frame = model.typed_frame(rows, dtypes)
    assert dict(frame.dtypes.astype(str)) == {c: str(pd.Series(dtype=t).dtype) for c, t in dtypes.items()}
    assert frame["date"].tolist()[0] == pd.Timestamp("2020-04-27") and pd.isna(frame["date"][1])
    assert frame["date_precision"].tolist()[:2] == ["day", "year"] and pd.isna(frame["date_precision"][2])
    assert list(frame["platform"].cat.categories) == ["ZOOM", "Библиотека"]
    assert frame["views_approx"].tolist() == [True, False, pd.NA]
    assert frame["title"].tolist() == ["Лекция", pd.NA, "Акция"]


# ---------------------------------------------------------------- problem codes and severities

def test_an_unknown_problem_code_or_severity_is_refused_where_it_is_made():
    problem = errors.Problem("warning", "count_approx", "Лист", 3, "Охват", "более 350", {"number": "350"})
    assert problem.severity is errors.Severity.WARNING and problem.code is errors.Code.count_approx
    assert problem.as_dict()["severity"] == "warning"
    with pytest.raises(ValueError):
        errors.Problem(errors.WARNING, "count_aprox")
    with pytest.raises(ValueError):
        errors.Problem("fatal", "count_approx")


def test_every_problem_code_written_in_the_code_has_a_message():
    written = set()
    for path in (ROOT / "partnerlib").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        written |= set(re.findall(r"Problem\(\s*\w+,\s*\"(\w+)\"", text))
        written |= set(re.findall(r"UnreadableFile\(\s*\"(\w+)\"", text))
    assert written and written <= set(errors.Code)


# ---------------------------------------------------------------- the one category order

@pytest.mark.parametrize(("keys", "expected"), [
    (["media", "authorities", None, "Клубы", "authorities"], ["authorities", "media", "Клубы", "_none"]),
    (["Ярмарки", "Клубы", "_none"], ["Клубы", "Ярмарки", "_none"]),
    ([], []),
])
def test_one_category_order_everywhere(keys, expected):
    from partnerlib import deck
    from partnerlib.categories import category_order

    assert category_order(keys) == expected
    assert charts.category_order(keys) == expected
    assert deck._category_order({model.NO_CATEGORY if k is None else k for k in keys}) == expected


_LABELS = ["online", "offline", "hybrid", "Zoom", "ВКонтакте", "ЦДБ", "Филиал № 2", "other", None]


@pytest.mark.parametrize("dtype", [model.EVENT_DTYPES["format"], "category"])
@pytest.mark.parametrize("seed", range(6))
def test_a_categorical_column_is_typed_as_its_values_would_be(dtype, seed):
    rng = np.random.default_rng(seed)
    values = np.empty(int(rng.integers(0, 40)), dtype=object)
    values[:] = [_LABELS[i] for i in rng.integers(0, len(_LABELS) - seed % 3, len(values))]
    # unused categories in another order, as the reader's columns carry them
    given = pd.Categorical(values, categories=pd.Index(["unused", *reversed([v for v in _LABELS if v])], dtype=object))
    from_values = model.typed_frame(pd.DataFrame({"c": pd.Series(values, dtype=object)}), {"c": dtype})["c"]
    from_codes = model.typed_frame(pd.DataFrame({"c": pd.Series(given)}), {"c": dtype})["c"]
    assert from_codes.dtype == from_values.dtype
    assert list(from_codes.cat.categories) == list(from_values.cat.categories)
    assert from_codes.astype(object).where(from_codes.notna(), None).tolist() == \
        from_values.astype(object).where(from_values.notna(), None).tolist()
