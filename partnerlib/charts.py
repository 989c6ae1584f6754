"""Plotly figures of the dashboard, built from the frames of `partnerlib.metrics`, labelled in Russian by default."""

from __future__ import annotations

import base64
import zlib
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from partnerlib import fmt, i18n, model, safe
from partnerlib.branches import MEASURES as BRANCH_MEASURES
from partnerlib.branches import TOTAL, library_label
from partnerlib.categories import category_order
from partnerlib.model import FORMATS

# Every figure of the dashboard uses this template. Setting it as plotly's default once is much cheaper
# than passing template= to each figure, which validates and copies the whole template every time.
pio.templates.default = "plotly_white"

NO_CATEGORY = model.NO_CATEGORY  # events whose category is unknown
OTHER_PLATFORMS = "_other"  # as in metrics.platforms_by_year: the platforms outside the top

# One colour per category key in every figure (the default taxonomy, then events without a category).
CATEGORY_COLORS: dict[str, str] = {
    "authorities": "#4C78A8",
    "institutions": "#F58518",
    "social_services": "#54A24B",
    "public_organizations": "#B279A2",
    "media": "#E45756",
    "other": "#72B7B2",
    NO_CATEGORY: "#BAB0AC",
}
# One colour per format in every figure.
FORMAT_COLORS: dict[str, str] = {
    "online": "#2E86C1",
    "offline": "#E0A030",
    "hybrid": "#8E6BBF",
    "unknown": "#B0B0B0",
}
# The measures of metrics.yearly; participants and views keep their colours wherever they are shown.
MEASURE_COLORS: dict[str, str] = {
    "events": "#4C78A8",
    "active_partners": "#54A24B",
    "new_partners": "#88C77F",
    "online_share": FORMAT_COLORS["online"],
    "participants": "#2A9D8F",
    "views": "#E76F51",
}
FLOW_COLORS: dict[str, str] = {"new": "#54A24B", "continuing": "#4C78A8", "unknown": "#BAB0AC",
                               "lapsed": "#E45756"}
# Categories outside the taxonomy and platforms take a colour from here (stable per name).
EXTRA_COLORS = ["#9D755D", "#EECA3B", "#FF9DA6", "#439894", "#D67195", "#83BCB6", "#B6992D", "#8CD17D",
                "#499894", "#F1CE63", "#86BCB6", "#D37295"]
OTHER_COLOR = "#BAB0AC"
# The platforms of one figure, most used first (d3's category colours without their grey).
PLATFORM_COLORS = ["#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD", "#8C564B", "#E377C2", "#BCBD22",
                   "#17BECF"]

HEIGHT = 360
TREND_HEIGHT = 180
TITLE_MAX = 42  # characters of a partner or event name on an axis; the full name is in the hover
NBSP = fmt.NBSP
YEARLY_MEASURES = model.YEARLY_MEASURES


# ---------------------------------------------------------------- helpers

def decode_array(value) -> np.ndarray:
    """A plotly array as numpy, whether a numpy array, a list or tuple, or the `{"dtype", "bdata"}` form.

    plotly ≥ 6 writes numeric arrays base64-encoded in `fig.to_dict()` / `to_json()` (and so in what
    Streamlit sends to the browser); `fig.data[i].y` gives numpy arrays or tuples. None gives an empty array.
    """
    if value is None:
        return np.array([])
    if isinstance(value, dict) and "bdata" in value:
        dtype = np.dtype(value["dtype"]).newbyteorder("<")  # typed arrays are little-endian
        out = np.frombuffer(base64.b64decode(value["bdata"]), dtype=dtype)
        shape = value.get("shape")
        if shape is not None:
            dims = [int(s) for s in str(shape).split(",")] if isinstance(shape, str) else list(np.atleast_1d(shape))
            out = out.reshape([int(d) for d in dims])
        return out
    return np.asarray(value)


