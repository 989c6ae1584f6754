"""Tests of the chart builders: the figures carry the metrics' numbers, Russian labels and formats, fixed colours."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from partnerlib import charts, fmt, i18n, metrics, read_workbook
from partnerlib.categories import taxonomy
from partnerlib.charts import decode_array
from partnerlib.model import Dataset
from partnerlib.sample import sample_workbook_bytes

RU_MONTHS = ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]


def values(attr) -> np.ndarray:
    """A trace attribute as numpy: numpy arrays and tuples of `fig.data`, or `{"dtype", "bdata"}` of `to_dict()`."""
    return decode_array(attr)


@pytest.fixture(scope="module")
def ds() -> Dataset:
    """The demo dataset (2018–2025, six categories, no unknown format)."""
    return read_workbook(sample_workbook_bytes(), "sample.xlsx").dataset()


@pytest.fixture(scope="module")
def empty() -> Dataset:
    """A dataset without partners or events."""
    return Dataset.empty()


# Every builder with the metrics frame it draws: name -> (metrics call, chart call).
BUILDERS = {
    "partners_by_category": (metrics.partners_by_category, charts.partners_by_category),
    "partners_by_category_share": (metrics.partners_by_category,
                                   lambda df, lang: charts.partners_by_category(df, mode="share", lang=lang)),
    "partner_treemap": (metrics.category_tree, charts.partner_tree),
    "partner_sunburst": (metrics.category_tree, lambda df, lang: charts.partner_tree(df, lang, kind="sunburst")),
    "partner_flow": (metrics.partner_flow, charts.partner_flow),
    "top_partners": (metrics.top_partners, charts.top_partners),
    "top_partners_views": (lambda d: metrics.top_partners(d, by="views"),
                           lambda df, lang: charts.top_partners(df, by="views", lang=lang)),
    "formats_by_year": (metrics.formats_by_year, charts.formats_by_year),
    "formats_by_year_share": (metrics.formats_by_year,
                              lambda df, lang: charts.formats_by_year(df, mode="share", lang=lang)),
    "platforms": (metrics.platforms, charts.platforms),
    "platforms_by_year": (metrics.platforms_by_year, charts.platforms_by_year),
    "month_heatmap": (metrics.events_by_month, charts.month_heatmap),
    "reach_by_year": (metrics.reach_by_year, charts.reach_by_year),
    "reach_change": (metrics.reach_by_year, charts.reach_change),
    "reach_split_category": (lambda d: metrics.reach_by(d, "category"),
                             lambda df, lang: charts.reach_split(df, by="category", lang=lang)),
    "reach_split_format": (lambda d: metrics.reach_by(d, "format"),
                           lambda df, lang: charts.reach_split(df, by="format", lang=lang)),
    "top_events": (metrics.top_events, charts.top_events),
    "top_events_views": (lambda d: metrics.top_events(d, by="views"),
                         lambda df, lang: charts.top_events(df, by="views", lang=lang)),
    "trend_events": (metrics.yearly, lambda df, lang: charts.trend(df, "events", lang)),
    "trend_online_share": (metrics.yearly, lambda df, lang: charts.trend(df, "online_share", lang, kind="line")),
}
# The builders whose x axis is the years.
YEAR_AXES = ["partners_by_category", "partners_by_category_share", "partner_flow", "formats_by_year",
             "formats_by_year_share", "platforms_by_year", "reach_by_year", "reach_change", "reach_split_category",
             "reach_split_format", "trend_events", "trend_online_share"]


def build(name: str, dataset: Dataset, lang: str = "ru") -> tuple[pd.DataFrame, go.Figure]:
    frame_of, chart = BUILDERS[name]
    df = frame_of(dataset)
    return df, chart(df, lang=lang)


def rows(df: pd.DataFrame, column: str, key: str) -> pd.DataFrame:
    """The rows of one category / format / platform, by year."""
    return df[df[column].astype(object).fillna("_none").astype(str) == key].sort_values("year")


# ---------------------------------------------------------------- decode_array

@pytest.mark.parametrize("array", [
    np.array([1, 2, 300]),
    np.array([70_000, -1]),
    np.array([1.5, np.nan, -2.25]),
    np.array([1, 2], dtype="uint8"),
    np.array([2018, 2019, 2020]),
])
def test_decode_array_reads_the_base64_form_of_to_dict(array):
    encoded = go.Figure(go.Bar(y=array)).to_dict()["data"][0]["y"]
    assert isinstance(encoded, dict) and {"dtype", "bdata"} <= set(encoded)
    np.testing.assert_array_equal(values(encoded), array)


def test_decode_array_keeps_the_shape_of_a_matrix():
    z = np.arange(24).reshape(2, 12)
    encoded = go.Figure(go.Heatmap(z=z)).to_dict()["data"][0]["z"]
    np.testing.assert_array_equal(values(encoded), z)


@pytest.mark.parametrize(("attr", "expected"), [
    (np.array([3, 4]), [3, 4]),
    ((3, 4), [3, 4]),
    ([3.5, 4.0], [3.5, 4.0]),
    (("a", "b"), ["a", "b"]),
    (None, []),
])
def test_decode_array_takes_plain_arrays_as_they_are(attr, expected):
    assert values(attr).tolist() == expected


def test_decode_array_reads_what_the_browser_gets(ds):
    """The JSON Streamlit sends (plotly's to_json) decodes to the figure's own numbers."""
    df, fig = build("reach_by_year", ds)
    sent = json.loads(pio.to_json(fig))
    for trace, original in zip(sent["data"], fig.data, strict=True):
        np.testing.assert_array_equal(values(trace["y"]), values(original.y))
        np.testing.assert_array_equal(values(trace["x"]), df["year"].to_numpy())


@pytest.mark.parametrize("name", list(BUILDERS))
def test_to_dict_holds_the_same_numbers_as_fig_data(ds, name):
    _, fig = build(name, ds)
    encoded = fig.to_dict()["data"]
    for trace, data in zip(fig.data, encoded, strict=True):
        for attr in ("x", "y", "z", "values"):
            if getattr(trace, attr, None) is not None:
                np.testing.assert_array_equal(values(data[attr]), values(getattr(trace, attr)))


# ---------------------------------------------------------------- common layout

@pytest.mark.parametrize("name", list(BUILDERS))
@pytest.mark.parametrize(("lang", "separators"), [("ru", ", "), ("en", ".,")])
def test_every_figure_is_valid_localised_and_titled(ds, name, lang, separators):
    _, fig = build(name, ds, lang)
    pio.to_json(fig, validate=True)
    assert fig.layout.separators == separators
    assert fig.layout.title.text
    assert fig.layout.template.layout.paper_bgcolor == pio.templates["plotly_white"].layout.paper_bgcolor
    assert fig.layout.height <= 600
    if fig.layout.showlegend is not False and len(fig.data) > 1:
        assert fig.layout.legend.orientation == "h"


@pytest.mark.parametrize("name", YEAR_AXES)
def test_years_are_categorical_ticks(ds, name):
    df, fig = build(name, ds)
    shown = sorted({int(y) for t in fig.data for y in values(t.x)})
    assert set(shown) <= set(df["year"])
    axes = [fig.layout[k] for k in fig.layout if k.startswith("xaxis")]
    assert axes
    for axis in axes:
        assert axis.type == "category"
        assert list(axis.categoryarray) == shown
    for trace in fig.data:
        assert values(trace.x).dtype.kind == "i"


@pytest.mark.parametrize("name", list(BUILDERS))
@pytest.mark.parametrize(("lang", "text"), [("ru", "Нет данных"), ("en", "No data")])
def test_an_empty_frame_gives_a_figure_that_says_no_data(empty, name, lang, text):
    df, fig = build(name, empty, lang)
    assert df.empty
    assert isinstance(fig, go.Figure)
    assert [a.text for a in fig.layout.annotations] == [text]
    assert fig.layout.title.text
    assert fig.layout.separators == fmt.PLOTLY_SEPARATORS[lang]
    pio.to_json(fig, validate=True)


def test_reach_change_of_a_single_year_has_no_data(ds):
    one = metrics.filter_dataset(ds, years=(2021, 2021))
    fig = charts.reach_change(metrics.reach_by_year(one))
    assert [a.text for a in fig.layout.annotations] == ["Нет данных"]


@pytest.mark.parametrize(("call", "message"), [
    (lambda: charts.partners_by_category(pd.DataFrame(), mode="percent"), "mode"),
    (lambda: charts.formats_by_year(pd.DataFrame(), mode="sum"), "mode"),
    (lambda: charts.partner_tree(pd.DataFrame(), kind="pie"), "kind"),
    (lambda: charts.top_partners(pd.DataFrame(), by="reach"), "by"),
    (lambda: charts.top_events(pd.DataFrame(), by="events"), "by"),
    (lambda: charts.reach_split(pd.DataFrame(), by="platform"), "by"),
    (lambda: charts.trend(pd.DataFrame(), "approx"), "column"),
    (lambda: charts.trend(pd.DataFrame(), "events", kind="area"), "kind"),
])
def test_unknown_options_are_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# ---------------------------------------------------------------- partners

@pytest.mark.parametrize(("mode", "column", "hover"), [("count", "partners", "%{y:,.0f}"),
                                                       ("share", "share", "%{y:.1f}")])
def test_partners_by_category_traces_are_the_metrics_rows(ds, mode, column, hover):
    df = metrics.partners_by_category(ds)
    fig = charts.partners_by_category(df, mode=mode)
    assert [t.name for t in fig.data] == [taxonomy().labels[k]["ru"] for k in taxonomy().keys]
    assert "Организации и учреждения" in [t.name for t in fig.data]
    assert fig.layout.barmode == "stack"
    for key, trace in zip(taxonomy().keys, fig.data, strict=True):
        expected = rows(df, "category", key)
        np.testing.assert_array_equal(values(trace.x), expected["year"].to_numpy())
        np.testing.assert_allclose(values(trace.y), expected[column].to_numpy())
        assert hover in trace.hovertemplate
        assert trace.marker.color == charts.CATEGORY_COLORS[key]
    if mode == "share":
        totals = sum(pd.Series(values(t.y), index=values(t.x)) for t in fig.data)
        np.testing.assert_allclose(totals.to_numpy(), 100)
        assert "%" in fig.layout.yaxis.title.text


def test_partners_by_category_in_english(ds):
    fig = charts.partners_by_category(metrics.partners_by_category(ds), lang="en")
    assert [t.name for t in fig.data] == ["Authorities", "Organisations and institutions", "Social services",
                                          "Public organisations", "Media", "Other"]
    assert fig.layout.title.text == "Partners by category"


def test_a_library_s_own_category_and_no_category_get_labels_and_stable_colours():
    df = pd.DataFrame({"year": [2020, 2020, 2021, 2021], "category": ["Клубы", "_none", "media", "Клубы"],
                       "partners": [2, 1, 3, 4], "share": [66.7, 33.3, 42.9, 57.1]})
    fig = charts.partners_by_category(df)
    assert [t.name for t in fig.data] == ["СМИ", "Клубы", "Без категории"]
    assert fig.data[1].marker.color == charts.category_color("Клубы") == charts.category_color("Клубы")
    assert fig.data[2].marker.color == charts.CATEGORY_COLORS["_none"]
    np.testing.assert_array_equal(values(fig.data[1].y), [2, 4])


@pytest.mark.parametrize("kind", ["treemap", "sunburst"])
def test_partner_tree_sizes_partners_by_events(ds, kind):
    df = metrics.category_tree(ds)
    fig = charts.partner_tree(df, kind=kind)
    (trace,) = fig.data
    assert trace.type == kind
    assert trace.branchvalues == "total"
    nodes = pd.DataFrame({"id": trace.ids, "parent": trace.parents, "value": values(trace.values),
                          "color": trace.marker.colors})
    partners = nodes[nodes["parent"] != ""]
    assert len(partners) == len(df)
    expected = dict(zip(df["category"] + "/" + df["partner"], df["events"], strict=True))
    assert dict(zip(partners["id"], partners["value"], strict=True)) == expected
    cats = nodes[nodes["parent"] == ""].set_index("id")
    assert cats["value"].to_dict() == df.groupby("category")["events"].sum().to_dict()
    assert trace.labels[list(trace.ids).index("institutions")] == "Организации и учреждения"
    for key, color in cats["color"].items():
        assert color == charts.CATEGORY_COLORS[key]


def test_partner_flow_draws_lapsed_partners_below_zero(ds):
    df = metrics.partner_flow(ds)
    fig = charts.partner_flow(df)
    assert [t.name for t in fig.data] == ["Новые", "Продолжающие", "Выбывшие"]
    assert fig.layout.barmode == "relative"
    new, continuing, lapsed = fig.data
    np.testing.assert_array_equal(values(new.y), df["new"])
    np.testing.assert_array_equal(values(continuing.y), df["continuing"])
    np.testing.assert_array_equal(values(lapsed.y), -df["lapsed"])
    np.testing.assert_array_equal(values(lapsed.customdata), df["lapsed"])
    assert "%{customdata:,.0f}" in lapsed.hovertemplate
    np.testing.assert_array_equal(values(new.y) + values(continuing.y), df["active"])


@pytest.mark.parametrize("by", ["events", "participants", "views"])
def test_top_partners_largest_on_top_with_the_full_name_in_the_hover(ds, by):
    df = metrics.top_partners(ds, by=by)
    fig = charts.top_partners(df, by=by)
    (trace,) = fig.data
    assert trace.orientation == "h"
    np.testing.assert_array_equal(values(trace.x), df[by].to_numpy())
    assert values(trace.x)[0] == values(trace.x).max()
    assert fig.layout.yaxis.autorange == "reversed"
    assert list(fig.layout.yaxis.tickvals) == list(range(len(df)))
    for label, partner, hover in zip(fig.layout.yaxis.ticktext, df["partner"], trace.customdata, strict=True):
        assert len(label) <= charts.TITLE_MAX
        assert label == partner or (label.endswith("…") and partner.startswith(label[:-1]))
        assert partner in hover
    assert trace.marker.color == tuple(charts.category_color(c) for c in df["category"])
    assert fig.layout.xaxis.title.text == i18n.column_label(by)


LONG_NAME = "Библиотеки городов присутствия Государственной корпорации «Росатом»"


@pytest.mark.parametrize(("text", "width", "short"), [
    ("Городской музей", 30, "Городской музей"),
    (LONG_NAME, 30, "Библиотеки городов…"),
    (LONG_NAME, 31, "Библиотеки городов присутствия…"),
    ("ЧОУ РО «НЕРПЦ (МП)» «Саровская православная гимназия»", 25, "ЧОУ РО «НЕРПЦ (МП)»…"),
    ("Оченьдлинноеназваниебезпробеловкотороенепомещаетсянаоси", 30, "Оченьдлинноеназваниебезпробел…"),
])
def test_shorten_cuts_at_a_word_within_the_width(text, width, short):
    assert charts.shorten(text, width) == short
    assert len(short) <= width


# ---------------------------------------------------------------- events and formats

@pytest.mark.parametrize(("mode", "column"), [("count", "events"), ("share", "share")])
def test_formats_by_year_traces_in_format_order_without_an_empty_unknown(ds, mode, column):
    df = metrics.formats_by_year(ds)
    fig = charts.formats_by_year(df, mode=mode)
    assert [t.name for t in fig.data] == ["онлайн", "очно", "смешанный"]
    for key, trace in zip(["online", "offline", "hybrid"], fig.data, strict=True):
        np.testing.assert_allclose(values(trace.y), rows(df, "format", key)[column].to_numpy())
        assert trace.marker.color == charts.FORMAT_COLORS[key]


def test_formats_by_year_keeps_unknown_when_it_has_events():
    df = pd.DataFrame({"year": [2020] * 4, "format": ["online", "offline", "hybrid", "unknown"],
                       "events": [1, 2, 0, 3], "share": [100 / 6, 200 / 6, 0.0, 50.0]})
    fig = charts.formats_by_year(df, lang="en")
    assert [t.name for t in fig.data] == ["online", "offline", "hybrid", "unknown"]
    assert values(fig.data[3].y).tolist() == [3]


def test_platforms_most_used_on_top(ds):
    df = metrics.platforms(ds)
    fig = charts.platforms(df)
    np.testing.assert_array_equal(values(fig.data[0].x), df["events"].to_numpy())
    assert list(fig.layout.yaxis.ticktext) == list(df["platform"])


def test_platforms_by_year_stack_to_the_metrics_and_name_the_rest_other(ds):
    df = metrics.platforms_by_year(ds)
    fig = charts.platforms_by_year(df)
    names = [t.name for t in fig.data]
    assert names[-1] == "Другие" and "_other" not in names
    assert fig.data[-1].marker.color == charts.OTHER_COLOR
    assert names[0] == "Библиотека"
    for trace, key in zip(fig.data, [*names[:-1], "_other"], strict=True):
        expected = rows(df, "platform", key)
        np.testing.assert_array_equal(values(trace.x), expected["year"].to_numpy())
        np.testing.assert_array_equal(values(trace.y), expected["events"].to_numpy())


@pytest.mark.parametrize(("lang", "months"), [("ru", RU_MONTHS), ("en", fmt.MONTHS_SHORT_EN)])
def test_month_heatmap_names_the_months_and_keeps_the_counts(ds, lang, months):
    df = metrics.events_by_month(ds)
    fig = charts.month_heatmap(df, lang=lang)
    (trace,) = fig.data
    np.testing.assert_array_equal(values(trace.z), df.to_numpy())
    assert list(fig.layout.xaxis.tickvals) == list(range(1, 13))
    assert list(fig.layout.xaxis.ticktext) == months
    assert values(trace.y).tolist() == list(df.index)
    assert fig.layout.yaxis.type == "category"


def test_month_heatmap_hover_names_the_full_month(ds):
    fig = charts.month_heatmap(metrics.events_by_month(ds))
    assert fig.data[0].customdata[0][3] == "апрель 2018"


# ---------------------------------------------------------------- reach and views

def test_reach_by_year_shows_two_measures_on_two_axes_never_their_sum(ds):
    df = metrics.reach_by_year(ds)
    fig = charts.reach_by_year(df)
    participants, views = fig.data
    assert (participants.name, views.name) == ("Участники", "Просмотры")
    assert (participants.xaxis, participants.yaxis) == ("x", "y")
    assert (views.xaxis, views.yaxis) == ("x2", "y2")
    assert fig.layout.yaxis2.anchor == "x2" and fig.layout.yaxis2.overlaying is None
    assert fig.layout.xaxis.domain[1] <= fig.layout.xaxis2.domain[0]
    np.testing.assert_array_equal(values(participants.y), df["participants"])
    np.testing.assert_array_equal(values(views.y), df["views"])
    total = (df["participants"] + df["views"]).to_numpy()
    for trace in fig.data:
        assert not np.array_equal(values(trace.y), total)
    assert [a.text for a in fig.layout.annotations] == ["Участники", "Просмотры"]
    # thousands grouped by layout.separators (`40 000`), not plotly's `40k`
    assert fig.layout.yaxis.tickformat == fig.layout.yaxis2.tickformat == ","


def test_reach_change_in_per_cent_around_zero(ds):
    df = metrics.reach_by_year(ds)
    fig = charts.reach_change(df)
    later = df.iloc[1:]
    assert fig.layout.barmode == "group"
    assert fig.layout.yaxis.zeroline is True
    for trace, key in zip(fig.data, ["participants", "views"], strict=True):
        np.testing.assert_array_equal(values(trace.x), later["year"])
        np.testing.assert_allclose(values(trace.y), later[f"{key}_change"])
        assert "%{y:+,.1f}" in trace.hovertemplate
        assert trace.marker.color == charts.MEASURE_COLORS[key]


@pytest.mark.parametrize(("by", "keys", "first_name"), [
    ("category", list(taxonomy().keys), "Органы власти"),
    ("format", ["online", "offline", "hybrid"], "онлайн"),
])
def test_reach_split_stacks_each_measure_on_its_own_axis(ds, by, keys, first_name):
    df = metrics.reach_by(ds, by)
    fig = charts.reach_split(df, by=by)
    assert fig.data[0].name == first_name
    assert len(fig.data) == 2 * len(keys)
    for i, key in enumerate(keys):
        part, view = fig.data[2 * i], fig.data[2 * i + 1]
        expected = rows(df, by, key)
        assert (part.yaxis, view.yaxis) == ("y", "y2")
        assert part.showlegend is True and view.showlegend is False and part.legendgroup == view.legendgroup
        np.testing.assert_array_equal(values(part.y), expected["participants"].to_numpy())
        np.testing.assert_array_equal(values(view.y), expected["views"].to_numpy())
        assert part.marker.color == view.marker.color
    yearly = metrics.reach_by_year(ds).set_index("year")
    stacked = pd.concat([pd.Series(values(t.y), index=values(t.x)) for t in fig.data if t.yaxis == "y"])
    assert stacked.groupby(level=0).sum().tolist() == yearly["participants"].tolist()


@pytest.mark.parametrize("by", ["participants", "views"])
def test_top_events_labelled_by_title_and_date(ds, by):
    df = metrics.top_events(ds, by=by)
    fig = charts.top_events(df, by=by)
    (trace,) = fig.data
    np.testing.assert_array_equal(values(trace.x), df[by].to_numpy())
    first = fig.layout.yaxis.ticktext[0]
    assert fmt.date(df["date"][0]) in first
    assert first.split("<br>")[0] == charts.shorten(df["title"][0])
    assert df["title"][0] in trace.customdata[0]


def test_top_events_of_a_year_only_date_show_the_year():
    df = pd.DataFrame({"date": [pd.NaT], "year": pd.array([2019], dtype="Int64"), "title": ["Акция"],
                       "partners": ["Городской музей"], "category": ["institutions"], "format": ["offline"],
                       "participants": pd.array([1200], dtype="Int64"), "views": pd.array([None], dtype="Int64")})
    fig = charts.top_events(df)
    assert fig.layout.yaxis.ticktext == ("Акция<br>2019",)
    assert "1\u00a0200" in fig.data[0].customdata[0] and "—" in fig.data[0].customdata[0]


# ---------------------------------------------------------------- overview

@pytest.mark.parametrize("column", charts.YEARLY_MEASURES)
@pytest.mark.parametrize("kind", ["bar", "line"])
def test_trend_is_a_small_figure_of_one_yearly_measure(ds, column, kind):
    df = metrics.yearly(ds)
    fig = charts.trend(df, column, kind=kind)
    (trace,) = fig.data
    assert trace.type == ("bar" if kind == "bar" else "scatter")
    np.testing.assert_allclose(values(trace.y), df[column].to_numpy(dtype=float))
    assert fig.layout.height == charts.TREND_HEIGHT
    assert fig.layout.showlegend is False
    if column == "online_share":
        assert "%" in fig.layout.yaxis.ticksuffix and "%{y:.1f}" in trace.hovertemplate
    else:
        assert "%{y:,.0f}" in trace.hovertemplate


# ---------------------------------------------------------------- colours and export

def test_a_category_has_the_same_colour_in_every_figure(ds):
    stacked = charts.partners_by_category(metrics.partners_by_category(ds))
    split = charts.reach_split(metrics.reach_by(ds, "category"))
    tree = charts.partner_tree(metrics.category_tree(ds)).data[0]
    top = metrics.top_partners(ds)
    bars = charts.top_partners(top).data[0]
    for key in ("institutions", "media", "social_services"):
        name = i18n.category_name(key)
        colours = {t.marker.color for t in [*stacked.data, *split.data] if t.name == name}
        colours.add(tree.marker.colors[list(tree.ids).index(key)])
        assert colours == {charts.CATEGORY_COLORS[key]}
    for cat, colour in zip(top["category"], bars.marker.color, strict=True):
        assert colour == charts.CATEGORY_COLORS[cat]


def test_a_format_has_the_same_colour_in_every_figure(ds):
    by_year = charts.formats_by_year(metrics.formats_by_year(ds))
    split = charts.reach_split(metrics.reach_by(ds, "format"), by="format")
    for key in ("online", "offline", "hybrid"):
        name = i18n.format_label(key)
        assert {t.marker.color for t in [*by_year.data, *split.data] if t.name == name} == {
            charts.FORMAT_COLORS[key]}


def test_colour_dicts_cover_the_taxonomy_and_formats():
    assert set(taxonomy().keys) <= set(charts.CATEGORY_COLORS)
    assert set(charts.FORMAT_COLORS) == {"online", "offline", "hybrid", "unknown"}
    assert len(set(charts.CATEGORY_COLORS.values())) == len(charts.CATEGORY_COLORS)
    assert len(set(charts.FORMAT_COLORS.values())) == len(charts.FORMAT_COLORS)


@pytest.mark.parametrize(("filename", "stem"), [("partners_2024", "partners_2024"),
                                                ("Партнёры.png", "Партнёры")])
def test_png_config(filename, stem):
    config = charts.png_config(filename)
    assert config["toImageButtonOptions"] == {"format": "png", "filename": stem, "scale": 2}
    assert config["displaylogo"] is False
    assert config["modeBarButtons"] == [["toImage"]]  # one button: the toolbar stays clear of the title
    assert config["locale"] == "ru"
    assert config["locales"]["ru"]["dictionary"]["Download plot as a PNG"] == "Сохранить график в PNG"
    english = charts.png_config(filename, "en")
    assert english["locales"]["en"]["dictionary"]["Download plot as a PNG"] == "Download plot as a PNG"


@pytest.mark.parametrize("name", list(BUILDERS))
def test_a_legend_is_placed_under_the_axis_labels(ds, name):
    """On a phone a legend takes several rows: measured from the figure's bottom edge (not the plot's), it
    gets room of its own below the axis labels instead of covering them."""
    _, fig = build(name, ds, "ru")
    if fig.layout.showlegend is not False:
        assert fig.layout.legend.yref == "container" and fig.layout.legend.yanchor == "bottom"
