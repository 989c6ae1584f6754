"""Tests of the annual-report sections 4.1.1 and 4.1.2 (.docx): partners by category, Table 15, safety."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pandas as pd
import pytest
from conftest import workbook_dataset

from partnerlib import metrics, read_workbook
from partnerlib.cli import main
from partnerlib.model import Dataset
from partnerlib.report import build_report, report_examples, report_partners
from partnerlib.sample import sample_workbook_bytes
from partnerlib.values import normalise_name

YEAR = 2020
FORMULA = '=HYPERLINK("http://example.invalid","click")'
HEADINGS = ["Местные органы власти", "Организации и учреждения", "Социальные службы", "Общественные организации",
            "СМИ", "Другие"]
TABLE_HEADER = ["Категория / партнёр", "Описание сотрудничества, совместных дел", "Польза для библиотеки",
                "Польза для социума"]
# Fragments of Table 15 of the report (seed 000), one per category of the sample's 2020 examples.
SEED_TEXTS = {
    "authorities": "Встреча прошла на платформе ZOOM.",
    "institutions": "XI международную акцию «Читаем детям о войне.",
    "public_organizations": "Вечер искусств «Арт-позитив – детям Сарова» (в рамках «Ночи искусств-2020»)",
    "media": "Проект «Книжная полка» существует на городском телевидении уже несколько лет.",
}


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return read_workbook(sample_workbook_bytes(), "sample.xlsx").dataset()


@pytest.fixture(scope="module")
def doc(ds):
    return docx.Document(io.BytesIO(build_report(ds, YEAR)))


def section_411(document) -> dict[str, list[str]]:
    """Category heading -> the paragraphs under it, between «4.1.1» and «4.1.2»."""
    out: dict[str, list[str]] = {}
    inside, current = False, None
    for p in document.paragraphs:
        if p.text.startswith("4.1.1."):
            inside = True
            continue
        if p.text.startswith("4.1.2."):
            break
        if not inside:
            continue
        if p.style.name == "Category":
            current = p.text
            out[current] = []
        elif current is not None:
            out[current].append(p.text)
    return out


def names_in(paragraphs: list[str]) -> str:
    return " ".join(paragraphs)


def all_names(groups: dict[str, list[str]]) -> str:
    return " ".join(p for paragraphs in groups.values() for p in paragraphs)


def test_headings_and_caption(doc):
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["4.1.1. Партнеры библиотеки", "4.1.2. Примеры сотрудничества",
                        "Мероприятия с партнёрами в показателях формы 6-НК"]
    assert any(p.text == "Таблица № 15" for p in doc.paragraphs)
    assert len(doc.tables) == 2  # Table 15 and the lines of form 6-НК


def test_partners_of_the_year_under_their_category(ds, doc):
    groups = section_411(doc)
    assert list(groups) == HEADINGS
    active = metrics.partner_years(ds)
    active_keys = set(active.loc[active["year"] == YEAR, "key"])
    reg = ds.partners.assign(key=ds.partners["partner"].map(normalise_name))
    label = dict(zip(["authorities", "institutions", "social_services", "public_organizations", "media", "other"],
                     HEADINGS, strict=True))
    for row in reg.itertuples(index=False):
        text = names_in(groups[label[row.category]])
        if row.key in active_keys:
            assert row.partner in text, row.partner
        else:
            assert row.partner not in all_names(groups), row.partner
    assert len(active_keys - set(reg["key"])) == 0  # every active partner of the sample is registered


def test_institutions_split_by_level(doc):
    upper, local = section_411(doc)["Организации и учреждения"]
    assert upper.startswith("Федеральные и региональные: ")
    assert local.startswith("Местные: ")
    assert "Госкорпорация «Росатом»" in upper and "Городской музей" not in upper
    assert "Городской музей" in local
    assert upper.endswith(".") and local.endswith(".")


def test_whole_register_without_a_year(ds):
    document = docx.Document(io.BytesIO(build_report(ds)))
    text = all_names(section_411(document))
    for name in ds.partners["partner"]:
        assert name in text
    # In the register's own order, joined by commas, as in the report.
    assert "Администрация г. Сарова, Департамент культуры и искусства г. Сарова, " in text


def test_table_one_row_per_category_with_the_seed_texts(ds, doc):
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == TABLE_HEADER
    examples = metrics.examples(ds, YEAR)
    rows = table.rows[1:]
    assert len(rows) == len(examples) == 6
    headings = [r.cells[0].paragraphs[0].text for r in rows]
    assert headings == HEADINGS
    by_category = dict(zip(examples["category"], rows, strict=True))
    for category, fragment in SEED_TEXTS.items():
        assert fragment in by_category[category].cells[1].text
    for example, row in zip(examples.itertuples(index=False), rows, strict=True):
        partners = [p.text for p in row.cells[0].paragraphs[1:]]
        assert partners == str(example.partners).split("; ")
        for cell, column in zip(row.cells[1:], ("description", "library_benefit", "society_benefit"), strict=True):
            value = getattr(example, column)
            assert cell.text == (value if pd.notna(value) else "")


def test_chosen_example_in_the_table(ds):
    ev = ds.events
    next_id = int(ev.loc[ev["title"].str.contains("NEXT", na=False), "event_id"].iloc[0])
    document = docx.Document(io.BytesIO(build_report(ds, YEAR, chosen={"institutions": next_id})))
    row = document.tables[0].rows[2]
    assert row.cells[0].paragraphs[0].text == "Организации и учреждения"
    assert "Книжный шкаф поколения NEXT" in row.cells[1].text
    assert "Областная детская библиотека им. Горького (г. Новосибирск)" in row.cells[0].text


def test_report_examples_frame(ds):
    frame = report_examples(ds, YEAR)
    assert list(frame["heading"]) == HEADINGS
    assert list(frame.columns) == ["category", "heading", "partners", "description", "library_benefit",
                                   "society_benefit"]


def test_unregistered_active_partner_is_listed_and_levels_optional():
    ds = workbook_dataset(
        [{"partner": "Городской музей", "category": "Организации и учреждения", "since": 2019}],
        [{"date": dt.date(2021, 2, 1), "title": "Экскурсия", "partners": "Городской музей; Клуб «Ромашка»",
          "category": "Организации и учреждения", "format": "очно", "participants": 12}],
    )
    groups = report_partners(ds, 2021)
    assert [g.label for g in groups] == ["Организации и учреждения"]
    (only,) = groups
    assert only.groups == (("", ("Городской музей", "Клуб «Ромашка»")),)  # no levels: no sub-heading


def test_formula_like_text_stays_plain_text():
    ds = workbook_dataset(
        [{"partner": FORMULA, "category": "Общественные организации", "level": "местный", "since": 2020}],
        [{"date": dt.date(2020, 3, 1), "title": "@акция", "partners": FORMULA,
          "category": "Общественные организации", "format": "очно", "participants": 40,
          "description": FORMULA, "library_benefit": "-польза", "society_benefit": "+социум"}],
    )
    data = build_report(ds, 2020)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml")
    assert b"w:fldSimple" not in xml and b"w:instrText" not in xml and b"w:fldChar" not in xml
    document = docx.Document(io.BytesIO(data))
    runs = [r.text for p in document.paragraphs for r in p.runs]
    assert FORMULA + "." in runs  # the partner in 4.1.1
    row = document.tables[0].rows[1]
    assert row.cells[0].paragraphs[1].text == FORMULA
    assert row.cells[1].text == FORMULA
    assert (row.cells[2].text, row.cells[3].text) == ("-польза", "+социум")


def _with_control_characters(ds: Dataset) -> Dataset:
    """The sample with control characters (which XML cannot hold) in names, texts and the library."""
    return Dataset(ds.partners.assign(partner=ds.partners["partner"] + "\x07"),
                   ds.events.assign(description=ds.events["description"] + "\x01", library="Библиотека\x02"),
                   ds.event_partners.assign(partner=ds.event_partners["partner"] + "\x07"))


def test_control_characters_are_dropped(ds):
    document = docx.Document(io.BytesIO(build_report(_with_control_characters(ds), YEAR)))
    assert "Администрация г. Сарова" in document.paragraphs[2].text
    assert "\x01" not in document.tables[0].rows[1].cells[1].text


def test_english_report(ds):
    document = docx.Document(io.BytesIO(build_report(ds, YEAR, lang="en")))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["4.1.1. Partners of the library", "4.1.2. Examples of cooperation",
                        "The partnership events in the figures of form 6-NK"]
    assert document.tables[0].rows[0].cells[0].text == "Category / partner"


def test_empty_dataset():
    document = docx.Document(io.BytesIO(build_report(Dataset.empty())))
    texts = [p.text for p in document.paragraphs]
    assert "Партнёров нет." in texts
    assert document.tables[0].rows[1].cells[0].text == "Примеров нет."


def test_cli_report(tmp_path, capsys):
    src = tmp_path / "sample.xlsx"
    src.write_bytes(sample_workbook_bytes())
    out = tmp_path / "report.docx"
    assert main(["report", "-o", str(out), "--year", "2020", "--file", str(src)]) == 0
    assert "Отчёт записан" in capsys.readouterr().out
    document = docx.Document(str(out))
    assert any(p.text == "4.1.1. Партнеры библиотеки" for p in document.paragraphs)


def test_table_caption_stays_with_its_table_and_the_library_heads_the_report(ds):
    doc = docx.Document(io.BytesIO(build_report(ds, 2020, library="ЦГБ, Саров")))
    caption = next(p for p in doc.paragraphs if p.text == "Таблица № 15")
    assert caption.paragraph_format.keep_with_next is True
    assert doc.paragraphs[0].text == "ЦГБ, Саров"
    assert docx.Document(io.BytesIO(build_report(ds, 2020))).paragraphs[0].text != "ЦГБ, Саров"
