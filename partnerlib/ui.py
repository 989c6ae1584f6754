"""The Streamlit side of partnerlib, its one module that imports Streamlit: cached loaders, the shared filters,
widgets every page uses, the Data page's sections (the upload kept until saved or discarded, how its sheets
and columns were read, saving, history, possible duplicates) and the server's launcher."""

from __future__ import annotations

import functools
import gc
import hashlib
import hmac
import json
import logging
import os
import secrets
import sys
import threading
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from partnerlib import branches, charts, fmt, headings, i18n, identity, layout, metrics, model, safe
from partnerlib.attempts import SERVER, Attempts
from partnerlib.model import Dataset
from partnerlib.reader import ImportResult, SheetInfo, max_upload_bytes, read_workbook
from partnerlib.store import (
    ImportPreview,
    Store,
    StoreError,
    admin_password,
    open_store,
    resolve_url,
    upgrades_on_open,
)
from partnerlib.store.schema import SCHEMA_VERSION
from partnerlib.store.upgrade import version_before
from partnerlib.values import normalise_name

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PATH = ROOT / "sample_data" / "partnerlib_sample.xlsx"
ICON = ROOT / "partnerlib" / "data" / "icon.png"
YEAR_COLUMNS = ("year", "since", "first_year", "last_year", "row", "header_row", "id")  # written as is: 2020
# A table's dates as each language writes a day, in moment.js patterns: 27.04.2020, 27 Apr 2020 (the grid knows
# only English month names, so the Russian day is written in digits).
DATE_COLUMN_FORMAT = {"ru": "DD.MM.YYYY", "en": "D MMM YYYY"}
PAGE_ROWS = 250  # rows of a table sent to the browser at once: one page message stays well under 300 KB

# session_state keys shared by dashboard.py and the pages
LANG = "lang"
UPLOAD = "upload"  # {"name", "sha256", "data"} of the sheet the dashboard shows
FILTER_KEYS = ("flt_years", "flt_categories", "flt_formats", "flt_libraries")
FILTER_TOKEN = "flt_token"
STORE_ERROR = "store_error"
RUN_TOKEN = "dataset_token"
RUN_REMEMBERED = "run_remembered"  # the store's remembered choices' token, asked once per run
RUN_FILTERED = "run_filtered"  # (key, dataset): the filtered dataset, loaded once per run


def lang() -> str:
    """The interface language chosen in the sidebar ("ru" by default)."""
    return st.session_state.get(LANG, i18n.DEFAULT_LANG)


def t(key: str, **params) -> str:
    """A text in the chosen language."""
    return i18n.t(key, lang(), **params)


# ---------------------------------------------------------------- loading (cached at the I/O boundary)

def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# Problems of a read that may not happen again: a bug of the reader's own met on this file. Such a read is
# not kept, so the same file given again (after a discard, or another try) is read again.
NOT_KEPT = frozenset({"internal_error", "sheet_failed"})
NOT_KEPT_READ = "read_not_kept"  # session_state: (key, result) of the last such read


class _NotKept(Exception):
    """Raised out of the cached read to keep its result out of the cache (Streamlit keeps no failed call)."""

    def __init__(self, result: ImportResult):
        super().__init__("not kept")
        self.result = result


def read_settings() -> tuple:
    """The settings a read depends on (the upload limit, the worker's memory and time): part of its key."""
    from partnerlib import sandbox, settings

    return (settings.max_upload_bytes(), os.environ.get(sandbox.MEMORY_ENV, ""),
            os.environ.get(sandbox.SECONDS_ENV, ""))


@st.cache_data(show_spinner=False, max_entries=8)
def _read_kept(digest: str, name: str, _data: bytes, choices: str, remembered: str | None,
               read_key: tuple) -> ImportResult:
    saved = _remembered_choices if remembered is not None else None
    result = read_workbook(_data, name, choices=layout.Choices.from_key(choices, saved))
    if any(str(p.code) in NOT_KEPT for p in result.problems):
        raise _NotKept(result)
    return result


def read_cached(digest: str, name: str, data: bytes, choices: str = "", remembered: str | None = None) -> ImportResult:
    """`read_workbook` of a file, kept by all it depends on: the sha256 of its bytes (the bytes themselves
    are not hashed again on every rerun), the director's choices of columns (`layout.Choices.to_key`), the
    choices the store remembers (`remembered`: a token that changes with them; None: none apply) and the
    settings of reading. A read that met an internal error is not kept for the server, only for this session
    until the file is given again (`take`), so that the reruns of her session do not read it again."""
    settings_key = read_settings()
    key = (digest, name, choices, remembered, settings_key)
    memo = st.session_state.get(NOT_KEPT_READ)
    if memo is not None and memo[0] == key:
        return memo[1]
    try:
        return _read_kept(digest, name, data, choices, remembered, settings_key)
    except _NotKept as exc:
        st.session_state[NOT_KEPT_READ] = (key, exc.result)
        return exc.result


def _remembered_choices(signature: str) -> dict[str, str | None] | None:
    """The choices of columns kept in the store for sheets with these headings (none when it cannot be read)."""
    try:
        return store().column_choices(signature)
    except StoreError:
        return None


def remembered_key() -> str | None:
    """A token of the store's remembered choices of columns, which apply to every file she uploads (None
    when the store cannot be opened: then none apply)."""
    try:
        s = store()
        return f"{s.version()}/{s.column_choices_version()}"
    except StoreError:
        return None


def upload_choices(upload: dict) -> str:
    """The choices she made for the shown file, as the key its read is cached by."""
    chosen = upload.get("choices") or {}
    return layout.Choices(chosen.get("columns", {}), chosen.get("kinds", {})).to_key()


def read_upload(upload: dict) -> ImportResult:
    """An uploaded file, read with her choices of columns and sheet kinds, and those the store remembers."""
    remembered = st.session_state.get(RUN_REMEMBERED, False)  # asked once per run (see begin_run)
    if remembered is False:
        remembered = remembered_key()
    return read_cached(upload["sha256"], upload["name"], upload["data"], upload_choices(upload), remembered)


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
    st.session_state.pop(RUN_REMEMBERED, None)
    st.session_state.pop(RUN_FILTERED, None)
    token = _current_token()
    st.session_state[RUN_TOKEN] = token
    return token


def end_run() -> None:
    """Forget what was kept for the run alone (dashboard.py calls this after the page, however it ended)."""
    st.session_state.pop(RUN_FILTERED, None)
    st.session_state.pop(RUN_REMEMBERED, None)


def dataset_token() -> str:
    """Identifies the dataset the pages show: it keys every cached computation."""
    return st.session_state.get(RUN_TOKEN) or begin_run()


def _current_token() -> str:
    upload = st.session_state.get(UPLOAD)
    store_version = _store_version()
    if upload:
        # The store's confirmed partner aliases apply to a file shown before it is saved, too.
        # Her choices, and those the store remembers, decide how it is read.
        remembered = st.session_state[RUN_REMEMBERED] = remembered_key()
        read_as = sha256(f"{upload_choices(upload)}\x1f{remembered}".encode())[:12]
        return f"upload:{upload['sha256']}:{read_as}@{_aliases_version()}"
    return _shown_token(store_version)


