"""Reading untrusted spreadsheets in a bounded worker process, so that no file can take the server down.

The spreadsheet parser is native code: a damaged or hostile file can make it ask for hundreds of
gigabytes, loop forever or panic, and none of that can be caught inside the process that runs it.
So the parse runs in a small worker process (Python with `python_calamine` imported, nothing else)
under an address-space limit and a CPU-time limit, and the caller waits for it with a deadline.
When the worker dies, overruns a limit or panics, the caller gets one `ReadFailed` saying what
happened, the worker is killed, and a fresh one is started for the next read.

Workers are started once and reused: a small pool (`PARTNERLIB_READ_WORKERS`, default 2) serves
the threads of a Streamlit server, one read per worker at a time. Grids come back in a compact
form: the text cells of a sheet joined into one string, the other cells (numbers, dates) in a
list, and a byte per cell saying which is which.

This module imports neither pandas nor the rest of partnerlib (but `values`), so the worker starts fast.

Settings (environment):
- `PARTNERLIB_READ_MEMORY_MB`: the worker's address-space limit (default: 80 times the upload
  limit, at least 1024 MB; 4000 MB for the 50 MB upload limit).
- `PARTNERLIB_READ_SECONDS`: the time one read may take (default 30 s).
- `PARTNERLIB_READ_WORKERS`: how many reads may run at once (default 2).

A large worksheet (its XML at least `HALVES_MIN_BYTES` unpacked) is read by two workers at once when a
second one is free: each is given the file with one half of the sheet's rows (cut at a row element,
see `_cut`), and the caller joins the halves. A sheet that cannot be cut cleanly is read whole.
"""

from __future__ import annotations

import array
import atexit
import contextlib
import functools
import gc
import io
import itertools
import math
import operator
import os
import pickle
import re
import resource
import select
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import types
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

MEMORY_ENV = "PARTNERLIB_READ_MEMORY_MB"
SECONDS_ENV = "PARTNERLIB_READ_SECONDS"
WORKERS_ENV = "PARTNERLIB_READ_WORKERS"
DEFAULT_SECONDS = 30.0
DEFAULT_WORKERS = 2
# The worker's address space per megabyte of upload limit: a 50 MB xlsx unpacks to about 800 MB of
# XML and about 650,000 rows; the parser's cells and the Python objects made of them need a few GB.
MEMORY_PER_UPLOAD_MB = 80
MIN_MEMORY_MB = 1024
# CPU seconds the worker may use beyond the wall-clock limit before the kernel stops it; this only
# matters when the process that waits for it is gone.
CPU_SLACK_SECONDS = 5

