"""Seeded mutation fuzz of small xlsx, xls and ods files through read_workbook: never a traceback, no worker left.

`PARTNERLIB_FUZZ_CASES` (default 60) mutated files are read, from `PARTNERLIB_FUZZ_SEED` (default 15);
new cases stop being made after `PARTNERLIB_FUZZ_SECONDS` (default 120). Each read runs under the
worker's limits, set small here, so a file that makes the parser loop or grow ends at once.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import re
import time
import zipfile
from collections import Counter

import pytest
from conftest import ods_bytes, xls_bytes, xlsx_bytes
from test_sandbox import children

from partnerlib import read_workbook, sandbox
from partnerlib.errors import ERROR

CASES = int(os.environ.get("PARTNERLIB_FUZZ_CASES", "60"))
SEED = int(os.environ.get("PARTNERLIB_FUZZ_SEED", "15"))
BUDGET_SECONDS = float(os.environ.get("PARTNERLIB_FUZZ_SECONDS", "120"))

BOOK = {
    "Партнёры": [
        ["Наименование партнёра", "Категория партнёра", "Уровень", "С какого года"],
        ["Школа № 1", "Организации и учреждения", "муниципальный", 2015],
        ["Газета «Курьер»", "СМИ", None, 2019],
    ],
    "Мероприятия": [
        ["Дата проведения", "Название мероприятия", "Партнёр(ы)", "Форма проведения", "Кол-во участников"],
        [dt.datetime(2021, 3, 1), "Лекция", "Школа № 1", "очно", 25],
        ["02.03.2021", "Эфир", "Газета «Курьер»; Школа № 1", "онлайн", "1 200"],
        [dt.datetime(2021, 4, 5), "Встреча", "Школа № 1", "смешанный", None],
    ],
}


@pytest.fixture(scope="module")
def seeds() -> dict[str, bytes]:
    return {"xlsx": xlsx_bytes(BOOK), "xls": xls_bytes(BOOK), "ods": ods_bytes(BOOK)}


@pytest.fixture(autouse=True)
def _small_limits(monkeypatch):
    monkeypatch.setenv(sandbox.MEMORY_ENV, "600")
    monkeypatch.setenv(sandbox.SECONDS_ENV, "5")


# ---------------------------------------------------------------- mutations

def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def cut(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(1, len(data))]


def splice(rng: random.Random, data: bytes) -> bytes:
    """A range of the file copied over another place (repeated structures, wrong lengths)."""
    a, b = sorted(rng.randrange(len(data)) for _ in range(2))
    at = rng.randrange(len(data))
    return data[:at] + data[a:b] + data[at + (b - a) // 2:]


def interesting_numbers(rng: random.Random, data: bytes) -> bytes:
    """Little-endian 16/32-bit fields overwritten with edge values (record lengths, counts, indexes)."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        value = rng.choice([0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF])
        width = rng.choice([2, 4])
        at = rng.randrange(max(1, len(out) - width))
        out[at:at + width] = (value & (256 ** width - 1)).to_bytes(width, "little")
    return bytes(out)


RAW = [flip_bytes, cut, splice, interesting_numbers]
_NUMBER = re.compile(rb"\d+")
_REF = re.compile(rb'r="[A-Z]+\d+"')


def xml_numbers(rng: random.Random, xml: bytes) -> bytes:
    """Numbers in the XML (indexes, counts, repeats, sizes) replaced with edge values."""
    found = list(_NUMBER.finditer(xml))
    if not found:
        return xml
    for m in sorted(rng.sample(found, min(len(found), rng.randint(1, 4))), key=lambda m: -m.start()):
        value = str(rng.choice([0, -1, 65535, 65536, 1048576, 16384, 2**31, 2**63, 10**30])).encode()
        xml = xml[:m.start()] + value + xml[m.end():]
    return xml


def xml_refs(rng: random.Random, xml: bytes) -> bytes:
    """Cell references moved far away, or made nonsense."""
    found = list(_REF.finditer(xml))
    if not found:
        return xml
    m = rng.choice(found)
    new = rng.choice([b'r="XFD1048576"', b'r="A1048576"', b'r="ZZZZ1"', b'r="A0"', b'r=""', b'r="AAA70000"'])
    return xml[:m.start()] + new + xml[m.end():]


def xml_text(rng: random.Random, xml: bytes) -> bytes:
    """Bytes of the XML flipped, deleted or repeated."""
    op = rng.choice(["flip", "delete", "repeat"])
    a = rng.randrange(len(xml))
    b = min(len(xml), a + rng.randint(1, 200))
    if op == "flip":
        return xml[:a] + bytes(rng.randrange(256) for _ in range(b - a)) + xml[b:]
    if op == "delete":
        return xml[:a] + xml[b:]
    return xml[:a] + xml[a:b] * rng.randint(2, 50) + xml[b:]


