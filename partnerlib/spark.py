"""The Overview's small trends as SVG drawn on the server: the first screen needs no chart library.

plotly.js is 4.7 MB that Chromium parses and runs once per visit before the first plotly chart shows (one
to two seconds on a small machine); the Overview, the page she lands on, draws its five small trends as
plain SVG instead, and plotly.js is loaded while she reads (see `data/preload.js`). Each bar or point
carries its year and value as a tooltip; the numbers are written in the interface's language.
"""

from __future__ import annotations

import math
from html import escape

import pandas as pd

from partnerlib import fmt, i18n, model

WIDTH, HEIGHT = 240, 170
LEFT, RIGHT, TOP, BOTTOM = 6, 6, 44, 22  # the plot's margins inside the view box
MAX_YEAR_LABELS = 5
TEXT = "#31333F"
GREY = "#808495"
GRID = "#E6E9EF"
KINDS = ("bar", "line")


def _value_label(column: str, lang: str):
    if model.MEASURE[column].unit == "share":
        return lambda v: fmt.percent(v, lang, 0)
    return lambda v: fmt.number(v, lang)


def trend_svg(df: pd.DataFrame, column: str, lang: str = "ru", kind: str = "bar", color: str = "#4C78A8") -> str:
    """One measure of `metrics.yearly` across the years as an SVG (a view box of WIDTH × HEIGHT that fills its
    column): the measure's name, a bar (or a point of a line) per year with «year: value» as its tooltip,
    the years under it and the largest value over its grid line. A year without a value has no bar.

    Raises:
        ValueError: for a column that is not a measure, or a kind other than bar/line.
    """
    if column not in model.MEASURE:
        raise ValueError(f"column must be a measure, not {column!r}")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    title = escape(i18n.t(column, lang))
    parts = [f'<text x="{LEFT}" y="18" font-size="16" font-weight="600" fill="{TEXT}">{title}</text>']
    frame = df.sort_values("year") if len(df) else df
    years = [int(y) for y in frame["year"]] if len(frame) else []
    values = [None if pd.isna(v) else float(v) for v in frame[column]] if len(frame) else []
    present = [v for v in values if v is not None]
    if not present:
        parts.append(f'<text x="{WIDTH / 2}" y="{HEIGHT / 2 + 10}" font-size="14" fill="{GREY}" '
                     f'text-anchor="middle">{escape(i18n.t("no_data", lang))}</text>')
        return _svg(parts, title)
    label = _value_label(column, lang)
    top = max(max(present), 0.0) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    base = TOP + plot_h
    step = plot_w / len(years)

    def y_of(v: float) -> float:
        return base - plot_h * max(v, 0.0) / top

    parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP}" y2="{TOP}" stroke="{GRID}"/>')
    parts.append(f'<text x="{LEFT}" y="{TOP - 4}" font-size="12" fill="{GREY}">{escape(label(max(present)))}</text>')
    parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{base}" y2="{base}" stroke="{GREY}" stroke-width="0.5"/>')
    points = []
    for i, (year, v) in enumerate(zip(years, values, strict=True)):
        if v is None:
            continue
        tip = f"<title>{year}: {escape(label(v))}</title>"
        cx = LEFT + step * (i + 0.5)
        if kind == "bar":
            w = step * 0.7
            h = base - y_of(v)
            parts.append(f'<rect x="{cx - w / 2:.1f}" y="{y_of(v):.1f}" width="{w:.1f}" height="{h:.1f}" '
                         f'fill="{color}">{tip}</rect>')
        else:
            points.append((cx, y_of(v), tip))
    if points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>')
        parts.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}">{tip}</circle>' for x, y, tip in points)
    every = math.ceil(len(years) / MAX_YEAR_LABELS)
    for i, year in enumerate(years):
        if (len(years) - 1 - i) % every == 0:  # counted from the latest year, which always has its label
            parts.append(f'<text x="{LEFT + step * (i + 0.5):.1f}" y="{HEIGHT - 5}" font-size="12" fill="{GREY}" '
                         f'text-anchor="middle">{year}</text>')
    return _svg(parts, title)


def _svg(parts: list[str], title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
            f'style="max-width: 340px" role="img" aria-label="{title}" font-family="Source Sans Pro, sans-serif">'
            + "".join(parts) + "</svg>")
