"""The round-table slide deck: an editable 16:9 PowerPoint file with native charts, built from a Dataset."""

from __future__ import annotations

import io
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt
from xlsxwriter import Workbook as XlsxWorkbook

from partnerlib import charts, fmt, metrics, model, narrative
from partnerlib.i18n import category_name, format_label, t
from partnerlib.model import FORMATS, Dataset
from partnerlib.textfit import (
    Para,
    clean,
    fit_size,
    fits,
    line_count,
    paginate,
    pt,
    text_width,
    truncate,
)

# ---------------------------------------------------------------- texts and numbers

# Russian number formats for chart values: a space between thousands, whatever the viewer's locale.
# A literal space groups one thousand only, so millions need the longer code.
# Data labels leave zeros out (an empty third section), so that a stacked column shows no "0" labels.
NUMBER_FORMAT = "# ##0"
LABEL_FORMAT = "# ##0;-# ##0;"
NUMBER_FORMAT_MILLIONS = "# ### ##0"
LABEL_FORMAT_MILLIONS = "# ### ##0;-# ### ##0;"


# English groups thousands with a comma (`1,200`), whatever the largest value.
NUMBER_FORMAT_EN = "#,##0"
LABEL_FORMAT_EN = "#,##0;-#,##0;"


def number_formats(largest: float, lang: str = "ru") -> tuple[str, str]:
    """The value-axis and data-label number formats for values up to `largest`, grouped as `lang` groups."""
    if lang != "ru":
        return NUMBER_FORMAT_EN, LABEL_FORMAT_EN
    if largest >= 1_000_000:
        return NUMBER_FORMAT_MILLIONS, LABEL_FORMAT_MILLIONS
    return NUMBER_FORMAT, LABEL_FORMAT


def _x(key: str, lang: str, **params) -> str:
    return t("deck." + key, lang, **params)


def _label(category, lang: str) -> str:
    """A category's label; a category of the sheet's own is shown as written, less control characters."""
    return clean(category_name(category, lang))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------- geometry (EMU)

SLIDE_W = Emu(12192000)  # 13.333 in: 16:9
SLIDE_H = Emu(6858000)  # 7.5 in
MARGIN_X = Inches(0.6)
CONTENT_W = Emu(SLIDE_W - 2 * MARGIN_X)
TITLE_TOP = Inches(0.3)
TITLE_H = Inches(0.95)
RULE_TOP = Inches(1.3)
RULE_H = Inches(0.04)
BODY_TOP = Inches(1.5)
FOOTER_H = Inches(0.32)
FOOTER_TOP = Emu(SLIDE_H - Inches(0.42))
BODY_BOTTOM = Emu(FOOTER_TOP - Inches(0.08))
BODY_H = Emu(BODY_BOTTOM - BODY_TOP)
GAP = Inches(0.25)
# Inner margins of every text box: explicit, so the estimate and the renderer agree.
PAD_X = Inches(0.08)
PAD_Y = Inches(0.05)

# Font sizes in points: the largest tried first, never below the smallest (split the slide instead).
TITLE_SIZES = (32, 20)
BODY_SIZES = (18, 12)
SPLIT_SIZE = 14
# An example longer than this many slides is cut short on the slides (never in the report).
MAX_EXAMPLE_SLIDES = 3
TABLE_SIZES = (18, 12)
CLOSING_SIZES = (26, 14)
LABEL_SIZES = (12, 10, 9)
FOOTER_SIZE = 10

DARK = RGBColor(0x1F, 0x2A, 0x44)
ACCENT = RGBColor(0x2F, 0x55, 0x97)
MUTED = RGBColor(0x59, 0x63, 0x73)
CARD_FILL = RGBColor(0xEE, 0xF2, 0xF8)
CARD_LINE = RGBColor(0xC9, 0xD3, 0xE6)

