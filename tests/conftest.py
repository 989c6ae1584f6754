"""Shared builders of test workbooks (xlsx, xlsm, xls, ods, csv, zip parts) and fake uploads."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence

import openpyxl
import pytest

Rows = Sequence[Sequence[object]]


def xlsx_bytes(sheets: Mapping[str, Rows], merges: Mapping[str, Iterable[str]] | None = None) -> bytes:
    """An .xlsx written by openpyxl: one sheet per item, rows from row 1 (None = an empty cell).

    `merges` maps a sheet name to ranges such as "A3:A5"; openpyxl keeps the top-left value only,
    as Excel does.
    """
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for ref in (merges or {}).get(name, ()):
            ws.merge_cells(ref)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsm_bytes(sheets: Mapping[str, Rows]) -> bytes:
    """An .xlsm: the .xlsx of `sheets` with the macro-enabled content type Excel gives .xlsm files."""
    parts = zip_parts(xlsx_bytes(sheets))
    types = parts["[Content_Types].xml"].decode("utf-8")
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    assert main in types
    parts["[Content_Types].xml"] = types.replace(main, "application/vnd.ms-excel.sheet.macroEnabled.main+xml").encode()
    return zip_bytes(parts)


def xls_bytes(sheets: Mapping[str, Rows], merges: Mapping[str, Iterable[tuple[int, int, int, int]]] | None = None,
              ) -> bytes:
    """An old-style .xls written by xlwt. Dates become Excel dates; `merges` are (r0, r1, c0, c1), 0-based."""
    xlwt = pytest.importorskip("xlwt", reason="xlwt is needed to write .xls test files")
    wb = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    for name, rows in sheets.items():
        ws = wb.add_sheet(name)
        merged = {(r0, c0): (r1, c1) for r0, r1, c0, c1 in (merges or {}).get(name, ())}
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                style = date_style if isinstance(value, (dt.date, dt.datetime)) else xlwt.Style.default_style
                if (r, c) in merged:
                    r1, c1 = merged[(r, c)]
                    ws.write_merge(r, r1, c, c1, value, style)
                else:
                    ws.write(r, c, value, style)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def ods_bytes(sheets: Mapping[str, Rows]) -> bytes:
    """An .ods written by pandas with odfpy: one sheet per item, rows from row 1."""
    pytest.importorskip("odf", reason="odfpy is needed to write .ods test files")
    import pandas as pd

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="odf") as writer:
        for name, rows in sheets.items():
            pd.DataFrame([list(r) for r in rows]).to_excel(writer, sheet_name=name, index=False, header=False)
    return buf.getvalue()


def csv_bytes(rows: Rows, *, delimiter: str = ";", encoding: str = "cp1251", bom: bool = False,
              newline: str = "\r\n") -> bytes:
    """A CSV as Excel saves it: fields joined by `delimiter`, quoted when they hold it, a quote or a newline."""
    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        if any(ch in text for ch in (delimiter, '"', "\n", "\r")):
            text = '"' + text.replace('"', '""') + '"'
        return text

    text = newline.join(delimiter.join(cell(v) for v in row) for row in rows) + newline
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def zip_parts(data: bytes) -> dict[str, bytes]:
    """The parts of a zip container (xlsx, ods) by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def zip_bytes(parts: Mapping[str, bytes]) -> bytes:
    """A deflated zip of the given parts, in order."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    return buf.getvalue()


class FakeUpload(io.BytesIO):
    """What `st.file_uploader` returns: a BytesIO with `.name`, `.size`, `.type`, `.file_id` and `.getvalue()`.

    `reads` counts the calls of `.read()`, so that a test can tell a file refused unread.
    """

    def __init__(self, data: bytes, name: str, mime: str = "application/octet-stream"):
        super().__init__(data)
        self.name = name
        self.size = len(data)
        self.type = mime
        self.file_id = "test-upload"
        self.reads = 0

    def read(self, *args):
        self.reads += 1
        return super().read(*args)


@pytest.fixture
def upload():
    """Factory of fake Streamlit uploads: `upload(data, "name.xlsx")` -> FakeUpload."""
    return FakeUpload
