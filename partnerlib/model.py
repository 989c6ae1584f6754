"""The data model: canonical tables, their columns and dtypes, and the header aliases that map headings to them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from partnerlib import headings

PARTNERS = "partners"
EVENTS = "events"

FORMATS = ["online", "offline", "hybrid", "unknown"]
LEVELS = ["federal", "regional", "municipal", "international"]
# "period": a span of days given explicitly («14–15 мая 2022»): `date` is its first day, `date_end` its last.
DATE_PRECISIONS = ["day", "month", "quarter", "year", "period"]
# Where an event was held, when the sheet says so (None otherwise), as form 6-НК counts: in the library
# («в стационаре»), outside it («вне стационара»), remotely («дистанционно»).
PLACES = ["inside", "outside", "remote"]
# Who an event was for, when the sheet says so, as form 6-НК counts: children up to 14, young people 15–30,
# adults, all ages (a family audience, several groups at once).
AUDIENCES = ["children", "youth", "adults", "all"]
# The kind of a partner's agreement: «договор», «соглашение», «без договора».
AGREEMENT_KINDS = ["contract", "agreement", "none"]
# The category of events and partners whose category is not known, where a table needs a key for it.
NO_CATEGORY = "_none"


# ---------------------------------------------------------------- fields: each declared once

@dataclass(frozen=True)
class Field:
    """One column of a canonical table, declared once; the lists and dicts below derive from these.

    Attributes:
        name: the canonical name (the frame's column, the store's column).
        dtype: the pandas dtype of the typed frames.
        sql: the store's column type: "text", "short" (up to 16 characters), "integer", "bigint",
            "date" or "boolean"; None for a column the store does not keep (it gives its own).
        required: the store refuses a missing value (NOT NULL).
        ru, en: the heading Partnerlib writes in the sheets it makes (template, sample, backup); None
            for a field those sheets do not have.
        sheet: the sheets Partnerlib writes hold this field ("partners" / "events"), in field order.
        merge: how a later import treats a stored row's value: "key" (identifies the row, never
            changed), "fill" (filled when empty, changed when accepted), "flag" (travels with its count),
            "origin" (where the row was read; kept from the first import), "id" (given by the store).
        flag: for a count, the field saying it is approximate.
        personal: personal data (a contact person's name, phone…): kept in the store and the backup,
            never written to the deck, the report, the summary or the site page.
    """

    name: str
    dtype: object
    sql: str | None
    required: bool = False
    ru: str | None = None
    en: str | None = None
    sheet: bool = False
    merge: str = "key"
    flag: str | None = None
    personal: bool = False


PARTNER_FIELDS: tuple[Field, ...] = (
    Field("partner", "string", "text", True, "Наименование партнёра", "Partner", True, "key"),
    Field("category", "category", "text", False, "Категория партнёра", "Partner category", True, "fill"),
    Field("level", pd.CategoricalDtype(LEVELS), "short", False, "Уровень", "Level", True, "fill"),
    Field("since", "Int64", "integer", False, "С какого года", "Partner since", True, "fill"),
    Field("library", "category", "text", False, "Библиотека", "Library", True, "fill"),
    Field("notes", "string", "text", False, "Примечание", "Notes", True, "fill"),
    # The register (migration 3): the agreement, the contact person on the partner's side, the librarian
    # responsible, the partner's website.
    Field("agreement_kind", pd.CategoricalDtype(AGREEMENT_KINDS), "short", False, "Договор", "Agreement", True,
          "fill"),
    Field("agreement_number", "string", "text", False, "№ договора", "Agreement number", True, "fill"),
    Field("agreement_signed", "datetime64[ns]", "date", False, "Дата заключения", "Signed on", True, "fill"),
    Field("agreement_until", "datetime64[ns]", "date", False, "Действует до", "Valid until", True, "fill"),
    Field("contact_name", "string", "text", False, "Контактное лицо", "Contact person", True, "fill",
          personal=True),
    Field("contact_position", "string", "text", False, "Должность", "Position", True, "fill", personal=True),
    Field("contact_phone", "string", "text", False, "Телефон", "Phone", True, "fill", personal=True),
    Field("contact_email", "string", "text", False, "E-mail", "E-mail", True, "fill", personal=True),
    Field("responsible", "string", "text", False, "Ответственный", "Responsible librarian", True, "fill",
          personal=True),
    Field("website", "string", "text", False, "Сайт", "Website", True, "fill"),
)

EVENT_FIELDS: tuple[Field, ...] = (
    # `event_id` numbers the events of one import (the store's id once stored).
    Field("event_id", "Int64", None, merge="id"),
    Field("date", "datetime64[ns]", "date", False, "Дата проведения", "Date", True, "key"),
    Field("date_end", "datetime64[ns]", "date", False, "Дата окончания", "End date", merge="key"),
    Field("year", "Int64", "integer", True, "Год", "Year", merge="key"),
    Field("date_precision", pd.CategoricalDtype(DATE_PRECISIONS), "short", True, merge="key"),
    Field("title", "string", "text", False, "Название мероприятия", "Event", True, "key"),
    Field("partners", "string", "text", False, "Партнёр(ы)", "Partner(s)", True, "key"),
    Field("category", "category", "text", False, "Категория партнёра", "Partner category", True, "fill"),
    Field("format", pd.CategoricalDtype(FORMATS), "short", False, "Форма проведения", "Format", True, "fill"),
    Field("platform", "category", "text", False, "Площадка", "Platform", True, "fill"),
    Field("place", pd.CategoricalDtype(PLACES), "text", merge="fill"),
    Field("audience", pd.CategoricalDtype(AUDIENCES), "short", False, "Аудитория", "Audience", merge="fill"),
    Field("participants", "Int64", "bigint", False, "Кол-во участников", "Participants", True, "fill",
          flag="participants_approx"),
    Field("participants_approx", "boolean", "boolean", True, merge="flag"),
    Field("views", "Int64", "bigint", False, "Количество просмотров", "Views", True, "fill", flag="views_approx"),
    Field("views_approx", "boolean", "boolean", True, merge="flag"),
    Field("description", "string", "text", False, "Описание сотрудничества", "Description", True, "fill"),
    Field("library_benefit", "string", "text", False, "Польза для библиотеки", "Benefit for the library", True,
          "fill"),
    Field("society_benefit", "string", "text", False, "Польза для социума", "Benefit for society", True, "fill"),
    Field("library", "category", "text", False, "Библиотека", "Library", True, "fill"),
    # `sheet` and `row` say where each event came from (the Excel row the user sees).
    Field("sheet", "string", "text", merge="origin"),
    Field("row", "Int64", "integer", merge="origin"),
)

# The long event–partner table: one row per partner named by an event (built from the events, not stored).
EVENT_PARTNER_FIELDS: tuple[Field, ...] = (
    Field("event_id", "Int64", None, merge="id"),
    Field("partner", "string", None),
    Field("category", "category", None),
)

FIELDS: dict[str, tuple[Field, ...]] = {"partners": PARTNER_FIELDS, "events": EVENT_FIELDS}

# Canonical columns of each table, in display order, and their dtypes.
PARTNER_COLUMNS = [f.name for f in PARTNER_FIELDS]
EVENT_COLUMNS = [f.name for f in EVENT_FIELDS]
EVENT_PARTNER_COLUMNS = [f.name for f in EVENT_PARTNER_FIELDS]
PARTNER_DTYPES = {f.name: f.dtype for f in PARTNER_FIELDS}
EVENT_DTYPES = {f.name: f.dtype for f in EVENT_FIELDS}
EVENT_PARTNER_DTYPES = {f.name: f.dtype for f in EVENT_PARTNER_FIELDS}


def merge_columns(table: str) -> list[str]:
    """The fields of `table` ("partners" / "events") that a later import may fill or change, in order."""
    return [f.name for f in FIELDS[table] if f.merge == "fill"]


# Counts and the flag that says each is approximate.
COUNT_FLAGS: dict[str, str] = {f.name: f.flag for f in EVENT_FIELDS if f.flag}
# The partner register's fields (migration 3), and those of them that are personal data.
REGISTER_FIELDS = [f.name for f in PARTNER_FIELDS[PARTNER_COLUMNS.index("agreement_kind"):]]
PERSONAL_FIELDS = frozenset(f.name for t in FIELDS.values() for f in t if f.personal)
INT_FIELDS = frozenset(f.name for t in FIELDS.values() for f in t if f.dtype == "Int64")
BOOL_FIELDS = frozenset(f.name for t in FIELDS.values() for f in t if f.dtype == "boolean")
DATE_FIELDS = frozenset(f.name for t in FIELDS.values() for f in t if f.dtype == "datetime64[ns]")


# ---------------------------------------------------------------- measures: each declared once

@dataclass(frozen=True)
class Measure:
    """One yearly figure of the dashboard, the deck and the report.

    Attributes:
        name: the column of metrics.yearly.
        unit: "count" or "share" (per cent).
        change: how a change from the year before is shown: "percent" (%) or "points" (п. п.).
        chart: the kind of its trend chart: "bar" or "line".
        card: its place among the Overview's cards (None: no card).
        trend: it has a small trend chart on the Overview.
    """

    name: str
    unit: str
    change: str
    chart: str
    card: int | None
    trend: bool


MEASURES: tuple[Measure, ...] = (
    Measure("events", "count", "percent", "bar", 2, True),
    Measure("active_partners", "count", "percent", "bar", 0, True),
    Measure("new_partners", "count", "percent", "bar", 1, False),
    Measure("online_share", "share", "points", "line", 3, True),
    Measure("participants", "count", "percent", "bar", 4, True),
    Measure("views", "count", "percent", "bar", 5, True),
)
MEASURE = {m.name: m for m in MEASURES}
# The measures of the yearly trend charts, and the Overview's cards in their order.
YEARLY_MEASURES = tuple(m.name for m in MEASURES)
KPI_NAMES = [m.name for m in sorted((m for m in MEASURES if m.card is not None), key=lambda m: m.card)]
TREND_NAMES = [m.name for m in MEASURES if m.trend]
SHARE_MEASURES = frozenset(m.name for m in MEASURES if m.unit == "share")

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


def typed_frame(data: pd.DataFrame | np.ndarray, dtypes: dict) -> pd.DataFrame:
    """Raw values as a frame with the model's dtypes: the one conversion of the reader and the store.

    Args:
        data: a frame holding (at least) the columns of `dtypes`, or a 2-D object array whose columns are
            those of `dtypes` in order (rows as the database gives them).
        dtypes: column -> dtype, as model.PARTNER_DTYPES / EVENT_DTYPES / EVENT_PARTNER_DTYPES.

    Returns:
        A new frame with exactly the columns of `dtypes`, in order, and a plain index. Missing values
        (None, NaN, NaT, pd.NA) become each dtype's own missing value; dates may be ISO text; a value
        outside a fixed set of categories becomes missing.
    """
    out = {}
    for i, (name, dtype) in enumerate(dtypes.items()):
        if isinstance(data, pd.DataFrame) and (ready := _typed_as_is(data[name], dtype)) is not None:
            out[name] = ready
            continue
        if isinstance(data, pd.DataFrame):
            column = data[name]
            # Object columns go as they are (each conversion below knows None, NaN and NA as missing).
            values = column.to_numpy() if column.dtype == object else column.to_numpy(dtype=object, na_value=None)
        else:
            values = data[:, i]
        if dtype == "datetime64[ns]":
            first = next((v for v in values if v is not None and v == v), None)
            # SQLite gives ISO text, PostgreSQL datetime.date objects; the reader Timestamps.
            parsed = pd.to_datetime(values, format="%Y-%m-%d") if isinstance(first, str) else pd.to_datetime(values)
            out[name] = pd.Series(parsed).astype("datetime64[ns]")
        elif dtype == "Int64":
            missing = pd.isna(values)
            numbers = np.where(missing, 0, values).astype(np.int64)
            out[name] = pd.arrays.IntegerArray(numbers, missing)
        elif dtype == "boolean":
            missing = pd.isna(values)
            out[name] = pd.arrays.BooleanArray(np.where(missing, False, values).astype(bool), missing)
        elif isinstance(dtype, pd.CategoricalDtype):
            out[name] = categorical(values, dtype.categories)
        elif dtype == "category":
            out[name] = categorical(values, None)
        else:
            out[name] = _text_array(values, dtype)
    return pd.DataFrame(out, columns=list(dtypes))


def _typed_as_is(column: pd.Series, dtype) -> pd.api.extensions.ExtensionArray | None:
    """The column as `dtype` when it has that dtype already, or one that converts exactly without a trip
    through Python objects (dates, integers, booleans); None otherwise."""
    have = column.dtype
    if isinstance(have, pd.CategoricalDtype) and (dtype == "category" or isinstance(dtype, pd.CategoricalDtype)):
        return _recategorised(column.array, dtype)
    if dtype == "datetime64[ns]":
        if have.kind == "M" and not isinstance(have, pd.DatetimeTZDtype):
            return column.astype("datetime64[ns]").array
        return None
    if not isinstance(dtype, str) or dtype not in ("Int64", "boolean", "string"):
        return None
    if str(have) == dtype:
        return column.array
    if isinstance(have, np.dtype) and len(column):
        if dtype == "Int64" and have.kind in "iu":
            return pd.arrays.IntegerArray(column.to_numpy(dtype=np.int64), np.zeros(len(column), dtype=bool))
        if dtype == "boolean" and have.kind == "b":
            return pd.arrays.BooleanArray(column.to_numpy(), np.zeros(len(column), dtype=bool))
    if dtype == "Int64" and str(have) == "Float64":
        floats = column.array
        missing = floats.isna()
        return pd.arrays.IntegerArray(np.where(missing, 0, floats.to_numpy(dtype=np.float64, na_value=0.0))
                                      .astype(np.int64), missing)
    return None


def _text_array(values: np.ndarray, dtype) -> pd.api.extensions.ExtensionArray:
    """Text as the dtype's array, each distinct string converted once (texts repeat: titles, partners)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    if len(uniques) * 2 > len(values) or not all(type(u) is str for u in uniques):
        return pd.Series(values, dtype=object).astype(dtype).array
    return pd.array(np.asarray(uniques, dtype=object), dtype=dtype).take(codes, allow_fill=True)


def _recategorised(values: pd.Categorical, dtype) -> pd.Categorical:
    """A Categorical with the categories `categorical` would give its values: the dtype's own, or (for
    "category") the values present, sorted."""
    if isinstance(dtype, pd.CategoricalDtype):
        return values.set_categories(dtype.categories)
    present = np.flatnonzero(np.bincount(values.codes[values.codes >= 0], minlength=len(values.categories)))
    kept = np.asarray(values.categories, dtype=object)[present]
    order = np.argsort(kept, kind="stable")
    position = np.full(len(values.categories), -1, dtype=np.int64)
    position[present[order]] = np.arange(len(order))
    codes = np.append(position, -1)[values.codes]  # -1 (missing) takes the last: missing
    return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(pd.Index(kept[order], dtype=object)))


