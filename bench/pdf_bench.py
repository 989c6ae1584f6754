"""Seconds LibreOffice takes to make the PDF of the sample's deck and report, one at a time and two at once
(each conversion has its own profile, so two run side by side). Prints the medians and the ratio of a
conversion's time when two run together to its time alone.

    python bench/pdf_bench.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from partnerlib import pdf, read_workbook
from partnerlib.deck import build_deck
from partnerlib.report import build_report
from partnerlib.sample import sample_workbook_bytes


def seconds(data: bytes, suffix: str) -> tuple[float, int]:
    start = time.perf_counter()
    size = len(pdf.to_pdf(data, suffix))
    return time.perf_counter() - start, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is printed")
    args = parser.parse_args()
    if not pdf.available():
        print(pdf.PdfError("absent"))
        return 0
    ds = read_workbook(sample_workbook_bytes(), "sample.xlsx").dataset()
    documents = {"deck (pptx → pdf)": (build_deck(ds), ".pptx"), "report (docx → pdf)": (build_report(ds), ".docx")}
    alone: dict[str, float] = {}
    for name, (data, suffix) in documents.items():
        runs = [seconds(data, suffix) for _ in range(args.repeat)]
        alone[name] = statistics.median(s for s, _ in runs)
        print(f"{name:<22}{alone[name]:>7.2f} с   {runs[-1][1] // 1024} КБ")
    data, suffix = documents["deck (pptx → pdf)"]
    together = []
    with ThreadPoolExecutor(2) as pool:
        for _ in range(args.repeat):
            together += [s for s, _ in pool.map(lambda _i: seconds(data, suffix), range(2))]
    both = statistics.median(together)
    print(f"{'deck, two at once':<22}{both:>7.2f} с   ×{both / alone['deck (pptx → pdf)']:.2f} against alone")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
