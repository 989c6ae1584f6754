"""The column mapping on the Data page through AppTest: her choice of a column's field changes the figures."""

import hashlib

from conftest import xlsx_bytes
from test_app import _navigation_app, _no_store, app, metric_values, upload  # noqa: F401  (fixtures)

from partnerlib import fmt

ROWS = [["Дата", "Мероприятие", "Пришли (чел.)"], ["01.03.2022", "Акция", 10], ["02.03.2022", "Квиз", 15]]


def _participants(at) -> str:
    at.switch_page("pages/overview.py").run()
    values = metric_values(at)
    return next(v for label, v in values.items() if label.startswith("Участник"))


def test_choosing_a_columns_field_reads_the_file_again_and_the_kpi_changes():
    data = xlsx_bytes({"2022": ROWS})
    key = f"data_map_{hashlib.sha256(data).hexdigest()[:12]}_0_2"
    at = upload(app(), "пришли.xlsx", data)
    assert not at.exception
    box = at.selectbox(key=key)
    assert box.value == ""  # not recognised: not read
    assert any("Пришли (чел.)" in w.value for w in at.warning) or len(at.dataframe)
    assert _participants(at) in ("0", "—")
    at.switch_page("pages/data.py").run()
    at.selectbox(key=key).set_value("participants").run()
    assert not at.exception
    assert at.selectbox(key=key).value == "participants"
    assert _participants(at) == fmt.number(25)


def test_a_sheet_can_be_left_unread_from_the_page():
    rows_2021 = [ROWS[0], *([r[0].replace("2022", "2021"), *r[1:]] for r in ROWS[1:])]
    data = xlsx_bytes({"2021": rows_2021, "2022": ROWS})
    digest = hashlib.sha256(data).hexdigest()[:12]
    at = upload(app(), "два.xlsx", data)
    assert any("мероприятий — 4 (2021–2022)" in s.value for s in at.success), [s.value for s in at.success]
    at.selectbox(key=f"data_map_kind_{digest}_0").set_value("skipped").run()
    assert not at.exception
    assert any("мероприятий — 2 (2022)" in s.value for s in at.success)


def test_her_choice_is_kept_with_the_saved_file_and_applied_to_the_next_one():
    data = xlsx_bytes({"2022": ROWS})
    key = f"data_map_{hashlib.sha256(data).hexdigest()[:12]}_0_2"
    at = upload(app(), "пришли.xlsx", data)
    at.selectbox(key=key).set_value("participants").run()
    at.button(key="data_save").click().run()
    assert not at.exception
    # Next year's file, with the same headings: the column is read as she chose, and a note says so.
    rows = [ROWS[0], ["01.03.2023", "Акция", 7], ["02.03.2023", "Квиз", 8]]
    again = xlsx_bytes({"2023": rows})
    at.file_uploader(key="data_upload").set_value(("пришли 2023.xlsx", again, "application/vnd.ms-excel")).run()
    assert not at.exception
    next_key = f"data_map_{hashlib.sha256(again).hexdigest()[:12]}_0_2"
    assert at.selectbox(key=next_key).value == "participants"
    problems = [row for frame in at.dataframe for row in frame.value.astype(str).values.tolist()]
    assert any("прошлой загрузки" in " ".join(row) for row in problems)
