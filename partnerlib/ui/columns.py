"""The column mapping on the Data page: each sheet's kind and each column's field, as read, for her to change."""

from __future__ import annotations

import streamlit as st

from partnerlib import headings, i18n, layout, model, safe
from partnerlib.reader import ImportResult, SheetInfo
from partnerlib.store import StoreError
from partnerlib.ui import UPLOAD, lang, store, t

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