_HEADER = struct.Struct("!Q")
# Rows sent in one part: the caller unpacks a block while the worker packs the next.
ROWS_PER_PART = 8192
_NUMBER_TYPES = frozenset({int, float, bool})
_CODE = "I"  # the array type of the numbers that say which distinct text each text cell holds
_SEP = "\x00"  # never inside a cell's text once cleaned: control characters are removed (values.clean_cell)
_PACKAGE_DIR = str(Path(__file__).resolve().parent)
# A worksheet whose XML unpacks to this much is read in two halves by two workers at once. Up to the
# upper bound only: each worker holds the unpacked XML and its half beside the parser's cells.
HALVES_MIN_BYTES = 8 * 1024 * 1024
HALVES_MAX_BYTES = 256 * 1024 * 1024
# Where the rows are cut, as a share of the part's unpacked size. The second half unpacks the whole part
# and the first only its share, but the first also reads the other sheets and gives its rows as they come.
HALVES_CUT = 0.5
_ROW_NUMBER = re.compile(rb'<row\b[^>]*?\sr="([0-9]{1,7})"')
# The parts of an xlsx looked through before (and while) the parser reads them.
WORKSHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)
XML_PART = re.compile(r"\.(?:xml|rels)$", re.IGNORECASE)
# Entity declarations, or a DOCTYPE with an internal subset: no spreadsheet program writes them.
DTD_DECLARATION = re.compile(rb"<!ENTITY|<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_ROW_REF = re.compile(rb'<row r="([0-9]{1,7})"')
# A cell that could be far: its column past BZ (78 columns), or its row past 999,999.
_UNUSUAL_CELL = re.compile(rb'<c r="(?:[A-Z]{3}|[C-Z][A-Z])[0-9]|<c r="[A-Z]{1,3}[0-9]{7}"')
# Bytes either side of the cut of a sheet read in halves that both halves' looks take in.
_LOOK_OVERLAP = 512


class ReadFailed(Exception):
    """The worker could not give an answer; `detail` says why, in Russian (what was exceeded)."""

    def __init__(self, reason: str, detail: str):
        self.reason = reason  # "memory", "time", "panic" or "crash"
        self.detail = detail
        super().__init__(detail)


@dataclass
class Sheet:
    """One sheet as the worker read it: its name, rows (None when it could not be read), merged ranges."""

    name: str
    rows: list[list] | None
    merged: list[tuple[tuple[int, int], tuple[int, int]]]
    error: str | None = None  # the parser's own words when the sheet could not be read
    cleaned: list[tuple[int, int, str, str]] | None = None  # (row, column, what, original) of cleaned cells
    hidden: bool = False  # hidden in the workbook (drop-down lists, helper tables)
    # The same cells as one 2-D object array (rows x columns), empty texts as None, when the worker sent
    # them: the reader's column passes start from it instead of building it again from the rows.
    cells: object = None
    # And as numbers: `values[ids[r, c]]` is cells[r, c], each distinct value of the sheet once in `values`
    # (a number and a text, or 1 and 1.0, are two values); the reader factorises columns from these.
    ids: object = None
    values: object = None


@dataclass
class Look:
    """What a look through an XML part found: entity declarations, and for a worksheet the row numbers its
    row elements give (as written, digits) and whether a cell lies past column BZ or row 999,999."""

    entities: bool
    rows: set[bytes]
    unusual: bool = False


def look_through(windows, sheet: bool, cells: bool = True) -> Look:
    """Look through an XML part given as windows of its bytes (each overlapping the one before, so that
    nothing is cut in two), to its end or its first entity declaration. NUL bytes are dropped for the
    declarations so that UTF-16 parts are searched too. `cells`: look for unusual cells too (not needed
    where the parser says where a sheet's cells end, see `_unusual`)."""
    rows: set[bytes] = set()
    unusual = False
    for window in windows:
        if DTD_DECLARATION.search(window.replace(b"\x00", b"") if b"\x00" in window else window):
            return Look(True, rows, unusual)
        if sheet:
            rows.update(_ROW_REF.findall(window))
            unusual = unusual or (cells and _UNUSUAL_CELL.search(window) is not None)
    return Look(False, rows, unusual)


@dataclass
class Workbook:
    """What the worker made of a file: its sheets, or the parser's words when it would not open."""

    sheets: list[Sheet]
    error: str | None = None
    peak_mb: float = 0.0  # the worker's peak resident memory so far
    # Read in halves: the sheet's rows could not be cut cleanly (they are out of order), read it whole.
    uncut: bool = False


# ---------------------------------------------------------------- limits

def _number(env: str, default: float) -> float:
    try:
        value = float(os.environ.get(env, ""))
    except ValueError:
        return default
    return value if math.isfinite(value) and value > 0 else default


def memory_limit_mb(max_bytes: int | None = None) -> int:
    """The worker's address-space limit in MB: `PARTNERLIB_READ_MEMORY_MB`, or sized for the upload limit."""
    upload_mb = (max_bytes if max_bytes else 50 * 1024 * 1024) / 1024 / 1024
    default = max(MIN_MEMORY_MB, math.ceil(upload_mb * MEMORY_PER_UPLOAD_MB))
    return int(_number(MEMORY_ENV, default))


def time_limit_seconds() -> float:
    """The time one read may take: `PARTNERLIB_READ_SECONDS` or 30 s."""
    return _number(SECONDS_ENV, DEFAULT_SECONDS)


def _ru(x: float) -> str:
    return f"{x:g}".replace(".", ",")


# ---------------------------------------------------------------- the caller's side

def read_workbook_cells(data: bytes, *, merged: bool = True, max_bytes: int | None = None) -> Workbook:
    """Parse a spreadsheet's bytes into cell grids in a bounded worker.

    Args:
        data: the file's bytes (xlsx, xlsm, xls or ods).
        merged: whether to read merged ranges too.
        max_bytes: the upload limit the memory limit is sized for.

    Raises:
        ReadFailed: the worker died, overran its memory or time limit, or the parser panicked.
    """
    return start_reading(data, merged=merged, max_bytes=max_bytes).result()


def start_reading(data: bytes, *, merged: bool = True, max_bytes: int | None = None) -> Call:
    """Start parsing in a worker and return at once; `result()` gives what `read_workbook_cells` gives.

    The caller may look at the file meanwhile, and `cancel()` the reading if it finds it should not go on.
    """
    halves = _halves_of(data)
    first = _POOL.checkout()
    second = _POOL.checkout(wait=False) if halves else None
    if second is not None:
        return _HalvesCall(data, merged, max_bytes, *halves, first, second)
    sheets = _SheetsArriving()
    return Call(_read_in_worker, (data, merged), max_bytes=max_bytes, after=sheets.book, on_part=sheets.add,
                worker=first)


def _halves_of(data: bytes) -> tuple[str, str] | None:
    """(worksheet part, sheet name) of an xlsx's largest sheet when it is large enough to read in halves
    and there are two processors to read them on; None otherwise."""
    if not data.startswith(b"PK") or _processors() < 2:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = [i for i in zf.infolist() if WORKSHEET_PART.match(i.filename)]
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if not parts:
        return None
    largest = max(parts, key=lambda i: i.file_size)
    if not HALVES_MIN_BYTES <= largest.file_size <= HALVES_MAX_BYTES:
        return None
    name = sheet_names(data).get(largest.filename)
    return (largest.filename, name) if name else None


def _processors() -> int:
    """The processors this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def sheet_names(data: bytes) -> dict[str, str]:
    """{worksheet part: sheet name} of an xlsx, from its workbook and the workbook's relationships."""
    import html

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            book = zf.read("xl/workbook.xml").decode("utf-8", errors="replace")
            rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", errors="replace")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        return {}
    targets = {}
    for rel in re.finditer(r"<Relationship\b[^>]*>", rels):
        rid, target = re.search(r'Id="([^"]*)"', rel.group(0)), re.search(r'Target="([^"]*)"', rel.group(0))
        if rid and target:
            path = target.group(1).lstrip("/")
            targets[rid.group(1)] = path if path.startswith("xl/") else f"xl/{path}"
    names = {}
    for sheet in re.finditer(r"<(?:\w+:)?sheet\b[^>]*>", book):
        name, rid = re.search(r'\bname="([^"]*)"', sheet.group(0)), re.search(r'\br:id="([^"]*)"', sheet.group(0))
        if name and rid and rid.group(1) in targets:
            names[targets[rid.group(1)]] = html.unescape(name.group(1))
    return names


def run(fn: Callable, *args, max_bytes: int | None = None):
    """Run `fn(*args)` in a worker under the read limits and return its result (fn must be importable).

    Raises:
        ReadFailed: as for `read_workbook_cells`.
    """
    return Call(fn, args, max_bytes=max_bytes).result()


class Call:
    """One function running in a worker under the read limits; the worker is the call's until it ends.

    Its answer is received on a thread of its own from the start, each part given to `on_part` as it comes:
    the worker never waits on a full pipe while the caller does other work.
    """

    def __init__(self, fn: Callable, args: tuple, *, max_bytes: int | None = None, after: Callable | None = None,
                 on_part: Callable | None = None, worker: _Worker | None = None, on_end: Callable | None = None):
        self.memory_mb = memory_limit_mb(max_bytes)
        self.seconds = time_limit_seconds()
        self._after = after
        self._on_part = on_part
        self._on_end = on_end
        self._worker: _Worker | None = worker or _POOL.checkout()
        self._deadline = time.monotonic() + self.seconds
        self._answer: tuple = ("raised", RuntimeError("no answer was received"))
        try:
            self._worker.send((fn, args, self.memory_mb, self.seconds))
        except _Died as exc:
            self._answer = ("raised", exc)
            self._receiving = None
            if on_end is not None:
                on_end()
        else:
            self._receiving = threading.Thread(target=self._receive, args=(self._worker,), daemon=True)
            self._receiving.start()

    def _receive(self, worker: _Worker) -> None:
        """(On the call's own thread.) The worker's parts, each given to `on_part`, then its answer."""
        try:
            status, value = worker.receive(self._deadline)
            while status == "part":
                self._on_part(value)
                status, value = worker.receive(self._deadline)
            self._answer = (status, value)
        except BaseException as exc:  # given to the caller by result()
            self._answer = ("raised", exc)
        finally:
            if self._on_end is not None:
                self._on_end()

    def looked(self) -> dict[str, Look] | None:
        """What the worker found looking through the file's XML parts: nothing, it does not look."""
        return None

    def result(self):
        """The function's result.

        Raises:
            ReadFailed: the worker died, overran a limit, or the function raised.
        """
        worker, healthy = self._worker, False
        if worker is None:
            raise RuntimeError("the call was cancelled or has ended")
        self._worker = None
        try:
            if self._receiving is not None:
                self._receiving.join()  # the worker's deadline ends it
            status, value = self._answer
            if status == "raised":
                raise value
            if status == "ok":
                healthy = True
                return self._after(value) if self._after else value
            from partnerlib.i18n import Phrase  # the server's side: the worker never imports the catalogue

            if status == "memory":
                raise ReadFailed("memory", Phrase("detail.memory", mb=self.memory_mb))
            raise ReadFailed("panic", Phrase("detail.panic", text=value))
        except _Timeout:
            from partnerlib.i18n import Phrase

            raise ReadFailed("time", Phrase("detail.time", seconds=_ru(self.seconds))) from None
        except _Died as exc:
            raise ReadFailed(*_death_cause(exc, self.memory_mb, self.seconds)) from None
        finally:
            _POOL.checkin(worker, healthy)

    def cancel(self) -> None:
        """Stop the call if it has not ended (its worker is killed); nothing when it has."""
        worker, self._worker = self._worker, None
        if worker is not None:
            if self._receiving is not None and self._receiving.is_alive():
                # The worker is stopped first: the thread's read then ends, before the pipes are closed.
                worker.stop()
                self._receiving.join()
            _POOL.checkin(worker, False)


class _Uncut(Exception):
    """The sheet to read in halves could not be cut cleanly: it is read whole instead."""


class _HalvesCall:
    """A workbook read by two workers at once: the first reads it all but the rows of its largest sheet
    from the cut on, which the second reads meanwhile; the caller puts the sheet together from both.
    When the sheet cannot be cut cleanly, it is read again by one worker, whole."""

    def __init__(self, data: bytes, merged: bool, max_bytes: int | None, part: str, name: str, first: _Worker,
                 second: _Worker):
        self._again = (data, merged, max_bytes)
        self._name = name
        self._sheets = _SheetsArriving()
        self._second_rows = _SheetsArriving()  # the rows of the second half, from the cut on
        self._cut = 0
        self._second_answer: tuple = ()  # ("end", Workbook) or ("failed", exception), once it has ended
        self._second_ended = threading.Event()  # and its worker is back in the pool, or gone
        self._joined = False
        self._second_worker = second
        self._part = part
        # What each worker found looking through its share of the XML, and when it has said (or ended).
        self._looks: list[dict[str, Look] | None] = [None, None]
        self._said = [threading.Event(), threading.Event()]
        self._second = Call(_read_second_half, (data, part, name), max_bytes=max_bytes, worker=second,
                            on_part=self._second_part)
        self._receiving = threading.Thread(target=self._receive_second, daemon=True)
        self._receiving.start()
        self._first = Call(_read_in_worker, (data, merged, (part, name)), max_bytes=max_bytes, worker=first,
                           after=self._sheets.book, on_part=self._first_part, on_end=self._said[0].set)

    def _receive_second(self) -> None:
        try:
            self._second_answer = ("end", self._second.result())
        except BaseException as exc:
            self._second_answer = ("failed", exc)
        finally:
            self._second_ended.set()
            self._said[1].set()

    def _first_part(self, part) -> None:
        if part[0] == "looked":
            self._looks[0] = part[1]
            self._said[0].set()
            return
        if part[0] == "sheet" and part[1].name == self._name and part[1].error is None:
            part[1].merged = self._join_second()
        self._sheets.add(part)

    def _second_part(self, part) -> None:
        if part[0] == "looked":
            self._looks[1] = part[1]
            self._said[1].set()
        else:
            # Put together as it comes, apart from the first half's rows, while the first worker goes on.
            self._cut, rows = part
            self._second_rows.add(rows)

    def looked(self) -> dict[str, Look] | None:
        """What the workers found looking through the file's XML parts, the first all of them but the second
        half of the sheet read in halves, the second that half: {part: Look}. None when either did not say
        (it could not cut the sheet, or it failed): the caller looks itself."""
        for said in self._said:
            said.wait()
        first, second = self._looks
        if first is None or second is None or self._part not in first or self._part not in second:
            return None
        looks = dict(first)
        a, b = first[self._part], second[self._part]
        looks[self._part] = Look(a.entities or b.entities, a.rows | b.rows, a.unusual or b.unusual)
        return looks

    def _join_second(self) -> list:
        """The rows of the second half after those of the first (and the empty rows between them); returns
        the sheet's merged ranges, which the second half read."""
        self._joined = True
        self._second_ended.wait()
        kind, value = self._second_answer
        if kind == "failed":
            raise value
        if value.uncut:
            raise _Uncut
        if self._second_rows.height:
            self._sheets.add_empty(self._cut - self._sheets.height)
            self._sheets.extend(self._second_rows)
        return value.sheets[0].merged if value.sheets else []

    def result(self) -> Workbook:
        try:
            book = self._first.result()
            cut = self._joined and not book.uncut
        except _Uncut:
            cut = False
        finally:
            self.cancel()
        if cut:
            return book
        data, merged, max_bytes = self._again
        sheets = _SheetsArriving()
        return Call(_read_in_worker, (data, merged), max_bytes=max_bytes, after=sheets.book,
                    on_part=sheets.add).result()

    def cancel(self) -> None:
        if not self._second_ended.is_set():
            # Its answer is still being received on the other thread: the worker is stopped, and that
            # thread's read ends with it (and so does the first worker's wait for it).
            self._second_worker.stop()
        self._first.cancel()
        self._receiving.join()


class _SheetsArriving:
    """The sheets of a workbook put together from the parts the worker sends: rows a block at a time,
    then the sheet they belong to."""

    def __init__(self):
        self.sheets: list[Sheet] = []
        self._start_sheet()

    def _start_sheet(self) -> None:
        self._rows: list[list] = []
        self._blocks: list = []
        self._id_blocks: list = []
        self._cleaned: list[tuple[int, int, str, str]] = []
        self._ids = _ValueIds()

    def add(self, part) -> None:
        if part[0] == "rows":
            _, packed, cleaned = part
            # While the worker packs the next block, this one is made rows, cells without empty texts, and
            # the sheet's numbers of their values.
            cells, without_empty, value_of, table = _unpacked(packed, with_table=True)
            self._rows.extend(_rows_of(cells))
            self._blocks.append(without_empty)
            self._id_blocks.append(self._ids.of(table)[value_of].reshape(without_empty.shape))
            self._cleaned.extend(cleaned)
            return
        sheet = part[1]
        if sheet.error is None:
            if len({b.shape[1] for b in self._blocks}) > 1:
                # Halves of a sheet read apart can differ in width: every row as wide as the widest, as whole.
                width = max(b.shape[1] for b in self._blocks)
                for row in self._rows:
                    if len(row) < width:
                        row.extend([""] * (width - len(row)))
            sheet.rows, sheet.cells, sheet.cleaned = self._rows, _joined(self._blocks), self._cleaned
            sheet.ids, sheet.values = _joined(self._id_blocks, fill=0), self._ids.values()
        self.sheets.append(sheet)
        self._start_sheet()

    @property
    def height(self) -> int:
        """The rows of the sheet so far."""
        return len(self._rows)

    def add_empty(self, n: int) -> None:
        """`n` empty rows, as wide as the rows before them."""
        if n > 0:
            width = len(self._rows[-1]) if self._rows else 0
            self.add(("rows", _pack([[""] * width for _ in range(n)])[0], []))

    def extend(self, later: _SheetsArriving) -> None:
        """The rows `later` put together (the sheet's next rows, arrived apart) after these, their values
        numbered as this sheet's."""
        renumbered = self._ids.of(later._ids.values())
        self._rows.extend(later._rows)
        self._blocks.extend(later._blocks)
        self._id_blocks.extend(renumbered[ids] for ids in later._id_blocks)
        self._cleaned.extend(later._cleaned)

    def book(self, book: Workbook) -> Workbook:
        book.sheets = self.sheets
        return book


class _ValueIds:
    """The distinct values of one sheet numbered as the blocks of its cells arrive: 0 is the empty cell."""

    def __init__(self):
        self._ids: dict = {(type(None), None): 0}
        self._values: list = [None]

    def of(self, table):
        """The numbers of a block's distinct values (empty texts as None), new ones numbered as they come."""
        import numpy as np

        ids, values = self._ids, self._values

        def number(v) -> int:
            # By type too: to a dict 2 is 2.0 and True is 1, and a cell keeps its own value.
            key = (type(v), v)
            found = ids.get(key)
            if found is None:
                found = ids[key] = len(values)
                values.append(v)
            return found
        return np.fromiter(map(number, table), dtype=np.int32, count=len(table))

    def values(self):
        import numpy as np

        out = np.empty(len(self._values), dtype=object)
        out[:] = self._values
        return out


def _joined(blocks: list, fill=None):
    """Blocks of cells one under another (narrower blocks filled out with `fill`, an empty cell) as one array."""
    import numpy as np

    if not blocks:
        return np.empty((0, 0), dtype=object if fill is None else np.int32)
    width = max(b.shape[1] for b in blocks)
    if any(b.shape[1] != width for b in blocks):
        padded = []
        for b in blocks:
            wide = np.full((b.shape[0], width), fill, dtype=b.dtype)
            wide[:, :b.shape[1]] = b
            padded.append(wide)
        blocks = padded
    return blocks[0] if len(blocks) == 1 else np.concatenate(blocks)


def _rows_of(cells) -> list[list]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        return cells.tolist()
    finally:
        if collecting:
            gc.enable()


def _death_cause(exc: _Died, memory_mb: int, seconds: float) -> tuple[str, str]:
    from partnerlib.i18n import Phrase

    said = exc.stderr
    if "memory allocation" in said or "MemoryError" in said or "out of memory" in said.lower():
        return "memory", Phrase("detail.memory", mb=memory_mb)
    if exc.returncode == -signal.SIGXCPU:
        return "time", Phrase("detail.time", seconds=_ru(seconds))
    if "panicked" in said:
        line = next((ln for ln in said.splitlines() if "panicked" in ln), "")
        return "panic", Phrase("detail.panic", text=line.strip()[:200])
    if exc.returncode is not None and exc.returncode < 0:
        try:
            name = signal.Signals(-exc.returncode).name
        except ValueError:
            name = str(-exc.returncode)
        return "crash", Phrase("detail.crash", cause=name)
    return "crash", Phrase("detail.crash_code", code=exc.returncode)


class _Timeout(Exception):
    pass


class _Died(Exception):
    def __init__(self, returncode: int | None, stderr: str):
        self.returncode = returncode
        self.stderr = stderr
        super().__init__(returncode)


class _SafeUnpickler(pickle.Unpickler):
    """Only the plain types a grid holds: a worker that misbehaves cannot make the caller run code."""

    _ALLOWED: ClassVar = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "time"),
                          ("datetime", "timedelta"), ("datetime", "timezone")}

    def find_class(self, module, name):
        if (module, name) in self._ALLOWED:
            return super().find_class(module, name)
        if module.startswith("partnerlib.sandbox") and name in ("Sheet", "Workbook", "Look"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not expected from the worker")


def _worker_command() -> list[str]:
    # The package's __init__ imports pandas: a stand-in package module keeps the worker small.
    boot = (
        "import sys, types; p = types.ModuleType('partnerlib'); p.__path__ = [sys.argv[1]]; "
        "sys.modules['partnerlib'] = p; from partnerlib.sandbox import _worker_main; _worker_main()"
    )
    return [sys.executable, "-c", boot, _PACKAGE_DIR]


class _Worker:
    """One worker process and the pipes to it."""

    def __init__(self):
        env = dict(os.environ)
        # The same import path as the caller's: functions given to `run` are found by their module.
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115  (closed in kill(), with the process)
        self.stopped = False
        self.proc = subprocess.Popen(
            _worker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr,
            env=env, close_fds=True,
        )

    def alive(self) -> bool:
        return not self.stopped and self.proc.poll() is None

    def stop(self) -> None:
        """Kill the process now, from any thread; it is not used again (its pipes are closed by `kill`)."""
        self.stopped = True
        with contextlib.suppress(OSError):
            self.proc.kill()

    def send(self, request) -> None:
        blob = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.proc.stdin.write(_HEADER.pack(len(blob)))
            self.proc.stdin.write(blob)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            raise self.died() from None

    def receive(self, deadline: float):
        fd = self.proc.stdout.fileno()
        (size,) = _HEADER.unpack(self._read(fd, _HEADER.size, deadline))
        body = self._read(fd, size, deadline)
        return _SafeUnpickler(io.BytesIO(body)).load()

    def _read(self, fd: int, n: int, deadline: float) -> bytes:
        chunks, got = [], 0
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
        while got < n:
            left = deadline - time.monotonic()
            if left <= 0 or not poller.poll(left * 1000):
                self.kill()
                raise _Timeout
            chunk = os.read(fd, min(n - got, 1 << 22))
            if not chunk:
                raise self.died()
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)

    def died(self) -> _Died:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)  # its answer pipe closed: it is exiting
        self.stderr.seek(0, os.SEEK_END)
        size = self.stderr.tell()
        self.stderr.seek(max(0, size - 4096))
        said = self.stderr.read().decode("utf-8", errors="replace")
        self.kill()
        return _Died(self.proc.returncode, said)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(OSError):
                pipe.close()
        self.stderr.close()


