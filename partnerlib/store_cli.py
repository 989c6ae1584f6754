"""The store's commands: `python -m partnerlib import|history|undo|export|upgrade`."""

from __future__ import annotations

import getpass
import hashlib
import sys
from pathlib import Path

from partnerlib.choices_cli import add_map_arguments, choices_from
from partnerlib.exit_codes import EXIT_FAILURE, EXIT_OK, EXIT_USAGE

_TABLE_RU = {"partners": "партнёры", "events": "мероприятия"}
# Shown when a preview lists more rows than this; the rest are counted.
MAX_LINES = 30


def register(sub) -> None:
    """Add the store's commands to the `python -m partnerlib` subparsers."""
    db_help = "база: путь к файлу SQLite или адрес postgresql+psycopg://… (по умолчанию PARTNERLIB_DB_URL, " \
              "db_url в .streamlit/secrets.toml или data/partnerlib.db)"

    p = sub.add_parser("import", help="сохранить файл в базе: новые мероприятия и партнёры, пустые значения")
    p.add_argument("file", help="xlsx, xlsm, xls, ods или csv")
    p.add_argument("--db", help=db_help)
    p.add_argument("--yes", action="store_true", help="применить и изменения уже заполненных значений")
    add_map_arguments(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("history", help="история импортов")
    p.add_argument("--db", help=db_help)
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("undo", help="отменить импорт по номеру")
    p.add_argument("id", type=int, help="номер импорта (см. history)")
    p.add_argument("--db", help=db_help)
    p.add_argument("--cascade", action="store_true", help="отменить и все более поздние импорты")
    p.set_defaults(func=cmd_undo)

    p = sub.add_parser("export", help="выгрузить всю базу в одну книгу Excel")
    p.add_argument("-o", "--output", required=True, help="куда записать .xlsx")
    p.add_argument("--db", help=db_help)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("upgrade", help="обновить схему базы до этой версии Partnerlib (и сказать, что сделано)")
    p.add_argument("--db", help=db_help)
    p.set_defaults(func=cmd_upgrade)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_FAILURE


def _open(args):
    from partnerlib.store import Store

    return Store(args.db)


def _lines(frame, out, with_table: bool = True) -> None:
    from partnerlib.model import RU_HEADINGS

    for row in frame.head(MAX_LINES).itertuples(index=False):
        column = RU_HEADINGS.get(getattr(row, "column", ""), getattr(row, "column", ""))
        where = f"{_TABLE_RU.get(row.table, row.table)}: " if with_table else ""
        old = row.old or "(пусто)"
        print(f"  {where}{row.item} — {column}: «{old}» → «{row.new}»", file=out)
    if len(frame) > MAX_LINES:
        print(f"  … и ещё {len(frame) - MAX_LINES}", file=out)


def print_preview(preview, out=None) -> None:
    """The preview as the import command prints it (to `out`, default standard output)."""
    from partnerlib import fmt

    out = out or sys.stdout
    print(f"Мероприятий новых: {fmt.number(preview.new_events)}; уже в базе: {fmt.number(preview.present_events)}",
          file=out)
    print(f"Партнёров новых: {fmt.number(preview.new_partners)}; уже в базе: "
          f"{fmt.number(preview.present_partners)}", file=out)
    if len(preview.fills):
        print(f"Будут заполнены пустые значения: {fmt.number(len(preview.fills))}", file=out)
        _lines(preview.fills, out)
    if len(preview.category_changes):
        print(f"Меняется категория партнёров: {fmt.number(len(preview.category_changes))}", file=out)
        for row in preview.category_changes.head(MAX_LINES).itertuples(index=False):
            print(f"  {row.partner}: «{row.old}» → «{row.new}»", file=out)
    if len(preview.conflicts):
        print(f"Файл меняет уже заполненные значения: {fmt.number(len(preview.conflicts))}", file=out)
        _lines(preview.conflicts, out)


def cmd_import(args) -> int:
    from partnerlib.check_cli import print_summary
    from partnerlib.reader import read_workbook
    from partnerlib.store import StoreError

    path = Path(args.file)
    if not path.is_file():
        print(f"Нет такого файла: {path}", file=sys.stderr)
        return EXIT_USAGE
    try:
        choices = choices_from(args)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    try:
        with _open(args) as store:
            # The choices of columns kept with earlier imports apply to sheets with the same headings.
            choices.saved = store.column_choices
            result = read_workbook(data, path.name, choices=choices)
            print_summary(result, sys.stdout)
            if not result.ok:
                return _fail("Файл не сохранён в базе: в нём нет прочитанных партнёров и мероприятий.")
            history = store.history()
            same = history[(history["sha256"] == digest) & history["undone_at"].isna()]
            if len(same):
                print(f"Этот файл уже импортирован: № {', № '.join(str(i) for i in same['id'])}.")
            preview = store.preview(result)
            print_preview(preview)
            if not preview.changes_anything and not (args.yes and len(preview.conflicts)):
                # Saving would add a history row that adds nothing (and an undo that takes nothing back).
                print("Всё из этого файла уже есть в базе: ничего не сохранено.")
                return EXIT_OK
            import_id = store.apply(result, filename=path.name, sha256=digest, user=_user(),
                                    accept_changes=args.yes)
            for signature, chosen in result.chosen_columns().items():
                store.save_column_choices(signature, chosen)
            # What the transaction did, which another import between the preview and now may have changed.
            done = store.history().set_index("id").loc[import_id]
    except StoreError as exc:
        return _fail(exc.message)
    print(f"Импорт № {import_id} сохранён: добавлено мероприятий {done['events_added']}, "
          f"партнёров {done['partners_added']}, заполнено значений {done['values_filled']}"
          + (f", изменено значений {done['values_changed']}." if done["values_changed"] else "."))
    if done["changes_skipped"]:
        print(f"Изменения уже заполненных значений ({done['changes_skipped']}) НЕ применены: в базе оставлены "
              "прежние значения. Чтобы применить их, повторите команду с --yes.")
    return EXIT_OK


def _user() -> str | None:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return None


def cmd_history(args) -> int:
    from partnerlib.store import StoreError

    try:
        with _open(args) as store:
            history = store.history()
    except StoreError as exc:
        return _fail(exc.message)
    if history.empty:
        print("Импортов ещё не было.")
        return EXIT_OK
    for row in history.itertuples(index=False):
        when = row.imported_at.tz_convert(None).strftime("%d.%m.%Y %H:%M")
        state = f" — отменён {row.undone_at.tz_convert(None).strftime('%d.%m.%Y %H:%M')}" \
            if not _missing(row.undone_at) else ""
        who = f", {row.user}" if not _missing(row.user) else ""
        name = row.filename if not _missing(row.filename) else "—"
        print(f"№ {row.id}  {when} UTC{who}  {name}{state}")
        print(f"    мероприятий добавлено {row.events_added}, уже были {row.events_present}; партнёров добавлено "
              f"{row.partners_added}, изменено {row.partners_changed}; значений заполнено {row.values_filled}, "
              f"изменено {row.values_changed}, не применено {row.changes_skipped}")
    return EXIT_OK


def _missing(value) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


def cmd_undo(args) -> int:
    from partnerlib.store import StoreError

    try:
        with _open(args) as store:
            undone = store.undo(args.id, cascade=args.cascade)
    except StoreError as exc:
        return _fail(exc.message)
    print("Отменены импорты: " + ", ".join(f"№ {n}" for n in undone))
    return EXIT_OK


def cmd_export(args) -> int:
    from partnerlib.store import StoreError

    try:
        with _open(args) as store:
            data = store.export_xlsx()
    except StoreError as exc:
        return _fail(exc.message)
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        return _fail(f"Не удалось записать {args.output}: {exc.strerror or exc}")
    print(f"База выгружена: {args.output}")
    return EXIT_OK


def cmd_upgrade(args) -> int:
    from partnerlib.store import Store, StoreError
    from partnerlib.store.schema import MIGRATIONS, SCHEMA_VERSION

    try:
        with Store(args.db, upgrade=False) as store:
            before = store.schema_state()
            done = store.upgrade()
            where = store.location
    except StoreError as exc:
        return _fail(exc.message)
    if not done:
        print(f"База {where} уже обновлена: версия схемы {SCHEMA_VERSION}.")
        return EXIT_OK
    if before.empty:
        print(f"Создана новая база {where}.")
    elif before.unversioned:
        print(f"База {where} записана версией 0.1.0 (без номера схемы) и распознана как версия схемы 1.")
    else:
        print(f"База {where}: версия схемы {before.version}.")
    print("Применены изменения схемы:")
    for step in done[1:] if before.unversioned else done:
        print(f"  {MIGRATIONS.index(step) + 1}. {step.ru}")
    print(f"Версия схемы теперь {SCHEMA_VERSION}.")
    return EXIT_OK
