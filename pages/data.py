"""Данные / Data: upload a sheet, see its problems row by row, save it, undo imports, get the template and sample."""

import streamlit as st

from partnerlib import ui
from partnerlib.ui import data, duplicates

st.title(ui.t("page_data"))
data.upload_section()
data.file_section()
duplicates.section()
data.history_section()
data.library_section()
data.templates_section()
