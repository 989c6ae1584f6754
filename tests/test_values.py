"""Tests of the cell parsers (counts, dates, years, formats, platforms, names) and the header aliases."""

from __future__ import annotations

import datetime as dt
import math
import string

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from partnerlib.errors import MESSAGES
from partnerlib.model import ALIAS_LOOKUP, DATE_PRECISIONS, HEADER_ALIASES, RU_HEADINGS, match_header, normalise_header
from partnerlib.values import (
    DATE_FAILURES,
    DATE_NOTES,
    MAX_COUNT,
    MAX_YEAR,
    MIN_YEAR,
    SEVERITY,
    Count,
    SchoolYear,
    clean_text,
    date_hints,
    is_blank,
    known_partner_keys,
    normalise_name,
    normalise_platform,
    normalise_platform_cell,
    parse_count,
    parse_date,
    parse_format,
    parse_place,
    parse_venue,
    parse_year,
    partner_splitter,
    read_place,
    split_partners,
)

NBSP = "\u00a0"
D = dt.date

# ---------------------------------------------------------------- counts

COUNTS = [
    # value, number, approx, code
    # exact numbers, as typed and as Excel stores them
    ("1200", 1200, False, None),
    ("1 200", 1200, False, None),
    (f"1{NBSP}200", 1200, False, None),
    ("1\u202f200", 1200, False, None),
    ("12 345 678", 12_345_678, False, None),
    ("  42  ", 42, False, None),
    ("0", 0, False, None),
    (0, 0, False, None),
    (350, 350, False, None),
    (350.0, 350, False, None),
    (-0.0, 0, False, None),
    # thousands and millions
    ("1,5 тыс.", 1500, False, None),
    ("1.5 тыс.", 1500, False, None),
    ("1,5тыс", 1500, False, None),
    ("2 тыс человек", 2000, False, None),
    ("3 тысячи", 3000, False, None),
    ("5 тысяч", 5000, False, None),
    ("12k", 12_000, False, None),
    ("2 млн", 2_000_000, False, None),
    ("3 млн.", 3_000_000, False, None),
    ("2 миллиона", 2_000_000, False, None),
    # units after the number do not make it a guess
    ("350 чел.", 350, False, None),
    ("1 200 человек", 1200, False, None),
    ("40 участников", 40, False, None),
    ("12 шт.", 12, False, None),
    # approximate: the number is kept and flagged
    ("более 350", 350, True, "count_approx"),
    ("Более 350", 350, True, "count_approx"),
    ("свыше 350", 350, True, "count_approx"),
    ("свыше 2 тыс.", 2000, True, "count_approx"),
    ("более 2 млн", 2_000_000, True, "count_approx"),
    ("более чем 100", 100, True, "count_approx"),
    ("больше 100", 100, True, "count_approx"),
    ("не менее 10", 10, True, "count_approx"),
    ("до 100", 100, True, "count_approx"),
    ("350+", 350, True, "count_approx"),
    ("350 +", 350, True, "count_approx"),
    (">350", 350, True, "count_approx"),
    ("> 350", 350, True, "count_approx"),
    (">= 10", 10, True, "count_approx"),
    ("≥10", 10, True, "count_approx"),
    ("около 60", 60, True, "count_approx"),
    ("около 60 человек", 60, True, "count_approx"),
    ("около 1,5 тыс.", 1500, True, "count_approx"),
    ("примерно 40", 40, True, "count_approx"),
    ("~60", 60, True, "count_approx"),
    ("≈ 40", 40, True, "count_approx"),
    ("more than 100", 100, True, "count_approx"),
    # ranges: the lower bound
    ("100–150", 100, True, "count_approx"),
    ("100-150", 100, True, "count_approx"),
    ("100 — 150", 100, True, "count_approx"),
    ("1 000–1 500", 1000, True, "count_approx"),
    # a number inside words
    ("5 передач", 5, False, "count_from_text"),
    ("5 meetings", 5, False, "count_from_text"),
    ("около 5 передач", 5, True, "count_approx"),
    # a dot (or a comma) before exactly three digits groups thousands: people are never fractional
    ("2.500", 2500, False, "count_grouped"),
    ("12.000", 12_000, False, "count_grouped"),
    ("1.234.567", 1_234_567, False, "count_grouped"),
    ("2.500 чел.", 2500, False, "count_grouped"),
    ("1,200", 1200, False, "count_grouped"),
    ("12,000 people", 12_000, False, "count_grouped"),
    ("более 2.500", 2500, True, "count_approx"),
    ("2.500+", 2500, True, "count_approx"),
    ("1.000–1.500", 1000, True, "count_approx"),
    ("1.500 тыс.", 1500, False, None),  # with a multiplier the mark is a decimal one
    ("1,200 тыс.", 1200, False, None),
    ("2.5000", 3, False, "count_rounded"),
    ("0.500", 1, False, "count_rounded"),
    ("2.50", 3, False, "count_rounded"),
    # several counts in one cell: their sum, with a warning
    ("15 детей и 2 воспитателя", 17, False, "count_sum"),
    ("15 детей и 2 взрослых", 17, False, "count_sum"),
    ("10 + 5", 15, False, "count_sum"),
    ("10+5", 15, False, "count_sum"),
    ("20 взрослых, 15 детей", 35, False, "count_sum"),
    ("20 взрослых; 15 детей", 35, False, "count_sum"),
    ("12 + 8 + 5", 25, False, "count_sum"),
    ("1 200 + 300 онлайн", 1500, False, "count_sum"),
    ("2.500 и 500", 3000, False, "count_sum"),
    ("около 20 взрослых и 15 детей", 35, True, "count_approx"),
    ("20 взрослых и детей", 20, False, "count_from_text"),
    ("2 встречи, по 30 человек", None, False, "count_not_number"),
    ("15 детей и -2", None, False, "count_negative"),
    ("20 взрослых, 15 детей, много родителей", 35, False, "count_sum"),
    # «в том числе», «из них»: the part after it is already in the count
    ("20 чел. (из них 15 детей)", 20, False, "count_from_text"),
    ("60, в т.ч. 20 детей", 60, False, "count_from_text"),
    ("60 в том числе 20 детей и 5 взрослых", 60, False, "count_from_text"),
    ("около 60 (в т.ч. 20 детей)", 60, True, "count_approx"),
    ("15 детей и 2 воспитателя (из них 1 родитель)", 17, False, "count_sum"),
    ("в т.ч. 20", None, False, "count_not_number"),
    # fractions are rounded half up, with a note
    ("12,5", 13, False, "count_rounded"),
    ("1.5", 2, False, "count_rounded"),
    ("0,4", 0, False, "count_rounded"),
    (12.4, 12, False, "count_rounded"),
    (12.5, 13, False, "count_rounded"),
    # dropped, with a warning
    ("-5", None, False, "count_negative"),
    ("-1", None, False, "count_negative"),
    ("−1", None, False, "count_negative"),
    ("=-1", None, False, "count_not_number"),
    ("около -5", None, False, "count_negative"),
    ("-1 200", None, False, "count_negative"),
    ("– 5", None, False, "count_negative"),
    (-5, None, False, "count_negative"),
    (-0.5, None, False, "count_negative"),
    ("много", None, False, "count_not_number"),
    ("не считали", None, False, "count_not_number"),
    ("2 встречи по 30 человек", None, False, "count_not_number"),
    ("1e3", None, False, "count_not_number"),
    (math.inf, None, False, "count_not_number"),
    (True, None, False, "count_not_number"),
    (D(2020, 1, 1), None, False, "count_not_number"),
    pytest.param("9" * 25, None, False, "count_too_large", id="25 nines"),
    pytest.param("1" * 400, None, False, "count_too_large", id="400 ones"),
    (1e13, None, False, "count_too_large"),
    pytest.param(10**400, None, False, "count_too_large", id="10**400"),
    # empty cells: nothing to say
    (None, None, False, None),
    ("", None, False, None),
    ("   ", None, False, None),
    ("-", None, False, None),
    ("—", None, False, None),
    (math.nan, None, False, None),
]


@pytest.mark.parametrize(("value", "number", "approx", "code"), COUNTS)
def test_parse_count(value, number, approx, code):
    assert parse_count(value) == Count(number, approx, code)


def test_count_codes_have_messages():
    codes = {(case.values if hasattr(case, "values") else case)[-1] for case in COUNTS} - {None}
    assert codes <= set(MESSAGES)
    assert codes == {"count_approx", "count_from_text", "count_rounded", "count_negative", "count_not_number",
                     "count_too_large", "count_grouped", "count_sum"}
    assert codes <= set(SEVERITY)
    assert (SEVERITY["count_sum"], SEVERITY["count_grouped"]) == ("warning", "info")


@pytest.mark.parametrize(("value", "number"), [("2.500", "2 500"), ("15 детей и 2 воспитателя", "17")])
def test_count_messages_quote_the_text(value, number):
    code = parse_count(value).code
    for template in MESSAGES[code]:
        message = template.format(value=value, number=number)
        assert f"«{value}»" in message and number in message


# ---------------------------------------------------------------- dates