def category_color(key: object) -> str:
    """The colour of a category key: the fixed one, or a stable colour for a library's own category."""
    if key is None or (isinstance(key, float) and key != key):
        key = NO_CATEGORY
    key = str(key)
    if key in CATEGORY_COLORS:
        return CATEGORY_COLORS[key]
    return EXTRA_COLORS[zlib.crc32(key.encode("utf-8")) % len(EXTRA_COLORS)]


def format_color(key: object) -> str:
    """The colour of a format key (unknown formats are grey)."""
    return FORMAT_COLORS.get(str(key), FORMAT_COLORS["unknown"])


def shorten(text: object, width: int = TITLE_MAX) -> str:
    """`text` cut to `width` characters at a word boundary, with «…» when cut."""
    s = " ".join(str(text).split())
    if len(s) <= width:
        return s
    cut = s[: width - 1]
    ends_a_word = s[width - 1] == " "
    if not ends_a_word and " " in cut[width // 2:]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.-–—«(") + "…"


# plotly.js's own words that can reach the screen with the toolbar below, by their English source text
# (plotly.js looks them up in `config.locales`; Streamlit bundles no locale of its own).
PLOTLY_WORDS = {
    "Download plot as a PNG": "plotly.download_png",
    "Download plot": "plotly.download",
    "Preparing image - this may take a few seconds": "plotly.snapshot_taking",
    "Image download succeeded": "plotly.snapshot_done",
    "Sorry, there was a problem downloading your image!": "plotly.snapshot_failed",
    "Double-click to zoom back out": "plotly.zoom_back",
}


def png_config(filename: str, lang: str = "ru") -> dict:
    """The `config` of `st.plotly_chart`: one toolbar button, which saves `filename`.png at scale 2, no
    plotly logo, and plotly's own words in `lang`.

    A single button keeps the toolbar clear of the title on a phone. Number formats come from
    `layout.separators`; the words come from `config.locales`, so no plotly locale bundle is needed.
    """
    stem = filename[:-4] if filename.lower().endswith(".png") else filename
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": stem, "scale": 2},
        "modeBarButtons": [["toImage"]],
        "locale": lang,
        "locales": {lang: {"dictionary": {en: i18n.t(key, lang) for en, key in PLOTLY_WORDS.items()}}},
    }


def _numbers(series: pd.Series) -> np.ndarray:
    """A numeric column as numpy: integers stay integers unless there are missing values (NaN then)."""
    s = pd.Series(series)
    if s.isna().any() or not pd.api.types.is_integer_dtype(s.dtype):
        return s.to_numpy(dtype="float64", na_value=np.nan)
    return s.to_numpy(dtype="int64")


def _years(series: pd.Series) -> np.ndarray:
    return pd.Series(series).astype("int64").to_numpy()


def _pct(lang: str) -> str:
    """The per cent sign as the language writes it after a number."""
    return NBSP + "%" if lang == "ru" else "%"


def _layout(fig: go.Figure, title: str, lang: str, height: int = HEIGHT, legend: bool = True) -> go.Figure:
    fig.update_layout(
        separators=fmt.PLOTLY_SEPARATORS.get(lang, fmt.PLOTLY_SEPARATORS["ru"]),
        title={"text": title, "x": 0.01, "xanchor": "left", "font": {"size": 15}},
        height=height,
        margin={"l": 10, "r": 20, "t": 50, "b": 10},
        showlegend=legend,
        # Below the plot, measured from the figure's bottom edge: plotly then makes room for it under the axis
        # labels, however many rows it takes (on a phone, several), instead of drawing it over them.
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "bottom", "yref": "container",
                "title": {"text": ""}},
        hoverlabel={"namelength": -1},
    )
    # "," groups thousands with layout.separators (`40 000`, not plotly's default `40k`); category axes ignore it.
    fig.update_xaxes(automargin=True, tickformat=",")
    fig.update_yaxes(automargin=True, tickformat=",")
    return fig


