"""Failed password attempts: a growing wait after five failures, per session, client and server, and the
Data page's password field through AppTest (twenty wrong guesses, the lockout, the right password after it)."""

from __future__ import annotations

import pytest
from test_app import _navigation_app, _no_store, app, upload  # noqa: F401  (fixtures used by name)

from partnerlib import fmt, i18n
from partnerlib.attempts import SERVER, Attempts, Limits
from partnerlib.sample import synthetic_workbook
from partnerlib.store import open_store, resolve_url

PASSWORD = "верный-пароль-1"


class Clock:
    """A clock the test moves by hand: no test sleeps."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("failures", "wait"),
    [(0, 0.0), (4, 0.0), (5, 2.0), (6, 4.0), (7, 8.0), (10, 64.0), (20, 900.0)],
)
def test_wait_grows_after_five_failures(failures, wait):
    attempts = Attempts(clock=Clock())
    for _ in range(failures):
        attempts.failed(["client:a"])
    assert attempts.wait(["client:a"]) == wait


def test_wait_runs_out_and_old_failures_are_forgotten():
    clock = Clock()
    attempts = Attempts(Limits(window=3600), clock=clock)
    for _ in range(6):
        attempts.failed(["client:a"])
    clock.now += 3.0
    assert attempts.wait(["client:a"]) == pytest.approx(1.0)
    clock.now += 1.0
    assert attempts.wait(["client:a"]) == 0.0
    clock.now += 3600
    attempts.failed(["client:a"])  # the six before are out of the window: one failure, no wait
    assert attempts.wait(["client:a"]) == 0.0


def test_the_server_counts_every_client():
    attempts = Attempts(Limits(free=5, server_free=20), clock=Clock())
    for i in range(20):
        attempts.failed([f"client:{i}", SERVER])  # a new address for each guess
    assert attempts.wait(["client:new", SERVER]) == 2.0
    assert attempts.wait(["client:new"]) == 0.0


def test_success_forgets_the_client_but_not_the_server():
    attempts = Attempts(Limits(free=5, server_free=6), clock=Clock())
    for _ in range(6):
        attempts.failed(["client:a", SERVER])
    attempts.succeeded(["client:a", SERVER])
    assert attempts.wait(["client:a"]) == 0.0
    assert attempts.wait([SERVER]) == 2.0


@pytest.mark.parametrize(("seconds", "ru", "en"), [
    (0.2, "1\u00a0с", "1\u00a0s"), (40, "40\u00a0с", "40\u00a0s"), (125, "2\u00a0мин 5\u00a0с", "2\u00a0min 5\u00a0s"),
    (900, "15\u00a0мин", "15\u00a0min"),
])
def test_duration(seconds, ru, en):
    assert fmt.duration(seconds, "ru") == ru
    assert fmt.duration(seconds, "en") == en


def _texts(at) -> str:
    """Every text the page shows, and every widget's value: the password must be in none of them."""
    parts = [str(getattr(el, "value", "")) for kind in ("markdown", "caption", "error", "info", "success", "warning")
             for el in getattr(at, kind)]
    parts += [str(w.value) for w in at.text_input]
    return "\n".join(parts)


def test_twenty_wrong_guesses_lock_out_then_the_right_password_after_the_wait(monkeypatch):
    clock = Clock()
    attempts = Attempts(clock=clock)
    monkeypatch.setattr("partnerlib.ui.ATTEMPTS", attempts)
    monkeypatch.setattr("partnerlib.ui.admin_password", lambda: PASSWORD)
    at = upload(app(), "файл.xlsx", synthetic_workbook(30, seed=7, years=range(2022, 2023)))
    locked = i18n.t("password_locked", "ru").split("{")[0]
    for guess in range(20):
        at.text_input(key="data_password").input(f"догадка-{guess}").run()
        assert not at.exception
        assert at.text_input(key="data_password").value == ""  # the field is emptied after each try
        assert at.button(key="data_save").disabled
        errors = " ".join(e.value for e in at.error)
        if guess < 4:
            assert i18n.t("wrong_password", "ru") in errors and locked not in errors
        else:
            assert locked in errors
        clock.now += 1.0  # a guess a second: from the fifth failure on, the wait outgrows it
    # Failures at 0-4 s, then waits of 2, 4, 8 s: the tries at 6, 10 and 18 s were checked and failed,
    # the others came before their wait was over (unchecked, uncounted). At 19 s, 34 - 19 s were left.
    assert fmt.duration(15, "ru") in errors
    assert attempts.wait(["client:local"]) == 14.0  # the clock moved on a second since
    # The right password during the wait is not even checked.
    at.text_input(key="data_password").input(PASSWORD).run()
    assert at.button(key="data_save").disabled
    assert locked in " ".join(e.value for e in at.error)
    # A reload is a new session: the wait holds for it too.
    again = upload(app(), "файл.xlsx", synthetic_workbook(30, seed=7, years=range(2022, 2023)))
    assert locked in " ".join(e.value for e in again.error)
    clock.now += 14.0
    at.text_input(key="data_password").input(PASSWORD).run()
    assert not at.button(key="data_save").disabled
    assert PASSWORD not in _texts(at)
    at.button(key="data_save").click().run()
    assert not at.exception
    assert any(i18n.t("store_saved", "ru", id=1) in s.value for s in at.success)
    assert PASSWORD not in _texts(at)
    history = open_store(resolve_url()).history(extra=True)
    assert history["admin"].tolist() == [True]  # the history says the import was made with the password
    # Undoing asks for the password again (the one typed before allowed one action), and says so too.
    assert at.button(key="data_undo").disabled
    at.text_input(key="data_undo_password").input(PASSWORD).run()
    at.button(key="data_undo").click().run()
    assert not at.exception
    history = open_store(resolve_url()).history(extra=True)
    assert history["undone_at"].notna().all() and history["undone_admin"].tolist() == [True]
    assert PASSWORD not in _texts(at)
