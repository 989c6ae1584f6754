"""How a sheet is laid out: its title and header rows, what each column means, its kind, and which rows hold data."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from partnerlib import headings, model
from partnerlib.values import MONTH_BY_NAME, clean_text, date_hints, is_blank

HEADER_SEARCH_ROWS = 20

# Kinds of sheet: the two tables, and the reasons a sheet is not read.
PARTNERS = model.PARTNERS
EVENTS = model.EVENTS
SKIPPED = "skipped"
KINDS = (PARTNERS, EVENTS, SKIPPED)

# Headings that carry no data and are left out without a note ("№", "№ п/п").
SILENT_HEADINGS = {"", "n", "no", "номер", "п п", "n п п", "no п п", "#", "порядковый номер"}
# The canonical fields each kind of sheet reads; any other recognised column is left out with a warning.
USED_FIELDS = {
    PARTNERS: frozenset(model.PARTNER_COLUMNS),
    EVENTS: frozenset({"date", "date_end", "year", "title", "partner", "category", "format", "platform",
                       "place", "audience", "participants", "views", "description", "library_benefit",
                       "society_benefit", "library"}),
}
# Fields whose presence marks an events sheet, and those that say which event a row is.
EVENT_MARKERS = frozenset(model.EVENT_MARKERS | {"date_end", "place"})
EVENT_IDENTITY = frozenset({"date", "title", "partner"})

SHEET_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
TOTAL_TEXT = re.compile(r"^\s*(?:итого|итог|всего|total|grand total)\b", re.IGNORECASE)
_SIGNATURE = re.compile(
    r"^\s*(?:директор|заведующ|зав\.|исполнител|составил|подготовил|ответственн|руководител|м\.\s*п\.|подпись|"
    r"signed|prepared by)|_{4,}",
    re.IGNORECASE,
)
# Numbering cells: "1", "1.", "1.1", "1.1.", "I", "IV.", "а)", "5)".
_NUMBERING = re.compile(r"^\s*(?:\d{1,4}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.?|[а-яa-z]\))\s*$", re.IGNORECASE)
# Sheet names of summaries and pivots, never added to the events when event sheets exist beside them.
_SUMMARY_NAME = re.compile(r"свод|итог|summary|pivot|total|диаграм|график|статистик|показател|chart",
                           re.IGNORECASE)
# Sheet names that name a library of a system: a branch, a central or children's library.
_BRANCH_NAME = re.compile(
    r"филиал|библиотек|\bцдб\b|\bцгб\b|\bцб\b|\bцрб\b|\bдб\b|\bсдб\b|\bмб\b|модельн|отдел|сектор|абонемент|"
    r"\bим\.|branch|library",
    re.IGNORECASE,
)
# Words of sheet names that say nothing of a library ("Лист1", "Мероприятия 2022").
_GENERIC_NAME_WORDS = {
    "лист", "sheet", "мероприятия", "мероприятие", "события", "events", "партнеры", "партнёры", "partners",
    "данные", "data", "отчет", "отчёт", "report", "план", "plan", "год", "г", "таблица", "table", "список",
    "реестр", "register", "работа", "csv",
}


@dataclass
class Column:
    """One column of a sheet: its position, its heading as written, and what it was read as."""

    index: int
    heading: str
    field: str | None = None
    how: str | None = None  # headings.EXACT / WORDS / CHOSEN / AMBIGUOUS, or None when not recognised
    candidates: tuple[str, ...] = ()
    sample: str = ""  # a few of its values, to say what a column holds


@dataclass
class Choices:
    """The director's last word on how a file is read.

    `columns`: folded heading -> field (or None: not read), for every sheet of the file.
    `kinds`: sheet name -> partners / events / skipped.
    `saved`: looks up choices remembered for a sheet's headings (its `signature`), or gives None.
    """

    columns: Mapping[str, str | None] = field(default_factory=dict)
    kinds: Mapping[str, str] = field(default_factory=dict)
    saved: Callable[[str], Mapping[str, str | None] | None] | None = None

    def __bool__(self) -> bool:
        return bool(self.columns or self.kinds or self.saved)

    def to_key(self) -> str:
        """The columns and kinds chosen, as one JSON string (a cache key; `saved` is not part of it)."""
        return json.dumps({"columns": dict(self.columns), "kinds": dict(self.kinds)}, ensure_ascii=False,
                          sort_keys=True)

    @classmethod
    def from_key(cls, key: str, saved: Callable[[str], Mapping[str, str | None] | None] | None = None) -> Choices:
        raw = json.loads(key) if key else {}
        return cls(raw.get("columns", {}), raw.get("kinds", {}), saved)


def parse_choice(text: str) -> tuple[str, str | None]:
    """`"Охват (чел.)=participants"` -> (folded heading, field); `=` with nothing, `-` or `none` -> not read.

    Raises:
        ValueError: the text has no `=`, or names no field.
    """
    heading, sep, value = text.rpartition("=")
    if not sep or not heading.strip():
        raise ValueError(text)
    value = value.strip()
    if value.lower() in ("", "-", "none", "skip", "не загружать"):
        return headings.fold(heading), None
    value = "partner" if value == "partners" else value
    if value not in headings.fields():
        raise ValueError(text)
    return headings.fold(heading), value


@dataclass
class Header:
    """Where a sheet's header is (0-based rows, two rows when a group heading stands over sub-headings)."""

    first: int
    last: int
    columns: list[Column]

    @property
    def signature(self) -> str:
        """The sheet's headings, folded and joined: the key of the director's remembered choices."""
        return "|".join(headings.fold(c.heading) for c in self.columns)

    def fields(self) -> set[str]:
        return {c.field for c in self.columns if c.field}


