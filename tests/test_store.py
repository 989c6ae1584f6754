"""Tests of the store: merging imports, history and undo, export round trip, and the faults it must survive."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading

import pandas as pd
import pytest
import sqlalchemy as sa

from partnerlib import model, settings
from partnerlib import store as store_module
from partnerlib.reader import read_workbook
from partnerlib.store import Store, StoreError
from partnerlib.store import database as store_database
from partnerlib.xlsx import write_workbook

PG_URL = os.environ.get("PARTNERLIB_TEST_PG_URL")

PARTNER_FIELDS = model.PARTNER_SHEET_FIELDS
EVENT_FIELDS = ["date", "year", *[f for f in model.EVENT_SHEET_FIELDS if f != "date"]]
FORMULA = '=HYPERLINK("http://example.invalid","click")'


def workbook(partners: list[dict], events: list[dict]) -> bytes:
    """An xlsx with a «Партнёры» and a «Мероприятия» sheet under the Russian headings."""
    sheets, headers = {}, {}
    if partners:
        sheets["Партнёры"] = pd.DataFrame(partners, columns=PARTNER_FIELDS, dtype=object)
        headers["Партнёры"] = [model.RU_HEADINGS[f] for f in PARTNER_FIELDS]
    if events:
        sheets["Мероприятия"] = pd.DataFrame(events, columns=EVENT_FIELDS, dtype=object)
        headers["Мероприятия"] = [model.RU_HEADINGS[f] for f in EVENT_FIELDS]
    return write_workbook(sheets, headers=headers)


def read(data: bytes, name: str = "file.xlsx"):
    result = read_workbook(data, name)
    assert result.ok, result.problems_frame()
    return result


PARTNERS_A = [
    {"partner": "Городская администрация", "category": "Органы власти", "level": "муниципальный", "since": 2015},
    {"partner": "Школа № 1", "category": "Организации и учреждения", "since": 2018},
    {"partner": "Газета «Городской вестник»", "category": "СМИ", "notes": FORMULA},
    {"partner": "Клуб «Ветераны»", "category": "Клубы", "notes": "встречи\nпо четвергам"},
]
EVENTS_A = [
    {"date": dt.date(2020, 4, 27), "year": 2020, "title": "Встреча с ветеранами",
     "partners": "Клуб «Ветераны»; Городская администрация", "format": "очно", "platform": "Читальный зал",
     "participants": "более 350"},
    {"date": "апрель 2020", "title": "Онлайн-викторина", "partners": "Школа № 1", "platform": "ZOOM",
     "views": "1 200"},
    {"year": 2019, "title": "Годовой проект «Читаем вместе»", "partners": "Газета «Городской вестник»",
     "category": "СМИ", "format": "смешанный", "participants": 40, "views": "≈500"},
    {"date": dt.date(2021, 3, 1), "year": 2021, "title": FORMULA, "partners": "Школа № 1", "format": "онлайн",
     "platform": "YouTube", "views": 75, "description": "=SUM(A1:A2)", "library_benefit": "+ новые читатели"},
    # The same meeting again on another day: another event (a row typed twice is one event, see test_identity).
    {"date": dt.date(2020, 4, 28), "year": 2020, "title": "Встреча с ветеранами",
     "partners": "Клуб «Ветераны»; Городская администрация", "format": "очно", "platform": "Читальный зал",
     "participants": "более 350"},
    {"date": "27.04.2018", "title": "Экскурсия", "partners": "Школа № 1", "format": "что-то",
     "platform": "YouTube", "participants": "около 60", "society_benefit": "-"},
]
# B overlaps A: the same partners spelt differently, two events again, one new partner and event.
PARTNERS_B = [
    {"partner": "ШКОЛА № 1", "category": "Организации и учреждения", "level": "муниципальный"},
    {"partner": "Клуб Ветераны", "category": "Общественные организации"},
    {"partner": "Городская администрация", "category": "Органы власти", "notes": "отдел культуры"},
    {"partner": "Центр социальной помощи", "category": "Социальные службы", "since": 2021},
]
EVENTS_B = [
    {"date": dt.date(2020, 4, 27), "title": "встреча с ветеранами",
     "partners": "Городская администрация; Клуб Ветераны", "format": "очно", "participants": 400,
     "description": "Встреча поколений"},
    {"date": "апрель 2020", "title": "Онлайн-викторина", "partners": "школа № 1", "platform": "ZOOM",
     "views": 1300, "description": "Викторина о городе"},
    {"date": dt.date(2022, 9, 1), "title": "День знаний", "partners": "Центр социальной помощи; Школа № 1",
     "format": "очно", "participants": 120},
]


@pytest.fixture
def pg_url():
    """PARTNERLIB_TEST_PG_URL with the store's tables dropped before and after the test (skip when unset)."""
    if not PG_URL:
        pytest.skip("PARTNERLIB_TEST_PG_URL is not set")
    engine = sa.create_engine(PG_URL)
    store_module.METADATA.drop_all(engine)
    yield PG_URL
    store_module.METADATA.drop_all(engine)
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request, tmp_path):
    """A fresh store: a SQLite file in tmp_path, and the PostgreSQL server when one is given."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(url):
    with Store(url, timeout=10) as s:
        yield s


@pytest.fixture
def file_a():
    return read(workbook(PARTNERS_A, EVENTS_A), "a.xlsx")


@pytest.fixture
def file_b():
    return read(workbook(PARTNERS_B, EVENTS_B), "b.xlsx")


def snapshot(s: Store) -> tuple:
    data = s.load()
    return data.partners, data.events, data.event_partners


def assert_same_state(before: tuple, after: tuple) -> None:
    for left, right in zip(before, after, strict=True):
        pd.testing.assert_frame_equal(left, right)


def events_by_title(s: Store) -> pd.DataFrame:
    return s.load().events.set_index("title")


# ---------------------------------------------------------------- basics

def test_new_store_is_empty_with_typed_frames(store):
    assert store.is_empty()
    data = store.load()
    assert data.source == "store"
    assert (len(data.partners), len(data.events), len(data.event_partners)) == (0, 0, 0)
    assert list(data.events.columns) == model.EVENT_COLUMNS
    assert dict(data.events.dtypes.astype(str)) == {c: str(pd.Series(dtype=t).dtype)
                                                   for c, t in model.EVENT_DTYPES.items()}
    assert store.history().empty


def test_import_keeps_every_value_with_the_readers_dtypes(store, file_a):
    import_id = store.apply(file_a, "a.xlsx", "ab" * 32, user="директор")
    data = store.load()
    for stored, read_ in ((data.partners, file_a.partners), (data.events, file_a.events),
                          (data.event_partners, file_a.event_partners)):
        assert list(stored.columns) == list(read_.columns)
        assert (stored.dtypes == read_.dtypes).all()
    # Same values as read, apart from the ids the store gives.
    ignore = ["event_id"]
    pd.testing.assert_frame_equal(data.partners, file_a.partners)
    pd.testing.assert_frame_equal(data.events.drop(columns=ignore), file_a.events.drop(columns=ignore))
    pd.testing.assert_frame_equal(data.event_partners.drop(columns=ignore),
                                  file_a.event_partners.drop(columns=ignore))
    assert data.events["event_id"].tolist() == sorted(data.events["event_id"].tolist())
    # The long table points at the stored ids.
    assert set(data.event_partners["event_id"]) <= set(data.events["event_id"])
    ev = data.events.set_index("row")
    assert (ev.loc[2, "participants"], ev.loc[2, "participants_approx"]) == (350, True)
    assert (ev.loc[3, "date"], ev.loc[3, "date_precision"]) == (pd.Timestamp("2020-04-01"), "month")
    assert pd.isna(ev.loc[4, "date"]) and ev.loc[4, "year"] == 2019 and ev.loc[4, "date_precision"] == "year"
    assert ev.loc[5, "title"] == FORMULA
    assert ev.loc[7, "format"] == "unknown"
    history = store.history()
    assert history.loc[0, ["id", "filename", "sha256", "user"]].tolist() == [import_id, "a.xlsx", "ab" * 32,
                                                                             "директор"]
    assert history.loc[0, ["events_added", "events_present", "partners_added", "values_filled"]].tolist() \
        == [6, 0, 4, 0]
    assert not store.is_empty()


def test_same_file_again_adds_nothing(store, file_a):
    store.apply(file_a, "a.xlsx")
    before = snapshot(store)
    preview = store.preview(file_a)
    assert (preview.new_events, preview.present_events, preview.new_partners) == (0, 6, 0)
    assert preview.conflicts.empty and preview.fills.empty and not preview.changes_anything
    store.apply(file_a, "a.xlsx")
    assert_same_state(before, snapshot(store))
    last = store.history().iloc[-1]
    assert (last["events_added"], last["events_present"], last["partners_added"]) == (0, 6, 0)


def test_an_event_held_twice_in_a_file_is_kept_twice(store, file_a):
    store.apply(file_a)
    titles = store.load().events["title"].tolist()
    assert titles.count("Встреча с ветеранами") == 2


def test_version_changes_on_every_import_and_undo(store, file_a, file_b):
    seen = [store.version()]
    first = store.apply(file_a)
    seen.append(store.version())
    store.apply(file_b)
    seen.append(store.version())
    store.apply(file_b)  # adds nothing, but is in the history
    seen.append(store.version())
    store.undo(store.history()["id"].iloc[-2])
    seen.append(store.version())
    assert len(set(seen)) == len(seen)
    assert store.version() == seen[-1]
    assert first == 1


# ---------------------------------------------------------------- merging

def test_preview_of_an_overlapping_file(store, file_a, file_b):
    store.apply(file_a)
    preview = store.preview(file_b)
    assert (preview.new_events, preview.present_events) == (1, 2)
    assert (preview.new_partners, preview.present_partners) == (1, 3)
    assert preview.category_changes.to_dict("records") == [
        {"partner": "Клуб «Ветераны»", "old": "Клубы", "new": "Общественные организации"}]
    conflicts = {(r["table"], r["column"], r["old"], r["new"]) for r in preview.conflicts.to_dict("records")}
    assert conflicts == {
        ("partners", "category", "Клубы", "Общественные организации"),
        ("events", "participants", "≈350", "400"),
        ("events", "views", "1\u00a0200", "1\u00a0300"),
    }
    fills = {(r["table"], r["item"], r["column"], r["new"]) for r in preview.fills.to_dict("records")}
    assert fills == {
        ("partners", "Школа № 1", "level", "муниципальный"),
        ("partners", "Городская администрация", "notes", "отдел культуры"),
        ("events", "27.04.2020 «Встреча с ветеранами» (Клуб «Ветераны»; Городская администрация)",
         "description", "Встреча поколений"),
        ("events", "апрель 2020 «Онлайн-викторина» (Школа № 1)", "description", "Викторина о городе"),
    }
    assert set(preview.fills["old"]) == {""}
    # A preview writes nothing.
    assert len(store.history()) == 1


def test_apply_fills_empty_values_but_keeps_filled_ones(store, file_a, file_b):
    store.apply(file_a)
    store.apply(file_b, "b.xlsx")
    data = store.load()
    partners = data.partners.set_index("partner")
    assert partners.loc["Клуб «Ветераны»", "category"] == "Клубы"  # not overwritten
    assert partners.loc["Школа № 1", "level"] == "municipal"  # filled
    assert partners.loc["Городская администрация", "notes"] == "отдел культуры"
    assert partners.loc["Центр социальной помощи", "since"] == 2021
    assert len(partners) == 5
    events = data.events
    meeting = events[events["title"] == "Встреча с ветеранами"]
    assert meeting["participants"].tolist() == [350, 350]
    assert meeting["participants_approx"].tolist() == [True, True]
    assert meeting["description"].tolist() == ["Встреча поколений", pd.NA]  # the first copy matched
    quiz = events[events["title"] == "Онлайн-викторина"].iloc[0]
    assert (quiz["views"], quiz["description"]) == (1200, "Викторина о городе")
    assert len(events) == 7
    last = store.history().iloc[-1]
    assert last[["events_added", "events_present", "partners_added", "partners_changed", "values_filled",
                 "values_changed", "changes_skipped"]].tolist() == [1, 2, 1, 0, 4, 0, 3]
    # The new event's partners: the new partner's category comes from the partners table.
    new = events[events["title"] == "День знаний"]["event_id"].iloc[0]
    links = data.event_partners[data.event_partners["event_id"] == new]
    assert links["partner"].tolist() == ["Центр социальной помощи", "Школа № 1"]
    assert links["category"].astype(str).tolist() == ["social_services", "institutions"]


def test_apply_with_accept_changes_applies_the_conflicts(store, file_a, file_b):
    store.apply(file_a)
    store.apply(file_b, accept_changes=True)
    data = store.load()
    assert data.partners.set_index("partner").loc["Клуб «Ветераны»", "category"] == "public_organizations"
    meeting = data.events[data.events["title"] == "Встреча с ветеранами"].iloc[0]
    assert (meeting["participants"], meeting["participants_approx"]) == (400, False)
    quiz = data.events[data.events["title"] == "Онлайн-викторина"].iloc[0]
    assert quiz["views"] == 1300
    # The event–partner table follows the partner's new category.
    link = data.event_partners[data.event_partners["partner"] == "Клуб «Ветераны»"]
    assert set(link["category"].astype(str)) == {"public_organizations"}
    last = store.history().iloc[-1]
    assert last[["partners_changed", "values_filled", "values_changed", "changes_skipped"]].tolist() == [1, 4, 3, 0]


def test_a_later_file_fills_an_unknown_format(store):
    store.apply(read(workbook([], [{"date": dt.date(2021, 5, 5), "title": "Лекция", "partners": "Музей"}])))
    store.apply(read(workbook([], [{"date": dt.date(2021, 5, 5), "title": "Лекция", "partners": "Музей",
                                    "format": "онлайн"}])))
    assert store.load().events["format"].tolist() == ["online"]


def test_nothing_to_import_is_refused(store):
    empty = read_workbook(b"", "empty.xlsx")
    with pytest.raises(StoreError) as err:
        store.apply(empty)
    assert err.value.code == "nothing_to_import"
    assert store.history().empty


# ---------------------------------------------------------------- undo

def test_undo_restores_the_state_before_the_import(store, file_a, file_b):
    first = store.apply(file_a, "a.xlsx")
    after_a = snapshot(store)
    history_a = store.history()
    second = store.apply(file_b, "b.xlsx", accept_changes=True)
    assert len(store.load().events) == 7
    assert store.undo(second) == [second]
    assert_same_state(after_a, snapshot(store))
    history = store.history()
    assert history["id"].tolist() == [first, second]
    assert pd.isna(history.loc[0, "undone_at"]) and pd.notna(history.loc[1, "undone_at"])
    pd.testing.assert_frame_equal(history.iloc[:1], history_a)
    # Undoing the first import too empties the store.
    store.undo(first)
    assert store.is_empty()


def test_undo_of_unknown_or_undone_import_is_refused(store, file_a):
    import_id = store.apply(file_a)
    with pytest.raises(StoreError) as err:
        store.undo(99)
    assert err.value.code == "unknown_import" and "№ 99" in str(err.value)
    store.undo(import_id)
    with pytest.raises(StoreError) as err:
        store.undo(import_id)
    assert err.value.code == "already_undone"
    assert "уже отменён" in err.value.message and "already been undone" in err.value.message_in("en")


def test_undo_with_later_imports_needs_cascade(store, file_a, file_b):
    first = store.apply(file_a)
    second = store.apply(file_b)
    before = snapshot(store)
    with pytest.raises(StoreError) as err:
        store.undo(first)
    assert err.value.code == "later_imports" and f"№ {second}" in str(err.value)
    assert_same_state(before, snapshot(store))
    assert store.undo(first, cascade=True) == [second, first]
    assert store.is_empty()


def test_a_later_import_that_wrote_nothing_does_not_block_undo(store, file_a):
    first = store.apply(file_a)
    store.apply(file_a)
    store.undo(first)
    assert store.is_empty()


# ---------------------------------------------------------------- export round trip

def _comparable(data: model.Dataset) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The three tables without ids and origins, sorted by a stable key."""
    keys = ["date", "year", "title", "partners", "participants", "views", "description"]
    events = data.events.drop(columns=["sheet", "row"])
    order = events.sort_values(keys, kind="stable", na_position="first")
    rank = pd.Series(range(len(order)), index=order["event_id"].to_numpy())
    links = data.event_partners.assign(event_id=data.event_partners["event_id"].map(rank))
    links = links.sort_values(["event_id", "partner"], kind="stable").reset_index(drop=True)
    events = order.drop(columns="event_id").reset_index(drop=True)
    partners = data.partners.sort_values("partner", kind="stable").reset_index(drop=True)
    return partners, events, links.astype({"event_id": "Int64"})


