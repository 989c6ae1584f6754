"""Benchmark: page switches of N browser-less sessions against one server at 100,000 events.

Starts `streamlit run dashboard.py` on 127.0.0.1 with a store of N_EVENTS synthetic events, then opens 1, 5
and 10 sessions over Streamlit's own websocket protocol (binary protobuf BackMsg / ForwardMsg, as a browser
does). Each session switches pages in turn (Обзор → Партнёры → Мероприятия → Охват → Экспорт → …) for a
bounded time, timing each switch from the request to the server's «script finished». Between two switches
a session reads the page for a while (`--think` seconds on average, 0.5–1.5× of it, seeded), as people do;
`--think 0` measures a server kept saturated. Prints p50 / p95 per session count and the ratio of p95 at 5
sessions to one session (target ≤ 2×).

    python bench/load_bench.py [--events 100000] [--seconds 30] [--think 2] [--sessions 1 5 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
PAGES = ["overview", "partners", "events", "reach", "export"]
TARGET_RATIO = 2.0
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}


def store_file(n_events: int) -> Path:
    """A SQLite store holding `n_events` synthetic events, made once under bench/out/."""
    from partnerlib.reader import read_workbook
    from partnerlib.sample import synthetic_workbook
    from partnerlib.store import open_store

    path = OUT / f"load_{n_events}.db"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        print(f"building {path.name} (once) …", flush=True)
        result = read_workbook(synthetic_workbook(n_events), "synthetic.xlsx")
        part = path.with_suffix(".part")
        part.unlink(missing_ok=True)
        store = open_store(f"sqlite:///{part}")
        store.apply(result, filename="synthetic.xlsx", sha256="0" * 64)
        store.close()  # everything in the file itself before it is renamed
        part.rename(path)
        for suffix in ("-wal", "-shm"):
            Path(f"{part}{suffix}").unlink(missing_ok=True)
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    env = {**os.environ, "PARTNERLIB_DB_URL": str(db), "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
           "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read().decode().strip() == "ok":
                    return proc, port
        except OSError:
            time.sleep(0.25)
    stop_server(proc)
    raise RuntimeError("streamlit did not answer in 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


class Session:
    """One browser-less session: a websocket, the pages' script hashes, and reruns it waits for."""

    def __init__(self, ws):
        self.ws = ws
        self.hashes: dict[str, str] = {}

    async def run(self, page: str | None) -> float:
        """Ask for `page` (None: the default) and wait until its script has finished; returns seconds."""
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        if page is not None:
            msg.rerun_script.page_script_hash = self.hashes[page]
            msg.rerun_script.page_name = page
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await self.ws.recv())
            kind = fwd.WhichOneof("type")
            if kind == "navigation":
                self.hashes = {p.url_pathname or "overview": p.page_script_hash for p in fwd.navigation.app_pages}
            elif kind == "script_finished" and fwd.script_finished in FINISHED:
                return time.perf_counter() - start


class Start:
    """Timing starts when every session has opened and seen each page once; it lasts `seconds`."""

    def __init__(self, sessions: int, seconds: float):
        self.waiting, self.seconds = sessions, seconds
        self.ready = asyncio.Event()
        self.until = 0.0

    async def arrive(self) -> None:
        self.waiting -= 1
        if self.waiting == 0:
            self.until = time.monotonic() + self.seconds
            self.ready.set()
        await self.ready.wait()


async def _session(port: int, start: Start, times: list[float], think: float = 0.0, seed: int = 0) -> None:
    async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                  max_size=None) as ws:
        s = Session(ws)
        await s.run(None)  # the first run: the Overview (and the page hashes)
        for page in PAGES:  # every page once: what follows times switches, not a session's first visit
            await s.run(page)
        await start.arrive()
        rng = random.Random(seed)
        i = 0
        while time.monotonic() < start.until:
            page = PAGES[i % len(PAGES)]
            i += 1
            times.append(await s.run(page))
            if think:
                await asyncio.sleep(think * rng.uniform(0.5, 1.5))


async def measure(port: int, n: int, seconds: float, think: float) -> list[float]:
    """The switch times of `n` sessions switching pages together for `seconds` (after they opened)."""
    await _session(port, Start(1, 0.0), [])  # the server loads and caches the dataset once, untimed
    times: list[float] = []
    start = Start(n, seconds)
    await asyncio.gather(*(_session(port, start, times, think, seed) for seed in range(n)))
    return times


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--seconds", type=float, default=30.0, help="timed switching per session count")
    ap.add_argument("--think", type=float, default=2.0, help="mean seconds a session reads a page")
    ap.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 10])
    args = ap.parse_args()
    db = store_file(args.events)
    proc, port = start_server(db)
    rows = []
    try:
        for n in args.sessions:
            times = asyncio.run(measure(port, n, args.seconds, args.think))
            rows.append((n, len(times), statistics.median(times), _pct(times, 95)))
            print(f"{n:>3} session(s): {len(times):>4} switches, p50 {rows[-1][2]:.3f} s, p95 {rows[-1][3]:.3f} s",
                  flush=True)
    finally:
        stop_server(proc)
    print(f"\npage switches at {args.events:,} events, {args.seconds:.0f} s per session count, "
          f"{args.think:g} s reading between switches, one server")
    print(f"{'sessions':>8} {'switches':>9} {'p50 s':>8} {'p95 s':>8}")
    for n, count, p50, p95 in rows:
        print(f"{n:>8} {count:>9} {p50:>8.3f} {p95:>8.3f}")
    by_n = {n: p95 for n, _, _, p95 in rows}
    if 1 in by_n and 5 in by_n:
        ratio = by_n[5] / by_n[1]
        verdict = "ok" if ratio <= TARGET_RATIO else "over"
        print(f"p95 at 5 sessions / 1 session: {ratio:.2f}× (target ≤ {TARGET_RATIO:.0f}×: {verdict})")


if __name__ == "__main__":
    main()