# Example slides: the header (partners, event) and the three text columns below it.
EX_HEADER_H = Inches(1.05)
EX_HEAD_H = Inches(0.45)
EX_COL_TOP = Emu(BODY_TOP + EX_HEADER_H + Inches(0.12))
EX_COL_W = Emu((CONTENT_W - 2 * GAP) // 3)
EX_BODY_TOP = Emu(EX_COL_TOP + EX_HEAD_H)
EX_BODY_H = Emu(BODY_BOTTOM - EX_BODY_TOP)
EX_COLUMNS = ("description", "library_benefit", "society_benefit")

# New partners table: partner, category, events; widths as shares of the content width.
TABLE_SHARES = (0.60, 0.25, 0.15)
CELL_PAD_X = Inches(0.08)
CELL_PAD_Y = Inches(0.04)


def _inner_w(width: int) -> float:
    """The text width of a box, in points."""
    return pt(width - 2 * PAD_X)


def _inner_h(height: int) -> float:
    return pt(height - 2 * PAD_Y)


# ---------------------------------------------------------------- the plan

@dataclass
class _Slide:
    kind: str
    title: str
    data: dict = field(default_factory=dict)


@dataclass
class _Context:
    lang: str
    year: int | None
    years_range: tuple[int, int] | None
    library: str
    period: str


def build_deck(
    ds: Dataset,
    year: int | None = None,
    lang: str = "ru",
    library: str | None = None,
    chosen: dict[str, int] | None = None,
) -> bytes:
    """The round-table deck as .pptx bytes: 16:9, editable, native charts, Russian number formats.

    Slides: title; key figures of `year` against the year before; partners by category, event formats,
    participants and views (two charts, never summed) across the years up to `year`; new partners of
    `year`; one example of cooperation per category (`metrics.examples`); the sentences of
    `narrative.insights`. Long lists and texts shrink to fit and continue on a second slide.

    Args:
        ds: the data, already filtered as on screen (`metrics.filter_dataset`).
        year: the year of the key figures, examples and closing slide; None: the latest year with events.
        lang: "ru" (default) or "en".
        library: the library's name for the title slide; None: taken from the events' `library` column.
        chosen: category -> event_id of the example to show instead of the default (largest reach).
    """
    ctx, slides = _plan(ds, year, lang, library, chosen)
    prs = _presentation()
    for spec in slides:
        _RENDER[spec.kind](prs, spec, ctx)
    prs.core_properties.title = f"{_x('deck_title', lang)} — {ctx.library}"
    prs.core_properties.language = "ru-RU" if lang == "ru" else "en-GB"
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def deck_outline(
    ds: Dataset, year: int | None = None, lang: str = "ru", chosen: dict[str, int] | None = None,
    library: str | None = None,
) -> list[str]:
    """The titles of the slides `build_deck` makes with the same arguments, in order (for a preview)."""
    _, slides = _plan(ds, year, lang, library, chosen)
    return [s.title for s in slides]


def library_name(ds: Dataset, lang: str = "ru") -> str:
    """The library named in the events (several joined by commas), else in the register, else «Библиотека»."""
    for frame in (ds.events, ds.partners):
        names = [clean(n) for n in pd.unique(frame["library"].dropna().astype(str))]
        names = [n for n in names if n]
        if names:
            return ", ".join(sorted(names))
    return _x("library", lang)


def _plan(ds: Dataset, year, lang: str, library: str | None, chosen) -> tuple[_Context, list[_Slide]]:
    all_years = metrics.years(ds)
    if year is None and all_years:
        year = all_years[-1]
    year = int(year) if year is not None else None
    # The charts across the years stop at the chosen year: a deck about 2020 does not show 2021.
    shown = [y for y in all_years if year is None or y <= year]
    years_range = (shown[0], shown[-1]) if shown else None
    if years_range is None:
        period = str(year) if year is not None else ""
    elif years_range[0] == years_range[1]:
        period = str(years_range[0])
    else:
        period = f"{years_range[0]}–{years_range[1]}"
    ctx = _Context(lang, year, years_range, clean(library) if library else library_name(ds, lang), period)

    slides = [_Slide("title", _x("deck_title", lang))]
    if year is None or not shown:
        slides.append(_Slide("empty", _x("no_data", lang)))
        return ctx, slides
    kpis = metrics.kpis(ds, year)
    new = _plan_new_partners(metrics.new_partners(ds, year), year, lang,
                             metrics.new_partners_unknown(kpis["new_partners"]))
    # No new partners (or no year before to tell them by): a line under the key figures, not a slide of it.
    note = new.pop().data["text"] if new and new[-1].kind == "message" else None
    slides.append(_Slide("kpis", t("kpi_header", lang, year=year), {"kpis": kpis, "note": note}))
    slides.append(_Slide("partners_chart", t("chart_partners_by_category", lang),
                         {"table": metrics.partners_by_category(ds, years_range)}))
    slides.append(_Slide("formats_chart", t("chart_formats", lang),
                         {"table": metrics.formats_by_year(ds, years_range)}))
    slides.append(_Slide("reach_chart", t("chart_reach", lang), {"table": metrics.reach_by_year(ds, years_range)}))
    slides.extend(new)
    for _, row in metrics.examples(ds, year, chosen).iterrows():
        slides.extend(_plan_example(row, lang, ds, year))
    slides.extend(_plan_closing(narrative.insights(ds, year, lang), year, lang))
    return ctx, slides


# ---------------------------------------------------------------- planning the text-heavy slides

def _table_widths() -> list[int]:
    widths = [int(CONTENT_W * s) for s in TABLE_SHARES]
    widths[-1] = CONTENT_W - sum(widths[:-1])
    return widths


def _row_height(cells: Sequence[str], size: float, bold: bool = False) -> float:
    """The height of a table row whose cells hold `cells` at `size`, in points (with cell margins)."""
    lines = max(line_count(c, pt(w - 2 * CELL_PAD_X), size, bold) for c, w in zip(cells, _table_widths(),
                                                                                   strict=True))
    return lines * size * 1.22 + pt(2 * CELL_PAD_Y)


def _plan_new_partners(table: pd.DataFrame, year: int, lang: str, unknown: bool = False) -> list[_Slide]:
    title = _x("new_partners_title", lang, year=year)
    if unknown:
        return [_Slide("message", title, {"text": _x("new_partners_unknown", lang, year=year, previous=year - 1)})]
    if table.empty:
        return [_Slide("message", title, {"text": _x("no_new_partners", lang, year=year)})]
    header = [t("col_partner", lang), t("col_category", lang), t("col_events", lang)]
    rows = [[clean(r.partner), _label(r.category, lang), fmt.number(r.events, lang)]
            for r in table.itertuples(index=False)]
    room = pt(BODY_H)

    def total(size: float) -> float:
        return _row_height(header, size, True) + sum(_row_height(r, size) for r in rows)

    size = next((s for s in range(TABLE_SIZES[0], TABLE_SIZES[1] - 1, -1) if total(s) <= room), None)
    if size is not None:
        return [_Slide("table", title, {"header": header, "rows": rows, "size": size})]
    # Too many for one slide even in small type: continue on more slides, in readable type.
    size = SPLIT_SIZE
    name_w = pt(_table_widths()[0] - 2 * CELL_PAD_X)
    max_lines = int((room - _row_height(header, size, True) - pt(2 * CELL_PAD_Y)) // (size * 1.22))
    rows = [[truncate(r[0], name_w, size, max_lines), *r[1:]] for r in rows]
    pages: list[list[list[str]]] = [[]]
    used = _row_height(header, size, True)
    for r in rows:
        h = _row_height(r, size)
        if used + h > room and pages[-1]:
            pages.append([])
            used = _row_height(header, size, True)
        pages[-1].append(r)
        used += h
    return [_Slide("table", title if i == 0 else f"{title} {_x('continued', lang)}",
                   {"header": header, "rows": page, "size": size}) for i, page in enumerate(pages)]


def _example_header(row: pd.Series, lang: str) -> tuple[list[str], str]:
    """The partners of an example and its one-line description (title, date, format, platform, counts)."""
    partners = [clean(p) for p in str(row["partners"] if pd.notna(row["partners"]) else "").split("; ")]
    partners = [p for p in partners if p]
    facts = []
    if pd.notna(row.get("title")) and clean(row["title"]):
        facts.append(clean(row["title"]))
    if pd.notna(row.get("date")):
        facts.append(fmt.date(row["date"], lang))
    elif pd.notna(row.get("year")):
        facts.append(str(int(row["year"])))
    if pd.notna(row.get("format")) and row["format"] != "unknown":
        facts.append(format_label(row["format"], lang))
    if pd.notna(row.get("platform")) and clean(row["platform"]):
        facts.append(clean(row["platform"]))
    if pd.notna(row.get("participants")):
        facts.append(_x("participants_n", lang, n=fmt.number(row["participants"], lang)))
    if pd.notna(row.get("views")):
        facts.append(_x("views_n", lang, n=fmt.number(row["views"], lang)))
    return partners, " · ".join(facts)


def _header_paras(partners: list[str], facts: str, lang: str) -> list[Para]:
    """The example header's two paragraphs, at the largest size that fits; partners cut to «и ещё N»."""
    width, height = _inner_w(CONTENT_W), _inner_h(EX_HEADER_H)

    def make(names: list[str], rest: int, size: float) -> list[Para]:
        who = ", ".join(names) + (f" {_x('and_more', lang, n=rest)}" if rest else "")
        return [Para(who or "—", size, True, size * 0.2), Para(facts or "—", size - 2)]

    for size in range(20, 13, -1):
        if fits(make(partners, 0, size), width, height):
            return make(partners, 0, size)
    # Still too long in 14 pt: one line for the event, the rest for as many partners as fit.
    size = 14
    facts = truncate(facts, width, size - 2, 1)
    for keep in range(len(partners), 0, -1):
        paras = make(partners[:keep], len(partners) - keep, size)
        if fits(paras, width, height):
            return paras
    room = height - (size - 2) * 1.22 - size * 0.2
    first = truncate(partners[0], width, size, max(1, int(room // (size * 1.22)) - 1), True)
    return make([first], len(partners) - 1, size)


def _column_paras(texts: list[list[str]], size: float) -> list[list[Para]]:
    return [[Para(p, size, False, size * 0.35) for p in col] for col in texts]


def _example_col_w(n: int) -> int:
    """The width of one of `n` text columns of an example slide."""
    return Emu((CONTENT_W - (n - 1) * GAP) // n)


def _plan_example(row: pd.Series, lang: str, ds: Dataset | None = None, year: int | None = None) -> list[_Slide]:
    """An example's slide: its partners and facts, then the texts the sheet gives (description, benefits),
    one column each. An example without any text shows the partner's events of the year instead."""
    category = _label(row["category"], lang)
    title = _x("examples_title", lang, category=category)
    partners, facts = _example_header(row, lang)
    header = _header_paras(partners, facts, lang)
    heads_all = {"description": t("col_description", lang), "library_benefit": t("col_library_benefit", lang),
                 "society_benefit": t("col_society_benefit", lang)}
    given = [(c, [p for p in clean(row[c] if pd.notna(row[c]) else "").split("\n") if p]) for c in EX_COLUMNS]
    given = [(c, paras) for c, paras in given if paras]
    if not given:
        return [_plan_partner_events(row, partners, header, title, lang, ds, year)]
    columns = [paras for _, paras in given]
    heads = [heads_all[c] for c, _ in given]
    width, height = _inner_w(_example_col_w(len(columns))), _inner_h(EX_BODY_H)
    size = None
    for s in range(BODY_SIZES[0], BODY_SIZES[1] - 1, -1):
        if all(fits(col, width, height) for col in _column_paras(columns, s)):
            size = s
            break
    if size is not None:
        return [_Slide("example", title, {"header": header, "heads": heads, "columns": columns, "size": size})]
    # An overlong example: split each column over as many slides as the longest needs.
    size = SPLIT_SIZE
    pages = [paginate(col, width, height, size, False, size * 0.35) for col in columns]
    pages = [_cap_pages(p, width, size) for p in pages]
    n = max(len(p) for p in pages)
    slides = []
    for i in range(n):
        part = [p[i] if i < len(p) else [] for p in pages]
        slides.append(_Slide("example", title if i == 0 else f"{title} {_x('continued', lang)}",
                             {"header": header, "heads": heads, "columns": part, "size": size}))
    return slides


EX_EVENTS_MAX = 8  # rows of the partner's events on an example slide without texts


def _plan_partner_events(row: pd.Series, partners: list[str], header: list[Para], title: str, lang: str,
                         ds: Dataset | None, year: int | None) -> _Slide:
    """The example slide of an event the sheet describes with no text: the (first) partner's events of the
    year — date, title, participants — and a small chart of them by month."""
    events = pd.DataFrame()
    if ds is not None and partners:
        links = ds.event_partners
        ids = links.loc[links["partner"].astype(str).map(clean) == partners[0], "event_id"]
        events = ds.events[ds.events["event_id"].isin(ids)]
        if year is not None:
            events = events[events["year"] == year]
    if events.empty:  # the event alone (no partner named, or a dataset not given)
        events = row.to_frame().T
    events = events.sort_values(["date", "event_id"], na_position="first") if "event_id" in events else events
    rows = []
    for e in events.head(EX_EVENTS_MAX).itertuples(index=False):
        when = fmt.date(e.date, lang) if pd.notna(e.date) else (str(int(e.year)) if pd.notna(e.year) else "")
        count = e.participants if pd.notna(e.participants) else e.views
        rows.append([when, clean(e.title) if pd.notna(e.title) else "",
                     fmt.number(count, lang) if pd.notna(count) else ""])
    dates = pd.to_datetime(events["date"], errors="coerce")
    months = dates.dt.month.dropna().astype(int).value_counts().reindex(range(1, 13), fill_value=0)
    return _Slide("example_events", title, {
        "header": header, "rows": rows, "more": max(0, len(events) - EX_EVENTS_MAX),
        "heads": [t("col_date", lang), t("col_title", lang), t("col_participants", lang)],
        "months": [fmt.month_name(m, lang, short=True) for m in range(1, 13)], "counts": months.tolist(),
        "events_title": _x("partner_events", lang, n=fmt.number(len(events), lang)),
    })


def _cap_pages(pages: list[list[str]], width: float, size: float) -> list[list[str]]:
    """At most MAX_EXAMPLE_SLIDES pages; a text cut short ends with "…" (the report keeps it whole)."""
    if len(pages) <= MAX_EXAMPLE_SLIDES:
        return pages
    kept = [list(p) for p in pages[:MAX_EXAMPLE_SLIDES]]
    last = kept[-1][-1]
    lines = line_count(last, width, size)
    candidate = last.rstrip(" .,;:") + " …"
    kept[-1][-1] = candidate if line_count(candidate, width, size) <= lines else truncate(candidate, width, size,
                                                                                          lines)
    return kept


def _plan_closing(sentences: list[str], year: int, lang: str) -> list[_Slide]:
    if not sentences:
        return []
    title = _x("closing_title", lang, year=year)
    sentences = [clean(s) for s in sentences]
    width, height = _inner_w(CONTENT_W), _inner_h(BODY_H)

    def make(size: float, items: Sequence[str]) -> list[Para]:
        return [Para(s, size, False, size * 0.5, pt(_bullet_indent(size))) for s in items]

    size = fit_size(lambda s: make(s, sentences), width, height, *CLOSING_SIZES)
    if size is not None:
        return [_Slide("closing", title, {"sentences": sentences, "size": size})]
    size = CLOSING_SIZES[1]
    pages: list[list[str]] = [[]]
    for s in sentences:
        s = truncate(s, width - pt(_bullet_indent(size)), size, int(height // (size * 1.22)) - 1)
        if pages[-1] and not fits(make(size, [*pages[-1], s]), width, height):
            pages.append([])
        pages[-1].append(s)
    return [_Slide("closing", title if i == 0 else f"{title} {_x('continued', lang)}",
                   {"sentences": p, "size": size}) for i, p in enumerate(pages)]


def _bullet_indent(size: float) -> int:
    return int(Pt(size * 1.1))


# ---------------------------------------------------------------- the presentation and its shapes

def _presentation() -> Presentation:
    """An empty 16:9 presentation whose master and layouts are widened to match."""
    prs = Presentation()
    scale = SLIDE_W / prs.slide_width
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    # The default template is 4:3: stretch its placeholders so that slides the user adds look right too.
    for holder in [prs.slide_master, *prs.slide_layouts]:
        for ph in holder.placeholders:
            if ph.left is not None and ph.width is not None:
                ph.left, ph.width = Emu(int(ph.left * scale)), Emu(int(ph.width * scale))
    return prs


def _setup_frame(tf, anchor=MSO_ANCHOR.TOP) -> None:
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.margin_left = tf.margin_right = PAD_X
    tf.margin_top = tf.margin_bottom = PAD_Y
    tf.vertical_anchor = anchor


def _write(tf, paras: Sequence[Para], color: RGBColor = DARK, align=None, bullet: bool = False) -> None:
    """Write paragraphs into an empty text frame: one run each, its size set, text as plain text."""
    for i, para in enumerate(paras):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        _fill(p, para, color, align)
        if bullet:
            _bullet(p, para.indent)


def _fill(p, para: Para, color: RGBColor, align=None) -> None:
    """One run of plain text in paragraph `p`, with the paragraph's size, weight, colour and spacing."""
    run = p.add_run()
    run.text = para.text  # a run's text is never a field or a formula, whatever it starts with
    run.font.size = Pt(para.size)
    run.font.bold = para.bold
    run.font.color.rgb = color
    if para.space_after:
        p.space_after = Pt(para.space_after)
    if align is not None:
        p.alignment = align


def _bullet(p, indent_pt: float) -> None:
    ppr = p._p.get_or_add_pPr()
    indent = int(Pt(indent_pt))
    ppr.set("marL", str(indent))
    ppr.set("indent", str(-indent))
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum"):
        for el in ppr.findall(qn(tag)):
            ppr.remove(el)
    bu = ppr.makeelement(qn("a:buChar"), {"char": "•"})
    ppr.append(bu)


def _textbox(slide, x, y, w, h, paras: Sequence[Para], color=DARK, align=None, anchor=MSO_ANCHOR.TOP,
             bullet: bool = False):
    box = slide.shapes.add_textbox(x, y, w, h)
    _setup_frame(box.text_frame, anchor)
    _write(box.text_frame, paras, color, align, bullet)
    return box


def _slide_title(slide, text: str) -> None:
    ph = slide.shapes.title
    ph.left, ph.top, ph.width, ph.height = MARGIN_X, TITLE_TOP, CONTENT_W, TITLE_H
    tf = ph.text_frame
    _setup_frame(tf, MSO_ANCHOR.MIDDLE)
    width, height = _inner_w(CONTENT_W), _inner_h(TITLE_H)
    size = fit_size(lambda s: [Para(text, s)], width, height, *TITLE_SIZES)
    if size is None:
        size = TITLE_SIZES[1]
        text = truncate(text, width, size, int(height // (size * 1.22)))
    tf.clear()
    _write(tf, [Para(text, size)], DARK, PP_ALIGN.LEFT)


def _content_slide(prs, title: str, ctx: _Context):
    """A slide with its title, a rule under it and the footer (library · period)."""
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only"
    _slide_title(slide, title)
    rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, MARGIN_X, RULE_TOP, CONTENT_W, RULE_H)
    rule.fill.solid()
    rule.fill.fore_color.rgb = ACCENT
    rule.line.fill.background()
    rule.shadow.inherit = False
    footer = " · ".join(x for x in (ctx.library, ctx.period) if x)
    width = _inner_w(CONTENT_W)
    footer = truncate(footer, width, FOOTER_SIZE, 1)
    _textbox(slide, MARGIN_X, FOOTER_TOP, CONTENT_W, FOOTER_H, [Para(footer, FOOTER_SIZE)], MUTED)
    return slide


# ---------------------------------------------------------------- rendering each kind of slide

def _render_title(prs, spec: _Slide, ctx: _Context) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    title.left, title.top, title.width, title.height = MARGIN_X, Inches(1.7), CONTENT_W, Inches(1.5)
    _setup_frame(title.text_frame, MSO_ANCHOR.BOTTOM)
    _write(title.text_frame, [Para(spec.title, 48, True)], DARK, PP_ALIGN.CENTER)
    sub_h = Inches(2.6)
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = MARGIN_X, Inches(3.5), CONTENT_W, sub_h
    _setup_frame(subtitle.text_frame)
    width, height = _inner_w(CONTENT_W), _inner_h(sub_h)
    period = ctx.period

    def make(size: float, name: str) -> list[Para]:
        return [Para(name, size, False, size * 0.5), Para(period, 24, True)] if period else [Para(name, size)]

    name = ctx.library
    size = fit_size(lambda s: make(s, name), width, height, 28, 14)
    if size is None:
        size = 14
        room = height - (24 * 1.22 if period else 0) - size * 0.5
        name = truncate(name, width, size, int(room // (size * 1.22)))
    _write(subtitle.text_frame, make(size, name), MUTED, PP_ALIGN.CENTER)


def _render_empty(prs, spec: _Slide, ctx: _Context) -> None:
    slide = _content_slide(prs, spec.title, ctx)
    text = truncate(t("empty_state", ctx.lang), _inner_w(CONTENT_W), 20, 2)
    _textbox(slide, MARGIN_X, BODY_TOP, CONTENT_W, Inches(1), [Para(text, 20)])


def _render_message(prs, spec: _Slide, ctx: _Context) -> None:
    slide = _content_slide(prs, spec.title, ctx)
    text = truncate(clean(spec.data["text"]), _inner_w(CONTENT_W), 20, 2)
    _textbox(slide, MARGIN_X, BODY_TOP, CONTENT_W, Inches(1), [Para(text, 20)])


def _change_text(name: str, entry: dict, year: int, lang: str) -> str:
    if name == "new_partners" and entry.get("unknown"):
        return t("no_previous_year", lang)
    if model.MEASURE[name].change == "points":
        change = entry.get("change_pp")
        if change is not None:
            sign = "+" if change > 0 else ("−" if change < 0 else "")
            return f"{sign}{fmt.number(abs(change), lang, 1)} {t('pp', lang)} {t('vs_previous', lang, year=year - 1)}"
    elif entry.get("change_pct") is not None:
        return f"{fmt.signed_percent(entry['change_pct'], lang, 0)} {t('vs_previous', lang, year=year - 1)}"
    if entry.get("previous") is None:
        return _x("no_previous", lang, year=year - 1)
    return _x("was", lang, year=year - 1, value=_kpi_value(name, entry["previous"], lang))


def _kpi_value(name: str, value, lang: str) -> str:
    if model.MEASURE[name].unit == "share":
        return fmt.percent(value, lang, 1)
    return fmt.number(value, lang)


def _render_kpis(prs, spec: _Slide, ctx: _Context) -> None:
    slide = _content_slide(prs, spec.title, ctx)
    kpis, note = spec.data["kpis"], spec.data.get("note")
    cols, rows = 3, 2
    note_h = Inches(0.5) if note else 0
    card_w = Emu((CONTENT_W - (cols - 1) * GAP) // cols)
    card_h = Emu((BODY_H - Inches(0.1) - note_h - (rows - 1) * GAP) // rows)
    if note:
        text = truncate(note, _inner_w(CONTENT_W), 16, 1)
        _textbox(slide, MARGIN_X, Emu(BODY_BOTTOM - note_h), CONTENT_W, note_h, [Para(text, 16)], MUTED,
                 anchor=MSO_ANCHOR.BOTTOM)
    for i, name in enumerate(metrics.KPI_NAMES):
        r, c = divmod(i, cols)
        x = Emu(MARGIN_X + c * (card_w + GAP))
        y = Emu(BODY_TOP + Inches(0.1) + r * (card_h + GAP))
        card = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, x, y, card_w, card_h)
        card.adjustments[0] = 0.08
        card.fill.solid()
        card.fill.fore_color.rgb = CARD_FILL
        card.line.color.rgb = CARD_LINE
        card.shadow.inherit = False
        entry = kpis[name]
        value = _kpi_value(name, entry["value"], ctx.lang)
        if name == "new_partners" and metrics.new_partners_unknown(entry):
            value = "—"
        texts = (t(name, ctx.lang), value, _change_text(name, entry, ctx.year, ctx.lang))
        width, height = _inner_w(card_w), _inner_h(card_h)
        size = fit_size(lambda s, texts=texts: _card_paras(texts, s), width, height, 20, 10) or 10
        paras = _card_paras(texts, size)
        if not fits(paras, width, height):
            paras = [Para(truncate(p.text, width, p.size, 1, p.bold), p.size, p.bold, p.space_after)
                     for p in paras]
        tf = card.text_frame
        _setup_frame(tf, MSO_ANCHOR.MIDDLE)
        _write(tf, paras[:1], MUTED, PP_ALIGN.CENTER)
        value_p, change_p = paras[1], paras[2]
        _append(tf, value_p, ACCENT, PP_ALIGN.CENTER)
        _append(tf, change_p, MUTED, PP_ALIGN.CENTER)


def _card_paras(texts: tuple[str, str, str], size: float) -> list[Para]:
    label, value, change = texts
    return [Para(label, size, False, size * 0.3), Para(value, size * 2.2, True, size * 0.3), Para(change, size * 0.8)]


def _append(tf, para: Para, color: RGBColor, align=None) -> None:
    _fill(tf.add_paragraph(), para, color, align)


class _TextSafeWorkbookWriter(CategoryWorkbookWriter):
    """The chart's embedded workbook, with every label written as text.

    XlsxWriter turns a string beginning with "=" into a formula by default; a category or series name
    comes from the user's sheet and must stay text.
    """

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        workbook = XlsxWorkbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class TextSafeChartData(CategoryChartData):
    """`CategoryChartData` whose embedded workbook keeps labels as text (see `_TextSafeWorkbookWriter`)."""

    @property
    def _workbook_writer(self):
        writer = self.__dict__.get("_safe_writer")
        if writer is None:
            writer = self.__dict__["_safe_writer"] = _TextSafeWorkbookWriter(self)
        return writer


def _add_chart(slide, kind, x, y, w, h, categories: list[str], series: list[tuple[str, list]],
               legend: bool, title: str | None = None, stacked: bool = False, lang: str = "ru",
               colors: Sequence[str] | None = None):
    """A native chart; `colors` (hex, one per series) are the dashboard's colours of its series."""
    values = [v for _, vals in series for v in vals]
    # Stacked columns reach the sum of their series; the axis must format that too.
    top = max([0, *[sum(col) for col in zip(*(v for _, v in series), strict=True)]]) if stacked else max([0, *values])
    axis_format, label_format = number_formats(top, lang)
    data = TextSafeChartData(number_format=axis_format)
    data.categories = categories
    for name, values in series:
        data.add_series(name, values)
    chart = slide.shapes.add_chart(kind, x, y, w, h, data).chart
    chart.font.size = Pt(12)
    chart.font.color.rgb = DARK
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(12)
    if title:
        chart.has_title = True
        tf = chart.chart_title.text_frame
        tf.text = title
        tf.paragraphs[0].runs[0].font.size = Pt(16)
        tf.paragraphs[0].runs[0].font.bold = True
    else:
        chart.has_title = False
    axis = chart.value_axis
    axis.has_major_gridlines = True
    axis.tick_labels.number_format = axis_format
    axis.tick_labels.number_format_is_linked = False
    axis.tick_labels.font.size = Pt(11)
    chart.category_axis.tick_labels.font.size = Pt(12)
    plot = chart.plots[0]
    for one, color in zip(plot.series, colors or [], strict=False):
        one.format.fill.solid()
        one.format.fill.fore_color.rgb = RGBColor.from_string(color.lstrip("#").upper())
    plot.gap_width = 60
    if stacked:
        plot.overlap = 100
    size = _label_size(values, w, len(categories), stacked)
    if size is None:
        return chart  # the values would overlap: the value axis says enough
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = label_format
    labels.number_format_is_linked = False
    labels.font.size = Pt(size)
    labels.position = XL_LABEL_POSITION.CENTER if stacked else XL_LABEL_POSITION.OUTSIDE_END
    return chart


def _label_size(values: list, chart_w: int, n_categories: int, stacked: bool) -> int | None:
    """The font size at which the widest data label fits its column, or None when none does."""
    if not values or not n_categories:
        return None
    widest = max(values, key=lambda v: len(fmt.number(v)))
    # The plot is the chart less the value axis labels; a column is a share of its category's slot.
    slot = pt(chart_w - Inches(1.0)) / n_categories * (0.62 if stacked else 1.0)
    for size in LABEL_SIZES:
        if text_width(fmt.number(widest), size) <= slot:
            return size
    return None


def _wide(table: pd.DataFrame, column: str, value: str, years: list[int], order: list[str]) -> pd.DataFrame:
    """A long metrics table as years × `order` (missing cells 0), for the chart's series."""
    wide = table.pivot_table(index="year", columns=column, values=value, aggfunc="sum", observed=True)
    return wide.reindex(index=years, columns=order).fillna(0)


def _chart_years(table: pd.DataFrame) -> list[int]:
    return sorted(int(y) for y in pd.unique(table["year"])) if len(table) else []


def _render_partners_chart(prs, spec: _Slide, ctx: _Context) -> None:
    slide = _content_slide(prs, spec.title, ctx)
    table = spec.data["table"]
    years = _chart_years(table)
    present = set(table["category"].astype(str))
    order = _category_order(present)
    wide = _wide(table, "category", "partners", years, order)
    series = [(_label(c, ctx.lang), [int(v) for v in wide[c]]) for c in order]
    _add_chart(slide, XL_CHART_TYPE.COLUMN_STACKED, MARGIN_X, BODY_TOP, CONTENT_W, BODY_H,
               [str(y) for y in years], series, legend=True, stacked=True, lang=ctx.lang,
               colors=[charts.category_color(c) for c in order])


def _category_order(present: set[str]) -> list[str]:
    from partnerlib.categories import category_order

    return category_order(present)


def _render_formats_chart(prs, spec: _Slide, ctx: _Context) -> None:
    slide = _content_slide(prs, spec.title, ctx)
    table = spec.data["table"]
    years = _chart_years(table)
    wide = _wide(table, "format", "events", years, list(FORMATS))
    # A format no event had in these years (often "unknown", or "hybrid" before 2021) gets no series.
    order = [f for f in FORMATS if wide[f].sum() > 0]
    series = [(_cap(format_label(f, ctx.lang)), [int(v) for v in wide[f]]) for f in order]
    _add_chart(slide, XL_CHART_TYPE.COLUMN_STACKED, MARGIN_X, BODY_TOP, CONTENT_W, BODY_H,
               [str(y) for y in years], series, legend=True, stacked=True, lang=ctx.lang,
               colors=[charts.FORMAT_COLORS[f] for f in order])


def _render_reach_chart(prs, spec: _Slide, ctx: _Context) -> None:
    slide = _content_slide(prs, spec.title, ctx)
    table = spec.data["table"]
    note_h = Inches(0.45)
    note = truncate(_x("reach_note", ctx.lang), _inner_w(CONTENT_W), 14, 1)
    _textbox(slide, MARGIN_X, BODY_TOP, CONTENT_W, note_h, [Para(note, 14)], MUTED)
    years = [str(int(y)) for y in table["year"]]
    top = Emu(BODY_TOP + note_h)
    w = Emu((CONTENT_W - GAP) // 2)
    h = Emu(BODY_BOTTOM - top)
    # Two charts, each on its own scale: participants and views are different measures, never summed.
    for i, name in enumerate(("participants", "views")):
        values = [int(v) for v in table[name]]
        _add_chart(slide, XL_CHART_TYPE.COLUMN_CLUSTERED, Emu(MARGIN_X + i * (w + GAP)), top, w, h, years,
                   [(t(name, ctx.lang), values)], legend=False, title=t(name, ctx.lang), lang=ctx.lang,
                   colors=[charts.MEASURE_COLORS[name]] if name in charts.MEASURE_COLORS else None)


def _render_table(prs, spec: _Slide, ctx: _Context) -> None:
    slide = _content_slide(prs, spec.title, ctx)
    header, rows, size = spec.data["header"], spec.data["rows"], spec.data["size"]
    heights = [_row_height(header, size, True)] + [_row_height(r, size) for r in rows]
    emus = [int(Pt(h)) + 1 for h in heights]
    frame = slide.shapes.add_table(len(rows) + 1, 3, MARGIN_X, BODY_TOP, CONTENT_W, sum(emus))
    _fill_table(frame, _table_widths(), emus, [header, *rows], size)


def _fill_table(frame, widths: list[int], heights: list[int], cells: list[list[str]], size: int) -> None:
    """A three-column table's sizes and text: the first row bold as its heading, the third column right-aligned."""
    table = frame.table
    for i, w in enumerate(widths):
        table.columns[i].width = Emu(w)
    for i, h in enumerate(heights):
        table.rows[i].height = Emu(h)
    frame.height = Emu(sum(heights))
    for r, line in enumerate(cells):
        for c, text in enumerate(line):
            cell = table.cell(r, c)
            cell.margin_left = cell.margin_right = CELL_PAD_X
            cell.margin_top = cell.margin_bottom = CELL_PAD_Y
            cell.text_frame.word_wrap = True
            p = cell.text_frame.paragraphs[0]
            run = p.add_run()
            run.text = text
            run.font.size = Pt(size)
            run.font.bold = r == 0
            if c == 2:
                p.alignment = PP_ALIGN.RIGHT


def _render_example(prs, spec: _Slide, ctx: _Context) -> None:
    slide = _content_slide(prs, spec.title, ctx)
    _textbox(slide, MARGIN_X, BODY_TOP, CONTENT_W, EX_HEADER_H, spec.data["header"], DARK)
    size = spec.data["size"]
    col_w = _example_col_w(len(spec.data["heads"]))
    for i, (head, paras) in enumerate(zip(spec.data["heads"], _column_paras(spec.data["columns"], size),
                                          strict=True)):
        x = Emu(MARGIN_X + i * (col_w + GAP))
        head_size = fit_size(lambda s, head=head: [Para(head, s, True)], _inner_w(col_w), _inner_h(EX_HEAD_H),
                             16, 10) or 10
        _textbox(slide, x, EX_COL_TOP, col_w, EX_HEAD_H, [Para(head, head_size, True)], ACCENT)
        bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, Emu(EX_BODY_TOP - RULE_H), col_w, RULE_H)
        bar.fill.solid()
        bar.fill.fore_color.rgb = CARD_LINE
        bar.line.fill.background()
        bar.shadow.inherit = False
        if paras:
            _textbox(slide, x, EX_BODY_TOP, col_w, EX_BODY_H, paras, DARK)


def _render_example_events(prs, spec: _Slide, ctx: _Context) -> None:
    """The partner's events of the year in a table (left) and by month in a small chart (right)."""
    slide = _content_slide(prs, spec.title, ctx)
    data = spec.data
    _textbox(slide, MARGIN_X, BODY_TOP, CONTENT_W, EX_HEADER_H, data["header"], DARK)
    table_w = Emu(int(CONTENT_W * 0.58))
    chart_x = Emu(MARGIN_X + table_w + GAP)
    chart_w = Emu(CONTENT_W - table_w - GAP)
    top, height = EX_COL_TOP, Emu(BODY_BOTTOM - EX_COL_TOP)
    rows = data["rows"] + ([["", _x("and_more", ctx.lang, n=data["more"]), ""]] if data["more"] else [])
    size = 12
    widths = [int(table_w * 0.26), int(table_w * 0.56)]
    widths.append(table_w - sum(widths))
    cells = [[truncate(text, pt(w - 2 * CELL_PAD_X), size, 2, r == 0) for text, w in zip(line, widths, strict=True)]
             for r, line in enumerate([data["heads"], *rows])]
    heights = [int(Pt(max(line_count(text, pt(w - 2 * CELL_PAD_X), size, r == 0)
                          for text, w in zip(line, widths, strict=True)) * size * 1.22 + pt(2 * CELL_PAD_Y))) + 1
               for r, line in enumerate(cells)]
    while len(cells) > 2 and sum(heights) > height:  # keep the table on the slide
        cells.pop()
        heights.pop()
    frame = slide.shapes.add_table(len(cells), 3, MARGIN_X, top, table_w, Emu(sum(heights)))
    _fill_table(frame, widths, heights, cells, size)
    _add_chart(slide, XL_CHART_TYPE.COLUMN_CLUSTERED, chart_x, top, chart_w, height, data["months"],
               [(data["events_title"], data["counts"])], legend=False, title=data["events_title"], lang=ctx.lang,
               colors=[charts.MEASURE_COLORS["events"]])


def _render_closing(prs, spec: _Slide, ctx: _Context) -> None:
    slide = _content_slide(prs, spec.title, ctx)
    size = spec.data["size"]
    paras = [Para(s, size, False, size * 0.5, pt(_bullet_indent(size))) for s in spec.data["sentences"]]
    _textbox(slide, MARGIN_X, BODY_TOP, CONTENT_W, BODY_H, paras, DARK, bullet=True)


_RENDER = {
    "title": _render_title,
    "empty": _render_empty,
    "message": _render_message,
    "kpis": _render_kpis,
    "partners_chart": _render_partners_chart,
    "formats_chart": _render_formats_chart,
    "reach_chart": _render_reach_chart,
    "table": _render_table,
    "example": _render_example,
    "example_events": _render_example_events,
    "closing": _render_closing,
}
