"""Sentences written from the numbers of a year (the Overview page and the closing slide share them)."""

from __future__ import annotations

import pandas as pd

from partnerlib import fmt, metrics, safe
from partnerlib.i18n import TEXTS, category_name, plural, t
from partnerlib.model import Dataset

# Changes smaller than this (per cent, or percentage points for shares) read as "about the same".
STEADY_PCT = 3.0


def insights(ds: Dataset, year: int, lang: str = "ru", yearly_table: pd.DataFrame | None = None) -> list[str]:
    """Three to five sentences on `year` against the year before: events, online share, the leading
    category, partners, participants and views (never added together). Empty when the year has no events.

    `yearly_table`, when given, is `metrics.yearly(ds)` already made (it is not computed again).
    """
    table = (metrics.yearly(ds) if yearly_table is None else yearly_table).set_index("year")
    if year not in table.index or table.at[year, "events"] == 0:
        return []
    cur = table.loc[year]
    prev = table.loc[year - 1] if (year - 1) in table.index and table.at[year - 1, "events"] > 0 else None
    out = [_events_sentence(year, cur, prev, lang)]
    share = _online_sentence(year, cur, prev, lang)
    if share:
        out.append(share)
    leader = _leader_sentence(ds, year, lang)
    if leader:
        out.append(leader)
    out.append(_partners_sentence(cur, lang))
    out.append(_reach_sentence(cur, prev, lang))
    return out[:5]


def _change_pct(cur: float, prev: float | None) -> float | None:
    if prev is None or not prev:
        return None
    return 100.0 * (cur - prev) / prev


def _events_sentence(year, cur, prev, lang) -> str:
    n = int(cur["events"])
    change = _change_pct(n, int(prev["events"]) if prev is not None else None)
    words = {"year": year, "n": fmt.number(n, lang), "noun": plural(n, "narrative.noun_events", lang),
             "previous": year - 1}
    if change is None:
        return t("narrative.events", lang, **words)
    if abs(change) < STEADY_PCT:
        return t("narrative.events_steady", lang, **words)
    key = "narrative.events_more" if change > 0 else "narrative.events_fewer"
    return t(key, lang, pct=fmt.percent(abs(change), lang, 0), **words)


def _online_sentence(year, cur, prev, lang) -> str:
    share = float(cur["online_share"])
    if prev is None:
        return t("narrative.online_first", lang, share=fmt.percent(share, lang, 0))
    before = float(prev["online_share"])
    # «Stayed» only when the card beside it shows no change either (it shows the change to 0.1 pp);
    # otherwise the two shares get the decimal that tells them apart.
    if round(share - before, 1) == 0:
        return t("narrative.online_stayed", lang, share=fmt.percent(share, lang, 0))
    digits = 0 if fmt.percent(before, lang, 0) != fmt.percent(share, lang, 0) else 1
    key = "narrative.online_rose" if share > before else "narrative.online_fell"
    return t(key, lang, year=year, before=fmt.percent(before, lang, digits), share=fmt.percent(share, lang, digits))


def _leader_sentence(ds, year, lang) -> str | None:
    shares = metrics.share_by_category(ds, year)
    shares = shares[shares["category"] != metrics.NO_CATEGORY]
    if shares.empty:
        return None
    top = shares.sort_values(["events", "category"], ascending=[False, True]).iloc[0]
    own = f"narrative.with.{top['category']}"
    if own in TEXTS:
        with_category = t(own, lang)
    else:  # a sheet's own category, as plain text
        name = safe.text(category_name(top["category"], lang))
        with_category = t("narrative.with_category", lang, category=name if lang == "ru" else name.lower())
    return t("narrative.leader", lang, with_category=with_category, pct=fmt.percent(float(top["share"]), lang, 0))


def _partners_sentence(cur, lang) -> str:
    active, new = int(cur["active_partners"]), int(cur["new_partners"])
    unknown = int(cur.get("unknown_partners", 0))
    words = {"worked": plural(active, "narrative.worked", lang), "active": fmt.number(active, lang),
             "noun": plural(active, "narrative.noun_partners", lang), "new": fmt.number(new, lang),
             "new_word": plural(new, "narrative.new", lang), "unknown": fmt.number(unknown, lang)}
    if unknown:
        key = "narrative.partners_new_unknown" if new else "narrative.partners_unknown"
    else:
        key = "narrative.partners_new" if new else "narrative.partners_none_new"
    return t(key, lang, **words)


def _reach_sentence(cur, prev, lang) -> str:
    parts = {}
    for name in ("participants", "views"):
        value = int(cur[name])
        change = _change_pct(value, int(prev[name]) if prev is not None else None)
        tail = f" ({fmt.signed_percent(change, lang, 0)})" if change is not None else ""
        parts[name] = fmt.number(value, lang) + tail
    return t("narrative.reach", lang, **parts)
