"""The director's choices of columns on the command line: `--map "Охват (чел.)=participants"` and `--map-file`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from partnerlib import headings
from partnerlib.i18n import cli
from partnerlib.layout import Choices, parse_choice


def add_map_arguments(parser: argparse.ArgumentParser) -> None:
    """`--map "Охват (чел.)=participants"` (repeatable) and `--map-file FILE.json`: the director's choices."""
    parser.add_argument("--map", action="append", default=[], metavar=cli("help.map_metavar"),
                        help=cli("help.map"))
    parser.add_argument("--map-file", metavar="FILE.json",
                        help=cli("help.map_file"))


def choices_from(args) -> Choices:
    """The choices given by `--map` and `--map-file`.

    Raises:
        ValueError: with the Russian message to print, for a choice that names no field or a bad file.
    """
    columns: dict[str, str | None] = {}
    items: list[str] = []
    if args.map_file:
        try:
            loaded = json.loads(Path(args.map_file).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(cli("cli_map_file_unreadable", path=args.map_file, detail=exc)) from None
        if not isinstance(loaded, dict):
            raise ValueError(cli("cli_map_file_not_object", path=args.map_file))
        items += [f"{heading}={field or ''}" for heading, field in loaded.items()]
    items += args.map
    for item in items:
        try:
            heading, field = parse_choice(item)
        except ValueError:
            raise ValueError(cli("cli_map_bad", item=item, fields=", ".join(headings.fields()))) from None
        columns[heading] = field
    return Choices(columns=columns)


def file_and_choices(args) -> tuple[Path, Choices] | None:
    """The sheet `check` or `import` was given and the choices of columns given with it; None when the file
    is not there or a choice is wrong (the reason is printed to stderr: the command ends with a usage error)."""
    path = Path(args.file)
    if not path.is_file():
        print(cli("cli_no_file", path=path), file=sys.stderr)
        return None
    try:
        return path, choices_from(args)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return None
