"""`sync` converts under the memory cap `convert` has: a PDF bomb pushed to the report repository (30 KB whose text
stream inflates to 30 million characters, about a gigabyte for MuPDF) fails its report in one line naming it, the
other reports sync, the event the report had in MISP is left as it was (never deleted or retired because the
report could not be converted), and the next run tries it again. The cap is lowered so the test needs little
memory; `--jobs 2` converts the bomb in a worker process, `--jobs 1` in the sync's own process."""

from __future__ import annotations

import resource
from pathlib import Path

import pymupdf
import pytest
from misp_double import MispDouble
from sync_helpers import edit_report, expected_event, live, stored_event

from misp_module.deliver import memory

PROSE = "The operators staged the loader on 198.51.100.7 and reached the victims' mail servers through it."
REFUSED = "notes.pdf: page 1 of the PDF needs more memory than a report may take"


def _pdf(path: Path, inflating: int = 0) -> Path:
    """A one-page advisory; with `inflating`, a text run of that many characters is added to its page."""
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((72, 72), PROSE, fontname="helv", fontsize=9)
    if inflating:
        contents = page.get_contents()[0]
        stream = document.xref_stream(contents) + b"\nBT /helv 1 Tf 10 10 Td (" + b"a" * inflating + b") Tj ET"
        document.update_stream(contents, stream)
    path.write_bytes(document.tobytes(deflate=True))
    return path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_pdf_bomb_fails_its_report_only_and_its_event_stays_in_misp(
    sync, double: MispDouble, reports: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    notes = _pdf(reports / "notes.pdf")
    assert sync(str(reports), "--jobs", jobs, double=double).code == 0
    event_uuid = expected_event(notes, reports)["uuid"]
    before = live(stored_event(double, event_uuid))
    assert ("ip-dst", "198.51.100.7") in before

    monkeypatch.setattr(memory, "BASE_BYTES", 200 * 1024 * 1024)
    _pdf(notes, inflating=30_000_000)  # the same report, now a bomb
    edited = edit_report(reports)  # and another report edited in the same push
    limits = resource.getrlimit(resource.RLIMIT_AS)

    for _ in range(2):  # a failed report is not recorded as delivered: the next run tries it again
        result = sync(str(reports), "--jobs", jobs, "--on-removed", "soft-delete", double=double)
        assert result.code == 1, result.out + result.err
        assert f"failed {REFUSED}" in result.err  # as it happened (stderr is no terminal here), and only there
        assert result.shown.count(REFUSED) == 1 and "  failed          1" in result.out, result.shown
        assert "Traceback" not in result.shown
        stored = stored_event(double, event_uuid)
        assert live(stored) == before  # nothing of the event was deleted or retired
        assert not any(tag["name"] == "misp-report:retired" for tag in stored.get("Tag", []))
        assert resource.getrlimit(resource.RLIMIT_AS) == limits
    assert ("ip-dst", "203.0.113.20") in live(stored_event(double, edited["uuid"]))  # the other report synced
