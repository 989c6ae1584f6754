"""Tests of the round-table slide deck: slides, native charts against the metrics, layout, safety, rendering."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import workbook_dataset
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from partnerlib import metrics, narrative, read_workbook
from partnerlib.cli import main
from partnerlib.deck import (
    EX_BODY_TOP,
    LABEL_FORMAT,
    MARGIN_X,
    NUMBER_FORMAT,
    build_deck,
    deck_outline,
    library_name,
    number_formats,
)
from partnerlib.i18n import category_name, format_label
from partnerlib.model import FORMATS, Dataset
from partnerlib.sample import LIBRARY, sample_workbook_bytes
from partnerlib.textfit import shape_text_paras, text_frame_fits

YEAR = 2020
FORMULA = '=HYPERLINK("http://example.invalid","click")'
SENTENCE = ("Библиотека и партнёр провели совместную акцию для читателей всех возрастов, привлекли волонтёров "
            "и рассказали о ней в городских СМИ.")
LONG_NAME = ("Государственное бюджетное учреждение дополнительного образования «Центр развития творчества детей "
             "и юношества имени героя Советского Союза»")
LONG_LIBRARY = ("Муниципальное бюджетное учреждение культуры «Централизованная библиотечная система» города Энска, "
                "Центральная детская библиотека имени писателя-классика")
CATEGORIES_RU = ["Органы власти", "Организации и учреждения", "Социальные службы", "Общественные организации",
                 "СМИ", "Другие"]


def long_dataset(description_repeats: int = 12) -> Dataset:
    """40 new partners with very long names in 2024, each category's example with very long texts."""
    partners = [{"partner": f"Партнёр № {i + 1}: " + " ".join([LONG_NAME] * (1 + i % 3)),
                 "category": CATEGORIES_RU[i % 6], "level": "местный", "since": 2024, "library": LONG_LIBRARY}
                for i in range(40)]
    events = []
    for i, p in enumerate(partners):
        long = i < 6
        events.append({
            "date": dt.date(2024, 1 + i % 12, 1 + i % 27),
            "title": " ".join(["Очень длинное название мероприятия"] * (8 if long else 1)),
            "partners": "; ".join(q["partner"] for q in partners[i:i + (12 if long else 1)]),
            "category": p["category"], "format": "онлайн" if i % 2 else "очно", "platform": "ZOOM",
            "participants": 10 + i, "views": 100_000 if long else 100 * i,
            "description": "\n".join([SENTENCE * 3] * (description_repeats if long else 1)),
            "library_benefit": " ".join([SENTENCE] * (15 if long else 1)),
            "society_benefit": SENTENCE, "library": LONG_LIBRARY,
        })
    events.append({"date": dt.date(2023, 5, 5), "title": "Прошлый год", "partners": partners[0]["partner"],
                   "category": CATEGORIES_RU[0], "format": "очно", "participants": 5, "library": LONG_LIBRARY})
    return workbook_dataset(partners, events)


def formula_dataset() -> Dataset:
    """Cells that begin like formulas: a partner, a category of its own, a title and the three texts."""
    partners = [{"partner": FORMULA, "category": "+Клуб", "level": "местный", "since": 2020},
                {"partner": "Городской музей", "category": "Организации и учреждения", "level": "местный",
                 "since": 2019}]
    events = [
        {"date": dt.date(2020, 3, 1), "title": "@акция", "partners": FORMULA, "category": "+Клуб",
         "format": "очно", "participants": 40, "description": FORMULA, "library_benefit": "-польза",
         "society_benefit": "@социум", "library": "=Библиотека"},
        {"date": dt.date(2019, 3, 1), "title": "Экскурсия", "partners": "Городской музей",
         "category": "Организации и учреждения", "format": "очно", "participants": 20,
         "library": "=Библиотека"},
    ]
    return workbook_dataset(partners, events)


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return read_workbook(sample_workbook_bytes(), "sample.xlsx").dataset()


@pytest.fixture(scope="module")
def deck(ds) -> Presentation:
    return Presentation(io.BytesIO(build_deck(ds, YEAR)))


