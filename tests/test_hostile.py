"""One hostile workbook — markdown, LaTeX, HTML, plotly tags, formulas, control and right-to-left characters,
very long text — through every chart, every export and every page: its text stays text everywhere."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pandas as pd
import pytest
from test_app import XLSX, _navigation_app, _no_store, app  # noqa: F401  (fixtures used by name)

from partnerlib import charts, metrics, safe
from partnerlib.deck import build_deck
from partnerlib.model import EVENT_SHEET_FIELDS, PARTNER_SHEET_FIELDS, RU_HEADINGS
from partnerlib.partner_slide import build_partner_slide
from partnerlib.reader import read_workbook
from partnerlib.report import build_report
from partnerlib.store import Store
from partnerlib.summary import build_summary
from partnerlib.xlsx import write_workbook

LINK = "http://evil.example/x"
# Each hostile text, and what must never be found where it is shown or written (its live form).
HOSTILE = {
    "bold": "**ЖИРНАЯ**",
    "latex": "$x^2$",
    "md_link": f"[сайт]({LINK})",
    "html_link": f'<a href="{LINK}">клик</a>',
    "html_bold": "<b>жирный</b>",
    "plotly": "<span style='color:red'>красный</span><br><sup>2</sup>",
    "directive": ":red[тревога] :material/home:",
    "formula": f'=HYPERLINK("{LINK}","клик")',
    "plus": "+7(900)1234567",
    "minus": "-1+2",
    "at": "@SUM(A1:A2)",
    "tab": "\t=1+1",
    "cr": "\r=2+2",
    "rtl": "Библиотека \u202eакетоилбиБ\u202c",
    "control": "звонок\x07здесь",
    "long": "Очень длинное название " * 400,
}
NAMES = list(HOSTILE.values())
# Markup that may be written by the escapers' own templates, never taken from a cell.
HTML_MARKERS = [f'<a href="{LINK}"', "<b>жирный", "<span style", "<sup>2"]
LIVE_MARKERS = ["**ЖИРНАЯ**", "$x^2$", f"]({LINK}", f'<a href="{LINK}"', "<b>жирный", "<span style", "<sup>2",
                ":red[", ":material/home:"]


def _hostile_xlsx() -> bytes:
    partners = [{"partner": name, "category": HOSTILE["html_link"] if i % 2 else "СМИ", "level": "муниципальный",
                 "since": 2020, "library": None, "notes": HOSTILE["formula"]} for i, name in enumerate(NAMES)]
    events = []
    for i, name in enumerate(NAMES):
        events.append({
            "date": f"{1 + i % 27:02d}.0{1 + i % 9}.{2021 + i % 2}", "title": NAMES[(i + 3) % len(NAMES)],
            "partners": name, "category": HOSTILE["html_link"] if i % 2 else "СМИ",
            "format": "онлайн" if i % 3 else "очно", "platform": NAMES[(i + 5) % len(NAMES)],
            "participants": "-1" if i == 0 else 10 + i, "views": 100 + i,
            "description": NAMES[(i + 7) % len(NAMES)], "library_benefit": HOSTILE["formula"],
            "society_benefit": HOSTILE["tab"], "library": None,
        })
    sheets = {"Партнёры": pd.DataFrame(partners, columns=PARTNER_SHEET_FIELDS, dtype=object),
              "Мероприятия": pd.DataFrame(events, columns=EVENT_SHEET_FIELDS, dtype=object)}
    headers = {"Партнёры": [RU_HEADINGS[f] for f in PARTNER_SHEET_FIELDS],
               "Мероприятия": [RU_HEADINGS[f] for f in EVENT_SHEET_FIELDS]}
    return write_workbook(sheets, headers=headers)


@pytest.fixture(scope="module")
def hostile_xlsx() -> bytes:
    return _hostile_xlsx()


@pytest.fixture(scope="module")
def hostile(hostile_xlsx):
    result = read_workbook(hostile_xlsx, "враждебный.xlsx")
    assert result.ok
    return result


def _live(text: str, markers=LIVE_MARKERS) -> list[str]:
    """The markers found in `text` unescaped (a backslash before one shows it as text in markdown)."""
    return [m for m in markers if re.search(r"(?<!\\)" + re.escape(m), text)]


def test_the_workbook_is_read_as_text_and_a_negative_count_is_a_warning(hostile):
    ds = hostile.dataset()
    assert set(NAMES[:11]) <= set(ds.partners["partner"])  # formulas and markup read back as they were written
    negative = [p for p in hostile.problems if p.column == RU_HEADINGS["participants"] and p.value in ("-1", -1)]
    assert negative and negative[0].severity == "warning"
    assert ds.events["participants"].isna().sum() >= 1


def _figures(ds):
    yield charts.partners_by_category(metrics.partners_by_category(ds))
    yield charts.partners_by_category(metrics.partners_by_category(ds), "share")
    yield charts.partner_tree(metrics.category_tree(ds))
    yield charts.partner_tree(metrics.category_tree(ds), kind="sunburst")
    yield charts.partner_flow(metrics.partner_flow(ds))
    yield charts.top_partners(metrics.top_partners(ds, "events", 20))
    yield charts.top_partners(metrics.top_partners(ds, "participants", 20), "participants")
    yield charts.formats_by_year(metrics.formats_by_year(ds))
    yield charts.platforms(metrics.platforms(ds))
    yield charts.platforms_by_year(metrics.platforms_by_year(ds))
    yield charts.month_heatmap(metrics.events_by_month(ds))
    yield charts.reach_by_year(metrics.reach_by_year(ds))
    yield charts.reach_change(metrics.reach_by_year(ds))
    yield charts.reach_split(metrics.reach_by(ds, "category"))
    yield charts.reach_split(metrics.reach_by(ds, "format"), "format")
    yield charts.top_events(metrics.top_events(ds, "participants", 20))
    yield charts.top_events(metrics.top_events(ds, "views", 20), "views")


def test_no_chart_holds_a_live_tag_from_the_cells(hostile):
    ds = hostile.dataset()
    shown = 0
    for fig in _figures(ds):
        spec = fig.to_json()
        assert not _live(spec, HTML_MARKERS), (fig.layout.title.text, _live(spec, HTML_MARKERS))
        assert '"$x^2$"' not in spec  # a whole label in dollars would be typeset as TeX
        assert "\u202e" not in spec and "\\u202e" not in spec
        shown += "&lt;a href=" in spec or "&lt;b&gt;жирный" in spec
    assert shown >= 5  # the hostile names are there, as text


def _xml_parts(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith((".xml", ".rels")))


def test_deck_and_report_hold_no_fields_or_hyperlinks(hostile):
    ds = hostile.dataset()
    slides = [build_partner_slide(ds, key) for key in metrics.partner_choices(ds)["key"].head(6)]
    for data in (build_deck(ds, 2022), build_report(ds, 2022), build_report(ds), *slides):
        xml = _xml_parts(data)
        for marker in ("hlinkClick", "fldSimple", "instrText", "<w:hyperlink", "TargetMode=\"External\""):
            assert marker not in xml
        # The layouts' own slide number and date fields are the only fields.
        assert set(re.findall(r'<a:fld [^>]*type="([^"]+)"', xml)) <= {"slidenum", "datetimeFigureOut"}
        assert xml.count("<a:fld ") == len(re.findall(r'<a:fld [^>]*type="(?:slidenum|datetimeFigureOut)"', xml))
        assert "\u202e" not in xml and "\x07" not in xml
        # The text itself is there.
        assert any(word in xml for word in ("HYPERLINK", "жирный", "ЖИРНАЯ", "x^2", "тревога", "SUM(", "Очень",
                                            "клик", "+7(900)", "1+2"))


def _check_xlsx(data: bytes) -> int:
    """Every cell of every sheet: no formula, and a text that looks like one is marked as text."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    marked = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and safe.formula_like(cell.value):
                    assert cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
                    marked += 1
    assert "<f>" not in _xml_parts(data)
    return marked


