"""Who is who: events typed twice in one file, and partner names that may be one partner spelled two ways.

Identity stays exact: two rows are one event only when their date, title and partners are the same
(spelling of case, quotes and ё aside), and two names are one partner only when they fold to the same key
(`values.normalise_name`) or the director has confirmed an alias. The similarity here only *suggests*
pairs to her; a threshold never merges anything.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd
import snowballstemmer
from rapidfuzz import fuzz, process

from partnerlib.errors import WARNING, Problem
from partnerlib.model import Dataset
from partnerlib.values import normalise_name, split_partners

# ---------------------------------------------------------------- events typed twice

def repeated_events(events: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Rows of one file with the same date, title and partners are one event; an event without a title
    is named.

    Args:
        events: the events read from one file (model.EVENT_COLUMNS; `sheet` and `row` say where).

    Returns:
        (the events with each repeat after the first left out, the problems): one warning per repeated
        event naming all its Excel rows, one warning per event without a title. Rows without a title are
        never taken for repeats: nothing says they are the same event.
    """
    problems: list[Problem] = []
    if events.empty:
        return events, problems
    codes, uniques = pd.factorize(events["title"], use_na_sentinel=True)
    blank = np.array([not (isinstance(t, str) and normalise_name(t)) for t in uniques] + [True], dtype=bool)
    untitled = pd.Series(blank[codes], index=events.index)
    for idx in events.index[untitled.to_numpy()]:
        problems.append(Problem(WARNING, "event_no_title", _text(events.at[idx, "sheet"]), _int(events.at[idx, "row"])))
    keys = _event_key(events)
    titled = np.flatnonzero(~untitled.to_numpy())
    repeated = titled[pd.Series(keys[titled]).duplicated(keep=False).to_numpy()]
    if not len(repeated):
        return events, problems
    keep = np.ones(len(events), dtype=bool)
    # Each repeated event in the order it first appears, looked up by position (no frame per event); only
    # the repeated rows' texts are taken out of the frame.
    _, first_at, group_of = np.unique(keys[repeated], return_index=True, return_inverse=True)
    group_of = group_of.reshape(-1)
    sheets, rows_of, titles = (events[c].iloc[repeated].to_numpy(dtype=object) for c in ("sheet", "row", "title"))
    for group in np.argsort(first_at, kind="stable"):
        at = np.flatnonzero(group_of == group)
        first = at[0]
        problems.append(Problem(WARNING, "event_repeated", _text(sheets[first]), _int(rows_of[first]), None,
                                _text(titles[first]),
                                {"rows": _where({"sheet": sheets[at], "row": rows_of[at]}),
                                 "times": len(at)}))
        keep[repeated[at[1:]]] = False
    return events[keep].reset_index(drop=True), problems


def _event_key(events: pd.DataFrame) -> np.ndarray:
    """One number per distinct event: date at its precision (or the year when there is none), normalised
    title, sorted normalised partners, library. Each text is folded once per distinct value."""
    def days(column: str) -> np.ndarray:
        if column not in events:
            return np.zeros(len(events), dtype="int64")
        return events[column].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype("int64")

    def folded(column: str, fold) -> np.ndarray:
        if column not in events:
            return np.zeros(len(events), dtype="int64")
        codes, uniques = pd.factorize(events[column], use_na_sentinel=True)
        keys = pd.Series([fold(u) for u in uniques] + [""], dtype=object)
        # Two spellings that fold alike ("Музей", "музей") get one number.
        return pd.factorize(keys)[0][codes]

    parts = [
        events["year"].astype("Int64").fillna(0).to_numpy(dtype="int64"),
        days("date"),
        days("date_end"),
        folded("date_precision", str),
        folded("title", lambda t: normalise_name(t) if isinstance(t, str) else ""),
        folded("partners", _partner_key),
        # Two branches of a system holding the same action on the same day held two events.
        folded("library", str),
    ]
    # The parts' numbers joined into one, renumbered densely before the product could overflow.
    key, size = np.zeros(len(events), dtype=np.int64), 1
    for part in parts:
        codes, uniques = pd.factorize(part)
        n = max(len(uniques), 1)
        if size * n >= 2**62:
            key, distinct = pd.factorize(key)
            size = max(len(distinct), 1)
        key, size = key * n + codes, size * n
    return key


