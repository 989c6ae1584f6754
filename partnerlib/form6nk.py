"""The partnership events as form 6-НК counts them (pure pandas): per year the events in all, of them for
children up to 14 and for young people 15–30, held outside the library and remotely; visits (participants)
and remote views side by side, never added; and the events that lack an audience or a place.

Where an event's place is not given, its format gives it, as 6-НК counts: an online event was held remotely
(«в рамках дистанционного обслуживания»); an offline or hybrid one in the library («в стационаре»: the form
counts an event outside the library only when it says so, and a hybrid event is held in the library with a
broadcast). Such places are counted in `place_from_format`, for the note under the table. An event whose
format is unknown and whose place is not given has no place: it is «не указано».
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from partnerlib import i18n
from partnerlib.model import Dataset

# The figures of a year, in the form's order; `check --json`'s "form_6nk" gives them.
FIGURES = ["events", "children_events", "youth_events", "outside_events", "remote_events", "unspecified", "visits",
           "remote_views"]
COLUMNS = ["year", *FIGURES, "place_from_format"]
# The place an event's format gives when its own place is not given.
PLACE_OF_FORMAT = {"online": "remote", "offline": "inside", "hybrid": "inside"}


def places(events: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each event's place ("inside", "outside", "remote"; None when neither it nor the format says), and
    whether the format gave it."""
    given = events["place"].astype(object).where(events["place"].notna(), None)
    from_format = events["format"].astype(object).map(PLACE_OF_FORMAT)
    derived = given.isna() & from_format.notna()
    return given.where(~derived, from_format).where(lambda s: s.notna(), None), derived


def audiences(events: pd.DataFrame) -> pd.Series:
    """Each event's audience ("children", "youth", "adults", "all"; None when not given)."""
    if "audience" not in events:
        return pd.Series(None, index=events.index, dtype=object)
    return events["audience"].astype(object).where(events["audience"].notna(), None)


def table(ds: Dataset, years_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """One row per year with events (within `years_range`): the FIGURES and `place_from_format`.

    Returns:
        year, events, children_events, youth_events, outside_events, remote_events, unspecified (events
        lacking an audience or a place), visits (participants), remote_views (views; never added to visits),
        place_from_format (events whose place the format gave).
    """
    ev = ds.events[ds.events["year"].notna()]
    if years_range is not None:
        ev = ev[ev["year"].between(*years_range).to_numpy(dtype=bool)]
    if ev.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64") for c in COLUMNS})
    place, derived = places(ev)
    audience = audiences(ev)
    flags = pd.DataFrame({
        "year": ev["year"].astype("int64").to_numpy(),
        "events": 1,
        "children_events": (audience == "children").to_numpy(),
        "youth_events": (audience == "youth").to_numpy(),
        "outside_events": (place == "outside").to_numpy(),
        "remote_events": (place == "remote").to_numpy(),
        "unspecified": (audience.isna() | place.isna()).to_numpy(),
        "visits": ev["participants"].fillna(0).astype("int64").to_numpy(),
        "remote_views": ev["views"].fillna(0).astype("int64").to_numpy(),
        "place_from_format": derived.to_numpy(),
    })
    out = flags.groupby("year", sort=True).sum().astype("int64").reset_index()
    return out[COLUMNS]


def by_year(ds: Dataset) -> dict[str, dict[str, int]]:
    """`check --json`'s "form_6nk": {"2021": {events, children_events, youth_events, outside_events,
    remote_events, unspecified, visits, remote_views}}."""
    return {str(int(r["year"])): {k: int(r[k]) for k in FIGURES} for r in table(ds).to_dict("records")}


def lines(frame: pd.DataFrame, lang: str = "ru", years: list[int] | None = None) -> pd.DataFrame:
    """A `table` as the form lays it out: one row per line of the form (its wording), one column per year
    (all of `frame`'s, or `years`)."""
    chosen = [int(y) for y in frame["year"]] if years is None else [int(y) for y in years]
    indexed = frame.set_index("year")
    out = pd.DataFrame({"line": [i18n.t(f"form6nk.{name}", lang) for name in FIGURES]})
    for year in chosen:
        values = indexed.loc[year, FIGURES] if year in indexed.index else pd.Series(0, index=FIGURES)
        out[str(year)] = values.to_numpy(dtype="int64")
    return out


def note(frame: pd.DataFrame, lang: str = "ru") -> str:
    """The lines under the table: what the figures are, and how many places the format gave."""
    derived = int(frame["place_from_format"].sum()) if len(frame) else 0
    return i18n.t("form6nk.note", lang, n=derived)


def unspecified_events(ds: Dataset, years_range: tuple[int, int] | None = None, lang: str = "ru"
                       ) -> pd.DataFrame:
    """The events counted «не указано», for her to complete: sheet, Excel row (where the event was read),
    year, date, title, and what is missing (the audience, the place or both)."""
    ev = ds.events[ds.events["year"].notna()]
    if years_range is not None:
        ev = ev[ev["year"].between(*years_range).to_numpy(dtype=bool)]
    place, _ = places(ev)
    no_audience, no_place = audiences(ev).isna().to_numpy(), place.isna().to_numpy()
    lacking = no_audience | no_place
    words = np.array([i18n.t("form6nk.missing_audience", lang), i18n.t("form6nk.missing_place", lang)], dtype=object)
    missing = [", ".join(words[[a, p]]) for a, p in zip(no_audience[lacking], no_place[lacking], strict=True)]
    out = ev.loc[lacking, ["sheet", "row", "year", "date", "title"]].reset_index(drop=True)
    out["missing"] = missing
    return out.sort_values(["year", "sheet", "row"], kind="stable", na_position="last").reset_index(drop=True)