def _shown_token(store_version: str | None) -> str:
    """The token of the store's data at `store_version`, or of the demo workbook (None: the store is empty)."""
    if store_version is not None:
        return f"store:{store_version}"
    return "demo:" + str(SAMPLE_PATH.stat().st_mtime)


@st.cache_resource(show_spinner=False)
def _store_for(url: str) -> Store:
    # One engine (connection pool) per store URL for the whole server, not one per rerun.
    return open_store(url, upgrade=upgrades_on_open(url))


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


def alias_pairs(token: str | None = None) -> tuple[tuple[str, str], ...]:
    """The confirmed aliases of the shown data (`token`: its dataset_token) as (alias, partner kept) pairs
    (none for the demo)."""
    token = dataset_token() if token is None else token
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
    key = (dataset_token(), f["categories"], f["formats"], f["libraries"])
    kept = st.session_state.get(RUN_FILTERED)
    if kept is not None and kept[0] == key:
        return kept[1]
    # Kept for the rest of the run: each cached computation that misses would otherwise get a copy of its own
    # (a cache hit of st.cache_data unpickles it: tens of milliseconds at 100,000 events).
    ds = _filtered(*key, dataset)
    st.session_state[RUN_FILTERED] = (key, ds)
    return ds


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
    return _computed(_name(fn), dataset_token(), key, args, fn, filtered_dataset)


def _name(fn: Callable) -> str:
    """A function's name in the keys of `compute` and `figure`."""
    return f"{fn.__module__}.{fn.__qualname__}"


@st.cache_data(show_spinner=False, max_entries=8)
def _options(token: str, _load: Callable[[], Dataset]) -> tuple[list[int], list[str], list[str]]:
    ds = _load()
    return metrics.years(ds), metrics.categories(ds), metrics.libraries(ds)


def options() -> tuple[list[int], list[str], list[str]]:
    """The choices of the sidebar filters for the shown dataset: years, categories, libraries."""
    return _options(dataset_token(), dataset)


# ---------------------------------------------------------------- shared widgets

_WORDS_JS = (ROOT / "partnerlib" / "data" / "streamlit_words.js").read_text(encoding="utf-8")
_PRELOAD_JS = (ROOT / "partnerlib" / "data" / "preload.js").read_text(encoding="utf-8")


@functools.cache
def _preload_script() -> str:
    """`preload.js` with the file names of Streamlit's chart and table code; empty when this Streamlit's
    files are not where they are looked for."""
    folder = Path(st.__file__).parent / "static" / "static" / "js"
    files = [found[0] for stem in ("PlotlyChart", "DataFrame") if (found := sorted(folder.glob(f"{stem}.*.js")))]
    return _PRELOAD_JS.replace("__FILES__", json.dumps([f.name for f in files])) if files else ""


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
    # The same element loads the code of the charts early (see preload.js).
    st.html(f"<script>{script}</script><script>{_preload_script()}</script>", unsafe_allow_javascript=True)


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
    return _figure(_name(build), dataset_token(), tuple(f.values()), lang(), args, tuple(sorted(kwargs.items())),
                   build, table)


def chart(fig, table: pd.DataFrame, key: str, filename: str | None = None) -> None:
    """A figure with its PNG button and, one click away, the table it was drawn from."""
    st.plotly_chart(fig, key=key, width="stretch", config=charts.png_config(filename or key, lang()))
    _chart_data(table, key)


def svg_chart(svg: str, table: pd.DataFrame, key: str) -> None:
    """A small chart drawn as SVG on the server (`spark`) and, one click away, the table it was drawn from."""
    with st.container(key=key):
        st.markdown(svg, unsafe_allow_html=True)
    _chart_data(table, key)


def _chart_data(table: pd.DataFrame, key: str) -> None:
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
    if "agreement_kind" in out:
        out["agreement_kind"] = out["agreement_kind"].astype(object).map(lambda k: i18n.agreement_name(k, lg))
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
    # Short words of a few kinds that the grid would size to its first rows («договор», cutting «соглашение»).
    medium = {i18n.column_label(c, lg) for c in ("agreement_kind",)}
    config: dict = {}
    for c in shown.columns:
        if c in wide:
            config[c] = st.column_config.TextColumn(width="large")
        elif c in medium:
            config[c] = st.column_config.TextColumn(width="medium")
        elif pd.api.types.is_datetime64_any_dtype(shown[c]):
            # Days stay dates (they sort as dates), written as the language writes them.
            config[c] = st.column_config.DateColumn(format=DATE_COLUMN_FORMAT[lg])
        elif pd.api.types.is_bool_dtype(shown[c]) or not pd.api.types.is_numeric_dtype(shown[c]):
            continue
        elif c in years:
            # Digits as written. Not "plain": Streamlit's grid draws some integers that way with a binary
            # fraction (1998 as «1997.9999999999998», row 1635 as «1635.0000000000002»).
            config[c] = st.column_config.NumberColumn(format="%d")
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
    if not any(ch.isalpha() for ch in value):
        st.metric(label, value, delta=delta, delta_color=delta_color, help=help_text, border=True)
        return
    # Words instead of a number («нет данных за прошлый год»): Streamlit draws a value on one line and cuts it
    # with an ellipsis, so the card is wrapped in a container whose class lets the words wrap, a size smaller.
    with st.container(key=f"{KPI_WORDS}{hashlib.sha1(label.encode()).hexdigest()[:8]}"):
        st.html(_KPI_WORDS_CSS)
        st.metric(label, value, delta=delta, delta_color=delta_color, help=help_text, border=True)


KPI_WORDS = "kpi_words_"  # container keys of the cards that show words (Streamlit adds the class st-key-<key>)
_KPI_WORDS_RULE = ("white-space: normal; overflow: visible; text-overflow: clip; font-size: 1.5rem; "
                   "line-height: 1.3; height: auto")
_KPI_WORDS_CSS = "<style>" + ", ".join(f'[class*="st-key-{KPI_WORDS}"] [data-testid="stMetricValue"]{inner}'
                                       for inner in ("", " > div", " p")) + "{" + "; ".join(
    f"{rule} !important" for rule in _KPI_WORDS_RULE.split("; ")) + "}</style>"


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
    if kind == "site":
        from partnerlib.site import site_html

        return site_html(_load(), lang=lang_code, library=library, year=year, chosen=dict(chosen)).encode("utf-8")
    if kind == "deck":
        return build_deck(_load(), year, lang_code, library=library, chosen=dict(chosen))
    if kind == "report":
        return build_report(_load(), year, lang_code, chosen=dict(chosen), library=library)
    return build_summary(_load(), lang_code, library=library, year=year)


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


