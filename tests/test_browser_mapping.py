"""In a real Chromium: she changes the field a column is read as on the Data page, and the figures follow."""

from __future__ import annotations

import pytest
from conftest import xlsx_bytes
from test_browser import _go, _kpi, _no_exception, _settle, _shot, _upload, browser, page, server, sync_api  # noqa: F401

pytestmark = pytest.mark.browser

ROWS = [["Дата", "Мероприятие", "Пришли (чел.)"], ["01.03.2022", "Акция", 10], ["02.03.2022", "Квиз", 15]]


def test_choosing_a_columns_field_in_the_browser_changes_the_kpi(page, tmp_path):  # noqa: F811
    path = tmp_path / "пришли.xlsx"
    path.write_bytes(xlsx_bytes({"2022": ROWS}))
    _settle(page, "Обзор")
    _go(page, "Данные")
    _upload(page, path)
    page.locator('[data-testid="stAlertContentSuccess"]', has_text="Прочитано").wait_for()
    _settle(page, "Данные")
    expander = page.locator('[data-testid="stExpander"]', has_text="Как прочитаны листы и столбцы").first
    expander.wait_for()
    # The column was not recognised, so the mapping opens by itself, the column «не загружать».
    box = expander.locator('[data-testid="stSelectbox"]', has_text="Пришли").first
    assert "не загружать" in _shown_value(box)
    _choose(page, box, "Участники")
    _settle(page, "Данные")
    assert "Участники" in _shown_value(expander.locator('[data-testid="stSelectbox"]', has_text="Пришли").first)
    _no_exception(page, "Данные after the choice")
    _shot(page, "data_mapping")
    _go(page, "Обзор")
    assert _kpi(page, "Участники") == "25"


def _shown_value(box) -> str:
    """What a selectbox shows as chosen (its text and its input's value)."""
    return box.evaluate("b => b.textContent + ' ' + [...b.querySelectorAll('input')].map(i => i.value).join(' ')")


def _choose(pg, box, option: str) -> None:
    """Open a selectbox and click an option (again, when a rerun closed the list before it was seen)."""
    for _ in range(3):
        box.get_by_role("combobox").click()
        choice = pg.get_by_role("option", name=option, exact=True).first
        try:
            choice.wait_for(timeout=5000)
        except sync_api.TimeoutError:
            continue
        choice.click()
        return
    raise AssertionError(f"the option «{option}» never showed")
