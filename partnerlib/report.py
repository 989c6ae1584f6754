"""Sections 4.1.1 (partners by category) and 4.1.2 (Table 15, examples) of the annual report, as .docx."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from partnerlib import fmt, form6nk, metrics
from partnerlib.categories import category_label, category_order
from partnerlib.i18n import t
from partnerlib.model import Dataset
from partnerlib.textfit import clean
from partnerlib.values import normalise_name

# Levels of the sub-groups of «Организации и учреждения», in the report's order.
UPPER_LEVELS = ("federal", "regional", "international")
LOCAL_LEVELS = ("municipal",)
# Column widths of Table 15 on A4 with 3 cm and 1.5 cm side margins (16.5 cm of text).
TABLE_WIDTHS_CM = (3.6, 4.7, 4.1, 4.1)
FONT = "Times New Roman"


def _x(key: str, lang: str) -> str:
    return t("report." + key, lang)


@dataclass(frozen=True)
class PartnerGroup:
    """One category of section 4.1.1: its label and its partners, in sub-groups (label or "", names)."""

    category: str
    label: str
    groups: tuple[tuple[str, tuple[str, ...]], ...]


def report_partners(ds: Dataset, year: int | None = None, lang: str = "ru") -> list[PartnerGroup]:
    """The partners of section 4.1.1, grouped by category in the taxonomy's order.

    Uses the partners register (`ds.partners`, with category and level), in its own order. With `year`,
    only the partners active that year (named by at least one of the year's events), plus those active
    partners the register lacks; without `year`, the whole register. «Организации и учреждения» are split
    by level into «Федеральные и региональные:» and «Местные:», as in the report template.
    """
    reg = ds.partners[["partner", "category", "level"]].copy()
    reg["partner"] = reg["partner"].map(clean)
    reg = reg[reg["partner"] != ""]
    reg["key"] = reg["partner"].map(normalise_name)
    reg = reg.drop_duplicates("key")
    if year is not None:
        active = metrics.partner_years(ds)
        active = active[active["year"] == int(year)]
        known = set(reg["key"])
        extra = active[~active["key"].isin(known)]
        reg = reg[reg["key"].isin(set(active["key"]))]
        if len(extra):
            extra = pd.DataFrame({"partner": extra["partner"].map(clean), "key": extra["key"],
                                  "category": extra["category"].where(extra["category"] != metrics.NO_CATEGORY),
                                  "level": None})
            reg = pd.concat([reg.astype(object), extra.astype(object)], ignore_index=True)
    reg["category"] = reg["category"].astype(object).where(reg["category"].notna(), metrics.NO_CATEGORY)
    reg["level"] = reg["level"].astype(object)
    present = set(reg["category"])
    order = category_order(present)
    out = []
    for cat in order:
        part = reg[reg["category"] == cat]
        if cat == "institutions":
            groups = []
            for label_key, levels in (("level_upper", UPPER_LEVELS), ("level_local", LOCAL_LEVELS)):
                names = tuple(part.loc[part["level"].isin(levels), "partner"])
                if names:
                    groups.append((_x(label_key, lang), names))
            unknown = tuple(part.loc[~part["level"].isin(UPPER_LEVELS + LOCAL_LEVELS), "partner"])
            if unknown:
                # Without any levels at all, no sub-heading is needed.
                groups.append((_x("level_unknown", lang) if groups else "", unknown))
        else:
            groups = [("", tuple(part["partner"]))]
        out.append(PartnerGroup(cat, _category_heading(cat, part, lang), tuple(groups)))
    return out


def _category_heading(cat: str, part: pd.DataFrame, lang: str) -> str:
    """The category as the report words it: «Местные органы власти» when all the authorities are local."""
    if cat == metrics.NO_CATEGORY:
        return t("no_category", lang)
    if cat == "authorities" and (part["level"].isna() | part["level"].isin(LOCAL_LEVELS)).all():
        return _x("local_authorities", lang)
    return clean(category_label(cat, lang))


def report_examples(ds: Dataset, year: int | None = None, lang: str = "ru",
                    chosen: dict[str, int] | None = None) -> pd.DataFrame:
    """Table 15: one example per category (`metrics.examples`), as the four columns of the report.

    Returns:
        category (key), heading (the category's label), partners (list of names), description,
        library_benefit, society_benefit (texts, "" when missing); one row per category.
    """
    ex = metrics.examples(ds, year, chosen)
    register = ds.partners.assign(category=ds.partners["category"].astype(object),
                                  level=ds.partners["level"].astype(object))
    rows = []
    for _, r in ex.iterrows():
        names = [clean(p) for p in (str(r["partners"]).split("; ") if pd.notna(r["partners"]) else [])]
        rows.append({
            "category": r["category"],
            "heading": _category_heading(r["category"], register[register["category"] == r["category"]], lang),
            "partners": [n for n in names if n],
            "description": clean(r["description"]) if pd.notna(r["description"]) else "",
            "library_benefit": clean(r["library_benefit"]) if pd.notna(r["library_benefit"]) else "",
            "society_benefit": clean(r["society_benefit"]) if pd.notna(r["society_benefit"]) else "",
        })
    return pd.DataFrame(rows, columns=["category", "heading", "partners", "description", "library_benefit",
                                       "society_benefit"])


def build_report(ds: Dataset, year: int | None = None, lang: str = "ru",
                 chosen: dict[str, int] | None = None, library: str | None = None) -> bytes:
    """Sections 4.1.1 and 4.1.2 of the annual report as .docx bytes, ready to paste and edit.

    4.1.1 «Партнеры библиотеки»: the partners register grouped by category (`report_partners`): the
    partners active in `year` when a year is given, the whole register when `year` is None.
    4.1.2 «Примеры сотрудничества»: «Таблица № 15» with one example per category
    (`metrics.examples(ds, year, chosen)`; all years when `year` is None).
    All text from the sheets is written as plain text runs: never a field or a formula. `library` (the
    name set on the Data page, with its city) heads the document when given.
    """
    doc = Document()
    _setup(doc, lang)
    if library and clean(library):
        doc.add_paragraph().add_run(clean(library)).bold = True
        doc.core_properties.title = f"{_x('doc_title', lang)} — {clean(library)}"
    _heading(doc, _x("partners_heading", lang))
    groups = report_partners(ds, year, lang)
    if not groups:
        doc.add_paragraph(_x("no_partners", lang))
    for group in groups:
        p = doc.add_paragraph(style="Category")
        p.add_run(group.label)
        for sub, names in group.groups:
            p = doc.add_paragraph()
            if sub:
                p.add_run(sub + " ").italic = True
            p.add_run(", ".join(names) + ".")
    _heading(doc, _x("examples_heading", lang))
    caption = doc.add_paragraph(_x("table_caption", lang))
    caption.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    caption.paragraph_format.keep_with_next = True  # «Таблица № 15» never ends a page without its table
    _examples_table(doc, report_examples(ds, year, lang, chosen), lang)
    _form6nk_section(doc, ds, year, lang)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _setup(doc, lang: str) -> None:
    """A4, the margins of Russian reports, Times New Roman 12, headings in black."""
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2)
    language = "ru-RU" if lang == "ru" else "en-GB"
    normal = doc.styles["Normal"]
    _font(normal, 12, language)
    normal.paragraph_format.space_after = Pt(6)
    heading = doc.styles["Heading 2"]
    _font(heading, 14, language)
    heading.font.bold = True
    heading.font.italic = False
    heading.font.color.rgb = RGBColor(0, 0, 0)
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.space_after = Pt(6)
    category = doc.styles.add_style("Category", WD_STYLE_TYPE.PARAGRAPH)
    category.base_style = normal
    category.font.bold = True
    category.paragraph_format.space_before = Pt(6)
    category.paragraph_format.space_after = Pt(2)
    category.paragraph_format.keep_with_next = True
    doc.core_properties.title = _x("doc_title", lang)
    doc.core_properties.language = language


def _font(style, size: float, language: str) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    # Theme font attributes win over named fonts in Word: drop them, and name the font for every script.
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        rpr.append(lang_el)
    lang_el.set(qn("w:val"), language)


def _heading(doc, text: str) -> None:
    doc.add_paragraph(text, style="Heading 2")


def _examples_table(doc, examples: pd.DataFrame, lang: str) -> None:
    heads = [_x(k, lang) for k in ("col_who", "col_description", "col_library_benefit", "col_society_benefit")]
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _repeat_header(table.rows[0])
    if examples.empty:
        row = table.add_row().cells
        row[0].paragraphs[0].add_run(_x("no_examples", lang))
    for r in examples.itertuples(index=False):
        cells = table.add_row().cells
        first = cells[0].paragraphs[0]
        first.add_run(r.heading).bold = True
        for name in r.partners:
            cells[0].add_paragraph(name)
        for cell, text in zip(cells[1:], (r.description, r.library_benefit, r.society_benefit), strict=True):
            lines = text.split("\n") if text else [""]
            cell.paragraphs[0].add_run(lines[0])
            for line in lines[1:]:
                cell.add_paragraph(line)
    # Word reads the cells' widths, LibreOffice the grid's: set both.
    for column, width in zip(table.columns, TABLE_WIDTHS_CM, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, TABLE_WIDTHS_CM, strict=True):
            cell.width = Cm(width)
            for p in cell.paragraphs:
                p.paragraph_format.space_after = Pt(2)
                for run in p.runs:
                    run.font.size = Pt(11)


FORM_YEARS = 5  # the years of the 6-НК table of a report over all years: the last ones


def _form6nk_section(doc, ds: Dataset, year: int | None, lang: str) -> None:
    """The partnership events in the lines of form 6-НК (`form6nk.lines`, the form's wording quoted): the
    year's column (with the year before when there is one), or the last FORM_YEARS years; then the note that
    these are the events held with partners, not the library's whole form."""
    _heading(doc, t("form6nk.header", lang))
    frame = form6nk.table(ds, None if year is None else (int(year) - 1, int(year)))
    years = [int(y) for y in frame["year"]][-FORM_YEARS:]
    lines = form6nk.lines(frame, lang, years)
    table = doc.add_table(rows=1, cols=1 + len(years))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, [t("col_line", lang), *map(str, years)], strict=True):
        cell.paragraphs[0].add_run(text).bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _repeat_header(table.rows[0])
    for row in lines.itertuples(index=False):
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(row[0])
        for cell, value in zip(cells[1:], row[1:], strict=True):
            cell.paragraphs[0].add_run(fmt.number(int(value), lang))
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph(form6nk.note(frame, lang))


def _repeat_header(row) -> None:
    """Repeat the header row on every page the table runs over."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)
