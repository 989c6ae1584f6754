"""Settings read from the environment and `.streamlit/secrets.toml`: the database, the admin password, limits."""

from __future__ import annotations

import math
import os
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
