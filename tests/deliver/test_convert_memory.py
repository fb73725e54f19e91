"""`convert` caps the memory of each report's conversion: a PDF whose 30 KB hold a text stream that inflates to
30 million characters (MuPDF needs about a gigabyte for it) is refused in one line naming it, and the next report
of the run converts with the limit as it was. The cap is lowered here so that the test needs little memory."""

from __future__ import annotations

import resource
from pathlib import Path

import pymupdf

from misp_module.deliver import memory

PROSE = "The operators staged the loader on 198.51.100.7 and reached the victims' mail servers through it."


def _inflating_pdf(path: Path, characters: int) -> Path:
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((72, 72), PROSE, fontname="helv", fontsize=9)
    contents = page.get_contents()[0]
    stream = document.xref_stream(contents) + b"\nBT /helv 1 Tf 10 10 Td (" + b"a" * characters + b") Tj ET"
    document.update_stream(contents, stream)
    path.write_bytes(document.tobytes(deflate=True))
    return path


def test_a_pdf_that_inflates_past_the_memory_cap_is_refused_and_the_next_report_converts(
    cli, tmp_path: Path, reports_dir: Path, monkeypatch
) -> None:
    monkeypatch.setattr(memory, "BASE_BYTES", 200 * 1024 * 1024)
    folder = tmp_path / "reports"
    folder.mkdir()
    bomb = _inflating_pdf(folder / "a-bomb.pdf", 30_000_000)
    (folder / "b-good.md").write_bytes((reports_dir / "indicators-generic-advisory.md").read_bytes())
    limits = resource.getrlimit(resource.RLIMIT_AS)
    result = cli("convert", folder, "-o", tmp_path / "out", "--jobs", "1")
    assert result.code == 1
    assert f"{bomb}: page 1 of the PDF needs more memory than a report may take" in result.stderr
    assert (tmp_path / "out" / "b-good.json").is_file()
    assert resource.getrlimit(resource.RLIMIT_AS) == limits
    assert "Traceback" not in result.stderr
