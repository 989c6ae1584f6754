"""The worker's cells as numbers of a sheet's distinct values: the reader factorises columns from them, and
what it reads is what it would read from the cells themselves."""

from __future__ import annotations

import datetime as dt

import numpy as np
from conftest import xlsx_bytes
from hypothesis import given, settings
from hypothesis import strategies as st

from partnerlib import layout, read_workbook, reader, sandbox

CELL = st.one_of(
    st.just(""), st.just(None), st.sampled_from(["Школа № 1", "очно", "онлайн", " ", "Итого"]),
    st.text(max_size=6), st.integers(-3, 3), st.sampled_from([1.0, 2.0, 2.5, float("nan")]), st.booleans(),
    st.sampled_from([dt.datetime(2021, 3, 1), dt.datetime(2022, 1, 2), dt.date(2021, 3, 1)]),
)


def _arrived(blocks: list[list[list]]) -> sandbox.Sheet:
    """The sheet `_SheetsArriving` puts together from these blocks of rows, packed as the worker packs them."""
    arriving = sandbox._SheetsArriving()
    for block in blocks:
        packed, cleaned = sandbox._pack(block)
        arriving.add(("rows", packed, cleaned))
    arriving.add(("sheet", sandbox.Sheet("Лист1", [], [])))
    return arriving.sheets[0]


def _same(a, b) -> bool:
    return type(a) is type(b) and (a == b or (a != a and b != b))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=1, max_size=5), min_size=1, max_size=4))
def test_the_numbers_give_back_every_cell_and_factorise_as_the_cells_do(blocks):
    sheet = _arrived(blocks)
    cells, ids, values = sheet.cells, sheet.ids, sheet.values
    assert ids.shape == cells.shape
    assert all(_same(values[ids[r, c]], cells[r, c]) for r in range(cells.shape[0]) for c in range(cells.shape[1]))
    # each distinct value once, a number and a text or 1 and 1.0 two values
    keys = [(type(v), v) for v in values if v == v]
    assert len(keys) == len(set(keys))
    missing = np.array([v is None or v != v for v in values], dtype=bool)
    for c in range(cells.shape[1]):
        codes, uniques = layout.factorise_ids(ids[:, c], values, missing)
        column = cells[:, c]
        empty = np.array([v is None or v != v for v in column], dtype=bool)
        assert ((codes == -1) == empty).all()
        assert all(_same(uniques[k], v) for k, v in zip(codes, column, strict=True) if k >= 0)
        # in the order they first appear, each once
        firsts = [k for i, k in enumerate(codes) if k >= 0 and k not in codes[:i]]
        assert firsts == list(range(len(uniques)))


BOOK = {
    "Мероприятия": [
        ["Дата проведения", "Название мероприятия", "Партнёр(ы)", "Форма проведения", "Кол-во участников"],
        [dt.datetime(2021, 3, 1), "Лекция", "Школа № 1", "очно", 25],
        [dt.datetime(2021, 3, 2), "Эфир", "Школа № 1", "онлайн", 40.0],
        [dt.datetime(2021, 3, 2), "Эфир", "Школа № 1", "онлайн", 40],
        [dt.datetime(2021, 4, 5), "Лекция", "Музей", "очно", "25 чел."],
        [dt.datetime(2021, 4, 6), "Встреча", None, "очно", 1],
        ["Итого", None, None, None, 131],
    ],
}


def test_a_workbook_reads_the_same_from_the_numbers_as_from_the_cells(monkeypatch):
    data = xlsx_bytes(BOOK, merges={"Мероприятия": ["C5:C6"]})
    by_ids = read_workbook(data, "план.xlsx")
    real = reader._read_grids

    def without_ids(*args):
        grids = real(*args)
        for grid in grids:
            assert grid.ids is not None  # the worker gave them: the first read used them
            grid.ids = grid.values = None
        return grids

    monkeypatch.setattr(reader, "_read_grids", without_ids)
    by_cells = read_workbook(data, "план.xlsx")
    assert by_ids.events.equals(by_cells.events)
    assert by_ids.event_partners.equals(by_cells.event_partners)
    assert [p.as_dict() for p in by_ids.problems] == [p.as_dict() for p in by_cells.problems]
    # the merged partner cell was filled down into row 6 in both
    assert by_ids.events["partners"].tolist() == ["Школа № 1", "Школа № 1", "Музей", "Музей"]
    assert by_ids.events["participants"].tolist() == [25, 40, 25, 1]
