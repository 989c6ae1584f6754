"""The export commands: `python -m partnerlib deck|report|summary -o FILE [--year Y] [--file F | --db URL]`;
`deck` and `report` also as PDF (`--pdf`, or an output name ending in .pdf), made by LibreOffice; `site -o DIR`,
the page of partners for the library's website."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from partnerlib.exit_codes import EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from partnerlib.i18n import cli
from partnerlib.model import Dataset

PAGE_NAME = "index.html"  # the site page's file in the folder -o names (partnerlib.site.PAGE_NAME)


class _LoadError(Exception):
    """The data asked for cannot be read; the message says why, in Russian."""


def register(sub) -> None:
    """Add `deck`, `report` and `summary` to the `python -m partnerlib` subparsers."""
    for name, ext, func in (("deck", ".pptx", cmd_deck), ("report", ".docx", cmd_report),
                            ("summary", ".xlsx", cmd_summary)):
        p = sub.add_parser(name, help=cli(f"help.{name}"))
        p.add_argument("-o", "--output", required=True, help=cli("help.output", ext=ext))
        p.add_argument("--year", type=int, help=cli(f"help.year_{name}"))
        p.add_argument("--lang", choices=("ru", "en"), default="ru", help=cli("help.lang"))
        source = p.add_mutually_exclusive_group()
        source.add_argument("--file", help=cli("help.export_file"))
        source.add_argument("--db", help=cli("help.export_db"))
        if name != "summary":
            p.add_argument("--pdf", action="store_true", help=cli(f"help.pdf_{name}"))
        p.add_argument("--library", help=cli("help.library"))
        if name == "report":
            p.add_argument("--branch", metavar="NAME", help=cli("help.branch"))
        p.set_defaults(func=func)
    _register_site(sub)


def _register_site(sub) -> None:
    p = sub.add_parser("site", help=cli("help.site"))
    p.add_argument("-o", "--output", required=True, help=cli("help.site_output", name=PAGE_NAME))
    p.add_argument("file", nargs="?", help=cli("help.export_file"))
    p.add_argument("--file", dest="file_option", metavar="FILE", help=cli("help.site_file"))
    p.add_argument("--db", help=cli("help.export_db"))
    p.add_argument("--year", type=int, help=cli("help.site_year"))
    p.add_argument("--lang", choices=("ru", "en"), default="ru", help=cli("help.lang"))
    p.add_argument("--library", help=cli("help.site_library"))
    p.set_defaults(func=cmd_site)


def _load_dataset(args) -> Dataset:
    """The data for an export: `--file` when given, else the store (`--db` or its default), else the demo.

    The embedded sample is used, with a note on stdout, when the store is empty, when `partnerlib.store`
    is missing, or when no `--db` was given and the default store cannot be opened.

    Raises:
        _LoadError: the file cannot be read or has no data, or the `--db` store cannot be opened.
    """
    from partnerlib.reader import read_workbook

    if getattr(args, "file", None):
        path = Path(args.file)
        if not path.is_file():
            raise _LoadError(cli("cli_no_file", path=path))
        result = read_workbook(path)
        if not result.ok:
            messages = "; ".join(p.message for p in result.errors) or cli("cli_nothing_usable")
            raise _LoadError(cli("cli_file_unusable", name=path.name, messages=messages))
        return result.dataset()
    db = getattr(args, "db", None)
    try:
        from partnerlib.store import Store
    except ImportError:
        return _demo(cli("cli_demo_no_store"))
    try:
        store = Store(db)
        try:
            if store.is_empty():
                return _demo(cli("cli_demo_empty"))
            from partnerlib.identity import apply_aliases

            if getattr(args, "library", None) is None:
                args.library = library_setting(store)
            return apply_aliases(store.load(), store.aliases())  # her confirmed merges of partner names
        finally:
            close = getattr(store, "close", None)
            if close:
                close()
    except Exception as exc:  # the store's own errors carry a Russian message; others their text
        message = getattr(exc, "message", None) or str(exc)
        if db:
            raise _LoadError(cli("cli_store_failed", message=message)) from None
        return _demo(cli("cli_demo_store_failed", message=message))


def library_setting(store) -> str | None:
    """The library's name and city as set on the Data page ("Name, city"), or None when not set."""
    name, city = store.get_setting("library_name"), store.get_setting("city")
    return ", ".join(v for v in (name, city) if v) or None


