"""The branches of a library system side by side: per library and year the partners (active, new), events,
online share, participants and views, with the system's total as its own row.

Each branch's figures are those of `metrics.yearly` on the branch's events alone, so «new» means new to
that branch (judged against the whole history of the data). The total is `metrics.yearly` on all the
events: a partner working with two branches is one active partner of the system, so the total's partners
can be fewer than the branches' sum (`shared_partners` says by how many); events, participants and views
add up. Events that name no library form a row of their own (NO_LIBRARY), so the branches add up to the
total.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from partnerlib import i18n, metrics
from partnerlib.model import Dataset

TOTAL = "_total"  # the system's row
NO_LIBRARY = "_none"  # events whose library is not given
MEASURES = ["active_partners", "new_partners", "events", "online_share", "participants", "views"]
COLUMNS = ["library", "year", *MEASURES, "shared_partners"]
LIBRARY_TOTALS = ["events", "participants", "views"]


def _yearly(ds: Dataset, years: pd.RangeIndex) -> pd.DataFrame:
    table = metrics.yearly(ds).set_index("year").reindex(years)
    out = pd.DataFrame(index=years)
    for name in MEASURES:
        column = table[name] if name in table else pd.Series(np.nan, index=years)
        out[name] = column if name == "online_share" else column.fillna(0).astype("int64")
    return out


def branch_table(ds: Dataset) -> pd.DataFrame:
    """One row per library (its name as in the data; NO_LIBRARY for events without one) and year, then the
    system's TOTAL row for each year; no rows when the data name no library.

    Returns:
        library, year, active_partners, new_partners, events, online_share (%; NaN for a year without
        events), participants, views (never added to participants), shared_partners (TOTAL rows only:
        the branches' active partners counted more than once in their sum; 0 elsewhere).
    """
    names = metrics.libraries(ds)
    known = ds.events["year"].dropna()
    if not names or known.empty:
        return pd.DataFrame(columns=COLUMNS)
    years = pd.RangeIndex(int(known.min()), int(known.max()) + 1, name="year")
    groups = [(name, metrics.filter_dataset(ds, libraries=[name])) for name in names]
    if ds.events["library"].isna().any():
        without = ds.events["library"].isna().to_numpy()
        events = ds.events[without]
        links = ds.event_partners[ds.event_partners["event_id"].isin(events["event_id"])]
        groups.append((NO_LIBRARY, Dataset(ds.partners, events, links, ds.source, ds.label, metrics.data_start(ds))))
    frames = []
    branch_partners = pd.Series(0, index=years, dtype="int64")
    for name, part in groups:
        table = _yearly(part, years)
        branch_partners += table["active_partners"]
        frames.append(table.assign(library=name, shared_partners=0))
    total = _yearly(ds, years)
    total["shared_partners"] = (branch_partners - total["active_partners"]).astype("int64")
    frames.append(total.assign(library=TOTAL))
    out = pd.concat(frames).reset_index()
    return out[COLUMNS].reset_index(drop=True)


def library_totals(ds: Dataset) -> dict[str, dict[str, int]]:
    """Per library named in the data, over all years (`check --json`'s "libraries"): events, participants,
    views. Empty when the data name no library."""
    ev = ds.events[ds.events["library"].notna()]
    if ev.empty:
        return {}
    grouped = ev.groupby(ev["library"].astype(object)).agg(events=("event_id", "size"),
                                                           participants=("participants", "sum"),
                                                           views=("views", "sum"))
    return {str(name): {k: int(row[k]) for k in LIBRARY_TOTALS} for name, row in grouped.iterrows()}


def several(table: pd.DataFrame) -> bool:
    """True when a `branch_table` compares two libraries or more (named in the data)."""
    names = set(table["library"]) - {TOTAL, NO_LIBRARY}
    return len(names) > 1


def library_label(name: str, lang: str = "ru") -> str:
    """A row's library as people read it: the name as in the data, the system's total, or «не указана»."""
    if name == TOTAL:
        return i18n.t("branches_total", lang)
    if name == NO_LIBRARY:
        return i18n.t("branches_none", lang)
    return str(name)


def labelled(table: pd.DataFrame, lang: str = "ru") -> pd.DataFrame:
    """A `branch_table` (or part of one) for people: the libraries' labels, year and the measures."""
    out = table[["library", "year", *MEASURES]].reset_index(drop=True)
    out["library"] = [library_label(n, lang) for n in table["library"]]
    return out


def year_rows(table: pd.DataFrame, year: int, lang: str = "ru") -> pd.DataFrame:
    """The rows of one year of a `branch_table`, the branches then the total, with the libraries' labels.

    Returns:
        library (label), active_partners, new_partners, events, online_share, participants, views.
    """
    return labelled(table[table["year"] == int(year)], lang).drop(columns="year")


def shared(table: pd.DataFrame, year: int) -> int:
    """By how many the branches' active partners of `year` exceed the system's (partners counted twice)."""
    rows = table[(table["library"] == TOTAL) & (table["year"] == int(year))]
    return int(rows["shared_partners"].iloc[0]) if len(rows) else 0


def find(ds: Dataset, name: str) -> str | None:
    """The library of the data that `name` names (case and spaces aside), or None."""
    wanted = " ".join(str(name).split()).casefold()
    return next((n for n in metrics.libraries(ds) if " ".join(n.split()).casefold() == wanted), None)


def one_library(ds: Dataset, name: str) -> Dataset:
    """The data of one library of the system: its events, and the register's partners of it or of none."""
    return metrics.filter_dataset(ds, libraries=[name])


def heading(library: str | None, name: str) -> str:
    """The head of a file made for one library: the system's name (and city) when set, then the library's."""
    return f"{library} — {name}" if library and library.strip() else name