class _Pool:
    """Idle workers kept for the next read; at most `PARTNERLIB_READ_WORKERS` reads run at once."""

    def __init__(self):
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._busy = 0

    def checkout(self, wait: bool = True) -> _Worker | None:
        """A worker for one read; with `wait=False`, None at once when as many reads as allowed are running."""
        size = int(_number(WORKERS_ENV, DEFAULT_WORKERS))
        with self._cond:
            while not self._idle and self._busy >= size:
                if not wait:
                    return None
                self._cond.wait()
            worker = self._idle.pop() if self._idle else None
            self._busy += 1
        if worker is not None and worker.alive():
            return worker
        if worker is not None:
            worker.kill()
        try:
            return _Worker()
        except BaseException:
            self.checkin(None, False)
            raise

    def checkin(self, worker: _Worker | None, healthy: bool) -> None:
        if worker is not None and not healthy:
            worker.kill()
            # A fresh worker now, while the user reads the error: the next read need not wait for one to start.
            try:
                worker, healthy = _Worker(), True
            except OSError:
                worker = None
        with self._cond:
            self._busy -= 1
            if worker is not None and healthy:
                self._idle.append(worker)
            self._cond.notify()

    def warm_up(self) -> None:
        """Start a worker to keep idle, when none is (its start then costs no read anything)."""
        with self._cond:
            if self._idle or self._busy:
                return
            self._busy += 1
        try:
            worker = _Worker()
        except OSError:
            worker = None
        self.checkin(worker, worker is not None)

    def close(self) -> None:
        """Stop the idle workers (at exit; busy ones stop when their read ends or times out)."""
        with self._cond:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()

    def running(self) -> list[int]:
        """The process ids of the idle workers (for tests: nothing is left running after a failure)."""
        with self._cond:
            return [w.proc.pid for w in self._idle if w.alive()]


