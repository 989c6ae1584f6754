"""Parsers for single cell values as people type them: counts, dates, years, formats, places, platforms, names.

Every parser takes one cell value (a string, number, date or None), never raises, and returns the
clean value with a problem code (see `errors.MESSAGES`) when the value was changed, guessed or dropped.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer

from partnerlib.errors import ERROR, INFO, WARNING

EXCEL_EPOCH = dt.date(1899, 12, 30)
MIN_YEAR, MAX_YEAR = 1950, 2100
# No count of people or views comes near this; larger numbers are typos (and would overflow Int64 sums).
MAX_COUNT = 10**12

_ODD_SPACES = str.maketrans({"\xa0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\t": " "})
_DASHES = "-‐‑‒–—―−"
_SPACES = re.compile(r"\s+")


# Removed from every cell when a file is read, with a warning naming the cell: the C0 control characters
# but tab and line breaks, and the non-characters U+FFFE/U+FFFF (xlsx writers refuse them, PostgreSQL
# refuses NUL), and the direction overrides and isolates (they make text read otherwise than it is).
CONTROL_CHARACTERS = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r") + "\ufffe\uffff"
DIRECTION_CHARACTERS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Removed without a word: zero-width characters and the soft hyphen, invisible but in the way of
# comparing names. Text is also put in Unicode NFC, so that «й» typed two ways is one letter.
INVISIBLE_CHARACTERS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE_CHARACTERS}]")
_CONTROL_RE = re.compile(f"[{re.escape(CONTROL_CHARACTERS)}]")
_DIRECTION_RE = re.compile(f"[{DIRECTION_CHARACTERS}]")


def clean_cell(text: str) -> tuple[str, tuple[str, ...]]:
    """A cell's text as it is kept: marked characters removed, invisible ones dropped, Unicode NFC.

    Returns the text and what was removed that the user must hear of: "control" (control characters),
    "direction" (direction overrides); an empty tuple when nothing was. Line breaks become "\\n".
    """
    removed = []
    if _CONTROL_RE.search(text):
        text = _CONTROL_RE.sub("", text)
        removed.append("control")
    if _DIRECTION_RE.search(text):
        text = _DIRECTION_RE.sub("", text)
        removed.append("direction")
    return invisible_removed(text), tuple(removed)


def invisible_removed(text: str) -> str:
    """Text without zero-width characters and soft hyphens, with "\\n" line breaks, in Unicode NFC."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _INVISIBLE_RE.search(text):
        text = _INVISIBLE_RE.sub("", text)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def clean_text(value: object) -> str | None:
    """A cell as trimmed text with single ordinary spaces, or None when it is empty."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    s = _INVISIBLE_RE.sub("", str(value).translate(_ODD_SPACES))
    s = _SPACES.sub(" ", s.replace("\r", " ").replace("\n", " ")).strip()
    return s or None


def is_blank(value: object) -> bool:
    """True for None, NaN, and strings of spaces only."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, str):
        return not value.strip()
    return False


def _is_dash(s: str) -> bool:
    return all(ch in _DASHES for ch in s)


# ---------------------------------------------------------------- counts

@dataclass(frozen=True)
class Count:
    """A parsed count: the integer (or None), whether it is approximate, and the problem code if any."""

    number: int | None
    approx: bool = False
    code: str | None = None


# "1 200", then "2.500" / "1,200" (one mark before each group of exactly three digits), then "12,5".
_NUMBER = r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?|[1-9]\d{0,2}(?:\.\d{3})+(?!\d)|[1-9]\d{0,2}(?:,\d{3})+(?!\d)|\d+(?:[.,]\d+)?"
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:[.,]\d{3})+")
_GROUP_MARKS = re.compile(r"[ .,]")
_COUNT_WORDS = re.compile(r"[\s.,;:()]+")
# «20 чел. (из них 15 детей)», «60, в т.ч. 20 детей»: the part after it is already in the count.
_SUBSET = re.compile(r"\s*[(,;]?\s*(?:в том числе|в т\.\s*ч\.?|из них|из которых|including|incl\.?)(?!\w).*$")
# Between the counts of a sum: "15 детей и 2 воспитателя", "10 + 5", "20 взрослых, 15 детей".
_SUM_SPLIT = re.compile(r"\s*\+\s*(?=\d)|\s*;\s*|,\s+|\s+(?:и|плюс|and|plus)\s+")
_MULTIPLIERS = [
    (re.compile(r"^(?:млн|миллион(?:а|ов)?|mln|m)(?:\.|(?!\w))"), 1_000_000),
    (re.compile(r"^(?:тысяч[аи]?|тыс|тыщ|k|thousand)(?:\.|(?!\w))"), 1_000),
]
_APPROX_PREFIX = re.compile(  # longer forms first: "более чем" before "более", ">=" before ">"
    r"^(?:более чем|более|свыше|больше|не менее|не меньше|около|примерно|приблизительно|порядка|почти|до|менее"
    r"|меньше|over|about|approx\.?|around|more than|~|≈|>=|>|<|≥)\s*"
)
_RANGE = re.compile(rf"^({_NUMBER})\s*[{_DASHES}]\s*({_NUMBER})")
_LEADING_NUMBER = re.compile(rf"^({_NUMBER})")
_ANY_NUMBER = re.compile(r"\d")
# Unit words that may follow a count without making it a guess.
_UNITS = {
    "чел", "человек", "человека", "участников", "участника", "участник", "просмотров", "просмотра",
    "просмотр", "зрителей", "посетителей", "посещений", "шт", "people", "views", "participants",
}


def _to_number(text: str) -> float:
    return float(text.replace(" ", "").replace(",", "."))


def _round_half_up(x: float) -> int:
    return math.floor(x + 0.5)


def parse_count(value: object) -> Count:
    """Read a count of people or views.

    `1 200`, `1,5 тыс.`, `2 млн` are exact; `более 350`, `350+`, `>350`, `около 60`, `~60` and
    `100–150` (lower bound) are approximate; `5 передач` takes the number from the text. People are
    never fractional, so a dot or a comma before exactly three digits groups thousands: `2.500`,
    `12.000` and `1,200` (as English sheets write it) are 2 500, 12 000 and 1 200 (`count_grouped`, a
    note); other fractions (`12,5`) are rounded (`count_rounded`), and with a multiplier the mark is a
    decimal one (`1,200 тыс.` is 1 200). Several counts in one cell (`15 детей и 2 воспитателя`,
    `10 + 5`, `20 взрослых, 15 детей`) give their sum (`count_sum`, a warning). Negative numbers (`-1`,
    `−1`) and words without a number (`много`) give an empty count with a warning code.
    """
    if isinstance(value, bool):
        return Count(None, code="count_not_number")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            return Count(None) if math.isnan(value) else Count(None, code="count_not_number")
        if value < 0:
            return Count(None, code="count_negative")
        if value > MAX_COUNT:
            return Count(None, code="count_too_large")
        if float(value).is_integer():
            return Count(int(value))
        return Count(_round_half_up(float(value)), code="count_rounded")
    s = clean_text(value)
    if s is None or _is_dash(s):
        return Count(None)
    return _parse_count_text(s.lower())


@lru_cache(maxsize=65536)
def _parse_count_text(s: str) -> Count:
    if _ANY_NUMBER.search(s) is None:
        return Count(None, code="count_not_number")
    if (m := _SUBSET.search(s)) and m.start() > 0:
        whole = _parse_count_text(s[:m.start()])
        if whole.number is not None and whole.code is None:
            return Count(whole.number, code="count_from_text")
        return whole
    pieces = _SUM_SPLIT.split(s)
    if len(pieces) > 1 and sum(_ANY_NUMBER.search(p) is not None for p in pieces) > 1:
        return _sum(pieces)
    return _one_count(s)


def _sum(pieces: list[str]) -> Count:
    """Several counts in one cell ("15 детей и 2 воспитателя"): their sum, with a warning."""
    # Pieces without a number ("…, и родители") add nothing, as words after a single count do.
    counts = [_one_count(p.strip()) for p in pieces if _ANY_NUMBER.search(p)]
    if any(c.code == "count_negative" for c in counts):
        return Count(None, code="count_negative")
    if any(c.number is None for c in counts):
        return Count(None, code="count_not_number")
    total = sum(c.number for c in counts)
    if total > MAX_COUNT:
        return Count(None, code="count_too_large")
    if any(c.approx for c in counts):
        return Count(total, approx=True, code="count_approx")
    return Count(total, code="count_sum")


