"""Problems found while reading a file: what they are, where they are, and their messages in Russian and English."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where a frame is made: the reading worker imports this module
    import pandas as pd


class Severity(StrEnum):
    """How bad a problem is; the members are the strings "error", "warning" and "info"."""

    ERROR = "error"  # the row (or the whole file) was not read
    WARNING = "warning"  # a value was changed or dropped
    INFO = "info"  # a value was guessed or completed; nothing was lost


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
SEVERITIES = tuple(Severity)

# Message templates by code: (Russian, English). Placeholders are filled from Problem.params.
MESSAGES: dict[str, tuple[str, str]] = {
    # whole-file failures
    "file_empty": ("Файл пустой.", "The file is empty."),
    "file_too_large": (
        "Файл слишком большой ({size_mb} МБ, допускается до {limit_mb} МБ). Он не читался.",
        "The file is too large ({size_mb} MB, the limit is {limit_mb} MB). It was not read.",
    ),
    "not_spreadsheet": (
        "Это не таблица Excel/CSV: {detail}. Сохраните файл как .xlsx или .csv.",
        "This is not an Excel/CSV sheet: {detail}. Save the file as .xlsx or .csv.",
    ),
    "encrypted": (
        "Файл защищён паролем. Снимите пароль в Excel (Файл → Сведения → Защита книги) и загрузите снова.",
        "The file is password-protected. Remove the password in Excel and upload it again.",
    ),
    "unreadable": (
        "Файл повреждён или не читается: {detail}.",
        "The file is damaged or cannot be read: {detail}.",
    ),
    "too_big_inside": (
        "Файл после распаковки слишком велик ({size_mb} МБ). Он не читался.",
        "The file unpacks to too much data ({size_mb} MB). It was not read.",
    ),
    "read_failed": (
        "Файл не удалось прочитать: он повреждён или слишком сложен ({detail}). Чтение остановлено, остальная "
        "работа не затронута. Откройте файл в Excel, сохраните его заново как .xlsx и загрузите снова.",
        "The file could not be read: it is damaged or too complex ({detail}). Reading was stopped; nothing "
        "else was affected. Open the file in Excel, save it again as .xlsx and upload it again.",
    ),
    "no_sheets": (
        "В файле нет листов с данными.",
        "The file has no sheets with data.",
    ),
    "no_tables": (
        "Ни на одном листе не найдены столбцы партнёров или мероприятий (например, «Наименование партнёра», "
        "«Дата проведения», «Название мероприятия»).",
        "No sheet has partner or event columns (such as «Partner», «Date», «Title»).",
    ),
    # sheets
    "sheet_skipped": (
        "Лист пропущен: не найдены столбцы партнёров или мероприятий (на листе: {columns}).",
        "Sheet skipped: no partner or event columns found (the sheet holds: {columns}).",
    ),
    "sheet_empty": ("Лист пустой, пропущен.", "The sheet is empty and was skipped."),
    "sheet_hidden": (
        "Скрытый лист пропущен (похоже на списки для выбора или служебную таблицу: {columns}). Если на нём "
        "данные, выберите вид листа на странице «Данные».",
        "A hidden sheet was skipped (it looks like drop-down lists or a helper table: {columns}). If it holds "
        "data, choose the sheet's kind on the Data page.",
    ),
    "sheet_summary": (
        "Лист похож на сводную таблицу (итоги по категориям или месяцам: {columns}) и не добавлен к "
        "мероприятиям, чтобы не учитывать их дважды.",
        "The sheet looks like a summary (totals by category or month: {columns}) and was not added to the "
        "events, so that they are not counted twice.",
    ),
    "summary_read": (
        "Название листа похоже на сводку, но других листов с мероприятиями нет: лист прочитан как мероприятия.",
        "The sheet's name looks like a summary, but no other sheet holds events: it was read as events.",
    ),
    "sheet_chosen": (
        "Лист не читался: так выбрано на странице «Данные» (на листе: {columns}).",
        "The sheet was not read, as chosen on the Data page (the sheet holds: {columns}).",
    ),
    "sheet_failed": (
        "Лист не удалось прочитать из-за внутренней ошибки программы ({detail}); остальные листы прочитаны. "
        "Сообщите разработчикам и приложите файл.",
        "The sheet could not be read because of an internal error ({detail}); the other sheets were read. "
        "Please report it with the file.",
    ),
    "internal_error": (
        "Файл не удалось прочитать из-за внутренней ошибки программы ({detail}). Сообщите разработчикам и "
        "приложите файл.",
        "The file could not be read because of an internal error ({detail}). Please report it with the file.",
    ),
    "choices_applied": (
        "Для этих заголовков применён ваш выбор столбцов из прошлой загрузки.",
        "Your choice of columns from an earlier upload with the same headings was applied.",
    ),
    "library_from_sheet": (
        "Столбца библиотеки нет: библиотека мероприятий взята из названия листа — «{value}».",
        "No library column: the events' library is taken from the sheet's name, «{value}».",
    ),
    "column_ignored": (
        "Столбец «{column}» не распознан и не читался; в нём есть данные: {sample}. Выберите для него поле "
        "на странице «Данные», если они нужны.",
        "Column «{column}» was not recognised and was not read; it holds data: {sample}. Choose its field on "
        "the Data page if it is needed.",
    ),
    "column_ambiguous": (
        "Заголовок «{column}» может означать {fields}; столбец не читался. Выберите поле на странице «Данные».",
        "Heading «{column}» could mean {fields_en}; the column was not read. Choose its field on the Data page.",
    ),
    "column_unused": (
        "Столбец «{column}» не используется на листе {kind} и не читался (в нём: {sample}).",
        "Column «{column}» has no use in a sheet of {kind_en} and was not read (it holds: {sample}).",
    ),
    "column_duplicate": (
        "Столбец «{column}» повторяет уже найденный столбец «{first}»; читается первый.",
        "Column «{column}» repeats column «{first}»; the first one is read.",
    ),
    "filled_down": (
        "Пустые ячейки столбца заполнены значением сверху (объединённые ячейки или группа): строки {rows}.",
        "Empty cells were filled from the cell above (merged cells or a group): rows {rows}.",
    ),
    "section_row": (
        "Строка-подзаголовок «{value}» — не мероприятие, не прочитана.",
        "A section heading «{value}» is not an event and was not read.",
    ),
    "signature_row": (
        "Строка подписи «{value}» — не данные, не прочитана.",
        "A signature line «{value}» is not data and was not read.",
    ),
    "column_numbers_row": (
        "Строка с номерами столбцов («{value}») под заголовком — не данные, не прочитана.",
        "A row numbering the columns («{value}») under the header is not data and was not read.",
    ),
    "row_numbered_only": (
        "В строке только номер («{value}»), данных нет; строка пропущена.",
        "The row holds only a number («{value}») and no data; it was skipped.",
    ),
    "total_mismatch": (
        "В строке итогов {value}, а сумма строк {rows} — {sum}. Проверьте числа: возможна опечатка.",
        "The totals row says {value}, but rows {rows} add up to {sum}. Check the numbers: there may be a typo.",
    ),
    "bad_end_date": (
        "Не удалось понять дату окончания «{value}»; она не прочитана.",
        "Could not understand the end date «{value}»; it was dropped.",
    ),
    "end_before_start": (
        "Дата окончания «{value}» раньше даты начала; она не прочитана.",
        "The end date «{value}» is before the start date; it was dropped.",
    ),
    "group_row": (
        "Строка-заголовок группы «{value}»: задаёт категорию для строк ниже.",
        "Group heading row «{value}»: sets the category of the rows below.",
    ),
    "far_cells": (
        "Не прочитано то, что стоит далеко за пределами данных листа (данные — в {region}): {cells}. "
        "Скорее всего, это набрано случайно.",
        "What stands far outside the sheet's data (the data is in {region}) was not read: {cells}. "
        "Most likely it was typed there by accident.",
    ),
    "csv_nul": (
        "В строке есть нулевой байт (NUL): строка повреждена или файл сохранён не как текст. Строка не прочитана.",
        "The row holds a NUL byte: it is damaged, or the file was not saved as text. The row was not read.",
    ),
    "csv_mixed_encodings": (
        "Файл CSV записан в двух кодировках: {main} (строк: {main_count}) и {other} (строк: {other_count}); "
        "так бывает, когда его собрали из двух файлов. Каждая строка прочитана в своей кодировке.",
        "The CSV file is in two encodings: {main} ({main_count} lines) and {other} ({other_count} lines), "
        "as when two files are put together. Each line was read in its own encoding.",
    ),
    "csv_row_encoding": (
        "Строка записана в кодировке {encoding}, а остальной файл — в {main}; прочитана в своей кодировке.",
        "The row is in {encoding}, the rest of the file in {main}; it was read in its own encoding.",
    ),
    "cell_control_removed": (
        "Из ячейки {cell} удалены управляющие символы (невидимые; их не принимают Excel и база данных).",
        "Control characters were removed from cell {cell} (invisible; Excel and the database refuse them).",
    ),
    "cell_direction_removed": (
        "Из ячейки {cell} удалены символы смены направления текста (из-за них текст читается не так, "
        "как записан).",
        "Text direction characters were removed from cell {cell} (they make text read otherwise than it is).",
    ),
    # rows
    "row_unmapped": (
        "Строка не прочитана: заполнены только столбцы, которые не распознаны («{value}»).",
        "The row was not read: only unrecognised columns are filled in («{value}»).",
    ),
    "no_partner": (
        "Нет названия партнёра: строка не прочитана.",
        "No partner name: the row was not read.",
    ),
    "sheet_no_date": (
        "Лист похож на мероприятия, но в нём нет столбца даты или года, и год не указан в названии листа: "
        "строки {rows} не прочитаны. Добавьте столбец «Дата проведения» или «Год».",
        "The sheet looks like events but has no date or year column and no year in its name: rows {rows} "
        "were not read. Add a «Date» or «Year» column.",
    ),
    "no_date": (
        "Нет даты и года мероприятия: строка не прочитана.",
        "The event has no date and no year: the row was not read.",
    ),
    "event_repeated": (
        "Мероприятие «{value}» записано несколько раз ({times}) в строках {rows}: учтено один раз.",
        "The event «{value}» is written {times} times, in rows {rows}: it is counted once.",
    ),
    "event_no_title": (
        "Нет названия мероприятия: строка прочитана, но в отчёте и на слайдах её трудно будет узнать.",
        "The event has no title: the row was read, but it will be hard to recognise in the report and slides.",
    ),
    "total_row": (
        "Строка итогов («{value}») не прочитана как мероприятие.",
        "A totals row («{value}») was not read as an event.",
    ),
    "bad_date": (
        "Не удалось понять дату «{value}»: строка не прочитана.",
        "Could not understand the date «{value}»: the row was not read.",
    ),
    "bad_date_year_kept": (
        "Не удалось понять дату «{value}»; год взят из столбца «Год».",
        "Could not understand the date «{value}»; the year comes from the year column.",
    ),
    "impossible_date": (
        "Такой даты нет в календаре: «{value}». Строка не прочитана.",
        "No such date in the calendar: «{value}». The row was not read.",
    ),
    "impossible_date_year_kept": (
        "Такой даты нет в календаре: «{value}»; дата пуста, год взят из столбца «Год».",
        "No such date in the calendar: «{value}»; the date is left empty, the year comes from the year column.",
    ),
    "date_year_mismatch": (
        "Год в дате ({date_year}) не совпадает со столбцом «Год» ({year}); взят год из даты.",
        "The date's year ({date_year}) differs from the year column ({year}); the date's year is used.",
    ),
    "date_month_only": (
        "Указан только месяц: «{value}»; для графиков по месяцам взято 1-е число (строки {rows}).",
        "Only the month is given: «{value}»; the 1st of the month is used for monthly charts (rows {rows}).",
    ),
    "date_range": (
        "Период «{value}»: с {start} по {end}; мероприятие отнесено к дате начала (строки {rows}).",
        "A period «{value}»: from {start} to {end}; the event is counted at its start (rows {rows}).",
    ),
    "date_quarter": (
        "Указан только квартал: «{value}»; для графиков по месяцам взято 1-е число квартала (строки {rows}).",
        "Only the quarter is given: «{value}»; the quarter's first day is used for monthly charts (rows {rows}).",
    ),
    "date_list": (
        "Несколько дней «{value}» ({count}: {days}): одно мероприятие с {start} по {end}, учтено один раз "
        "по дате начала (строки {rows}). Если это разные мероприятия, запишите каждое своей строкой.",
        "Several days «{value}» ({count}: {days}): one event from {start} to {end}, counted once at its start "
        "(rows {rows}). "
        "If they are separate events, write each on its own row.",
    ),
    "date_deadline": (
        "Указан срок «{value}»: мероприятие записано на {date}; когда станет известна дата проведения, "
        "укажите её (строки {rows}).",
        "A deadline «{value}»: the event is dated {date}; write the day it is held once it is known (rows {rows}).",
    ),
    "date_school_year": (
        "Учебный год «{value}»: с {start} по {end}; мероприятие отнесено к году начала (строки {rows}).",
        "A school year «{value}»: from {start} to {end}; the event is counted in the year it begins (rows {rows}).",
    ),
    "date_year_from_school_year": (
        "В дате «{value}» нет года; по учебному году {school_year} из названия листа или заголовка таблицы "
        "взят {year} год (сентябрь–декабрь — первый год, январь–август — второй; строки {rows}).",
        "The date «{value}» has no year; {year} is taken from the school year {school_year} in the sheet's name "
        "or title (September–December in its first year, January–August in its second; rows {rows}).",
    ),
    "date_year_from_hint": (
        "В дате «{value}» нет года; взят {year} год из названия листа или заголовка таблицы (строки {rows}).",
        "The date «{value}» has no year; {year} is taken from the sheet's name or title (rows {rows}).",
    ),
    "date_range_reversed": (
        "Период «{value}» идёт назад: конец ({end}) раньше начала ({start}). Строка не прочитана.",
        "The period «{value}» runs backwards: its end ({end}) is before its start ({start}). The row was not read.",
    ),
    "date_range_too_long": (
        "Период «{value}» длится {days} дн. (с {start} по {end}) — больше года, опечатка? Строка не прочитана.",
        "The period «{value}» lasts {days} days (from {start} to {end}), over a year: a typo? The row was not read.",
    ),
    "date_out_of_range": (
        "Год {year} вне разумных пределов (1950–2100): «{value}». Строка не прочитана.",
        "Year {year} is out of range (1950–2100): «{value}». The row was not read.",
    ),
    "bad_year": (
        "Не удалось понять год «{value}»; значение не прочитано.",
        "Could not understand the year «{value}»; the value was dropped.",
    ),
    "count_approx": (
        "Приблизительное число «{value}» прочитано как {number}.",
        "The approximate number «{value}» was read as {number}.",
    ),
    "count_from_text": (
        "Число взято из текста «{value}»: {number}.",
        "The number was taken from the text «{value}»: {number}.",
    ),
    "count_rounded": (
        "Дробное число «{value}» округлено до {number}.",
        "The fractional number «{value}» was rounded to {number}.",
    ),
    "count_grouped": (
        "Число «{value}» прочитано как {number}: точка или запятая перед тремя цифрами отделяет тысячи.",
        "The number «{value}» was read as {number}: a dot or comma before three digits separates thousands.",
    ),
    "count_sum": (
        "В ячейке «{value}» несколько чисел; взята их сумма: {number}. Проверьте, что их нужно сложить.",
        "The cell «{value}» holds several numbers; their sum is used: {number}. Check that they add up.",
    ),
    "count_negative": (
        "Отрицательное число «{value}» не может быть количеством; ячейка оставлена пустой.",
        "A negative number «{value}» cannot be a count; the cell is left empty.",
    ),
    "count_too_large": (
        "Число «{value}» слишком велико для количества (опечатка?); ячейка оставлена пустой.",
        "The number «{value}» is too large for a count (a typo?); the cell is left empty.",
    ),
    "count_not_number": (
        "«{value}» — не число; ячейка оставлена пустой.",
        "«{value}» is not a number; the cell is left empty.",
    ),
    "audience_unknown": (
        "Аудитория «{value}» не распознана; оставлено пустым. Ожидается: дети до 14 лет, молодёжь 15–30 лет, "
        "взрослые, все возрасты.",
        "Audience «{value}» was not recognised; left empty. Expected: children up to 14, young people 15–30, "
        "adults, all ages.",
    ),
    "format_unknown": (
        "Форма проведения «{value}» не распознана; записано «неизвестно». Ожидается: онлайн, очно, смешанный.",
        "Format «{value}» was not recognised; set to unknown. Expected: online, offline, hybrid.",
    ),
    "format_kind": (
        "«{value}» — вид мероприятия, а не форма проведения; записано «очно». Если оно прошло онлайн или "
        "смешанно, укажите это в ячейке.",
        "«{value}» is a kind of event, not a format; set to offline. If it was held online or hybrid, say so "
        "in the cell.",
    ),
    "format_kind_online": (
        "«{value}» — вид мероприятия, а не форма проведения; по площадке записано «онлайн».",
        "«{value}» is a kind of event, not a format; set to online from the platform.",
    ),
    "format_from_place": (
        "Форма проведения не указана; по месту проведения «{value}» записано «очно» (строки {rows}).",
        "No format given; set to offline from the venue «{value}» (rows {rows}).",
    ),
    "format_from_place_hybrid": (
        "Форма проведения не указана; по месту проведения «{value}» (помещение и интернет-площадка) записано "
        "«смешанный» (строки {rows}).",
        "No format given; set to hybrid from the venue «{value}» (a room and an online platform; rows {rows}).",
    ),
    "place_outside": (
        "«{value}» — не библиотека системы: мероприятия в строках {rows} учтены как проведённые вне библиотеки "
        "(вне стационара, форма 6-НК). Если это ваша библиотека или её зал, напишите «в библиотеке» или её "
        "название.",
        "«{value}» is not a library of the system: the events of rows {rows} are counted as held outside the "
        "library (form 6-NK). If it is your library or one of its rooms, write «in the library» or the "
        "library's name.",
    ),
    "format_from_platform": (
        "Форма проведения не указана; по площадке «{value}» определено «онлайн» (строки {rows}).",
        "No format given; «online» was derived from the platform «{value}» (rows {rows}).",
    ),
    "category_unknown": (
        "Категория «{value}» не входит в стандартный список; оставлена как написано.",
        "Category «{value}» is not in the default list; kept as written.",
    ),
    "category_from_partner": (
        "Категория не указана; взята из таблицы партнёров: «{category}».",
        "No category given; taken from the partners table: «{category}».",
    ),
    "level_unknown": (
        "Уровень «{value}» не распознан (федеральный, региональный, муниципальный, международный); "
        "ячейка оставлена пустой.",
        "Level «{value}» was not recognised (federal, regional, municipal, international); left empty.",
    ),
    "agreement_kind_unknown": (
        "Вид договора «{value}» не распознан (договор, соглашение, без договора); ячейка оставлена пустой.",
        "Agreement kind «{value}» was not recognised (contract, agreement, none); left empty.",
    ),
    "agreement_date_bad": (
        "Дата «{value}» не распознана; ячейка оставлена пустой. Ожидается дата, например 01.02.2021.",
        "Date «{value}» was not recognised; left empty. Expected a date such as 01.02.2021.",
    ),
    "agreement_date_partial": (
        "Дата «{value}» указана без дня; записан первый (для срока действия — последний) день.",
        "Date «{value}» has no day; its first day (for the end of an agreement, its last) was kept.",
    ),
    "agreement_term": (
        "Срок действия «{value}» отсчитан от даты заключения.",
        "The term «{value}» was counted from the date signed.",
    ),
    "agreement_term_no_start": (
        "Срок действия «{value}» не от чего отсчитать: дата заключения не указана; ячейка оставлена пустой.",
        "The term «{value}» cannot be counted: no date signed is given; left empty.",
    ),
    "duplicate_partner": (
        "Партнёр «{value}» уже есть в строке {first_row} листа «{first_sheet}»; пустые поля дополнены.",
        "Partner «{value}» already appears in row {first_row} of sheet «{first_sheet}»; empty fields completed.",
    ),
}


# Every problem code, one per message: a code outside MESSAGES is refused.
Code = StrEnum("Code", {code: code for code in MESSAGES}, module=__name__)


@dataclass(frozen=True)
class Problem:
    """One problem of a file: where it is, what was found, and what was done with it.

    `row` is the row number the user sees in Excel (1-based), or None for a whole sheet or file.
    `severity` and `code` become Severity and Code members: an unknown one fails where it is made.
    """

    severity: str
    code: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", Severity(self.severity))
        object.__setattr__(self, "code", Code(self.code))

    def message_in(self, lang: str = "ru") -> str:
        """The message in Russian ("ru") or English ("en")."""
        ru, en = MESSAGES[self.code]
        template = en if lang == "en" else ru
        from partnerlib.i18n import told

        values = {"value": self.value, "column": self.column, **{k: told(v, lang) for k, v in self.params.items()}}
        return template.format(**values)

    @property
    def message(self) -> str:
        """The message in Russian."""
        return self.message_in("ru")

    def as_dict(self, lang: str = "ru") -> dict:
        """The problem as a plain dict: severity, sheet, row, column, value, message."""
        return {
            "severity": self.severity,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message_in(lang),
        }


class UnreadableFile(Exception):
    """The whole file cannot be used; carries the one problem that says why."""

    def __init__(self, code: str, **params):
        self.problem = Problem(ERROR, code, params=params)
        super().__init__(self.problem.message_in("en"))


PROBLEM_COLUMNS = ["severity", "sheet", "row", "column", "value", "message"]


def problems_frame(problems: list[Problem], lang: str = "ru") -> pd.DataFrame:
    """The problems as a table (severity, sheet, Excel row, column, value, message), errors first."""
    import pandas as pd

    if not problems:
        frame = pd.DataFrame({c: pd.Series(dtype="object") for c in PROBLEM_COLUMNS})
        frame["row"] = frame["row"].astype("Int64")
        return frame
    frame = pd.DataFrame([p.as_dict(lang) for p in problems], columns=PROBLEM_COLUMNS)
    frame["row"] = frame["row"].astype("Int64")
    # Errors first; within a severity, the sheets in file order and the rows top to bottom.
    rank = frame["severity"].map({s: i for i, s in enumerate(SEVERITIES)})
    sheet_order = frame["sheet"].map({s: i for i, s in enumerate(dict.fromkeys(frame["sheet"]))})
    ordered = frame.assign(_rank=rank, _sheet=sheet_order).sort_values(
        ["_rank", "_sheet", "row"], kind="stable", na_position="first"
    )
    return ordered.drop(columns=["_rank", "_sheet"]).reset_index(drop=True)