XML = [xml_numbers, xml_refs, xml_text]


def mutate_zip(rng: random.Random, data: bytes) -> bytes:
    """One XML part of an xlsx or ods mutated, and the archive written again (so its checksums hold)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    xml_parts = [n for n in parts if n.endswith((".xml", ".rels"))]
    for name in rng.sample(xml_parts, rng.randint(1, min(2, len(xml_parts)))):
        parts[name] = rng.choice(XML)(rng, parts[name])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in parts.items():
            zf.writestr(name, blob)
    return out.getvalue()


def mutated(seeds: dict[str, bytes], case: int, seed: int = SEED) -> tuple[str, bytes, str]:
    """The `case`-th mutated file of a seed: (its kind, its bytes, the mutation's name)."""
    rng = random.Random(seed * 1_000_003 + case)
    kind = rng.choice(sorted(seeds))
    data = seeds[kind]
    if kind != "xls" and rng.random() < 0.7:
        return kind, mutate_zip(rng, data), "xml"
    mutation = rng.choice(RAW)
    return kind, mutation(rng, data), mutation.__name__


# ---------------------------------------------------------------- the run

def test_mutated_files_never_raise_and_leave_no_worker(seeds):
    started = time.monotonic()
    outcomes: Counter[str] = Counter()
    for case in range(CASES):
        if time.monotonic() - started > BUDGET_SECONDS:
            break
        kind, data, how = mutated(seeds, case)
        result = read_workbook(data, f"fuzz-{case}.{kind}")  # must not raise, whatever the bytes
        for problem in result.problems:
            assert problem.message_in("ru") and problem.message_in("en"), (case, problem)
        errors = [p for p in result.problems if p.severity == ERROR]
        if not result.ok:
            assert errors, (case, kind, how, result.problems)
        outcomes[errors[0].code if errors and not result.ok else "read"] += 1
        assert children() == set(sandbox.idle_workers()), (case, kind, how)
    assert sum(outcomes.values()) > 0
    print(f"fuzz: {sum(outcomes.values())} cases from seed {SEED}: {dict(outcomes)}")


def looping_ods(seeds: dict[str, bytes]) -> tuple[str, bytes]:
    """The fuzz's looping .ods, built directly (the ods writer's timestamps move the fuzz's cut): its
    content.xml cut inside the last closing tags, "</tabl" running into "document-content>"."""
    with zipfile.ZipFile(io.BytesIO(seeds["ods"])) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    content = parts["content.xml"]
    parts["content.xml"] = content[:content.rindex(b"</table:table>") + len(b"</tabl")] + b"document-content>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in parts.items():
            zf.writestr(name, blob)
    return "ods", out.getvalue()


def fuzzed(case: int):
    """The `case`-th file of the fuzz from seed 15 (the xls writer's output does not move)."""
    def build(seeds: dict[str, bytes]) -> tuple[str, bytes]:
        kind, data, _ = mutated(seeds, case, seed=15)
        return kind, data
    return build


# Files the fuzz found that the parser cannot read within the limits: real damaged files.
# name: (builder, words in the message)
FOUND = {
    "an .xls with a range copied over another (grows without end)": (fuzzed(3), "превышен предел памяти 600 МБ"),
    "another such .xls": (fuzzed(30), "превышен предел памяти 600 МБ"),
    "a cut .xls (panics)": (fuzzed(33), "сбой программы чтения: PanicException: range end index 64 "
                                        "out of range for slice of length 41"),
    "another cut .xls": (fuzzed(218), "сбой программы чтения: PanicException: assertion `left == right` failed"),
    "an .ods cut inside its closing tags (loops)": (looping_ods, "чтение заняло больше 5 с"),
}


@pytest.mark.parametrize("name", FOUND)
def test_damaged_files_the_fuzz_found_are_one_clear_error_and_the_next_read_works(seeds, name):
    build, words = FOUND[name]
    kind, data = build(seeds)
    result = read_workbook(data, f"found.{kind}")
    assert [(p.severity, p.code) for p in result.problems] == [(ERROR, "read_failed")]
    message = result.problems[0].message
    assert message.startswith("Файл не удалось прочитать: он повреждён или слишком сложен (")
    assert words in message and "\n" not in message
    assert children() == set(sandbox.idle_workers())
    assert read_workbook(seeds[kind], f"good.{kind}").events["title"].tolist() == ["Лекция", "Эфир", "Встреча"]
