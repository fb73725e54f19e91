"""A vendor's research paper as PDF, Word and saved page (issue 8, cause 7): what sits around the paper — running
header and footer, table of contents, footnotes, notes citing other work, the vendor's About page, a disclaimer, a
tag cloud and cards of related research — never reaches the event, and what the paper says does. The files are
rendered by real writers (PyMuPDF, python-docx) in tests/research_renderings.py; each rule of the readers is also
tested on small rendered pages that must and must not trigger it."""

from __future__ import annotations

import io

import pytest
from research_renderings import (
    FOOTNOTES,
    FURNITURE,
    SECTIONS,
    SUBJECT,
    render_research_docx,
    render_research_page,
    render_research_pdf,
)

from misp_module.pipeline import convert_bytes
from misp_module.read.formats.pdf import pdf_to_text
from misp_module.read.formats.text_joins import join_lines
from misp_module.read.reader import read_report
from misp_module.settings import Settings

MAX = 5 * 1024 * 1024


def _event(data: bytes, name: str):
    return convert_bytes(data, identity=name, name=name, settings=Settings())


def _clusters(event) -> str:
    return " ".join(t.name for t in event.tags if t.name.startswith("misp-galaxy:"))


@pytest.fixture(scope="module")
def papers() -> dict[str, bytes]:
    return {
        "paper.pdf": render_research_pdf(),
        "paper-low-series.pdf": render_research_pdf(series_at=90),
        "paper-short-pages.pdf": render_research_pdf(body_bottom=600),
        "paper.docx": render_research_docx(),
        "paper.html": render_research_page(),
    }


@pytest.mark.parametrize(
    "name", ["paper.pdf", "paper-low-series.pdf", "paper-short-pages.pdf", "paper.docx", "paper.html"]
)
def test_a_papers_furniture_never_reaches_its_event(papers: dict[str, bytes], name: str) -> None:
    event = _event(papers[name], name)
    clusters = _clusters(event)
    values = {a.value for a in event.attributes}

    assert not [c for c in FURNITURE["clusters"] if f'"{c}' in clusters], clusters
    assert all(f'"{c}'.lower() in clusters.lower() for c in SUBJECT["clusters"]), clusters
    # the footnote marks after an address and a domain are not glued to them
    assert SUBJECT["indicators"] <= values, values
    assert not {"45.77.212.191", "tender-portal-update.com2"} & values


@pytest.mark.parametrize(
    "name", ["paper.pdf", "paper-low-series.pdf", "paper-short-pages.pdf", "paper.docx", "paper.html"]
)
def test_a_papers_text_is_its_body(papers: dict[str, bytes], name: str) -> None:
    text = read_report(papers[name], identity=name, name=name, max_bytes=MAX).text
    assert "Contents" not in text and "....." not in text  # the table of contents
    assert "Also in this series" not in text and "Page 2 of" not in text  # the running footer
    assert "Popular topics" not in text and "More from our researchers" not in text
    for section in SECTIONS:  # each heading once: the ToC's entries are not read as a second copy
        assert text.count(section.title) == 1, section.title
    assert "customs filings" in text  # the "fi" ligature read as its letters


def test_footnotes_leave_the_page_foot_for_the_end_of_the_text(papers: dict[str, bytes]) -> None:
    text = pdf_to_text(papers["paper.pdf"], "paper.pdf")
    tail = text.split("## Disclaimer", 1)[1]
    for number, note in FOOTNOTES.items():
        assert f"[^{number}]: {note}" in tail
    assert "from 45.77.212.19 over HTTPS" in text


# --- the rules one by one, on small pages rendered with PyMuPDF ------------------------------------------------


