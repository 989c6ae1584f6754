"""Reading a director's workbook (xlsx, xlsm, xls, ods, csv) into the canonical partners and events tables."""

from __future__ import annotations

import csv
import gc
import io
import itertools
import os
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from partnerlib import layout, model, register, sandbox, settings
from partnerlib.categories import category_label, match_category, match_level
from partnerlib.errors import ERROR, INFO, WARNING, Problem, UnreadableFile, problems_frame
from partnerlib.i18n import Phrase, t
from partnerlib.i18n import column_label as field_label
from partnerlib.identity import repeated_events
from partnerlib.values import (
    CONTROL_CHARACTERS,
    DATE_FAILURES,
    DATE_NOTES,
    DIRECTION_CHARACTERS,
    SEVERITY,
    clean_text,
    is_blank,
    known_partner_keys,
    normalise_name,
    normalise_platform_cell,
    parse_audience,
    parse_count,
    parse_date,
    parse_format,
    parse_year,
    partner_splitter,
    read_place,
)

HEADER_SEARCH_ROWS = 20
# A workbook's parts may unpack to at most this many times the upload limit (zip bombs),
MAX_UNPACK_RATIO = 12
# and to at most this many times the file's own size, or MIN_UNPACK_CAP, whichever is larger: real
# workbooks unpack to 10–30 times their size; a small file that unpacks to hundreds of MB is a zip bomb.
MAX_PACK_RATIO = 100
MIN_UNPACK_CAP = 32 * 1024 * 1024
# Bytes read from the start of each XML part to look for DTD declarations (entity expansion attacks)
# before the parser is started; the rest of each part is looked through while it runs, in chunks of
# XML_CHUNK_BYTES that overlap by XML_OVERLAP_BYTES, so that no declaration or cell is cut in two.
XML_HEAD_BYTES = 64 * 1024
XML_CHUNK_BYTES = 1024 * 1024
XML_OVERLAP_BYTES = 512
# A cell is a stray far outside a sheet's data (a key pressed at XFD1048576) when the gap before its
# row is more than FAR_ROWS and ten times the rows before it, or the gap before its column more than
# FAR_COLUMNS and ten times the columns before it. The parser would allocate the whole rectangle.
FAR_ROWS = 1000
FAR_COLUMNS = 100
FAR_FACTOR = 10
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')

Progress = Callable[[float, str], None]


@dataclass
class SheetInfo:
    """What was made of one sheet: its kind, header row, rows read, and what each column was read as."""

    name: str
    kind: str
    header_row: int | None = None
    rows_read: int = 0
    columns: dict[str, str] = field(default_factory=dict)  # canonical field -> heading as written
    skipped: str | None = None  # why a sheet was not read: empty, summary, hidden, no_columns, no_date, …
    headings: list[layout.Column] = field(default_factory=list)  # every column of the header
    signature: str = ""  # the folded headings, the key of the director's remembered choices
    library: str | None = None  # the library the sheet's name gives, for sheets without a library column
    fields_at: dict[str, int] = field(default_factory=dict)  # canonical field -> 0-based column

    def as_dict(self) -> dict:
        """The sheet as `check --json` gives it: name, kind, header row, rows read, why skipped, columns."""
        return {
            "name": self.name, "kind": self.kind, "header_row": self.header_row, "rows_read": self.rows_read,
            "skipped": self.skipped,
            "columns": {c.heading: ("partners" if c.field == "partner" and self.kind == model.EVENTS else c.field)
                        for c in self.headings},
        }


@dataclass
class ImportResult:
    """The tables read from one file and every problem found in it."""

    partners: pd.DataFrame
    events: pd.DataFrame
    event_partners: pd.DataFrame
    problems: list[Problem]
    filename: str | None = None
    sheets: list[SheetInfo] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when something usable was read (warnings allowed)."""
        return bool(len(self.partners) or len(self.events))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    def problems_frame(self, lang: str = "ru") -> pd.DataFrame:
        """The problems as a table: severity, sheet, Excel row, column, value, message."""
        return problems_frame(self.problems, lang)

    def problems_xlsx(self, lang: str = "ru") -> bytes:
        """The problems as an xlsx workbook for the director to work through in Excel."""
        from partnerlib.i18n import column_label, t
        from partnerlib.xlsx import write_workbook

        frame = self.problems_frame(lang)
        frame["severity"] = frame["severity"].map(lambda s: t(f"severity_{s}", lang))
        title = t("sheet_problems", lang)
        return write_workbook({title: frame}, headers={title: [column_label(c, lang) for c in frame.columns]})

    def sheets_frame(self) -> pd.DataFrame:
        """What was made of each sheet: name, kind, header row, rows read."""
        return pd.DataFrame(
            [(s.name, s.kind, s.header_row, s.rows_read) for s in self.sheets],
            columns=["sheet", "kind", "header_row", "rows_read"],
        )

    def chosen_columns(self) -> dict[str, dict[str, str | None]]:
        """The director's choices of columns, by sheet signature, to remember for the next file."""
        return {
            sheet.signature: {layout.headings.fold(c.heading): c.field for c in sheet.headings
                              if c.how == layout.headings.CHOSEN}
            for sheet in self.sheets
            if sheet.signature and any(c.how == layout.headings.CHOSEN for c in sheet.headings)
        }

    def partners_named(self) -> int:
        """How many partners the file names: those of its register and those its events name, each once
        (spellings that `normalise_name` folds alike are one)."""
        names = [*self.partners["partner"].dropna(), *self.event_partners["partner"].dropna()]
        return len({normalise_name(n) for n in names})

    def partners_said(self, lang: str = "ru") -> str:
        """That count as the summaries say it: «5», or «5 (в реестре — 2)» when the register holds fewer."""
        from partnerlib import fmt
        from partnerlib.i18n import t

        named, register = self.partners_named(), len(self.partners)
        if named == register:
            return fmt.number(named, lang)
        return t("partners_in_register", lang, named=fmt.number(named, lang), register=fmt.number(register, lang))

    def dataset(self, source: str = "upload") -> model.Dataset:
        """The tables read, as a Dataset for the dashboard and the exports."""
        return model.Dataset(self.partners, self.events, self.event_partners, source, self.filename or "")


def max_upload_bytes() -> int:
    """The upload limit in bytes: `PARTNERLIB_MAX_UPLOAD_MB` or 50 MB (see settings.max_upload_bytes)."""
    return settings.max_upload_bytes()


def read_workbook(
    source: str | os.PathLike | bytes | io.IOBase,
    filename: str | None = None,
    *,
    max_bytes: int | None = None,
    progress: Progress | None = None,
    choices: layout.Choices | None = None,
) -> ImportResult:
    """Read partners and events from a spreadsheet.

    Args:
        source: a path, the file's bytes, or a binary file object (such as Streamlit's upload).
        filename: the file's name, a hint for its type and the name used in messages.
        max_bytes: the size limit (default `max_upload_bytes()`); larger files are refused unread.
        progress: optional callback `(fraction, sheet name)` called as sheets are read.
        choices: the director's choices of columns' fields and sheets' kinds (see `layout.Choices`).

    Returns:
        An ImportResult. A file that cannot be used at all gives empty tables and one error problem;
        this function does not raise for bad input.
    """
    limit = max_upload_bytes() if max_bytes is None else max_bytes
    try:
        data, name = _load_bytes(source, filename, limit)
        grids = _read_grids(data, name, limit)
    except UnreadableFile as exc:
        return _empty_result([exc.problem], filename or _name_of(source))
    # The cells are a million objects without cycles: the collector would only walk them over and over.
    collecting = gc.isenabled()
    gc.disable()
    try:
        result = _assemble(grids, name, progress, choices)
    finally:
        if collecting:
            gc.enable()
    result.problems[:0] = [p for grid in grids for p in grid.problems]
    return result


# ---------------------------------------------------------------- bytes and file types

def _name_of(source) -> str | None:
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    return getattr(source, "name", None)


def _load_bytes(source, filename: str | None, limit: int) -> tuple[bytes, str]:
    name = filename or _name_of(source) or "file"
    size_mb = lambda n: f"{n / 1024 / 1024:.1f}".replace(".", ",")  # noqa: E731
    limit_mb = f"{limit / 1024 / 1024:g}".replace(".", ",")
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            size = path.stat().st_size
            if size > limit:
                raise UnreadableFile("file_too_large", size_mb=size_mb(size), limit_mb=limit_mb)
            data = path.read_bytes()
        except OSError as exc:
            raise UnreadableFile("unreadable", detail=exc.strerror or type(exc).__name__) from None
    elif isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    else:
        size = getattr(source, "size", None)
        if isinstance(size, int) and size > limit:
            raise UnreadableFile("file_too_large", size_mb=size_mb(size), limit_mb=limit_mb)
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(limit + 1)
    if len(data) > limit:
        raise UnreadableFile("file_too_large", size_mb=size_mb(len(data)), limit_mb=limit_mb)
    if not data:
        raise UnreadableFile("file_empty")
    return data, name


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SIGNATURES = [
    (b"%PDF", "detail.pdf"),
    (b"\x89PNG", "detail.png"),
    (b"\xff\xd8\xff", "detail.jpeg"),
    (b"GIF8", "detail.gif"),
    (b"Rar!", "detail.rar"),
    (b"7z\xbc\xaf", "detail.7z"),
    (b"\x1f\x8b", "detail.gzip"),
    (b"{\\rtf", "detail.rtf"),
]


