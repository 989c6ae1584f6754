"""Migration 3 ("partner_register"): a store at schema version 2 opens with every row, its history and undo.

The fixture `tests/fixtures/store_0_2_0.db` was written by the code of schema version 2 (see
make_store_0_2_0.py); its JSON twin holds what that code read back from it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from fixtures.make_store_0_2_0 import ALIAS, CHOICES, EVENTS_B, PARTNERS_B, SETTINGS, workbook
from old_stores import SCHEMA_2
from test_store_migrations import assert_loaded_as_release, pg_url  # noqa: F401  (pg_url is a fixture)

from partnerlib import model
from partnerlib.reader import read_workbook
from partnerlib.store import Store, StoreError, schema

FIXTURE_DB = SCHEMA_2.path
EXPECTED = SCHEMA_2.expected
TABLES = list(SCHEMA_2.tables)
VERSION_2_COLUMNS = SCHEMA_2.columns
raw_rows = SCHEMA_2.raw_rows
copy_fixture_to = SCHEMA_2.copy_to


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def old_store(request, tmp_path) -> str:
    """A store of schema version 2: the fixture file itself on SQLite, its rows copied on PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "old.db"
        shutil.copyfile(FIXTURE_DB, path)
        return str(path)
    url = request.getfixturevalue("pg_url")
    copy_fixture_to(url)
    return url


def test_fixture_is_a_store_at_schema_version_2():
    with sqlite3.connect(FIXTURE_DB) as conn:
        applied = conn.execute("SELECT position, name FROM schema_migrations ORDER BY position").fetchall()
        imports = conn.execute("SELECT id, kind, undone_at IS NOT NULL FROM imports ORDER BY id").fetchall()
    assert applied == [(1, "baseline_0_1_0"), (2, "periods_places_choices")]
    assert imports == [(1, "file", 0), (2, "alias", 0), (3, "file", 1)]
    assert "agreement_kind" not in VERSION_2_COLUMNS["partners"]
    assert EXPECTED["made_by"] == "partnerlib, schema version 2"


def test_opening_adds_the_register_and_keeps_every_row(tmp_path):
    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURE_DB, path)
    before = raw_rows(path)
    with Store(path) as s:
        assert [m.name for m in s.migrated] == [m.name for m in schema.MIGRATIONS[2:]]  # partner_register, …
    after = raw_rows(path)
    assert {t: r for t, r in after.items() if t != "schema_migrations"} == \
        {t: r for t, r in before.items() if t != "schema_migrations"}
    assert after["schema_migrations"][:2] == before["schema_migrations"]
    assert [r[:2] for r in after["schema_migrations"][2:]] == [
        (i, m.name) for i, m in enumerate(schema.MIGRATIONS, start=1) if i >= 3]
    with sqlite3.connect(path) as conn:
        counts = conn.execute(
            "SELECT count(*), " + ", ".join(f"count({f})" for f in model.REGISTER_FIELDS) + " FROM partners"
        ).fetchone()
    assert counts == (5, *[0] * len(model.REGISTER_FIELDS))
    with Store(path) as s:
        assert s.migrated == []


def test_migrated_store_reads_as_schema_version_2_read_it(old_store):
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
    assert list(data.partners.columns) == model.PARTNER_COLUMNS
    assert {c: str(data.partners[c].dtype) for c in model.REGISTER_FIELDS} == {
        c: str(model.PARTNER_DTYPES[c]) for c in model.REGISTER_FIELDS}


def test_history_and_undo_of_a_migrated_store(old_store):
    file_b = read_workbook(workbook(PARTNERS_B, EVENTS_B), "b.xlsx")
    counts = ["events_added", "events_present", "partners_added", "partners_changed", "values_filled",
              "values_changed", "changes_skipped"]
    with Store(old_store) as s:
        with pytest.raises(StoreError) as err:
            s.undo(3)
        assert err.value.code == "already_undone"
        again = s.apply(file_b, "b.xlsx", "b" * 64, accept_changes=True)
        assert again == 4
        history = s.history()
        assert history.loc[3, counts].tolist() == history.loc[2, counts].tolist()
        with_b = s.load()
        for name in ("partners", "events"):
            assert_loaded_as_release(getattr(with_b, name), EXPECTED["load_with_b"][name], ignore=("event_id",))
        assert s.undo(again) == [again]
        for name in ("partners", "events", "event_partners"):
            assert_loaded_as_release(getattr(s.load(), name), EXPECTED["load"][name])
        # The alias entry is undone on its own; then import 1 empties the store.
        assert s.undo(2) == [2]
        assert s.aliases().empty and ALIAS[0] not in set(s.aliases()["alias"])
        assert s.undo(1) == [1]
        assert s.is_empty()