def _demo(reason: str) -> Dataset:
    from partnerlib.reader import read_workbook
    from partnerlib.sample import DEFAULT_DIR, SAMPLE_FILE, sample_workbook_bytes

    path = DEFAULT_DIR / SAMPLE_FILE
    source = path if path.is_file() else sample_workbook_bytes()
    print(cli("cli_demo_note", reason=reason))
    return read_workbook(source, SAMPLE_FILE).dataset(source="demo")


def _run(args, build, what: str, suffix: str | None = None) -> int:
    """Load the data, build the file and write it to `-o`; as PDF when `--pdf` is given or `-o` ends
    in .pdf (`what`: the command, which names the file in the message; `suffix`: the built document's type,
    for LibreOffice)."""
    out = Path(args.output)
    as_pdf = suffix is not None and (getattr(args, "pdf", False) or out.suffix.lower() == ".pdf")
    if as_pdf:
        from partnerlib.pdf import PdfError, available

        if not available():
            print(str(PdfError("absent")), file=sys.stderr)
            return EXIT_FAILURE
    try:
        ds = _load_dataset(args)
        if getattr(args, "branch", None):
            ds = _one_branch(ds, args)
    except _LoadError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILURE
    data = build(ds)
    if as_pdf:
        from partnerlib.pdf import to_pdf

        try:
            data = to_pdf(data, suffix)
        except PdfError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_FAILURE
        what += "_pdf"
    try:
        out.write_bytes(data)
    except OSError as exc:
        print(cli("cli_cannot_write", path=out, detail=exc.strerror or exc), file=sys.stderr)
        return EXIT_FAILURE
    print(cli(f"cli_{what}_written", path=out))
    return EXIT_OK


def _one_branch(ds: Dataset, args) -> Dataset:
    """The data of the library `--branch` names; its name joins the document's head.

    Raises:
        _LoadError: the data name no such library (the message lists those they name).
    """
    from partnerlib import branches, metrics

    name = branches.find(ds, args.branch)
    if name is None:
        known = ", ".join(f"«{n}»" for n in metrics.libraries(ds)) or cli("cli_no_branches")
        raise _LoadError(cli("cli_no_branch", name=args.branch, known=known))
    args.library = branches.heading(args.library, name)
    return branches.one_library(ds, name)


def cmd_deck(args) -> int:
    """`deck`: the round-table slide deck."""
    from partnerlib.deck import build_deck

    return _run(args, lambda ds: build_deck(ds, args.year, args.lang, args.library), "deck", ".pptx")


def cmd_report(args) -> int:
    """`report`: sections 4.1.1 and 4.1.2 of the annual report."""
    from partnerlib.report import build_report

    return _run(args, lambda ds: build_report(ds, args.year, args.lang, library=args.library), "report",
                ".docx")


def cmd_summary(args) -> int:
    """`summary`: the Excel summary by year."""
    from partnerlib.summary import build_summary

    return _run(args, lambda ds: build_summary(ds, args.lang, library=args.library, year=args.year),
                "summary")


def cmd_site(args) -> int:
    """`site`: the page of the library's partners for its website, in the folder `-o` (or the .html file)."""
    from partnerlib.site import site_html

    if args.file and args.file_option:
        print(cli("cli_site_file_twice"), file=sys.stderr)
        return EXIT_USAGE
    args.file = args.file or args.file_option
    if args.file and args.db:
        print(cli("cli_site_file_or_db"), file=sys.stderr)
        return EXIT_USAGE
    out = Path(args.output)
    if out.suffix.lower() not in (".html", ".htm"):
        out = out / PAGE_NAME
    args.output = str(out)

    def build(ds: Dataset) -> bytes:
        page = site_html(ds, lang=args.lang, library=args.library, year=args.year).encode("utf-8")
        # The folder is made once the page is: a failed read leaves nothing behind. If it cannot be made,
        # writing the page says why.
        with contextlib.suppress(OSError):
            out.parent.mkdir(parents=True, exist_ok=True)
        return page

    return _run(args, build, "site")