def _one_count(s: str) -> Count:
    approx = False
    rest = s
    m = _APPROX_PREFIX.match(rest)
    if m and m.end() > 0:
        approx = True
        rest = rest[m.end():]
    if rest[:1] in _DASHES and rest[1:].strip()[:1].isdigit():
        return Count(None, code="count_negative")  # "-5", "– 5", "около -5": never a count
    m = _RANGE.match(rest)
    if m:
        approx = True
        first = m.group(1)
        rest = rest[m.end():]
    else:
        m = _LEADING_NUMBER.match(rest)
        if not m:
            return Count(None, code="count_not_number")
        first = m.group(1)
        rest = rest[m.end():]
    rest = rest.strip()
    if rest.startswith("+"):
        approx = True
        rest = rest[1:].strip()
    factor = 1
    for pattern, f in _MULTIPLIERS:
        mm = pattern.match(rest)
        if mm:
            factor = f
            rest = rest[mm.end():].strip()
            break
    # People are never fractional: "2.500" and "1,200" group thousands; "1.500 тыс." is one and a half.
    grouped = factor == 1 and _GROUPED.fullmatch(first) is not None
    number = float(_GROUP_MARKS.sub("", first)) if grouped else _to_number(first) * factor
    if rest.startswith("+"):
        approx = True
        rest = rest[1:].strip()
    words = [w for w in _COUNT_WORDS.split(rest) if w]
    if any(_ANY_NUMBER.search(w) for w in words):
        # Several numbers ("2 встречи по 30 человек"): no single count can be taken safely.
        return Count(None, code="count_not_number")
    from_text = bool(words) and not all(w in _UNITS for w in words)
    if number > MAX_COUNT:
        return Count(None, code="count_too_large")
    result = _round_half_up(number)
    if approx:
        return Count(result, approx=True, code="count_approx")
    if not float(number).is_integer():
        return Count(result, code="count_rounded")
    if grouped:
        return Count(result, code="count_grouped")
    if from_text:
        return Count(result, code="count_from_text")
    return Count(result)


# ---------------------------------------------------------------- dates

@dataclass(frozen=True)
class ParsedDate:
    """A parsed date: the start (or None), the year, the precision, a problem code, and the end of a period.

    `date` is the first day (of the month for `month`, of the quarter for `quarter`, of the span for
    `period`); `date_end` is the last day of a quarter or a period, else None. `year` is always the
    start's year: an event that runs over New Year belongs to the year it began.
    """

    date: dt.date | None
    year: int | None
    precision: str | None
    code: str | None = None
    params: dict = field(default_factory=dict, compare=False, hash=False)
    date_end: dt.date | None = None


DateResult = ParsedDate
# A period longer than this is a typo (an event does not run for years), not an event.
MAX_PERIOD_DAYS = 366
# «28 декабря – 5 января 2023» began in 2022; «5 ноября – 3 октября 2022» is a period typed backwards.
MAX_ROLLED_DAYS = 183

_MONTHS = {
    1: ("январь", "января", "январе", "янв", "january", "jan"),
    2: ("февраль", "февраля", "феврале", "фев", "февр", "february", "feb"),
    3: ("март", "марта", "марте", "мар", "march", "mar"),
    4: ("апрель", "апреля", "апреле", "апр", "april", "apr"),
    5: ("май", "мая", "мае", "may"),
    6: ("июнь", "июня", "июне", "июн", "june", "jun"),
    7: ("июль", "июля", "июле", "июл", "july", "jul"),
    8: ("август", "августа", "августе", "авг", "august", "aug"),
    9: ("сентябрь", "сентября", "сентябре", "сен", "сент", "september", "sep", "sept"),
    10: ("октябрь", "октября", "октябре", "окт", "october", "oct"),
    11: ("ноябрь", "ноября", "ноябре", "ноя", "нояб", "november", "nov"),
    12: ("декабрь", "декабря", "декабре", "дек", "december", "dec"),
}
MONTH_BY_NAME = {name: n for n, names in _MONTHS.items() for name in names}
_MONTH_RE = "|".join(sorted(MONTH_BY_NAME, key=len, reverse=True))
_QUARTER_BY_NAME = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "первый": 1, "второй": 2, "третий": 3, "четвертый": 4,
                    "первом": 1, "втором": 2, "третьем": 3, "четвертом": 4,
                    "first": 1, "second": 2, "third": 3, "fourth": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_NUM = "|".join(sorted(_QUARTER_BY_NAME, key=len, reverse=True))
_HALF_BY_NAME = {"i": 1, "ii": 2, "1": 1, "2": 2, "первое": 1, "второе": 2, "первом": 1, "втором": 2, "first": 1,
                 "second": 2}
_HALF_NUM = "|".join(sorted(_HALF_BY_NAME, key=len, reverse=True))
_YEAR_SUFFIX = re.compile(r"\s*(?:г\.?|гг\.?|года|год|y\.?)$")
_D = {
    "year": re.compile(r"^(\d{4})$"),
    "dmy": re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?$"),
    "iso": re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"),
    "d_month_y": re.compile(rf"^(\d{{1,2}})\s*({_MONTH_RE})\.?\s*(\d{{4}})$"),
    "month_y": re.compile(rf"^({_MONTH_RE})\.?\s*(\d{{4}})$"),
    "m_y": re.compile(r"^(\d{1,2})[./](\d{4})$"),
}
# One end of a period, or a date that lacks its year ("15.09", "14 мая", "сентябрь", "II квартал"): one
# pattern of alternatives, each closed by an empty group that names it (`lastgroup`), so one match decides.
_PART = re.compile("^(?:" + "|".join((
    r"(\d{1,2})[./](\d{1,2})(?:[./](\d{4}|\d{2}))?(?P<dmy>)",
    r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?P<iso>)",
    rf"(\d{{1,2}})\s*({_MONTH_RE})\.?(?:,?\s*(\d{{4}}))?(?P<d_mon>)",
    rf"({_MONTH_RE})\.?\s+(\d{{1,2}})(?:,?\s*(\d{{4}}))?(?P<mon_d>)",
    rf"({_MONTH_RE})\.?(?:\s*(\d{{4}}))?(?P<mon>)",
    r"(\d{1,2})[./](\d{4})(?P<m_y>)",
    rf"({_QUARTER_NUM})\s*(?:-?(?:й|ый|ой|ий|st|nd|rd|th))?\s*(?:квартал[а-я]*|кв\.?|quarter|qtr\.?)"
    r"(?:\s*(\d{4}))?(?P<quarter>)",
    r"(?:q|кв\.?|quarter)\s*([1-4])(?:\s*(\d{4}))?(?P<q_num>)",
    rf"({_HALF_NUM})\s*(?:-?(?:е|ое|st|nd))?\s*(?:полугоди[а-я]*|half(?:\s+of)?)(?:\s*(\d{{4}}))?(?P<half>)",
    r"h([12])(?:\s*(\d{4}))?(?P<h_num>)",
    r"(\d{4})(?P<year>)",
    r"(\d{1,2}|i{1,3}|iv)(?P<bare>)",
)) + ")$")
# The groups of each alternative, by its name: those between the previous alternative's name and its own.
_ENDS = sorted(_PART.groupindex.values())
_PART_GROUPS = {name: tuple(range(([0, *_ENDS][_ENDS.index(end)]) + 1, end)) for name, end in _PART.groupindex.items()}
_IN = re.compile(r"^(?:в|во|in|on)\s+")
# Times of day and days of the week say nothing of the date: «14.05.2022, 10:00–12:00», «сб, 14 мая».
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
_NOISE = re.compile(
    rf",?\s*(?:(?:в|с|from|at)\s+)?{_TIME}(?:\s*(?:[{_DASHES}]|до|по|to)\s*{_TIME})?(?:\s*(?:ч\.?|час[а-я]*)(?!\w))?"
    r"|\(?\b(?:понедельник|вторник|среда|среду|четверг|пятница|пятницу|суббота|субботу|воскресенье|пн|вт|ср|чт|пт|сб"
    r"|вс|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b\.?\)?,?"
)
_FROM = re.compile(r"^(?:с|со|from|от)\s+")
_BY_WORD = re.compile(r"\s+(?:по|до|to|till|until)\s+")
_BY_DASH = re.compile(r"\s*[–—―‒]\s*|\s+[-‐‑]\s*|\s*[-‐‑]\s+")
_BY_HYPHEN = re.compile(r"\s*[-‐‑]\s*")
# Events held all year (or every month): the year comes from the sheet name or its title.
_ALL_YEAR = re.compile(
    r"^(?:(?:в течение|на протяжении|в продолжение|весь|за)\s+(?:всего\s+)?(?:(\d{4})\s*)?(?:года|год|г\.?)"
    r"|круглый год|круглогодично|ежемесячно|ежеквартально|еженедельно|ежедневно|постоянно|регулярно"
    r"|(?:throughout|during) the year|all year(?: round| long)?|year[- ]round|monthly|weekly|quarterly|every month)$"
)
_ALL_MONTH = re.compile(r"^(?:в течение|на протяжении|весь|за)\s+(?:всего\s+)?месяц[а]?$|^(?:all|the whole) month$")
# A deadline in a plan: «до 15.05.2022», «не позднее 15 мая», «в срок до 01.06.2022».
_DEADLINE = re.compile(r"^(?:(?:в\s+)?срок(?:\s*[:–—-])?\s+)?(?:до|не позднее|не позже|by|before|no later than)\s+")
# A school year: «2021/2022 учебный год», «2021–2022 уч. г.», «уч. год 2021/22»; the word must be there
# («2020–2021» alone is no date). It runs from 1 September to 31 May.
_SCHOOL_WORD = r"(?:учебн[а-я]*|уч\.?|academic|school)\s*(?:год[а-я]*|гг?\.?|year)?"
_SCHOOL_YEAR = re.compile(
    rf"^(?:(?:в|на|за|in)\s+)?(?:{_SCHOOL_WORD}\s*)?(\d{{4}})\s*[{_DASHES}/]\s*(\d{{4}}|\d{{2}})\s*(?:{_SCHOOL_WORD})?$")
