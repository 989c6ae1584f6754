"""The store's errors: a failure the user can act on, with its message in Russian and English."""

from __future__ import annotations

# SQLite's own words for a file cut short: an empty store file is reported with the same ones.
TRUNCATED_DETAIL = "database disk image is malformed"

# Messages by code: (Russian, English). Placeholders are filled from StoreError.params.
STORE_MESSAGES: dict[str, tuple[str, str]] = {
    "corrupt": (
        "Файл базы данных повреждён: {path} ({detail}). Файл не изменён; восстановите его из резервной "
        "копии или укажите другой файл в PARTNERLIB_DB_URL.",
        "The database file is damaged: {path} ({detail}). The file was not changed; restore it from a backup "
        "or point PARTNERLIB_DB_URL at another file.",
    ),
    "locked": (
        "База данных занята: идёт другой импорт (ждали {timeout} с). Повторите попытку через минуту.",
        "The database is busy: another import is in progress (waited {timeout} s). Try again in a minute.",
    ),
    "unreachable": (
        "Сервер базы данных недоступен: {detail}. Проверьте адрес в PARTNERLIB_DB_URL и что сервер запущен.",
        "The database server cannot be reached: {detail}. Check the address in PARTNERLIB_DB_URL and that "
        "the server is running.",
    ),
    "cannot_open": (
        "Не удалось открыть базу данных {path}: {detail}.",
        "The database {path} cannot be opened: {detail}.",
    ),
    "bad_url": (
        "Неверный адрес базы данных «{url}»: {detail}. Ожидается путь к файлу SQLite или "
        "postgresql+psycopg://пользователь:пароль@сервер:5432/база.",
        "Bad database address «{url}»: {detail}. Expected a SQLite file path or "
        "postgresql+psycopg://user:password@host:5432/database.",
    ),
    "database": (
        "Ошибка базы данных: {detail}.",
        "Database error: {detail}.",
    ),
    "unknown_import": (
        "Импорт № {id} не найден.",
        "Import no. {id} does not exist.",
    ),
    "already_undone": (
        "Импорт № {id} уже отменён ({when}).",
        "Import no. {id} has already been undone ({when}).",
    ),
    "later_imports": (
        "Импорт № {id} нельзя отменить, пока действуют более поздние импорты: {ids}. Сначала отмените их.",
        "Import no. {id} cannot be undone while later imports stand: {ids}. Undo them first.",
    ),
    "nothing_to_import": (
        "В файле не найдено ни партнёров, ни мероприятий: сохранять нечего.",
        "The file has no partners and no events: there is nothing to store.",
    ),
    "nul_in_text": (
        "В файле есть нулевой символ (NUL), который PostgreSQL не хранит: {where}. Ничего не сохранено; "
        "уберите этот символ из ячейки и загрузите файл снова.",
        "The file holds a NUL character, which PostgreSQL cannot store: {where}. Nothing was stored; remove "
        "the character from the cell and load the file again.",
    ),
    "newer_store": (
        "База данных {path} создана более новой версией Partnerlib (версия схемы {version}, эта программа "
        "знает версии до {known}). База не изменена; обновите Partnerlib.",
        "The database {path} was written by a newer Partnerlib (schema version {version}; this program knows "
        "versions up to {known}). The database was not changed; update Partnerlib.",
    ),
    "not_a_store": (
        "Файл {path} — не база Partnerlib: в нём нет таблиц {tables}. Файл не изменён; укажите другой файл "
        "в PARTNERLIB_DB_URL.",
        "The file {path} is not a Partnerlib database: it lacks the tables {tables}. The file was not changed; "
        "point PARTNERLIB_DB_URL at another file.",
    ),
    "needs_upgrade": (
        "Базу данных {path} нужно обновить (версия схемы {version}, нужна {known}): выполните "
        "python -m partnerlib upgrade.",
        "The database {path} needs an upgrade (schema version {version}, {known} needed): run "
        "python -m partnerlib upgrade.",
    ),
    "agreement_dates_reversed": (
        "Договор с партнёром «{partner}» не может действовать до {until}: он заключён позже, {signed}. "
        "Ничего не сохранено.",
        "The agreement with «{partner}» cannot be valid until {until}: it was signed later, on {signed}. "
        "Nothing was saved.",
    ),
    "edit_no_partner": (
        "Не указано, какого партнёра править.",
        "No partner to edit was given.",
    ),
    "copy_failed": (
        "Не удалось сохранить копию базы данных {path} перед её обновлением: {detail}. База не изменена; "
        "освободите место на диске или проверьте права на папку и откройте её снова.",
        "The copy of the database {path} could not be kept before its upgrade: {detail}. The database was not "
        "changed; free some disk space or check the folder's permissions, and open it again.",
    ),
    "alias_exists": (
        "Имя «{name}» уже объединено с партнёром «{partner}». Чтобы объединить его с другим, сначала "
        "отмените прежнее объединение в истории.",
        "The name «{name}» is already merged with the partner «{partner}». To merge it with another one, "
        "undo the earlier merge in the history first.",
    ),
    "alias_of_itself": (
        "Нельзя объединить партнёра «{name}» с самим собой.",
        "A partner «{name}» cannot be merged with itself.",
    ),
}


class StoreError(Exception):
    """A failure of the store that the user can act on; `code` is a key of STORE_MESSAGES.

    `str(error)` is the Russian message; `message_in("en")` gives the English one.
    """

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(self.message_in("ru"))

    def message_in(self, lang: str = "ru") -> str:
        """The message in Russian ("ru") or English ("en")."""
        ru, en = STORE_MESSAGES[self.code]
        return (en if lang == "en" else ru).format(**self.params)

    @property
    def message(self) -> str:
        """The message in Russian."""
        return self.message_in("ru")