_POOL = _Pool()
atexit.register(_POOL.close)


def warm_up() -> None:
    """Start a worker ahead of the first read (a server may call this at its start)."""
    _POOL.warm_up()


def stop_workers() -> None:
    """Stop the idle workers; the next read starts a fresh one."""
    _POOL.close()


def idle_workers() -> list[int]:
    """The process ids of the workers kept for the next read."""
    return _POOL.running()


def _unpack(packed) -> list[list]:
    """Rows from a sheet packed by `_pack`."""
    return _unpacked(packed)[0].tolist()


def _unpacked(packed, with_table: bool = False):
    """The cells of rows packed by `_pack` as 2-D object arrays (rows x columns): as they are, and with
    each empty text ("") made None. `with_table`: also each cell's number in the block's distinct values
    (flat, row by row) and those values, empty texts as None."""
    import numpy as np

    height, width, text, kinds, others, codes = packed
    if height * width == 0:
        empty = np.empty((height, 0), dtype=object)
        if with_table:
            return empty, empty, np.empty(0, dtype=np.intp), np.empty(0, dtype=object)
        return empty, empty
    is_text = np.frombuffer(kinds, dtype=bool)
    table = np.empty(len(is_text), dtype=object)
    # Making many objects at once wakes the garbage collector again and again over every cell, for
    # nothing: they hold no cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        empty_texts = np.empty(0, dtype=np.intp)
        if text is not None:
            texts = np.empty(int(is_text.sum()), dtype=object)
            texts[:] = text.split(_SEP)
            table[is_text] = texts
            empty_texts = np.flatnonzero(is_text)[texts == ""]
        if others:
            rest = np.empty(len(others), dtype=object)
            rest[:] = others
            table[~is_text] = rest
        # Each cell's number is where its value first stood: in order, those places number the distinct values.
        first_at = np.frombuffer(codes, dtype=f"=u{array.array(_CODE).itemsize}").astype(np.intp)
        value_of = (np.cumsum(first_at == np.arange(len(first_at))) - 1)[first_at]
        cells = table[value_of].reshape(height, width)
        without_empty = cells
        if len(empty_texts):
            table[empty_texts] = None
            without_empty = table[value_of].reshape(height, width)
        return (cells, without_empty, value_of, table) if with_table else (cells, without_empty)
    finally:
        if collecting:
            gc.enable()


