"""Partnerlib's entry point: page config, navigation over pages/, the shared sidebar filters and language."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from partnerlib import i18n, settings, ui

# A server whose app has a `pages/` folder starts in Streamlit's first multipage mode and runs this
# script wrapped as a page until st.navigation turns that mode off. Widgets made during that wrapped
# first run get other ids than in every later run, so the first click on the language or a filter was
# lost. Turn the mode off and start the run again before any widget exists (once per server).
if PagesManager.uses_pages_directory:
    PagesManager.uses_pages_directory = False
    st.rerun()

# A local icon: a material icon would make every browser fetch it from Google's font servers.
st.set_page_config(page_title="Partnerlib", page_icon=str(ui.ICON), layout="wide")

with st.sidebar:
    choice = st.radio("Язык / Language", options=list(i18n.LANGS), format_func={"ru": "Русский", "en": "English"}.get,
                      horizontal=True, key="sidebar_lang")
    st.session_state[ui.LANG] = choice or i18n.DEFAULT_LANG

lang = ui.lang()
ui.streamlit_words()
# A setting that cannot be used is said once, here, instead of failing every read.
for problem in settings.check():
    st.error(problem.message_in(lang))
    st.stop()
pages = [
    st.Page("pages/overview.py", title=i18n.t("page_overview", lang), icon=":material/dashboard:", default=True),
    st.Page("pages/partners.py", title=i18n.t("page_partners", lang), icon=":material/groups:"),
    st.Page("pages/partner.py", title=i18n.t("page_partner", lang), icon=":material/person_search:"),
    st.Page("pages/events.py", title=i18n.t("page_events", lang), icon=":material/event:"),
    st.Page("pages/reach.py", title=i18n.t("page_reach", lang), icon=":material/visibility:"),
    st.Page("pages/data.py", title=i18n.t("page_data", lang), icon=":material/upload_file:"),
    st.Page("pages/export.py", title=i18n.t("page_export", lang), icon=":material/slideshow:"),
]
pg = st.navigation(pages)

token = ui.begin_run()
ui.reset_filters_if_new(token)
years, categories, libraries = ui.options()
with st.sidebar:
    st.header(i18n.t("filters", lang))
    if len(years) > 1:
        st.slider(i18n.t("years", lang), min_value=years[0], max_value=years[-1], value=(years[0], years[-1]),
                  key="flt_years")
    st.multiselect(i18n.t("categories", lang), options=categories,
                   format_func=lambda k: i18n.category_name(k, lang), key="flt_categories",
                   placeholder=i18n.t("all", lang), help=i18n.t("categories_help", lang), select_all=False)
    st.multiselect(i18n.t("formats", lang), options=["online", "offline", "hybrid", "unknown"],
                   format_func=lambda k: i18n.format_label(k, lang), key="flt_formats", placeholder=i18n.t("all", lang),
                   select_all=False)
    if len(libraries) > 1:
        st.multiselect(i18n.t("libraries", lang), options=libraries, key="flt_libraries",
                       placeholder=i18n.t("all", lang), select_all=False)

ui.banner()  # an uploaded file not saved yet: on every page, until she saves or discards it
try:
    pg.run()
finally:
    ui.end_run()  # the filtered dataset kept for this run is not kept in the session between runs
