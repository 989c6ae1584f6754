"""The figures of partnerlib.metrics and partnerlib.narrative, on a small hand-checked dataset and the demo workbook."""

from pathlib import Path

import pandas as pd
import pytest
from conftest import workbook_bytes, workbook_dataset

from partnerlib import metrics, narrative, read_workbook
from partnerlib.values import normalise_name

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "partnerlib_sample.xlsx"

# A small events sheet whose figures can be checked by hand.
TINY_CSV = """Дата проведения;Название мероприятия;Партнёр(ы);Категория;Форма проведения;Площадка;Участники;Просмотры
12.03.2019;Громкие чтения;Школа № 1;Организации и учреждения;очно;Библиотека;30;
20.05.2019;Встреча;Городской музей;Организации и учреждения;очно;Музей;50;
01.10.2019;Передача;Канал-16;СМИ;очно;Городское ТВ;;
15.04.2020;Лекция;Школа № 1;Организации и учреждения;онлайн;ZOOM;25;400
16.04.2020;Акция;"Школа № 1; Канал-16";Организации и учреждения;онлайн;YouTube;;1200
10.11.2020;Выставка;Администрация;Органы власти;смешанный;Библиотека;80;100
2021;Квест;Канал-16;СМИ;очно;Улица;более 350;
"""


@pytest.fixture(scope="module")
def tiny():
    """Seven events, 2019–2021, four partners, one event naming two partners."""
    result = read_workbook(TINY_CSV.encode("utf-8"), "tiny.csv")
    assert not result.errors
    return result.dataset()


@pytest.fixture(scope="module")
def sample():
    """The embedded demo workbook."""
    return read_workbook(SAMPLE).dataset("demo")


def test_yearly_counts_formats_and_keeps_participants_and_views_apart(tiny):
    table = metrics.yearly(tiny).set_index("year")
    assert table["events"].to_dict() == {2019: 3, 2020: 3, 2021: 1}
    assert table.loc[2020, ["online", "offline", "hybrid"]].tolist() == [2, 0, 1]
    assert table.loc[2020, "online_share"] == pytest.approx(200 / 3)
    assert table["participants"].to_dict() == {2019: 80, 2020: 105, 2021: 350}
    assert table["views"].to_dict() == {2019: 0, 2020: 1700, 2021: 0}
    assert table.loc[2021, "approx"] == 1


def test_partner_flow_new_continuing_lapsed(tiny):
    flow = metrics.partner_flow(tiny).set_index("year")
    # No register: 2019, the data's first year, has nothing to compare with (never «all new»);
    # 2020: школа, канал (continuing), администрация (new) — музей lapsed; 2021: канал only.
    assert flow.loc[2019].to_dict() == {"active": 3, "new": 0, "continuing": 0, "unknown": 3, "lapsed": 0}
    assert flow.loc[2020].to_dict() == {"active": 3, "new": 1, "continuing": 2, "unknown": 0, "lapsed": 1}
    assert flow.loc[2021].to_dict() == {"active": 1, "new": 0, "continuing": 1, "unknown": 0, "lapsed": 2}


def test_new_partners_are_judged_on_the_whole_history(tiny):
    restricted = metrics.partner_flow(tiny, (2020, 2021)).set_index("year")
    assert restricted.loc[2020, "new"] == 1
    assert list(metrics.new_partners(tiny, 2020)["partner"]) == ["Администрация"]
    assert metrics.new_partners(tiny, 2019).empty


def _status_rows(register: dict[str, int | None], events: list[tuple[int, str]]) -> tuple[list, list]:
    partners = [{"partner": name, "category": "Организации и учреждения", "since": since}
                for name, since in register.items()]
    rows = [{"date": str(year), "title": f"Встреча {i}", "partners": who, "format": "очно"}
            for i, (year, who) in enumerate(events)]
    return partners, rows


def _status_dataset(register: dict[str, int | None], events: list[tuple[int, str]]):
    """Partners (name -> «С какого года», None for empty) and events (year, partners cell)."""
    return workbook_dataset(*_status_rows(register, events))