def _year_axis(fig: go.Figure, years: Iterable[int], **kwargs) -> None:
    """Years as categories on every x axis: `2020`, never `2 020` or `2020,5`."""
    order = sorted({int(y) for y in years})
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=order, **kwargs)


def _empty(title: str, lang: str, height: int = HEIGHT) -> go.Figure:
    """A valid figure that says «Нет данных» instead of showing an empty axis."""
    fig = go.Figure()
    _layout(fig, title, lang, height=height, legend=False)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.add_annotation(text=i18n.t("no_data", lang), x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font={"size": 16, "color": "#888888"})
    return fig


def _check(value: str, allowed: Sequence[str], name: str) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")


def _count_hover(label: str, axis: str = "y") -> str:
    """The hover of a count; `label` is already `safe.plotly` text (as the trace's name)."""
    return f"{label}: %{{{axis}:,.0f}}<extra></extra>"


def _share_hover(label: str, lang: str) -> str:
    return f"{label}: %{{y:.1f}}{_pct(lang)} (%{{customdata:,.0f}})<extra></extra>"


def _stacked_years(df: pd.DataFrame, key: str, keys: Sequence[str], y: str, names: dict[str, str],
                   colors: dict[str, str], title: str, y_title: str, lang: str, share_of: str | None = None
                   ) -> go.Figure:
    """Stacked bars per year, one trace per key of column `key` (in the order `keys`)."""
    fig = go.Figure()
    for k in keys:
        part = df[df[key].astype(object).fillna(NO_CATEGORY).astype(str) == k].sort_values("year")
        label = safe.plotly(names[k])
        trace = go.Bar(x=_years(part["year"]), y=_numbers(part[y]), name=label, marker_color=colors[k],
                       legendgroup=k)
        if share_of is not None:
            trace.customdata = _numbers(part[share_of])
            trace.hovertemplate = _share_hover(label, lang)
        else:
            trace.hovertemplate = _count_hover(label)
        fig.add_trace(trace)
    _layout(fig, title, lang)
    fig.update_layout(barmode="stack", hovermode="x unified")
    _year_axis(fig, df["year"])
    fig.update_yaxes(title_text=y_title)
    if share_of is not None:
        fig.update_yaxes(range=[0, 100], ticksuffix=_pct(lang))
    return fig


def _hbars(labels: Sequence[str], values: np.ndarray, hover: Sequence[str], colors: Sequence[str] | str,
           title: str, x_title: str, lang: str, lines: int = 1) -> go.Figure:
    """Horizontal bars, the first value on top; the y axis is positions 0..n-1 labelled with `labels`.

    Positions rather than the labels themselves keep two bars apart when their shortened labels coincide.
    """
    n = len(labels)
    pos = np.arange(n)
    fig = go.Figure(go.Bar(
        x=values, y=pos, orientation="h", name=x_title,
        marker_color=colors if isinstance(colors, str) else list(colors),
        customdata=list(hover), hovertemplate="%{customdata}: %{x:,.0f}<extra></extra>",
        texttemplate="%{x:,.0f}", textposition="outside", cliponaxis=False, showlegend=False))
    _layout(fig, title, lang, height=max(220, 90 + n * (22 + 14 * lines)), legend=False)
    fig.update_yaxes(tickmode="array", tickvals=pos.tolist(), ticktext=list(labels), autorange="reversed",
                     showgrid=False)
    fig.update_xaxes(title_text=x_title, rangemode="tozero")
    fig.update_layout(margin={"r": 50})
    return fig


# ---------------------------------------------------------------- partners

def partners_by_category(df: pd.DataFrame, mode: str = "count", lang: str = "ru") -> go.Figure:
    """Active partners per year, stacked by category (`metrics.partners_by_category`).

    Args:
        mode: "count" (y = partners) or "share" (y = % of the year's partners, the count in the hover).
    """
    _check(mode, ("count", "share"), "mode")
    title = i18n.t("chart_partners_by_category", lang)
    if df.empty:
        return _empty(title, lang)
    keys = category_order(df["category"])
    names = {k: i18n.category_name(k, lang) for k in keys}
    colors = {k: category_color(k) for k in keys}
    if mode == "share":
        return _stacked_years(df, "category", keys, "share", names, colors, title, i18n.t("share", lang), lang,
                              share_of="partners")
    return _stacked_years(df, "category", keys, "partners", names, colors, title,
                          i18n.t("active_partners", lang), lang)


