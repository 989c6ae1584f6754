"""Мероприятия / Events: formats across the years, platforms, events by month, the searchable events table."""

import streamlit as st

from partnerlib import charts, i18n, metrics, ui

lang = ui.lang()
years = ui.page_start("page_events")

mode = st.radio(ui.t("measure"), ["count", "share"], horizontal=True, key="events_mode",
                            format_func=lambda m: i18n.t(f"mode_{m}", lang))
formats = ui.compute(metrics.formats_by_year, years)
ui.chart(ui.figure(charts.formats_by_year, formats, mode or "count", lang), formats, key="events_formats")

left, right = st.columns(2)
with left:
    platforms = ui.compute(metrics.platforms, None, years)
    ui.chart(ui.figure(charts.platforms, platforms.head(15), lang), platforms, key="events_platforms")
with right:
    months = ui.compute(metrics.events_by_month, years)
    ui.chart(ui.figure(charts.month_heatmap, months, lang), months.reset_index(), key="events_months")

st.subheader(ui.t("events_table"))
search = st.text_input(ui.t("search"), key="events_search")
table = ui.compute(metrics.events_table, search, None, years)
ui.show_table(table, key="events_table")
