"""Обзор / Overview: a year's key figures against the year before, trends across the years, a few sentences."""

import streamlit as st

from partnerlib import branches, charts, fmt, metrics, model, narrative, safe, spark, ui

lang = ui.lang()
years = ui.page_start("page_overview")

history = ui.compute(metrics.yearly)  # all years: the cards compare with the year before
table = metrics.in_years(history, years)
options = [int(y) for y in table.loc[table["events"] > 0, "year"]]
year = st.selectbox(ui.t("chosen_year"), options, index=len(options) - 1, key="overview_year")

st.subheader(ui.t("kpi_header", year=year))
figures = metrics.kpis_from(history, year)
cards = [*st.columns(3), *st.columns(3)]  # two rows of three: the labels stay readable
for column, name in zip(cards, metrics.KPI_NAMES, strict=True):
    entry = figures[name]
    share = model.MEASURE[name].unit == "share"
    with column:
        if share:
            value = fmt.percent(entry["value"], lang, 0)
            change = entry.get("change_pp")
            delta = None if change is None else f"{fmt.signed(change, lang, 1)} {ui.t('pp')}"
        else:
            value = fmt.number(entry["value"], lang)
            delta = None if entry["change_pct"] is None else fmt.signed_percent(entry["change_pct"], lang, 0)
        previous = entry["previous"]
        help_text = None if previous is None else ui.t("vs_previous", year=year - 1) + ": " + (
            fmt.percent(previous, lang, 0) if share else fmt.number(previous, lang))
        if entry.get("unknown"):  # the data's first year: nothing to compare with, never «all new»
            value = ui.t("no_previous_year") if metrics.new_partners_unknown(entry) else value
            help_text = ui.t("unknown_partners_help", n=fmt.number(entry["unknown"], lang))
        ui.kpi(ui.t(name), value, delta, "off" if share else "normal", help_text)

st.subheader(ui.t("summary"))
sentences = ui.compute(narrative.insights, year, lang, history)
st.markdown("\n".join(f"- {safe.markdown(s)}" for s in sentences))

st.subheader(ui.t("trends"))
for column, name in zip(st.columns(len(model.TREND_NAMES)), model.TREND_NAMES, strict=True):
    with column:
        # SVG drawn here: the page she lands on waits for no chart library (see partnerlib/spark.py)
        svg = ui.figure(spark.trend_svg, table, name, lang, kind=model.MEASURE[name].chart,
                        color=charts.MEASURE_COLORS[name])
        ui.svg_chart(svg, table[["year", name]], key=f"overview_trend_{name}")

# A library system: its branches side by side, with the total (not computed for one library's data).
branch = ui.compute(branches.branch_table) if len(ui.options()[2]) > 1 else None
if branch is not None and branches.several(branch):
    st.subheader(ui.t("branches_header", year=year))
    st.table(ui.text_frame(branches.year_rows(branch, year, lang)))  # a few rows: a static table
    st.caption(ui.t("branches_shared", year=year, n=fmt.number(branches.shared(branch, year), lang)))
    shown = metrics.in_years(branch, years)
    ui.chart(ui.figure(charts.branches, shown, lang), branches.labelled(shown, lang), key="overview_branches_chart")

ui.alerts_section(limit=5)  # the register: agreements ending or ended, partners gone quiet
