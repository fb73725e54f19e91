"""PDF bombs a few kilobytes long, written with PyMuPDF: forms that draw forms ten times over, and a page of
hundreds of thousands of characters, are refused in one line naming the page, in seconds and without the
gigabytes MuPDF would lay them out in; forms drawn a few times, and a recursive form, still convert."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from misp_module.read.formats.pdf_bounds import MAX_FORM_DRAWS, MAX_PAGE_CHARACTERS

PROSE = "The operators staged the loader on 198.51.100.7 and reached the victims' mail servers through it."
_FORM = "<< /Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources << {} >> >>"
_HELVETICA = "/Font << /F0 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>"


def _page_with_prose() -> tuple[pymupdf.Document, pymupdf.Page]:
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((72, 72), PROSE, fontsize=9)
    return document, page


def _draw_forms(document: pymupdf.Document, page: pymupdf.Page, levels: int, fan: int) -> None:
    """A chain of `levels` forms, each drawing the one below it `fan` times; the page draws the top one."""
    below = document.get_new_xref()
    document.update_object(below, _FORM.format(_HELVETICA))
    document.update_stream(below, b"BT /F0 8 Tf 20 20 Td (Cobalt Strike beacon) Tj ET", new=True)
    for _ in range(levels - 1):
        form = document.get_new_xref()
        document.update_object(form, _FORM.format(f"/XObject << /P {below} 0 R >>"))
        document.update_stream(form, b"/P Do " * fan, new=True)
        below = form
    document.xref_set_key(page.xref, "Resources", f"<< /XObject << /F1 {below} 0 R >> >>")
    contents = page.get_contents()[0]
    document.update_stream(contents, document.xref_stream(contents) + b"\n/F1 Do")


def _save(document: pymupdf.Document, path: Path) -> Path:
    document.save(path)
    return path


def test_forms_drawing_forms_past_the_bound_are_refused_naming_the_page(cli, tmp_path: Path) -> None:
    document, page = _page_with_prose()
    _draw_forms(document, page, levels=6, fan=10)  # 111,111 forms drawn, a 2 KB file
    report = _save(document, tmp_path / "bomb.pdf")
    result = cli("convert", report)
    assert result.code == 1
    assert f"{report}: page 1 of the PDF draws embedded forms more than {MAX_FORM_DRAWS:,} times" in result.stderr
    assert "Traceback" not in result.stderr


def test_forms_drawn_a_few_times_convert(cli, tmp_path: Path) -> None:
    document, page = _page_with_prose()
    _draw_forms(document, page, levels=3, fan=4)  # 21 forms drawn: a logo and a chart
    result = cli("convert", _save(document, tmp_path / "logo.pdf"))
    assert result.code == 0, result.stderr
    assert 'misp-galaxy:tool="Cobalt Strike"' in {tag["name"] for tag in result.event()["Tag"]}


def test_a_form_drawing_itself_converts(cli, tmp_path: Path) -> None:
    document, page = _page_with_prose()
    form = document.get_new_xref()
    document.update_object(form, _FORM.format(f"/XObject << /F1 {form} 0 R >>"))
    document.update_stream(form, b"/F1 Do", new=True)
    document.xref_set_key(page.xref, "Resources", f"<< /XObject << /F1 {form} 0 R >> >>")
    contents = page.get_contents()[0]
    document.update_stream(contents, document.xref_stream(contents) + b"\n/F1 Do")
    result = cli("convert", _save(document, tmp_path / "loop.pdf"))
    assert result.code == 0, result.stderr


def test_a_page_of_more_characters_than_any_report_page_is_refused(cli, tmp_path: Path) -> None:
    document, page = _page_with_prose()
    runs = MAX_PAGE_CHARACTERS // 40 + 1
    contents = page.get_contents()[0]
    tiny = "".join(f"BT /helv 1 Tf {i % 500 + 20} {i // 500 % 700 + 50} Td ({'a' * 40}) Tj ET\n" for i in range(runs))
    document.update_stream(contents, document.xref_stream(contents) + tiny.encode())
    report = _save(document, tmp_path / "runs.pdf")
    result = cli("convert", report)
    assert result.code == 1
    assert f"{report}: page 1 of the PDF holds" in result.stderr
    assert f"more than the {MAX_PAGE_CHARACTERS:,} of any report page" in result.stderr


def test_a_page_below_the_character_bound_converts(cli, tmp_path: Path) -> None:
    document, page = _page_with_prose()
    for line in range(60):
        page.insert_text((30, 100 + line * 11), PROSE, fontsize=8)
    result = cli("convert", _save(document, tmp_path / "dense.pdf"))
    assert result.code == 0, result.stderr
