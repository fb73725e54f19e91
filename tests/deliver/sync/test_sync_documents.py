"""`misp-report sync` of a repository that holds PDFs, Word documents and saved pages besides text: each
becomes its event, with the report's text as markdown in its event report; a bad document fails alone."""

from __future__ import annotations

from pathlib import Path

from misp_double import MispDouble
from report_renderings import encrypted_pdf, render_blog_page, render_docx, render_pdf, zip_bomb_docx
from sync_helpers import expected_event, live, stored_event

SHA256 = "3f1a9c07d2e84b5fa61c0e9d7b2a4f8e5c3d1b0a9e8f7d6c5b4a3928170f6e5d"
ADVISORY = (Path(__file__).resolve().parents[2] / "data" / "documents" / "fin7-baltics.txt").read_text()


def document_repository(folder: Path) -> Path:
    folder.mkdir()
    (folder / "fin7-baltics.pdf").write_bytes(render_pdf(ADVISORY, title="FIN7 in the Baltics"))
    (folder / "fin7-baltics-draft.docx").write_bytes(render_docx(ADVISORY))
    (folder / "fin7-baltics-blog.html").write_bytes(render_blog_page(ADVISORY))
    (folder / "locked.pdf").write_bytes(encrypted_pdf())
    (folder / "bomb.docx").write_bytes(zip_bomb_docx())
    return folder


def test_sync_delivers_documents_and_reports_the_bad_ones_in_a_line(sync, double: MispDouble, tmp_path: Path):
    reports = document_repository(tmp_path / "reports")
    result = sync(str(reports), double=double)

    assert "Traceback" not in result.err + result.out
    assert len(double.model.events) == 3
    for name in ("fin7-baltics.pdf", "fin7-baltics-draft.docx", "fin7-baltics-blog.html"):
        wanted = expected_event(reports / name, reports)
        stored = stored_event(double, wanted["uuid"])
        assert live(stored) == live(wanted)
        assert any(SHA256 in value for _, value in live(stored))
        [report] = stored["EventReport"]
        assert "## Targeting" in report["content"] and "- **Geography:** Lithuania, Latvia" in report["content"]
    output = result.out + result.err
    assert "locked.pdf" in output and "encrypted with a password" in output
    assert "bomb.docx" in output and "unpacks to more than" in output
    assert result.code != 0


def test_an_unchanged_document_repository_costs_no_request(sync, double: MispDouble, tmp_path: Path) -> None:
    reports = document_repository(tmp_path / "reports")
    sync(str(reports), double=double)
    double.clear_log()
    sync(str(reports), double=double)
    assert double.writes() == []
