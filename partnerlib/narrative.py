"""Sentences written from the numbers of a year (the Overview page and the closing slide share them)."""

from __future__ import annotations

import pandas as pd

from partnerlib import fmt, metrics, safe
from partnerlib.i18n import category_name
from partnerlib.model import Dataset

# "Most events were held with …": the category in the instrumental case.
_WITH_CATEGORY_RU = {
    "authorities": "с органами власти",
    "institutions": "с организациями и учреждениями",
    "social_services": "с социальными службами",
    "public_organizations": "с общественными организациями",
    "media": "со СМИ",
    "other": "с другими партнёрами",
}
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
    ru = lang == "ru"
    out = [_events_sentence(year, cur, prev, ru)]
    share = _online_sentence(year, cur, prev, ru)
    if share:
        out.append(share)
    leader = _leader_sentence(ds, year, ru, lang)
    if leader:
        out.append(leader)
    out.append(_partners_sentence(cur, ru))
    out.append(_reach_sentence(cur, prev, ru))
    return out[:5]


def _change_pct(cur: float, prev: float | None) -> float | None:
    if prev is None or not prev:
        return None
    return 100.0 * (cur - prev) / prev


def _events_sentence(year, cur, prev, ru) -> str:
    n = int(cur["events"])
    change = _change_pct(n, int(prev["events"]) if prev is not None else None)
    if ru:
        noun = fmt.plural_ru(n, "мероприятие", "мероприятия", "мероприятий")
        text = f"В {year} году вместе с партнёрами проведено {fmt.number(n)} {noun}"
        if change is None:
            return text + "."
        if abs(change) < STEADY_PCT:
            return text + f", почти столько же, сколько в {year - 1} году."
        more = "больше" if change > 0 else "меньше"
        return text + f" — на {fmt.percent(abs(change), decimals=0)} {more}, чем в {year - 1} году."
    text = f"In {year}, {fmt.number(n, 'en')} events were held with partners"
    if change is None:
        return text + "."
    if abs(change) < STEADY_PCT:
        return text + f", about as many as in {year - 1}."
    word = "more" if change > 0 else "fewer"
    return text + f", {fmt.percent(abs(change), 'en', 0)} {word} than in {year - 1}."


def _online_sentence(year, cur, prev, ru) -> str | None:
    share = float(cur["online_share"])
    if prev is None:
        if ru:
            return f"Доля онлайн-мероприятий — {fmt.percent(share, decimals=0)}."
        return f"Online events made up {fmt.percent(share, 'en', 0)}."
    before = float(prev["online_share"])
    lg = "ru" if ru else "en"
    # «Stayed» only when the card beside it shows no change either (it shows the change to 0.1 pp);
    # otherwise the two shares get the decimal that tells them apart.
    if round(share - before, 1) == 0:
        b = fmt.percent(share, lg, 0)
        return (f"Доля онлайн-мероприятий осталась на уровне {b}." if ru
                else f"The share of online events stayed at {b}.")
    digits = 0 if fmt.percent(before, lg, 0) != fmt.percent(share, lg, 0) else 1
    a, b = fmt.percent(before, lg, digits), fmt.percent(share, lg, digits)
    if ru:
        verb = "выросла" if share > before else "снизилась"
        return f"В {year} году доля онлайн-мероприятий {verb} с {a} до {b}."
    verb = "rose" if share > before else "fell"
    return f"In {year}, the share of online events {verb} from {a} to {b}."


def _leader_sentence(ds, year, ru, lang) -> str | None:
    shares = metrics.share_by_category(ds, year)
    shares = shares[shares["category"] != metrics.NO_CATEGORY]
    if shares.empty:
        return None
    top = shares.sort_values(["events", "category"], ascending=[False, True]).iloc[0]
    pct = fmt.percent(float(top["share"]), lang, 0)
    if ru:
        own = safe.text(category_name(top["category"]))  # a sheet's own category, as plain text
        with_cat = _WITH_CATEGORY_RU.get(top["category"], f"с партнёрами категории «{own}»")
        return f"Больше всего мероприятий — {with_cat} ({pct})."
    return f"Most events were held with {safe.text(category_name(top['category'], 'en')).lower()} ({pct})."


def _partners_sentence(cur, ru) -> str:
    active, new = int(cur["active_partners"]), int(cur["new_partners"])
    unknown = int(cur.get("unknown_partners", 0))
    if ru:
        noun = fmt.plural_ru(active, "партнёр", "партнёра", "партнёров")
        worked = "работал" if fmt.plural_ru(active, "1", "2", "5") == "1" else "работали"
        text = f"С библиотекой {worked} {fmt.number(active)} {noun}"
        if unknown:
            # The data's first year: partners the register does not date cannot be called new.
            if new:
                newword = fmt.plural_ru(new, "новый", "новых", "новых")
                return text + (f", из них {fmt.number(new)} {newword}; "
                               f"для {fmt.number(unknown)} — нет данных за прошлый год.")
            return text + "; сравнить не с чем: нет данных за прошлый год."
        if new:
            newword = fmt.plural_ru(new, "новый", "новых", "новых")
            return text + f", из них {fmt.number(new)} {newword}."
        return text + ", новых партнёров не появилось."
    text = f"The library worked with {fmt.number(active, 'en')} partners"
    if unknown:
        if new:
            return text + (f", {fmt.number(new, 'en')} of them new; for {fmt.number(unknown, 'en')} "
                           "there is no data for the year before.")
        return text + "; there is nothing to compare with: no data for the year before."
    return text + (f", {fmt.number(new, 'en')} of them new." if new else ", none of them new.")


def _reach_sentence(cur, prev, ru) -> str:
    parts = []
    for name, ru_word, en_word in (("participants", "Участников", "participants"), ("views", "просмотров", "views")):
        value = int(cur[name])
        change = _change_pct(value, int(prev[name]) if prev is not None else None)
        lang = "ru" if ru else "en"
        tail = f" ({fmt.signed_percent(change, lang, 0)})" if change is not None else ""
        parts.append((ru_word if ru else en_word, fmt.number(value, lang) + tail))
    if ru:
        return f"{parts[0][0]} — {parts[0][1]}, {parts[1][0]} — {parts[1][1]}."
    return f"Participants: {parts[0][1]}; views: {parts[1][1]}."
