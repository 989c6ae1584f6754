"""Migration 4 ("event_audience"): a store at schema version 3 opens with every row, its history and undo,
and its events gain the audience of form 6-НК, filled by later imports and taken back by undo.

The fixture `tests/fixtures/store_0_3_0.db` was written by the code of schema version 3 (see
make_store_0_3_0.py); its JSON twin holds what that code read back from it.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from fixtures.make_store_0_3_0 import ALIAS, CHOICES, EVENTS_B, PARTNERS_B, SETTINGS, workbook
from old_stores import SCHEMA_3
from test_store_migrations import assert_loaded_as_release

from partnerlib import form6nk, model
from partnerlib.reader import read_workbook
from partnerlib.store import Store, schema
from partnerlib.xlsx import write_workbook

FIXTURE_DB = SCHEMA_3.path
EXPECTED = SCHEMA_3.expected
VERSION_3_COLUMNS = SCHEMA_3.columns
raw_rows = SCHEMA_3.raw_rows


@pytest.fixture
def old_store(tmp_path) -> Path:
    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURE_DB, path)
    return path


def test_fixture_is_a_store_at_schema_version_3():
    with sqlite3.connect(FIXTURE_DB) as conn:
        applied = conn.execute("SELECT position, name FROM schema_migrations ORDER BY position").fetchall()
        imports = conn.execute("SELECT id, kind, undone_at IS NOT NULL FROM imports ORDER BY id").fetchall()
        places = conn.execute("SELECT title, place FROM events ORDER BY id").fetchall()
    assert applied == [(1, "baseline_0_1_0"), (2, "periods_places_choices"), (3, "partner_register")]
    assert imports == [(1, "file", 0), (2, "alias", 0), (3, "file", 1)]
    assert "audience" not in VERSION_3_COLUMNS["events"] and "agreement_kind" in VERSION_3_COLUMNS["partners"]
    assert [p for _, p in places] == ["inside", None, "outside", "remote", "inside"]
    assert EXPECTED["made_by"] == "partnerlib, schema version 3"


def test_opening_adds_the_audience_and_keeps_every_row(old_store):
    before = raw_rows(old_store)
    with Store(old_store) as s:
        assert [m.name for m in s.migrated] == ["event_audience"]
        assert s.schema_state().version == schema.SCHEMA_VERSION == 4
    after = raw_rows(old_store)
    assert {t: r for t, r in after.items() if t != "schema_migrations"} == \
        {t: r for t, r in before.items() if t != "schema_migrations"}
    assert after["schema_migrations"][:3] == before["schema_migrations"]
    assert [r[:2] for r in after["schema_migrations"][3:]] == [(4, "event_audience")]
    with sqlite3.connect(old_store) as conn:
        assert conn.execute("SELECT count(*), count(audience) FROM events").fetchone() == (5, 0)
    with Store(old_store) as s:
        assert s.migrated == []


def test_migrated_store_reads_as_schema_version_3_read_it(old_store):
    with Store(old_store) as s:
        data = s.load()
        history = s.history(extra=True)
        aliases = s.aliases()
        choices = s.column_choices(CHOICES[0])
        settings = {name: s.get_setting(name) for name in SETTINGS}
    for name in ("partners", "events", "event_partners"):
        assert_loaded_as_release(getattr(data, name), EXPECTED["load"][name])
    assert_loaded_as_release(history, EXPECTED["history"])
    assert_loaded_as_release(aliases, EXPECTED["aliases"])
    assert choices == EXPECTED["column_choices"][CHOICES[0]]
    assert settings == EXPECTED["settings"] == SETTINGS
    assert list(data.events.columns) == model.EVENT_COLUMNS
    assert str(data.events["audience"].dtype) == str(model.EVENT_DTYPES["audience"])
    assert data.events["audience"].isna().all()
    # Before any audience is given, every event is «не указано» in the 6-НК view; the places stand.
    assert form6nk.by_year(data)["2022"] == {"events": 2, "children_events": 0, "youth_events": 0,
                                             "outside_events": 1, "remote_events": 1, "unspecified": 2,
                                             "visits": 80, "remote_views": 1200}


def test_history_and_undo_of_a_migrated_store(old_store):
    file_b = read_workbook(workbook(PARTNERS_B, EVENTS_B), "b.xlsx")
    with Store(old_store) as s:
        again = s.apply(file_b, "b.xlsx", "b" * 64, accept_changes=True)
        assert again == 4
        with_b = s.load()
        for name in ("partners", "events"):
            assert_loaded_as_release(getattr(with_b, name), EXPECTED["load_with_b"][name], ignore=("event_id",))
        assert s.undo(again) == [again]
        for name in ("partners", "events", "event_partners"):
            assert_loaded_as_release(getattr(s.load(), name), EXPECTED["load"][name])
        assert s.undo(2) == [2]
        assert s.aliases().empty and ALIAS[0] not in set(s.aliases()["alias"])
        assert s.undo(1) == [1]
        assert s.is_empty()


def audience_book(rows: list[dict]) -> bytes:
    fields = ["date", "title", "partners", "format", "audience"]
    headings = ["Дата проведения", "Название мероприятия", "Партнёр(ы)", "Форма проведения", "Целевая аудитория"]
    return write_workbook({"Мероприятия": pd.DataFrame(rows, columns=fields, dtype=object)},
                          headers={"Мероприятия": headings})


def test_a_later_import_fills_the_audience_and_undo_takes_it_back(old_store):
    rows = [{"date": "27.04.2021", "title": "Встреча с ветеранами",
             "partners": "Клуб «Ветераны»; Администрация г. Сарова", "format": "очно", "audience": "пенсионеры"},
            {"date": "01.03.2024", "title": "Неделя детской книги", "partners": "МБОУ «Школа № 5»",
             "format": "очно, в стационаре", "audience": "дети до 14 лет"}]
    with Store(old_store) as s:
        filled = s.apply(read_workbook(audience_book(rows), "c.xlsx"), "c.xlsx")
        history = s.history()
        assert history.loc[history["id"] == filled, "values_filled"].tolist() == [2]
        events = s.load().events.set_index("title")
        assert events.loc["Встреча с ветеранами", "audience"] == "adults"
        assert events.loc["Неделя детской книги", "audience"] == "children"
        assert form6nk.by_year(s.load())["2024"]["children_events"] == 1
        assert s.undo(filled) == [filled]
        assert s.load().events["audience"].isna().all()
        for name in ("partners", "events", "event_partners"):
            assert_loaded_as_release(getattr(s.load(), name), EXPECTED["load"][name])


def _sqlite_schema(path: Path) -> dict:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name != 'sqlite_sequence' ORDER BY name")]
        return {t: [r[1:] for r in conn.execute(f"PRAGMA table_info({t})")] for t in tables}


def test_a_fresh_store_and_a_migrated_one_have_the_same_schema(tmp_path, old_store):
    Store(old_store).close()
    Store(tmp_path / "new.db").close()
    assert _sqlite_schema(old_store) == _sqlite_schema(tmp_path / "new.db")
    made = {c[0] for c in _sqlite_schema(old_store)["events"]}
    assert "audience" in made
    assert made == {c.name for c in schema.EVENTS_T.columns}
