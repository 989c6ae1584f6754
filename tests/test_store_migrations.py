"""Tests of the store's schema migrations: a store of release 0.1.0 opens with every row, its history and undo.

The fixture `tests/fixtures/store_0_1_0.db` was written by release 0.1.0 (see make_store_0_1_0.py); its
JSON twin holds what that release read back from it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from fixtures.make_store_0_1_0 import EVENTS_B, PARTNERS_B, workbook  # tests/ is on sys.path
from old_stores import BASELINE_TABLES, RELEASE_0_1_0, fail_the_second_migration

from partnerlib import model
from partnerlib import store as store_module
from partnerlib.cli import main
from partnerlib.reader import read_workbook
from partnerlib.store import Store, StoreError, schema
from partnerlib.store.upgrade import PG_SCHEMA_PREFIX

FIXTURE_DB = RELEASE_0_1_0.path
EXPECTED = RELEASE_0_1_0.expected
PG_URL = os.environ.get("PARTNERLIB_TEST_PG_URL")
NEW_TABLES = ["column_choices", "settings", "partner_aliases"]
raw_rows = RELEASE_0_1_0.raw_rows
copy_fixture_to = RELEASE_0_1_0.copy_to


def drop_all(engine: sa.Engine) -> None:
    """The store's tables and the copies its upgrades kept (partnerlib.store.upgrade) dropped."""
    schema.METADATA.drop_all(engine)
    with engine.begin() as conn:
        for name in sa.inspect(conn).get_schema_names():
            if name.startswith(PG_SCHEMA_PREFIX):
                conn.exec_driver_sql(f'DROP SCHEMA "{name}" CASCADE')


@pytest.fixture
def pg_url():
    if not PG_URL:
        pytest.skip("PARTNERLIB_TEST_PG_URL is not set")
    engine = sa.create_engine(PG_URL)
    drop_all(engine)
    yield PG_URL
    drop_all(engine)
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def old_store(request, tmp_path) -> str:
    """A store of release 0.1.0: the fixture file itself on SQLite, its rows copied on PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "old.db"
        shutil.copyfile(FIXTURE_DB, path)
        return str(path)
    url = request.getfixturevalue("pg_url")
    copy_fixture_to(url)
    return url


def frame_from(expected: dict) -> pd.DataFrame:
    return pd.DataFrame(expected["rows"], columns=expected["columns"], dtype=object)


def comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame as plain Python values (timestamps as ISO text), as the fixture's JSON keeps them."""
    return pd.DataFrame({
        col: [None if v is None or (not isinstance(v, str) and pd.isna(v))
              else v.isoformat() if isinstance(v, pd.Timestamp) else v for v in frame[col].astype(object)]
        for col in frame.columns
    }, columns=frame.columns, dtype=object)


def assert_loaded_as_release(data_frame: pd.DataFrame, expected: dict, ignore: tuple = ()) -> None:
    """The frame read now holds what release 0.1.0 read, with its dtypes; the new columns are empty."""
    columns = [c for c in expected["columns"] if c not in ignore]
    want = frame_from(expected)[columns]
    got = comparable(data_frame[columns])
    pd.testing.assert_frame_equal(got, want)
    dtypes = dict(zip(expected["columns"], expected["dtypes"], strict=True))
    assert {c: str(data_frame[c].dtype) for c in columns} == {c: dtypes[c] for c in columns}
    for extra in set(data_frame.columns) - set(expected["columns"]):
        assert data_frame[extra].isna().all(), extra


# ---------------------------------------------------------------- release 0.1.0 opens

def test_fixture_is_a_store_of_release_0_1_0():
    with sqlite3.connect(FIXTURE_DB) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        imports = conn.execute("SELECT id, filename, undone_at IS NOT NULL FROM imports ORDER BY id").fetchall()
    assert tables - {"sqlite_sequence"} == set(BASELINE_TABLES)  # no schema version
    assert imports == [(1, "a.xlsx", 0), (2, "b.xlsx", 1)]
    assert EXPECTED["made_by"] == "partnerlib 0.1.0"


