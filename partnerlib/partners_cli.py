"""Partner names across years: `python -m partnerlib partners duplicates|merge|different|aliases`."""

from __future__ import annotations

import json
import sys

from partnerlib import fmt
from partnerlib.exit_codes import EXIT_FAILURE, EXIT_OK


def register(sub) -> None:
    """Add `partners …` to the `python -m partnerlib` subparsers."""
    db_help = "база: путь к файлу SQLite или адрес postgresql+psycopg://… (по умолчанию — база Partnerlib)"
    p = sub.add_parser("partners", help="названия партнёров: возможные повторы, объединение, псевдонимы")
    commands = p.add_subparsers(dest="partners_command", required=True)

    q = commands.add_parser("duplicates", help="похожие названия партнёров в базе (или файла и базы)")
    q.add_argument("--file", help="сравнить с базой названия из этой книги")
    q.add_argument("--db", help=db_help)
    q.add_argument("--json", action="store_true", help="вывести список JSON [{a, b, score}]")
    q.set_defaults(func=cmd_duplicates)

    q = commands.add_parser("merge", help="подтвердить, что OTHER — тот же партнёр, что KEEP (отменяется undo)")
    q.add_argument("keep", metavar="KEEP", help="название, которое остаётся")
    q.add_argument("other", metavar="OTHER", help="другое написание того же партнёра")
    q.add_argument("--db", help=db_help)
    q.set_defaults(func=cmd_merge)

    q = commands.add_parser("different", help="отметить, что A и B — разные партнёры (больше не предлагать)")
    q.add_argument("a", metavar="A")
    q.add_argument("b", metavar="B")
    q.add_argument("--db", help=db_help)
    q.set_defaults(func=cmd_different)

    q = commands.add_parser("aliases", help="подтверждённые написания: какое название читается как какое")
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
            return _fail("; ".join(p.message for p in result.errors) or f"Файл «{args.file}» не прочитан.")
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
        print("Похожих названий партнёров не найдено.")
        return EXIT_OK
    print(f"Возможно, один партнёр под разными названиями: {fmt.number(len(found))}")
    for row in found.itertuples():
        print(f"  «{row.a}» — «{row.b}» (сходство {fmt.number(row.score)} %)")
    print("Объединить: python -m partnerlib partners merge \"ОСТАВИТЬ\" \"ДРУГОЕ\"; "
          "разные: python -m partnerlib partners different \"A\" \"B\"")
    return EXIT_OK


def cmd_merge(args) -> int:
    from partnerlib.store import Store, StoreError

    try:
        with Store(args.db) as store:
            entry = store.add_alias(args.other, args.keep)
    except StoreError as exc:
        return _fail(exc.message)
    print(f"«{args.other}» теперь читается как «{args.keep}» (запись № {entry} в истории; "
          f"отменить: python -m partnerlib undo {entry})")
    return EXIT_OK


def cmd_different(args) -> int:
    from partnerlib import identity
    from partnerlib.store import Store, StoreError

    try:
        with Store(args.db) as store:
            identity.mark_different(store, args.a, args.b)
    except StoreError as exc:
        return _fail(exc.message)
    print(f"«{args.a}» и «{args.b}» — разные партнёры: эта пара больше не предлагается.")
    return EXIT_OK


def cmd_aliases(args) -> int:
    from partnerlib.store import Store, StoreError

    try:
        with Store(args.db) as store:
            aliases = store.aliases()
    except StoreError as exc:
        return _fail(exc.message)
    if aliases.empty:
        print("Подтверждённых написаний нет.")
        return EXIT_OK
    for row in aliases.itertuples():
        print(f"«{row.alias}» → «{row.partner}»")
    return EXIT_OK