@pytest.fixture(scope="module")
def deck_bytes(ds) -> bytes:
    return build_deck(ds, YEAR)


def titles(prs) -> list[str]:
    return [s.shapes.title.text if s.shapes.title is not None else "" for s in prs.slides]


def slide_titled(prs, title: str):
    return next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text == title)


def charts(slide) -> list:
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return "\n".join(parts)


# --- slides and titles ----------------------------------------------------------------------------


def test_slides_in_order_and_16_9(ds, deck):
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)
    examples = metrics.examples(ds, YEAR)
    expected = [
        "Социальное партнёрство", f"Главное за {YEAR} год", "Партнёры по категориям",
        "Формы проведения мероприятий по годам", "Участники и просмотры по годам", f"Новые партнёры {YEAR} года",
        *[f"Примеры сотрудничества: {category_name(c)}" for c in examples["category"]],
        f"Итоги {YEAR} года",
    ]
    assert titles(deck) == expected
    assert deck_outline(ds, YEAR) == expected
    assert len(deck.slides) == 6 + len(examples) + 1


def test_title_slide_names_library_and_period(deck):
    text = slide_text(deck.slides[0])
    assert "Социальное партнёрство" in text
    assert LIBRARY in text
    assert "2018–2020" in text


@pytest.mark.parametrize(("year", "period"), [(None, "2018–2025"), (2018, "2018")])
def test_year_defaults_to_latest_and_period_stops_at_year(ds, year, period):
    prs = Presentation(io.BytesIO(build_deck(ds, year, library="Моя библиотека")))
    latest = year or metrics.years(ds)[-1]
    assert titles(prs)[1] == f"Главное за {latest} год"
    assert period in slide_text(prs.slides[0])
    assert "Моя библиотека" in slide_text(prs.slides[0])
    assert titles(prs) == deck_outline(ds, year)


def test_key_figures_are_the_metrics(ds, deck):
    text = slide_text(slide_titled(deck, f"Главное за {YEAR} год"))
    kpis = metrics.kpis(ds, YEAR)
    for name in ("active_partners", "new_partners", "events", "participants", "views"):
        assert f"{kpis[name]['value']:,}".replace(",", "\u00a0") in text
    assert "к 2019 году" in text
    assert "п. п." in text


# --- native charts against the metrics ------------------------------------------------------------


def _values(series) -> list[float]:
    return [float(v) for v in series.values]


def test_partners_chart_is_stacked_columns_of_the_metric(ds, deck):
    (chart,) = charts(slide_titled(deck, "Партнёры по категориям"))
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    plot = chart.plots[0]
    table = metrics.partners_by_category(ds, (2018, YEAR))
    assert list(plot.categories) == [str(y) for y in sorted(table["year"].unique())]
    wide = table.pivot(index="year", columns="category", values="partners").fillna(0)
    by_name = {s.name: _values(s) for s in plot.series}
    assert list(by_name) == [category_name(c) for c in metrics.categories(ds) if c in wide.columns]
    for cat in wide.columns:
        assert by_name[category_name(cat)] == [float(v) for v in wide[cat]]


def test_formats_chart_is_stacked_columns_of_the_metric(ds, deck):
    (chart,) = charts(slide_titled(deck, "Формы проведения мероприятий по годам"))
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    table = metrics.formats_by_year(ds, (2018, YEAR))
    wide = table.pivot(index="year", columns="format", values="events").reindex(columns=FORMATS)
    by_name = {s.name: _values(s) for s in chart.plots[0].series}
    assert list(chart.plots[0].categories) == [str(y) for y in wide.index]
    for f in FORMATS:
        label = format_label(f).capitalize()
        if wide[f].sum():
            assert by_name[label] == [float(v) for v in wide[f]]
        else:
            assert label not in by_name  # a format no event had gets no series
    assert "Онлайн" in by_name and "Очно" in by_name


