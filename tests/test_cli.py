"""Tests of the command line `python -m partnerlib check|template|sample`, run in this process (cli.main)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import csv_bytes, xlsx_bytes

from partnerlib.cli import main
from partnerlib.reader import read_workbook

ROOT = Path(__file__).resolve().parent.parent
PROBLEM_KEYS = ["severity", "sheet", "row", "column", "value", "message"]
SUMMARY_KEYS = ["partners", "events", "years", "formats", "participants_total", "views_total", "problems", "by_year",
                "libraries", "form_6nk", "possible_duplicates", "sheets", "agreements"]


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def run(*args: str, env: dict | None = None) -> Done:
    """`python -m partnerlib ARGS` run in this process (cli.main); its exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    saved = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return Done(code, out.getvalue(), err.getvalue())


def test_the_module_runs_as_a_program():
    done = subprocess.run([sys.executable, "-m", "partnerlib", "--help"], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0 and "check" in done.stdout and "upgrade" in done.stdout


@pytest.fixture(scope="module")
def messy_file(tmp_path_factory, messy_xlsx) -> Path:
    path = tmp_path_factory.mktemp("cli") / "Партнёры 2019–2020.xlsx"
    path.write_bytes(messy_xlsx)
    return path


@pytest.fixture(scope="module")
def messy_json(messy_file) -> dict:
    done = run("check", str(messy_file), "--json")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return json.loads(done.stdout)


def test_check_json_is_exactly_one_object(messy_file):
    out = run("check", str(messy_file), "--json").stdout
    obj, end = json.JSONDecoder().raw_decode(out)
    assert out[end:].strip() == ""
    assert isinstance(obj, dict)


def test_check_json_has_exactly_the_keys(messy_json):
    assert list(messy_json) == SUMMARY_KEYS
    assert list(messy_json["formats"]) == ["online", "offline", "hybrid", "unknown"]
    assert all(list(p) == PROBLEM_KEYS for p in messy_json["problems"])


def test_check_json_figures_of_the_messy_workbook(messy_json):
    # See tests/conftest.py MESSY_SHEETS: 5 partners after merging a duplicate; 9 events read.
    # 2019, the first year: Администрация and Музей dated earlier by the register, three not dated.
    assert [(y["new_partners"], y["continuing_partners"], y["unknown_partners"], y["lost_partners"])
            for y in messy_json["by_year"].values()] == [(0, 2, 3, 0), (1, 4, 0, 2)]
    assert messy_json["possible_duplicates"] == []
    assert {k: v for k, v in messy_json.items() if k not in ("problems", "by_year", "possible_duplicates",
                                                                 "sheets", "form_6nk")} == {
        "partners": 5,
        "events": 9,
        "years": [2019, 2020],
        "formats": {"online": 3, "offline": 4, "hybrid": 1, "unknown": 1},
        "participants_total": 25 + 100 + 1200 + 60 + 13 + 30,
        "views_total": 350 + 1200 + 5 + 1500,
        "libraries": {},  # the messy workbook names no library
        "agreements": {"with_agreement": 0, "ending_90_days": 0, "ended": 0},  # nor any agreement
    }


def test_check_json_names_every_sheet_and_what_its_columns_were_read_as(messy_json):
    sheets = {s["name"]: s for s in messy_json["sheets"]}
    assert list(sheets) == ["Партнёры", "Мероприятия 2019", "Мероприятия 2020", "Заметки", "Пустой"]
    assert sheets["Партнёры"] == {
        "name": "Партнёры", "kind": "partners", "header_row": 3, "rows_read": 6, "skipped": None,
        "columns": {"№": None, "Категория партнёра": "category", "Наименование партнёра": "partner",
                    "Уровень": "level", "С какого года": "since", "Ответственный": "responsible"},
    }
    assert sheets["Мероприятия 2019"]["columns"]["Партнёр(ы)"] == "partners"
    assert (sheets["Заметки"]["kind"], sheets["Заметки"]["skipped"]) == ("skipped", "no_columns")
    assert (sheets["Пустой"]["kind"], sheets["Пустой"]["skipped"]) == ("skipped", "empty")


def test_check_map_reads_a_column_as_the_director_chose(tmp_path):
    path = tmp_path / "m.xlsx"
    path.write_bytes(xlsx_bytes({"2022": [["Дата", "Мероприятие", "Пришли (чел.)"], ["01.03.2022", "Акция", 10]]}))
    plain = json.loads(run("check", str(path), "--json").stdout)
    assert plain["participants_total"] == 0
    chosen = json.loads(run("check", str(path), "--json", "--map", "Пришли (чел.)=participants").stdout)
    assert chosen["participants_total"] == 10
    assert chosen["sheets"][0]["columns"]["Пришли (чел.)"] == "participants"
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"Пришли (чел.)": "participants", "Мероприятие": None}), encoding="utf-8")
    from_file = json.loads(run("check", str(path), "--json", "--map-file", str(mapping)).stdout)
    assert from_file["participants_total"] == 10
    assert from_file["sheets"][0]["columns"]["Мероприятие"] is None


