"""Охват и просмотры / Reach and views: participants and views per year side by side, splits, top events."""

import streamlit as st

from partnerlib import charts, fmt, form6nk, i18n, metrics, ui

lang = ui.lang()
years = ui.page_start("page_reach")

reach = ui.compute(metrics.reach_by_year, years)
ui.chart(ui.figure(charts.reach_by_year, reach, lang), reach, key="reach_by_year")

ui.chart(ui.figure(charts.reach_change, reach, lang), reach, key="reach_change")

split = st.radio(ui.t("measure"), ["category", "format"], horizontal=True, key="reach_split",
                             format_func=lambda b: i18n.t(f"col_{b}", lang))
split = split or "category"
by = ui.compute(metrics.reach_by, split, years)
ui.chart(ui.figure(charts.reach_split, by, split, lang), by, key="reach_split_chart")

left, right = st.columns(2)
for column, measure in ((left, "participants"), (right, "views")):
    with column:
        top = ui.compute(metrics.top_events, measure, 10, None, years)
        ui.chart(ui.figure(charts.top_events, top, measure, lang), top, key=f"reach_top_{measure}")

st.subheader(ui.t("form6nk.header"))  # the partnership events in the lines of form 6-НК
form = ui.compute(form6nk.table, years)
st.table(ui.text_frame(form6nk.lines(form, lang)))  # a few lines: a static table
st.caption(form6nk.note(form, lang))
missing = ui.compute(form6nk.unspecified_events, years, lang)
if len(missing):
    with st.expander(ui.t("form6nk.unspecified_header", n=fmt.number(len(missing), lang)),
                     key="reach_form6nk_missing", on_change="rerun") as box:
        if box.open:  # the list is sent only when she opens it
            ui.show_table(missing, key="reach_form6nk_missing_table")
