"""What the server does so that her first visits wait for nothing: the warm-up (ui.warm_up), after which a first
Overview run computes nothing again; the objects kept out of the garbage collector's rounds; the Partners
page's register choices computed once per dataset."""

import datetime as dt
import functools
import gc
import threading
from pathlib import Path

import pytest
import streamlit as st
from conftest import xlsx_bytes
from streamlit.testing.v1 import AppTest
from test_app import _navigation_app  # noqa: F401  (every AppTest run is dashboard.py's, with its sidebar)

from partnerlib import alerts, branches, charts, fmt, metrics, narrative, read_workbook, sample, spark, ui
from partnerlib.store import Store

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
SAMPLE = ROOT / "sample_data" / "partnerlib_sample.xlsx"
# What a first Overview run computes when nothing is cached: reading or loading the data, the sidebar's
# options, the filtered dataset, the figures, the sentences, the trends, the branches and the alerts.
COUNTED = [(Store, "load"), (ui, "read_workbook"), (metrics, "years"), (metrics, "filter_dataset"),
           (metrics, "event_count"), (metrics, "yearly"), (narrative, "insights"), (spark, "trend_svg"),
           (branches, "branch_table"), (charts, "branches"), (alerts, "alerts"),
           # the Partners page's
           (metrics, "partners_by_category"), (metrics, "partner_flow"), (metrics, "category_tree"),
           (metrics, "top_partners"), (metrics, "partner_table"), (metrics, "partner_choices"),
           (charts, "partners_by_category"), (charts, "partner_flow"), (charts, "partner_tree"),
           (charts, "top_partners")]
TWO_BRANCHES = {
    "Мероприятия": [["Дата проведения", "Название мероприятия", "Партнёр(ы)", "Библиотека", "Кол-во участников"],
                    ["12.03.2023", "Чтения", "Городской музей", "ЦДБ", 40],
                    ["15.04.2024", "Урок", "Школа № 5", "Филиал № 5", 25],
                    ["16.05.2024", "Вечер", "Городской музей", "ЦДБ", 30]],
}


@pytest.fixture
def calls(monkeypatch) -> dict[str, int]:
    """Calls of each computation in COUNTED by name (a chart's as charts.name), counted from a cold start
    (Streamlit's caches emptied)."""
    st.cache_data.clear()
    st.cache_resource.clear()
    counted: dict[str, int] = {}
    for owner, name in COUNTED:
        original = getattr(owner, name)
        label = f"charts.{name}" if owner is charts else name  # a chart may share its figures' function's name
        counted[label] = 0

        def counting(*args, __original=original, __name=label, **kwargs):
            counted[__name] += 1
            return __original(*args, **kwargs)

        monkeypatch.setattr(owner, name, functools.wraps(original)(counting))
    return counted


def stored(tmp_path, monkeypatch, data: bytes | None) -> None:
    """PARTNERLIB_DB_URL on a store of its own holding `data` (None: an empty store, the demo is shown)."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setenv("PARTNERLIB_DB_URL", url)
    with Store(url) as s:
        if data is not None:
            s.apply(read_workbook(data, "a.xlsx"), "a.xlsx")


def first_overview() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def events_card(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Мероприятия")


def latest_events(data: bytes) -> str:
    """The events card the Overview shows for a workbook: its latest year's events, as the page writes them."""
    history = metrics.yearly(read_workbook(data, "a.xlsx").dataset("a"))
    return fmt.number(history.loc[history["events"] > 0, "events"].iloc[-1], "ru")


