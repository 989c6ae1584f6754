"""The bounded worker that parses uploads: every way it can fail is one clear error, and the next read works."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import pytest
from conftest import ods_bytes, xls_bytes, xlsx_bytes, zip_bytes, zip_parts
from test_app import _navigation_app, _no_store, app, upload  # noqa: F401  (their fixtures apply here too)

from partnerlib import read_workbook, reader, sandbox
from partnerlib.errors import ERROR, WARNING

BOOK = {
    "Партнёры": [["Наименование партнёра", "Категория партнёра"], ["Школа № 1", "Организации и учреждения"]],
    "Мероприятия": [
        ["Дата проведения", "Название мероприятия", "Партнёр(ы)", "Форма проведения", "Кол-во участников"],
        [dt.datetime(2021, 3, 1), "Лекция", "Школа № 1", "очно", 25],
        [dt.datetime(2021, 3, 2), "Эфир", "Школа № 1", "онлайн", 40],
    ],
}


@pytest.fixture(autouse=True)
def _small_limits(monkeypatch):
    """Limits small enough that a test which overruns them ends at once."""
    monkeypatch.setenv(sandbox.MEMORY_ENV, "400")
    monkeypatch.setenv(sandbox.SECONDS_ENV, "3")


def children() -> set[int]:
    """The live (not zombie) child processes of this process, from /proc."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == os.getpid() and state != "Z":
            found.add(int(entry.name))
    return found


def crashing(code: str):
    """A stand-in for the worker's read that runs `code` in the worker instead (the test hook)."""
    def start_reading(data, *, merged, max_bytes):
        return sandbox.Call(exec, (code, {}), max_bytes=max_bytes)
    return start_reading


CRASHES = {
    # name: (code run in the worker, reason, words in the message)
    "memory": ("block = bytearray(1 << 40)", "memory", "превышен предел памяти 400 МБ"),
    "time": ("while True:\n    pass", "time", "чтение заняло больше 3 с"),
    "sleep": ("import time\ntime.sleep(3600)", "time", "чтение заняло больше 3 с"),
    "panic": ("class PanicException(BaseException):\n    pass\nraise PanicException('index out of bounds')",
              "panic", "сбой программы чтения: PanicException: index out of bounds"),
    "killed": ("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)", "crash",
               "процесс чтения аварийно завершился (SIGKILL)"),
    "aborted": ("import os\nos.abort()", "crash", "процесс чтения аварийно завершился (SIGABRT)"),
}


@pytest.mark.parametrize("case", CRASHES)
def test_a_worker_that_fails_is_one_reason(case):
    code, reason, words = CRASHES[case]
    with pytest.raises(sandbox.ReadFailed) as failed:
        sandbox.run(exec, code, {})
    assert failed.value.reason == reason
    assert words in failed.value.detail
    assert children() == set(sandbox.idle_workers())


@pytest.mark.parametrize("case", CRASHES)
def test_a_crash_is_one_clear_error_and_the_next_read_works(case, monkeypatch):
    code, _, words = CRASHES[case]
    with monkeypatch.context() as patch:
        patch.setattr(reader.sandbox, "start_reading", crashing(code))
        result = read_workbook(xlsx_bytes(BOOK), "отчёт.xlsx")
    assert [(p.severity, p.code) for p in result.problems] == [(ERROR, "read_failed")]
    message = result.problems[0].message
    assert message.startswith("Файл не удалось прочитать: он повреждён или слишком сложен (")
    assert words in message
    assert not result.ok
    assert children() == set(sandbox.idle_workers())
    after = read_workbook(xlsx_bytes(BOOK), "отчёт.xlsx")
    assert len(after.events) == 2 and not [p for p in after.problems if p.severity == ERROR]