def categorical(values: np.ndarray, categories: pd.Index | None) -> pd.Categorical:
    """Values as a Categorical: the given categories, or the values' own sorted as `pd.Categorical` sorts them.

    Factorising first and placing only the distinct values is several times faster than
    `pd.Categorical(values)` on 100,000 strings; None becomes a missing value.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    uniques = np.asarray(uniques, dtype=object)
    if categories is None:
        order = np.argsort(uniques, kind="stable")
        position = np.empty(len(order), dtype=np.int64)
        position[order] = np.arange(len(order))
        # An object Index, as pd.Categorical makes from object values.
        dtype = pd.CategoricalDtype(pd.Index(uniques[order], dtype=object))
    else:
        position = pd.Index(categories).get_indexer(uniques)
        dtype = pd.CategoricalDtype(categories)
    codes = np.where(codes >= 0, position[np.maximum(codes, 0)] if len(position) else -1, -1)
    return pd.Categorical.from_codes(codes, dtype=dtype)


def natives(series: pd.Series, iso_dates: bool = False) -> np.ndarray:
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
RU_HEADINGS: dict[str, str] = {f.name: f.ru for t in FIELDS.values() for f in t if f.ru}
EN_HEADINGS: dict[str, str] = {f.name: f.en for t in FIELDS.values() for f in t if f.en}

# The columns of the sheets Partnerlib writes, in order.
PARTNER_SHEET_FIELDS = [f.name for f in PARTNER_FIELDS if f.sheet]
EVENT_SHEET_FIELDS = [f.name for f in EVENT_FIELDS if f.sheet]


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
