"""Settings read from the environment and `.streamlit/secrets.toml`: the database, the admin password, limits."""

from __future__ import annotations

import math
import os
import tomllib
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "partnerlib.db"
SECRETS_PATH = PROJECT_ROOT / ".streamlit" / "secrets.toml"
ENV_URL = "PARTNERLIB_DB_URL"
ENV_MAX_UPLOAD_MB = "PARTNERLIB_MAX_UPLOAD_MB"
DEFAULT_MAX_UPLOAD_MB = 50.0

# Messages by code: (Russian, English).
CONFIG_MESSAGES: dict[str, tuple[str, str]] = {
    "bad_upload_limit": (
        "Неверная настройка PARTNERLIB_MAX_UPLOAD_MB=«{value}»: нужно положительное число мегабайт, например 50.",
        "Bad setting PARTNERLIB_MAX_UPLOAD_MB=«{value}»: it must be a positive number of megabytes, such as 50.",
    ),
}


class ConfigError(Exception):
    """A setting that cannot be used; `code` is a key of CONFIG_MESSAGES. `str(error)` is the Russian message."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(self.message_in("ru"))

    def message_in(self, lang: str = "ru") -> str:
        ru, en = CONFIG_MESSAGES[self.code]
        return (en if lang == "en" else ru).format(**self.params)


# ---------------------------------------------------------------- the database and the admin password

def secrets(path: Path | None = None) -> dict:
    """The project's `.streamlit/secrets.toml` as a dict (empty when it is missing or unreadable)."""
    try:
        with open(path or SECRETS_PATH, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def admin_password() -> str | None:
    """The `admin_password` of `.streamlit/secrets.toml`, or None when it is not set."""
    value = secrets().get("admin_password")
    return str(value) if value not in (None, "") else None


def resolve_url(url: str | os.PathLike | None = None) -> str:
    """The SQLAlchemy URL of the store.

    The first given of: `url`, the environment variable PARTNERLIB_DB_URL, `db_url` in
    `.streamlit/secrets.toml`, and the SQLite file `data/partnerlib.db` of the project. A value without
    `://` is a path to a SQLite file.
    """
    value = url or os.environ.get(ENV_URL) or secrets().get("db_url")
    if not value:
        path = DEFAULT_DB_PATH
    elif "://" in str(value):
        return str(value)
    else:
        path = Path(value).expanduser()
    return f"sqlite:///{path.absolute()}"


# ---------------------------------------------------------------- the upload limit

def max_upload_mb() -> float:
    """`PARTNERLIB_MAX_UPLOAD_MB`, or 50 when it is not set.

    Raises:
        ConfigError: the value is not a positive finite number.
    """
    text = os.environ.get(ENV_MAX_UPLOAD_MB)
    if text is None or not text.strip():
        return DEFAULT_MAX_UPLOAD_MB
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise ConfigError("bad_upload_limit", value=text)
    return value


def max_upload_bytes() -> int:
    """The upload limit in bytes. A bad setting (reported once at start by `check`) counts as the default."""
    try:
        mb = max_upload_mb()
    except ConfigError:
        mb = DEFAULT_MAX_UPLOAD_MB
    return int(mb * 1024 * 1024)


def check() -> list[ConfigError]:
    """Every setting that cannot be used, for the dashboard and the command line to say at start."""
    errors = []
    try:
        max_upload_mb()
    except ConfigError as exc:
        errors.append(exc)
    return errors
