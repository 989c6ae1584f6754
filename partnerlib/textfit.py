"""Estimating the room text takes in a slide's box, so the deck can size, split and check its own text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from partnerlib import safe

EMU_PER_PT = 12700
EMU_PER_INCH = 914400

# Character advance widths in em, measured from DejaVu Sans: the font LibreOffice falls back to when the
# theme's Calibri is missing, and about a fifth wider than Calibri. Estimating with the wider font keeps
# text inside its box in PowerPoint and in LibreOffice alike.
_WIDTH_GROUPS: dict[float, str] = {
    0.28: "ijlI'|",
    0.32: " .,",
    0.35: ":;f!`",
    0.39: "()[]{}t-",
    0.41: "r/\\",
    0.46: "\"",
    0.52: "szэ",
    0.55: "cсзг–",
    0.58: "kт?",
    0.60: "vxyуРхяьчкв",
    0.61: "aoеёаоeTYУ«»Т",
    0.63: "bdghnpquрбFJELЕЁ",
    0.64: "0123456789лЗ",
    0.65: "ийнп",
    0.66: "K",
    0.68: "ABRXдцАХЧЯЬБВГ",
    0.70: "CZSЭС",
    0.71: "ъК",
    0.73: "U",
    0.75: "мHNИЙЛНП",
    0.77: "DGД",
    0.79: "OQО",
    0.82: "w",
    0.84: "+=ю",
    0.86: "MФМф",
    0.88: "ЫЪ",
    0.92: "жшщ",
    0.95: "%",
    0.99: "mW",
    1.00: "—…",
    1.05: "№",
    1.09: "ЖШЩЮ",
}
_WIDTHS: dict[str, float] = {ch: w for w, chars in _WIDTH_GROUPS.items() for ch in chars}
DEFAULT_EM = 0.70  # any other character (rare letters, symbols)
WIDE_EM = 1.0  # CJK and other wide scripts
BOLD_FACTOR = 1.10  # bold faces are about a tenth wider
LINE_HEIGHT = 1.22  # single line spacing, in em: PowerPoint's Calibri spacing, a little over DejaVu's
WIDTH_USE = 0.97  # renderers wrap a little earlier than the arithmetic says: keep a small margin

# Text for a document, as every writer of docx and pptx places it (re-exported for them).
clean = safe.office


def char_em(ch: str) -> float:
    """The advance width of one character, in em."""
    w = _WIDTHS.get(ch)
    if w is not None:
        return w
    if ord(ch) >= 0x2E80:  # CJK, Hangul and the like are full width
        return WIDE_EM
    return DEFAULT_EM


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of `text` on one line at `size` points, in points."""
    em = sum(char_em(ch) for ch in text)
    return em * size * (BOLD_FACTOR if bold else 1.0)


def wrap_spans(text: str, width: float, size: float, bold: bool = False) -> list[tuple[int, int]]:
    """Greedy word wrap of one paragraph into lines no wider than `width` points.

    Returns:
        (start, end) character offsets of each line in `text` (at least one line, even for "").
        A word longer than a line is broken between characters, as PowerPoint does.
    """
    if not text:
        return [(0, 0)]
    factor = size * (BOLD_FACTOR if bold else 1.0)
    limit = max(width * WIDTH_USE, factor)  # at least one character per line
    spans: list[tuple[int, int]] = []
    start = 0
    line_w = 0.0
    last_space = -1  # offset of the last space on the current line
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        w = char_em(ch) * factor
        if ch == " ":
            last_space = i
            line_w += w
            i += 1
            continue
        if line_w + w > limit and i > start:
            if last_space > start:
                spans.append((start, last_space))
                start = last_space + 1
            else:
                spans.append((start, i))
                start = i
            line_w = text_width(text[start:i], size, bold)
            last_space = -1
            continue
        line_w += w
        i += 1
    spans.append((start, n))
    return spans


def line_count(text: str, width: float, size: float, bold: bool = False) -> int:
    """How many lines `text` takes (each "\\n" starts a new line)."""
    return sum(len(wrap_spans(p, width, size, bold)) for p in text.split("\n"))


@dataclass(frozen=True)
class Para:
    """One paragraph of a text box: its text, font size (points), weight, space after it and left indent."""

    text: str
    size: float
    bold: bool = False
    space_after: float = 0.0
    indent: float = 0.0


def paras_height(paras: Sequence[Para], width: float) -> float:
    """The height the paragraphs take in a box whose text area is `width` points wide, in points."""
    total = 0.0
    for p in paras:
        n = line_count(p.text, width - p.indent, p.size, p.bold)
        total += n * p.size * LINE_HEIGHT + p.space_after
    return total


