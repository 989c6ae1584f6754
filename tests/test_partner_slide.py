"""The slide on one partner: its facts and native charts hold the figures of metrics.partner_by_year."""

import io
from pathlib import Path

import pytest
from pptx import Presentation

from partnerlib import metrics, read_workbook
from partnerlib.partner_slide import build_partner_slide, facts, status_years
from partnerlib.values import normalise_name

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "partnerlib_sample.xlsx"
PAPER = normalise_name("Газета «Православный Саров»")


@pytest.fixture(scope="module")
def sample():
    return read_workbook(SAMPLE).dataset("demo")


def test_the_slide_charts_the_partners_years(sample):
    table = metrics.partner_by_year(sample, PAPER)
    prs = Presentation(io.BytesIO(build_partner_slide(sample, PAPER)))
    assert len(prs.slides) == 1
    slide = prs.slides[0]
    assert slide.shapes.title.text_frame.text == "Газета «Православный Саров»"
    charts = [s.chart for s in slide.shapes if s.has_chart]
    assert len(charts) == 3
    years = [str(y) for y in table["year"]]
    formats, participants, views = charts
    assert list(formats.plots[0].categories) == years
    by_format = {s.name: list(s.values) for s in formats.plots[0].series}
    assert by_format["Очно"] == table["offline"].tolist() and by_format["Онлайн"] == table["online"].tolist()
    assert list(participants.plots[0].series[0].values) == table["participants"].tolist()
    assert list(views.plots[0].series[0].values) == table["views"].tolist()
    text = " ".join(p.text for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs)
    assert "партнёр с 2013 года (по реестру)" in text
    assert "Без мероприятий" not in text and "выбыл: 2023" in text


def test_facts_name_the_years_by_status(sample):
    table = metrics.partner_by_year(sample, PAPER)
    assert status_years(table) == {"continuing": "2019–2022, 2024–2025", "lost": "2023"}
    lines = facts(metrics.partner_profile(sample, PAPER), table)
    assert lines[0] == "СМИ; партнёр с 2013 года (по реестру)"
    assert lines[1].startswith("Совместные мероприятия 2019–2025: 17; участников — 524")
