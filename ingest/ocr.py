"""OCR for PDF pages that carry no text layer (scanned minutes, signed decision notices).

Pages are drawn with PDFium (the `pypdfium2` wheel bundles it) and read by the Tesseract
program that Debian packages (`apt-get install tesseract-ocr tesseract-ocr-cym`). Nothing is
downloaded: where Tesseract is not installed, OCR is simply unavailable and a fully scanned
PDF fails with a message saying what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cofnod.errors import IngestError
from cofnod.settings import IngestSettings
from ingest.registry import PageProgress

INSTALL_HINT = "install Tesseract to read scans (Debian: apt-get install tesseract-ocr tesseract-ocr-cym)"
PAGE_SECONDS = 120
"""A page Tesseract has not read in this time is given up (a damaged or enormous image)."""


@dataclass(frozen=True)
class Ocr:
    """Tesseract as configured: the languages it will read in, and the resolution pages are drawn at."""

    languages: str
    dpi: int
    workers: int = 1
    """Tesseract processes run at once (one page each)."""

    def read(self, data: bytes, pages: list[int], on_page: PageProgress | None = None) -> dict[int, str]:
        """The text of these pages (1-based) of a PDF, read from their images; `on_page(done, total)`
        after each page, as a page takes seconds. Pages are drawn here one at a time and read by
        `workers` Tesseract processes side by side; at most two pages a worker wait on disk."""
        import pypdfium2 as pdfium

        try:
            pdf = pdfium.PdfDocument(data)
        except Exception as e:  # PDFium reports damage as PdfiumError; any failure means unreadable
            raise IngestError(f"scanned pages cannot be drawn for OCR: {e}") from e
        out: dict[int, str] = {}
        pending: dict[int, Future[str]] = {}

        def collect(number: int) -> None:
            out[number] = pending.pop(number).result()
            if on_page:
                on_page(len(out), len(pages))

        with tempfile.TemporaryDirectory(prefix="cofnod-ocr-") as tmp, ThreadPoolExecutor(self.workers) as pool:
            try:
                for number in pages:
                    image = Path(tmp) / f"page-{number}.png"
                    page = pdf[number - 1]
                    page.render(scale=self.dpi / 72, grayscale=True).to_pil().save(image)
                    page.close()
                    pending[number] = pool.submit(self._tesseract, image, number)
                    while len(pending) >= 2 * self.workers:
                        collect(min(pending))
                while pending:
                    collect(min(pending))
            finally:
                for future in pending.values():
                    future.cancel()
                pdf.close()
        return out

    def _tesseract(self, image: Path, number: int) -> str:
        command = ["tesseract", str(image), "stdout", "-l", self.languages, "--dpi", str(self.dpi), "--psm", "3"]
        try:
            done = subprocess.run(command, capture_output=True, timeout=PAGE_SECONDS, check=False,
                                  env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        except subprocess.TimeoutExpired as e:
            raise IngestError(f"OCR of page {number} took over {PAGE_SECONDS} s") from e
        image.unlink(missing_ok=True)
        if done.returncode != 0:
            why = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise IngestError(f"OCR of page {number} failed: {why[-1] if why else done.returncode}")
        return done.stdout.decode("utf-8", "replace")


def ocr_for(settings: IngestSettings | None) -> Ocr | None:
    """The OCR these settings ask for, or None when it is off or Tesseract is not installed.
    Languages asked for but not installed are left out; if none is installed, so is OCR."""
    settings = settings or IngestSettings()
    if settings.ocr == "off":
        return None
    installed = _installed_languages()
    wanted = [lang for lang in settings.ocr_languages.split("+") if lang in installed]
    workers = settings.ocr_workers or os.cpu_count() or 1
    return Ocr("+".join(wanted), settings.ocr_dpi, workers) if wanted else None


@lru_cache(maxsize=1)
def _installed_languages() -> frozenset[str]:
    if shutil.which("tesseract") is None:
        return frozenset()
    try:
        done = subprocess.run(["tesseract", "--list-langs"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    return frozenset(line.strip() for line in lines[1:] if line.strip())