DATES = [
    # value, date, year, precision, code
    # Excel dates and date-times
    (dt.datetime(2018, 4, 27, 10, 30), D(2018, 4, 27), 2018, "day", None),
    (D(2018, 4, 27), D(2018, 4, 27), 2018, "day", None),
    (pd.Timestamp("2018-04-27 18:00"), D(2018, 4, 27), 2018, "day", None),
    # Excel serial numbers (a date cell read without its format)
    (43217, D(2018, 4, 27), 2018, "day", None),
    (43217.0, D(2018, 4, 27), 2018, "day", None),
    (43217.75, D(2018, 4, 27), 2018, "day", None),
    (18264, D(1950, 1, 1), 1950, "day", None),
    (73415, D(2100, 12, 31), 2100, "day", None),
    # day, month and year as typed
    ("27.04.2018", D(2018, 4, 27), 2018, "day", None),
    ("27/04/2018", D(2018, 4, 27), 2018, "day", None),
    ("27-04-2018", D(2018, 4, 27), 2018, "day", None),
    ("7.4.2018", D(2018, 4, 7), 2018, "day", None),
    (" 27.04.2018 г. ", D(2018, 4, 27), 2018, "day", None),
    ("27.04.2018г", D(2018, 4, 27), 2018, "day", None),
    ("27.04.2018 10:00", D(2018, 4, 27), 2018, "day", None),
    ("27.04.2018 10:00:05", D(2018, 4, 27), 2018, "day", None),
    ("2018-04-27", D(2018, 4, 27), 2018, "day", None),
    ("2018-04-27 00:00:00", D(2018, 4, 27), 2018, "day", None),
    ("2018-04-27T10:00", D(2018, 4, 27), 2018, "day", None),
    # two-digit years: 00–69 are 20xx, 70–99 are 19xx
    ("27.04.18", D(2018, 4, 27), 2018, "day", None),
    ("01.01.69", D(2069, 1, 1), 2069, "day", None),
    ("01.01.70", D(1970, 1, 1), 1970, "day", None),
    ("31.12.99", D(1999, 12, 31), 1999, "day", None),
    # month names, genitive and short
    ("27 апреля 2018", D(2018, 4, 27), 2018, "day", None),
    ("27 Апреля 2018 г.", D(2018, 4, 27), 2018, "day", None),
    ("27 апреля 2018 года", D(2018, 4, 27), 2018, "day", None),
    ("27 апр. 2018", D(2018, 4, 27), 2018, "day", None),
    ("1 сентября 2019", D(2019, 9, 1), 2019, "day", None),
    ("3 мая 2021", D(2021, 5, 3), 2021, "day", None),
    ("15 декабря 2020", D(2020, 12, 15), 2020, "day", None),
    ("27 April 2018", D(2018, 4, 27), 2018, "day", None),
    # month only: the 1st of the month, with a note
    ("апрель 2018", D(2018, 4, 1), 2018, "month", "date_month_only"),
    ("Апрель 2018 года", D(2018, 4, 1), 2018, "month", "date_month_only"),
    ("май 2020", D(2020, 5, 1), 2020, "month", "date_month_only"),
    ("12.2020", D(2020, 12, 1), 2020, "month", "date_month_only"),
    ("04/2020", D(2020, 4, 1), 2020, "month", "date_month_only"),
    # year only: the year is set, the date is empty
    ("2018", None, 2018, "year", None),
    ("2018 г.", None, 2018, "year", None),
    ("2018 год", None, 2018, "year", None),
    (2018, None, 2018, "year", None),
    (2018.0, None, 2018, "year", None),
    # periods: the first day and the end (see PERIODS), with a note
    ("27–28 апреля 2018", D(2018, 4, 27), 2018, "period", "date_range"),
    ("27.04.2018 - 28.04.2018", D(2018, 4, 27), 2018, "period", "date_range"),
    ("27.04.2018 – 05.05.2018", D(2018, 4, 27), 2018, "period", "date_range"),
    ("с 27.04.2018 по 30.04.2018", D(2018, 4, 27), 2018, "period", "date_range"),
    ("27.04.2018 по 30.04.2018", D(2018, 4, 27), 2018, "period", "date_range"),
    # impossible dates
    ("31.02.2020", None, None, None, "impossible_date"),
    ("29.02.2019", None, None, None, "impossible_date"),
    ("32.01.2020", None, None, None, "impossible_date"),
    ("2020-02-30", None, None, None, "impossible_date"),
    ("13.2020", None, None, None, "impossible_date"),
    ("31 апреля 2020", None, None, None, "impossible_date"),
    # out of range (1950–2100)
    ("01.01.1949", None, None, None, "date_out_of_range"),
    ("01.01.2101", None, None, None, "date_out_of_range"),
    ("1949", None, None, None, "date_out_of_range"),
    ("январь 1900", None, None, None, "date_out_of_range"),
    (D(1900, 1, 1), None, None, None, "date_out_of_range"),
    (dt.datetime(2150, 1, 1), None, None, None, "date_out_of_range"),
    # not a date
    ("завтра", None, None, None, "bad_date"),
    ("сентябрь", None, None, None, "bad_date"),
    ("27.04", None, None, None, "bad_date"),
    ("2020-2021", None, None, None, "bad_date"),
    (True, None, None, None, "bad_date"),
    (dt.time(10, 0), None, None, None, "bad_date"),
    (10, None, None, None, "bad_date"),
    (-43217, None, None, None, "bad_date"),
    (73416, None, None, None, "bad_date"),
    (1e300, None, None, None, "bad_date"),
    pytest.param(10**400, None, None, None, "bad_date", id="10**400"),
    # empty cells
    (None, None, None, None, None),
    ("", None, None, None, None),
    ("  ", None, None, None, None),
    ("—", None, None, None, None),
    (math.nan, None, None, None, None),
    (pd.NaT, None, None, None, None),
]


@pytest.mark.parametrize(("value", "date", "year", "precision", "code"), DATES)
def test_parse_date(value, date, year, precision, code):
    parsed = parse_date(value)
    assert (parsed.date, parsed.year, parsed.precision, parsed.code) == (date, year, precision, code)
    assert (parsed.date_end is not None) == (precision == "period")


@pytest.mark.parametrize(("value", "year"), [("01.01.1949", 1949), ("1949", 1949), (D(1900, 5, 1), 1900),
                                              ("01.01.2101", 2101)])
def test_out_of_range_date_names_its_year(value, year):
    parsed = parse_date(value)
    assert parsed.params == {"year": year}
    message = MESSAGES["date_out_of_range"][0].format(value=value, **parsed.params)
    assert str(year) in message


H22 = {"year_hint": 2022}
SEP22 = {"year_hint": 2022, "month_hint": 9}

