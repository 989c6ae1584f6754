"""The Streamlit side of partnerlib: cached loaders, the shared filters, and widgets every page uses.

The Data page's body (upload, saving, history) is in partnerlib/ui/data.py."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from partnerlib import charts, fmt, i18n, identity, layout, metrics, safe
from partnerlib.model import Dataset
from partnerlib.reader import ImportResult, read_workbook
from partnerlib.store import Store, StoreError, open_store, resolve_url

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE_PATH = ROOT / "sample_data" / "partnerlib_sample.xlsx"
ICON = ROOT / "partnerlib" / "data" / "icon.png"
YEAR_COLUMNS = ("year", "since", "first_year", "last_year", "row", "header_row", "id")  # written as is: 2020
PAGE_ROWS = 250  # rows of a table sent to the browser at once: one page message stays well under 300 KB

# session_state keys shared by dashboard.py and the pages
LANG = "lang"
UPLOAD = "upload"  # {"name", "sha256", "data"} of the sheet the dashboard shows
FILTER_KEYS = ("flt_years", "flt_categories", "flt_formats", "flt_libraries")
FILTER_TOKEN = "flt_token"
STORE_ERROR = "store_error"
RUN_TOKEN = "dataset_token"


def lang() -> str:
    """The interface language chosen in the sidebar ("ru" by default)."""
    return st.session_state.get(LANG, i18n.DEFAULT_LANG)


def t(key: str, **params) -> str:
    """A text in the chosen language."""
    return i18n.t(key, lang(), **params)


# ---------------------------------------------------------------- loading (cached at the I/O boundary)

def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@st.cache_data(show_spinner=False, max_entries=8)
def read_cached(digest: str, name: str, _data: bytes, choices: str = "", saved_in: str | None = None) -> ImportResult:
    """`read_workbook` of a file, cached by the sha256 of its bytes (the bytes themselves are not hashed
    again on every rerun), the director's choices of columns (`layout.Choices.to_key`) and the version of
    the store whose remembered choices apply (`saved_in`; None: none apply)."""
    saved = _remembered_choices if saved_in is not None else None
    return read_workbook(_data, name, choices=layout.Choices.from_key(choices, saved))


def _remembered_choices(signature: str) -> dict[str, str | None] | None:
    """The choices of columns kept in the store for sheets with these headings (none when it cannot be read)."""
    try:
        return store().column_choices(signature)
    except StoreError:
        return None


def upload_choices(upload: dict) -> str:
    """The choices she made for the shown file, as the key its read is cached by."""
    chosen = upload.get("choices") or {}
    return layout.Choices(chosen.get("columns", {}), chosen.get("kinds", {})).to_key()


def read_upload(upload: dict) -> ImportResult:
    """The shown file, read with her choices of columns and sheet kinds, and those the store remembers."""
    try:
        remembered_in = store().version()  # the choices she saved with earlier imports apply
    except StoreError:
        remembered_in = None
    return read_cached(upload["sha256"], upload["name"], upload["data"], upload_choices(upload), remembered_in)


@st.cache_data(show_spinner=False, max_entries=1)
def _sample_bytes(mtime: float) -> bytes:
    return SAMPLE_PATH.read_bytes()


def sample_bytes() -> bytes:
    """The embedded demo workbook's bytes."""
    return _sample_bytes(SAMPLE_PATH.stat().st_mtime)


def begin_run() -> str:
    """Decide once per run which dataset the run shows (dashboard.py calls this before the page).

    Anything that changes it — an upload, an import, an undo — reruns the app, so the token stays right
    for the whole run and the store is asked for its version once, not by every cached call.
    """
    token = _current_token()
    st.session_state[RUN_TOKEN] = token
    return token


def dataset_token() -> str:
    """Identifies the dataset the pages show: it keys every cached computation."""
    return st.session_state.get(RUN_TOKEN) or begin_run()