def test_participants_and_views_are_two_charts_never_summed(ds, deck):
    slide = slide_titled(deck, "Участники и просмотры по годам")
    found = charts(slide)
    assert len(found) == 2
    reach = metrics.reach_by_year(ds, (2018, YEAR))
    for chart, name, title in zip(found, ("participants", "views"), ("Участники", "Просмотры"), strict=True):
        assert chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
        assert chart.chart_title.text_frame.text == title
        (series,) = chart.plots[0].series
        assert _values(series) == [float(v) for v in reach[name]]
        assert list(chart.plots[0].categories) == [str(y) for y in reach["year"]]
    total = [float(a + b) for a, b in zip(reach["participants"], reach["views"], strict=True)]
    assert all(_values(s) != total for c in found for s in c.plots[0].series)


def test_charts_use_russian_number_formats(deck):
    found = [c for s in deck.slides for c in charts(s)]
    assert len(found) == 4
    for chart in found:
        axis = chart.value_axis.tick_labels
        assert axis.number_format == NUMBER_FORMAT and not axis.number_format_is_linked
        labels = chart.plots[0].data_labels
        assert labels.number_format == LABEL_FORMAT and not labels.number_format_is_linked
        assert LABEL_FORMAT.startswith(NUMBER_FORMAT + ";")


@pytest.mark.parametrize(
    ("largest", "axis", "labels"),
    [(0, "# ##0", "# ##0;-# ##0;"), (999_999, "# ##0", "# ##0;-# ##0;"),
     (1_000_000, "# ### ##0", "# ### ##0;-# ### ##0;")],
)
def test_number_formats_by_size(largest, axis, labels):
    assert number_formats(largest) == (axis, labels)


def test_millions_and_crowded_labels():
    events = [{"date": dt.date(2000 + i, 5, 1), "title": "Акция", "partners": "Городской музей",
               "category": "Организации и учреждения", "format": "онлайн", "views": 2_000_000 + i}
              for i in range(20)]
    prs = Presentation(io.BytesIO(build_deck(workbook_dataset([], events))))
    reach = charts(slide_titled(prs, "Участники и просмотры по годам"))
    views = reach[1]
    assert views.value_axis.tick_labels.number_format == "# ### ##0"
    # Twenty seven-digit labels over half a slide would overlap: the axis alone carries the values.
    assert not views.plots[0].has_data_labels
    assert_layout(prs)


# --- new partners, examples, closing --------------------------------------------------------------


def test_new_partners_table(ds, deck):
    slide = slide_titled(deck, f"Новые партнёры {YEAR} года")
    (table,) = [s.table for s in slide.shapes if s.has_table]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["Партнёр", "Категория", "Мероприятий"]
    expected = metrics.new_partners(ds, YEAR)
    assert [r[0] for r in rows[1:]] == list(expected["partner"])
    assert [r[1] for r in rows[1:]] == [category_name(c) for c in expected["category"]]


def test_one_example_per_category_with_its_texts(ds, deck):
    examples = metrics.examples(ds, YEAR)
    heads = {"description": "Описание сотрудничества", "library_benefit": "Польза для библиотеки",
             "society_benefit": "Польза для социума"}
    for row in examples.itertuples(index=False):
        slide = slide_titled(deck, f"Примеры сотрудничества: {category_name(row.category)}")
        text = slide_text(slide)
        for column, head in heads.items():
            value = getattr(row, column)
            if pd.notna(value):
                first = value.split("\n")[0].strip()
                assert " ".join(first.split()) in " ".join(text.split())
            # A text the sheet does not give has no column of its own (never a column of «—»).
            assert (head in text) == pd.notna(value), (row.category, column)
        assert "—" not in [line.strip() for line in text.split("\n")]
        assert str(row.partners).split("; ")[0] in text