_SCHOOL_START, _SCHOOL_END = (9, 1), (5, 31)
# «в течение учебного года», under a title that names the school year.
_ALL_SCHOOL_YEAR = re.compile(
    r"^(?:в течение|на протяжении|в продолжение|весь|за)\s+(?:всего\s+)?учебн[а-я]*\s+год[а]?$")


class SchoolYear(int):
    """The year hint of a sheet whose title names a school year («План мероприятий на 2022–2023 учебный
    год»): the number is its first year. A date without a year takes that year from September to December
    and the next from January to August («15.09» → 15.09.2022, «15.03» → 15.03.2023)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"SchoolYear({int(self)})"

    def year_of(self, month: int | None) -> int:
        """The calendar year of a month of this school year (its first year when the month is not known)."""
        return int(self) + (month is not None and month < _SCHOOL_START[0])


def _hint_year(year_hint: int, month: int | None) -> int:
    """The year a date without one takes from the sheet's hint, for its month."""
    return year_hint.year_of(month) if isinstance(year_hint, SchoolYear) else int(year_hint)


def _hinted(year_hint: int, year: int) -> tuple[str, dict]:
    """The note of a year taken from the sheet's hint: its code and parameters."""
    if isinstance(year_hint, SchoolYear):
        return "date_year_from_school_year", {"year": year, "school_year": f"{int(year_hint)}/{int(year_hint) + 1}"}
    return "date_year_from_hint", {"year": year}


def _month_of(p: _Part) -> int | None:
    """The first month a part without a year names (of its quarter or half-year), or None."""
    if p.month is not None:
        return p.month
    if p.quarter is not None:
        return 3 * p.quarter - 2
    if p.half is not None:
        return 6 * p.half - 5
    return None
# Days listed one after another: «14, 15 мая 2022», «14 и 15 мая», «30 апреля, 1 мая 2022».
_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*(?:и\s+|and\s+)?|\s+(?:и|and)\s+")


class _Part(NamedTuple):
    """One end of a period as typed: any of its day, month, quarter and year may be missing."""

    day: int | None = None
    month: int | None = None
    quarter: int | None = None
    year: int | None = None
    bare: int | None = None  # a lone number: a day or a quarter, by the other end ("14–15 мая", "1–2 кв.")
    half: int | None = None  # a half-year: «I полугодие 2022»


def _full_year(text: str | None) -> int | None:
    if text is None:
        return None
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _part(s: str) -> _Part | None:
    m = _PART.match(_YEAR_SUFFIX.sub("", s).strip())
    if m is None:
        return None
    kind = m.lastgroup
    g = m.group(*_PART_GROUPS[kind])
    if kind == "dmy":
        return _Part(int(g[0]), int(g[1]), None, _full_year(g[2]))
    if kind == "iso":
        return _Part(int(g[2]), int(g[1]), None, int(g[0]))
    if kind == "d_mon":
        return _Part(int(g[0]), MONTH_BY_NAME[g[1]], None, _full_year(g[2]))
    if kind == "mon_d":
        return _Part(int(g[1]), MONTH_BY_NAME[g[0]], None, _full_year(g[2]))
    if kind == "mon":
        return _Part(None, MONTH_BY_NAME[g[0]], None, _full_year(g[1]))
    if kind == "m_y":
        return _Part(None, int(g[0]), None, int(g[1]))
    if kind in ("quarter", "q_num"):
        return _Part(None, None, _QUARTER_BY_NAME[g[0]], _full_year(g[1]))
    if kind in ("half", "h_num"):
        return _Part(year=_full_year(g[1]), half=_HALF_BY_NAME[g[0]])
    if kind == "year":
        return _Part(year=int(g))
    if g.isdigit():
        return _Part(bare=int(g))
    return _Part(quarter=_QUARTER_BY_NAME[g])  # a lone Roman numeral: "I–II квартал"