def _current_token() -> str:
    upload = st.session_state.get(UPLOAD)
    store_version = _store_version()
    if upload:
        # The store's confirmed partner aliases apply to a file shown before it is saved, too.
        return ("upload:" + upload["sha256"] + ":" + sha256(upload_choices(upload).encode())[:12]
                + f"@{_aliases_version()}")
    if store_version is not None:
        return f"store:{store_version}"
    return "demo:" + str(SAMPLE_PATH.stat().st_mtime)


@st.cache_resource(show_spinner=False)
def _store_for(url: str) -> Store:
    # One engine (connection pool) per store URL for the whole server, not one per rerun.
    return open_store(url)


def store() -> Store:
    """The store the dashboard reads and imports into (PARTNERLIB_DB_URL, secrets or data/partnerlib.db)."""
    return _store_for(resolve_url())


def _store_version() -> str | None:
    """The store's version when it holds data, else None (then the demo data is shown).

    A store that cannot be opened is remembered in `STORE_ERROR` for the Data page to explain, and the
    dashboard goes on with the uploaded or demo data.
    """
    try:
        s = store()
        version = None if s.is_empty() else s.version()
    except StoreError as exc:
        st.session_state[STORE_ERROR] = exc
        return None
    st.session_state.pop(STORE_ERROR, None)
    return version


@st.cache_data(show_spinner=False, max_entries=4)
def _store_dataset(url: str, version: str) -> Dataset:
    return identity.apply_aliases(store().load(), store().aliases())


@st.cache_data(show_spinner=False, max_entries=4)
def _aliases(url: str, version: str) -> pd.DataFrame:
    return store().aliases()


def _aliases_version() -> str:
    """The store's version even when it holds only aliases ("" when it cannot be opened)."""
    try:
        return store().version()
    except StoreError:
        return ""


def alias_pairs() -> tuple[tuple[str, str], ...]:
    """The confirmed aliases of the shown data as (alias, partner kept) pairs (none for the demo)."""
    token = dataset_token()
    if token.startswith("store:"):
        aliases = store_aliases(token.split(":", 1)[1])
    else:  # an upload's token ends with the store's version; the demo's has none
        aliases = store_aliases(token.partition("@")[2])
    return tuple(zip(aliases["alias"].astype(str), aliases["partner"].astype(str), strict=True))


def store_aliases(version: str | None = None) -> pd.DataFrame:
    """The partner names the director confirmed as one partner (alias, partner); none without a store."""
    if not version:
        return pd.DataFrame(columns=["alias", "partner"])
    return _aliases(resolve_url(), version)


def dataset() -> Dataset:
    """The dataset the pages show: the uploaded sheet, else the store, else the demo workbook."""
    return _dataset_for(dataset_token(), st.session_state.get(UPLOAD), resolve_url())


def _dataset_for(token: str, upload: dict | None, url: str) -> Dataset:
    if token.startswith("upload:"):
        shown = read_upload(upload).dataset("upload")
        return identity.apply_aliases(shown, store_aliases(token.partition("@")[2]))
    if token.startswith("store:"):
        return _store_dataset(url, token.split(":", 1)[1])
    data = sample_bytes()
    return read_cached(sha256(data), SAMPLE_PATH.name, data).dataset("demo")


# ---------------------------------------------------------------- filters

def filters() -> dict:
    """The sidebar's choices as plain values (None = everything)."""
    s = st.session_state
    return {
        "years": tuple(s["flt_years"]) if s.get("flt_years") else None,
        "categories": tuple(s["flt_categories"]) if s.get("flt_categories") else None,
        "formats": tuple(s["flt_formats"]) if s.get("flt_formats") else None,
        "libraries": tuple(s["flt_libraries"]) if s.get("flt_libraries") else None,
    }


def reset_filters_if_new(token: str) -> None:
    """Forget the filter choices when another dataset is shown (its years and categories differ)."""
    if st.session_state.get(FILTER_TOKEN) != token:
        for key in FILTER_KEYS:
            st.session_state.pop(key, None)
        st.session_state[FILTER_TOKEN] = token


