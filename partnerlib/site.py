"""The page of the library's partners for its website: one self-contained static HTML file.

It needs no server and asks no other host for anything: plotly.js is inside the page, there are no web fonts
and no images, and a Content-Security-Policy in the page itself forbids loading anything from anywhere. It
holds the library's name, its partners grouped by category as in report section 4.1.1 (`report.report_partners`),
the key figures of the year, charts of the years (`partnerlib.charts`), and the examples of Table 15
(`report.report_examples`).

Only public fields of the register reach it (`PUBLIC_PARTNER_FIELDS`, an allow-list: a field the model adds
later stays out until it is named here), and every text from a sheet or the store is escaped where it is
placed (`safe.html`, `safe.href`; plotly's texts by the chart builders).
"""

from __future__ import annotations

import pandas as pd
import plotly.io as pio
from plotly.offline import get_plotlyjs

from partnerlib import charts, fmt, i18n, metrics, safe
from partnerlib.categories import category_order, taxonomy
from partnerlib.i18n import t
from partnerlib.model import EVENT_COLUMNS, FORMATS, Dataset
from partnerlib.report import PartnerGroup, report_examples, report_partners
from partnerlib.textfit import clean
from partnerlib.values import normalise_name

# The partners' fields a public page may show. An allow-list: contacts and the librarian responsible (and
# whatever the register holds next) never reach the page unless named here.
PUBLIC_PARTNER_FIELDS = ("partner", "category", "level", "since", "library", "website")
# The key figures of the year, in the order of the cards.
FIGURES = ("active_partners", "events", "participants", "views")
# Nothing is fetched: scripts and styles only from the page itself, images and fonts only as data: (plotly
# draws in SVG; the PNG button builds its image in the page).
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
       "font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'")
# Marks an element whose text is the data's own (a name, a description), not a word of the page.
DATA = ' data-sheet=""'
# The file name of the page when `-o` names a folder: a website serves it as the folder's page.
PAGE_NAME = "index.html"  # export_cli.PAGE_NAME says the same without importing plotly for `--help`

STYLE = """
:root { --ink: #1f2933; --muted: #5f6b7a; --line: #d9dee5; --accent: #4C78A8; --card: #f5f7fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 28px; border-bottom: 3px solid var(--accent); }
h1 { margin: 0 0 4px; font-size: 1.9rem; line-height: 1.2; }
header p { margin: 0 0 16px; color: var(--muted); }
h2 { margin: 36px 0 12px; font-size: 1.4rem; }
h3 { margin: 20px 0 6px; font-size: 1.1rem; }
h4 { margin: 10px 0 4px; font-size: 1rem; font-weight: 600; color: var(--muted); }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; margin: 0; }
.figures div { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.figures dt { color: var(--muted); font-size: .95rem; }
.figures dd { margin: 0; font-size: 2rem; font-weight: 700; }
.note { color: var(--muted); font-size: .9rem; }
.category ul { margin: 4px 0 0; padding-left: 20px; }
.category li { margin: 2px 0; }
.since, .library { color: var(--muted); font-size: .9rem; }
.chart { margin: 8px 0 20px; }
.chart details { margin: 0 10px; color: var(--muted); font-size: .9rem; }
.chart table { border-collapse: collapse; margin: 6px 0; display: block; overflow-x: auto; }
.chart th, .chart td { border: 1px solid var(--line); padding: 2px 8px; text-align: right; white-space: nowrap; }
.chart thead th { text-align: center; }
.example { border-top: 1px solid var(--line); padding-top: 4px; }
.example p { margin: 0 0 6px; white-space: pre-line; }
.example .who { font-weight: 600; }
footer { margin-top: 40px; padding-top: 12px; padding-bottom: 28px; border-top: 1px solid var(--line);
         color: var(--muted); font-size: .9rem; }
"""


def public_dataset(ds: Dataset) -> Dataset:
    """The data a public page may use: the register's PUBLIC_PARTNER_FIELDS only, the events' declared
    columns only (nothing a sheet or the store added beside the model)."""
    partners = ds.partners[[c for c in PUBLIC_PARTNER_FIELDS if c in ds.partners.columns]]
    events = ds.events[[c for c in ds.events.columns if c in EVENT_COLUMNS]]
    return Dataset(partners, events, ds.event_partners[["event_id", "partner", "category"]], ds.source, ds.label,
                   ds.data_start)


