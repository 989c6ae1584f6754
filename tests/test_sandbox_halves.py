"""A large sheet read in two halves by two workers at once gives exactly what one worker reading it whole gives."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest
from conftest import xlsx_bytes, zip_bytes, zip_parts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnerlib import read_workbook, sandbox
from partnerlib.errors import ERROR, WARNING
from partnerlib.sample import sample_workbook_bytes

EVENTS = "xl/worksheets/sheet2.xml"


class Reads:
    """The calls a read gave its workers, by function: whether it was read in halves, or whole again."""

    def __init__(self, monkeypatch):
        self.calls: list[tuple[str, int]] = []
        real = sandbox.Call.__init__

        def spy(call, fn, args, **kwargs):
            self.calls.append((fn.__name__, len(args)))
            real(call, fn, args, **kwargs)

        monkeypatch.setattr(sandbox.Call, "__init__", spy)

    def in_halves(self) -> bool:
        return self.calls == [("_read_second_half", 3), ("_read_in_worker", 3)]

    def again_whole(self) -> bool:
        return self.calls == [("_read_second_half", 3), ("_read_in_worker", 3), ("_read_in_worker", 2)]


def read_both_ways(data: bytes, monkeypatch) -> tuple[sandbox.Workbook, sandbox.Workbook, Reads]:
    """The cells read whole by one worker, then in halves (any sheet is large enough), and the halves' calls."""
    monkeypatch.setattr(sandbox, "HALVES_MIN_BYTES", 1 << 40)
    whole = sandbox.read_workbook_cells(data)
    monkeypatch.setattr(sandbox, "HALVES_MIN_BYTES", 0)
    reads = Reads(monkeypatch)
    halves = sandbox.read_workbook_cells(data)
    return whole, halves, reads


def described(book: sandbox.Workbook) -> list[dict]:
    """Everything the reader takes from the worker's sheets, as plain values."""
    return [{
        "name": s.name, "rows": s.rows, "merged": sorted(s.merged), "error": s.error, "hidden": s.hidden,
        "cleaned": s.cleaned, "cells": None if s.cells is None else s.cells.tolist(),
        "by_ids": None if s.ids is None else s.values[s.ids].tolist(),
    } for s in book.sheets]


def assert_same(whole: sandbox.Workbook, halves: sandbox.Workbook) -> None:
    assert whole.error == halves.error
    for a, b in zip(described(whole), described(halves), strict=True):
        assert a == b, a["name"]


CELL = st.one_of(
    st.none(), st.none(),
    st.sampled_from(["Школа № 1", "очно", "онлайн", "Лекция «Книга»", "", "  ", "Итого", "ZOOM"]),
    st.text(alphabet="абвгдеёжзий ABC123.,-«»\u00a0\u200b", min_size=1, max_size=12),
    st.integers(-5, 10_000), st.floats(0, 1e6, allow_nan=False, allow_infinity=False), st.booleans(),
    st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)).map(lambda d: dt.datetime(d.year, d.month, d.day)),
)


@st.composite
def sheets(draw):
    """A sheet of random cells: rows of different widths, empty rows and columns anywhere, merged cells."""
    height = draw(st.integers(1, 70))
    width = draw(st.integers(1, 9))
    rows = []
    for r in range(height):
        kind = draw(st.sampled_from(["full", "full", "full", "empty", "short", "left_empty"]))
        row = [draw(CELL) for _ in range(width)]
        if kind == "empty":
            row = [None] * width
        elif kind == "short":
            row = row[:draw(st.integers(1, width))]
        elif kind == "left_empty" and r > height // 2:
            row[:draw(st.integers(1, width))] = [None] * 0 + [None] * min(width, 2)
        rows.append(row)
    merges = []
    for _ in range(draw(st.integers(0, 3))):
        top, left = draw(st.integers(1, height)), draw(st.integers(1, width))
        bottom, right = draw(st.integers(top, height)), draw(st.integers(left, width))
        if (bottom, right) != (top, left) and not any(
                not (bottom < t or top > b or right < lf or left > rt) for t, lf, b, rt in merges):
            merges.append((top, left, bottom, right))
    return rows, merges