PERIODS = [
    # value, hints, start, end, year, precision, code
    # days of one month
    ("14–15 мая 2022", {}, D(2022, 5, 14), D(2022, 5, 15), 2022, "period", "date_range"),
    ("14-15 мая 2022 г.", {}, D(2022, 5, 14), D(2022, 5, 15), 2022, "period", "date_range"),
    ("14 - 15 May 2022", {}, D(2022, 5, 14), D(2022, 5, 15), 2022, "period", "date_range"),
    ("14-15.05.2022", {}, D(2022, 5, 14), D(2022, 5, 15), 2022, "period", "date_range"),
    ("14.05-15.05.2022", {}, D(2022, 5, 14), D(2022, 5, 15), 2022, "period", "date_range"),
    ("с 1 по 10 июня 2022", {}, D(2022, 6, 1), D(2022, 6, 10), 2022, "period", "date_range"),
    ("С 1 по 10 июня 2022 года", {}, D(2022, 6, 1), D(2022, 6, 10), 2022, "period", "date_range"),
    ("со 2 по 5.06.2022", {}, D(2022, 6, 2), D(2022, 6, 5), 2022, "period", "date_range"),
    ("from 1 to 10 June 2022", {}, D(2022, 6, 1), D(2022, 6, 10), 2022, "period", "date_range"),
    # days of different months and years
    ("3 октября – 5 ноября 2022", {}, D(2022, 10, 3), D(2022, 11, 5), 2022, "period", "date_range"),
    ("3 окт. — 5 нояб. 2022", {}, D(2022, 10, 3), D(2022, 11, 5), 2022, "period", "date_range"),
    ("01.10.2022–05.11.2022", {}, D(2022, 10, 1), D(2022, 11, 5), 2022, "period", "date_range"),
    ("01.10.2022 - 05.11.2022", {}, D(2022, 10, 1), D(2022, 11, 5), 2022, "period", "date_range"),
    ("2022-10-01 – 2022-11-05", {}, D(2022, 10, 1), D(2022, 11, 5), 2022, "period", "date_range"),
    ("01.10.22–05.11.22", {}, D(2022, 10, 1), D(2022, 11, 5), 2022, "period", "date_range"),
    ("October 3 – November 5, 2022", {}, D(2022, 10, 3), D(2022, 11, 5), 2022, "period", "date_range"),
    # over New Year: the event belongs to the year it began
    ("28.12.2022–10.01.2023", {}, D(2022, 12, 28), D(2023, 1, 10), 2022, "period", "date_range"),
    ("28 декабря – 10 января 2023", {}, D(2022, 12, 28), D(2023, 1, 10), 2022, "period", "date_range"),
    ("28.12–10.01.2023", {}, D(2022, 12, 28), D(2023, 1, 10), 2022, "period", "date_range"),
    ("декабрь 2022 – январь 2023", {}, D(2022, 12, 1), D(2023, 1, 31), 2022, "period", "date_range"),
    # months
    ("сентябрь–октябрь 2022", {}, D(2022, 9, 1), D(2022, 10, 31), 2022, "period", "date_range"),
    ("Сентябрь - октябрь 2022 г.", {}, D(2022, 9, 1), D(2022, 10, 31), 2022, "period", "date_range"),
    ("September–October 2022", {}, D(2022, 9, 1), D(2022, 10, 31), 2022, "period", "date_range"),
    ("январь–февраль 2024", {}, D(2024, 1, 1), D(2024, 2, 29), 2024, "period", "date_range"),
    ("09.2022–10.2022", {}, D(2022, 9, 1), D(2022, 10, 31), 2022, "period", "date_range"),
    ("сентябрь – 5 октября 2022", {}, D(2022, 9, 1), D(2022, 10, 5), 2022, "period", "date_range"),
    ("январь–декабрь 2022", {}, D(2022, 1, 1), D(2022, 12, 31), 2022, "period", "date_range"),
    # quarters
    ("II квартал 2022", {}, D(2022, 4, 1), D(2022, 6, 30), 2022, "quarter", "date_quarter"),
    ("2 кв. 2022", {}, D(2022, 4, 1), D(2022, 6, 30), 2022, "quarter", "date_quarter"),
    ("2 кв 2022 г.", {}, D(2022, 4, 1), D(2022, 6, 30), 2022, "quarter", "date_quarter"),
    ("2-й квартал 2022 года", {}, D(2022, 4, 1), D(2022, 6, 30), 2022, "quarter", "date_quarter"),
    ("во II квартале 2022", {}, D(2022, 4, 1), D(2022, 6, 30), 2022, "quarter", "date_quarter"),
    ("IV кв. 2022", {}, D(2022, 10, 1), D(2022, 12, 31), 2022, "quarter", "date_quarter"),
    ("первый квартал 2023", {}, D(2023, 1, 1), D(2023, 3, 31), 2023, "quarter", "date_quarter"),
    ("в четвёртом квартале 2023", {}, D(2023, 10, 1), D(2023, 12, 31), 2023, "quarter", "date_quarter"),
    ("Q3 2022", {}, D(2022, 7, 1), D(2022, 9, 30), 2022, "quarter", "date_quarter"),
    ("3rd quarter 2022", {}, D(2022, 7, 1), D(2022, 9, 30), 2022, "quarter", "date_quarter"),
    ("I–II квартал 2022", {}, D(2022, 1, 1), D(2022, 6, 30), 2022, "period", "date_range"),
    ("1-2 кв. 2022", {}, D(2022, 1, 1), D(2022, 6, 30), 2022, "period", "date_range"),
    ("II квартал", H22, D(2022, 4, 1), D(2022, 6, 30), 2022, "quarter", "date_year_from_hint"),
    # half-years
    ("I полугодие 2022", {}, D(2022, 1, 1), D(2022, 6, 30), 2022, "period", "date_range"),
    ("2-е полугодие 2022 г.", {}, D(2022, 7, 1), D(2022, 12, 31), 2022, "period", "date_range"),
    ("во втором полугодии 2022", {}, D(2022, 7, 1), D(2022, 12, 31), 2022, "period", "date_range"),
    ("first half of 2022", {}, D(2022, 1, 1), D(2022, 6, 30), 2022, "period", "date_range"),
    ("H2 2022", {}, D(2022, 7, 1), D(2022, 12, 31), 2022, "period", "date_range"),
    ("I полугодие", H22, D(2022, 1, 1), D(2022, 6, 30), 2022, "period", "date_year_from_hint"),
    ("III полугодие 2022", {}, None, None, None, None, "bad_date"),
    # year first with dots or slashes; a start with no end
    ("2022.05.14", {}, D(2022, 5, 14), None, 2022, "day", None),
    ("2022/05/14", {}, D(2022, 5, 14), None, 2022, "day", None),
    ("2022.05.14–2022.05.16", {}, D(2022, 5, 14), D(2022, 5, 16), 2022, "period", "date_range"),
    ("2022.13.14", {}, None, None, None, None, "impossible_date"),
    ("с 10.10.2022", {}, D(2022, 10, 10), None, 2022, "day", None),
    ("с 10 октября", H22, D(2022, 10, 10), None, 2022, "day", "date_year_from_hint"),
    # times of day and days of the week are left out
    ("14.05.2022, 10:00–12:00", {}, D(2022, 5, 14), None, 2022, "day", None),
    ("14.05.2022 в 10:00", {}, D(2022, 5, 14), None, 2022, "day", None),
    ("14 мая 2022 г., 15:00", {}, D(2022, 5, 14), None, 2022, "day", None),
    ("14 мая 2022 с 10:00 до 12:00", {}, D(2022, 5, 14), None, 2022, "day", None),
    ("суббота, 14 мая 2022", {}, D(2022, 5, 14), None, 2022, "day", None),
    ("14 мая 2022 (сб)", {}, D(2022, 5, 14), None, 2022, "day", None),
    ("14.05.2022 10:00 – 15.05.2022 18:00", {}, D(2022, 5, 14), D(2022, 5, 15), 2022, "period", "date_range"),
    ("14–15 мая 2022, 11:00", {}, D(2022, 5, 14), D(2022, 5, 15), 2022, "period", "date_range"),
    ("15.09, 14:00", H22, D(2022, 9, 15), None, 2022, "day", "date_year_from_hint"),
    ("10:00", {}, None, None, None, None, "bad_date"),
    ("суббота", {}, None, None, None, None, "bad_date"),
    # the year (and month) from the sheet's name or title
    ("15.09", H22, D(2022, 9, 15), None, 2022, "day", "date_year_from_hint"),
    ("15 сентября", H22, D(2022, 9, 15), None, 2022, "day", "date_year_from_hint"),
    ("15 Sept", H22, D(2022, 9, 15), None, 2022, "day", "date_year_from_hint"),
    ("сентябрь", H22, D(2022, 9, 1), None, 2022, "month", "date_year_from_hint"),
    ("в сентябре", H22, D(2022, 9, 1), None, 2022, "month", "date_year_from_hint"),
    ("September", H22, D(2022, 9, 1), None, 2022, "month", "date_year_from_hint"),
    ("14–15 мая", H22, D(2022, 5, 14), D(2022, 5, 15), 2022, "period", "date_year_from_hint"),
    ("с 1 по 10 июня", H22, D(2022, 6, 1), D(2022, 6, 10), 2022, "period", "date_year_from_hint"),
    ("сентябрь–октябрь", H22, D(2022, 9, 1), D(2022, 10, 31), 2022, "period", "date_year_from_hint"),
    ("28.12–10.01", H22, D(2022, 12, 28), D(2023, 1, 10), 2022, "period", "date_year_from_hint"),
    ("15", SEP22, D(2022, 9, 15), None, 2022, "day", "date_year_from_hint"),
    (15, SEP22, D(2022, 9, 15), None, 2022, "day", "date_year_from_hint"),
    (15.0, SEP22, D(2022, 9, 15), None, 2022, "day", "date_year_from_hint"),  # a number cell, as Excel keeps it
    (15.5, SEP22, None, None, None, None, "bad_date"),
    ("весь месяц", SEP22, D(2022, 9, 1), None, 2022, "month", "date_year_from_hint"),
    ("в течение года", H22, None, None, 2022, "year", "date_year_from_hint"),
    ("В течение года", SEP22, None, None, 2022, "year", "date_year_from_hint"),
    ("весь год", H22, None, None, 2022, "year", "date_year_from_hint"),
    ("в течение всего года", H22, None, None, 2022, "year", "date_year_from_hint"),
    ("ежемесячно", H22, None, None, 2022, "year", "date_year_from_hint"),
    ("Ежеквартально", H22, None, None, 2022, "year", "date_year_from_hint"),
    ("throughout the year", H22, None, None, 2022, "year", "date_year_from_hint"),
    ("в течение 2023 года", H22, None, None, 2023, "year", None),
    # a date that gives its year keeps it; a whole date ignores the hints
    ("15.09.2021", SEP22, D(2021, 9, 15), None, 2021, "day", None),
    ("сентябрь 2021", H22, D(2021, 9, 1), None, 2021, "month", "date_month_only"),
    (43217, SEP22, D(2018, 4, 27), None, 2018, "day", None),
    (2018, SEP22, None, None, 2018, "year", None),
    # no hint: no year can be known ("в течение года" is then like an empty cell: the year column decides)
    ("в течение года", {}, None, None, None, None, None),
    ("ежемесячно", {}, None, None, None, None, None),
    ("15.09", {}, None, None, None, None, "bad_date"),
    ("15 сентября", {}, None, None, None, None, "bad_date"),
    ("14–15 мая", {}, None, None, None, None, "bad_date"),
    ("II квартал", {}, None, None, None, None, "bad_date"),
    ("15", H22, None, None, None, None, "bad_date"),
    (15, H22, None, None, None, None, "bad_date"),
    ("весь месяц", {}, None, None, None, None, None),
    ("весь месяц", H22, None, None, 2022, "year", "date_year_from_hint"),
    # hints that are not a year or a month are ignored
    ("15.09", {"year_hint": 1800}, None, None, None, None, "bad_date"),
    ("15", {"year_hint": 2022, "month_hint": 13}, None, None, None, None, "bad_date"),
    # one day written as a period
    ("14–14 мая 2022", {}, D(2022, 5, 14), None, 2022, "day", None),
    # backwards or absurd periods
    ("05.11.2022–03.10.2022", {}, None, None, None, None, "date_range_reversed"),
    ("5 ноября – 3 октября 2022", {}, None, None, None, None, "date_range_reversed"),
    ("15–14 мая 2022", {}, None, None, None, None, "date_range_reversed"),
    ("октябрь–сентябрь 2022", {}, None, None, None, None, "date_range_reversed"),
    ("01.01.2020–01.01.2030", {}, None, None, None, None, "date_range_too_long"),
    ("01.01.2022–03.01.2023", {}, None, None, None, None, "date_range_too_long"),
    ("31.02–03.03.2022", {}, None, None, None, None, "impossible_date"),
    ("01.01.1949–02.01.1949", {}, None, None, None, None, "date_out_of_range"),
    ("1–2", {}, None, None, None, None, "bad_date"),
    ("2020–2021", H22, None, None, None, None, "bad_date"),
    ("14–15 мая 2022 – 16 мая 2022", {}, None, None, None, None, "bad_date"),
    ("V квартал 2022", {}, None, None, None, None, "bad_date"),
    ("5 кв. 2022", {}, None, None, None, None, "bad_date"),
    # days listed in one cell: one event from the first listed day to the last, with a note naming them
    ("14, 15 мая 2022", {}, D(2022, 5, 14), D(2022, 5, 15), 2022, "period", "date_list"),
    ("14 и 15 мая 2022 г.", {}, D(2022, 5, 14), D(2022, 5, 15), 2022, "period", "date_list"),
    ("14, 15 и 21 мая 2022", {}, D(2022, 5, 14), D(2022, 5, 21), 2022, "period", "date_list"),
    ("21, 14 мая 2022", {}, D(2022, 5, 14), D(2022, 5, 21), 2022, "period", "date_list"),
    ("30 апреля, 1 мая 2022", {}, D(2022, 4, 30), D(2022, 5, 1), 2022, "period", "date_list"),
    ("14.05, 15.05.2022", {}, D(2022, 5, 14), D(2022, 5, 15), 2022, "period", "date_list"),
    ("14.05.2022; 21.05.2022", {}, D(2022, 5, 14), D(2022, 5, 21), 2022, "period", "date_list"),
    ("14, 15 мая", H22, D(2022, 5, 14), D(2022, 5, 15), 2022, "period", "date_list"),
    ("14, 15", SEP22, D(2022, 9, 14), D(2022, 9, 15), 2022, "period", "date_list"),
    ("14, 14 мая 2022", {}, D(2022, 5, 14), None, 2022, "day", None),
    ("14, 15 мая", {}, None, None, None, None, "bad_date"),
    ("14, 15", H22, None, None, None, None, "bad_date"),
    ("14, 31 февраля 2022", {}, None, None, None, None, "impossible_date"),
    ("10.01.2022, 15.01.2023", {}, None, None, None, None, "date_range_too_long"),
    ("May 14, 2022", {}, D(2022, 5, 14), None, 2022, "day", None),
    # a deadline in a plan: its date, with a note
    ("до 15.05.2022", {}, D(2022, 5, 15), None, 2022, "day", "date_deadline"),
    ("До 15 мая 2022 г.", {}, D(2022, 5, 15), None, 2022, "day", "date_deadline"),
    ("до 15.05", H22, D(2022, 5, 15), None, 2022, "day", "date_deadline"),
    ("в срок до 01.06.2022", {}, D(2022, 6, 1), None, 2022, "day", "date_deadline"),
    ("не позднее 15.05.2022", {}, D(2022, 5, 15), None, 2022, "day", "date_deadline"),
    ("до мая 2022", {}, None, None, None, None, "bad_date"),
    ("до II квартала 2022", {}, None, None, None, None, "bad_date"),
    ("до 15.05", {}, None, None, None, None, "bad_date"),
    ("до 31.02.2022", {}, None, None, None, None, "impossible_date"),
    ("до конца года", {}, None, None, None, None, "bad_date"),
    # a school year: 1 September to 31 May, counted in the year it begins
    ("2021/2022 учебный год", {}, D(2021, 9, 1), D(2022, 5, 31), 2021, "period", "date_school_year"),
    ("2021–2022 уч. г.", {}, D(2021, 9, 1), D(2022, 5, 31), 2021, "period", "date_school_year"),
    ("2021-22 уч. год", {}, D(2021, 9, 1), D(2022, 5, 31), 2021, "period", "date_school_year"),
    ("в 2021—2022 учебном году", {}, D(2021, 9, 1), D(2022, 5, 31), 2021, "period", "date_school_year"),
    ("учебный год 2021/2022", {}, D(2021, 9, 1), D(2022, 5, 31), 2021, "period", "date_school_year"),
    ("2021/2022 academic year", {}, D(2021, 9, 1), D(2022, 5, 31), 2021, "period", "date_school_year"),
    ("2021/2023 учебный год", {}, None, None, None, None, "bad_date"),
    ("2022/2021 учебный год", {}, None, None, None, None, "bad_date"),
    ("2021/2022", {}, None, None, None, None, "bad_date"),
    ("1949/1950 учебный год", {}, None, None, None, None, "date_out_of_range"),
]