def far_cell_xlsx() -> bytes:
    """A real file the parser cannot read within the limits: one cell at A1, one at XFD1048576."""
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "Наименование партнёра"
    wb.active["XFD1048576"] = "далеко"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_the_parser_asking_for_too_much_memory_is_stopped_by_the_limit():
    """Without the extent check before it, the parser asks for 512 GiB and dies on the address-space limit."""
    with pytest.raises(sandbox.ReadFailed) as failed:
        sandbox.read_workbook_cells(far_cell_xlsx())
    assert (failed.value.reason, failed.value.detail) == ("memory", "превышен предел памяти 400 МБ")
    assert children() == set(sandbox.idle_workers())
    assert len(read_workbook(xlsx_bytes(BOOK), "a.xlsx").events) == 2


def with_cells(book, cells: dict[str, object]) -> bytes:
    """The xlsx of `book` with more cells put on its events sheet by their Excel names."""
    import io

    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(book)))
    for ref, value in cells.items():
        wb["Мероприятия"][ref] = value
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


FAR = {
    # stray cells: (cells named in the warning, the data's region)
    "XFD1048576": ("XFD1048576", "A1:E3"),
    "A1048576": ("A1048576", "A1:E3"),
    "XFD2": ("XFD2", "A1:E3"),
    "AAA9 XFD1048576": ("AAA9, XFD1048576", "A1:E3"),
}


@pytest.mark.parametrize("refs", FAR)
def test_a_stray_far_cell_is_a_warning_and_is_not_allocated_for(refs):
    cells, region = FAR[refs]
    data = with_cells(BOOK, dict.fromkeys(refs.split(), "далеко"))
    result = read_workbook(data, "far.xlsx")
    assert result.events["title"].tolist() == ["Лекция", "Эфир"]
    far = [p for p in result.problems if p.code == "far_cells"]
    assert [(p.severity, p.sheet, p.params["cells"], p.params["region"]) for p in far] == [
        (WARNING, "Мероприятия", cells, region)]
    assert f"данные — в {region}): {cells}" in far[0].message
    assert not [p for p in result.problems if p.severity == ERROR]


NOT_FAR = ["F3", "Z40", "E1000", "CV3"]


@pytest.mark.parametrize("ref", NOT_FAR)
def test_a_cell_near_the_data_is_read(ref):
    result = read_workbook(with_cells(BOOK, {ref: "рядом"}), "near.xlsx")
    assert len(result.events) == 2
    assert not [p for p in result.problems if p.code == "far_cells"]


def entities_at(offset: int) -> bytes:
    """The xlsx of BOOK whose events sheet declares an entity starting `offset` bytes into the part."""
    parts = zip_parts(xlsx_bytes(BOOK))
    name = "xl/worksheets/sheet2.xml"
    body = parts[name]
    if body.startswith(b"<?xml"):
        prolog, _, body = body.partition(b"?>")
        prolog += b"?>"
    else:
        prolog = b""
    declaration = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>'
    padding = b"<!--" + b"x" * max(0, offset - len(prolog) - 7) + b"-->"
    parts[name] = prolog + padding + declaration + body
    assert parts[name].index(b"<!DOCTYPE") == offset
    return zip_bytes(parts)


@pytest.mark.parametrize("offset", [
    70 * 1024,  # beyond the head looked at before the parser starts
    reader.XML_CHUNK_BYTES - 12,  # cut in two by the chunks
    3 * reader.XML_CHUNK_BYTES + 5,
])
def test_entity_declarations_anywhere_in_a_part_are_refused(offset):
    result = read_workbook(entities_at(offset), "e.xlsx")
    assert [(p.severity, p.code) for p in result.problems] == [(ERROR, "unreadable")]
    assert "DOCTYPE/ENTITY" in result.problems[0].message
    assert children() == set(sandbox.idle_workers())


def test_the_worker_is_reused():
    sandbox.stop_workers()  # (a sheet read in halves before leaves two)
    read_workbook(xlsx_bytes(BOOK), "a.xlsx")
    first = sandbox.idle_workers()
    read_workbook(xlsx_bytes(BOOK), "b.xlsx")
    assert sandbox.idle_workers() == first and len(first) == 1


