"""Tests of the copy kept before a store's schema upgrade: beside a SQLite file, in a schema on PostgreSQL;
the Data page's notice after it and, for a store that waits for it, its offer (AppTest); `upgrade` saying
where the copy is."""

from __future__ import annotations

import io
import shutil
import sqlite3

import openpyxl
import pytest
import sqlalchemy as sa
from old_stores import fail_the_second_migration
from test_app import _navigation_app, app  # noqa: F401
from test_store_migrations import BASELINE_TABLES, FIXTURE_DB, copy_fixture_to, pg_url, raw_rows  # noqa: F401

from partnerlib import safe, ui
from partnerlib.cli import main
from partnerlib.store import Store, StoreError, schema, upgrades_on_open
from partnerlib.store.upgrade import PG_SCHEMA_PREFIX, copy_file_name


@pytest.fixture
def old_file(tmp_path):
    """The store of release 0.1.0 (schema version 1 once recognised), copied to tmp."""
    path = tmp_path / "partnerlib.db"
    shutil.copyfile(FIXTURE_DB, path)
    return path


def test_opening_an_old_store_keeps_a_copy_of_the_file_as_it_was(old_file):
    before = raw_rows(old_file)
    with Store(old_file) as s:
        made = s.upgraded
        assert (made.from_version, made.to_version, made.kind) == (1, schema.SCHEMA_VERSION, "file")
        assert made.copy == str(old_file.with_name("partnerlib.before-v1.db"))
        assert s.last_upgrade() == made
    copy = old_file.with_name("partnerlib.before-v1.db")
    assert raw_rows(copy) == before  # every row of every table, as release 0.1.0 left them
    with sqlite3.connect(copy) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables - {"sqlite_sequence"} == set(BASELINE_TABLES)  # the old schema, not migrated
    # Opening again migrates nothing and copies nothing; the record of the upgrade stays.
    with Store(old_file) as s:
        assert s.upgraded is None and s.last_upgrade() == made
    assert sorted(p.name for p in old_file.parent.iterdir() if ".before-" in p.name) == ["partnerlib.before-v1.db"]


@pytest.mark.parametrize("taken, expected", [
    ([], "partnerlib.before-v2.db"),
    (["partnerlib.before-v2.db"], "partnerlib.before-v2-2.db"),
    (["partnerlib.before-v2.db", "partnerlib.before-v2-2.db"], "partnerlib.before-v2-3.db"),
])
def test_a_copy_never_takes_the_name_of_a_file_already_there(tmp_path, taken, expected):
    for name in taken:
        (tmp_path / name).write_bytes(b"hers")
    assert copy_file_name(tmp_path / "partnerlib.db", 2).name == expected
    assert all((tmp_path / name).read_bytes() == b"hers" for name in taken)


def test_a_new_store_and_an_up_to_date_one_keep_no_copy(tmp_path):
    with Store(tmp_path / "new.db") as s:
        assert s.upgraded is None and s.last_upgrade() is None
    with Store(tmp_path / "new.db") as s:
        assert s.upgraded is None
    assert [p.name for p in tmp_path.iterdir() if ".before-" in p.name] == []


def test_a_failed_migration_leaves_no_copy(old_file, monkeypatch):
    fail_the_second_migration(monkeypatch)
    with pytest.raises(RuntimeError):
        Store(old_file)
    assert [p.name for p in old_file.parent.iterdir() if "before" in p.name] == []


def test_a_copy_that_cannot_be_written_stops_the_upgrade(old_file, monkeypatch):
    before = raw_rows(old_file)
    gone = old_file.parent / "no such folder" / "partnerlib.before-v1.db"
    monkeypatch.setattr("partnerlib.store.upgrade.copy_file_name", lambda path, version: gone)
    with pytest.raises(StoreError) as err:
        Store(old_file)
    assert err.value.code == "copy_failed"
    assert str(err.value).startswith(f"Не удалось сохранить копию базы данных {old_file} перед её обновлением")
    assert "База не изменена" in str(err.value)
    assert raw_rows(old_file) == before
    with sqlite3.connect(old_file) as conn:
        assert "schema_migrations" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


