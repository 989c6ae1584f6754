"""The database that keeps every import: partners and events merged across uploads, with history and undo."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import sqlite3
import tomllib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy import exc as sa_exc

from partnerlib import fmt, model
from partnerlib.categories import category_label, level_label
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
from partnerlib.store.schema import METADATA as METADATA  # re-exported: tests drop and inspect the tables
from partnerlib.values import normalise_name, parse_format, split_partners
from partnerlib.xlsx import write_workbook

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "partnerlib.db"
SECRETS_PATH = PROJECT_ROOT / ".streamlit" / "secrets.toml"
ENV_URL = "PARTNERLIB_DB_URL"
# Seconds a writer waits for another import to finish before giving up with a "locked" StoreError.
DEFAULT_TIMEOUT = 30.0
# Rows per executemany batch: big enough to be fast, small enough to keep memory flat.
CHUNK = 5000
# The PostgreSQL advisory lock that serialises writers (any constant shared by all Partnerlib processes).
PG_LOCK_KEY = 0x50_4C_49_42  # "PLIB"

# ---------------------------------------------------------------- errors

# SQLite's own words for a file cut short: an empty store file is reported with the same ones.
TRUNCATED_DETAIL = "database disk image is malformed"

# Messages by code: (Russian, English). Placeholders are filled from StoreError.params.
STORE_MESSAGES: dict[str, tuple[str, str]] = {
    "corrupt": (
        "Файл базы данных повреждён: {path} ({detail}). Файл не изменён; восстановите его из резервной "
        "копии или укажите другой файл в PARTNERLIB_DB_URL.",
        "The database file is damaged: {path} ({detail}). The file was not changed; restore it from a backup "
        "or point PARTNERLIB_DB_URL at another file.",
    ),
    "locked": (
        "База данных занята: идёт другой импорт (ждали {timeout} с). Повторите попытку через минуту.",
        "The database is busy: another import is in progress (waited {timeout} s). Try again in a minute.",
    ),
    "unreachable": (
        "Сервер базы данных недоступен: {detail}. Проверьте адрес в PARTNERLIB_DB_URL и что сервер запущен.",
        "The database server cannot be reached: {detail}. Check the address in PARTNERLIB_DB_URL and that "
        "the server is running.",
    ),
    "cannot_open": (
        "Не удалось открыть базу данных {path}: {detail}.",
        "The database {path} cannot be opened: {detail}.",
    ),
    "bad_url": (
        "Неверный адрес базы данных «{url}»: {detail}. Ожидается путь к файлу SQLite или "
        "postgresql+psycopg://пользователь:пароль@сервер:5432/база.",
        "Bad database address «{url}»: {detail}. Expected a SQLite file path or "
        "postgresql+psycopg://user:password@host:5432/database.",
    ),
    "database": (
        "Ошибка базы данных: {detail}.",
        "Database error: {detail}.",
    ),
    "unknown_import": (
        "Импорт № {id} не найден.",
        "Import no. {id} does not exist.",
    ),
    "already_undone": (
        "Импорт № {id} уже отменён ({when}).",
        "Import no. {id} has already been undone ({when}).",
    ),
    "later_imports": (
        "Импорт № {id} нельзя отменить, пока действуют более поздние импорты: {ids}. Сначала отмените их.",
        "Import no. {id} cannot be undone while later imports stand: {ids}. Undo them first.",
    ),
    "nothing_to_import": (
        "В файле не найдено ни партнёров, ни мероприятий: сохранять нечего.",
        "The file has no partners and no events: there is nothing to store.",
    ),
    "nul_in_text": (
        "В файле есть нулевой символ (NUL), который PostgreSQL не хранит: {where}. Ничего не сохранено; "
        "уберите этот символ из ячейки и загрузите файл снова.",
        "The file holds a NUL character, which PostgreSQL cannot store: {where}. Nothing was stored; remove "
        "the character from the cell and load the file again.",
    ),
    "newer_store": (
        "База данных {path} создана более новой версией Partnerlib (версия схемы {version}, эта программа "
        "знает версии до {known}). База не изменена; обновите Partnerlib.",
        "The database {path} was written by a newer Partnerlib (schema version {version}; this program knows "
        "versions up to {known}). The database was not changed; update Partnerlib.",
    ),
    "not_a_store": (
        "Файл {path} — не база Partnerlib: в нём нет таблиц {tables}. Файл не изменён; укажите другой файл "
        "в PARTNERLIB_DB_URL.",
        "The file {path} is not a Partnerlib database: it lacks the tables {tables}. The file was not changed; "
        "point PARTNERLIB_DB_URL at another file.",
    ),
    "needs_upgrade": (
        "Базу данных {path} нужно обновить (версия схемы {version}, нужна {known}): выполните "
        "python -m partnerlib upgrade.",
        "The database {path} needs an upgrade (schema version {version}, {known} needed): run "
        "python -m partnerlib upgrade.",
    ),
    "alias_exists": (
        "Имя «{name}» уже объединено с партнёром «{partner}». Чтобы объединить его с другим, сначала "
        "отмените прежнее объединение в истории.",
        "The name «{name}» is already merged with the partner «{partner}». To merge it with another one, "
        "undo the earlier merge in the history first.",
    ),
    "alias_of_itself": (
        "Нельзя объединить партнёра «{name}» с самим собой.",
        "A partner «{name}» cannot be merged with itself.",
    ),
}


class StoreError(Exception):
    """A failure of the store that the user can act on; `code` is a key of STORE_MESSAGES.

    `str(error)` is the Russian message; `message_in("en")` gives the English one.
    """

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(self.message_in("ru"))

    def message_in(self, lang: str = "ru") -> str:
        """The message in Russian ("ru") or English ("en")."""
        ru, en = STORE_MESSAGES[self.code]
        return (en if lang == "en" else ru).format(**self.params)

    @property
    def message(self) -> str:
        """The message in Russian."""
        return self.message_in("ru")


# ---------------------------------------------------------------- configuration

def _secrets(path: Path | None = None) -> dict:
    """The project's `.streamlit/secrets.toml` as a dict (empty when it is missing or unreadable)."""
    try:
        with open(path or SECRETS_PATH, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def admin_password() -> str | None:
    """The `admin_password` of `.streamlit/secrets.toml`, or None when it is not set."""
    value = _secrets().get("admin_password")
    return str(value) if value not in (None, "") else None


def resolve_url(url: str | os.PathLike | None = None) -> str:
    """The SQLAlchemy URL of the store.

    The first given of: `url`, the environment variable PARTNERLIB_DB_URL, `db_url` in
    `.streamlit/secrets.toml`, and the SQLite file `data/partnerlib.db` of the project. A value without
    `://` is a path to a SQLite file.
    """
    value = url or os.environ.get(ENV_URL) or _secrets().get("db_url")
    if not value:
        path = DEFAULT_DB_PATH
    elif "://" in str(value):
        return str(value)
    else:
        path = Path(value).expanduser()
    return f"sqlite:///{path.absolute()}"


# ---------------------------------------------------------------- schema

_TABLES = {model.PARTNERS: PARTNERS_T, model.EVENTS: EVENTS_T}

# The columns a later import may fill or change; the others identify the row or say where it came from.
PARTNER_MERGE_COLUMNS = model.merge_columns(model.PARTNERS)
EVENT_MERGE_COLUMNS = model.merge_columns(model.EVENTS)
_COUNT_COLUMNS = model.COUNT_FLAGS
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
PREVIEW_COLUMNS = ["table", "item", "column", "old", "new"]
CATEGORY_CHANGE_COLUMNS = ["partner", "old", "new"]

_FORMAT_RU = {"online": "онлайн", "offline": "очно", "hybrid": "смешанный"}
# A format word that reads back as "unknown" even when the platform would imply online.
_FORMAT_UNKNOWN_RU = "не указана"
_MONTHS_RU = fmt.MONTHS_NOMINATIVE
_QUARTERS = ["I", "II", "III", "IV"]
_PLACE_RU = {"outside": "на выезде"}
_SEP = "\x1f"  # between the parts of a dedupe key: never in cleaned cell text


# ---------------------------------------------------------------- the preview

@dataclass
class ImportPreview:
    """What importing a file would do to the store, before anything is written.

    `conflicts` lists filled stored values the file would change (applied only with accept_changes);
    `fills` lists empty stored values the file fills (always applied). Both have the columns
    table (partners/events), item (partner name or event), column (canonical field), old, new — the
    values as display text. `category_changes` is the part of `conflicts` that changes partner categories.
    """

    new_events: int
    present_events: int
    new_partners: int
    present_partners: int
    category_changes: pd.DataFrame
    conflicts: pd.DataFrame
    fills: pd.DataFrame

    @property
    def changes_anything(self) -> bool:
        """True when applying (without accepting changes) would add or fill anything."""
        return bool(self.new_events or self.new_partners or len(self.fills))


@dataclass
class _Incoming:
    """A file's tables ready to merge: canonical frames with their dedupe keys."""

    partners: pd.DataFrame  # PARTNER_COLUMNS + key
    events: pd.DataFrame  # EVENT_COLUMNS + key + _guessed (category taken from the partners)
    links: pd.DataFrame  # key (of the event), position, partner, partner_key


@dataclass
class _Plan:
    """The writes one import makes: rows to insert and cells to update (fills and changes)."""

    partners_new: pd.DataFrame
    events_new: pd.DataFrame
    links_new: pd.DataFrame
    cells: pd.DataFrame  # table, row_id, item, column, old, new, old_show, new_show, kind, shown
    events_present: int
    partners_present: int


# ---------------------------------------------------------------- the store

class Store:
    """Partners and events of every import, in SQLite (default) or PostgreSQL.

    Args:
        url: a SQLAlchemy URL or a path to a SQLite file; default `resolve_url()`.
        timeout: seconds a writer waits for another one before a "locked" StoreError.
        upgrade: apply the pending schema migrations on opening (see `migrated`). With False (the
            `upgrade` command), only `schema_state` and `upgrade` may be used until the schema is current.

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

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        """A read transaction with one consistent snapshot of all tables."""
        with self._errors(), self.engine.connect() as conn:
            if self.dialect == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """One write transaction; writers are serialised (SQLite BEGIN IMMEDIATE, PostgreSQL advisory lock)."""
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
            with self._read() as conn:
                state = self._checked_state(conn)
                if not state.pending:
                    return conn.execute(sa.select(META.c.value).where(META.c.name == "store_id")).scalar()
            if upgrade:
                self.migrated = self.upgrade()
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
        with self._read() as conn:
            return self._checked_state(conn)

    def upgrade(self) -> list[Migration]:
        """Apply the pending migrations in one transaction; return them in order (empty when up to date).

        Raises:
            StoreError: the store is newer than this code, is not a Partnerlib store, or the database
                failed (then nothing was changed).
        """
        with self._write() as conn:
            done = migrate(conn, self._checked_state(conn))
        if self.store_id is None:
            with self._read() as conn:
                self.store_id = conn.execute(sa.select(META.c.value).where(META.c.name == "store_id")).scalar()
        return done

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
        with self._read() as conn:
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

        With `extra`, also HISTORY_EXTRA: kind ("file" or "alias"), admin and undone_admin (booleans;
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

    # ------------------------------------------------------------ importing

    def preview(self, result) -> ImportPreview:
        """What `apply(result)` would do: new and present events and partners, fills and conflicts."""
        incoming = _incoming(result)
        with self._read() as conn:
            plan = self._plan(conn, incoming)
        cells = plan.cells[plan.cells["shown"]] if len(plan.cells) else plan.cells
        fills = cells[cells["kind"] == "fill"] if len(cells) else cells
        conflicts = cells[cells["kind"] == "change"] if len(cells) else cells
        category = conflicts[(conflicts["table"] == model.PARTNERS) & (conflicts["column"] == "category")] \
            if len(conflicts) else conflicts
        return ImportPreview(
            new_events=len(plan.events_new),
            present_events=plan.events_present,
            new_partners=len(plan.partners_new),
            present_partners=plan.partners_present,
            category_changes=_show_frame(category, ["item", "old_show", "new_show"], CATEGORY_CHANGE_COLUMNS),
            conflicts=_show_frame(conflicts, ["table", "item", "column", "old_show", "new_show"],
                                  PREVIEW_COLUMNS),
            fills=_show_frame(fills, ["table", "item", "column", "old_show", "new_show"], PREVIEW_COLUMNS),
        )

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
        incoming = _incoming(result)
        with self._write() as conn:
            plan = self._plan(conn, incoming)
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
            _insert_links(conn, plan.links_new, import_id)
            _update_cells(conn, cells, import_id)
        return int(import_id)

    def _plan(self, conn: sa.Connection, incoming: _Incoming) -> _Plan:
        """Match the file's rows to the stored ones by key and work out the inserts, fills and changes."""
        p, e = PARTNERS_T.c, EVENTS_T.c
        stored_p = pd.DataFrame(
            self._fetch(conn, sa.select(p.id, p.key, p.partner, *[p[c] for c in PARTNER_MERGE_COLUMNS])),
            columns=["id", "key", "partner", *PARTNER_MERGE_COLUMNS], dtype=object)
        event_cols = ["date", "date_end", "year", "date_precision", "title", "partners", *EVENT_MERGE_COLUMNS,
                      *_COUNT_COLUMNS.values()]
        stored_e = pd.DataFrame(
            self._fetch(conn, sa.select(e.id, e.key, *[e[c] for c in event_cols])),
            columns=["id", "key", *event_cols], dtype=object)
        cells: list[pd.DataFrame] = []

        fp = incoming.partners
        match_p = fp.merge(stored_p, on="key", how="left", suffixes=("", "_old"), indicator=True)
        known_p = match_p["_merge"] == "both"
        partners_new = fp[~known_p.to_numpy()]
        if known_p.any():
            m = match_p[known_p]
            cells += _diff(model.PARTNERS, m, PARTNER_MERGE_COLUMNS, m["partner_old"])

        fe = incoming.events
        match_e = fe.merge(stored_e, on="key", how="left", suffixes=("", "_old"), indicator=True)
        known_e = match_e["_merge"] == "both"
        events_new = fe[~known_e.to_numpy()]
        if known_e.any():
            m = match_e[known_e]
            cells += _diff(model.EVENTS, m, EVENT_MERGE_COLUMNS, None)

        cells = [c for c in cells if len(c)]
        frame = pd.concat(cells, ignore_index=True) if cells else pd.DataFrame(
            {c: pd.Series(dtype=object) for c in _CELL_COLUMNS})
        frame["shown"] = frame["shown"].astype(bool)
        new_keys = pd.Index(events_new["key"].to_numpy(dtype=object))
        links_new = incoming.links[new_keys.get_indexer(incoming.links["key"].to_numpy(dtype=object)) >= 0]
        return _Plan(partners_new, events_new, links_new, frame, int(known_e.sum()), int(known_p.sum()))

    # ------------------------------------------------------------ undo

    def undo(self, import_id: int, cascade: bool = False, admin: bool = False) -> list[int]:
        """Undo an import in one transaction: remove what it added and put back what it changed.

        Undo is exact only newest first, so an import is refused while a later import that wrote
        something still stands, unless `cascade` is True, which undoes those later imports too (newest
        first). Later imports that wrote nothing stay as they are. A merge of partner names (an "alias"
        entry) changes no stored row: it is undone on its own, and never blocks or joins a file's undo.
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
                sa.select(i.id).where(i.id > import_id, i.undone_at.is_(None), wrote, i.kind == "file")
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
        data = self.load()
        return export_workbook(data)


def open_store(url: str | os.PathLike | None = None, **kwargs) -> Store:
    """A Store on `url` (default `resolve_url()`); see Store."""
    return Store(url, **kwargs)


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


def _seconds(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _when(value) -> str:
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    return stamp.tz_convert(None).strftime("%d.%m.%Y %H:%M") + " UTC"


# ---------------------------------------------------------------- preparing a file's tables

def _natives(series: pd.Series, iso_dates: bool = False) -> np.ndarray:
    """A column as Python values the drivers bind (int, bool, str, date or ISO date text), None where missing."""
    dtype = series.dtype
    if isinstance(dtype, pd.DatetimeTZDtype) or str(dtype).startswith("datetime64"):
        out = np.full(len(series), None, dtype=object)
        mask = series.notna().to_numpy()
        present = series[mask].dt
        out[mask] = present.strftime("%Y-%m-%d").to_numpy(dtype=object) if iso_dates else present.date.to_numpy()
        return out
    if isinstance(dtype, pd.CategoricalDtype):
        values = series.astype(object).to_numpy()
        out = values.copy()
        out[series.isna().to_numpy()] = None
        return out
    return series.to_numpy(dtype=object, na_value=None)


def _key_of(names: pd.Series) -> pd.Series:
    """Normalised names; a name that normalises to nothing keeps its lower-cased text as its key."""
    text = names.astype(object)
    uniques = pd.unique(text.dropna())
    mapping = {u: normalise_name(u) or str(u).lower() for u in uniques}
    return text.map(mapping).astype(object)


def _event_keys(events: pd.DataFrame) -> pd.Series:
    """The key that says two event rows are the same event.

    Date at its precision (day, month, or the year when there is no date), normalised title, and the
    sorted normalised partners; then `#n` for the n-th repeat of that key in one file, so a file that
    lists the same event twice keeps both and re-importing it adds nothing.
    """
    date = events["date"]
    prec = events["date_precision"].astype(object)
    year = events["year"].astype("Int64").astype("string").fillna("")
    ymd = (date.dt.year * 10000 + date.dt.month * 100 + date.dt.day).astype("Int64").astype("string")
    when = np.where(date.isna() | (prec == "year"), "y" + year,
                    np.where(prec == "month", "m" + ymd.str[:6].fillna(""), "d" + ymd.fillna("")))
    title = events["title"].astype(object)
    title_key = title.map({u: normalise_name(u) for u in pd.unique(title.dropna())}).fillna("")
    partners = events["partners"].astype(object)
    partner_key = partners.map({
        u: "|".join(sorted({normalise_name(p) or p.lower() for p in split_partners(u)}))
        for u in pd.unique(partners.dropna())
    }).fillna("")
    base = pd.Series(when, index=events.index, dtype=object) + _SEP + title_key + _SEP + partner_key
    repeat = base.groupby(base, sort=False).cumcount()
    return base + _SEP + repeat.astype(str)


def _incoming(result) -> _Incoming:
    """The file's frames with keys; partners deduplicated by key (the first row wins)."""
    partners = result.partners[model.PARTNER_COLUMNS].reset_index(drop=True)
    partners = partners.assign(key=_key_of(partners["partner"]))
    partners = partners[partners["partner"].notna()].drop_duplicates("key").reset_index(drop=True)
    events = result.events[model.EVENT_COLUMNS].reset_index(drop=True)
    # A category the reader took from the event's partners is a guess: it may fill an empty category
    # but is no reason to change a stored one (the partners may just be listed in another order).
    guessed = {(p.sheet, p.row) for p in getattr(result, "problems", []) if p.code == "category_from_partner"}
    where = zip(events["sheet"].astype(object), events["row"].astype(object), strict=True)
    events = events.assign(key=_event_keys(events), _guessed=[w in guessed for w in where])
    # The long table gives each event's partners in their written order.
    long = result.event_partners[["event_id", "partner"]]
    long = long[long["partner"].notna()]
    key_by_id = pd.Series(events["key"].to_numpy(), index=events["event_id"].astype("int64").to_numpy())
    links = pd.DataFrame({
        "key": long["event_id"].astype("int64").map(key_by_id).to_numpy(),
        "partner": long["partner"].astype(object).to_numpy(),
    })
    links["partner_key"] = _key_of(links["partner"])
    links = links.dropna(subset=["key"]).drop_duplicates(["key", "partner_key"])
    links["position"] = links.groupby("key", sort=False).cumcount()
    return _Incoming(partners, events, links.reset_index(drop=True))


# ---------------------------------------------------------------- merging

_CELL_COLUMNS = ["table", "row_id", "item", "column", "old", "new", "old_show", "new_show", "kind", "shown"]


def _empty(column: str, values: np.ndarray) -> np.ndarray:
    """Which values count as empty: missing, blank, and the format "unknown"."""
    empty = pd.isna(values)
    if column == "format":
        empty |= values == "unknown"
    return empty


def _as_objects(series: pd.Series) -> np.ndarray:
    return series.to_numpy() if series.dtype == object else _natives(series)


def _diff(table: str, m: pd.DataFrame, columns: list[str], names: pd.Series | None) -> list[pd.DataFrame]:
    """Cells of matched rows whose stored value is empty (fill) or filled and different (change)."""
    out = []
    items = None
    for col in columns:
        new = _as_objects(m[col])
        old = m[col + "_old"].to_numpy(dtype=object)
        old = np.where(pd.isna(old), None, old)
        new_empty, old_empty = _empty(col, new), _empty(col, old)
        approx_col = _COUNT_COLUMNS.get(col)
        if approx_col:
            new_a = _as_objects(m[approx_col]).astype(bool)
            old_a = np.array([bool(v) for v in m[approx_col + "_old"].to_numpy(dtype=object)], dtype=bool)
            differs = np.array([a != b for a, b in zip(new, old, strict=True)], dtype=bool) | (new_a != old_a)
        else:
            differs = np.array([a != b for a, b in zip(new, old, strict=True)], dtype=bool)
        fill = old_empty & ~new_empty
        change = ~old_empty & ~new_empty & differs
        if col == "category" and "_guessed" in m:
            change &= ~m["_guessed"].to_numpy(dtype=bool)
        flagged = fill | change
        if not flagged.any():
            continue
        if items is None:
            items = _items(table, m, names)
        idx = np.flatnonzero(flagged)
        kind = np.where(fill[idx], "fill", "change")
        old_v = old[idx]  # None for fills, except a format that was "unknown"
        if approx_col:
            old_show = [_show_count(v, a) for v, a in zip(old[idx], old_a[idx], strict=True)]
            new_show = [_show_count(v, a) for v, a in zip(new[idx], new_a[idx], strict=True)]
        else:
            old_show = [_show(col, v) for v in old[idx]]
            new_show = [_show(col, v) for v in new[idx]]
        ids = m["id"].to_numpy()[idx]
        base = {"table": table, "row_id": ids, "item": items[idx], "old_show": old_show, "new_show": new_show,
                "kind": kind}
        out.append(pd.DataFrame({**base, "column": col, "old": old_v, "new": new[idx], "shown": True}))
        if approx_col:
            # The approximate flag travels with its count: filled or changed together, undone together.
            out.append(pd.DataFrame({**base, "column": approx_col, "old": old_a[idx], "new": new_a[idx],
                                     "shown": False}))
    return [o[_CELL_COLUMNS] for o in out]


def _items(table: str, m: pd.DataFrame, names: pd.Series | None) -> np.ndarray:
    """How each matched row is named in the preview: the partner's name, or the event's date and title."""
    if table == model.PARTNERS:
        return names.to_numpy(dtype=object)
    out = []
    for date, end, year, prec, title, partners in zip(m["date_old"], m["date_end_old"], m["year_old"],
                                                      m["date_precision_old"], m["title_old"], m["partners_old"],
                                                      strict=True):
        when = _show_date(date, end, year, prec)
        text = f"{when} «{title or ''}»"
        out.append(f"{text} ({partners})" if partners else text)
    return np.array(out, dtype=object)


def _show_date(date, end, year, prec) -> str:
    """A stored date as the preview and the backup write it: «апрель 2020», «II квартал 2022», «14.05.2022–…»."""
    if date is None or pd.isna(date):
        return str(year)
    day = pd.Timestamp(date)
    if prec == "month":
        return f"{_MONTHS_RU[day.month - 1]} {day.year}"
    if prec == "quarter":
        return f"{_QUARTERS[(day.month - 1) // 3]} квартал {day.year}"
    if prec == "year":
        return str(day.year)
    text = day.strftime("%d.%m.%Y")
    if prec == "period" and end is not None and not pd.isna(end):
        text += "–" + pd.Timestamp(end).strftime("%d.%m.%Y")
    return text


def _show(column: str, value) -> str:
    """A stored value as the preview shows it: labels for keys, Russian numbers."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if column == "category":
        return category_label(value, "ru")
    if column == "level":
        return level_label(value, "ru")
    if column == "format":
        return _FORMAT_RU.get(value, "не указана")
    if column == "place":
        return _PLACE_RU.get(value, str(value))
    if column in _INT_COLUMNS:
        return fmt.number(value) if column != "since" else str(int(value))
    return str(value)


def _show_count(value, approx: bool) -> str:
    if value is None or pd.isna(value):
        return ""
    return ("≈" if approx else "") + fmt.number(value)


def _show_frame(cells: pd.DataFrame, source: list[str], names: list[str]) -> pd.DataFrame:
    if not len(cells):
        return pd.DataFrame({n: pd.Series(dtype=object) for n in names})
    frame = cells[source].copy()
    frame.columns = names
    return frame.reset_index(drop=True)


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
    arrays = [_natives(frame[c], iso_dates=sqlite) for c in columns]
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


def _insert_links(conn: sa.Connection, links: pd.DataFrame, import_id: int) -> None:
    """The event–partner rows of the events this import added (their ids are known only now)."""
    if not len(links):
        return
    e = EVENTS_T.c
    ids = dict(conn.execute(sa.select(e.key, e.id).where(e.import_id == import_id)).all())
    frame = links.assign(event_id=links["key"].map(ids))
    _bulk_insert(conn, EVENT_PARTNERS_T, frame, ["event_id", "position", "partner", "partner_key"])


def _encode(column: str, value) -> str | None:
    """A cell value as the text of the changes table (decoded by column with `_decode`)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if column in _BOOL_COLUMNS:
        return "1" if bool(value) else "0"
    if column in _INT_COLUMNS:
        return str(int(value))
    return str(value)


def _decode(column: str, text: str | None):
    if text is None:
        return False if column in _BOOL_COLUMNS else None
    if column in _BOOL_COLUMNS:
        return text == "1"
    if column in _INT_COLUMNS:
        return int(text)
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
    for table, label in ((result.partners, "Партнёры"), (result.events, None)):
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
                    where.append(f"лист «{table['sheet'].iloc[i]}», строка {table['row'].iloc[i]}")
                where.append(f"столбец «{model.RU_HEADINGS.get(column, column)}»")
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


# ---------------------------------------------------------------- export

PARTNERS_SHEET = "Партнёры"
EVENTS_SHEET = "Мероприятия"
EXPORT_EVENT_FIELDS = ["date", "year", *[f for f in model.EVENT_SHEET_FIELDS if f != "date"]]
EXPORT_EVENT_EXTRA = ["date_end", "place"]
# Their headings in the backup (not yet in the reader's vocabulary, so not in model.RU_HEADINGS).
EXTRA_HEADINGS = {"date_end": "Дата окончания", "place": "Где проведено"}


def export_workbook(data: model.Dataset) -> bytes:
    """A Dataset as the xlsx that `read_workbook` reads back into the same tables (see Store.export_xlsx)."""
    partners = data.partners
    part = pd.DataFrame({
        "partner": _natives(partners["partner"]),
        "category": [None if v is None else category_label(v, "ru") for v in _natives(partners["category"])],
        "level": [None if v is None else level_label(v, "ru") for v in _natives(partners["level"])],
        "since": _natives(partners["since"]),
        "library": _natives(partners["library"]),
        "notes": _natives(partners["notes"]),
    }, columns=model.PARTNER_SHEET_FIELDS)
    events = data.events
    n = len(events)
    dates = _natives(events["date"])
    prec = _natives(events["date_precision"])
    date_cells = np.full(n, None, dtype=object)
    # Month and quarter dates as words; a period's start as a date, its end in its own column.
    day = (prec == "day") | (prec == "period")
    date_cells[day] = dates[day]
    words = np.flatnonzero((prec == "month") | (prec == "quarter"))
    date_cells[words] = [_show_date(dates[i], None, None, prec[i]) for i in words]
    ends = _natives(events["date_end"])
    places = _natives(events["place"])
    platform = _natives(events["platform"])
    formats = _natives(events["format"])
    format_cells = np.array([_format_cell(f, p) for f, p in zip(formats, platform, strict=True)], dtype=object)
    cats = _natives(events["category"])
    ev = pd.DataFrame({
        "date": date_cells,
        "year": _natives(events["year"]),
        "title": _natives(events["title"]),
        "partners": _natives(events["partners"]),
        "category": np.array([None if v is None else category_label(v, "ru") for v in cats], dtype=object),
        "format": format_cells,
        "platform": platform,
        "participants": _count_cells(events, "participants"),
        "views": _count_cells(events, "views"),
        "description": _natives(events["description"]),
        "library_benefit": _natives(events["library_benefit"]),
        "society_benefit": _natives(events["society_benefit"]),
        "library": _natives(events["library"]),
        "date_end": ends,
        "place": np.array([None if v is None else _PLACE_RU.get(v, v) for v in places], dtype=object),
    }, columns=[*EXPORT_EVENT_FIELDS, *EXPORT_EVENT_EXTRA])
    # Columns that only some stores fill are written only when they hold something.
    fields = EXPORT_EVENT_FIELDS + [f for f in EXPORT_EVENT_EXTRA if ev[f].notna().any()]
    return write_workbook(
        {PARTNERS_SHEET: part, EVENTS_SHEET: ev[fields]},
        headers={
            PARTNERS_SHEET: [model.RU_HEADINGS[f] for f in model.PARTNER_SHEET_FIELDS],
            EVENTS_SHEET: [model.RU_HEADINGS.get(f) or EXTRA_HEADINGS[f] for f in fields],
        },
    )


def _format_cell(value, platform) -> str | None:
    if value in _FORMAT_RU:
        return _FORMAT_RU[value]
    # A blank format with online platforms reads back as "online": say "unknown" in words instead.
    if platform and parse_format(None, platform)[0] != "unknown":
        return _FORMAT_UNKNOWN_RU
    return None


def _count_cells(events: pd.DataFrame, column: str) -> np.ndarray:
    """Counts as numbers; approximate ones as text `≈350`, which the reader takes as 350, approximate."""
    values = _natives(events[column])
    approx = events[_COUNT_COLUMNS[column]].fillna(False).to_numpy(dtype=bool)
    out = values.copy()
    idx = np.flatnonzero(approx & (values != None))  # noqa: E711
    out[idx] = [f"≈{int(v)}" for v in values[idx]]
    return out
