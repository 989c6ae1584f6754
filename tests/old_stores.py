"""Stores written by earlier code, kept as SQLite files in tests/fixtures (each made by its make_store_*.py):
their rows as that code wrote them, and the same store made on PostgreSQL by the migrations of its time."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from partnerlib.store import schema

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass(frozen=True)
class OldStore:
    """A fixture store: `name`.db and its JSON twin (what its code read back from it)."""

    name: str
    tables: tuple[str, ...]  # every table it has, parents before children
    migrations: int  # how many of schema.MIGRATIONS its schema is (1: release 0.1.0, which kept no list of them)
    columns: dict[str, list[str]] = field(init=False, compare=False)

    def __post_init__(self):
        with sqlite3.connect(self.path) as conn:
            columns = {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in self.tables}
        object.__setattr__(self, "columns", columns)

    @property
    def path(self) -> Path:
        return FIXTURES / f"{self.name}.db"

    @property
    def expected(self) -> dict:
        return json.loads((FIXTURES / f"{self.name}.json").read_text(encoding="utf-8"))

    def raw_rows(self, path: Path | None = None) -> dict[str, list[tuple]]:
        """Every row of its tables in a SQLite store (itself by default), in the columns it had, in id order."""
        with sqlite3.connect(path or self.path) as conn:
            return {t: conn.execute(f"SELECT {', '.join(self.columns[t])} FROM {t} ORDER BY 1, 2").fetchall()
                    for t in self.tables}

    def copy_to(self, url: str) -> None:
        """Make the same store at `url` (PostgreSQL): the migrations of its schema, then its rows."""
        rows = self.raw_rows()
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            schema.METADATA.drop_all(conn)
            for migration in schema.MIGRATIONS[:self.migrations]:
                migration.apply(conn)
            if "schema_migrations" in self.tables:
                schema.MIGRATIONS_T.create(conn)
            conn.execute(sa.text("DELETE FROM meta"))
            md = sa.MetaData()
            md.reflect(conn, only=list(self.tables))
            for table in self.tables:
                t = md.tables[table]
                records = [dict(zip(self.columns[table], r, strict=True)) for r in rows[table]]
                for r in records:
                    for c in t.columns:
                        value = r.get(c.name)
                        if isinstance(c.type, sa.Boolean) and value is not None:
                            r[c.name] = bool(value)
                        elif isinstance(c.type, sa.DateTime) and isinstance(value, str):
                            r[c.name] = pd.Timestamp(value).to_pydatetime()
                        elif isinstance(c.type, sa.Date) and isinstance(value, str):
                            r[c.name] = pd.Timestamp(value).date()
                if records:
                    conn.execute(t.insert(), records)
            if conn.dialect.name == "postgresql":
                for table in ("imports", "partners", "events", "changes"):
                    conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                         f"(SELECT max(id) FROM {table}))")
        engine.dispose()


BASELINE_TABLES = ("meta", "imports", "partners", "events", "event_partners", "changes")
LATER_TABLES = ("column_choices", "settings", "partner_aliases", "schema_migrations")

RELEASE_0_1_0 = OldStore("store_0_1_0", BASELINE_TABLES, 1)
SCHEMA_2 = OldStore("store_0_2_0", BASELINE_TABLES + LATER_TABLES, 2)
SCHEMA_3 = OldStore("store_0_3_0", BASELINE_TABLES + LATER_TABLES, 3)


def fail_the_second_migration(monkeypatch) -> None:
    """Make the second migration fail half done (its change made, then an error), as a power cut would."""
    step = schema.MIGRATIONS[1]

    def half_done(conn):
        step.apply(conn)
        raise RuntimeError("power cut")

    monkeypatch.setattr(schema, "MIGRATIONS", [schema.MIGRATIONS[0],
                                               schema.Migration(step.name, step.ru, step.en, half_done)])
