"""Benchmark: the cell parsers per distinct value, by class of cell, against a plain strptime/int in one run."""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from partnerlib import values

GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
            "ноября", "декабря"]


def best_of(fn: Callable[[str], object], cells: list[str], clear: Callable[[], None] | None, repeat: int = 5) -> float:
    """The fastest of `repeat` runs over the cells, in microseconds per cell (caches cleared each run)."""
    best = float("inf")
    for _ in range(repeat):
        if clear is not None:
            clear()
        start = time.perf_counter()
        for cell in cells:
            fn(cell)
        best = min(best, time.perf_counter() - start)
    return best * 1e6 / len(cells)


def main() -> None:
    rng = random.Random(8)
    days = sorted({dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650)) for _ in range(5000)})
    week = dt.timedelta(days=6)
    floor = best_of(lambda c: dt.datetime.strptime(c, "%d.%m.%Y"), [f"{d:%d.%m.%Y}" for d in days], None)
    print(f"floor: strptime %d.%m.%Y  {floor:6.1f} µs/value")
    classes = {
        "27.04.2018": [f"{d:%d.%m.%Y}" for d in days],
        "27 апреля 2018": [f"{d.day} {GENITIVE[d.month - 1]} {d.year}" for d in days],
        "14–15 мая 2022": [f"{d.day}–{d.day + 1} {GENITIVE[d.month - 1]} {d.year}" for d in days if d.day < 28],
        "01.10–07.10.2022": [f"{d:%d.%m}–{d + week:%d.%m.%Y}" for d in days],
        "3 октября – 5 ноября": [f"{d.day} {GENITIVE[d.month - 1]} – {(d + week).day} "
                                 f"{GENITIVE[(d + week).month - 1]} {(d + week).year}" for d in days],
        "15.09 (year_hint)": [f"{d:%d.%m}" for d in days],
    }
    clear = values._parse_date_text.cache_clear
    for name, cells in classes.items():
        hint = {"year_hint": 2022} if "hint" in name else {}
        took = best_of(lambda c, h=hint: values.parse_date(c, **h), cells, clear)
        print(f"parse_date {name:24} {took:6.1f} µs/value  {took / floor:5.1f}× strptime")
    counts = [str(rng.randrange(10**6)) for _ in range(5000)]
    int_floor = best_of(int, counts, None)
    for name, cells in {"1200": counts, "2.500": [f"{int(c):,}".replace(",", ".") for c in counts],
                        "15 детей и 2 воспитателя": [f"{c} детей и {len(c)} воспитателя" for c in counts]}.items():
        took = best_of(values.parse_count, cells, values._parse_count_text.cache_clear)
        print(f"parse_count {name:23} {took:6.1f} µs/value  {took / int_floor:5.1f}× int()")


if __name__ == "__main__":
    main()