def _sniff(data: bytes, name: str) -> str:
    """The file's type from its first bytes: xlsx, ods, xls or csv; raises UnreadableFile otherwise."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head == _OLE:
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data[:65536 * 8]:
            raise UnreadableFile("encrypted")
        if b"W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t" in data[:65536]:
            raise UnreadableFile("not_spreadsheet", detail=Phrase("detail.word"))
        return "xls"
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise UnreadableFile("not_spreadsheet", detail=Phrase(what))
    sample = data[:4096]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"\xef\xbb\xbf", "utf-8")):
        if sample.startswith(bom):
            head = sample[len(bom):].decode(codec, errors="ignore")
            break
    else:
        utf16 = _utf16_without_bom(sample)
        if utf16 is None and _looks_binary(sample):
            raise UnreadableFile("not_spreadsheet", detail=Phrase("detail.binary"))
        head = sample.decode(utf16 or "latin-1", errors="ignore")
    markup = _markup_kind(head)
    if markup:
        raise UnreadableFile("not_spreadsheet", detail=markup)
    return "csv"


def _looks_binary(sample: bytes) -> bool:
    """True when bytes are not text: more than a stray NUL or two, or many other control bytes."""
    controls = sum(sample.count(bytes([c])) for c in (*range(0, 8), 11, 12, *range(14, 27), *range(28, 32)))
    return sample.count(0) > 2 or controls > max(2, len(sample) // 100)


_LEADING_NOISE = re.compile(r"\A(?:\s+|<!--.*?-->|<\?xml[^>]*>)*", re.DOTALL)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|table|style|script|link|div|tr|td)\b",
                         re.IGNORECASE)


def _markup_kind(head: str) -> Phrase | None:
    """What a text file is when it is markup rather than a CSV (a web page saved as .xls), or None."""
    rest = head[_LEADING_NOISE.match(head).end():]
    if _HTML_START.match(rest) or (rest.startswith("<") and re.search(r"<(?:html|table)\b", head, re.I)):
        return Phrase("detail.html")
    if "urn:schemas-microsoft-com:office:spreadsheet" in head:
        return Phrase("detail.xml2003")
    if head.lstrip().startswith("<?xml"):
        return Phrase("detail.xml")
    return None


def _check_zip(data: bytes, limit: int) -> str:
    """Inspect a zip container before parsing: its kind (xlsx/ods) and its unpacked size."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            unpacked = sum(i.file_size for i in infos)
            cap = min(max(limit, 1) * MAX_UNPACK_RATIO, max(len(data) * MAX_PACK_RATIO, MIN_UNPACK_CAP))
            if unpacked > cap:
                raise UnreadableFile("too_big_inside", size_mb=f"{unpacked / 1024 / 1024:.0f}")
            if any(_declares_entities(zf, i) for i in infos if sandbox.XML_PART.search(i.filename)):
                raise UnreadableFile("unreadable", detail=Phrase("detail.entities"))
            if "mimetype" in names:
                mimetype = zf.read("mimetype")[:100]
                if b"opendocument.spreadsheet" in mimetype:
                    return "ods"
                raise UnreadableFile("not_spreadsheet", detail=Phrase("detail.opendocument"))
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        raise UnreadableFile("unreadable", detail=Phrase("detail.bad_zip")) from None
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    if "word/document.xml" in names:
        raise UnreadableFile("not_spreadsheet", detail=Phrase("detail.word"))
    if "ppt/presentation.xml" in names:
        raise UnreadableFile("not_spreadsheet", detail=Phrase("detail.powerpoint"))
    raise UnreadableFile("not_spreadsheet", detail=Phrase("detail.zip"))


