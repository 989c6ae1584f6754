"""One escaper per place a text from a sheet or the store goes, so that it is only ever text there.

- `markdown`: Streamlit markdown (st.markdown, captions, alerts, widget labels and help, st.metric labels,
  radio options). Selectbox and multiselect options are plain text in Streamlit and need nothing.
- `plotly`: labels, legends, axis ticks, hover texts and hovertemplates of plotly figures.
- `office`: runs of text in docx and pptx files.
- `html`: text and attribute values of a static HTML page; `href`: a website's address for a link there.
- `spreadsheet` and `formula_like`: the text of an xlsx cell, and whether it must be marked as text.

Each escaper takes any value (None and NaN give "") and is applied once, where the text is placed.
"""

from __future__ import annotations

import html as _html
import re

import pandas as pd

# Characters no XML document may hold (python-docx, python-pptx and openpyxl refuse them) and DEL;
# tab, newline and carriage return are kept.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# Bidirectional embeddings, overrides and isolates: they make a name read backwards or out of order.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# What CommonMark, GitHub's extensions and Streamlit's LaTeX ($…$) give a meaning to inside a line; a
# backslash before any of them shows it as itself.
_MARKDOWN_CHARS = re.compile(r"[\\`*_{}\[\]<>$&~|]|(?<=material)/", re.IGNORECASE)
# Streamlit's shortcodes (:smile:, :material/home:) need both their colons escaped, its directives
# (:red[…]) their opening one; a colon before a space means nothing.
_MARKDOWN = re.compile(r":[^\s:]+:|:(?=\S)|" + _MARKDOWN_CHARS.pattern, re.IGNORECASE)
# At the start of a text: a heading, a list item, a quote, a rule.
_MARKDOWN_START = re.compile(r"^(?:[#+\-=>]|\d+(?=[.)]))")
# Addresses GitHub markdown links even when written bare (http://…, www.…, name@host): an invisible
# word joiner after the colon of "://", after "@" and after "www" keeps them from being recognised.
_BARE_LINK = re.compile(r"(?<=:)(?=//)|(?<=@)|(?<=www)(?=\.)", re.IGNORECASE)
WORD_JOINER = "\u2060"
# Excel (and LibreOffice) read a cell typed as one of these, after any leading blanks, as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@")
_LEADING_BLANKS = " \t\r\n\u00a0"
_SPACES = re.compile(r"[ \t\u00a0]+")
_BREAKS = re.compile(r"[ \t\r\n\f\v\u2028\u2029]+")


def text(value: object) -> str:
    """A value as plain text: no control characters but tab and newlines, no bidirectional overrides;
    missing values (None, NaN, NA, NaT) give ""."""
    if _missing(value):
        return ""
    return _BIDI.sub("", _CONTROL.sub("", str(value)))


def _missing(value: object) -> bool:
    if value is None or isinstance(value, str):
        return value is None
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and arrays are values
        return False


def _one_line(value: object) -> str:
    """The text on one line: runs of spaces, tabs and line breaks as one space (no-break spaces kept)."""
    return _BREAKS.sub(" ", text(value)).strip(" ")


def markdown(value: object) -> str:
    """Text for Streamlit markdown, shown exactly as written: one line, every markup character escaped."""
    s = _one_line(value)
    s = _BARE_LINK.sub(WORD_JOINER, s)
    s = _MARKDOWN.sub(_escape_markdown, s)
    m = _MARKDOWN_START.match(s)
    if m is None:
        return s
    # "1. …" escapes its dot, "# …" its sign.
    return s[:m.end()] + "\\" + s[m.end():] if m.group(0)[0].isdigit() else "\\" + s


def _escape_markdown(m: re.Match) -> str:
    found = m.group(0)
    if len(found) > 2 and found[0] == found[-1] == ":":
        return "\\:" + _MARKDOWN_CHARS.sub(lambda c: "\\" + c.group(0), found[1:-1]) + "\\:"
    return "\\" + found


def plotly(value: object) -> str:
    """Text for a plotly label, legend, tick or hover: plotly reads `<a>`, `<b>`, `<br>`, `<span>`… and
    entities in every text, `%{…}` in templates and `$…$` as TeX, so `<`, `>`, `&` become entities and
    `%{` and a leading `$` are split by a zero-width space."""
    s = _html.escape(_one_line(value), quote=False).replace("%{", "%\u200b{")
    # A text wholly in dollars is typeset as TeX where MathJax is loaded.
    return "\u200b" + s if len(s) > 1 and s[0] == s[-1] == "$" else s


def office(value: object) -> str:
    """Text for a docx or pptx run: no characters XML refuses, no runs of spaces, trimmed lines.

    A run's text is never a field, a formula or a hyperlink, whatever it starts with.
    """
    # A control character between two words (a vertical tab for a line break) keeps them apart.
    s = text(_CONTROL.sub(" ", str(value)) if isinstance(value, str) else value)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in s.split("\n"))
    return "\n".join(line for line in lines if line)


def html(value: object) -> str:
    """Text for a static HTML page, in an element or a quoted attribute."""
    return _html.escape(text(value), quote=True)


def href(value: object) -> str | None:
    """A website's address as a link may point to it: `http(s)://host/…` (`www.…` and a bare `host.tld/…`
    taken as https), or None for anything else — `javascript:`, `data:`, a relative path, text with spaces
    or quotes. The result still goes through `html` in the attribute."""
    s = _one_line(value)
    if not s or _UNSAFE_URL.search(s):
        return None
    if not _SCHEME.match(s):
        if ":" in s.split("/", 1)[0] or not _HOST.match(s):
            return None
        s = "https://" + s
    return s if _HOST.match(s.split("://", 1)[1]) else None


_SCHEME = re.compile(r"^https?://", re.IGNORECASE)
# A host name with a dot (Cyrillic domains too), an optional port, then a path or nothing.
_HOST = re.compile(r"^[\w.-]+\.[^\W\d_]{2,}(?::\d{1,5})?(?:[/?#]|$)", re.UNICODE)
# Spaces, quotes, angle brackets, backslashes and control characters have no place in an address.
_UNSAFE_URL = re.compile(r"[\s\"'<>\\`\x00-\x1f\x7f]")


def spreadsheet(value: object) -> str:
    """The text of an xlsx cell: every character kept but those XML refuses (tab and newlines stay)."""
    return "" if _missing(value) else _CONTROL.sub("", str(value))


def formula_like(value: str) -> bool:
    """True when Excel would take the text, typed into a cell, for a formula (`=1+1`, `-2`, `@SUM`,
    or one of them after tabs, carriage returns or spaces): such a cell is written as text and marked so."""
    return value.lstrip(_LEADING_BLANKS).startswith(FORMULA_PREFIXES)
