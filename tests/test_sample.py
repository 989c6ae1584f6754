"""Tests of the demo workbook generator and the synthetic data for benchmarks."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from partnerlib import sample
from partnerlib.categories import category_label, taxonomy
from partnerlib.model import EVENT_SHEET_FIELDS, PARTNER_SHEET_FIELDS, RU_HEADINGS
from partnerlib.sample import (
    LIBRARY,
    SAMPLE_EVENT_FIELDS,
    SAMPLE_EXAMPLES,
    SAMPLE_PARTNERS,
    generate_sample,
    synthetic_events,
    synthetic_workbook,
    write_sample,
)
from partnerlib.values import parse_audience, parse_format, parse_place

COMMITTED_SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "partnerlib_sample.xlsx"
YEARS = range(2018, 2026)
SINCE = {p.name: p.since for p in SAMPLE_PARTNERS}


@pytest.fixture(scope="module")
def frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    return generate_sample()


@pytest.fixture(scope="module")
def events(frames) -> pd.DataFrame:
    ev = frames[1].copy()
    ev["year"] = [d.year for d in ev["date"]]
    return ev


@pytest.fixture(scope="module")
def sample_book(tmp_path_factory) -> Path:
    return write_sample(tmp_path_factory.mktemp("sample"))


# --- The register and the examples ----------------------------------------------------------------


def test_partners_are_unique_and_well_formed():
    names = [p.name for p in SAMPLE_PARTNERS]
    assert len(names) == len(set(names))
    keys = set(taxonomy().keys)
    levels = set(taxonomy().level_keys)
    for p in SAMPLE_PARTNERS:
        assert p.name == p.name.strip() and ";" not in p.name
        assert p.category in keys
        assert p.level in levels
        assert 2010 <= p.since <= 2025
    assert any(p.since > 2018 for p in SAMPLE_PARTNERS)
    assert {p.category for p in SAMPLE_PARTNERS} == keys


def test_partners_follow_the_report():
    by_name = {p.name: p for p in SAMPLE_PARTNERS}
    for name in [
        "Администрация г. Сарова",
        "Департамент культуры и искусства г. Сарова",
        "Госкорпорация «Росатом»",
        "РФЯЦ-ВНИИЭФ",
        "Российская государственная детская библиотека",
        "Областная детская библиотека им. Горького (г. Новосибирск)",
        "Государственное учреждение культуры «Светлогорская районная сеть библиотек» (Республика Беларусь)",
        "Фонд поддержки гуманитарных и просветительских инициатив «Соработничество»",
        "Интернет-портал «Викисибириада»",
        "Издательство «Детская литература»",
        "Волонтёры",
        "ЛитРес",
        "Молодежный центр",
    ]:
        assert name in by_name, name
    assert by_name["Госкорпорация «Росатом»"].level == "federal"
    assert by_name["РФЯЦ-ВНИИЭФ"].level == "federal"
    assert by_name["Российская государственная детская библиотека"].level == "federal"
    assert by_name["Самарская областная детская библиотека"].level == "regional"
    belarus = (
        "Государственное учреждение культуры «Светлогорская районная сеть библиотек» (Республика Беларусь)"
    )
    assert by_name[belarus].level == "international"
    assert by_name["Городской музей"].level == "municipal"
    assert all(p.level == "municipal" for p in SAMPLE_PARTNERS if p.category == "authorities")
    assert by_name["Газета «Городской курьер»"].category == "media"
    assert by_name["Интернет-портал «Викисибириада»"].category == "other"


def test_examples_name_known_partners_and_match_their_category():
    assert len(SAMPLE_EXAMPLES) == 6
    for ex in SAMPLE_EXAMPLES:
        assert ex.date.year == 2020
        for name in ex.partners:
            assert name in SINCE, name
            assert SINCE[name] <= 2020
        assert {p.category for p in SAMPLE_PARTNERS if p.name == ex.partners[0]} == {ex.category}
        assert ex.description and ex.library_benefit and ex.society_benefit
        for text in (ex.description, ex.library_benefit, ex.society_benefit):
            assert text == text.strip() and "  " not in text and " \n" not in text
    assert len(SAMPLE_EXAMPLES[2].partners) == 2  # the Викисибириада example


# --- generate_sample ------------------------------------------------------------------------------


def test_generate_sample_is_deterministic(frames):
    partners, events = generate_sample()
    pd.testing.assert_frame_equal(partners, frames[0])
    pd.testing.assert_frame_equal(events, frames[1])
    assert not generate_sample(seed=7)[1].equals(frames[1])


def test_generate_sample_uses_no_global_random_state(frames):
    import random

    import numpy as np

    random.seed(123)
    np.random.seed(123)
    before = (random.random(), np.random.random())
    random.seed(123)
    np.random.seed(123)
    generate_sample()
    assert (random.random(), np.random.random()) == before


def test_frame_columns_and_values(frames):
    partners, events = frames
    assert list(partners.columns) == PARTNER_SHEET_FIELDS
    assert list(events.columns) == SAMPLE_EVENT_FIELDS == [*EVENT_SHEET_FIELDS[:6], "audience",
                                                           *EVENT_SHEET_FIELDS[6:]]
    assert len(partners) == len(SAMPLE_PARTNERS)
    labels = {category_label(k, "ru") for k in taxonomy().keys}
    assert set(partners["category"]) <= labels
    assert set(events["category"].dropna()) <= labels
    assert set(partners["level"]) == {"федеральный", "региональный", "муниципальный", "международный"}
    assert set(events["format"].dropna()) == {"онлайн", "очно", "смешанный", "выездное", "дистанционно",
                                              "в стационаре"}
    assert all(type(d) is dt.date for d in events["date"])
    assert set(events["library"]) == {LIBRARY}


def test_events_per_year(events):
    counts = events.groupby("year").size()
    assert list(counts.index) == list(YEARS)
    assert counts.between(60, 150).all()
    assert counts.loc[2025] > counts.loc[2018]


def test_the_move_online(events):
    formats = events["format"].map(lambda cell: parse_format(cell)[0] if isinstance(cell, str) else None)
    words = {"онлайн": "online", "очно": "offline", "смешанный": "hybrid"}

    def share(year: int, fmt: str) -> float:
        chosen = formats[events["year"] == year]
        return (chosen == words[fmt]).sum() / len(chosen)

    assert share(2018, "онлайн") < 0.2
    assert share(2019, "онлайн") < 0.2
    assert share(2020, "онлайн") > 0.6
    for year in (2018, 2019, 2020):
        assert share(year, "смешанный") == 0
    assert share(2021, "смешанный") > 0
    for year in range(2022, 2026):
        assert 0.1 <= share(year, "смешанный") <= 0.3
        assert 0.15 <= share(year, "онлайн") <= 0.35


def test_events_name_partners_active_in_their_year(events):
    for names, year in zip(events["partners"], events["year"], strict=True):
        parts = names.split("; ")
        assert len(parts) == len(set(parts))
        for name in parts:
            assert name in SINCE, name
            assert SINCE[name] <= year, (name, year)


def test_event_category_is_the_first_partners(events):
    first_category = {p.name: category_label(p.category, "ru") for p in SAMPLE_PARTNERS}
    filled = events[events["category"].notna()]
    for names, category in zip(filled["partners"], filled["category"], strict=True):
        assert first_category[names.split("; ")[0]] == category
    assert events["category"].isna().sum() >= 3  # some left for the reader to fill


def test_partners_are_reused_and_join_over_the_years(events):
    named = events["partners"].str.split("; ").explode()
    per_partner = named.value_counts()
    assert (per_partner >= 5).sum() >= 15
    first_year = events.assign(partner=events["partners"].str.split("; ")).explode("partner")
    first_year = first_year.groupby("partner")["year"].min()
    assert (first_year > 2018).sum() >= 3


@pytest.mark.parametrize(
    "phrase",
    [
        "антинаркотической лекции",
        "Читаем детям о войне",
        "Книжный шкаф поколения NEXT",
        "Арт-позитив – детям Сарова",
        "ПредпоЧтения библиотекаря",
        "Бегущая книга",
    ],
)
def test_examples_present_in_2020_with_real_texts(events, phrase):
    texts = events["description"].fillna("") + "\n" + events["library_benefit"].fillna("")
    found = events[texts.str.contains(phrase, regex=False)]
    assert len(found) >= 1
    assert set(found["year"]) == {2020}


def test_examples_keep_all_their_texts(events):
    for ex in SAMPLE_EXAMPLES:
        rows = events[(events["description"] == ex.description) & (events["date"] == ex.date)]
        assert len(rows) == 1, ex.title
        row = rows.iloc[0]
        assert row["library_benefit"] == ex.library_benefit
        assert row["society_benefit"] == ex.society_benefit
        assert row["partners"] == "; ".join(ex.partners)
        assert row["title"] == ex.title


def test_example_formats_and_platforms(events):
    def row(phrase: str) -> pd.Series:
        return events[events["description"].fillna("").str.contains(phrase, regex=False)].iloc[0]

    zoom = row("Встреча прошла на платформе ZOOM")
    assert (zoom["format"], zoom["platform"]) == ("онлайн", "ZOOM")
    war = row("Читаем детям о войне")
    assert war["format"] == "онлайн" and "YouTube" in war["platform"]
    art = row("Арт-позитив – детям Сарова")
    assert (art["format"], art["platform"], art["views"]) == ("онлайн", "Сайт библиотеки", "более 350")
    tv = row("Книжная полка")
    assert tv["platform"] == "Городское ТВ"
    run = row("Бегущая книга")
    assert run["format"] == "очно"
    assert "Госкорпорация «Росатом»" in run["partners"] and "ЛитРес" in run["partners"]
    wiki = row("Книжный шкаф поколения NEXT")
    assert wiki["partners"].count("; ") == 1 and "Викисибириада" in wiki["partners"]


def test_messy_cells(events):
    cells = pd.concat([events["participants"], events["views"]])
    texts = {v for v in cells if isinstance(v, str)}
    assert {"более 350", "около 60", "1 200", "350+"} <= texts
    assert len([v for v in cells if isinstance(v, str)]) <= 12
    numbers = [v for v in cells if isinstance(v, int)]
    assert numbers and all(v > 0 for v in numbers)
    blank_format = events[events["format"].isna()]
    assert 1 <= len(blank_format) <= 10
    assert set(blank_format["platform"]) <= {"ZOOM", "YouTube"}


def test_counts_follow_the_format(events):
    offline = events[events["format"] == "очно"]
    online = events[(events["format"] == "онлайн") & (events["platform"] != "ZOOM")]
    assert offline["participants"].notna().mean() > 0.9
    assert offline["views"].notna().mean() < 0.3
    assert online["views"].notna().mean() > 0.8
    participants = [v for v in offline["participants"] if isinstance(v, int)]
    assert sum(10 <= v <= 200 for v in participants) / len(participants) > 0.85
    views = [v for v in online["views"] if isinstance(v, int)]
    assert all(50 <= v <= 3000 for v in views)


# --- write_sample ---------------------------------------------------------------------------------


def test_write_sample_layout(sample_book):
    assert sample_book.name == "partnerlib_sample.xlsx"
    readme = (sample_book.parent / "README.md").read_text(encoding="utf-8")
    assert readme.count("python -m partnerlib sample") == 1
    # The day the demo's agreements are written for, in both languages.
    assert "31 декабря 2025 года" in readme and "on 31 December 2025" in readme
    wb = openpyxl.load_workbook(sample_book)
    assert wb.sheetnames == ["Партнёры", *[f"Мероприятия {y}" for y in YEARS]]

    ws = wb["Партнёры"]
    assert ws["A1"].value == "4.1.1. Партнеры библиотеки"
    assert all(c.value is None for c in ws[2])
    assert [c.value for c in ws[3]] == [RU_HEADINGS[f] for f in PARTNER_SHEET_FIELDS]
    assert all(c.font.b for c in ws[3])
    assert ws.freeze_panes == "A4"
    assert [ws.cell(row=r, column=1).value for r in range(4, 4 + len(SAMPLE_PARTNERS))] == [
        p.name for p in SAMPLE_PARTNERS
    ]

    expected, start = [], 4
    for i, p in enumerate(SAMPLE_PARTNERS):
        row = 4 + i
        if i + 1 == len(SAMPLE_PARTNERS) or SAMPLE_PARTNERS[i + 1].category != p.category:
            if row > start:
                expected.append(f"B{start}:B{row}")
            assert ws.cell(row=start, column=2).value == category_label(p.category, "ru")
            start = row + 1
    assert sorted(str(r) for r in ws.merged_cells.ranges) == sorted(expected)
    assert len(expected) == 6

    _, events = generate_sample()
    total = 0
    for year in YEARS:
        ws = wb[f"Мероприятия {year}"]
        assert [c.value for c in ws[1]] == [RU_HEADINGS[f] for f in SAMPLE_EVENT_FIELDS]
        assert ws.freeze_panes == "A2"
        dates = [row[0] for row in ws.iter_rows(min_row=2)]
        assert dates
        for cell in dates:
            assert cell.is_date and isinstance(cell.value, dt.datetime) and cell.value.year == year
            assert cell.number_format == "DD.MM.YYYY"
        total += len(dates)
    assert total == len(events)


def test_write_sample_keeps_text_and_numbers(sample_book):
    wb = openpyxl.load_workbook(sample_book)
    kinds: dict[str, set] = {}
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                if cell.value is not None:
                    kinds.setdefault(ws.title, set()).add(type(cell.value))
    ws = wb["Мероприятия 2020"]
    views_col = SAMPLE_EVENT_FIELDS.index("views") + 1
    views = [ws.cell(row=r, column=views_col).value for r in range(2, ws.max_row + 1)]
    assert "более 350" in views
    assert any(isinstance(v, int) for v in views)
    part_col = SAMPLE_EVENT_FIELDS.index("participants") + 1
    assert any(isinstance(ws.cell(row=r, column=part_col).value, int) for r in range(2, ws.max_row + 1))


def test_write_sample_is_byte_stable(tmp_path, sample_book):
    again = write_sample(tmp_path)
    assert again.read_bytes() == sample_book.read_bytes()


def test_formula_like_text_stays_text():
    wb = openpyxl.Workbook()
    ws = wb.active
    sample._put(ws, 1, 1, "=SUM(A2:A3)")
    sample._put(ws, 2, 1, "-5 передач")
    buf = io.BytesIO()
    wb.save(buf)
    back = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))
    cell = back.active["A1"]
    assert cell.data_type == "s" and cell.value == "=SUM(A2:A3)"
    assert back.active["A2"].value == "-5 передач"


# --- Synthetic data -------------------------------------------------------------------------------


def test_synthetic_events():
    a = synthetic_events(5000)
    assert len(a) == 5000
    assert list(a.columns) == EVENT_SHEET_FIELDS
    pd.testing.assert_frame_equal(a, synthetic_events(5000))
    assert not a.equals(synthetic_events(5000, seed=2))
    years = [d.year for d in a["date"]]
    assert all(type(d) is dt.date for d in a["date"])
    assert min(years) >= 2015 and max(years) <= 2025
    for names, year in zip(a["partners"], years, strict=True):
        for name in names.split("; "):
            assert SINCE[name] <= year
    texts = sum(isinstance(v, str) for v in pd.concat([a["participants"], a["views"]]))
    assert 10 <= texts <= 150
    assert 40 <= a["format"].isna().sum() <= 160


def test_synthetic_events_years_and_size():
    a = synthetic_events(300, seed=5, years=[2021, 2022])
    assert {d.year for d in a["date"]} == {2021, 2022}
    assert len(synthetic_events(0)) == 0


def test_synthetic_events_is_fast():
    import time

    start = time.perf_counter()
    frame = synthetic_events(100_000)
    assert len(frame) == 100_000
    assert time.perf_counter() - start < 5


def test_synthetic_workbook():
    data = synthetic_workbook(300, seed=3)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Партнёры", "Мероприятия"]
    assert [c.value for c in wb["Партнёры"][1]] == [RU_HEADINGS[f] for f in PARTNER_SHEET_FIELDS]
    ws = wb["Мероприятия"]
    assert [c.value for c in ws[1]] == [RU_HEADINGS[f] for f in EVENT_SHEET_FIELDS]
    dates = [row[0] for row in ws.iter_rows(min_row=2)]
    assert len(dates) == 300
    assert all(c.is_date and isinstance(c.value, dt.datetime) for c in dates)
    assert wb["Партнёры"].max_row == len(SAMPLE_PARTNERS) + 1


# --- With the reader (partnerlib.read_workbook) ---------------------------------------------------


def test_committed_sample_equals_a_fresh_one(tmp_path):
    import partnerlib

    committed = partnerlib.read_workbook(COMMITTED_SAMPLE)
    fresh = partnerlib.read_workbook(write_sample(tmp_path))
    pd.testing.assert_frame_equal(committed.partners, fresh.partners)
    pd.testing.assert_frame_equal(committed.events, fresh.events)


def test_sample_reads_cleanly(sample_book, frames):
    import partnerlib

    result = partnerlib.read_workbook(sample_book)
    errors = [p for p in result.problems if p.severity == "error"]
    assert errors == []
    assert len(result.partners) == len(SAMPLE_PARTNERS)
    assert len(result.events) == len(frames[1])
    assert set(result.partners["partner"]) == {p.name for p in SAMPLE_PARTNERS}
    keys = {p.name: p.category for p in SAMPLE_PARTNERS}
    for name, category in zip(result.partners["partner"], result.partners["category"], strict=True):
        assert category == keys[name]  # merged category cells are filled down
    levels = {p.name: p.level for p in SAMPLE_PARTNERS}
    assert [levels[n] for n in result.partners["partner"]] == list(result.partners["level"].astype(str))
    events = result.events
    assert events["category"].notna().all()  # blank cells filled from the partners table
    assert set(events["category"].astype(str)) <= set(taxonomy().keys)
    assert (events["year"] == events["date"].dt.year).all()
    assert set(events.loc[events["year"] == 2020, "format"].astype(str)) >= {"online", "offline"}
    art = events[events["title"] == "Вечер искусств «Арт-позитив – детям Сарова»"].iloc[0]
    assert art["views"] == 350 and bool(art["views_approx"])


def test_synthetic_workbook_reads(tmp_path):
    import partnerlib

    path = tmp_path / "synthetic.xlsx"
    path.write_bytes(synthetic_workbook(2000, seed=4))
    result = partnerlib.read_workbook(path)
    assert len(result.events) == 2000
    assert len(result.partners) == len(SAMPLE_PARTNERS)
    assert [p for p in result.problems if p.severity == "error"] == []


# --- Audiences and places: the lines of form 6-НК -------------------------------------------------


def test_every_audience_cell_reads_to_a_group_and_a_few_are_left_blank(events):
    cells = events["audience"]
    read = [parse_audience(c) for c in cells.dropna()]
    assert all(group is not None and code is None for group, code in read), [
        c for c, (g, _) in zip(cells.dropna(), read, strict=True) if g is None]
    assert {g for g, _ in read} == {"children", "youth", "adults", "all"}
    assert 0.01 <= cells.isna().mean() <= 0.08
    assert (~cells.isna()).groupby(events["year"]).sum().min() > 50  # every year mostly filled


@pytest.mark.parametrize(("lead", "groups"), [
    ("Дошкольные учреждения", {"children"}),
    ("Молодежный центр", {"youth"}),
    ("Общественная организация «Многодетные семьи Сарова»", {"all"}),
    ("Центр социального обслуживания населения", {"adults"}),
    ("Объединение ветеранов микрорайона «Ивушки»", {"adults", "all"}),
])
def test_an_events_audience_suits_its_lead_partner_mostly(events, lead, groups):
    led = events[events["partners"].str.split("; ").str[0] == lead]
    described = led["description"].notna()  # a description names its own audience
    read = [parse_audience(c)[0] for c in led.loc[~described, "audience"].dropna()]
    assert len(read) >= 3
    assert sum(g in groups for g in read) / len(read) >= 0.6


@pytest.mark.parametrize(("words", "cell"), [
    ("дошкольников", "дошкольники"), ("старшеклассников", "старшеклассники"),
    ("семей с детьми", "семьи с детьми"), ("читателей библиотеки", None),
])
def test_the_audience_cell_says_what_the_description_says(events, words, cell):
    described = events[events["description"].fillna("").str.contains(f"для {words}", regex=False)]
    assert len(described) >= 3
    assert described["audience"].tolist() == [cell] * len(described)


def test_the_reports_examples_have_their_audiences(events):
    by_title = events.set_index("title")["audience"]
    assert by_title["Антинаркотическая лекция для старшеклассников"] == "старшеклассники"
    assert parse_audience(by_title["XI международная акция «Читаем детям о войне»"])[0] == "all"
    assert all(by_title[ex.title] == ex.audience for ex in SAMPLE_EXAMPLES)


@pytest.mark.parametrize(("cell", "fmt", "place"), [
    ("выездное", "offline", "outside"), ("дистанционно", "online", "remote"), ("в стационаре", "offline", "inside"),
])
def test_place_words_in_the_format_cell_keep_the_format(events, cell, fmt, place):
    rows = events[events["format"] == cell]
    assert len(rows) >= 10
    assert {parse_format(c, p) for c, p in zip(rows["format"], rows["platform"], strict=True)} == {(fmt, None)}
    assert {parse_place(c, p) for c, p in zip(rows["format"], rows["platform"], strict=True)} == {place}
    if place == "outside":
        assert set(rows["platform"]) <= {"Школа", "Детский сад", "Улица"}
    if place == "inside":
        assert set(rows["platform"]) == {"Библиотека"}


def test_the_demos_form_6nk_lines_are_filled(sample_book):
    import partnerlib
    from partnerlib import form6nk

    ds = partnerlib.read_workbook(sample_book).dataset("demo")
    table = form6nk.table(ds).set_index("year")
    assert list(table.index) == list(YEARS)
    for line in ("children_events", "youth_events", "outside_events", "remote_events"):
        assert (table[line] > 0).all(), line
    assert (table["unspecified"] < table["events"] * 0.1).all()
    missing = form6nk.unspecified_events(ds)
    assert len(missing) == table["unspecified"].sum() > 0
    # The events «не указано» are those whose audience cell is blank (the sheets give every place or format).
    _, sheet_events = generate_sample()
    assert len(missing) == sheet_events["audience"].isna().sum()
    assert set(missing["missing"]) == {"аудитория"}


# --- The register: agreements and contacts --------------------------------------------------------


def test_the_register_names_partners_and_dates_agreements_after_the_partnership_began():
    from partnerlib.model import AGREEMENT_KINDS

    for name, r in sample.SAMPLE_REGISTER.items():
        assert name in SINCE, name
        assert r.kind in AGREEMENT_KINDS
        if r.kind == "none":
            assert (r.number, r.signed, r.until) == (None, None, None), name
            continue
        assert r.number and r.signed, name
        assert r.signed.year >= SINCE[name], name
        assert r.until is None or r.until > r.signed, name


def test_contacts_are_plainly_invented(frames):
    partners, _ = frames
    phones = partners["contact_phone"].dropna()
    emails = partners["contact_email"].dropna()
    assert len(phones) >= 15 and len(emails) >= 15
    assert phones.str.fullmatch(r"8 \(000\) 555-\d\d-\d\d").all()
    assert emails.str.fullmatch(r"[a-z.]+@example\.org").all()
    assert phones.is_unique and emails.is_unique
    readme = (sample.DEFAULT_DIR / "README.md").read_text(encoding="utf-8")
    assert "выдуманы" in readme and "example.org" in readme


def test_the_register_reads_back_from_the_workbook(sample_book):
    import partnerlib

    stored = partnerlib.read_workbook(sample_book).partners.set_index("partner")
    for name, r in sample.SAMPLE_REGISTER.items():
        row = stored.loc[name]
        assert row["agreement_kind"] == r.kind, name
        assert (None if pd.isna(row["agreement_number"]) else row["agreement_number"]) == r.number
        for field, day in (("agreement_signed", r.signed), ("agreement_until", r.until)):
            assert (pd.isna(row[field]) if day is None else row[field] == pd.Timestamp(day)), (name, field)
        assert (None if pd.isna(row["contact_name"]) else row["contact_name"]) == r.contact
    unregistered = stored.drop(index=list(sample.SAMPLE_REGISTER))
    assert unregistered["agreement_kind"].isna().all() and unregistered["contact_name"].isna().all()
    assert stored.loc["Российская государственная детская библиотека", "website"] == "rgdb.ru"


def test_the_demos_reminders_on_its_day(sample_book):
    import partnerlib
    from partnerlib import alerts

    ds = partnerlib.read_workbook(sample_book).dataset("demo")
    found = alerts.alerts(ds, sample.DEMO_DAY)
    assert dt.date(2025, 12, 31) == sample.DEMO_DAY
    ending = found[found["kind"] == "ending"]
    # Days left from 31 December 2025 to each agreement's last day.
    assert dict(zip(ending["partner"], ending["figure"], strict=True)) == {
        "Дошкольные учреждения": 31, "Станция юных натуралистов": 59, "Детские школы искусств": 73}
    ended = found[found["kind"] == "ended"]
    centre = "Центр развития культуры и искусства г. Сарова"
    assert ended["partner"].tolist() == [centre]
    # The events held with it after its agreement's last day (31 May 2025), counted from the sheet itself.
    _, sheet_events = generate_sample()
    after = sheet_events[sheet_events["partners"].str.split("; ").map(lambda names: centre in names)
                         & (sheet_events["date"] > dt.date(2025, 5, 31))]
    assert len(after) >= 1
    assert ended["figure"].tolist() == [len(after)]
    assert alerts.agreement_counts(ds, sample.DEMO_DAY) == {
        "with_agreement": sum(r.kind != "none" and (r.until is None or r.until >= sample.DEMO_DAY)
                              for r in sample.SAMPLE_REGISTER.values()),
        "ending_90_days": 3, "ended": 1}


def test_the_demos_contact_people_reach_no_export(sample_book):
    """The register's contact people stay in the dashboard: the deck, a partner's slide, the report, the summary
    and the site page of the demo hold none of their names, phones or e-mails, nor the librarians responsible."""
    import zipfile

    import partnerlib
    from partnerlib.deck import build_deck
    from partnerlib.partner_slide import build_partner_slide
    from partnerlib.report import build_report
    from partnerlib.site import site_html
    from partnerlib.summary import build_summary

    ds = partnerlib.read_workbook(sample_book).dataset("demo")
    # The people and how to reach them (a position, «методист», is a word any text may hold).
    personal = {v for f in ("contact_name", "contact_phone", "contact_email", "responsible")
                for v in ds.partners[f].dropna()}
    assert len(personal) >= 60

    def texts(data: bytes) -> str:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "\n".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist() if n.endswith(".xml"))

    files = {"deck": texts(build_deck(ds, 2025)), "report": texts(build_report(ds, 2025)),
             "summary": texts(build_summary(ds, year=2025)), "site": site_html(ds)}
    for key in ("городской музей", "волонтеры"):  # a partner's own slide: its contact person stays out too
        files[key] = texts(build_partner_slide(ds, key))
    assert {name: sorted(v for v in personal if v in text) for name, text in files.items()} == {
        name: [] for name in files}