def test_a_store_that_waits_for_its_upgrade_is_only_backed_up_until_then(old_file):
    with Store(old_file, upgrade=False) as s:
        assert s.needs_upgrade
        for call in (s.is_empty, s.history, s.version):
            with pytest.raises(StoreError) as err:
                call()
            assert err.value.code == "needs_upgrade" and "версия схемы 1, нужна" in str(err.value)
        # The backup workbook reads the earlier schema (the columns it lacks empty): release 0.1.0's rows.
        book = openpyxl.load_workbook(io.BytesIO(s.export_xlsx()))
        events = list(book["Мероприятия"].iter_rows(values_only=True))
        assert len(events) == 1 + 6
        assert raw_rows(old_file) == raw_rows(FIXTURE_DB)  # not written
        s.upgrade()
        assert not s.needs_upgrade and not s.is_empty()
        assert s.upgraded.from_version == 1


@pytest.mark.parametrize("url, on_open", [
    ("sqlite:///data/partnerlib.db", True),
    ("data/partnerlib.db", True),
    ("postgresql+psycopg://user:secret@host:5432/db", False),
])
def test_the_dashboard_upgrades_a_file_on_opening_and_a_server_on_request(url, on_open):
    assert upgrades_on_open(url) is on_open


def test_upgrade_command_says_where_the_copy_is(old_file, capsys):
    assert main(["upgrade", "--db", str(old_file)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"Копия базы до обновления: {old_file.with_name('partnerlib.before-v1.db')}"
    assert main(["upgrade", "--db", str(old_file)]) == 0
    assert "Копия" not in capsys.readouterr().out


@pytest.mark.postgres
def test_postgres_upgrade_keeps_the_tables_as_they_were_in_a_schema(pg_url):  # noqa: F811
    copy_fixture_to(pg_url)
    with Store(pg_url, upgrade=False) as s:
        assert s.needs_upgrade
        s.upgrade()
        made = s.upgraded
        assert s.last_upgrade() == made
    assert (made.kind, made.copy, made.from_version) == ("schema", f"{PG_SCHEMA_PREFIX}1", 1)
    engine = sa.create_engine(pg_url)
    with engine.connect() as conn:
        copied = sa.inspect(conn).get_table_names(schema=made.copy)
        counts = {t: conn.exec_driver_sql(f'SELECT count(*) FROM "{made.copy}"."{t}"').scalar() for t in copied}
    engine.dispose()
    expected = raw_rows(FIXTURE_DB)
    assert set(copied) == set(BASELINE_TABLES)
    assert counts == {t: len(expected[t]) for t in BASELINE_TABLES}


# ---------------------------------------------------------------- the Data page

@pytest.fixture
def dashboard_on(old_file, monkeypatch):
    monkeypatch.setenv("PARTNERLIB_DB_URL", f"sqlite:///{old_file}")
    return old_file


def data_page():
    at = app()
    at.switch_page("pages/data.py").run()
    assert not at.exception, at.exception
    return at


def test_data_page_says_the_store_was_upgraded_and_where_the_copy_is(dashboard_on):
    at = data_page()
    copy = dashboard_on.with_name("partnerlib.before-v1.db")
    assert [i.value for i in at.info if "Хранилище обновлено" in i.value] == [safe.markdown(
        f"Хранилище обновлено с версии 1 до {schema.SCHEMA_VERSION}; копия прежнего файла: {copy}")]
    assert "data_upgrade" not in [b.key for b in at.button]
    # Once she has moved the copy away, the notice has nothing to point at.
    copy.rename(dashboard_on.with_name("elsewhere.db"))
    at.run()
    assert not [i for i in at.info if "Хранилище обновлено" in i.value]


def test_data_page_offers_the_backup_before_an_upgrade_it_waits_for(dashboard_on, monkeypatch):
    # As the dashboard treats a PostgreSQL store: not upgraded on opening.
    monkeypatch.setattr(ui, "upgrades_on_open", lambda url: False)
    at = data_page()
    offer = [w.value for w in at.warning if "Перед обновлением скачайте резервную копию" in w.value]
    assert len(offer) == 1 and "версия схемы 1" in offer[0]
    assert not [i for i in at.info if "Хранилище обновлено" in i.value]
    assert raw_rows(dashboard_on) == raw_rows(FIXTURE_DB)  # nothing written before she asks
    assert at.button(key="data_upgrade").label == "Обновить"
    at.button(key="data_upgrade").click().run()
    assert not at.exception, at.exception
    assert not [w for w in at.warning if "Перед обновлением" in w.value]
    copy = dashboard_on.with_name("partnerlib.before-v1.db")
    assert [i.value for i in at.info if "Хранилище обновлено" in i.value] == [safe.markdown(
        f"Хранилище обновлено с версии 1 до {schema.SCHEMA_VERSION}; копия прежнего файла: {copy}")]
    with Store(dashboard_on, upgrade=False) as s:
        assert not s.needs_upgrade and len(s.load().events) == 6