@pytest.mark.parametrize("shown, computed", [
    ("store", {"load": 1, "read_workbook": 0, "branch_table": 0}),
    ("demo", {"load": 0, "read_workbook": 1, "branch_table": 0}),
    ("branches", {"load": 1, "read_workbook": 0, "branch_table": 1, "charts.branches": 1}),
    ("broken store", {"load": 0, "read_workbook": 1}),
])
def test_after_the_warm_up_the_first_overview_computes_nothing(tmp_path, monkeypatch, calls, shown, computed):
    if shown == "broken store":  # a file that is no database: the demo is shown, the Data page says why
        path = tmp_path / "broken.db"
        path.write_bytes(b"this is not a database " * 200)
        monkeypatch.setenv("PARTNERLIB_DB_URL", f"sqlite:///{path}")
    else:
        stored(tmp_path, monkeypatch, {"store": SAMPLE.read_bytes(), "demo": None,
                                       "branches": xlsx_bytes(TWO_BRANCHES)}[shown])
    assert ui.warm_up() is True
    warmed = dict(calls)
    for name in ("years", "filter_dataset", "event_count", "yearly", "insights", "alerts"):
        assert warmed[name] >= 1, name
    assert warmed["trend_svg"] == 5  # the Overview's five small trends
    for name, n in computed.items():
        assert warmed[name] == n, name

    assert warmed["top_partners"] == 2 and warmed["partner_choices"] == (shown in ("store", "branches"))
    at = first_overview()
    assert calls == warmed  # every value the run needed was in the caches
    at.switch_page("pages/partners.py").run()
    assert not at.exception, at.exception
    assert calls == warmed  # and the Partners page's
    at.switch_page("pages/overview.py").run()
    data = xlsx_bytes(TWO_BRANCHES) if shown == "branches" else SAMPLE.read_bytes()
    assert events_card(at) == latest_events(data)
    assert any("демонстрационные" in i.value for i in at.info) == (shown in ("demo", "broken store"))

    # The counting itself works: a filter no run has asked for is computed.
    at.multiselect(key="flt_formats").set_value(["online"]).run()
    assert calls["filter_dataset"] == warmed["filter_dataset"] + 1


def test_a_visit_during_the_warm_up_waits_for_its_values_instead_of_computing_them_again(tmp_path, monkeypatch,
                                                                                        calls):
    stored(tmp_path, monkeypatch, SAMPLE.read_bytes())
    loading, release = threading.Event(), threading.Event()
    load = Store.load

    def slow_load(self, *args, **kwargs):  # the warm-up's load of the store is held until the visit has begun
        loading.set()
        assert release.wait(30)
        return load(self, *args, **kwargs)

    monkeypatch.setattr(Store, "load", slow_load)
    warm = threading.Thread(target=ui.warm_up)
    warm.start()
    assert loading.wait(30)
    threading.Timer(0.5, release.set).start()  # whether the run is waiting by then or not, the counts hold
    at = first_overview()
    warm.join(30)
    assert calls["yearly"] == 1 and calls["filter_dataset"] == 1 and calls["trend_svg"] == 5
    assert events_card(at) == latest_events(SAMPLE.read_bytes())


def test_the_warm_up_draws_the_trends_in_the_language_asked(tmp_path, monkeypatch, calls):
    stored(tmp_path, monkeypatch, None)
    ui.warm_up("en")
    assert calls["trend_svg"] == 5
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["sidebar_lang"] = "en"
    at.run()
    assert not at.exception, at.exception
    assert calls["trend_svg"] == 5 and calls["insights"] == 1


@pytest.mark.parametrize(("data", "day"), [
    (xlsx_bytes(TWO_BRANCHES), dt.date.today()),
    (None, sample.DEMO_DAY),  # the demo's reminders are for the end of its last year
])
def test_the_alerts_are_warmed_for_their_day(tmp_path, monkeypatch, calls, data, day):
    stored(tmp_path, monkeypatch, data)
    seen = []
    original = alerts.alerts

    @functools.wraps(original)
    def alerts_of(ds, today, days):
        seen.append((today, days))
        return original(ds, today, days)

    monkeypatch.setattr(alerts, "alerts", alerts_of)
    ui.warm_up()
    assert seen == [(day, ui.alert_days())]


def test_what_is_alive_at_the_servers_start_is_kept_out_of_the_collections():
    try:
        kept = ui.keep_long_lived()
        assert kept > 10_000  # pandas, plotly, Streamlit and partnerlib themselves
        assert len(gc.get_objects()) < 1_000  # what a full collection still looks at
        garbage = [[]]
        garbage[0].append(garbage)  # a cycle made later is still collected
        del garbage
        assert gc.collect() >= 2
    finally:
        gc.unfreeze()


def test_the_partners_page_lists_the_partners_to_edit_once_per_dataset(tmp_path, monkeypatch, calls):
    stored(tmp_path, monkeypatch, SAMPLE.read_bytes())
    counted = []
    original = metrics.partner_choices

    @functools.wraps(original)
    def choices(*args, **kwargs):
        counted.append(args[1:])
        return original(*args, **kwargs)

    monkeypatch.setattr(metrics, "partner_choices", choices)
    at = first_overview()
    at.switch_page("pages/partners.py").run()
    assert not at.exception, at.exception
    listed = at.selectbox(key="partners_edit_partner").options
    at.switch_page("pages/overview.py").run()
    at.switch_page("pages/partners.py").run()
    assert counted == [((),)]
    assert at.selectbox(key="partners_edit_partner").options == listed and len(listed) > 10