def _pdf(pages: list[list[tuple[float, str, float]]], *, superscripts: dict[int, str] | None = None) -> bytes:
    """A PDF of `pages`, each a list of (y, text, font size) lines set at the left margin; `superscripts`: a raised
    small mark drawn after the line of that index on the first page."""
    import pymupdf

    document = pymupdf.open()
    for number, lines in enumerate(pages):
        page = document.new_page(width=595, height=842)
        for index, (y, text, size) in enumerate(lines):
            page.insert_text((60, y), text, fontsize=size, fontname="helv")
            if number == 0 and superscripts and index in superscripts:
                x = 60 + pymupdf.get_text_length(text, fontname="helv", fontsize=size)
                page.insert_text((x, y - size * 0.35), superscripts[index], fontsize=size * 0.6, fontname="helv")
    buffer = io.BytesIO(document.tobytes())
    document.close()
    return buffer.getvalue()


def _body(index: int) -> list[tuple[float, str, float]]:
    return [
        (200 + 16 * i, f"Paragraph {index} line {i}: the operators moved through the port's network.", 10)
        for i in range(3)
    ]


def test_a_line_repeated_at_one_height_on_most_pages_is_running_furniture() -> None:
    """Set below the header band, the line naming another paper is still on every page at the same height; the
    same name once per page in the body, at different heights, is the report's."""
    running = "Also in this series: the Lazarus Group and the shipping brokers"
    pages = [
        [(110, running, 8), *_body(n), (300 + 40 * n, f"On day {n} the Lazarus Group wiped a server.", 10)]
        for n in range(4)
    ]
    text = pdf_to_text(_pdf(pages), "p.pdf")
    assert "Also in this series" not in text
    assert text.count("the Lazarus Group wiped a server") == 4


def test_a_footer_with_a_year_and_page_of_pages_is_furniture_a_line_of_numbers_is_not() -> None:
    pages = [
        [
            *_body(n),
            (805, f"\u00a9 2024 Example Labs \u00b7 Page {n + 1} of 3", 8),
            (815, f"198.51.100.{n} 443 80 22", 8),
        ]
        for n in range(3)
    ]
    text = pdf_to_text(_pdf(pages), "p.pdf")
    assert "Example Labs" not in text
    assert all(f"198.51.100.{n} 443 80 22" in text for n in range(3))


def test_a_table_of_contents_is_dropped_and_numbered_prose_is_not() -> None:
    contents = [(80, "Table of contents", 14), (110, "Executive summary ............ 3", 10)]
    contents += [(126, "Delivery and the lures ............ 4", 10), (142, "Indicators 7", 10)]
    body = [(300, "The crew hit port authorities in 2024 and counted victims in", 10), (316, "12", 10)]
    body += [(360, "The servers answered on port 443 for about 3", 10)]
    leaders = [(500, f"Step {i} .......... {i + 1}", 10) for i in range(3)]
    text = pdf_to_text(_pdf([contents, body + leaders]), "p.pdf")
    assert "contents" not in text.lower() and "Executive summary" not in text and "Indicators 7" not in text
    assert "Step 0" not in text  # a run of dot-leader entries is a contents page's even without its title
    assert "counted victims in 12" in text and "port 443 for about 3" in text


def test_a_raised_footnote_mark_is_dropped_and_a_number_on_the_baseline_is_kept() -> None:
    lines = [(100, "The loader called 45.77.212.19", 10), (130, "The group tracked as Kimsuky", 10)]
    lines += [(160, "It retried 45.77.212.20 4 times", 10)]
    text = pdf_to_text(_pdf([lines], superscripts={0: "4", 1: "12"}), "p.pdf")
    assert "45.77.212.19" in text and "45.77.212.194" not in text
    assert "Kimsuky" in text and "Kimsuky12" not in text
    assert "45.77.212.20 4 times" in text


def test_a_small_numbered_line_at_the_foot_is_a_footnote_only_after_its_mark() -> None:
    marked = [(100, "The loader called the server", 10), *_body(0)]
    marked += [(760, "4 A cited article on Sandworm and its wipers.", 7)]
    text = pdf_to_text(_pdf([marked], superscripts={0: "4"}), "p.pdf")
    assert "[^4]: A cited article on Sandworm and its wipers." in text
    unmarked = [(100, "The loader called the server", 10), *_body(0), (760, "4 hosts answered from the range.", 7)]
    text = pdf_to_text(_pdf([unmarked]), "p.pdf")
    assert "[^4]" not in text and "4 hosts answered from the range." in text


