"""End-to-end: the server as `make run` starts it (`python -m partnerlib.serve`, which warms the first Overview
up while nobody waits) — a store of its own with data, empty (the demo), or not a database — in Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    TIMEOUT_MS,
    VIEWPORT,
    _free_port,
    _kpi,
    _no_exception,
    _settle,
    _stop,
    _wait_until_served,
)

from partnerlib import fmt, metrics
from partnerlib.reader import read_workbook
from partnerlib.sample import synthetic_workbook
from partnerlib.store import Store

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright python package is not installed")

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
EVENTS = 3_000


@pytest.fixture(scope="module")
def synthetic() -> bytes:
    return synthetic_workbook(EVENTS)


@pytest.fixture(params=["store", "empty", "broken"])
def served(request, tmp_path, synthetic):
    """(URL, log path, workbook shown) of `python -m partnerlib.serve` on a store of its own."""
    db = tmp_path / "store.db"
    shown = None
    if request.param == "store":
        shown = synthetic
        with Store(str(db)) as s:
            s.apply(read_workbook(shown, "synthetic.xlsx"), "synthetic.xlsx")
    elif request.param == "broken":
        db.write_bytes(b"this is not a database " * 200)
    port = _free_port()
    log_path = tmp_path / "serve.log"
    env = {**os.environ, "PARTNERLIB_DB_URL": str(db), "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "partnerlib.serve", "--server.headless", "true", "--server.address", "127.0.0.1",
           "--server.port", str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
           "--client.toolbarMode", "minimal"]
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_served(proc, url, log_path)
        yield url, log_path, shown
    finally:
        _stop(proc)


def test_the_served_dashboard_shows_its_data_and_counts_the_first_click(served):
    url, log_path, shown = served
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT, locale="ru-RU")
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.goto(url)
        _settle(page, "Обзор")
        _no_exception(page, "the first Overview")
        demo = page.locator('[data-testid="stAlert"]', has_text="демонстрационные").count() == 1
        assert demo == (shown is None)
        if shown is not None:
            history = metrics.yearly(read_workbook(shown, "synthetic.xlsx").dataset("a"))
            latest = history.loc[history["events"] > 0, "events"].iloc[-1]
            assert _kpi(page, "Мероприятия") == fmt.number(latest, "ru").replace(fmt.NBSP, " ")
        # The server leaves Streamlit's first multipage mode before the first session: her first click counts.
        page.get_by_role("radio", name="English").check(force=True)
        _settle(page, "Overview")
        assert page.get_by_role("radio", name="English").is_checked()
        browser.close()
    log = log_path.read_text(errors="replace")
    for bad in ("WARNING", "Traceback", "ScriptRunContext", "Error"):
        assert bad not in log, log[-3000:]
