"""One slide on one partner for a round table: what the register says, its years, and native charts of its
events by format and of participants and views (the deck's own builders)."""

from __future__ import annotations

import io

from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu, Inches

from partnerlib import deck, fmt, metrics
from partnerlib.i18n import category_name, format_label, t
from partnerlib.model import FORMATS, Dataset
from partnerlib.textfit import Para, clean, fit_size, truncate


def facts(profile: dict, table, lang: str = "ru") -> list[str]:
    """The lines of text about a partner (`metrics.partner_profile`, `metrics.partner_by_year`): its
    categories and since when, its events, and its years by status."""
    cats = ", ".join(category_name(c, lang) for c in profile["categories"] if c != metrics.NO_CATEGORY)
    lines = []
    first = [cats] if cats else []
    if profile["since"] is not None:
        first.append(t("partner_since", lang, year=profile["since"]))
    if first:
        lines.append("; ".join(first))
    if profile["first_year"] is not None:
        span = (str(profile["first_year"]) if profile["first_year"] == profile["last_year"]
                else f"{profile['first_year']}–{profile['last_year']}")
        lines.append(t("partner_events_line", lang, span=span, events=fmt.number(profile["events"], lang),
                       participants=fmt.number(profile["participants"], lang),
                       views=fmt.number(profile["views"], lang)))
    statuses = status_years(table)
    if statuses:
        lines.append("; ".join(f"{t('partner_status_' + s, lang)}: {years}" for s, years in statuses.items()))
    return lines


def status_years(table) -> dict[str, str]:
    """Status -> its years as text («2019, 2021–2023»), in the order of metrics.PARTNER_YEAR_STATUSES."""
    out = {}
    for status in metrics.PARTNER_YEAR_STATUSES:
        years = [int(y) for y in table.loc[table["status"] == status, "year"]] if len(table) else []
        if years:
            out[status] = _runs(years)
    return out


def _runs(years: list[int]) -> str:
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def build_partner_slide(ds: Dataset, key: str, lang: str = "ru", years_range: tuple[int, int] | None = None,
                        ) -> bytes:
    """The slide as .pptx bytes: the partner's name, its facts, its events per year by format (stacked),
    and its participants and views per year (two charts, never summed). Charts are native and editable.

    Args:
        ds: the data, filtered as on screen.
        key: the partner's normalised name (`metrics.partner_choices`).
        years_range: the years to chart (None: all).
    """
    profile = metrics.partner_profile(ds, key)
    table = metrics.partner_by_year(ds, key, years_range)
    shown = [int(y) for y in table["year"]]
    period = "" if not shown else (str(shown[0]) if shown[0] == shown[-1] else f"{shown[0]}–{shown[-1]}")
    ctx = deck._Context(lang, None, (shown[0], shown[-1]) if shown else None, deck.library_name(ds, lang), period)
    prs = deck._presentation()
    slide = deck._content_slide(prs, clean(profile["partner"]), ctx)
    text_h = Inches(1.2)
    width, height = deck._inner_w(deck.CONTENT_W), deck._inner_h(text_h)
    lines = [clean(line) for line in facts(profile, table, lang)]
    size = fit_size(lambda s: [Para(x, s, False, s * 0.2) for x in lines], width, height, 18, 11) or 11
    paras = [Para(truncate(x, width, size, 2), size, False, size * 0.2) for x in lines]
    deck._textbox(slide, deck.MARGIN_X, deck.BODY_TOP, deck.CONTENT_W, text_h, paras, deck.DARK)
    top = Emu(deck.BODY_TOP + text_h)
    h = Emu(deck.BODY_BOTTOM - top)
    w = Emu((deck.CONTENT_W - 2 * deck.GAP) // 3)
    if shown:
        years = [str(y) for y in shown]
        formats = [f for f in FORMATS if table[f].sum() > 0]
        series = [(deck._cap(format_label(f, lang)), [int(v) for v in table[f]]) for f in formats]
        deck._add_chart(slide, XL_CHART_TYPE.COLUMN_STACKED, deck.MARGIN_X, top, w, h, years, series,
                        legend=True, title=t("events", lang), stacked=True)
        # Participants and views: two charts, each on its own scale, never added together.
        for i, name in enumerate(("participants", "views"), start=1):
            deck._add_chart(slide, XL_CHART_TYPE.COLUMN_CLUSTERED, Emu(deck.MARGIN_X + i * (w + deck.GAP)), top,
                            w, h, years, [(t(name, lang), [int(v) for v in table[name]])], legend=False,
                            title=t(name, lang))
    prs.core_properties.title = clean(profile["partner"])
    prs.core_properties.language = "ru-RU" if lang == "ru" else "en-GB"
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def year_table(table, lang: str = "ru"):
    """`metrics.partner_by_year` for people: the status in words."""
    return table.assign(status=[t(f"partner_status_{s}", lang) for s in table["status"]])