def _partner_key(cell) -> str:
    if not isinstance(cell, str):
        return ""
    return "|".join(sorted({normalise_name(p) for p in split_partners(cell)}))


def _where(rows: pd.DataFrame | dict) -> str:
    """«5, 9, 12–14» or, across sheets, «лист «2019»: 5; «Свод»: 30»."""
    by_sheet: dict[str, list[int]] = {}
    for sheet, row in zip(rows["sheet"], rows["row"], strict=True):
        by_sheet.setdefault(_text(sheet) or "", []).append(_int(row))
    if len(by_sheet) == 1:
        return _span(next(iter(by_sheet.values())))
    return "; ".join(f"«{s}»: {_span(rs)}" for s, rs in by_sheet.items())


def _span(rows: list[int], most: int = 20) -> str:
    """`2–5, 9`: row numbers with runs joined, at most `most` pieces."""
    runs: list[list[int]] = []
    for r in sorted(set(rows)):
        if runs and r == runs[-1][1] + 1:
            runs[-1][1] = r
        else:
            runs.append([r, r])
    pieces = [str(a) if a == b else f"{a}–{b}" for a, b in runs]
    return ", ".join(pieces[:most]) + (", …" if len(pieces) > most else "")


def _text(value) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _int(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


# ---------------------------------------------------------------- partner names that may be one partner

# A pair scoring at least this (0–100) is listed as a possible duplicate. Chosen on the labelled pairs of
# tests/test_identity.py: every pair that must match scores above it, none that must not.
THRESHOLD = 85.0
# Two different words (not a typo of one another) score below this.
SAME_WORD = 80.0

# Legal forms: dropped before comparing (МБУК «Городской музей» is the Городской музей).
_LEGAL_FORMS = {
    "мбу", "мбоу", "мау", "маук", "мбук", "мку", "мкук", "му", "муп", "мп", "мбдоу", "мадоу", "мдоу", "маоу",
    "моу", "мкоу", "мкдоу", "мбудо", "маудо", "мбоудо", "мудо", "гбу", "гбук", "гау", "гаук", "гку", "гбоу",
    "гаоу", "гбпоу", "гапоу", "гбуз", "гуз", "гу", "гук", "огбу", "огбук", "огку", "кгбу", "кгбук", "фгбу",
    "фгбоу", "фгбук", "фгуп", "фгау", "чоу", "чу", "ано", "нко", "ооо", "оао", "зао", "пао", "ао", "ип", "ро",
    "роо", "оо", "мо", "до",
}
_LEGAL_PHRASE = re.compile(
    r"\b(?:(?:муниципальн|государствен|областн|краев|федеральн|частн|некоммерческ|автономн|бюджетн|казенн|"
    r"общеобразовательн|образовательн|дошкольн|профессиональн)\w*\s+)+"
    r"(?:учреждени\w*|организаци\w*|предприяти\w*)"
    r"(?:\s+(?:культуры|здравоохранения|дополнительного\s+образования|социального\s+обслуживания))?",
)
# Words of a place that say nothing about who the partner is («г. Сарова», «города Сарова»).
_PLACE_WORDS = {"г", "гор", "город", "города", "городе", "городу", "городом"}
# Spellings of one thing, folded to one before comparing.
_SAME = [
    (re.compile(r"\b(?:средняя\s+)?общеобразовательная\s+школа\b|\bсредняя\s+школа\b|\bсош\b|\bоош\b"), "школа"),
    (re.compile(r"\bгосударственная\s+корпорация\b|\bгоскорпорация\b|\bгк\b"), "госкорпорация"),
    (re.compile(r"\bдши\b"), "детская школа искусств"),
    (re.compile(r"\bдк\b"), "дом культуры"),
    (re.compile(r"\bимени\b"), "им"),
    (re.compile(r"\bмкр\b|\bмкрн\b"), "микрорайон"),
]
_NUMBER = re.compile(r"\d+")
_NON_WORD = re.compile(r"[^\w]+")
_STEMMER = snowballstemmer.stemmer("russian")


@lru_cache(maxsize=65536)
def _words(name: str) -> tuple[str, ...]:
    """A name as the words that tell partners apart: lower case, ё→е, no quotes or punctuation, no legal
    form, no «г.»/«города», common abbreviations spelled out."""
    s = normalise_name(name)
    s = _LEGAL_PHRASE.sub(" ", s)
    s = _NON_WORD.sub(" ", s.replace("№", " "))
    for pattern, replacement in _SAME:
        s = pattern.sub(replacement, s)
    return tuple(w for w in s.split() if w not in _LEGAL_FORMS and w not in _PLACE_WORDS)


@lru_cache(maxsize=65536)
def comparison_form(name: str) -> str:
    """The form two names are compared in: `_words`, each word stemmed (case endings aside)."""
    return " ".join(_STEMMER.stemWords(list(_words(name))))


def _numbers(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(n.lstrip("0") or "0" for w in words for n in _NUMBER.findall(w))


def _other_words(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when each name has a word the other lacks and some such word is no typo of any of the
    other's: «техников» / «натуралистов», «культуры» / «образования»."""
    only_a = [w for w in a if w not in b and not w.isdigit()]
    only_b = [w for w in b if w not in a and not w.isdigit()]
    if not only_a or not only_b:
        return False
    stems_b = _STEMMER.stemWords(only_b)
    for w, s in zip(only_a, _STEMMER.stemWords(only_a), strict=True):
        if len(w) < 3:
            continue
        if not any(s == t or fuzz.ratio(w, v) >= SAME_WORD for v, t in zip(only_b, stems_b, strict=True)):
            return True
    return False


def similarity(a: str, b: str) -> float:
    """How alike two partner names are, 0–100, legal forms, quotes, «г.»/«города», word order, case
    endings and small typos aside. 0 when their numbers differ (school № 5 / № 15) or each has a word the
    other lacks that is no typo of one of its words."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb or _numbers(wa) != _numbers(wb) or _other_words(wa, wb):
        return 0.0
    return float(fuzz.token_sort_ratio(comparison_form(a), comparison_form(b)))


def possible_duplicates(names: Iterable[str], others: Iterable[str] = (), threshold: float = THRESHOLD,
                        different: Iterable[tuple[str, str]] = ()) -> pd.DataFrame:
    """Pairs of partner names that may be one partner: among `names`, and between `names` and `others`
    (the store's names). Names that already fold to one key are one partner and are not listed.

    Args:
        names: the names of a file (or of the whole store).
        others: names to compare them with too (not with each other).
        threshold: the least similarity listed.
        different: pairs marked as different partners, never listed again.

    Returns:
        a, b, score (0–100, rounded to one decimal), the most alike first.
    """
    mine = _distinct(names)
    theirs = [n for n in _distinct(others) if normalise_name(n) not in {normalise_name(m) for m in mine}]
    pool = mine + theirs
    cols = ["a", "b", "score"]
    if len(pool) < 2 or not mine:
        return pd.DataFrame(columns=cols)
    forms = [comparison_form(n) for n in pool]
    # A first pass on the stemmed forms alone, vectorised; the rules of `similarity` then judge each pair.
    scores = process.cdist(forms[:len(mine)], forms, scorer=fuzz.token_sort_ratio, score_cutoff=threshold,
                           dtype=np.uint8, workers=1)
    skip = {frozenset((normalise_name(x), normalise_name(y))) for x, y in different}
    rows = []
    for i, j in zip(*np.nonzero(scores), strict=True):
        if j < len(mine) and j <= i:
            continue
        a, b = pool[i], pool[j]
        if frozenset((normalise_name(a), normalise_name(b))) in skip:
            continue
        score = similarity(a, b)
        if score >= threshold:
            rows.append((a, b, round(score, 1)))
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["score", "a", "b"], ascending=[False, True, True]).reset_index(drop=True)


def _distinct(names: Iterable[str]) -> list[str]:
    """The names, one spelling per normalised key, in their first order."""
    seen: dict[str, str] = {}
    for n in names:
        if isinstance(n, str) and n.strip():
            seen.setdefault(normalise_name(n), n)
    return list(seen.values())


# ---------------------------------------------------------------- confirmed aliases, and pairs marked different

# The pairs she marked as different partners: a store setting holding a JSON list of [a, b].
DIFFERENT_SETTING = "partners_different"


def different_pairs(store) -> list[tuple[str, str]]:
    """The name pairs marked as different partners in `store` (a partnerlib.store.Store)."""
    return [tuple(p) for p in json.loads(store.get_setting(DIFFERENT_SETTING) or "[]")]


def mark_different(store, a: str, b: str) -> None:
    """Remember in `store` that `a` and `b` are different partners: the pair is not offered again."""
    pairs = [*different_pairs(store), (str(a), str(b))]
    store.set_setting(DIFFERENT_SETTING, json.dumps(pairs, ensure_ascii=False))


def store_duplicates(data: Dataset, names: list[str] | None = None, different=()) -> pd.DataFrame:
    """Possible duplicates among the (aliased) partners of a store's data, or between `names` (a file's)
    and them: a, b, score."""
    stored = _distinct([*data.partners["partner"].dropna(), *data.event_partners["partner"].dropna()])
    if names is None:
        return possible_duplicates(stored, different=different)
    return possible_duplicates(names, stored, different=different)

def alias_map(aliases: pd.DataFrame) -> dict[str, str]:
    """alias key -> the name kept, from `Store.aliases()` (alias, partner)."""
    return {normalise_name(a): str(p) for a, p in zip(aliases["alias"], aliases["partner"], strict=True)
            if normalise_name(a) != normalise_name(p)}


def apply_aliases(ds: Dataset, aliases: pd.DataFrame) -> Dataset:
    """The dataset with every confirmed alias read as the partner kept: the events name it, the register
    holds one row for both (its filled values first, the earliest «С какого года»), figures count it once.

    Only the director's confirmed aliases change identity; without any the dataset is returned as it is.
    """
    to = alias_map(aliases) if len(aliases) else {}
    if not to:
        return ds
    links = ds.event_partners
    renamed = links["partner"].map({u: to.get(normalise_name(u), u) for u in pd.unique(links["partner"].dropna())})
    links = links.assign(partner=renamed.astype(links["partner"].dtype))
    links = links[~links.assign(_key=links["partner"].pipe(_keys))
                  .duplicated(["event_id", "_key"]).to_numpy()].reset_index(drop=True)
    partners = _merge_register(ds.partners, to)
    known = dict(zip(partners["partner"].pipe(_keys), partners["category"].astype(object), strict=True))
    own = links["partner"].pipe(_keys).map(known)
    category = own.where(own.notna(), links["category"].astype(object))
    links = links.assign(category=_categorical(category, links["category"]))
    events = ds.events
    touched = ds.event_partners.loc[ds.event_partners["partner"].pipe(_keys).isin(to).to_numpy(), "event_id"]
    if len(touched):
        text = links[links["event_id"].isin(set(touched))].groupby("event_id", sort=False)["partner"].agg("; ".join)
        cell = events["event_id"].map(text)
        events = events.assign(partners=cell.where(cell.notna(), events["partners"]).astype(events["partners"].dtype))
    return Dataset(partners, events, links, ds.source, ds.label, ds.data_start)


def _merge_register(partners: pd.DataFrame, to: dict[str, str]) -> pd.DataFrame:
    """One register row per partner after the aliases: the kept partner's own values first, then the
    alias's where the kept one has none; the earliest «С какого года»."""
    if partners.empty:
        return partners
    keys = partners["partner"].pipe(_keys)
    aliased = keys.isin(to)
    if not aliased.any():
        return partners
    final = keys.map(lambda k: normalise_name(to.get(k, k)))
    frame = partners.assign(_key=final, _alias=aliased.to_numpy(), _order=range(len(partners)))
    frame.loc[aliased.to_numpy(), "partner"] = keys[aliased].map(to).to_numpy()
    frame = frame.sort_values(["_alias", "_order"], kind="stable")
    since = frame.groupby("_key")["since"].min()
    merged = frame.groupby("_key", sort=False).first()
    merged["since"] = since.reindex(merged.index)
    merged = merged.sort_values("_order").reset_index(drop=True)
    out = merged[list(partners.columns)]
    return out.astype({c: partners[c].dtype for c in partners.columns if not isinstance(partners[c].dtype,
                                                                                     pd.CategoricalDtype)})


def _keys(names: pd.Series) -> pd.Series:
    """Each name's key (`normalise_name`), folded once per distinct name."""
    return names.map({u: normalise_name(u) for u in pd.unique(names.dropna())})


def _categorical(values: pd.Series, like: pd.Series) -> pd.Series:
    known = list(like.cat.categories) if isinstance(like.dtype, pd.CategoricalDtype) else []
    extra = sorted({str(v) for v in values.dropna()} - set(known))
    return pd.Series(pd.Categorical(values, categories=known + extra), index=values.index)
