"""The hostile workbook of test_hostile in a real Chromium: no link, bold text or formula from its cells on any
page's DOM, and its texts shown as written."""

from __future__ import annotations

import re

import pytest
from test_browser import _go, _no_exception, _settle, _upload, browser, page, server  # noqa: F401  (fixtures)
from test_hostile import _hostile_xlsx

pytestmark = pytest.mark.browser

PAGES = ["Обзор", "Партнёры", "Партнёр", "Мероприятия", "Охват и просмотры", "Данные", "Экспорт"]
# What a cell's markup would have become, had it been read as markup.
LIVE = """() => ({
    links: [...document.querySelectorAll('a, [href]')].filter(a => /evil\\.example/.test(
        (a.getAttribute('href') || '') + (a.getAttribute('xlink:href') || '') + (a.href?.baseVal ?? ''))).length,
    katex: document.querySelectorAll('.katex, .katex-html, mjx-container').length,
    strong: [...document.querySelectorAll('strong, b, em, del, code')]
        .filter(e => /ЖИРНАЯ|жирный|красный/.test(e.textContent)).length,
    svgBold: [...document.querySelectorAll('.js-plotly-plot tspan, .js-plotly-plot a')]
        .filter(e => /жирный|красный/.test(e.textContent)
                     && /bold|red|super/.test((e.getAttribute('style') || '') + (e.getAttribute('dy') || ''))).length,
    colored: [...document.querySelectorAll('[class*="stMarkdownColoredText"], [class*="ColoredText"]')]
        .filter(e => /тревога/.test(e.textContent)).length,
    icons: [...document.querySelectorAll('[data-testid="stIconMaterial"], span[translate="no"]')]
        .filter(e => e.textContent.trim() === 'home').length,
    text: document.body.innerText + '\\n' +
        [...document.querySelectorAll('.js-plotly-plot svg text')].map(t => t.textContent).join('\\n'),
})"""


def test_the_hostile_sheet_is_only_text_in_the_browser(page, tmp_path):  # noqa: F811
    path = tmp_path / "враждебный.xlsx"
    path.write_bytes(_hostile_xlsx())
    _settle(page, "Обзор")
    _go(page, "Данные")
    _upload(page, path)
    page.locator('[data-testid="stAlertContentSuccess"]').first.wait_for()
    _no_exception(page, "Данные after the hostile upload")
    shown = ""
    for title in PAGES:
        # Exactly this page: «Партнёр» is also the start of «Партнёры».
        links = page.locator('[data-testid="stSidebarNav"] a')
        texts = [links.nth(k).inner_text().split("\n")[-1].strip() for k in range(links.count())]
        links.nth(texts.index(title)).click()
        page.locator("h1").filter(has_text=re.compile(f"^{title}")).first.wait_for()
        _settle(page, title)
        assert page.locator("h1").first.inner_text().strip().startswith(title)
        _no_exception(page, title)
        boxes = page.locator('[data-testid="stExpander"] summary')
        for i in range(boxes.count()):  # every chart's table (they are built once opened)
            boxes.nth(i).click()
            _settle(page, title)
        found = page.evaluate(LIVE)
        shown += found.pop("text")
        assert found == {"links": 0, "katex": 0, "strong": 0, "svgBold": 0, "colored": 0, "icons": 0}, (title, found)
    # The cells' texts are there, as written: markup characters and all.
    assert "<a href=" in shown
    assert "**ЖИРНАЯ**" in shown or "<b>жирный</b>" in shown
