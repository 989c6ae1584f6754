"""The one category rule on every page (AppTest): filtered to a category, every figure counts the same events.

An event belongs to a category when one of its partners does (the event's own category cell stands in for a
partner with none). The events expected here are worked out from the demo's tables, not by the filter.
"""

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from test_app import SAMPLE, _navigation_app, _no_store, app, metric_values, plotly_specs, spec_with_title, trend_series  # noqa: F401

from partnerlib import fmt, i18n, metrics, read_workbook
from partnerlib.charts import decode_array
from partnerlib.values import normalise_name

CATEGORY = "media"
TV = "МУ ПТП телерадиовещания «Говорит Саров»"


@pytest.fixture(scope="module")
def sample_ds():
    return read_workbook(SAMPLE).dataset("demo")


@pytest.fixture(scope="module")
def media(sample_ds):
    """The demo's events that belong to СМИ by the rule, and their links to media partners."""
    links = sample_ds.event_partners
    link_cat = links["category"].astype(object)
    ids = set(links.loc[link_cat == CATEGORY, "event_id"])
    linkless = ~sample_ds.events["event_id"].isin(links["event_id"])
    ids |= set(sample_ds.events.loc[linkless & (sample_ds.events["category"].astype(object) == CATEGORY), "event_id"])
    events = sample_ds.events[sample_ds.events["event_id"].isin(ids)]
    media_links = links[(link_cat == CATEGORY) & links["event_id"].isin(ids)]
    return events, media_links


def filtered_app():
    at = app()
    at.multiselect(key="flt_categories").set_value([CATEGORY]).run()
    assert not at.exception, at.exception
    return at


def per_year(events: pd.DataFrame, column: str | None = None) -> dict[int, int]:
    grouped = events.groupby(events["year"].astype(int))
    values = grouped.size() if column is None else grouped[column].sum()
    return {int(y): int(v) for y, v in values.items()}


def series(spec: dict, name: str | None = None) -> dict[int, float]:
    trace = spec["data"][0] if name is None else next(t for t in spec["data"] if t.get("name") == name)
    return {int(x): float(y) for x, y in zip(decode_array(trace["x"]), decode_array(trace["y"]), strict=True)}


def test_the_rule_changes_what_the_demo_filter_selects(sample_ds, media):
    events, _ = media
    by_cell = sample_ds.events["category"].astype(object) == CATEGORY
    # Events where a media partner works with a partner of another category are media events too.
    assert len(events) > int(by_cell.sum())
    tv_events = sample_ds.event_partners.loc[sample_ds.event_partners["partner"] == TV, "event_id"].nunique()
    assert tv_events > 5


def test_overview_cards_sentences_and_trends_count_the_same_events(media):
    events, links = media
    at = filtered_app()
    year = at.selectbox(key="overview_year").value
    cards = metric_values(at)
    assert cards["Мероприятия"] == fmt.number(int((events["year"] == year).sum()))
    assert cards["Участники"] == fmt.number(int(events.loc[events["year"] == year, "participants"].sum()))
    assert cards["Просмотры"] == fmt.number(int(events.loc[events["year"] == year, "views"].sum()))
    active = links.merge(events[["event_id", "year"]], on="event_id")
    partners_per_year = active.groupby("year")["partner"].agg(lambda p: p.map(normalise_name).nunique())
    assert cards["Активные партнёры"] == fmt.number(int(partners_per_year[year]))
    assert trend_series(at, i18n.t("events", "ru")) == per_year(events)
    assert trend_series(at, i18n.t("participants", "ru")) == per_year(events, "participants")
    assert trend_series(at, i18n.t("active_partners", "ru")) == {
        int(y): int(n) for y, n in partners_per_year.items()}
    # Markup characters come escaped, and spaces as plain spaces.
    text = " ".join(m.value for m in at.markdown).replace("\\", "").replace("\u00a0", " ")
    n = int((events["year"] == year).sum())
    assert f"В {year} году вместе с партнёрами проведено {fmt.number(n)} ".replace("\u00a0", " ") in text
    assert "Больше всего мероприятий — со СМИ (100 %)" in text