def test_every_xlsx_keeps_formulas_as_text(hostile, tmp_path):
    ds = hostile.dataset()
    assert _check_xlsx(hostile.problems_xlsx("ru")) >= 0
    _check_xlsx(build_summary(ds))
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.apply(hostile, filename="враждебный.xlsx", sha256="0" * 64)
    assert _check_xlsx(store.export_xlsx()) >= 5  # =HYPERLINK, +7…, -1+2, @SUM, tab and CR formulas


PAGES = ["pages/overview.py", "pages/partners.py", "pages/partner.py", "pages/events.py", "pages/reach.py",
         "pages/data.py", "pages/export.py"]


def _shown(at) -> list[str]:
    """Every markdown text of the page: bodies, captions, alerts, titles, widget labels and help."""
    out = []
    for kind in ("markdown", "caption", "error", "info", "success", "warning", "title", "header", "subheader"):
        out += [str(el.value) for el in getattr(at, kind)]
    out += [str(m.label) for m in at.metric]
    for kind in ("selectbox", "radio", "multiselect", "text_input", "checkbox", "button"):
        out += [f"{w.label} {getattr(w, 'help', '') or ''}" for w in getattr(at, kind)]
    for table in at.table:  # static tables read their cells and headings as markdown
        frame = table.value
        out += [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]
    return out


def test_every_page_shows_the_hostile_sheet_as_text(hostile_xlsx):
    at = app()
    at.switch_page("pages/data.py").run()
    at.file_uploader(key="data_upload").set_value(("враждебный.xlsx", hostile_xlsx, XLSX)).run()
    assert not at.exception
    seen_escaped, tables = False, 0
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        for box in at.expander:  # every chart's table, as a click on its expander shows it
            if box.key:
                at.session_state[box.key] = True
        at.run()
        texts = _shown(at)
        for text in texts:
            assert not _live(text), (page, text[:200])
            assert "\u202e" not in text
        seen_escaped |= any("\\<a href" in t or "\\*\\*ЖИРНАЯ" in t for t in texts)
        assert not any("\\\\" in t for t in texts), page  # nothing escaped twice (it would show a backslash)
        tables += len(at.table)
    assert seen_escaped  # the hostile text is on the pages, escaped
    assert tables >= 10  # the charts' tables were opened and looked at