@pytest.mark.parametrize("command", [("check",), ("import", "--db", "{tmp}/store.db")])
def test_a_missing_file_or_a_map_that_names_no_field_is_a_usage_error(tmp_path, command):
    """`check` and `import` judge the file and the choices alike, and `import` opens no store for them."""
    command = tuple(a.format(tmp=tmp_path) for a in command)
    path = tmp_path / "m.xlsx"
    path.write_bytes(xlsx_bytes({"2022": [["Дата", "Мероприятие"], ["01.03.2022", "Акция"]]}))
    done = run(*command[:1], str(path), *command[1:], "--map", "Мероприятие=nonsense")
    assert done.returncode == 2
    assert "Мероприятие=nonsense" in done.stderr and "participants" in done.stderr
    assert "Traceback" not in done.stderr
    missing = run(*command[:1], str(tmp_path / "нет.xlsx"), *command[1:])
    assert missing.returncode == 2
    assert "Нет такого файла" in missing.stderr and "нет.xlsx" in missing.stderr
    bad_file = tmp_path / "map.json"
    bad_file.write_text("[1, 2]", encoding="utf-8")
    listed = run(*command[:1], str(path), *command[1:], "--map-file", str(bad_file))
    assert listed.returncode == 2 and "map.json" in listed.stderr
    assert not (tmp_path / "store.db").exists()


def test_check_json_problems_are_the_readers(messy_file, messy_json):
    expected = [p.as_dict() for p in read_workbook(messy_file).problems]
    assert messy_json["problems"] == expected
    errors = [(p["sheet"], p["row"], p["column"], p["value"]) for p in messy_json["problems"]
              if p["severity"] == "error"]
    assert sorted(errors, key=str) == sorted([
        ("Партнёры", 11, "Наименование партнёра", None),
        ("Мероприятия 2019", 4, "Дата проведения", "31.02.2019"),
        ("Мероприятия 2019", 6, "Дата проведения", None),
    ], key=str)
    assert {p["severity"] for p in messy_json["problems"]} == {"error", "warning", "info"}


def test_check_readable_output_in_russian(messy_file):
    done = run("check", str(messy_file))
    assert done.returncode == 0
    out = done.stdout
    assert f"Файл: {messy_file.name}" in out
    assert "лист «Партнёры»: партнёры, заголовок в строке 3, прочитано строк: 6" in out
    assert "лист «Мероприятия 2020»: мероприятия, заголовок в строке 2, прочитано строк: 5" in out
    assert "лист «Заметки»: пропущен" in out
    # the register's five and the two its events name besides («Городское ТВ», «Новый партнёр»)
    assert "Партнёров: 7 (в реестре — 5); мероприятий: 9 (2019–2020)" in out
    assert "Формы проведения: онлайн 3, очно 4, смешанный 1, не указан 1" in out
    assert "Участников: 1\u00a0428; просмотров: 3\u00a0055" in out  # Russian thousands: a non-breaking space
    assert "Проблемы: ошибок 3, предупреждений 10, замечаний 17" in out
    assert ("[ошибка] лист «Мероприятия 2019», строка 4, столбец «Дата проведения»: "
            "Такой даты нет в календаре: «31.02.2019». Строка не прочитана.") in out
    lines = out.splitlines()
    first_warning = next(i for i, ln in enumerate(lines) if "[предупреждение]" in ln)
    assert max(i for i, ln in enumerate(lines) if "[ошибка]" in ln) < first_warning


