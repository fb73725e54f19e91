"""`misp-report convert` of a folder of PDFs, Word documents and saved pages: one event each, the report's text
as markdown in the event report; a bad document is one line on stderr and the others are still written."""

from __future__ import annotations

import json
from pathlib import Path

from report_renderings import encrypted_pdf, render_blog_page, render_docx, render_pdf, scanned_pdf, zip_bomb_docx

ADVISORY = (Path(__file__).resolve().parents[1] / "data" / "documents" / "fin7-baltics.txt").read_text()
BAD = {
    "locked.pdf": "encrypted with a password",
    "scan.pdf": "no text layer",
    "bomb.docx": "unpacks to more than",
    "broken.pdf": "text does not decode",
}


def test_convert_reads_documents_and_refuses_bad_ones_in_one_line(cli, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "advisory.txt").write_text(ADVISORY)
    (folder / "advisory.pdf").write_bytes(render_pdf(ADVISORY))
    (folder / "advisory.docx").write_bytes(render_docx(ADVISORY))
    (folder / "advisory-blog.html").write_bytes(render_blog_page(ADVISORY))
    (folder / "locked.pdf").write_bytes(encrypted_pdf())
    (folder / "scan.pdf").write_bytes(scanned_pdf())
    (folder / "bomb.docx").write_bytes(zip_bomb_docx())
    (folder / "broken.pdf").write_bytes(render_pdf(ADVISORY)[:500])

    result = cli("convert", folder, "-o", tmp_path / "events")

    assert result.code == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("misp-report: ") and "failed" not in line]
    assert len(errors) == len(BAD)
    for name, reason in BAD.items():
        assert any(name in line and reason in line for line in errors), (name, result.stderr)
    events = {p.stem: json.loads(p.read_text())["Event"] for p in (tmp_path / "events").glob("*.json")}
    # reports sharing a stem keep their suffix in the event file's name: none overwrites another
    assert set(events) == {"advisory.txt", "advisory.pdf", "advisory.docx", "advisory-blog"}

    def attributes(event: dict) -> set[tuple[str, str]]:
        return {(a["type"], a["value"]) for a in event["Attribute"]}

    for name in ("advisory.pdf", "advisory.docx", "advisory-blog"):
        assert attributes(events[name]) == attributes(events["advisory.txt"]), name


def test_each_format_of_one_report_gives_the_same_indicators(cli, tmp_path: Path) -> None:
    events = {}
    renderings = {"txt": ADVISORY.encode(), "pdf": render_pdf(ADVISORY), "docx": render_docx(ADVISORY)}
    for suffix, data in renderings.items():
        path = tmp_path / f"advisory.{suffix}"
        path.write_bytes(data)
        result = cli("convert", path)
        assert result.code == 0, result.stderr
        events[suffix] = result.event()
    attributes = {k: {(a["type"], a["value"], a["to_ids"]) for a in e["Attribute"]} for k, e in events.items()}
    assert attributes["pdf"] == attributes["txt"] == attributes["docx"]
    report = events["pdf"]["EventReport"][0]["content"]
    assert "# Threat Actor: FIN7" in report and "| svc_update.ps1 SHA256 |" in report
