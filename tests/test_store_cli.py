"""Tests of the store's commands: import, history, undo and export, their output and exit codes."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from test_store import EVENTS_A, EVENTS_B, PARTNERS_A, PARTNERS_B, workbook  # tests/ is on sys.path

from partnerlib.cli import main
from partnerlib.reader import read_workbook
from partnerlib.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def files(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    a.write_bytes(workbook(PARTNERS_A, EVENTS_A))
    b.write_bytes(workbook(PARTNERS_B, EVENTS_B))
    return a, b


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.db")


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_prints_the_preview_and_saves(capsys, files, db):
    a, _ = files
    code, out, err = run(capsys, "import", a, "--db", db)
    assert code == 0, err
    assert "Мероприятий новых: 6; уже в базе: 0" in out
    assert "Партнёров новых: 4; уже в базе: 0" in out
    assert "Импорт № 1 сохранён" in out
    code, out, _ = run(capsys, "import", a, "--db", db)
    assert code == 0
    assert "Этот файл уже импортирован: № 1." in out
    assert "Мероприятий новых: 0; уже в базе: 6" in out
    assert "ничего не сохранено" in out and "Импорт № 2" not in out
    with Store(db) as s:
        assert len(s.load().events) == 6
        assert s.history()["id"].tolist() == [1]  # the re-import that adds nothing leaves no history row
        assert s.history()["user"].notna().all()


def test_import_without_yes_keeps_filled_values_and_says_so(capsys, files, db):
    a, b = files
    run(capsys, "import", a, "--db", db)
    code, out, _ = run(capsys, "import", b, "--db", db)
    assert code == 0
    assert "Меняется категория партнёров: 1" in out
    assert "Клуб «Ветераны»: «Клубы» → «Общественные организации»" in out
    assert "Файл меняет уже заполненные значения: 3" in out
    assert "Будут заполнены пустые значения: 4" in out
    assert "(3) НЕ применены" in out and "--yes" in out
    with Store(db) as s:
        assert s.load().partners.set_index("partner").loc["Клуб «Ветераны»", "category"] == "Клубы"


def test_import_with_yes_applies_the_changes(capsys, files, db):
    a, b = files
    run(capsys, "import", a, "--db", db)
    code, out, _ = run(capsys, "import", b, "--db", db, "--yes")
    assert code == 0
    assert "изменено значений 3" in out and "НЕ применены" not in out
    with Store(db) as s:
        assert s.load().partners.set_index("partner").loc["Клуб «Ветераны»", "category"] == "public_organizations"


def test_history_and_undo(capsys, files, db):
    a, b = files
    code, out, _ = run(capsys, "history", "--db", db)
    assert (code, out.strip()) == (0, "Импортов ещё не было.")
    run(capsys, "import", a, "--db", db)
    run(capsys, "import", b, "--db", db)
    code, out, _ = run(capsys, "history", "--db", db)
    assert code == 0
    assert "№ 1" in out and "a.xlsx" in out and "№ 2" in out and "b.xlsx" in out
    assert "мероприятий добавлено 6" in out and "мероприятий добавлено 1, уже были 2" in out
    code, out, err = run(capsys, "undo", "1", "--db", db)
    assert code == 1 and "№ 2" in err and "Сначала отмените их" in err
    code, out, _ = run(capsys, "undo", "2", "--db", db)
    assert (code, out.strip()) == (0, "Отменены импорты: № 2")
    code, out, _ = run(capsys, "history", "--db", db)
    assert "b.xlsx — отменён" in out
    code, _, err = run(capsys, "undo", "2", "--db", db)
    assert code == 1 and "уже отменён" in err
    code, _, err = run(capsys, "undo", "42", "--db", db)
    assert code == 1 and "Импорт № 42 не найден." in err
    code, out, _ = run(capsys, "undo", "1", "--db", db, "--cascade")
    assert (code, out.strip()) == (0, "Отменены импорты: № 1")


def test_export_writes_a_workbook_that_reads_back(capsys, files, db, tmp_path):
    a, _ = files
    run(capsys, "import", a, "--db", db)
    target = tmp_path / "backup.xlsx"
    code, out, _ = run(capsys, "export", "-o", target, "--db", db)
    assert code == 0 and str(target) in out
    back = read_workbook(target)
    assert (len(back.partners), len(back.events)) == (4, 6)


def test_export_to_an_unwritable_place_fails_cleanly(capsys, files, db, tmp_path):
    a, _ = files
    run(capsys, "import", a, "--db", db)
    code, _, err = run(capsys, "export", "-o", tmp_path / "no" / "such" / "dir.xlsx", "--db", db)
    assert code == 1 and "Не удалось записать" in err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["import", "missing.xlsx"], 2),
        (["undo", "not-a-number"], 2),
        (["export"], 2),
    ],
)
def test_usage_errors_exit_2(capsys, db, argv, expected):
    try:
        code = main([*argv, "--db", db])
    except SystemExit as exc:  # argparse
        code = exc.code
    assert code == expected


def test_a_file_with_nothing_to_store_exits_1(capsys, tmp_path, db):
    path = tmp_path / "notes.xlsx"
    path.write_bytes(b"%PDF-1.4 not a sheet")
    code, _, err = run(capsys, "import", path, "--db", db)
    assert code == 1 and "не сохранён" in err
    with Store(db) as s:
        assert s.history().empty


def test_corrupt_database_gives_a_message_not_a_traceback(capsys, tmp_path, files):
    a, _ = files
    path = tmp_path / "broken.db"
    garbage = b"this is not a database " * 200
    path.write_bytes(garbage)
    for argv in (["history"], ["import", str(a)], ["undo", "1"], ["export", "-o", str(tmp_path / "x.xlsx")]):
        code = main([*argv, "--db", str(path)])
        out, err = capsys.readouterr()
        proc = SimpleNamespace(returncode=code, stdout=out, stderr=err)
        assert proc.returncode == 1, (argv, proc.stderr)
        assert "Файл базы данных повреждён" in proc.stderr
        assert "Traceback" not in proc.stderr + proc.stdout
    assert path.read_bytes() == garbage
    assert not (tmp_path / "x.xlsx").exists()


def test_import_map_reads_a_column_and_the_next_import_remembers_it(capsys, tmp_path, db):
    from conftest import xlsx_bytes

    first, second = tmp_path / "2022.xlsx", tmp_path / "2023.xlsx"
    header = ["Дата", "Мероприятие", "Пришли (чел.)"]
    first.write_bytes(xlsx_bytes({"2022": [header, ["01.03.2022", "Акция", 10]]}))
    second.write_bytes(xlsx_bytes({"2023": [header, ["01.03.2023", "Квиз", 7]]}))
    code, _, _ = run(capsys, "import", str(first), "--db", db, "--map", "Пришли (чел.)=participants")
    assert code == 0
    code, out, _ = run(capsys, "import", str(second), "--db", db)
    assert code == 0
    assert "прошлой загрузки" in out
    with Store(f"sqlite:///{db}") as store:
        events = store.load().events.set_index("year")
    assert {int(y): int(n) for y, n in events["participants"].items()} == {2022: 10, 2023: 7}


def test_import_map_that_names_no_field_is_a_usage_error(capsys, files, db):
    code, _, err = run(capsys, "import", files[0], "--db", db, "--map", "Дата=когда-нибудь")
    assert code == 2
    assert "Дата=когда-нибудь" in err
