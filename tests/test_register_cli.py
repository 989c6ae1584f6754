"""`check --json`'s agreements on a given day, and the personal fields kept out of every file made for others."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import zipfile

import pytest
from conftest import xlsx_bytes

from partnerlib import deck, partner_slide, report, site, summary
from partnerlib.cli import main
from partnerlib.reader import read_workbook
from partnerlib.values import normalise_name

D = dt.date
PARTNERS = [
    ["Наименование партнёра", "Категория", "Договор", "№ договора", "Дата заключения", "Действует до",
     "Контактное лицо", "Должность", "Телефон", "E-mail", "Ответственный", "Сайт"],
    ["Городской музей", "Организации и учреждения", "договор", "15", D(2021, 2, 1), D(2027, 1, 15),
     "Сидорова Анна Викторовна", "хранительница фондов", "+7 999 000-11-22", "sidorova@museum.example",
     "Петрова Ольга Игоревна", "museum.example"],
    ["Школа № 5", "Организации и учреждения", "соглашение", None, None, D(2026, 6, 30), None, None, None, None,
     None, None],
    ["Газета «Курьер»", "СМИ", "без договора", None, None, None, None, None, None, None, None, None],
    ["Фонд «Книга»", "Другие", "договор", None, None, None, None, None, None, None, None, None],
]
EVENTS = [
    ["Дата проведения", "Название мероприятия", "Партнёр(ы)", "Форма проведения", "Кол-во участников",
     "Описание сотрудничества", "Польза для библиотеки", "Польза для социума"],
    ["12.03.2025", "Ночь в музее", "Городской музей", "очно", 120, "Совместная акция", "Новые читатели", "Досуг"],
    ["15.09.2026", "Урок истории", "Школа № 5; Городской музей", "очно", 30, "Урок", "Читатели", "Знания"],
    ["01.10.2026", "Выпуск о библиотеке", "Газета «Курьер»", "онлайн", None, "Статья", "Известность", "Информация"],
]
PERSONAL = ["Сидорова", "хранительница", "999 000-11-22", "sidorova@", "Петрова Ольга"]


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    path = tmp_path_factory.mktemp("r") / "реестр.xlsx"
    path.write_bytes(xlsx_bytes({"Партнёры": PARTNERS, "Мероприятия": EVENTS}))
    return path


@pytest.mark.parametrize(("today", "expected"), [
    ("2026-12-01", {"with_agreement": 2, "ending_90_days": 1, "ended": 1}),
    ("2026-06-30", {"with_agreement": 3, "ending_90_days": 1, "ended": 0}),
    ("2027-01-16", {"with_agreement": 1, "ending_90_days": 0, "ended": 2}),
])
def test_check_json_counts_the_agreements_on_the_day_given(book, capsys, today, expected):
    assert main(["check", str(book), "--json", "--today", today]) == 0
    assert json.loads(capsys.readouterr().out)["agreements"] == expected


def test_check_json_counts_on_the_day_it_runs_by_default(book, capsys):
    assert main(["check", str(book), "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)["agreements"]
    assert set(counts) == {"with_agreement", "ending_90_days", "ended"}
    assert counts["with_agreement"] + counts["ended"] == 3  # the three agreements, in force or not


def test_a_bad_day_is_a_usage_error_in_russian(book, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["check", str(book), "--json", "--today", "01.12.2026"])
    assert exit_.value.code == 2
    assert "день «01.12.2026» не распознан: нужно ГГГГ-ММ-ДД" in capsys.readouterr().err


def _texts(data: bytes) -> str:
    """Every part of an Office file (a zip of XML) as one text, character references («&#1043;») decoded."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return html.unescape("\n".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist()))


@pytest.fixture(scope="module")
def ds(book):
    data = read_workbook(book).dataset("store")
    assert data.partners["contact_name"].notna().any()  # the personal fields are there to leak
    return data


@pytest.mark.parametrize(("make", "present"), [
    pytest.param(lambda ds: _texts(deck.build_deck(ds, 2026)), "Городской музей", id="deck"),
    pytest.param(lambda ds: _texts(report.build_report(ds, 2026)), "Городской музей", id="report"),
    pytest.param(lambda ds: _texts(summary.build_summary(ds)), "Организации и учреждения", id="summary"),
    pytest.param(lambda ds: _texts(partner_slide.build_partner_slide(ds, normalise_name("Городской музей"))),
                 "Городской музей", id="partner slide"),
    pytest.param(lambda ds: html.unescape(site.site_html(ds)), "Городской музей", id="site page"),
])
def test_contacts_never_leave_the_store(ds, make, present):
    text = make(ds)
    assert present in text.replace("\xa0", " ")  # the file is made from this register
    assert [word for word in PERSONAL if word in text] == []