@pytest.mark.parametrize(("value", "hints", "date", "date_end", "year", "precision", "code"), PERIODS)
def test_parse_date_periods_quarters_and_hints(value, hints, date, date_end, year, precision, code):
    parsed = parse_date(value, **hints)
    assert (parsed.date, parsed.date_end, parsed.year, parsed.precision, parsed.code) == (
        date, date_end, year, precision, code)


@pytest.mark.parametrize(("value", "hints", "params"), [
    ("14–15 мая 2022", {}, {"start": "14.05.2022", "end": "15.05.2022"}),
    ("28 декабря – 10 января 2023", {}, {"start": "28.12.2022", "end": "10.01.2023"}),
    ("15.09", H22, {"year": 2022}),
    ("в течение года", H22, {"year": 2022}),
    ("05.11.2022–03.10.2022", {}, {"start": "05.11.2022", "end": "03.10.2022"}),
    ("01.01.2020–01.01.2030", {}, {"start": "01.01.2020", "end": "01.01.2030", "days": 3654}),
    ("14, 15 и 21 мая 2022", {}, {"start": "14.05.2022", "end": "21.05.2022",
                                  "days": "14.05.2022, 15.05.2022, 21.05.2022", "count": 3}),
    ("до 15 мая", H22, {"date": "15.05.2022"}),
    ("2021–2022 уч. г.", {}, {"start": "01.09.2021", "end": "31.05.2022"}),
])
def test_date_messages_name_what_was_read(value, hints, params):
    parsed = parse_date(value, **hints)
    assert parsed.params == params
    for template in MESSAGES[parsed.code]:
        message = template.format(value=value, column="Дата", rows="5, 9", **parsed.params)
        assert all(str(v) in message for v in params.values()), message
        # a note on how a date was read names the rows that hold it; a failure is said on its own row
        assert ("5, 9" in message) == (parsed.code in DATE_NOTES)


def test_date_codes_have_messages_and_severities():
    codes = {row[-1] for row in PERIODS} | {row[-1] for row in DATES if not hasattr(row, "values")}
    assert codes - {None} <= set(MESSAGES)
    assert codes - {None} <= set(SEVERITY)
    assert {c for c in codes if SEVERITY.get(c) == "error"} == DATE_FAILURES


def test_every_parser_code_has_a_message_in_both_languages_with_the_same_placeholders():
    for code in SEVERITY:
        ru, en = MESSAGES[code]
        names = [{f for _, f, _, _ in string.Formatter().parse(t) if f} for t in (ru, en)]
        assert names[0] == names[1], code


@pytest.mark.parametrize(("text", "hints"), [
    ("План мероприятий на сентябрь 2022 г.", (2022, 9)),
    ("ПЛАН РАБОТЫ НА МАЙ 2023 ГОДА", (2023, 5)),
    ("Мероприятия 2020", (2020, None)),
    ("Отчёт о работе с партнёрами за 2021 год", (2021, None)),
    ("Сентябрь 2022", (2022, 9)),
    ("09.2022", (2022, 9)),
    ("Events, March 2024", (2024, 3)),
    ("Мероприятия в марте", (None, 3)),
    ("План на 2022–2023 учебный год", (SchoolYear(2022), None)),
    ("План мероприятий на 2022–2023 учебный год", (SchoolYear(2022), None)),
    ("План на 2022/2023 уч. г.", (SchoolYear(2022), None)),
    ("План работы с партнёрами на 2022/23 учебный год", (SchoolYear(2022), None)),
    ("Учебный год 2022-2023", (SchoolYear(2022), None)),
    ("Plan for the 2022–2023 academic year", (SchoolYear(2022), None)),
    ("План на 2022–2023 учебный год, сентябрь", (SchoolYear(2022), 9)),
    ("План на 2022–2023 гг.", (None, None)),
    ("План на 2022–2024 учебные годы", (None, None)),
    ("Отчёт за 2022 год (учебные заведения)", (2022, None)),
    ("Сентябрь–октябрь 2022", (2022, None)),
    ("Филиал № 5", (None, None)),
    ("Библиотека им. Пушкина", (None, None)),
    ("Лист1", (None, None)),
    ("Свод 20225", (None, None)),
    ("", (None, None)),
    (None, (None, None)),
])
def test_date_hints(text, hints):
    got = date_hints(text)
    assert got == hints
    assert isinstance(got[0], SchoolYear) == isinstance(hints[0], SchoolYear)


TITLE_WORDS = ["План", "на", "сентябрь", "2022", "2023", "09.2022", "г.", " "]


@settings(deadline=None)
@given(st.none() | st.text() | st.lists(st.sampled_from(TITLE_WORDS), max_size=6).map(" ".join))
def test_date_hints_never_raise_and_stay_in_bounds(text):
    year, month = date_hints(text)
    assert year is None or MIN_YEAR <= year <= MAX_YEAR
    assert month is None or 1 <= month <= 12


def test_date_hints_feed_parse_date():
    year, month = date_hints("План мероприятий на сентябрь 2022 г.")
    assert parse_date("15.09", year_hint=year, month_hint=month).date == D(2022, 9, 15)
    assert parse_date("15", year_hint=year, month_hint=month).date == D(2022, 9, 15)


