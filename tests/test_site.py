"""Tests of the page of partners for the library's website (partnerlib.site): parsed back, every partner of the
register once under its category, the figures of metrics, nothing personal, nothing fetched, nothing from a cell
read as markup; the `site` command; the Export page's button; the page in Chromium with the network blocked."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import lxml.html
import pandas as pd
import pytest
from conftest import workbook_dataset
from test_cli import run

from partnerlib import fmt, metrics, read_workbook, safe
from partnerlib.categories import category_order
from partnerlib.model import NO_CATEGORY, Dataset
from partnerlib.sample import sample_workbook_bytes
from partnerlib.site import PUBLIC_PARTNER_FIELDS, public_dataset, site_html
from partnerlib.textfit import clean
from partnerlib.values import normalise_name

ROOT = Path(__file__).resolve().parent.parent
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
CHARTS = ("partners", "formats", "reach")
HOSTILE = ['<script>alert(1)</script>', '<img src=x onerror="alert(2)">', 'Клуб "Радуга" & «Ко»',
           "</li></ul><h3>Поддельная категория</h3>", "O'Brien & Sons <b>жирный</b>"]
PERSONAL = {"contact_name": "Иванова Мария Петровна", "contact_position": "Заведующая отделом",
            "contact_phone": "+7 (83130) 9-99-99", "contact_email": "ivanova@mail.example",
            "responsible": "Петрова Анна Андреевна", "agreement_number": "№ 42/7-Д"}


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return read_workbook(sample_workbook_bytes(), "sample.xlsx").dataset()


def small() -> Dataset:
    """Every kind of partner group: levels inside «Организации и учреждения», a library's own category, a
    partner with no category, one name written twice, a partner with events only."""
    partners = [
        {"partner": "Администрация города", "category": "Органы власти", "level": "муниципальный", "since": 2015},
        {"partner": "Областная библиотека", "category": "Организации и учреждения", "level": "региональный"},
        {"partner": "Лицей № 3", "category": "Организации и учреждения", "level": "муниципальный", "since": 2018},
        {"partner": "Музей", "category": "Организации и учреждения"},
        {"partner": "Клуб «Радуга»", "category": "Клубы по интересам"},
        {"partner": "Газета «Курьер»", "category": "СМИ", "since": 2010},
        {"partner": "газета \"Курьер\"", "category": "СМИ"},
    ]
    events = [
        {"date": "12.03.2020", "title": "Встреча", "partners": "Администрация города; Музей", "format": "очно",
         "participants": 1200, "description": "Встреча с главой города", "library_benefit": "Новые читатели"},
        {"date": "01.06.2021", "title": "Праздник", "partners": "Клуб «Радуга»; Газета «Курьер»", "format": "онлайн",
         "participants": 40, "views": 3500, "society_benefit": "Досуг семей"},
        {"date": "05.09.2021", "title": "Квест", "partners": "Лицей № 3; Фонд «Мир»", "category": "Другие",
         "format": "смешанный", "participants": 25},
    ]
    ds = workbook_dataset(partners, events)
    # A partner the register gives no category (a sheet would fill the one above down into its row).
    nameless = pd.DataFrame({"partner": ["Волонтёры"]}).astype({"partner": "string"})
    return Dataset(pd.concat([ds.partners, nameless], ignore_index=True), ds.events, ds.event_partners)


def hostile() -> Dataset:
    """Markup, quotes and ampersands in every text that reaches the page; websites that are not addresses."""
    partners = [{"partner": name, "category": "Органы власти" if i % 2 else "<i>Своя</i> категория & «Ко»"}
                for i, name in enumerate(HOSTILE)]
    events = [{"date": "01.02.2021", "title": f"<script>alert({i})</script>", "partners": name, "format": "очно",
               "participants": 10 + i, "description": '<a href="http://evil.example/">ссылка</a> & "кавычки"',
               "library_benefit": "<img src=x onerror=alert(3)>", "society_benefit": "<style>body{}</style>",
               "library": "<b>Филиал</b> & «№ 2»"}
              for i, name in enumerate(HOSTILE)]
    ds = workbook_dataset(partners, events)
    websites = ["javascript:alert(1)", 'https://evil.example/"onmouseover="alert(1)', "data:text/html,<b>x</b>",
                "www.sarov-lib.ru", None]
    return Dataset(ds.partners.assign(website=websites), ds.events, ds.event_partners)


# ---------------------------------------------------------------- reading the page back

def tree(page: str):
    return lxml.html.document_fromstring(page)


_STEP = re.compile(r"""(?P<tag>[a-z0-9]+)?(?P<rest>(?:#[\w-]+|\.[\w-]+|\[[\w-]+(?:="[^"]*")?\])*)""")
_PART = re.compile(r"""#([\w-]+)|\.([\w-]+)|\[([\w-]+)(?:="([^"]*)")?\]""")


def select(el, selector: str) -> list:
    """The elements a small CSS selector names (tags, #id, .class, [attr], [attr="v"], descendant and `>`),
    by XPath: lxml's cssselect needs a package the project does not otherwise use."""
    path, axis = ".", "//"
    for token in selector.split():
        if token == ">":
            axis = "/"
            continue
        m = _STEP.fullmatch(token)
        tests = []
        for ident, cls, attr, value in _PART.findall(m.group("rest")):
            if ident:
                tests.append(f"@id='{ident}'")
            elif cls:
                tests.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')")
            else:
                tests.append(f"@{attr}='{value}'" if value else f"@{attr}")
        path += axis + (m.group("tag") or "*") + "".join(f"[{t}]" for t in tests)
        axis = "//"
    return el.xpath(path)


def words(el) -> str:
    return " ".join(el.text_content().split())


def partner_sections(page: str) -> list[tuple[str, list[str]]]:
    """(category key, the partners' names under it) in the page's order, from section «Наши партнёры»."""
    doc = tree(page)
    return [(s.get("data-category"), [words(p) for p in select(s, "li .partner")])
            for s in select(doc, "#partners section.category")]


def register(ds: Dataset) -> dict[str, str]:
    """The register's partners, each once (as the store's key folds names): name -> category key."""
    reg = ds.partners.assign(name=ds.partners["partner"].map(clean))
    reg = reg[reg["name"] != ""]
    reg = reg.assign(key=reg["name"].map(normalise_name)).drop_duplicates("key")
    cats = reg["category"].astype(object).where(reg["category"].notna(), NO_CATEGORY)
    return dict(zip(reg["name"].map(lambda s: " ".join(s.split())), cats, strict=True))


class Tags(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer meets them."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


# ---------------------------------------------------------------- partners by category

@pytest.mark.parametrize("make", ["sample", "small", "hostile"])
def test_every_partner_of_the_register_is_there_once_under_its_category_in_order(make, sample):
    ds = sample if make == "sample" else {"small": small, "hostile": hostile}[make]()
    page = site_html(ds)
    sections = partner_sections(page)
    expected = register(ds)
    assert [key for key, _ in sections] == category_order(expected.values())
    shown = [(name, key) for key, names in sections for name in names]
    assert sorted(name for name, _ in shown) == sorted(expected)  # each once: no more, no less
    assert all(expected[name] == key for name, key in shown)


def test_the_groups_are_those_of_report_411():
    ds = small()
    doc = tree(site_html(ds))
    institutions = select(doc, 'section.category[data-category="institutions"]')[0]
    assert [words(h) for h in select(institutions, "h4")] == ["Федеральные и региональные", "Местные",
                                                               "Уровень не указан"]
    assert [[words(p) for p in select(ul, ".partner")] for ul in select(institutions, "ul")] == [
        ["Областная библиотека"], ["Лицей № 3"], ["Музей"]]
    headings = [words(h) for h in select(doc, "#partners section.category > h3")]
    assert headings == ["Местные органы власти", "Организации и учреждения", "СМИ", "Клубы по интересам",
                        "Без категории"]
    # The register's year and a second spelling of the same partner: one line, with its year.
    media = select(doc, 'section.category[data-category="media"] li')
    assert [words(li) for li in media] == ["Газета «Курьер» с 2010 года"]


@pytest.mark.parametrize(("lang", "heading", "since"), [("ru", "Наши партнёры", "с 2015 года"),
                                                        ("en", "Our partners", "since 2015")])
def test_the_page_speaks_its_language(lang, heading, since):
    doc = tree(site_html(small(), lang=lang))
    assert doc.get("lang") == lang
    assert words(select(doc, "#partners h2")[0]) == heading
    assert words(select(doc, ".since")[0]) == since


# ---------------------------------------------------------------- the figures

def number(text: str) -> int:
    return int(re.sub(r"[\s\u00a0,]", "", text))


@pytest.mark.parametrize(("lang", "year"), [("ru", None), ("ru", 2020), ("en", None), ("en", 2019)])
def test_the_figures_are_those_of_metrics(sample, lang, year):
    page = site_html(sample, lang=lang, year=year)
    year = year or metrics.years(sample)[-1]
    kpis = metrics.kpis(sample, year)
    doc = tree(page)
    shown = {d.get("data-figure"): select(d, "dd")[0].text_content() for d in select(doc, "[data-figure]")}
    assert list(shown) == ["active_partners", "events", "participants", "views"]
    assert {k: number(v) for k, v in shown.items()} == {k: kpis[k]["value"] for k in shown}
    assert str(year) in words(select(doc, "#figures h2")[0])


def test_numbers_are_written_as_the_language_writes_them():
    ru = select(tree(site_html(small(), year=2020)), '[data-figure="participants"] dd')[0].text_content()
    en = select(tree(site_html(small(), lang="en", year=2020)), '[data-figure="participants"] dd')[0]
    assert (ru, en.text_content()) == ("1\u00a0200", "1,200")


def test_the_charts_are_plotly_figures_of_the_years_up_to_the_pages_year(sample):
    page = site_html(sample, year=2020)
    doc = tree(page)
    assert [c.get("data-chart") for c in select(doc, ".chart")] == list(CHARTS)
    plots = [s.text_content() for s in select(doc, ".chart script")]
    assert len(plots) == 3 and all("Plotly.newPlot" in p for p in plots)
    years = {int(y) for y in re.findall(r'"categoryarray":\[([\d,]+)\]', "".join(plots))[0].split(",")}
    assert max(years) == 2020 and min(years) == metrics.years(sample)[0]


def chart_table(doc, chart: str) -> tuple[list[str], dict[int, list[int]]]:
    """The headings and the rows (year -> numbers) of a chart's data table."""
    table = select(doc, f'.chart[data-chart="{chart}"] table')[0]
    heads = [words(th) for th in select(table, "thead th")][1:]
    rows = {int(words(select(tr, "th")[0])): [number(td.text_content()) for td in select(tr, "td")]
            for tr in select(table, "tbody tr")}
    return heads, rows


def test_each_chart_has_its_numbers_as_a_table(sample):
    doc = tree(site_html(sample, year=2021))
    reach = metrics.reach_by_year(sample, (metrics.years(sample)[0], 2021))
    assert chart_table(doc, "reach") == (["Участники", "Просмотры"], {
        int(r.year): [int(r.participants), int(r.views)] for r in reach.itertuples()})
    heads, rows = chart_table(doc, "partners")
    assert heads == ["Органы власти", "Организации и учреждения", "Социальные службы", "Общественные организации",
                     "СМИ", "Другие"]
    yearly = metrics.yearly(sample).set_index("year")
    assert {y: sum(v) for y, v in rows.items()} == {y: int(yearly.loc[y, "active_partners"]) for y in rows}
    heads, rows = chart_table(doc, "formats")
    assert heads == ["онлайн", "очно", "смешанный"]
    assert rows[2020] == [int(yearly.loc[2020, f]) for f in ("online", "offline", "hybrid")]
    assert max(rows) == 2021


# ---------------------------------------------------------------- the examples of Table 15

def test_the_examples_are_those_of_report_table_15(sample):
    from partnerlib.report import report_examples

    doc = tree(site_html(sample, year=2020))
    expected = report_examples(sample, 2020)
    articles = select(doc, "#examples article.example")
    assert [a.get("data-category") for a in articles] == list(expected["category"])
    for article, row in zip(articles, expected.itertuples(), strict=True):
        assert words(select(article, "h3")[0]) == row.heading
        texts = [" ".join(p.text_content().split()) for p in select(article, "p[data-sheet]")[1:]]
        assert texts == [" ".join(t.split()) for t in (row.description, row.library_benefit, row.society_benefit)
                         if t]
    assert "Вечер искусств «Арт-позитив – детям Сарова»" in words(select(doc, "#examples")[0])


def test_a_chosen_example_replaces_the_default(sample):
    candidates = metrics.candidates(sample, "media", 2020)
    other = candidates[candidates["description"].notna()].iloc[-1]
    doc = tree(site_html(sample, year=2020, chosen={"media": int(other["event_id"])}))
    media = select(doc, '#examples article[data-category="media"]')[0]
    assert words(select(media, "p[data-sheet]")[1]) == " ".join(clean(other["description"]).split())


# ---------------------------------------------------------------- safety

def test_text_from_cells_is_only_text():
    ds = hostile()
    page = site_html(ds, library='<script>alert("lib")</script> & «Библиотека»')
    for raw in ("<script>alert(", "<img src=x", "<b>", "<i>", "<style>body", 'href="http://evil', "</li></ul><h3>"):
        assert raw not in page, raw
    tags = Tags(page).tags
    assert {tag for tag, _ in tags} <= {"html", "head", "meta", "title", "style", "script", "body", "header", "h1",
                                        "p", "main", "section", "h2", "h3", "h4", "ul", "li", "span", "a", "dl",
                                        "div", "dt", "dd", "article", "footer", "details", "summary", "table",
                                        "thead", "tbody", "tr", "th", "td"}
    assert not [(tag, name) for tag, attrs in tags for name in attrs if name.startswith("on")]
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert len(scripts) == 1 + len(CHARTS) and not any(scripts)  # plotly.js and the charts, nothing else
    doc = tree(page)
    assert select(doc, "h1")[0].text_content() == '<script>alert("lib")</script> & «Библиотека»'
    assert sorted(words(p) for p in select(doc, "li .partner")) == sorted(" ".join(n.split()) for n in HOSTILE)
    assert '<i>Своя</i> категория & «Ко»' in [words(h) for h in select(doc, "#partners h3")]
    example = select(doc, "#examples article p[data-sheet]")
    assert '<a href="http://evil.example/">ссылка</a> & "кавычки"' in [p.text_content() for p in example]
    # Only a real address becomes a link, and only to its own website.
    assert [(a.get("href"), a.text_content()) for a in select(doc, "a")] == [
        ("https://www.sarov-lib.ru", "sarov-lib.ru")]


@pytest.mark.parametrize("make", ["sample", "hostile"])
def test_nothing_is_fetched_from_another_host(make, sample):
    page = site_html(sample if make == "sample" else hostile())
    tags = Tags(page).tags
    fetched = [(tag, attrs.get("src") or attrs.get("href")) for tag, attrs in tags
               if tag != "a" and (attrs.get("src") or attrs.get("href") or attrs.get("srcset"))]
    assert fetched == []
    assert [tag for tag, _ in tags if tag in ("img", "link", "iframe", "object", "embed", "base", "source")] == []
    style = select(tree(page), "style")[0].text_content()
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    csp = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp


def test_nothing_personal_reaches_the_page(sample):
    extra = {name: [value] * len(sample.partners) for name, value in PERSONAL.items()}
    ds = Dataset(sample.partners.assign(**extra), sample.events.assign(contact_phone=PERSONAL["contact_phone"]),
                 sample.event_partners)
    assert set(public_dataset(ds).partners.columns) <= set(PUBLIC_PARTNER_FIELDS)
    assert "contact_phone" not in public_dataset(ds).events.columns
    for lang in ("ru", "en"):
        page = site_html(ds, lang=lang)
        leaked = [v for v in PERSONAL.values() if v in page or safe.html(v) in page]
        assert leaked == [], lang
        assert page == site_html(sample, lang=lang)  # the same page as without them


def test_english_has_no_cyrillic_outside_the_data(sample):
    page = site_html(sample, lang="en", library="Children's Library, Sarov")
    doc = tree(page)
    for el in select(doc, "[data-sheet]"):
        el.drop_tree()
    for el in select(doc, "script"):  # plotly.js holds no Cyrillic; the charts' data is checked below
        el.drop_tree()
    assert CYRILLIC.findall(doc.text_content()) == []
    attributes = " ".join(v for el in doc.iter() if isinstance(el.tag, str) for v in el.attrib.values())
    assert not CYRILLIC.search(attributes)
    charts = " ".join(s.text_content() for s in select(tree(page), ".chart script"))
    assert not CYRILLIC.search(charts)


@pytest.mark.parametrize(("value", "expected"), [
    ("https://lib-sarov.ru/", "https://lib-sarov.ru/"),
    ("http://музей.рф/о-нас?id=1", "http://музей.рф/о-нас?id=1"),
    ("www.sarov.info", "https://www.sarov.info"),
    ("sarov.info/партнёры", "https://sarov.info/партнёры"),
    (" HTTPS://Lib.RU ", "HTTPS://Lib.RU"),
    ("javascript:alert(1)", None),
    ("JavaScript://lib.ru/%0aalert(1)", None),
    ("data:text/html,<script>x</script>", None),
    ("mailto:director@lib.ru", None),
    ("ftp://lib.ru", None),
    ("/partners.html", None),
    ('https://lib.ru/"onmouseover="x', None),
    ("https://lib.ru/<b>", None),
    ("сайт библиотеки", None),
    ("localhost", None),
    ("https://", None),
    (None, None),
    (float("nan"), None),
])
def test_href_takes_only_a_websites_address(value, expected):
    assert safe.href(value) == expected


# ---------------------------------------------------------------- the command

def test_site_command_writes_one_page_into_the_folder(tmp_path):
    out = tmp_path / "сайт" / "партнёры"
    done = run("site", "-o", str(out), str(ROOT / "sample_data" / "partnerlib_sample.xlsx"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Страница партнёров записана: {out / 'index.html'}"
    assert [p.name for p in out.iterdir()] == ["index.html"]
    doc = tree((out / "index.html").read_text(encoding="utf-8"))
    assert doc.get("lang") == "ru" and words(select(doc, "h1")[0]) == "Детская библиотека им. А.С. Пушкина"


def test_site_command_in_english_with_the_librarys_name_into_a_file(tmp_path):
    book = tmp_path / "книга.xlsx"
    book.write_bytes(sample_workbook_bytes())
    page = tmp_path / "partners.html"
    done = run("site", "-o", str(page), "--file", str(book), "--lang", "en", "--library", "ЦГБ, Саров",
               "--year", "2020")
    assert done.returncode == 0, done.stderr
    doc = tree(page.read_text(encoding="utf-8"))
    assert doc.get("lang") == "en" and words(select(doc, "h1")[0]) == "ЦГБ, Саров"
    assert words(select(doc, "#figures h2")[0]) == "Key figures of 2020"


def test_site_command_takes_the_name_set_in_the_store(tmp_path):
    from partnerlib.store import Store

    db = tmp_path / "store.db"
    book = tmp_path / "книга.xlsx"
    book.write_bytes(sample_workbook_bytes())
    assert run("import", str(book), "--db", str(db)).returncode == 0
    store = Store(str(db))
    store.set_setting("library_name", "Библиотека имени Пушкина")
    store.set_setting("city", "Саров")
    store.close()
    done = run("site", "-o", str(tmp_path / "out"), "--db", str(db))
    assert done.returncode == 0, done.stderr
    doc = tree((tmp_path / "out" / "index.html").read_text(encoding="utf-8"))
    assert words(select(doc, "h1")[0]) == "Библиотека имени Пушкина, Саров"


@pytest.mark.parametrize(("args", "code", "message"), [
    (["нет-такой.xlsx"], 1, "Нет такого файла: нет-такой.xlsx"),
    (["a.xlsx", "--file", "b.xlsx"], 2, "Укажите книгу один раз: FILE или --file."),
    (["a.xlsx", "--db", "x.db"], 2, "Укажите что-то одно: книгу (FILE) или базу (--db)."),
])
def test_site_command_says_what_is_wrong_and_writes_nothing(tmp_path, monkeypatch, args, code, message):
    monkeypatch.chdir(tmp_path)
    done = run("site", "-o", str(tmp_path / "out"), *args)
    assert (done.returncode, done.stderr.strip()) == (code, message)
    assert not (tmp_path / "out").exists()
    assert "Traceback" not in done.stderr


def test_site_command_cannot_write_says_so(tmp_path):
    (tmp_path / "файл").write_text("")
    done = run("site", "-o", str(tmp_path / "файл" / "out"), str(ROOT / "sample_data" / "partnerlib_sample.xlsx"))
    assert done.returncode == 1 and done.stderr.startswith("Не удалось записать"), done.stderr


# ---------------------------------------------------------------- the Export page's button

def test_export_page_offers_the_page_built_on_click(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest
    from streamlit.testing.v1 import app_test as app_test_module
    from test_app import APP, _NavigationPagesManager

    monkeypatch.setattr(app_test_module, "PagesManager", _NavigationPagesManager)
    monkeypatch.setenv("PARTNERLIB_DB_URL", f"sqlite:///{tmp_path / 'store.db'}")

    def refuse(*args, **kwargs):
        raise AssertionError("the page was built in the script run")

    monkeypatch.setattr("partnerlib.site.site_html", refuse)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/export.py").run()
    assert not at.exception, at.exception
    button = next(b for b in at.get("download_button") if b.key == "export_site")
    assert button.proto.label == "Страница партнёров для сайта (html)"


def test_the_export_files_include_the_page(sample):
    """What the button's callable builds: the page of the shown data, year, examples, language and name."""
    import partnerlib.ui as ui

    built = ui._export_file.__wrapped__("site", "token", (), 2020, (), "en", "ЦГБ, Саров", lambda: sample)
    assert built == site_html(sample, lang="en", library="ЦГБ, Саров", year=2020).encode("utf-8")


# ---------------------------------------------------------------- in a real browser, from disk, offline

# Before the page's own scripts: what its Content-Security-Policy refused (a fetch tried and stopped there,
# which the network's routes never see) and any dialog a cell's script would open.
WATCH = """window.__refused = [];
document.addEventListener('securitypolicyviolation',
                          e => window.__refused.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def open_offline(browser, path: Path, html: str, width: int = 1200):
    """(page, asked, errors): `html` written to `path` and opened from disk in a new context of `browser`, every
    request other than file:// aborted and listed in `asked`, script errors and dialogs in `errors`. The
    context closes with the browser."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    asked: list[str] = []
    errors: list[str] = []
    context = browser.new_context(viewport={"width": width, "height": 900})

    def only_files(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            asked.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    context.on("request", lambda r: None if r.url.startswith("file://") else asked.append(r.url))
    context.add_init_script(WATCH)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(path.as_uri())
    page.locator(".chart svg.main-svg").first.wait_for(timeout=60_000)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot svg.main-svg').length >= 3", timeout=60_000)
    return page, asked, errors


@pytest.fixture(scope="module")
def offline(tmp_path_factory):
    """open(html, width) -> (page, asked, errors) of `open_offline`, in one Chromium for the module."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Debian's /usr/bin/chromium is absent (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright python package is not installed")
    from test_browser import CHROMIUM_ARGS

    folder = tmp_path_factory.mktemp("site")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        count = iter(range(1000))
        try:
            yield lambda html, width=1200: open_offline(browser, folder / f"page{next(count)}" / "index.html", html,
                                                        width)
        finally:
            browser.close()


def charts_drawn(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('.chart')].map(c => ({
        chart: c.dataset.chart, svg: c.querySelectorAll('svg.main-svg').length,
        bars: c.querySelectorAll('g.point path').length,
        text: [...c.querySelectorAll('svg text')].map(t => t.textContent).join(' ')}))""")


@pytest.mark.browser
def test_the_page_opens_from_disk_with_the_network_blocked(offline, sample):
    page, asked, errors = offline(site_html(sample, library="Детская библиотека, Саров"))
    assert page.locator("h1").inner_text() == "Детская библиотека, Саров"
    headings = page.locator("#partners section.category > h3").all_inner_texts()
    assert headings == ["Местные органы власти", "Организации и учреждения", "Социальные службы",
                        "Общественные организации", "СМИ", "Другие"]
    drawn = charts_drawn(page)
    assert [d["chart"] for d in drawn] == list(CHARTS)
    assert all(d["svg"] and d["bars"] for d in drawn), drawn
    assert "Организации и учреждения" in drawn[0]["text"] and "онлайн" in drawn[1]["text"]
    participants = metrics.kpis(sample, metrics.years(sample)[-1])["participants"]["value"]
    assert page.locator('[data-figure="participants"] dd').inner_text() == fmt.number(participants)
    assert page.locator("li .partner").count() == len(register(sample))
    assert errors == []
    assert asked == [] and page.evaluate("window.__refused") == []  # nothing was even attempted


@pytest.mark.browser
def test_a_hostile_sheet_is_only_text_in_the_browser(offline):
    page, asked, errors = offline(site_html(hostile(), library="<img src=x onerror=alert(9)>"))
    assert errors == [] and asked == [] and page.evaluate("window.__refused") == []
    assert page.locator("h1").inner_text() == "<img src=x onerror=alert(9)>"
    assert sorted(page.locator("li .partner").all_inner_texts()) == sorted(" ".join(n.split()) for n in HOSTILE)
    assert page.locator("img, main style, #partners b, #partners i, #examples a").count() == 0
    assert page.locator("a").evaluate_all("links => links.map(a => a.href)") == ["https://www.sarov-lib.ru/"]
    # In the charts too: a library's own category is its label as written, markup and all.
    assert "<i>Своя</i> категория & «Ко»" in charts_drawn(page)[0]["text"]
    assert page.locator(".chart svg [style*='italic'], .chart svg a").count() == 0


@pytest.mark.browser
def test_the_page_in_english_on_a_phone(offline, sample):
    page, asked, errors = offline(site_html(sample, lang="en", library="Children's Library, Sarov"), width=390)
    assert errors == [] and asked == []
    assert page.locator("#partners h2").inner_text() == "Our partners"
    assert page.locator("#partners section.category > h3").all_inner_texts()[:2] == ["Local authorities",
                                                                                  "Organisations and institutions"]
    assert "online" in charts_drawn(page)[1]["text"]
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_page_is_written_once_per_call_alike(sample):
    """The same data gives the same page, byte for byte (no ids, dates or random names in it)."""
    assert site_html(sample) == site_html(sample)


def test_an_empty_dataset_gives_a_page_that_says_so():
    doc = tree(site_html(Dataset.empty()))
    assert words(select(doc, "#partners p")[0]) == "Партнёров нет."
    assert select(doc, "#figures") == [] and select(doc, ".chart") == []


def test_the_public_fields_are_fields_of_the_model_and_none_is_personal():
    from partnerlib.model import PARTNER_COLUMNS, PERSONAL_FIELDS

    assert set(PUBLIC_PARTNER_FIELDS) <= set(PARTNER_COLUMNS)
    assert not set(PUBLIC_PARTNER_FIELDS) & PERSONAL_FIELDS
    assert {"contact_name", "contact_phone", "contact_email", "responsible"} <= PERSONAL_FIELDS
    assert pd.Index(PUBLIC_PARTNER_FIELDS).is_unique


REGISTER_ROW = {"partner": "Городской музей", "category": "Организации и учреждения", "level": "муниципальный",
                "since": 2012, "agreement_kind": "договор", "agreement_number": "№ 17/2-С",
                "agreement_signed": "15.01.2020", "agreement_until": "31.12.2025",
                "contact_name": "Сидорова Ольга Ивановна", "contact_position": "Заместитель директора",
                "contact_phone": "+7 (83130) 7-77-77", "contact_email": "sidorova@museum.example",
                "responsible": "Кузнецова Е. В.", "website": "museum-sarov.example/about"}


def register_dataset() -> Dataset:
    """A register read from a sheet with every field of the partner register filled in."""
    events = [{"date": "12.03.2021", "title": "Экскурсия", "partners": "Городской музей", "format": "очно",
               "participants": 30}]
    return workbook_dataset([REGISTER_ROW], events)


def test_the_registers_own_fields_stay_off_the_page_but_its_website():
    ds = register_dataset()
    assert ds.partners.loc[0, "contact_phone"] == REGISTER_ROW["contact_phone"]  # read, so it could leak
    for lang in ("ru", "en"):
        page = site_html(ds, lang=lang)
        private = ["agreement_number", "contact_name", "contact_position", "contact_phone", "contact_email",
                   "responsible"]
        assert [k for k in private if REGISTER_ROW[k] in page or safe.html(REGISTER_ROW[k]) in page] == []
        doc = tree(page)
        for script in select(doc, "script"):
            if "Plotly.newPlot" not in script.text_content():  # plotly.js itself: its own dates and numbers
                script.drop_tree()
        shown = lxml.html.tostring(doc, encoding="unicode")
        assert "2025" not in shown and "15.01.2020" not in shown and "2020-01-15" not in shown  # the agreement
        assert [(a.get("href"), words(a)) for a in select(doc, "#partners a")] == [
            ("https://museum-sarov.example/about", "museum-sarov.example/about")]


def test_the_site_command_from_the_store_keeps_contacts_off_the_page(tmp_path):
    from conftest import workbook_bytes

    book = tmp_path / "реестр.xlsx"
    book.write_bytes(workbook_bytes([REGISTER_ROW], [{"date": "12.03.2021", "title": "Экскурсия",
                                                      "partners": "Городской музей", "participants": 30}]))
    db = tmp_path / "store.db"
    assert run("import", str(book), "--db", str(db)).returncode == 0
    assert run("site", "-o", str(tmp_path / "out"), "--db", str(db)).returncode == 0
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Городской музей" in page and "museum-sarov.example" in page
    assert not [v for k, v in REGISTER_ROW.items() if k.startswith(("contact_", "responsible")) and v in page]
