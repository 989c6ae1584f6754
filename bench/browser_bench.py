"""Benchmark: the dashboard as the director sees it, in Chromium, on a store of 100,000 events against the sample.

Two Streamlit servers run side by side: one on an empty store (the demo workbook is shown), one on a store
that holds the synthetic workbook of `--events` events. For each, one fresh browser session opens the
Overview, visits every page twice (first visits, then again), changes a filter and changes it back. Each
step is timed from the click until Streamlit has finished the run and every chart is drawn; the bytes the
server sent over the websocket during the step are counted, with the largest single message.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.dashboard_bench import workbook  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = ["Обзор", "Партнёры", "Мероприятия", "Охват и просмотры", "Данные", "Экспорт"]
TARGETS = {"switch": 1.0, "filter": 1.0, "data_first": 1.5, "first_overview": 3.0}
MAX_MESSAGE = 300_000  # bytes of one websocket message
SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]')) return false;
    return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .every(c => c.querySelector('.js-plotly-plot .main-svg'));
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(app_root: Path, db: Path, log: Path):
    """The dashboard of `app_root` as `make run` starts it (`streamlit run dashboard.py` where that checkout
    has no partnerlib/serve.py) on a free port over the store `db`; yields its URL."""
    port = _free_port()
    env = {**os.environ, "PARTNERLIB_DB_URL": str(db), "PYTHONUNBUFFERED": "1"}
    start = ["-m", "partnerlib.serve"] if (app_root / "partnerlib" / "serve.py").exists() \
        else ["-m", "streamlit", "run", "dashboard.py"]
    cmd = [sys.executable, *start, "--server.headless", "true",
           "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none", "--client.toolbarMode", "minimal"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=app_root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"streamlit exited:\n{log.read_text()[-3000:]}")
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                        if r.read().decode().strip() == "ok":
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("streamlit did not answer in 90 s")
                time.sleep(0.25)
            yield url
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


def filled_store(db: Path, n_events: int) -> None:
    """A store that holds the synthetic workbook of `n_events` events (one import)."""
    from partnerlib.reader import read_workbook
    from partnerlib.store import open_store

    path = workbook(n_events)
    result = read_workbook(path.read_bytes(), path.name)
    with open_store(str(db)) as s:
        s.apply(result, filename=path.name)


class Session:
    """One browser session on the app, with the websocket bytes received per step."""

    def __init__(self, browser, url: str, timeout_s: float):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ru-RU")
        self.context.set_default_timeout(timeout_s * 1000)
        self.context.route("**/*", lambda route: route.abort() if not route.request.url.startswith(url)
                           else route.continue_())
        self.page = self.context.new_page()
        self.frames: list[int] = []
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._frame))
        self.url = url

    def _frame(self, payload) -> None:
        self.frames.append(len(payload))

    def _step(self, action, title: str | None) -> dict:
        seen = len(self.frames)
        start = time.perf_counter()
        action()
        if title:
            self.page.locator("h1", has_text=title).first.wait_for(state="visible")
        # A run has begun once the server has sent something; it has ended when the page settles.
        deadline = time.monotonic() + 5
        while len(self.frames) == seen and time.monotonic() < deadline:
            self.page.wait_for_timeout(10)
        self.page.wait_for_function(SETTLED)
        elapsed = time.perf_counter() - start
        frames = self.frames[seen:]
        return {"s": elapsed, "bytes": sum(frames), "largest": max(frames, default=0)}

    def open(self) -> dict:
        return self._step(lambda: self.page.goto(self.url), "Обзор")

    def go(self, title: str) -> dict:
        link = self.page.locator('[data-testid="stSidebarNav"] a', has_text=title).first
        return self._step(link.click, title)

    def filter_formats(self, label: str) -> dict:
        """Add a format to the sidebar's choice."""
        box = self.page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(1)

        def choose():
            box.locator("input").click()
            self.page.get_by_role("option", name=label).click()
            self.page.keyboard.press("Escape")
        return self._step(choose, None)

    def close(self) -> None:
        self.context.close()