def _round_trip(url_a: str, url_b: str, result) -> tuple:
    with Store(url_a) as first:
        first.apply(result)
        data = first.load()
        exported = first.export_xlsx()
    again = read(exported, "export.xlsx")
    with Store(url_b) as second:
        second.apply(again)
        return data, second.load()


def test_export_reads_back_into_an_empty_store_with_no_loss(tmp_path, file_a):
    data, back = _round_trip(str(tmp_path / "a.db"), str(tmp_path / "b.db"), file_a)
    for left, right in zip(_comparable(data), _comparable(back), strict=True):
        pd.testing.assert_frame_equal(left, right)
    events = back.events
    assert FORMULA in events["title"].dropna().tolist()
    assert "=SUM(A1:A2)" in events["description"].dropna().tolist()
    assert back.partners.set_index("partner").loc["Газета «Городской вестник»", "notes"] == FORMULA
    assert events["participants_approx"].sum() == 3 and events["views_approx"].sum() == 1
    assert sorted(events["date_precision"].astype(str)) == ["day"] * 4 + ["month", "year"]


def test_export_writes_text_as_text_and_counts_as_numbers(tmp_path, file_a):
    import io

    from openpyxl import load_workbook

    with Store(tmp_path / "a.db") as s:
        s.apply(file_a)
        wb = load_workbook(io.BytesIO(s.export_xlsx()))
    assert wb.sheetnames == ["Партнёры", "Мероприятия"]
    ws = wb["Мероприятия"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Дата проведения", "Год", "Название мероприятия"]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    formula_row = next(r for r in rows if r["Название мероприятия"] == FORMULA)
    cell = next(c for c in ws[rows.index(formula_row) + 2] if c.value == FORMULA)
    assert cell.data_type == "s"
    by_title = {r["Название мероприятия"]: r for r in rows}
    assert by_title["Онлайн-викторина"]["Дата проведения"] == "апрель 2020"
    assert by_title["Онлайн-викторина"]["Количество просмотров"] == 1200
    assert by_title["Годовой проект «Читаем вместе»"]["Дата проведения"] is None
    assert by_title["Годовой проект «Читаем вместе»"]["Год"] == 2019
    assert by_title["Годовой проект «Читаем вместе»"]["Количество просмотров"] == "≈500"
    assert by_title["Экскурсия"]["Форма проведения"] == "не указана"  # unknown stays unknown


def test_sample_workbook_round_trip(tmp_path):
    sample = pytest.importorskip("partnerlib.sample")
    result = read(sample.sample_workbook_bytes(), "sample.xlsx")
    data, back = _round_trip(str(tmp_path / "a.db"), str(tmp_path / "b.db"), result)
    assert len(back.events) == len(result.events) and len(back.partners) == len(result.partners)
    for left, right in zip(_comparable(data), _comparable(back), strict=True):
        pd.testing.assert_frame_equal(left, right)


# ---------------------------------------------------------------- faults

def test_failure_in_the_middle_of_an_import_changes_nothing(store, file_a, file_b, monkeypatch):
    store.apply(file_a)
    before, history = snapshot(store), store.history()
    version = store.version()

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    # Partners and events of B are already inserted when the values fail.
    monkeypatch.setattr(store_database, "_update_cells", broken)
    with pytest.raises(RuntimeError):
        store.apply(file_b, accept_changes=True)
    assert_same_state(before, snapshot(store))
    pd.testing.assert_frame_equal(history, store.history())
    assert store.version() == version
    monkeypatch.undo()
    store.apply(file_b)
    assert len(store.load().events) == 7


def test_failure_in_the_middle_of_an_undo_changes_nothing(store, file_a, file_b, monkeypatch):
    store.apply(file_a)
    second = store.apply(file_b, accept_changes=True)
    before, history = snapshot(store), store.history()
    real = store_database._undo_one

    def broken(conn, import_id):
        real(conn, import_id)
        raise RuntimeError("power cut")

    monkeypatch.setattr(store_database, "_undo_one", broken)
    with pytest.raises(RuntimeError):
        store.undo(second)
    assert_same_state(before, snapshot(store))
    pd.testing.assert_frame_equal(history, store.history())


def stored_keys(s: Store) -> list[str]:
    with s.engine.connect() as conn:
        return sorted(conn.execute(sa.select(store_module.EVENTS_T.c.key)).scalars())


def test_two_imports_at_once_lose_and_double_nothing(url, file_a, file_b):
    on_pg = "://" in url
    with Store(url if on_pg else url.replace(".db", "-expected.db")) as s:
        s.apply(file_a)
        s.apply(file_b)
        expected = stored_keys(s)
        if on_pg:
            store_module.METADATA.drop_all(s.engine)
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def work(files):
        try:
            with Store(url, timeout=60) as s:
                barrier.wait()
                for f in files:
                    s.apply(f)
        except BaseException as exc:  # reported to the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=([file_a, file_b, file_a],)),
               threading.Thread(target=work, args=([file_b, file_a, file_b],))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    with Store(url) as s:
        data = s.load()
        history = s.history()
        got = stored_keys(s)
    # Which spelling of a shared event is kept depends on which file came first; its key does not.
    assert got == expected and len(got) == 7
    assert len(data.partners) == 5 and data.partners["partner"].is_unique
    assert len(history) == 6
    assert history["events_added"].sum() == 7


def test_corrupt_database_file_is_reported_and_left_alone(tmp_path):
    path = tmp_path / "broken.db"
    garbage = bytes(range(256)) * 64
    path.write_bytes(garbage)
    with pytest.raises(StoreError) as err:
        Store(path)
    assert err.value.code == "corrupt"
    assert "повреждён" in str(err.value) and str(path) in str(err.value)
    assert path.read_bytes() == garbage


def test_damaged_pages_are_reported_as_corrupt(tmp_path, file_a):
    path = tmp_path / "damaged.db"
    with Store(path) as s:
        s.apply(file_a)
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # the second page: a table's b-tree
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError) as err, Store(path) as s:
        s.load()
        s.history()
    assert err.value.code == "corrupt"
    assert path.read_bytes() == bytes(data)