def _spread_header_rows(rows: list[list], merged: list, first: int, last: int) -> list[list]:
    """Copies of the header rows with each merged cell's text spread over the cells it covers."""
    out = [list(rows[r]) for r in range(first, last + 1)]
    for (r0, c0), (r1, c1) in merged:
        if r1 < first or r0 > last or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        if is_blank(value):
            continue
        for r in range(max(r0, first), min(r1, last) + 1):
            row = out[r - first]
            if len(row) <= c1:
                row.extend([None] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if is_blank(row[c]):
                    row[c] = value
    return out


def _columns_of(cells: list) -> list[Column]:
    columns = []
    for c, cell in enumerate(cells):
        if is_blank(cell):
            continue
        heading = clean_text(cell) or ""
        found = headings.match(heading) if isinstance(cell, str) else headings.HeadingMatch(None)
        columns.append(Column(c, heading, found.field, found.how, found.candidates))
    return columns


def _combined(top: list, bottom: list) -> list:
    """One heading per column from a group heading over sub-headings: «Количество» + «участников»."""
    width = max(len(top), len(bottom))
    top = [*top, *([None] * (width - len(top)))]
    bottom = [*bottom, *([None] * (width - len(bottom)))]
    out = []
    for t, b in zip(top, bottom, strict=True):
        t_text, b_text = clean_text(t), clean_text(b)
        if t_text and b_text and t_text != b_text:
            out.append(f"{t_text} {b_text}")
        else:
            out.append(b_text or t_text)
    return out


def _score(columns: list[Column]) -> int:
    return len({c.field for c in columns if c.field})


def find_header(rows: list[list], merged: list) -> Header | None:
    """The header within the first rows: the row, or pair of rows, whose headings name the most fields.

    A pair wins only when its combined headings name more fields than either row alone. Returns None
    when no row names two fields (or a partner alone: a bare list of names).
    """
    best: tuple[int, Header | None] = (0, None)
    limit = min(len(rows), HEADER_SEARCH_ROWS)
    singles: dict[int, list[Column]] = {}
    for r in range(limit):
        if any(isinstance(c, str) and c.strip() for c in rows[r]):
            singles[r] = _columns_of(_spread_header_rows(rows, merged, r, r)[0])
    for r, columns in singles.items():
        score = _score(columns)
        if score > best[0]:
            best = (score, Header(r, r, columns))
        if r + 1 in singles:
            top, bottom = _spread_header_rows(rows, merged, r, r + 1)
            pair = _columns_of(_combined(top, bottom))
            pair_score = _score(pair)
            if pair_score > max(score, _score(singles[r + 1])) and pair_score > best[0]:
                best = (pair_score, Header(r, r + 1, pair))
    score, header = best
    if header is None:
        return None
    if score < 2 and header.fields() != {"partner"}:
        return None
    return header


def apply_choices(header: Header, choices: Choices) -> bool:
    """Put the director's choices on the header's columns; True when remembered choices were used."""
    saved = choices.saved(header.signature) if choices.saved else None
    used_saved = False
    for column in header.columns:
        key = headings.fold(column.heading)
        if key in choices.columns:
            column.field, column.how, column.candidates = choices.columns[key], headings.CHOSEN, ()
        elif saved and key in saved:
            column.field, column.how, column.candidates = saved[key], headings.CHOSEN, ()
            used_saved = True
    return used_saved


def title_hints(rows: list[list], header: Header, sheet_name: str) -> tuple[int | None, int | None]:
    """The year and month a sheet's title or name gives («План мероприятий на сентябрь 2022 г.»)."""
    title = " ".join(str(c) for r in rows[: header.first] for c in r if isinstance(c, str))
    year, month = date_hints(title)
    name_year, name_month = date_hints(sheet_name)
    return (year if year is not None else name_year), (month if month is not None else name_month)


def is_summary_name(name: str) -> bool:
    return bool(_SUMMARY_NAME.search(name))


def sheet_kind(fields: set[str], sheet_name: str, year_hint: int | None) -> tuple[str, str | None]:
    """The kind of a sheet from the fields its header names: (kind, reason when skipped).

    An events sheet needs a field that says which event a row is (date, title or partner) and a year
    (a date or year column, or a year in its name or title). Counts by category or month without such
    a field are a summary.
    """
    has_event = bool(fields & EVENT_MARKERS)
    if "partner" in fields and not (fields & (EVENT_MARKERS - {"platform", "place"})):
        return PARTNERS, None
    if has_event and not (fields & EVENT_IDENTITY):
        return SKIPPED, "summary"
    if has_event and ({"date", "year"} & fields or year_hint is not None):
        return EVENTS, None
    if has_event:
        return SKIPPED, "no_date"
    return SKIPPED, "no_columns"


def library_of_sheet(name: str, several: bool) -> str | None:
    """The library a sheet's name gives («Филиал № 5 2022» -> «Филиал № 5»), or None for a generic name.

    A name that says branch, library or department names its library; any other name does when the
    file holds several event sheets, unless it is generic («Лист1», «Мероприятия 2022»).
    """
    stripped = clean_text(SHEET_YEAR.sub(" ", name).strip(" -–—_.,()"))
    if not stripped:
        return None
    if _BRANCH_NAME.search(stripped):
        return stripped
    words = re.findall(r"[^\W\d_]+", stripped.lower())
    if not several or not words or all(w in _GENERIC_NAME_WORDS for w in words):
        return None
    return stripped


# ---------------------------------------------------------------- rows

@dataclass
class RowKinds:
    """The rows under a header that are not data, by kind (Excel row numbers), and the data rows."""

    data: np.ndarray
    totals: list[int]
    sections: list[tuple[int, str, int]]  # (row, text, 0-based column)
    signatures: list[tuple[int, str]]
    numbered: list[int]  # rows with only a number in them
    unmapped: list[tuple[int, str]]  # rows written only in columns that are not read
    months: dict[int, int]  # row -> month given by the nearest month heading above it
    groups: dict[int, str]  # row -> the nearest group heading above it («СМИ:», «Органы власти»)
    group_rows: dict[int, str]  # the group headings themselves: row -> text
    column_numbers: list[int] = field(default_factory=list)  # rows numbering the columns «1 | 2 | 3 …»


# A column factorised once: (codes, the distinct values), code -1 for a missing cell.
Factorised = tuple[np.ndarray, np.ndarray]


def factorise(column: np.ndarray) -> Factorised:
    """A column's codes and distinct values, to look at each distinct value once in every pass."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    return codes, np.asarray(uniques, dtype=object)


def factorise_ids(ids: np.ndarray, values: np.ndarray, missing: np.ndarray) -> Factorised:
    """`factorise` of a column given as numbers of distinct values (`values[ids]` is the column; `missing[k]`:
    values[k] is an empty cell), in the same order, without hashing a Python object per cell."""
    codes, first = pd.factorize(ids)
    empty = missing[first]
    if empty.any():
        renumber = np.cumsum(~empty) - 1
        renumber[empty] = -1
        codes, first = renumber[codes], first[~empty]
    return codes, values[first]


def _per_unique_mask(column: Factorised, test: Callable[[object], bool], missing: bool) -> np.ndarray:
    """`test` of each cell, called once per distinct value; `missing` for None."""
    codes, uniques = column
    hits = np.fromiter((test(u) for u in uniques), dtype=bool, count=len(uniques))
    return np.append(hits, missing)[codes]


def _says_nothing(value: object) -> bool:
    """An empty cell: None, spaces, a dash («—», «-»)."""
    if isinstance(value, str):
        return not value.strip() or (len(value) <= 3 and is_blank(value))
    return is_blank(value)


def _numbering(value: object) -> bool:
    if isinstance(value, str):
        return bool(_NUMBERING.match(value))
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _numbers_the_columns(row: np.ndarray) -> bool:
    """A row that numbers the columns under a header («1 | 2 | 3 | 4 …», as report tables have): its
    filled cells are 1, 2, 3, … in order, at least three of them."""
    numbers = []
    for v in row:
        if _says_nothing(v):
            continue
        if isinstance(v, str) and v.strip().rstrip(".").isdigit():
            v = int(v.strip().rstrip("."))
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v != len(numbers) + 1:
            return False
        numbers.append(v)
    return len(numbers) >= 3


def _row_matches(row: np.ndarray, pattern: re.Pattern) -> bool:
    return any(isinstance(v, str) and pattern.search(v) for v in row)


def _merged_across(merged: list, first_data: int) -> set[int]:
    """Excel rows (1-based) whose first filled cell is merged across two or more columns."""
    return {r0 + 1 for (r0, c0), (r1, c1) in merged if c1 > c0 and r0 >= first_data}


def classify_rows(cells: np.ndarray, first_data: int, columns: list[Column], merged: list,
                  read: set[int], is_group: Callable[[str], bool],
                  factorised: list[Factorised] | None = None) -> RowKinds:
    """Sort the rows under a header into data and the rows that are not data.

    Args:
        cells: the data rows as a 2-D object array (rows x all columns of the sheet).
        first_data: the 0-based index of the first row under the header.
        columns: the header's columns; `read` holds the indexes of those that are read.
        is_group: tells whether a heading row's text names a group of the rows below (a category).
        factorised: each column of `cells` factorised (see `factorise`), when the caller has them.
    """
    n_rows, width = cells.shape
    if factorised is None:
        factorised = [factorise(cells[:, c]) for c in range(width)]
    excel_rows = np.arange(first_data + 1, first_data + 1 + n_rows)
    silent = {c.index for c in columns if headings.fold(c.heading) in SILENT_HEADINGS}
    read_cols = sorted(c for c in read if c < width and c not in silent)
    filled = np.empty((n_rows, width), dtype=bool)
    for c in range(width):
        filled[:, c] = ~_per_unique_mask(factorised[c], _says_nothing, True)
    # Numbers and numbering («1.», «1.1», «IV») in a column that is not read say nothing of the row's data;
    # in a column that is read (counts, years) they are its data.
    content = filled.copy()
    for c in set(range(width)) - set(read_cols):
        content[:, c] &= ~_per_unique_mask(factorised[c], _numbering, False)
    n_content = content.sum(axis=1)
    any_filled = filled.any(axis=1)
    read_content = content[:, read_cols].any(axis=1) if read_cols else np.zeros(n_rows, dtype=bool)
    leftmost = min((c.index for c in columns), default=0)
    # A totals row has no date (an event titled «Всего понемногу» has one), or the word in the date's place.
    date_col = next((c.index for c in columns if c.field == "date" and c.index < width), None)
    if date_col is None:
        dateless = np.ones(n_rows, dtype=bool)
    else:
        dateless = ~filled[:, date_col] | _per_unique_mask(
            factorised[date_col], lambda v: isinstance(v, str) and bool(TOTAL_TEXT.search(v)), False)
    total = np.zeros(n_rows, dtype=bool)
    for i in np.flatnonzero(dateless & any_filled):
        total[i] = _row_matches(cells[i], TOTAL_TEXT)
    # The first rows under the header may number its columns: not data, whatever the columns are.
    column_numbers = [i for i in range(min(n_rows, 2)) if _numbers_the_columns(cells[i])]
    total[column_numbers] = False
    any_filled[column_numbers] = False
    merged_rows = _merged_across(merged, first_data)
    by_field = {c.index: c.field for c in columns}
    read_content = content[:, read_cols].any(axis=1) if read_cols else np.zeros(n_rows, dtype=bool)
    # Only rows with few cells or nothing in a read column need a closer look.
    doubtful = any_filled & ~total & ((n_content <= 2) | ~read_content)
    not_data = ~any_filled | total
    totals = [int(r) for r in excel_rows[total & any_filled]]
    sections, signatures, numbered, unmapped = [], [], [], []
    month_at = np.full(n_rows, np.nan)  # set on month headings, carried down to the rows below
    group_at = np.full(n_rows, None, dtype=object)  # a group's text, or "" where a section ends the group
    group_rows: dict[int, str] = {}
    for i in np.flatnonzero(doubtful):
        row = int(excel_rows[i])
        if n_content[i] == 0:
            numbered.append(row)
            not_data[i] = True
            continue
        texts = [(c, cells[i, c]) for c in np.flatnonzero(content[i])]
        first_text = str(texts[0][1]).strip()
        if _row_matches(cells[i], _SIGNATURE):
            signatures.append((row, first_text[:80]))
            not_data[i] = True
            continue
        if n_content[i] == 1 and isinstance(texts[0][1], str):
            c = int(texts[0][0])
            month_key = SHEET_YEAR.sub(" ", first_text.lower().replace("ё", "е"))
            heading_month = MONTH_BY_NAME.get(re.sub(r"\s+(?:г|года|год)\.?$", "", month_key.strip(" :.")).strip())
            a_date = by_field.get(c) == "date" and heading_month is None and any(ch.isdigit() for ch in first_text)
            # A heading inside the table: merged across it, in its first column, or in a column that is
            # read but not a name (a lone title is an event without a date; a lone note is unread data).
            if not a_date and (row in merged_rows or first_text.endswith(":") or heading_month is not None
                               or c <= leftmost or (c in read and by_field.get(c) not in ("title", "partner"))):
                sections.append((row, first_text[:80], c))
                if heading_month is not None:
                    month_at[i] = heading_month
                elif by_field.get(c) == "category" or is_group(first_text):
                    group_at[i] = group_rows[row] = first_text.rstrip(": ")
                else:  # a section that names no group («Работа с учреждениями образования») ends the group
                    group_at[i] = ""
                not_data[i] = True
                continue
        if not read_content[i]:
            unmapped.append((row, first_text[:60]))
            not_data[i] = True
    data = np.flatnonzero(~not_data)
    months = pd.Series(month_at).ffill().to_numpy()[data]
    groups = pd.Series(group_at, dtype=object).ffill().to_numpy()[data]
    data_rows = excel_rows[data]
    return RowKinds(
        data, totals, sections, signatures, numbered, unmapped,
        {int(data_rows[i]): int(months[i]) for i in np.flatnonzero(months == months)},
        {int(data_rows[i]): groups[i] for i in np.flatnonzero(groups.astype(bool))},
        group_rows,
        [int(excel_rows[i]) for i in column_numbers],
    )
