"""Parsers for single cell values as people type them: counts, dates, years, formats, platforms, names.

Every parser takes one cell value (a string, number, date or None), never raises, and returns the
clean value with a problem code (see `errors.MESSAGES`) when the value was changed, guessed or dropped.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

EXCEL_EPOCH = dt.date(1899, 12, 30)
MIN_YEAR, MAX_YEAR = 1950, 2100
# No count of people or views comes near this; larger numbers are typos (and would overflow Int64 sums).
MAX_COUNT = 10**12

_ODD_SPACES = str.maketrans({"\xa0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\t": " "})
_DASHES = "-‐‑‒–—―"
_SPACES = re.compile(r"\s+")


def clean_text(value: object) -> str | None:
    """A cell as trimmed text with single ordinary spaces, or None when it is empty."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    s = str(value).translate(_ODD_SPACES)
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


_NUMBER = r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
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
    `100–150` (lower bound) are approximate; `5 передач` takes the number from the text; negative
    numbers and words without a number (`много`) give an empty count with a warning code.
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
    if s[0] in _DASHES and len(s) > 1 and s[1:].strip()[:1].isdigit():
        return Count(None, code="count_negative")
    approx = False
    rest = s
    m = _APPROX_PREFIX.match(rest)
    if m and m.end() > 0:
        approx = True
        rest = rest[m.end():]
    m = _RANGE.match(rest)
    if m:
        approx = True
        number = _to_number(m.group(1))
        rest = rest[m.end():]
    else:
        m = _LEADING_NUMBER.match(rest)
        if not m:
            return Count(None, code="count_not_number")
        number = _to_number(m.group(1))
        rest = rest[m.end():]
    rest = rest.strip()
    if rest.startswith("+"):
        approx = True
        rest = rest[1:].strip()
    for pattern, factor in _MULTIPLIERS:
        mm = pattern.match(rest)
        if mm:
            number *= factor
            rest = rest[mm.end():].strip()
            break
    if rest.startswith("+"):
        approx = True
        rest = rest[1:].strip()
    words = [w for w in re.split(r"[\s.,;:()]+", rest) if w]
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
    if from_text:
        return Count(result, code="count_from_text")
    return Count(result)


# ---------------------------------------------------------------- dates

@dataclass(frozen=True)
class ParsedDate:
    """A parsed date: the date (or None), the year, the precision (day/month/year) and a problem code."""

    date: dt.date | None
    year: int | None
    precision: str | None
    code: str | None = None
    params: dict = field(default_factory=dict, compare=False, hash=False)


_MONTHS = {
    1: ("январь", "января", "янв", "january", "jan"),
    2: ("февраль", "февраля", "фев", "февр", "february", "feb"),
    3: ("март", "марта", "мар", "march", "mar"),
    4: ("апрель", "апреля", "апр", "april", "apr"),
    5: ("май", "мая", "may"),
    6: ("июнь", "июня", "июн", "june", "jun"),
    7: ("июль", "июля", "июл", "july", "jul"),
    8: ("август", "августа", "авг", "august", "aug"),
    9: ("сентябрь", "сентября", "сен", "сент", "september", "sep", "sept"),
    10: ("октябрь", "октября", "окт", "october", "oct"),
    11: ("ноябрь", "ноября", "ноя", "нояб", "november", "nov"),
    12: ("декабрь", "декабря", "дек", "december", "dec"),
}
MONTH_BY_NAME = {name: n for n, names in _MONTHS.items() for name in names}
_MONTH_RE = "|".join(sorted(MONTH_BY_NAME, key=len, reverse=True))
_YEAR_SUFFIX = re.compile(r"\s*(?:г\.?|гг\.?|года|год|y\.?)$")
_D = {
    "year": re.compile(r"^(\d{4})$"),
    "dmy": re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?$"),
    "iso": re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"),
    "d_month_y": re.compile(rf"^(\d{{1,2}})\s*({_MONTH_RE})\.?\s*(\d{{4}})$"),
    "month_y": re.compile(rf"^({_MONTH_RE})\.?\s*(\d{{4}})$"),
    "m_y": re.compile(r"^(\d{1,2})[./](\d{4})$"),
    "days_month_y": re.compile(rf"^(\d{{1,2}})\s*[{_DASHES}]\s*\d{{1,2}}\s+({_MONTH_RE})\.?\s*(\d{{4}})$"),
}
_RANGE_SPLIT = re.compile(rf"\s*[{_DASHES}]\s+|\s+[{_DASHES}]\s*|\s*\bпо\b\s*")
_RANGE_FROM = re.compile(r"^(?:с|со|from)\s+")


