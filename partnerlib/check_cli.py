"""The `check` command: what a file holds and its problems, as `check` prints them (and `import` before saving)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from partnerlib import alerts, branches, fmt, form6nk, identity, metrics
from partnerlib.choices_cli import add_map_arguments, file_and_choices
from partnerlib.errors import ERROR, INFO, WARNING
from partnerlib.exit_codes import EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from partnerlib.i18n import CLI_TEXTS, cli, format_label
from partnerlib.model import FORMATS
from partnerlib.reader import ImportResult, read_workbook


def register(sub) -> None:
    """Add `check` to the `python -m partnerlib` subparsers."""
    p = sub.add_parser("check", help=cli("help.check"))
    p.add_argument("file", help=cli("help.file"))
    p.add_argument("--json", action="store_true", help=cli("help.check_json"))
    p.add_argument("--today", type=day_argument, default=None, metavar="YYYY-MM-DD", help=cli("help.today"))
    add_map_arguments(p)
    p.set_defaults(func=cmd_check)




def day_argument(text: str) -> dt.date:
    """`--today`'s value: a day written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(cli("cli_bad_today", value=text)) from None


def summary(result: ImportResult, today: dt.date | None = None) -> dict:
    """The figures `check --json` prints: rows read, years, formats, totals, problems, and the register's
    agreements counted on `today` (default: the day it runs)."""
    events = result.events
    formats = events["format"].value_counts()
    ds = result.dataset()
    return {
        "partners": len(result.partners),
        "events": len(events),
        "years": sorted(int(y) for y in events["year"].dropna().unique()),
        "formats": {f: int(formats.get(f, 0)) for f in FORMATS},
        "participants_total": int(events["participants"].sum()),
        "views_total": int(events["views"].sum()),
        "problems": [p.as_dict() for p in result.problems],
        "by_year": metrics.by_year(ds),
        "libraries": branches.library_totals(ds),
        "form_6nk": form6nk.by_year(ds),
        "possible_duplicates": identity.possible_duplicates(partner_names(result)).to_dict("records"),
        "sheets": [sheet.as_dict() for sheet in result.sheets],
        "agreements": alerts.agreement_counts(ds, today or dt.date.today()),
    }


def partner_names(result: ImportResult) -> list[str]:
    """Every partner name of a file: the register's, then those its events name."""
    return [*result.partners["partner"].dropna(), *result.event_partners["partner"].dropna()]


def print_summary(result: ImportResult, out) -> None:
    """The summary as `check` prints it, to `out`."""
    s = summary(result)
    print(cli("cli_file", name=result.filename), file=out)
    for sheet in result.sheets:
        extra = cli("cli_sheet_read", header_row=sheet.header_row, rows=sheet.rows_read) \
            if sheet.kind in ("partners", "events") else ""
        kind = cli(f"cli_kind_{sheet.kind}") if f"cli_kind_{sheet.kind}" in CLI_TEXTS else sheet.kind
        print(cli("cli_sheet", name=sheet.name, kind=kind, extra=extra), file=out)
    years = s["years"]
    span = (f" ({years[0]}–{years[-1]})" if len(years) > 1 else f" ({years[0]})") if years else ""
    print(cli("cli_counts", partners=result.partners_said(), events=fmt.number(s["events"]), span=span), file=out)
    if s["events"]:
        forms = ", ".join(f"{format_label(f)} {fmt.number(n)}" for f, n in s["formats"].items())
        print(cli("cli_formats", forms=forms), file=out)
        print(cli("cli_reach", participants=fmt.number(s["participants_total"]), views=fmt.number(s["views_total"])),
              file=out)
    for pair in s["possible_duplicates"]:
        print(cli("cli_duplicate", a=pair["a"], b=pair["b"], score=fmt.number(pair["score"])), file=out)
    counts = {sev: sum(p.severity == sev for p in result.problems) for sev in (ERROR, WARNING, INFO)}
    print(cli("cli_problems", errors=counts[ERROR], warnings=counts[WARNING], infos=counts[INFO]), file=out)
    for p in sorted(result.problems, key=lambda p: (p.severity != ERROR, p.severity != WARNING)):
        where = ", ".join(x for x in (
            cli("cli_where_sheet", sheet=p.sheet) if p.sheet else "",
            cli("cli_where_row", row=p.row) if p.row else "",
            cli("cli_where_column", column=p.column) if p.column else "",
        ) if x)
        print(cli("cli_problem", severity=cli(f"cli_severity_{p.severity}"), where=where + ": " if where else "",
                  message=p.message), file=out)


def cmd_check(args) -> int:
    given = file_and_choices(args)
    if given is None:
        return EXIT_USAGE
    path, choices = given
    result = read_workbook(path, choices=choices)
    if args.json:
        print(json.dumps(summary(result, args.today), ensure_ascii=False))
    else:
        print_summary(result, sys.stdout)
    return EXIT_OK if result.ok else EXIT_FAILURE
