"""Tests of what the store keeps besides imports: column choices, settings, partner aliases, admin marks,
and the events' end dates and places."""

from __future__ import annotations

import io
import os

import pandas as pd
import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from test_store import EVENTS_A, PARTNERS_A, read, workbook  # tests/ is on sys.path

from partnerlib import model
from partnerlib.store import HISTORY_COLUMNS, Store, StoreError, schema

PG_URL = os.environ.get("PARTNERLIB_TEST_PG_URL")


@pytest.fixture
def pg_url():
    if not PG_URL:
        pytest.skip("PARTNERLIB_TEST_PG_URL is not set")
    engine = sa.create_engine(PG_URL)
    schema.METADATA.drop_all(engine)
    yield PG_URL
    schema.METADATA.drop_all(engine)
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    url = str(tmp_path / "store.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    with Store(url, timeout=10) as s:
        yield s


@pytest.fixture
def file_a():
    return read(workbook(PARTNERS_A, EVENTS_A), "a.xlsx")


# ---------------------------------------------------------------- column choices and settings

SIGNATURE = "дата|охват чел|партнер"


@pytest.mark.parametrize("choices", [
    {"Дата": "date", "Охват (чел.)": "participants", "Партнёр": None},
    {"Дата": "date"},
    {},
])
def test_column_choices_are_kept_by_signature(store, choices):
    assert store.column_choices(SIGNATURE) is None
    store.save_column_choices(SIGNATURE, choices)
    assert store.column_choices(SIGNATURE) == choices
    assert store.column_choices(SIGNATURE + "|ещё") is None


def test_column_choices_saved_again_replace_the_earlier_ones(store):
    store.save_column_choices(SIGNATURE, {"Дата": "date", "Охват (чел.)": "participants"})
    store.save_column_choices(SIGNATURE, {"Дата": None})
    assert store.column_choices(SIGNATURE) == {"Дата": None}


@pytest.mark.parametrize(("value", "stored"), [
    ("Детская библиотека им. А.С. Пушкина", "Детская библиотека им. А.С. Пушкина"),
    ("  Саров ", "Саров"),
    ("", None),
    (None, None),
])
def test_settings(store, value, stored):
    assert store.get_setting("library_name") is None
    store.set_setting("library_name", "прежнее имя")
    store.set_setting("library_name", value)
    assert store.get_setting("library_name") == stored
    assert store.get_setting("city") is None


def test_choices_and_settings_leave_the_data_and_history_alone(store, file_a):
    store.apply(file_a)
    version = store.version()
    store.save_column_choices(SIGNATURE, {"Дата": "date"})
    store.set_setting("city", "Саров")
    assert store.version() == version and len(store.history()) == 1


# ---------------------------------------------------------------- partner aliases

def test_an_alias_is_in_the_history_and_undone_from_it(store, file_a):
    store.apply(file_a)
    assert store.aliases().empty and list(store.aliases().columns) == ["alias", "partner"]
    version = store.version()
    entry = store.add_alias("Клуб ветеранов войны", "Клуб «Ветераны»", user="директор", admin=True)
    assert store.version() != version
    assert store.aliases().to_dict("records") == [{"alias": "Клуб ветеранов войны", "partner": "Клуб «Ветераны»"}]
    history = store.history(extra=True)
    row = history.set_index("id").loc[entry]
    assert (row["kind"], row["admin"], row["user"], row["partners_changed"]) == ("alias", True, "директор", 1)
    assert pd.isna(row["filename"]) and row["events_added"] == 0
    assert store.undo(entry) == [entry]
    assert store.aliases().empty
    assert pd.notna(store.history().set_index("id").loc[entry, "undone_at"])


def test_an_alias_does_not_block_or_join_the_undo_of_a_file(store, file_a):
    first = store.apply(file_a)
    entry = store.add_alias("Школа №1", "Школа № 1 г. Сарова")
    assert store.undo(first) == [first]  # the merge of names stands on its own
    assert store.is_empty() and len(store.aliases()) == 1
    store.undo(entry)
    assert store.aliases().empty


def test_aliases_follow_a_chain_to_the_kept_name(store):
    store.add_alias("Музей г. Сарова", "МБУК «Городской музей»")
    store.add_alias("МБУК «Городской музей»", "Городской музей")
    assert store.aliases().to_dict("records") == [
        {"alias": "Музей г. Сарова", "partner": "Городской музей"},
        {"alias": "МБУК «Городской музей»", "partner": "Городской музей"},
    ]


@pytest.mark.parametrize(("pairs", "code"), [
    ([("Городской музей", "городской  МУЗЕЙ")], "alias_of_itself"),
    ([("Музей", "Городской музей"), ("Городской музей", "Музей")], "alias_of_itself"),
    ([("Музей", "Городской музей"), ("музей", "Краеведческий музей")], "alias_exists"),
])
def test_aliases_that_cannot_be_are_refused(store, pairs, code):
    for alias, keep in pairs[:-1]:
        store.add_alias(alias, keep)
    history = store.history()
    with pytest.raises(StoreError) as err:
        store.add_alias(*pairs[-1])
    assert err.value.code == code and "«" in str(err.value)
    pd.testing.assert_frame_equal(store.history(), history)


# ---------------------------------------------------------------- admin marks

def test_the_admin_password_mark_is_kept_for_imports_and_undos(store, file_a):
    first = store.apply(file_a, admin=True)
    second = store.apply(file_a)
    store.undo(second, admin=True)
    history = store.history(extra=True).set_index("id")
    assert history.loc[first, ["kind", "admin"]].tolist() == ["file", True]
    assert history.loc[second, ["admin", "undone_admin"]].tolist() == [False, True]
    assert pd.isna(history.loc[first, "undone_admin"])
    assert list(store.history().columns) == HISTORY_COLUMNS


# ---------------------------------------------------------------- end dates and places

def with_periods(result):
    """The reader's result with an end date and a place on some events, as the reader will fill them."""
    events = result.events.copy()
    first = events.index[0]
    events.loc[first, "date_end"] = pd.Timestamp("2020-04-29")
    events["date_precision"] = events["date_precision"].astype(object)
    events.loc[first, "date_precision"] = "period"
    events.loc[events.index[1], "date_precision"] = "quarter"
    events["date_precision"] = events["date_precision"].astype(model.EVENT_DTYPES["date_precision"])
    events.loc[events.index[-1], "place"] = "outside"
    result.events = events
    return result


def test_end_dates_and_places_are_stored_and_read_back(store, file_a):
    result = with_periods(file_a)
    store.apply(result)
    data = store.load()
    pd.testing.assert_frame_equal(data.events.drop(columns="event_id"), result.events.drop(columns="event_id"))
    events = data.events.set_index("row")
    assert (events.loc[2, "date_end"], events.loc[2, "date_precision"]) == (pd.Timestamp("2020-04-29"), "period")
    assert events.loc[7, "place"] == "outside"
    # «Читальный зал» in the platform cell: held in the library, as form 6-НК counts it.
    assert events["place"].astype(object).where(events["place"].notna(), None).to_dict() == {
        2: "inside", 3: None, 4: None, 5: None, 6: "inside", 7: "outside"}
    assert events["date_end"].notna().sum() == 1


def test_the_backup_writes_end_dates_places_and_quarters(tmp_path, file_a):
    with Store(tmp_path / "a.db") as s:
        s.apply(with_periods(file_a))
        wb = load_workbook(io.BytesIO(s.export_xlsx()))
    ws = wb["Мероприятия"]
    header = [c.value for c in ws[1]]
    assert header[-1] == "Дата окончания" and "Где проведено" not in header
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    assert rows[0]["Дата проведения"].date().isoformat() == "2020-04-27"
    assert rows[0]["Дата окончания"].date().isoformat() == "2020-04-29"
    assert rows[1]["Дата проведения"] == "II квартал 2020" and rows[1]["Дата окончания"] is None
    assert [r["Форма проведения"] for r in rows] == [
        "очно, в стационаре", "онлайн", "смешанный", "онлайн", "очно, в стационаре", "не указана, на выезде"]


PERIODS = [
    {"date": "14–15 мая 2022", "title": "Фестиваль", "partners": "Музей", "format": "очно"},
    {"date": "II квартал 2022", "title": "Цикл лекций", "partners": "Музей", "format": "очно, на выезде"},
    {"date": "03.03.2022", "title": "Выездная встреча", "partners": "Школа № 1", "format": "на выезде"},
    {"date": "апрель 2020", "title": "Викторина", "partners": "Школа № 1", "format": "онлайн"},
]


def test_end_dates_quarters_and_places_read_back_from_the_backup(tmp_path):
    result = read(workbook([], PERIODS), "periods.xlsx")
    with Store(tmp_path / "a.db") as s:
        s.apply(result)
        back = read(s.export_xlsx(), "backup.xlsx")
    columns = ["date", "date_end", "year", "date_precision", "title", "format", "place"]
    pd.testing.assert_frame_equal(back.events[columns], result.events[columns])
    assert back.events["date_precision"].astype(str).tolist() == ["period", "quarter", "day", "month"]
    assert back.events["place"].isna().tolist() == [True, False, False, True]


def test_the_backup_of_a_store_without_them_keeps_its_columns(tmp_path, file_a):
    with Store(tmp_path / "a.db") as s:
        s.apply(file_a)
        wb = load_workbook(io.BytesIO(s.export_xlsx()))
    header = [c.value for c in wb["Мероприятия"][1]]
    assert "Дата окончания" not in header and "Где проведено" not in header