def book_bytes(events: list[list], merges=(), partners: list[list] | None = None) -> bytes:
    wb = openpyxl.Workbook()
    wb.active.title = "Партнёры"
    for row in partners or [["Наименование партнёра"], ["Школа № 1"]]:
        wb.active.append(row)
    ws = wb.create_sheet("Мероприятия")
    for row in events:
        ws.append(row)
    for top, left, bottom, right in merges:
        ws.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sheet=sheets())
def test_a_sheet_read_in_halves_is_the_sheet_read_whole(sheet, monkeypatch):
    rows, merges = sheet
    whole, halves, reads = read_both_ways(book_bytes(rows, merges), monkeypatch)
    assert_same(whole, halves)
    # Openpyxl writes its rows in order, each with its number: every such sheet can be cut.
    assert reads.in_halves() or len(rows) < 2 or reads.calls == []


def test_a_large_sheet_is_read_in_halves_by_default_and_the_reader_sees_the_same(monkeypatch):
    """The demo workbook read in halves and whole: the same events, partners and problems."""
    data = sample_workbook_bytes()
    monkeypatch.setattr(sandbox, "HALVES_MIN_BYTES", 1 << 40)
    whole = read_workbook(data, "sample.xlsx")
    monkeypatch.setattr(sandbox, "HALVES_MIN_BYTES", 0)
    reads = Reads(monkeypatch)
    halves = read_workbook(data, "sample.xlsx")
    assert reads.in_halves()
    assert len(halves.events) > 500
    assert halves.events.equals(whole.events)
    assert halves.partners.equals(whole.partners)
    assert [p.message for p in halves.problems] == [p.message for p in whole.problems]


def test_only_a_sheet_past_the_threshold_is_read_in_halves(monkeypatch):
    data = book_bytes([["Дата", "Название"], *([dt.datetime(2022, 1, i % 28 + 1), f"Лекция {i}"] for i in range(300))])
    size = next(len(b) for name, b in zip_parts(data).items() if name == EVENTS)
    reads = Reads(monkeypatch)
    monkeypatch.setattr(sandbox, "HALVES_MIN_BYTES", size + 1)
    sandbox.read_workbook_cells(data)
    assert reads.calls == [("_read_in_worker", 2)]
    reads.calls.clear()
    monkeypatch.setattr(sandbox, "HALVES_MIN_BYTES", size)
    sandbox.read_workbook_cells(data)
    assert reads.in_halves()


def with_events_xml(data: bytes, change) -> bytes:
    parts = zip_parts(data)
    parts[EVENTS] = change(parts[EVENTS])
    return zip_bytes(parts)


EVENT_ROWS = [["Дата", "Название", "Кол-во участников"],
              *([dt.datetime(2022, 3, i % 28 + 1), f"Лекция {i}", i] for i in range(1, 41))]


def rows_moved(xml: bytes) -> bytes:
    """The sheet's last row element written first: the rows out of order, as no program writes them, but
    a file may hold them."""
    rows = re.findall(rb"<row .*?</row>", xml, re.DOTALL)
    return xml.replace(rows[-1], b"").replace(rows[0], rows[-1] + rows[0])


def first_row_moved_last(xml: bytes) -> bytes:
    rows = re.findall(rb"<row .*?</row>", xml, re.DOTALL)
    return xml.replace(rows[0], b"").replace(rows[-1], rows[-1] + rows[0])


def numbers_dropped(xml: bytes) -> bytes:
    """Row elements without their numbers (the parser counts them): the cut cannot know its row."""
    return re.sub(rb'<row r="[0-9]+"', b"<row", xml)


@pytest.mark.parametrize("change", [rows_moved, first_row_moved_last, numbers_dropped])
def test_a_sheet_that_cannot_be_cut_cleanly_is_read_whole(change, monkeypatch):
    data = with_events_xml(book_bytes(EVENT_ROWS), change)
    whole, halves, reads = read_both_ways(data, monkeypatch)
    assert_same(whole, halves)
    assert reads.again_whole()
    events = next(s for s in halves.sheets if s.name == "Мероприятия")
    assert sorted(r[1] for r in events.rows[1:]) == sorted(r[1] for r in EVENT_ROWS[1:])


