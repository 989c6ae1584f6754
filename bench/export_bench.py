"""Seconds to build the slide deck, the report (.docx) and the Excel summary, for the sample and 100,000 events."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from partnerlib import read_workbook
from partnerlib.deck import build_deck
from partnerlib.model import EVENT_SHEET_FIELDS, PARTNER_SHEET_FIELDS, RU_HEADINGS, Dataset
from partnerlib.report import build_report
from partnerlib.sample import generate_sample, sample_workbook_bytes, synthetic_events, synthetic_workbook
from partnerlib.summary import build_summary

TARGET_DECK_S = 2.0  # the deck for 100,000 events


def sample_dataset() -> Dataset:
    return read_workbook(sample_workbook_bytes(), "sample.xlsx").dataset()


def synthetic_dataset(n_events: int) -> Dataset:
    """`n_events` synthetic events and the sample's partners, through the reader without an xlsx file.

    Writing and re-reading a 100,000-row workbook takes half a minute and is the reader's benchmark, not
    this one: the rows go straight to the reader's sheet assembly. If its internals change, fall back
    to the workbook.
    """
    partners = generate_sample()[0]
    events = synthetic_events(n_events)
    try:
        from partnerlib.reader import _assemble, _Grid

        def grid(name, frame, fields):
            rows = [[RU_HEADINGS[f] for f in fields]]
            rows += [[None if v is None or v != v else v for v in row]
                     for row in frame[fields].itertuples(index=False, name=None)]
            return _Grid(name, rows, [])

        grids = [grid("Партнёры", partners, PARTNER_SHEET_FIELDS), grid("Мероприятия", events, EVENT_SHEET_FIELDS)]
        return _assemble(grids, "synthetic.xlsx", None).dataset()
    except (ImportError, TypeError, AttributeError):
        return read_workbook(synthetic_workbook(n_events), "synthetic.xlsx").dataset()


def timed(fn, repeat: int) -> tuple[float, int]:
    """The median seconds of `repeat` runs of `fn()` and the size of what it returned."""
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(fn())
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000, help="synthetic events (default 100000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is printed")
    args = parser.parse_args()

    print("Готовлю данные (не входит в замеры)…", flush=True)
    start = time.perf_counter()
    cases = [("пример (sample)", sample_dataset()), (f"синтетика {args.events:,}".replace(",", " "),
                                                    synthetic_dataset(args.events))]
    print(f"  данные готовы за {time.perf_counter() - start:.1f} с")

    print(f"{'данные':<22}{'мероприятий':>12}{'deck, с':>10}{'report, с':>11}{'summary, с':>12}   размеры, КБ")
    deck_large = None
    for name, ds in cases:
        deck_s, deck_b = timed(lambda ds=ds: build_deck(ds), args.repeat)
        report_s, report_b = timed(lambda ds=ds: build_report(ds), args.repeat)
        summary_s, summary_b = timed(lambda ds=ds: build_summary(ds), args.repeat)
        print(f"{name:<22}{len(ds.events):>12,}{deck_s:>10.2f}{report_s:>11.2f}{summary_s:>12.2f}"
              f"   {deck_b // 1024} / {report_b // 1024} / {summary_b // 1024}".replace(",", " "))
        deck_large = deck_s
    ok = deck_large is not None and deck_large < TARGET_DECK_S
    print(f"Цель: презентация для {args.events:,} мероприятий быстрее {TARGET_DECK_S:.0f} с — "
          f"{'выполнена' if ok else 'НЕ выполнена'}.".replace(",", " "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
