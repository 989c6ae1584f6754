"""The register's form on the Partners page through AppTest: a save is a history entry, undone on the Data page."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import xlsx_bytes
from streamlit.testing.v1 import AppTest
from test_app import APP, _navigation_app  # noqa: F401  (an autouse fixture: dashboard.py's navigation)

from partnerlib import fmt, i18n
from partnerlib.reader import read_workbook
from partnerlib.store import Store

PARTNERS = [["Наименование партнёра", "Категория", "Договор", "Действует до", "Контактное лицо"],
            ["Городской музей", "Организации и учреждения", "договор", dt.date(2025, 12, 31), "Сидорова"],
            ["Школа № 5", "Организации и учреждения", None, None, None]]
EVENTS = [["Дата проведения", "Название мероприятия", "Партнёр(ы)"], ["12.03.2024", "Чтения", "Городской музей"],
          ["15.04.2024", "Урок", "Школа № 5"]]


@pytest.fixture
def url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setenv("PARTNERLIB_DB_URL", url)
    with Store(url) as s:
        s.apply(read_workbook(xlsx_bytes({"Партнёры": PARTNERS, "Мероприятия": EVENTS}), "a.xlsx"), "a.xlsx")
    return url


def partners_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/partners.py").run()
    assert not at.exception, at.exception
    return at


def museum(url: str) -> pd.Series:
    with Store(url) as s:
        return s.load().partners.set_index("partner").loc["Городской музей"]


def test_the_form_shows_the_stored_values_and_saves_an_edit_that_undo_takes_back(url):
    at = partners_page()
    at.selectbox(key="partners_edit_partner").set_value("городской музей").run()
    assert at.selectbox(key="partners_edit_agreement_kind").value == "contract"
    assert at.date_input(key="partners_edit_agreement_until").value == dt.date(2025, 12, 31)
    assert at.text_input(key="partners_edit_contact_name").value == "Сидорова"
    at.selectbox(key="partners_edit_agreement_kind").set_value("agreement")
    at.date_input(key="partners_edit_agreement_until").set_value(dt.date(2027, 6, 30))
    at.text_input(key="partners_edit_contact_phone").input("8 (83130) 3-12-45")
    at.button(key="partners_edit_save").click().run()
    assert not at.exception, at.exception
    assert any("запись № 2 в истории" in s.value for s in at.success)
    row = museum(url)
    assert (row["agreement_kind"], row["agreement_until"], row["contact_phone"], row["contact_name"]) == (
        "agreement", pd.Timestamp(2027, 6, 30), "8 (83130) 3-12-45", "Сидорова")
    # After the save the form holds what is stored.
    assert at.selectbox(key="partners_edit_agreement_kind").value == "agreement"

    at.switch_page("pages/data.py").run()
    history = next(f.value for f in at.dataframe if "Добавлено мероприятий" in f.value.columns)
    assert i18n.t("history_edit", "ru", partner="Городской музей") in history.iloc[0].tolist()
    at.button(key="data_undo").click().run()
    assert not at.exception, at.exception
    row = museum(url)
    assert (row["agreement_kind"], row["agreement_until"]) == ("contract", pd.Timestamp(2025, 12, 31))
    assert pd.isna(row["contact_phone"])


def test_saving_nothing_new_adds_no_history_entry(url):
    at = partners_page()
    at.selectbox(key="partners_edit_partner").set_value("городской музей").run()
    at.button(key="partners_edit_save").click().run()
    assert any(i18n.t("register_edit_nothing", "ru") in m.value for m in at.info)
    with Store(url) as s:
        assert len(s.history()) == 1


def test_an_agreement_ending_before_it_was_signed_is_refused_in_russian(url):
    at = partners_page()
    at.selectbox(key="partners_edit_partner").set_value("городской музей").run()
    at.date_input(key="partners_edit_agreement_signed").set_value(dt.date(2026, 3, 1))
    at.button(key="partners_edit_save").click().run()
    assert any("заключён позже, 01.03.2026" in e.value for e in at.error)
    assert pd.isna(museum(url)["agreement_signed"])


def test_the_admin_password_guards_the_edit(url, monkeypatch):
    monkeypatch.setattr("partnerlib.ui.admin_password", lambda: "секрет")
    at = partners_page()
    assert at.button(key="partners_edit_save").disabled
    at.text_input(key="partners_edit_password").input("секрет").run()
    assert not at.button(key="partners_edit_save").disabled
    at.text_input(key="partners_edit_website").input("museum.example")
    at.selectbox(key="partners_edit_partner").set_value("городской музей").run()
    at.text_input(key="partners_edit_website").input("museum.example")
    at.button(key="partners_edit_save").click().run()
    assert museum(url)["website"] == "museum.example"
    with Store(url) as s:
        assert bool(s.history(extra=True).iloc[-1]["admin"]) is True
    assert at.button(key="partners_edit_save").disabled  # the next edit asks again


def test_the_demo_data_is_not_edited(monkeypatch, tmp_path):
    monkeypatch.setenv("PARTNERLIB_DB_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    at = partners_page()
    assert any(i18n.t("register_edit_store_only", "ru") in c.value for c in at.caption)
    assert not [b for b in at.button if b.key == "partners_edit_save"]


def test_reminders_on_the_partners_page_and_the_overview_link_to_the_partner(url, monkeypatch):
    with Store(url) as s:  # the museum's agreement ends in 30 days; the school has one and no event since 2024
        s.edit_partner("Городской музей", {"agreement_until": dt.date.today() + dt.timedelta(days=30)})
        s.edit_partner("Школа № 5", {"agreement_kind": "agreement"})
    at = partners_page()
    links = [(el.proto.label, el.proto.page, el.proto.query_string) for el in at.get("page_link")]
    ending = f"{fmt.date(dt.date.today() + dt.timedelta(days=30))}: осталось 30 дней"
    assert f"**Городской музей** — договор действует до {ending}" in [label for label, _, _ in links]
    assert any(label.startswith("**Школа № 5** — есть договор, но мероприятий не было 12 месяцев") for label, _, _
               in links)
    assert all(page == "partner" and query.startswith("partner=") for _, page, query in links)
    # A shorter window, kept in the store: the museum's end is no longer announced.
    at.number_input(key="partners_alert_days").set_value(20).run()
    assert not any("договор действует" in el.proto.label for el in at.get("page_link"))
    with Store(url) as s:
        assert s.get_setting("alert_days") == "20"
    overview = AppTest.from_file(APP, default_timeout=120)
    overview.run()
    shown = [el.proto.label for el in overview.get("page_link")]
    assert any(label.startswith("**Школа № 5**") for label in shown)
    assert not any("договор действует" in label for label in shown)  # the store's 20 days


def test_an_alerts_link_opens_its_partner(url):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["partner"] = "школа № 5"
    at.run()
    at.switch_page("pages/partner.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="partner_choice").value == "школа № 5"
    at.query_params["partner"] = "городской музей"
    at.switch_page("pages/partner.py").run()
    assert at.selectbox(key="partner_choice").value == "городской музей"
    shown = [m.value for m in at.markdown]
    assert "**Договор:** договор до 31.12.2025" in shown and "**Контактное лицо:** Сидорова" in shown