def site_html(ds: Dataset, *, lang: str = "ru", library: str | None = None, year: int | None = None,
              chosen: dict[str, int] | None = None) -> str:
    """The page of the library's partners for its website, as one self-contained HTML document.

    Args:
        ds: the data (already filtered as on screen); only its public fields are used (`public_dataset`).
        lang: "ru" (default) or "en": every word of the page but the data's own.
        library: the library's name (and city) heading the page; None: the library named in the data.
        year: the year of the key figures and the examples, and the last year of the charts; None: the
            latest year with events.
        chosen: category -> event_id of the example to show instead of the default (as in the deck).

    Returns:
        The HTML text (UTF-8 when written): the partners of the whole register by category, the key
        figures, the charts and the examples.
    """
    from partnerlib.deck import library_name

    ds = public_dataset(ds)
    shown_years = metrics.years(ds)
    if year is None and shown_years:
        year = shown_years[-1]
    shown_years = [y for y in shown_years if year is None or y <= year]
    years_range = (shown_years[0], shown_years[-1]) if shown_years else None
    name = clean(library) if library and clean(library) else library_name(ds, lang)
    period = "" if years_range is None else (
        str(years_range[0]) if years_range[0] == years_range[1] else f"{years_range[0]}–{years_range[1]}")
    title = t("site.title", lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="generator" content="Partnerlib">',
        f"<title>{safe.html(title)} — {safe.html(name)}</title>",
        f"<style>{STYLE}</style>",
        f"<script>{get_plotlyjs()}</script>",
        "</head>",
        "<body>",
        "<header>",
        f'<h1 data-sheet="">{safe.html(name)}</h1>',
        f"<p>{safe.html(t('site.subtitle', lang, period=period) if period else title)}</p>",
        "</header>",
        "<main>",
        _partners_section(ds, lang),
    ]
    if year is not None and years_range is not None:
        parts += [_figures_section(ds, year, lang), _charts_section(ds, years_range, lang),
                  _examples_section(ds, year, lang, chosen)]
    parts += ["</main>", f"<footer>{safe.html(t('site.footer', lang))}</footer>", "</body>", "</html>", ""]
    return "\n".join(parts)


# ---------------------------------------------------------------- the sections

def _partners_section(ds: Dataset, lang: str) -> str:
    """Section 4.1.1 on the page: the whole register by category, each partner once, with the year since
    when it is a partner and its website when the register gives them."""
    groups = report_partners(ds, None, lang)
    details = _partner_details(ds)
    several_libraries = ds.partners["library"].nunique() > 1 if "library" in ds.partners.columns else False
    out = ['<section id="partners">', f"<h2>{safe.html(t('site.partners_heading', lang))}</h2>"]
    if not groups:
        out.append(f"<p>{safe.html(t('report.no_partners', lang))}</p>")
    for group in groups:
        out.append(_category(group, details, several_libraries, lang))
    out.append("</section>")
    return "\n".join(out)


def _partner_details(ds: Dataset) -> dict[str, dict]:
    """The register's public fields by partner key (its first row, as `report_partners` keeps)."""
    reg = ds.partners.assign(key=ds.partners["partner"].map(lambda p: normalise_name(clean(p))))
    return {r["key"]: r for r in reg.drop_duplicates("key").to_dict("records")}


def _category(group: PartnerGroup, details: dict[str, dict], several_libraries: bool, lang: str) -> str:
    # A library's own category is shown as the sheet wrote it: text of the data, not of the page.
    own = group.category not in taxonomy().keys and group.category != metrics.NO_CATEGORY
    out = [f'<section class="category" data-category="{safe.html(group.category)}">',
           f"<h3{DATA if own else ''}>{safe.html(group.label)}</h3>"]
    for sub, names in group.groups:
        if sub:
            out.append(f"<h4>{safe.html(sub.rstrip(':'))}</h4>")
        out.append("<ul>")
        for partner in names:
            out.append(_partner_item(partner, details.get(normalise_name(partner), {}), several_libraries, lang))
        out.append("</ul>")
    out.append("</section>")
    return "\n".join(out)


def _partner_item(partner: str, row: dict, several_libraries: bool, lang: str) -> str:
    item = f'<li><span class="partner" data-sheet="">{safe.html(partner)}</span>'
    since = row.get("since")
    if since is not None and not pd.isna(since):
        item += f' <span class="since">{safe.html(t("site.since", lang, year=int(since)))}</span>'
    library = clean(row.get("library"))
    if several_libraries and library:
        item += f' <span class="library" data-sheet="">({safe.html(library)})</span>'
    address = safe.href(row.get("website"))
    if address:
        item += (f' <a href="{safe.html(address)}" rel="nofollow noopener noreferrer" data-sheet="">'
                 f"{safe.html(_host(address))}</a>")
    return item + "</li>"


def _host(address: str) -> str:
    """An address as shown beside a name: without the scheme, `www.` and a trailing slash."""
    shown = address.split("://", 1)[-1]
    return shown.removeprefix("www.").rstrip("/")