def partner_tree(df: pd.DataFrame, lang: str = "ru", kind: str = "treemap") -> go.Figure:
    """Categories and their partners sized by events (`metrics.category_tree`), as a treemap or sunburst.

    Nodes have ids `category` and `category/partner`; a category's value is the sum of its partners'.
    """
    _check(kind, ("treemap", "sunburst"), "kind")
    title = i18n.t("chart_partner_tree", lang)
    if df.empty:
        return _empty(title, lang, height=460)
    frame = df.assign(category=df["category"].astype(object).fillna(NO_CATEGORY).astype(str))
    ids, labels, parents, values, colors, full = [], [], [], [], [], []
    for cat in category_order(frame["category"]):
        part = frame[frame["category"] == cat]
        name = i18n.category_name(cat, lang)
        ids.append(cat)
        labels.append(safe.plotly(name))
        parents.append("")
        values.append(int(part["events"].sum()))
        colors.append(category_color(cat))
        full.append(safe.plotly(name))
        for partner, events in zip(part["partner"], part["events"], strict=True):
            ids.append(f"{cat}/{partner}")
            labels.append(safe.plotly(shorten(partner, 32)))
            parents.append(cat)
            values.append(int(events))
            colors.append(category_color(cat))
            full.append(safe.plotly(partner))
    trace_type = go.Treemap if kind == "treemap" else go.Sunburst
    events = safe.plotly(i18n.column_label("events", lang))
    hover = f"<b>%{{customdata}}</b><br>{events}: %{{value:,.0f}}<extra></extra>"
    fig = go.Figure(trace_type(ids=ids, labels=labels, parents=parents, values=values, branchvalues="total",
                               marker={"colors": colors}, customdata=full, hovertemplate=hover,
                               textinfo="label+value"))
    _layout(fig, title, lang, height=460, legend=False)
    fig.update_layout(margin={"l": 5, "r": 5, "t": 40, "b": 5})
    return fig


def partner_flow(df: pd.DataFrame, lang: str = "ru") -> go.Figure:
    """New and continuing partners (and, when there are any, those with nothing to compare with) per year
    stacked above zero, lapsed ones as a negative bar below it (`metrics.partner_flow`); the hover of the
    lapsed bar shows the positive count."""
    title = i18n.t("chart_partner_flow", lang)
    if df.empty:
        return _empty(title, lang)
    frame = df.sort_values("year")
    x = _years(frame["year"])
    fig = go.Figure()
    # Partners of the data's first year with no «С какого года» are neither new nor continuing.
    keys = ("new", "continuing", "unknown") if "unknown" in frame and frame["unknown"].any() else ("new", "continuing")
    for key in keys:
        name = safe.plotly(i18n.t(f"flow_{key}", lang))
        fig.add_trace(go.Bar(x=x, y=_numbers(frame[key]), name=name, marker_color=FLOW_COLORS[key],
                             hovertemplate=_count_hover(name)))
    name = safe.plotly(i18n.t("flow_lapsed", lang))
    lapsed = _numbers(frame["lapsed"])
    fig.add_trace(go.Bar(x=x, y=-lapsed, customdata=lapsed, name=name, marker_color=FLOW_COLORS["lapsed"],
                         hovertemplate=f"{name}: %{{customdata:,.0f}}<extra></extra>"))
    _layout(fig, title, lang)
    fig.update_layout(barmode="relative", hovermode="x unified")
    _year_axis(fig, x)
    fig.update_yaxes(title_text=i18n.t("col_partners", lang), zeroline=True, zerolinecolor="#888888")
    return fig


