"""A report renamed or moved in the repository is the same report: its event, and the analysts' work in it,
stay; nothing is retired and no second event is made. Without a front matter `id` the report's identity is its
path, so the sync recognises the move: the gone path of the same content, or the earlier path git names for
it (moved and edited in one commit). The real PyMISP client as the sync and as an analyst, against the MISP
double; folders and git clones as analysts' teams keep them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from misp_double import MispDouble
from sync_helpers import (
    ANALYSTS_TAG,
    HOSTNAME,
    NEW_IP,
    RETIRED,
    analyst,
    attribute_uuid_of,
    expected_event,
    git,
    live,
    ok,
    soft_deleted,
    stored_event,
    tags,
)

from misp_module.build.identity import event_uuid


def analysts_work(double: MispDouble, event: dict) -> None:
    """What analysts did in the event: a tag of theirs, a false positive deleted."""
    misp = analyst(double)
    ok(misp.tag(event["uuid"], ANALYSTS_TAG))
    ok(misp.delete_attribute(attribute_uuid_of(event, *HOSTNAME)))


def assert_same_event_with_the_analysts_work(double: MispDouble, event_uuid: str, events: int) -> dict:
    assert len(double.model.events) == events, "a renamed report makes no second event"
    stored = stored_event(double, event_uuid)
    assert ANALYSTS_TAG in tags(stored) and RETIRED not in tags(stored)
    assert HOSTNAME in soft_deleted(stored) and HOSTNAME not in live(stored), "the analyst's deletion stays"
    return stored


@pytest.mark.parametrize("on_removed", ["keep", "retire", "soft-delete"])
def test_a_report_renamed_in_a_folder_keeps_its_event(sync, double, reports: Path, on_removed: str) -> None:
    policy = ("--on-removed", on_removed)
    assert sync(str(reports), *policy, double=double).code == 0
    event = stored_event(double, expected_event(reports / "alpha.txt", reports)["uuid"])
    analysts_work(double, event)
    (reports / "2025").mkdir()
    (reports / "alpha.txt").rename(reports / "2025" / "alpha-invoice-lures.txt")

    dry = sync(str(reports), *policy, "--dry-run", double=double)
    result = sync(str(reports), *policy, double=double)

    assert result.code == 0, result.shown
    for run in (dry, result):
        assert "retire" not in run.err and re.search(r"retired +0\n", run.out), run.shown
    move = "its event: alpha.txt -> 2025/alpha-invoice-lures.txt"
    assert f"1 report moved or renamed would keep {move}" in dry.out and f"renamed kept {move}" in result.out
    assert_same_event_with_the_analysts_work(double, event["uuid"], 3)
    double.clear_log()  # the rename is remembered: the next runs are unchanged, and so is an edit's event
    assert sync(str(reports), *policy, double=double).code == 0 and double.writes() == []
    moved = reports / "2025" / "alpha-invoice-lures.txt"
    moved.write_text(moved.read_text() + "\nThe loader was also seen on 203.0.113.20.\n")
    assert sync(str(reports), *policy, double=double).code == 0
    stored = assert_same_event_with_the_analysts_work(double, event["uuid"], 3)
    assert NEW_IP in live(stored)


def test_a_report_moved_twice_keeps_its_first_event(sync, double, reports: Path) -> None:
    assert sync(str(reports), "--on-removed", "retire", double=double).code == 0
    event = stored_event(double, expected_event(reports / "alpha.txt", reports)["uuid"])
    analysts_work(double, event)
    (reports / "alpha.txt").rename(reports / "alpha-2025.txt")
    assert sync(str(reports), "--on-removed", "retire", double=double).code == 0
    (reports / "archive").mkdir()
    (reports / "alpha-2025.txt").rename(reports / "archive" / "alpha.txt")

    result = sync(str(reports), "--on-removed", "retire", double=double)

    assert result.code == 0, result.shown
    assert_same_event_with_the_analysts_work(double, event["uuid"], 3)


def test_a_copy_is_a_report_of_its_own(sync, double, reports: Path) -> None:
    """Both paths listed: two reports (the author may edit them apart), two events."""
    assert sync(str(reports), double=double).code == 0
    shutil.copy(reports / "alpha.txt", reports / "alpha-copy.txt")
    assert sync(str(reports), double=double).code == 0
    assert len(double.model.events) == 4


def test_a_new_report_at_the_old_path_is_refused_clearly(sync, double, reports: Path) -> None:
    """The renamed report holds the event of the old path: a new report written there cannot have it too."""
    assert sync(str(reports), double=double).code == 0
    event_uuid = expected_event(reports / "alpha.txt", reports)["uuid"]
    (reports / "alpha.txt").rename(reports / "alpha-old.txt")
    assert sync(str(reports), double=double).code == 0
    (reports / "alpha.txt").write_text((reports / "charlie.txt").read_text().replace("Charlie", "Delta"))
    before = stored_event(double, event_uuid)

    result = sync(str(reports), double=double)

    assert result.code == 1
    refusal = next(line for line in result.shown.splitlines() if "alpha.txt" in line and "failed" in line)
    assert "alpha-old.txt was renamed from this path" in refusal and "front matter" in refusal, refusal
    assert stored_event(double, event_uuid) == before and len(double.model.events) == 3
    text = (reports / "alpha.txt").read_text()
    (reports / "alpha.txt").write_text("---\nid: reports/delta\n---\n" + text)  # the way out it names
    assert sync(str(reports), double=double).code == 0 and len(double.model.events) == 4


def test_a_report_moved_and_edited_in_one_commit_keeps_its_event(sync, double, repository: Path) -> None:
    assert sync(str(repository), "--git", "--on-removed", "retire", double=double).code == 0
    old = repository / "reports" / "alpha.txt"
    event = stored_event(double, expected_event(old, repository)["uuid"])
    analysts_work(double, event)
    (repository / "reports" / "2025").mkdir()
    git(repository, "mv", "reports/alpha.txt", "reports/2025/alpha-invoice-lures.txt")
    moved = repository / "reports" / "2025" / "alpha-invoice-lures.txt"
    moved.write_text(moved.read_text() + "\nThe loader was also seen on 203.0.113.20.\n")
    git(repository, "commit", "-q", "-am", "File the alpha report under 2025, with the new C2")

    result = sync(str(repository), "--git", "--on-removed", "retire", double=double)

    assert result.code == 0, result.shown
    assert "retire" not in result.err
    stored = assert_same_event_with_the_analysts_work(double, event["uuid"], 3)
    assert NEW_IP in live(stored), "the edit made with the move lands"
    commits = [a["value"] for a in stored["Attribute"] if a["type"] == "git-commit-id" and not a["deleted"]]
    assert commits == [git(repository, "rev-parse", "HEAD")]


def test_a_report_moved_twice_between_two_syncs_in_git_keeps_its_event(sync, double, repository: Path) -> None:
    assert sync(str(repository), "--git", "--on-removed", "retire", double=double).code == 0
    event = stored_event(double, expected_event(repository / "reports" / "alpha.txt", repository)["uuid"])
    analysts_work(double, event)
    git(repository, "mv", "reports/alpha.txt", "reports/alpha-draft.txt")
    git(repository, "commit", "-q", "-m", "Draft")
    (repository / "reports" / "2025").mkdir()
    git(repository, "mv", "reports/alpha-draft.txt", "reports/2025/alpha.txt")
    git(repository, "rm", "-q", "reports/charlie.txt")  # deleted for real: retired
    git(repository, "commit", "-q", "-m", "Final; charlie withdrawn")

    result = sync(str(repository), "--git", "--on-removed", "retire", double=double)

    assert result.code == 0, result.shown
    assert_same_event_with_the_analysts_work(double, event["uuid"], 3)
    assert RETIRED in tags(stored_event(double, str(event_uuid("reports/charlie.txt")))), "a deletion is retired"


def test_a_renamed_report_keeps_its_event_in_a_feed_too(sync, reports: Path, tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    assert sync(str(reports), "--feed-dir", str(feed), "--on-removed", "retire").code == 0
    before = {p.name: p.read_bytes() for p in feed.iterdir()}
    (reports / "alpha.txt").rename(reports / "alpha-renamed.txt")

    result = sync(str(reports), "--feed-dir", str(feed), "--on-removed", "retire")

    assert result.code == 0, result.shown
    assert {p.name: p.read_bytes() for p in feed.iterdir()} == before, "the same events, untouched"


def test_a_report_renamed_in_the_run_of_an_upgrade_keeps_its_event(sync, double, reports: Path, tmp_path) -> None:
    """A new setting (as an upgrade) has every report converted again in the run that also sees the move: the
    move is still found by the report's content alone."""
    assert sync(str(reports), "--on-removed", "retire", double=double).code == 0
    event = stored_event(double, expected_event(reports / "alpha.txt", reports)["uuid"])
    analysts_work(double, event)
    (reports / "alpha.txt").rename(reports / "alpha-renamed.txt")
    config = tmp_path / "sync.yaml"  # the sync fixture's config file
    config.write_text('tags: ["source:cti-team"]\n' + config.read_text())

    result = sync(str(reports), "--on-removed", "retire", double=double)

    assert result.code == 0, result.shown
    stored = assert_same_event_with_the_analysts_work(double, event["uuid"], 3)
    assert "source:cti-team" in tags(stored), "the new setting reached the event"
