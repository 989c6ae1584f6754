"""The page of partners for the website through the dashboard in a real Chromium: the Export page's button
downloads it, and it opens from disk with the network blocked (the page alone is tested in test_site)."""

from __future__ import annotations

import pytest
from test_browser import _go, _settle, browser, page, server  # noqa: F401  (fixtures)
from test_site import open_offline, register

from partnerlib import metrics, read_workbook
from partnerlib.sample import sample_workbook_bytes

pytestmark = pytest.mark.browser


def test_the_export_pages_button_downloads_the_page_of_the_shown_data(page, browser, tmp_path):  # noqa: F811
    """The button on the Export page gives the page of the data on screen (the demo workbook), which then
    opens from disk with the network blocked."""
    sample = read_workbook(sample_workbook_bytes(), "sample.xlsx").dataset()
    dashboard = page
    _settle(dashboard, "Обзор")
    _go(dashboard, "Экспорт")
    with dashboard.expect_download(timeout=120_000) as download:
        # By its role: Streamlit draws a button with a help tooltip twice, once hidden from the reader.
        dashboard.locator(".st-key-export_site").get_by_role("button", name="Страница партнёров для сайта").click()
    assert download.value.suggested_filename == f"partnerlib_{metrics.years(sample)[-1]}_partners.html"
    path = tmp_path / "site.html"
    download.value.save_as(path)
    html = path.read_text(encoding="utf-8")
    shown, asked, errors = open_offline(browser, tmp_path / "offline" / "index.html", html)
    assert errors == [] and asked == []
    assert shown.locator("li .partner").count() == len(register(sample))
    assert shown.locator("h1").inner_text() == "Детская библиотека им. А.С. Пушкина"
