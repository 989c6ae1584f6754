"""The data model: canonical tables, their columns and dtypes, and the header aliases that map headings to them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from partnerlib import headings

PARTNERS = "partners"
EVENTS = "events"

# Canonical columns of the partners register, in display order.
PARTNER_COLUMNS = ["partner", "category", "level", "since", "library", "notes"]

# Canonical columns of the events table, in display order. `event_id` numbers the events of one
# import; `sheet` and `row` say where each came from (the Excel row the user sees).
EVENT_COLUMNS = [
    "event_id",
    "date",
    "date_end",
    "year",
    "date_precision",
    "title",
    "partners",
    "category",
    "format",
    "platform",
    "place",
    "participants",
    "participants_approx",
    "views",
    "views_approx",
    "description",
    "library_benefit",
    "society_benefit",
    "library",
    "sheet",
    "row",
]

# The long event–partner table: one row per partner named by an event.
EVENT_PARTNER_COLUMNS = ["event_id", "partner", "category"]

FORMATS = ["online", "offline", "hybrid", "unknown"]
LEVELS = ["federal", "regional", "municipal", "international"]
# "period": a span of days given explicitly («14–15 мая 2022»): `date` is its first day, `date_end` its last.
DATE_PRECISIONS = ["day", "month", "quarter", "year", "period"]
# Where an event was held, when the sheet says so (None otherwise).
PLACES = ["outside"]

PARTNER_DTYPES = {
    "partner": "string",
    "category": "category",
    "level": pd.CategoricalDtype(LEVELS),
    "since": "Int64",
    "library": "category",
    "notes": "string",
}

EVENT_DTYPES = {
    "event_id": "Int64",
    "date": "datetime64[ns]",
    "date_end": "datetime64[ns]",
    "year": "Int64",
    "date_precision": pd.CategoricalDtype(DATE_PRECISIONS),
    "title": "string",
    "partners": "string",
    "category": "category",
    "format": pd.CategoricalDtype(FORMATS),
    "platform": "category",
    "place": pd.CategoricalDtype(PLACES),
    "participants": "Int64",
    "participants_approx": "boolean",
    "views": "Int64",
    "views_approx": "boolean",
    "description": "string",
    "library_benefit": "string",
    "society_benefit": "string",
    "library": "category",
    "sheet": "string",
    "row": "Int64",
}

EVENT_PARTNER_DTYPES = {"event_id": "Int64", "partner": "string", "category": "category"}

# Header aliases: canonical field -> headings seen in real sheets (Russian and English). The vocabulary is
# data (partnerlib/data/headings.json) read by `partnerlib.headings`, which also matches by word stems.
# `partner` and `category` serve both tables; in an events sheet `partner` becomes `partners`.
HEADER_ALIASES: dict[str, list[str]] = {f: list(headings.vocabulary_headings(f)) for f in headings.fields()}

# Fields whose presence marks a sheet as an events sheet (a partners register has none of them).
EVENT_MARKERS = {"date", "year", "title", "format", "platform", "participants", "views"}

# Counts of each table, the fields that hold integers.
COUNT_FIELDS = ("participants", "views")

# Matching ignores case, ё/е, punctuation, brackets and extra spaces.
normalise_header = headings.fold

# The exact lookup: folded heading -> canonical field.
ALIAS_LOOKUP: dict[str, str] = {
    normalise_header(alias): field for field, aliases in HEADER_ALIASES.items() for alias in aliases
}


def match_header(text: object) -> str | None:
    """The canonical field a heading names (exactly or by its words), or None."""
    return headings.match(text).field


def empty_partners() -> pd.DataFrame:
    """An empty, typed partners table."""
    return pd.DataFrame({c: pd.Series(dtype=PARTNER_DTYPES[c]) for c in PARTNER_COLUMNS})


def empty_events() -> pd.DataFrame:
    """An empty, typed events table."""
    return pd.DataFrame({c: pd.Series(dtype=EVENT_DTYPES[c]) for c in EVENT_COLUMNS})


def empty_event_partners() -> pd.DataFrame:
    """An empty, typed event–partner table."""
    return pd.DataFrame({c: pd.Series(dtype=EVENT_PARTNER_DTYPES[c]) for c in EVENT_PARTNER_COLUMNS})


# The headings Partnerlib itself writes (template, sample workbook, backups), one per field.
# Each is one of the aliases above, so every workbook Partnerlib writes reads back unchanged.
RU_HEADINGS: dict[str, str] = {
    "partner": "Наименование партнёра",
    "category": "Категория партнёра",
    "level": "Уровень",
    "since": "С какого года",
    "library": "Библиотека",
    "notes": "Примечание",
    "date": "Дата проведения",
    "year": "Год",
    "title": "Название мероприятия",
    "partners": "Партнёр(ы)",
    "format": "Форма проведения",
    "platform": "Площадка",
    "participants": "Кол-во участников",
    "views": "Количество просмотров",
    "description": "Описание сотрудничества",
    "library_benefit": "Польза для библиотеки",
    "society_benefit": "Польза для социума",
}

# The columns of the sheets Partnerlib writes, in order.
PARTNER_SHEET_FIELDS = ["partner", "category", "level", "since", "library", "notes"]
EVENT_SHEET_FIELDS = [
    "date", "title", "partners", "category", "format", "platform", "participants", "views",
    "description", "library_benefit", "society_benefit", "library",
]


@dataclass
class Dataset:
    """The three tables the dashboard and the exports work on, wherever they came from.

    `source` says where: "demo" (the embedded sample), "upload" (a file just read) or "store".
    `data_start`: the first year of the whole data when these tables are a filtered part of it.
    """

    partners: pd.DataFrame
    events: pd.DataFrame
    event_partners: pd.DataFrame
    source: str = "upload"
    label: str = ""
    data_start: int | None = None

    @classmethod
    def empty(cls, source: str = "upload") -> Dataset:
        return cls(empty_partners(), empty_events(), empty_event_partners(), source)