@pytest.mark.parametrize(("name", "data"), [
    ("notes.xlsx", xlsx_bytes({"Лист1": [["Фамилия", "Телефон"], ["Иванова", "1"]]})),
    ("picture.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(64)),
    ("empty.csv", b""),
])
def test_check_exits_1_when_nothing_is_usable(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    done = run("check", str(path), "--json")
    assert done.returncode == 1
    summary = json.loads(done.stdout)
    assert (summary["partners"], summary["events"], summary["participants_total"]) == (0, 0, 0)
    assert [p["severity"] for p in summary["problems"]] == ["error"]
    text = run("check", str(path))
    assert text.returncode == 1
    assert "Проблемы: ошибок 1, предупреждений 0, замечаний 0" in text.stdout
    assert "[ошибка]" in text.stdout


def test_check_exits_0_with_warnings(tmp_path):
    path = tmp_path / "events.csv"
    path.write_bytes(csv_bytes([["Дата", "Название", "Участники"], ["27.04.2018", "Круглый стол", "более 350"]]))
    done = run("check", str(path), "--json")
    assert done.returncode == 0
    summary = json.loads(done.stdout)
    assert (summary["events"], summary["participants_total"], summary["years"]) == (1, 350, [2018])
    assert [(p["severity"], p["row"], p["column"], p["value"]) for p in summary["problems"]] == [
        ("warning", 2, "Участники", "более 350")]


def test_check_honours_the_upload_limit(tmp_path, messy_xlsx):
    path = tmp_path / "big.xlsx"
    path.write_bytes(messy_xlsx)
    done = run("check", str(path), "--json", env={"PARTNERLIB_MAX_UPLOAD_MB": "0.001"})
    assert done.returncode == 1
    (problem,) = json.loads(done.stdout)["problems"]
    assert problem["message"].startswith("Файл слишком большой")


@pytest.mark.parametrize("args", [
    (),
    ("check",),
    ("check", "/no/such/file.xlsx"),
    ("check", "."),
    ("check", "--wrong", "x.xlsx"),
    ("frobnicate",),
])
def test_usage_errors_exit_2(args):
    done = run(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip()


def test_missing_file_is_said_in_russian():
    assert "Нет такого файла" in run("check", "/no/such/file.xlsx").stderr


def test_template_writes_an_empty_workbook_with_the_headings(tmp_path):
    path = tmp_path / "шаблон.xlsx"
    done = run("template", "-o", str(path))
    assert done.returncode == 0
    assert str(path) in done.stdout
    result = read_workbook(path)
    assert [(s.name, s.kind, s.rows_read) for s in result.sheets] == [
        ("Партнёры", "partners", 0), ("Мероприятия", "events", 0)]
    assert set(result.sheets[1].columns) >= {"date", "title", "partner", "format", "participants", "views"}


def test_sample_writes_the_demo_workbook_that_check_reads(tmp_path):
    done = run("sample", "--dir", str(tmp_path))
    assert done.returncode == 0
    book = tmp_path / "partnerlib_sample.xlsx"
    assert book.is_file() and (tmp_path / "README.md").is_file()
    checked = run("check", str(book), "--json")
    assert checked.returncode == 0
    summary = json.loads(checked.stdout)
    assert summary["partners"] > 40 and summary["events"] > 800
    assert summary["years"] == list(range(2018, 2026))
    assert not [p for p in summary["problems"] if p["severity"] == "error"]


# ---------------------------------------------------------------- argparse's own words in Russian

@pytest.mark.parametrize("argv, stream, russian, english", [
    (["--help"], "out", ["использование: python -m partnerlib", "позиционные аргументы", "параметры:",
                         "показать эту справку и выйти"], ["usage:", "options:", "show this help"]),
    (["template", "--help"], "out", ["использование: python -m partnerlib template", "показать эту справку"],
     ["usage:", "options:"]),
    (["template"], "err", ["использование:", "ошибка: нужно указать: -o/--output"],
     ["usage:", "error:", "the following arguments are required"]),
    (["nonsense"], "err", ["ошибка: аргумент command: недопустимое значение: 'nonsense' (можно: 'check'"],
     ["invalid choice", "choose from"]),
    (["check", "a.xlsx", "--bogus"], "err", ["ошибка: неизвестные аргументы: --bogus"], ["unrecognized"]),
])
def test_argparse_speaks_russian(capsys, argv, stream, russian, english):
    import argparse

    from partnerlib import cli

    with pytest.raises(SystemExit) as ended:
        cli.main(argv)
    assert ended.value.code == (0 if "--help" in argv else 2)
    text = getattr(capsys.readouterr(), stream)
    for words in russian:
        assert words in text
    for words in english:
        assert words not in text
    assert argparse._("usage: ") == "usage: "  # argparse is given back its own words afterwards


def test_partners_named_only_by_events_are_counted(tmp_path):
    """A sheet of events without a register still has partners: the summary counts those its events name."""
    path = tmp_path / "events.xlsx"
    path.write_bytes(xlsx_bytes({"2023": [
        ["Дата", "Мероприятие", "Партнёр"],
        ["01.03.2023", "Акция", "Музей"], ["02.03.2023", "Лекция", "музей"], ["03.03.2023", "Квиз", "Школа № 5"],
    ]}))
    out = run("check", str(path)).stdout
    assert "Партнёров: 2 (в реестре — 0); мероприятий: 3 (2023)" in out
    assert json.loads(run("check", str(path), "--json").stdout)["partners"] == 0  # the key counts the register
