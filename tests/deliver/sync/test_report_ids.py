"""A report's front matter `id` is its event: moved to another folder it keeps its event (not retired, and
the record of what the sync wrote moves with it); two reports of one id never share or fight over an event."""

from __future__ import annotations

from pathlib import Path

from misp_double import MispDouble
from sync_helpers import analyst, attribute_uuid_of, expected_event, live, soft_deleted, stored_event, tags

NOTE = """---
id: notes/2025-03-invoice-wave
title: Invoice-themed phishing wave against logistics firms
---
# Invoice-themed phishing wave against logistics firms

The operators sent invoice lures from billing@invoice-portal-example.com and staged the payload at
hxxps://cdn-invoice-portal[.]example[.]net/inv.zip; the loader then beaconed to 198.51.100.77.
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_moved_report_keeps_its_event_and_the_analysts_work(sync, double: MispDouble, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    note = write(reports / "inbox" / "note.md", NOTE)
    assert sync(str(reports), "--on-removed", "soft-delete", double=double).code == 0
    event_uuid = expected_event(note, reports)["uuid"]
    stored = stored_event(double, event_uuid)
    wrong = attribute_uuid_of(stored, "ip-dst", "198.51.100.77")
    analyst(double).delete_attribute(wrong)  # an analyst's decision: a false positive

    note.unlink()
    moved = write(reports / "2025" / "note.md", NOTE + "\nA second wave followed a week later.\n")
    result = sync(str(reports), "--on-removed", "soft-delete", double=double)

    assert result.code == 0, result.out + result.err
    assert "retired" not in result.err and "soft-delete" not in result.err
    event = stored_event(double, event_uuid)
    assert expected_event(moved, reports)["uuid"] == event_uuid and len(double.model.events) == 1
    assert ("ip-dst", "198.51.100.77") in soft_deleted(event)  # the record moved: the decision stays
    assert ("url", "https://cdn-invoice-portal.example.net/inv.zip") in live(event)
    assert not any("retired" in t for t in tags(event))
    writes = len(double.writes())
    assert sync(str(reports), "--on-removed", "soft-delete", double=double).code == 0
    assert len(double.writes()) == writes


def test_two_reports_of_one_id_the_second_is_refused_every_run(sync, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    write(reports / "a.md", NOTE)
    write(reports / "b.md", NOTE.replace("logistics", "shipping"))
    feed = tmp_path / "feed"
    for _ in range(2):
        result = sync(str(reports), "--feed-dir", str(feed))
        assert result.code == 1
        refusals = [line for line in result.shown.splitlines() if "b.md" in line and "failed" in line]
        assert refusals and "the event of a.md already" in refusals[0] and "own id" in refusals[0]
        events = [p for p in feed.glob("*.json") if p.name != "manifest.json"]
        assert len(events) == 1 and "logistics" in events[0].read_text() and "shipping" not in events[0].read_text()


def test_an_id_added_to_a_synced_report_is_refused_with_the_id_that_keeps_its_event(
    sync, double: MispDouble, tmp_path: Path
) -> None:
    """Before: the id gave the report a second event (with a false "deleted in MISP" warning) and left the
    first one, with the analysts' work, where no run touched it again."""
    reports = tmp_path / "reports"
    note = write(reports / "note.md", NOTE.split("---\n", 2)[2])  # the same note without front matter
    assert sync(str(reports), "--on-removed", "retire", double=double).code == 0
    event_uuid = expected_event(note, reports)["uuid"]
    analyst(double).tag(event_uuid, 'workflow:state="complete"')
    before = stored_event(double, event_uuid)
    write(note, "---\nid: cti/invoice-wave\n---\n" + note.read_text())

    for _ in range(2):
        result = sync(str(reports), "--on-removed", "retire", double=double)
        assert result.code == 1
        refusal = next(line for line in result.shown.splitlines() if "failed" in line and "note.md" in line)
        assert "front matter id gives it another event" in refusal and "`id: note.md`" in refusal, refusal
        assert len(double.model.events) == 1 and stored_event(double, event_uuid) == before

    write(note, note.read_text().replace("id: cti/invoice-wave", "id: note.md"))  # the way out it names
    result = sync(str(reports), "--on-removed", "retire", double=double)
    assert result.code == 0, result.shown
    assert len(double.model.events) == 1 and 'workflow:state="complete"' in tags(stored_event(double, event_uuid))


def test_a_new_id_in_a_new_file_makes_a_new_event_and_retires_the_old(sync, double: MispDouble, tmp_path) -> None:
    reports = tmp_path / "reports"
    note = write(reports / "note.md", NOTE.split("---\n", 2)[2])
    assert sync(str(reports), "--on-removed", "retire", double=double).code == 0
    old = expected_event(note, reports)["uuid"]
    write(reports / "invoice-wave.md", "---\nid: cti/invoice-wave\n---\n" + note.read_text())
    note.unlink()

    result = sync(str(reports), "--on-removed", "retire", double=double)

    assert result.code == 0, result.shown
    assert len(double.model.events) == 2 and "misp-report:retired" in tags(stored_event(double, old))