def fits(paras: Sequence[Para], width: float, height: float) -> bool:
    """Whether the paragraphs fit a text area of `width` × `height` points."""
    return paras_height(paras, width) <= height + 0.01


def fit_size(
    make: Callable[[float], Sequence[Para]], width: float, height: float, largest: float, smallest: float,
    step: float = 1.0,
) -> float | None:
    """The largest font size from `largest` down to `smallest` at which `make(size)` fits, or None."""
    size = largest
    while size >= smallest - 1e-9:
        if fits(make(size), width, height):
            return size
        size -= step
    return None


def truncate(text: str, width: float, size: float, max_lines: int, bold: bool = False) -> str:
    """`text` cut (at a word when possible) to at most `max_lines` lines, ending with "…" when cut."""
    if line_count(text, width, size, bold) <= max_lines:
        return text
    flat = text.replace("\n", " ")
    lo, hi = 0, len(flat)
    # Binary search for the longest prefix that still fits with the ellipsis.
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if line_count(flat[:mid].rstrip() + "…", width, size, bold) <= max_lines:
            lo = mid
        else:
            hi = mid - 1
    cut = flat[:lo]
    space = cut.rfind(" ")
    if space > lo * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:—–-") + "…"


def paginate(
    paragraphs: Sequence[str], width: float, height: float, size: float, bold: bool = False,
    space_after: float = 0.0,
) -> list[list[str]]:
    """Split paragraphs over pages of `width` × `height` points at `size`, breaking between lines.

    A paragraph cut by a page break continues at the top of the next page; each piece starts at a line
    start, so it wraps on its page exactly as it did in the whole text.

    Returns:
        Pages, each a list of paragraph texts (at least one page).
    """
    line_h = size * LINE_HEIGHT
    pages: list[list[str]] = [[]]
    used = 0.0
    for text in paragraphs:
        spans = wrap_spans(text, width, size, bold)
        piece_start = 0
        for k in range(len(spans)):
            if used + line_h > height + 0.01 and used > 0:
                if k > piece_start:
                    pages[-1].append(text[spans[piece_start][0]:spans[k - 1][1]].strip())
                pages.append([])
                used = 0.0
                piece_start = k
            used += line_h
        pages[-1].append(text[spans[piece_start][0]:].strip() if spans else text)
        used += space_after
    return [p for p in pages if p] or [[]]


# ---------------------------------------------------------------- checking a finished slide

def shape_text_paras(text_frame, default_size: float = 18.0) -> list[Para]:
    """The paragraphs of a python-pptx text frame as `Para`s, read back from the file.

    The size of a paragraph is its largest run's; a run without an explicit size counts as
    `default_size`. Line breaks inside a paragraph count as new lines.
    """
    out = []
    for p in text_frame.paragraphs:
        runs = list(p.runs)
        sizes = [r.font.size.pt for r in runs if r.font.size is not None]
        size = max(sizes) if sizes else default_size
        if len(sizes) < len(runs):
            size = max(size, default_size)
        bold = any(bool(r.font.bold) for r in runs)
        after = p.space_after.pt if p.space_after is not None else 0.0
        before = p.space_before.pt if p.space_before is not None else 0.0
        ppr = p._p.pPr
        indent = int(ppr.get("marL", "0")) / EMU_PER_PT if ppr is not None else 0.0
        text = p.text.replace("\v", "\n")
        out.append(Para(text, size, bold, after + before, indent))
    return out


def text_frame_fits(
    text_frame, width_emu: int, height_emu: int, default_size: float = 18.0,
    margins: tuple[int, int, int, int] | None = None,
) -> bool:
    """Whether a python-pptx text frame's text, as estimated here, fits its box of the given size.

    Args:
        margins: (left, right, top, bottom) insets in EMU; None reads them from the text frame (a table
            cell's margins are the cell's: pass them).
    """
    if margins is None:
        margins = (text_frame.margin_left or 0, text_frame.margin_right or 0, text_frame.margin_top or 0,
                   text_frame.margin_bottom or 0)
    left, right, top, bottom = margins
    width = (width_emu - left - right) / EMU_PER_PT
    height = (height_emu - top - bottom) / EMU_PER_PT
    paras = shape_text_paras(text_frame, default_size)
    if not any(p.text for p in paras):
        return True
    return fits(paras, width, height)


def pt(emu: int) -> float:
    """EMU to points."""
    return emu / EMU_PER_PT
