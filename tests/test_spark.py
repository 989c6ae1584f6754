"""The Overview's small trends as SVG: a bar or point per year with its value, the years, the largest value."""

import re

import pandas as pd
import pytest

from partnerlib import spark

YEARLY = pd.DataFrame({"year": [2019, 2020, 2021], "events": [12, 1200, None], "online_share": [5.0, 78.4, 40.0]})


def tips(svg: str) -> list[str]:
    return re.findall(r"<title>([^<]*)</title>", svg)


def texts(svg: str) -> list[str]:
    return re.findall(r"<text [^>]*>([^<]*)</text>", svg)


@pytest.mark.parametrize(("column", "kind", "lang", "expected_tips", "expected_texts"), [
    ("events", "bar", "ru", ["2019: 12", "2020: 1\u00a0200"], ["Мероприятия", "1\u00a0200", "2019", "2020", "2021"]),
    ("events", "bar", "en", ["2019: 12", "2020: 1,200"], ["Events", "1,200", "2019", "2020", "2021"]),
    ("online_share", "line", "ru", ["2019: 5\u00a0%", "2020: 78\u00a0%", "2021: 40\u00a0%"],
     ["Доля онлайн", "78\u00a0%", "2019", "2020", "2021"]),
])
def test_each_year_has_its_value_as_a_tooltip(column, kind, lang, expected_tips, expected_texts):
    svg = spark.trend_svg(YEARLY, column, lang, kind=kind)
    assert tips(svg) == expected_tips  # a year without a value (2021's events) has no bar
    assert texts(svg) == expected_texts
    assert svg.count("<rect") == (len(expected_tips) if kind == "bar" else 0)
    assert svg.count("<circle") == (len(expected_tips) if kind == "line" else 0)


def test_bars_are_as_high_as_their_values():
    svg = spark.trend_svg(pd.DataFrame({"year": [2020, 2021], "events": [50, 100]}), "events")
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', svg)]
    assert heights[1] == pytest.approx(spark.HEIGHT - spark.TOP - spark.BOTTOM, abs=0.1)
    assert heights[0] == pytest.approx(heights[1] / 2, abs=0.1)


def test_many_years_keep_the_latest_label_and_at_most_five():
    frame = pd.DataFrame({"year": range(2010, 2026), "events": range(16)})
    labels = [t for t in texts(spark.trend_svg(frame, "events")) if t.isdigit() and len(t) == 4]
    assert labels[-1] == "2025" and len(labels) <= spark.MAX_YEAR_LABELS


def test_no_data_says_so_and_text_is_escaped():
    svg = spark.trend_svg(pd.DataFrame({"year": [], "events": []}), "events")
    assert texts(svg) == ["Мероприятия", "Нет данных"]
    assert "<script" not in spark.trend_svg(YEARLY, "events")


@pytest.mark.parametrize(("column", "kind"), [("approx", "bar"), ("events", "area")])
def test_unknown_column_or_kind_is_refused(column, kind):
    with pytest.raises(ValueError):
        spark.trend_svg(YEARLY, column, kind=kind)