def top_partners(df: pd.DataFrame, by: str = "events", lang: str = "ru") -> go.Figure:
    """The partners with the most events, participants or views (`metrics.top_partners`): horizontal bars,
    the largest on top, coloured by category; long names shortened, the full name in the hover."""
    _check(by, ("events", "participants", "views"), "by")
    title = i18n.t(f"chart_top_partners_{by}" if by != "events" else "chart_top_partners", lang)
    if df.empty:
        return _empty(title, lang)
    frame = df.sort_values(by, ascending=False, kind="stable", na_position="last")
    cats = frame["category"].astype(object)
    hover = [f"<b>{safe.plotly(p)}</b><br>{safe.plotly(i18n.category_name(c, lang))}"
             for p, c in zip(frame["partner"], cats, strict=True)]
    return _hbars([safe.plotly(shorten(p)) for p in frame["partner"]], _numbers(frame[by]), hover,
                  [category_color(c) for c in cats], title, i18n.column_label(by, lang), lang)


# ---------------------------------------------------------------- events and formats

def formats_by_year(df: pd.DataFrame, mode: str = "count", lang: str = "ru") -> go.Figure:
    """Events per year stacked by format: online, offline, hybrid, unknown (left out when all zero)
    (`metrics.formats_by_year`).

    Args:
        mode: "count" (y = events) or "share" (y = % of the year's events, the count in the hover).
    """
    _check(mode, ("count", "share"), "mode")
    title = i18n.t("chart_formats", lang)
    if df.empty:
        return _empty(title, lang)
    present = set(df["format"].astype(str))
    keys = [f for f in FORMATS if f in present]
    if "unknown" in keys and not (df.loc[df["format"].astype(str) == "unknown", "events"] > 0).any():
        keys.remove("unknown")
    names = {k: i18n.format_label(k, lang) for k in keys}
    colors = {k: format_color(k) for k in keys}
    frame = df.assign(format=df["format"].astype(str))
    if mode == "share":
        return _stacked_years(frame, "format", keys, "share", names, colors, title, i18n.t("share", lang), lang,
                              share_of="events")
    return _stacked_years(frame, "format", keys, "events", names, colors, title, i18n.t("events", lang), lang)


def _platform_name(name: object, lang: str) -> str:
    return i18n.t("other_platforms", lang) if str(name) == OTHER_PLATFORMS else str(name)


def platforms(df: pd.DataFrame, lang: str = "ru") -> go.Figure:
    """Events per platform (`metrics.platforms`): horizontal bars, the most used on top."""
    title = i18n.t("chart_platforms", lang)
    if df.empty:
        return _empty(title, lang)
    frame = df.sort_values("events", ascending=False, kind="stable")
    names = [_platform_name(p, lang) for p in frame["platform"]]
    return _hbars([safe.plotly(shorten(n)) for n in names], _numbers(frame["events"]),
                  [f"<b>{safe.plotly(n)}</b>" for n in names],
                  MEASURE_COLORS["events"], title, i18n.t("events", lang), lang)


def platforms_by_year(df: pd.DataFrame, lang: str = "ru") -> go.Figure:
    """Events per year stacked by platform (`metrics.platforms_by_year`): the most used platform first,
    the rest ("_other") last as «Другие», in grey."""
    title = i18n.t("chart_platforms_by_year", lang)
    if df.empty:
        return _empty(title, lang)
    frame = df.assign(platform=df["platform"].astype(str))
    totals = frame.groupby("platform")["events"].sum()
    leaders = sorted((p for p in totals.index if p != OTHER_PLATFORMS), key=lambda p: (-totals[p], p))
    keys = leaders + ([OTHER_PLATFORMS] if OTHER_PLATFORMS in totals.index else [])
    names = {k: _platform_name(k, lang) for k in keys}
    colors = {k: PLATFORM_COLORS[i % len(PLATFORM_COLORS)] for i, k in enumerate(leaders)}
    colors[OTHER_PLATFORMS] = OTHER_COLOR
    return _stacked_years(frame, "platform", keys, "events", names, colors, title, i18n.t("events", lang), lang)


