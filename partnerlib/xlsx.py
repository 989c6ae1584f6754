"""Writing xlsx workbooks from DataFrames, keeping text as text (no formula is ever made from a cell's text)."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence

import pandas as pd
import xlsxwriter
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from partnerlib import safe

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="2F5597")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "DD.MM.YYYY"
MAX_SHEET_TITLE = 31


def sheet_title(name: str) -> str:
    """A valid Excel sheet title: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in str(name)).strip() or "Sheet"
    return cleaned[:MAX_SHEET_TITLE]


def text_cell(ws, value: str) -> WriteOnlyCell:
    """A cell that holds `value` as text, even when it starts like a formula (`safe.formula_like`)."""
    value = safe.spreadsheet(value)
    cell = WriteOnlyCell(ws, value=value)
    # openpyxl marks a string beginning with "=" as a formula; force it back to a string cell.
    cell.data_type = "s"
    if safe.formula_like(value):
        # Excel's own marker for "this is text": keeps a later edit of the cell from turning it live.
        cell.style = "Normal"
        cell.quotePrefix = True
    return cell


def _plain(value):
    """A Python value openpyxl can store, or None for missing values."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()  # numpy scalars
    return value


def write_workbook(
    sheets: Mapping[str, pd.DataFrame],
    *,
    headers: Mapping[str, Sequence[str]] | None = None,
    widths: Mapping[str, Sequence[int]] | None = None,
) -> bytes:
    """Write DataFrames as the sheets of one xlsx workbook, row by row (XlsxWriter's constant-memory mode:
    no object per cell, each row goes to the file as it is written).

    Args:
        sheets: sheet title -> frame; columns in frame order, values typed (numbers stay numbers,
            dates become Excel dates, every string is stored as text — one starting like a formula gets
            Excel's text marker, so a later edit does not make it live either).
        headers: optional sheet title -> header texts to write instead of the column names.
        widths: optional sheet title -> column widths in characters (otherwise estimated).

    Returns:
        The workbook as bytes.
    """
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"constant_memory": True, "strings_to_formulas": False,
                                   "strings_to_numbers": False, "strings_to_urls": False, "remove_timezone": True})
    wb.set_properties({"created": _EPOCH})  # the same tables give the same bytes
    header = wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#2F5597", "text_wrap": True,
                            "valign": "top"})
    date = wb.add_format({"num_format": DATE_FORMAT})
    quoted = wb.add_format({"quote_prefix": True})
    for title, frame in sheets.items():
        ws = wb.add_worksheet(sheet_title(title))
        names = list(headers[title]) if headers and title in headers else [str(c) for c in frame.columns]
        col_widths = list(widths[title]) if widths and title in widths else _estimate_widths(frame, names)
        for i, width in enumerate(col_widths):
            ws.set_column(i, i, width)
        ws.freeze_panes(1, 0)
        for c, name in enumerate(names):
            ws.write_string(0, c, name, header)

        def text(r, c, v, ws=ws):
            v = safe.spreadsheet(v)
            if safe.formula_like(v):
                ws.write_string(r, c, v, quoted)
            else:
                ws.write_string(r, c, v)

        def when(r, c, v, ws=ws):
            ws.write_datetime(r, c, v, date)

        def listed(r, c, v):
            text(r, c, "; ".join(map(str, v)))

        writers = {str: text, int: ws.write_number, float: ws.write_number, bool: ws.write_boolean,
                   dt.datetime: when, dt.date: when, list: listed, tuple: listed, set: listed}
        columns = [_column_values(frame.iloc[:, i]) for i in range(frame.shape[1])]
        for r, row in enumerate(zip(*columns, strict=True), start=1):
            for c, v in enumerate(row):
                if v is not None:
                    writers.get(type(v), _fallback(text))(r, c, v)
    if not sheets:
        wb.add_worksheet("Sheet")
    wb.close()
    return buf.getvalue()


_EPOCH = dt.datetime(2000, 1, 1)


def _fallback(text):
    """A writer for values of other types (a str subclass, say): their text."""
    return lambda r, c, v: text(r, c, str(v))


def _column_values(column: pd.Series) -> list:
    """A column as plain Python values (None for missing ones), converted once per column, not per cell."""
    if pd.api.types.is_datetime64_any_dtype(column):
        return [None if pd.isna(v) else v.to_pydatetime().replace(tzinfo=None) for v in column]
    if pd.api.types.is_float_dtype(column):
        return [None if math.isnan(v) else v for v in column.tolist()]
    if pd.api.types.is_bool_dtype(column) or pd.api.types.is_integer_dtype(column):
        return [None if pd.isna(v) else v for v in column.astype(object).tolist()]
    return [_plain(v) for v in column.tolist()]


def _estimate_widths(frame: pd.DataFrame, names: Sequence[str]) -> list[int]:
    """Column widths from the header and a sample of the values, clamped to a readable range."""
    sample = frame.head(200)
    widths = []
    for i, name in enumerate(names):
        longest = len(str(name))
        if i < sample.shape[1]:
            lengths = sample.iloc[:, i].dropna().astype(str).str.len()
            if len(lengths):
                longest = max(longest, int(lengths.max()))
        widths.append(max(8, min(60, longest + 2)))
    return widths