# (register, events, {year: (active, new, continuing, unknown, lost)})
STATUS_CASES = {
    "first year, no «С какого года»: nothing to compare with": (
        {"Музей": None, "Школа": None, "Театр": None},
        [(2019, "Музей"), (2019, "Школа"), (2020, "Музей"), (2020, "Театр")],
        {2019: (2, 0, 0, 2, 0), 2020: (2, 1, 1, 0, 1)},
    ),
    "first year, the register dates one earlier and one that year": (
        {"Музей": 2010, "Школа": 2019},
        [(2019, "Музей"), (2019, "Школа"), (2020, "Музей; Школа")],
        {2019: (2, 1, 1, 0, 0), 2020: (2, 0, 2, 0, 0)},
    ),
    "first year, one dated and one not": (
        {"Музей": 2010, "Школа": None},
        [(2019, "Музей"), (2019, "Школа")],
        {2019: (2, 0, 1, 1, 0)},
    ),
    "a partner back after a gap is continuing, not new": (
        {"Музей": None, "Школа": None},
        [(2018, "Музей"), (2018, "Школа"), (2019, "Школа"), (2020, "Музей"), (2020, "Школа")],
        {2018: (2, 0, 0, 2, 0), 2019: (1, 0, 1, 0, 1), 2020: (2, 0, 2, 0, 0)},
    ),
    "first seen later, but the register dates it earlier": (
        {"Музей": None, "Школа": 2012},
        [(2018, "Музей"), (2020, "Школа"), (2020, "Музей")],
        {2018: (1, 0, 0, 1, 0), 2019: (0, 0, 0, 0, 1), 2020: (2, 0, 2, 0, 0)},
    ),
    "the register dates it after its first events: new in the first year of events": (
        {"Музей": 2018, "Школа": 2021},
        [(2018, "Музей"), (2020, "Школа")],
        {2018: (1, 1, 0, 0, 0), 2019: (0, 0, 0, 0, 1), 2020: (1, 1, 0, 0, 0)},
    ),
    "a partner not in the register at all, first seen after the first year": (
        {"Музей": 2015},
        [(2018, "Музей"), (2019, "Музей; Новый клуб")],
        {2018: (1, 0, 1, 0, 0), 2019: (2, 1, 1, 0, 0)},
    ),
}


@pytest.mark.parametrize("register, events, expected", STATUS_CASES.values(), ids=STATUS_CASES.keys())
def test_partner_counts_follow_the_definitions(register, events, expected):
    ds = _status_dataset(register, events)
    table = metrics.partner_counts(ds).set_index("year")
    got = {int(y): tuple(int(v) for v in row) for y, row in table[metrics.PARTNER_COUNTS].iterrows()}
    assert got == expected
    # The yearly table, the KPI cards and the deck read the same counts.
    assert metrics.yearly(ds).set_index("year")[metrics.PARTNER_COUNTS].to_dict("index") == table.to_dict("index")


def test_the_first_year_without_register_years_says_there_is_nothing_to_compare_with():
    ds = _status_dataset({"Музей": None, "Школа": None}, [(2019, "Музей"), (2019, "Школа"), (2020, "Музей")])
    entry = metrics.kpis(ds, 2019)["new_partners"]
    assert entry["value"] == 0 and entry["unknown"] == 2 and metrics.new_partners_unknown(entry)
    assert metrics.kpis(ds, 2020)["new_partners"]["change_pct"] is None  # no base to compare with
    sentence = narrative.insights(ds, 2019)[-2]
    assert sentence == "С библиотекой работали 2 партнёра; сравнить не с чем: нет данных за прошлый год."
    assert "новых" not in sentence
    dated = _status_dataset({"Музей": 2010, "Школа": 2019}, [(2019, "Музей"), (2019, "Школа")])
    assert narrative.insights(dated, 2019)[-2] == "С библиотекой работали 2 партнёра, из них 1 новый."


def test_a_category_filter_keeps_the_data_start():
    ds = _status_dataset({"Музей": None}, [(2018, "Музей"), (2020, "Театр")])
    later = metrics.filter_dataset(ds, years=(2020, 2020))
    # 2020 is not the data's first year: Театр is new there, not "nothing to compare with".
    assert metrics.partner_counts(later).set_index("year").loc[2020, "new_partners"] == 1


def test_sample_partners_of_2018_are_dated_by_the_register(sample):
    counts = metrics.partner_counts(sample).set_index("year")
    assert counts.loc[2018, "unknown_partners"] == 0
    since = metrics.since_by_key(sample)
    new_2018 = metrics.new_partners(sample, 2018)
    # Only partners the register dates 2018 or later are new in the data's first year.
    assert len(new_2018) == counts.loc[2018, "new_partners"] < counts.loc[2018, "active_partners"]
    assert all(since[normalise_name(p)] >= 2018 for p in new_2018["partner"])
    assert "Городской музей" not in set(new_2018["partner"])