@pytest.mark.parametrize(
    ("previous", "following", "joined"),
    [
        ("tracked as Kim-", "suky by", "tracked as Kimsuky by"),  # a name cut by hyphenation
        ("spam from Emo-", "tet resumed", "spam from Emotet resumed"),
        ("Organ-", "izations were hit", "Organizations were hit"),  # a sentence's first word
        ("a Russia-", "linked crew", "a Russia-linked crew"),  # a compound: its second part is a common word
        ("a Go-", "based loader", "a Go-based loader"),
        ("the Cobalt-", "Strike beacon", "the Cobalt-Strike beacon"),
        ("the Update-", "service.com host", "the Update-service.com host"),
    ],
)
def test_a_capitalised_word_broken_at_a_lines_end(previous: str, following: str, joined: str) -> None:
    assert join_lines(previous, following, fills=True, starts_line=False) == joined


def test_a_footnote_mark_in_a_saved_page_is_dropped_other_superscripts_kept() -> None:
    page = (
        b"<html><body><h1>Ports</h1><p>The loader called 45.77.212.19<sup>4</sup> and Kimsuky<sup>[12]</sup> "
        b"operators; it was the 1<sup>st</sup> wave.</p></body></html>"
    )
    text = read_report(page, identity="p.html", name="p.html", max_bytes=MAX).text
    assert "called 45.77.212.19 and Kimsuky operators" in text
    assert "1st wave" in text


def test_word_contents_entries_are_not_read() -> None:
    text = read_report(render_research_docx(), identity="p.docx", name="p.docx", max_bytes=MAX).text
    assert "Contents" not in text
    assert f"# 1. {SECTIONS[0].title}" in text


def test_sideways_margin_text_and_a_slanted_watermark_are_dropped_upright_text_kept() -> None:
    import pymupdf

    document = pymupdf.open()
    for _ in range(2):
        page = document.new_page(width=595, height=842)
        page.insert_text((60, 200), "The operators of Kimsuky moved laterally.", fontsize=10)
        page.insert_text((30, 600), "Example Labs research series: the Lazarus Group", fontsize=8, rotate=90)
        slant = (pymupdf.Point(200, 500), pymupdf.Matrix(45))
        page.insert_text((200, 500), "DRAFT Turla", fontsize=40, morph=slant)
    text = pdf_to_text(document.tobytes(), "p.pdf")
    assert "Lazarus" not in text and "Turla" not in text
    assert "The operators of Kimsuky moved laterally." in text


def test_a_saved_pages_footnotes_are_left_out_and_its_prose_kept() -> None:
    page = (
        b"<html><body><article><h1>Ports</h1><p>The loader called 45.77.212.19<sup><a href='#fn1'>1</a></sup> from "
        b"the harbour network, and the crew stayed for weeks moving between berth systems.</p><p>Kimsuky sent lures "
        b"to port staff and harvested their mail over several weeks in spring.</p></article>"
        b"<section class='footnotes' role='doc-endnotes'><ol><li id='fn1'>Our earlier post on the Lazarus Group "
        b"and the brokers.</li></ol></section></body></html>"
    )
    text = read_report(page, identity="p.html", name="p.html", max_bytes=MAX).text
    assert "Lazarus" not in text
    assert "The loader called 45.77.212.19 from the harbour network" in text and "Kimsuky sent lures" in text


def _docx_with_header(header: str, body: str) -> bytes:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = header
    document.add_heading("Port intrusions", level=1)
    document.add_paragraph(body)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _tlp(event) -> list[str]:
    return [t.name for t in event.tags if t.name.startswith("tlp:")]


