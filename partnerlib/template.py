"""The empty workbook a library fills in: the two sheets with Russian headings, drop-down lists and hints."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from partnerlib.backup import AGREEMENT_RU, AUDIENCE_RU
from partnerlib.categories import category_label, level_label, taxonomy
from partnerlib.i18n import format_label, t
from partnerlib.model import EVENT_SHEET_FIELDS, FORMATS, PARTNER_SHEET_FIELDS, RU_HEADINGS
from partnerlib.xlsx import DATE_FORMAT, HEADER_ALIGN, HEADER_FILL, HEADER_FONT

PARTNERS_SHEET = t("sheet_partners")
EVENTS_SHEET = t("sheet_events")
LISTS_SHEET = t("sheet_lists")
FIRST_ROW = 2
LAST_ROW = 1000
FORMAT_CHOICES = [format_label(f) for f in FORMATS if f != "unknown"]
# The events sheet's columns: the model's, with the audience (form 6-НК) after the platform.
EVENT_FIELDS = [*EVENT_SHEET_FIELDS[:EVENT_SHEET_FIELDS.index("platform") + 1], "audience",
                *EVENT_SHEET_FIELDS[EVENT_SHEET_FIELDS.index("platform") + 1:]]

# Excel keeps an inline list ("a,b,c") to 255 characters; longer lists go to the hidden sheet.
_INLINE_LIMIT = 255

_WIDTHS = {
    "partner": 60, "category": 28, "level": 18, "since": 14, "library": 36, "notes": 40,
    "date": 16, "title": 50, "partners": 48, "format": 18, "platform": 22, "participants": 16,
    "views": 16, "audience": 20, "description": 60, "library_benefit": 45, "society_benefit": 45,
    "agreement_kind": 16, "agreement_number": 14, "agreement_signed": 16, "agreement_until": 16,
    "contact_name": 30, "contact_position": 24, "contact_phone": 18, "contact_email": 26, "responsible": 26,
    "website": 26,
}

# The hints (title, prompt) of the events sheet's columns and of the register's on the partners sheet.
_PROMPTS = {f: (t(f"template.{f}_title"), t(f"template.{f}_prompt"))
            for f in ("date", "partners", "participants", "views", "format", "audience")}
_PARTNER_PROMPTS = {f: (t(f"template.{f}_title"), t(f"template.{f}_prompt"))
                    for f in ("agreement_kind", "agreement_signed", "agreement_until", "contact_name")}


def category_choices() -> list[str]:
    """The Russian labels of the default categories, in the taxonomy's order."""
    return [category_label(key, "ru") for key in taxonomy().keys]


def level_choices() -> list[str]:
    """The Russian labels of the levels."""
    return [level_label(key, "ru") for key in taxonomy().level_keys]


def _list_formula(wb: Workbook, column: int, values: Sequence[str]) -> str:
    """A list validation's formula: inline when short enough, else a range on the hidden lists sheet."""
    inline = ",".join(values)
    if len(inline) <= _INLINE_LIMIT - 2 and not any("," in v or '"' in v for v in values):
        return f'"{inline}"'
    if LISTS_SHEET in wb.sheetnames:
        ws = wb[LISTS_SHEET]
    else:
        ws = wb.create_sheet(LISTS_SHEET)
        ws.sheet_state = "hidden"
    for row, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=column, value=value)
        cell.data_type = "s"
    letter = get_column_letter(column)
    return f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(values)}"


def _column_range(fields: Sequence[str], field: str) -> str:
    letter = get_column_letter(list(fields).index(field) + 1)
    return f"{letter}{FIRST_ROW}:{letter}{LAST_ROW}"


def _sheet(ws: Worksheet, fields: Sequence[str]) -> None:
    for col, field in enumerate(fields, start=1):
        cell = ws.cell(row=1, column=col, value=RU_HEADINGS[field])
        cell.data_type = "s"
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGN
        ws.column_dimensions[get_column_letter(col)].width = _WIDTHS.get(field, 20)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 32


def _add_list(ws: Worksheet, formula: str, ref: str, *, strict: bool, title: str) -> DataValidation:
    dv = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=strict,
        showInputMessage=False,
        errorStyle="warning",
        errorTitle=title,
        error=t("template.choose_from_list"),
    )
    dv.add(ref)
    ws.add_data_validation(dv)
    return dv


