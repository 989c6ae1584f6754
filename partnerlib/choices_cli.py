"""The director's choices of columns on the command line: `--map "Охват (чел.)=participants"` and `--map-file`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from partnerlib import headings
from partnerlib.layout import Choices, parse_choice


def add_map_arguments(parser: argparse.ArgumentParser) -> None:
    """`--map "Охват (чел.)=participants"` (repeatable) and `--map-file FILE.json`: the director's choices."""
    parser.add_argument("--map", action="append", default=[], metavar="ЗАГОЛОВОК=ПОЛЕ",
                        help="читать столбец с этим заголовком как поле (participants, views, date, title, "
                             "partner, …; пусто — не читать); можно повторять")
    parser.add_argument("--map-file", metavar="FILE.json",
                        help='файл JSON {"заголовок": "поле" или null, …}; --map дополняет его')


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
            raise ValueError(f"Не удалось прочитать файл выбора столбцов {args.map_file}: {exc}") from None
        if not isinstance(loaded, dict):
            raise ValueError(f"В файле {args.map_file} должен быть объект JSON {{\"заголовок\": \"поле\"}}.")
        items += [f"{heading}={field or ''}" for heading, field in loaded.items()]
    items += args.map
    for item in items:
        try:
            heading, field = parse_choice(item)
        except ValueError:
            raise ValueError(f"Не понят выбор столбца «{item}»: нужно «заголовок=поле», где поле одно из: "
                             f"{', '.join(headings.fields())} (или пусто — не читать).") from None
        columns[heading] = field
    return Choices(columns=columns)
