"""Партнёр / Partner: one partner — since when, its years, formats, participants and views, its events, a slide."""

import streamlit as st

from partnerlib import charts, fmt, metrics, partner_slide, safe, ui

lang = ui.lang()
years = ui.page_start("page_partner")

choices = ui.compute(metrics.partner_choices, ui.alias_pairs())
if choices.empty:
    st.info(ui.t("partner_none"))
    st.stop()
labels = {r.key: r.partner + (f" ({r.names})" if r.names else "") for r in choices.itertuples()}
ui.take_linked_partner(list(labels))  # an alert's link names its partner
key = st.selectbox(ui.t("partner_choose"), list(labels), format_func=labels.get, key="partner_choice")

profile = ui.compute(metrics.partner_profile, key)
table = ui.compute(metrics.partner_by_year, key, years)
st.subheader(safe.markdown(profile["partner"]))
if profile["names"]:
    st.caption(safe.markdown(ui.t("partner_also", names=profile["names"])))
cats = ", ".join(ui.category_name(c) for c in profile["categories"])  # each already markdown
st.caption(ui.t("partner_categories", categories=cats))
ui.partner_register(key)  # the agreement, the contact person, the responsible, the website
left, middle, right, last = st.columns(4)
with left:
    ui.kpi(ui.t("partner_since_card"), "—" if profile["since"] is None else str(profile["since"]), None)
with middle:
    first, final = profile["first_year"], profile["last_year"]
    span = "—" if first is None else (str(first) if first == final else f"{first}–{final}")
    ui.kpi(ui.t("partner_span_card"), span, None)
with right:
    ui.kpi(ui.t("events"), fmt.number(int(table["events"].sum()) if len(table) else 0, lang), None)
with last:
    ui.kpi(ui.t("participants"), fmt.number(int(table["participants"].sum()) if len(table) else 0, lang), None)

for status, when in partner_slide.status_years(table).items():
    st.markdown(f"**{ui.t('partner_status_' + status).capitalize()}:** {when}")

left, right = st.columns(2)
with left:
    formats = ui.compute(metrics.partner_formats, key, years)
    ui.chart(charts.formats_by_year(formats, "count", lang), formats, key="partner_formats")
with right:
    ui.chart(charts.reach_by_year(table, lang), table[["year", "participants", "views"]], key="partner_reach")

st.subheader(ui.t("partner_years"))
ui.show_table(partner_slide.year_table(table, lang), key="partner_years")
st.subheader(ui.t("partner_events"))
ui.show_table(ui.compute(metrics.partner_events, key, years), key="partner_events")

st.download_button(ui.t("download_partner_slide"), key="partner_slide", icon=":material/slideshow:",
                   data=lambda: ui.compute(partner_slide.build_partner_slide, key, lang, years),
                   file_name="partnerlib_partner.pptx",
                   mime="application/vnd.openxmlformats-officedocument.presentationml.presentation")
