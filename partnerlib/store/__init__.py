"""The database that keeps every import: partners and events merged across uploads, with history and undo.

The package, by job:
- `schema`: the tables and their named migrations (the schema version kept in the store);
- `merge`: the merge plan of an import, in pandas only (keys and values, no words);
- `preview`: the plan in words, as the director reads it before saving;
- `database`: the `Store` itself (transactions, history, undo, column choices, settings, aliases);
- `upgrade`: the copy of a store kept before its schema is upgraded, and the record of that upgrade;
- `errors`: `StoreError` and its messages.
The backup workbook is `partnerlib.backup`; the database address and secrets are `partnerlib.settings`.
"""

from partnerlib.settings import admin_password, resolve_url
from partnerlib.store.database import (
    ALIAS_COLUMNS,
    HISTORY_COLUMNS,
    HISTORY_EXTRA,
    PG_LOCK_KEY,
    Store,
    open_store,
    upgrades_on_open,
)
from partnerlib.store.errors import STORE_MESSAGES, TRUNCATED_DETAIL, StoreError
from partnerlib.store.preview import ImportPreview
from partnerlib.store.schema import EVENTS_T, METADATA, MIGRATIONS, SCHEMA_VERSION

__all__ = [
    "ALIAS_COLUMNS", "EVENTS_T", "HISTORY_COLUMNS", "HISTORY_EXTRA", "METADATA", "MIGRATIONS", "PG_LOCK_KEY",
    "SCHEMA_VERSION", "STORE_MESSAGES", "TRUNCATED_DETAIL", "ImportPreview", "Store", "StoreError",
    "admin_password", "open_store", "resolve_url", "upgrades_on_open",
]
