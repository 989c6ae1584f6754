"""The export commands: `python -m partnerlib deck|report|summary -o FILE [--year Y] [--file F | --db URL]`;
`deck` and `report` also as PDF (`--pdf`, or an output name ending in .pdf), made by LibreOffice."""

from __future__ import annotations

import sys
from pathlib import Path

from partnerlib.exit_codes import EXIT_FAILURE, EXIT_OK
from partnerlib.model import Dataset

DEMO_NOTE = "Использованы демонстрационные данные (sample_data/partnerlib_sample.xlsx): {reason}."


class _LoadError(Exception):
    """The data asked for cannot be read; the message says why, in Russian."""


def register(sub) -> None:
    """Add `deck`, `report` and `summary` to the `python -m partnerlib` subparsers."""
    specs = [
        ("deck", "слайды для круглого стола (.pptx, 16:9, редактируемые диаграммы)", ".pptx", cmd_deck),
        ("report", "разделы 4.1.1 и 4.1.2 годового отчёта (.docx)", ".docx", cmd_report),
        ("summary", "сводка по годам в Excel (.xlsx)", ".xlsx", cmd_summary),
    ]
    for name, help_text, ext, func in specs:
        p = sub.add_parser(name, help=help_text)
        p.add_argument("-o", "--output", required=True, help=f"куда записать {ext}")
        if name != "summary":
            p.add_argument("--year", type=int, help="год (по умолчанию: последний год с мероприятиями"
                           + (")" if name == "deck" else "; для отчёта — все годы и весь список партнёров)"))
        p.add_argument("--lang", choices=("ru", "en"), default="ru", help="язык (по умолчанию ru)")
        source = p.add_mutually_exclusive_group()
        source.add_argument("--file", help="прочитать данные из этой книги (xlsx, xls, ods, csv)")
        source.add_argument("--db", help="база (путь к SQLite или адрес PostgreSQL); по умолчанию — база "
                            "Partnerlib, а если она пуста — демонстрационные данные")
        if name != "summary":
            p.add_argument("--pdf", action="store_true",
                           help=f"записать PDF вместо {ext} (делает LibreOffice; так же, если имя в -o "
                                f"оканчивается на .pdf); {'слайды 16:9' if name == 'deck' else 'страницы A4'}, "
                                "шрифты встроены")
        p.add_argument("--library", help="название библиотеки (и город) для титула; по умолчанию — заданное "
                       "на странице «Данные» и сохранённое в базе, иначе — из данных")
        p.set_defaults(func=func)


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
            raise _LoadError(f"Нет такого файла: {path}")
        result = read_workbook(path)
        if not result.ok:
            messages = "; ".join(p.message for p in result.errors) or "нет ни партнёров, ни мероприятий"
            raise _LoadError(f"Файл «{path.name}» не удалось использовать: {messages}")
        return result.dataset()
    db = getattr(args, "db", None)
    try:
        from partnerlib.store import Store
    except ImportError:
        return _demo("хранилище недоступно")
    try:
        store = Store(db)
        try:
            if store.is_empty():
                return _demo("база пуста")
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
            raise _LoadError(f"Базу не удалось открыть: {message}") from None
        return _demo(f"база не открылась ({message})")


def library_setting(store) -> str | None:
    """The library's name and city as set on the Data page ("Name, city"), or None when not set."""
    name, city = store.get_setting("library_name"), store.get_setting("city")
    return ", ".join(v for v in (name, city) if v) or None


def _demo(reason: str) -> Dataset:
    from partnerlib.reader import read_workbook
    from partnerlib.sample import DEFAULT_DIR, SAMPLE_FILE, sample_workbook_bytes

    path = DEFAULT_DIR / SAMPLE_FILE
    source = path if path.is_file() else sample_workbook_bytes()
    print(DEMO_NOTE.format(reason=reason))
    return read_workbook(source, SAMPLE_FILE).dataset(source="demo")


def _run(args, build, what: str, suffix: str | None = None) -> int:
    """Load the data, build the file and write it to `-o`; as PDF when `--pdf` is given or `-o` ends
    in .pdf (`suffix`: the built document's type, for LibreOffice)."""
    out = Path(args.output)
    as_pdf = suffix is not None and (getattr(args, "pdf", False) or out.suffix.lower() == ".pdf")
    if as_pdf:
        from partnerlib.pdf import PdfError, available

        if not available():
            print(str(PdfError("absent")), file=sys.stderr)
            return EXIT_FAILURE
    try:
        ds = _load_dataset(args)
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
        what += " (PDF)"
    try:
        out.write_bytes(data)
    except OSError as exc:
        print(f"Не удалось записать {out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"{what}: {out}")
    return EXIT_OK


def cmd_deck(args) -> int:
    """`deck`: the round-table slide deck."""
    from partnerlib.deck import build_deck

    return _run(args, lambda ds: build_deck(ds, args.year, args.lang, args.library), "Презентация записана",
                ".pptx")


def cmd_report(args) -> int:
    """`report`: sections 4.1.1 and 4.1.2 of the annual report."""
    from partnerlib.report import build_report

    return _run(args, lambda ds: build_report(ds, args.year, args.lang, library=args.library), "Отчёт записан",
                ".docx")


def cmd_summary(args) -> int:
    """`summary`: the Excel summary by year."""
    from partnerlib.summary import build_summary

    return _run(args, lambda ds: build_summary(ds, args.lang, library=args.library), "Сводка записана")