def month_heatmap(df: pd.DataFrame, lang: str = "ru") -> go.Figure:
    """Events per year and month (`metrics.events_by_month`): years on y (earliest on top), months on x
    labelled with `fmt.month_name` as ticktext, since plotly cannot name months in Russian itself."""
    title = i18n.t("chart_months", lang)
    if df.empty:
        return _empty(title, lang, height=260)
    months = list(range(1, 13))
    frame = df.reindex(columns=months, fill_value=0).sort_index()
    years = [int(y) for y in frame.index]
    full = [[f"{fmt.month_name(m, lang)} {y}" for m in months] for y in years]
    fig = go.Figure(go.Heatmap(
        z=frame.to_numpy(dtype="int64"), x=months, y=years, customdata=full, colorscale="Blues",
        texttemplate="%{z:,.0f}", xgap=2, ygap=2, showscale=False,
        hovertemplate=f"%{{customdata}}: %{{z:,.0f}} {safe.plotly(i18n.t('events', lang).lower())}<extra></extra>"))
    _layout(fig, title, lang, height=max(220, 90 + 30 * len(years)), legend=False)
    fig.update_xaxes(tickmode="array", tickvals=months, ticktext=[fmt.month_name(m, lang, short=True) for m in months],
                     showgrid=False, side="top")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=years, autorange="reversed",
                     showgrid=False)
    fig.update_layout(margin={"t": 70})
    return fig


# ---------------------------------------------------------------- reach and views

def _measure_names(lang: str) -> tuple[str, str]:
    return i18n.t("participants", lang), i18n.t("views", lang)


def reach_by_year(df: pd.DataFrame, lang: str = "ru") -> go.Figure:
    """Participants and views per year as two measures side by side (`metrics.reach_by_year`): two subplots,
    each with its own y axis; the two are never added up."""
    title = i18n.t("chart_reach", lang)
    if df.empty:
        return _empty(title, lang)
    frame = df.sort_values("year")
    x = _years(frame["year"])
    names = _measure_names(lang)
    fig = make_subplots(rows=1, cols=2, subplot_titles=names, horizontal_spacing=0.1)
    for col, (key, name) in enumerate(zip(("participants", "views"), names, strict=True), start=1):
        fig.add_trace(go.Bar(x=x, y=_numbers(frame[key]), name=name, marker_color=MEASURE_COLORS[key],
                             hovertemplate=f"%{{x}}: %{{y:,.0f}}<extra>{safe.plotly(name)}</extra>"), row=1, col=col)
    _layout(fig, title, lang, legend=False)
    fig.update_layout(margin={"t": 70})
    _year_axis(fig, x)
    return fig


def reach_change(df: pd.DataFrame, lang: str = "ru") -> go.Figure:
    """The change on the year before, in %, of participants and of views (`metrics.reach_by_year`): grouped
    bars around a zero line; years with neither change (the first) are left out."""
    title = i18n.t("chart_reach_change", lang)
    frame = df.dropna(subset=["participants_change", "views_change"], how="all") if not df.empty else df
    if frame.empty:
        return _empty(title, lang)
    frame = frame.sort_values("year")
    x = _years(frame["year"])
    fig = go.Figure()
    for key, name in zip(("participants", "views"), _measure_names(lang), strict=True):
        label = safe.plotly(name)
        fig.add_trace(go.Bar(x=x, y=_numbers(frame[f"{key}_change"]), name=label, marker_color=MEASURE_COLORS[key],
                             hovertemplate=f"{label}: %{{y:+,.1f}}{_pct(lang)}<extra></extra>"))
    _layout(fig, title, lang)
    fig.update_layout(barmode="group", hovermode="x unified")
    _year_axis(fig, x)
    fig.update_yaxes(ticksuffix=_pct(lang), zeroline=True, zerolinewidth=2, zerolinecolor="#666666")
    return fig


