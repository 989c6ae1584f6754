"""The figures of partnerlib.metrics and partnerlib.narrative, on a small hand-checked dataset and the demo workbook."""

from pathlib import Path

import pandas as pd
import pytest

from partnerlib import metrics, narrative, read_workbook

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
    # 2019: школа, музей, канал (all new); 2020: школа, канал, администрация (new) — музей lapsed;
    # 2021: канал only — школа and администрация lapsed.
    assert flow.loc[2019].to_dict() == {"active": 3, "new": 3, "continuing": 0, "lapsed": 0}
    assert flow.loc[2020].to_dict() == {"active": 3, "new": 1, "continuing": 2, "lapsed": 1}
    assert flow.loc[2021].to_dict() == {"active": 1, "new": 0, "continuing": 1, "lapsed": 2}


def test_new_partners_are_judged_on_the_whole_history(tiny):
    restricted = metrics.partner_flow(tiny, (2020, 2021)).set_index("year")
    assert restricted.loc[2020, "new"] == 1
    assert list(metrics.new_partners(tiny, 2020)["partner"]) == ["Администрация"]


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
