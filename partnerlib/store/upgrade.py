"""The copy of a store kept before its schema is upgraded, and the upgrade as that copy tells it.

A SQLite store is copied whole to `<name>.before-v<N>.db` beside its file; a PostgreSQL store's tables are
copied into the schema `partnerlib_before_v<N>` of the same database. Either copy is made inside the
migration's write transaction, before the first step, so that it holds exactly the store as it was and no
other writer comes between; a migration that fails leaves no copy behind (there is nothing to go back to).
"""

from __future__ import annotations

import glob
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from partnerlib.store.schema import SCHEMA_VERSION, SchemaState

PG_SCHEMA_PREFIX = "partnerlib_before_v"


@dataclass(frozen=True)
class Upgrade:
    """An upgrade of a store's schema: the versions before and after, and where the copy of before is.

    `copy` is the copy's file path (`kind` "file") or the PostgreSQL schema holding the copied tables
    (`kind` "schema").
    """

    from_version: int
    to_version: int
    copy: str
    kind: str


def version_before(state: SchemaState) -> int:
    """The schema version a store is at before its upgrade (a store of release 0.1.0 is at version 1)."""
    return 1 if state.unversioned else state.version


def copy_file_name(path: Path, version: int) -> Path:
    """`partnerlib.db` at version 1 -> `partnerlib.before-v1.db` beside it; never a name already taken."""
    candidate = path.with_name(f"{path.stem}.before-v{version}.db")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.before-v{version}-{n}.db")
        n += 1
    return candidate


def keep_copy(conn: sa.Connection, state: SchemaState, database: str | None) -> Upgrade:
    """Copy the store on `conn` (in its write transaction, nothing written yet) and say where the copy is.

    Args:
        database: the SQLite file's path (None on PostgreSQL).

    Raises:
        OSError, sqlite3.Error: the SQLite copy could not be written (nothing else is then done).
    """
    version = version_before(state)
    if conn.dialect.name == "sqlite":
        target = copy_file_name(Path(database), version)
        partial = target.with_name(f".{target.name}.partial")
        # A reader of its own: the write transaction holds only the lock that keeps other writers out (SQLite
        # refuses to back up from the connection that holds it), so the copy reads the store as it was.
        try:
            source, copy = sqlite3.connect(database), sqlite3.connect(partial)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")  # one file, whole, to move or open anywhere
            finally:
                copy.close()
                source.close()
            partial.replace(target)
        except BaseException:
            partial.unlink(missing_ok=True)  # a copy cut short is no copy
            raise
        return Upgrade(version, SCHEMA_VERSION, str(target), "file")
    quote = conn.dialect.identifier_preparer.quote
    taken = set(sa.inspect(conn).get_schema_names())
    name, n = f"{PG_SCHEMA_PREFIX}{version}", 2
    while name in taken:
        name, n = f"{PG_SCHEMA_PREFIX}{version}_{n}", n + 1
    conn.exec_driver_sql(f"CREATE SCHEMA {quote(name)}")
    for table in sa.inspect(conn).get_table_names():
        conn.exec_driver_sql(f"CREATE TABLE {quote(name)}.{quote(table)} AS TABLE {quote(table)}")
    return Upgrade(version, SCHEMA_VERSION, name, "schema")


def last(conn: sa.Connection, database: str | None) -> Upgrade | None:
    """The store's last upgrade, as its copy tells it (the newest copy beside the file, or in the database),
    or None when there is no copy (a store made by this code, or one whose copies she has moved away).

    Nothing of it is written in the store itself, which an upgrade changes only by its migrations.
    """
    if conn.dialect.name == "sqlite":
        path = Path(database)
        pattern = re.compile(rf"{re.escape(path.stem)}\.before-v(\d+)(?:-(\d+))?\.db")
        found = [(m, p) for p in path.parent.glob(f"{glob.escape(path.stem)}.before-v*.db")
                 if (m := pattern.fullmatch(p.name))]
        if not found:
            return None
        m, copy = max(found, key=lambda item: (int(item[0][1]), int(item[0][2] or 1)))
        return Upgrade(int(m[1]), SCHEMA_VERSION, str(copy), "file")
    pattern = re.compile(rf"{PG_SCHEMA_PREFIX}(\d+)(?:_(\d+))?")
    found = [m for name in sa.inspect(conn).get_schema_names() if (m := pattern.fullmatch(name))]
    if not found:
        return None
    m = max(found, key=lambda m: (int(m[1]), int(m[2] or 1)))
    return Upgrade(int(m[1]), SCHEMA_VERSION, m[0], "schema")


def discard(upgrade: Upgrade | None) -> None:
    """Remove the copy file of an upgrade that failed (the store itself was left as it was)."""
    if upgrade is not None and upgrade.kind == "file":
        Path(upgrade.copy).unlink(missing_ok=True)
