"""The deck and the report as PDF, made by LibreOffice headless (`soffice --headless --convert-to pdf`).

Each conversion runs in a fresh temporary directory with its own LibreOffice profile, so two conversions
at once never share (or lock) a profile, and under a time limit after which the whole process group is
killed. LibreOffice keeps the page size the document sets (the deck's 16:9 slides, the report's A4) and
embeds the fonts it uses, so Cyrillic shows on any machine.

Settings: `PARTNERLIB_SOFFICE` (the executable; by default `soffice` or `libreoffice` on PATH) and
`PARTNERLIB_PDF_TIMEOUT` (seconds, 60 by default).
"""

from __future__ import annotations

import math
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from partnerlib.i18n import Phrase

ENV_SOFFICE = "PARTNERLIB_SOFFICE"
ENV_TIMEOUT = "PARTNERLIB_PDF_TIMEOUT"
DEFAULT_TIMEOUT = 60.0
SUFFIXES = (".pptx", ".docx")

# Messages by code: (Russian, English).
MESSAGES: dict[str, tuple[str, str]] = {
    "absent": (
        "PDF не сделать: не найден LibreOffice (программа soffice). Установите LibreOffice "
        "(в Debian и Ubuntu: пакеты libreoffice-impress и libreoffice-writer) или скачайте файл pptx/docx "
        "и сохраните его как PDF сами.",
        "No PDF: LibreOffice (the soffice program) is not found. Install LibreOffice (on Debian and Ubuntu: "
        "libreoffice-impress and libreoffice-writer) or download the pptx/docx file and save it as PDF yourself.",
    ),
    "timeout": (
        "PDF не сделать: LibreOffice не успел за {seconds} с и был остановлен. Попробуйте ещё раз или "
        "увеличьте предел (PARTNERLIB_PDF_TIMEOUT).",
        "No PDF: LibreOffice did not finish within {seconds} s and was stopped. Try again or raise the limit "
        "(PARTNERLIB_PDF_TIMEOUT).",
    ),
    "failed": (
        "PDF не сделать: LibreOffice не смог преобразовать файл ({reason}). Попробуйте ещё раз; если не выйдет, "
        "скачайте файл pptx/docx и сохраните его как PDF сами.",
        "No PDF: LibreOffice could not convert the file ({reason}). Try again; if it fails again, download the "
        "pptx/docx file and save it as PDF yourself.",
    ),
    "bad_timeout": (
        "Неверная настройка PARTNERLIB_PDF_TIMEOUT=«{value}»: нужно положительное число секунд, например 60.",
        "Bad setting PARTNERLIB_PDF_TIMEOUT=«{value}»: it must be a positive number of seconds, such as 60.",
    ),
}


class PdfError(Exception):
    """A PDF that could not be made; `code` is a key of MESSAGES. `str(error)` is the Russian message,
    `detail` what LibreOffice itself said (for a log, not for her)."""

    def __init__(self, code: str, detail: str = "", **params):
        self.code = code
        self.params = params
        self.detail = detail
        super().__init__(self.message_in("ru"))

    def message_in(self, lang: str = "ru") -> str:
        from partnerlib.i18n import told

        ru, en = MESSAGES[self.code]
        return (en if lang == "en" else ru).format(**{k: told(v, lang) for k, v in self.params.items()})


def soffice() -> str | None:
    """The LibreOffice executable: `PARTNERLIB_SOFFICE` when set (even when it does not exist), else
    `soffice` or `libreoffice` on PATH; None when there is none."""
    configured = os.environ.get(ENV_SOFFICE, "").strip()
    if configured:
        found = shutil.which(configured)
        return found or (configured if Path(configured).is_file() and os.access(configured, os.X_OK) else None)
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    """Whether a PDF can be attempted here (LibreOffice is found)."""
    return soffice() is not None


def timeout_seconds() -> float:
    """`PARTNERLIB_PDF_TIMEOUT`, or 60 s when it is not set.

    Raises:
        PdfError: the value is not a positive finite number ("bad_timeout").
    """
    text = os.environ.get(ENV_TIMEOUT)
    if text is None or not text.strip():
        return DEFAULT_TIMEOUT
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise PdfError("bad_timeout", value=text)
    return value


def to_pdf(data: bytes, suffix: str, *, timeout: float | None = None) -> bytes:
    """The PDF of a .pptx or .docx document given as bytes.

    Args:
        data: the document.
        suffix: ".pptx" or ".docx" — which LibreOffice module opens it.
        timeout: seconds before LibreOffice is stopped; by default `timeout_seconds()`.

    Raises:
        PdfError: LibreOffice is absent ("absent"), took too long ("timeout") or gave no PDF ("failed").
        ValueError: the suffix is not one of SUFFIXES (a programming error).
    """
    if suffix not in SUFFIXES:
        raise ValueError(f"suffix must be one of {SUFFIXES}, not {suffix!r}")
    exe = soffice()
    if exe is None:
        raise PdfError("absent")
    limit = timeout_seconds() if timeout is None else timeout
    with tempfile.TemporaryDirectory(prefix="partnerlib_pdf_") as tmp:
        work = Path(tmp)
        source = work / f"document{suffix}"
        source.write_bytes(data)
        out_dir = work / "out"
        command = [exe, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--invisible",
                   "--nologo", "--norestore", "--convert-to", "pdf", "--outdir", str(out_dir), str(source)]
        env = dict(os.environ, HOME=str(work))  # nothing of hers (or of another conversion) is read or written
        try:
            proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, cwd=work, env=env, start_new_session=True)
        except OSError as exc:
            raise PdfError("absent", detail=str(exc)) from None
        try:
            stdout, stderr = proc.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise PdfError("timeout", seconds=_seconds(limit)) from None
        detail = (stderr or stdout or b"").decode("utf-8", "replace").strip()
        result = out_dir / "document.pdf"
        if proc.returncode != 0:
            raise PdfError("failed", detail=detail, reason=Phrase("detail.exit_code", code=proc.returncode))
        if not result.is_file():
            raise PdfError("failed", detail=detail, reason=Phrase("detail.no_pdf"))
        pdf = result.read_bytes()
        if not pdf.startswith(b"%PDF"):
            raise PdfError("failed", detail=detail, reason=Phrase("detail.not_pdf"))
        return pdf


def _kill_group(proc: subprocess.Popen) -> None:
    """Stop LibreOffice and whatever it started (soffice.bin runs as a child of the soffice script)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.communicate()


def _seconds(value: float) -> str:
    return f"{value:g}".replace(".", ",")