def exports(year: int, chosen: dict[str, int], branch: str | None = None) -> dict:
    """The slide titles, and the deck, the report tables and the summary (and the deck and the report as
    PDF: "deck_pdf", "report_pdf"; the page of partners for the website: "site") for the filtered data as
    functions that build the file when she clicks (each built once per choice).

    The year range is not cut from the data: the files cover the history up to the chosen year, so that
    "new partners" and the changes against the previous year are judged as on the other pages.
    """
    f = filters()
    key = (f["categories"], f["formats"], f["libraries"])
    args = (dataset_token(), key, year, tuple(sorted(chosen.items())), lang(), library_label(), detached_dataset())
    out: dict = {"outline": _outline(*args)}
    report_args = args if not branch else _branch_args(args, branch)  # the report of one library
    for kind in ("deck", "report", "summary", "deck_pdf", "report_pdf", "site"):
        out[kind] = functools.partial(_export_file, kind, *(report_args if kind.startswith("report") else args))
    return out


def _branch_args(args: tuple, branch: str) -> tuple:
    token, key, year, chosen, lang_code, library, load = args
    return (token, (*key, branch), year, chosen, lang_code, branches.heading(library, branch),
            lambda: branches.one_library(load(), branch))


PDF_MADE = "export_pdf_made"  # session_state: button key -> (what it was made from, the PDF's bytes)


def pdf_button(files: dict, kind: str, label: str, file_name: str, key: str, unavailable: str | None) -> None:
    """A PDF made when she clicks, in the run, so that a failure is said in her language (what failed and
    what to do), not by Streamlit's own English words of a download that failed; once made, a download button
    gives it. `files[kind]` is one of the functions of `exports`."""
    from partnerlib.pdf import PdfError

    build = files[kind]
    made_from = build.args[:-1]  # the kind, dataset, filters, year, examples, language, library
    made = st.session_state.setdefault(PDF_MADE, {})
    if made.get(key, (None,))[0] != made_from:
        made.pop(key, None)
    if st.button(label, key=key, icon=":material/picture_as_pdf:", disabled=unavailable is not None,
                 help=unavailable):
        try:
            with st.spinner(t("pdf_making", name=file_name)):
                made[key] = (made_from, build())
        except PdfError as exc:
            st.error(safe.markdown(exc.message_in(lang())), icon=":material/error:")
        except Exception as exc:  # the document itself could not be built: never a traceback
            reason = f"{type(exc).__name__}: {exc}"[:200]
            st.error(safe.markdown(PdfError("failed", reason=reason).message_in(lang())), icon=":material/error:")
    if key in made:
        st.download_button(t("pdf_ready", name=file_name), data=made[key][1], file_name=file_name,
                           key=f"{key}_file", icon=":material/download:", mime="application/pdf", on_click="ignore")


def pdf_unavailable() -> str | None:
    """Why the PDF buttons are off (LibreOffice is not installed here), in her language; None when they work."""
    from partnerlib.pdf import PdfError, available

    return None if available() else PdfError("absent").message_in(lang())


# ================================================================ the Data page
# The Data page's body: the uploaded file kept until she saves or discards it, its problems and preview,
# saving to the store, the import history with undo, and the files to download.

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATA_PAGE = "pages/data.py"
# session_state keys of this page
TAKEN = "upload_taken"      # sha256 of the file last taken from the uploader (it is not taken twice)
REFUSED = "upload_refused"  # {"name", "sha256"} of the last file that could not be read
SAVED = "data_saved"        # import id just saved (said once)
NOTHING_NEW = "data_nothing_new"  # name of a file not saved because the store held all of it (said once)
UNDONE = "data_undone"      # import id just undone (said once)
UNDO_CHOICE = "data_undo_choice"
UNDO_VERSION = "data_undo_version"  # the store version the undo choice was made for


# ---------------------------------------------------------------- the file she uploaded

def pending() -> dict | None:
    """The uploaded file the pages show until it is saved or discarded: {"name", "sha256", "data"}."""
    return st.session_state.get(UPLOAD)


def pending_result() -> ImportResult | None:
    """The shown file's import result (cached by its sha256)."""
    upload = pending()
    if upload is None:
        return None
    return read_upload(upload)


def take(uploaded) -> None:
    """Read a file from the uploader once: a usable one becomes the shown file, one that cannot be used
    is remembered to be explained (and the message of the file before it goes away)."""
    data = uploaded.getvalue()
    digest = sha256(data)
    if st.session_state.get(TAKEN) == digest:
        return
    st.session_state[TAKEN] = digest
    given = {"name": uploaded.name, "sha256": digest, "data": data}
    st.session_state.pop(NOT_KEPT_READ, None)  # a file given again is read again
    with st.spinner(t("reading", name=safe.markdown(uploaded.name))):
        result = read_upload(given)  # read as it will be shown: the store's remembered choices apply
    if result.ok:
        st.session_state[UPLOAD] = given
        st.session_state.pop(REFUSED, None)
    else:
        st.session_state[REFUSED] = given
    st.rerun()  # the shown dataset (and so the sidebar and every figure) may have changed


def discard() -> None:
    """Go back to the stored or demo data; the file still in the uploader is not taken again."""
    st.session_state.pop(UPLOAD, None)


# ---------------------------------------------------------------- saving to the store

@st.cache_data(show_spinner=False, max_entries=8)
def _preview(digest: str, url: str, version: str, lang_code: str, _result: ImportResult) -> ImportPreview:
    return store().preview(_result, lang_code)


def import_preview() -> ImportPreview:
    """What saving the shown file would change in the store (cached per file and store version)."""
    upload = pending()
    return _preview(upload["sha256"], resolve_url(), store().version(), lang(), pending_result())


# Failed password tries, for the whole server: a reload or a new session does not start them again.
ATTEMPTS = Attempts()
PASSWORD_SESSION = "password_session"  # a random id of this session, for counting its failures


def _who() -> list[str]:
    """What failed tries are counted against: this session, the client's address, and the server."""
    session = st.session_state.setdefault(PASSWORD_SESSION, secrets.token_hex(8))
    address = st.context.ip_address
    if not isinstance(address, str) or not address:  # no websocket peer (a test run): a proxy's header
        forwarded = st.context.headers.get("X-Forwarded-For")
        address = forwarded.split(",")[0].strip() if isinstance(forwarded, str) else ""
    return [f"session:{session}", f"client:{address or 'local'}", SERVER]


def _check_password(key: str) -> None:
    """The field's callback: judge what was typed once, then empty the field (the password does not stay
    in the page). A try while the wait lasts is not checked and not counted."""
    typed = st.session_state.get(key) or ""
    st.session_state[key] = ""
    if not typed:
        return
    expected, who = admin_password(), _who()
    if expected is None or ATTEMPTS.wait(who) > 0:
        return
    # compare_digest: the time taken does not tell how much of a guess was right.
    if hmac.compare_digest(typed.encode(), expected.encode()):
        ATTEMPTS.succeeded(who)
        st.session_state[f"{key}_ok"] = True
    else:
        ATTEMPTS.failed(who)
        st.session_state[f"{key}_wrong"] = True