def _declares_entities(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """True when an XML part declares entities (billion laughs, external entities) near its start.

    The declarations must come before the root element, so the first bytes are enough. NUL bytes are
    dropped so that UTF-16 parts are searched too.
    """
    with zf.open(info) as part:
        head = part.read(XML_HEAD_BYTES)
    return bool(sandbox.DTD_DECLARATION.search(head.replace(b"\x00", b"")))


# ---------------------------------------------------------------- grids

@dataclass
class _Grid:
    name: str
    rows: list[list] | None  # None: the sheet could not be read (see `error`)
    merged: list[tuple[tuple[int, int], tuple[int, int]]]
    error: str | None = None
    problems: list[Problem] = field(default_factory=list)  # found while reading the cells (cleaned, trimmed)
    hidden: bool = False  # a hidden sheet (drop-down lists, helper tables)
    cells: np.ndarray | None = None  # the same cells as one 2-D array, when the worker gave them
    ids: np.ndarray | None = None  # and as numbers of the sheet's distinct `values` (see sandbox.Sheet.ids)
    values: np.ndarray | None = None


def _read_grids(data: bytes, name: str, limit: int) -> list[_Grid]:
    kind = _sniff(data, name)
    if kind == "zip":
        kind = _check_zip(data, limit)
    if kind == "csv":
        return [_csv_grid(data, name)]
    # The native parser runs in a bounded worker process: a file that makes it die, loop or panic
    # costs this read, never the server. While it runs, the file's XML is looked through here (or by the
    # workers, for a sheet they read in halves: they unpack its XML anyway).
    merged = kind != "ods"
    reading = sandbox.start_reading(data, merged=merged, max_bytes=limit)
    try:
        strays = _look_through_parts(data, reading.looked()) if kind in ("xlsx", "ods") else {}
        if strays:
            reading.cancel()
            data, trimmed = _without_cells(data, strays)
            reading = sandbox.start_reading(data, merged=merged, max_bytes=limit)
        book = reading.result()
    except sandbox.ReadFailed as exc:
        raise UnreadableFile("read_failed", detail=exc.detail) from None
    finally:
        reading.cancel()
    stray_problems = {sheet: _stray_problem(sheet, cells, region) for sheet, (cells, region) in
                      (trimmed.items() if strays else ())}
    if book.error is not None:
        raise _calamine_error(book.error)
    grids = []
    for sheet in book.sheets:
        if sheet.rows is None:
            if "password" in sheet.error.lower() or "encrypt" in sheet.error.lower():
                raise UnreadableFile("encrypted")
            grids.append(_Grid(sheet.name, None, [], _error_detail(sheet.error)))
            continue
        grid = _Grid(sheet.name, sheet.rows, sheet.merged, hidden=sheet.hidden, cells=sheet.cells, ids=sheet.ids,
                     values=sheet.values)
        if sheet.name in stray_problems:
            grid.problems.append(stray_problems[sheet.name])
        grid.problems.extend(_cleaned_problems(sheet))
        grids.append(grid)
    if not grids:
        raise UnreadableFile("no_sheets")
    return grids


def _look_through_parts(data: bytes, looked: dict[str, sandbox.Look] | None = None) -> dict[str, tuple[int, int]]:
    """Look through every XML part of an xlsx or ods to its end, a chunk at a time.

    looked: what the read's workers found in the parts ({part: sandbox.Look}) when they looked through
    them (a sheet read in halves); the parts they did not look at are looked through here.

    Raises UnreadableFile when a part declares entities anywhere. Returns, for each worksheet of an
    xlsx that has cells far outside its data, where the far part starts: {part name: (first far row,
    first far column)} (1-based; 0 when that direction has no stray). A sheet's cells are looked at one
    by one only when its rows or an unusual cell reference (a column past BZ, a row past 999,999) ask for it.
    """
    strays = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            if not sandbox.XML_PART.search(info.filename):
                continue
            sheet = sandbox.WORKSHEET_PART.match(info.filename) is not None
            look = (looked or {}).get(info.filename) or sandbox.look_through(_windows(zf, info), sheet)
            if look.entities:
                raise UnreadableFile("unreadable", detail=Phrase("detail.entities_sheet"))
            if sheet and (look.unusual or _far_start(_numbers(look.rows), FAR_ROWS)):
                far = _far_cells(zf, info)
                if far:
                    strays[info.filename] = far
    return strays


def _windows(zf: zipfile.ZipFile, info: zipfile.ZipInfo):
    """A part's bytes in chunks, each with the last bytes of the one before: nothing is cut in two."""
    tail = b""
    with zf.open(info) as part:
        while chunk := part.read(XML_CHUNK_BYTES):
            window = tail + chunk
            yield window
            tail = window[-XML_OVERLAP_BYTES:]


def _far_cells(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int] | None:
    """(first far row, first far column) of a worksheet's cells (0 for none), or None when none is far."""
    columns: set[bytes] = set()
    rows: set[bytes] = set()
    for window in _windows(zf, info):
        if found := _CELL_REF.findall(window):
            letters, digits = zip(*found, strict=True)
            columns.update(letters)
            rows.update(digits)
    far_row = _far_start(_numbers(rows), FAR_ROWS)
    far_column = _far_start(sorted(map(_column_number, columns)), FAR_COLUMNS)
    return (far_row, far_column) if far_row or far_column else None


def _far_start(values: list[int] | np.ndarray, min_gap: int) -> int:
    """The first of sorted row (or column) numbers that lies far beyond those before it; 0 for none."""
    values = np.asarray(values, dtype=np.int64)
    before = values[:-1]
    far = np.flatnonzero(values[1:] - before > np.maximum(min_gap, FAR_FACTOR * before))
    return int(values[far[0] + 1]) if len(far) else 0


def _numbers(digits: set[bytes]) -> np.ndarray:
    """Row numbers written as digits, sorted."""
    return np.sort(np.array(list(digits), dtype=bytes).astype(np.int64)) if digits else np.empty(0, np.int64)


def _column_number(letters: bytes) -> int:
    """An Excel column's number from its letters: b"A" -> 1, b"XFD" -> 16384."""
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


_CELL_ELEMENT = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*?(?:/>|>.*?</c>)', re.DOTALL)


def _without_cells(data: bytes, strays: dict[str, tuple[int, int]]) -> tuple[bytes, dict[str, tuple]]:
    """The xlsx without the far cells of `strays`, and for each sheet the cells left out and its data's region."""
    names = sandbox.sheet_names(data)
    left_out = {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zf, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in zf.infolist():
            blob = zf.read(info)
            if info.filename in strays:
                blob, cells, region = _trim_part(blob, *strays[info.filename])
                left_out[names.get(info.filename, info.filename)] = (cells, region)
            new.writestr(info, blob, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    return out.getvalue(), left_out


def _trim_part(blob: bytes, far_row: int, far_column: int) -> tuple[bytes, list[str], str]:
    """A worksheet part without its cells from `far_row` / `far_column` on, the cells, the region kept."""
    cells: list[str] = []
    extent = [1, 1]

    def keep(m: re.Match) -> bytes:
        row, column = int(m.group(2)), _column_number(m.group(1))
        if (far_row and row >= far_row) or (far_column and column >= far_column):
            cells.append((m.group(1) + m.group(2)).decode())
            return b""
        extent[0], extent[1] = max(extent[0], row), max(extent[1], column)
        return m.group(0)

    blob = _CELL_ELEMENT.sub(keep, blob)
    return blob, cells, f"A1:{_cell_name(extent[0] - 1, extent[1] - 1)}"


def _stray_problem(sheet: str, cells: list[str], region: str) -> Problem:
    shown = ", ".join(cells[:5])
    if len(cells) > 5:
        shown = Phrase("detail.and_more", shown=shown, n=len(cells) - 5)
    return Problem(WARNING, "far_cells", sheet, None, None, cells[0] if cells else None,
                   params={"cells": shown, "region": region, "count": len(cells)})


def _cleaned_problems(sheet: sandbox.Sheet) -> list[Problem]:
    """A warning for each cell the worker cleaned of control or direction characters."""
    return [
        Problem(WARNING, f"cell_{what}_removed", sheet.name, r + 1, None, _visible(original)[:80],
                params={"cell": _cell_name(r, c)})
        for r, c, what, original in sheet.cleaned or ()
    ]


def _cell_name(row: int, column: int) -> str:
    """The Excel name of a cell from its 0-based row and column: (0, 0) -> "A1"."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row + 1}"


def _visible(text: str) -> str:
    """Text with its control and direction characters shown as \\uXXXX, so the message itself is clean."""
    return "".join(f"\\u{ord(ch):04X}" if ch in _MARKED else ch for ch in text)


_MARKED = set(CONTROL_CHARACTERS + DIRECTION_CHARACTERS)


def _calamine_error(text: str) -> UnreadableFile:
    if "password" in text.lower() or "encrypt" in text.lower():
        return UnreadableFile("encrypted")
    return UnreadableFile("unreadable", detail=_error_detail(text))


def _internal_detail(exc: Exception) -> str:
    """What went wrong inside the reader, in the program's own words (for the report to the developers)."""
    return f"{type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else ''}".rstrip(": ")


def _error_detail(text: str) -> Phrase:
    """The parser's own words (English, technical), marked as such inside the message."""
    return Phrase("detail.parser", text=text.splitlines()[0][:160])


def _csv_grid(data: bytes, name: str) -> _Grid:
    sheet = Path(name).stem or "CSV"
    text, encodings, problems = _csv_text(data, sheet)
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, line_rows = [], []
    for record in reader:
        rows.append(record)
        line_rows.extend([len(rows)] * (reader.line_num - len(line_rows)))
    for line, (encoding, main) in encodings.items():
        if line < len(line_rows):
            problems.append(Problem(WARNING, "csv_row_encoding", sheet, line_rows[line],
                                    params={"encoding": encoding, "main": main}))
    for r, record in enumerate(rows):
        if any("\x00" in cell for cell in record):
            # PostgreSQL refuses NUL in text, and it is never typed: the row is damaged.
            problems.append(Problem(ERROR, "csv_nul", sheet, r + 1))
            rows[r] = []
    rows, cleaned = sandbox.clean_rows(rows)
    grid = _Grid(sheet, [[cell if cell.strip() else None for cell in r] for r in rows], [], None, problems)
    grid.problems.extend(_cleaned_problems(sandbox.Sheet(sheet, None, [], None, cleaned)))
    return grid


_ENCODING_NAMES = {"utf-8": "UTF-8", "cp1251": "Windows-1251"}


def _csv_text(data: bytes, sheet: str) -> tuple[str, dict[int, tuple[str, str]], list[Problem]]:
    """A CSV's text, and the lines written in another encoding than the rest: {line: (its, the file's)}.

    UTF-16 (with its BOM) and UTF-8 are tried for the whole file; a file that is not UTF-8 throughout
    is decoded line by line, each line in UTF-8 where it is valid UTF-8 and in Windows-1251 otherwise.
    A file with lines of both (two files put together) says so, and names the lines of the fewer.
    """
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace"), {}, []
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), {}, []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), {}, []
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    decoded, kinds = [], []
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
            kinds.append("utf-8" if not line.isascii() else None)
        except UnicodeDecodeError:
            decoded.append(line.decode("cp1251", errors="replace"))
            kinds.append("cp1251")
    counts = {k: kinds.count(k) for k in ("utf-8", "cp1251")}
    if not counts["utf-8"]:
        return "\n".join(decoded), {}, []
    main, other = sorted(counts, key=lambda k: -counts[k])
    problems = [Problem(WARNING, "csv_mixed_encodings", sheet, params={
        "main": _ENCODING_NAMES[main], "main_count": counts[main],
        "other": _ENCODING_NAMES[other], "other_count": counts[other]})]
    minority = {i: (_ENCODING_NAMES[other], _ENCODING_NAMES[main]) for i, k in enumerate(kinds) if k == other}
    return "\n".join(decoded), minority, problems


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when the text is UTF-16 without a BOM, else None: the high byte of
    each character (0 for ASCII, 4 for Cyrillic) stands at every other byte."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 4:
        return None
    def high(b: bytes) -> int:
        return b.count(0) + b.count(4)
    odd, even = high(sample[1::2]), high(sample[0::2])
    if odd > 0.7 * half and even < 0.2 * half:
        return "utf-16-le"
    if even > 0.7 * half and odd < 0.2 * half:
        return "utf-16-be"
    return None


def _sniff_delimiter(text: str) -> str:
    """The field delimiter of a CSV text: the one of `;`, tab, `,` that splits the lines most evenly."""
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    best, best_score = ";", -1.0
    for delim in (";", "\t", ","):
        counts = [ln.count(delim) for ln in lines]
        if not counts or max(counts) == 0:
            continue
        common = max(set(counts), key=counts.count)
        score = counts.count(common) / len(counts) + (0.01 if common > 0 else -1)
        # A comma is also the decimal mark: prefer ";" and tab when they split the lines as well.
        if score > best_score + (0.05 if delim == "," else 0):
            best, best_score = delim, score
    return best


# ---------------------------------------------------------------- sheets

@dataclass
class _Plan:
    """A sheet's layout, found before any of its rows is read."""

    grid: _Grid
    info: SheetInfo
    header: layout.Header | None
    problems: list[Problem]
    year_hint: int | None = None
    month_hint: int | None = None


def _assemble(grids: list[_Grid], filename: str, progress: Progress | None,
              choices: layout.Choices | None = None) -> ImportResult:
    choices = choices or layout.Choices()
    try:
        return _assemble_sheets(grids, filename, progress, choices)
    except Exception as exc:  # a bug of the reader's own must never reach the director as a traceback
        return _empty_result([Problem(ERROR, "internal_error", params={"detail": _internal_detail(exc)})], filename)


def _assemble_sheets(grids: list[_Grid], filename: str, progress: Progress | None,
                     choices: layout.Choices) -> ImportResult:
    problems: list[Problem] = []
    plans = []
    for grid in grids:
        try:
            plans.append(_plan_sheet(grid, choices))
        except Exception as exc:
            plans.append(_failed_plan(grid, exc))
    _settle_summaries(plans, choices)
    event_plans = [p for p in plans if p.info.kind == model.EVENTS]
    several = len(event_plans) > 1
    for plan in event_plans:
        if "library" not in plan.info.columns:
            plan.info.library = layout.library_of_sheet(plan.info.name, several)
    partner_frames: list[pd.DataFrame] = []
    event_frames: list[pd.DataFrame] = []
    # Partners first: their names tell the events' cells that name several partners how to split.
    ordered = sorted(range(len(plans)), key=lambda i: plans[i].info.kind != model.PARTNERS)
    known: set[str] = set()
    for step, i in enumerate(ordered):
        plan = plans[i]
        if progress:
            progress(step / len(plans), plan.info.name)
        if plan.info.kind in (model.PARTNERS, model.EVENTS):
            try:
                frame = _read_planned(plan, known)
            except Exception as exc:
                plan.problems.append(Problem(ERROR, "sheet_failed", plan.info.name,
                                             params={"detail": _internal_detail(exc)}))
                plan.info.kind, plan.info.skipped, frame = layout.SKIPPED, "failed", None
            if frame is not None and plan.info.kind == model.PARTNERS:
                partner_frames.append(frame)
                known.update(frame["partner"].dropna().map(normalise_name))
            elif frame is not None:
                event_frames.append(frame)
    for plan in plans:  # problems in file order, whatever order the sheets were read in
        problems.extend(plan.problems)
    infos = [plan.info for plan in plans]
    if progress:
        progress(1.0, "")
    if not any(info.kind in (model.PARTNERS, model.EVENTS) for info in infos):
        # Nothing read: one error. A sheet's own error (damaged, events without dates) says best why.
        sheet_error = next((p for p in problems if p.severity == ERROR), None)
        if sheet_error is not None:
            return _empty_result([sheet_error], filename, infos)
        non_empty = any(not is_blank(c) for g in grids for row in (g.rows or ()) for c in row)
        code = "no_tables" if non_empty else "no_sheets"
        return _empty_result([Problem(ERROR, code)], filename, infos)
    if not any(info.rows_read for info in infos) and not any(p.severity == ERROR for p in problems):
        # Headings but no rows under them (an empty template): unusable, and the problems must say so.
        return _empty_result([Problem(ERROR, "no_sheets")], filename, infos)
    # Problems found across sheets name the column as headed in the sheet they point at.
    headings_by_sheet = {info.name: info.columns for info in infos}
    partners = _merge_partners(partner_frames, problems, headings_by_sheet)
    events = _concat_events(event_frames)
    events, event_partners = _link_partners(events, partners, problems, headings_by_sheet)
    # A row typed twice is one event, named; so is a missing title. Before the frames are typed: the
    # text columns are still plain Python strings then.
    read = len(events)
    events, repeats = repeated_events(events)
    problems.extend(repeats)
    if len(events) < read:
        event_partners = event_partners[event_partners["event_id"].isin(events["event_id"])]
    return ImportResult(partners, model.typed_frame(events.reindex(columns=model.EVENT_COLUMNS), model.EVENT_DTYPES),
                        model.typed_frame(event_partners, model.EVENT_PARTNER_DTYPES), problems, filename, infos)


def _failed_plan(grid: _Grid, exc: Exception) -> _Plan:
    info = SheetInfo(grid.name, layout.SKIPPED, skipped="failed")
    problem = Problem(ERROR, "sheet_failed", grid.name, params={"detail": _internal_detail(exc)})
    return _Plan(grid, info, None, [problem])


def _settle_summaries(plans: list[_Plan], choices: layout.Choices) -> None:
    """A sheet named as a summary («Свод», «Итоги») is not read when other sheets hold the events."""
    named = [p for p in plans if p.info.kind == model.EVENTS and layout.is_summary_name(p.info.name)
             and p.info.name not in choices.kinds]
    if not named or len(named) == sum(p.info.kind == model.EVENTS for p in plans):
        for plan in named:
            plan.problems.append(Problem(INFO, "summary_read", plan.info.name))
        return
    for plan in named:
        plan.info.kind, plan.info.skipped = layout.SKIPPED, "summary"
        plan.problems.append(Problem(INFO, "sheet_summary", plan.info.name, plan.info.header_row,
                                     params={"columns": _quoted(c.heading for c in plan.header.columns)}))


def _empty_result(problems, filename, infos=None) -> ImportResult:
    return ImportResult(
        model.empty_partners(), model.empty_events(), model.empty_event_partners(), problems, filename,
        infos or [],
    )


def _quoted(texts, limit: int = 5) -> str:
    items = [f"«{t}»" for t in list(dict.fromkeys(texts))[:limit + 1]]
    return ", ".join(items[:limit]) + (", …" if len(items) > limit else "")


def _rows_span(rows: list[int]) -> str:
    """`2–5, 9, 12–14`: a compact list of row numbers."""
    spans: list[str] = []
    start = prev = None
    for r in sorted(rows):
        if start is None:
            start = prev = r
        elif r == prev + 1:
            prev = r
        else:
            spans.append(f"{start}–{prev}" if prev != start else str(start))
            start = prev = r
    if start is not None:
        spans.append(f"{start}–{prev}" if prev != start else str(start))
    text = ", ".join(spans[:20])
    return text + (", …" if len(spans) > 20 else "")


SAMPLE_ROWS = 200  # rows looked at for the few values that show what a column holds
_KIND_WORDS = {kind: (t(f"detail.of_{kind}"), t(f"detail.of_{kind}", "en")) for kind in (model.PARTNERS, model.EVENTS)}


def _plan_sheet(grid: _Grid, choices: layout.Choices) -> _Plan:
    """Find a sheet's header, what its columns are, and its kind; say why a sheet is skipped."""
    name, rows = grid.name, grid.rows
    if rows is None:
        info = SheetInfo(name, layout.SKIPPED, skipped="unreadable")
        return _Plan(grid, info, None, [
            Problem(ERROR, "unreadable", name, params={"detail": Phrase("detail.sheet", error=grid.error)})
        ])
    if not any(any(not is_blank(c) for c in row) for row in rows):
        return _Plan(grid, SheetInfo(name, layout.SKIPPED, skipped="empty"), None, [Problem(INFO, "sheet_empty", name)])
    forced = choices.kinds.get(name)
    header = layout.find_header(rows, grid.merged)
    if forced == layout.SKIPPED or header is None:
        reason = "chosen" if forced == layout.SKIPPED else ("hidden" if grid.hidden else "no_columns")
        info = SheetInfo(name, layout.SKIPPED, header.last + 1 if header else None, skipped=reason)
        if header is not None:
            info.headings = header.columns
        return _Plan(grid, info, header, [_skipped_problem(name, reason, rows, header)])
    problems: list[Problem] = []
    if layout.apply_choices(header, choices):
        problems.append(Problem(INFO, "choices_applied", name, header.last + 1))
    year_hint, month_hint = layout.title_hints(rows, header, name)
    kind, reason = layout.sheet_kind(header.fields(), name, year_hint)
    if forced in (model.PARTNERS, model.EVENTS):
        kind, reason = forced, None
    elif grid.hidden:
        kind, reason = layout.SKIPPED, "hidden"
    info = SheetInfo(name, kind, header.last + 1, skipped=reason, headings=header.columns,
                     signature=header.signature)
    plan = _Plan(grid, info, header, problems, year_hint, month_hint)
    if kind == layout.SKIPPED:
        if reason == "no_date":
            data = [header.last + 2 + i for i, r in enumerate(rows[header.last + 1:])
                    if any(not is_blank(c) for c in r)]
            problems.append(Problem(ERROR, "sheet_no_date", name, data[0] if data else None,
                                    params={"rows": _rows_span(data)}))
        else:
            problems.append(_skipped_problem(name, reason, rows, header))
        return plan
    _settle_columns(plan)
    return plan


def _skipped_problem(name: str, reason: str, rows: list[list], header: layout.Header | None) -> Problem:
    """Why a sheet is skipped, with what it looked like (its headings or first words)."""
    if header is not None:
        looked = _quoted(c.heading for c in header.columns)
    else:
        looked = _quoted(str(c).strip()[:40] for row in rows[:10] for c in row if not is_blank(c))
    return Problem(INFO, f"sheet_{reason}" if reason != "no_columns" else "sheet_skipped", name,
                   header.last + 1 if header else None, params={"columns": looked})


def _settle_columns(plan: _Plan) -> None:
    """Which column gives each field; say what is not read: unknown, doubtful, repeated, of no use here."""
    info, header, rows = plan.info, plan.header, plan.grid.rows
    name, row = info.name, header.last + 1
    used = layout.USED_FIELDS[info.kind]
    word = _KIND_WORDS[info.kind]
    body = rows[header.last + 1:]
    for column in header.columns:
        column.sample = _sample(body[:SAMPLE_ROWS], column.index)
        f = column.field
        if f and f in info.fields_at:
            plan.problems.append(Problem(WARNING if _has_data(body, column.index) else INFO, "column_duplicate",
                                         name, row, column.heading,
                                         params={"first": info.columns[f], "sample": _sample(body, column.index)}))
            column.field = None
            continue
        if f and f not in used:
            if _has_data(body, column.index):
                plan.problems.append(Problem(WARNING, "column_unused", name, row, column.heading,
                                             params={"kind": word[0], "kind_en": word[1],
                                                     "sample": _sample(body, column.index)}))
            column.field = None
            continue
        if f:
            info.fields_at[f] = column.index
            info.columns[f] = column.heading
            continue
        if layout.headings.fold(column.heading) in layout.SILENT_HEADINGS or not _has_data(body, column.index):
            continue
        if column.how == layout.headings.AMBIGUOUS:
            plan.problems.append(Problem(WARNING, "column_ambiguous", name, row, column.heading,
                                         params={"fields": " / ".join(f"«{field_label(c, 'ru')}»"
                                                                      for c in column.candidates),
                                                 "fields_en": " / ".join(f"«{field_label(c, 'en')}»"
                                                                         for c in column.candidates)}))
        else:
            plan.problems.append(Problem(WARNING, "column_ignored", name, row, column.heading,
                                         params={"sample": _sample(body, column.index)}))


def _has_data(body: list[list], c: int) -> bool:
    return any(c < len(r) and not is_blank(r[c]) for r in body)


def _sample(body: list[list], c: int, limit: int = 3) -> str:
    seen: dict[str, None] = {}
    for r in body:
        if c < len(r) and not is_blank(r[c]):
            seen.setdefault(_display(r[c])[:40])
            if len(seen) >= limit:
                break
    return ", ".join(f"«{v}»" for v in seen)


def _read_planned(plan: _Plan, known: set[str]) -> pd.DataFrame | None:
    """Read the rows of a sheet whose layout is known: data rows to a frame, the others named."""
    info, header, grid = plan.info, plan.header, plan.grid
    problems = plan.problems
    first_data = header.last + 1
    columns = info.fields_at
    _fill_merged(grid, first_data, columns, info, problems)
    cells = _cells(grid.rows[first_data:], grid.cells[first_data:] if grid.cells is not None else None)
    # Each column factorised once: every pass below looks at its distinct values only.
    if grid.ids is not None and grid.cells is not None and grid.ids[first_data:].shape == cells.shape:
        ids = grid.ids[first_data:]
        missing = np.array([v is None or v != v for v in grid.values], dtype=bool)
        factorised = [layout.factorise_ids(ids[:, c], grid.values, missing) for c in range(cells.shape[1])]
    else:
        factorised = [layout.factorise(cells[:, c]) for c in range(cells.shape[1])]
    kinds = layout.classify_rows(cells, first_data, header.columns, grid.merged, set(columns.values()),
                                 lambda text: match_category(text)[0] is not None, factorised)
    name = info.name
    for row in kinds.totals:
        problems.append(Problem(INFO, "total_row", name, row, None, _first_text(cells, row - first_data - 1)))
    heading_at = {c.index: c.heading for c in header.columns}
    for row, text, c in kinds.sections:
        code = "group_row" if row in kinds.group_rows else "section_row"
        problems.append(Problem(INFO, code, name, row, heading_at.get(c), text))
    for row, text in kinds.signatures:
        problems.append(Problem(INFO, "signature_row", name, row, None, text))
    for row in kinds.column_numbers:
        problems.append(Problem(INFO, "column_numbers_row", name, row, None, _row_text(cells, row - first_data - 1)))
    for row in kinds.numbered:
        problems.append(Problem(INFO, "row_numbered_only", name, row, None, _row_text(cells, row - first_data - 1)))
    for row, text in kinds.unmapped:
        problems.append(Problem(ERROR, "row_unmapped", name, row, None, text))
    fields = list(columns)
    data = cells[np.ix_(kinds.data, [columns[f] for f in fields])] if len(kinds.data) else np.empty((0, len(fields)))
    frame = pd.DataFrame(data, columns=fields, index=kinds.data + first_data + 1, dtype=object, copy=False)
    groups = pd.Series(kinds.groups, dtype=object).reindex(frame.index)
    if info.kind == model.PARTNERS:
        out = _partners_from(frame, info, problems, pd.Series(kinds.group_rows, dtype=object))
    else:
        default_year = None
        if "date" not in columns and "year" not in columns:
            default_year = plan.year_hint
        months = pd.Series(kinds.months, dtype=np.float64).reindex(frame.index)
        coded = {f: (factorised[c][0][kinds.data], factorised[c][1]) for f, c in columns.items()
                 if c < len(factorised)}
        out = _events_from(frame, info, problems, default_year, groups, known,
                           (plan.year_hint, plan.month_hint), months, coded)
        _check_totals(cells, first_data, kinds, info, problems)
    info.rows_read = len(out)
    return out


def _cells(data_rows: list[list], given: np.ndarray | None = None) -> np.ndarray:
    """The rows under a header as one 2-D object array; empty strings become None. `given`: the same
    cells as an array already (as the worker sends them)."""
    if not data_rows:
        return np.empty((0, 0), dtype=object)
    width = max(map(len, data_rows))
    if given is not None and given.shape == (len(data_rows), width):
        return given  # empty texts are None in it already (see sandbox.Sheet.cells)
    padded = [r if len(r) == width else [*r, *([None] * (width - len(r)))] for r in data_rows]
    cells = np.empty((len(padded), width), dtype=object)
    cells[:] = padded
    cells[cells == ""] = None
    return cells


def _first_text(cells: np.ndarray, i: int) -> str:
    return next((str(v).strip()[:60] for v in cells[i] if isinstance(v, str) and v.strip()), _row_text(cells, i))


def _row_text(cells: np.ndarray, i: int) -> str:
    return " ".join(_display(v) for v in cells[i] if not is_blank(v))[:60]


def _check_totals(cells: np.ndarray, first_data: int, kinds: layout.RowKinds, info: SheetInfo,
                  problems: list[Problem]) -> None:
    """A totals row whose numbers differ from the sum of the rows it closes is a warning (it finds typos).

    The rows are summed as written, those not read for other reasons included, so that a totals row is
    checked against what the person who typed it added up. A grand total («Всего за год») after
    subtotals is checked against every row above it.
    """
    if not kinds.totals:
        return
    data_rows = kinds.data + first_data + 1
    start = first_data + 1
    for total_row in kinds.totals:
        closes = kinds.data[(data_rows >= start) & (data_rows < total_row)]
        everything = kinds.data[data_rows < total_row]
        for field_name in model.COUNT_FIELDS:
            c = info.fields_at.get(field_name)
            if c is None or c >= cells.shape[1] or not len(closes):
                continue
            stated = parse_count(cells[total_row - first_data - 1, c]).number
            if stated is None:
                continue
            sums = [(sum(parse_count(v).number or 0 for v in cells[rows, c]), rows) for rows in (closes, everything)]
            if stated in (found for found, _ in sums):
                continue
            # Said against the sum it most likely meant: its own rows, or all rows above (a grand total).
            found, rows = min(sums, key=lambda pair: abs(pair[0] - stated))
            problems.append(Problem(WARNING, "total_mismatch", info.name, total_row, info.columns[field_name],
                                    _ru_int(stated), {"sum": _ru_int(found),
                                                      "rows": _rows_span((rows + first_data + 1).tolist())}))
        start = total_row + 1


def _fill_merged(grid: _Grid, first_data: int, columns: dict[str, int], info: SheetInfo,
                 problems: list[Problem]) -> None:
    """Copy the value of each merged range's top-left cell into the range's other cells below it."""
    by_column: dict[int, list[int]] = {}
    wanted = set(columns.values())
    for (r0, c0), (r1, c1) in grid.merged:
        if r1 < first_data or r1 == r0:
            continue
        value = grid.rows[r0][c0] if r0 < len(grid.rows) and c0 < len(grid.rows[r0]) else None
        if is_blank(value):
            continue
        for r in range(max(r0, first_data - 1) + 1, min(r1, len(grid.rows) - 1) + 1):
            row = grid.rows[r]
            for c in range(c0, c1 + 1):
                if c < len(row) and is_blank(row[c]):
                    row[c] = value
                    if grid.cells is not None:
                        grid.cells[r, c] = value
                    if grid.ids is not None:
                        grid.ids[r, c] = grid.ids[r0, c0]
                    if c in wanted:
                        by_column.setdefault(c, []).append(r + 1)
    headings = {c: h for h, c in ((info.columns[f], c) for f, c in columns.items())}
    for c, filled in by_column.items():
        problems.append(Problem(INFO, "filled_down", info.name, filled[0], headings.get(c),
                                params={"rows": _rows_span(filled)}))


def _text(series: pd.Series) -> pd.Series:
    """Trimmed text with single spaces, as Python strings (one conversion to the frame's dtype at the end);
    empty cells as None."""
    (values,) = _per_unique(series, clean_text)
    return pd.Series(values, index=series.index, dtype=object)


def _tidy_lines(v) -> str | None:
    """A cell's text trimmed, its line breaks kept, or None when it is empty."""
    if is_blank(v):
        return None
    lines = [" ".join(str(ln).split()) for ln in str(v).replace("\r\n", "\n").split("\n")]
    return "\n".join(ln for ln in lines if ln) or None


def _multiline_text(series: pd.Series) -> pd.Series:
    """Trimmed text that keeps its line breaks (descriptions, benefits)."""
    (values,) = _per_unique(series, _tidy_lines)
    return pd.Series(values, index=series.index, dtype=object)


def _per_unique(series: pd.Series | None, fn: Callable, *attrs: str,
                coded: layout.Factorised | None = None) -> list[np.ndarray]:
    """Apply `fn` once per distinct value and spread the results (or their attributes) over the rows.

    Real sheets repeat values (dates, formats, platforms), so parsing the distinct ones is the fast path.
    Missing cells give None. `coded`: the column already factorised (then `series` is not looked at).
    """
    codes, uniques = coded if coded is not None else layout.factorise(series.to_numpy(dtype=object))
    out = []
    for _, values in _per_unique_coded(fn, (codes, uniques), *attrs):
        table = np.empty(len(values) + 1, dtype=object)
        table[:-1] = values
        table[-1] = None
        out.append(table[codes])
    return out


def _per_unique_coded(fn: Callable, coded: layout.Factorised, *attrs: str | int) -> list[layout.Factorised]:
    """`fn` of each distinct value (or those results' attributes), still factorised: (the codes, a result per
    distinct value)."""
    codes, uniques = coded
    results = [fn(u) for u in uniques]
    return [(codes, _objects([r if attr is None else (r[attr] if isinstance(attr, int) else getattr(r, attr))
                              for r in results]))
            for attr in attrs or (None,)]


def _float_series(values: pd.Series) -> pd.Series:
    """Numbers or None (as `_per_unique` spreads them) as a Float64 series, without a parse per cell."""
    objects = values.to_numpy()
    missing = pd.isna(objects)
    numbers = np.zeros(len(objects), dtype=np.float64)
    numbers[~missing] = objects[~missing].astype(np.float64)
    return pd.Series(pd.arrays.FloatingArray(numbers, missing), index=values.index)


def _objects(values) -> np.ndarray:
    """A 1-D object array of `values` (tuples and lists stay elements)."""
    return np.fromiter(values, dtype=object, count=len(values))


def _mapped(coded: layout.Factorised, fn: Callable) -> layout.Factorised:
    """A factorised column with `fn` of each distinct value (the codes kept; None stays missing)."""
    codes, uniques = coded
    return codes, _objects([fn(u) for u in uniques])


def _spread(coded: layout.Factorised, index: pd.Index) -> pd.Series:
    """A factorised column's values over its rows, None where missing."""
    codes, uniques = coded
    table = np.empty(len(uniques) + 1, dtype=object)
    table[:-1] = _objects(uniques) if len(uniques) else table[:-1]
    table[-1] = None
    return pd.Series(table[codes], index=index, dtype=object)


def _spread_category(coded: layout.Factorised, index: pd.Index) -> pd.Series:
    """A factorised column's values over its rows as a Categorical (missing where None): the model's
    categorical columns are then typed from its codes, not by hashing every cell again."""
    codes, uniques = coded
    distinct_codes, distinct = pd.factorize(_objects(uniques), use_na_sentinel=True)
    return pd.Series(pd.Categorical.from_codes(np.append(distinct_codes, -1)[codes],
                                               categories=pd.Index(distinct, dtype=object)), index=index)


def _spread_text(coded: layout.Factorised, index: pd.Index) -> pd.Series:
    """A factorised column of texts (or None) as the model's text dtype, each distinct text converted once."""
    codes, uniques = coded
    text = pd.array(uniques if len(uniques) else np.empty(0, dtype=object), dtype=model.EVENT_DTYPES["title"])
    return pd.Series(text.take(codes, allow_fill=True), index=index)


def _unique_mask(coded: layout.Factorised, test: Callable[[object], bool], missing: bool) -> np.ndarray:
    codes, uniques = coded
    hits = np.fromiter((bool(test(u)) for u in uniques), dtype=bool, count=len(uniques))
    return np.append(hits, missing)[codes]


def _paired(a: layout.Factorised, b: layout.Factorised) -> layout.Factorised:
    """Two factorised columns as one of pairs (a value or None, b value or None); no pair is missing."""
    (ac, au), (bc, bu) = a, b
    key = (ac.astype(np.int64) + 1) * (len(bu) + 1) + (bc.astype(np.int64) + 1)
    codes, keys = pd.factorize(key)
    first, second = np.divmod(np.asarray(keys, dtype=np.int64), len(bu) + 1)
    pairs = [(au[f - 1] if f else None, bu[g - 1] if g else None) for f, g in zip(first, second, strict=True)]
    return codes, _objects(pairs)


def _datetimes(values: pd.Series) -> np.ndarray:
    """Dates (datetime.date or None) as datetime64[ns], each distinct date converted once."""
    codes, uniques = layout.factorise(values.to_numpy(dtype=object))
    table = np.append(pd.to_datetime(uniques).to_numpy(dtype="datetime64[ns]"), np.datetime64("NaT", "ns"))
    return table[codes]


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame:
        return frame[name]
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)


