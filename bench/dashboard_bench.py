"""Benchmark: AppTest times of the Overview (cold, warm, a filter change) at 100,000 events against the sample."""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import streamlit as st  # noqa: E402
import streamlit.logger  # noqa: E402
from streamlit.runtime.pages_manager import PagesManager  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402
from streamlit.testing.v1 import app_test as app_test_module  # noqa: E402
from streamlit.testing.v1.local_script_runner import LocalScriptRunner  # noqa: E402

from partnerlib.sample import synthetic_workbook  # noqa: E402

OUT = ROOT / "bench" / "out"
DASHBOARD = str(ROOT / "dashboard.py")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TARGET_S = 0.5  # a rerun at 100,000 events should feel immediate
STEPS = ("cold", "warm", "filter", "filter_back")
LABELS = {
    "upload": "upload (read + Data page)",
    "cold": "Overview, first run",
    "warm": "Overview, rerun (warm cache)",
    "filter": "filter change (format = online)",
    "filter_back": "filter back to all (cached)",
}


class _NavigationPagesManager(PagesManager):
    """Without this, AppTest forgets before every run that the app uses st.navigation and, seeing a `pages/`
    folder, runs a page's file alone — without dashboard.py and its filters — which would time the wrong
    thing (the same fix as tests/test_app.py's)."""

    def __init__(self, *args, **kwargs):
        PagesManager.uses_pages_directory = False
        super().__init__(*args, **kwargs)


def workbook(n_events: int) -> Path:
    """The synthetic workbook of `n_events` events, generated once and cached under bench/out/."""
    path = OUT / f"synthetic_{n_events}.xlsx"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        print(f"generating {path.name} (once) …", flush=True)
        path.write_bytes(synthetic_workbook(n_events))
    return path


def timed(at: AppTest, profile: cProfile.Profile | None = None) -> float:
    """The wall time of one `at.run()`; the run must end without an exception on the page.

    AppTest runs the script in a thread of its own while the calling thread only polls, so a profile is
    taken in that thread (cProfile sees only the thread that enables it).
    """
    run_thread = LocalScriptRunner._run_script_thread
    if profile is not None:
        def profiled(runner):
            profile.enable()
            try:
                run_thread(runner)
            finally:
                profile.disable()

        LocalScriptRunner._run_script_thread = profiled
    try:
        start = time.perf_counter()
        at.run()
        elapsed = time.perf_counter() - start
    finally:
        LocalScriptRunner._run_script_thread = run_thread
    if at.exception:
        raise RuntimeError(f"the app raised: {at.exception[0].value}")
    return elapsed


def scenario(upload: tuple[str, bytes] | None, repeat: int) -> tuple[dict, AppTest]:
    """Times of the Overview on the demo data (upload None) or on an uploaded workbook (name, bytes), and the
    AppTest left on the Overview.

    Streamlit's caches are process-wide, so they are cleared first: every scenario starts cold.
    """
    streamlit.logger.set_log_level("error")  # see below
    at = AppTest.from_file(DASHBOARD, default_timeout=300)
    at.run()  # switch_page needs one run; this also pays for the imports, which are no part of the figures
    # Streamlit warns about a cache cleared outside a script run; the warnings would litter the figures (and
    # AppTest resets the log level when it starts).
    streamlit.logger.set_log_level("error")
    st.cache_data.clear()
    at.switch_page("pages/data.py").run()  # reads the demo workbook, so "cold" below computes but reads nothing
    times: dict = {}
    if upload is not None:
        name, data = upload
        at.file_uploader(key="data_upload").set_value((name, data, XLSX_MIME))
        times["upload"] = timed(at)
        assert at.success, f"the upload was not read: {[e.value for e in at.error]}"
    at.switch_page("pages/overview.py")
    times["cold"] = timed(at)
    shows_upload = not any("демонстрационные" in i.value for i in at.info)
    assert shows_upload == (upload is not None), "the Overview does not show the expected data"
    # The warm figure is the median of a few reruns: single runs on a shared 2-core machine jitter.
    times["warm"] = statistics.median(timed(at) for _ in range(repeat))
    at.multiselect(key="flt_formats").set_value(["online"])
    times["filter"] = timed(at)
    at.multiselect(key="flt_formats").set_value([])
    times["filter_back"] = timed(at)
    times["events_kpi"] = next(m.value for m in at.metric if m.label == "Мероприятия")
    return times, at


def profile_reruns(at: AppTest, repeat: int, lines: int, label: str) -> None:
    """cProfile `repeat` warm reruns, then `repeat` filter changes to formats not chosen before (cache misses),
    and print where the time goes: the app's own functions, then the heaviest functions anywhere."""
    warm, changes = cProfile.Profile(), cProfile.Profile()
    for _ in range(repeat):
        timed(at, warm)
    for formats in (["offline"], ["hybrid"], ["online", "offline"], ["unknown"], ["offline", "hybrid"])[:repeat]:
        at.multiselect(key="flt_formats").set_value(formats)
        timed(at, changes)
    for title, profile in (("warm reruns", warm), ("filter changes", changes)):
        for order, pattern in (("cumulative", "partnerlib|dashboard|pages|pickle"), ("tottime", "")):
            buf = io.StringIO()
            stats = pstats.Stats(profile, stream=buf).sort_stats(order)
            stats.print_stats(*([pattern] if pattern else []), lines)
            text = buf.getvalue()
            print(f"\n--- profile: {repeat} {title} at {label}, by {order}"
                  f"{' (app code and unpickling)' if pattern else ''} ---")
            print(text[text.find("ncalls"):].rstrip().replace(str(ROOT) + "/", "").replace(sys.prefix + "/", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000, help="events in the workbook (default 100,000)")
    parser.add_argument("--repeat", type=int, default=5, help="warm reruns; the median counts (default 5)")
    parser.add_argument("--profile", action="store_true",
                        help="after the timings, cProfile warm reruns and filter changes on the big workbook")
    parser.add_argument("--profile-lines", type=int, default=25, help="lines of each profile listing")
    args = parser.parse_args(argv)

    app_test_module.PagesManager = _NavigationPagesManager
    # An empty store of its own, so that the demo workbook is what "sample" shows, whatever data/ holds.
    tmp = tempfile.TemporaryDirectory()
    os.environ["PARTNERLIB_DB_URL"] = str(Path(tmp.name) / "bench.db")
    path = workbook(args.events)
    data = path.read_bytes()

    sample, _ = scenario(None, args.repeat)
    big, at = scenario((path.name, data), args.repeat)

    big_name = f"{args.events:,} events"
    print(f"\nAppTest run times of dashboard.py, Overview page ({os.cpu_count()} CPUs, warm = median of "
          f"{args.repeat}); workbook {path.name}, {len(data) / 1e6:.1f} MB")
    print(f"{'':34} {'sample':>10} {big_name:>16} {'ratio':>8}")
    for step in ("upload", *STEPS):
        s, b = sample.get(step), big[step]
        ratio = f"{b / s:7.1f}×" if s else ""
        print(f"{LABELS[step]:34} {(f'{s:.3f} s' if s else '—'):>10} {f'{b:.3f} s':>16} {ratio:>8}")
    print(f"{'events KPI shown':34} {sample['events_kpi']:>10} {big['events_kpi']:>16}")
    rerun = max(big["warm"], big["filter"])
    verdict = "meets" if rerun < TARGET_S else "MISSES"
    print(f"\nslowest rerun at {big_name}: {rerun:.3f} s — {verdict} the {TARGET_S} s target")
    if args.profile:
        profile_reruns(at, 3, args.profile_lines, big_name)
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
