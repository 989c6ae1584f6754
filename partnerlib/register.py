"""The partner register's values: agreements (kind, number, dates), contact people and the librarian responsible.

Cells as sheets write them become the model's values here («договор», «соглашение», «без договора», «—»;
`01.02.2021`, `2025`, «на 5 лет», «бессрочно»); phones, e-mails and names stay text as written. Pure
Python and pandas: the reader calls `read_columns`, the store's edits call `edit_values`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pandas as pd

from partnerlib import model
from partnerlib.errors import INFO, WARNING
from partnerlib.values import DATE_FAILURES, clean_text, parse_date

CONTRACT, AGREEMENT, NONE = model.AGREEMENT_KINDS
# Text fields of the register, kept as written (numbers as their digits: a phone typed as a number).
TEXT_FIELDS = ("agreement_number", "contact_name", "contact_position", "contact_phone", "contact_email",
               "responsible", "website")
DATE_FIELDS = ("agreement_signed", "agreement_until")

# How bad each of the register's problems is: a date completed is a note, a value dropped a warning.
SEVERITY = {"agreement_kind_unknown": WARNING, "agreement_date_bad": WARNING, "agreement_term_no_start": WARNING,
            "agreement_date_partial": INFO, "agreement_term": INFO}

_DASHES = set("-–—‑−")
_NONE_TEXT = re.compile(r"^(?:без\b|нет\b|не\s+заключ|отсутств|no\b|none\b|without\b)")
_YES_TEXT = re.compile(r"^(?:да|есть|имеется|заключен[оа]?|\+|yes|\u2713|v)$")
_NUMBER = re.compile(r"№\s*([0-9A-Za-zА-Яа-я][\w\-/.]*)")
_FROM = re.compile(r"\bот\s+(.+?)(?=\s+(?:до|по|на)\b|$)")
_TILL = re.compile(r"\b(?:до|по)\s+(.+)$")
_TERM = re.compile(r"^(?:на\s+|сроком\s+на\s+)?(\d{1,2})\s*(?:год|года|лет|г\.?)$")
# Two dates of one agreement («01.01.2021–31.12.2025», «с 01.02.2021 по 31.01.2026»): longer than an
# event's period may be, so read apart.
_SPAN = re.compile(r"^(?:с\s+)?(.+?)(?:\s*[–—]\s*|\s+-\s+|\s+(?:по|до)\s+)(.+)$")
_BY = re.compile(r"^(?:до|по)\s+")
_OPEN_ENDED = re.compile(r"^(?:бессрочн\w*|без\s+срока|не\s+ограничен\w*|пролонгир\w*|open[- ]ended|indefinite)")
# «МБОУ СОШ № 5 — договор»: reports mark partners so; the mark gives the kind and leaves the name.
_MARK = re.compile(r"\s+[-–—]\s*(договор|соглашение)\s*$", re.IGNORECASE)


def _fold(value: object) -> str | None:
    text = clean_text(value)
    return None if text is None else text.lower().replace("ё", "е")


def kind_of(value: object, heading: str | None = None) -> tuple[str | None, str | None]:
    """The kind of agreement a cell names, and a problem code when it names none.

    Args:
        value: the cell: «договор», «Договор № 15 от 01.02.2021», «соглашение», «без договора», «нет»,
            «—»; «да» / «есть» under a heading that names the kind («Договор», «Соглашение»).
        heading: the column's heading as written.

    Returns:
        ("contract" | "agreement" | "none" | None, None or "agreement_kind_unknown").
    """
    if value is None or (isinstance(value, float) and value != value):
        return None, None
    text = _fold(value)
    if text is None:
        # A dash alone, or spaces: the sheet says there is no agreement (a dash) or nothing (blank).
        return None, None
    if all(ch in _DASHES for ch in text) or _NONE_TEXT.match(text):
        return NONE, None
    if "соглаш" in text or "agreement" in text:
        return AGREEMENT, None
    if "договор" in text or "contract" in text:
        return CONTRACT, None
    if _YES_TEXT.match(text):
        under = (heading or "").lower()
        return (AGREEMENT if "соглаш" in under or "agreement" in under else CONTRACT), None
    return None, "agreement_kind_unknown"


def number_in(value: object) -> str | None:
    """The number written in a kind cell («Договор № 15-к от 01.02.2021» → «15-к»), or None."""
    text = clean_text(value)
    match = _NUMBER.search(text) if text else None
    return match.group(1).rstrip(".") if match else None


def dates_in(value: object) -> tuple[dt.date | None, dt.date | None]:
    """The dates written in a kind cell: «… от 01.02.2021 до 31.12.2025» → (signed, until)."""
    text = clean_text(value)
    if not text:
        return None, None
    low = text.lower()
    signed = until = None
    if m := _FROM.search(low):
        signed = date_of(m.group(1))[0]
    if m := _TILL.search(low):
        until = date_of(m.group(1), until=True)[0]
    return signed, until


def date_of(value: object, *, until: bool = False, signed: dt.date | None = None) -> tuple[dt.date | None, str | None]:
    """A date of the register from a cell, and a problem code.

    Args:
        value: an Excel date, `01.02.2021`, `1 февраля 2021`, `февраль 2021`, `2025`; for the end of an
            agreement also a term from the date signed («5 лет», «на 3 года») and «бессрочно».
        until: the date an agreement ends: a month or a year means its last day, a period its end.
        signed: the date signed, from which a term counts.

    Returns:
        (date or None, None | "agreement_date_partial" (a month or a year stood for a day) |
        "agreement_term" (counted from the date signed) | "agreement_term_no_start" | "agreement_date_bad").
    """
    text = _fold(value) if isinstance(value, str) else None
    if text is not None:
        if _OPEN_ENDED.match(text):
            return None, None
        if until and (m := _TERM.match(text)):
            if signed is None:
                return None, "agreement_term_no_start"
            years = int(m.group(1))
            try:
                end = signed.replace(year=signed.year + years)
            except ValueError:  # 29 February
                end = signed.replace(year=signed.year + years, day=28)
            return end - dt.timedelta(days=1), "agreement_term"
        if m := _SPAN.match(text):
            first, last = date_of(m.group(1)), date_of(m.group(2), until=True)
            if first[0] is not None and last[0] is not None:
                return last if until else first
        if _BY.match(text):
            return date_of(_BY.sub("", text), until=until)
    parsed = parse_date(value)
    if parsed.code in DATE_FAILURES or (parsed.code and parsed.year is None):
        return None, "agreement_date_bad"
    if parsed.precision in (None,):
        return None, None if clean_text(value) is None else "agreement_date_bad"
    if parsed.precision == "day":
        return parsed.date, None
    if parsed.precision == "period":
        return (parsed.date_end if until else parsed.date), None
    if parsed.precision == "year":
        day = dt.date(parsed.year, 12, 31) if until else dt.date(parsed.year, 1, 1)
        return day, "agreement_date_partial"
    # A month or a quarter: its last day for an end, its first for a signing.
    if until:
        end = parsed.date_end
        if end is None:
            first = parsed.date
            nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            end = nxt - dt.timedelta(days=1)
        return end, "agreement_date_partial"
    return parsed.date, "agreement_date_partial"


def text_of(value: object) -> str | None:
    """A register cell as text: a number as its digits (a phone typed as 89101234567), else the trimmed text."""
    if isinstance(value, float) and value == value and value.is_integer():
        return str(int(value))
    return clean_text(value)


def unmarked(name: str | None) -> tuple[str | None, str | None]:
    """A partner name without the report's mark «— договор» / «— соглашение», and the kind the mark gives."""
    if not name:
        return name, None
    match = _MARK.search(name)
    if not match:
        return name, None
    return name[:match.start()].strip(), AGREEMENT if match.group(1).lower().startswith("соглаш") else CONTRACT


