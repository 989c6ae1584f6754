"""Tests of the README: its layout names every module and every command (as datasette's test_docs does)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from partnerlib.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def layout() -> str:
    section = README.split("## Layout", 1)[1]
    return section.split("```", 2)[1]


MODULES = sorted(
    str(p.relative_to(ROOT / "partnerlib")) for p in (ROOT / "partnerlib").rglob("*.py")
    if p.name not in ("__init__.py", "__main__.py") and p.parent.name != "data"
)


def commands() -> list[str]:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    return list(sub.choices)


@pytest.mark.parametrize("module", MODULES)
def test_the_layout_names_every_module(module):
    *folders, name = module.split("/")
    text = layout()
    assert re.search(rf"(^|\s){re.escape(name)}(\s|$)", text), f"{module} is missing from the README's layout"
    for folder in folders:
        assert f"{folder}/" in text, folder


@pytest.mark.parametrize("command", commands())
def test_the_layout_names_every_command(command):
    assert re.search(rf"\b{re.escape(command)}\b", layout().split("cli.py", 1)[1]), command


def test_the_lists_are_not_empty():
    assert len(MODULES) > 20 and {"check", "import", "upgrade"} <= set(commands())


def subcommands() -> list[tuple[str, str]]:
    """(group, command) of the commands with commands of their own: `partners duplicates`, …"""
    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    return [(group, name) for group, p in sub.choices.items()
            for a in p._actions if a.__class__.__name__ == "_SubParsersAction" for name in a.choices]


@pytest.mark.parametrize("group, command", subcommands())
def test_the_readme_shows_every_subcommand(group, command):
    assert re.search(rf"python -m partnerlib {group} {re.escape(command)}\b", README), (group, command)
    assert re.search(rf"\b{re.escape(command)}\b", layout().split("cli.py", 1)[1]), (group, command)


def test_there_are_subcommands():
    assert ("partners", "merge") in subcommands()
