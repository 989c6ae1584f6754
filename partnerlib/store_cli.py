"""The store's commands: `python -m partnerlib import|history|undo|export|upgrade`."""

from __future__ import annotations

import getpass
import hashlib
import sys
from pathlib import Path

from partnerlib.choices_cli import add_map_arguments, file_and_choices
from partnerlib.exit_codes import EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from partnerlib.i18n import cli, t

# Shown when a preview lists more rows than this; the rest are counted.
MAX_LINES = 30


def register(sub) -> None:
    """Add the store's commands to the `python -m partnerlib` subparsers."""
    db_help = cli("help.db")

    p = sub.add_parser("import", help=cli("help.import"))
    p.add_argument("file", help=cli("help.file"))
    p.add_argument("--db", help=db_help)
    p.add_argument("--yes", action="store_true", help=cli("help.import_yes"))
    add_map_arguments(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("history", help=cli("help.history"))
    p.add_argument("--db", help=db_help)
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("undo", help=cli("help.undo"))
    p.add_argument("id", type=int, help=cli("help.undo_id"))
    p.add_argument("--db", help=db_help)
    p.add_argument("--cascade", action="store_true", help=cli("help.undo_cascade"))
    p.set_defaults(func=cmd_undo)

    p = sub.add_parser("export", help=cli("help.export"))
    p.add_argument("-o", "--output", required=True, help=cli("help.output", ext=".xlsx"))
    p.add_argument("--db", help=db_help)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("upgrade", help=cli("help.upgrade"))
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
        where = f"{cli('cli_kind_' + row.table)}: " if with_table else ""
        old = row.old or cli("cli_empty")
        print(cli("cli_line", where=where, item=row.item, column=column, old=old, new=row.new), file=out)
    if len(frame) > MAX_LINES:
        print(cli("cli_more", n=len(frame) - MAX_LINES), file=out)


def print_preview(preview, out=None) -> None:
    """The preview as the import command prints it (to `out`, default standard output)."""
    from partnerlib import fmt

    out = out or sys.stdout
    print(cli("cli_new_events", new=fmt.number(preview.new_events), present=fmt.number(preview.present_events)),
          file=out)
    print(cli("cli_new_partners", new=fmt.number(preview.new_partners),
              present=fmt.number(preview.present_partners)), file=out)
    if len(preview.fills):
        print(cli("cli_fills", n=fmt.number(len(preview.fills))), file=out)
        _lines(preview.fills, out)
    if len(preview.category_changes):
        print(cli("cli_category_changes", n=fmt.number(len(preview.category_changes))), file=out)
        for row in preview.category_changes.head(MAX_LINES).itertuples(index=False):
            print(cli("cli_category_line", partner=row.partner, old=row.old, new=row.new), file=out)
    if len(preview.conflicts):
        print(cli("cli_conflicts", n=fmt.number(len(preview.conflicts))), file=out)
        _lines(preview.conflicts, out)


def cmd_import(args) -> int:
    from partnerlib.check_cli import print_summary
    from partnerlib.reader import read_workbook
    from partnerlib.store import StoreError

    given = file_and_choices(args)
    if given is None:
        return EXIT_USAGE
    path, choices = given
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    try:
        with _open(args) as store:
            # The choices of columns kept with earlier imports apply to sheets with the same headings.
            choices.saved = store.column_choices
            result = read_workbook(data, path.name, choices=choices)
            print_summary(result, sys.stdout)
            if not result.ok:
                return _fail(cli("cli_nothing_read"))
            history = store.history()
            same = history[(history["sha256"] == digest) & history["undone_at"].isna()]
            if len(same):
                print(cli("cli_already_imported", ids=_ids(same["id"])))
            preview = store.preview(result)
            print_preview(preview)
            if not preview.changes_anything and not (args.yes and len(preview.conflicts)):
                # Saving would add a history row that adds nothing (and an undo that takes nothing back).
                print(cli("cli_nothing_new"))
                return EXIT_OK
            import_id = store.apply(result, filename=path.name, sha256=digest, user=_user(),
                                    accept_changes=args.yes)
            for signature, chosen in result.chosen_columns().items():
                store.save_column_choices(signature, chosen)
            # What the transaction did, which another import between the preview and now may have changed.
            done = store.history().set_index("id").loc[import_id]
    except StoreError as exc:
        return _fail(exc.message)
    changed = cli("cli_saved_changed", n=done["values_changed"]) if done["values_changed"] else ""
    print(cli("cli_saved", id=import_id, events=done["events_added"], partners=done["partners_added"],
              filled=done["values_filled"], changed=changed))
    if done["changes_skipped"]:
        print(cli("cli_skipped", n=done["changes_skipped"]))
    return EXIT_OK


def _ids(ids) -> str:
    return ", ".join(cli("cli_import_no", id=i) for i in ids)


def _user() -> str | None:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return None


def cmd_history(args) -> int:
    from partnerlib.store import StoreError

    try:
        with _open(args) as store:
            history = store.history(extra=True)
    except StoreError as exc:
        return _fail(exc.message)
    if history.empty:
        print(cli("cli_no_imports"))
        return EXIT_OK
    for row in history.itertuples(index=False):
        when = row.imported_at.tz_convert(None).strftime("%d.%m.%Y %H:%M")
        state = cli("cli_history_undone", when=row.undone_at.tz_convert(None).strftime("%d.%m.%Y %H:%M")) \
            if not _missing(row.undone_at) else ""
        who = f", {row.user}" if not _missing(row.user) else ""
        name = row.filename if not _missing(row.filename) else "—"
        if row.kind == "edit":  # an edit of the register keeps the partner's name as its filename
            name = t("history_edit", partner=name)
        elif row.kind == "alias":
            name = t("history_merge")
        print(cli("cli_history_row", id=row.id, when=when, who=who, name=name, state=state))
        print(cli("cli_history_counts", **{c: getattr(row, c) for c in (
            "events_added", "events_present", "partners_added", "partners_changed", "values_filled",
            "values_changed", "changes_skipped")}))
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
    print(cli("cli_undone", ids=_ids(undone)))
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
        return _fail(cli("cli_cannot_write", path=args.output, detail=exc.strerror or exc))
    print(cli("cli_exported", path=args.output))
    return EXIT_OK


def cmd_upgrade(args) -> int:
    from partnerlib.store import Store, StoreError
    from partnerlib.store.schema import MIGRATIONS, SCHEMA_VERSION

    try:
        with Store(args.db, upgrade=False) as store:
            before = store.schema_state()
            done = store.upgrade()
            where = store.location
            made = store.upgraded
    except StoreError as exc:
        return _fail(exc.message)
    if not done:
        print(cli("cli_up_to_date", where=where, version=SCHEMA_VERSION))
        return EXIT_OK
    if before.empty:
        print(cli("cli_created", where=where))
    elif before.unversioned:
        print(cli("cli_recognised", where=where))
    else:
        print(cli("cli_schema_was", where=where, version=before.version))
    print(cli("cli_applied"))
    for step in done[1:] if before.unversioned else done:
        print(cli("cli_step", n=MIGRATIONS.index(step) + 1, text=step.ru))
    print(cli("cli_schema_now", version=SCHEMA_VERSION))
    if made is not None:
        print(cli("cli_copy_file", path=made.copy) if made.kind == "file" else cli("cli_copy_schema", schema=made.copy))
    return EXIT_OK
