"""The Partners page's register table and reminders on the demo data: the agreement columns through the public
API (metrics.partner_table) and through AppTest, in both languages."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from test_app import SAMPLE, _navigation_app, _no_store, app  # noqa: F401  (autouse fixtures)

from partnerlib import alerts, fmt, i18n, metrics, model, read_workbook, safe, sample

AGREEMENT = ["agreement_kind", "agreement_number", "agreement_signed", "agreement_until"]


@pytest.fixture(scope="module")
def demo() -> model.Dataset:
    return read_workbook(SAMPLE).dataset("demo")


def partners_page(lang: str = "ru"):
    at = app()
    if lang == "en":
        at.radio(key="sidebar_lang").set_value("en").run()
    at.switch_page("pages/partners.py").run()
    assert not at.exception, at.exception
    return at


def register_element(at):
    found = [d for d in at.dataframe if i18n.column_label("agreement_until", "ru") in d.value.columns
             or i18n.column_label("agreement_until", "en") in d.value.columns]
    assert len(found) == 1, "no register table"
    return found[0]


# --- The public API -----------------------------------------------------------------------------------


def test_partner_table_holds_each_partners_agreement(demo):
    table = metrics.partner_table(demo).set_index("partner")
    assert list(table.columns[-4:]) == AGREEMENT
    for name, r in sample.SAMPLE_REGISTER.items():
        row = table.loc[name]
        assert row["agreement_kind"] == r.kind
        assert (None if pd.isna(row["agreement_number"]) else row["agreement_number"]) == r.number
        for field, day in (("agreement_signed", r.signed), ("agreement_until", r.until)):
            assert pd.isna(row[field]) if day is None else row[field] == pd.Timestamp(day), (name, field)
    others = table.drop(index=list(sample.SAMPLE_REGISTER))
    assert others[AGREEMENT].isna().all().all()
    assert not set(table.columns) & model.PERSONAL_FIELDS


def test_partner_table_search_keeps_the_agreements(demo):
    found = metrics.partner_table(demo, "музей")
    assert found[["partner", "agreement_kind", "agreement_number"]].values.tolist() == [
        ["Городской музей", "contract", "5"]]


# --- Through the page ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "kinds", "date_format"), [
    ("ru", {"contract": "договор", "agreement": "соглашение", "none": "без договора"}, "DD.MM.YYYY"),
    ("en", {"contract": "contract", "agreement": "agreement", "none": "no agreement"}, "D MMM YYYY"),
])
def test_the_register_table_shows_the_agreements(demo, lang, kinds, date_format):
    element = register_element(partners_page(lang))
    shown = element.value
    heading = {f: i18n.column_label(f, lang) for f in ["partner", *AGREEMENT]}
    assert list(shown.columns[-4:]) == [heading[f] for f in AGREEMENT]
    rows = shown.set_index(heading["partner"])
    expected = metrics.partner_table(demo).set_index("partner")
    for name, r in sample.SAMPLE_REGISTER.items():
        row = rows.loc[name]
        assert row[heading["agreement_kind"]] == kinds[r.kind]
        assert row[heading["agreement_number"]] == (r.number or "")
        for field in ("agreement_signed", "agreement_until"):
            want = expected.loc[name, field]
            assert pd.isna(row[heading[field]]) if pd.isna(want) else row[heading[field]] == want, (name, field)
    assert (rows.drop(index=list(sample.SAMPLE_REGISTER))[heading["agreement_kind"]] == "").all()
    # The dates stay dates (they sort as dates), written as the language writes a day.
    config = json.loads(element.proto.columns)
    for field in ("agreement_signed", "agreement_until"):
        assert config[heading[field]]["type_config"] == {"type": "date", "format": date_format}
    assert config[heading["agreement_kind"]]["width"] == "medium"  # room for «соглашение», «no agreement»
    # Nothing personal in the table (the contact person is on the partner's own page).
    assert not {i18n.column_label(f, lang) for f in model.PERSONAL_FIELDS} & set(shown.columns)


def test_the_register_search_narrows_the_agreements():
    at = partners_page()
    at.text_input(key="partners_search").input("школы").run()
    shown = register_element(at).value
    names = shown[i18n.column_label("partner", "ru")].tolist()
    assert set(names) == {"Общеобразовательные школы", "Детские школы искусств"}
    kinds = dict(zip(names, shown[i18n.column_label("agreement_number", "ru")], strict=True))
    assert kinds == {"Общеобразовательные школы": "3", "Детские школы искусств": "9/2021"}


def test_the_demos_reminders_are_for_the_end_of_its_last_year(demo):
    at = partners_page()
    day = fmt.date(sample.DEMO_DAY, "ru")
    assert i18n.t("alerts_demo_day", "ru", date=day) in [c.value for c in at.caption]
    labels = [link.proto.label for link in at.get("page_link")]
    expected = alerts.alerts(demo, sample.DEMO_DAY)
    assert len(expected) == len(labels)
    for row in expected.itertuples():
        text = alerts.describe(row, sample.DEMO_DAY, "ru")
        assert f"**{safe.markdown(row.partner)}** — {safe.markdown(text)}" in labels
    assert "**Дошкольные учреждения** — договор действует до 31 января 2026: осталось 31 день" in labels
    centre = safe.markdown("Центр развития культуры и искусства г. Сарова")
    assert any(label.startswith(f"**{centre}** — договор закончился 31 мая 2025") for label in labels)


@pytest.mark.parametrize(("lang", "lines"), [
    ("ru", [("Договор", "договор № 5 от 20.01.2020 до 30.06.2026"),
            ("Контактное лицо", "Тихонов А. Е., научный сотрудник, 8 (000) 555-01-21, muzey@example.org"),
            ("Ответственный", "Крылова А. Д.")]),
    ("en", [("Agreement", "contract № 5 signed 20.01.2020 valid until 30.06.2026"),
            ("Contact person", "Тихонов А. Е., научный сотрудник, 8 (000) 555-01-21, muzey@example.org"),
            ("Responsible librarian", "Крылова А. Д.")]),
])
def test_a_demo_partners_own_page_shows_its_register(lang, lines):
    at = partners_page(lang)
    at.switch_page("pages/partner.py").run()
    at.selectbox(key="partner_choice").set_value("городской музей").run()
    assert not at.exception, at.exception
    shown = [m.value for m in at.markdown]
    for label, text in lines:
        assert f"**{safe.markdown(label)}:** {safe.markdown(text)}" in shown, label