def test_locked_database_times_out_with_a_clear_error(tmp_path, file_a, file_b):
    path = tmp_path / "busy.db"
    with Store(path) as s:
        s.apply(file_a)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another import in progress
    try:
        before = path.read_bytes()
        with Store(path, timeout=0.3) as s:
            with pytest.raises(StoreError) as err:
                s.apply(file_b)
            assert err.value.code == "locked" and "занята" in str(err.value)
            assert len(s.load().events) == 6  # readers are not blocked
        assert path.read_bytes() == before
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Store(path) as s:
        s.apply(file_b)
        assert len(s.load().events) == 7


def test_exclusively_locked_database_cannot_even_be_opened(tmp_path, file_a):
    path = tmp_path / "exclusive.db"
    with Store(path) as s:
        s.apply(file_a)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO meta (name, value) VALUES ('probe', 'x')")
    try:
        before = path.read_bytes()
        with pytest.raises(StoreError) as err:
            Store(path, timeout=0.3).load()
        assert err.value.code == "locked"
        assert path.read_bytes() == before
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.postgres
def test_postgres_writer_waits_for_the_advisory_lock(pg_url, file_a):
    with Store(pg_url, timeout=0.5) as s:
        holder = sa.create_engine(pg_url)
        with holder.connect() as conn, conn.begin():
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": store_module.PG_LOCK_KEY})
            with pytest.raises(StoreError) as err:
                s.apply(file_a)
            assert err.value.code == "locked"
        holder.dispose()
        assert s.is_empty()
        s.apply(file_a)
        assert len(s.load().events) == 6