def test_rows_of_the_second_half_keep_their_numbers_past_empty_rows_and_columns(monkeypatch):
    """Empty rows at the cut and an empty first column below it: the second half starts where it stood."""
    rows = [["Дата", "Название", "Партнёр"], *([dt.datetime(2022, 5, 1), f"Лекция {i}", "Школа"] for i in range(30)),
            *([None, None, None] for _ in range(15)), *([None, f"Встреча {i}", "Музей"] for i in range(30))]
    whole, halves, reads = read_both_ways(book_bytes(rows), monkeypatch)
    assert reads.in_halves()
    assert_same(whole, halves)
    events = next(s for s in halves.sheets if s.name == "Мероприятия")
    assert events.rows[46] == ["", "Встреча 0", "Музей"]
    assert events.rows[45] == ["", "", ""]


def test_the_second_half_cleaned_cells_name_their_own_rows(monkeypatch):
    rows = [["Название", "Партнёр"], *([f"Лекция {i}", "Школа"] for i in range(60))]
    rows[55][1] = "Шко_x0007_ла"  # a control character as Excel writes it (openpyxl refuses the character)
    data = book_bytes(rows)
    whole, halves, reads = read_both_ways(data, monkeypatch)
    assert reads.in_halves()
    assert_same(whole, halves)
    events = next(s for s in halves.sheets if s.name == "Мероприятия")
    assert [(r, c) for r, c, _, _ in events.cleaned] == [(55, 1)]


def test_a_far_stray_cell_in_a_sheet_read_in_halves_is_found_by_the_workers(monkeypatch):
    wb = openpyxl.load_workbook(io.BytesIO(book_bytes(EVENT_ROWS)))
    wb["Мероприятия"]["XFD1048576"] = "далеко"
    buf = io.BytesIO()
    wb.save(buf)
    monkeypatch.setattr(sandbox, "HALVES_MIN_BYTES", 0)
    result = read_workbook(buf.getvalue(), "far.xlsx")
    assert len(result.events) == 40
    far = [(p.severity, p.sheet, p.params["cells"]) for p in result.problems if p.code == "far_cells"]
    assert far == [(WARNING, "Мероприятия", "XFD1048576")]


