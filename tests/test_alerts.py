"""The register's alerts as tables of small datasets: agreements ending or ended, partners gone quiet."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from partnerlib import alerts, model

D = dt.date
TODAY = D(2026, 12, 1)


def dataset(partners: list[dict], events: list[tuple]) -> model.Dataset:
    """partners: register rows; events: (date or year, precision, "A; B") — a day, a month or a year."""
    p = pd.DataFrame([{c: r.get(c) for c in model.PARTNER_COLUMNS} for r in partners], columns=model.PARTNER_COLUMNS)
    rows, links = [], []
    for i, (when, precision, names) in enumerate(events, start=1):
        day = None if isinstance(when, int) else when
        year = when if isinstance(when, int) else when.year
        rows.append({"event_id": i, "date": day, "year": year, "date_precision": precision, "partners": names,
                     "participants_approx": False, "views_approx": False})
        links += [{"event_id": i, "partner": n} for n in names.split("; ")]
    e = pd.DataFrame([{c: r.get(c) for c in model.EVENT_COLUMNS} for r in rows], columns=model.EVENT_COLUMNS)
    ep = pd.DataFrame(links, columns=model.EVENT_PARTNER_COLUMNS)
    return model.Dataset(model.typed_frame(p, model.PARTNER_DTYPES), model.typed_frame(e, model.EVENT_DTYPES),
                         model.typed_frame(ep, model.EVENT_PARTNER_DTYPES), source="store")


def contract(name: str, until: D | None, kind: str = "contract", **more) -> dict:
    return {"partner": name, "agreement_kind": kind, "agreement_until": until, **more}


T = pd.Timestamp
CASES = {
    "ends in 45 days": (
        [contract("Музей", D(2027, 1, 15))], [(D(2026, 11, 20), "day", "Музей")], 90,
        [("ending", "Музей", 45, T(2027, 1, 15))]),
    "ends today": ([contract("Музей", TODAY)], [(D(2026, 11, 20), "day", "Музей")], 90,
                   [("ending", "Музей", 0, T(TODAY))]),
    "ends beyond the window": ([contract("Музей", D(2027, 3, 2))], [(D(2026, 11, 20), "day", "Музей")], 90, []),
    "a longer window finds it": ([contract("Музей", D(2027, 3, 2))], [(D(2026, 11, 20), "day", "Музей")], 120,
                                 [("ending", "Музей", 91, T(2027, 3, 2))]),
    "no agreement is never ending": ([contract("Музей", D(2027, 1, 1), kind="none")],
                                     [(D(2026, 11, 20), "day", "Музей")], 90, []),
    "ended with events after it": (
        [contract("Школа", D(2026, 6, 30))],
        [(D(2026, 5, 1), "day", "Школа"), (D(2026, 9, 1), "day", "Школа"), (D(2026, 10, 1), "day", "Школа; Музей")],
        90, [("ended", "Школа", 2, T(2026, 6, 30))]),
    "ended, nothing after: no alert": ([contract("Школа", D(2026, 6, 30))], [(D(2026, 5, 1), "day", "Школа")], 90,
                                       []),
    "ended in the spring, a month event in June": (
        [contract("Школа", D(2026, 6, 10))], [(D(2026, 6, 1), "month", "Школа"), (D(2026, 5, 1), "day", "Школа")],
        90, [("ended", "Школа", 1, T(2026, 6, 10))]),
    "active last year, quiet this year": (
        [{"partner": "Газета"}], [(D(2025, 3, 1), "day", "Газета"), (D(2025, 4, 1), "day", "Газета"),
                                  (D(2026, 2, 1), "day", "Театр")], 90,
        [("quiet", "Газета", 2, pd.NaT)]),
    "this year's events not loaded yet: nobody is quiet": (
        [{"partner": "Газета"}], [(D(2025, 3, 1), "day", "Газета"), (D(2025, 4, 1), "day", "Театр")], 90, []),
    "active both years": ([{"partner": "Газета"}], [(D(2025, 3, 1), "day", "Газета"), (2026, "year", "Газета")],
                          90, []),
    "an events-only partner goes quiet too": ([], [(D(2025, 3, 1), "day", "Клуб «Радуга»"), (2026, "year", "Театр")],
                                              90, [("quiet", "Клуб «Радуга»", 1, pd.NaT)]),
    "agreement, no event in 12 months": (
        [contract("Фонд", None)], [(D(2025, 11, 1), "day", "Фонд"), (D(2026, 1, 1), "day", "Театр")], 90,
        [("quiet", "Фонд", 1, pd.NaT), ("idle", "Фонд", 395, T(2025, 11, 1))]),
    "agreement, an event 11 months ago": ([contract("Фонд", None)], [(D(2026, 1, 5), "day", "Фонд")], 90, []),
    "agreement, never an event": ([contract("Фонд", D(2028, 1, 1), kind="agreement")], [], 90,
                                  [("idle", "Фонд", None, pd.NaT)]),
    "a year-only event of last year counts to 31 December": (
        [contract("Фонд", None)], [(2025, "year", "Фонд"), (2026, "year", "Фонд")], 90, []),
    "the register's spelling, the events' other spelling": (
        [contract("МБОУ «Школа № 5»", D(2026, 12, 31))], [(D(2026, 11, 1), "day", "МБОУ Школа № 5")], 90,
        [("ending", "МБОУ «Школа № 5»", 30, T(2026, 12, 31))]),
    "a number without a kind is an agreement": (
        [{"partner": "Театр", "agreement_number": "7"}], [], 90, [("idle", "Театр", None, pd.NaT)]),
}


@pytest.mark.parametrize(("partners", "events", "days", "expected"), CASES.values(), ids=CASES.keys())
def test_alerts(partners, events, days, expected):
    found = alerts.alerts(dataset(partners, events), TODAY, days)
    assert list(found.columns) == alerts.ALERT_COLUMNS
    got = [(r.kind, r.partner, None if pd.isna(r.figure) else int(r.figure), r.date) for r in found.itertuples()]
    assert [(k, p, f, None if pd.isna(d) else d) for k, p, f, d in got] == \
        [(k, p, f, None if pd.isna(d) else d) for k, p, f, d in expected]


def test_each_alert_names_its_figure_in_both_languages():
    ds = dataset([contract("Музей", D(2027, 1, 15)), contract("Школа", D(2026, 6, 30)), contract("Фонд", None)],
                 [(D(2026, 9, 1), "day", "Школа"), (D(2025, 4, 1), "day", "Газета"), (D(2026, 11, 20), "day", "Музей")])
    found = alerts.alerts(ds, TODAY)
    said = {r.partner: (alerts.describe(r, TODAY, "ru"), alerts.describe(r, TODAY, "en")) for r in found.itertuples()}
    assert said == {
        "Музей": ("договор действует до 15 января 2027: осталось 45 дней",
                  "the agreement is valid until 15 January 2027: 45 days left"),
        "Школа": ("договор закончился 30 июня 2026, а после — 1 мероприятие",
                  "the agreement ended on 30 June 2026, and 1 event followed"),
        "Газета": ("давно не было совместных мероприятий: в 2025 году — 1 мероприятие, в 2026 — пока ни одного",
                   "no joint events for a long time: 1 event in 2025, none so far in 2026"),
        "Фонд": ("есть договор, но ни одного совместного мероприятия", "an agreement, but no joint event at all"),
    }


def test_agreement_counts():
    ds = dataset([contract("A", D(2027, 1, 15)), contract("B", D(2026, 6, 30)), contract("C", None),
                  contract("D", D(2026, 1, 1), kind="none"), {"partner": "E"}, contract("F", D(2027, 5, 20))], [])
    assert alerts.agreement_counts(ds, TODAY) == {"with_agreement": 3, "ending_90_days": 1, "ended": 1}
    assert alerts.agreement_counts(ds, D(2027, 3, 1)) == {"with_agreement": 2, "ending_90_days": 1, "ended": 2}


def test_no_register_no_alerts():
    assert alerts.alerts(model.Dataset.empty(), TODAY).empty
