"""The dashboard through Streamlit's AppTest: every page in both languages, KPI and chart values, filters, uploads."""

import io
import json
import re
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from conftest import xlsx_bytes
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from partnerlib import fmt, i18n, metrics, read_workbook
from partnerlib.charts import decode_array
from partnerlib.sample import synthetic_workbook

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
SAMPLE = ROOT / "sample_data" / "partnerlib_sample.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGES = {
    "pages/overview.py": "page_overview",
    "pages/partners.py": "page_partners",
    "pages/partner.py": "page_partner",
    "pages/events.py": "page_events",
    "pages/reach.py": "page_reach",
    "pages/data.py": "page_data",
    "pages/export.py": "page_export",
}


class _NavigationPagesManager(PagesManager):
    """AppTest forgets before every run that the app uses st.navigation, and then, seeing a `pages/`
    folder, runs a page's file alone (Streamlit's first multipage mode) instead of dashboard.py —
    without the sidebar. A real server forgets nothing: dashboard.py turns that mode off on the server's
    first run (the browser test covers that path); this puts every AppTest run in the same state."""

    def __init__(self, *args, **kwargs):
        PagesManager.uses_pages_directory = False
        super().__init__(*args, **kwargs)


@pytest.fixture(autouse=True)
def _navigation_app(monkeypatch):
    monkeypatch.setattr(app_test_module, "PagesManager", _NavigationPagesManager)


@pytest.fixture(autouse=True)
def _no_store(tmp_path, monkeypatch):
    """Each app run gets its own empty store, so the demo data is what is shown."""
    monkeypatch.setenv("PARTNERLIB_DB_URL", f"sqlite:///{tmp_path / 'store.db'}")


@pytest.fixture(scope="module")
def sample_ds():
    return read_workbook(SAMPLE).dataset("demo")


