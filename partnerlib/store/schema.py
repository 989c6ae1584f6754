"""The store's tables and their migrations: a schema version kept in the store, and the ordered steps to it.

Each migration is a named step that is applied once, in order, and recorded in the `schema_migrations`
table (in the manner of sqlite-utils' migrations). A migration's tables and columns are written out in
the migration itself, frozen, so that later changes to the current schema below never change what an
old step did. `METADATA` is the schema after the last migration: the one the store's queries use; its
partners and events tables derive from the model's fields, and a test checks that the migrations make it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from partnerlib import model

# ---------------------------------------------------------------- the current schema

METADATA = sa.MetaData()

MIGRATIONS_T = sa.Table(
    "schema_migrations", METADATA,
    sa.Column("position", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.String(64), nullable=False, unique=True),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

META = sa.Table(
    "meta", METADATA,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text),
)

IMPORTS = sa.Table(
    "imports", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("filename", sa.Text),
    sa.Column("sha256", sa.String(64), index=True),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("user_name", sa.Text),
    sa.Column("events_added", sa.Integer, nullable=False, default=0),
    sa.Column("events_present", sa.Integer, nullable=False, default=0),
    sa.Column("partners_added", sa.Integer, nullable=False, default=0),
    sa.Column("partners_changed", sa.Integer, nullable=False, default=0),
    sa.Column("values_filled", sa.Integer, nullable=False, default=0),
    sa.Column("values_changed", sa.Integer, nullable=False, default=0),
    sa.Column("changes_skipped", sa.Integer, nullable=False, default=0),
    sa.Column("undone_at", sa.DateTime(timezone=True)),
    # Migration 2: what the entry is ("file": an import; "alias": two partner names confirmed as one;
    # "edit": a partner's register fields edited on the page),
    # and whether it and its undo were made with the admin password.
    sa.Column("kind", sa.String(16), nullable=False, server_default="file"),
    sa.Column("admin", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("undone_admin", sa.Boolean),
    sqlite_autoincrement=True,
)

_SQL_TYPES = {"text": sa.Text, "short": lambda: sa.String(16), "integer": sa.Integer, "bigint": sa.BigInteger,
              "date": sa.Date, "boolean": sa.Boolean}


def _field_columns(fields) -> list[sa.Column]:
    """The store's columns of the model's fields (model.Field.sql), in their declared order."""
    out = []
    for f in fields:
        if f.sql is None:
            continue
        extra = {"default": False} if f.sql == "boolean" else {}
        out.append(sa.Column(f.name, _SQL_TYPES[f.sql](), nullable=not f.required, **extra))
    return out


# The tables of the model's fields, between the store's own id and key and the import that added the row.
PARTNERS_T = sa.Table(
    "partners", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.Text, nullable=False, unique=True),  # values.normalise_name of the name
    *_field_columns(model.PARTNER_FIELDS),
    sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False, index=True),
    sqlite_autoincrement=True,
)

EVENTS_T = sa.Table(
    "events", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.Text, nullable=False, unique=True),  # see the store's _event_keys
    *_field_columns(model.EVENT_FIELDS),
    sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False, index=True),
    sqlite_autoincrement=True,
)

EVENT_PARTNERS_T = sa.Table(
    "event_partners", METADATA,
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("partner", sa.Text, nullable=False),
    sa.Column("partner_key", sa.Text, nullable=False, index=True),
)

# One row per value an import filled or changed in a row it did not add: what undo puts back.
CHANGES_T = sa.Table(
    "changes", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False, index=True),
    sa.Column("table_name", sa.String(16), nullable=False),
    sa.Column("row_id", sa.Integer, nullable=False),
    sa.Column("column_name", sa.String(32), nullable=False),
    sa.Column("old_value", sa.Text),
    sa.Column("new_value", sa.Text),
    sqlite_autoincrement=True,
)

# The director's column mapping, keyed by a sheet's normalised headings joined by "|".
COLUMN_CHOICES_T = sa.Table(
    "column_choices", METADATA,
    sa.Column("signature", sa.Text, primary_key=True),
    sa.Column("choices", sa.Text, nullable=False),  # JSON: heading -> field name or null
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
)

# Named values set once for the whole store (the library's name, its city).
SETTINGS_T = sa.Table(
    "settings", METADATA,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text),
)

# Partner names the director confirmed as another partner's: alias key -> the kept partner's key.
PARTNER_ALIASES_T = sa.Table(
    "partner_aliases", METADATA,
    sa.Column("alias_key", sa.Text, primary_key=True),
    sa.Column("alias", sa.Text, nullable=False),
    sa.Column("partner_key", sa.Text, nullable=False, index=True),
    sa.Column("partner", sa.Text, nullable=False),
    sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False, index=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)


# ---------------------------------------------------------------- migrations

@dataclass(frozen=True)
class Migration:
    """One step of the schema: `name` is recorded in the store once `apply` has run."""

    name: str
    ru: str  # what it does, as `upgrade` reports it
    en: str
    apply: Callable[[sa.Connection], None]


def _baseline(conn: sa.Connection) -> None:
    """The schema of release 0.1.0, written out as it was (tables, keys, indexes)."""
    md = sa.MetaData()
    sa.Table(
        "meta", md,
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text),
    )
    sa.Table(
        "imports", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("filename", sa.Text),
        sa.Column("sha256", sa.String(64), index=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_name", sa.Text),
        *[sa.Column(c, sa.Integer, nullable=False, default=0) for c in (
            "events_added", "events_present", "partners_added", "partners_changed", "values_filled",
            "values_changed", "changes_skipped")],
        sa.Column("undone_at", sa.DateTime(timezone=True)),
        sqlite_autoincrement=True,
    )
    sa.Table(
        "partners", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.Text, nullable=False, unique=True),
        sa.Column("partner", sa.Text, nullable=False),
        sa.Column("category", sa.Text),
        sa.Column("level", sa.String(16)),
        sa.Column("since", sa.Integer),
        sa.Column("library", sa.Text),
        sa.Column("notes", sa.Text),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False, index=True),
        sqlite_autoincrement=True,
    )
    sa.Table(
        "events", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.Text, nullable=False, unique=True),
        sa.Column("date", sa.Date),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("date_precision", sa.String(8), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("partners", sa.Text),
        sa.Column("category", sa.Text),
        sa.Column("format", sa.String(16)),
        sa.Column("platform", sa.Text),
        sa.Column("participants", sa.BigInteger),
        sa.Column("participants_approx", sa.Boolean, nullable=False, default=False),
        sa.Column("views", sa.BigInteger),
        sa.Column("views_approx", sa.Boolean, nullable=False, default=False),
        *[sa.Column(c, sa.Text) for c in ("description", "library_benefit", "society_benefit", "library",
                                          "sheet")],
        sa.Column("row", sa.Integer),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False, index=True),
        sqlite_autoincrement=True,
    )
    sa.Table(
        "event_partners", md,
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("partner", sa.Text, nullable=False),
        sa.Column("partner_key", sa.Text, nullable=False, index=True),
    )
    sa.Table(
        "changes", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False, index=True),
        sa.Column("table_name", sa.String(16), nullable=False),
        sa.Column("row_id", sa.Integer, nullable=False),
        sa.Column("column_name", sa.String(32), nullable=False),
        sa.Column("old_value", sa.Text),
        sa.Column("new_value", sa.Text),
        sqlite_autoincrement=True,
    )
    md.create_all(conn)
    conn.execute(sa.text("INSERT INTO meta (name, value) VALUES ('store_id', :id)"), {"id": uuid.uuid4().hex})


def _add_column(conn: sa.Connection, table: str, column: sa.Column) -> None:
    """ALTER TABLE … ADD COLUMN, with the column rendered by the dialect (type, NOT NULL, default)."""
    sa.Table(table, sa.MetaData(), column)  # a column renders only as part of a table
    spec = sa.schema.CreateColumn(column).compile(dialect=conn.dialect)
    quote = conn.dialect.identifier_preparer.quote
    conn.exec_driver_sql(f"ALTER TABLE {quote(table)} ADD COLUMN {spec}")


def _periods_places_choices(conn: sa.Connection) -> None:
    _add_column(conn, "events", sa.Column("date_end", sa.Date))
    _add_column(conn, "events", sa.Column("place", sa.Text))
    if conn.dialect.name == "postgresql":
        # "quarter" and "period" fit in 8, but later precisions should not need a migration for the width.
        conn.exec_driver_sql("ALTER TABLE events ALTER COLUMN date_precision TYPE VARCHAR(16)")
    _add_column(conn, "imports", sa.Column("kind", sa.String(16), nullable=False, server_default="file"))
    _add_column(conn, "imports", sa.Column("admin", sa.Boolean, nullable=False, server_default=sa.false()))
    _add_column(conn, "imports", sa.Column("undone_admin", sa.Boolean))
    md = sa.MetaData()
    sa.Table("imports", md, sa.Column("id", sa.Integer, primary_key=True))  # the target of the foreign key
    tables = [
        sa.Table(
            "column_choices", md,
            sa.Column("signature", sa.Text, primary_key=True),
            sa.Column("choices", sa.Text, nullable=False),
            sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        ),
        sa.Table(
            "settings", md,
            sa.Column("name", sa.String(64), primary_key=True),
            sa.Column("value", sa.Text),
        ),
        sa.Table(
            "partner_aliases", md,
            sa.Column("alias_key", sa.Text, primary_key=True),
            sa.Column("alias", sa.Text, nullable=False),
            sa.Column("partner_key", sa.Text, nullable=False, index=True),
            sa.Column("partner", sa.Text, nullable=False),
            sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False, index=True),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        ),
    ]
    md.create_all(conn, tables=tables)


def _partner_register(conn: sa.Connection) -> None:
    for column in (
        sa.Column("agreement_kind", sa.String(16)),
        sa.Column("agreement_number", sa.Text),
        sa.Column("agreement_signed", sa.Date),
        sa.Column("agreement_until", sa.Date),
        *[sa.Column(name, sa.Text) for name in ("contact_name", "contact_position", "contact_phone",
                                                  "contact_email", "responsible", "website")],
    ):
        _add_column(conn, "partners", column)


def _event_audience(conn: sa.Connection) -> None:
    _add_column(conn, "events", sa.Column("audience", sa.String(16)))


# In order; a name, once released, never changes. Append new steps at the end.
MIGRATIONS: list[Migration] = [
    Migration("baseline_0_1_0",
              "исходная схема (партнёры, мероприятия, история импортов и отмена)",
              "the original schema (partners, events, the history of imports and undo)",
              _baseline),
    Migration("periods_places_choices",
              "даты окончания и место мероприятий, выбор столбцов, настройки, объединённые имена партнёров, "
              "отметка о пароле администратора в истории",
              "events' end dates and places, column choices, settings, merged partner names, the admin "
              "password mark in the history",
              _periods_places_choices),
    Migration("partner_register",
              "реестр партнёров: договор или соглашение (вид, номер, дата заключения, срок действия), контактное "
              "лицо, ответственный сотрудник, сайт",
              "the partner register: the agreement (kind, number, date signed, valid until), the contact person, "
              "the librarian responsible, the website",
              _partner_register),
    Migration("event_audience",
              "аудитория мероприятий (дети до 14 лет, молодёжь 15–30 лет, взрослые, все возрасты) для формы 6-НК",
              "the events' audience (children up to 14, young people 15–30, adults, all ages) for form 6-NK",
              _event_audience),
]

# The version of the schema this code writes: the number of migrations it knows.
SCHEMA_VERSION = len(MIGRATIONS)

# Tables every store of release 0.1.0 has (it kept no schema version): how such a store is recognised.
BASELINE_TABLES = {"meta", "imports", "partners", "events", "event_partners", "changes"}


@dataclass
class SchemaState:
    """What a store holds: `applied` migration names in order; `unknown` ones this code does not know."""

    applied: list[str]
    unknown: list[str]
    unversioned: bool  # a store of release 0.1.0: its tables, no schema_migrations table
    empty: bool  # no table at all: a new store

    @property
    def version(self) -> int:
        return len(self.applied) + len(self.unknown)

    @property
    def pending(self) -> list[Migration]:
        done = set(self.applied)
        if self.unversioned:
            done.add(MIGRATIONS[0].name)
        return [m for m in MIGRATIONS if m.name not in done]

    @property
    def newer(self) -> bool:
        """True when the store was written by a later release: it must not be written by this one."""
        return bool(self.unknown)


def inspect_state(conn: sa.Connection) -> SchemaState:
    """The schema state of the store on `conn` (reads only)."""
    tables = set(sa.inspect(conn).get_table_names())
    if MIGRATIONS_T.name not in tables:
        return SchemaState([], [], unversioned=bool(BASELINE_TABLES & tables), empty=not tables)
    names = conn.execute(sa.select(MIGRATIONS_T.c.name).order_by(MIGRATIONS_T.c.position)).scalars().all()
    known = {m.name for m in MIGRATIONS}
    return SchemaState([n for n in names if n in known], [n for n in names if n not in known],
                       unversioned=False, empty=False)


def missing_baseline_tables(conn: sa.Connection) -> set[str]:
    """Tables of release 0.1.0 that an unversioned store lacks (it is then not a Partnerlib store)."""
    return BASELINE_TABLES - set(sa.inspect(conn).get_table_names())


def migrate(conn: sa.Connection, state: SchemaState) -> list[Migration]:
    """Apply the pending migrations on `conn` (inside the caller's write transaction), in order.

    A store of release 0.1.0 is recorded as having the baseline (its tables are that baseline).

    Returns:
        The migrations applied, in order (the baseline of a recognised 0.1.0 store included first).
    """
    MIGRATIONS_T.create(conn, checkfirst=True)
    now = dt.datetime.now(dt.UTC)
    done: list[Migration] = []
    if state.unversioned:
        conn.execute(MIGRATIONS_T.insert().values(position=1, name=MIGRATIONS[0].name, applied_at=now))
        done.append(MIGRATIONS[0])
    for step in state.pending:
        step.apply(conn)
        position = MIGRATIONS.index(step) + 1
        conn.execute(MIGRATIONS_T.insert().values(position=position, name=step.name, applied_at=now))
        done.append(step)
    return done
