"""Tests of the dependencies: the lock files pin a version inside every bound of requirements*.txt, and the
runtime needs declare every package the code imports."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
# The name a package is imported by, where it differs from its name on PyPI.
IMPORT_NAMES = {"pptx": "python-pptx", "docx": "python-docx", "python_calamine": "python-calamine"}


def requirements(name: str) -> list[Requirement]:
    lines = (line.split("#", 1)[0].strip() for line in (ROOT / name).read_text(encoding="utf-8").splitlines())
    return [Requirement(line) for line in lines if line and not line.startswith("-")]


def pins(name: str) -> dict[str, str]:
    out = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            package, version = line.split("==", 1)
            out[canonicalize_name(package.split("[")[0])] = version.strip()
    return out


@pytest.mark.parametrize("needs, lock", [("requirements.txt", "requirements.lock"),
                                         ("requirements-dev.txt", "requirements-dev.lock")])
def test_the_lock_pins_a_version_inside_every_bound(needs, lock):
    pinned = pins(lock)
    outside = [(str(r), pinned.get(canonicalize_name(r.name))) for r in requirements(needs)
               if not r.specifier.contains(pinned.get(canonicalize_name(r.name), "0"), prereleases=True)]
    assert outside == [], "run `make lock`"


def test_every_runtime_need_has_an_upper_bound():
    assert [str(r) for r in requirements("requirements.txt") if not any(s.operator == "<" for s in r.specifier)] == []


def test_the_runtime_needs_declare_every_package_the_code_imports():
    imported = set()
    for path in [*(ROOT / "partnerlib").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "dashboard.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"partnerlib", "__future__"}
    declared = {canonicalize_name(r.name) for r in requirements("requirements.txt")}
    assert {canonicalize_name(IMPORT_NAMES.get(m, m)) for m in third_party} - declared == set()
