"""The Data page's body: the uploaded file kept until she saves or discards it, its problems and preview,
saving to the store, the import history with undo, and the files to download."""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime

import pandas as pd
import streamlit as st

from partnerlib import fmt, i18n, metrics, safe
from partnerlib.attempts import SERVER, Attempts
from partnerlib.reader import ImportResult, max_upload_bytes
from partnerlib.store import ImportPreview, StoreError, admin_password, resolve_url
from partnerlib.ui import (
    SAMPLE_PATH,
    UPLOAD,
    lang,
    library_settings,
    read_cached,
    read_upload,
    set_library,
    sha256,
    show_table,
    store,
    t,
)
from partnerlib.ui.columns import mapping_section, remember_choices

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
    with st.spinner(t("reading", name=safe.markdown(uploaded.name))):
        result = read_cached(digest, uploaded.name, data)
    if result.ok:
        st.session_state[UPLOAD] = {"name": uploaded.name, "sha256": digest, "data": data}
        st.session_state.pop(REFUSED, None)
    else:
        st.session_state[REFUSED] = {"name": uploaded.name, "sha256": digest, "data": data}
    st.rerun()  # the shown dataset (and so the sidebar and every figure) may have changed


def discard() -> None:
    """Go back to the stored or demo data; the file still in the uploader is not taken again."""
    st.session_state.pop(UPLOAD, None)


# ---------------------------------------------------------------- saving to the store

@st.cache_data(show_spinner=False, max_entries=8)
def _preview(digest: str, url: str, version: str, _result: ImportResult) -> ImportPreview:
    return store().preview(_result)


def import_preview() -> ImportPreview:
    """What saving the shown file would change in the store (cached per file and store version)."""
    upload = pending()
    return _preview(upload["sha256"], resolve_url(), store().version(), pending_result())


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
    limit = max_upload_bytes()
    uploaded = st.file_uploader(t("upload"), key="data_upload", max_upload_size=max(1, limit // 1024 // 1024),
                                help=t("upload_help", limit=int(limit / 1024 / 1024)))
    if uploaded is None:
        st.session_state.pop(TAKEN, None)  # the same file given again is read again
        return
    take(uploaded)
    refused = st.session_state.get(REFUSED)
    if _refused_now():
        result = read_cached(refused["sha256"], refused["name"], refused["data"])
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
        "read_ok", partners=fmt.number(len(result.partners), lg), events=fmt.number(len(result.events), lg),
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

    with open_store(url) as s:
        return s.export_xlsx()


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
