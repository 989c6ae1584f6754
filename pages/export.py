"""Экспорт / Export: the round-table slide deck, the annual-report tables, the Excel summary and the page of
partners for the library's website."""

import streamlit as st

from partnerlib import metrics, safe, ui

lang = ui.lang()
years = ui.page_start("page_export")

table = ui.compute(metrics.yearly, years)
options = [int(y) for y in table.loc[table["events"] > 0, "year"]]
year = st.selectbox(ui.t("export_year"), options, index=len(options) - 1, key="export_year")

st.subheader(ui.t("export_examples"))
st.caption(ui.t("export_examples_help"))
chosen: dict[str, int] = {}
with st.container(key="export_examples"):  # the events' own titles and descriptions, as the sheet wrote them
    for category in ui.compute(metrics.examples, year)["category"]:
        choices = ui.example_choices(category, year)  # event id -> (label, description); the default first
        pick = st.selectbox(ui.category_name(category), list(choices), format_func=lambda i, c=choices: c[i][0],
                            key=f"export_example_{category}")
        st.caption(choices[pick][1])
        if pick != next(iter(choices)):
            chosen[category] = pick

libraries = ui.compute(metrics.libraries)
branch = st.selectbox(ui.t("export_branch"), ["", *libraries], key="export_branch",
                      format_func=lambda n: n or ui.t("branches_total")) if len(libraries) > 1 else ""
files = ui.exports(year, chosen, branch or None)
st.subheader(ui.t("export_outline"))
st.markdown("\n".join(f"{i}. {safe.markdown(title)}" for i, title in enumerate(files["outline"], start=1)))

no_pdf = ui.pdf_unavailable()  # LibreOffice makes the PDFs; without it the buttons say why they are off
left, middle, right = st.columns(3)
with left:
    st.download_button(ui.t("download_deck"), data=files["deck"], file_name=f"partnerlib_{year}.pptx",
                       key="export_deck", icon=":material/slideshow:", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.presentationml.presentation")
    ui.pdf_button(files, "deck_pdf", ui.t("download_deck_pdf"), f"partnerlib_{year}.pdf", "export_deck_pdf", no_pdf)
with middle:
    st.download_button(ui.t("download_report"), data=files["report"], file_name=f"partnerlib_{year}_4.1.docx",
                       key="export_report", icon=":material/description:", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    ui.pdf_button(files, "report_pdf", ui.t("download_report_pdf"), f"partnerlib_{year}_4.1.pdf",
                  "export_report_pdf", no_pdf)
with right:
    st.download_button(ui.t("download_summary"), data=files["summary"], file_name="partnerlib_summary.xlsx",
                       key="export_summary", icon=":material/table:", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
if no_pdf:
    st.caption(no_pdf)
st.download_button(ui.t("download_site"), data=files["site"], file_name=f"partnerlib_{year}_partners.html",
                   key="export_site", icon=":material/public:", on_click="ignore", mime="text/html",
                   help=ui.t("download_site_help"))
