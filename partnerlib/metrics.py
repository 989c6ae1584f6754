"""The figures the dashboard and the exports show, computed from a Dataset with pandas alone.

Every function takes a `Dataset` (already filtered by category, format and library with
`filter_dataset`) and returns a new DataFrame or dict; none changes its input. Year ranges are applied
to the *output* (`years=`), not to the input, so that "new partner" and "no longer active" are judged
against the whole history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from partnerlib import model
from partnerlib.model import FORMATS, Dataset
from partnerlib.values import normalise_name

NO_CATEGORY = model.NO_CATEGORY  # events whose category is unknown
KPI_NAMES = model.KPI_NAMES
PARTNER_COUNTS = ["active_partners", "new_partners", "continuing_partners", "unknown_partners", "lost_partners"]


# ---------------------------------------------------------------- filtering

def filter_dataset(
    ds: Dataset,
    categories: Iterable[str] | None = None,
    formats: Iterable[str] | None = None,
    libraries: Iterable[str] | None = None,
    years: tuple[int, int] | None = None,
) -> Dataset:
    """The events (and their partner links) of the chosen categories, formats, libraries and years.

    None means "all". The category rule, the same for every figure: an event belongs to a category when
    one of its partners belongs to it (the event's own category cell stands in for a partner with none,
    and for an event that names no partner). Filtered by category, an event keeps only its partners of
    the chosen categories, and its category becomes one of them (`event_category`), so a partner chart
    and an events chart count the same events. Partners of the register are kept when their category
    (or, with none, their events) and library are chosen.
    """
    ev = ds.events
    links = ds.event_partners
    mask = pd.Series(True, index=ev.index)
    if categories is not None:
        cats = set(categories)
        links = links[links["category"].astype(object).fillna(NO_CATEGORY).isin(cats).to_numpy()]
        linkless = ~ev["event_id"].isin(ds.event_partners["event_id"])
        own = ev["category"].astype(object).fillna(NO_CATEGORY).isin(cats)
        mask &= ev["event_id"].isin(links["event_id"]) | (linkless & own)
    if formats is not None:
        mask &= ev["format"].astype(object).isin(set(formats))
    if libraries is not None:
        mask &= ev["library"].astype(object).isin(set(libraries))
    if years is not None:
        mask &= ev["year"].between(years[0], years[1]).fillna(False).astype(bool)
    events = ev[mask.to_numpy()]
    links = links[links["event_id"].isin(events["event_id"])]
    partners = ds.partners
    if categories is not None:
        events = events.assign(category=_as_category(event_category(events, links), ev["category"]))
        keys = set(_keys(links["partner"].dropna()))
        chosen = partners["category"].astype(object).fillna(NO_CATEGORY).isin(cats)
        unsorted = partners["category"].isna() & _keys(partners["partner"]).isin(keys)
        partners = partners[(chosen | unsorted).to_numpy()]
    if libraries is not None and partners["library"].notna().any():
        partners = partners[partners["library"].astype(object).isin(set(libraries)) | partners["library"].isna()]
    return Dataset(partners, events, links, ds.source, ds.label, data_start(ds))


def event_category(events: pd.DataFrame, links: pd.DataFrame) -> pd.Series:
    """One category per event (aligned with `events`), by the category rule: the event's own category
    when one of its partners is of it (or it names no partner), else its first partner's category.
    NO_CATEGORY where none is known. Figures that split events by category count each event once, here."""
    own = events["category"].astype(object).fillna(NO_CATEGORY)
    if links.empty or events.empty:
        return own
    link_cat = links["category"].astype(object).fillna(NO_CATEGORY)
    pairs = pd.MultiIndex.from_arrays([links["event_id"].to_numpy(), link_cat.to_numpy()])
    has_own = pd.MultiIndex.from_arrays([events["event_id"].to_numpy(), own.to_numpy()]).isin(pairs)
    first = link_cat.groupby(links["event_id"].to_numpy()).first()
    first_for = events["event_id"].map(first)
    return own.where(has_own | first_for.isna(), first_for)


def event_categories(ds: Dataset) -> pd.Series:
    """`event_category` of the dataset's events."""
    return event_category(ds.events, ds.event_partners)