def test_the_worker_stays_small():
    """The worker imports the parser and the cleaning, not pandas or numpy: it starts in a fraction of a second."""
    read_workbook(xlsx_bytes(BOOK), "a.xlsx")
    loaded = sandbox.run(eval, "sorted(m for m in __import__('sys').modules if m in ('pandas', 'numpy'))")
    assert loaded == []


def test_limits_come_from_the_environment(monkeypatch):
    monkeypatch.delenv(sandbox.MEMORY_ENV)
    monkeypatch.delenv(sandbox.SECONDS_ENV)
    assert sandbox.memory_limit_mb(50 * 1024 * 1024) == 4000
    assert sandbox.memory_limit_mb(5 * 1024 * 1024) == 1024
    assert sandbox.time_limit_seconds() == 30
    monkeypatch.setenv(sandbox.MEMORY_ENV, "1500")
    monkeypatch.setenv(sandbox.SECONDS_ENV, "2.5")
    assert (sandbox.memory_limit_mb(), sandbox.time_limit_seconds()) == (1500, 2.5)
    monkeypatch.setenv(sandbox.SECONDS_ENV, "-1")
    assert sandbox.time_limit_seconds() == 30


FORMATS = {"xlsx": lambda: xlsx_bytes(BOOK), "xls": lambda: xls_bytes(BOOK), "ods": lambda: ods_bytes(BOOK)}