SCHOOL22 = {"year_hint": SchoolYear(2022)}
FROM_SY = "date_year_from_school_year"
SCHOOL_YEAR_DATES = [
    # value, hints, start, end, year, precision, code: September–December in the first year, January–August
    # in the second; a year written in the cell stands.
    ("15.09", SCHOOL22, D(2022, 9, 15), None, 2022, "day", FROM_SY),
    ("01.09", SCHOOL22, D(2022, 9, 1), None, 2022, "day", FROM_SY),
    ("31.12", SCHOOL22, D(2022, 12, 31), None, 2022, "day", FROM_SY),
    ("15.03", SCHOOL22, D(2023, 3, 15), None, 2023, "day", FROM_SY),
    ("10 января", SCHOOL22, D(2023, 1, 10), None, 2023, "day", FROM_SY),
    ("31.08", SCHOOL22, D(2023, 8, 31), None, 2023, "day", FROM_SY),
    ("октябрь", SCHOOL22, D(2022, 10, 1), None, 2022, "month", FROM_SY),
    ("май", SCHOOL22, D(2023, 5, 1), None, 2023, "month", FROM_SY),
    ("II квартал", SCHOOL22, D(2023, 4, 1), D(2023, 6, 30), 2023, "quarter", FROM_SY),
    ("28.12–10.01", SCHOOL22, D(2022, 12, 28), D(2023, 1, 10), 2022, "period", FROM_SY),
    ("14–15 мая", SCHOOL22, D(2023, 5, 14), D(2023, 5, 15), 2023, "period", FROM_SY),
    ("14, 15 сентября", SCHOOL22, D(2022, 9, 14), D(2022, 9, 15), 2022, "period", "date_list"),
    ("до 25.05", SCHOOL22, D(2023, 5, 25), None, 2023, "day", "date_deadline"),
    ("15", {**SCHOOL22, "month_hint": 3}, D(2023, 3, 15), None, 2023, "day", FROM_SY),
    ("15", {**SCHOOL22, "month_hint": 11}, D(2022, 11, 15), None, 2022, "day", FROM_SY),
    ("весь месяц", {**SCHOOL22, "month_hint": 2}, D(2023, 2, 1), None, 2023, "month", FROM_SY),
    ("в течение года", SCHOOL22, None, None, 2022, "year", FROM_SY),
    ("в течение учебного года", SCHOOL22, D(2022, 9, 1), D(2023, 5, 31), 2022, "period", "date_school_year"),
    ("в течение учебного года", H22, None, None, 2022, "year", "date_year_from_hint"),
    ("в течение учебного года", {}, None, None, None, None, None),
    ("15.03.2022", SCHOOL22, D(2022, 3, 15), None, 2022, "day", None),
    ("15.03", H22, D(2022, 3, 15), None, 2022, "day", "date_year_from_hint"),
]


@pytest.mark.parametrize(("value", "hints", "start", "end", "year", "precision", "code"), SCHOOL_YEAR_DATES)
def test_a_school_years_title_places_dates_in_its_two_years(value, hints, start, end, year, precision, code):
    parsed = parse_date(value, **hints)
    assert (parsed.date, parsed.date_end, parsed.year, parsed.precision, parsed.code) == (
        start, end, year, precision, code)
    assert type(parsed.year) in (int, type(None))
    if code == FROM_SY:
        assert parsed.params == {"year": year, "school_year": "2022/2023"}
        message = MESSAGES[code][0].format(value=value, rows="5", **parsed.params)
        assert f"взят {year} год" in message and "2022/2023" in message and "строки 5" in message


def test_a_school_year_hint_and_the_plain_year_it_equals_are_not_confused():
    # Each order of asking: the answers are remembered per hint, and SchoolYear(2022) == 2022.
    assert parse_date("15.03", year_hint=2022).date == D(2022, 3, 15)
    assert parse_date("15.03", year_hint=SchoolYear(2022)).date == D(2023, 3, 15)
    assert parse_date("16.03", year_hint=SchoolYear(2022)).date == D(2023, 3, 16)
    assert parse_date("16.03", year_hint=2022).date == D(2022, 3, 16)


# ---------------------------------------------------------------- years

YEARS = [
    ("2020", 2020, None),
    (" 2020 ", 2020, None),
    ("2020 г.", 2020, None),
    ("2020 год", 2020, None),
    ("2020 года", 2020, None),
    (2020, 2020, None),
    (2020.0, 2020, None),
    ("с 2015", 2015, None),
    ("С 2015 г.", 2015, None),
    ("since 2015", 2015, None),
    (D(2019, 5, 1), 2019, None),
    (dt.datetime(2019, 5, 1, 12), 2019, None),
    ("1950", 1950, None),
    ("2100", 2100, None),
    ("20", None, "bad_year"),
    ("давно", None, "bad_year"),
    ("2015–2020", None, "bad_year"),
    (2020.5, None, "bad_year"),
    (1800, None, "bad_year"),
    ("1949", None, "bad_year"),
    ("2101", None, "bad_year"),
    (D(1800, 1, 1), None, "bad_year"),
    (math.inf, None, "bad_year"),
    pytest.param(10**400, None, "bad_year", id="10**400"),
    (True, None, "bad_year"),
    (None, None, None),
    ("", None, None),
    ("—", None, None),
    (math.nan, None, None),
    (pd.NaT, None, None),
]


@pytest.mark.parametrize(("value", "year", "code"), YEARS)
def test_parse_year(value, year, code):
    assert parse_year(value) == (year, code)


# ---------------------------------------------------------------- formats and platforms

FORMATS = [
    # format cell, platform cell, format, code
    ("онлайн", None, "online", None),
    ("Онлайн", None, "online", None),
    ("ОНЛАЙН.", None, "online", None),
    ("он-лайн", None, "online", None),
    ("Он-лайн", None, "online", None),
    ("он лайн", None, "online", None),
    ("дистанционно", None, "online", None),
    ("дистанционный", None, "online", None),
    ("online", None, "online", None),
    ("Online", None, "online", None),
    ("онлайн-трансляция", None, "online", None),
    ("очно", None, "offline", None),
    ("Очный", None, "offline", None),
    ("офлайн", None, "offline", None),
    ("оффлайн", None, "offline", None),
    ("офф-лайн", None, "offline", None),
    ("offline", None, "offline", None),
    ("смешанный", None, "hybrid", None),
    ("Смешанная", None, "hybrid", None),
    ("гибридный", None, "hybrid", None),
    ("hybrid", None, "hybrid", None),
    ("онлайн + очно", None, "hybrid", None),
    ("очно + онлайн", None, "hybrid", None),
    ("онлайн/офлайн", None, "hybrid", None),
    ("Очно, онлайн", None, "hybrid", None),
    ("очно и дистанционно", None, "hybrid", None),
    # the format cell wins over the platform
    ("очно", "ZOOM", "offline", None),
    ("онлайн", "Читальный зал", "online", None),
    # blank format: online when every platform exists only online
    (None, "ZOOM", "online", "format_from_platform"),
    ("", "Zoom", "online", "format_from_platform"),
    ("  ", "YouTube", "online", "format_from_platform"),
    (None, "ютуб", "online", "format_from_platform"),
    (None, "ВКонтакте", "online", "format_from_platform"),
    (None, "VK", "online", "format_from_platform"),
    (None, "вк", "online", "format_from_platform"),
    (None, "Telegram", "online", "format_from_platform"),
    (None, "ZOOM, YouTube", "online", "format_from_platform"),
    ("—", "зум; вк", "online", "format_from_platform"),
    # blank format, a place or a mix: nothing can be said
    (None, "Читальный зал", "unknown", None),
    (None, "ZOOM, читальный зал", "unknown", None),
    (None, None, "unknown", None),
    (None, "", "unknown", None),
    ("", None, "unknown", None),
    ("-", None, "unknown", None),
    # by words, in any of their forms, and by the platforms they name
    ("на выезде", None, "offline", None),
    ("выездная акция", None, "offline", None),
    ("выездное", None, "offline", None),
    ("Выездное мероприятие", "ZOOM", "offline", None),
    ("выездные чтения", None, "offline", None),
    ("в очном формате", None, "offline", None),
    ("очная встреча", None, "offline", None),
    ("вне стен библиотеки", None, "offline", None),
    ("на площадке партнёра", None, "offline", None),
    ("In person", None, "offline", None),
    ("face-to-face", None, "offline", None),
    ("ZOOM-встреча", None, "online", None),
    ("встреча в Зуме", None, "online", None),
    ("вебинар", None, "online", None),
    ("Вебинары", None, "online", None),
    ("онлайн-трансляция", None, "online", None),
    ("трансляция в ВК", None, "online", None),
    ("эфир в Telegram", None, "online", None),
    ("прямой эфир", None, "online", None),
    ("видеообзор", None, "online", None),
    ("Видеоконференция", None, "online", None),
    ("в режиме онлайн", None, "online", None),
    ("в онлайн-режиме", None, "online", None),
    ("дистанционная форма", None, "online", None),
    ("в дистанционном формате", None, "online", None),
    ("виртуальная выставка", None, "online", None),
    ("Виртуальный тур", None, "online", None),
    ("публикация в соцсетях", None, "online", None),
    ("на YouTube-канале", None, "online", None),
    ("webinar", None, "online", None),
    ("очно и онлайн", None, "hybrid", None),
    ("очно с трансляцией", None, "hybrid", None),
    ("очно + трансляция в ВК", None, "hybrid", None),
    ("смешанный", None, "hybrid", None),
    ("смешанном формате", None, "hybrid", None),
    ("комбинированная форма", None, "hybrid", None),
    ("mixed", None, "hybrid", None),
    ("выездная встреча с трансляцией", None, "hybrid", None),
    # kinds of event, not formats: held in person (a note, not a warning), online when the platforms are
    ("лекция", None, "offline", "format_kind"),
    ("выставка", None, "offline", "format_kind"),
    ("Книжная выставка", None, "offline", "format_kind"),
    ("Книжная выставка «Зимние забавы»", None, "offline", "format_kind"),
    ("в виде выставки", None, "offline", "format_kind"),
    ("Выставка-просмотр", None, "offline", "format_kind"),
    ("беседа", None, "offline", "format_kind"),
    ("Беседа с элементами игры", None, "offline", "format_kind"),
    ("мастер-класс", None, "offline", "format_kind"),
    ("Мастер класс", None, "offline", "format_kind"),
    ("викторина", None, "offline", "format_kind"),
    ("экскурсия", None, "offline", "format_kind"),
    ("Экскурсии", None, "offline", "format_kind"),
    ("громкие чтения", None, "offline", "format_kind"),
    ("Литературный час", None, "offline", "format_kind"),
    ("круглый стол", None, "offline", "format_kind"),
    ("игровая программа", None, "offline", "format_kind"),
    ("Workshop", None, "offline", "format_kind"),
    ("беседа", "Читальный зал", "offline", "format_kind"),
    ("книжная выставка", "ZOOM", "online", "format_kind_online"),
    ("викторина", "группа ВК", "online", "format_kind_online"),
    ("мастер-класс", "ZOOM, YouTube", "online", "format_kind_online"),
    ("беседа", "ZOOM, читальный зал", "offline", "format_kind"),
    # a kind with a format word: the word decides, without a note
    ("онлайн-викторина", None, "online", None),
    ("виртуальная экскурсия", None, "online", None),
    ("выставка в соцсетях", None, "online", None),
    ("выездная выставка", None, "offline", None),
    ("беседа очно", "ZOOM", "offline", None),
    ("трансляция мастер-класса", None, "online", None),
    ("сетевая акция", None, "online", None),
    # words that name no format and no kind
    ("живопись", None, "unknown", "format_unknown"),
    ("по записи", None, "unknown", "format_unknown"),
    ("очно или онлайн?", None, "hybrid", None),
]