def _figures_section(ds: Dataset, year: int, lang: str) -> str:
    """The key figures of the year (as the Overview's cards compute them), numbers as `fmt` writes them."""
    kpis = metrics.kpis(ds, year)
    out = ['<section id="figures">', f"<h2>{safe.html(t('kpi_header', lang, year=year))}</h2>", '<dl class="figures">']
    for name in FIGURES:
        out.append(f'<div data-figure="{name}"><dt>{safe.html(t(name, lang))}</dt>'
                   f"<dd>{safe.html(fmt.number(kpis[name]['value'], lang))}</dd></div>")
    out += ["</dl>", f'<p class="note">{safe.html(t("deck.reach_note", lang))}</p>', "</section>"]
    return "\n".join(out)


def _charts_section(ds: Dataset, years_range: tuple[int, int], lang: str) -> str:
    """The charts of the years up to the page's year: partners by category, event formats, participants and
    views (two charts side by side, never added); under each, its numbers as a table (for a screen reader,
    and for a browser without scripts)."""
    partners = metrics.partners_by_category(ds, years_range)
    formats = metrics.formats_by_year(ds, years_range)
    reach = metrics.reach_by_year(ds, years_range)
    figures = [
        ("partners", charts.partners_by_category(partners, lang=lang),
         _wide(partners, "category", "partners", category_order(partners["category"]),
               lambda k: i18n.category_name(k, lang))),
        ("formats", charts.formats_by_year(formats, lang=lang),
         _wide(formats, "format", "events", [f for f in FORMATS if (formats.loc[formats["format"] == f, "events"] > 0)
                                              .any()], lambda k: i18n.format_label(k, lang))),
        ("reach", charts.reach_by_year(reach, lang=lang),
         reach.set_index("year")[["participants", "views"]].rename(columns=lambda c: t(c, lang))),
    ]
    out = ['<section id="years">', f"<h2>{safe.html(t('site.years_heading', lang))}</h2>"]
    for key, fig, table in figures:
        body = pio.to_html(fig, include_plotlyjs=False, full_html=False, div_id=f"chart-{key}",
                           config={**charts.png_config(f"partnerlib_{key}", lang), "responsive": True})
        out.append(f'<div class="chart" data-chart="{key}">{body}')
        out.append(f"<details><summary>{safe.html(t('show_data', lang))}</summary>{_table(table, lang)}</details>")
        out.append("</div>")
    out.append("</section>")
    return "\n".join(out)


def _wide(long: pd.DataFrame, column: str, value: str, keys: list[str], label) -> pd.DataFrame:
    """A long per-year table as one row per year and one column per key (labelled), zeros where none."""
    if long.empty:
        return pd.DataFrame()
    wide = long.assign(**{column: long[column].astype(object).fillna(metrics.NO_CATEGORY).astype(str)}).pivot_table(
        index="year", columns=column, values=value, aggfunc="sum", fill_value=0, observed=True)
    return wide.reindex(columns=keys, fill_value=0).rename(columns=label)


def _table(table: pd.DataFrame, lang: str) -> str:
    """A per-year table as HTML: the years down, the measures or groups across, numbers as `fmt` writes them.
    Headings that are not words of the page (a library's own category) are marked as the data's."""
    ours = {i18n.category_name(k, lang) for k in (*taxonomy().keys, metrics.NO_CATEGORY)}
    ours |= {i18n.format_label(k, lang) for k in FORMATS} | {t(k, lang) for k in ("participants", "views")}
    heads = "".join(f"<th{'' if h in ours else DATA}>{safe.html(h)}</th>" for h in table.columns)
    rows = "".join(f"<tr><th>{int(year)}</th>" + "".join(f"<td>{safe.html(fmt.number(v, lang))}</td>" for v in r)
                   + "</tr>" for year, r in zip(table.index, table.to_numpy(), strict=True))
    return (f'<table><thead><tr><th>{safe.html(t("year", lang))}</th>{heads}</tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def _examples_section(ds: Dataset, year: int, lang: str, chosen: dict[str, int] | None) -> str:
    """Table 15 on the page: one example per category, as the report and the deck choose it."""
    examples = report_examples(ds, year, lang, chosen)
    out = ['<section id="examples">', f"<h2>{safe.html(t('site.examples_heading', lang, year=year))}</h2>"]
    if examples.empty:
        out.append(f"<p>{safe.html(t('report.no_examples', lang))}</p>")
    own = set(examples["category"]) - set(taxonomy().keys) - {metrics.NO_CATEGORY}
    for r in examples.itertuples(index=False):
        out.append(f'<article class="example" data-category="{safe.html(r.category)}">')
        out.append(f"<h3{DATA if r.category in own else ''}>{safe.html(r.heading)}</h3>")
        if r.partners:
            out.append(f'<p class="who" data-sheet="">{safe.html(", ".join(r.partners))}</p>')
        for key, text in (("description", r.description), ("library_benefit", r.library_benefit),
                          ("society_benefit", r.society_benefit)):
            if text:
                out.append(f"<h4>{safe.html(t('report.col_' + key, lang))}</h4>")
                out.append(f'<p data-sheet="">{safe.html(text)}</p>')
        out.append("</article>")
    out.append("</section>")
    return "\n".join(out)