def reach_split(df: pd.DataFrame, by: str = "category", lang: str = "ru") -> go.Figure:
    """Participants | views per year, each stacked by category or format (`metrics.reach_by`): two subplots
    with their own y axes; one legend entry per category or format serves both."""
    _check(by, ("category", "format"), "by")
    title = i18n.t(f"chart_reach_by_{by}", lang)
    if df.empty:
        return _empty(title, lang)
    fill = NO_CATEGORY if by == "category" else "unknown"
    frame = df.assign(**{by: df[by].astype(object).fillna(fill).astype(str)})
    if by == "category":
        keys = category_order(frame["category"])
        names = {k: i18n.category_name(k, lang) for k in keys}
        colors = {k: category_color(k) for k in keys}
    else:
        keys = [f for f in FORMATS if f in set(frame["format"])]
        names = {k: i18n.format_label(k, lang) for k in keys}
        colors = {k: format_color(k) for k in keys}
    measures = _measure_names(lang)
    fig = make_subplots(rows=1, cols=2, subplot_titles=measures, horizontal_spacing=0.1)
    for k in keys:
        part = frame[frame[by] == k].sort_values("year")
        label = safe.plotly(names[k])
        for col, measure in enumerate(("participants", "views"), start=1):
            fig.add_trace(go.Bar(x=_years(part["year"]), y=_numbers(part[measure]), name=label,
                                 marker_color=colors[k], legendgroup=k, showlegend=col == 1,
                                 hovertemplate=_count_hover(label)), row=1, col=col)
    _layout(fig, title, lang)
    fig.update_layout(barmode="stack", hovermode="x unified", margin={"t": 70})
    _year_axis(fig, frame["year"])
    return fig


def top_events(df: pd.DataFrame, by: str = "participants", lang: str = "ru") -> go.Figure:
    """The events with the most participants or views (`metrics.top_events`): horizontal bars, the largest
    on top, labelled with the shortened title over the date (`fmt.date`, the year when only that is known)."""
    _check(by, ("participants", "views"), "by")
    title = i18n.t(f"chart_top_events_{by}", lang)
    if df.empty:
        return _empty(title, lang)
    frame = df.sort_values(by, ascending=False, kind="stable", na_position="last")
    when = [fmt.date(d, lang) if not pd.isna(d) else ("—" if pd.isna(y) else str(int(y)))
            for d, y in zip(frame["date"], frame["year"], strict=True)]
    labels = [f"{safe.plotly(shorten(ttl))}<br>{w}" for ttl, w in zip(frame["title"], when, strict=True)]
    part_label, view_label = _measure_names(lang)
    hover = [
        f"<b>{safe.plotly(ttl)}</b><br>{w}<br>{safe.plotly(shorten(p if not pd.isna(p) else '—', 60))}<br>"
        f"{safe.plotly(part_label)}: {fmt.number(pa, lang)}<br>{safe.plotly(view_label)}: {fmt.number(v, lang)}"
        for ttl, w, p, pa, v in zip(frame["title"], when, frame["partners"], frame["participants"], frame["views"],
                                    strict=True)
    ]
    fig = _hbars(labels, _numbers(frame[by]), hover, [category_color(c) for c in frame["category"].astype(object)],
                 title, i18n.t(by, lang), lang, lines=2)
    fig.update_traces(hovertemplate="%{customdata}<extra></extra>")
    return fig


# ---------------------------------------------------------------- overview

