"""Партнёры / Partners: partners by category per year, who joined and who left, the top partners, the register."""

import streamlit as st

from partnerlib import charts, i18n, metrics, ui

lang = ui.lang()
years = ui.page_start("page_partners")

mode = st.radio(ui.t("measure"), ["count", "share"], horizontal=True, key="partners_mode",
                            format_func=lambda m: i18n.t(f"mode_{m}", lang))
by_category = ui.compute(metrics.partners_by_category, years)
ui.chart(ui.figure(charts.partners_by_category, by_category, mode or "count", lang), by_category,
         key="partners_by_category")

left, right = st.columns(2)
with left:
    flow = ui.compute(metrics.partner_flow, years)
    ui.chart(ui.figure(charts.partner_flow, flow, lang), flow, key="partners_flow")
with right:
    tree = ui.compute(metrics.category_tree, None, years)
    ui.chart(ui.figure(charts.partner_tree, tree, lang), tree, key="partners_tree")

left, right = st.columns(2)
with left:
    top = ui.compute(metrics.top_partners, "events", 10, None, years)
    ui.chart(ui.figure(charts.top_partners, top, "events", lang), top, key="partners_top_events")
with right:
    top_reach = ui.compute(metrics.top_partners, "participants", 10, None, years)
    ui.chart(ui.figure(charts.top_partners, top_reach, "participants", lang), top_reach, key="partners_top_reach")

st.subheader(ui.t("partners_table"))
search = st.text_input(ui.t("search"), key="partners_search")
register = ui.compute(metrics.partner_table, search)
ui.show_table(register, key="partners_register")
ui.alerts_section()
ui.register_editor()