def _year_ok(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def _day(year: int, month: int, day: int, raw: str) -> ParsedDate:
    if not _year_ok(year):
        return ParsedDate(None, None, None, "date_out_of_range", {"year": year})
    try:
        return ParsedDate(dt.date(year, month, day), year, "day")
    except ValueError:
        return ParsedDate(None, None, None, "impossible_date")


def parse_date(value: object) -> ParsedDate:
    """Read an event date.

    Excel dates, `27.04.2018`, `27/04/2018`, ISO, `27 апреля 2018`, `апрель 2018` (month precision,
    the 1st of the month), `2018` (year only: no date). An impossible date gives `impossible_date`,
    text that is no date gives `bad_date`.
    """
    if value is None or isinstance(value, bool):
        return ParsedDate(None, None, None, None if value is None else "bad_date")
    if isinstance(value, dt.date) and value != value:  # pandas.NaT
        return ParsedDate(None, None, None)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if not _year_ok(value.year):
            return ParsedDate(None, None, None, "date_out_of_range", {"year": value.year})
        return ParsedDate(value, value.year, "day")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return ParsedDate(None, None, None)
        if (isinstance(value, int) or float(value).is_integer()) and _year_ok(int(value)):
            return ParsedDate(None, int(value), "year")
        if 18264 <= value <= 73415:  # Excel serial numbers of 1950-01-01 .. 2100-12-31
            day = EXCEL_EPOCH + dt.timedelta(days=int(value))
            return ParsedDate(day, day.year, "day")
        return ParsedDate(None, None, None, "bad_date")
    s = clean_text(value)
    if s is None or _is_dash(s):
        return ParsedDate(None, None, None)
    return _parse_date_text(s.lower().replace("ё", "е"))


@lru_cache(maxsize=65536)
def _parse_date_text(s: str) -> ParsedDate:
    s = _YEAR_SUFFIX.sub("", s).strip()
    if m := _D["year"].match(s):
        year = int(m.group(1))
        if not _year_ok(year):
            return ParsedDate(None, None, None, "date_out_of_range", {"year": year})
        return ParsedDate(None, year, "year")
    if m := _D["iso"].match(s):
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)), s)
    if m := _D["dmy"].match(s):
        year = int(m.group(3))
        if year < 100:
            year += 2000 if year < 70 else 1900
        return _day(year, int(m.group(2)), int(m.group(1)), s)
    if m := _D["d_month_y"].match(s):
        return _day(int(m.group(3)), MONTH_BY_NAME[m.group(2)], int(m.group(1)), s)
    if m := _D["month_y"].match(s):
        return _month(int(m.group(2)), MONTH_BY_NAME[m.group(1)])
    if m := _D["m_y"].match(s):
        month = int(m.group(1))
        if 1 <= month <= 12:
            return _month(int(m.group(2)), month)
        return ParsedDate(None, None, None, "impossible_date")
    if m := _D["days_month_y"].match(s):
        first = _day(int(m.group(3)), MONTH_BY_NAME[m.group(2)], int(m.group(1)), s)
        return _as_range(first)
    parts = [p for p in _RANGE_SPLIT.split(_RANGE_FROM.sub("", s)) if p]
    if len(parts) == 2:
        first = _parse_date_text(parts[0].strip())
        second = _parse_date_text(parts[1].strip())
        if first.date is not None and first.code is None and second.code is None and second.year:
            return _as_range(first)
    return ParsedDate(None, None, None, "bad_date")


def _month(year: int, month: int) -> ParsedDate:
    if not _year_ok(year):
        return ParsedDate(None, None, None, "date_out_of_range", {"year": year})
    return ParsedDate(dt.date(year, month, 1), year, "month", "date_month_only")


def _as_range(first: ParsedDate) -> ParsedDate:
    if first.code is not None:
        return first
    return ParsedDate(first.date, first.year, first.precision, "date_range")


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

_FORMAT_WORDS = {
    "online": ("онлайн", "он лайн", "онлайн формат", "в онлайн формате", "дистанционно", "дистанционный",
               "дистанционная", "удаленно", "удаленный", "виртуально", "виртуальный", "online", "on line",
               "remote", "virtual", "интернет"),
    "offline": ("очно", "очный", "очная", "очное", "офлайн", "оффлайн", "офф лайн", "оф лайн",
                "в очном формате", "живое", "offline", "in person", "on site", "onsite"),
    "hybrid": ("смешанный", "смешанная", "смешанное", "гибридный", "гибридная", "гибрид", "гибридное",
               "онлайн очно", "очно онлайн", "онлайн и очно", "очно и онлайн", "онлайн офлайн",
               "офлайн онлайн", "онлайн оффлайн", "очно дистанционно", "hybrid", "mixed", "blended"),
}
_FORMAT_LOOKUP = {w: k for k, words in _FORMAT_WORDS.items() for w in words}

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


@lru_cache(maxsize=4096)
def parse_format(value: str | None, platform: str | None = None) -> tuple[str, str | None]:
    """Read an event format -> (online|offline|hybrid|unknown, problem code or None).

    A blank format with only online platforms (ZOOM, YouTube, ВКонтакте…) is online, with an info code.
    """
    s = clean_text(value)
    if s is None or _is_dash(s):
        if platform and platform_parts(platform) and all(p in ONLINE_PLATFORMS for p in platform_parts(platform)):
            return "online", "format_from_platform"
        return "unknown", None
    key = _fold(s)
    if key in _FORMAT_LOOKUP:
        return _FORMAT_LOOKUP[key], None
    found = {_FORMAT_LOOKUP[w] for w in _split_words(key) if w in _FORMAT_LOOKUP}
    if found == {"online", "offline"} or "hybrid" in found:
        return "hybrid", None
    if len(found) == 1:
        return found.pop(), None
    return "unknown", "format_unknown"


def _split_words(key: str) -> list[str]:
    # "онлайн + очно", "онлайн/офлайн": single words and the two-word forms such as "он лайн".
    words = key.split()
    return words + [" ".join(pair) for pair in itertools.pairwise(words)]


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
    """The key two spellings of one partner share: case, quotes « » \" ', ё and spaces folded."""
    s = str(value).lower().replace("ё", "е").translate(_QUOTES).translate(_ODD_SPACES)
    return _SPACES.sub(" ", s).strip(" .,;")


_PARTNER_SPLIT = re.compile(r"\s*(?:;|\n|\r)+\s*")


@lru_cache(maxsize=65536)
def split_partners(value: str) -> tuple[str, ...]:
    """The partners named by one cell, split on `;` and line breaks, trimmed, duplicates dropped."""
    parts = [clean_text(p) for p in _PARTNER_SPLIT.split(str(value))]
    seen: dict[str, str] = {}
    for p in parts:
        if p and not _is_dash(p):
            p = p.lstrip("-•· ").strip()
            if p:
                seen.setdefault(normalise_name(p), p)
    return tuple(seen.values())