@st.cache_data(show_spinner=False, max_entries=16)
def _filtered(token: str, categories, formats, libraries, _load: Callable[[], Dataset]) -> Dataset:
    return metrics.filter_dataset(_load(), categories=categories, formats=formats, libraries=libraries)


def filtered_dataset() -> Dataset:
    """The dataset with the category, format and library filters applied.

    Years are applied by each figure (see metrics), so "new partner" is judged on the whole history.
    Cached computations receive this function rather than its result: a cache hit then loads nothing
    (every st.cache_data hit returns a fresh copy, which for 100,000 events costs tens of milliseconds).
    """
    f = filters()
    return _filtered(dataset_token(), f["categories"], f["formats"], f["libraries"], dataset)


def detached_dataset() -> Callable[[], Dataset]:
    """The filtered dataset as a function that reads no session state: for the files a download button
    builds when she clicks (Streamlit calls those outside the script run, in a thread of its own)."""
    token, upload, url, f = dataset_token(), st.session_state.get(UPLOAD), resolve_url(), filters()

    def load() -> Dataset:
        return _filtered(token, f["categories"], f["formats"], f["libraries"],
                         lambda: _dataset_for(token, upload, url))

    return load


def year_range() -> tuple[int, int] | None:
    """The years chosen in the sidebar (None: all)."""
    return filters()["years"]


@st.cache_data(show_spinner=False, max_entries=512)
def _computed(name: str, token: str, flt: tuple, args: tuple, _fn: Callable, _load: Callable[[], Dataset]):
    return _fn(_load(), *args)


def compute(fn: Callable, *args):
    """`fn(filtered dataset, *args)` for a metrics or narrative function, cached by the function, the
    dataset, the filters and the arguments: a rerun with the same choices computes nothing."""
    f = filters()
    key = (f["categories"], f["formats"], f["libraries"])
    return _computed(f"{fn.__module__}.{fn.__qualname__}", dataset_token(), key, args, fn, filtered_dataset)


@st.cache_data(show_spinner=False, max_entries=8)
def _options(token: str, _load: Callable[[], Dataset]) -> tuple[list[int], list[str], list[str]]:
    ds = _load()
    return metrics.years(ds), metrics.categories(ds), metrics.libraries(ds)


def options() -> tuple[list[int], list[str], list[str]]:
    """The choices of the sidebar filters for the shown dataset: years, categories, libraries."""
    return _options(dataset_token(), dataset)


# ---------------------------------------------------------------- shared widgets

_WORDS_JS = (ROOT / "partnerlib" / "data" / "streamlit_words.js").read_text(encoding="utf-8")


def streamlit_words() -> None:
    """Streamlit's own words (uploader, sidebar, table toolbar, inputs) in the interface's language.

    Streamlit has no setting for them, so a small script rewrites them in the page as they are drawn
    (i18n.STREAMLIT_WORDS and STREAMLIT_PATTERNS); in English it writes back the Russian ones it made.
    """
    if lang() == "ru":
        words, patterns = i18n.STREAMLIT_WORDS, [(en, ru) for en, ru, _, _ in i18n.STREAMLIT_PATTERNS]
    else:
        words = {ru: en for en, ru in i18n.STREAMLIT_WORDS.items()}
        patterns = [(ru, en) for _, _, ru, en in i18n.STREAMLIT_PATTERNS]
    script = _WORDS_JS.replace("__WORDS__", json.dumps(words, ensure_ascii=False)).replace(
        "__PATTERNS__", json.dumps(patterns, ensure_ascii=False))
    st.html(f"<script>{script}</script>", unsafe_allow_javascript=True)


