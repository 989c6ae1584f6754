"""The Overview's sentences agree with the cards beside them."""

import pytest

from partnerlib.narrative import _online_sentence


@pytest.mark.parametrize(("before", "now", "expected"), [
    (45.0, 45.04, "Доля онлайн-мероприятий осталась на уровне 45\u00a0%."),  # the card shows ±0,0 п. п.
    (45.0, 46.2, "В 2021 году доля онлайн-мероприятий выросла с 45\u00a0% до 46\u00a0%."),
    (45.2, 45.4, "В 2021 году доля онлайн-мероприятий выросла с 45,2\u00a0% до 45,4\u00a0%."),  # not «с 45 до 45»
    (60.0, 57.5, "В 2021 году доля онлайн-мероприятий снизилась с 60\u00a0% до 58\u00a0%."),
])
def test_online_share_sentence_matches_the_card(before, now, expected):
    assert _online_sentence(2021, {"online_share": now}, {"online_share": before}, "ru") == expected


def test_online_share_sentence_in_english():
    assert _online_sentence(2021, {"online_share": 30.0}, {"online_share": 29.0}, "en") == \
        "In 2021, the share of online events rose from 29% to 30%."
