"""The Excel summary: one sheet per measure by year, numbers as numbers, every text kept as text."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from partnerlib import branches, form6nk, metrics
from partnerlib.i18n import category_name, format_label, t
from partnerlib.model import FORMATS, Dataset
from partnerlib.textfit import clean
from partnerlib.xlsx import HEADER_ALIGN, HEADER_FILL, HEADER_FONT, sheet_title, text_cell

# Number formats: counts with a space between thousands, shares and changes with one decimal, years bare.
INT_FORMAT = "# ##0"
SHARE_FORMAT = "0.0"
YEAR_FORMAT = "0"
TOP_PARTNERS = 20

def _label(category, lang: str) -> str:
    """A category's label; a category of the sheet's own is shown as written, less control characters."""
    return clean(category_name(category, lang))


def _x(key: str, lang: str) -> str:
    return t("summary." + key, lang)


# A column of a summary sheet: its header and its kind ("year", "int", "share" or "text").
Column = tuple[str, str]


def summary_tables(ds: Dataset, lang: str = "ru", year: int | None = None
                   ) -> dict[str, tuple[list[Column], pd.DataFrame]]:
    """The sheets of the summary: sheet title -> (columns, frame), every figure from `partnerlib.metrics`.

    Every sheet by year covers the same years (those of `metrics.yearly`), missing cells as 0. When the data
    hold several libraries, «Свод» (the libraries × measures of `year`, by default the last year with events,
    with the system's total) and one sheet per library come first (`branch_tables`).
    """
    yearly = metrics.yearly(ds)
    years = [int(y) for y in yearly["year"]]
    out: dict[str, tuple[list[Column], pd.DataFrame]] = branch_tables(ds, lang, year)

    by_cat = metrics.partners_by_category(ds)
    present = set(by_cat["category"].astype(str)) if len(by_cat) else set()
    cats = [c for c in metrics.categories(ds) if c in present] + sorted(present - set(metrics.categories(ds)))
    counts = _wide(by_cat, "category", "partners", years, cats)
    counts["_total"] = yearly["active_partners"].to_numpy() if years else []
    cols = [(t("col_year", lang), "year"), *[(_label(c, lang), "int") for c in cats],
            (_x("total_partners", lang), "int")]
    out[_x("sheet_partners", lang)] = (cols, counts.reset_index())
    shares = _wide(by_cat, "category", "share", years, cats)
    cols = [(t("col_year", lang), "year"), *[(_label(c, lang), "share") for c in cats]]
    out[_x("sheet_shares", lang)] = (cols, shares.reset_index())

    formats = _wide(metrics.formats_by_year(ds), "format", "events", years, list(FORMATS))
    formats["_total"] = yearly["events"].to_numpy() if years else []
    formats["_online"] = yearly["online_share"].to_numpy() if years else []
    cols = [(t("col_year", lang), "year"), *[(format_label(f, lang).capitalize(), "int") for f in FORMATS],
            (_x("total_events", lang), "int"), (_x("online_share", lang), "share")]
    out[_x("sheet_formats", lang)] = (cols, formats.reset_index())

    reach = metrics.reach_by_year(ds)
    # Participants and views stay in columns of their own: different measures, never added up.
    frame = reach[["year", "events", "participants", "participants_change", "views", "views_change"]]
    cols = [(t("col_year", lang), "year"), (t("col_events", lang), "int"), (t("col_participants", lang), "int"),
            (t("col_participants_change", lang), "share"), (t("col_views", lang), "int"),
            (t("col_views_change", lang), "share")]
    out[_x("sheet_reach", lang)] = (cols, frame)

    top = metrics.top_partners(ds, by="events", n=TOP_PARTNERS)
    top = top.assign(partner=top["partner"].map(clean),
                     category=[_label(c, lang) for c in top["category"]])
    cols = [(t("col_partner", lang), "text"), (t("col_category", lang), "text"), (t("col_events", lang), "int"),
            (t("col_participants", lang), "int"), (t("col_views", lang), "int")]
    out[_x("sheet_top", lang)] = (cols, top[["partner", "category", "events", "participants", "views"]])

    # The partnership events in the lines of form 6-НК, a column per year, and the note under them.
    form = form6nk.table(ds)
    lines = form6nk.lines(form, lang)
    lines = pd.concat([lines, pd.DataFrame({"line": [form6nk.note(form, lang)]})], ignore_index=True)
    cols = [(t("col_line", lang), "text"), *[(str(y), "int") for y in form["year"]]]
    out[_x("sheet_form6nk", lang)] = (cols, lines)
    return out


def _measure_columns(lang: str) -> list[Column]:
    return [(t(f"col_{m}", lang), "share" if m == "online_share" else "int") for m in branches.MEASURES]


def branch_tables(ds: Dataset, lang: str = "ru", year: int | None = None
                  ) -> dict[str, tuple[list[Column], pd.DataFrame]]:
    """«Свод» and one sheet per library, when the data hold several (else none): title -> (columns, frame).

    «Свод»: for `year` (by default the last year with events) a row per library and the system's total
    (`branches.branch_table`), then a line saying that a partner of several libraries counts once in the
    total. Each library's sheet: its figures for every year.
    """
    table = branches.branch_table(ds)
    if not branches.several(table):
        return {}
    if year is None:
        year = int(table.loc[table["events"] > 0, "year"].max())
    out: dict[str, tuple[list[Column], pd.DataFrame]] = {}
    rows = branches.year_rows(table, year, lang)
    rows["library"] = rows["library"].map(clean)
    note = t("branches_shared", lang, year=year, n=branches.shared(table, year))
    rows = pd.concat([rows, pd.DataFrame({"library": [note]})], ignore_index=True)
    library_heading = t("col_library", lang) + ", " + t("year", lang).lower() + f" {year}"
    out[_x("sheet_roll_up", lang)] = ([(library_heading, "text"), *_measure_columns(lang)], rows)
    for name in dict.fromkeys(table["library"]):
        if name == branches.TOTAL:
            continue
        title = sheet_title(clean(branches.library_label(name, lang)))
        while title in out:  # two names alike once cut to Excel's 31 characters
            title = sheet_title(title[:27] + f" ({len(out)})")
        part = table[table["library"] == name]
        out[title] = ([(t("col_year", lang), "year"), *_measure_columns(lang)],
                      part[["year", *branches.MEASURES]].reset_index(drop=True))
    return out


def _wide(table: pd.DataFrame, column: str, value: str, years: list[int], order: list[str]) -> pd.DataFrame:
    """A long metrics table as years × `order`, missing cells 0."""
    if table.empty:
        wide = pd.DataFrame(0, index=pd.Index(years, name="year"), columns=order)
    else:
        wide = table.pivot_table(index="year", columns=column, values=value, aggfunc="sum", observed=True)
        wide = wide.reindex(index=years, columns=order).fillna(0)
    wide.index.name = "year"
    return wide


def build_summary(ds: Dataset, lang: str = "ru", library: str | None = None, year: int | None = None) -> bytes:
    """The Excel summary as .xlsx bytes: partners by category (counts and shares), events by format,
    participants and views (separate columns), top partners; styled headers, Russian number formats. For
    a library system first «Свод» of `year` and a sheet per library (`branch_tables`).

    Every text from the sheets (partner and category names) is stored as a text cell, never a formula.
    """
    wb = Workbook(write_only=True)
    wb.properties.creator = "Partnerlib"
    if library and library.strip():  # the library's name (and city) set on the Data page
        wb.properties.title = clean(library)
        wb.properties.company = clean(library)
    for title, (columns, frame) in summary_tables(ds, lang, year).items():
        _write_sheet(wb, title, columns, frame)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _write_sheet(wb, title: str, columns: Sequence[Column], frame: pd.DataFrame) -> None:
    ws = wb.create_sheet(sheet_title(title))
    for i, (header, kind) in enumerate(columns, start=1):
        width = 48 if kind == "text" and i == 1 else max(10, min(40, len(header) + 3))
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    heads = []
    for header, _ in columns:
        cell = text_cell(ws, header)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGN
        heads.append(cell)
    ws.append(heads)
    kinds = [kind for _, kind in columns]
    for values in frame.itertuples(index=False, name=None):
        ws.append([_cell(ws, v, kind) for v, kind in zip(values, kinds, strict=True)])


def _cell(ws, value, kind: str):
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return WriteOnlyCell(ws, value=None)
    if kind == "text":
        return text_cell(ws, str(value))
    number = float(value)
    if kind == "share":
        cell = WriteOnlyCell(ws, value=number)
        cell.number_format = SHARE_FORMAT
        return cell
    cell = WriteOnlyCell(ws, value=round(number))
    cell.number_format = YEAR_FORMAT if kind == "year" else INT_FORMAT
    return cell
