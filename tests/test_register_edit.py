"""Editing a partner's register fields: each save one history entry, undone as an import is."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import xlsx_bytes
from test_store_migrations import pg_url  # noqa: F401  (a fixture: a PostgreSQL server when one is given)

from partnerlib import model
from partnerlib.reader import read_workbook
from partnerlib.store import Store, StoreError

T = pd.Timestamp
PARTNERS = [["Наименование партнёра", "Категория", "Договор", "Действует до", "Телефон"],
            ["Городской музей", "Организации и учреждения", "договор", dt.date(2025, 12, 31), "3-12-45"],
            ["Школа № 5", "Организации и учреждения", None, None, None]]
EVENTS = [["Дата проведения", "Название мероприятия", "Партнёр(ы)"],
          ["12.03.2024", "Чтения", "Городской музей; Клуб «Радуга»"]]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    url = str(tmp_path / "s.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    with Store(url) as s:
        s.apply(read_workbook(xlsx_bytes({"Партнёры": PARTNERS, "Мероприятия": EVENTS}), "a.xlsx"), "a.xlsx")
        yield s


def register_of(s: Store, partner: str) -> dict:
    row = s.load().partners.set_index("partner").loc[partner, model.REGISTER_FIELDS].astype(object)
    return {k: v for k, v in row.items() if not pd.isna(v)}


def test_an_edit_changes_fills_and_empties_and_is_one_history_entry(store):
    before = store.load()
    entry = store.edit_partner("Городской музей", {
        "agreement_kind": "agreement", "agreement_until": dt.date(2027, 6, 30), "contact_phone": " ",
        "contact_name": "  Сидорова А. В. ", "website": "museum.example"}, user="директор", admin=True)
    assert register_of(store, "Городской музей") == {
        "agreement_kind": "agreement", "agreement_until": T(2027, 6, 30), "contact_name": "Сидорова А. В.",
        "website": "museum.example"}
    history = store.history(extra=True)
    last = history.iloc[-1]
    assert (last["id"], last["kind"], last["filename"], last["user"], bool(last["admin"])) == (
        entry, "edit", "Городской музей", "директор", True)
    assert (last["partners_changed"], last["values_filled"], last["values_changed"], last["events_added"]) == (
        1, 2, 3, 0)
    assert store.undo(entry) == [entry]
    pd.testing.assert_frame_equal(store.load().partners, before.partners)
    assert store.history(extra=True).iloc[-1]["undone_at"] is not pd.NaT


def test_an_edit_that_changes_nothing_writes_nothing(store):
    version = store.version()
    assert store.edit_partner("ГОРОДСКОЙ МУЗЕЙ", {"agreement_kind": "contract", "contact_phone": "3-12-45"}) is None
    assert store.version() == version


def test_a_partner_known_only_from_events_gets_its_register_row_and_undo_removes_it(store):
    entry = store.edit_partner("Клуб «Радуга»", {"agreement_kind": "none", "responsible": "Петрова"})
    assert register_of(store, "Клуб «Радуга»") == {"agreement_kind": "none", "responsible": "Петрова"}
    assert store.history().iloc[-1]["partners_added"] == 1
    store.undo(entry)
    assert "Клуб «Радуга»" not in set(store.load().partners["partner"])


def test_edits_are_undone_newest_first_like_imports(store):
    first = store.edit_partner("Школа № 5", {"agreement_number": "1"})
    second = store.edit_partner("Школа № 5", {"agreement_number": "2"})
    with pytest.raises(StoreError) as err:
        store.undo(first)
    assert err.value.code == "later_imports" and f"№ {second}" in str(err.value)
    assert store.undo(first, cascade=True) == [second, first]
    assert "agreement_number" not in register_of(store, "Школа № 5")
    # A later file import that fills the register also stands in the way of undoing an earlier edit.
    edit = store.edit_partner("Школа № 5", {"website": "school5.example"})
    later = read_workbook(xlsx_bytes({"Партнёры": [["Наименование партнёра", "Телефон"], ["Школа № 5", "5-55"]]}),
                          "b.xlsx")
    imported = store.apply(later, "b.xlsx")
    with pytest.raises(StoreError):
        store.undo(edit)
    assert store.undo(imported) == [imported]
    assert store.undo(edit) == [edit]


@pytest.mark.parametrize(("values", "code"), [
    ({"agreement_signed": dt.date(2024, 5, 1), "agreement_until": dt.date(2024, 4, 30)}, "agreement_dates_reversed"),
    ({"agreement_signed": dt.date(2026, 1, 1)}, "agreement_dates_reversed"),  # the stored end is 31.12.2025
])
def test_an_agreement_that_ends_before_it_was_signed_is_refused(store, values, code):
    version = store.version()
    with pytest.raises(StoreError) as err:
        store.edit_partner("Городской музей", values)
    assert err.value.code == code and "Ничего не сохранено" in str(err.value)
    assert "Nothing was saved" in err.value.message_in("en")
    assert store.version() == version


@pytest.mark.parametrize("values", [{"partner": "x"}, {"notes": "x"}, {"agreement_kind": "устно"}])
def test_only_the_registers_fields_and_kinds_are_edited(store, values):
    with pytest.raises(ValueError):
        store.edit_partner("Городской музей", values)


def test_no_partner_is_refused(store):
    with pytest.raises(StoreError) as err:
        store.edit_partner("  ", {"website": "x"})
    assert err.value.code == "edit_no_partner"


def test_the_history_command_names_an_edit_and_a_merge(tmp_path, capsys):
    from partnerlib.cli import main

    path = tmp_path / "h.db"
    with Store(path) as s:
        s.apply(read_workbook(xlsx_bytes({"Партнёры": PARTNERS, "Мероприятия": EVENTS}), "a.xlsx"), "a.xlsx")
        s.edit_partner("Школа № 5", {"website": "school5.example"}, user="директор")
        s.add_alias("Музей города", "Городской музей")
    assert main(["history", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "a.xlsx" in out and "правка реестра: Школа № 5" in out and "объединение названий партнёра" in out