def password_ok(key: str) -> bool:
    """True when no admin password is set, or the one typed in the field `key` was right (until the
    action it allowed is done: `password_used`)."""
    if admin_password() is None:
        return True
    if st.session_state.get(f"{key}_ok"):
        st.caption(t("password_accepted"))
        return True
    st.text_input(t("admin_password"), type="password", key=key, on_change=_check_password, args=(key,))
    wait = ATTEMPTS.wait(_who())
    if wait > 0:
        st.error(t("password_locked", wait=fmt.duration(wait, lang())))
    elif st.session_state.pop(f"{key}_wrong", False):
        st.error(t("wrong_password"))
    return False


def password_given(key: str) -> bool:
    """True when the action about to be done was allowed by the admin password typed in `key` (the
    history keeps that)."""
    return bool(st.session_state.get(f"{key}_ok"))


def password_used(key: str) -> None:
    """The action the password allowed is done: the next one asks again."""
    st.session_state.pop(f"{key}_ok", None)


def save(accept_changes: bool) -> None:
    """Store the shown file in one transaction; afterwards the pages show the store."""
    upload = pending()
    try:
        preview = import_preview()
        if not preview.changes_anything and not (accept_changes and len(preview.conflicts)):
            # Saving would only add a history row that adds nothing (and an undo that takes nothing back).
            discard()
            st.session_state[NOTHING_NEW] = upload["name"]
            st.rerun()
        with st.spinner(t("saving", name=safe.markdown(upload["name"]))):
            import_id = store().apply(pending_result(), filename=upload["name"], sha256=upload["sha256"],
                                      accept_changes=accept_changes, admin=password_given("data_password"))
    except StoreError as exc:
        st.error(safe.markdown(exc.message_in(lang())))
        return
    password_used("data_password")
    remember_choices(pending_result())
    discard()
    st.session_state[SAVED] = import_id
    st.rerun()


def _needs_questions() -> bool:
    """True when saving asks something first (a password, or whether to accept changed values)."""
    if admin_password() is not None:
        return True
    try:
        return bool(len(import_preview().conflicts))
    except StoreError:
        return True


def banner() -> None:
    """On every page while an unsaved file is shown: its name, «Сохранить» and «Отказаться»."""
    nothing = st.session_state.pop(NOTHING_NEW, None)
    if nothing is not None:
        st.info(t("store_nothing_saved", name=safe.markdown(nothing)), icon=":material/info:")
    upload = pending()
    if upload is None:
        return
    with st.container(border=True, key="banner"):
        text, save_col, discard_col = st.columns([6, 1, 1], vertical_alignment="center")
        text.warning(t("banner_unsaved", name=safe.markdown(upload["name"])), icon=":material/warning:")
        if save_col.button(t("banner_save"), key="banner_save", type="primary"):
            if _needs_questions():
                st.switch_page(DATA_PAGE)
            save(accept_changes=False)
        if discard_col.button(t("banner_discard"), key="banner_discard"):
            discard()
            st.rerun()