def test_unreachable_server_is_reported_without_the_password():
    with pytest.raises(StoreError) as err:
        Store("postgresql+psycopg://user:secret@127.0.0.1:1/partnerlib", timeout=2)
    assert err.value.code == "unreachable"
    assert "недоступен" in str(err.value) and "secret" not in str(err.value)


@pytest.mark.parametrize("bad", ["nosuchdb://user:secret@host/x", "mysql+nosuchdriver://user:secret@host/x"])
def test_bad_url_is_reported_without_the_password(bad):
    with pytest.raises(StoreError) as err:
        Store(bad)
    assert err.value.code == "bad_url"
    assert "Неверный адрес" in str(err.value) and "secret" not in str(err.value)


def test_sqlite_uses_wal(tmp_path):
    path = tmp_path / "wal.db"
    Store(path).close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_creates_missing_folders(tmp_path):
    path = tmp_path / "deep" / "er" / "store.db"
    with Store(path) as s:
        assert s.is_empty()
    assert path.is_file()


# ---------------------------------------------------------------- configuration

@pytest.mark.parametrize(
    ("arg", "env", "secrets", "expected"),
    [
        ("x.db", "env.db", 'db_url = "sec.db"', "x.db"),
        (None, "env.db", 'db_url = "sec.db"', "env.db"),
        (None, None, 'db_url = "sec.db"', "sec.db"),
        (None, "postgresql+psycopg://u@h/db", None, "postgresql+psycopg://u@h/db"),
        (None, None, None, str(settings.DEFAULT_DB_PATH)),
        (None, None, "not = [valid toml", str(settings.DEFAULT_DB_PATH)),
    ],
)
def test_resolve_url(arg, env, secrets, expected, tmp_path, monkeypatch):
    secrets_path = tmp_path / "secrets.toml"
    if secrets is not None:
        secrets_path.write_text(secrets, encoding="utf-8")
    monkeypatch.setattr(settings, "SECRETS_PATH", secrets_path)
    monkeypatch.chdir(tmp_path)
    if env is None:
        monkeypatch.delenv(settings.ENV_URL, raising=False)
    else:
        monkeypatch.setenv(settings.ENV_URL, env)
    url = settings.resolve_url(arg)
    if "://" in expected:
        assert url == expected
    else:
        assert url == f"sqlite:///{(tmp_path / expected).absolute() if not expected.startswith('/') else expected}"


@pytest.mark.parametrize(("secrets", "expected"), [
    ('admin_password = "s3cret"', "s3cret"),
    ('db_url = "x.db"', None),
    ('admin_password = ""', None),
    (None, None),
])
def test_admin_password(secrets, expected, tmp_path, monkeypatch):
    path = tmp_path / "secrets.toml"
    if secrets is not None:
        path.write_text(secrets, encoding="utf-8")
    monkeypatch.setattr(settings, "SECRETS_PATH", path)
    assert settings.admin_password() == expected
