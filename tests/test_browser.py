"""End-to-end: the dashboard in a real Chromium — Russian pages, charts, an upload that changes the numbers."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import xlsx_bytes

from partnerlib import fmt, metrics
from partnerlib.reader import read_workbook
from partnerlib.sample import sample_workbook_bytes, synthetic_workbook

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's /usr/bin/chromium is absent (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright python package is not installed")

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
DOCS = ROOT / "docs"
# PARTNERLIB_UPDATE_SCREENSHOTS=1 copies these screenshots (artifact name -> README's docs/ name) as they are taken.
DOCS_SCREENSHOTS = {"overview": "overview.png", "partners": "partners.png", "events": "events.png",
                    "reach": "reach.png", "data_upload": "data.png"}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1400, "height": 1000}
SHOT_MAX_HEIGHT = 1800  # px of a screenshot: the top of a page is what a README shows; keeps PNGs ~200 KB
TIMEOUT_MS = 30_000  # one wait; a cold first run reads the demo workbook and draws a dozen charts
CYRILLIC = re.compile(r"[А-Яа-яЁё]")

# (file stem, sidebar title, a text some chart's SVG must hold); None = any Cyrillic word in a chart
PAGES = [
    ("overview", "Обзор", None),
    ("partners", "Партнёры", "Организации и учреждения"),
    ("events", "Мероприятия", "онлайн"),
    ("reach", "Охват и просмотры", None),
    ("data", "Данные", None),
    ("export", "Экспорт", None),
]
CHART_PAGES = {"overview", "partners", "events", "reach"}


# ---------------------------------------------------------------- fixtures

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen) -> None:
    """Terminate the server and everything it started; kill the group when it does not go quietly."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass


def _wait_until_served(proc: subprocess.Popen, url: str, log_path: Path, seconds: float = 60) -> None:
    """Return once the server at `url` answers its health check; fail with its log if it exits or is silent."""
    deadline = time.monotonic() + seconds
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}:\n{log_path.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server did not answer in {seconds:.0f} s:\n{log_path.read_text(errors='replace')}")
        time.sleep(0.25)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The base URL of `streamlit run dashboard.py` on a free port, with an empty store (so: the demo data)."""
    tmp = tmp_path_factory.mktemp("server")
    port = _free_port()
    env = {**os.environ, "PARTNERLIB_DB_URL": str(tmp / "store.db"), "PYTHONUNBUFFERED": "1"}
    log = (tmp / "streamlit.log").open("wb")
    cmd = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
           "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
           # No "File change — Rerun" prompt when the sources are edited during a run, and no Deploy button
           # in the screenshots.
           "--server.fileWatcherType", "none", "--client.toolbarMode", "minimal"]
    # A session of its own, so that the finalizer can signal the whole process group.
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_served(proc, url, tmp / "streamlit.log")
        yield url
    finally:
        _stop(proc)
        log.close()
        tail = (tmp / "streamlit.log").read_text(errors="replace")[-4000:]
        if "Traceback" in tail:
            print("\n--- streamlit log (tail) ---\n" + tail)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh browser context (so a fresh Streamlit session) on the app; console errors are printed at
    teardown, which pytest shows for failed tests."""
    context = browser.new_context(viewport=VIEWPORT, locale="ru-RU")
    context.set_default_timeout(TIMEOUT_MS)
    # Hermetic: nothing leaves the machine (the page icon, for one, is fetched from fonts.gstatic.com).
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    pg.on("requestfailed", lambda r: errors.append(f"request failed: {r.url} ({r.failure})"))
    pg.goto(server)
    yield pg
    if errors:
        print("\n--- browser console errors ---\n" + "\n".join(errors))
    context.close()


# ---------------------------------------------------------------- helpers

def _settle(page, title: str) -> None:
    """Wait until the page titled `title` is shown and Streamlit has finished running it: no script
    running, no stale elements left from the previous run, every plotly chart drawn."""
    page.locator("h1", has_text=title).first.wait_for(state="visible")
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
            if (document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]')) return false;
            const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
            return [...charts].every(c => c.querySelector('.js-plotly-plot .main-svg'));
        }""",
        timeout=TIMEOUT_MS,
    )


def _go(page, title: str) -> None:
    page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
    _settle(page, title)


def _no_exception(page, where: str) -> None:
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, f"{where}: a traceback on the page:\n{exceptions.first.inner_text()[:2000]}"


CHARTS = '[data-testid="stPlotlyChart"] .js-plotly-plot, [data-testid="stMarkdownContainer"] svg[role="img"]'


def _chart_texts(page) -> str:
    """Every text drawn in the page's charts: plotly's SVGs (titles, axes, legends, annotations) and the
    Overview's own SVG trends."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
                '.js-plotly-plot svg text, [data-testid="stMarkdownContainer"] svg text')]
            .map(t => t.textContent).join('\\n')"""
    )


def _kpi(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]', has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text().replace(fmt.NBSP, " ").strip()


def _shot(page, name: str) -> Path:
    """A PNG of the page down to its end, or SHOT_MAX_HEIGHT: Streamlit scrolls inside its main pane, so
    a full-page screenshot would show only the viewport; the viewport grows for the shot instead."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    content = page.evaluate("""() => document.querySelector('[data-testid="stMain"]')?.scrollHeight || 0""")
    height = max(VIEWPORT["height"], min(content, SHOT_MAX_HEIGHT))
    page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.screenshot(path=str(path))
    page.set_viewport_size(VIEWPORT)
    if os.environ.get("PARTNERLIB_UPDATE_SCREENSHOTS") == "1" and name in DOCS_SCREENSHOTS:
        DOCS.mkdir(exist_ok=True)
        shutil.copyfile(path, DOCS / DOCS_SCREENSHOTS[name])
    return path


def _upload(page, path: Path) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))


# ---------------------------------------------------------------- tests

def test_first_click_switches_the_language(page):
    """The first session of a fresh server (this test runs first): its very first click must count. An
    app with a `pages/` folder starts wrapped in Streamlit's first multipage mode, which used to swallow it."""
    _settle(page, "Обзор")
    page.get_by_role("radio", name="English").check(force=True)
    _settle(page, "Overview")
    assert page.get_by_role("radio", name="English").is_checked()
    assert page.locator('[data-testid="stMetric"]', has_text="Active partners").count() == 1
    assert "Demo data is shown" in page.locator('[data-testid="stAlert"]').first.inner_text()
    _no_exception(page, "Overview in English")


