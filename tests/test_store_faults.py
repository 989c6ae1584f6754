"""Tests of the store's and the settings' faults: what the user is told, and that nothing is written."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from test_store import EVENTS_A, PARTNERS_A, read, workbook  # tests/ is on sys.path

from partnerlib import settings
from partnerlib.cli import main
from partnerlib.reader import max_upload_bytes
from partnerlib.store import Store, StoreError, schema

PG_URL = os.environ.get("PARTNERLIB_TEST_PG_URL")
MB = 1024 * 1024


@pytest.fixture
def pg_url():
    if not PG_URL:
        pytest.skip("PARTNERLIB_TEST_PG_URL is not set")
    engine = sa.create_engine(PG_URL)
    schema.METADATA.drop_all(engine)
    yield PG_URL
    schema.METADATA.drop_all(engine)
    engine.dispose()


# ---------------------------------------------------------------- the upload limit

@pytest.mark.parametrize(("value", "mb"), [
    (None, 50.0), ("", 50.0), ("2.5", 2.5), ("2,5", 2.5), (" 100 ", 100.0), ("0.001", 0.001),
])
def test_upload_limit_setting(monkeypatch, value, mb):
    if value is None:
        monkeypatch.delenv(settings.ENV_MAX_UPLOAD_MB, raising=False)
    else:
        monkeypatch.setenv(settings.ENV_MAX_UPLOAD_MB, value)
    assert settings.max_upload_mb() == mb
    assert settings.check() == []
    assert max_upload_bytes() == int(mb * MB)


@pytest.mark.parametrize("value", ["много", "0", "-5", "inf", "nan", "1e400", "50 МБ"])
def test_a_bad_upload_limit_is_a_configuration_error_not_a_traceback(monkeypatch, value):
    monkeypatch.setenv(settings.ENV_MAX_UPLOAD_MB, value)
    (problem,) = settings.check()
    assert str(problem) == (f"Неверная настройка PARTNERLIB_MAX_UPLOAD_MB=«{value}»: нужно положительное число "
                            "мегабайт, например 50.")
    assert "positive number" in problem.message_in("en")
    # Reading goes on with the default limit rather than failing on every file.
    assert max_upload_bytes() == 50 * MB


def test_the_command_line_says_a_bad_setting_at_start(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv(settings.ENV_MAX_UPLOAD_MB, "inf")
    assert main(["template", "-o", str(tmp_path / "t.xlsx")]) == 2
    captured = capsys.readouterr()
    assert "PARTNERLIB_MAX_UPLOAD_MB=«inf»" in captured.err and captured.out == ""
    assert not (tmp_path / "t.xlsx").exists()


def test_the_dashboard_says_a_bad_setting_at_start(monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv(settings.ENV_MAX_UPLOAD_MB, "-1")
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Неверная настройка PARTNERLIB_MAX_UPLOAD_MB=«-1»: нужно положительное число мегабайт, например 50."]


# ---------------------------------------------------------------- what an import reports

def test_the_import_message_says_what_the_transaction_did(monkeypatch, capsys, tmp_path):
    """Another import of the same file lands between the preview and the save: this one adds nothing."""
    path, db = tmp_path / "a.xlsx", str(tmp_path / "race.db")
    path.write_bytes(workbook(PARTNERS_A, EVENTS_A))
    real_apply = Store.apply

    def apply_after_another(self, result, *args, **kwargs):
        done = threading.Event()

        def other():
            with Store(db) as s:
                real_apply(s, result, "a.xlsx")
            done.set()

        threading.Thread(target=other).start()
        assert done.wait(60)
        return real_apply(self, result, *args, **kwargs)

    monkeypatch.setattr(Store, "apply", apply_after_another)
    assert main(["import", str(path), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Мероприятий новых: 6; уже в базе: 0" in out  # the preview, before the other import
    assert "Импорт № 2 сохранён: добавлено мероприятий 0, партнёров 0, заполнено значений 0." in out
    with Store(db) as s:
        history = s.history()
    assert history["events_added"].tolist() == [6, 0]


# ---------------------------------------------------------------- a NUL character

@pytest.mark.postgres
@pytest.mark.parametrize(("table", "column", "where"), [
    ("events", "title", "лист «Мероприятия», строка 3, столбец «Название мероприятия»"),
    ("events", "platform", "лист «Мероприятия», строка 2, столбец «Площадка»"),
    ("partners", "notes", "столбец «Примечание»"),
])
def test_a_nul_character_on_postgresql_is_named_not_a_lost_server(pg_url, table, column, where):
    result = read(workbook(PARTNERS_A, EVENTS_A), "a.xlsx")
    frame = getattr(result, table)
    if frame[column].dtype == "category":
        frame[column] = frame[column].cat.rename_categories(lambda c: f"{c}\x00")
        first = frame.index[frame[column].notna()][0]
        frame[column] = frame[column].where(frame.index == first)
    else:
        frame.loc[frame.index[1], column] = "Вечер\x00встречи"
    with Store(pg_url) as s:
        with pytest.raises(StoreError) as err:
            s.apply(result)
        assert err.value.code == "nul_in_text"
        assert where in str(err.value) and "недоступен" not in str(err.value)
        assert s.is_empty() and s.history().empty


def test_the_drivers_nul_error_is_not_taken_for_a_lost_server(tmp_path):
    class DataError(Exception):
        sqlstate = None

    with Store(tmp_path / "s.db") as s:
        s.dialect = "postgresql"
        error = s._translate(DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes"))
    assert error.code == "nul_in_text" and "нулевой символ" in str(error)
