"""Alerts of the partner register: agreements ending or ended, partners gone quiet (pure pandas).

Four kinds, each a row naming the partner, the figure that raised it and the date it rests on:

- "ending": an agreement ends within N days (default 90): the days left.
- "ended": an agreement has ended while joint events go on: the events held after its last day.
- "quiet": a partner active last year has had no joint event this year so far: last year's events. Only
  when the data holds events of this year: before this year's sheet is loaded, every partner would be quiet.
- "idle": a partner with an agreement in force has had no event in the last 12 months: the days since
  its last event (none when it never had one).

An event's day is its last possible one (a period's end, a month's last day, a year's 31 December), so an
event of uncertain date never makes a partner look quieter than it is.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from partnerlib import fmt, i18n, model
from partnerlib.values import normalise_name

DEFAULT_DAYS = 90
KINDS = ("ending", "ended", "quiet", "idle")
ALERT_COLUMNS = ["kind", "partner", "key", "figure", "date"]
# Kinds of agreement that are in force until their end date (an "none" is no agreement).
IN_FORCE = ("contract", "agreement")


def _key(name) -> str | None:
    if name is None or (not isinstance(name, str) and pd.isna(name)):
        return None
    return normalise_name(str(name)) or str(name).lower()


def _event_days(events: pd.DataFrame, today: dt.date) -> pd.Series:
    """Each event's last possible day (see the module's docstring); a year-only event of this year is today."""
    date = events["date"]
    end = events["date_end"].where(events["date_end"].notna(), date)
    prec = events["date_precision"].astype(object)
    month_end = date + pd.offsets.MonthEnd(0)
    end = end.where(prec != "month", month_end)
    year = events["year"].astype("Int64")
    year_end = pd.to_datetime(year.astype("string") + "-12-31", format="%Y-%m-%d", errors="coerce")
    end = end.where(end.notna(), year_end).astype("datetime64[ns]")
    # A quarter's or a year's end beyond today is today: the event is past or under way.
    now = pd.Timestamp(today)
    return end.where((end <= now) | (date > now), now)


def partner_activity(ds: model.Dataset, today: dt.date) -> pd.DataFrame:
    """One row per event and partner: event_id, partner (as the event names it), key, year, _day (its last
    possible day)."""
    links = ds.event_partners[["event_id", "partner"]].dropna()
    events = ds.events.assign(_day=_event_days(ds.events, today))[["event_id", "year", "_day"]]
    joined = links.merge(events, on="event_id", how="inner")
    names = joined["partner"].astype(object)
    # Once per name (real sheets repeat them); objects even when there are none, to merge with the register.
    joined["key"] = names.map({n: _key(n) for n in pd.unique(names)}).astype(object)
    return joined


def alerts(ds: model.Dataset, today: dt.date, days: int = DEFAULT_DAYS) -> pd.DataFrame:
    """Every alert of the register on `today`, by kind then partner.

    Args:
        ds: the dataset (aliases applied, so each partner is one key).
        today: the day the alerts are for.
        days: how far ahead an ending agreement is announced.

    Returns:
        ALERT_COLUMNS: kind (KINDS), partner (the register's spelling, else the events'), key (the
        normalised name, as the partner page takes it), figure (int, or missing: "idle" without any
        event), date (the agreement's last day; for "idle" the last event's day; for "quiet" missing).
    """
    now = pd.Timestamp(today)
    reg = ds.partners.assign(key=ds.partners["partner"].map(_key).astype(object))
    reg = reg[reg["key"].notna()].drop_duplicates("key")
    act = partner_activity(ds, today)
    first = act.drop_duplicates("key")
    names = dict(zip(first["key"], first["partner"].astype(object), strict=True))
    names.update(zip(reg["key"], reg["partner"].astype(object), strict=True))
    rows: list[dict] = []

    kind = reg["agreement_kind"].astype(object)
    until = reg["agreement_until"]
    # An agreement in force: a contract or an agreement whose end is not past (or not given).
    signed = kind.isin(IN_FORCE) | (kind.isna() & (reg["agreement_number"].notna() | until.notna()))
    ending = signed & until.notna() & (until >= now) & (until <= now + pd.Timedelta(days=int(days)))
    for r in reg[ending.to_numpy()].itertuples():
        rows.append({"kind": "ending", "key": r.key, "figure": int((r.agreement_until - now).days),
                     "date": r.agreement_until})

    ended = reg.loc[(signed & until.notna() & (until < now)).to_numpy(), ["key", "agreement_until"]]
    held = act.merge(ended, on="key")
    after = held[held["_day"] > held["agreement_until"]].groupby("key")["event_id"].nunique()
    for r in ended[ended["key"].isin(after.index)].itertuples():
        rows.append({"kind": "ended", "key": r.key, "figure": int(after[r.key]), "date": r.agreement_until})

    this_year, last_year = today.year, today.year - 1
    per_year = act.groupby(["key", "year"])["event_id"].nunique()
    if len(per_year) and (act["year"] == this_year).any():
        table = per_year.unstack(fill_value=0)
        before = table[last_year] if last_year in table else pd.Series(0, index=table.index)
        now_count = table[this_year] if this_year in table else pd.Series(0, index=table.index)
        for key in table.index[(before > 0) & (now_count == 0)]:
            rows.append({"kind": "quiet", "key": key, "figure": int(before[key]), "date": pd.NaT})

    in_force = signed & (until.isna() | (until >= now))
    last = act[act["_day"] <= now].groupby("key")["_day"].max()
    year_ago = now - pd.DateOffset(months=12)
    for r in reg[in_force.to_numpy()].itertuples():
        day = last.get(r.key, pd.NaT)
        if pd.isna(day) or day <= year_ago:
            rows.append({"kind": "idle", "key": r.key, "figure": None if pd.isna(day) else int((now - day).days),
                         "date": day})

    out = pd.DataFrame(rows, columns=["kind", "key", "figure", "date"])
    out["partner"] = out["key"].map(names).astype("string")
    out["kind"] = pd.Categorical(out["kind"], categories=KINDS)
    out["figure"] = out["figure"].astype("Int64")
    out["date"] = pd.to_datetime(out["date"]).astype("datetime64[ns]")
    out = out.sort_values(["kind", "partner"], key=lambda s: s.str.lower() if s.name == "partner" else s)
    return out[ALERT_COLUMNS].reset_index(drop=True)


def agreement_counts(ds: model.Dataset, today: dt.date, days: int = DEFAULT_DAYS) -> dict[str, int]:
    """The register's agreements on `today`: with_agreement (in force), ending within `days`, ended.

    An agreement is a contract or an agreement (or a number or an end date without a kind); it is in force
    while its end is not past or not given, ending when it ends within `days`, ended once its end is past.
    """
    now = pd.Timestamp(today)
    reg = ds.partners.assign(key=ds.partners["partner"].map(_key)).drop_duplicates("key")
    kind = reg["agreement_kind"].astype(object)
    until = reg["agreement_until"]
    signed = kind.isin(IN_FORCE) | (kind.isna() & (reg["agreement_number"].notna() | until.notna()))
    in_force = signed & (until.isna() | (until >= now))
    ending = signed & until.notna() & (until >= now) & (until <= now + pd.Timedelta(days=int(days)))
    ended = signed & until.notna() & (until < now)
    return {"with_agreement": int(in_force.sum()), "ending_90_days": int(ending.sum()), "ended": int(ended.sum())}


def describe(alert, today: dt.date, lang: str = i18n.DEFAULT_LANG) -> str:
    """One alert (a row of `alerts`) as words: «договор действует до 31.12.2026: осталось 45 дней»."""
    when = "" if pd.isna(alert.date) else fmt.date(pd.Timestamp(alert.date).date(), lang)
    n = None if pd.isna(alert.figure) else int(alert.figure)
    if alert.kind == "idle" and n is None:
        return i18n.t("alert.idle_never", lang)
    noun = "alert.noun_days" if alert.kind == "ending" else "alert.noun_events"
    return i18n.t(f"alert.{alert.kind}", lang, date=when, n=fmt.number(n or 0, lang),
                  noun=i18n.plural(n or 0, noun, lang), year=today.year, last_year=today.year - 1)
