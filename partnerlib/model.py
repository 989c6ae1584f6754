"""The data model: canonical tables, their columns and dtypes, and the header aliases that map headings to them."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

PARTNERS = "partners"
EVENTS = "events"

# Canonical columns of the partners register, in display order.
PARTNER_COLUMNS = ["partner", "category", "level", "since", "library", "notes"]

# Canonical columns of the events table, in display order. `event_id` numbers the events of one
# import; `sheet` and `row` say where each came from (the Excel row the user sees).
EVENT_COLUMNS = [
    "event_id",
    "date",
    "date_end",
    "year",
    "date_precision",
    "title",
    "partners",
    "category",
    "format",
    "platform",
    "place",
    "participants",
    "participants_approx",
    "views",
    "views_approx",
    "description",
    "library_benefit",
    "society_benefit",
    "library",
    "sheet",
    "row",
]

# The long event–partner table: one row per partner named by an event.
EVENT_PARTNER_COLUMNS = ["event_id", "partner", "category"]

FORMATS = ["online", "offline", "hybrid", "unknown"]
LEVELS = ["federal", "regional", "municipal", "international"]
# "period": a span of days given explicitly («14–15 мая 2022»): `date` is its first day, `date_end` its last.
DATE_PRECISIONS = ["day", "month", "quarter", "year", "period"]
# Where an event was held, when the sheet says so (None otherwise).
PLACES = ["outside"]

PARTNER_DTYPES = {
    "partner": "string",
    "category": "category",
    "level": pd.CategoricalDtype(LEVELS),
    "since": "Int64",
    "library": "category",
    "notes": "string",
}

EVENT_DTYPES = {
    "event_id": "Int64",
    "date": "datetime64[ns]",
    "date_end": "datetime64[ns]",
    "year": "Int64",
    "date_precision": pd.CategoricalDtype(DATE_PRECISIONS),
    "title": "string",
    "partners": "string",
    "category": "category",
    "format": pd.CategoricalDtype(FORMATS),
    "platform": "category",
    "place": pd.CategoricalDtype(PLACES),
    "participants": "Int64",
    "participants_approx": "boolean",
    "views": "Int64",
    "views_approx": "boolean",
    "description": "string",
    "library_benefit": "string",
    "society_benefit": "string",
    "library": "category",
    "sheet": "string",
    "row": "Int64",
}

EVENT_PARTNER_DTYPES = {"event_id": "Int64", "partner": "string", "category": "category"}

# Header aliases: canonical field -> headings seen in real sheets (Russian and English).
# Matching ignores case, ё/е, punctuation, brackets and extra spaces (see `normalise_header`).
# `partner` and `category` serve both tables; in an events sheet `partner` becomes `partners`.
HEADER_ALIASES: dict[str, list[str]] = {
    "partner": [
        "Партнёр", "Партнер", "Партнеры", "Партнер(ы)", "Партнёры", "Наименование партнёра",
        "Наименование партнера", "Название партнёра", "Название партнера", "Наименование организации",
        "Название организации", "Организация", "Организации", "Организация-партнёр",
        "Организация партнер", "Социальный партнёр", "Социальный партнер", "Социальные партнеры",
        "Наименование", "Partner", "Partners", "Partner name", "Organisation", "Organization",
    ],
    "category": [
        "Категория", "Категория партнёра", "Категория партнера", "Категория партнеров",
        "Тип партнёра", "Тип партнера", "Тип организации", "Вид партнёра", "Вид партнера",
        "Группа", "Category", "Partner category", "Type",
    ],
    "level": ["Уровень", "Уровень партнёра", "Уровень партнера", "Статус", "Level"],
    "since": [
        "С какого года", "С какого года сотрудничество", "Год начала сотрудничества",
        "Партнёр с", "Партнер с", "Сотрудничество с", "Начало сотрудничества", "Since",
        "Partner since", "Since year",
    ],
    "library": [
        "Библиотека", "Филиал", "Структурное подразделение", "Подразделение", "Library", "Branch",
    ],
    "notes": ["Примечание", "Примечания", "Комментарий", "Контакты", "Notes", "Note", "Comment"],
    "date": [
        "Дата", "Дата проведения", "Дата мероприятия", "Дата проведения мероприятия", "Когда",
        "Сроки проведения", "Срок проведения", "Date", "Event date",
    ],
    "year": ["Год", "Год проведения", "Year"],
    "title": [
        "Название мероприятия", "Наименование мероприятия", "Мероприятие", "Мероприятия",
        "Название", "Тема", "Название акции", "Проект", "Title", "Event", "Event title",
    ],
    "format": [
        "Форма проведения", "Формат", "Формат проведения", "Форма", "Форма мероприятия",
        "Онлайн/офлайн", "Format", "Event format",
    ],
    "platform": [
        "Площадка", "Платформа", "Место проведения", "Место", "Площадка проведения", "Ресурс",
        "Platform", "Venue", "Place",
    ],
    "participants": [
        "Кол-во участников", "Количество участников", "Число участников", "Участники",
        "Участников", "Охват", "Охват участников", "Посещения", "Количество посещений",
        "Participants", "Attendance", "Attendees",
    ],
    "views": [
        "Количество просмотров", "Кол-во просмотров", "Число просмотров", "Просмотры",
        "Просмотров", "Онлайн-просмотры", "Views", "Online views",
    ],
    "description": [
        "Описание сотрудничества", "Описание сотрудничества совместных дел", "Описание",
        "Содержание", "Описание мероприятия", "Description",
    ],
    "library_benefit": [
        "Польза для библиотеки", "Польза библиотеке", "Результат для библиотеки",
        "Benefit for the library", "Library benefit",
    ],
    "society_benefit": [
        "Польза для социума", "Польза для общества", "Польза для горожан",
        "Польза для жителей", "Результат для социума", "Benefit for society", "Society benefit",
    ],
}

# Fields whose presence marks a sheet as an events sheet (a partners register has none of them).
EVENT_MARKERS = {"date", "year", "title", "format", "platform", "participants", "views"}

# Counts of each table, the fields that hold integers.
COUNT_FIELDS = ("participants", "views")

_PUNCT = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def normalise_header(text: object) -> str:
    """Fold a heading for alias matching: lower case, ё→е, no punctuation or brackets, single spaces."""
    s = str(text).lower().replace("ё", "е")
    s = _PUNCT.sub(" ", s)
    return _SPACES.sub(" ", s).strip()


# The alias lookup, built once: normalised heading -> canonical field.
ALIAS_LOOKUP: dict[str, str] = {
    normalise_header(alias): field for field, aliases in HEADER_ALIASES.items() for alias in aliases
}


def match_header(text: object) -> str | None:
    """The canonical field a heading names, or None."""
    if text is None:
        return None
    key = normalise_header(text)
    if not key:
        return None
    return ALIAS_LOOKUP.get(key)


def empty_partners() -> pd.DataFrame:
    """An empty, typed partners table."""
    return pd.DataFrame({c: pd.Series(dtype=PARTNER_DTYPES[c]) for c in PARTNER_COLUMNS})


def empty_events() -> pd.DataFrame:
    """An empty, typed events table."""
    return pd.DataFrame({c: pd.Series(dtype=EVENT_DTYPES[c]) for c in EVENT_COLUMNS})


def empty_event_partners() -> pd.DataFrame:
    """An empty, typed event–partner table."""
    return pd.DataFrame({c: pd.Series(dtype=EVENT_PARTNER_DTYPES[c]) for c in EVENT_PARTNER_COLUMNS})


# The headings Partnerlib itself writes (template, sample workbook, backups), one per field.
# Each is one of the aliases above, so every workbook Partnerlib writes reads back unchanged.
RU_HEADINGS: dict[str, str] = {
    "partner": "Наименование партнёра",
    "category": "Категория партнёра",
    "level": "Уровень",
    "since": "С какого года",
    "library": "Библиотека",
    "notes": "Примечание",
    "date": "Дата проведения",
    "year": "Год",
    "title": "Название мероприятия",
    "partners": "Партнёр(ы)",
    "format": "Форма проведения",
    "platform": "Площадка",
    "participants": "Кол-во участников",
    "views": "Количество просмотров",
    "description": "Описание сотрудничества",
    "library_benefit": "Польза для библиотеки",
    "society_benefit": "Польза для социума",
}

# The columns of the sheets Partnerlib writes, in order.
PARTNER_SHEET_FIELDS = ["partner", "category", "level", "since", "library", "notes"]
EVENT_SHEET_FIELDS = [
    "date", "title", "partners", "category", "format", "platform", "participants", "views",
    "description", "library_benefit", "society_benefit", "library",
]


@dataclass
class Dataset:
    """The three tables the dashboard and the exports work on, wherever they came from.

    `source` says where: "demo" (the embedded sample), "upload" (a file just read) or "store".
    `data_start`: the first year of the whole data when these tables are a filtered part of it.
    """

    partners: pd.DataFrame
    events: pd.DataFrame
    event_partners: pd.DataFrame
    source: str = "upload"
    label: str = ""
    data_start: int | None = None

    @classmethod
    def empty(cls, source: str = "upload") -> Dataset:
        return cls(empty_partners(), empty_events(), empty_event_partners(), source)