@pytest.mark.parametrize(("value", "platform", "expected", "code"), FORMATS)
def test_parse_format(value, platform, expected, code):
    assert parse_format(value, platform) == (expected, code)


PLACES = [
    # format cell, platform cell, place
    ("на выезде", None, "outside"),
    ("выездная акция", None, "outside"),
    ("Выездное", None, "outside"),
    ("выездные чтения", "Школа № 5", "outside"),
    ("очно, вне библиотеки", None, "outside"),
    ("вне стен библиотеки", None, "outside"),
    ("на площадке партнёра", None, "outside"),
    ("на площадке партнеров", None, "outside"),
    ("на базе партнёра", None, "outside"),
    ("off-site", None, "outside"),
    ("очно", "выездная площадка", "outside"),
    (None, "на выезде (СОШ № 5)", "outside"),
    ("очно", "Читальный зал", "inside"),
    ("онлайн", "ZOOM", None),
    ("на площадке ВКонтакте", None, None),
    ("в библиотеке", None, "inside"),
    (None, None, None),
    ("", "—", None),
]


@pytest.mark.parametrize(("value", "platform", "expected"), PLACES)
def test_parse_place(value, platform, expected):
    assert parse_place(value, platform) == expected


VENUES = [
    # a place cell («Место проведения»), the place it gives, whether that is a guess
    # a library of the system: in the library
    ("ЦДБ", "inside", False),
    ("ЦГБ им. А. С. Пушкина", "inside", False),
    ("Центральная детская библиотека", "inside", False),
    ("Библиотека-филиал № 3", "inside", False),
    ("Филиал № 5", "inside", False),
    ("Библиотека им. А. П. Гайдара", "inside", False),
    ("читальный зал", "inside", False),
    ("Абонемент ЦГБ", "inside", False),
    ("в библиотеке", "inside", False),
    ("в стационаре", "inside", False),
    # the marks of form 6-НК
    ("на выезде", "outside", False),
    ("выездное", "outside", False),
    ("на выезде (СОШ № 5)", "outside", False),
    ("вне стен библиотеки", "outside", False),
    ("дистанционно", "remote", False),
    ("онлайн", "remote", False),
    # any other place is outside the library, a guess the reader notes; a school's library is not ours
    ("Школа № 5", "outside", True),
    ("МБОУ СОШ № 5", "outside", True),
    ("МБДОУ «Детский сад № 12»", "outside", True),
    ("Парк Победы", "outside", True),
    ("Городской дом культуры", "outside", True),
    ("Краеведческий музей", "outside", True),
    ("Школьная библиотека", "outside", True),
    ("Библиотека колледжа", "outside", True),
    ("Библиотека школы № 3", "outside", True),
    # online platforms only: no place (an online event's place is remote, from its format)
    ("группа ВК", None, False),
    ("ZOOM", None, False),
    ("Сайт библиотеки", None, False),
    ("ВКонтакте, Telegram", None, False),
    # a library and a platform: the library
    ("ЦДБ, группа ВК", "inside", False),
    # a format written in the place cell, or nothing
    ("очно", None, False),
    ("—", None, False),
    (None, None, False),
]


@pytest.mark.parametrize(("value", "place", "guessed"), VENUES)
def test_parse_venue(value, place, guessed):
    assert parse_venue(value) == (place, guessed)


READ_PLACES = [
    # format cell, platform cell (the place cell's text when the row has none), place cell -> place, code
    ("очно", "ЦДБ", "ЦДБ", "inside", None),
    (None, "ЦДБ", "ЦДБ", "inside", None),
    ("очно", "Школа № 5", "Школа № 5", "outside", "place_outside"),
    ("смешанный", "Парк Победы", "Парк Победы", "outside", "place_outside"),
    ("очно", "на выезде", "на выезде", "outside", None),
    # the format and platform cells' own words decide first
    ("на выезде", "ЦДБ", "ЦДБ", "outside", None),
    ("очно", "Читальный зал", "Школа № 5", "inside", None),
    # an online event's place is remote, from its format: the library it was shown from is not its place
    ("онлайн", "ЦДБ", "ЦДБ", None, None),
    ("онлайн", "Школа № 5", "Школа № 5", None, None),
    (None, "ВКонтакте", "группа ВК", None, None),
    ("викторина", "ВКонтакте", "группа ВК", None, None),
    # no place cell: as parse_place
    ("очно", "Школа № 5", None, None, None),
    (None, None, None, None, None),
]


@pytest.mark.parametrize(("value", "platform", "venue", "place", "code"), READ_PLACES)
def test_read_place_takes_the_place_cell_after_the_format_and_platform(value, platform, venue, place, code):
    assert read_place(value, platform, venue) == (place, code)
    if venue is None:
        assert parse_place(value, platform) == place


FORMATS_WITH_A_PLACE = [
    # format cell, platform cell, place cell -> format, code: a written format stands
    ("онлайн", "ЦДБ", "ЦДБ", "online", None),
    ("очно", "ZOOM", "ZOOM", "offline", None),
    ("беседа", "Школа № 5", "Школа № 5", "offline", "format_kind"),
    # no format: an online platform, then the place
    (None, "ВКонтакте", "группа ВК", "online", "format_from_platform"),
    (None, "ZOOM", "ЦДБ", "online", "format_from_platform"),
    (None, "ЦДБ", "ЦДБ", "offline", "format_from_place"),
    (None, "ЦДБ, ВКонтакте", "ЦДБ, группа ВК", "hybrid", "format_from_place_hybrid"),
    (None, "Школа № 5, ZOOM", "Школа № 5; ZOOM", "hybrid", "format_from_place_hybrid"),
    (None, "Школа № 5", "Школа № 5", "offline", "format_from_place"),
    (None, "на выезде", "на выезде", "offline", "format_from_place"),
    (None, "очно", "очно", "offline", "format_from_place"),
    (None, "онлайн", "онлайн", "online", "format_from_platform"),
    (None, "дистанционно", "дистанционно", "online", "format_from_platform"),
    (None, "очно и онлайн", "очно и онлайн", "hybrid", "format_from_platform"),
    (None, None, "—", "unknown", None),
    (None, None, None, "unknown", None),
]


@pytest.mark.parametrize(("value", "platform", "venue", "expected", "code"), FORMATS_WITH_A_PLACE)
def test_parse_format_with_a_place_cell(value, platform, venue, expected, code):
    assert parse_format(value, platform, venue) == (expected, code)


PLATFORMS = [
    # one platform cell, its canonical form
    ("ZOOM", "ZOOM"),
    ("Zoom", "ZOOM"),
    ("зум", "ZOOM"),
    ("YouTube", "YouTube"),
    ("you tube", "YouTube"),
    ("ютуб", "YouTube"),
    ("ВКонтакте", "ВКонтакте"),
    ("В контакте", "ВКонтакте"),
    ("ВК", "ВКонтакте"),
    ("vk.com", "ВКонтакте"),
    ("группа ВК", "ВКонтакте"),
    ("телеграм", "Telegram"),
    ("Одноклассники", "Одноклассники"),
    ("сайт", "Сайт библиотеки"),
    ("Читальный зал", "Читальный зал"),
    ("  Читальный   зал ", "Читальный зал"),
    ("ZOOM, YouTube", "ZOOM, YouTube"),
    ("зум; ютуб", "ZOOM, YouTube"),
    ("ZOOM и ВК", "ZOOM, ВКонтакте"),
    ("ZOOM / YouTube", "ZOOM, YouTube"),
    ("зум, ZOOM", "ZOOM"),
    ("ЦГБ, YouTube", "ЦГБ, YouTube"),
    ("", None),
    ("—", None),
    (None, None),
]