REGISTER_A = {"partner": "Городской музей", "agreement_kind": "соглашение", "agreement_number": "12",
              "agreement_signed": dt.date(2022, 2, 1), "agreement_until": "2026",
              "contact_name": "Сидорова А. В.", "contact_phone": 89101234567, "website": "museum.example"}


def register_book(rows: list[dict]) -> bytes:
    from partnerlib.xlsx import write_workbook

    fields = model.PARTNER_SHEET_FIELDS
    return write_workbook({"Партнёры": pd.DataFrame(rows, columns=fields, dtype=object)},
                          headers={"Партнёры": [model.RU_HEADINGS[f] for f in fields]})


def test_a_migrated_store_keeps_fills_and_undoes_the_register(old_store):
    with Store(old_store) as s:
        first = s.apply(read_workbook(register_book([REGISTER_A]), "r.xlsx"), "r.xlsx")
        row = s.load().partners.set_index("partner").loc["Городской музей"]
        assert (row["agreement_kind"], row["agreement_number"], row["agreement_signed"], row["agreement_until"],
                row["contact_name"], row["contact_phone"], row["website"]) == (
            "agreement", "12", pd.Timestamp(2022, 2, 1), pd.Timestamp(2026, 12, 31), "Сидорова А. В.",
            "89101234567", "museum.example")
        # A later file fills blanks at once; a changed date is a change the preview lists and she confirms.
        later = read_workbook(register_book([{"partner": "Городской музей", "agreement_until": "31.12.2027",
                                              "contact_position": "заведующая"}]), "s.xlsx")
        preview = s.preview(later)
        assert preview.fills[["column", "new"]].values.tolist() == [["contact_position", "заведующая"]]
        assert preview.conflicts[["column", "old", "new"]].values.tolist() == [
            ["agreement_until", "31.12.2026", "31.12.2027"]]
        kept = s.apply(later, "s.xlsx")
        row = s.load().partners.set_index("partner").loc["Городской музей"]
        assert (row["agreement_until"], row["contact_position"]) == (pd.Timestamp(2026, 12, 31), "заведующая")
        s.undo(kept)
        changed = s.apply(later, "s.xlsx", accept_changes=True)
        assert s.load().partners.set_index("partner").loc["Городской музей", "agreement_until"] == \
            pd.Timestamp(2027, 12, 31)
        assert s.undo(changed) == [changed]
        assert s.load().partners.set_index("partner").loc["Городской музей", "agreement_until"] == \
            pd.Timestamp(2026, 12, 31)
        s.undo(first)
        for name in ("partners", "events", "event_partners"):
            assert_loaded_as_release(getattr(s.load(), name), EXPECTED["load"][name])


def _sqlite_schema(path: Path) -> dict:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name != 'sqlite_sequence' ORDER BY name")]
        return {t: [r[1:] for r in conn.execute(f"PRAGMA table_info({t})")] for t in tables}


def test_a_fresh_store_and_a_migrated_one_have_the_same_schema(tmp_path):
    old = tmp_path / "old.db"
    shutil.copyfile(FIXTURE_DB, old)
    Store(old).close()
    Store(tmp_path / "new.db").close()
    assert _sqlite_schema(old) == _sqlite_schema(tmp_path / "new.db")
    # The columns the queries use (from the model's fields) are those the migration made.
    made = {c[0] for c in _sqlite_schema(old)["partners"]}
    assert set(model.REGISTER_FIELDS) <= made
    assert made == {c.name for c in schema.PARTNERS_T.columns}


@pytest.mark.postgres
def test_postgres_fresh_and_migrated_schemas_agree(pg_url):  # noqa: F811
    copy_fixture_to(pg_url)
    Store(pg_url).close()
    engine = sa.create_engine(pg_url)

    def columns() -> dict:
        inspector = sa.inspect(engine)
        return {t: [(c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(t)]
                for t in sorted(inspector.get_table_names())}

    migrated = columns()
    assert [c[0] for c in migrated["partners"]][-len(model.REGISTER_FIELDS):] == model.REGISTER_FIELDS
    schema.METADATA.drop_all(engine)
    Store(pg_url).close()
    assert columns() == migrated
    engine.dispose()
