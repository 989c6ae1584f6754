"""Possible duplicate partners on the Data page (AppTest): confirmed as one partner, marked as different,
the merge in the history and undone there, the figures recomputed each time."""

from conftest import xlsx_bytes
from test_app import _navigation_app, _no_store, app, metric_values, upload  # noqa: F401

from partnerlib import i18n

MUSEUM = xlsx_bytes({"Мероприятия": [
    ["Дата проведения", "Название мероприятия", "Партнёр(ы)"],
    ["12.03.2019", "Встреча", "Городской музей"],
    ["13.03.2020", "Лекция", "МБУК «Городской музей»"],
    ["14.03.2020", "Урок", "Школа № 5"],
    ["15.03.2020", "Урок", "Школа № 15"],
]})


def pair_buttons(at):
    return sorted(b.key for b in at.button if b.key.startswith("data_dup_"))


def new_partners(at) -> str:
    """The Overview's card of new partners in 2020."""
    at.switch_page("pages/overview.py").run()
    assert at.selectbox(key="overview_year").value == 2020
    return metric_values(at)["Новые партнёры"]


def test_a_pair_confirmed_as_one_partner_counts_once_and_the_undo_takes_it_back():
    at = upload(app(), "музей.xlsx", MUSEUM)
    assert not at.exception
    assert i18n.t("duplicates_title", "ru") in [h.value for h in at.subheader]
    keeps = [s for s in at.selectbox if s.key.startswith("data_dup_keep_")]
    assert [s.options for s in keeps] == [["Городской музей", "МБУК «Городской музей»"]]  # not school 5 / 15
    assert new_partners(at) == "3"  # МБУК «Городской музей», Школа № 5, Школа № 15
    at.switch_page("pages/data.py").run()
    next(b for b in at.button if b.key.startswith("data_dup_same_")).click().run()
    assert not at.exception
    assert any("Названия объединены" in s.value for s in at.success)
    assert pair_buttons(at) == []  # one partner now: nothing more to confirm
    assert new_partners(at) == "2"  # the museum is continuing
    at.switch_page("pages/partner.py").run()
    # The partner is found by either of its names.
    assert "Городской музей (МБУК «Городской музей»)" in at.selectbox(key="partner_choice").options
    # Saved, the file keeps the merge; undone in the history, the names are two partners again.
    at.switch_page("pages/data.py").run()
    at.button(key="data_save").click().run()
    assert not at.exception
    assert new_partners(at) == "2"
    at.switch_page("pages/data.py").run()
    history = next(f.value for f in at.dataframe if "Добавлено мероприятий" in f.value.columns)
    assert len(history) == 2
    assert history["Файл"].tolist() == ["музей.xlsx", i18n.t("history_merge", "ru")]
    undo_choice = at.selectbox(key="data_undo_choice")
    assert undo_choice.options == ["№ 2 — музей.xlsx", f"№ 1 — {i18n.t('history_merge', 'ru')}"]
    undo_choice.set_value(1).run()
    at.button(key="data_undo").click().run()
    assert not at.exception
    assert new_partners(at) == "3"


def test_a_pair_marked_different_is_not_offered_again():
    at = upload(app(), "музей.xlsx", MUSEUM)
    next(b for b in at.button if b.key.startswith("data_dup_diff_")).click().run()
    assert not at.exception
    assert pair_buttons(at) == []
    assert new_partners(at) == "3"


def test_the_first_years_card_says_there_is_no_data_for_the_year_before():
    at = upload(app(), "музей.xlsx", MUSEUM)
    at.switch_page("pages/overview.py").run()
    at.selectbox(key="overview_year").set_value(2019).run()
    assert not at.exception
    assert metric_values(at)["Новые партнёры"] == i18n.t("no_previous_year", "ru")
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "сравнить не с чем: нет данных за прошлый год" in text and "новых" not in text