def _report(problems: list[Problem], frame: pd.DataFrame, info: SheetInfo, field_name: str,
            codes: pd.Series, severity_of: dict[str, str], params: pd.Series | None = None,
            default: str = WARNING, once_per_value: bool = False) -> None:
    """Add one problem for every row whose code is set (a loop over the flagged rows only).

    `params`, when given, holds each row's message parameters (a dict), aligned with `codes`.
    `once_per_value`: rows with the same code and the same value make one problem, at the first of them,
    that names them all (`rows`): a note on how a value was understood is said once, not on every row.
    """
    at = np.flatnonzero(pd.notna(codes.to_numpy(dtype=object)))
    if not len(at):
        return
    rows = codes.index[at]
    heading = info.columns.get(field_name, field_name)
    values = _column(frame, field_name).loc[rows].tolist()
    extras = params.loc[rows].tolist() if params is not None else [None] * len(values)
    flagged = zip(rows.tolist(), codes.iloc[at].tolist(), values, extras, strict=True)
    if once_per_value:
        grouped: dict[tuple, tuple] = {}
        for row, code, value, extra in flagged:
            key = (code, None if is_blank(value) else _display(value), tuple(sorted((extra or {}).items())))
            grouped.setdefault(key, (row, code, value, extra, []))[4].append(row)
        flagged = [(row, code, value, {**(extra or {}), "rows": _rows_span(all_rows)})
                   for row, code, value, extra, all_rows in grouped.values()]
    for row, code, value, extra in flagged:
        problems.append(Problem(severity_of.get(code) or SEVERITY.get(code, default), code, info.name, row, heading,
                                None if is_blank(value) else _display(value), extra or {}))