def test_pages_render_in_russian(page):
    _settle(page, "Обзор")
    for text in ("Активные партнёры", "Доля онлайн", "демонстрационные данные"):
        expect = page.get_by_text(text, exact=False).first
        assert expect.is_visible(), f"«{text}» is not visible on the Overview"
    assert page.locator('[data-testid="stMetric"]').count() == len(metrics.KPI_NAMES)
    nav = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    for _, title, _ in PAGES:
        assert any(title in link for link in nav), f"no sidebar link «{title}» in {nav}"

    failures = []
    for stem, title, legend in PAGES:
        _go(page, title)
        _shot(page, stem)
        if page.locator('[data-testid="stException"]').count():
            failures.append(f"{title}: {page.locator('[data-testid=stException]').first.inner_text()[:600]}")
            continue
        if stem in CHART_PAGES:
            assert page.locator(CHARTS).count() > 0, f"{title}: no chart"
            texts = _chart_texts(page)
            assert CYRILLIC.search(texts), f"{title}: no Cyrillic text in the charts: {texts[:300]!r}"
            if legend:
                assert legend in texts, f"{title}: «{legend}» not in the charts' text: {texts[:500]!r}"
    # Every page is visited before failing, so one broken page does not hide another.
    assert not failures, "tracebacks on pages:\n" + "\n\n".join(failures)


def test_broken_upload_shows_a_russian_error(page, tmp_path):
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n")

    _settle(page, "Обзор")
    _go(page, "Данные")
    _upload(page, path)
    error = page.locator('[data-testid="stAlertContentError"]', has_text="не удалось прочитать")
    error.wait_for()
    _settle(page, "Данные")
    message = error.inner_text()
    assert "report.xlsx" in message and CYRILLIC.search(message), message
    _no_exception(page, "Данные after a broken upload")
    _shot(page, "data_error")

    # The broken file is not taken: the pages still show the demo data. (This test runs before the good
    # upload, so the demo data is what the server shows whatever the Data page does with a good file.)
    _go(page, "Обзор")
    page.get_by_text("демонстрационные данные").first.wait_for()
    _no_exception(page, "Обзор after a broken upload")