def scenario(browser, url: str, timeout_s: float) -> dict:
    s = Session(browser, url, timeout_s)
    out = {"first_overview": s.open(), "first": {}, "again": {}}
    for title in PAGES[1:] + PAGES[:1]:
        out["first"][title] = s.go(title)
    for title in PAGES[1:] + PAGES[:1]:
        out["again"][title] = s.go(title)
    out["filter"] = s.filter_formats("онлайн")
    out["filter_back"] = s.filter_formats("очно")
    s.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="events in the big store (default 100,000)")
    parser.add_argument("--app", type=Path, default=ROOT, help="the checkout whose dashboard.py is served")
    parser.add_argument("--only", choices=["sample", "big"], help="time one store only (a quick look)")
    parser.add_argument("--timeout", type=float, default=180, help="seconds one step may take (default 180)")
    parser.add_argument("--wait", type=float, default=0,
                        help="seconds between the server's first answer and the first visit (default 0: at once)")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="browser_bench_"))
    big_db, sample_db = tmp / "big.db", tmp / "sample.db"
    if args.only != "sample":
        print(f"filling a store with {args.events:,} events …", flush=True)
        filled_store(big_db, args.events)
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, db in (("sample", sample_db), ("big", big_db)):
            if args.only and name != args.only:
                continue
            with server(args.app.resolve(), db, tmp / f"{name}.log") as url:
                time.sleep(args.wait)  # a director comes a while after the server started (0: at once)
                results[name] = scenario(browser, url, args.timeout)
        browser.close()
    if args.only:
        results = {"sample": results[args.only], "big": results[args.only]}
    report(results, args.events, args.wait)
    return 0


def _switches(r: dict) -> list[float]:
    return [v["s"] for round_ in ("first", "again") for v in r[round_].values()]


def report(results: dict, n_events: int, wait: float = 0) -> None:
    sample, big = results["sample"], results["big"]
    big_name = f"{n_events:,} events"
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"\nChromium, one session per store ({os.cpu_count()} CPUs, load average {load} at the end); seconds "
          "from the click until the page settles; KB received over the websocket (largest message); the first "
          f"visit {f'{wait:g} s after' if wait else 'as soon as'} the server answered")
    print(f"{'step':34} {'sample':>22} {big_name:>22}")

    def line(label: str, a: dict, b: dict) -> None:
        def cell(v):
            return f"{v['s']:6.2f} s {v['bytes'] / 1024:6.0f} KB ({v['largest'] / 1024:.0f})"
        print(f"{label:34} {cell(a):>22} {cell(b):>22}")

    line("first Overview", sample["first_overview"], big["first_overview"])
    for round_, what in (("first", "first visit"), ("again", "again")):
        for title in big[round_]:
            line(f"{title}, {what}", sample[round_][title], big[round_][title])
    line("filter: format = онлайн", sample["filter"], big["filter"])
    line("filter: + очно", sample["filter_back"], big["filter_back"])

    med_s, med_b = statistics.median(_switches(sample)), statistics.median(_switches(big))
    filt_b = statistics.median([big["filter"]["s"], big["filter_back"]["s"]])
    largest = max(v["largest"] for r in (sample, big) for k in ("first", "again") for v in r[k].values())
    largest = max(largest, *(r[k]["largest"] for r in (sample, big) for k in ("first_overview", "filter",
                                                                             "filter_back")))
    checks = [
        ("page switch, median", med_b, TARGETS["switch"], f"sample {med_s:.2f} s, ratio {med_b / med_s:.1f}×"),
        ("filter change, median", filt_b, TARGETS["filter"], ""),
        ("Data page, first visit", big["first"]["Данные"]["s"], TARGETS["data_first"], ""),
        ("first Overview", big["first_overview"]["s"], TARGETS["first_overview"], ""),
    ]
    print(f"\nat {big_name}:")
    for label, value, target, note in checks:
        verdict = "meets" if value <= target else "MISSES"
        print(f"  {label:24} {value:6.2f} s — {verdict} the {target} s target {note}")
    verdict = "meets" if largest <= MAX_MESSAGE else "MISSES"
    print(f"  {'largest message':24} {largest / 1024:6.0f} KB — {verdict} the {MAX_MESSAGE // 1000} KB target")


if __name__ == "__main__":
    sys.exit(main())