def test_partners_page_counts_every_event_of_a_media_partner(sample_ds, media):
    _, links = media
    at = filtered_app()
    at.switch_page("pages/partners.py").run()
    assert not at.exception
    by_category = spec_with_title(at, i18n.t("chart_partners_by_category", "ru"))
    assert {t["name"] for t in by_category["data"]} == {i18n.category_name(CATEGORY, "ru")}
    tree = spec_with_title(at, i18n.t("chart_partner_tree", "ru"))["data"][0]
    ids, values = list(tree["ids"]), [int(v) for v in decode_array(tree["values"])]
    assert all(i.split("/")[0] == CATEGORY for i in ids)
    expected = Counter(links["partner"].map(normalise_name))
    shown = {normalise_name(i.split("/", 1)[1]): v for i, v in zip(ids, values, strict=True) if "/" in i}
    assert shown == dict(expected)
    # The city TV channel keeps all its events: every one of them is a media event.
    all_tv = sample_ds.event_partners.loc[sample_ds.event_partners["partner"] == TV, "event_id"].nunique()
    assert shown[normalise_name(TV)] == all_tv
    top = spec_with_title(at, i18n.t("chart_top_partners", "ru"))["data"][0]
    assert int(max(decode_array(top["x"]))) == max(expected.values())


def test_events_page_counts_the_same_events(media):
    events, _ = media
    at = filtered_app()
    at.switch_page("pages/events.py").run()
    assert not at.exception
    spec = spec_with_title(at, i18n.t("chart_formats", "ru"))
    totals: Counter = Counter()
    for trace in spec["data"]:
        for x, y in zip(decode_array(trace["x"]), decode_array(trace["y"]), strict=True):
            totals[int(x)] += int(y)
    assert {y: n for y, n in totals.items() if n} == per_year(events)
    months = next(s for s in plotly_specs(at) if s["data"][0]["type"] == "heatmap")["data"][0]
    assert int(np.asarray(decode_array(months["z"])).sum()) == int(events["date"].notna().sum())
    table = next(f.value for f in at.dataframe if i18n.column_label("title", "ru") in f.value.columns)
    assert len(table) == len(events)


def test_reach_page_counts_the_same_events(media):
    events, _ = media
    at = filtered_app()
    at.switch_page("pages/reach.py").run()
    assert not at.exception
    spec = spec_with_title(at, i18n.t("chart_reach", "ru"))
    got = [{int(x): int(y) for x, y in zip(decode_array(t["x"]), decode_array(t["y"]), strict=True)}
           for t in spec["data"]]
    assert per_year(events, "participants") in got and per_year(events, "views") in got
    split = spec_with_title(at, i18n.t("chart_reach_by_category", "ru"))
    assert {t["name"] for t in split["data"]} == {i18n.category_name(CATEGORY, "ru")}
    participants = sum(int(v) for t in split["data"][::2] for v in decode_array(t["y"]))
    assert participants == int(events["participants"].sum())


def test_export_page_builds_from_the_same_events(sample_ds, media):
    from partnerlib.deck import deck_outline

    events, _ = media
    at = filtered_app()
    at.switch_page("pages/export.py").run()
    assert not at.exception
    year = at.selectbox(key="export_year").value
    examples = {s.key for s in at.selectbox if s.key.startswith("export_example_")}
    assert examples == {f"export_example_{CATEGORY}"}
    picked = at.selectbox(key=f"export_example_{CATEGORY}")
    titles = set(events.loc[events["year"] == year, "title"])
    assert {option.split(" — ")[0] for option in picked.options} <= titles
    filtered = metrics.filter_dataset(sample_ds, categories=[CATEGORY])
    outline = " ".join(m.value for m in at.markdown)
    assert all(title in outline for title in deck_outline(filtered, year, "ru"))
    # The deck's key figures are those of the same events.
    assert metrics.kpis(filtered, year)["events"]["value"] == int((events["year"] == year).sum())


def test_partner_page_counts_every_event_of_a_media_partner(sample_ds, media):
    _, links = media
    at = filtered_app()
    at.switch_page("pages/partner.py").run()
    assert not at.exception
    choice = at.selectbox(key="partner_choice")
    media_keys = set(links["partner"].map(normalise_name))
    assert {normalise_name(o.split(" (")[0]) for o in choice.options} == media_keys
    choice.set_value(normalise_name(TV)).run()
    assert not at.exception
    all_tv = sample_ds.event_partners.loc[sample_ds.event_partners["partner"] == TV, "event_id"]
    tv_events = sample_ds.events[sample_ds.events["event_id"].isin(all_tv)]
    assert metric_values(at)["Мероприятия"] == fmt.number(len(tv_events))
    assert metric_values(at)["Участники"] == fmt.number(int(tv_events["participants"].sum()))
    table = next(f.value for f in at.dataframe if i18n.column_label("description", "ru") in f.value.columns)
    assert len(table) == len(tv_events)
    reach = spec_with_title(at, i18n.t("chart_reach", "ru"))
    assert sum(int(v) for v in decode_array(reach["data"][1]["y"])) == int(tv_events["views"].sum())
    assert "partner_slide" in {b.key for b in at.get("download_button")}