def test_upload_changes_the_numbers(page, tmp_path):
    data = synthetic_workbook(300, seed=7, years=range(2021, 2024))
    ds = read_workbook(data, "partnerlib_synthetic.xlsx").dataset()
    year = metrics.years(ds)[-1]
    figures = metrics.kpis(ds, year)
    demo = read_workbook(sample_workbook_bytes(), "sample.xlsx").dataset()
    demo_figures = metrics.kpis(demo, metrics.years(demo)[-1])
    assert figures["events"]["value"] != demo_figures["events"]["value"], "the test data must differ from the demo"
    path = tmp_path / "partnerlib_synthetic.xlsx"
    path.write_bytes(data)

    _settle(page, "Обзор")
    _go(page, "Данные")
    _upload(page, path)
    page.locator('[data-testid="stAlertContentSuccess"]', has_text="Прочитано").wait_for()
    _settle(page, "Данные")
    _no_exception(page, "Данные after the upload")
    _shot(page, "data_upload")

    _go(page, "Обзор")
    _no_exception(page, "Обзор after the upload")
    page.get_by_text(f"Главное за {year} год").wait_for()
    assert page.get_by_text("демонстрационные данные").count() == 0, "the demo banner is still shown"
    assert page.get_by_text("partnerlib_synthetic.xlsx").count() > 0, "the uploaded file is not named"
    for name, label in (("events", "Мероприятия"), ("participants", "Участники")):
        shown = _kpi(page, label)
        expected = fmt.number(figures[name]["value"], "ru").replace(fmt.NBSP, " ")
        assert shown == expected, f"KPI «{label}»: the page shows {shown!r}, the upload gives {expected!r}"
    assert _kpi(page, "Мероприятия") != fmt.number(demo_figures["events"]["value"], "ru").replace(fmt.NBSP, " ")
    assert CYRILLIC.search(_chart_texts(page)), "no Cyrillic text in the Overview's charts after the upload"
    _shot(page, "overview_upload")


# ---------------------------------------------------------------- every word she reads

# Words in the other alphabet that belong on the page: names of platforms and file formats, the
# language switch's own name, product names, and the setting an administrator types.
ALLOWED_LATIN = {"zoom", "youtube", "vk", "telegram", "png", "pdf", "xlsx", "xlsm", "xls", "ods", "csv", "pptx", "docx",
                 "html", "excel", "english", "language", "admin_password", "streamlit", "secrets", "toml"}
ALLOWED_CYRILLIC = {"русский", "язык"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_]*")
CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+")
# Everything a reader can see or hear: visible text nodes (icons drawn from ligatures aside), and the
# aria-labels, titles, placeholders and plotly tooltips of every element. Elements inside `skip` hold data
# from the sheet (names of partners and events), which stay in their own language.
WORDS_JS = """(skip) => {
    const out = [];
    const data = (el) => skip && (el.closest(skip) || (el.closest('.js-plotly-plot')
                                                      && !el.closest('.gtitle, .g-xtitle, .g-ytitle, .legend')));
    const shown = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement, text = n.nodeValue.trim();
        if (!text || !el || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName)) continue;
        if (data(el) || /Material/.test(getComputedStyle(el).fontFamily) || !shown(el)) continue;
        out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],[data-title]')) {
        if (data(el)) continue;
        for (const a of ['aria-label', 'title', 'placeholder', 'data-title']) {
            const v = el.getAttribute(a); if (v) out.push(v);
        }
    }
    return out;
}"""
# Data in the English walk, which stays as the sheet wrote it: what charts draw (partner, event and platform
# names; their titles, axis titles and legends are checked), the cells of the tables behind them (their
# headings are checked), the Export page's example choices, the partners named by the register's alerts.
ENGLISH_DATA = (".st-key-export_examples, [data-testid='stTable'] td, [data-testid='stTable'] tbody th, "
                ".st-key-alerts_list strong")


