"""Tests of the PDF of the deck and the report, made by LibreOffice: pages, page size, Cyrillic text,
embedded fonts, and the Russian messages when LibreOffice is absent or too slow."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from partnerlib import pdf
from partnerlib.cli import main
from partnerlib.deck import build_deck
from partnerlib.model import Dataset
from partnerlib.report import build_report
from partnerlib.sample import sample_workbook_bytes

YEAR = 2020
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = shutil.which("pdfinfo") and shutil.which("pdftotext") and shutil.which("pdffonts")
needs_office = pytest.mark.skipif(not (SOFFICE and POPPLER),
                                  reason="LibreOffice (soffice) or poppler (pdfinfo, pdftotext) is not installed")
A4_POINTS = (595.3, 841.9)


@pytest.fixture(scope="module")
def ds() -> Dataset:
    from partnerlib import read_workbook

    return read_workbook(sample_workbook_bytes(), "sample.xlsx").dataset()


def poppler(tool: str, path: Path) -> str:
    return subprocess.run([tool, str(path), *(["-"] if tool == "pdftotext" else [])], check=True,
                          capture_output=True, text=True, timeout=60).stdout


def info(path: Path) -> dict[str, str]:
    return dict(line.split(":", 1) for line in poppler("pdfinfo", path).splitlines() if ":" in line)


def page_size(path: Path) -> tuple[float, float]:
    width, height = re.match(r"\s*([\d.]+) x ([\d.]+) pts", info(path)["Page size"]).groups()
    return float(width), float(height)


def words(text: str) -> str:
    return " ".join(text.split())


def embedded_fonts(path: Path) -> list[tuple[str, str]]:
    """(font name, its «emb» column) for every font of the PDF, from pdffonts."""
    rows = poppler("pdffonts", path).splitlines()[2:]
    return [(row.split()[0], row.split()[-5]) for row in rows if row.strip()]


# ---------------------------------------------------------------- the deck and the report as PDF

@pytest.mark.render
@needs_office
def test_the_deck_pdf_has_a_page_per_slide_16_9_with_its_cyrillic_titles(tmp_path, ds):
    from partnerlib import ui

    args = ("token", ((), (), ()), YEAR, (), "ru", "Библиотека им. Пушкина, Саров", lambda: ds)
    deck = Presentation(io.BytesIO(ui._export_file("deck", *args)))  # what the Export page offers
    out = tmp_path / "deck.pdf"
    out.write_bytes(ui._export_file("deck_pdf", *args))
    assert int(info(out)["Pages"]) == len(deck.slides)
    width, height = page_size(out)
    assert width / height == pytest.approx(16 / 9, rel=0.01)
    text = words(poppler("pdftotext", out))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None and s.shapes.title.text]
    assert f"Главное за {YEAR} год" in titles and "Примеры сотрудничества" in " ".join(titles)
    assert "Библиотека им. Пушкина" in text
    for title in titles:
        assert words(title) in text
    fonts = embedded_fonts(out)
    assert fonts and all(emb == "yes" for _, emb in fonts), fonts


@pytest.mark.render
@needs_office
def test_report_pdf_from_the_command_line_is_a4_with_its_headings(tmp_path, capsys):
    src = tmp_path / "sample.xlsx"
    src.write_bytes(sample_workbook_bytes())
    out = tmp_path / "отчёт.pdf"
    assert main(["report", "--pdf", "-o", str(out), "--year", str(YEAR), "--file", str(src)]) == 0
    assert "Отчёт записан (PDF)" in capsys.readouterr().out
    assert out.read_bytes().startswith(b"%PDF")
    assert page_size(out) == pytest.approx(A4_POINTS, abs=1)
    text = words(poppler("pdftotext", out))
    for heading in ("4.1.1. Партнеры библиотеки", "4.1.2. Примеры сотрудничества"):
        assert heading in text
    fonts = embedded_fonts(out)
    assert fonts and all(emb == "yes" for _, emb in fonts), fonts


def test_the_report_sets_a4_pages(ds):
    section = Document(io.BytesIO(build_report(ds, YEAR))).sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


# ---------------------------------------------------------------- when LibreOffice is absent, slow or wrong

@pytest.mark.parametrize("setting", ["/nonexistent/soffice", "no-such-office-program"])
def test_a_missing_libreoffice_gives_the_russian_message(monkeypatch, setting):
    monkeypatch.setenv(pdf.ENV_SOFFICE, setting)
    assert not pdf.available()
    with pytest.raises(pdf.PdfError) as caught:
        pdf.to_pdf(b"PK", ".pptx")
    assert caught.value.code == "absent"
    assert str(caught.value).startswith("PDF не сделать: не найден LibreOffice")
    assert caught.value.message_in("en").startswith("No PDF: LibreOffice (the soffice program) is not found")


def test_the_cli_says_libreoffice_is_missing_and_writes_nothing(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv(pdf.ENV_SOFFICE, str(tmp_path / "soffice"))
    out = tmp_path / "deck.pptx"
    assert main(["deck", "--pdf", "-o", str(out), "--db", str(tmp_path / "empty.db")]) == 1
    err = capsys.readouterr().err
    assert "не найден LibreOffice" in err and "Traceback" not in err
    assert not out.exists()


@pytest.mark.render
@needs_office
def test_a_conversion_over_the_time_limit_is_stopped_with_the_russian_message(ds):
    with pytest.raises(pdf.PdfError) as caught:
        pdf.to_pdf(build_deck(ds, YEAR), ".pptx", timeout=0.05)
    assert caught.value.code == "timeout"
    assert str(caught.value).startswith("PDF не сделать: LibreOffice не успел за 0,05 с и был остановлен.")


def test_a_program_that_fails_or_writes_no_pdf_gives_the_russian_message(monkeypatch, tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit ${FAKE_RC:-0}\n")
    fake.chmod(0o755)
    monkeypatch.setenv(pdf.ENV_SOFFICE, str(fake))
    for rc, reason in (("0", "файл PDF не появился"), ("77", "код завершения 77")):
        monkeypatch.setenv("FAKE_RC", rc)
        with pytest.raises(pdf.PdfError) as caught:
            pdf.to_pdf(b"PK", ".docx")
        assert caught.value.code == "failed"
        assert str(caught.value) == (
            f"PDF не сделать: LibreOffice не смог преобразовать файл ({reason}). Попробуйте ещё раз; если не "
            "выйдет, скачайте файл pptx/docx и сохраните его как PDF сами.")
        assert "could not be loaded" in caught.value.detail


def test_a_slow_program_is_killed_with_its_children(monkeypatch, tmp_path):
    fake = tmp_path / "soffice"
    marker = tmp_path / "child_alive"
    fake.write_text(f"#!/bin/sh\n(sleep 2; touch '{marker}') &\nsleep 30\n")
    fake.chmod(0o755)
    monkeypatch.setenv(pdf.ENV_SOFFICE, str(fake))
    with pytest.raises(pdf.PdfError) as caught:
        pdf.to_pdf(b"PK", ".pptx", timeout=0.5)
    assert caught.value.code == "timeout"
    time.sleep(2.5)
    assert not marker.exists()  # the child the program started was stopped with it


@pytest.mark.parametrize(("value", "seconds"), [(None, 60.0), ("", 60.0), ("90", 90.0), ("1,5", 1.5)])
def test_the_time_limit_setting(monkeypatch, value, seconds):
    if value is None:
        monkeypatch.delenv(pdf.ENV_TIMEOUT, raising=False)
    else:
        monkeypatch.setenv(pdf.ENV_TIMEOUT, value)
    assert pdf.timeout_seconds() == seconds


@pytest.mark.parametrize("value", ["0", "-5", "минута", "inf"])
def test_a_bad_time_limit_setting_is_named(monkeypatch, value):
    monkeypatch.setenv(pdf.ENV_TIMEOUT, value)
    with pytest.raises(pdf.PdfError) as caught:
        pdf.timeout_seconds()
    assert str(caught.value) == (f"Неверная настройка PARTNERLIB_PDF_TIMEOUT=«{value}»: нужно положительное "
                                 "число секунд, например 60.")