def test_kpis_change_against_previous_year(tiny):
    k = metrics.kpis(tiny, 2020)
    assert k["events"] == {"value": 3, "previous": 3, "change_pct": 0.0}
    assert k["participants"]["change_pct"] == pytest.approx(100 * (105 - 80) / 80)
    assert k["views"]["previous"] == 0 and k["views"]["change_pct"] is None
    assert k["online_share"]["change_pp"] == pytest.approx(200 / 3)
    first = metrics.kpis(tiny, 2019)
    assert first["events"]["previous"] is None and first["events"]["change_pct"] is None


def test_partners_by_category_counts_distinct_partners(tiny):
    table = metrics.partners_by_category(tiny)
    got = {(r.year, r.category): r.partners for r in table.itertuples()}
    # The event naming "Школа № 1; Канал-16" counts Канал-16 under its own category (media).
    assert got[(2020, "institutions")] == 1
    assert got[(2020, "media")] == 1
    assert got[(2020, "authorities")] == 1
    assert table.groupby("year")["share"].sum().round(6).eq(100).all()


def test_formats_by_year_shares_sum_to_100(sample):
    table = metrics.formats_by_year(sample)
    assert table.groupby("year")["share"].sum().round(6).eq(100).all()
    online_2020 = table[(table["year"] == 2020) & (table["format"] == "online")]["share"].item()
    assert online_2020 > 60


def test_events_by_month_counts_dated_events_only(tiny):
    table = metrics.events_by_month(tiny)
    assert table.loc[2020, 4] == 2 and table.loc[2019, 3] == 1
    assert 2021 not in table.index  # the 2021 event has only its year
    assert int(table.to_numpy().sum()) == 6


def test_platforms_count_each_platform(tiny):
    table = metrics.platforms(tiny).set_index("platform")["events"]
    assert table["Библиотека"] == 2 and table["ZOOM"] == 1 and table["YouTube"] == 1


def test_filter_by_format_and_category(tiny):
    online = metrics.filter_dataset(tiny, formats=["online"])
    assert len(online.events) == 2
    assert set(online.event_partners["event_id"]) == set(online.events["event_id"])
    media = metrics.filter_dataset(tiny, categories=["media"])
    assert sorted(media.events["title"]) == ["Квест", "Передача"]
    years = metrics.filter_dataset(tiny, years=(2020, 2020))
    assert metrics.years(years) == [2020]


def test_top_partners_and_top_events(tiny):
    top = metrics.top_partners(tiny, "events")
    # Школа № 1 and Канал-16 both have three events: the tie goes by name.
    assert top[["partner", "events"]].head(2).values.tolist() == [["Канал-16", 3], ["Школа № 1", 3]]
    by_views = metrics.top_events(tiny, "views")
    assert by_views["title"].tolist()[:2] == ["Акция", "Лекция"]


def test_reach_by_year_change(tiny):
    table = metrics.reach_by_year(tiny).set_index("year")
    assert table.loc[2020, "participants_change"] == pytest.approx(31.25)
    assert pd.isna(table.loc[2020, "views_change"])  # no views in 2019


def test_examples_one_per_category_largest_reach_and_choice(tiny):
    ex = metrics.examples(tiny, 2020).set_index("category")
    assert set(ex.index) == {"institutions", "authorities"}
    assert ex.loc["institutions", "title"] == "Акция"  # 1 200 views beats 25 participants / 400 views
    lecture = int(tiny.events.loc[tiny.events["title"] == "Лекция", "event_id"].item())
    chosen = metrics.examples(tiny, 2020, {"institutions": lecture}).set_index("category")
    assert chosen.loc["institutions", "title"] == "Лекция"


def test_sample_examples_of_2020_are_the_report_examples(sample):
    ex = metrics.examples(sample, 2020)
    assert len(ex) == 6
    by_category = ex.set_index("category")["title"]
    assert by_category["institutions"] == "XI международная акция «Читаем детям о войне»"
    assert by_category["public_organizations"] == "Вечер искусств «Арт-позитив – детям Сарова»"
    assert by_category["media"] == "Телепроект «Книжная полка»"