def _as_category(values: pd.Series, like: pd.Series) -> pd.Series:
    """Category keys back in the events' categorical column (NO_CATEGORY as empty)."""
    known = list(like.cat.categories) if isinstance(like.dtype, pd.CategoricalDtype) else []
    extra = sorted(set(values.dropna()) - set(known) - {NO_CATEGORY})
    return pd.Series(pd.Categorical(values.where(values != NO_CATEGORY), categories=known + extra),
                     index=values.index)


def event_count(ds: Dataset, years_range: tuple[int, int] | None = None) -> int:
    """The number of events, in the chosen years."""
    return len(_restrict(ds.events, years_range))


def years(ds: Dataset) -> list[int]:
    """The years that have events, in order."""
    return sorted(int(y) for y in ds.events["year"].dropna().unique())


def categories(ds: Dataset) -> list[str]:
    """Category keys the events belong to (by the category rule) and the register holds, the default
    taxonomy's order first, NO_CATEGORY last when some event belongs to none."""
    from partnerlib.categories import category_order

    linkless = ~ds.events["event_id"].isin(ds.event_partners["event_id"])
    belongs = pd.concat([ds.event_partners["category"].astype(object).fillna(NO_CATEGORY),
                         ds.events.loc[linkless, "category"].astype(object).fillna(NO_CATEGORY)])
    present = {str(c) for c in belongs.unique()}
    present |= {str(c) for c in ds.partners["category"].dropna().unique()}
    return category_order(present)


def libraries(ds: Dataset) -> list[str]:
    """The libraries (branches) named in the events."""
    return sorted(str(x) for x in ds.events["library"].dropna().unique())


def _restrict(frame: pd.DataFrame, years_range: tuple[int, int] | None, column: str = "year") -> pd.DataFrame:
    if years_range is None or frame.empty:
        return frame
    values = frame.index if column == "index" else frame[column]
    keep = (values >= years_range[0]) & (values <= years_range[1])
    return frame[np.asarray(keep, dtype=bool)]


# ---------------------------------------------------------------- partners

def _keys(names: pd.Series) -> pd.Series:
    """Each name's partner key (`normalise_name`), folded once per distinct name."""
    uniques = pd.unique(names.dropna())
    return names.map({u: normalise_name(u) for u in uniques})


def partner_links(ds: Dataset) -> pd.DataFrame:
    """The event–partner table with each event's year, format and counts, and a normalised partner key."""
    links = ds.event_partners
    ev = ds.events[["event_id", "year", "format", "participants", "views"]]
    out = links.merge(ev, on="event_id", how="inner")
    uniques = pd.unique(out["partner"].dropna())
    out["key"] = out["partner"].map({u: normalise_name(u) for u in uniques})
    out["category"] = out["category"].astype(object).fillna(NO_CATEGORY)
    return out


def partner_years(ds: Dataset) -> pd.DataFrame:
    """One row per partner and year with events: key, partner (first spelling), category, year, events."""
    links = partner_links(ds)
    if links.empty:
        return pd.DataFrame(columns=["key", "partner", "category", "year", "events"])
    names = links.drop_duplicates("key").set_index("key")
    grouped = links.groupby(["key", "year"], observed=True).agg(events=("event_id", "nunique")).reset_index()
    grouped["partner"] = grouped["key"].map(names["partner"])
    grouped["category"] = grouped["key"].map(names["category"])
    grouped["year"] = grouped["year"].astype(int)
    return grouped[["key", "partner", "category", "year", "events"]]


