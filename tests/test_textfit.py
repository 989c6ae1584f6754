"""Tests of the text estimator the deck sizes, splits and checks its text with."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerlib.textfit import (
    Para,
    clean,
    fit_size,
    fits,
    line_count,
    paginate,
    paras_height,
    text_width,
    truncate,
    wrap_spans,
)

WORDS = st.lists(st.text(alphabet="абвгдежзийклмнопрстуфхцчшщыэюяABC0123456789«»-.,", min_size=1, max_size=30),
                 min_size=1, max_size=80)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("  a  b \n\n c ", "a b\nc"),
        ("x\r\ny\rz", "x\ny\nz"),
        ("a\x00b\x0bc", "a b c"),
        ("1\u00a0200", "1 200"),
        ('=HYPERLINK("x")', '=HYPERLINK("x")'),
    ],
)
def test_clean(raw, expected):
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("text", "width", "size", "lines"),
    [
        ("", 100, 12, 1),
        ("короткий текст", 400, 12, 1),
        ("слово " * 40, 200, 12, None),  # checked against the width arithmetic below
        ("а" * 200, 100, 12, None),  # one overlong word is broken between letters
        ("один\nдва\nтри", 400, 12, 3),
    ],
)
def test_line_count(text, width, size, lines):
    n = line_count(text, width, size)
    if lines is not None:
        assert n == lines
    else:
        assert n >= text_width(text.strip(), size) / width
    for paragraph in text.split("\n"):
        for start, end in wrap_spans(paragraph, width, size):
            assert text_width(paragraph[start:end].strip(), size) <= width or end - start == 1


def test_bold_and_larger_text_takes_more_room():
    text = "Социальное партнёрство библиотеки " * 5
    assert line_count(text, 300, 12, bold=True) >= line_count(text, 300, 12)
    assert paras_height([Para(text, 18)], 300) > paras_height([Para(text, 12)], 300)


def test_fit_size_picks_the_largest_that_fits():
    text = "Библиотека и партнёр провели совместную акцию. " * 6
    size = fit_size(lambda s: [Para(text, s)], 300, 200, 24, 8)
    assert size is not None
    assert fits([Para(text, size)], 300, 200)
    assert size == 24 or not fits([Para(text, size + 1)], 300, 200)
    assert fit_size(lambda s: [Para(text * 50, s)], 300, 200, 24, 8) is None


@pytest.mark.parametrize("max_lines", [1, 2, 4])
def test_truncate(max_lines):
    text = "Государственное бюджетное учреждение культуры " * 10
    cut = truncate(text, 250, 14, max_lines)
    assert cut.endswith("…")
    assert line_count(cut, 250, 14) <= max_lines
    assert truncate("коротко", 250, 14, 1) == "коротко"


@given(WORDS, st.integers(min_value=60, max_value=400), st.integers(min_value=8, max_value=24))
def test_paginate_keeps_every_word_and_each_page_fits(words, width, size):
    paragraphs = [" ".join(words[i:i + 7]) for i in range(0, len(words), 7)]
    height = size * 1.22 * 4 + 1
    pages = paginate(paragraphs, width, height, size)
    assert all(fits([Para(p, size) for p in page], width, height) for page in pages)
    # A word longer than a line may be broken between letters: compare the letters.
    assert "".join("".join(page) for page in pages).replace(" ", "") == "".join(paragraphs).replace(" ", "")