def test_opening_migrates_and_keeps_every_row(tmp_path):
    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURE_DB, path)
    before = raw_rows(path)
    with Store(path) as s:
        assert [m.name for m in s.migrated] == [m.name for m in schema.MIGRATIONS]
        state = s.schema_state()
        assert (state.version, state.pending, state.unversioned) == (schema.SCHEMA_VERSION, [], False)
    after = raw_rows(path)
    for table in BASELINE_TABLES:
        assert after[table] == before[table], table
    with sqlite3.connect(path) as conn:
        imports = conn.execute("SELECT kind, admin, undone_admin FROM imports ORDER BY id").fetchall()
        events = conn.execute("SELECT count(*), count(date_end), count(place) FROM events").fetchone()
        applied = conn.execute("SELECT position, name FROM schema_migrations ORDER BY position").fetchall()
        for table in NEW_TABLES:
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
    assert imports == [("file", 0, None), ("file", 0, None)]
    assert events == (6, 0, 0)
    assert applied == [(n, m.name) for n, m in enumerate(schema.MIGRATIONS, start=1)]
    assert applied[:2] == [(1, "baseline_0_1_0"), (2, "periods_places_choices")]
    # Opening again migrates nothing.
    with Store(path) as s:
        assert s.migrated == []


def test_migrated_store_reads_as_release_0_1_0_read_it(old_store):
    with Store(old_store) as s:
        data = s.load()
        history = s.history()
    for name in ("partners", "events", "event_partners"):
        assert_loaded_as_release(getattr(data, name), EXPECTED["load"][name])
    assert_loaded_as_release(history, EXPECTED["history"])
    assert list(data.events.columns) == model.EVENT_COLUMNS


def test_history_and_undo_of_a_migrated_store(old_store):
    file_b = read_workbook(workbook(PARTNERS_B, EVENTS_B), "b.xlsx")
    with Store(old_store) as s:
        # Import 2 stays undone; undoing it again is refused with the time it was undone.
        with pytest.raises(StoreError) as err:
            s.undo(2)
        assert err.value.code == "already_undone"
        # The same file again does what import 2 did: its recorded counts, then the same tables.
        again = s.apply(file_b, "b.xlsx", "b" * 64, accept_changes=True)
        assert again == 3
        history = s.history()
        counts = ["events_added", "events_present", "partners_added", "partners_changed", "values_filled",
                  "values_changed", "changes_skipped"]
        assert history.loc[2, counts].tolist() == history.loc[1, counts].tolist() == [1, 2, 1, 1, 4, 3, 0]
        with_b = s.load()
        for name in ("partners", "events"):
            assert_loaded_as_release(getattr(with_b, name), EXPECTED["load_with_b"][name], ignore=("event_id",))
        # Undo puts back what import 1 left, values and ids alike.
        assert s.undo(again) == [again]
        data = s.load()
        for name in ("partners", "events", "event_partners"):
            assert_loaded_as_release(getattr(data, name), EXPECTED["load"][name])
        # And undoing import 1 empties the store.
        assert s.undo(1) == [1]
        assert s.is_empty()
        assert s.history()["undone_at"].notna().all()


def test_a_fresh_store_and_a_migrated_one_have_the_same_schema(tmp_path):
    old = tmp_path / "old.db"
    shutil.copyfile(FIXTURE_DB, old)
    Store(old).close()
    Store(tmp_path / "new.db").close()

    def columns(path: Path) -> dict:
        with sqlite3.connect(path) as conn:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                 "AND name != 'sqlite_sequence' ORDER BY name")]
            return {t: [r[1:] for r in conn.execute(f"PRAGMA table_info({t})")] for t in tables}

    assert columns(old) == columns(tmp_path / "new.db")
    # The schema the queries use (from the model's fields) is the one the migrations make: names, types
    # (SQLite keeps no length) and NOT NULL, whatever the order of the columns.
    dialect = sa.create_engine("sqlite://").dialect

    def kind(type_text: str) -> str:
        return type_text.split("(")[0].upper()

    made = {t: {c[0]: (kind(c[1]), bool(c[2]) and not c[4]) for c in cols} for t, cols in columns(old).items()}
    declared = {name: {c.name: (kind(str(c.type.compile(dialect))), not c.nullable and not c.primary_key)
                       for c in table.columns}
                for name, table in schema.METADATA.tables.items()}
    assert made == declared