def test_a_tlp_marking_only_in_the_running_header_is_the_events() -> None:
    body = "Kimsuky sent lures to port staff in Vietnam and read their mail for weeks."
    word = _event(_docx_with_header("Example Labs | TLP:RED | for named recipients", body), "p.docx")
    assert _tlp(word) == ["tlp:red"]
    pages = [[(30, "Example Labs | TLP:RED", 8), (200, f"{body} Day {n}.", 10)] for n in range(3)]
    pdf = _event(_pdf(pages), "p.pdf")
    assert _tlp(pdf) == ["tlp:red"]
    assert "Example Labs" not in pdf.event_reports[0].content  # the rest of the header stays out


def test_a_header_without_a_marking_adds_nothing_and_the_bodys_marking_is_not_repeated() -> None:
    plain = read_report(
        _docx_with_header("Example Labs", "Lures hit port staff."), identity="a", name="a.docx", max_bytes=MAX
    )
    assert "Marking" not in plain.text
    both = _docx_with_header("Example Labs | TLP:GREEN", "TLP:GREEN. Lures hit port staff.")
    assert "Marking" not in read_report(both, identity="b", name="b.docx", max_bytes=MAX).text


def test_a_saved_pages_table_of_contents_is_left_out() -> None:
    page = (
        b"<html><body><article><h1>Ports and PlugX</h1><div id='ez-toc-container' class='ez-toc-v2_0_17'>"
        b"<p class='ez-toc-title'>Table of Contents</p><ul class='ez-toc-list'><li><a href='#a'>Delivery</a></li>"
        b"<li><a href='#b'>Comparison with Emotet</a></li></ul></div><h2 id='a'>Delivery</h2><p>Mustang Panda sent "
        b"lures to port staff in Vietnam and loaded PlugX through a signed viewer.</p><h2 id='b'>Comparison with "
        b"Emotet</h2><p>These lures were few and tailored; some analysts compared the loader with Emotet.</p>"
        b"</article></body></html>"
    )
    text = read_report(page, identity="p.html", name="p.html", max_bytes=MAX).text
    assert "Table of Contents" not in text and "- Delivery" not in text
    assert text.count("Comparison with Emotet") == 1 and "## Delivery" in text


def test_a_header_whose_words_change_by_chapter_is_furniture_a_body_line_in_the_band_is_not() -> None:
    chapters = ["Delivery", "Delivery", "Infrastructure", "Comparison with the Lazarus Group"]
    pages = [[(30, f"Example Labs | {chapter}", 8), *_body(n)] for n, chapter in enumerate(chapters)]
    pages[3] += [(790, "The last line of the body reaches the foot of the page near Oslo.", 10)]
    pages[2] += [(60, "Figure 3: servers by country", 8)]  # small type in the band, but not in the header's slot
    text = pdf_to_text(_pdf(pages), "p.pdf")
    assert "Example Labs" not in text and "Lazarus" not in text
    assert "reaches the foot of the page near Oslo" in text and "Figure 3: servers by country" in text


def _text_copy(pdf: bytes) -> bytes:
    """The PDF as text, page by page in reading order with form feeds between pages, as pdftotext writes it."""
    import pymupdf

    with pymupdf.open(stream=pdf, filetype="pdf") as document:
        return "\f".join(page.get_text(sort=True) for page in document).encode()


def test_a_text_copy_of_a_pdf_loses_its_running_header_and_page_numbers_not_its_body() -> None:
    header = "Example Labs | Also read: the Lazarus Group and the brokers | TLP:RED"
    bodies = [
        "Kimsuky sent lures to port staff in Vietnam.",
        "The lures carried a loader that stole mail.",
        "Operators returned weeks later with new lures.",
        "We notified the port authorities in the spring.",
    ]
    pages = [
        [(30, header, 8), (200, "| Indicator | Type |", 10), (220, body, 10), (815, str(n + 1), 8)]
        for n, body in enumerate(bodies)
    ]
    data = _text_copy(_pdf(pages))
    text = read_report(data, identity="p.txt", name="p.txt", max_bytes=MAX).text
    assert "Lazarus" not in text and "Example Labs" not in text
    assert all(body in text for body in bodies) and text.count("| Indicator | Type |") == 4
    event = _event(data, "p.txt")
    assert _tlp(event) == ["tlp:red"] and "Lazarus" not in _clusters(event)


