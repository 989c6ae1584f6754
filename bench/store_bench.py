"""Benchmark of the store: importing 50,000 events, importing them again, and loading 100,000 versus re-reading them."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from partnerlib.reader import read_workbook
from partnerlib.sample import synthetic_workbook
from partnerlib.store import Store


def timed(label: str, fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    seconds = time.perf_counter() - start
    print(f"{label:<52} {seconds:8.2f} s")
    return value, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=50_000, help="events per workbook (default 50,000)")
    parser.add_argument("--db", help="an empty store to use (default: a new SQLite file in a temporary folder)")
    args = parser.parse_args(argv)
    n = args.events

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(args.db or Path(tmp) / "bench.db")
        if not store.is_empty():
            print(f"{store} is not empty: give an empty store", file=sys.stderr)
            return 2
        print(f"store: {store}")
        first, _ = timed(f"build workbook 1 ({n:,} events)", synthetic_workbook, n, seed=1)
        result, _ = timed("read_workbook(workbook 1)", read_workbook, first, "bench-1.xlsx")
        # A generated row may repeat another one's date, title and partners: the reader keeps one of them.
        n1 = len(result.events)
        assert n1 > 0.99 * n, n1
        _, import_s = timed("import into the empty store", store.apply, result, "bench-1.xlsx")
        _, again_s = timed("import the same workbook again", store.apply, result, "bench-1.xlsx")
        last = store.history().iloc[-1]
        assert last["events_added"] == 0 and last["events_present"] == n1, last
        print(f"{'':<52} (added {last['events_added']}, already present {last['events_present']:,})")

        # Other years, so that no event of workbook 2 is one of workbook 1.
        second, _ = timed(f"build workbook 2 ({n:,} events, other years)", synthetic_workbook, n, seed=2,
                          years=range(2030, 2041))
        result2, _ = timed("read_workbook(workbook 2)", read_workbook, second, "bench-2.xlsx")
        timed("import workbook 2", store.apply, result2, "bench-2.xlsx")
        total = n1 + len(result2.events)

        data, load_s = timed(f"store.load() ({total:,} events)", store.load)
        assert len(data.events) == total, len(data.events)
        both, _ = timed(f"store.export_xlsx() ({total:,} events)", store.export_xlsx)
        reread, read_s = timed(f"read_workbook(export, {total:,} events)", read_workbook, both, "export.xlsx")
        assert len(reread.events) == total, len(reread.events)
        store.close()

    print()
    print(f"import {n:,} events: {import_s:.2f} s; again (adds nothing): {again_s:.2f} s")
    print(f"load {total:,} events from the store: {load_s:.2f} s; read the same as xlsx: {read_s:.2f} s; "
          f"store is {read_s / load_s:.1f}x faster (target: at least 3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
