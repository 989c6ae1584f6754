"""Данные / Data: upload a sheet, see its problems row by row, save it, undo imports, get the template and sample."""

import streamlit as st

from partnerlib import ui

st.title(ui.t("page_data"))
ui.upgrade_section()
ui.upload_section()
ui.file_section()
ui.duplicates_section()
ui.history_section()
ui.library_section()
ui.templates_section()
