"""The command line: `python -m partnerlib check|template|sample|import|history|undo|export|upgrade|…`.

Each group of commands lives in the module named after it and adds itself with `register(subparsers)`:
`check_cli` (check), `store_cli` (the store's commands), `export_cli` (decks, reports, summaries),
`partners_cli` (partner names: duplicates, merges, aliases). This
module only builds the parser, checks the settings once, and runs the command; none of them imports it.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from pathlib import Path

from partnerlib import check_cli, export_cli, partners_cli, settings, store_cli
from partnerlib.check_cli import summary  # noqa: F401  (the figures of `check --json`, used by tests)
from partnerlib.exit_codes import EXIT_OK, EXIT_USAGE
from partnerlib.i18n import CLI_TEXTS, cli


def cmd_template(args) -> int:
    from partnerlib.template import template_workbook

    Path(args.output).write_bytes(template_workbook())
    print(cli("cli_template_written", path=args.output))
    return EXIT_OK


def cmd_sample(args) -> int:
    from partnerlib.sample import write_sample

    path = write_sample(args.dir) if args.dir else write_sample()
    print(cli("cli_sample_written", path=path))
    return EXIT_OK


def _register_files(sub) -> None:
    p = sub.add_parser("template", help=cli("help.template"))
    p.add_argument("-o", "--output", required=True, help=cli("help.output", ext=".xlsx"))
    p.set_defaults(func=cmd_template)

    p = sub.add_parser("sample", help=cli("help.sample"))
    p.add_argument("--dir", help=cli("help.sample_dir"))
    p.set_defaults(func=cmd_sample)


# The groups of commands, in the order the help lists them.
COMMANDS = [check_cli.register, _register_files, store_cli.register, export_cli.register, partners_cli.register]


# argparse asks gettext for its own words («usage:», «options», the -h help, its error messages) through its
# module's `_` at the moment it needs them; Python ships no Russian for them. While the command line builds its
# parser and reads the arguments, that `_` gives the catalogue's text for each message it knows.
_ARGPARSE_KEYS = {texts["en"]: key for key, texts in CLI_TEXTS.items() if key.startswith("argparse.")}


def _argparse_words(message: str) -> str:
    key = _ARGPARSE_KEYS.get(message)
    return cli(key) if key else message


@contextmanager
def russian_argparse():
    saved = argparse._
    argparse._ = _argparse_words
    try:
        yield
    finally:
        argparse._ = saved


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m partnerlib",
                                     description=cli("cli_description"))
    sub = parser.add_subparsers(dest="command", required=True)
    for register in COMMANDS:
        register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code (see partnerlib.exit_codes)."""
    with russian_argparse():
        parser = build_parser()
        args = parser.parse_args(argv)
    problems = settings.check()
    if problems:
        for problem in problems:
            print(problem.message_in("ru"), file=sys.stderr)
        return EXIT_USAGE
    return args.func(args)
