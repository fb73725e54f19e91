"""`misp-report sync` end to end: the real PyMISP client against the MISP double, through the CLI."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from misp_double import Fault, MispDouble
from sync_helpers import DATA, DELTA, expected_event, live, only_the_key_check, soft_deleted, stored_event, tags


def test_first_sync_creates_every_event_as_converted(sync, double: MispDouble, reports: Path) -> None:
    result = sync(str(reports), double=double)
    assert result.code == 0, result.err
    files = sorted(p for p in reports.iterdir())
    assert len(double.model.events) == len(files)
    for path in files:
        wanted = expected_event(path, reports)
        stored = stored_event(double, wanted["uuid"])
        assert (stored["info"], live(stored), tags(stored)) == (wanted["info"], live(wanted), tags(wanted))
        assert [r["content"] for r in stored["EventReport"]] == [r["content"] for r in wanted["EventReport"]]
    assert [r.path for r in double.writes()] == ["/events/add"] * len(files)
    assert "created" in result.out and f"{len(files):>6}" in result.out


def test_a_second_sync_without_change_sends_only_the_key_check(sync, double: MispDouble, reports: Path) -> None:
    sync(str(reports), double=double)
    double.clear_log()
    result = sync(str(reports), double=double)
    assert result.code == 0
    assert only_the_key_check(double)


def test_edit_add_and_delete_reports_give_exactly_the_expected_events(sync, double, reports: Path) -> None:
    sync(str(reports), double=double)
    before = expected_event(reports / "alpha.txt", reports)
    shutil.copy(DATA / "edited" / "alpha.txt", reports / "alpha.txt")
    # a new report and a removed one (the same or a like text under a new name would be a rename: test_renamed_*)
    (reports / "delta.txt").write_text(DELTA)
    (reports / "charlie.txt").unlink()
    charlie_uuid = next(u for u, e in double.model.events.items() if "Charlie" in e["info"])
    double.clear_log()

    result = sync(str(reports), "--on-removed", "soft-delete", double=double)

    assert result.code == 0, result.err
    after = expected_event(reports / "alpha.txt", reports)
    assert live(before) - live(after), "the edited report must lose attributes for this test to mean anything"
    alpha = stored_event(double, after["uuid"])
    assert live(alpha) == live(after)
    assert soft_deleted(alpha) == live(before) - live(after)
    assert tags(alpha) == tags(after)
    assert [r["content"] for r in alpha["EventReport"] if not r["deleted"]] == [after["EventReport"][0]["content"]]
    delta = expected_event(reports / "delta.txt", reports)
    assert live(stored_event(double, delta["uuid"])) == live(delta)
    charlie = stored_event(double, charlie_uuid)
    assert live(charlie) == set() and soft_deleted(charlie)
    assert "misp-report:retired" in tags(charlie)
    assert len(double.model.events) == 4
    assert sorted(r.path.split("/")[2] for r in double.writes()) == ["add", "delete", "edit", "edit"]


def test_a_report_that_comes_back_gets_its_event_restored(sync, double, reports: Path, tmp_path: Path) -> None:
    sync(str(reports), double=double)
    kept = tmp_path / "charlie.txt"
    shutil.move(reports / "charlie.txt", kept)
    sync(str(reports), "--on-removed", "soft-delete", double=double)
    shutil.move(kept, reports / "charlie.txt")

    result = sync(str(reports), "--on-removed", "soft-delete", double=double)

    assert result.code == 0, result.err
    wanted = expected_event(reports / "charlie.txt", reports)
    stored = stored_event(double, wanted["uuid"])
    assert live(stored) == live(wanted) and soft_deleted(stored) == set()
    assert tags(stored) == tags(wanted)


def test_retire_policy_only_tags_and_keep_policy_writes_nothing(sync, double, reports: Path) -> None:
    sync(str(reports), double=double)
    wanted = expected_event(reports / "charlie.txt", reports)
    (reports / "charlie.txt").unlink()
    double.clear_log()
    assert sync(str(reports), "--on-removed", "keep", double=double).code == 0
    assert double.writes() == []
    assert sync(str(reports), "--on-removed", "retire", double=double).code == 0  # already retired: no-op
    assert double.writes() == []
    assert tags(stored_event(double, wanted["uuid"])) == tags(wanted)


def test_losing_the_state_creates_no_duplicate_and_no_write(sync, double, reports: Path, tmp_path) -> None:
    sync(str(reports), double=double)
    shutil.rmtree(tmp_path / "state")
    double.clear_log()
    result = sync(str(reports), double=double)
    assert result.code == 0
    assert len(double.model.events) == 3
    assert {r.path.split("/")[2] for r in double.writes()} == {"add"}  # each refused as existing: 404
    assert all(r.status == 404 for r in double.writes())


def test_dry_run_prints_the_changes_and_writes_nothing(sync, double, reports: Path, tmp_path: Path) -> None:
    sync(str(reports), double=double)
    shutil.copy(DATA / "edited" / "alpha.txt", reports / "alpha.txt")
    double.clear_log()
    result = sync(str(reports), "--dry-run", double=double)
    assert result.code == 0
    assert "would update alpha.txt" in result.err
    assert "remove attribute threat-actor 'Alpha Spider'" in result.err
    assert double.writes() == []
    assert sync(str(reports), double=double).out.count("updated") == 1  # the state was not touched


def test_publish_on_change_republishes_only_changed_events(sync, double, reports: Path) -> None:
    sync(str(reports), "--publish", "on-change", double=double)
    assert all(e["published"] for e in double.model.events.values())
    shutil.copy(DATA / "edited" / "alpha.txt", reports / "alpha.txt")
    double.clear_log()
    sync(str(reports), "--publish", "on-change", double=double)
    assert [r.path.split("/")[2] for r in double.writes()] == ["edit", "publish"]


def test_a_blocklisted_event_fails_with_the_way_out_and_the_others_go_on(sync, double, reports: Path) -> None:
    blocked = expected_event(reports / "alpha.txt", reports)["uuid"]
    double.model.blocklist[blocked] = {"event_uuid": blocked}
    result = sync(str(reports), double=double)
    assert result.code == 1
    assert "blocklist" in result.shown and f"delete_event_blocklist('{blocked}')" in result.shown
    assert len(double.model.events) == 2
    del double.model.blocklist[blocked]
    double.clear_log()
    assert sync(str(reports), double=double).code == 0  # the failed report is retried, only it
    assert [r.path for r in double.writes()] == ["/events/add"]


def test_transient_faults_are_retried_and_exhausted_retries_fail_only_that_report(sync, double, reports) -> None:
    double.inject(Fault(path="/events/add", status=503, times=1))
    double.inject(Fault(path="/events/add", reset=True, after=True, times=1))
    assert sync(str(reports), double=double).code == 0
    assert len(double.model.events) == 3

    shutil.copy(DATA / "edited" / "alpha.txt", reports / "alpha.txt")
    double.inject(Fault(path="/events/edit/", status=429, retry_after=0, times=0))
    result = sync(str(reports), double=double)
    assert result.code == 1
    assert "alpha.txt" in result.shown and "gave up after retries: MISP answered HTTP 429" in result.shown
    double.faults.clear()
    assert sync(str(reports), double=double).code == 0
    assert "updated" in sync(str(reports), double=double).out


def test_a_wrong_key_stops_the_run_with_one_clear_error(sync, double: MispDouble, reports: Path) -> None:
    result = sync(str(reports), double=double, key="wrong-key-0123456789")
    assert result.code == 1
    assert "cannot use MISP" in result.out and "Authentication failed" in result.out
    assert "refused the API key" in result.out and "MISP_KEY" in result.out and "{'name'" not in result.out
    assert "wrong-key-0123456789" not in result.out + result.err
    assert len(double.requests()) == 3  # PyMISP's constructor, once: not once per report


def test_secrets_never_reach_output_or_state(sync, double, reports: Path, tmp_path: Path) -> None:
    double.inject(Fault(path="/events/add", status=500, times=0))
    result = sync(str(reports), double=double)
    assert result.code == 1
    state = sqlite3.connect(tmp_path / "state" / "state.sqlite3").execute("SELECT * FROM delivery").fetchall()
    for text in (result.out, result.err, repr(state)):
        assert double.key not in text
