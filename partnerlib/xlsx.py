"""Writing xlsx workbooks from DataFrames, keeping text as text (no formula is ever made from a cell's text)."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

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


def _cell(ws, value):
    value = _plain(value)
    if isinstance(value, str):
        return text_cell(ws, value)
    if isinstance(value, (dt.datetime, dt.date)):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, (list, tuple, set)):
        return text_cell(ws, "; ".join(map(str, value)))
    return WriteOnlyCell(ws, value=value)


def write_workbook(
    sheets: Mapping[str, pd.DataFrame],
    *,
    headers: Mapping[str, Sequence[str]] | None = None,
    widths: Mapping[str, Sequence[int]] | None = None,
) -> bytes:
    """Write DataFrames as the sheets of one xlsx workbook.

    Args:
        sheets: sheet title -> frame; columns in frame order, values typed (numbers stay numbers,
            dates become Excel dates, every string is stored as text).
        headers: optional sheet title -> header texts to write instead of the column names.
        widths: optional sheet title -> column widths in characters (otherwise estimated).

    Returns:
        The workbook as bytes.
    """
    wb = Workbook(write_only=True)
    for title, frame in sheets.items():
        ws = wb.create_sheet(sheet_title(title))
        names = list(headers[title]) if headers and title in headers else [str(c) for c in frame.columns]
        col_widths = list(widths[title]) if widths and title in widths else _estimate_widths(frame, names)
        for i, width in enumerate(col_widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
        header_cells = []
        for name in names:
            cell = text_cell(ws, name)
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = HEADER_ALIGN
            header_cells.append(cell)
        ws.append(header_cells)
        for row in frame.itertuples(index=False, name=None):
            ws.append([_cell(ws, v) for v in row])
    if not sheets:
        wb.create_sheet("Sheet")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


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