def unmarked_names(names: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Partner names without their marks (see `unmarked`), and the kinds the marks give (None elsewhere)."""
    pairs = [unmarked(n) for n in names.tolist()]
    return (pd.Series([p[0] for p in pairs], index=names.index, dtype=object),
            pd.Series([p[1] for p in pairs], index=names.index, dtype=object))


def read_columns(column: Callable[[str], pd.Series], headings: dict[str, str]
                 ) -> tuple[dict[str, pd.Series], dict[str, pd.Series]]:
    """The register's columns of a partners sheet, and the problem codes of their cells.

    Args:
        column: the sheet's column of a field (all missing when the sheet has none).
        headings: field -> the heading as written.

    Returns:
        (field -> values as Python objects, field -> problem code per row or None).
    """
    kind_raw = column("agreement_kind")
    index = kind_raw.index
    values: dict[str, pd.Series] = {}
    codes: dict[str, pd.Series] = {}
    kinds = [kind_of(v, headings.get("agreement_kind")) for v in kind_raw.tolist()]
    values["agreement_kind"] = pd.Series([k for k, _ in kinds], index=index, dtype=object)
    codes["agreement_kind"] = pd.Series([c for _, c in kinds], index=index, dtype=object)
    for name in TEXT_FIELDS:
        values[name] = pd.Series([text_of(v) for v in column(name).tolist()], index=index, dtype=object)
    # A kind cell that also gives the number and the dates («Договор № 15 от 01.02.2021») fills them.
    written = [(number_in(v), *dates_in(v)) if isinstance(v, str) else (None, None, None) for v in kind_raw]
    values["agreement_number"] = values["agreement_number"].fillna(
        pd.Series([w[0] for w in written], index=index, dtype=object))
    signed = [date_of(v) for v in column("agreement_signed").tolist()]
    signed_days = [d if d is not None else w[1] for (d, _), w in zip(signed, written, strict=True)]
    until = [date_of(v, until=True, signed=s) for v, s in zip(column("agreement_until").tolist(), signed_days,
                                                                strict=True)]
    values["agreement_signed"] = pd.Series(signed_days, index=index, dtype=object)
    values["agreement_until"] = pd.Series([d if d is not None else w[2] for (d, _), w in zip(until, written,
                                                                                              strict=True)],
                                          index=index, dtype=object)
    codes["agreement_signed"] = pd.Series([c for _, c in signed], index=index, dtype=object)
    codes["agreement_until"] = pd.Series([c for _, c in until], index=index, dtype=object)
    return values, codes


def register_row(partners: pd.DataFrame, key: str) -> dict[str, object]:
    """A partner's register values (field -> value, dates as dates; missing ones left out), by its name's key."""
    from partnerlib.values import normalise_name

    names = partners["partner"].astype(object)
    keys = names.map(lambda n: None if n is None or n != n else normalise_name(n) or str(n).lower())
    rows = partners[(keys == key).to_numpy()]
    if rows.empty:
        return {}
    out = {}
    for field in model.REGISTER_FIELDS:
        value = rows.iloc[0][field]
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            continue
        out[field] = value.date() if isinstance(value, pd.Timestamp) else value
    return out


def register_lines(row: dict[str, object], lang: str = "ru") -> list[tuple[str, str]]:
    """A partner's register (see `register_row`) as (label, text) lines for its page: the agreement, the
    contact person, the librarian responsible, the website; a line with nothing to say is left out."""
    from partnerlib import i18n

    def day(name: str) -> str | None:
        value = row.get(name)
        return None if value is None else value.strftime("%d.%m.%Y")

    lines = []
    kind = row.get("agreement_kind")
    parts = [i18n.agreement_name(kind, lang) if kind else None,
             f"№ {row['agreement_number']}" if row.get("agreement_number") else None,
             i18n.t("register_signed", lang, date=day("agreement_signed")) if day("agreement_signed") else None,
             i18n.t("register_until", lang, date=day("agreement_until")) if day("agreement_until") else None]
    if any(parts):
        lines.append((i18n.column_label("agreement_kind", lang), " ".join(p for p in parts if p)))
    contact = [row.get(f) for f in ("contact_name", "contact_position", "contact_phone", "contact_email")]
    if any(contact):
        lines.append((i18n.column_label("contact_name", lang), ", ".join(str(c) for c in contact if c)))
    for name in ("responsible", "website"):
        if row.get(name):
            lines.append((i18n.column_label(name, lang), str(row[name])))
    return lines


def edit_values(values: dict[str, object]) -> dict[str, object]:
    """An edit's values as the store keeps them: kinds as keys, dates as dates, text trimmed, blanks as None.

    Raises:
        ValueError: a field that is not one of the register's, or a kind that is not one of the model's.
    """
    out: dict[str, object] = {}
    for name, value in values.items():
        if name not in model.REGISTER_FIELDS:
            raise ValueError(f"not a field of the register: {name}")
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            out[name] = None
        elif name == "agreement_kind":
            if value not in model.AGREEMENT_KINDS:
                raise ValueError(f"not an agreement kind: {value}")
            out[name] = value
        elif name in DATE_FIELDS:
            out[name] = pd.Timestamp(value).date()
        else:
            out[name] = text_of(value)
    return out
