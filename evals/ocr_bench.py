"""Benchmark: OCR speed and accuracy on pages whose true text is known, printed (never asserted).

    python -m evals.ocr_bench PDF [--pages 1-5] [--scan-dpi 200]

Draws the chosen pages of a PDF that has a text layer as a scanner would deliver them
(greyscale images at --scan-dpi, no text), reads them back through Cofnod's OCR with the
[ingest] settings, and compares the words found with the page's own text layer.
"""

from __future__ import annotations

import argparse
import io
import re
import time
from collections import Counter
from pathlib import Path

from cofnod.settings import load_settings
from ingest.ocr import INSTALL_HINT, ocr_for


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"[a-z0-9£%]+", text.lower()))


def _pages(spec: str) -> list[int]:
    out: list[int] = []
    for part in spec.split(","):
        first, _, last = part.partition("-")
        out.extend(range(int(first), int(last or first) + 1))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--pages", default="1-5", help="pages to scan, e.g. 1-5 or 2,4,7")
    parser.add_argument("--scan-dpi", type=int, default=200, help="resolution of the simulated scan")
    args = parser.parse_args(argv)

    import pypdfium2 as pdfium
    from pypdf import PdfReader

    ocr = ocr_for(load_settings().ingest)
    if ocr is None:
        raise SystemExit(f"OCR is off or Tesseract is not installed: {INSTALL_HINT}")
    pages = _pages(args.pages)
    source = pdfium.PdfDocument(str(args.pdf))
    images = [source[n - 1].render(scale=args.scan_dpi / 72, grayscale=True).to_pil() for n in pages]
    source.close()
    scan = io.BytesIO()
    images[0].save(scan, format="PDF", save_all=True, append_images=images[1:], resolution=args.scan_dpi)

    start = time.perf_counter()
    read = ocr.read(scan.getvalue(), list(range(1, len(pages) + 1)))
    seconds = time.perf_counter() - start

    layer = PdfReader(str(args.pdf))
    truth_total = found_total = shared = 0
    for i, n in enumerate(pages, start=1):
        truth, found = _words(layer.pages[n - 1].extract_text()), _words(read[i])
        truth_total += sum(truth.values())
        found_total += sum(found.values())
        shared += sum((truth & found).values())
    print(f"{args.pdf.name}: {len(pages)} pages scanned at {args.scan_dpi} dpi, read at {ocr.dpi} dpi "
          f"({ocr.languages})")
    print(f"  time: {seconds:.1f} s, {seconds / len(pages):.1f} s a page")
    print(f"  words of the text layer found: {shared / max(truth_total, 1):.3f} ({shared} of {truth_total})")
    print(f"  words read that the text layer holds: {shared / max(found_total, 1):.3f}")


if __name__ == "__main__":
    main()