def source_banner() -> None:
    """Say where the data comes from; demo data gets a visible banner."""
    token = dataset_token()
    if token.startswith("demo:"):
        st.info(t("demo_banner"), icon=":material/info:")
    elif token.startswith("upload:"):
        st.caption(t("source_upload", name=safe.markdown(st.session_state[UPLOAD]["name"])))
    else:
        st.caption(t("source_store"))


def page_start(title_key: str) -> tuple[int, int] | None:
    """The top of a page of figures: its title, where the data comes from, and — when the filters leave
    no events — a friendly empty state that ends the page. Returns the chosen year range."""
    years = year_range()
    st.title(t(title_key))
    source_banner()
    if not has_events(years):
        empty_state()
        st.stop()
    return years


def empty_state() -> None:
    st.info(t("empty_state"), icon=":material/filter_alt_off:")


def has_events(years: tuple[int, int] | None) -> bool:
    """True when the filtered dataset has events in the chosen years."""
    return compute(metrics.event_count, years) > 0


@st.cache_resource(show_spinner=False, max_entries=256)
def _figure(name: str, token: str, flt: tuple, lang_code: str, args: tuple, kwargs: tuple, _build: Callable,
            _table: pd.DataFrame):
    return _build(_table, *args, **dict(kwargs))


def figure(build: Callable, table: pd.DataFrame, *args, **kwargs):
    """`build(table, *args, **kwargs)` for a charts function, kept by the function, the dataset, the filters,
    the language and the arguments: a rerun with the same choices builds no figure.

    `table` must follow from those (a `compute` result, or a slice of one). A plotly figure is built
    once and only read afterwards (st.plotly_chart copies it), so it is shared rather than copied: a
    copy through pickle costs about as much as building it again.
    """
    f = filters()
    return _figure(f"{build.__module__}.{build.__qualname__}", dataset_token(), tuple(f.values()), lang(), args,
                   tuple(sorted(kwargs.items())), build, table)


def chart(fig, table: pd.DataFrame, key: str, filename: str | None = None) -> None:
    """A figure with its PNG button and, one click away, the table it was drawn from."""
    st.plotly_chart(fig, key=key, width="stretch", config=charts.png_config(filename or key, lang()))
    # The table is built only while its expander is open: a page of a dozen charts would otherwise format
    # a dozen hidden tables on every run.
    with st.expander(t("show_data"), key=f"{key}_data", on_change="rerun") as box:
        if box.open:
            # A static table: a few rows need neither sorting nor the data grid (nor its English toolbar).
            st.table(text_frame(table))


def text_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`display_frame` with every number written out as text in the interface's language, and every text
    escaped as markdown (for static tables)."""
    lg = lang()
    shown = display_frame(frame.reset_index(drop=True))
    shares = {i18n.column_label(c, lg) for c in ("share", "online_share", "participants_change", "views_change")}
    years = {i18n.column_label(c, lg) for c in YEAR_COLUMNS}
    for c in shown.columns:
        column = shown[c]
        if pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(column):
            continue
        if c in years:
            shown[c] = column.map(lambda v: "" if pd.isna(v) else str(int(v)))
        elif c in shares:
            shown[c] = column.map(lambda v: "" if pd.isna(v) else fmt.percent(v, lg))
        else:
            shown[c] = column.map(lambda v: "" if pd.isna(v) else fmt.number(v, lg))
    # st.table reads its cells and headings as markdown: a sheet's text is escaped to stay text.
    shown = shown.astype(object).map(safe.markdown)
    shown.columns = [safe.markdown(c) for c in shown.columns]
    return shown


def display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for people: category and format keys as labels, Russian dates, translated headings."""
    lg = lang()
    out = frame.copy()
    if "category" in out:
        out["category"] = out["category"].astype(object).map(lambda k: i18n.category_name(k, lg))
    if "format" in out:
        out["format"] = out["format"].astype(object).map(lambda k: i18n.format_label(k, lg) if k else "")
    if "level" in out:
        out["level"] = out["level"].astype(object).map(lambda k: i18n.level_name(k, lg))
    if "severity" in out:
        out["severity"] = out["severity"].map(lambda s: i18n.t(f"severity_{s}", lg))
    if "date" in out:
        out["date"] = out["date"].map(lambda d: fmt.date(d, lg) if pd.notna(d) else "")
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].astype(object).where(out[col].notna(), "")
    out.columns = [fmt.month_name(c, lg, short=True) if isinstance(c, int) and 1 <= c <= 12
                   else i18n.column_label(str(c), lg) for c in out.columns]
    return out


