"""The Store: one database of every import (SQLite or PostgreSQL), its transactions, history and undo."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy import exc as sa_exc

from partnerlib import i18n, model
from partnerlib.backup import export_workbook
from partnerlib.settings import resolve_url
from partnerlib.store import merge
from partnerlib.store import upgrade as upgrades
from partnerlib.store.errors import TRUNCATED_DETAIL, StoreError
from partnerlib.store.preview import ImportPreview, preview_of
from partnerlib.store.schema import (
    CHANGES_T,
    COLUMN_CHOICES_T,
    EVENT_PARTNERS_T,
    EVENTS_T,
    IMPORTS,
    META,
    PARTNER_ALIASES_T,
    PARTNERS_T,
    SCHEMA_VERSION,
    SETTINGS_T,
    Migration,
    SchemaState,
    inspect_state,
    migrate,
    missing_baseline_tables,
)
from partnerlib.values import normalise_name

# Seconds a writer waits for another import to finish before giving up with a "locked" StoreError.
DEFAULT_TIMEOUT = 30.0
# Rows per executemany batch: big enough to be fast, small enough to keep memory flat.
CHUNK = 5000
# The PostgreSQL advisory lock that serialises writers (any constant shared by all Partnerlib processes).
PG_LOCK_KEY = 0x50_4C_49_42  # "PLIB"

_TABLES = {model.PARTNERS: PARTNERS_T, model.EVENTS: EVENTS_T}
_INT_COLUMNS = model.INT_FIELDS
_BOOL_COLUMNS = model.BOOL_FIELDS

HISTORY_COLUMNS = [
    "id", "filename", "sha256", "imported_at", "user", "events_added", "events_present", "partners_added",
    "partners_changed", "values_filled", "values_changed", "changes_skipped", "undone_at",
]
# With history(extra=True): "file" (an import) or "alias" (names confirmed as one partner), and whether
# the entry and its undo were made with the admin password.
HISTORY_EXTRA = ["kind", "admin", "undone_admin"]
ALIAS_COLUMNS = ["alias", "partner"]


# ---------------------------------------------------------------- the store

class Store:
    """Partners and events of every import, in SQLite (default) or PostgreSQL.

    Args:
        url: a SQLAlchemy URL or a path to a SQLite file; default `resolve_url()`.
        timeout: seconds a writer waits for another one before a "locked" StoreError.
        upgrade: apply the pending schema migrations on opening (see `migrated` and `upgraded`), keeping a
            copy of the store as it was (partnerlib.store.upgrade). With False (the `upgrade` command, the
            dashboard on PostgreSQL), a store with pending migrations has `needs_upgrade`, and only
            `schema_state`, `export_xlsx` and `upgrade` may be used until the schema is current (the others
            raise the "needs_upgrade" StoreError).

    Raises:
        StoreError: the database is damaged, locked, unreachable or cannot be opened. A damaged
            file is never recreated or written over.
    """

    def __init__(self, url: str | os.PathLike | None = None, *, timeout: float = DEFAULT_TIMEOUT,
                 upgrade: bool = True):
        self.url = resolve_url(url)
        self.timeout = float(timeout)
        try:
            parsed = sa.engine.make_url(self.url)
            parsed.get_dialect()  # an unknown database kind or a missing driver fails here, not later
        except (sa_exc.ArgumentError, sa_exc.NoSuchModuleError, ImportError) as exc:
            # Only what follows the "@" is shown: the part before it may hold a password.
            raise StoreError("bad_url", url=self.url.rsplit("@", 1)[-1], detail=str(exc).splitlines()[0]) from None
        self.dialect = parsed.get_backend_name()
        self._where = parsed.database if self.dialect == "sqlite" else parsed.render_as_string(hide_password=True)
        if self.dialect == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                path = Path(parsed.database)
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    if not path.exists():
                        _create_sqlite_file(path)
                    size = path.stat().st_size
                except OSError as exc:
                    raise StoreError("cannot_open", path=parsed.database, detail=exc.strerror or exc) from None
                if size == 0:
                    # SQLite would take an empty file for a new store and write one over it: a store that lost
                    # its contents is damaged, as a truncated one is.
                    raise StoreError("corrupt", path=parsed.database, detail=TRUNCATED_DETAIL)
            self.engine = sa.create_engine(self.url, connect_args={"timeout": self.timeout})
            _sqlite_listeners(self.engine, self.timeout)
        else:
            args = {"connect_timeout": max(1, int(min(self.timeout, 10)))} if self.dialect == "postgresql" else {}
            self.engine = sa.create_engine(self.url, pool_pre_ping=True, connect_args=args)
        self.migrated: list[Migration] = []
        self.upgraded: upgrades.Upgrade | None = None  # the upgrade made on opening, with its copy
        self.needs_upgrade = False
        self.store_id: str | None = None
        self.store_id = self._initialise(upgrade)

    def close(self) -> None:
        """Close the store's connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self._where!r})"

    @property
    def location(self) -> str:
        """Where the store is: the SQLite file's path, or the server's address without the password."""
        return self._where

    # ------------------------------------------------------------ transactions and errors

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn the driver's failures into StoreError with a message a director can act on."""
        try:
            yield
        except StoreError:
            raise
        except (sa_exc.DBAPIError, sqlite3.Error) as exc:
            raise self._translate(exc) from exc
        except Exception as exc:
            # psycopg's own errors may surface unwrapped from the pool (its connect, say).
            if type(exc).__module__.startswith("psycopg"):
                raise self._translate(exc) from exc
            raise

    def _translate(self, exc: Exception) -> StoreError:
        orig = getattr(exc, "orig", None) or exc
        text = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
        low = text.lower()
        if self.dialect == "sqlite":
            if "locked" in low or "busy" in low:
                return StoreError("locked", timeout=_seconds(self.timeout))
            if "not a database" in low or "malformed" in low or "corrupt" in low:
                return StoreError("corrupt", path=self._where, detail=text)
            if "unable to open" in low or "readonly" in low or "read-only" in low:
                return StoreError("cannot_open", path=self._where, detail=text)
            return StoreError("database", detail=text)
        sqlstate = getattr(orig, "sqlstate", None)
        if "nul (0x00)" in low or "0x00" in low:
            # Raised by the driver before the server sees the text (so it has no SQLSTATE): not a connection fault.
            return StoreError("nul_in_text", where=text)
        if sqlstate in ("55P03", "57014", "40P01"):  # lock_not_available, query_canceled, deadlock
            return StoreError("locked", timeout=_seconds(self.timeout))
        if isinstance(exc, sa_exc.OperationalError) or sqlstate is None or sqlstate.startswith("08"):
            return StoreError("unreachable", detail=text)
        return StoreError("database", detail=text)

    def _current(self) -> None:
        """Refuse to read or write a schema this code does not know yet (a store opened with upgrade=False)."""
        if self.needs_upgrade:
            state = self.schema_state()
            raise StoreError("needs_upgrade", path=self._where, version=upgrades.version_before(state),
                             known=SCHEMA_VERSION)

    @contextmanager
    def _read(self, any_schema: bool = False) -> Iterator[sa.Connection]:
        """A read transaction with one consistent snapshot of all tables."""
        if not any_schema:
            self._current()
        with self._errors(), self.engine.connect() as conn:
            if self.dialect == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    @contextmanager
    def _write(self, any_schema: bool = False) -> Iterator[sa.Connection]:
        """One write transaction; writers are serialised (SQLite BEGIN IMMEDIATE, PostgreSQL advisory lock)."""
        if not any_schema:
            self._current()
        with self._errors(), self.engine.connect() as conn:
            conn = conn.execution_options(partnerlib_write=True)
            with conn.begin():
                if self.dialect == "postgresql":
                    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(self.timeout * 1000)}ms'")
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})
                yield conn

    def _initialise(self, upgrade: bool) -> str | None:
        """Bring the schema up to date (unless `upgrade` is False) and return the store's id.

        A store written by a newer release is refused before anything is written; the migrations run in
        one write transaction, so a failure leaves the store as it was.
        """
        with self._errors():
            # Most opens find the schema up to date: check without taking the writer's lock.
            with self._read(any_schema=True) as conn:
                state = self._checked_state(conn)
                if not state.pending:
                    return conn.execute(sa.select(META.c.value).where(META.c.name == "store_id")).scalar()
            if upgrade:
                self.migrated = self.upgrade()
            else:
                self.needs_upgrade = True
            return self.store_id

    def _checked_state(self, conn: sa.Connection) -> SchemaState:
        state = inspect_state(conn)
        if state.newer:
            raise StoreError("newer_store", path=self._where, version=state.version, known=SCHEMA_VERSION)
        if state.unversioned:
            missing = missing_baseline_tables(conn)
            if missing:
                raise StoreError("not_a_store", path=self._where, tables=", ".join(sorted(missing)))
        return state

    def schema_state(self) -> SchemaState:
        """The store's schema version, and the migrations this code would apply to it."""
        with self._read(any_schema=True) as conn:
            return self._checked_state(conn)

    def upgrade(self) -> list[Migration]:
        """Apply the pending migrations in one transaction; return them in order (empty when up to date).

        A store that held a schema before (not a new one) is first copied, in the same transaction, and the
        upgrade with its copy is `upgraded` (and `last_upgrade()` while the copy is there); an in-memory
        store is not copied.

        Raises:
            StoreError: the store is newer than this code, is not a Partnerlib store, its copy could not be
                written, or the database failed (then nothing was changed, and no copy is left).
        """
        made = None
        try:
            with self._write(any_schema=True) as conn:
                state = self._checked_state(conn)
                in_memory = self.dialect == "sqlite" and self._where in (None, "", ":memory:")
                if state.pending and not state.empty and not in_memory:
                    try:
                        made = upgrades.keep_copy(conn, state, self._where if self.dialect == "sqlite" else None)
                    except (OSError, sqlite3.Error) as exc:
                        raise StoreError("copy_failed", path=self._where,
                                         detail=getattr(exc, "strerror", None) or exc) from None
                done = migrate(conn, state)
        except BaseException:
            upgrades.discard(made)
            raise
        self.needs_upgrade = False
        if made is not None:
            self.upgraded = made
        if self.store_id is None:
            with self._read() as conn:
                self.store_id = conn.execute(sa.select(META.c.value).where(META.c.name == "store_id")).scalar()
        return done

    def last_upgrade(self) -> upgrades.Upgrade | None:
        """The store's last schema upgrade and where the copy made before it is; None when no copy is there."""
        with self._read() as conn:
            return upgrades.last(conn, self._where if self.dialect == "sqlite" else None)

    def _sql(self, stmt) -> str:
        """A Core statement as the driver's SQL (quoting the dialect needs), for fast raw fetches."""
        return str(stmt.compile(dialect=self.engine.dialect, compile_kwargs={"literal_binds": True}))

    def _fetch(self, conn: sa.Connection, stmt) -> list[tuple]:
        """All rows of a SELECT as plain tuples, straight from the driver's cursor (in `conn`'s transaction).

        SQLAlchemy's result rows and type processing cost more than the query itself on 100,000 rows;
        the callers convert whole columns at once instead.
        """
        cursor = conn.connection.driver_connection.cursor()
        try:
            cursor.execute(self._sql(stmt))
            return cursor.fetchall()
        finally:
            cursor.close()

    # ------------------------------------------------------------ reading

    def version(self) -> str:
        """A token that changes on every import and undo: the dashboard's cache key."""
        with self._read() as conn:
            n, last, undone = conn.execute(
                sa.select(sa.func.count(), sa.func.coalesce(sa.func.max(IMPORTS.c.id), 0),
                          sa.func.count(IMPORTS.c.undone_at))
            ).one()
        return f"{self.store_id[:12]}-{last}-{n}-{undone}"

    def is_empty(self) -> bool:
        """True when the store holds no partner and no event."""
        with self._read() as conn:
            for table in (EVENTS_T, PARTNERS_T):
                if conn.execute(sa.select(table.c.id).limit(1)).first() is not None:
                    return False
        return True

    def load(self) -> model.Dataset:
        """Everything stored, as typed frames (the dtypes of model.*_DTYPES), in the order of storing.

        `event_id` is the stored event id; `sheet` and `row` say where each event was first read. The
        event–partner table is rebuilt from each event's `partners` text (the reader joins the same list
        with "; ", and neither is ever changed after the import), which is faster than fetching its rows.
        """
        p, e = PARTNERS_T.c, EVENTS_T.c
        partner_cols = [p[c] for c in model.PARTNER_COLUMNS]
        event_cols = [e.id] + [e[c] for c in model.EVENT_COLUMNS[1:]]
        with self._read(any_schema=True) as conn:
            if self.needs_upgrade:  # an earlier schema (the backup before its upgrade): columns it lacks are empty
                partner_cols, event_cols = (_present(conn, cols) for cols in (partner_cols, event_cols))
            partner_rows = self._fetch(conn, sa.select(p.key, *partner_cols).order_by(p.id))
            event_rows = self._fetch(conn, sa.select(*event_cols).order_by(e.id))
        partner_table = _table(partner_rows, 1 + len(partner_cols))
        partners = model.typed_frame(partner_table[:, 1:], model.PARTNER_DTYPES)
        events = model.typed_frame(_table(event_rows, len(event_cols)), model.EVENT_DTYPES)
        categories = dict(zip(partner_table[:, 0], partner_table[:, 1 + model.PARTNER_COLUMNS.index("category")],
                              strict=True))
        event_partners = _links_from(events, categories)
        return model.Dataset(partners, events, event_partners, source="store")

    def history(self, extra: bool = False) -> pd.DataFrame:
        """The imports, oldest first: id, filename, sha256, imported_at (UTC), user, the counts, undone_at.

        With `extra`, also HISTORY_EXTRA: kind ("file", "alias" or "edit"), admin and undone_admin (booleans;
        undone_admin is missing while the entry stands).
        """
        i = IMPORTS.c
        cols = [i.id, i.filename, i.sha256, i.imported_at, i.user_name, i.events_added, i.events_present,
                i.partners_added, i.partners_changed, i.values_filled, i.values_changed, i.changes_skipped,
                i.undone_at]
        names = HISTORY_COLUMNS + (HISTORY_EXTRA if extra else [])
        if extra:
            cols += [i.kind, i.admin, i.undone_admin]
        with self._read() as conn:
            rows = conn.execute(sa.select(*cols).order_by(i.id)).all()
        frame = pd.DataFrame([tuple(r) for r in rows], columns=names)
        for col in names:
            if col in ("imported_at", "undone_at"):
                frame[col] = pd.to_datetime(frame[col], utc=True).astype("datetime64[us, UTC]")
            elif col in ("filename", "sha256", "user", "kind"):
                frame[col] = frame[col].astype("string")
            elif col in ("admin", "undone_admin"):
                frame[col] = frame[col].astype("boolean")
            else:
                frame[col] = frame[col].astype("int64")
        return frame

    # ------------------------------------------------------------ column choices, settings, aliases

    def column_choices(self, signature: str) -> dict[str, str | None] | None:
        """The director's column mapping saved for a sheet with these headings, or None.

        Args:
            signature: the sheet's normalised headings joined by "|".

        Returns:
            heading -> field name, or None for a column not to read.
        """
        c = COLUMN_CHOICES_T.c
        with self._read() as conn:
            text = conn.execute(sa.select(c.choices).where(c.signature == signature)).scalar()
        return None if text is None else json.loads(text)

    def column_choices_version(self) -> str:
        """A token that changes whenever a column mapping is saved (a cache key of reads that apply them)."""
        c = COLUMN_CHOICES_T.c
        with self._read() as conn:
            n, last = conn.execute(sa.select(sa.func.count(), sa.func.max(c.saved_at))).one()
        return f"{n}-{last}"

    def save_column_choices(self, signature: str, choices: dict[str, str | None]) -> None:
        """Keep the column mapping for sheets with these headings (replacing an earlier one)."""
        c = COLUMN_CHOICES_T.c
        text = json.dumps({str(k): (None if v is None else str(v)) for k, v in choices.items()}, ensure_ascii=False)
        with self._write() as conn:
            conn.execute(sa.delete(COLUMN_CHOICES_T).where(c.signature == signature))
            conn.execute(COLUMN_CHOICES_T.insert().values(signature=signature, choices=text,
                                                          saved_at=dt.datetime.now(dt.UTC)))

    def get_setting(self, name: str) -> str | None:
        """A value set once for the store (the library's name "library_name", its "city"), or None."""
        with self._read() as conn:
            return conn.execute(sa.select(SETTINGS_T.c.value).where(SETTINGS_T.c.name == name)).scalar()

    def set_setting(self, name: str, value: str | None) -> None:
        """Set a store-wide value; None or blank text removes it."""
        with self._write() as conn:
            conn.execute(sa.delete(SETTINGS_T).where(SETTINGS_T.c.name == name))
            if value is not None and str(value).strip():
                conn.execute(SETTINGS_T.insert().values(name=name, value=str(value).strip()))

    def aliases(self) -> pd.DataFrame:
        """The names confirmed as another partner's, oldest first: alias, partner (the name kept).

        A kept name that was itself later merged into another leads to that one: `partner` is final.
        """
        a = PARTNER_ALIASES_T.c
        with self._read() as conn:
            rows = conn.execute(sa.select(a.alias_key, a.alias, a.partner_key, a.partner)
                                .order_by(a.created_at, a.alias_key)).all()
        final = _resolve_aliases({r.alias_key: (r.partner_key, r.partner) for r in rows})
        frame = pd.DataFrame({"alias": [r.alias for r in rows],
                              "partner": [final[r.alias_key][1] for r in rows]}, columns=ALIAS_COLUMNS)
        return frame.astype("string")

    def add_alias(self, alias: str, keep: str, *, user: str | None = None, admin: bool = False) -> int:
        """Confirm that the partner name `alias` is the partner `keep`: one history entry, undoable.

        Returns:
            The id of the history entry (undo it with `undo`).

        Raises:
            StoreError: the names are one partner already ("alias_of_itself"), `alias` is merged with a
                partner already ("alias_exists"), or the database failed.
        """
        alias_key, keep_key = _name_key(alias), _name_key(keep)
        a = PARTNER_ALIASES_T.c
        with self._write() as conn:
            known = {r.alias_key: (r.partner_key, r.partner)
                     for r in conn.execute(sa.select(a.alias_key, a.partner_key, a.partner)).all()}
            if alias_key in known:
                raise StoreError("alias_exists", name=str(alias), partner=known[alias_key][1])
            final = _resolve_aliases({**known, alias_key: (keep_key, keep)}) if alias_key != keep_key else None
            if final is None:
                raise StoreError("alias_of_itself", name=str(alias))
            now = dt.datetime.now(dt.UTC)
            import_id = conn.execute(IMPORTS.insert().values(
                kind="alias", filename=None, imported_at=now, user_name=user, admin=bool(admin),
                events_added=0, events_present=0, partners_added=0, partners_changed=1, values_filled=0,
                values_changed=0, changes_skipped=0,
            )).inserted_primary_key[0]
            conn.execute(PARTNER_ALIASES_T.insert().values(
                alias_key=alias_key, alias=str(alias).strip(), partner_key=keep_key, partner=str(keep).strip(),
                import_id=import_id, created_at=now))
        return int(import_id)

    # ------------------------------------------------------------ editing the register

    def edit_partner(self, partner: str, values: dict[str, object], *, user: str | None = None,
                     admin: bool = False) -> int | None:
        """Change a partner's register fields (the agreement, the contact person, the responsible, the website).

        One edit is one history entry (kind "edit", its `filename` the partner's name), undone as an import
        is: newest first, putting back every value it changed. A partner that has events but no row of
        the register yet gets one, removed again by the undo.

        Args:
            partner: the partner's name (matched as the register matches names).
            values: field of model.REGISTER_FIELDS -> its new value: a kind key, a date (or None), text;
                blank text and None empty the field. Fields not given stay as they are.
            user: who edited.
            admin: the edit was made with the admin password (kept in the history).

        Returns:
            The history entry's id, or None when nothing would change (then nothing is written).

        Raises:
            StoreError: no partner named, an agreement that ends before it was signed, or a database failure.
            ValueError: a field that is not one of the register's.
        """
        from partnerlib.register import edit_values

        name = str(partner or "").strip()
        if not name:
            raise StoreError("edit_no_partner")
        new = edit_values(values)
        key = _name_key(name)
        p = PARTNERS_T.c
        columns = [p[f] for f in model.REGISTER_FIELDS]
        with self._write() as conn:
            row = conn.execute(sa.select(p.id, p.partner, *columns).where(p.key == key)).first()
            stored = {f: _decode(f, _encode(f, getattr(row, f))) for f in model.REGISTER_FIELDS} if row else {}
            merged = {**{f: None for f in model.REGISTER_FIELDS}, **stored, **new}
            signed, until = merged["agreement_signed"], merged["agreement_until"]
            if signed is not None and until is not None and until < signed:
                raise StoreError("agreement_dates_reversed", partner=row.partner if row else name,
                                 signed=signed.strftime("%d.%m.%Y"), until=until.strftime("%d.%m.%Y"))
            cells = [(f, stored.get(f), v) for f, v in new.items() if stored.get(f) != v]
            if not cells:
                return None
            filled = sum(1 for _, old, _ in cells if old is None)
            import_id = conn.execute(IMPORTS.insert().values(
                kind="edit", filename=row.partner if row else name, imported_at=dt.datetime.now(dt.UTC),
                user_name=user, admin=bool(admin), events_added=0, events_present=0,
                partners_added=0 if row else 1, partners_changed=1 if row else 0, values_filled=filled,
                values_changed=len(cells) - filled, changes_skipped=0,
            )).inserted_primary_key[0]
            if row is None:
                fresh = model.empty_partners().reindex([0])
                fresh["partner"] = name
                for f, v in new.items():
                    fresh[f] = v
                fresh = model.typed_frame(fresh, model.PARTNER_DTYPES).assign(key=key)
                _insert_partners(conn, fresh, import_id)
            else:
                _update_cells(conn, pd.DataFrame({
                    "table": model.PARTNERS, "row_id": row.id, "column": [c[0] for c in cells],
                    "old": [c[1] for c in cells], "new": [c[2] for c in cells]}), import_id)
        return int(import_id)

    # ------------------------------------------------------------ importing

    def preview(self, result, lang: str = "ru") -> ImportPreview:
        """What `apply(result)` would do: new and present events and partners, fills and conflicts (their
        values in `lang`'s words)."""
        file = merge.incoming(result)
        with self._read() as conn:
            return preview_of(self._plan(conn, file), lang)

    def apply(self, result, filename: str | None = None, sha256: str | None = None, user: str | None = None,
              accept_changes: bool = False, admin: bool = False) -> int:
        """Store a file's tables in one transaction and return the new import's id.

        New partners and events are added; empty stored values are filled from the file. A filled
        stored value the file would change is changed only when `accept_changes` is True (see
        `preview`); otherwise it is kept and counted in the import's `changes_skipped`.

        Args:
            result: the reader's ImportResult (anything with partners, events and event_partners).
            filename: the file's name for the history (default: the result's filename).
            sha256: the hex digest of the file's bytes, for the history.
            user: who imported it.
            accept_changes: apply the changes to filled values that the preview lists.
            admin: the import was made with the admin password (kept in the history).

        Raises:
            StoreError: nothing to import, or the database failed; then nothing at all was written.
        """
        if not (len(result.partners) or len(result.events)):
            raise StoreError("nothing_to_import")
        if self.dialect == "postgresql":
            _refuse_nul(result)
        file = merge.incoming(result)
        with self._write() as conn:
            plan = self._plan(conn, file)
            cells = plan.cells
            if not accept_changes and len(cells):
                skipped = int(((cells["kind"] == "change") & cells["shown"]).sum())
                cells = cells[cells["kind"] == "fill"]
            else:
                skipped = 0
            shown = cells[cells["shown"]] if len(cells) else cells
            changed = shown[shown["kind"] == "change"] if len(shown) else shown
            import_id = conn.execute(IMPORTS.insert().values(
                filename=filename if filename is not None else getattr(result, "filename", None),
                sha256=sha256, imported_at=dt.datetime.now(dt.UTC), user_name=user, admin=bool(admin),
                events_added=len(plan.events_new), events_present=plan.events_present,
                partners_added=len(plan.partners_new),
                partners_changed=int(changed.loc[changed["table"] == model.PARTNERS, "row_id"].nunique())
                if len(changed) else 0,
                values_filled=int((shown["kind"] == "fill").sum()) if len(shown) else 0,
                values_changed=len(changed), changes_skipped=skipped,
            )).inserted_primary_key[0]
            _insert_partners(conn, plan.partners_new, import_id)
            _insert_events(conn, plan.events_new, import_id)
            _update_cells(conn, cells, import_id)
        return int(import_id)

    def _plan(self, conn: sa.Connection, file: merge.Incoming) -> merge.Plan:
        """The merge plan of a file against the stored rows, read in `conn`'s transaction."""
        p, e = PARTNERS_T.c, EVENTS_T.c
        stored_p = pd.DataFrame(self._fetch(conn, sa.select(*[p[c] for c in merge.STORED_PARTNER_COLUMNS])),
                                columns=merge.STORED_PARTNER_COLUMNS, dtype=object)
        stored_e = pd.DataFrame(self._fetch(conn, sa.select(*[e[c] for c in merge.STORED_EVENT_COLUMNS])),
                                columns=merge.STORED_EVENT_COLUMNS, dtype=object)
        return merge.plan(stored_p, stored_e, file)

    # ------------------------------------------------------------ undo

    def undo(self, import_id: int, cascade: bool = False, admin: bool = False) -> list[int]:
        """Undo an import in one transaction: remove what it added and put back what it changed.

        Undo is exact only newest first, so an import is refused while a later import that wrote
        something still stands, unless `cascade` is True, which undoes those later imports too (newest
        first). Later imports that wrote nothing stay as they are; an edit of the register ("edit") counts
        as an import. A merge of partner names (an "alias" entry) changes no stored row: it is undone on its
        own, and never blocks or joins a file's undo.
        `admin` says that the undo was made with the admin password (kept in the history).

        Returns:
            The ids undone, newest first.

        Raises:
            StoreError: unknown import, already undone, later imports standing (without cascade),
                or a database failure (then nothing was changed).
        """
        import_id = int(import_id)
        i = IMPORTS.c
        with self._write() as conn:
            row = conn.execute(sa.select(i.id, i.undone_at, i.kind).where(i.id == import_id)).first()
            if row is None:
                raise StoreError("unknown_import", id=import_id)
            if row.undone_at is not None:
                raise StoreError("already_undone", id=import_id, when=_when(row.undone_at))
            # A later import that wrote nothing (a file imported again, say) cannot be disturbed by this undo.
            wrote = (i.events_added + i.partners_added + i.values_filled + i.values_changed) > 0
            later = [] if row.kind == "alias" else conn.execute(
                sa.select(i.id).where(i.id > import_id, i.undone_at.is_(None), wrote, i.kind != "alias")
                .order_by(i.id.desc())
            ).scalars().all()
            if later and not cascade:
                raise StoreError("later_imports", id=import_id, ids=", ".join(f"№ {n}" for n in sorted(later)))
            undone = [*later, import_id]
            for n in undone:
                _undo_one(conn, n)
            conn.execute(sa.update(IMPORTS).where(i.id.in_(undone)).values(undone_admin=bool(admin)))
        return undone

    # ------------------------------------------------------------ export

    def export_xlsx(self) -> bytes:
        """The whole store as one xlsx workbook that `read_workbook` reads back with no loss.

        Sheets «Партнёры» and «Мероприятия» with the headings of model.RU_HEADINGS and a «Год» column.
        Approximate counts are written as `≈350`, month dates as `апрель 2020`, year-only events with
        an empty date; every text stays text.
        """
        return export_workbook(self.load())