def test_text_without_page_breaks_is_read_as_it_is() -> None:
    body = "Example Labs | weekly\n\nKimsuky sent lures.\n\nExample Labs | weekly\n\nThe lures stole mail.\n"
    assert read_report(body.encode(), identity="t", name="t.txt", max_bytes=MAX).text.count("Example Labs") == 2


def test_a_text_copy_of_the_paper_keeps_none_of_its_furniture() -> None:
    """The paper's PDF saved as text: running header and footer, page numbers and contents left out; the notes,
    About page and disclaimer are furniture sections. (Its footnote marks are glued to the words before them:
    plain text does not tell a raised 1 from a digit, so the address and domain they follow are not asserted.)"""
    data = _text_copy(render_research_pdf())
    text = read_report(data, identity="c", name="paper.txt", max_bytes=MAX).text
    assert "Kestrel Labs |" not in text and "Page 3 of" not in text and "....." not in text
    event = _event(data, "paper.txt")
    clusters = _clusters(event)
    assert not [c for c in FURNITURE["clusters"] if f'"{c}' in clusters], clusters
    assert all(f'"{c}'.lower() in clusters.lower() for c in SUBJECT["clusters"]), clusters
    assert _tlp(event) == ["tlp:clear"]


def test_a_name_and_a_domain_hyphenated_across_a_page_break_are_whole_again() -> None:
    header = (30, "Example Labs | Port intrusions | TLP:CLEAR", 8)
    first = [
        header,
        (200, "The operators sent their lures to the harbour staff and then", 10),
        (214, "loaded the second stage from tender-portal-update[.]com, a host", 10),
        (228, "registered a week before; the crew we track as Kim-", 10),
        (815, "1", 8),
    ]
    second = [
        header,
        (200, "suky reused the same registrar for a second host, portal-", 10),
        (214, "update-service[.]net, which answered until the end of May.", 10),
        (815, "2", 8),
    ]
    text = pdf_to_text(_pdf([first, second]), "p.pdf")
    assert "the crew we track as Kimsuky reused the same registrar" in text
    assert "portal-update-service[.]net, which answered" in text and "tender-portal-update[.]com" in text


def test_a_raised_note_mark_typed_in_word_is_dropped_other_text_kept() -> None:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("The loader called 45.77.212.19")
    paragraph.add_run("4").font.superscript = True
    paragraph.add_run(" and the crew tracked as Kimsuky")
    paragraph.add_run("[12]").font.superscript = True
    paragraph.add_run(" in the 1")
    paragraph.add_run("st").font.superscript = True
    paragraph.add_run(" wave; it hit 2 ports.")
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_report(buffer.getvalue(), identity="w", name="w.docx", max_bytes=MAX).text
    assert "The loader called 45.77.212.19 and the crew tracked as Kimsuky in the 1st wave; it hit 2 ports." in text


@pytest.mark.parametrize("header_at", [30, 85], ids=["in-the-band", "below-the-band"])
@pytest.mark.parametrize(
    ("actor", "aside", "counted"),
    [
        # the body is about Kimsuky and names Lazarus once in passing: thirty headers do not make it the subject
        ("Kimsuky operators", "Some analysts once compared the loader with the Lazarus Group.", False),
        # the body is about the Lazarus Group: the name counts, the header's copies change nothing
        ("Lazarus Group operators", "The loader was new.", True),
    ],
)
def test_a_name_in_the_running_header_does_not_count_the_same_name_in_the_body_does(
    actor: str, aside: str, counted: bool, header_at: float
) -> None:
    header = "Example Labs | The Lazarus Group and the brokers | TLP:CLEAR"
    pages = [
        [(header_at, header, 8), (200, f"On day {n} {actor} moved to host {n} in Vietnam.", 10)] for n in range(30)
    ]
    pages[5].append((260, aside, 10))
    clusters = _clusters(_event(_pdf(pages), "p.pdf"))
    assert ('"Lazarus Group' in clusters) is counted, clusters