def test_an_example_without_texts_shows_the_partners_events_and_a_chart(ds):
    bare = ds.events.assign(description=None, library_benefit=None, society_benefit=None)
    plain = Dataset(ds.partners, bare, ds.event_partners, source=ds.source)
    prs = Presentation(io.BytesIO(build_deck(plain, YEAR)))
    example = metrics.examples(plain, YEAR).iloc[0]
    slide = slide_titled(prs, f"Примеры сотрудничества: {category_name(example.category)}")
    text = slide_text(slide)
    assert "Описание сотрудничества" not in text and "—" not in [line.strip() for line in text.split("\n")]
    (table,) = [s.table for s in slide.shapes if s.has_table]
    assert [c.text for c in table.rows[0].cells] == ["Дата", "Мероприятие", "Участники"]
    assert any(example.title in c.text for r in table.rows for c in r.cells)
    (chart,) = [s.chart for s in slide.shapes if s.has_chart]
    partner = str(example.partners).split("; ")[0]
    ids = plain.event_partners.loc[plain.event_partners["partner"] == partner, "event_id"]
    n = int(((plain.events["event_id"].isin(ids)) & (plain.events["year"] == YEAR)).sum())
    assert sum(chart.plots[0].series[0].values) == n
    assert_layout(prs)


def test_chosen_example_replaces_the_default(ds):
    ev = ds.events
    next_id = int(ev.loc[ev["title"].str.contains("NEXT", na=False), "event_id"].iloc[0])
    prs = Presentation(io.BytesIO(build_deck(ds, YEAR, chosen={"institutions": next_id})))
    text = slide_text(slide_titled(prs, "Примеры сотрудничества: Организации и учреждения"))
    assert "Книжный шкаф поколения NEXT" in text
    assert "Читаем детям о войне" not in text


def test_closing_slide_has_the_narrative(ds, deck):
    text = " ".join(slide_text(slide_titled(deck, f"Итоги {YEAR} года")).split())
    sentences = narrative.insights(ds, YEAR, "ru")
    assert sentences
    for sentence in sentences:
        assert " ".join(sentence.split()) in text


def test_english_deck(ds):
    prs = Presentation(io.BytesIO(build_deck(ds, YEAR, lang="en")))
    names = titles(prs)
    assert names[0] == "Social partnership"
    assert "Examples of cooperation: Authorities" in names
    assert f"New partners of {YEAR}" in names
    assert names == deck_outline(ds, YEAR, "en")


def test_empty_dataset_gives_a_title_and_a_note():
    prs = Presentation(io.BytesIO(build_deck(Dataset.empty())))
    assert titles(prs) == ["Социальное партнёрство", "Нет данных"]
    assert "Нет мероприятий" in slide_text(prs.slides[1])
    assert_layout(prs)


def test_a_year_without_events(ds):
    prs = Presentation(io.BytesIO(build_deck(ds, 2030)))
    names = titles(prs)
    assert names == deck_outline(ds, 2030)
    # No slide of its own for «no new partners»: the key-figures slide says it.
    assert "Новые партнёры 2030 года" not in names
    assert not any(n.startswith("Примеры") or n.startswith("Итоги") for n in names)
    assert "В 2030 году новых партнёров не появилось." in slide_text(slide_titled(prs, "Главное за 2030 год"))
    assert_layout(prs)


def test_library_name_from_the_events(ds):
    assert library_name(ds) == LIBRARY
    assert library_name(Dataset.empty()) == "Библиотека"


# --- layout: nothing runs off a slide --------------------------------------------------------------


def assert_layout(prs) -> None:
    """Every shape within the slide; every text, as estimated, inside its box; every run sized."""
    width, height = prs.slide_width, prs.slide_height
    for n, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            where = f"slide {n} ({slide.shapes.title.text if slide.shapes.title else ''}), {shape.name}"
            assert shape.left >= 0 and shape.top >= 0, where
            assert shape.left + shape.width <= width, where
            assert shape.top + shape.height <= height, where
            if shape.has_text_frame and shape.text_frame.text:
                tf = shape.text_frame
                assert tf.word_wrap is True, where
                assert all(r.font.size is not None for p in tf.paragraphs for r in p.runs), where
                assert text_frame_fits(tf, shape.width, shape.height), where
            if shape.has_table:
                table = shape.table
                assert sum(c.width for c in table.columns) <= shape.width, where
                assert sum(r.height for r in table.rows) <= shape.height, where
                for row in table.rows:
                    for col, cell in zip(table.columns, row.cells, strict=True):
                        margins = (cell.margin_left, cell.margin_right, cell.margin_top, cell.margin_bottom)
                        assert text_frame_fits(cell.text_frame, col.width, row.height, margins=margins), where