@pytest.mark.parametrize(("value", "expected"), PLATFORMS)
def test_normalise_platform_cell(value, expected):
    assert normalise_platform_cell(value) == expected


@pytest.mark.parametrize(("value", "expected"), [("зум", "ZOOM"), ("ВК", "ВКонтакте"), ("Городское ТВ", "Городское ТВ"),
                                                 ("", None), (None, None)])
def test_normalise_platform(value, expected):
    assert normalise_platform(value) == expected


# ---------------------------------------------------------------- names and partner lists

SAME_NAMES = [
    ("МБОУ «Лицей № 3»", 'мбоу "Лицей № 3"'),
    ("МБОУ «Лицей № 3»", "МБОУ 'Лицей № 3'"),
    ("МБОУ «Лицей № 3»", "мбоу   лицей  № 3"),
    ("Клуб «Ёлка»", "клуб елка"),
    ("ООО „Книга“", "ООО “Книга”"),
    (f"Школа{NBSP}№ 5", "школа № 5"),
    ("Городская дума.", "городская дума"),
    ("  Музей ", "МУЗЕЙ"),
]


@pytest.mark.parametrize(("a", "b"), SAME_NAMES)
def test_normalise_name_matches_spellings(a, b):
    assert normalise_name(a) == normalise_name(b)


@pytest.mark.parametrize(("a", "b"), [("Школа № 5", "Школа № 6"), ("Лицей", "Лицей № 3"), ("Музей", "Музеи")])
def test_normalise_name_keeps_different_names_apart(a, b):
    assert normalise_name(a) != normalise_name(b)


@pytest.mark.parametrize(("value", "expected"), [
    ("МБОУ «Лицей № 3»", "мбоу лицей № 3"),
    ("Клуб «Ёлка»", "клуб елка"),
    ("ЕЛКА.", "елка"),
])
def test_normalise_name(value, expected):
    assert normalise_name(value) == expected


SPLITS = [
    ("Школа № 1", ("Школа № 1",)),
    ("Школа № 1; Музей", ("Школа № 1", "Музей")),
    ("Школа № 1;Музей;", ("Школа № 1", "Музей")),
    ("Школа № 1\nМузей", ("Школа № 1", "Музей")),
    ("Школа № 1\r\nМузей", ("Школа № 1", "Музей")),
    ("Школа № 1;\nМузей; школа № 1", ("Школа № 1", "Музей")),
    ("«Лицей»; Лицей", ("«Лицей»",)),
    ("- Школа № 1\n• Музей", ("Школа № 1", "Музей")),
    ("Школа;; ;Музей", ("Школа", "Музей")),
    # a comma belongs to names ("ЦГБ им. Маяковского, Тверь"): not a separator
    ("ЦГБ им. Маяковского, Тверь", ("ЦГБ им. Маяковского, Тверь",)),
    ("—", ()),
    ("", ()),
]


@pytest.mark.parametrize(("value", "expected"), SPLITS)
def test_split_partners(value, expected):
    assert split_partners(value) == expected


VETERANS = "Совет ветеранов войны, труда, Вооружённых Сил и правоохранительных органов"
KNOWN = known_partner_keys(["Школа № 1", "Музей", "МБОУ «Лицей № 3»", "Городской музей; Дом культуры",
                            VETERANS, "ЦГБ им. Маяковского, Тверь", None, ""])

SPLITS_KNOWN = [
    # commas and « и » split a cell only into names that are each known
    ("Школа № 1, Музей", ("Школа № 1", "Музей")),
    ("Школа № 1 и Музей", ("Школа № 1", "Музей")),
    ("Школа № 1, Музей и МБОУ «Лицей № 3»", ("Школа № 1", "Музей", "МБОУ «Лицей № 3»")),
    ("школа № 1 И музей", ("школа № 1", "музей")),
    ("Школа № 1,Музей, школа № 1", ("Школа № 1", "Музей")),
    ("Городской музей, Дом культуры; Школа № 1", ("Городской музей", "Дом культуры", "Школа № 1")),
    (f"Школа № 1, {VETERANS}", ("Школа № 1", VETERANS)),
    (f"{VETERANS} и Музей", (VETERANS, "Музей")),
    # otherwise the cell stays one name, commas and all
    (VETERANS, (VETERANS,)),
    ("Совет ветеранов войны и труда", ("Совет ветеранов войны и труда",)),
    ("Школа № 1, Музей и др.", ("Школа № 1, Музей и др.",)),
    ("Школа № 1, Краеведческий музей", ("Школа № 1, Краеведческий музей",)),
    ("ЦГБ им. Маяковского, Тверь", ("ЦГБ им. Маяковского, Тверь",)),
    ("Школа № 1", ("Школа № 1",)),
    ("Школа № 1;\nМузей", ("Школа № 1", "Музей")),
    ("", ()),
    ("—", ()),
]


@pytest.mark.parametrize(("value", "expected"), SPLITS_KNOWN)
def test_split_partners_with_known_names(value, expected):
    assert split_partners(value, KNOWN) == expected
    assert partner_splitter(KNOWN)(value) == expected


@pytest.mark.parametrize(("value", "expected"), SPLITS)
def test_split_partners_with_known_names_keeps_the_plain_splits(value, expected):
    assert split_partners(value, KNOWN) == expected
    assert partner_splitter(None)(value) == expected == split_partners(value, set())


def test_known_partner_keys():
    assert {"школа № 1", "музей", "мбоу лицей № 3", "городской музей", "дом культуры",
                     normalise_name(VETERANS), "цгб им. маяковского, тверь"} == KNOWN


def test_partner_splitter_answers_each_distinct_cell_once():
    split = partner_splitter(KNOWN)
    first = split("Школа № 1, Музей")
    assert split("Школа № 1, Музей") is first


@settings(deadline=None)
@given(st.lists(st.sampled_from(["Школа № 1", "Музей", "Краеведческий музей", VETERANS, "Дом культуры"]),
                min_size=1, max_size=5), st.lists(st.sampled_from([", ", " и ", "; ", ","]), min_size=4, max_size=4))
def test_split_partners_never_invents_a_name(names, marks):
    cell = names[0] + "".join(m + n for m, n in zip(marks, names[1:], strict=False))
    pieces = split_partners(cell, KNOWN)
    plain = split_partners(cell)
    assert pieces and all(p in cell for p in pieces)
    assert len({normalise_name(p) for p in pieces}) == len(pieces)
    assert all(p in plain or normalise_name(p) in KNOWN for p in pieces)  # a split-off name is a known one
    if "Краеведческий музей" not in names:  # only known names: each is found, whatever joins them
        assert {normalise_name(p) for p in pieces} == {normalise_name(n) for n in names}


@pytest.mark.parametrize(("value", "expected"), [
    (None, None), ("", None), ("  ", None), (math.nan, None), (f" a{NBSP}\n b\t", "a b"), (12, "12"),
])
def test_clean_text(value, expected):
    assert clean_text(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (None, True), (math.nan, True), ("", True), (" \n", True), ("x", False), (0, False), (0.0, False),
])
def test_is_blank(value, expected):
    assert is_blank(value) is expected


# ---------------------------------------------------------------- header aliases

ALIASES = [(field, alias) for field, aliases in HEADER_ALIASES.items() for alias in aliases]


def _variants(alias: str) -> list[str]:
    """The same heading as people type it: other case, ё/е, punctuation, brackets, spaces, line breaks."""
    swapped = alias.replace("ё", "\0").replace("е", "ё").replace("\0", "е")
    return [
        alias.upper(),
        alias.lower(),
        swapped,
        f"  {alias}  ",
        alias.replace(" ", "   "),
        alias.replace(" ", "\n"),
        f"{alias}:",
        f"{alias} *",
        f"«{alias}»",
        f"({alias})",
        f"[{alias}]",
        f"{alias}.",
        f"{alias} ,",
    ]


@pytest.mark.parametrize(("field", "alias"), ALIASES, ids=[f"{f}-{a}" for f, a in ALIASES])
def test_every_alias_names_its_field(field, alias):
    assert match_header(alias) == field


@pytest.mark.parametrize(("field", "alias"), ALIASES, ids=[f"{f}-{a}" for f, a in ALIASES])
def test_alias_variants_name_the_same_field(field, alias):
    assert {v: match_header(v) for v in _variants(alias)} == dict.fromkeys(_variants(alias), field)


def test_no_alias_names_two_fields():
    owners: dict[str, set[str]] = {}
    for field, alias in ALIASES:
        owners.setdefault(normalise_header(alias), set()).add(field)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    assert set(ALIAS_LOOKUP) == set(owners)


@pytest.mark.parametrize(("heading", "field"), [
    # the issue's examples
    ("Наименование партнёра", "partner"), ("Партнер(ы)", "partner"), ("Организация", "partner"),
    ("Категория партнёра", "category"), ("Уровень", "level"), ("С какого года", "since"),
    ("Дата проведения", "date"), ("Год", "year"), ("Название мероприятия", "title"),
    ("Форма проведения", "format"), ("Формат", "format"), ("Площадка", "platform"), ("Платформа", "platform"),
    ("Кол-во участников", "participants"), ("Участники", "participants"), ("Охват", "participants"),
    ("Количество просмотров", "views"), ("Просмотры", "views"),
    ("Описание сотрудничества", "description"), ("Польза для библиотеки", "library_benefit"),
    ("Польза для социума", "society_benefit"), ("Польза для общества", "society_benefit"),
    ("Библиотека", "library"), ("Филиал", "library"),
    ("Partner", "partner"), ("Category", "category"), ("Date", "date"), ("Title", "title"),
    ("Format", "format"), ("Participants", "participants"), ("Views", "views"),
    # spellings the aliases do not list literally
    ("ПАРТНЁР (Ы)", "partner"), ("Кол-во\nучастников", "participants"), ("кол во участников", "participants"),
    ("Дата  проведения:", "date"), ("«Наименование партнера»", "partner"),
])
def test_issue_headings(heading, field):
    assert match_header(heading) == field


