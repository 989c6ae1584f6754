"""The backup workbook: the whole store as one xlsx that the reader reads back with no loss."""

from __future__ import annotations

import numpy as np
import pandas as pd

from partnerlib import fmt, model
from partnerlib.categories import category_label, level_label
from partnerlib.i18n import t
from partnerlib.values import parse_format
from partnerlib.xlsx import write_workbook

# The words of stored keys, from the catalogue (the reader reads them back to the same keys).
FORMAT_RU = {f: t(f"format_{f}") for f in model.FORMATS if f != "unknown"}
# A format word that reads back as "unknown" even when the platform would imply online.
FORMAT_UNKNOWN_RU = t("format_unknown_cell")
PLACE_RU = {p: t(f"place_{p}") for p in model.PLACES}
AGREEMENT_RU = {k: t(f"agreement_{k}") for k in model.AGREEMENT_KINDS}

PARTNERS_SHEET = t("sheet_partners")
EVENTS_SHEET = t("sheet_events")
EXPORT_EVENT_FIELDS = ["date", "year", *[f for f in model.EVENT_SHEET_FIELDS if f != "date"]]
# The end of a period («14–15 мая 2022»), written only when the store holds one (a quarter's end is in its words).
EXPORT_EVENT_EXTRA = ["date_end", "audience"]
AUDIENCE_RU = {a: t(f"audience_{a}") for a in model.AUDIENCES}


def export_workbook(data: model.Dataset) -> bytes:
    """A Dataset as the xlsx that `read_workbook` reads back into the same tables (see Store.export_xlsx).

    Sheets «Партнёры» and «Мероприятия» with the headings of model.RU_HEADINGS and a «Год» column.
    Approximate counts are written as `≈350`, month dates as `апрель 2020`, year-only events with
    an empty date; every text stays text.
    """
    partners = data.partners
    part = pd.DataFrame({
        "partner": model.natives(partners["partner"]),
        "category": [None if v is None else category_label(v, "ru") for v in model.natives(partners["category"])],
        "level": [None if v is None else level_label(v, "ru") for v in model.natives(partners["level"])],
        "since": model.natives(partners["since"]),
        "library": model.natives(partners["library"]),
        "notes": model.natives(partners["notes"]),
        # The register: the kind in words, dates as dates, the rest as written.
        "agreement_kind": [None if v is None else AGREEMENT_RU[v] for v in model.natives(partners["agreement_kind"])],
        **{f: model.natives(partners[f]) for f in model.REGISTER_FIELDS if f != "agreement_kind"},
    }, columns=model.PARTNER_SHEET_FIELDS)
    events = data.events
    n = len(events)
    dates = model.natives(events["date"])
    prec = model.natives(events["date_precision"])
    date_cells = np.full(n, None, dtype=object)
    # Month and quarter dates as words; a period's start as a date, its end in its own column.
    day = (prec == "day") | (prec == "period")
    date_cells[day] = dates[day]
    words = np.flatnonzero((prec == "month") | (prec == "quarter"))
    date_cells[words] = [fmt.written_date(dates[i], None, None, prec[i]) for i in words]
    ends = model.natives(events["date_end"])
    ends[prec != "period"] = None
    places = model.natives(events["place"])
    platform = model.natives(events["platform"])
    formats = model.natives(events["format"])
    # A place outside the library is said in the format cell, where the reader finds it («очно, на выезде»).
    format_cells = np.array([_format_cell(f, p, place)
                             for f, p, place in zip(formats, platform, places, strict=True)], dtype=object)
    cats = model.natives(events["category"])
    ev = pd.DataFrame({
        "date": date_cells,
        "year": model.natives(events["year"]),
        "title": model.natives(events["title"]),
        "partners": model.natives(events["partners"]),
        "category": np.array([None if v is None else category_label(v, "ru") for v in cats], dtype=object),
        "format": format_cells,
        "platform": platform,
        "participants": _count_cells(events, "participants"),
        "views": _count_cells(events, "views"),
        "description": model.natives(events["description"]),
        "library_benefit": model.natives(events["library_benefit"]),
        "society_benefit": model.natives(events["society_benefit"]),
        "library": model.natives(events["library"]),
        "date_end": ends,
        "audience": np.array([AUDIENCE_RU.get(a) for a in model.natives(events["audience"])], dtype=object),
    }, columns=[*EXPORT_EVENT_FIELDS, *EXPORT_EVENT_EXTRA])
    # Columns that only some stores fill are written only when they hold something.
    fields = EXPORT_EVENT_FIELDS + [f for f in EXPORT_EVENT_EXTRA if ev[f].notna().any()]
    return write_workbook(
        {PARTNERS_SHEET: part, EVENTS_SHEET: ev[fields]},
        headers={
            PARTNERS_SHEET: [model.RU_HEADINGS[f] for f in model.PARTNER_SHEET_FIELDS],
            EVENTS_SHEET: [model.RU_HEADINGS[f] for f in fields],
        },
    )


def _format_cell(value, platform, place=None) -> str | None:
    word = _format_word(value, platform)
    if place is None:
        return word
    where = PLACE_RU.get(place, place)
    return f"{word}, {where}" if word else where


def _format_word(value, platform) -> str | None:
    if value in FORMAT_RU:
        return FORMAT_RU[value]
    # A blank format with online platforms reads back as "online": say "unknown" in words instead.
    if platform and parse_format(None, platform)[0] != "unknown":
        return FORMAT_UNKNOWN_RU
    return None


def _count_cells(events: pd.DataFrame, column: str) -> np.ndarray:
    """Counts as numbers; approximate ones as text `≈350`, which the reader takes as 350, approximate."""
    values = model.natives(events[column])
    approx = events[model.COUNT_FLAGS[column]].fillna(False).to_numpy(dtype=bool)
    out = values.copy()
    idx = np.flatnonzero(approx & (values != None))  # noqa: E711
    out[idx] = [f"≈{int(v)}" for v in values[idx]]
    return out