def test_insights_written_from_the_numbers(sample):
    table = metrics.yearly(sample).set_index("year")
    before, after = round(table.loc[2019, "online_share"]), round(table.loc[2020, "online_share"])
    sentences = narrative.insights(sample, 2020)
    assert 3 <= len(sentences) <= 5
    assert f"доля онлайн-мероприятий выросла с {before}\u00a0% до {after}\u00a0%" in " ".join(sentences)
    assert any(s.startswith("Больше всего мероприятий — с организациями и учреждениями") for s in sentences)
    english = narrative.insights(sample, 2020, "en")
    assert any("share of online events rose" in s for s in english)
    assert narrative.insights(sample, 1990) == []


def test_the_default_example_is_the_first_candidate(sample):
    for row in metrics.examples(sample, 2020).itertuples():
        options = metrics.candidates(sample, row.category, 2020)
        assert int(options["event_id"].iloc[0]) == int(row.event_id), row.category


def test_check_json_by_year_holds_the_dashboard_figures(tiny):
    from partnerlib import cli

    result = read_workbook(TINY_CSV.encode("utf-8"), "tiny.csv")
    got = cli.summary(result)["by_year"]
    assert got["2020"] == {"active_partners": 3, "new_partners": 1, "continuing_partners": 2, "unknown_partners": 0,
                           "lost_partners": 1, "events": 3, "participants": 105, "views": 1700,
                           "online_share": 66.67}
    assert got["2019"]["new_partners"] == 0 and got["2019"]["unknown_partners"] == 3
    assert list(got) == ["2019", "2020", "2021"]


def test_one_partners_years_formats_and_events():
    ds = _status_dataset({"Музей": 2015, "Школа": None},
                         [(2018, "Школа"), (2019, "Музей"), (2019, "городской музей"), (2020, "Школа"),
                          (2022, "Школа; Музей")])
    choices = metrics.partner_choices(ds).set_index("key")
    assert choices.loc["школа", "events"] == 3 and choices.loc["музей", "names"] == ""
    table = metrics.partner_by_year(ds, "школа").set_index("year")
    # Школа: 2018 the data's first year, not dated by the register; back in 2020 after a gap; 2021 none.
    assert table["status"].to_dict() == {2018: "unknown", 2019: "lost", 2020: "continuing", 2021: "lost",
                                         2022: "continuing"}
    assert table["events"].tolist() == [1, 0, 1, 0, 1] and table["offline"].tolist() == [1, 0, 1, 0, 1]
    museum = metrics.partner_profile(ds, "музей")
    assert (museum["since"], museum["first_year"], museum["last_year"], museum["events"]) == (2015, 2019, 2022, 2)
    assert metrics.partner_by_year(ds, "музей")["status"].tolist() == ["continuing", "lost", "missing", "continuing"]
    assert metrics.partner_events(ds, "музей")["title"].tolist() == ["Встреча 1", "Встреча 4"]
    assert metrics.partner_by_year(ds, "музей", (2021, 2022))["year"].tolist() == [2021, 2022]


def test_a_merge_then_an_undo(tmp_path):
    from partnerlib.identity import apply_aliases
    from partnerlib.store import Store

    partners, rows = _status_rows({"Городской музей": 2012}, [
        (2019, "Городской музей"), (2020, "МБУК «Городской музей»"), (2020, "Школа"),
        (2020, "Городской музей; МБУК «Городской музей»")])
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.apply(read_workbook(workbook_bytes(partners, rows), "музей.xlsx"), "музей.xlsx")

    def counts():
        shown = apply_aliases(store.load(), store.aliases())
        return metrics.partner_counts(shown).set_index("year").loc[2020, metrics.PARTNER_COUNTS].tolist(), shown

    before, _ = counts()
    assert before == [3, 2, 1, 0, 0]  # МБУК «Городской музей» and Школа new, Городской музей continuing
    merge = store.add_alias("МБУК «Городской музей»", "Городской музей")
    after, shown = counts()
    assert after == [2, 1, 1, 0, 0]  # one museum, continuing (the register dates it 2012); Школа new
    museum = shown.events[shown.events["title"] == "Встреча 3"]["partners"].item()
    assert museum == "Городской музей"  # an event naming both spellings names the partner once
    assert int(shown.partners.set_index("partner").loc["Городской музей", "since"]) == 2012
    history = store.history(extra=True)
    assert history.set_index("id").at[merge, "kind"] == "alias"
    store.undo(merge)
    undone, _ = counts()
    assert undone == before