@pytest.mark.parametrize("heading", [None, "", "  ", "№", "№ п/п", "Итого", "Дата рождения", 2020])
def test_headings_that_name_no_field(heading):
    assert match_header(heading) is None


@pytest.mark.parametrize(("field", "heading"), RU_HEADINGS.items())
def test_headings_partnerlib_writes_read_back(field, heading):
    assert match_header(heading) == ("partner" if field == "partners" else field)


# ---------------------------------------------------------------- properties

CELL_WORDS = ["более", "свыше", "около", "~", ">", "+", "тыс.", "млн", "человек", "передач", "-", "–", ",", ".",
              " ", "\u00a0", "апреля", "г.", "по", "с", "/", ":", "0", "00", "31", "2020", "1 200"]
messy_text = st.lists(st.sampled_from(CELL_WORDS) | st.integers(0, 10**7).map(str), max_size=7).map("".join)
cells = st.one_of(
    st.none(), st.booleans(), st.text(), messy_text, st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.dates(), st.datetimes(), st.sampled_from(["", " ", "—", "1e308", "9" * 40, "31.02.2020"]),
)


@settings(deadline=None)  # parsers are fast; a loaded CI machine is not
@given(cells)
@example("1" * 400)
@example(10**400)
def test_parse_count_never_raises_and_stays_in_bounds(value):
    result = parse_count(value)
    assert result == parse_count(value)
    assert result.number is None or 0 <= result.number <= MAX_COUNT
    assert result.code is None or result.code in MESSAGES
    assert not result.approx or result.code == "count_approx"
    if result.number is None:
        assert result.code != "count_approx"


@settings(deadline=None)
@given(st.integers(0, MAX_COUNT))
def test_parse_count_reads_its_own_numbers_back(n):
    assert parse_count(n) == Count(n)
    assert parse_count(str(n)) == Count(n)
    grouped = f"{n:,}"
    assert parse_count(grouped.replace(",", " ")) == Count(n)
    assert parse_count(grouped.replace(",", NBSP)) == Count(n)


@settings(deadline=None)
@given(st.integers(1000, MAX_COUNT), st.sampled_from([".", ","]))
def test_parse_count_reads_thousands_grouped_by_dots_and_commas(n, mark):
    assert parse_count(f"{n:,}".replace(",", mark)) == Count(n, code="count_grouped")


@settings(deadline=None)
@given(st.lists(st.integers(0, 10**6), min_size=2, max_size=4),
       st.sampled_from([" + ", "+", " и ", ", ", "; "]), st.sampled_from(["", " детей", " чел."]))
def test_parse_count_adds_the_counts_of_one_cell(numbers, mark, unit):
    assert parse_count(mark.join(f"{n}{unit}" for n in numbers)) == Count(sum(numbers), code="count_sum")


@settings(deadline=None)
@given(cells)
def test_parsed_counts_parse_again_to_the_same_number(value):
    number = parse_count(value).number
    if number is not None:
        assert parse_count(str(number)).number == number


@settings(deadline=None)
@given(cells)
@example(pd.NaT)
@example(10**400)
def test_parse_date_never_raises_and_stays_in_bounds(value):
    parsed = parse_date(value)
    assert parsed == parse_date(value)
    assert parsed.code is None or parsed.code in MESSAGES
    assert parsed.precision is None or parsed.precision in DATE_PRECISIONS
    if parsed.date is not None:
        assert MIN_YEAR <= parsed.date.year <= MAX_YEAR
        assert parsed.year == parsed.date.year
    if parsed.year is not None:
        assert MIN_YEAR <= parsed.year <= MAX_YEAR
    else:
        assert parsed.date is None


hints = st.fixed_dictionaries({}, optional={"year_hint": st.none() | st.integers(1900, 2200),
                                            "month_hint": st.none() | st.integers(-1, 14)})
DATE_WORDS = ["с", "по", "–", "-", " ", ".", "мая", "сентябрь", "квартал", "ii", "кв.", "в течение года", "2022",
              "2023", "12", "31", "01", "28", "г."]
date_text = st.lists(st.sampled_from(DATE_WORDS) | st.integers(0, 40).map(str), max_size=8).map(" ".join)


@settings(deadline=None)
@given(st.one_of(cells, date_text), hints)
@example("28.12–10.01", {"year_hint": 2022})
@example("15", {"year_hint": 2022, "month_hint": 9})
def test_parse_date_with_hints_never_raises_and_keeps_its_promises(value, hint):
    parsed = parse_date(value, **hint)
    assert parsed == parse_date(value, **hint)
    assert parsed.code is None or parsed.code in MESSAGES
    assert parsed.precision is None or parsed.precision in DATE_PRECISIONS
    if parsed.date is not None:
        assert parsed.year == parsed.date.year  # an event belongs to its start's year
    if parsed.date_end is not None:
        assert parsed.precision in ("quarter", "period")
        assert parsed.date <= parsed.date_end
        assert (parsed.date_end - parsed.date).days <= 366
    elif parsed.precision in ("quarter", "period"):
        raise AssertionError(parsed)
    if parsed.year is not None:
        assert MIN_YEAR <= parsed.year <= MAX_YEAR
    if parsed.code is not None:
        for template in MESSAGES[parsed.code]:
            template.format(value=value, column="Дата", rows="5", **parsed.params)


@settings(deadline=None)
@given(st.dates(D(MIN_YEAR, 1, 1), D(MAX_YEAR - 1, 12, 31)), st.integers(1, 366))
def test_parse_date_reads_every_spelling_of_a_period(start, days):
    end = start + dt.timedelta(days=days)
    texts = [f"{start:%d.%m.%Y}–{end:%d.%m.%Y}", f"с {start:%d.%m.%Y} по {end:%d.%m.%Y}",
             f"{start.day} {GENITIVE[start.month - 1]} {start.year} – {end.day} {GENITIVE[end.month - 1]} {end.year}"]
    if end.year == start.year:
        texts.append(f"{start.day} {GENITIVE[start.month - 1]} – {end.day} {GENITIVE[end.month - 1]} {end.year}")
        texts.append(f"{start:%d.%m}–{end:%d.%m.%Y}")
        if start.month == end.month:
            texts.append(f"{start.day}–{end.day} {GENITIVE[end.month - 1]} {end.year}")
    for text in texts:
        parsed = parse_date(text)
        assert (parsed.date, parsed.date_end, parsed.year, parsed.precision, parsed.code) == (
            start, end, start.year, "period", "date_range"), text


FORMAT_TEXT = ["онлайн", "очно", "выездн", "ое", "ая", "zoom", "-", " ", "и", "с", "трансляц", "ией", "вне", "стен",
               "библиотеки", "на", "площадке", "партнёра", "видео", "обзор", "смешанный", ",", "ё", "ВК"]
format_text = st.lists(st.sampled_from(FORMAT_TEXT), max_size=8).map("".join)


@settings(deadline=None)
@given(st.none() | st.text() | format_text, st.none() | st.text() | format_text)
def test_parse_format_and_place_never_raise(value, platform):
    fmt, code = parse_format(value, platform)
    assert fmt in ("online", "offline", "hybrid", "unknown")
    assert code in (None, "format_unknown", "format_from_platform", "format_kind", "format_kind_online")
    assert (code == "format_unknown") == (fmt == "unknown" and not _is_dash_cell(value))
    assert parse_place(value, platform) in (None, "inside", "outside", "remote")
    # The same texts as a place cell, under a blank format.
    assert parse_format(None, platform, value)[1] in (None, "format_from_platform", "format_from_place",
                                                      "format_from_place_hybrid")
    assert read_place(None, platform, value) in {(None, None), ("inside", None), ("outside", None),
                                                 ("outside", "place_outside"), ("remote", None)}


def _is_dash_cell(value):
    """True for a cell parse_format reads as empty: no text, or dashes only."""
    return clean_text(value) is None or set(clean_text(value)) <= set("-‐‑‒–—―−")


GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
            "ноября", "декабря"]


@settings(deadline=None)
@given(st.dates(D(MIN_YEAR, 1, 1), D(MAX_YEAR, 12, 31)))
def test_parse_date_reads_every_spelling_of_a_date(day):
    for text in (day, f"{day:%d.%m.%Y}", f"{day:%d/%m/%Y}", day.isoformat(), f"{day.day} {GENITIVE[day.month - 1]} "
                 f"{day.year}", dt.datetime.combine(day, dt.time(15, 30))):
        parsed = parse_date(text)
        assert (parsed.date, parsed.year, parsed.precision, parsed.code) == (day, day.year, "day", None), text


@settings(deadline=None)
@given(cells)
def test_parse_year_never_raises_and_stays_in_bounds(value):
    year, code = parse_year(value)
    assert (year, code) == parse_year(value)
    assert year is None or MIN_YEAR <= year <= MAX_YEAR
    assert code in (None, "bad_year")
    assert year is None or code is None


@settings(deadline=None)
@given(st.integers(MIN_YEAR, MAX_YEAR))
def test_parse_year_reads_every_spelling_of_a_year(year):
    for value in (year, float(year), str(year), f"{year} г.", f"с {year} года", D(year, 6, 1)):
        assert parse_year(value) == (year, None), value
    assert parse_date(str(year)) == parse_date(year)