def _column_config(shown: pd.DataFrame, lg: str) -> dict:
    """Formats of the shown columns: years as written, counts grouped by the browser's locale, shares with
    one decimal; long texts get the room."""
    years = {i18n.column_label(c, lg) for c in YEAR_COLUMNS}
    wide = {i18n.column_label(c, lg) for c in ("message", "description", "title", "partners", "partner")}
    config: dict = {}
    for c in shown.columns:
        if c in wide:
            config[c] = st.column_config.TextColumn(width="large")
        elif pd.api.types.is_bool_dtype(shown[c]) or not pd.api.types.is_numeric_dtype(shown[c]):
            continue
        elif c in years:
            config[c] = st.column_config.NumberColumn(format="plain")
        else:
            config[c] = st.column_config.NumberColumn(format="localized")
    return config


def show_table(frame: pd.DataFrame, key: str, height: int | None = None) -> None:
    """A table in the interface's words: a page of at most PAGE_ROWS rows at a time (so one message stays
    small), numbers formatted by `column_config` (sorting uses the numbers), empty cells where values are
    missing."""
    lg = lang()
    if frame.empty:
        st.caption(t("no_rows"))
        return
    pages = -(-len(frame) // PAGE_ROWS)
    page = 1
    if pages > 1:
        if st.session_state.get(f"{key}_page", 1) > pages:  # a narrower search left fewer pages
            st.session_state[f"{key}_page"] = 1
        page = st.number_input(t("table_page", pages=pages), min_value=1, max_value=pages, step=1,
                               key=f"{key}_page")
        first = (page - 1) * PAGE_ROWS
        st.caption(t("rows_of", first=fmt.number(first + 1, lg),
                     last=fmt.number(min(first + PAGE_ROWS, len(frame)), lg), total=fmt.number(len(frame), lg)))
    shown = display_frame(frame.iloc[(page - 1) * PAGE_ROWS: page * PAGE_ROWS])
    for c in shown.columns:
        if pd.api.types.is_float_dtype(shown[c]):
            shown[c] = shown[c].round(1)
    extra = {"height": height} if height else {}
    # placeholder: a missing value is an empty cell, not «None».
    st.dataframe(shown, key=key, hide_index=True, width="stretch", column_config=_column_config(shown, lg),
                 placeholder="", **extra)


def kpi(label: str, value: str, delta: str | None, delta_color: str = "normal", help_text: str | None = None):
    """A KPI card. Streamlit reads the arrow's direction from an ASCII minus, so the typographic one
    of Russian formatting is swapped for it at the start of the change."""
    if delta and delta.startswith("−"):
        delta = "-" + delta[1:]
    st.metric(label, value, delta=delta, delta_color=delta_color, help=help_text, border=True)


# ---------------------------------------------------------------- the Export page

def category_name(key) -> str:
    """A category's name for a widget label (markdown): a sheet's own category is shown as written."""
    return safe.markdown(i18n.category_name(key, lang()))


@st.cache_data(show_spinner=False, max_entries=16)
def _outline(token: str, flt: tuple, year: int, chosen: tuple, lang_code: str, library: str | None,
             _load: Callable[[], Dataset]) -> list[str]:
    from partnerlib.deck import deck_outline

    return deck_outline(_load(), year, lang_code, dict(chosen), library=library)


@st.cache_data(show_spinner=False, max_entries=16)
def _export_file(kind: str, token: str, flt: tuple, year: int, chosen: tuple, lang_code: str, library: str | None,
                 _load: Callable[[], Dataset]) -> bytes:
    from partnerlib.deck import build_deck
    from partnerlib.report import build_report
    from partnerlib.summary import build_summary

    if kind in ("deck_pdf", "report_pdf"):  # LibreOffice converts the document built (and kept) above
        from partnerlib.pdf import to_pdf

        document = kind.removesuffix("_pdf")
        built = _export_file(document, token, flt, year, chosen, lang_code, library, _load)
        return to_pdf(built, f".{PDF_SOURCES[document]}")
    if kind == "deck":
        return build_deck(_load(), year, lang_code, library=library, chosen=dict(chosen))
    if kind == "report":
        return build_report(_load(), year, lang_code, chosen=dict(chosen), library=library)
    return build_summary(_load(), lang_code, library=library)


PDF_SOURCES = {"deck": "pptx", "report": "docx"}  # the files offered as PDF too, by their type


def example_choices(category: str, year: int) -> dict[int, tuple[str, str]]:
    """The events a category's example can be chosen from, the default first: id -> (title and date, as a
    selectbox option; the start of the description, as markdown for a caption)."""
    lg = lang()
    out = {}
    for c in compute(metrics.candidates, category, year).itertuples():
        when = fmt.date(c.date, lg) if pd.notna(c.date) else str(c.year)
        text = "" if pd.isna(c.description) else str(c.description)
        out[int(c.event_id)] = (f"{safe.text(c.title)} — {when}",
                                safe.markdown(text[:280] + ("…" if len(text) > 280 else "")))
    return out


LIBRARY_SETTINGS = ("library_name", "city")
LIBRARY = "library_settings"  # the same in the session while the store cannot be written


def library_settings() -> dict[str, str | None]:
    """The library's name and city set on the Data page: kept in the store (in the session when the store
    cannot be opened)."""
    try:
        s = store()
        return {name: s.get_setting(name) for name in LIBRARY_SETTINGS}
    except StoreError:
        return st.session_state.get(LIBRARY, dict.fromkeys(LIBRARY_SETTINGS))


def set_library(values: dict[str, str | None]) -> None:
    """Keep the library's name and city (in the store; in the session when the store cannot be written)."""
    try:
        s = store()
        for name in LIBRARY_SETTINGS:
            s.set_setting(name, values.get(name))
    except StoreError:
        st.session_state[LIBRARY] = {name: (values.get(name) or "").strip() or None for name in LIBRARY_SETTINGS}


def library_label() -> str | None:
    """«Name, city» for the title of the deck, the report and the summary (None when not set: the deck then
    names the library from the data)."""
    values = library_settings()
    return ", ".join(v for v in (values["library_name"], values["city"]) if v) or None


def exports(year: int, chosen: dict[str, int]) -> dict:
    """The slide titles, and the deck, the report tables and the summary (and the deck and the report as
    PDF: "deck_pdf", "report_pdf") for the filtered data as functions that build the file when she clicks
    (each built once per choice).

    The year range is not cut from the data: the files cover the history up to the chosen year, so that
    "new partners" and the changes against the previous year are judged as on the other pages.
    """
    f = filters()
    key = (f["categories"], f["formats"], f["libraries"])
    args = (dataset_token(), key, year, tuple(sorted(chosen.items())), lang(), library_label(), detached_dataset())
    out: dict = {"outline": _outline(*args)}
    for kind in ("deck", "report", "summary", "deck_pdf", "report_pdf"):
        out[kind] = functools.partial(_export_file, kind, *args)
    return out


def pdf_unavailable() -> str | None:
    """Why the PDF buttons are off (LibreOffice is not installed here), in her language; None when they work."""
    from partnerlib.pdf import PdfError, available

    return None if available() else PdfError("absent").message_in(lang())