def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def metric_values(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def plotly_specs(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def spec_with_title(at: AppTest, title: str) -> dict:
    for spec in plotly_specs(at):
        if spec["layout"].get("title", {}).get("text", "").startswith(title):
            return spec
    raise AssertionError(f"no chart titled {title!r}")


def trend_series(at: AppTest, title: str) -> dict[int, float]:
    """The Overview's SVG trend named `title` as {year: value}, read from its tooltips («2020: 1 234»)."""
    for m in at.markdown:
        if m.value.startswith("<svg") and f'aria-label="{title}"' in m.value:
            tips = re.findall(r"<title>(\d{4}): ([^<]*)</title>", m.value)
            return {int(y): float(v.replace("\u00a0", "").replace("%", "").replace(" ", "").replace(",", "."))
                    for y, v in tips}
    raise AssertionError(f"no trend titled {title!r}")


def problems_table(at: AppTest):
    """The problems table of the Data page (the one with the "what was found" column)."""
    heading = i18n.column_label("message", "ru")
    for frame in at.dataframe:
        if heading in frame.value.columns:
            return frame.value
    raise AssertionError("no problems table")


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.switch_page("pages/data.py").run()
    at.file_uploader(key="data_upload").set_value((name, data, XLSX)).run()
    return at


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_page_opens_in_both_languages(lang):
    at = app()
    if lang == "en":
        at.radio(key="sidebar_lang").set_value("en").run()
    for page, title_key in PAGES.items():
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        assert at.title[0].value == i18n.t(title_key, lang)


def test_overview_kpis_are_the_metrics_of_the_latest_year(sample_ds):
    at = app()
    year = metrics.years(sample_ds)[-1]
    assert at.selectbox(key="overview_year").value == year
    expected = metrics.kpis(sample_ds, year)
    shown = metric_values(at)
    assert shown["Мероприятия"] == fmt.number(expected["events"]["value"])
    assert shown["Активные партнёры"] == fmt.number(expected["active_partners"]["value"])
    assert shown["Участники"] == fmt.number(expected["participants"]["value"])
    assert shown["Просмотры"] == fmt.number(expected["views"]["value"])
    assert shown["Доля онлайн"] == fmt.percent(expected["online_share"]["value"], "ru", 0)
    assert any(i18n.t("demo_banner", "ru") in el.value for el in at.info)


def test_overview_year_choice_and_sentences(sample_ds):
    at = app()
    at.selectbox(key="overview_year").set_value(2020).run()
    assert metric_values(at)["Мероприятия"] == fmt.number(metrics.kpis(sample_ds, 2020)["events"]["value"])
    text = " ".join(m.value for m in at.markdown)
    assert "доля онлайн-мероприятий выросла" in text


def test_formats_chart_holds_the_metrics(sample_ds):
    at = app()
    at.switch_page("pages/events.py").run()
    spec = spec_with_title(at, i18n.t("chart_formats", "ru"))
    table = metrics.formats_by_year(sample_ds)
    traces = {trace["name"]: trace for trace in spec["data"]}
    online = traces[i18n.format_label("online", "ru")]
    expected = table[table["format"] == "online"].sort_values("year")
    assert decode_array(online["y"]).astype(int).tolist() == expected["events"].tolist()
    assert [str(x) for x in decode_array(online["x"]).tolist()] == [str(y) for y in expected["year"]]
    assert spec["layout"]["separators"] == ", "


def test_reach_chart_keeps_participants_and_views_apart(sample_ds):
    at = app()
    at.switch_page("pages/reach.py").run()
    spec = spec_with_title(at, i18n.t("chart_reach", "ru"))
    table = metrics.reach_by_year(sample_ds)
    series = [decode_array(trace["y"]).astype(np.int64).tolist() for trace in spec["data"]]
    assert table["participants"].tolist() in series
    assert table["views"].tolist() in series
    assert (table["participants"] + table["views"]).tolist() not in series


def test_filter_change_changes_the_numbers(sample_ds):
    at = app()
    at.multiselect(key="flt_formats").set_value(["online"]).run()
    assert not at.exception
    online = metrics.filter_dataset(sample_ds, formats=["online"])
    year = metrics.years(sample_ds)[-1]
    assert metric_values(at)["Мероприятия"] == fmt.number(metrics.kpis(online, year)["events"]["value"])
    assert metric_values(at)["Доля онлайн"] == "100\u00a0%"


def test_a_filter_that_leaves_nothing_shows_an_empty_state():
    at = app()
    at.slider(key="flt_years").set_value((2018, 2018)).run()
    at.multiselect(key="flt_formats").set_value(["hybrid"]).run()
    for page in ("pages/overview.py", "pages/partners.py", "pages/events.py", "pages/reach.py"):
        at.switch_page(page).run()
        assert not at.exception, page
        assert any(i18n.t("empty_state", "ru") in el.value for el in at.info), page
        assert not at.get("plotly_chart"), page


def test_upload_of_a_workbook_changes_every_page():
    data = synthetic_workbook(400, seed=11, years=range(2021, 2024))
    uploaded = read_workbook(data, "новые.xlsx").dataset()
    at = upload(app(), "новые.xlsx", data)
    assert not at.exception
    assert any("400" in el.value.replace("\u00a0", "") for el in at.success)
    # the partners counted are those of the register and those its events name besides
    said = i18n.t("read_ok", "ru", partners=read_workbook(data, "новые.xlsx").partners_said("ru"),
                  events=fmt.number(400), years="2021–2023")
    assert any(said in el.value for el in at.success)
    at.switch_page("pages/overview.py").run()
    assert at.selectbox(key="overview_year").value == 2023
    assert metric_values(at)["Мероприятия"] == fmt.number(metrics.kpis(uploaded, 2023)["events"]["value"])
    assert not any(i18n.t("demo_banner", "ru") in el.value for el in at.info)
    assert at.slider(key="flt_years").value == (2021, 2023)
    at.switch_page("pages/partners.py").run()
    spec = spec_with_title(at, i18n.t("chart_partners_by_category", "ru"))
    assert {trace["name"] for trace in spec["data"]} >= {"Организации и учреждения"}


def test_upload_of_a_broken_file_shows_its_problem_and_keeps_the_data():
    at = upload(app(), "отчёт.xlsx", b"%PDF-1.4 not a workbook")
    assert not at.exception
    assert any("Это не таблица Excel/CSV" in el.value for el in at.error)
    problems = problems_table(at)
    assert problems.iloc[0].tolist()[0] == "ошибка"
    at.switch_page("pages/overview.py").run()
    assert any(i18n.t("demo_banner", "ru") in el.value for el in at.info)


def test_upload_with_row_problems_lists_them_with_excel_rows():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Мероприятия 2024"
    ws.append(["Отчёт о мероприятиях"])
    ws.append(["Дата проведения", "Название мероприятия", "Партнёр", "Форма проведения", "Участники"])
    ws.append(["12.03.2024", "Громкие чтения", "Школа № 1", "очно", "более 350"])
    ws.append(["31.02.2024", "Встреча", "Музей", "очно", 20])
    buf = io.BytesIO()
    wb.save(buf)
    at = upload(app(), "март.xlsx", buf.getvalue())
    problems = problems_table(at)
    rows = {(r[0], int(r[2]), r[3], r[4]) for r in problems.itertuples(index=False)}
    assert ("ошибка", 4, "Дата проведения", "31.02.2024") in rows
    assert ("предупреждение", 3, "Участники", "более 350") in rows


def test_row_numbers_and_years_are_drawn_as_integers():
    """Streamlit's grid draws some integers of a «plain» number column with a binary fraction (row 1635 as
    «1635.0000000000002», the year 1998 as «1997.9999999999998», seen in Chromium): such columns are
    given a printf format of an integer."""
    rows = [["Дата проведения", "Название мероприятия", "Партнёр"],
            *([f"{i % 28 + 1:02d}.03.2024", f"Встреча {i}", "Музей"] for i in range(1640)),
            ["31.02.2024", "Лекция", "Музей"]]
    at = upload(app(), "big.xlsx", xlsx_bytes({"Мероприятия": rows}))
    heading = i18n.column_label("message", "ru")
    (frame,) = [f for f in at.dataframe if heading in f.value.columns]
    config = json.loads(frame.proto.columns)
    assert config[i18n.column_label("row", "ru")]["type_config"] == {"type": "number", "format": "%d"}
    assert frame.value[i18n.column_label("row", "ru")].tolist() == [1642]  # the date 31.02 under 1640 rows


def test_saving_an_upload_keeps_it_in_the_store_and_undo_removes_it():
    data = synthetic_workbook(300, seed=3, years=range(2021, 2024))
    stored = read_workbook(data, "годовой.xlsx").dataset()
    at = upload(app(), "годовой.xlsx", data)
    assert any("Новых мероприятий: 300, уже есть в базе: 0" in m.value for m in at.markdown)
    at.button(key="data_save").click().run()
    assert not at.exception
    assert any("импорт № 1" in el.value for el in at.success)
    history = next(frame.value for frame in at.dataframe if "Добавлено мероприятий" in frame.value.columns)
    assert history["Добавлено мероприятий"].tolist() == [300]

    # A new session (the next visit) sees the stored data, not the demo.
    later = app()
    assert any(i18n.t("source_store", "ru") in c.value for c in later.caption)
    assert metric_values(later)["Мероприятия"] == fmt.number(metrics.kpis(stored, 2023)["events"]["value"])

    # The same file again adds nothing.
    again = upload(app(), "годовой.xlsx", data)
    assert any(i18n.t("store_nothing_new", "ru") in el.value for el in again.info)

    later.switch_page("pages/data.py").run()
    later.button(key="data_undo").click().run()
    assert any("Импорт № 1 отменён" in el.value for el in later.success)
    later.switch_page("pages/overview.py").run()
    assert any(i18n.t("demo_banner", "ru") in el.value for el in later.info)


def test_admin_password_guards_saving(monkeypatch):
    monkeypatch.setattr("partnerlib.ui.admin_password", lambda: "секрет")
    at = upload(app(), "файл.xlsx", synthetic_workbook(50, seed=5, years=range(2022, 2023)))
    assert at.button(key="data_save").disabled
    assert not any(i18n.t("store_open_note", "ru") in c.value for c in at.caption)
    at.text_input(key="data_password").input("неверно").run()
    assert any(i18n.t("wrong_password", "ru") in e.value for e in at.error)
    assert at.button(key="data_save").disabled
    at.text_input(key="data_password").input("секрет").run()
    assert not at.button(key="data_save").disabled


def test_export_page_offers_the_deck_built_from_the_shown_data(sample_ds):
    from partnerlib.deck import deck_outline

    at = app()
    at.switch_page("pages/export.py").run()
    assert not at.exception
    year = metrics.years(sample_ds)[-1]
    assert at.selectbox(key="export_year").value == year
    outline = " ".join(m.value for m in at.markdown)
    for title in deck_outline(sample_ds, year, "ru"):
        assert title in outline
    assert {b.key for b in at.get("download_button")} >= {"export_deck", "export_report", "export_summary"}
    # The examples default to the most significant event of each category: for 2020, the report's own.
    at.selectbox(key="export_year").set_value(2020).run()
    assert not at.exception
    picked = at.selectbox(key="export_example_public_organizations")
    assert picked.format_func(picked.value).startswith("Вечер искусств «Арт-позитив – детям Сарова»")


def pdf_buttons(at: AppTest) -> list:
    return [b for b in at.button if b.key in ("export_deck_pdf", "export_report_pdf")]


def test_export_page_offers_the_deck_and_report_as_pdf_or_says_why_not(monkeypatch, tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PARTNERLIB_SOFFICE", str(fake))
    at = app()
    at.switch_page("pages/export.py").run()
    assert [(b.proto.label, b.proto.disabled) for b in pdf_buttons(at)] == [
        ("Презентация (PDF)", False), ("Таблицы отчёта 4.1 (PDF)", False)]
    monkeypatch.setenv("PARTNERLIB_SOFFICE", str(tmp_path / "absent"))
    at.run()
    assert not at.exception
    assert [b.proto.disabled for b in pdf_buttons(at)] == [True, True]
    assert any(c.value.startswith("PDF не сделать: не найден LibreOffice") for c in at.caption)


@pytest.mark.parametrize(("script", "timeout", "said"), [
    ("sleep 5", "0.5", "PDF не сделать: LibreOffice не успел за 0,5 с и был остановлен. Попробуйте ещё раз"),
    ("exit 3", "", "PDF не сделать: LibreOffice не смог преобразовать файл (код завершения 3). Попробуйте ещё раз"),
    ("exit 0", "", "PDF не сделать: LibreOffice не смог преобразовать файл (файл PDF не появился)."),
])
def test_a_pdf_that_fails_after_the_click_says_why_in_russian(monkeypatch, tmp_path, script, timeout, said):
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\n{script}\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PARTNERLIB_SOFFICE", str(fake))
    monkeypatch.setenv("PARTNERLIB_PDF_TIMEOUT", timeout)
    at = app()
    at.switch_page("pages/export.py").run()
    at.button(key="export_deck_pdf").click().run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error if e.value.startswith(said)], [e.value for e in at.error]
    assert "export_deck_pdf_file" not in {b.key for b in at.get("download_button")}


def test_a_pdf_made_after_the_click_is_offered_for_download(monkeypatch, tmp_path):
    fake = tmp_path / "soffice"  # writes a PDF where LibreOffice would: --outdir DIR, the source last
    fake.write_text('#!/bin/sh\nfor a; do last="$a"; done\nwhile [ "$1" != "--outdir" ]; do shift; done\n'
                    'out="$2"; mkdir -p "$out"; b=$(basename "$last"); printf "%%PDF-1.4 made" > "$out/${b%.*}.pdf"\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PARTNERLIB_SOFFICE", str(fake))
    at = app()
    at.switch_page("pages/export.py").run()
    at.button(key="export_report_pdf").click().run()
    assert not at.exception, at.exception
    assert not at.error
    ready = [b for b in at.get("download_button") if b.key == "export_report_pdf_file"]
    year = at.selectbox(key="export_year").value
    assert [b.proto.label for b in ready] == [f"Скачать PDF «partnerlib_{year}_4.1.pdf»"]


# ---------------------------------------------------------------- the upload stays until she decides

def banner_texts(at: AppTest) -> list[str]:
    return [el.value for el in at.warning]


def test_upload_survives_a_page_switch_and_a_language_switch():
    at = upload(app(), "новые.xlsx", synthetic_workbook(120, seed=21, years=range(2022, 2024)))
    at.switch_page("pages/partners.py").run()
    assert not at.exception
    assert i18n.t("banner_unsaved", "ru", name="новые.xlsx") in banner_texts(at)
    assert {b.key for b in at.button} >= {"banner_save", "banner_discard"}
    at.switch_page("pages/data.py").run()
    assert any(i18n.t("file_shown", "ru", name="новые.xlsx") in el.value for el in at.success)
    assert at.button(key="data_save") is not None
    assert any(i18n.t("problems", "ru") == h.value for h in at.subheader)
    at.radio(key="sidebar_lang").set_value("en").run()
    assert not at.exception
    assert i18n.t("banner_unsaved", "en", name="новые.xlsx") in banner_texts(at)
    assert any(i18n.t("file_shown", "en", name="новые.xlsx") in el.value for el in at.success)
    assert at.button(key="data_save").label == i18n.t("store_save", "en")


def test_save_from_the_banner_keeps_the_file_in_the_store():
    data = synthetic_workbook(80, seed=22, years=range(2022, 2024))
    stored = read_workbook(data, "годовой.xlsx").dataset()
    at = upload(app(), "годовой.xlsx", data)
    at.switch_page("pages/overview.py").run()
    at.button(key="banner_save").click().run()
    assert not at.exception
    assert not banner_texts(at)
    assert any(i18n.t("source_store", "ru") in c.value for c in at.caption)
    assert metric_values(at)["Мероприятия"] == fmt.number(metrics.kpis(stored, 2023)["events"]["value"])
    at.switch_page("pages/data.py").run()
    assert not [b for b in at.button if b.key == "data_save"]
    history = next(frame.value for frame in at.dataframe if "Добавлено мероприятий" in frame.value.columns)
    assert history["Добавлено мероприятий"].tolist() == [80]
    assert history["Состояние"].tolist() == ["действует"]


def test_discard_from_the_banner_goes_back_to_the_demo():
    at = upload(app(), "лишний.xlsx", synthetic_workbook(60, seed=23, years=range(2022, 2024)))
    at.switch_page("pages/events.py").run()
    at.button(key="banner_discard").click().run()
    assert not at.exception
    assert not banner_texts(at)
    assert any(i18n.t("demo_banner", "ru") in el.value for el in at.info)
    at.switch_page("pages/data.py").run()
    assert not [b for b in at.button if b.key == "data_save"]
    assert not any("лишний.xlsx" in el.value for el in at.success)


def test_undo_choice_after_two_saves_is_the_newest_then_the_one_before():
    at = upload(app(), "первый.xlsx", synthetic_workbook(50, seed=24, years=range(2021, 2022)))
    at.button(key="data_save").click().run()
    at.file_uploader(key="data_upload").set_value(("второй.xlsx", synthetic_workbook(50, seed=25,
                                                    years=range(2022, 2023)), XLSX)).run()
    at.button(key="data_save").click().run()
    assert not at.exception
    choice = at.selectbox(key="data_undo_choice")
    assert choice.options == ["№ 2 — второй.xlsx", "№ 1 — первый.xlsx"]
    assert choice.value == 2
    at.button(key="data_undo").click().run()
    assert any("Импорт № 2 отменён" in el.value for el in at.success)
    choice = at.selectbox(key="data_undo_choice")
    assert choice.options == ["№ 1 — первый.xlsx"] and choice.value == 1
    history = next(frame.value for frame in at.dataframe if "Состояние" in frame.value.columns)
    assert history["Состояние"].tolist() == ["отменён", "действует"]
    assert history["Отменён"].iloc[0] != "" and history["Отменён"].iloc[1] == ""


def test_download_buttons_do_not_build_their_files_in_the_run(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a download's file was built in the script run")

    at = upload(app(), "годовой.xlsx", synthetic_workbook(40, seed=26, years=range(2022, 2024)))
    at.button(key="data_save").click().run()
    for target in ("partnerlib.store.Store.export_xlsx", "partnerlib.reader.ImportResult.problems_xlsx",
                   "partnerlib.template.template_workbook", "partnerlib.deck.build_deck",
                   "partnerlib.report.build_report", "partnerlib.summary.build_summary",
                   "partnerlib.pdf.to_pdf"):
        monkeypatch.setattr(target, refuse)
    at.file_uploader(key="data_upload").set_value(("отчёт.xlsx", b"%PDF-1.4 not a workbook", XLSX)).run()
    assert not at.exception, at.exception
    keys = {b.key for b in at.get("download_button")}
    assert {"data_backup", "data_template", "data_sample", "data_problems_download"} <= keys
    at.switch_page("pages/export.py").run()
    assert not at.exception, at.exception
    assert {b.key for b in at.get("download_button")} >= {"export_deck", "export_report", "export_summary"}
    assert {b.key for b in at.button} >= {"export_deck_pdf", "export_report_pdf"}  # a PDF is made on its click


def test_a_charts_table_is_built_when_its_expander_opens():
    at = app()
    at.switch_page("pages/events.py").run()
    assert len(at.table) == 0  # the charts' tables wait for their expanders
    at.session_state["events_formats_data"] = True
    at.run()
    assert not at.exception
    assert len(at.table) == 1 and at.table[0].value.shape[0] > 0


def test_saving_a_file_the_store_already_holds_leaves_no_history_row():
    data = synthetic_workbook(40, seed=27, years=range(2022, 2024))
    at = upload(app(), "годовой.xlsx", data)
    at.button(key="data_save").click().run()
    again = upload(app(), "годовой.xlsx", data)
    assert not [b for b in again.button if b.key == "data_save"]  # the page offers nothing to save
    again.switch_page("pages/overview.py").run()
    again.button(key="banner_save").click().run()  # the banner's button is still there: it saves nothing
    assert not again.exception
    assert any("ничего не сохранено" in el.value for el in again.info)
    assert not banner_texts(again)
    again.switch_page("pages/data.py").run()
    history = next(frame.value for frame in again.dataframe if "Состояние" in frame.value.columns)
    assert history["№"].tolist() == [1]


def test_library_name_set_once_heads_the_deck(sample_ds):
    from pptx import Presentation

    from partnerlib.deck import build_deck
    from partnerlib.export_cli import library_setting
    from partnerlib.store import open_store

    at = app()
    at.switch_page("pages/data.py").run()
    at.text_input(key="data_library_name").input("Центральная городская библиотека").run()
    at.text_input(key="data_library_city").input("Саров").run()
    at.button(key="data_library_save").click().run()
    assert not at.exception
    assert any(i18n.t("library_saved", "ru") in el.value for el in at.success)
    # The next visit shows it again; the deck (page or command line) carries it on its title slide.
    later = app()
    later.switch_page("pages/data.py").run()
    assert later.text_input(key="data_library_name").value == "Центральная городская библиотека"
    later.switch_page("pages/export.py").run()
    assert not later.exception
    with open_store() as s:
        library = library_setting(s)
    assert library == "Центральная городская библиотека, Саров"
    prs = Presentation(io.BytesIO(build_deck(sample_ds, 2020, library=library)))
    title = " ".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    assert library in title


def test_overview_trends_are_svg_with_every_years_value(sample_ds):
    at = app()
    svgs = [m.value for m in at.markdown if m.value.startswith("<svg")]
    assert len(svgs) == 5
    events = next(s for s in svgs if 'aria-label="Мероприятия"' in s)
    yearly = metrics.yearly(sample_ds)
    expected = [f"{int(r.year)}: {fmt.number(r.events)}" for r in yearly.itertuples() if r.events > 0]
    assert [t for t in re.findall(r"<title>([^<]*)</title>", events)] == expected
    assert not at.get("plotly_chart")  # the page she lands on waits for no chart library
