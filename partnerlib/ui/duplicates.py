"""The Data page's possible duplicates: partner names of the shown file close to one another or to the
store's, each confirmed as one partner (choosing the name kept) or marked as different partners."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from partnerlib import fmt, identity, metrics, safe
from partnerlib.store import StoreError
from partnerlib.ui import _store_dataset, lang, resolve_url, store, store_aliases, t
from partnerlib.ui.data import password_given, password_ok, password_used, pending, pending_result
from partnerlib.values import normalise_name

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


def section() -> None:
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
