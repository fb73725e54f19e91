"""PDF, Word and saved-page reports, rendered by the tests with real writers (fpdf2, python-docx) from reports
written for them, read back as the text they were made from: sections found, layout undone, furniture dropped."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from report_renderings import (
    PAGE_FURNITURE,
    encrypted_pdf,
    render_blog_page,
    render_docx,
    render_pdf,
    scanned_pdf,
    zip_archive,
    zip_bomb_docx,
)

from misp_module.errors import ReportError
from misp_module.pipeline import convert_bytes
from misp_module.read.decode import without_ligatures
from misp_module.read.formats import document_format
from misp_module.read.formats.docx import check_archive
from misp_module.read.formats.pdf import pdf_to_text
from misp_module.read.formats.text_joins import join_lines
from misp_module.read.reader import read_report
from misp_module.settings import Settings

MAX = 5 * 1024 * 1024
SHA256 = "3f1a9c07d2e84b5fa61c0e9d7b2a4f8e5c3d1b0a9e8f7d6c5b4a3928170f6e5d"
SHA1 = "9c2e41d0b7a35f86e1c4d2b0a9f8e7d6c5b4a392"

# A report written for these tests, the way a vendor's advisory reads: long sentences that wrap, a hyphenated
# compound at a line's end, hashes that cannot fit their table column, nested bullets, inline code.
ADVISORY = (Path(__file__).resolve().parents[1] / "data" / "documents" / "fin7-baltics.txt").read_text()


def read_as(data: bytes, name: str):
    return read_report(data, identity=name, name=name, max_bytes=MAX)


@pytest.fixture(scope="module")
def advisory_pdf() -> bytes:
    return render_pdf(ADVISORY, title="FIN7 in the Baltics", repeat=3)


def test_formats_are_told_by_their_bytes(advisory_pdf: bytes) -> None:
    assert document_format(advisory_pdf, "report.bin") == "pdf"
    assert document_format(render_docx(ADVISORY), "report") == "docx"
    assert document_format(ADVISORY.encode(), "report.txt") is None
    assert document_format(b"The lure is a PDF: its bytes start with %PDF-1.7 and hide a script.", "r.md") is None
    with pytest.raises(ReportError, match=r"report\.pdf: not a PDF file"):
        document_format(b"just text in a file named .pdf", "report.pdf")
    with pytest.raises(ReportError, match=r"legacy Word \(\.doc\)"):
        document_format(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old.doc")


def test_pdf_reads_as_the_text_it_was_made_from(advisory_pdf: bytes) -> None:
    text = pdf_to_text(advisory_pdf, "advisory.pdf")
    report = read_as(advisory_pdf, "advisory.pdf")

    assert report.template == "analysis-summary"
    assert report.actor == "FIN7 (Carbon Spider / Sangria Tempest)"
    assert report.field_values("sectors")[0] == "Transportation, Logistics"
    assert report.field_values("geography")[0] == "Lithuania, Latvia"
    assert "# Threat Actor: FIN7" in text and "## Tactics, Techniques & Procedures" in text
    # the hashes wrapped inside their narrow table cells are whole again, in a table row
    assert f"| {SHA256} |" in text and f"| {SHA1} |" in text
    # a long sentence wrapped over lines is one line again; the compound at a line's end keeps its hyphen
    assert "sold access to ransomware affiliates, an incident-response vendor said" in text
    assert "command-and-control infrastructure" in text
    assert "`svc_update.ps1`" in text
    assert "  - The task ran every 20 minutes" in text


def test_pdf_page_furniture_is_dropped(advisory_pdf: bytes) -> None:
    text = pdf_to_text(advisory_pdf, "advisory.pdf")

    assert "Northwind Threat Research" not in text
    assert "Confidential" not in text
    assert "Page " not in text
    assert text.count("# Threat Actor: FIN7") == 3  # the body itself, three times over, all kept


def test_the_event_of_a_pdf_is_the_event_of_its_text(advisory_pdf: bytes) -> None:
    settings = Settings()
    from_text = convert_bytes(ADVISORY.encode(), identity="a", name="advisory.txt", settings=settings)
    from_pdf = convert_bytes(render_pdf(ADVISORY), identity="a", name="advisory.pdf", settings=settings)

    def content(event):
        return {(a.type, a.value, bool(a.to_ids)) for a in event.attributes}, {t.name for t in event.tags}

    assert content(from_pdf) == content(from_text)
    assert any(SHA256 in a.value for a in from_pdf.attributes)
    report = from_pdf.event_reports[0].content
    assert "## Targeting" in report and f"| {SHA256} |" in report


@pytest.mark.parametrize(
    ("previous", "following", "fills", "one_word", "joined"),
    [
        ("the group's infra-", "structure was", True, False, "the group's infrastructure was"),
        ("a command-and-", "control server", True, False, "a command-and-control server"),
        ("dropped IMG-", "3874.zip", True, False, "dropped IMG-3874.zip"),
        ("connects to update-", "service.com daily", True, False, "connects to update-service.com daily"),
        ("3f1a9c07d2e84b5fa61c0e9d7b2a", "4f8e5c3d1b0a", True, True, "3f1a9c07d2e84b5fa61c0e9d7b2a4f8e5c3d1b0a"),
        # a long URL that merely ends a full line is followed by a new word, not glued to it
        ("see https://example.org/a/very/long/path", "and more", True, False, None),
        ("3f1a9c07d2e84b5fa61c0e9d7b2a", "4f8e5c3d1b0a", False, True, None),
        ("Spearphishing", "Attachment", True, True, None),
        ("via `HKLM\\Software\\Microsoft\\Windows`", "`NT\\CurrentVersion`", False, False, None),
    ],
)
def test_lines_broken_by_the_layout_are_joined_back(previous, following, fills, one_word, joined) -> None:
    result = join_lines(previous, following, fills=fills, starts_line=one_word)
    if joined is None:
        joined = f"{previous} {following}".replace("` `", " ")
    assert result == joined


def test_docx_reads_headings_bullets_and_tables() -> None:
    data = render_docx(ADVISORY, title="FIN7 in the Baltics")
    report = read_as(data, "advisory.docx")

    assert report.template == "analysis-summary"
    assert report.actor == "FIN7 (Carbon Spider / Sangria Tempest)"
    assert report.field_values("geography")[0] == "Lithuania, Latvia"
    assert "- **Initial Access:** Exploit Public-Facing Application (T1190)." in report.text
    assert "  - The task ran every 20 minutes" in report.text
    assert f"| svc_update.ps1 SHA256 | {SHA256} |" in report.text
    assert "Northwind" not in report.text  # the page header is not the report


def test_a_saved_blog_page_gives_the_article_without_its_furniture() -> None:
    data = render_blog_page(ADVISORY, title="FIN7 in the Baltics")
    report = read_as(data, "fin7-baltics.html")
    event = convert_bytes(data, identity="p", name="fin7-baltics.html", settings=Settings())

    assert report.template == "analysis-summary"
    assert report.actor == "FIN7 (Carbon Spider / Sangria Tempest)"
    for furniture in ("cookies", "Related posts", "Recent posts", "Share:", "comment", "Tallinn", "Newsletter"):
        assert furniture not in report.text
    values = " ".join(a.value for a in event.attributes)
    assert not any(indicator in values for indicator in PAGE_FURNITURE["indicators"])
    tags = " ".join(t.name for t in event.tags)
    assert not any(f'"{name}' in tags for name in PAGE_FURNITURE["clusters"]), tags
    assert 'misp-galaxy:threat-actor="FIN7"' in tags


def test_a_page_that_is_only_the_article_reads_whole(reports_dir: Path) -> None:
    """No furniture to drop: the HTML file is read as before, every paragraph kept."""
    report = read_as((reports_dir / "html-advisory.html").read_bytes(), "html-advisory.html")
    assert "Published: 2024-11-02" in report.text
    assert "Patch the appliance, rotate every credential" in report.text


def test_scripts_are_never_read_from_a_page() -> None:
    data = render_blog_page(ADVISORY)
    report = read_as(data, "page.html")
    assert "dataLayer" not in report.text and "querySelectorAll" not in report.text


# --- bad input: one clear line each, never a traceback ---------------------------------------------------------


def _one_line(exc: pytest.ExceptionInfo[ReportError], name: str) -> str:
    message = str(exc.value)
    assert "\n" not in message and message.startswith(f"{name}: ")
    return message


def test_an_encrypted_pdf_is_refused_clearly() -> None:
    with pytest.raises(ReportError) as exc:
        read_as(encrypted_pdf(), "locked.pdf")
    assert "encrypted with a password" in _one_line(exc, "locked.pdf")


def test_a_pdf_encrypted_without_a_user_password_is_read() -> None:
    data = encrypted_pdf("The loader contacted relay-cdn-sync.com over HTTPS.", user_password="")
    assert "relay-cdn-sync.com" in pdf_to_text(data, "permissions.pdf")


def test_a_broken_pdf_is_refused_clearly(advisory_pdf: bytes) -> None:
    with pytest.raises(ReportError) as exc:
        read_as(advisory_pdf[:300], "truncated.pdf")
    assert "PDF" in _one_line(exc, "truncated.pdf")
    for garbage in (bytes(range(256)) * 40, b"1 0 obj not a PDF at all\n"):
        with pytest.raises(ReportError) as exc:
            read_as(b"%PDF-1.7\n" + garbage, "garbage.pdf")
        assert "damaged" in _one_line(exc, "garbage.pdf") or "not a readable PDF" in _one_line(exc, "garbage.pdf")


def test_a_scanned_pdf_without_text_says_so() -> None:
    with pytest.raises(ReportError) as exc:
        read_as(scanned_pdf(), "scan.pdf")
    message = _one_line(exc, "scan.pdf")
    assert "no text layer" in message and "OCR is not done" in message and "images" in message


def test_a_long_pdf_is_read_and_an_overlong_one_refused() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for number in range(200):
        pdf.add_page()
        pdf.cell(text=f"Section {number}: the actor reused the server 45.61.137.{number % 250} for staging.")
    data = bytes(pdf.output())
    text = pdf_to_text(data, "long.pdf")
    assert "45.61.137.199" in text
    with pytest.raises(ReportError) as exc:
        pdf_to_text(data, "long.pdf", max_pages=150)
    assert "200 pages, over the limit of 150" in _one_line(exc, "long.pdf")
    with pytest.raises(ReportError) as exc:
        pdf_to_text(data, "long.pdf", max_seconds=0)
    assert "over the time limit" in _one_line(exc, "long.pdf")


def test_a_zip_bomb_posing_as_a_docx_is_refused_before_it_is_unpacked() -> None:
    bomb = zip_bomb_docx()
    assert len(bomb) < MAX
    with pytest.raises(ReportError) as exc:
        read_as(bomb, "bomb.docx")
    assert "unpacks to more than" in _one_line(exc, "bomb.docx")


def test_a_zip_that_is_not_a_word_document_is_refused() -> None:
    with pytest.raises(ReportError) as exc:
        check_archive(zip_archive({"report.txt": b"hello"}), "archive.docx")
    assert "not a Word document" in _one_line(exc, "archive.docx")
    damaged = render_docx(ADVISORY)[:2000]
    with pytest.raises(ReportError) as exc:
        read_as(damaged, "damaged.docx")
    _one_line(exc, "damaged.docx")


def test_a_page_in_two_columns_reads_column_by_column() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(text="A whitepaper set in two columns under a title that runs across the page")
    pdf.ln(12)
    pdf.set_font("Helvetica", size=10)
    first = "The operators reached the appliance through its upload endpoint. " * 5 + "End of the first column."
    second = "They staged their tools on 45.61.137.19 before moving on. " * 5 + "End of the second column."
    with pdf.text_columns(ncols=2, gutter=8, text_align="LEFT") as columns:
        columns.write(text=first)
        columns.new_column()
        columns.write(text=second)
    paragraphs = [p.strip() for p in pdf_to_text(bytes(pdf.output()), "columns.pdf").split("\n\n") if p.strip()]

    assert paragraphs[1] == first and paragraphs[2] == second


def test_hyphenation_at_a_line_end_is_undone() -> None:
    from fpdf import FPDF

    words = ["infra\u00adstructure", "re\u00adconnaissance", "ex\u00adfiltration", "per\u00adsistence"]
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    sentence = " ".join(f"The {w} stage." for w in words * 6)
    pdf.multi_cell(37, 5, sentence)  # a narrow column: the writer hyphenates at the soft hyphens
    raw = bytes(pdf.output())
    import pymupdf

    with pymupdf.open(stream=raw, filetype="pdf") as document:
        assert any(line.endswith("-") for line in document[0].get_text().splitlines())  # it did hyphenate
    text = pdf_to_text(raw, "narrow.pdf")
    for word in words:
        assert text.count(word.replace("\u00ad", "")) == 6, text
    assert "-" not in text


def test_pdfs_read_from_several_threads_take_turns(advisory_pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """PyMuPDF does not support threads and misp-modules answers on a thread pool: one PDF at a time,
    each read as it reads alone."""
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from misp_module.read.formats import pdf

    alone = pdf_to_text(advisory_pdf, "advisory.pdf")
    reading, peak, lock = [0], [0], threading.Lock()
    read_page = pdf.read_page

    def counted(*args, **kwargs):
        with lock:
            reading[0] += 1
            peak[0] = max(peak[0], reading[0])
        time.sleep(0.005)
        try:
            return read_page(*args, **kwargs)
        finally:
            with lock:
                reading[0] -= 1

    monkeypatch.setattr(pdf, "read_page", counted)
    with ThreadPoolExecutor(4) as pool:
        texts = list(pool.map(lambda n: pdf_to_text(advisory_pdf, f"advisory-{n}.pdf"), range(8)))
    assert texts == [alone] * 8
    assert peak[0] == 1


def test_a_saved_pages_tables_read_as_the_other_formats_tables() -> None:
    """A page's table is one markdown row per line with a rule under the header, as the DOCX and PDF readers
    write theirs, so that a table's readers (a Version column, a victim table) read it the same in every
    format: the versions in the column are no IP addresses."""
    text = (
        "# Appliance builds under attack\n\nThe intruders exploited the gateway on every site we examined.\n\n"
        "| Product | Affected versions | Fixed in |\n|---|---|---|\n"
        "| Harbor Gateway | 11.2.0.4 | 11.2.0.9 |\n| Harbor Sync Agent | 3.1.4.2 | 3.1.5.0 |\n\n"
        "The implant called home to 185.225.17[.]40 over HTTPS.\n"
    )
    data = render_blog_page(text, title="Appliance builds under attack")
    report = read_as(data, "builds.html")
    assert "| Product | Affected versions | Fixed in |\n|---|---|---|\n| Harbor Gateway | 11.2.0.4 | 11.2.0.9 |\n" in (
        report.text
    )
    event = convert_bytes(data, identity="p", name="builds.html", settings=Settings())
    addresses = {a.value for a in event.attributes if a.type.startswith("ip-")}
    assert addresses == {"185.225.17.40"}


def test_ligatures_of_a_typeset_pdf_read_as_their_letters() -> None:
    import pymupdf

    html = (
        "<h1>Affiliate activity</h1><p>The affiliates staged the exfiltration from an office file server. "
        "Several victims run a gateway with firmware 10.2.1.9, which was not exploited.</p>"
    )
    story = pymupdf.Story(html=html, user_css="body {font-family: sans-serif;}")
    stream = io.BytesIO()
    writer = pymupdf.DocumentWriter(stream)
    device = writer.begin_page(pymupdf.paper_rect("a4"))
    story.place(pymupdf.Rect(50, 60, 545, 780))
    story.draw(device)
    writer.end_page()
    writer.close()
    raw = stream.getvalue()
    with pymupdf.open(stream=raw, filetype="pdf") as document:
        assert "\ufb01" in document[0].get_text()  # the writer did set "fi" as one glyph
    text = pdf_to_text(raw, "typeset.pdf")
    for word in ("Affiliate", "exfiltration", "office", "firmware"):
        assert word in text, text
    event = convert_bytes(raw, identity="t", name="typeset.pdf", settings=Settings())
    assert "10.2.1.9" not in {a.value for a in event.attributes if a.type.startswith("ip")}  # a version


def test_ligatures_copied_into_any_format_read_as_their_letters() -> None:
    text = (
        "# Advisory\n\nThe victims run a gateway with \ufb01rmware 10.2.1.9. The o\ufb03ce and sta\ufb00 were told.\n"
    )
    report = read_as(text.encode(), "note.md")
    assert "firmware 10.2.1.9" in report.text and "office and staff" in report.text


def test_ligatures_read_as_letters_beside_other_non_ascii_text_and_other_text_left_as_it_is() -> None:
    # The ligature search is a shortcut: text with curly quotes and a ligature is still translated; text with
    # curly quotes and none, or plain ASCII, comes back unchanged.
    assert without_ligatures("the \u201cexo\ufb01le\u201d sta\ufb06ger \ufb00") == "the \u201cexofile\u201d stastger ff"
    assert without_ligatures("\u201cfirmware\u201d \u00e9t\u00e9") == "\u201cfirmware\u201d \u00e9t\u00e9"
    assert without_ligatures("plain text") == "plain text"