def test_concurrent_reads_keep_their_own_answers(monkeypatch):
    monkeypatch.setenv(sandbox.SECONDS_ENV, "60")
    books = {
        f"{kind}-{n}": (kind, {"Мероприятия": [BOOK["Мероприятия"][0],
                                              *([dt.datetime(2021, 3, 1), f"Лекция {n}-{i}", "Школа", "очно", i]
                                                for i in range(1, n + 1))]})
        for kind in ("xlsx", "ods") for n in (3, 7, 12)
    }
    answers: dict[str, list[str]] = {}

    def read(key):
        kind, book = books[key]
        data = xlsx_bytes(book) if kind == "xlsx" else ods_bytes(book)
        answers[key] = read_workbook(data, f"{key}.{kind}").events["title"].tolist()

    threads = [threading.Thread(target=read, args=(key,)) for key in books for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for key, (_, book) in books.items():
        assert answers[key] == [row[1] for row in book["Мероприятия"][1:]]
    assert len(sandbox.idle_workers()) <= sandbox.DEFAULT_WORKERS


# ---------------------------------------------------------------- cleaning at reading time

NON_CHARACTERS = {"\ufffe": "\u2603", "\uffff": "\u2604"}  # and their stand-ins while openpyxl writes
CLEANED = {
    # cell text: (kept, warning codes)
    "Школа\x00 № 1": ("Школа № 1", ["cell_control_removed"]),
    "Шко\x07ла № 1\x1b": ("Школа № 1", ["cell_control_removed"]),
    "Школа № 1\ufffe": ("Школа № 1", ["cell_control_removed"]),
    "\u202eШкола № 1": ("Школа № 1", ["cell_direction_removed"]),
    "Шк\u200bола\u00ad № 1": ("Школа № 1", []),
    "Шко\u0438\u0306 № 1": ("Шкой № 1", []),  # NFD «й» becomes one letter
}


@pytest.mark.parametrize(("kind", "text"), [
    *(("xlsx", text) for text in CLEANED),
    # the ods writer of the tests cannot write control characters or non-characters
    *(("ods", text) for text in CLEANED if not any(ord(ch) < 32 or ch in NON_CHARACTERS for ch in text)),
])
def test_cells_are_cleaned_once_with_a_warning_naming_the_cell(text, kind):
    kept, codes = CLEANED[text]
    book = {"Мероприятия": [BOOK["Мероприятия"][0], [dt.datetime(2021, 3, 1), "Лекция", text, "очно", 5]]}
    data = ods_bytes(book) if kind == "ods" else _xlsx_with_escapes(book)
    result = read_workbook(data, f"f.{kind}")
    assert result.events["partners"].tolist() == [kept]
    found = [(p.severity, p.code, p.row, p.params.get("cell")) for p in result.problems if p.code.startswith("cell_")]
    assert found == [(WARNING, code, 2, "C2") for code in codes]
    for p in result.problems:
        assert not any(ord(ch) < 32 and ch not in "\t\n" for ch in p.message)


def test_one_name_written_three_ways_is_one_partner_and_one_event():
    import unicodedata

    name = "Библиотека-филиал «Йошкар»"
    spellings = [unicodedata.normalize("NFC", name), unicodedata.normalize("NFD", name),
                 name.replace("«", "\u200b«").replace("филиал", "фи\u00adлиал")]
    assert len(set(spellings)) == 3
    head = BOOK["Мероприятия"][0]
    rows = [[dt.datetime(2021, 3, day), title, spelling, "очно", 10]
            for spelling in spellings for day, title in ((1, "Лекция"), (2, "Встреча «Йо»"))]
    result = read_workbook(xlsx_bytes({"Мероприятия": [head, *rows]}), "три.xlsx")
    assert set(result.events["partners"]) == {unicodedata.normalize("NFC", name)}
    assert sorted(result.events["title"]) == ["Встреча «Йо»", "Лекция"]  # the same two events, not six
    assert len(set(result.event_partners["partner"])) == 1


def _xlsx_with_escapes(book) -> bytes:
    """openpyxl refuses control characters: write them as the `_xHHHH_` escapes Excel itself uses, and
    U+FFFE/U+FFFF as raw bytes put into the written XML."""
    escaped = {name: [[_escape(c) for c in row] for row in rows] for name, rows in book.items()}
    parts = zip_parts(xlsx_bytes(escaped))
    for name, blob in parts.items():
        for ch, stand_in in NON_CHARACTERS.items():
            blob = blob.replace(f"&#{ord(stand_in)};".encode(), ch.encode()).replace(stand_in.encode(), ch.encode())
        parts[name] = blob
    return zip_bytes(parts)


def _escape(cell):
    if isinstance(cell, str):
        cell = "".join(NON_CHARACTERS.get(ch, ch) for ch in cell)
        return "".join(f"_x{ord(ch):04X}_" if ord(ch) < 32 else ch for ch in cell)
    return cell


# ---------------------------------------------------------------- CSV and disguised files

CSV_HEAD = "Дата проведения;Название мероприятия;Партнёр(ы);Форма проведения"
CSV_ROWS = ["01.03.2021;Лекция;Школа № 1;очно", "02.03.2021;Эфир;Газета «Курьер»;онлайн",
            "03.03.2021;Встреча;Совет ветеранов;очно"]


def csv_of(*lines: bytes) -> bytes:
    return b"\r\n".join(lines) + b"\r\n"


def test_a_csv_in_two_encodings_is_named_and_each_line_read_in_its_own():
    data = csv_of(CSV_HEAD.encode("utf-8"), CSV_ROWS[0].encode("utf-8"), CSV_ROWS[1].encode("cp1251"),
                  CSV_ROWS[2].encode("utf-8"))
    result = read_workbook(data, "два файла.csv")
    assert result.events["title"].tolist() == ["Лекция", "Эфир", "Встреча"]
    assert result.events["partners"].tolist() == ["Школа № 1", "Газета «Курьер»", "Совет ветеранов"]
    found = [(p.severity, p.code, p.row) for p in result.problems if p.code.startswith("csv_")]
    assert found == [(WARNING, "csv_mixed_encodings", None), (WARNING, "csv_row_encoding", 3)]
    assert "в двух кодировках: UTF-8 (строк: 3) и Windows-1251 (строк: 1)" in result.problems[0].message
    assert "Строка записана в кодировке Windows-1251, а остальной файл — в UTF-8" in result.problems[1].message


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_csv_is_read(codec):
    text = "\r\n".join([CSV_HEAD, *CSV_ROWS]) + "\r\n"
    data = text.encode(codec)  # "utf-16" writes a BOM; the others do not
    result = read_workbook(data, "utf16.csv")
    assert result.events["title"].tolist() == ["Лекция", "Эфир", "Встреча"]


def test_a_nul_byte_in_a_csv_is_an_error_for_its_row():
    data = csv_of(CSV_HEAD.encode("cp1251"), CSV_ROWS[0].encode("cp1251"),
                  CSV_ROWS[1].encode("cp1251").replace("Эфир".encode("cp1251"), b"\xdd\x00\xf4\xe8\xf0"),
                  CSV_ROWS[2].encode("cp1251"))
    result = read_workbook(data, "nul.csv")
    assert result.events["title"].tolist() == ["Лекция", "Встреча"]
    errors = [(p.severity, p.code, p.row) for p in result.problems if p.severity == ERROR]
    assert errors == [(ERROR, "csv_nul", 3)]
    assert "нулевой байт" in next(p for p in result.problems if p.code == "csv_nul").message


def test_control_characters_in_a_csv_are_removed_with_a_warning():
    data = csv_of(CSV_HEAD.encode(), CSV_ROWS[0].replace("Лекция", "Лек\x07ция").encode(), CSV_ROWS[1].encode())
    result = read_workbook(data, "bell.csv")
    assert result.events["title"].tolist() == ["Лекция", "Эфир"]
    assert [(p.code, p.params["cell"]) for p in result.problems if p.code.startswith("cell_")] == [
        ("cell_control_removed", "B2")]


PAGE = "<html><head><title>Отчёт</title></head><body><table><tr><td>Партнёр</td></tr></table></body></html>"
WEB_PAGES = {
    "plain": PAGE.encode(),
    "UTF-8 BOM": b"\xef\xbb\xbf" + PAGE.encode(),
    "UTF-16 BOM": PAGE.encode("utf-16"),
    "leading comment": b"<!-- saved from url=(0014)about:internet -->\r\n" + PAGE.encode(),
    "meta first": b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">\r\n'
                  + PAGE.encode("cp1251"),
    "xml declaration, then html": b'<?xml version="1.0"?>\n<html xmlns:x="urn:schemas-microsoft-com:office:excel">'
                                  + PAGE[6:].encode(),
}


@pytest.mark.parametrize("case", WEB_PAGES)
def test_an_xls_that_is_a_web_page_is_named_for_what_it_is(case):
    result = read_workbook(WEB_PAGES[case], "отчёт.xls")
    assert [(p.severity, p.code) for p in result.problems] == [(ERROR, "not_spreadsheet")]
    assert "веб-страница (HTML)" in result.problems[0].message


# ---------------------------------------------------------------- the dashboard after a crash

def test_the_app_answers_after_a_crash_upload(monkeypatch):
    monkeypatch.setenv(sandbox.SECONDS_ENV, "60")
    at = app()
    with monkeypatch.context() as patch:
        patch.setattr(reader.sandbox, "start_reading", crashing("import os\nos.abort()"))
        upload(at, "отчёт.xlsx", xls_bytes(BOOK))
    assert not at.exception
    assert any("Файл не удалось прочитать: он повреждён или слишком сложен" in el.value for el in at.error)
    assert children() == set(sandbox.idle_workers())
    at.file_uploader(key="data_upload").set_value(("отчёт.xlsx", xlsx_bytes(BOOK), "application/octet-stream")).run()
    assert not at.exception
    assert not any("Файл не удалось прочитать" in el.value for el in at.error)
    assert any("мероприятий — 2" in el.value for el in at.success)