@pytest.mark.parametrize("year", [YEAR, None, 2018])
def test_sample_deck_layout(ds, year):
    assert_layout(Presentation(io.BytesIO(build_deck(ds, year))))


def test_long_names_and_texts_wrap_shrink_and_split():
    long = long_dataset(description_repeats=2)
    prs = Presentation(io.BytesIO(build_deck(long)))
    assert_layout(prs)
    names = titles(prs)
    assert names == deck_outline(long)
    # 39 new partners with long names do not fit one slide; the examples are too long for one slide each.
    assert names.count("Новые партнёры 2024 года (продолжение)") >= 1
    assert "Примеры сотрудничества: Органы власти (продолжение)" in names
    table_rows = sum(len(s.table.rows) - 1 for sl in prs.slides for s in sl.shapes if s.has_table)
    assert table_rows == len(metrics.new_partners(long, 2024))
    header = slide_text(slide_titled(prs, "Примеры сотрудничества: Органы власти"))
    assert "и ещё" in header  # twelve long partner names: the first ones, then how many more


def test_split_example_keeps_its_text_in_order():
    long = long_dataset(description_repeats=2)
    prs = Presentation(io.BytesIO(build_deck(long)))
    parts = [s for s in prs.slides if s.shapes.title.text.startswith("Примеры сотрудничества: Органы власти")]
    assert len(parts) >= 2
    boxes = []
    for slide in parts:
        # The description column: the body box at the left under the column headings.
        boxes.extend(sh.text_frame.text for sh in slide.shapes
                     if sh.has_text_frame and sh.top == EX_BODY_TOP and sh.left == MARGIN_X)
    example = metrics.examples(long, 2024).iloc[0]
    assert "".join("".join(boxes).split()) == "".join(str(example["description"]).split())


def test_extreme_texts_are_cut_to_three_slides():
    long = long_dataset(description_repeats=20)
    prs = Presentation(io.BytesIO(build_deck(long)))
    assert_layout(prs)
    names = titles(prs)
    assert names.count("Примеры сотрудничества: Органы власти (продолжение)") == 2
    last = slide_titled(prs, "Примеры сотрудничества: Органы власти (продолжение)")
    assert last is not None
    assert any(p.text.endswith("…") for s in prs.slides for sh in s.shapes if sh.has_text_frame
               for p in shape_text_paras(sh.text_frame))


# --- safety: text stays text -----------------------------------------------------------------------


def test_formula_like_text_stays_plain_text():
    data = build_deck(formula_dataset(), 2020)
    prs = Presentation(io.BytesIO(data))
    runs = [r.text for s in prs.slides for sh in s.shapes if sh.has_text_frame
            for p in sh.text_frame.paragraphs for r in p.runs]
    runs += [r.text for s in prs.slides for sh in s.shapes if sh.has_table
             for row in sh.table.rows for c in row.cells for p in c.text_frame.paragraphs for r in p.runs]
    assert FORMULA in runs
    assert any(r.startswith(FORMULA) for r in runs)
    assert "-польза" in runs and "@социум" in runs
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith(("ppt/slides/", "ppt/charts/")) and name.endswith(".xml"):
                assert b"<a:fld" not in z.read(name), name
        # The charts' embedded workbooks keep a category named like a formula as text.
        books = [n for n in z.namelist() if n.endswith(".xlsx")]
        assert books
        found = False
        for name in books:
            wb = openpyxl.load_workbook(io.BytesIO(z.read(name)))
            for row in wb.active.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.startswith(("=", "+")):
                        assert cell.data_type == "s", (name, cell.coordinate, cell.value)
                        found = True
        assert found  # "+Клуб" is a series name in the partners chart


