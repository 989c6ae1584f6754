"""Numbers and dates as Russian (or English) readers expect them: `1 200`, `12,5 %`, `27 апреля 2020`."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

NBSP = "\u00a0"
MONTHS_GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                   "октября", "ноября", "декабря"]
MONTHS_NOMINATIVE = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
                     "октябрь", "ноябрь", "декабрь"]
QUARTERS_RU = ["I", "II", "III", "IV"]
MONTHS_SHORT_RU = ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
MONTHS_SHORT_EN = [m[:3] for m in MONTHS_EN]

# plotly's layout.separators: decimal mark then thousands separator.
PLOTLY_SEPARATORS = {"ru": ", ", "en": ".,"}


def _missing(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def number(value, lang: str = "ru", decimals: int = 0) -> str:
    """`1200` -> `1 200` (ru, no-break space) or `1,200` (en); empty for missing values."""
    if _missing(value):
        return "—"
    text = f"{float(value):,.{decimals}f}" if decimals else f"{round(float(value)):,}"
    if lang == "ru":
        text = text.replace(",", NBSP).replace(".", ",")
    return text


def percent(value, lang: str = "ru", decimals: int = 1) -> str:
    """`12.5` (already in per cent) -> `12,5 %` (ru) or `12.5%` (en); whole numbers lose the decimals."""
    if _missing(value):
        return "—"
    v = float(value)
    digits = 0 if round(v, decimals) == round(v) else decimals
    text = f"{v:.{digits}f}"
    return text.replace(".", ",") + NBSP + "%" if lang == "ru" else text + "%"


def signed_percent(value, lang: str = "ru", decimals: int = 1) -> str:
    """A change in per cent with its sign: `+12,5 %`, `−3 %`."""
    if _missing(value):
        return "—"
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return sign + percent(abs(value), lang, decimals)


def date(value, lang: str = "ru") -> str:
    """`2020-04-27` -> `27 апреля 2020` (ru) or `27 April 2020` (en)."""
    if _missing(value):
        return "—"
    if isinstance(value, pd.Timestamp):
        value = value.date()
    if isinstance(value, dt.datetime):
        value = value.date()
    months = MONTHS_GENITIVE if lang == "ru" else MONTHS_EN
    return f"{value.day} {months[value.month - 1]} {value.year}"


def month_name(month: int, lang: str = "ru", short: bool = False) -> str:
    """The name of a month (1–12) for axis labels."""
    if lang == "ru":
        return (MONTHS_SHORT_RU if short else MONTHS_NOMINATIVE)[month - 1]
    return (MONTHS_SHORT_EN if short else MONTHS_EN)[month - 1]


def plural_ru(n: int, one: str, few: str, many: str) -> str:
    """The Russian plural form for n: 1 партнёр, 2 партнёра, 5 партнёров."""
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def signed(value, lang: str = "ru", decimals: int = 1) -> str:
    """A change with its sign and no unit: `+72,5`, `−3`."""
    if _missing(value):
        return "—"
    v = round(float(value), decimals)
    sign = "+" if v > 0 else ("−" if v < 0 else "")
    text = f"{abs(v):.{decimals}f}" if v != round(v) else f"{abs(v):.0f}"
    return sign + (text.replace(".", ",") if lang == "ru" else text)


def duration(seconds: float, lang: str = "ru") -> str:
    """A wait in whole minutes and seconds, rounded up: `40 с`, `2 мин 5 с`, `15 мин` (`2 min 5 s`)."""
    total = max(1, math.ceil(seconds))
    minutes, rest = divmod(total, 60)
    units = ("мин", "с") if lang == "ru" else ("min", "s")
    parts = ([f"{minutes}{NBSP}{units[0]}"] if minutes else []) + ([f"{rest}{NBSP}{units[1]}"] if rest else [])
    return " ".join(parts)


def written_date(date, end, year, prec) -> str:
    """An event's date at its precision, as Partnerlib writes it: «апрель 2020», «II квартал 2022», «14.05.2022–…».

    `end` is the last day of a period, `year` stands for a missing date."""
    if date is None or pd.isna(date):
        return str(year)
    day = pd.Timestamp(date)
    if prec == "month":
        return f"{MONTHS_NOMINATIVE[day.month - 1]} {day.year}"
    if prec == "quarter":
        return f"{QUARTERS_RU[(day.month - 1) // 3]} квартал {day.year}"
    if prec == "year":
        return str(day.year)
    text = day.strftime("%d.%m.%Y")
    if prec == "period" and end is not None and not pd.isna(end):
        text += "–" + pd.Timestamp(end).strftime("%d.%m.%Y")
    return text