def _foreign_words(page, lang: str) -> set[str]:
    """Words of the other alphabet on the page now, outside the allow-list (with tooltips hovered open)."""
    texts = page.evaluate(WORDS_JS, "" if lang == "ru" else ENGLISH_DATA)
    for target in page.locator('[data-testid="stTooltipHoverTarget"]').all()[:4]:
        if target.is_visible():
            try:
                target.hover(timeout=3000)
            except sync_api.TimeoutError:  # another element lies over it (a table scrolled under it)
                target.dispatch_event("mouseover")
            texts += page.locator('[data-testid="stTooltipContent"]').all_inner_texts()
    table = page.locator('[data-testid="stDataFrame"]').first
    if table.count() and table.is_visible():
        table.hover()
        for button in page.locator('[data-testid="stElementToolbarButton"]').all():
            if button.is_visible():
                button.hover()
                texts += page.locator('[data-testid="stTooltipContent"]').all_inner_texts()
    pattern, allowed = (LATIN_WORD, ALLOWED_LATIN) if lang == "ru" else (CYRILLIC_WORD, ALLOWED_CYRILLIC)
    return {w for text in texts for w in pattern.findall(text) if w.lower() not in allowed}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_page_speaks_one_language(page, lang):
    """Every page, with the uploader, the tables' toolbars, the tooltips and the charts' toolbars: no
    word of the other alphabet outside a short allow-list (Streamlit's own words included)."""
    _settle(page, "Обзор")
    titles = [title for _, title, _ in PAGES]
    if lang == "en":
        page.get_by_role("radio", name="English").check(force=True)
        _settle(page, "Overview")
        titles = ["Overview", "Partners", "Events", "Reach and views", "Data", "Export"]
    found = {}
    for title in titles:
        _go(page, title)
        page.locator('[data-testid="stPlotlyChart"]').first.hover() if page.locator(
            '[data-testid="stPlotlyChart"]').count() else None
        words = _foreign_words(page, lang)
        if words:
            found[title] = sorted(words)
    assert not found, f"words in the other alphabet ({lang}): {found}"


# ---------------------------------------------------------------- the upload stays until she decides

def test_upload_stays_across_pages_until_saved(page, tmp_path):
    data = synthetic_workbook(120, seed=17, years=range(2022, 2024))
    path = tmp_path / "годовой_отчёт.xlsx"
    path.write_bytes(data)
    _settle(page, "Обзор")
    _go(page, "Данные")
    _upload(page, path)
    page.locator('[data-testid="stAlertContentSuccess"]', has_text="годовой_отчёт.xlsx").wait_for()
    _settle(page, "Данные")
    # the uploader's chip of the file, its size included («25,3 КБ», not «25.3KB»), speaks Russian
    chip = page.locator('[data-testid="stFileUploader"]').inner_text()
    assert "годовой_отчёт.xlsx" in chip and "КБ" in chip and "KB" not in chip, chip
    assert "add icon" not in chip and "добавить" in chip, chip  # the hidden label of its «+» button too

    _go(page, "Партнёры")
    banner = page.locator('[data-testid="stAlertContentWarning"]', has_text="он ещё не сохранён")
    assert "годовой_отчёт.xlsx" in banner.inner_text()
    _go(page, "Данные")
    page.locator('[data-testid="stAlertContentSuccess"]', has_text="годовой_отчёт.xlsx").wait_for()
    assert page.get_by_text("Новых мероприятий: 120").count() == 1
    page.locator(".st-key-data_save button").click()
    page.locator('[data-testid="stAlertContentSuccess"]', has_text="импорт № 1").wait_for()
    _settle(page, "Данные")
    assert page.locator('[data-testid="stAlertContentWarning"]', has_text="он ещё не сохранён").count() == 0
    _go(page, "Обзор")
    page.get_by_text("Показаны сохранённые данные библиотеки").wait_for()
    _no_exception(page, "Обзор after saving")


def test_a_refused_file_names_itself_and_replaces_the_previous_message(page, tmp_path):
    first, second = tmp_path / "заметки.docx", tmp_path / "фото.png"
    first.write_bytes(b"PK\x03\x04 not really a workbook")
    second.write_bytes(b"\x89PNG\r\n\x1a\n not a workbook")
    _settle(page, "Обзор")
    _go(page, "Данные")
    _upload(page, first)
    page.locator('[data-testid="stAlertContentError"]', has_text="заметки.docx").wait_for()
    _upload(page, second)
    page.locator('[data-testid="stAlertContentError"]', has_text="фото.png").wait_for()
    _settle(page, "Данные")
    errors = page.locator('[data-testid="stAlertContentError"]').all_inner_texts()
    assert not any("заметки.docx" in e for e in errors), errors
    assert all(CYRILLIC.search(e) for e in errors), errors


# ---------------------------------------------------------------- the deck she presents

