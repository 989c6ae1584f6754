"""Benchmark: read_workbook on a 50,000-event workbook against the raw calamine and openpyxl reads."""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from partnerlib.reader import read_workbook  # noqa: E402
from partnerlib.sample import synthetic_workbook  # noqa: E402

OUT = ROOT / "bench" / "out"


def workbook(n_events: int) -> Path:
    """The synthetic workbook of `n_events` events, generated once and cached under bench/out/."""
    path = OUT / f"synthetic_{n_events}.xlsx"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        path.write_bytes(synthetic_workbook(n_events))
    return path


def best_of(runs: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The best wall time of each run, the runs interleaved so that drifts in machine load hit all alike."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=50_000, help="events in the workbook (default 50,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each reader; the best counts (default 3)")
    args = parser.parse_args(argv)

    path = workbook(args.events)
    data = path.read_bytes()
    # Every reader starts from the same bytes in memory, as an upload would.
    result = read_workbook(data, path.name)
    assert len(result.events) == args.events, (len(result.events), args.events)
    runs = {
        "openpyxl": lambda: pd.read_excel(io.BytesIO(data), engine="openpyxl", sheet_name=None),
        "calamine": lambda: pd.read_excel(io.BytesIO(data), engine="calamine", sheet_name=None),
        "read_workbook": lambda: read_workbook(data, path.name),
    }
    best = best_of(runs, args.repeat)

    print(f"workbook: {path.relative_to(ROOT)} ({len(data) / 1024 / 1024:.1f} MB, {args.events:,} events, "
          f"{len(result.partners)} partners, {len(result.problems)} problems); best of {args.repeat}")
    for name, seconds in best.items():
        print(f"  {name:<14} {seconds:7.3f} s")
    ratio_cal = best["read_workbook"] / best["calamine"]
    ratio_opx = best["openpyxl"] / best["read_workbook"]
    print(f"  read_workbook / calamine: {ratio_cal:.2f}x (target <= 1.5x, aim 1.3x)")
    print(f"  openpyxl / read_workbook: {ratio_opx:.2f}x (target >= 3x)")
    return 0 if ratio_cal <= 1.5 and ratio_opx >= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