def _changes_table(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.rename(columns={"new": "becomes"})
    if "column" in out:
        out["column"] = out["column"].map(lambda c: i18n.column_label(c, lang()))
    if "table" in out:
        out["table"] = out["table"].map(lambda k: t(f"page_{k}"))
    return out


def import_section() -> None:
    """What saving the shown file would change in the store → confirm → one transaction."""
    st.subheader(t("store_title"))
    try:
        preview = import_preview()
    except StoreError as exc:
        st.error(safe.markdown(exc.message_in(lang())))
        return
    if not preview.changes_anything and not len(preview.conflicts):
        st.info(t("store_nothing_new"))
        return
    st.markdown(t("store_preview", new_events=fmt.number(preview.new_events, lang()),
                  present_events=fmt.number(preview.present_events, lang()),
                  new_partners=fmt.number(preview.new_partners, lang()),
                  fills=fmt.number(len(preview.fills), lang())))
    accept = False
    if len(preview.category_changes):
        st.caption(t("store_category_changes"))
        show_table(_changes_table(preview.category_changes), key="data_category_changes")
    if len(preview.conflicts):
        st.caption(t("store_conflicts"))
        show_table(_changes_table(preview.conflicts), key="data_conflicts")
        accept = st.checkbox(t("store_accept", n=len(preview.conflicts)), key="data_accept",
                             help=t("store_accept_help"))
    allowed = password_ok("data_password")
    if st.button(t("store_save"), key="data_save", type="primary", disabled=not allowed):
        save(accept)


# ---------------------------------------------------------------- the page's sections

def _problems_download(result: ImportResult, name: str) -> None:
    lg = lang()
    st.download_button(t("download_problems"), data=lambda: result.problems_xlsx(lg),
                       file_name=f"{name}.problems.xlsx", key="data_problems_download", mime=XLSX_MIME,
                       on_click="ignore")


def _problems(result: ImportResult, name: str) -> None:
    st.subheader(t("problems"))
    if not result.problems:
        st.caption(t("problems_none"))
        return
    counts = {s: sum(p.severity == s for p in result.problems) for s in ("error", "warning", "info")}
    st.caption(t("problems_counts", **counts))
    show_table(result.problems_frame(lang()), key="data_problems")
    _problems_download(result, name)


def sheets_display(result: ImportResult) -> pd.DataFrame:
    """The sheets of a file with their kind in words."""
    frame = result.sheets_frame()
    frame["kind"] = frame["kind"].map(lambda k: t(f"kind_{k}"))
    return frame


def upload_section() -> None:
    """The uploader, and the message of a file that could not be read."""
    from partnerlib import sandbox

    sandbox.warm_up()  # the reader's worker, started before she picks a file (none started when one is idle)
    limit = max_upload_bytes()
    uploaded = st.file_uploader(t("upload"), key="data_upload", max_upload_size=max(1, limit // 1024 // 1024),
                                help=t("upload_help", limit=int(limit / 1024 / 1024)))
    if uploaded is None:
        st.session_state.pop(TAKEN, None)  # the same file given again is read again
        return
    take(uploaded)
    refused = st.session_state.get(REFUSED)
    if _refused_now():
        result = read_upload(refused)
        st.error(t("read_failed", name=safe.markdown(refused["name"])) + " "
                 + safe.markdown(result.problems[0].message_in(lang())))
        _problems(result, refused["name"])


def _refused_now() -> bool:
    """True while the uploader holds a file that could not be read (its message replaces the shown file's)."""
    refused = st.session_state.get(REFUSED)
    return refused is not None and st.session_state.get(TAKEN) == refused["sha256"]


def file_section() -> None:
    """The shown file: what was read, its problems, a preview, saving and discarding."""
    upload, result = pending(), pending_result()
    if upload is None or _refused_now():
        return
    lg = lang()
    years = metrics.years(result.dataset())
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "—")
    st.success(t("file_shown", name=safe.markdown(upload["name"])) + " " + t(
        "read_ok", partners=result.partners_said(lg), events=fmt.number(len(result.events), lg),
        years=span))
    _problems(result, upload["name"])
    st.subheader(t("preview"))
    show_table(sheets_display(result), key="data_sheets")
    mapping_section(result, upload["sha256"])
    left, right = st.columns(2)
    with left:
        st.caption(t("page_partners"))
        show_table(result.partners.head(20), key="data_preview_partners")
    with right:
        st.caption(t("page_events"))
        show_table(metrics.events_table(result.dataset()).head(20), key="data_preview_events")
    import_section()
    if st.button(t("discard_upload"), key="data_discard"):
        discard()
        st.rerun()


# ---------------------------------------------------------------- the history

def _local_time(value) -> str:
    """A stored UTC moment in the browser's time zone (the server's when the browser does not say)."""
    if pd.isna(value):
        return ""
    stamp = pd.Timestamp(value)
    zone = st.context.timezone
    try:
        local = stamp.tz_convert(zone) if zone else stamp.tz_convert(datetime.now().astimezone().tzinfo)
    except (KeyError, ValueError):  # an unknown zone name
        local = stamp.tz_convert(datetime.now().astimezone().tzinfo)
    return local.strftime("%d.%m.%Y %H:%M")


def history() -> pd.DataFrame:
    """The store's imports, newest first, with their state and local times as text."""
    frame = store().history(extra=True).sort_values("id", ascending=False).reset_index(drop=True)
    # A merge of partner names has no file: say what it is.
    frame["filename"] = frame["filename"].astype(object).where(frame["kind"] != "alias", t("history_merge"))
    edits = frame["kind"] == "edit"  # an edit of the register keeps the partner's name as its filename
    frame.loc[edits, "filename"] = [t("history_edit", partner=n) for n in frame.loc[edits, "filename"]]
    frame = frame.drop(columns=["kind", "admin", "undone_admin"])
    state = frame["undone_at"].isna().map({True: t("state_active"), False: t("state_undone")})
    for col in ("imported_at", "undone_at"):
        frame[col] = frame[col].map(_local_time)
    frame.insert(1, "state", state)
    return frame.drop(columns=["sha256"])


def _undo_choice(imports: pd.DataFrame, standing: list[int]) -> int:
    """The import to undo: the newest one still standing, unless she chose another since the last change."""
    version = store().version()
    if st.session_state.get(UNDO_VERSION) != version or st.session_state.get(UNDO_CHOICE) not in standing:
        st.session_state[UNDO_CHOICE] = standing[0]
        st.session_state[UNDO_VERSION] = version
    names = imports.set_index("id")["filename"]
    return st.selectbox(t("undo_choice"), standing, key=UNDO_CHOICE,
                        format_func=lambda i: f"№ {i} — {names.at[i]}")


def history_section() -> None:
    """Every import with its state and counts, undo, and the backup of the whole store."""
    st.subheader(t("history"))
    if admin_password() is None:
        st.caption(t("store_open_note"))
    saved = st.session_state.pop(SAVED, None)
    if saved is not None:
        st.success(t("store_saved", id=saved))
    error = st.session_state.get("store_error")
    if error is not None:
        st.error(safe.markdown(error.message_in(lang())))
        return
    imports = history()
    if imports.empty:
        st.caption(t("history_empty"))
        return
    show_table(imports, key="data_history")
    standing = imports.loc[imports["undone_at"] == "", "id"].tolist()
    if standing:
        left, right = st.columns([2, 1], vertical_alignment="bottom")
        with left:
            choice = _undo_choice(imports, standing)
            allowed = password_ok("data_undo_password")
        with right:
            if st.button(t("undo"), key="data_undo", disabled=not allowed):
                try:
                    store().undo(int(choice), admin=password_given("data_undo_password"))
                except StoreError as exc:
                    st.error(safe.markdown(exc.message_in(lang())))
                else:
                    password_used("data_undo_password")
                    st.session_state[UNDONE] = int(choice)
                    st.rerun()
    undone = st.session_state.pop(UNDONE, None)
    if undone is not None:
        st.success(t("undone", id=undone))
    url = resolve_url()
    st.download_button(t("download_backup"), data=lambda: _backup(url), file_name="partnerlib_backup.xlsx",
                       key="data_backup", icon=":material/backup:", mime=XLSX_MIME, on_click="ignore")


def _backup(url: str) -> bytes:
    """The whole store as one xlsx workbook, built when she clicks (outside the script run)."""
    from partnerlib.store import open_store

    with open_store(url, upgrade=False) as s:  # a store that waits for its upgrade is backed up as it is
        return s.export_xlsx()


def upgrade_section() -> None:
    """The store's schema upgrade: once done, the versions and where the copy of the store before it is; for a
    store that waits for it (PostgreSQL), the offer: download the backup first, then «Обновить»."""
    try:
        s = store()
        waiting = s.needs_upgrade
        before = version_before(s.schema_state()) if waiting else None
        last = None if waiting else s.last_upgrade()
    except StoreError:
        return  # the store cannot be opened: the sections below say why
    if not waiting:
        if last is not None:
            key = "upgrade_done_file" if last.kind == "file" else "upgrade_done_schema"
            st.info(safe.markdown(t(key, before=last.from_version, after=last.to_version, copy=last.copy)),
                    icon=":material/update:")
        return
    st.warning(t("upgrade_offer", before=before, after=SCHEMA_VERSION), icon=":material/backup:")
    url = resolve_url()
    st.download_button(t("download_backup"), data=lambda: _backup(url), file_name="partnerlib_backup.xlsx",
                       key="data_upgrade_backup", icon=":material/backup:", mime=XLSX_MIME, on_click="ignore")
    st.caption(t("upgrade_help"))
    allowed = password_ok("data_upgrade_password")
    if st.button(t("upgrade_button"), key="data_upgrade", type="primary", disabled=not allowed):
        try:
            s.upgrade()
        except StoreError as exc:
            st.error(safe.markdown(exc.message_in(lang())))
            return
        password_used("data_upgrade_password")
        st.rerun()


def library_section() -> None:
    """The library's name and city, set once: the deck's title slide, the report and the summary use them."""
    st.subheader(t("library_title"))
    st.caption(t("library_help"))
    current = library_settings()
    left, right = st.columns([2, 1])
    name = left.text_input(t("library_name"), value=current["library_name"] or "", key="data_library_name",
                           max_chars=200)
    city = right.text_input(t("library_city"), value=current["city"] or "", key="data_library_city",
                            max_chars=100)
    if st.button(t("library_save"), key="data_library_save"):
        set_library({"library_name": name, "city": city})
        st.success(t("library_saved"))


def _template() -> bytes:
    from partnerlib.template import template_workbook

    return template_workbook()


def templates_section() -> None:
    """The empty template and the demo workbook, built when she clicks."""
    st.subheader(t("templates"))
    left, right = st.columns(2)
    with left:
        st.download_button(t("download_template"), data=_template, file_name="partnerlib_template.xlsx",
                           key="data_template", icon=":material/download:", mime=XLSX_MIME, on_click="ignore")
    with right:
        st.download_button(t("download_sample"), data=SAMPLE_PATH.read_bytes, file_name="partnerlib_sample.xlsx",
                           key="data_sample", icon=":material/download:", mime=XLSX_MIME, on_click="ignore")


# ================================================================ how the sheets and columns were read
# The column mapping on the Data page: each sheet's kind and each column's field, as read, for her to change.

NOT_READ = ""  # the option «не загружать»
_KINDS = (model.PARTNERS, model.EVENTS, layout.SKIPPED)
# Fields offered for a column, by the kind of its sheet (the vocabulary's order).
_OFFERED = {kind: [f for f in headings.fields() if f in layout.USED_FIELDS[kind]] for kind in layout.USED_FIELDS}


def _field_label(field: str, kind: str) -> str:
    if field == NOT_READ:
        return t("mapping_not_read")
    name = "partners" if field == "partner" and kind == model.EVENTS else field
    return i18n.column_label(name, lang())


def _how(column: layout.Column) -> str:
    return t(f"mapping_how_{column.how or 'none'}")


def _choose_column(heading: str, key: str) -> None:
    field = st.session_state[key]
    upload = st.session_state[UPLOAD]
    choices = upload.setdefault("choices", {})
    choices.setdefault("columns", {})[headings.fold(heading)] = field or None


def _choose_kind(sheet: str, key: str) -> None:
    upload = st.session_state[UPLOAD]
    upload.setdefault("choices", {}).setdefault("kinds", {})[sheet] = st.session_state[key]


def _sheet(result_sheet: SheetInfo, i: int, digest: str) -> None:
    kind_key = f"data_map_kind_{digest[:12]}_{i}"
    st.selectbox(t("mapping_kind", sheet=safe.markdown(result_sheet.name)), _KINDS,
                 index=_KINDS.index(result_sheet.kind if result_sheet.kind in _KINDS else layout.SKIPPED),
                 format_func=lambda k: t(f"kind_{k}"), key=kind_key,
                 on_change=_choose_kind, args=(result_sheet.name, kind_key))
    kind = result_sheet.kind
    if kind not in (model.PARTNERS, model.EVENTS) or not result_sheet.headings:
        return
    offered = [NOT_READ, *_OFFERED[kind]]
    cells = st.columns(3)
    for j, column in enumerate(result_sheet.headings):
        if headings.fold(column.heading) in layout.SILENT_HEADINGS:
            continue
        current = column.field if column.field in offered else NOT_READ
        key = f"data_map_{digest[:12]}_{i}_{column.index}"
        help_text = t("mapping_column_help", how=_how(column), sample=safe.markdown(column.sample or "—"))
        cells[j % 3].selectbox(
            safe.markdown(column.heading), offered, index=offered.index(current),
            format_func=lambda f, kind=kind: _field_label(f, kind), key=key, help=help_text,
            on_change=_choose_column, args=(column.heading, key),
        )


def remember_choices(result: ImportResult) -> None:
    """Keep her choices of columns in the store, for the next file with the same headings."""
    try:
        for signature, chosen in result.chosen_columns().items():
            store().save_column_choices(signature, chosen)
    except StoreError as exc:  # the import is saved; only the remembering failed, and she is told so
        st.warning(safe.markdown(exc.message_in(lang())))


def mapping_section(result: ImportResult, digest: str) -> None:
    """Each sheet's kind and each column's field; a change reads the file again at once.

    Open by itself while a column of data was not recognised, and once she has chosen something (so
    that it does not close under her hand).
    """
    doubtful = any(c.how in (headings.AMBIGUOUS, None) and c.sample for s in result.sheets for c in s.headings
                   if headings.fold(c.heading) not in layout.SILENT_HEADINGS)
    chosen = bool(st.session_state.get(UPLOAD, {}).get("choices"))
    with st.expander(t("mapping_title"), expanded=doubtful or chosen, icon=":material/table_edit:"):
        st.caption(t("mapping_help"))
        for i, sheet in enumerate(result.sheets):
            if sheet.skipped == "empty":
                continue
            _sheet(sheet, i, digest)


# ================================================================ possible duplicates
# The Data page's possible duplicates: partner names of the shown file close to one another or to the
# store's, each confirmed as one partner (choosing the name kept) or marked as different partners.

MAX_SHOWN = 30
MERGED = "data_duplicates_merged"  # the history id of the merge just made (said once)
PASSWORD = "data_duplicates_password"


@st.cache_data(show_spinner=False, max_entries=8)
def _candidates(digest: str, url: str, version: str, empty: bool, different: tuple, _names: tuple) -> pd.DataFrame:
    aliases = store_aliases(version)
    to = identity.alias_map(aliases) if len(aliases) else {}
    names = [to.get(normalise_name(n), n) for n in _names]
    stored = [] if empty else metrics.partner_choices(_store_dataset(url, version))["partner"].tolist()
    return identity.possible_duplicates(names, stored, different=different)


def candidates() -> pd.DataFrame:
    """The possible duplicates of the shown file (a, b, score), its confirmed aliases applied first."""
    upload, result = pending(), pending_result()
    s = store()
    names = tuple([*result.partners["partner"].dropna(), *result.event_partners["partner"].dropna()])
    return _candidates(upload["sha256"], resolve_url(), s.version(), s.is_empty(), tuple(identity.different_pairs(s)),
                       names)


def duplicates_section() -> None:
    """Possible duplicates after an upload: for each pair, «Один партнёр» (with the name to keep) or
    «Разные»; a merge is an entry of the history, undone there."""
    if pending() is None:
        return
    try:
        found = candidates()
    except StoreError as exc:
        st.error(safe.markdown(exc.message_in(lang())))
        return
    merged = st.session_state.pop(MERGED, None)
    if merged is not None:
        st.success(t("duplicates_merged", id=merged))
    if found.empty:
        return
    st.subheader(t("duplicates_title"))
    st.caption(t("duplicates_help"))
    allowed = password_ok(PASSWORD)
    for pair in found.head(MAX_SHOWN).itertuples():
        key = hashlib.sha1(f"{pair.a}\x1f{pair.b}".encode()).hexdigest()[:12]
        text, keep, same, other = st.columns([5, 4, 2, 2], vertical_alignment="bottom")
        text.markdown(f"«{safe.markdown(pair.a)}» — «{safe.markdown(pair.b)}»  \n"
                      + t("duplicates_score", score=fmt.number(pair.score, lang(), 0)))
        kept = keep.selectbox(t("duplicates_keep"), [pair.a, pair.b], key=f"data_dup_keep_{key}")
        if same.button(t("duplicates_same"), key=f"data_dup_same_{key}", disabled=not allowed):
            alias = pair.b if kept == pair.a else pair.a
            try:
                st.session_state[MERGED] = store().add_alias(alias, kept, admin=password_given(PASSWORD))
            except StoreError as exc:
                st.error(safe.markdown(exc.message_in(lang())))
                return
            password_used(PASSWORD)
            st.rerun()
        if other.button(t("duplicates_different"), key=f"data_dup_diff_{key}", disabled=not allowed):
            identity.mark_different(store(), pair.a, pair.b)
            password_used(PASSWORD)
            st.rerun()


# ================================================================ the Partners page: editing the register
# One partner's agreement, contact person, responsible and website, saved to the store as one history entry
# (undone on the Data page as an import is).

EDIT_PASSWORD = "partners_edit_password"
EDIT_SAVED = "partners_edit_saved"  # the history id of the edit just saved (said once)
EDIT_LOADED = "partners_edit_loaded"  # (partner key, store version) whose values the fields hold


def _edit_key(field: str) -> str:
    return f"partners_edit_{field}"


@st.cache_data(show_spinner=False, max_entries=8)
def _register_choices(token: str, aliases: tuple, _load: Callable[[], Dataset]) -> pd.DataFrame:
    # Every partner of the shown data, whatever the filters: 0.6–1.2 s at 100,000 events, once per dataset
    # rather than on every run of the Partners page.
    return metrics.partner_choices(_load(), aliases)


def register_editor() -> None:
    """The form of one partner's register fields; only the store's data is edited (an upload is saved first)."""
    from partnerlib import register

    st.subheader(t("register_edit_title"))
    token = dataset_token()
    if not token.startswith("store:"):
        st.caption(t("register_edit_store_only"))
        return
    saved = st.session_state.pop(EDIT_SAVED, None)
    if saved is not None:
        st.success(t("register_edit_saved", id=saved))
    choices = _register_choices(token, alias_pairs(), dataset)
    if choices.empty:
        return
    labels = dict(zip(choices["key"], choices["partner"], strict=True))
    key = st.selectbox(t("register_edit_partner"), list(labels), format_func=labels.get, key=_edit_key("partner"))
    version = token.split(":", 1)[1]
    if st.session_state.get(EDIT_LOADED) != (key, version):
        stored = register.register_row(dataset().partners, key)
        for field in model.REGISTER_FIELDS:
            value = stored.get(field)
            if field in register.DATE_FIELDS:
                st.session_state[_edit_key(field)] = value
            else:
                st.session_state[_edit_key(field)] = "" if value is None else str(value)
        st.session_state[EDIT_LOADED] = (key, version)
    allowed = password_ok(EDIT_PASSWORD)
    code = lang()
    with st.form(key="partners_edit_form", border=True):
        left, right = st.columns(2)
        with left:
            st.selectbox(column_label("agreement_kind"), ["", *model.AGREEMENT_KINDS], key=_edit_key("agreement_kind"),
                         format_func=lambda k: i18n.agreement_name(k, code) if k else "—")
            st.text_input(column_label("agreement_number"), key=_edit_key("agreement_number"))
            for field in register.DATE_FIELDS:
                st.date_input(column_label(field), key=_edit_key(field), format="DD.MM.YYYY",
                              min_value=datetime(1950, 1, 1).date(), max_value=datetime(2100, 12, 31).date())
            st.text_input(column_label("website"), key=_edit_key("website"))
        with right:
            for field in ("contact_name", "contact_position", "contact_phone", "contact_email", "responsible"):
                st.text_input(column_label(field), key=_edit_key(field))
            st.caption(t("register_edit_personal"))
        submitted = st.form_submit_button(t("register_edit_save"), key=_edit_key("save"), disabled=not allowed)
    if not submitted:
        return
    values = {f: st.session_state.get(_edit_key(f)) for f in model.REGISTER_FIELDS}
    values["agreement_kind"] = values["agreement_kind"] or None
    try:
        entry = store().edit_partner(labels[key], values, admin=password_given(EDIT_PASSWORD))
    except StoreError as exc:
        st.error(safe.markdown(exc.message_in(code)))
        return
    if entry is None:
        st.info(t("register_edit_nothing"))
        return
    password_used(EDIT_PASSWORD)
    st.session_state[EDIT_SAVED] = entry
    st.rerun()


def column_label(name: str) -> str:
    """A field's label in the chosen language."""
    return i18n.column_label(name, lang())


# ================================================================ the register's alerts

ALERT_DAYS = "alert_days"  # the store's setting: how many days ahead an agreement's end is announced
ALERT_ICONS = {"ending": ":material/event_upcoming:", "ended": ":material/event_busy:",
               "quiet": ":material/hourglass_empty:", "idle": ":material/handshake:"}


def alert_days() -> int:
    """Days ahead an agreement's end is announced: the store's setting, else alerts.DEFAULT_DAYS."""
    from partnerlib import alerts

    try:
        value = store().get_setting(ALERT_DAYS)
    except StoreError:
        value = None
    return int(value) if value and value.isdigit() and int(value) > 0 else alerts.DEFAULT_DAYS


def _save_alert_days() -> None:
    value = st.session_state.get("partners_alert_days")
    if value and dataset_token().startswith("store:"):
        store().set_setting(ALERT_DAYS, str(int(value)))


def alerts_day(token: str | None = None) -> date:
    """The day the register's reminders are for: today; for the demo data the end of its last year
    (sample.DEMO_DAY), the day its agreements were written for. `token`: the shown data's (dataset_token)."""
    if (dataset_token() if token is None else token).startswith("demo:"):
        from partnerlib.sample import DEMO_DAY

        return DEMO_DAY
    return datetime.now().date()


def alerts_section(limit: int | None = None) -> None:
    """The register's alerts, each a link to its partner's page. On the Partners page (no `limit`) with the
    number of days ahead to announce an agreement's end; in the Overview the first `limit` and a link to the rest."""
    from partnerlib import alerts

    today = alerts_day()
    st.subheader(t("alerts_title"))
    if dataset_token().startswith("demo:"):
        st.caption(t("alerts_demo_day", date=fmt.date(today, lang())))
    if limit is None:
        if "partners_alert_days" not in st.session_state:
            st.session_state["partners_alert_days"] = alert_days()
        days = st.number_input(t("alerts_days"), min_value=1, max_value=730, step=1, key="partners_alert_days",
                               on_change=_save_alert_days)
    else:
        days = alert_days()
    found = compute(alerts.alerts, today, int(days))
    if found.empty:
        st.caption(t("alerts_none"))
        return
    code = lang()
    shown = found if limit is None else found.head(limit)
    # In a keyed container: the partners' names (in bold) are the sheet's text, in its own language.
    with st.container(key="alerts_list"):
        for row in shown.itertuples():
            label = f"**{safe.markdown(row.partner)}** — {safe.markdown(alerts.describe(row, today, code))}"
            st.page_link("pages/partner.py", label=label, icon=ALERT_ICONS[row.kind],
                         query_params={"partner": row.key})
    if len(found) > len(shown):
        st.page_link("pages/partners.py", label=t("alerts_more", n=len(found) - len(shown)),
                     icon=":material/more_horiz:")


def partner_register(key: str) -> None:
    """The partner's register on its page: the agreement, the contact person, the responsible, the website."""
    from partnerlib import register

    for label, text in register.register_lines(register.register_row(dataset().partners, key), lang()):
        st.markdown(f"**{safe.markdown(label)}:** {safe.markdown(text)}")


def take_linked_partner(keys: list[str], key: str = "partner_choice") -> None:
    """Choose the partner an alert's link names (`?partner=…`) in the selectbox `key`, once."""
    wanted = st.query_params.get("partner")
    if wanted is None:
        return
    del st.query_params["partner"]
    if wanted in keys:
        st.session_state[key] = wanted


# ================================================================ warming the server up

WARM_UP_BEFORE_S = 30  # seconds the server waits for its warm-up before it listens (the warm-up goes on)
WARM_UP_WAIT_S = 120  # seconds the warm-up then waits for the server's runtime before it gives up


def warm_up(lang_code: str = i18n.DEFAULT_LANG) -> bool:
    """Compute what a first visit's first Overview run computes, through the same cached functions with the
    same keys, so that her first run finds it done: the shown dataset (the store's, else the demo
    workbook), the sidebar's options, the dataset with the default filters (every year, category, format
    and library), the Overview's figures, sentences, trends (in `lang_code`), branches and alerts, and then
    the Partners page's figures, register and choices of partners to edit.

    Reads no session state: it runs in a thread of its own, outside any script run. A visitor who comes
    while it runs waits for the value being computed (Streamlit computes one key once) instead of
    computing it a second time. Returns False when there is nothing to show (a read that failed, no events).
    """
    from partnerlib import alerts, narrative, spark

    url = resolve_url()
    try:
        s = store()
        version = None if s.is_empty() else s.version()
    except StoreError:  # the Data page says why; the demo workbook is shown meanwhile
        version = None
    token = _shown_token(version)
    if version is None:
        data = sample_bytes()
        try:
            demo = _read_kept(sha256(data), SAMPLE_PATH.name, data, "", None, read_settings())
        except _NotKept:
            return False

        def whole() -> Dataset:
            return demo.dataset("demo")
    else:
        whole = functools.partial(_store_dataset, url, version)
    years_all, _, libraries = _options(token, whole)
    years = (years_all[0], years_all[-1]) if len(years_all) > 1 else None  # the sidebar slider's default
    flt = (None, None, None)
    shown = _filtered(token, *flt, whole)

    def computed(fn: Callable, *args):
        return _computed(_name(fn), token, flt, args, fn, lambda: shown)

    def drawn(build: Callable, table: pd.DataFrame, *args, **kwargs):
        return _figure(_name(build), token, (years, *flt), lang_code, args, tuple(sorted(kwargs.items())), build,
                       table)

    # What pages/overview.py computes, in its order and with its arguments (tests/test_app_warmup.py checks
    # that her first run then computes nothing).
    if computed(metrics.event_count, years) == 0:
        return False
    history = computed(metrics.yearly)
    table = metrics.in_years(history, years)
    year = int(table.loc[table["events"] > 0, "year"].iloc[-1])
    computed(narrative.insights, year, lang_code, history)
    for name in model.TREND_NAMES:
        drawn(spark.trend_svg, table, name, lang_code, kind=model.MEASURE[name].chart,
              color=charts.MEASURE_COLORS[name])
    if len(libraries) > 1:
        branch = computed(branches.branch_table)
        if branches.several(branch):
            drawn(charts.branches, metrics.in_years(branch, years), lang_code)
    computed(alerts.alerts, alerts_day(token), alert_days())
    _preload_script()

    # Then what pages/partners.py computes, the page she is likeliest to open next (2 s at 100,000 events).
    by_category = computed(metrics.partners_by_category, years)
    drawn(charts.partners_by_category, by_category, "count", lang_code)
    drawn(charts.partner_flow, computed(metrics.partner_flow, years), lang_code)
    drawn(charts.partner_tree, computed(metrics.category_tree, None, years), lang_code)
    for measure in ("events", "participants"):
        drawn(charts.top_partners, computed(metrics.top_partners, measure, 10, None, years), measure, lang_code)
    computed(metrics.partner_table, "")  # the register, not searched yet
    if token.startswith("store:"):
        _register_choices(token, alias_pairs(token), whole)
    return True


def start_warm_up() -> threading.Event:
    """Start `warm_up` in a thread of its own and return an event set when it has ended (a failure is logged,
    never raised: the first visit then computes as it would have). `partnerlib.serve` starts the server once
    it is set, or after WARM_UP_BEFORE_S: the first visit, even at once, then finds her Overview computed.

    Then, once the server's runtime exists, the thread makes Streamlit's once-per-process check of how it
    was started (as the first element of the first run is sent, inspect.stack() over every loaded module:
    0.3–0.7 s of her first run; with the runtime up it says nothing) and takes what is alive out of the
    garbage collector's rounds (`keep_long_lived`).
    """
    done = threading.Event()

    def run() -> None:
        from streamlit import delta_generator, runtime
        from streamlit.runtime.runtime import Runtime, RuntimeState

        # Caches made before the server exists are the server's all the same (Streamlit keeps them by function,
        # in memory, as its runtime would); only its warning that there is no runtime yet is left unsaid.
        quiet = logging.getLogger("streamlit.runtime.caching.cache_data_api")
        quiet.disabled = True
        try:
            warm_up()
        except Exception:  # the first visit computes it all again, and meets the error where it can say it
            logging.getLogger(__name__).exception("warming the dashboard up failed")
        finally:
            quiet.disabled = False
            keep_long_lived()
            done.set()
        deadline = time.monotonic() + WARM_UP_WAIT_S
        while not (runtime.exists() and Runtime.instance().state != RuntimeState.INITIAL):
            if time.monotonic() > deadline:
                return
            time.sleep(0.05)
        getattr(delta_generator, "_maybe_print_use_warning", lambda: None)()
        keep_long_lived()  # the modules the server imported as it started

    threading.Thread(target=run, name="partnerlib-warm-up", daemon=True).start()
    return done


def keep_long_lived() -> int:
    """Take every object alive now (modules, functions, the warmed caches) out of the garbage collector's
    rounds, and return how many there are.

    Streamlit runs a full collection after every script run (`runner.postScriptGC`), holding the interpreter
    while the run's last messages wait to be sent: over the 200,000 objects that pandas, plotly and
    Streamlit themselves are made of, 0.1–0.3 s of the server's work on every page switch and filter change
    (in the browser, turning that collection off moved bench/browser_bench.py's switch median by 0.05–0.2 s).
    What is made later — the runs' data, sessions' state — is collected as before.
    """
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


# ================================================================ the server's launcher

DASHBOARD = ROOT / "dashboard.py"


def serve(argv: list[str] | None = None) -> None:
    """`streamlit run dashboard.py [options]` in this process (see `partnerlib.serve`, which imports the
    heavy modules first)."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    # The app routes with st.navigation: Streamlit's first multipage mode (chosen for an app with a `pages/`
    # folder) is never wanted. Said before the first session, it spares that session's first run the rerun
    # that dashboard.py otherwise makes to leave that mode (a round trip before she sees anything).
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(DASHBOARD), *(sys.argv[1:] if argv is None else argv)]
    cli.main()