def _display(value) -> str:
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---------------------------------------------------------------- partners

def _category_columns(values: pd.Series | None, coded: layout.Factorised | None = None,
                      index: pd.Index | None = None) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Categories -> (key or the text as written, level implied by the label, code for unknowns)."""
    if coded is None:
        coded, index = layout.factorise(values.to_numpy(dtype=object)), values.index
    text = _mapped(coded, clean_text)

    def one(u):
        if u is None:
            return None, None, None
        key, level = match_category(u)
        return key or u, level, None if key else "category_unknown"

    key, level, code = _per_unique(None, one, 0, 1, 2, coded=text)
    wrap = lambda a: pd.Series(a, index=index, dtype=object)  # noqa: E731
    return wrap(key), wrap(level), wrap(code)


def _partners_from(frame: pd.DataFrame, info: SheetInfo, problems: list[Problem],
                   group_rows: pd.Series) -> pd.DataFrame:
    """The partners of a register's rows. `group_rows`: the group headings above rows («Органы власти:»)."""
    name = _text(_column(frame, "partner"))
    category_raw = _column(frame, "category").astype(object)
    if "category" in frame or len(group_rows):
        # A row without a category takes the nearest one above it: a category cell or a group heading.
        written = category_raw.where(~category_raw.map(is_blank))
        filled = pd.concat([written, group_rows]).sort_index().ffill().reindex(frame.index)
        filled = filled[~filled.index.duplicated()]
        was_blank = category_raw.map(is_blank) & filled.notna() & name.notna() & ("category" in frame)
        if was_blank.any():
            rows = [int(r) for r in was_blank[was_blank].index]
            problems.append(Problem(INFO, "filled_down", info.name, rows[0], info.columns["category"],
                                    params={"rows": _rows_span(rows)}))
        category_raw = filled.astype(object)
    missing = name.isna()
    for row in missing[missing].index:
        problems.append(Problem(ERROR, "no_partner", info.name, int(row), info.columns.get("partner")))
    keep = name.notna()
    frame, name, category_raw = frame[keep], name[keep], category_raw[keep]
    key, implied_level, code = _category_columns(category_raw)
    _report(problems, frame.assign(category=category_raw), info, "category", code, {"category_unknown": INFO})
    level_text = _text(_column(frame, "level"))
    (level_values,) = _per_unique(level_text, match_level)
    # Objects, whatever the column held: an all-empty column must still take the implied levels.
    level = pd.Series(level_values, index=frame.index, dtype=object)
    bad_level = level_text.notna() & level.isna()
    _report(problems, frame, info, "level", bad_level.map({True: "level_unknown", False: None}), {})
    level = level.fillna(implied_level)
    since_raw = _column(frame, "since")
    since_parsed = since_raw.map(parse_year)
    since = since_parsed.map(lambda t: t[0])
    _report(problems, frame, info, "since", since_parsed.map(lambda t: t[1]), {})
    # The register: agreement, contact person, responsible, website; «Школа № 5 — договор» marks a kind.
    name, marked = register.unmarked_names(name)
    kept, kept_codes = register.read_columns(lambda f: _column(frame, f), info.columns)
    kept["agreement_kind"] = kept["agreement_kind"].fillna(marked)
    for field_name, codes in kept_codes.items():
        _report(problems, frame, info, field_name, codes, register.SEVERITY)
    out = pd.DataFrame({
        "partner": name,
        "category": key,
        "level": level,
        "since": since,
        "library": _text(_column(frame, "library")),
        "notes": _multiline_text(_column(frame, "notes")),
        **kept,
    })
    out["_sheet"] = info.name
    out["_row"] = out.index.astype(int)
    return out


