"""The merge plan of one import, in pandas only: which rows are new, which stored values a file fills or changes.

Nothing here touches a database or writes a word for the user: `plan` takes the stored rows and the
file's frames and returns keys and values; the store writes them and `preview` words them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from partnerlib import model
from partnerlib.values import normalise_name, split_partners

_SEP = "\x1f"  # between the parts of a dedupe key: never in cleaned cell text


@dataclass
class Incoming:
    """A file's tables ready to merge: canonical frames with their dedupe keys."""

    partners: pd.DataFrame  # PARTNER_COLUMNS + key
    events: pd.DataFrame  # EVENT_COLUMNS + key + _guessed (category taken from the partners)


@dataclass
class Plan:
    """The writes one import makes: rows to insert and cells to update (fills and changes)."""

    partners_new: pd.DataFrame
    events_new: pd.DataFrame
    cells: pd.DataFrame  # CELL_COLUMNS
    events_present: int
    partners_present: int
    stored_partners: pd.DataFrame  # what the plan was made against: names the rows in a preview
    stored_events: pd.DataFrame


# ---------------------------------------------------------------- a file's tables with their keys

def name_keys(names: pd.Series) -> pd.Series:
    """Normalised names; a name that normalises to nothing keeps its lower-cased text as its key."""
    text = names.astype(object)
    uniques = pd.unique(text.dropna())
    mapping = {u: normalise_name(u) or str(u).lower() for u in uniques}
    return text.map(mapping).astype(object)


def event_keys(events: pd.DataFrame) -> pd.Series:
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
    title_key = title.map({u: normalise_name(u) for u in pd.unique(title.dropna())}).astype(object).fillna("")
    partners = events["partners"].astype(object)
    partner_key = partners.map({
        u: "|".join(sorted({normalise_name(p) or p.lower() for p in split_partners(u)}))
        for u in pd.unique(partners.dropna())
    }).astype(object).fillna("")  # a column all missing maps to floats, which take no text
    base = pd.Series(when, index=events.index, dtype=object) + _SEP + title_key + _SEP + partner_key
    repeat = base.groupby(base, sort=False).cumcount()
    return base + _SEP + repeat.astype(str)


def incoming(result) -> Incoming:
    """The file's frames with keys; partners deduplicated by key (the first row wins)."""
    partners = result.partners[model.PARTNER_COLUMNS].reset_index(drop=True)
    partners = partners.assign(key=name_keys(partners["partner"]))
    partners = partners[partners["partner"].notna()].drop_duplicates("key").reset_index(drop=True)
    events = result.events[model.EVENT_COLUMNS].reset_index(drop=True)
    # A category the reader took from the event's partners is a guess: it may fill an empty category
    # but is no reason to change a stored one (the partners may just be listed in another order).
    guessed = {(p.sheet, p.row) for p in getattr(result, "problems", []) if p.code == "category_from_partner"}
    where = zip(events["sheet"].astype(object), events["row"].astype(object), strict=True)
    events = events.assign(key=event_keys(events), _guessed=[w in guessed for w in where])
    return Incoming(partners, events)


# ---------------------------------------------------------------- merging

# One row per cell a plan fills or changes. `old_flag` / `new_flag`: a count's approximate flag, for showing it.
CELL_COLUMNS = ["table", "row_id", "column", "old", "new", "old_flag", "new_flag", "kind", "shown"]


def _empty(column: str, values: np.ndarray) -> np.ndarray:
    """Which values count as empty: missing, blank, and the format "unknown"."""
    empty = pd.isna(values)
    if column == "format":
        empty |= values == "unknown"
    return empty


def _as_objects(series: pd.Series) -> np.ndarray:
    return series.to_numpy() if series.dtype == object else model.natives(series)


def _diff(table: str, m: pd.DataFrame, columns: list[str]) -> list[pd.DataFrame]:
    """Cells of matched rows whose stored value is empty (fill) or filled and different (change)."""
    out = []
    for col in columns:
        new = _as_objects(m[col])
        old = m[col + "_old"].to_numpy(dtype=object)
        old = np.where(pd.isna(old), None, old)
        if col in model.DATE_FIELDS:  # SQLite gives ISO text, PostgreSQL and the file dates
            old = np.array([None if v is None else pd.Timestamp(v).date() for v in old], dtype=object)
        new_empty, old_empty = _empty(col, new), _empty(col, old)
        flag_col = model.COUNT_FLAGS.get(col)
        if flag_col:
            new_a = _as_objects(m[flag_col]).astype(bool)
            old_a = np.array([bool(v) for v in m[flag_col + "_old"].to_numpy(dtype=object)], dtype=bool)
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
        idx = np.flatnonzero(flagged)
        kind = np.where(fill[idx], "fill", "change")
        old_v = old[idx]  # None for fills, except a format that was "unknown"
        flags = {"old_flag": old_a[idx], "new_flag": new_a[idx]} if flag_col else {"old_flag": None, "new_flag": None}
        base = {"table": table, "row_id": m["id"].to_numpy()[idx], "kind": kind}
        out.append(pd.DataFrame({**base, "column": col, "old": old_v, "new": new[idx], **flags, "shown": True}))
        if flag_col:
            # The approximate flag travels with its count: filled or changed together, undone together.
            out.append(pd.DataFrame({**base, "column": flag_col, "old": old_a[idx], "new": new_a[idx],
                                     "old_flag": None, "new_flag": None, "shown": False}))
    return [o[CELL_COLUMNS] for o in out]


# What a plan needs of the stored rows: their key, their merge columns, and what names them in a preview.
STORED_PARTNER_COLUMNS = ["id", "key", "partner", *model.merge_columns(model.PARTNERS)]
STORED_EVENT_COLUMNS = ["id", "key", "date", "date_end", "year", "date_precision", "title", "partners",
                        *model.merge_columns(model.EVENTS), *model.COUNT_FLAGS.values()]


def plan(stored_partners: pd.DataFrame, stored_events: pd.DataFrame, file: Incoming) -> Plan:
    """Match a file's rows to the stored ones by key and work out the inserts, fills and changes.

    Args:
        stored_partners, stored_events: the stored rows, columns STORED_PARTNER_COLUMNS /
            STORED_EVENT_COLUMNS, values as the database gives them.
        file: the file's frames with their keys (see `incoming`).

    Returns:
        The rows to add and the cells to fill or change (keys and values, no display text).
    """
    cells: list[pd.DataFrame] = []
    fp = file.partners
    match_p = fp.merge(stored_partners, on="key", how="left", suffixes=("", "_old"), indicator=True)
    known_p = match_p["_merge"] == "both"
    if known_p.any():
        cells += _diff(model.PARTNERS, match_p[known_p], model.merge_columns(model.PARTNERS))
    fe = file.events
    match_e = fe.merge(stored_events, on="key", how="left", suffixes=("", "_old"), indicator=True)
    known_e = match_e["_merge"] == "both"
    if known_e.any():
        cells += _diff(model.EVENTS, match_e[known_e], model.merge_columns(model.EVENTS))
    cells = [c for c in cells if len(c)]
    frame = pd.concat(cells, ignore_index=True) if cells else pd.DataFrame(
        {c: pd.Series(dtype=object) for c in CELL_COLUMNS})
    frame["shown"] = frame["shown"].astype(bool)
    return Plan(fp[~known_p.to_numpy()], fe[~known_e.to_numpy()], frame, int(known_e.sum()), int(known_p.sum()),
                stored_partners, stored_events)