def _with_control_characters(ds: Dataset) -> Dataset:
    """The sample with control characters (which XML cannot hold) in names, texts and the library."""
    return Dataset(ds.partners.assign(partner=ds.partners["partner"] + "\x07"),
                   ds.events.assign(description=ds.events["description"] + "\x01", library="Библиотека\x02"),
                   ds.event_partners.assign(partner=ds.event_partners["partner"] + "\x07"))


def test_control_characters_are_dropped(ds):
    prs = Presentation(io.BytesIO(build_deck(_with_control_characters(ds), YEAR)))
    text = "".join(slide_text(s) for s in prs.slides)
    assert "Библиотека" in text and "\x07" not in text and "\x01" not in text


# --- command line ----------------------------------------------------------------------------------


def test_cli_deck_from_a_file(tmp_path, capsys):
    src = tmp_path / "sample.xlsx"
    src.write_bytes(sample_workbook_bytes())
    out = tmp_path / "deck.pptx"
    assert main(["deck", "-o", str(out), "--year", "2020", "--file", str(src)]) == 0
    prs = Presentation(str(out))
    assert titles(prs)[1] == "Главное за 2020 год"
    assert "Презентация записана" in capsys.readouterr().out


def test_cli_deck_empty_store_uses_demo(tmp_path, capsys):
    out = tmp_path / "deck.pptx"
    assert main(["deck", "-o", str(out), "--db", str(tmp_path / "empty.db")]) == 0
    assert "демонстрационные данные" in capsys.readouterr().out
    assert len(Presentation(str(out)).slides) > 5


def test_cli_deck_missing_file(tmp_path, capsys):
    assert main(["deck", "-o", str(tmp_path / "x.pptx"), "--file", str(tmp_path / "none.xlsx")]) == 1
    assert "Нет такого файла" in capsys.readouterr().err


# --- rendering with LibreOffice --------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOPPM = shutil.which("pdftoppm")
PDFINFO = shutil.which("pdfinfo")


@pytest.mark.render
@pytest.mark.skipif(not (SOFFICE and PDFTOPPM), reason="LibreOffice (soffice) or poppler (pdftoppm) is not installed")
def test_deck_renders_in_libreoffice(tmp_path, deck_bytes):
    src = tmp_path / "deck.pptx"
    src.write_bytes(deck_bytes)
    profile = (tmp_path / "lo_profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, timeout=120, capture_output=True)
    pdf = tmp_path / "deck.pdf"
    assert pdf.is_file()
    n_slides = len(Presentation(io.BytesIO(deck_bytes)).slides)
    assert _pdf_pages(pdf) == n_slides
    subprocess.run([PDFTOPPM, "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=60)
    pages = list(tmp_path.glob("page*.png"))
    assert len(pages) == 1 and pages[0].stat().st_size > 1000


def _pdf_pages(pdf: Path) -> int:
    if PDFINFO:
        out = subprocess.run([PDFINFO, str(pdf)], check=True, capture_output=True, text=True, timeout=60).stdout
        return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))
    return pdf.read_bytes().count(b"/Type /Page") - pdf.read_bytes().count(b"/Type /Pages")


@pytest.mark.parametrize(("lang", "axis"), [("ru", "# ##0"), ("en", "#,##0")])
def test_charts_group_numbers_as_the_language_does_in_the_dashboards_colours(ds, lang, axis):
    from partnerlib import charts

    prs = Presentation(io.BytesIO(build_deck(ds, YEAR, lang)))
    title = "Partners by category" if lang == "en" else "Партнёры по категориям"
    (chart,) = [s.chart for s in slide_titled(prs, title).shapes if s.has_chart]
    assert chart.value_axis.tick_labels.number_format == axis
    table = metrics.partners_by_category(ds, (metrics.years(ds)[0], YEAR))
    keys = {category_name(k, lang): k for k in table["category"].astype(str).unique()}
    for one in chart.plots[0].series:
        expected = charts.category_color(keys[one.name]).lstrip("#").upper()
        assert str(one.format.fill.fore_color.rgb) == expected, one.name
