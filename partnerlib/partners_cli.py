"""Partner names across years: `python -m partnerlib partners duplicates|merge|different|aliases`."""

from __future__ import annotations

import json
import sys

from partnerlib import fmt
from partnerlib.exit_codes import EXIT_FAILURE, EXIT_OK
from partnerlib.i18n import cli


def register(sub) -> None:
    """Add `partners …` to the `python -m partnerlib` subparsers."""
    db_help = cli("help.db")
    p = sub.add_parser("partners", help=cli("help.partners"))
    commands = p.add_subparsers(dest="partners_command", required=True)

    q = commands.add_parser("duplicates", help=cli("help.duplicates"))
    q.add_argument("--file", help=cli("help.duplicates_file"))
    q.add_argument("--db", help=db_help)
    q.add_argument("--json", action="store_true", help=cli("help.duplicates_json"))
    q.set_defaults(func=cmd_duplicates)

    q = commands.add_parser("merge", help=cli("help.merge"))
    q.add_argument("keep", metavar="KEEP", help=cli("help.merge_keep"))
    q.add_argument("other", metavar="OTHER", help=cli("help.merge_other"))
    q.add_argument("--db", help=db_help)
    q.set_defaults(func=cmd_merge)

    q = commands.add_parser("different", help=cli("help.different"))
    q.add_argument("a", metavar="A")
    q.add_argument("b", metavar="B")
    q.add_argument("--db", help=db_help)
    q.set_defaults(func=cmd_different)

    q = commands.add_parser("aliases", help=cli("help.aliases"))
    q.add_argument("--db", help=db_help)
    q.set_defaults(func=cmd_aliases)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_FAILURE


def cmd_duplicates(args) -> int:
    from partnerlib import identity
    from partnerlib.reader import read_workbook
    from partnerlib.store import Store, StoreError
    from partnerlib.values import normalise_name

    names = None
    if args.file:
        result = read_workbook(args.file)
        if not result.ok:
            return _fail("; ".join(p.message for p in result.errors) or cli("cli_file_not_read", name=args.file))
        names = [*result.partners["partner"].dropna(), *result.event_partners["partner"].dropna()]
    try:
        with Store(args.db) as store:
            data = identity.apply_aliases(store.load(), store.aliases())
            if names is not None:
                to = identity.alias_map(store.aliases())
                names = [to.get(normalise_name(n), n) for n in names]
            found = identity.store_duplicates(data, names, identity.different_pairs(store))
    except StoreError as exc:
        return _fail(exc.message)
    if args.json:
        print(json.dumps(found.to_dict("records"), ensure_ascii=False))
        return EXIT_OK
    if found.empty:
        print(cli("cli_no_duplicates"))
        return EXIT_OK
    print(cli("cli_duplicates", n=fmt.number(len(found))))
    for row in found.itertuples():
        print(cli("cli_duplicate_pair", a=row.a, b=row.b, score=fmt.number(row.score)))
    print(cli("cli_duplicates_hint"))
    return EXIT_OK


def cmd_merge(args) -> int:
    from partnerlib.store import Store, StoreError

    try:
        with Store(args.db) as store:
            entry = store.add_alias(args.other, args.keep)
    except StoreError as exc:
        return _fail(exc.message)
    print(cli("cli_merged", other=args.other, keep=args.keep, id=entry))
    return EXIT_OK


def cmd_different(args) -> int:
    from partnerlib import identity
    from partnerlib.store import Store, StoreError

    try:
        with Store(args.db) as store:
            identity.mark_different(store, args.a, args.b)
    except StoreError as exc:
        return _fail(exc.message)
    print(cli("cli_different", a=args.a, b=args.b))
    return EXIT_OK


def cmd_aliases(args) -> int:
    from partnerlib.store import Store, StoreError

    try:
        with Store(args.db) as store:
            aliases = store.aliases()
    except StoreError as exc:
        return _fail(exc.message)
    if aliases.empty:
        print(cli("cli_no_aliases"))
        return EXIT_OK
    for row in aliases.itertuples():
        print(cli("cli_alias", alias=row.alias, partner=row.partner))
    return EXIT_OK