def partners_by_category(ds: Dataset, years_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """Active partners per year and category: year, category, partners, share (% of the year's partners)."""
    py = partner_years(ds)
    if py.empty:
        return pd.DataFrame(columns=["year", "category", "partners", "share"])
    out = py.groupby(["year", "category"]).agg(partners=("key", "nunique")).reset_index()
    out["share"] = 100 * out["partners"] / out.groupby("year")["partners"].transform("sum")
    return _restrict(out, years_range).reset_index(drop=True)


# The status of an active partner in a year, and of one that was active the year before and is not.
STATUSES = ("new", "continuing", "unknown", "lost")


def data_start(ds: Dataset) -> int | None:
    """The first year of the data: of the whole history, even when `ds` is filtered (`filter_dataset`
    keeps it), so that a partner first seen later under a filter is judged against years that have data."""
    if ds.data_start is not None:
        return int(ds.data_start)
    found = ds.events["year"].dropna()
    return int(found.min()) if len(found) else None


def since_by_key(ds: Dataset) -> pd.Series:
    """The register's «С какого года» by partner key (the earliest when a partner is listed twice)."""
    reg = ds.partners[ds.partners["since"].notna()]
    if reg.empty:
        return pd.Series(dtype="float64")
    return reg.assign(key=_keys(reg["partner"])).groupby("key")["since"].min().astype("float64")


def partner_status(ds: Dataset) -> pd.DataFrame:
    """Every partner's status in every year it was active, or lost, the one definition every figure uses.

    In year Y a partner with events is
    - **new** when Y is its first year of joint events in the data and the register's «С какого года» is
      empty or not before Y;
    - **continuing** when it had events in an earlier year, or the register dates it earlier;
    - **unknown** when Y is the first year of the data and the register gives no year: there is nothing
      to compare with (it is never counted as new);
    and a partner is **lost** (no longer active) in Y when it had events in Y−1 and none in Y.

    Returns:
        key, partner, category, year, status (one of STATUSES), events (0 for lost).
    """
    cols = ["key", "partner", "category", "year", "status", "events"]
    py = partner_years(ds)
    if py.empty:
        return pd.DataFrame(columns=cols)
    start = data_start(ds)
    since = py["key"].map(since_by_key(ds))
    first = py.groupby("key")["year"].transform("min")
    continuing = (first < py["year"]) | (since < py["year"])
    unknown = ~continuing & (py["year"] == start) & since.isna()
    active = py.assign(status=np.select([continuing, unknown], ["continuing", "unknown"], "new"))
    later = py.assign(year=py["year"] + 1, events=0, status="lost")
    seen = pd.MultiIndex.from_frame(py[["key", "year"]])
    lost = later[~pd.MultiIndex.from_frame(later[["key", "year"]]).isin(seen)
                 & (later["year"] <= int(py["year"].max()))]
    out = pd.concat([active, lost], ignore_index=True)
    return out.sort_values(["year", "status", "partner"]).reset_index(drop=True)[cols]


def partner_counts(ds: Dataset, years_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """Per year (every year from the first to the last with events): active_partners, new_partners,
    continuing_partners, unknown_partners (first year of the data, no «С какого года») and lost_partners,
    from `partner_status`."""
    cols = ["year", "active_partners", "new_partners", "continuing_partners", "unknown_partners",
            "lost_partners"]
    status = partner_status(ds)
    if status.empty:
        return pd.DataFrame(columns=cols)
    all_years = pd.RangeIndex(int(status["year"].min()), int(status["year"].max()) + 1, name="year")
    table = pd.crosstab(status["year"], status["status"]).reindex(index=all_years, columns=list(STATUSES),
                                                                  fill_value=0)
    out = pd.DataFrame({"year": all_years, "new_partners": table["new"].to_numpy(),
                        "continuing_partners": table["continuing"].to_numpy(),
                        "unknown_partners": table["unknown"].to_numpy(), "lost_partners": table["lost"].to_numpy()})
    out["active_partners"] = out["new_partners"] + out["continuing_partners"] + out["unknown_partners"]
    return _restrict(out[cols], years_range).reset_index(drop=True)


def partner_flow(ds: Dataset, years_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """Per year: active, new, continuing, unknown (nothing to compare with) and lapsed (lost) partners,
    as `partner_counts` (judged on the whole history) under the chart's short names."""
    counts = partner_counts(ds, years_range)
    return counts.rename(columns={"active_partners": "active", "new_partners": "new",
                                  "continuing_partners": "continuing", "unknown_partners": "unknown",
                                  "lost_partners": "lapsed"})[["year", "active", "new", "continuing", "unknown",
                                                               "lapsed"]]


def new_partners(ds: Dataset, year: int) -> pd.DataFrame:
    """The partners new in `year` (`partner_status`): partner, category, events that year."""
    status = partner_status(ds)
    out = status[(status["year"] == year) & (status["status"] == "new")]
    return out.sort_values(["category", "partner"])[["partner", "category", "events"]].reset_index(drop=True)


def top_partners(ds: Dataset, by: str = "events", n: int = 10, year: int | None = None,
                 years_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """The partners with the most events (or participants, or views): partner, category, events, participants, views."""
    links = _restrict(partner_links(ds), years_range)
    if year is not None:
        links = links[links["year"] == year]
    if links.empty:
        return pd.DataFrame(columns=["partner", "category", "events", "participants", "views"])
    names = links.drop_duplicates("key").set_index("key")
    agg = links.groupby("key").agg(events=("event_id", "nunique"), participants=("participants", "sum"),
                                   views=("views", "sum"))
    agg["partner"] = names["partner"]
    agg["category"] = names["category"]
    agg = agg.sort_values([by, "events", "partner"], ascending=[False, False, True]).head(n)
    return agg.reset_index(drop=True)[["partner", "category", "events", "participants", "views"]]


def category_tree(ds: Dataset, year: int | None = None, years_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """Category → partner → number of events, for a treemap or sunburst."""
    links = _restrict(partner_links(ds), years_range)
    if year is not None:
        links = links[links["year"] == year]
    if links.empty:
        return pd.DataFrame(columns=["category", "partner", "events"])
    names = links.drop_duplicates("key").set_index("key")
    out = links.groupby("key").agg(events=("event_id", "nunique"))
    out["partner"] = names["partner"]
    out["category"] = names["category"]
    return out.sort_values(["category", "events"], ascending=[True, False]).reset_index(drop=True)[
        ["category", "partner", "events"]]


# The register's agreement columns of the Partners page's table (none of them personal data).
AGREEMENT_COLUMNS = ["agreement_kind", "agreement_number", "agreement_signed", "agreement_until"]


def partner_table(ds: Dataset, search: str = "") -> pd.DataFrame:
    """The register with activity: partner, category, level, since, first/last year, events, participants, views,
    and the agreement: its kind (a key of model.AGREEMENT_KINDS), number, the day signed and the last day.

    `search` keeps the partners whose name contains it (case-insensitive).
    """
    reg = ds.partners.copy()
    reg["key"] = _keys(reg["partner"])
    links = partner_links(ds)
    act = links.groupby("key").agg(first_year=("year", "min"), last_year=("year", "max"),
                                   events=("event_id", "nunique"), participants=("participants", "sum"),
                                   views=("views", "sum"), _name=("partner", "first"), _cat=("category", "first"))
    merged = reg.merge(act, left_on="key", right_index=True, how="outer")
    merged["partner"] = merged["partner"].fillna(merged["_name"])
    merged["category"] = merged["category"].astype(object).fillna(merged["_cat"])
    merged["events"] = merged["events"].fillna(0).astype(int)
    cols = ["partner", "category", "level", "since", "first_year", "last_year", "events", "participants", "views",
            *AGREEMENT_COLUMNS]
    out = merged[cols].sort_values(["events", "partner"], ascending=[False, True]).reset_index(drop=True)
    if search.strip():
        out = out[out["partner"].str.contains(search.strip(), case=False, regex=False, na=False)]
    for c in ("first_year", "last_year", "participants", "views"):
        out[c] = out[c].astype("Int64")
    return out


# ---------------------------------------------------------------- events and formats

def yearly(ds: Dataset, years_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """One row per year: events, the partner counts of `partner_counts` (active, new, continuing, unknown,
    lost), online/offline/hybrid counts, online share, participants, views (kept apart, never added), and
    events with an approximate count."""
    ev = ds.events[ds.events["year"].notna()]
    cols = ["year", "events", *PARTNER_COUNTS, *FORMATS, "online_share", "participants", "views", "approx"]
    if ev.empty:
        return pd.DataFrame(columns=cols)
    all_years = pd.RangeIndex(int(ev["year"].min()), int(ev["year"].max()) + 1, name="year")
    g = ev.groupby("year")
    out = pd.DataFrame(index=all_years)
    out["events"] = g.size().reindex(all_years, fill_value=0)
    fmt = pd.crosstab(ev["year"], ev["format"].astype(object)).reindex(index=all_years, columns=FORMATS,
                                                                        fill_value=0)
    out[FORMATS] = fmt.to_numpy()
    out["online_share"] = np.where(out["events"] > 0, 100 * out["online"] / out["events"].clip(lower=1), np.nan)
    out["participants"] = g["participants"].sum().reindex(all_years, fill_value=0).astype("int64")
    out["views"] = g["views"].sum().reindex(all_years, fill_value=0).astype("int64")
    out["approx"] = (g["participants_approx"].sum() + g["views_approx"].sum()).reindex(all_years, fill_value=0)
    counts = partner_counts(ds).set_index("year")
    for name in PARTNER_COUNTS:
        out[name] = counts[name].reindex(all_years, fill_value=0) if len(counts) else 0
    out = out.reset_index()[cols]
    return _restrict(out, years_range).reset_index(drop=True)


def kpis(ds: Dataset, year: int) -> dict[str, dict]:
    """The key figures of `year` with the previous year's and the change in per cent.

    Returns:
        {name: {"value": v, "previous": p or None, "change_pct": c or None}} for KPI_NAMES;
        online_share's change is in percentage points (`change_pp`).
    """
    return kpis_from(yearly(ds), year)


def in_years(frame: pd.DataFrame, years_range: tuple[int, int] | None) -> pd.DataFrame:
    """The rows of a per-year table (a `year` column) within the range; None keeps all."""
    return _restrict(frame, years_range).reset_index(drop=True)


def kpis_from(yearly_table: pd.DataFrame, year: int) -> dict[str, dict]:
    """`kpis` from a table `yearly` already made (over all years), without computing it again."""
    table = yearly_table.set_index("year")
    result = {}
    for name in KPI_NAMES:
        points = model.MEASURE[name].change == "points"  # a share: its change in percentage points
        value = table[name].get(year, np.nan if points else 0)
        prev = table[name].get(year - 1) if (year - 1) in table.index else None
        entry = {"value": _plain(value), "previous": _plain(prev), "change_pct": None}
        if points:
            if prev is not None and not pd.isna(prev) and not pd.isna(value):
                entry["change_pp"] = float(value - prev)
        elif prev is not None and prev and not pd.isna(prev):
            entry["change_pct"] = float(100 * (value - prev) / prev)
        if name == "new_partners":
            # Partners with nothing to compare with (the data's first year, no «С какого года») are not
            # new: the card says so, and a count with them is no base for a change.
            entry["unknown"] = int(table["unknown_partners"].get(year, 0))
            if prev is not None and int(table["unknown_partners"].get(year - 1, 0)):
                entry["change_pct"] = None
        result[name] = entry
    return result


def new_partners_unknown(entry: dict) -> bool:
    """True when the new-partners figure of a `kpis` entry cannot be told: no partner is known to be new
    and some have nothing to compare with («нет данных за прошлый год»)."""
    return bool(entry.get("unknown")) and not entry["value"]


BY_YEAR_FIELDS = ["active_partners", "new_partners", "continuing_partners", "unknown_partners", "lost_partners",
                  "events", "participants", "views", "online_share"]


def by_year(ds: Dataset) -> dict[str, dict]:
    """The figures of every year as plain values (`check --json`): {"2020": {active_partners, new_partners,
    continuing_partners, unknown_partners, lost_partners, events, participants, views, online_share}},
    from `yearly`, as the dashboard shows them; online_share in per cent (None for a year without events)."""
    table = yearly(ds)
    out = {}
    for row in table.to_dict("records"):
        entry = {name: _plain(row[name]) for name in BY_YEAR_FIELDS}
        if entry["online_share"] is not None:
            entry["online_share"] = round(float(entry["online_share"]), 2)
        out[str(int(row["year"]))] = entry
    return out


def _plain(v):
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    return v.item() if hasattr(v, "item") else v


def formats_by_year(ds: Dataset, years_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """Events per year and format (long form): year, format, events, share (% of the year's events)."""
    ev = ds.events[ds.events["year"].notna()]
    if ev.empty:
        return pd.DataFrame(columns=["year", "format", "events", "share"])
    all_years = pd.RangeIndex(int(ev["year"].min()), int(ev["year"].max()) + 1, name="year")
    table = pd.crosstab(ev["year"].astype(int), ev["format"].astype(object))
    table = table.reindex(index=all_years, columns=FORMATS, fill_value=0)
    long = table.stack().rename("events").reset_index()
    long.columns = ["year", "format", "events"]
    totals = long.groupby("year")["events"].transform("sum")
    long["share"] = np.where(totals > 0, 100 * long["events"] / totals.clip(lower=1), 0.0)
    return _restrict(long, years_range).reset_index(drop=True)


def platforms(ds: Dataset, year: int | None = None, years_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """Events per platform (a cell naming several counts for each): platform, events; most used first."""
    ev = ds.events if year is None else ds.events[ds.events["year"] == year]
    ev = _restrict(ev, years_range)
    cells = ev["platform"].dropna().astype(str)
    if cells.empty:
        return pd.DataFrame(columns=["platform", "events"])
    split = cells.str.split(", ").explode()
    out = split.value_counts().rename_axis("platform").reset_index(name="events")
    return out.sort_values(["events", "platform"], ascending=[False, True]).reset_index(drop=True)


def platforms_by_year(ds: Dataset, top: int = 8, years_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """Events per year for the `top` platforms, the rest as "other": year, platform, events."""
    ev = _restrict(ds.events, years_range)
    cells = ev[["year", "platform"]].dropna()
    if cells.empty:
        return pd.DataFrame(columns=["year", "platform", "events"])
    cells = cells.assign(platform=cells["platform"].astype(str).str.split(", ")).explode("platform")
    leaders = cells["platform"].value_counts().head(top).index
    cells["platform"] = cells["platform"].where(cells["platform"].isin(leaders), "_other")
    out = cells.groupby(["year", "platform"]).size().rename("events").reset_index()
    out["year"] = out["year"].astype(int)
    return out


def events_by_month(ds: Dataset, years_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """Events per year (rows) and month 1–12 (columns); events with only a year are left out."""
    ev = _restrict(ds.events, years_range)
    dated = ev[ev["date"].notna()]
    if dated.empty:
        return pd.DataFrame(columns=list(range(1, 13)))
    table = pd.crosstab(dated["year"].astype(int), dated["date"].dt.month)
    table = table.reindex(columns=range(1, 13), fill_value=0)
    table.columns = list(range(1, 13))
    table.index.name = "year"
    return table


# ---------------------------------------------------------------- reach and views

def reach_by_year(ds: Dataset, years_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """Participants and views per year, side by side (never added), the year's events, and the change year
    on year in per cent (empty after a year with none)."""
    table = yearly(ds)[["year", "participants", "views", "events"]]
    if table.empty:
        return pd.DataFrame(columns=["year", "participants", "views", "events", "participants_change",
                                     "views_change"])
    for col in ("participants", "views"):
        prev = table[col].shift(1)
        table[col + "_change"] = np.where(prev > 0, 100 * (table[col] - prev) / prev.where(prev > 0), np.nan)
    return _restrict(table, years_range).reset_index(drop=True)


def reach_by(ds: Dataset, by: str, years_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """Participants and views per year split by `category` or `format`: year, <by>, participants, views."""
    ev = _restrict(ds.events, years_range)
    if ev.empty:
        return pd.DataFrame(columns=["year", by, "participants", "views"])
    by_category = by == "category"
    key = event_category(ev, ds.event_partners) if by_category else ev[by].astype(object).fillna("unknown")
    out = ev.assign(**{by: key}).groupby(["year", by]).agg(participants=("participants", "sum"),
                                                            views=("views", "sum")).reset_index()
    out["year"] = out["year"].astype(int)
    return out


def top_events(ds: Dataset, by: str = "participants", n: int = 10, year: int | None = None,
               years_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """The events with the most participants (or views): date, year, title, partners, category, format,
    participants, views."""
    ev = _restrict(ds.events if year is None else ds.events[ds.events["year"] == year], years_range)
    ev = ev[ev[by].notna()]
    cols = ["date", "year", "title", "partners", "category", "format", "participants", "views"]
    return ev.sort_values([by, "event_id"], ascending=[False, True]).head(n)[cols].reset_index(drop=True)


def reach(events: pd.DataFrame) -> pd.Series:
    """An event's reach for ranking: the larger of its participants and views (never their sum)."""
    return pd.concat([events["participants"], events["views"]], axis=1).max(axis=1).fillna(0)


def examples(ds: Dataset, year: int | None = None, chosen: dict[str, int] | None = None) -> pd.DataFrame:
    """One most significant example per category: by default the event with the largest reach among
    those whose texts (description, benefit for the library, benefit for society) are most filled in —
    Table 15 of the annual report needs the texts.

    Args:
        year: only events of this year (None: all).
        chosen: category -> event_id to use instead of the default choice.

    Returns:
        One row per category (taxonomy order): category, event_id, date, year, title, partners, format,
        platform, participants, views, description, library_benefit, society_benefit.
    """
    ev = ds.events if year is None else ds.events[ds.events["year"] == year]
    cols = ["category", "event_id", "date", "year", "title", "partners", "format", "platform", "participants",
            "views", "description", "library_benefit", "society_benefit"]
    if ev.empty:
        return pd.DataFrame(columns=cols)
    ranked = _by_significance(ev.assign(category=event_category(ev, ds.event_partners)))
    best = ranked.drop_duplicates("category").set_index("category")
    if chosen:
        by_id = ev.set_index("event_id")
        for cat, event_id in chosen.items():
            if event_id in by_id.index:
                row = by_id.loc[event_id]
                best.loc[cat] = row.drop(labels=["category"]).reindex(best.columns)
                best.loc[cat, "event_id"] = event_id
    order = [c for c in categories(ds) if c in best.index]
    out = best.loc[order].reset_index()
    out["event_id"] = out["event_id"].astype("Int64")
    return out[cols]


def _by_significance(events: pd.DataFrame) -> pd.DataFrame:
    """Events ordered as candidates for an example: most texts filled in, then largest reach (with
    helper columns _text and _reach)."""
    texts = events[["description", "library_benefit", "society_benefit"]].notna().sum(axis=1)
    ranked = events.assign(_reach=reach(events), _text=texts)
    return ranked.sort_values(["_text", "_reach", "event_id"], ascending=[False, False, True])


def candidates(ds: Dataset, category: str, year: int | None = None, n: int = 20) -> pd.DataFrame:
    """The events of one category in the order `examples` ranks them (the default first): the choices
    for its example."""
    ev = ds.events if year is None else ds.events[ds.events["year"] == year]
    ev = ev[(event_category(ev, ds.event_partners) == category).to_numpy()]
    return _by_significance(ev).head(n).drop(columns=["_reach", "_text"]).reset_index(drop=True)


def share_by_category(ds: Dataset, year: int | None = None) -> pd.DataFrame:
    """Events per category (an event counts once per category): category, events, share %."""
    ev = ds.events if year is None else ds.events[ds.events["year"] == year]
    if ev.empty:
        return pd.DataFrame(columns=["category", "events", "share"])
    counts = event_category(ev, ds.event_partners).value_counts()
    out = counts.rename_axis("category").reset_index(name="events")
    out["share"] = 100 * out["events"] / out["events"].sum()
    return out


def events_table(ds: Dataset, search: str = "", columns: Sequence[str] | None = None,
                 years_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """The events for display, filtered by a search text over title, partners, platform and description."""
    ev = _restrict(ds.events, years_range)
    if search.strip():
        needle = search.strip().lower()
        hay = (ev["title"].fillna("") + " " + ev["partners"].fillna("") + " " + ev["platform"].astype(str)
               + " " + ev["description"].fillna("")).str.lower()
        ev = ev[hay.str.contains(needle, regex=False).fillna(False).to_numpy()]
    cols = list(columns or ["date", "year", "title", "partners", "category", "format", "platform",
                            "participants", "views"])
    return ev.sort_values(["year", "date", "event_id"], na_position="first")[cols].reset_index(drop=True)


# ---------------------------------------------------------------- one partner

# A partner's standing in a year of the data: the four of `partner_status`, or no events (after its first).
PARTNER_YEAR_STATUSES = ("new", "continuing", "unknown", "lost", "missing")


def partner_choices(ds: Dataset, aliases: tuple[tuple[str, str], ...] = ()) -> pd.DataFrame:
    """Every partner of the register and of the events, one row per partner key: key, partner (the
    register's spelling, else the first seen), names (every other spelling, and the confirmed aliases
    (alias, partner kept) read as it, joined by « / »), events. Sorted by name; the label
    `partner (names)` lets a search find a partner by any of its names."""
    reg = ds.partners["partner"].dropna().astype(str)
    named = pd.concat([reg, ds.event_partners["partner"].dropna().astype(str)], ignore_index=True)
    if named.empty:
        return pd.DataFrame(columns=["key", "partner", "names", "events"])
    frame = pd.DataFrame({"partner": named})
    frame["key"] = _keys(frame["partner"])
    present = set(frame["key"])
    extra = [(normalise_name(kept), alias) for alias, kept in aliases if normalise_name(kept) in present]
    if extra:
        frame = pd.concat([frame, pd.DataFrame(extra, columns=["key", "partner"])], ignore_index=True)
    links = ds.event_partners.assign(key=_keys(ds.event_partners["partner"]))
    counts = links.groupby("key")["event_id"].nunique()
    rows = []
    for key, group in frame.groupby("key", sort=False):
        spellings = list(dict.fromkeys(group["partner"]))
        rows.append({"key": key, "partner": spellings[0], "names": " / ".join(spellings[1:]),
                     "events": int(counts.get(key, 0))})
    out = pd.DataFrame(rows)
    return out.sort_values(["partner"], key=lambda s: s.str.lower()).reset_index(drop=True)


def partner_dataset(ds: Dataset, key: str) -> Dataset:
    """The events of one partner (by its normalised name), with all their partner links."""
    links = ds.event_partners
    mine = _keys(links["partner"]) == key
    ids = set(links.loc[mine.to_numpy(), "event_id"])
    events = ds.events[ds.events["event_id"].isin(ids)]
    partners = ds.partners[(_keys(ds.partners["partner"]) == key).to_numpy()]
    return Dataset(partners, events, links[links["event_id"].isin(ids)], ds.source, ds.label, data_start(ds))


def partner_profile(ds: Dataset, key: str) -> dict:
    """What the register and the events say of one partner: partner, names (other spellings), categories
    (keys, by the category rule), level, since, first_year, last_year, events, participants, views."""
    links = ds.event_partners[(_keys(ds.event_partners["partner"]) == key).to_numpy()]
    events = ds.events[ds.events["event_id"].isin(links["event_id"])]
    reg = ds.partners[(_keys(ds.partners["partner"]) == key).to_numpy()]
    spellings = list(dict.fromkeys([*reg["partner"].dropna().astype(str), *pd.unique(links["partner"].dropna())]))
    cats = list(dict.fromkeys([*reg["category"].dropna().astype(str),
                               *links["category"].astype(object).fillna(NO_CATEGORY).astype(str)]))
    since = reg["since"].dropna()
    level = reg["level"].dropna()
    found = events["year"].dropna()
    return {
        "partner": spellings[0] if spellings else key,
        "names": " / ".join(spellings[1:]),
        "categories": cats,
        "level": str(level.iloc[0]) if len(level) else None,
        "since": int(since.min()) if len(since) else None,
        "first_year": int(found.min()) if len(found) else None,
        "last_year": int(found.max()) if len(found) else None,
        "events": len(events),
        "participants": int(events["participants"].sum()),
        "views": int(events["views"].sum()),
    }


def partner_by_year(ds: Dataset, key: str, years_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """One partner's years, every year of the data from its first: year, status (PARTNER_YEAR_STATUSES,
    by `partner_status`), events, online, offline, hybrid, unknown (formats), participants, views."""
    cols = ["year", "status", "events", *FORMATS, "participants", "views"]
    own = yearly(partner_dataset(ds, key))
    status = partner_status(ds)
    status = status[status["key"] == key].set_index("year")["status"]
    found = ds.events["year"].dropna()
    if own.empty or own["events"].sum() == 0 or found.empty:
        return pd.DataFrame(columns=cols)
    first = int(own.loc[own["events"] > 0, "year"].min())
    span = pd.RangeIndex(first, int(found.max()) + 1, name="year")
    out = own.set_index("year").reindex(span, fill_value=0)
    out["status"] = [status.get(y, "missing") for y in span]
    out = out.reset_index()[cols]
    for c in ["events", *FORMATS, "participants", "views"]:
        out[c] = out[c].astype("int64")
    return _restrict(out, years_range).reset_index(drop=True)


def partner_events(ds: Dataset, key: str, years_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """One partner's events with their descriptions and benefits, in date order."""
    return events_table(partner_dataset(ds, key), columns=[
        "date", "year", "title", "partners", "format", "platform", "participants", "views", "description",
        "library_benefit", "society_benefit"], years_range=years_range)


def partner_formats(ds: Dataset, key: str, years_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """One partner's events per year and format (`formats_by_year` of its events)."""
    return formats_by_year(partner_dataset(ds, key), years_range)