@pytest.mark.postgres
def test_postgres_fresh_and_migrated_schemas_agree(pg_url):
    copy_fixture_to(pg_url)
    Store(pg_url).close()
    engine = sa.create_engine(pg_url)

    def columns() -> dict:
        inspector = sa.inspect(engine)
        return {t: [(c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(t)]
                for t in sorted(inspector.get_table_names())}

    migrated = columns()
    schema.METADATA.drop_all(engine)
    Store(pg_url).close()
    assert columns() == migrated
    engine.dispose()


# ---------------------------------------------------------------- refusals and failures

def test_a_store_newer_than_the_code_is_refused_unwritten(tmp_path):
    path = tmp_path / "newer.db"
    with Store(path):
        pass
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_migrations (position, name, applied_at) "
                     "VALUES (99, 'from_a_later_release', '2030-01-01 00:00:00')")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = path.read_bytes()
    with pytest.raises(StoreError) as err:
        Store(path)
    assert err.value.code == "newer_store"
    assert f"версия схемы {schema.SCHEMA_VERSION + 1}" in str(err.value) and "не изменена" in str(err.value)
    assert "newer Partnerlib" in err.value.message_in("en")
    assert path.read_bytes() == before


def test_a_failed_migration_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURE_DB, path)
    before = raw_rows(path)
    fail_the_second_migration(monkeypatch)
    with pytest.raises(RuntimeError):
        Store(path)
    assert raw_rows(path) == before
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        columns = [r[1] for r in conn.execute("PRAGMA table_info(events)")]
    assert tables - {"sqlite_sequence"} == set(BASELINE_TABLES)
    assert "date_end" not in columns
    monkeypatch.undo()
    with Store(path) as s:
        assert len(s.load().events) == 6


def test_a_database_that_is_not_a_store_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE meta (name TEXT, value TEXT)")
    with pytest.raises(StoreError) as err:
        Store(path)
    assert err.value.code == "not_a_store" and "events" in str(err.value)


@pytest.mark.parametrize("size", [0, 1000])
def test_an_empty_or_truncated_file_is_a_damaged_store(tmp_path, size):
    path = tmp_path / "cut.db"
    path.write_bytes(FIXTURE_DB.read_bytes()[:size])
    with pytest.raises(StoreError) as err:
        Store(path)
    assert err.value.code == "corrupt"
    assert str(err.value) == store_module.STORE_MESSAGES["corrupt"][0].format(
        path=path, detail=store_module.TRUNCATED_DETAIL)
    assert path.stat().st_size == size


# ---------------------------------------------------------------- python -m partnerlib upgrade

def test_upgrade_command_says_what_it_did(tmp_path, capsys):
    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURE_DB, path)
    assert main(["upgrade", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "записана версией 0.1.0" in out and "распознана как версия схемы 1" in out
    assert f"  2. {schema.MIGRATIONS[1].ru}" in out and "  1. " not in out
    assert f"Версия схемы теперь {schema.SCHEMA_VERSION}." in out
    assert main(["upgrade", "--db", str(path)]) == 0
    assert capsys.readouterr().out.strip() == f"База {path} уже обновлена: версия схемы {schema.SCHEMA_VERSION}."
    fresh = tmp_path / "fresh.db"
    assert main(["upgrade", "--db", str(fresh)]) == 0
    out = capsys.readouterr().out
    assert f"Создана новая база {fresh}." in out and f"  1. {schema.MIGRATIONS[0].ru}" in out


def test_upgrade_command_refuses_a_newer_store(tmp_path, capsys):
    path = tmp_path / "newer.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (99, 'from_a_later_release', '2030-01-01')")
    assert main(["upgrade", "--db", str(path)]) == 1
    captured = capsys.readouterr()
    assert "более новой версией Partnerlib" in captured.err and captured.out == ""