def _merge_partners(frames: list[pd.DataFrame], problems: list[Problem],
                    headings: dict[str, dict[str, str]]) -> pd.DataFrame:
    """One row per partner (by normalised name): the first row wins, later rows fill its empty fields."""
    if not frames:
        return model.empty_partners()
    allp = pd.concat(frames, ignore_index=True)
    allp["_key"] = allp["partner"].map(normalise_name)
    dup = allp["_key"].duplicated(keep="first")
    if dup.any():
        first = allp[~dup].set_index("_key")
        for _, r in allp[dup].iterrows():
            f = first.loc[r["_key"]]
            problems.append(Problem(INFO, "duplicate_partner", r["_sheet"], int(r["_row"]),
                                    headings.get(r["_sheet"], {}).get("partner"), r["partner"],
                                    {"first_row": int(f["_row"]), "first_sheet": f["_sheet"]}))
        merged = allp.groupby("_key", sort=False)[model.PARTNER_COLUMNS].first()
        allp = merged.reset_index(drop=True)
    return model.typed_frame(allp, model.PARTNER_DTYPES)


# ---------------------------------------------------------------- events

def _events_from(frame: pd.DataFrame, info: SheetInfo, problems: list[Problem], default_year: int | None,
                 groups: pd.Series, known: set[str], hints: tuple[int | None, int | None],
                 months: pd.Series, coded: dict[str, layout.Factorised] | None = None) -> pd.DataFrame:
    """The events of a sheet's data rows. `coded`: each field's column factorised, aligned with `frame`'s
    rows (see `layout.factorise`); every value below is parsed once per distinct cell."""
    if coded is None:
        coded = {f: layout.factorise(frame[f].to_numpy(dtype=object)) for f in frame.columns}
    n = len(frame)

    def col(name: str) -> layout.Factorised:
        return coded[name] if name in coded else (np.full(n, -1, dtype=np.intp), np.empty(0, dtype=object))

    wrap = lambda a: pd.Series(a, index=frame.index, dtype=object)  # noqa: E731
    # Dates: one parse per distinct value and month heading above it (which «15.09» or «15» may need).
    year_hint, month_hint = hints
    date_codes, date_values = col("date")
    blank = _unique_mask((date_codes, date_values), is_blank, True)
    month = months.to_numpy(dtype=np.float64, copy=True)
    month[np.isnan(month)] = month_hint or 0
    key = date_codes.astype(np.float64) * 13 + month
    key[blank] = np.nan
    key_codes, keys = pd.factorize(key, use_na_sentinel=True)
    keys = np.asarray(keys, dtype=np.int64)
    dated = (key_codes, _objects([(date_values[k // 13], int(k % 13) or None) for k in keys]))
    d_date, d_end, d_year, d_prec, d_code, d_params = map(wrap, _per_unique(
        None, lambda k: parse_date(k[0], year_hint=year_hint, month_hint=k[1]),
        "date", "date_end", "year", "precision", "code", "params", coded=dated))
    d_year = _float_series(d_year)
    year_raw = _column(frame, "year")
    y_year, y_code = map(wrap, _per_unique(None, parse_year, 0, 1, coded=col("year")))
    y_year = _float_series(y_year)
    _report(problems, frame, info, "year", y_code, {})
    if default_year is not None:
        y_year = y_year.fillna(default_year)

    date_failed = d_code.isin(DATE_FAILURES)
    year = d_year.where(d_year.notna(), y_year)
    kept_by_year = date_failed & y_year.notna()
    row_error = date_failed & ~kept_by_year
    no_date = year.isna() & ~row_error

    codes = pd.Series(None, index=frame.index, dtype=object)
    codes = codes.mask(row_error, d_code)
    codes = codes.mask(kept_by_year, "bad_date_year_kept")
    codes = codes.mask(kept_by_year & (d_code == "impossible_date"), "impossible_date_year_kept")
    info_codes = d_code.where(~date_failed & d_code.notna())
    codes = codes.fillna(info_codes)
    # A note on how a date was understood is said once per date written, naming its rows; a date that
    # fails is said on its own row.
    noted = codes.isin(DATE_NOTES)
    _report(problems, frame, info, "date", codes.where(~noted),
            {**dict.fromkeys(DATE_FAILURES, ERROR),
             "bad_date_year_kept": WARNING, "impossible_date_year_kept": WARNING},
            params=d_params, default=INFO)
    _report(problems, frame, info, "date", codes.where(noted), {}, params=d_params, default=INFO,
            once_per_value=True)
    mismatch = d_year.notna() & y_year.notna() & (d_year != y_year) & ~row_error
    for row in mismatch[mismatch].index:
        problems.append(Problem(WARNING, "date_year_mismatch", info.name, int(row), info.columns.get("year"),
                                _display(year_raw[row]),
                                {"date_year": int(d_year[row]), "year": int(y_year[row])}))
    for row in no_date[no_date].index:
        problems.append(Problem(ERROR, "no_date", info.name, int(row), info.columns.get("date")))

    keep = ~(row_error | no_date)
    if not keep.all():
        rows = keep.to_numpy()
        frame, groups = frame[keep], groups[keep]
        coded = {f: (c[rows], u) for f, (c, u) in coded.items()}
        n = len(frame)
    d_date, d_end, d_prec, year = d_date[keep], d_end[keep], d_prec[keep], year[keep]
    d_date = d_date.where(~kept_by_year[keep], None)
    d_end = d_end.where(d_date.notna(), None)
    d_prec = d_prec.where(d_date.notna(), "year")
    if "date_end" in frame:
        d_date, d_end, d_prec = _end_dates(frame, info, problems, d_date, d_end, d_prec, col("date_end"))

    # A place column («Место проведения») says where an event was held: its text stands as the platform where
    # the row gives none, and it gives the place and, with no format written, the format.
    venue_text = _mapped(col("place"), clean_text)
    platform_text = _mapped(_paired(_mapped(col("platform"), clean_text), venue_text), lambda p: p[0] or p[1])
    platform_raw = _spread(platform_text, frame.index)
    platform_coded = _mapped(platform_text, lambda t: None if t is None else normalise_platform_cell(t))
    platform = _spread_category(platform_coded, frame.index)
    format_text = _mapped(col("format"), clean_text)
    cells = _paired(_paired(format_text, platform_coded), venue_text)  # ((format, platform), place)
    fmt_coded, fmt_code_coded = _per_unique_coded(lambda c: parse_format(*c[0], c[1]), cells, 0, 1)
    fmt, fmt_code = _spread_category(fmt_coded, frame.index), _spread(fmt_code_coded, frame.index)
    from_platform = fmt_code == "format_from_platform"
    from_place = fmt_code.isin(("format_from_place", "format_from_place_hybrid"))
    _report(problems, frame, info, "format", fmt_code.where(~(from_platform | from_place)), {"format_unknown": WARNING})
    _report(problems, frame.assign(format=platform_raw), info, "format",
            fmt_code.where(from_platform), {"format_from_platform": INFO}, once_per_value=True)
    _report(problems, frame.assign(format=_spread(venue_text, frame.index)), info, "format",
            fmt_code.where(from_place), {}, once_per_value=True)

    counts = {}
    for field_name in model.COUNT_FIELDS:
        count_codes, count_values = col(field_name)
        parsed = [parse_count(u) for u in count_values]
        absent = np.array([c.number is None for c in parsed] + [True], dtype=bool)[count_codes]
        number = pd.Series(pd.arrays.IntegerArray(
            np.array([c.number or 0 for c in parsed] + [0], dtype=np.int64)[count_codes], absent), index=frame.index)
        approx = np.array([bool(c.approx) for c in parsed] + [False], dtype=bool)[count_codes]
        code = pd.Series(_objects([c.code for c in parsed] + [None])[count_codes], index=frame.index, dtype=object)
        _report(problems, frame, info, field_name, code,
                {"count_from_text": INFO, "count_approx": WARNING},
                params=pd.Series([{"number": _ru_int(v)} for v in number[code.notna()]],
                                 index=number.index[code.notna()], dtype=object))
        counts[field_name] = number
        counts[field_name + "_approx"] = approx

    partner_lists, partners_text = _partner_lists(None, known, col("partner"), frame.index)

    # A category cell left empty takes the group heading above it.
    cat_codes, cat_values = col("category")
    group_codes, group_values = layout.factorise(groups.to_numpy(dtype=object))
    empty = _unique_mask((cat_codes, cat_values), is_blank, True)
    category_coded = (np.where(empty, np.where(group_codes >= 0, group_codes + len(cat_values), -1), cat_codes),
                      np.concatenate([cat_values, group_values]))
    category, _, cat_code = _category_columns(None, category_coded, frame.index)
    _report(problems, frame.assign(category=_spread(category_coded, frame.index)), info, "category", cat_code,
            {"category_unknown": INFO})
    library = _spread_category(_mapped(col("library"), clean_text), frame.index)
    if info.library and "library" not in frame:
        library = pd.Series(info.library, index=frame.index, dtype=object)
        problems.append(Problem(INFO, "library_from_sheet", info.name, None, None, info.library))
    place, place_code = _per_unique_coded(lambda c: read_place(*c[0], c[1]), cells, 0, 1)
    _report(problems, frame, info, "place", _spread(place_code, frame.index), {}, once_per_value=True)
    audience, audience_code = _per_unique_coded(lambda t: (None, None) if t is None else parse_audience(t),
                                                _mapped(col("audience"), clean_text), 0, 1)
    audience, audience_code = _spread_category(audience, frame.index), _spread(audience_code, frame.index)
    _report(problems, frame, info, "audience", audience_code, {"audience_unknown": WARNING})

    out = pd.DataFrame({
        "date": _datetimes(d_date),
        "date_end": _datetimes(d_end),
        "year": year,
        "date_precision": d_prec,
        "title": _spread_text(_mapped(col("title"), clean_text), frame.index),
        "partners": partners_text,
        "category": category,
        "format": fmt,
        "platform": platform,
        "place": _spread_category(place, frame.index),
        "audience": audience,
        **counts,
        "description": _spread_text(_mapped(col("description"), _tidy_lines), frame.index),
        "library_benefit": _spread_text(_mapped(col("library_benefit"), _tidy_lines), frame.index),
        "society_benefit": _spread_text(_mapped(col("society_benefit"), _tidy_lines), frame.index),
        "library": library,
        "sheet": _spread_text((np.zeros(n, dtype=np.intp), _objects([info.name])), frame.index),
        "row": frame.index.astype(int),
    }, index=frame.index)
    out["_partner_list"] = partner_lists
    return out


def _end_dates(frame: pd.DataFrame, info: SheetInfo, problems: list[Problem], start: pd.Series, end: pd.Series,
               precision: pd.Series, coded: layout.Factorised | None = None
               ) -> tuple[pd.Series, pd.Series, pd.Series]:
    """A column of end dates («Дата окончания») makes the rows whose end is after their start periods."""
    raw = _column(frame, "date_end")
    if coded is None:
        coded = layout.factorise(raw.to_numpy(dtype=object))
    wrap = lambda a: pd.Series(a, index=frame.index, dtype=object)  # noqa: E731
    e_date, e_code = map(wrap, _per_unique(None, parse_date, "date", "code", coded=coded))
    written = wrap(~_unique_mask(coded, is_blank, True))
    bad = e_code.isin(DATE_FAILURES) | (written.astype(bool) & e_date.isna())
    _report(problems, frame, info, "date_end", bad.map({True: "bad_end_date", False: None}), {})
    start_ts, end_ts = pd.to_datetime(start), pd.to_datetime(e_date)
    before = (end_ts < start_ts).fillna(False).astype(bool)
    _report(problems, frame, info, "date_end", before.map({True: "end_before_start", False: None}), {})
    later = (end_ts > start_ts).fillna(False).astype(bool)
    end = end.where(~later, e_date)
    precision = precision.where(~later, "period")
    return start, end, precision


def _partner_lists(raw: pd.Series | None, known: set[str], coded: layout.Factorised | None = None,
                   index: pd.Index | None = None) -> tuple[pd.Series, pd.Series]:
    """Each cell's partners as a list and as one `; `-joined text.

    A comma or «и» splits a cell only when every piece is a partner known in the register or named
    elsewhere in the file: commas inside real names are common.
    """
    if coded is None:
        coded, index = layout.factorise(raw.to_numpy(dtype=object)), raw.index
    codes, uniques = coded
    present = uniques[np.bincount(codes[codes >= 0], minlength=len(uniques)) > 0]
    split = partner_splitter(frozenset(known) | known_partner_keys(present))
    names = _objects([*(split(u) for u in uniques), ()])  # an empty cell names no partner: ()
    joined = _objects(["; ".join(t) or None for t in names[:-1]])
    return pd.Series(names[codes], index=index, dtype=object), _spread_text((codes, joined), index)


def _ru_int(value) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{int(value):,}".replace(",", "\u00a0")


def _concat_events(frames: list[pd.DataFrame]) -> pd.DataFrame:
    if not frames:
        out = model.empty_events()
        out["_partner_list"] = pd.Series(dtype=object)
        return out
    out = pd.concat(frames, ignore_index=True)
    out["event_id"] = range(len(out))
    return out


def _link_partners(events: pd.DataFrame, partners: pd.DataFrame, problems: list[Problem],
                   headings: dict[str, dict[str, str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fill each event's missing category from its partners and build the long event–partner table
    (both still untyped: `model.typed_frame` makes them the model's frames)."""
    (partner_keys,) = _per_unique(partners["partner"], normalise_name)
    known = dict(zip(partner_keys, partners["category"].astype(object), strict=True))
    lists = events.pop("_partner_list") if "_partner_list" in events else pd.Series(dtype=object)
    if not len(events):
        return events, model.empty_event_partners()
    # One row per event and partner, in the events' order; each distinct name folded and looked up once.
    cells = lists.to_numpy(dtype=object)  # tuples of names, () for none (see `_partner_lists`)
    # The rows of one cell share its tuple (see `_partner_lists`): each tuple is taken apart once.
    cell_of = pd.factorize(np.fromiter(map(id, cells), dtype=np.uint64, count=len(cells)))[0]
    tuples = cells[np.flatnonzero(~pd.Series(cell_of).duplicated().to_numpy())]
    tuple_sizes = np.fromiter(map(len, tuples), dtype=np.intp, count=len(tuples))
    tuple_names = np.empty(int(tuple_sizes.sum()), dtype=object)
    tuple_names[:] = list(itertools.chain.from_iterable(tuples))
    tuple_codes, uniques = layout.factorise(tuple_names)
    # Each row's names: its tuple's run of codes.
    sizes = tuple_sizes[cell_of]
    starts = (np.cumsum(tuple_sizes) - tuple_sizes)[cell_of]
    within = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    codes = tuple_codes[np.repeat(starts, sizes) + within]
    event_ids = np.repeat(events["event_id"].to_numpy(), sizes)
    name_known = _objects([known.get(normalise_name(u)) for u in uniques])
    category_known = np.append(name_known, None)[codes]
    has_known = np.array([c is not None and c == c for c in name_known] + [False], dtype=bool)[codes]
    # The event's own category as written (before any is filled from its partners).
    position = pd.Index(events["event_id"]).get_indexer(event_ids)
    event_category = events["category"].to_numpy(dtype=object)[position]
    first_rows = np.flatnonzero(has_known)
    first_ids, first_at = np.unique(event_ids[first_rows], return_index=True)
    first_known = pd.Series(category_known[first_rows[first_at]], index=first_ids, dtype=object)
    missing = events["category"].isna() & events["event_id"].isin(first_ids)
    if missing.any():
        fill = events.loc[missing, "event_id"].map(first_known)
        events.loc[missing, "category"] = fill
        for idx in fill.index:
            sheet = events.at[idx, "sheet"]
            problems.append(Problem(INFO, "category_from_partner", sheet, int(events.at[idx, "row"]),
                                    headings.get(sheet, {}).get("category"), None,
                                    {"category": category_label(fill[idx], "ru")}))
    long = pd.DataFrame({
        "event_id": event_ids,
        "partner": pd.Series(pd.array(uniques, dtype=model.EVENT_PARTNER_DTYPES["partner"]).take(codes)),
        "category": pd.Series(np.where(has_known, category_known, event_category), dtype=object),
    })
    return events, long[model.EVENT_PARTNER_COLUMNS]