def trend(df: pd.DataFrame, column: str, lang: str = "ru", kind: str = "bar") -> go.Figure:
    """A small sparkline-like figure of one measure of `metrics.yearly` across the years (height 180,
    no legend); online_share is in per cent.

    Raises:
        ValueError: for a column that is not a measure of `metrics.yearly`, or a kind other than bar/line.
    """
    _check(column, YEARLY_MEASURES, "column")
    _check(kind, ("bar", "line"), "kind")
    title = i18n.t(column, lang)  # a short title: five of these stand side by side
    if df.empty:
        fig = _empty(title, lang, height=TREND_HEIGHT)
        fig.update_layout(margin={"l": 5, "r": 5, "t": 30, "b": 5}, title_font_size=13)
        return fig
    frame = df.sort_values("year")
    x = _years(frame["year"])
    y = _numbers(frame[column])
    share = model.MEASURE[column].unit == "share"
    hover = f"%{{x}}: %{{y:.1f}}{_pct(lang)}<extra></extra>" if share else "%{x}: %{y:,.0f}<extra></extra>"
    color = MEASURE_COLORS[column]
    if kind == "bar":
        trace = go.Bar(x=x, y=y, marker_color=color, hovertemplate=hover, name=i18n.t(column, lang))
    else:
        trace = go.Scatter(x=x, y=y, mode="lines+markers", line={"color": color, "width": 2},
                           marker={"size": 5}, hovertemplate=hover, name=i18n.t(column, lang))
    fig = go.Figure(trace)
    _layout(fig, title, lang, height=TREND_HEIGHT, legend=False)
    fig.update_layout(margin={"l": 5, "r": 5, "t": 30, "b": 5}, title_font_size=13)
    _year_axis(fig, x, tickfont={"size": 10}, showgrid=False)
    fig.update_yaxes(nticks=3, tickfont={"size": 10}, rangemode="tozero", ticksuffix=_pct(lang) if share else "")
    return fig


# ---------------------------------------------------------------- branches of a library system

BRANCH_COLUMNS = 3  # panels per row of the branches' small multiples


def branches(df: pd.DataFrame, lang: str = "ru") -> go.Figure:
    """The branches of a library system side by side (`branches.branch_table`, the total's rows left out):
    one small panel per measure (active and new partners, events, online share, participants, views), one
    line per branch across the years. Participants and views have panels of their own, never added."""
    title = i18n.t("chart_branches", lang)
    frame = df[df["library"] != TOTAL] if not df.empty else df
    if frame.empty:
        return _empty(title, lang)
    rows = -(-len(BRANCH_MEASURES) // BRANCH_COLUMNS)
    fig = make_subplots(rows=rows, cols=BRANCH_COLUMNS, subplot_titles=[i18n.t(m, lang) for m in BRANCH_MEASURES],
                        horizontal_spacing=0.08, vertical_spacing=0.18)
    names = list(dict.fromkeys(frame["library"]))
    for i, name in enumerate(names):
        part = frame[frame["library"] == name].sort_values("year")
        label = safe.plotly(library_label(name, lang))
        color = PLATFORM_COLORS[i % len(PLATFORM_COLORS)]
        for j, measure in enumerate(BRANCH_MEASURES):
            share = model.MEASURE[measure].unit == "share"
            hover = f"{label}: %{{y:.1f}}{_pct(lang)}<extra></extra>" if share else _count_hover(label)
            fig.add_trace(go.Scatter(x=_years(part["year"]), y=_numbers(part[measure]), name=label,
                                     mode="lines+markers", line={"color": color, "width": 2}, marker={"size": 6},
                                     legendgroup=str(name), showlegend=j == 0, hovertemplate=hover),
                          row=j // BRANCH_COLUMNS + 1, col=j % BRANCH_COLUMNS + 1)
    _layout(fig, title, lang, height=HEIGHT * rows)
    fig.update_layout(hovermode="x unified", margin={"t": 80})
    _year_axis(fig, frame["year"])
    fig.update_yaxes(rangemode="tozero")
    share_panel = BRANCH_MEASURES.index("online_share") + 1
    fig.update_yaxes(ticksuffix=_pct(lang), row=(share_panel - 1) // BRANCH_COLUMNS + 1,
                     col=(share_panel - 1) % BRANCH_COLUMNS + 1)
    return fig