@pytest.mark.parametrize("where", ["before the cut", "after the cut"])
def test_an_entity_declared_inside_either_half_is_refused(where, monkeypatch):
    """Past the head of the part that is looked at before any parser starts (it would be refused there)."""
    def declared(xml: bytes) -> bytes:
        rows = re.findall(rb"<row .*?</row>", xml, re.DOTALL)
        row = rows[len(rows) * 2 // 5] if where == "before the cut" else rows[-2]
        assert xml.index(row) > 64 * 1024
        return xml.replace(row, row + b'<!DOCTYPE x [<!ENTITY a "aaaa">]>')

    many = [EVENT_ROWS[0], *([dt.datetime(2022, 3, 1), f"Лекция о книгах № {i}", i] for i in range(4000))]
    monkeypatch.setattr(sandbox, "HALVES_MIN_BYTES", 0)
    reads = Reads(monkeypatch)
    result = read_workbook(with_events_xml(book_bytes(many), declared), "e.xlsx")
    assert reads.calls[:2] == [("_read_second_half", 3), ("_read_in_worker", 3)]
    assert [(p.severity, p.code) for p in result.problems] == [(ERROR, "unreadable")]
    assert "DOCTYPE/ENTITY" in result.problems[0].message


def test_with_one_worker_allowed_the_sheet_is_read_whole(monkeypatch):
    monkeypatch.setenv(sandbox.WORKERS_ENV, "1")
    monkeypatch.setattr(sandbox, "HALVES_MIN_BYTES", 0)
    sandbox.stop_workers()
    reads = Reads(monkeypatch)
    book = sandbox.read_workbook_cells(book_bytes(EVENT_ROWS))
    assert reads.calls == [("_read_in_worker", 2)]
    assert len(book.sheets[1].rows) == 41


def test_on_one_processor_the_sheet_is_read_whole(monkeypatch):
    monkeypatch.setattr(sandbox, "HALVES_MIN_BYTES", 0)
    monkeypatch.setattr(sandbox, "_processors", lambda: 1)
    reads = Reads(monkeypatch)
    book = sandbox.read_workbook_cells(book_bytes(EVENT_ROWS))
    assert reads.calls == [("_read_in_worker", 2)]
    assert [r[1] for r in book.sheets[1].rows[1:]] == [r[1] for r in EVENT_ROWS[1:]]


def run_in_this_process(generator):
    """The parts a worker function sends, and what it returns, run here."""
    parts = []
    while True:
        try:
            parts.append(next(generator))
        except StopIteration as end:
            return parts, end.value


def test_the_cut_is_at_the_first_row_element_from_the_middle_on_and_needs_only_the_xml_so_far():
    xml = zip_parts(book_bytes(EVENT_ROWS))[EVENTS]
    middle = len(xml) // 2
    start, at, row = sandbox._cut(xml, middle)
    assert xml[start - len(b"<sheetData>"):start] == b"<sheetData>"
    assert middle <= at < xml.index(b"</sheetData>") and xml[at:].startswith(f'<row r="{row + 1}"'.encode())
    assert b"<row " not in xml[middle:at]
    assert sandbox._cut(xml[:at + 100], middle) == (start, at, row)
    assert sandbox._cut(numbers_dropped(xml), middle) is None
    assert sandbox._cut(b"<worksheet><sheetData/></worksheet>", 10) is None
    assert sandbox._cut(xml, start - 20) is None  # a middle before the rows: nothing to cut


def test_each_half_looks_through_its_own_share_of_the_xml():
    data = book_bytes(EVENT_ROWS)
    first, _, first_looks = sandbox._half_book(data, EVENTS, 0)
    second, cut, second_looks = sandbox._half_book(data, EVENTS, 1)
    # Each half a whole xlsx, its parts stored; together their rows are the sheet's, once each.
    written = [re.findall(rb'<row r="([0-9]+)"', zip_parts(half)[EVENTS]) for half in (first, second)]
    assert [int(n) for n in written[0] + written[1]] == list(range(1, 42))
    assert int(written[1][0]) == cut + 1
    assert zip_parts(first).keys() == zip_parts(second).keys() == zip_parts(data).keys()
    assert set(second_looks) == {EVENTS}
    assert set(first_looks) == {n for n in zip_parts(data) if sandbox.XML_PART.search(n)}
    rows_first, rows_second = first_looks[EVENTS].rows, second_looks[EVENTS].rows
    assert rows_first | rows_second == {str(n).encode() for n in range(1, 42)}
    # (each takes in a few hundred bytes past its side of the cut: nothing is cut in two unseen)
    assert {str(n).encode() for n in range(1, cut + 1)} <= rows_first
    assert {str(n).encode() for n in range(cut + 1, 42)} <= rows_second
    assert len(rows_first & rows_second) < 10
    parts, answer = run_in_this_process(sandbox._read_second_half(data, EVENTS, "Мероприятия"))
    assert parts[0] == ("looked", second_looks)
    assert [p[0] for p in parts[1:]] == [cut] and not answer.uncut
    moved = with_events_xml(data, first_row_moved_last)
    parts, answer = run_in_this_process(sandbox._read_second_half(moved, EVENTS, "Мероприятия"))
    assert answer.uncut and [p[0] for p in parts] == ["looked"]


def test_the_first_half_unpacks_the_part_only_so_far(monkeypatch):
    data = book_bytes([EVENT_ROWS[0], *([dt.datetime(2022, 3, 1), f"Лекция № {i}", i] for i in range(3000))])
    size = len(zip_parts(data)[EVENTS])
    unpacked = []
    real = sandbox._unpacked_to

    def measured(zf, info, middle):
        xml = real(zf, info, middle)
        unpacked.append(len(xml))
        return xml

    monkeypatch.setattr(sandbox, "_unpacked_to", measured)
    _, cut, _ = sandbox._half_book(data, EVENTS, 0)
    assert size * sandbox.HALVES_CUT < unpacked[0] < size * sandbox.HALVES_CUT + 70 * 1024 < size
    assert cut == sandbox._half_book(data, EVENTS, 1)[1]


def test_a_merged_range_across_the_cut_is_kept(monkeypatch):
    rows = [["Название", "Партнёр"], *([f"Лекция {i}", "Школа" if i == 0 else None] for i in range(40))]
    data = xlsx_bytes({"Партнёры": [["Наименование партнёра"], ["Школа"]], "Мероприятия": rows},
                      merges={"Мероприятия": ["B2:B41"]})
    whole, halves, reads = read_both_ways(data, monkeypatch)
    assert reads.in_halves()
    assert_same(whole, halves)
    assert next(s for s in halves.sheets if s.name == "Мероприятия").merged == [((1, 1), (40, 1))]
