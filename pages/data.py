"""Данные / Data: upload a sheet, see its problems row by row, preview what it holds, get the template and sample."""

import streamlit as st

from partnerlib import fmt, metrics, ui
from partnerlib.reader import max_upload_bytes

lang = ui.lang()
st.title(ui.t("page_data"))

uploaded = st.file_uploader(
    ui.t("upload"), type=["xlsx", "xlsm", "xls", "ods", "csv"], key="data_upload",
    help=ui.t("upload_help", limit=int(max_upload_bytes() / 1024 / 1024)),
)
if uploaded is not None:
    result, accepted = ui.accept_upload(uploaded)
    counts = {s: sum(p.severity == s for p in result.problems) for s in ("error", "warning", "info")}
    if result.ok:
        years = metrics.years(result.dataset())
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "—")
        st.success(ui.t("read_ok", partners=fmt.number(len(result.partners), lang),
                        events=fmt.number(len(result.events), lang), years=span))
    else:
        st.error(ui.t("read_failed", name=uploaded.name) + " " + result.problems[0].message_in(lang))
    st.subheader(ui.t("problems"))
    if result.problems:
        st.caption(ui.t("problems_counts", **counts))
        ui.show_table(result.problems_frame(lang), key="data_problems")
        st.download_button(ui.t("download_problems"), data=ui.problems_xlsx(uploaded, result, lang),
                           file_name=f"{uploaded.name}.problems.xlsx", key="data_problems_download",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        st.caption(ui.t("problems_none"))
    if result.ok:
        st.subheader(ui.t("preview"))
        ui.show_table(ui.sheets_display(result), key="data_sheets")
        left, right = st.columns(2)
        with left:
            st.caption(ui.t("page_partners"))
            ui.show_table(result.partners.head(20), key="data_preview_partners")
        with right:
            st.caption(ui.t("page_events"))
            ui.show_table(metrics.events_table(result.dataset()).head(20), key="data_preview_events")
    if accepted:
        st.rerun()
    if result.ok:
        ui.import_section(uploaded, result)

if st.session_state.get(ui.UPLOAD) and st.button(ui.t("use_demo"), key="data_use_demo"):
    ui.forget_upload()
    st.rerun()

ui.history_section()

st.subheader(ui.t("templates"))
left, right = st.columns(2)
with left:
    st.download_button(ui.t("download_template"), data=ui.template_bytes(), file_name="partnerlib_template.xlsx",
                       key="data_template", icon=":material/download:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
with right:
    st.download_button(ui.t("download_sample"), data=ui.sample_bytes(), file_name="partnerlib_sample.xlsx",
                       key="data_sample", icon=":material/download:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