# ---------------------------------------------------------------- the worker's side

def _worker_main() -> None:
    """Serve requests on stdin until it closes: each is (function, args, memory MB, seconds)."""
    import python_calamine  # noqa: F401  (imported before any request: the worker is warm)

    import partnerlib.values  # noqa: F401  (the cleaning)

    # The cells are millions of objects without cycles: the collector would only walk them over and over.
    gc.disable()

    requests = sys.stdin.buffer
    # Answers go on a private copy of stdout; anything native code prints goes to stderr instead.
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    while True:
        head = requests.read(_HEADER.size)
        if len(head) < _HEADER.size:
            return
        (size,) = _HEADER.unpack(head)
        fn, args, memory_mb, seconds = pickle.loads(requests.read(size))
        used = resource.getrusage(resource.RUSAGE_SELF)
        cpu = used.ru_utime + used.ru_stime
        _, hard_cpu = resource.getrlimit(resource.RLIMIT_CPU)
        soft_cpu = math.ceil(cpu + seconds + CPU_SLACK_SECONDS)
        if hard_cpu == resource.RLIM_INFINITY or soft_cpu <= hard_cpu:
            resource.setrlimit(resource.RLIMIT_CPU, (soft_cpu, hard_cpu))
        _, hard_as = resource.getrlimit(resource.RLIMIT_AS)
        soft_as = memory_mb * 1024 * 1024
        if hard_as == resource.RLIM_INFINITY or soft_as <= hard_as:
            resource.setrlimit(resource.RLIMIT_AS, (soft_as, hard_as))
        try:
            answer = fn(*args)
            if isinstance(answer, types.GeneratorType):
                # A function that yields sends each part as it is made: the caller unpacks one part
                # while the next is packed here.
                parts = answer
                while True:
                    try:
                        part = next(parts)
                    except StopIteration as end:
                        answer = end.value
                        break
                    _send(answers, ("part", part))
            answer = ("ok", answer)
            blob = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            answer = None
            blob = pickle.dumps(("memory", ""), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # the parser's PanicException is a BaseException
            answer = None
            said = (str(exc).strip().splitlines() or [""])[0][:300]
            blob = pickle.dumps(("panic", f"{type(exc).__name__}: {said}"),
                                protocol=pickle.HIGHEST_PROTOCOL)
        _send(answers, blob)
        if answer is None:
            return  # a worker that failed is not trusted with the next file


def _send(answers, message) -> None:
    blob = message if isinstance(message, bytes) else pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    answers.write(_HEADER.pack(len(blob)))
    answers.write(blob)
    answers.flush()


def _read_in_worker(data: bytes, want_merged: bool, halves: tuple[str, str] | None = None):
    """(In the worker.) Every sheet of a workbook, sent as it is read: ("rows", packed rows, cleaned
    cells) for each block of ROWS_PER_PART rows, then ("sheet", the Sheet without its rows). Returns
    the Workbook without its sheets.

    halves: (worksheet part, sheet name) of the sheet read in halves: this worker reads the rows before
    the cut (`_cut`), and sends ("looked", {part: Look}) of its share of the XML once it has parsed them
    (before, when a part declares entities); the Workbook says `uncut` when a row lies past the cut.
    """
    import python_calamine

    cut = None
    if halves is not None:
        half = _half_book(data, halves[0], 0)
        if half is None:
            return Workbook([], uncut=True)
        data, cut, looked = half
        if any(look.entities for look in looked.values()):
            yield "looked", looked
            return Workbook([])
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # the parser's own error types for files it cannot open
        return Workbook([], _words(exc))
    hidden = {m.name for m in book.sheets_metadata if str(m.visible).lower().rsplit(".", 1)[-1] != "visible"}
    try:
        for name in book.sheet_names:
            try:
                sheet = book.get_sheet_by_name(name)
                if cut is not None and name == halves[1]:
                    looked[halves[0]].unusual = _unusual(sheet.end)
                    yield "looked", looked
                rows = sheet.to_python(skip_empty_area=False)
                merged = list(sheet.merged_cell_ranges or []) if want_merged else []
            except Exception as exc:
                yield "sheet", Sheet(name, None, [], _words(exc))
                continue
            if cut is not None and name == halves[1] and len(rows) > cut:
                return Workbook([], uncut=True)
            for start in range(0, len(rows), ROWS_PER_PART):
                packed, cleaned = _pack(rows[start:start + ROWS_PER_PART])
                yield "rows", packed, [(r + start, c, what, text) for r, c, what, text in cleaned]
            del rows
            yield "sheet", Sheet(name, [], merged, None, None, name in hidden)
    finally:
        book.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Workbook([], None, peak)


def _read_second_half(data: bytes, part: str, name: str):
    """(In the worker.) The rows of sheet `name` from the cut of its `part` on (`_cut`), sent a block at a
    time as (the cut, ("rows", packed rows, cleaned cells)), row numbers counted from the sheet's top,
    after ("looked", {part: Look}) of this half of the XML. Returns a Workbook with the sheet's merged
    ranges (this half holds the part's end, where they are written), `uncut` when a row of this half lies
    before the cut."""
    import python_calamine

    half = _half_book(data, part, 1)
    if half is None:
        return Workbook([], uncut=True)
    data, cut, looked = half
    if looked[part].entities:
        yield "looked", looked
        return Workbook([])
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception:  # what the whole read says of such a file is for it to say
        return Workbook([], uncut=True)
    try:
        try:
            sheet = book.get_sheet_by_name(name)
            looked[part].unusual = _unusual(sheet.end)
            yield "looked", looked
            rows = sheet.to_python(skip_empty_area=True)
            start = sheet.start
            merged = list(sheet.merged_cell_ranges or [])
        except Exception:
            return Workbook([], uncut=True)
        if not rows or start is None:
            return Workbook([Sheet(name, [], merged)])
        top, left = start
        if top < cut:
            return Workbook([], uncut=True)
        if left:
            pad = [""] * left
            rows = [pad + row for row in rows]
        if top > cut:
            rows[:0] = [[""] * len(rows[0]) for _ in range(top - cut)]
        for at in range(0, len(rows), ROWS_PER_PART):
            packed, cleaned = _pack(rows[at:at + ROWS_PER_PART])
            yield cut, ("rows", packed, [(r + cut + at, c, what, text) for r, c, what, text in cleaned])
    finally:
        book.close()
    return Workbook([Sheet(name, [], merged)], None, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _unusual(end: tuple[int, int] | None) -> bool:
    """Whether a parsed sheet has a cell past column BZ or row 999,999 (what `look_through` looks for in the
    XML): the parser has read them all, and says where its cells end."""
    return end is not None and (end[1] >= 78 or end[0] >= 999_999)


def _cut(xml: bytes, middle: int) -> tuple[int, int, int] | None:
    """Where a worksheet's XML is cut in two: (where its rows start, the cut, the row the second half starts
    with, from 0). The cut is at the first row element from `middle` on; None when there is none, or it
    has no row number, or the rows are not where they are looked for. `xml` may be the part's beginning
    only, as far as a little past `middle`: the cut is the same."""
    opening = xml.find(b"<sheetData>")
    if opening < 0 or opening > middle:
        return None
    start = opening + len(b"<sheetData>")
    at = xml.find(b"<row ", max(middle, start))
    found = _ROW_NUMBER.match(xml, at) if at >= 0 else None
    if found is None or int(found.group(1)) < 1:
        return None
    return start, at, int(found.group(1)) - 1


def _half_book(data: bytes, part: str, half: int) -> tuple[bytes, int, dict[str, Look]] | None:
    """The xlsx with only the first (half 0) or the second (half 1) half of a worksheet's rows, stored
    uncompressed; the first row of the second half; and the look through (`look_through`, without the
    unusual cells: the parser says where they end) this half of the part, with, for the first half,
    every other XML part. None when the part cannot be cut.

    The cut is past HALVES_CUT of the part's unpacked size: the first half needs the part's XML only so
    far (and ends its rows and the sheet itself), the second half the whole of it (its beginning and end,
    with the merged ranges, and its rows from the cut on).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo(part)
            middle = int(info.file_size * HALVES_CUT)
            xml = _unpacked_to(zf, info, middle) if half == 0 else zf.read(info)
            cut = _cut(xml, middle)
            if cut is None or (half == 1 and xml.find(b"</sheetData>", cut[1]) < 0):
                return None
            start, at, row = cut
            if half == 0:
                if not re.match(rb"(?:<\?xml[^>]*>\s*)?<worksheet\b", xml):
                    return None
                looked = {part: look_through([xml[:at + _LOOK_OVERLAP]], True, cells=False)}
                pieces = (memoryview(xml)[:at], b"</sheetData></worksheet>")
            else:
                looked = {part: look_through([xml[max(0, at - _LOOK_OVERLAP):]], True, cells=False)}
                pieces = (memoryview(xml)[:start], memoryview(xml)[at:])
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as book:
                for other in zf.infolist():
                    if other.filename == part:
                        with book.open(part, "w") as written:
                            for piece in pieces:
                                written.write(piece)
                        continue
                    blob = zf.read(other)
                    if half == 0 and XML_PART.search(other.filename):
                        looked[other.filename] = look_through([blob], WORKSHEET_PART.match(other.filename) is not None)
                    book.writestr(other.filename, blob)
            del pieces, xml
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError, EOFError,
            zlib.error):
        return None
    return out.getvalue(), row, looked


def _unpacked_to(zf: zipfile.ZipFile, info: zipfile.ZipInfo, middle: int) -> bytes:
    """A part's unpacked bytes from its beginning to a little past `middle`: past the first row element
    from there on, and its tag (or the part's end)."""
    with zf.open(info) as part:
        xml = part.read(middle + 64 * 1024)
        while True:
            at = xml.find(b"<row ", middle)
            if at >= 0 and xml.find(b">", at) >= 0:
                return xml
            more = part.read(64 * 1024)
            if not more:
                return xml
            xml += more


def _words(exc: Exception) -> str:
    return str(exc) or type(exc).__name__


def clean_rows(rows: list[list]) -> tuple[list[list], list[tuple[int, int, str, str]]]:
    """The cleaning the worker gives its grids, for rows read in this process (CSV): the cleaned rows
    and the cells changed with a word for the user, (row, column, what was removed, original text)."""
    packed, cleaned = _pack(rows)
    return _unpack(packed), cleaned


def _pack(rows: list[list]):
    """Rows as (height, width, the distinct texts joined, a byte per distinct value: 1 for text, the other
    distinct values, a number per cell: where its value first stood), cells cleaned.

    Sheets repeat their values (titles, partners, formats, dates, counts): each distinct value is sent
    once. Cleaning (values.clean_cell) looks at the joined texts once; only when they hold a marked
    character is each text that holds one looked at. Returns the packed rows and the cells that cleaning
    changed with a word for the user: (row, column, what was removed, original text).
    """
    from partnerlib.values import clean_cell, invisible_removed

    marked, anything = _cleaning_patterns()
    height = len(rows)
    width = max(map(len, rows), default=0)
    if min(map(len, rows), default=0) != width:
        rows = [r + [""] * (width - len(r)) for r in rows]
    flat = list(itertools.chain.from_iterable(rows))
    first: dict = {}
    at = list(map(first.setdefault, flat, itertools.count()))
    if len(set(map(type, flat)) & _NUMBER_TYPES) > 1:
        # To a dict 2 is 2.0 and True is 1: with numbers of two types each cell keeps its own value.
        distinct, at = flat, range(len(flat))
    else:
        distinct = list(first)
    del first
    is_text = list(map(operator.is_, map(type, distinct), itertools.repeat(str)))
    strings = list(itertools.compress(distinct, is_text))
    others = list(itertools.compress(distinct, map(operator.not_, is_text)))
    cleaned: list[tuple[int, int, str, str]] = []
    text = None
    if strings:
        text = _SEP.join(strings)
        has_nul = text.count(_SEP) != len(strings) - 1
        found = anything.search(text)
        if has_nul or (found is not None and marked.search(text, found.start())):
            fixed: dict[int, tuple[str, tuple[str, ...]]] = {}  # a text's first cell -> (original, removed)
            starts = list(itertools.compress(sorted(set(at)), is_text))  # each text's first cell
            for k, original in enumerate(strings):
                if _SEP in original or marked.search(original):
                    strings[k], removed = clean_cell(original)
                    fixed[starts[k]] = (original, removed)
            for i, start in enumerate(at):
                if start in fixed:
                    original, removed = fixed[start]
                    r, c = divmod(i, width)
                    cleaned.extend((r, c, what, original) for what in removed)
            text = _SEP.join(strings)
        if found is not None or has_nul or not unicodedata.is_normalized("NFC", text):
            text = invisible_removed(text)  # one pass over all text: NFC, zero-width characters, line breaks
    return (height, width, text, bytes(is_text), others, array.array(_CODE, at).tobytes()), cleaned


@functools.cache
def _cleaning_patterns():
    """(characters cleaning warns of, any character cleaning changes), neither matching the separator."""
    import re

    from partnerlib.values import CONTROL_CHARACTERS, DIRECTION_CHARACTERS, INVISIBLE_CHARACTERS

    warned = (CONTROL_CHARACTERS + DIRECTION_CHARACTERS).replace(_SEP, "")
    changed = warned + INVISIBLE_CHARACTERS + "\r"
    return re.compile(f"[{re.escape(warned)}]"), re.compile(f"[{re.escape(changed)}]")
