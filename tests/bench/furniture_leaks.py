"""What a research paper's furniture leaks into its event (issue 8, cause 7), per format: the paper of
tests/research_renderings.py rendered as PDF (three layouts), Word document, saved page and a text copy of the PDF.

For each rendering: the furniture clusters that reached the event (must be none), the paper's own clusters it
missed, its indicators missed and wrong ones (a footnote mark glued to an address), the table-of-contents and
running-footer lines left in the text, and the TLP tag. Run before and after a change to the readers:

    .venv/bin/python tests/bench/furniture_leaks.py
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from research_renderings import (
    FURNITURE,
    SUBJECT,
    render_research_docx,
    render_research_page,
    render_research_pdf,
)

from misp_module.pipeline import convert_bytes
from misp_module.read.reader import read_report
from misp_module.settings import Settings

MAX = 5 * 1024 * 1024


def _text_copy() -> bytes:
    import pymupdf

    with pymupdf.open(stream=render_research_pdf(), filetype="pdf") as document:
        return "\f".join(page.get_text(sort=True) for page in document).encode()


RENDERINGS: dict[str, Callable[[], bytes]] = {
    "paper.pdf": render_research_pdf,
    "paper-low-series.pdf": lambda: render_research_pdf(series_at=90),
    "paper-short-pages.pdf": lambda: render_research_pdf(body_bottom=600),
    "paper.docx": render_research_docx,
    "paper.html": render_research_page,
    "paper-copy.txt": _text_copy,
}


def measure(name: str, data: bytes) -> dict[str, object]:
    event = convert_bytes(data, identity=name, name=name, settings=Settings())
    text = read_report(data, identity=name, name=name, max_bytes=MAX).text
    tags = " ".join(t.name for t in event.tags).lower()
    values = {a.value for a in event.attributes}
    return {
        "leaked": sorted(c for c in FURNITURE["clusters"] if f'"{c.lower()}' in tags),
        "missed": sorted(c for c in SUBJECT["clusters"] if f'"{c.lower()}' not in tags),
        "iocs_missed": sorted(SUBJECT["indicators"] - values),
        "iocs_wrong": sorted(v for v in values - SUBJECT["indicators"] if "45.77.212." in v or "tender-portal" in v),
        "toc_lines": sum(
            1 for line in text.splitlines() if "....." in line or line.strip() in ("Contents", "## Contents")
        ),
        "footer_lines": sum(
            1 for line in text.splitlines() if ("Page " in line and " of " in line) or "series" in line
        ),
        "tlp": [t.name for t in event.tags if t.name.startswith("tlp:")],
    }


def main() -> None:
    totals = {"leaked": 0, "missed": 0, "iocs_missed": 0, "iocs_wrong": 0, "toc_lines": 0, "footer_lines": 0}
    for name, render in RENDERINGS.items():
        figures = measure(name, render())
        print(f"{name:24} " + "  ".join(f"{k}={v}" for k, v in figures.items()))
        for key in totals:
            value = figures[key]
            totals[key] += len(value) if isinstance(value, list) else int(value)  # type: ignore[arg-type]
    print("total  " + "  ".join(f"{k}={v}" for k, v in totals.items()))


if __name__ == "__main__":
    main()