def test_downloaded_deck_opens_and_renders(page, tmp_path):
    from pptx import Presentation

    _settle(page, "Обзор")
    _go(page, "Данные")
    page.locator(".st-key-data_library_name input").fill("Библиотека имени Пушкина")
    page.locator(".st-key-data_library_city input").fill("Саров")
    page.locator(".st-key-data_library_city input").press("Enter")
    _settle(page, "Данные")
    page.locator(".st-key-data_library_save button").click()
    page.locator('[data-testid="stAlertContentSuccess"]', has_text="Название сохранено").wait_for()
    _go(page, "Экспорт")
    with page.expect_download(timeout=120_000) as download:
        page.locator(".st-key-export_deck button").click()
    path = tmp_path / "deck.pptx"
    download.value.save_as(path)
    deck = Presentation(str(path))
    slides = list(deck.slides)
    assert len(slides) >= 5
    title = " ".join(s.text_frame.text for s in slides[0].shapes if s.has_text_frame)
    assert "Социальное партнёрство" in title and "Библиотека имени Пушкина, Саров" in title, title
    for number, slide in enumerate(slides, start=1):
        texts = [s.text_frame.text.strip() for s in slide.shapes if s.has_text_frame]
        charts = [s for s in slide.shapes if s.has_chart or s.has_table]
        body = [t for t in texts[1:] if t]
        assert body or charts, f"slide {number} holds nothing but its title: {texts}"
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed: the deck was not rendered")
    out = tmp_path / "pdf"
    subprocess.run([office, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(path)],
                   check=True, timeout=180, capture_output=True)
    pdf = out / "deck.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True, timeout=60).stdout
        assert re.search(r"^Pages:\s+(\d+)", info, re.M).group(1) == str(len(slides))


# ---------------------------------------------------------------- the key figures at every width

def _value_fits(page, label: str) -> dict:
    """The KPI card's value: its text and whether all of it shows (nothing cut off or hidden by an ellipsis)."""
    card = page.locator('[data-testid="stMetric"]', has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').evaluate(
        """v => {
            const cut = [v, ...v.querySelectorAll('*')].filter(e => e.scrollWidth > e.clientWidth + 1
                || e.scrollHeight > e.clientHeight + 1);
            const card = v.closest('[data-testid="stMetric"]').getBoundingClientRect();
            const text = v.getBoundingClientRect();
            return {text: v.innerText, cut: cut.map(e => e.className), inside: text.right <= card.right + 1};
        }""")


@pytest.mark.parametrize("width", [1400, 390])
def test_new_partners_card_shows_its_whole_text_in_the_datas_first_year(browser, server, tmp_path, width):
    # One year of events and no register: nothing to compare with, so the card says so in words.
    path = tmp_path / "один год.xlsx"
    rows = [["Дата проведения", "Название мероприятия", "Партнёр(ы)", "Форма проведения", "Кол-во участников"]]
    rows += [[f"{d:02d}.03.2023", f"Встреча {d}", f"Партнёр {d % 4}", "очно", 10 + d] for d in range(1, 9)]
    path.write_bytes(xlsx_bytes({"Мероприятия": rows}))
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ru-RU")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        pg = context.new_page()
        pg.goto(server)
        _settle(pg, "Обзор")
        if width < 600:  # the phone: the sidebar is a drawer; the page link is in it
            pg.locator('[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button'
                       ).first.click()
        _go(pg, "Данные")
        _upload(pg, path)
        pg.locator('[data-testid="stAlertContentSuccess"]', has_text="Прочитано").wait_for()
        _settle(pg, "Данные")
        if width < 600 and not pg.locator('[data-testid="stSidebarNav"] a').first.is_visible():
            pg.locator('[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button'
                       ).first.click()
        _go(pg, "Обзор")
        if width < 600:  # close the drawer, which covers the page on a phone
            pg.locator('[data-testid="stSidebarCollapseButton"] button').first.click()
            pg.wait_for_function("""() => document.querySelector('[data-testid="stSidebar"]')
                .getBoundingClientRect().right <= 1""")
        shown = _value_fits(pg, "Новые партнёры")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pg.locator('[data-testid="stMetric"]', has_text="Новые партнёры").first.screenshot(
            path=str(ARTIFACTS / f"kpi_first_year_{width}.png"))
        assert shown["text"].strip() == "нет данных за прошлый год"
        assert not shown["cut"], f"at {width} px the card's text is cut off: {shown}"
        assert shown["inside"], f"at {width} px the card's text runs out of the card: {shown}"
    finally:
        context.close()