def open_store(url: str | os.PathLike | None = None, **kwargs) -> Store:
    """A Store on `url` (default `resolve_url()`); see Store."""
    return Store(url, **kwargs)


def upgrades_on_open(url: str) -> bool:
    """Whether the dashboard brings the store at `url` up to date when it opens it: a SQLite file yes (its
    copy is kept beside it); a PostgreSQL server, shared and backed up by its own rules, waits for the
    Data page's «Обновить» (or `python -m partnerlib upgrade`)."""
    return sa.engine.make_url(resolve_url(url)).get_backend_name() == "sqlite"


# ---------------------------------------------------------------- engine set-up

def _sqlite_listeners(engine: sa.Engine, timeout: float) -> None:
    """WAL, a busy timeout and foreign keys on every connection; BEGIN IMMEDIATE for writers.

    pysqlite's own transaction handling is switched off so that SQLAlchemy's `begin` emits the BEGIN:
    a writer takes the write lock at its start (waiting up to the busy timeout) instead of failing
    half-way when two imports overlap.
    """

    @sa_event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            cur.execute("PRAGMA foreign_keys = ON")
            # Reading the journal mode first reads the header: a damaged file fails here, unwritten.
            mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")  # safe with WAL; commits do not wait for fsync
        finally:
            cur.close()

    @sa_event.listens_for(engine, "begin")
    def _begin(conn):
        write = conn.get_execution_options().get("partnerlib_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _create_sqlite_file(path: Path) -> None:
    """Create an empty SQLite database at `path` whole, so that no other process sees it with zero bytes.

    SQLite creates a file empty and writes its header later; an empty file at `path` then means a
    damaged store (see Store). The database is made beside it and linked into place; when another
    process has just done the same, its file is kept.
    """
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.new")
    try:
        conn = sqlite3.connect(temporary)
        try:
            conn.execute("PRAGMA journal_mode = WAL")  # writes the header: the file is no longer empty
        finally:
            conn.close()
        with suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _present(conn: sa.Connection, columns: list[sa.Column]) -> list:
    """The columns as selected from a table of an earlier schema: those it does not have yet as NULL."""
    have = {c["name"] for c in sa.inspect(conn).get_columns(columns[0].table.name)}
    return [c if c.name in have else sa.null().label(c.name) for c in columns]


def _seconds(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _when(value) -> str:
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    return stamp.tz_convert(None).strftime("%d.%m.%Y %H:%M") + " UTC"


# ---------------------------------------------------------------- writing

def _executemany(conn: sa.Connection, stmt, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        conn.execute(stmt, rows[start:start + CHUNK])


def _bulk_insert(conn: sa.Connection, table: sa.Table, frame: pd.DataFrame, columns: list[str],
                 **constants) -> None:
    """Insert a frame's rows with the driver's executemany, in chunks.

    Plain tuples and the driver's own SQL skip SQLAlchemy's per-row parameter processing, which costs
    more than the insert itself at 50,000 rows. Dates go to SQLite as ISO text, as SQLAlchemy stores them.
    """
    if not len(frame):
        return
    sqlite = conn.dialect.name == "sqlite"
    arrays = [model.natives(frame[c], iso_dates=sqlite) for c in columns]
    arrays += [np.full(len(frame), v, dtype=object) for v in constants.values()]
    names = [*columns, *constants]
    marks = ", ".join(["?" if conn.dialect.paramstyle == "qmark" else "%s"] * len(names))
    quote = conn.dialect.identifier_preparer.quote
    sql = f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) VALUES ({marks})"
    rows = list(zip(*arrays, strict=True))
    for start in range(0, len(rows), CHUNK):
        conn.exec_driver_sql(sql, rows[start:start + CHUNK])


def _insert_partners(conn: sa.Connection, partners: pd.DataFrame, import_id: int) -> None:
    _bulk_insert(conn, PARTNERS_T, partners, ["key", *model.PARTNER_COLUMNS], import_id=import_id)


def _insert_events(conn: sa.Connection, events: pd.DataFrame, import_id: int) -> None:
    _bulk_insert(conn, EVENTS_T, events, ["key", *model.EVENT_COLUMNS[1:]], import_id=import_id)


def _encode(column: str, value) -> str | None:
    """A cell value as the text of the changes table (decoded by column with `_decode`)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if column in _BOOL_COLUMNS:
        return "1" if bool(value) else "0"
    if column in _INT_COLUMNS:
        return str(int(value))
    if column in model.DATE_FIELDS:
        return pd.Timestamp(value).date().isoformat()
    return str(value)


def _decode(column: str, text: str | None):
    if text is None:
        return False if column in _BOOL_COLUMNS else None
    if column in _BOOL_COLUMNS:
        return text == "1"
    if column in _INT_COLUMNS:
        return int(text)
    if column in model.DATE_FIELDS:
        return dt.date.fromisoformat(text)
    return text


def _update_cells(conn: sa.Connection, cells: pd.DataFrame, import_id: int) -> None:
    """Write the fills and changes, and record each old value so that undo can put it back."""
    if not len(cells):
        return
    for (table, column), group in cells.groupby(["table", "column"], sort=False):
        t = _TABLES[table]
        stmt = sa.update(t).where(t.c.id == sa.bindparam("_id")).values({column: sa.bindparam("_new")})
        rows = [{"_id": int(i), "_new": _decode(column, _encode(column, v))}
                for i, v in zip(group["row_id"], group["new"], strict=True)]
        _executemany(conn, stmt, rows)
    changes = [
        {"import_id": import_id, "table_name": t, "row_id": int(i), "column_name": c,
         "old_value": _encode(c, o), "new_value": _encode(c, n)}
        for t, i, c, o, n in zip(cells["table"], cells["row_id"], cells["column"], cells["old"], cells["new"],
                                 strict=True)
    ]
    _executemany(conn, CHANGES_T.insert(), changes)


def _undo_one(conn: sa.Connection, import_id: int) -> None:
    ch = CHANGES_T.c
    rows = conn.execute(
        sa.select(ch.table_name, ch.row_id, ch.column_name, ch.old_value)
        .where(ch.import_id == import_id).order_by(ch.id.desc())
    ).all()
    groups: dict[tuple[str, str], list[dict]] = {}
    for table, row_id, column, old in rows:
        groups.setdefault((table, column), []).append({"_id": row_id, "_old": _decode(column, old)})
    for (table, column), params in groups.items():
        t = _TABLES[table]
        stmt = sa.update(t).where(t.c.id == sa.bindparam("_id")).values({column: sa.bindparam("_old")})
        _executemany(conn, stmt, params)
    added = sa.select(EVENTS_T.c.id).where(EVENTS_T.c.import_id == import_id)
    conn.execute(sa.delete(EVENT_PARTNERS_T).where(EVENT_PARTNERS_T.c.event_id.in_(added)))
    conn.execute(sa.delete(EVENTS_T).where(EVENTS_T.c.import_id == import_id))
    conn.execute(sa.delete(PARTNERS_T).where(PARTNERS_T.c.import_id == import_id))
    conn.execute(sa.delete(PARTNER_ALIASES_T).where(PARTNER_ALIASES_T.c.import_id == import_id))
    conn.execute(sa.update(IMPORTS).where(IMPORTS.c.id == import_id)
                 .values(undone_at=dt.datetime.now(dt.UTC)))


def _refuse_nul(result) -> None:
    """Raise "nul_in_text" naming the first cell with a NUL character (PostgreSQL refuses such text)."""
    for table, label in ((result.partners, i18n.t("sheet_partners")), (result.events, None)):
        for column in table.columns:
            values = table[column]
            if isinstance(values.dtype, pd.CategoricalDtype):
                bad = [c for c in values.cat.categories if isinstance(c, str) and "\x00" in c]
                hit = values.isin(bad).to_numpy(dtype=bool)
            elif pd.api.types.is_string_dtype(values.dtype):
                hit = values.astype("string").str.contains("\x00", regex=False).fillna(False).to_numpy(dtype=bool)
            else:
                continue
            if hit.any():
                i = int(np.flatnonzero(hit)[0])
                where = []
                if label is None and "sheet" in table:
                    where.append(i18n.t("detail.sheet_row", sheet=table["sheet"].iloc[i], row=table["row"].iloc[i]))
                where.append(i18n.t("detail.column", column=model.RU_HEADINGS.get(column, column)))
                raise StoreError("nul_in_text", where=", ".join(where))


def _name_key(name: str) -> str:
    """A partner name's key, as the partners table keys them."""
    text = str(name).strip()
    return normalise_name(text) or text.lower()


def _resolve_aliases(pairs: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]] | None:
    """alias key -> the final (key, name) of its partner, following chains; None when the pairs make a loop."""
    final = {}
    for start in pairs:
        seen, key, found = {start}, start, pairs[start]
        while found[0] in pairs:
            key = found[0]
            if key in seen:
                return None
            seen.add(key)
            found = pairs[key]
        final[start] = found
    return final


# ---------------------------------------------------------------- loading

def _table(rows: list[tuple], width: int) -> np.ndarray:
    """Fetched rows as a 2-D object array: filling one from the tuples is the fastest way to columns."""
    table = np.empty((len(rows), width), dtype=object)
    if rows:
        table[:] = rows
    return table


def _links_from(events: pd.DataFrame, categories: dict[str, str | None]) -> pd.DataFrame:
    """The long event–partner table of typed events: one row per partner, in the written order.

    Each row's category is the partner's own (by its stored key), else the event's, as the reader fills it.
    """
    codes, uniques = pd.factorize(events["partners"].to_numpy(dtype=object, na_value=None), use_na_sentinel=True)
    parts = [str(u).split("; ") for u in uniques]
    counts = np.array([len(x) for x in parts], dtype=np.int64)
    per_event = np.where(codes >= 0, counts[np.maximum(codes, 0)] if len(counts) else 0, 0)
    names = np.array(list(itertools.chain.from_iterable(parts[c] for c in codes if c >= 0)), dtype=object)
    event_ids = np.repeat(events["event_id"].to_numpy(dtype=np.int64), per_event)
    event_category = np.repeat(events["category"].astype(object).to_numpy(), per_event)
    name_codes, name_uniques = pd.factorize(names)
    own = np.array([categories.get(normalise_name(n) or n.lower()) for n in name_uniques], dtype=object)
    category = own[name_codes] if len(names) else np.empty(0, dtype=object)
    category = np.where(pd.isna(category), event_category, category)
    category[pd.isna(category)] = None
    table = np.empty((len(names), 3), dtype=object)
    table[:, 0], table[:, 1], table[:, 2] = event_ids, names, category
    return model.typed_frame(table, model.EVENT_PARTNER_DTYPES)