def _year_ok(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def _failed(code: str, **params) -> ParsedDate:
    return ParsedDate(None, None, None, code, params)


def _bounds(p: _Part) -> tuple[dt.date, dt.date] | ParsedDate:
    """The first and last day a complete part names, or the failure."""
    y = p.year
    if not _year_ok(y):
        return _failed("date_out_of_range", year=y)
    try:
        if p.day is not None:
            day = dt.date(y, p.month, p.day)
            return day, day
        if p.month is not None:
            return dt.date(y, p.month, 1), _month_end(y, p.month)
        if p.quarter is not None:
            return dt.date(y, 3 * p.quarter - 2, 1), _month_end(y, 3 * p.quarter)
        if p.half is not None:
            return dt.date(y, 6 * p.half - 5, 1), _month_end(y, 6 * p.half)
    except ValueError:
        return _failed("impossible_date")
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _ru(day: dt.date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def parse_date(value: object, *, year_hint: int | None = None, month_hint: int | None = None) -> ParsedDate:
    """Read an event date or period.

    Args:
        value: the cell: a date, an Excel serial number, or text.
        year_hint: the year of the sheet (from its name or a title row such as «План мероприятий на
            сентябрь 2022 г.»), used when the cell gives no year: «15.09», «сентябрь», «в течение года»;
            a `SchoolYear` (a title «на 2022–2023 учебный год») gives September–December its first year and
            January–August the next, and «в течение учебного года» the school year itself.
        month_hint: the month of the sheet, used with `year_hint` for a lone day («15») and «весь месяц».

    Returns:
        Excel dates, `27.04.2018`, `27/04/2018`, ISO, `27 апреля 2018` and `April 27, 2018` are days;
        `апрель 2018` is a month (`date_month_only`), `II квартал 2022` a quarter (`date_quarter`), `2018`
        a year with no date. Periods (`14–15 мая 2022`, `с 1 по 10 июня 2022`, `сентябрь–октябрь 2022`,
        `3 октября – 5 ноября 2022`, `I полугодие 2022`) keep both ends (`date_range`); times of day and
        days of the week are left out (`суббота, 14 мая 2022, 10:00`). A year taken from `year_hint` says so
        (`date_year_from_hint`). Failures: `impossible_date`, `date_out_of_range`, `date_range_reversed`,
        `date_range_too_long`, `bad_date`. «В течение года» with no hint gives no date and no code, like
        an empty cell, so the year column or the sheet's year decides.
    """
    if not (isinstance(year_hint, int) and _year_ok(year_hint)):
        year_hint = None
    if not (isinstance(month_hint, int) and 1 <= month_hint <= 12 and year_hint):
        month_hint = None
    if value is None or isinstance(value, bool):
        return ParsedDate(None, None, None, None if value is None else "bad_date")
    if isinstance(value, dt.date) and value != value:  # pandas.NaT
        return ParsedDate(None, None, None)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if not _year_ok(value.year):
            return _failed("date_out_of_range", year=value.year)
        return ParsedDate(value, value.year, "day")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return ParsedDate(None, None, None)
        if (isinstance(value, int) or float(value).is_integer()) and _year_ok(int(value)):
            return ParsedDate(None, int(value), "year")
        if 18264 <= value <= 73415:  # Excel serial numbers of 1950-01-01 .. 2100-12-31
            day = EXCEL_EPOCH + dt.timedelta(days=int(value))
            return ParsedDate(day, day.year, "day")
        # A lone day under «План на сентябрь» or a month heading; Excel keeps a typed «15» as the number 15.0.
        if month_hint and float(value).is_integer() and 1 <= value <= 31:
            return _single(_Part(bare=int(value)), year_hint, month_hint)
        return ParsedDate(None, None, None, "bad_date")
    s = clean_text(value)
    if s is None or _is_dash(s):
        return ParsedDate(None, None, None)
    return _parse_date_text(s.lower().replace("ё", "е"), year_hint, month_hint, isinstance(year_hint, SchoolYear))


@lru_cache(maxsize=65536)
def _parse_date_text(s: str, year_hint: int | None, month_hint: int | None, school: bool = False) -> ParsedDate:
    # `school` keeps a SchoolYear hint apart from the plain year it equals in the cache's key.
    if m := _ALL_YEAR.match(s):
        year = int(m.group(1)) if m.group(1) else (None if year_hint is None else int(year_hint))
        if year is None:
            return ParsedDate(None, None, None)
        if not _year_ok(year):
            return _failed("date_out_of_range", year=year)
        return ParsedDate(None, year, "year", *(_hinted(year_hint, year) if not m.group(1) else (None, {"year": year})))
    if _ALL_MONTH.match(s):
        if month_hint:
            return _single(_Part(month=month_hint), year_hint, None)
        return ParsedDate(None, int(year_hint), "year", *_hinted(year_hint, int(year_hint))) \
            if year_hint else ParsedDate(None, None, None)
    if _ALL_SCHOOL_YEAR.match(s):
        if not year_hint:  # as «в течение года»: the year column or the sheet's year decides
            return ParsedDate(None, None, None)
        if school:
            first = int(year_hint)
            start, end = dt.date(first, *_SCHOOL_START), dt.date(first + 1, *_SCHOOL_END)
            return ParsedDate(start, first, "period", "date_school_year", {"start": _ru(start), "end": _ru(end)},
                              end)
        return ParsedDate(None, int(year_hint), "year", *_hinted(year_hint, int(year_hint)))
    s = _YEAR_SUFFIX.sub("", s).strip()
    # The spellings of one whole date first: they are most cells of most sheets.
    if m := _D["year"].match(s):
        year = int(m.group(1))
        if not _year_ok(year):
            return _failed("date_out_of_range", year=year)
        return ParsedDate(None, year, "year")
    if m := _D["iso"].match(s):
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _D["dmy"].match(s):
        return _day(_full_year(m.group(3)), int(m.group(2)), int(m.group(1)))
    if m := _D["d_month_y"].match(s):
        return _day(int(m.group(3)), MONTH_BY_NAME[m.group(2)], int(m.group(1)))
    if m := _D["month_y"].match(s):
        return _single(_Part(month=MONTH_BY_NAME[m.group(1)], year=int(m.group(2))), None, None)
    if m := _D["m_y"].match(s):
        return _single(_Part(month=int(m.group(1)), year=int(m.group(2))), None, None)
    if (bare := _NOISE.sub(" ", s)) != s:  # «14.05.2022, 10:00–12:00», «суббота, 14 мая 2022»
        bare = _SPACES.sub(" ", bare).strip(" ,;")
        return _parse_date_text(bare, year_hint, month_hint, school) if bare else _failed("bad_date")
    if m := _DEADLINE.match(s):  # «до 15.05.2022»: the deadline stands for the date, with a note
        return _deadline(_parse_date_text(s[m.end():], year_hint, month_hint, school))
    if m := _SCHOOL_YEAR.match(s):
        return _school_year(m, s)
    s = _IN.sub("", s)
    part = _part(s)
    if part is None and (m := _FROM.match(s)):  # «с 10.10.2022»: begun then, its end not given
        part = _part(s[m.end():])
    if part is not None:
        return _single(part, year_hint, month_hint)
    sides = _split_period(s)
    if sides is not None:
        first, last = _part(sides[0]), _part(sides[1])
        if first is not None and last is not None:
            return _period(first, last, year_hint)
    if (listed := _day_list(s, year_hint, month_hint)) is not None:
        return listed
    return ParsedDate(None, None, None, "bad_date")


def _deadline(inner: ParsedDate) -> ParsedDate:
    """A plan's «до 15.05.2022»: the day it names, with a note that it is a deadline. «До мая», «до II
    квартала» say only what comes before: no day can be taken from them."""
    if inner.code in DATE_FAILURES:
        return inner
    if inner.precision != "day":
        return _failed("bad_date")
    params = {"date": _ru(inner.date)}
    return ParsedDate(inner.date, inner.year, inner.precision, "date_deadline", params, inner.date_end)


def _school_year(m: re.Match, s: str) -> ParsedDate:
    """«2021/2022 учебный год»: 1 September 2021 – 31 May 2022, counted in the year it begins."""
    if not re.search(r"уч|academic|school", s):
        return _failed("bad_date")
    first = int(m.group(1))
    last = int(m.group(2)) if len(m.group(2)) == 4 else first // 100 * 100 + int(m.group(2))
    if last != first + 1:
        return _failed("bad_date")
    if not (_year_ok(first) and _year_ok(last)):
        return _failed("date_out_of_range", year=first if not _year_ok(first) else last)
    start, end = dt.date(first, *_SCHOOL_START), dt.date(last, *_SCHOOL_END)
    return ParsedDate(start, first, "period", "date_school_year", {"start": _ru(start), "end": _ru(end)}, end)


def _day_list(s: str, year_hint: int | None, month_hint: int | None) -> ParsedDate | None:
    """Days listed in one cell («14, 15 мая 2022», «14 и 21 мая»): one event from the first day to the last,
    with a note naming the days; None when the text is not such a list.

    A lone number takes the month of the day after it, a day without a year the year of the day after
    it (or the sheet's year).
    """
    pieces = _LIST_SEPARATOR.split(s)
    if len(pieces) < 2 or len(pieces) > 31 or not all(pieces):
        return None
    parts = [_part(p) for p in pieces]
    if any(p is None or (p.day is None and p.bare is None) for p in parts):
        return None
    month, year = None, None
    hinted = False
    days = []
    for p in reversed(parts):
        day = p.bare if p.bare is not None else p.day
        month = p.month if p.month is not None else month
        year = p.year if p.year is not None else year
        if month is None and p.bare is not None and month_hint:
            month = month_hint
        if month is None:
            return None
        if year is None:
            if year_hint is None:
                return _failed("bad_date")
            year, hinted = _hint_year(year_hint, month), True
        bounds = _bounds(_Part(day, month, None, year))
        if isinstance(bounds, ParsedDate):
            return bounds
        days.append(bounds[0])
    days = sorted(set(days))
    start, end = days[0], days[-1]
    if (end - start).days > MAX_PERIOD_DAYS:
        return _failed("date_range_too_long", start=_ru(start), end=_ru(end), days=(end - start).days + 1)
    if start == end:
        result = ParsedDate(start, start.year, "day")
        return result if not hinted else ParsedDate(start, start.year, "day", *_hinted(year_hint, start.year))
    shown = ", ".join(_ru(d) for d in days[:10]) + (", …" if len(days) > 10 else "")
    return ParsedDate(start, start.year, "period", "date_list",
                      {"start": _ru(start), "end": _ru(end), "days": shown, "count": len(days)}, end)


def _day(year: int, month: int, day: int) -> ParsedDate:
    if not _year_ok(year):
        return _failed("date_out_of_range", year=year)
    try:
        return ParsedDate(dt.date(year, month, day), year, "day")
    except ValueError:
        return _failed("impossible_date")


def _split_period(s: str) -> tuple[str, str] | None:
    """The two ends of a period: «с 1 по 10 июня», «3 октября – 5 ноября», «14-15.05.2022»."""
    s = _FROM.sub("", s)
    for pattern in (_BY_WORD, _BY_DASH, _BY_HYPHEN):
        parts = pattern.split(s)
        if len(parts) == 2 and parts[0] and parts[1]:
            return parts[0], parts[1]
        if len(parts) > 2:
            return None
    return None


def _single(p: _Part, year_hint: int | None, month_hint: int | None) -> ParsedDate:
    hinted = False
    if p.bare is not None:
        if not month_hint:
            return _failed("bad_date")
        p, hinted = _Part(p.bare, month_hint, None, _hint_year(year_hint, month_hint)), True
    elif p.year is None:
        if year_hint is None:
            return _failed("bad_date")
        p, hinted = p._replace(year=_hint_year(year_hint, _month_of(p))), True
    bounds = _bounds(p)
    if isinstance(bounds, ParsedDate):
        return bounds
    start, end = bounds
    if p.day is not None:
        result = ParsedDate(start, start.year, "day")
    elif p.month is not None:
        result = ParsedDate(start, start.year, "month", "date_month_only")
    elif p.quarter is not None:
        result = ParsedDate(start, start.year, "quarter", "date_quarter", date_end=end)
    elif p.half is not None:
        result = ParsedDate(start, start.year, "period", "date_range", {"start": _ru(start), "end": _ru(end)}, end)
    else:
        result = ParsedDate(None, p.year, "year")
    if hinted:
        return ParsedDate(result.date, result.year, result.precision, *_hinted(year_hint, p.year), result.date_end)
    return result


def _adopt(n: int, other: _Part) -> _Part | None:
    """A lone number at one end takes the unit of the other end: a day of its month, or a quarter."""
    if other.day is not None:
        return _Part(n, other.month, None, None)
    if other.quarter is not None and 1 <= n <= 4:
        return _Part(None, None, n, None)
    if other.half is not None and 1 <= n <= 2:
        return _Part(half=n)
    return None


def _year_only(p: _Part) -> bool:
    return p.month is None and p.quarter is None and p.half is None


def _period(first: _Part, last: _Part, year_hint: int | None) -> ParsedDate:
    if first.bare is not None:
        first = _adopt(first.bare, last) if last.bare is None else None
    elif last.bare is not None:
        last = _adopt(last.bare, first)
    if first is None or last is None or _year_only(first) or _year_only(last):
        # Two lone numbers, or a year at either end ("2020–2021": a school year, not an event's date).
        return _failed("bad_date")
    hinted = False
    if first.year is None and last.year is None:
        if year_hint is None:
            return _failed("bad_date")
        first, last, hinted = (first._replace(year=_hint_year(year_hint, _month_of(first))),
                               last._replace(year=_hint_year(year_hint, _month_of(last))), True)
        roll = "last"  # under a sheet of 2022, «28.12–05.01» begins in 2022
    elif first.year is None:
        first, roll = first._replace(year=last.year), "first"  # «28 декабря – 5 января 2023» began in 2022
    elif last.year is None:
        last, roll = last._replace(year=first.year), "last"
    else:
        roll = None
    a, b = _bounds(first), _bounds(last)
    for bounds in (a, b):
        if isinstance(bounds, ParsedDate):
            return bounds
    start, end = a[0], b[1]
    if start > end and roll is not None:
        # The year was written at one end only and the period crosses New Year: a short period, or none.
        moved = first._replace(year=first.year - 1) if roll == "first" else last._replace(year=last.year + 1)
        again = _bounds(moved)
        if not isinstance(again, ParsedDate):
            s2, e2 = (again[0], end) if roll == "first" else (start, again[1])
            if (e2 - s2).days <= MAX_ROLLED_DAYS:
                start, end = s2, e2
    if start > end:
        return _failed("date_range_reversed", start=_ru(a[0]), end=_ru(b[1]))
    if (end - start).days > MAX_PERIOD_DAYS:
        return _failed("date_range_too_long", start=_ru(start), end=_ru(end), days=(end - start).days + 1)
    if not _year_ok(start.year):
        return _failed("date_out_of_range", year=start.year)
    if start == end:  # «14–14 мая»: one day
        return _single(first, None, None) if not hinted else _single(first._replace(year=None), start.year, None)
    if hinted:
        return ParsedDate(start, start.year, "period", *_hinted(year_hint, start.year), end)
    return ParsedDate(start, start.year, "period", "date_range", {"start": _ru(start), "end": _ru(end)}, end)


_HINT_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d|2100)(?!\d)")
_HINT_MONTH_YEAR = re.compile(r"(?<!\d)(0?[1-9]|1[0-2])[./](?:19[5-9]\d|20\d\d|2100)(?!\d)")
# Month names that are words of a title, not abbreviations that other words begin with («мар», «сен»).
_HINT_MONTHS = {name: n for name, n in MONTH_BY_NAME.items() if len(name) >= 4 or name.startswith("ма")}
_HINT_WORDS = re.compile(r"[^\W\d_]+")
# Two years of a school year in a title («2022–2023», «2022/23»), and the words that make them one.
_HINT_SCHOOL_YEAR = re.compile(rf"(?<!\d)(19[5-9]\d|20\d\d)\s*[{_DASHES}/]\s*(\d{{4}}|\d{{2}})(?!\d)")
_SCHOOL_WORDS = re.compile(r"учебн|\bуч\b|\bуч\.|academic|school year")


@lru_cache(maxsize=1024)
def date_hints(text: str | None) -> tuple[int | None, int | None]:
    """The year and month a sheet's name or title gives its dates -> (year_hint, month_hint).

    «План мероприятий на сентябрь 2022 г.» -> (2022, 9); «Мероприятия 2020» -> (2020, None);
    «09.2022» -> (2022, 9); a school year, «План на 2022–2023 учебный год» or «на 2022/23 уч. г.», ->
    (SchoolYear(2022), None). Two other years («2022–2023 гг.») or months give None for it: the dates
    cannot be placed by the title then.
    """
    s = clean_text(text)
    if s is None:
        return None, None
    s = s.lower().replace("ё", "е")
    months = {_HINT_MONTHS[w] for w in _HINT_WORDS.findall(s) if w in _HINT_MONTHS}
    months |= {int(m) for m in _HINT_MONTH_YEAR.findall(s)}
    month = months.pop() if len(months) == 1 else None
    if (school := _HINT_SCHOOL_YEAR.search(s)) and _SCHOOL_WORDS.search(s):
        first, last = int(school.group(1)), school.group(2)
        if (int(last) if len(last) == 4 else first // 100 * 100 + int(last)) == first + 1 and first < MAX_YEAR:
            return SchoolYear(first), month
    years = {int(y) for y in _HINT_YEAR.findall(s)}
    return (years.pop() if len(years) == 1 else None), month


# Date codes that leave the row without a date (an error, unless a year column keeps the row).
DATE_FAILURES = frozenset({"bad_date", "impossible_date", "date_out_of_range", "date_range_reversed",
                           "date_range_too_long"})
# Date codes that note how a date was understood (a month, a period, a year from the title): said once
# per date written, with its rows.
DATE_NOTES = frozenset({"date_month_only", "date_range", "date_quarter", "date_year_from_hint",
                        "date_year_from_school_year", "date_list", "date_deadline", "date_school_year"})


def parse_year(value: object) -> tuple[int | None, str | None]:
    """Read a year (`2020`, `2020 г.`, 2020.0) -> (year, None); anything else -> (None, "bad_year")."""
    if value is None or isinstance(value, bool):
        return None, None if value is None else "bad_year"
    if isinstance(value, (dt.date, dt.datetime)):
        if value != value:  # pandas.NaT
            return None, None
        return (value.year, None) if _year_ok(value.year) else (None, "bad_year")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return None, None
        if (isinstance(value, int) or float(value).is_integer()) and _year_ok(int(value)):
            return int(value), None
        return None, "bad_year"
    s = clean_text(value)
    if s is None or _is_dash(s):
        return None, None
    s = re.sub(r"^(?:с|since|from)\s+", "", _YEAR_SUFFIX.sub("", s.lower()).strip())
    if re.fullmatch(r"\d{4}", s) and _year_ok(int(s)):
        return int(s), None
    return None, "bad_year"


# ---------------------------------------------------------------- formats and platforms

# The words that name an event's format, as a dictionary gives them: a cell's words match by their
# Russian stem (snowball), so every form counts («очно», «очная», «очном»); «видео…» is the start of
# compound words («видеообзор», «видеоконференция»); several words are a phrase. Online platforms named in
# the format cell («ZOOM-встреча», «эфир в Telegram») also make it online. Online and offline words in one
# cell («очно с трансляцией», «очно и онлайн») make it hybrid.
FORMAT_WORDS = {
    "online": ("онлайн", "он лайн", "online", "on line", "дистанционный", "дистанционно", "удаленный", "удаленно",
               "виртуальный", "виртуально", "интернет", "вебинар", "веб", "webinar", "трансляция", "стрим",
               "эфир", "подкаст", "podcast", "телеконференция", "видео…", "соцсеть", "соцсет…", "stream…",
               "remote", "virtual", "livestream", "сетевой"),
    "offline": ("очный", "очно", "офлайн", "оффлайн", "офф лайн", "оф лайн", "offline", "off line", "живое общение",
                "in person", "face to face", "on site", "onsite", "выездной", "выезд", "стационарный", "стационар",
                "внестационар…",
                "вне библиотеки", "вне стен", "на площадке партнера", "на базе партнера",
                "на территории партнера", "off site", "outreach"),
    "hybrid": ("смешанный", "гибридный", "гибрид", "комбинированный", "hybrid", "mixed", "blended"),
}
# Kinds of event, not formats: in a format cell with no format word («Книжная выставка», «беседа»,
# «мастер-класс») the event was held in person, as a library's exhibition or talk is, unless its platforms
# are all online; a note says so («онлайн-викторина», «виртуальная выставка» are online by their words).
EVENT_KIND_WORDS = (
    "выставка", "беседа", "викторина", "экскурсия", "чтения", "час", "урок", "лекция", "встреча", "презентация",
    "обзор", "конкурс", "квест", "игра", "праздник", "утренник", "концерт", "спектакль", "акция", "флешмоб",
    "семинар", "конференция", "диспут", "дискуссия", "фестиваль", "кинопоказ", "показ", "вечер", "занятие",
    "кружок", "гостиная", "клуб", "тренинг", "консультация", "марафон", "мастер класс", "круглый стол",
    "игровая программа", "exhibition", "talk", "workshop", "master class", "quiz", "tour", "reading",
    "lecture", "meeting", "contest", "competition", "concert", "festival", "game",
)
# Where an event was held, as form 6-НК counts it. Outside the library: «на выезде», «выездная акция», «вне
# стен библиотеки», «вне стационара», «во внестационарном режиме»; remotely: «дистанционно», «в рамках
# дистанционного обслуживания»; in the library: «в стационаре», «в библиотеке», «в читальном зале».
PLACE_OUTSIDE_WORDS = ("выездной", "выезд", "вне библиотеки", "вне стен", "на площадке партнера",
                       "на базе партнера", "на территории партнера", "off site", "outreach", "вне стационара",
                       "внестационар…")
# «онлайн» alone is a format: the place of an online event follows from it (see form6nk), so a sheet that
# writes only the format keeps its place unsaid, as the backup writes it.
PLACE_REMOTE_WORDS = ("дистанционный", "дистанционно", "удаленный", "удаленно", "remote", "remotely")
PLACE_INSIDE_WORDS = ("стационар", "стационарный", "читальный зал", "inside", "on site", "onsite")
# A place column («Место проведения») names where an event was held. A library of the system — «ЦДБ»,
# «Библиотека-филиал № 3», «читальный зал», «абонемент» — is in the library, unless it is a school's or a
# college's («Школьная библиотека», «Библиотека колледжа»); an online platform («группа ВК», «ZOOM») gives
# no place (the format does: online is remote); any other place — a school, a park, a museum — is outside
# the library, with a note, as form 6-НК counts «вне стационара».
PLACE_LIBRARY_WORDS = ("библиотека", "библиотечный", "филиал", "абонемент", "читальный зал", "читальня", "цдб",
                       "цгб", "цб", "црб", "цбс", "мбс", "сдб", "library", "reading room")
PLACE_OTHER_LIBRARY_WORDS = ("школа", "школьный", "сош", "оош", "гимназия", "лицей", "колледж", "техникум",
                             "университет", "институт", "вуз", "детский сад", "доу", "мбдоу", "мбоу", "school",
                             "college", "university")
# «в библиотеке» needs its preposition: «Сайт библиотеки» and «Библиотека им. …» say nothing of a place.
_INSIDE_PHRASE = re.compile(r"\b(?:в|во) (?:стенах |здании |помещении )?библиотек|\bв читальном зале"
                            r"|\bin the library")


class _Vocabulary(NamedTuple):
    """Words prepared for matching: stems of single words, starts of compounds, phrases of stems."""

    stems: frozenset[str]
    prefixes: tuple[str, ...]
    phrases: tuple[str, ...]

    @classmethod
    def of(cls, words: tuple[str, ...]) -> _Vocabulary:
        stems, prefixes, phrases = set(), [], []
        for w in words:
            if w.endswith("…"):
                prefixes.append(w[:-1])
            elif " " in w:
                phrases.append(" " + " ".join(_stem(x) for x in w.split() if x not in _STOP) + " ")
            else:
                stems.add(_stem(w))
        return cls(frozenset(stems), tuple(prefixes), tuple(phrases))

    def found_in(self, words: list[str], stems: list[str], joined: str) -> bool:
        """True when the cell (its folded words, their stems, the stems joined by spaces) uses a word."""
        return (not self.stems.isdisjoint(stems) or any(w.startswith(self.prefixes) for w in words)
                or any(p in joined for p in self.phrases))


_STEMMER = snowballstemmer.stemmer("russian")
# Little words dropped from phrases: «вне стен библиотеки» is «вне стен», «на выезде» is «выезд».
_STOP = frozenset({"на", "в", "во", "с", "со", "и", "по", "the", "a", "an", "of"})


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


# Platform spellings -> the canonical name, and the platforms that exist only online.
_PLATFORMS = {
    "ZOOM": ("zoom", "зум", "зуум", "zoom конференция"),
    "YouTube": ("youtube", "you tube", "ютуб", "ютюб", "youtube канал"),
    "ВКонтакте": ("вконтакте", "в контакте", "вк", "vk", "vkontakte", "vk com", "группа вк",
                  "группа вконтакте", "группа в вк", "сообщество вконтакте"),
    "Telegram": ("telegram", "телеграм", "телеграмм", "тг"),
    "Одноклассники": ("одноклассники", "ок", "ok ru"),
    "RuTube": ("rutube", "рутуб"),
    "Skype": ("skype", "скайп"),
    "Microsoft Teams": ("teams", "microsoft teams"),
    "Яндекс Телемост": ("телемост", "яндекс телемост"),
    "Сайт библиотеки": ("сайт библиотеки", "сайт", "официальный сайт", "сайт библиотеки раздел",
                        "library website", "website"),
}
_PLATFORM_LOOKUP = {w: k for k, words in _PLATFORMS.items() for w in words}
ONLINE_PLATFORMS = frozenset(_PLATFORMS)
_WORD_FOLD = re.compile(r"[^\w]+")


def _fold(s: str) -> str:
    return _WORD_FOLD.sub(" ", s.lower().replace("ё", "е")).strip()


_FORMAT_VOCABULARY = {fmt: _Vocabulary.of(words) for fmt, words in FORMAT_WORDS.items()}
_OUTSIDE_VOCABULARY = _Vocabulary.of(PLACE_OUTSIDE_WORDS)
_REMOTE_VOCABULARY = _Vocabulary.of(PLACE_REMOTE_WORDS)
_KIND_VOCABULARY = _Vocabulary.of(EVENT_KIND_WORDS)
_INSIDE_VOCABULARY = _Vocabulary.of(PLACE_INSIDE_WORDS)
_LIBRARY_VOCABULARY = _Vocabulary.of(PLACE_LIBRARY_WORDS)
_OTHER_LIBRARY_VOCABULARY = _Vocabulary.of(PLACE_OTHER_LIBRARY_WORDS)


def _words_of(text: str) -> tuple[list[str], list[str], str]:
    words = [w for w in _fold(text).split() if w not in _STOP]
    stems = [_stem(w) for w in words]
    return words, stems, " " + " ".join(stems) + " "


@lru_cache(maxsize=4096)
def parse_format(value: str | None, platform: str | None = None, venue: str | None = None) -> tuple[str, str | None]:
    """Read an event format -> (online|offline|hybrid|unknown, problem code or None).

    Words decide, in any form (see FORMAT_WORDS): «очно», «выездная акция» are offline; «онлайн-трансляция»,
    «вебинар», «ZOOM-встреча», «дистанционная форма» online; «смешанный», «очно с трансляцией» hybrid. A
    blank format with only online platforms (ZOOM, YouTube, ВКонтакте…) is online, with an info code. A kind
    of event with no format word («книжная выставка», «беседа», see EVENT_KIND_WORDS) is offline
    ("format_kind"), or online when its platforms are all online ("format_kind_online"): notes, not warnings.
    With no format and no online platform, a place cell (`venue`, see `parse_venue`) that names a place gives
    offline ("format_from_place"), with an online platform beside the place hybrid ("format_from_place_hybrid"),
    one that says «онлайн» or «дистанционно» online ("format_from_platform").
    """
    s = clean_text(value)
    online_platforms = bool(platform) and bool(platform_parts(platform)) and all(
        p in ONLINE_PLATFORMS for p in platform_parts(platform))
    if s is None or _is_dash(s):
        if online_platforms:
            return "online", "format_from_platform"
        return _format_of_venue(venue)
    words, stems, joined = _words_of(s)
    found = {fmt for fmt, vocabulary in _FORMAT_VOCABULARY.items() if vocabulary.found_in(words, stems, joined)}
    if _names_a_platform(words, stems):
        found.add("online")
    if found == {"online", "offline"} or "hybrid" in found:
        return "hybrid", None
    if len(found) == 1:
        return found.pop(), None
    if not found and _KIND_VOCABULARY.found_in(words, stems, joined):
        return ("online", "format_kind_online") if online_platforms else ("offline", "format_kind")
    return "unknown", "format_unknown"


def _format_of_venue(venue: str | None) -> tuple[str, str | None]:
    """The format a place cell gives an event whose format is not written."""
    v = clean_text(venue)
    if v is None or _is_dash(v):
        return "unknown", None
    words, stems, joined = _words_of(v)
    found = {fmt for fmt, vocabulary in _FORMAT_VOCABULARY.items() if vocabulary.found_in(words, stems, joined)}
    if found & {"online", "hybrid"}:
        return ("online", "format_from_platform") if found == {"online"} else ("hybrid", "format_from_platform")
    place, _ = parse_venue(v)
    if place in ("inside", "outside"):
        # «ЦДБ, группа ВК»: held in a room and shown on an online platform.
        if any(p in ONLINE_PLATFORMS for p in platform_parts(v)):
            return "hybrid", "format_from_place_hybrid"
        return "offline", "format_from_place"
    if found == {"offline"}:
        return "offline", "format_from_place"
    return "unknown", None


def _names_a_platform(words: list[str], stems: list[str]) -> bool:
    # «ZOOM-встреча», «эфир в Telegram», «на ютубе»: an online platform named in the format cell.
    return any(w in _PLATFORM_LOOKUP for w in (*words, *stems)) or any(
        " ".join(pair) in _PLATFORM_LOOKUP for pair in itertools.pairwise(words))


def parse_place(format_text: str | None, platform_text: str | None = None) -> str | None:
    """Where an event was held, when its format or platform cell says: "outside" the library, "remote" or
    "inside" (form 6-НК's «вне стационара», «дистанционно», «в стационаре»); None when neither says.

    Outside words decide first («вне стен библиотеки» is outside, though «в стенах библиотеки» is inside),
    then remote ones («дистанционно», «удалённо»; «онлайн» is a format, the place then follows from it), then
    those of the library («в стационаре», «в библиотеке»).
    """
    return read_place(format_text, platform_text)[0]


@lru_cache(maxsize=4096)
def read_place(format_text: str | None, platform_text: str | None = None,
               venue: str | None = None) -> tuple[str | None, str | None]:
    """Where an event was held -> (place or None, problem code or None), from its format and platform cells
    (see `parse_place`) and then its place cell (`venue`, see `parse_venue`).

    A place cell gives no place to an online event (its place is remote, from the format: the library it was
    shown from is not where its audience was). A place guessed to be outside the library says so
    ("place_outside").
    """
    found = _place_of_words(format_text, platform_text)
    if found is not None or clean_text(venue) is None:
        return found, None
    place, guessed = parse_venue(venue)
    if place in ("inside", "outside") and parse_format(format_text, platform_text, venue)[0] == "online":
        return None, None
    return place, "place_outside" if guessed and place == "outside" else None


@lru_cache(maxsize=4096)
def parse_venue(value: str | None) -> tuple[str | None, bool]:
    """What a place cell («Место проведения») says of where an event was held -> (place or None, guessed).

    «на выезде», «вне стен библиотеки» are outside; «дистанционно», «онлайн» remote; a library of the system
    («ЦДБ», «Библиотека-филиал № 3», «читальный зал») inside; online platforms only («группа ВК», «ZOOM»)
    None; any other place («Школа № 5», «Парк Победы», «Школьная библиотека») outside, guessed.
    """
    s = clean_text(value)
    if s is None or _is_dash(s):
        return None, False
    words, stems, joined = _words_of(s)
    if _OUTSIDE_VOCABULARY.found_in(words, stems, joined):
        return "outside", False
    if _REMOTE_VOCABULARY.found_in(words, stems, joined) or _FORMAT_VOCABULARY["online"].found_in(
            words, stems, joined):
        return "remote", False
    parts = platform_parts(s)
    physical = [p for p in parts if p not in ONLINE_PLATFORMS]
    if not physical:
        return None, False
    text = " ".join(physical)
    pw, ps, pj = _words_of(text)
    inside = (_INSIDE_VOCABULARY.found_in(pw, ps, pj) or _INSIDE_PHRASE.search(_fold(text)) is not None
              or _LIBRARY_VOCABULARY.found_in(pw, ps, pj))
    if inside and not _OTHER_LIBRARY_VOCABULARY.found_in(pw, ps, pj):
        return "inside", False
    if _FORMAT_VOCABULARY["offline"].found_in(pw, ps, pj):  # «очно»: a format written here, not a place
        return None, False
    return "outside", True


def _place_of_words(format_text: str | None, platform_text: str | None) -> str | None:
    texts = [s for s in (clean_text(format_text), clean_text(platform_text)) if s is not None]
    found = [_words_of(s) for s in texts]
    if any(_OUTSIDE_VOCABULARY.found_in(*f) for f in found):
        return "outside"
    if any(_REMOTE_VOCABULARY.found_in(*f) for f in found):
        return "remote"
    if any(_INSIDE_VOCABULARY.found_in(*f) for f in found) or any(
            _INSIDE_PHRASE.search(_fold(s)) for s in texts):
        return "inside"
    return None


# Who an event was for, as form 6-НК counts it: children up to 14, young people 15–30, adults, or all ages
# (a family audience, several groups at once). Words decide in any form; ages written out («12–14 лет»,
# «до 14 лет», «от 15 до 30») decide over them. An age mark «6+», «12+» rates the content, not the audience.
AUDIENCE_WORDS = {
    "children": ("дети", "детский", "ребенок", "ребята", "дошкольник", "дошкольный", "школьник", "ученик",
                 "учащиеся", "воспитанник", "первоклассник", "малыш", "child", "children", "kids", "pupils",
                 "preschoolers"),
    "youth": ("молодежь", "молодежный", "подросток", "подростки", "подростковый", "юношество", "юношеский", "юноши",
              "студент", "старшеклассник", "youth", "teenagers", "teens", "students", "young people"),
    "adults": ("взрослый", "пенсионер", "пожилой", "ветеран", "старшее поколение", "родитель", "педагог",
               "учитель", "специалист", "adults", "seniors", "elderly", "parents", "teachers"),
    "all": ("все возрасты", "всех возрастов", "все категории", "все желающие", "для всех", "семейный", "семья",
            "разновозрастный", "широкая аудитория", "без ограничений", "без возрастных ограничений", "жители",
            "all ages", "family", "families", "everyone"),
}
AUDIENCES = tuple(AUDIENCE_WORDS)
# Words that say «all» only as the whole cell: «все», «смешанная» (but «все школьники» are children).
AUDIENCE_ALL_ALONE = ("все", "всех", "смешанный", "массовый", "общий", "all", "mixed")
_AUDIENCE_ALL_ALONE = _Vocabulary.of(AUDIENCE_ALL_ALONE)
_AUDIENCE_VOCABULARY = {key: _Vocabulary.of(words) for key, words in AUDIENCE_WORDS.items()}
_AGE_RANGE = re.compile(r"(?<![\d+])(\d{1,2})\s*(?:[-‐‑‒–—―−]|до|по)\s*(\d{1,2})(?![\d+])")
_AGE_UNTIL = re.compile(r"\bдо\s*(\d{1,2})(?![\d+])")
_AGE_FROM = re.compile(r"\b(?:от|старше|с)\s*(\d{1,2})(?![\d+])")


def _audience_of_ages(s: str) -> str | None:
    low = s.lower()
    if m := _AGE_RANGE.search(low):
        lo, hi = int(m.group(1)), int(m.group(2))
    else:
        until, since = _AGE_UNTIL.search(low), _AGE_FROM.search(low)
        lo = int(since.group(1)) if since else None
        hi = int(until.group(1)) if until else None
        if lo is None and hi is None:
            return None
        if hi is None:  # «от 18 лет», «старше 30»: adults; «от 7 лет» says nothing of the upper end
            return "adults" if lo >= 18 else None
        lo = lo or 0
    if lo > hi:
        return None
    if hi <= 14:
        return "children"
    if lo >= 14 and hi <= 35:  # 15–30 in the form; 14–35 in the law on youth policy
        return "youth"
    if lo >= 18:
        return "adults"
    return "all"


@lru_cache(maxsize=4096)
def parse_audience(value: str | None) -> tuple[str | None, str | None]:
    """Read who an event was for -> (children|youth|adults|all or None, problem code or None).

    «дети до 14 лет», «дошкольники», «школьники» are children; «молодёжь 15–30 лет», «подростки»,
    «студенты» youth; «взрослые», «пенсионеры» adults; «все возрасты», «семейная аудитория», a cell of only
    «все» or «смешанная», or words of two groups («дети и родители») all. Text that names no group gives
    None and "audience_unknown".
    """
    s = clean_text(value)
    if s is None or _is_dash(s):
        return None, None
    by_age = _audience_of_ages(s)
    if by_age is not None:
        return by_age, None
    words, stems, joined = _words_of(s)
    if stems and all(stem in _AUDIENCE_ALL_ALONE.stems for stem in stems):
        return "all", None
    found = {key for key, vocabulary in _AUDIENCE_VOCABULARY.items() if vocabulary.found_in(words, stems, joined)}
    if "all" in found or len(found) > 1:
        return "all", None
    if found:
        return found.pop(), None
    return None, "audience_unknown"


def platform_parts(value: str) -> list[str]:
    """The canonical platforms of a platform cell (`ZOOM, YouTube` -> ["ZOOM", "YouTube"])."""
    return [p for p in (normalise_platform(x) for x in re.split(r"[,;/+\n]| и ", value)) if p]


@lru_cache(maxsize=4096)
def normalise_platform(value: str | None) -> str | None:
    """One platform in its canonical spelling (`зум` -> `ZOOM`); unknown places are kept as written."""
    s = clean_text(value)
    if s is None or _is_dash(s):
        return None
    return _PLATFORM_LOOKUP.get(_fold(s), s)


@lru_cache(maxsize=4096)
def normalise_platform_cell(value: str | None) -> str | None:
    """A platform cell with each platform in canonical spelling, joined by ", "."""
    s = clean_text(value)
    if s is None or _is_dash(s):
        return None
    parts = platform_parts(s)
    return ", ".join(dict.fromkeys(parts)) if parts else None


# ---------------------------------------------------------------- names

_QUOTES = str.maketrans({c: " " for c in "«»\"'“”„‟‘’`"})


@lru_cache(maxsize=65536)
def normalise_name(value: str) -> str:
    """The key two spellings of one partner share: case, quotes « » \" ', ё and spaces folded.

    Unicode NFC first, zero-width characters, soft hyphens and direction marks dropped: names that look
    the same are the same.
    """
    s = _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", str(value)))
    s = _DIRECTION_RE.sub("", s).lower().replace("ё", "е").translate(_QUOTES).translate(_ODD_SPACES)
    return _SPACES.sub(" ", s).strip(" .,;")


_PARTNER_SPLIT = re.compile(r"\s*(?:;|\n|\r)+\s*")


# Between the names of a cell that may also be inside one name: «Школа № 1, Музей», «Совет ветеранов войны,
# труда, Вооружённых Сил и правоохранительных органов».
_NAME_SEPARATOR = re.compile(r"(\s*,\s*|\s+и\s+)", re.IGNORECASE)
# A cell with more separators than this is a text, not a list of names: it is not split (and stays fast).
_MAX_NAME_SEPARATORS = 40


class KnownPartners(NamedTuple):
    """Partner keys prepared for splitting: the keys, and the most pieces one known name is made of."""

    keys: frozenset[str]
    span: int

    @classmethod
    def of(cls, keys: Collection[str]) -> KnownPartners:
        keys = frozenset(keys)
        return cls(keys, max((len(_NAME_SEPARATOR.findall(k)) + 1 for k in keys), default=1))


def split_partners(value: str, known: Collection[str] | KnownPartners | None = None) -> tuple[str, ...]:
    """The partners named by one cell, trimmed, duplicates dropped.

    Args:
        value: the cell.
        known: the `normalise_name` keys of partners known elsewhere (the register, other cells of the
            file; see `known_partner_keys`). With them, a piece is also split on commas and « и » when
            every name it splits into is known; otherwise it stays one name, commas and all.

    Returns:
        The names, split on `;` and line breaks always. For many cells use `partner_splitter(known)`:
        it prepares the keys once and keeps the answer per distinct cell.
    """
    parts = _split_lines(str(value))
    if not known:
        return parts
    if not isinstance(known, KnownPartners):
        known = KnownPartners.of(known)
    seen: dict[str, str] = {}
    for part in parts:
        for name in _known_names(part, known) or (part,):
            seen.setdefault(normalise_name(name), name)
    return tuple(seen.values())


@lru_cache(maxsize=65536)
def _split_lines(value: str) -> tuple[str, ...]:
    parts = [clean_text(p) for p in _PARTNER_SPLIT.split(value)]
    seen: dict[str, str] = {}
    for p in parts:
        if p and not _is_dash(p):
            p = p.lstrip("-•· ").strip()
            if p:
                seen.setdefault(normalise_name(p), p)
    return tuple(seen.values())


def _known_names(text: str, known: KnownPartners) -> list[str] | None:
    """The fewest known names (two or more) that `text` is made of, joined by commas and « и », or None."""
    pieces = _NAME_SEPARATOR.split(text)  # name, separator, name, …
    n = len(pieces) // 2 + 1
    if n < 2 or n > _MAX_NAME_SEPARATORS + 1:
        return None
    # best[i]: the fewest known names that pieces i… are made of (best[n] = no names for nothing left).
    # A name is made of at most `known.span` pieces: no known name has more.
    best: list[list[str] | None] = [None] * n + [[]]
    for i in range(n - 1, -1, -1):
        for j in range(i + 1, min(n, i + known.span) + 1):
            rest = best[j]
            if rest is None or (i == 0 and j == n) or (best[i] is not None and len(rest) + 1 >= len(best[i])):
                continue  # nothing known after it, the whole text (no split), or no fewer names
            name = "".join(pieces[2 * i:2 * j - 1])
            if normalise_name(name) in known.keys:
                best[i] = [name, *rest]
    return best[0]


def partner_splitter(known: Collection[str] | None = None) -> Callable[[str], tuple[str, ...]]:
    """`split_partners` with `known` prepared once, remembering the answer for each distinct cell."""
    prepared = KnownPartners.of(known or ())
    answers: dict[str, tuple[str, ...]] = {}

    def split(value: str) -> tuple[str, ...]:
        value = str(value)
        if value not in answers:
            answers[value] = split_partners(value, prepared if prepared.keys else None)
        return answers[value]

    return split


def known_partner_keys(cells: Iterable[object]) -> frozenset[str]:
    """The `normalise_name` keys of the names in these cells (split on `;` and line breaks only)."""
    keys = set()
    for cell in dict.fromkeys(c for c in cells if not is_blank(c)):
        keys.update(normalise_name(p) for p in _split_lines(str(cell)))
    return frozenset(keys)


# ---------------------------------------------------------------- how serious each code is

# The severity of every code the parsers give, for the reader's problem list: a date that fails is an
# error for its row; a value dropped, changed or guessed is a warning; a completed value is a note.
SEVERITY: dict[str, str] = {
    **dict.fromkeys(DATE_FAILURES, ERROR),
    **dict.fromkeys(DATE_NOTES, INFO),
    **dict.fromkeys(("count_approx", "count_rounded", "count_negative", "count_too_large", "count_not_number"),
                    WARNING),
    "count_sum": WARNING,
    **dict.fromkeys(("count_from_text", "count_grouped"), INFO),
    "format_unknown": WARNING,
    "format_from_platform": INFO,
    "format_kind": INFO,
    "format_kind_online": INFO,
    "format_from_place": INFO,
    "format_from_place_hybrid": INFO,
    "place_outside": INFO,
}