def template_workbook() -> bytes:
    """The empty workbook a director fills in, as xlsx bytes.

    Sheets "Партнёры" and "Мероприятия" with the Russian headings Partnerlib reads, drop-down lists
    for category (own categories may be typed too), level and format, and hints on the date, partners
    and count columns.
    """
    wb = Workbook()
    wb.properties.creator = "Partnerlib"
    wb.properties.title = t("template.title")
    partners = wb.active
    partners.title = PARTNERS_SHEET
    events = wb.create_sheet(EVENTS_SHEET)
    _sheet(partners, PARTNER_SHEET_FIELDS)
    _sheet(events, EVENT_FIELDS)

    categories = _list_formula(wb, 1, category_choices())
    levels = _list_formula(wb, 2, level_choices())
    formats = _list_formula(wb, 3, FORMAT_CHOICES)

    # Categories: a suggestion, not a rule — libraries keep categories of their own.
    _add_list(partners, categories, _column_range(PARTNER_SHEET_FIELDS, "category"), strict=False,
              title=t("template.category_title"))
    _add_list(events, categories, _column_range(EVENT_FIELDS, "category"), strict=False,
              title=t("template.category_title"))
    _add_list(partners, levels, _column_range(PARTNER_SHEET_FIELDS, "level"), strict=True,
              title=t("template.level_title"))
    fmt = _add_list(events, formats, _column_range(EVENT_FIELDS, "format"), strict=True,
                    title=t("template.format_title"))
    fmt.showInputMessage, fmt.promptTitle, fmt.prompt = True, *_PROMPTS["format"]
    # Her own words («школьники») are read too: the list suggests, it does not refuse.
    audience = _add_list(events, f'"{",".join(AUDIENCE_RU.values())}"', _column_range(EVENT_FIELDS, "audience"),
                         strict=False, title=_PROMPTS["audience"][0])
    audience.showInputMessage, audience.promptTitle, audience.prompt = True, *_PROMPTS["audience"]

    since = DataValidation(
        type="whole", operator="between", formula1="1900", formula2="2100", allow_blank=True,
        showErrorMessage=True, errorStyle="warning", errorTitle=t("template.year_title"),
        error=t("template.year_error"), showInputMessage=True, promptTitle=t("template.since_title"),
        prompt=t("template.since_prompt"),
    )
    since.add(_column_range(PARTNER_SHEET_FIELDS, "since"))
    partners.add_data_validation(since)

    for field, (title, prompt) in _PROMPTS.items():
        if field in ("format", "audience"):  # the lists carry their own hints
            continue
        hint = DataValidation(showInputMessage=True, promptTitle=title, prompt=prompt, allow_blank=True)
        hint.add(_column_range(EVENT_FIELDS, field))
        events.add_data_validation(hint)

    kinds = _add_list(partners, f'"{",".join(AGREEMENT_RU.values())}"',
                      _column_range(PARTNER_SHEET_FIELDS, "agreement_kind"), strict=True,
                      title=t("template.agreement_kind_title"))
    kinds.showInputMessage, kinds.promptTitle, kinds.prompt = True, *_PARTNER_PROMPTS["agreement_kind"]
    for field in ("agreement_signed", "agreement_until"):
        title, prompt = _PARTNER_PROMPTS[field]
        day = DataValidation(type="date", operator="between", formula1="18264", formula2="73415", allow_blank=True,
                             showErrorMessage=True, errorStyle="warning", errorTitle=title,
                             error=t("template.date_error"),
                             showInputMessage=True, promptTitle=title, prompt=prompt)
        day.add(_column_range(PARTNER_SHEET_FIELDS, field))
        partners.add_data_validation(day)
        partners.column_dimensions[get_column_letter(PARTNER_SHEET_FIELDS.index(field) + 1)].number_format = \
            DATE_FORMAT
    personal = DataValidation(showInputMessage=True, promptTitle=_PARTNER_PROMPTS["contact_name"][0],
                              prompt=_PARTNER_PROMPTS["contact_name"][1], allow_blank=True)
    personal.add(_column_range(PARTNER_SHEET_FIELDS, "contact_name"))
    partners.add_data_validation(personal)

    date_col = get_column_letter(EVENT_FIELDS.index("date") + 1)
    events.column_dimensions[date_col].number_format = DATE_FORMAT

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
