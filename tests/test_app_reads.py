"""The Data page's reads through AppTest: a read is kept by what it depends on, and a failed one does not stick."""

import pytest
from conftest import xlsx_bytes
from test_app import _navigation_app, _no_store, app, upload  # noqa: F401  (fixtures)

from partnerlib import i18n, sandbox, ui
from partnerlib.errors import ERROR, Problem
from partnerlib.reader import _empty_result, read_workbook
from partnerlib.store import open_store, resolve_url

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# An events sheet whose date column is not recognised and whose name gives no year: nothing can be read.
ROWS = [["Когда было", "Мероприятие", "Участники"], ["01.03.2022", "Акция", 10], ["02.03.2022", "Квиз", 15]]
SIGNATURE = "когда было|мероприятие|участники"


def _errors(at) -> list[str]:
    return [e.value for e in at.error]


def _shown(at, name: str) -> bool:
    return any(i18n.t("file_shown", "ru", name=name) in s.value for s in at.success)


def _give_again(at, name: str, data: bytes):
    """Take the file out of the uploader and give it once more, as she would."""
    box = at.file_uploader(key="data_upload")
    box.set_value(None).run()
    at.file_uploader(key="data_upload").set_value((name, data, XLSX)).run()
    assert not at.exception, at.exception
    return at


def test_a_refused_file_is_read_again_with_the_choices_remembered_since():
    data = xlsx_bytes({"Лист1": ROWS})
    at = upload(app(), "когда.xlsx", data)
    assert any("нет столбца даты" in e for e in _errors(at)), _errors(at)
    # She names the column once (kept in the store, as `choices` or an earlier import keep it)…
    with open_store(resolve_url()) as s:
        s.save_column_choices(SIGNATURE, {"когда было": "date"})
    # …and gives the same file again: it is read with that choice, not shown with the old error.
    _give_again(at, "когда.xlsx", data)
    assert not _errors(at), _errors(at)
    assert _shown(at, "когда.xlsx")


def test_a_read_that_met_an_internal_error_is_not_kept(monkeypatch):
    data = xlsx_bytes({"2022": ROWS})
    calls = []

    def flaky(source, filename=None, **kwargs):
        calls.append(filename)
        if len(calls) == 1:  # a bug of the reader's own, met once
            return _empty_result([Problem(ERROR, "internal_error", params={"detail": "KeyError: 'x'"})], filename)
        return read_workbook(source, filename, **kwargs)

    monkeypatch.setattr(ui, "read_workbook", flaky)
    at = upload(app(), "сбой.xlsx", data)
    assert any("внутренней ошибки" in e for e in _errors(at)), _errors(at)
    _give_again(at, "сбой.xlsx", data)
    assert not _errors(at), _errors(at)
    assert _shown(at, "сбой.xlsx")


@pytest.mark.parametrize("first_limit", ["0.001"])
def test_a_read_follows_the_upload_limit_it_was_made_under(monkeypatch, first_limit):
    data = xlsx_bytes({"2022": ROWS})
    monkeypatch.setenv("PARTNERLIB_MAX_UPLOAD_MB", first_limit)
    at = upload(app(), "большой.xlsx", data)
    assert any("больше" in e or "предел" in e or "МБ" in e for e in _errors(at)), _errors(at)
    monkeypatch.setenv("PARTNERLIB_MAX_UPLOAD_MB", "50")
    _give_again(at, "большой.xlsx", data)
    assert not _errors(at), _errors(at)
    assert _shown(at, "большой.xlsx")


def test_the_data_page_starts_the_readers_worker_before_a_file_is_given():
    at = app()
    sandbox.stop_workers()
    at.switch_page("pages/data.py").run()
    assert not at.exception, at.exception
    assert len(sandbox.idle_workers()) == 1  # the first upload does not wait for it to start
    at.run()
    assert len(sandbox.idle_workers()) == 1  # and a rerun starts no other
