"""Failed password attempts, counted per session, per client and for the whole server, with a growing wait.

The counts live in the server process (one `Attempts` for all sessions), so reloading the page or opening
a new session does not start them again. No password, right or wrong, is ever kept here.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

SERVER = "server"


@dataclass(frozen=True)
class Limits:
    """How many failures are free, and how the wait grows after them.

    After `free` failures of one session or client (`server_free` of the whole server) within `window`
    seconds, each further try waits `first_wait` seconds after the last failure, doubling with every
    failure up to `max_wait`.
    """

    free: int = 5
    server_free: int = 20
    first_wait: float = 2.0
    max_wait: float = 15 * 60.0
    window: float = 60 * 60.0


class Attempts:
    """The failures of every key ("session:…", "client:…", SERVER), thread-safe.

    Args:
        limits: the free failures and the waits.
        clock: seconds, monotonic (tests pass their own).
    """

    def __init__(self, limits: Limits | None = None, clock: Callable[[], float] = time.monotonic):
        self.limits = limits or Limits()
        self.clock = clock
        self._lock = threading.Lock()
        self._failures: dict[str, list[float]] = {}

    def wait(self, keys: Iterable[str]) -> float:
        """Seconds to wait before the next try may be checked (0: now), the longest over `keys`."""
        now = self.clock()
        with self._lock:
            return max((self._wait(key, now) for key in keys), default=0.0)

    def failed(self, keys: Iterable[str]) -> None:
        """Count one failed try against each of `keys`."""
        now = self.clock()
        with self._lock:
            for key in keys:
                times = self._recent(key, now)
                times.append(now)
                self._failures[key] = times

    def succeeded(self, keys: Iterable[str]) -> None:
        """Forget the failures of `keys`, but the server's (another client's guesses still count)."""
        with self._lock:
            for key in keys:
                if key != SERVER:
                    self._failures.pop(key, None)

    def _recent(self, key: str, now: float) -> list[float]:
        return [t for t in self._failures.get(key, []) if now - t < self.limits.window]

    def _wait(self, key: str, now: float) -> float:
        times = self._recent(key, now)
        free = self.limits.server_free if key == SERVER else self.limits.free
        over = len(times) - free
        if over < 0:
            return 0.0
        delay = min(self.limits.max_wait, self.limits.first_wait * 2.0 ** over)
        return max(0.0, times[-1] + delay - now)
