"""The preview of an import in words: what a merge plan would add, fill and change, as the director reads it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from partnerlib import fmt, model
from partnerlib.backup import AUDIENCE_RU, FORMAT_RU, FORMAT_UNKNOWN_RU, PLACE_RU
from partnerlib.categories import category_label, level_label
from partnerlib.i18n import agreement_name, format_label, t
from partnerlib.store.merge import Plan

PREVIEW_COLUMNS = ["table", "item", "column", "old", "new"]
CATEGORY_CHANGE_COLUMNS = ["partner", "old", "new"]


@dataclass
class ImportPreview:
    """What importing a file would do to the store, before anything is written.

    `conflicts` lists filled stored values the file would change (applied only with accept_changes);
    `fills` lists empty stored values the file fills (always applied). Both have the columns
    table (partners/events), item (partner name or event), column (canonical field), old, new — the
    values as display text. `category_changes` is the part of `conflicts` that changes partner categories.
    """

    new_events: int
    present_events: int
    new_partners: int
    present_partners: int
    category_changes: pd.DataFrame
    conflicts: pd.DataFrame
    fills: pd.DataFrame

    @property
    def changes_anything(self) -> bool:
        """True when applying (without accepting changes) would add or fill anything."""
        return bool(self.new_events or self.new_partners or len(self.fills))



def preview_of(plan: Plan, lang: str = "ru") -> ImportPreview:
    """The plan's new and present rows, and its fills and changes as display text in `lang`."""
    cells = plan.cells[plan.cells["shown"]] if len(plan.cells) else plan.cells
    cells = _worded(cells, plan, lang)
    fills = cells[cells["kind"] == "fill"] if len(cells) else cells
    conflicts = cells[cells["kind"] == "change"] if len(cells) else cells
    category = conflicts[(conflicts["table"] == model.PARTNERS) & (conflicts["column"] == "category")] \
        if len(conflicts) else conflicts
    return ImportPreview(
        new_events=len(plan.events_new),
        present_events=plan.events_present,
        new_partners=len(plan.partners_new),
        present_partners=plan.partners_present,
        category_changes=_show_frame(category, ["item", "old_show", "new_show"], CATEGORY_CHANGE_COLUMNS),
        conflicts=_show_frame(conflicts, ["table", "item", "column", "old_show", "new_show"], PREVIEW_COLUMNS),
        fills=_show_frame(fills, ["table", "item", "column", "old_show", "new_show"], PREVIEW_COLUMNS),
    )


def _worded(cells: pd.DataFrame, plan: Plan, lang: str) -> pd.DataFrame:
    """The cells with `item` (what row), `old_show` and `new_show` (the values as the preview shows them)."""
    if not len(cells):
        return cells.assign(item=pd.Series(dtype=object), old_show=pd.Series(dtype=object),
                            new_show=pd.Series(dtype=object))
    items = np.empty(len(cells), dtype=object)
    for table in cells["table"].unique():
        where = (cells["table"] == table).to_numpy()
        items[where] = _items(table, cells["row_id"].to_numpy()[where], plan)
    shows = {}
    for side in ("old", "new"):
        shows[side + "_show"] = [
            _show_count(v, f, lang) if c in model.COUNT_FLAGS else _show(c, v, lang)
            for c, v, f in zip(cells["column"], cells[side], cells[side + "_flag"], strict=True)
        ]
    return cells.assign(item=items, **shows)


def _items(table: str, ids: np.ndarray, plan: Plan) -> np.ndarray:
    """How each stored row is named in the preview: the partner's name, or the event's date and title."""
    if table == model.PARTNERS:
        return plan.stored_partners.set_index("id")["partner"].reindex(ids).to_numpy(dtype=object)
    m = plan.stored_events.set_index("id").reindex(ids)
    out = []
    for date, end, year, prec, title, partners in zip(m["date"], m["date_end"], m["year"], m["date_precision"],
                                                      m["title"], m["partners"], strict=True):
        when = fmt.written_date(date, end, year, prec)
        text = f"{when} «{title or ''}»"
        out.append(f"{text} ({partners})" if partners else text)
    return np.array(out, dtype=object)


def _show(column: str, value, lang: str = "ru") -> str:
    """A stored value as the preview shows it: labels for keys, numbers as `lang` writes them."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if column == "category":
        return category_label(value, lang)
    if column == "level":
        return level_label(value, lang)
    if column == "format":
        if lang == "ru":  # the words the backup writes, which read back to the same keys
            return FORMAT_RU.get(value, FORMAT_UNKNOWN_RU)
        return format_label(value, lang) if value in FORMAT_RU else t("format_unknown_cell", lang)
    if column == "place" and value in PLACE_RU:
        return t(f"place_{value}", lang)
    if column == "audience" and value in AUDIENCE_RU:
        return t(f"audience_{value}", lang)
    if column in model.INT_FIELDS:
        return fmt.number(value, lang) if column != "since" else str(int(value))
    if column == "agreement_kind":
        return agreement_name(value, lang)
    if column in model.DATE_FIELDS:
        return pd.Timestamp(value).strftime("%d.%m.%Y")
    return str(value)


def _show_count(value, approx: bool, lang: str = "ru") -> str:
    if value is None or pd.isna(value):
        return ""
    return ("≈" if approx else "") + fmt.number(value, lang)


def _show_frame(cells: pd.DataFrame, source: list[str], names: list[str]) -> pd.DataFrame:
    if not len(cells):
        return pd.DataFrame({n: pd.Series(dtype=object) for n in names})
    frame = cells[source].copy()
    frame.columns = names
    return frame.reset_index(drop=True)


