"""A report renamed and edited in one run on a folder (no git to say it was a rename) keeps its event when the
run makes the pairing plain: one gone report, one new one, most of the same indicators and clusters and much
of the same title. A pairing that is not plain is refused, naming the reports and the front matter `id` that
settles it; nothing is written and nothing retired until then. A renamed report whose first conversion fails
keeps the gone path's event and record for the run that converts it. The real PyMISP client as the sync and as
an analyst, against the MISP double.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter
from pathlib import Path

from misp_double import MispDouble
from sync_helpers import (
    ANALYSTS_TAG,
    DATA,
    DELTA,
    HOSTNAME,
    NEW_IP,
    RETIRED,
    analyst,
    attribute_uuid_of,
    expected_event,
    git,
    live,
    ok,
    stored_event,
)
from test_renamed_reports import analysts_work, assert_same_event_with_the_analysts_work

from misp_module.build.identity import event_uuid
from misp_module.deliver.sync import conversion

RETIRE = ("--on-removed", "retire")


def rename_and_edit(reports: Path, to: str) -> Path:
    """The author files alpha.txt under a new name and rewrites it in the same sitting (the edited version:
    a new C2 address, the hash gone, the summary and the actor's name reworded)."""
    target = reports / to
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / "edited" / "alpha.txt", target)
    (reports / "alpha.txt").unlink()
    return target


def alpha_synced(sync, double: MispDouble, reports: Path) -> dict:
    assert sync(str(reports), *RETIRE, double=double).code == 0
    event = stored_event(double, expected_event(reports / "alpha.txt", reports)["uuid"])
    analysts_work(double, event)
    return event


def test_a_report_renamed_and_edited_in_a_folder_keeps_its_event(sync, double, reports: Path) -> None:
    event = alpha_synced(sync, double, reports)
    rename_and_edit(reports, "2025/alpha-second-wave.txt")

    dry = sync(str(reports), *RETIRE, "--dry-run", double=double)
    result = sync(str(reports), *RETIRE, double=double)

    assert result.code == 0, result.shown
    for run in (dry, result):
        assert "taken as alpha.txt renamed and edited" in run.err and "front matter `id`" in run.err, run.shown
        assert "alpha.txt -> 2025/alpha-second-wave.txt" in run.out, run.out
    stored = assert_same_event_with_the_analysts_work(double, event["uuid"], 3)
    assert NEW_IP in live(stored), "the edit lands in the same event"
    double.clear_log()
    assert sync(str(reports), *RETIRE, double=double).code == 0 and double.writes() == [], "the pairing is kept"


def test_a_new_report_unlike_the_gone_one_is_a_new_event(sync, double, reports: Path) -> None:
    """A report deleted and an unrelated one written in the same run: no pairing, the gone one is retired."""
    event = alpha_synced(sync, double, reports)
    (reports / "alpha.txt").unlink()
    (reports / "delta.txt").write_text(DELTA)

    result = sync(str(reports), *RETIRE, double=double)

    assert result.code == 0, result.shown
    assert "renamed and edited" not in result.err and len(double.model.events) == 4
    assert RETIRED in {t["name"] for t in stored_event(double, event["uuid"])["Tag"]}


def test_a_report_renamed_into_two_edited_copies_is_refused_until_an_id_says_which_keeps_the_event(
    sync, double, reports: Path
) -> None:
    event = alpha_synced(sync, double, reports)
    original = (reports / "alpha.txt").read_text()
    first = rename_and_edit(reports, "alpha-wave-2.txt")
    second = reports / "alpha-wave-1.txt"
    second.write_text(original + "\nThe loader was also seen on 198.51.100.99.\n")
    before = stored_event(double, event["uuid"])

    for jobs in ("2", "1"):  # refused on every run (converted on worker processes or not): nothing written
        result = sync(str(reports), *RETIRE, "--jobs", jobs, double=double)
        assert result.code == 1, result.shown
        for name in (first.name, second.name):
            line = next(line for line in result.shown.splitlines() if name in line and "failed" in line)
            assert "it is like alpha.txt, which is gone" in line and "`id: alpha.txt`" in line, line
        assert "alpha.txt: not retired" in result.shown, result.shown
        assert stored_event(double, event["uuid"]) == before and len(double.model.events) == 3

    first.write_text("---\nid: alpha.txt\n---\n" + first.read_text())  # the way out the refusal names
    second.write_text("---\nid: alpha-wave-1\n---\n" + second.read_text())
    result = sync(str(reports), *RETIRE, double=double)

    assert result.code == 0, result.shown
    stored = assert_same_event_with_the_analysts_work(double, event["uuid"], 4)
    assert NEW_IP in live(stored)
    assert ("ip-dst", "198.51.100.99") in live(stored_event(double, str(event_uuid("alpha-wave-1"))))


def test_a_report_renamed_and_edited_keeps_its_event_in_a_feed_too(sync, reports: Path, tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    assert sync(str(reports), "--feed-dir", str(feed), *RETIRE).code == 0
    events = sorted(p.name for p in feed.glob("*-*.json"))
    rename_and_edit(reports, "alpha-second-wave.txt")

    result = sync(str(reports), "--feed-dir", str(feed), *RETIRE)

    assert result.code == 0, result.shown
    assert sorted(p.name for p in feed.glob("*-*.json")) == events, "no new event file"
    alpha = expected_event(DATA / "reports" / "alpha.txt", DATA / "reports")["uuid"]
    assert "203.0.113.20" in (feed / f"{alpha}.json").read_text(), "the edit lands in the same event"
    assert RETIRED not in (feed / "manifest.json").read_text()


BAD_DATE = "---\ndate: 2025-02-30\n---\n"


def test_a_renamed_report_whose_first_conversion_fails_keeps_its_event_and_record(
    sync, double, repository: Path
) -> None:
    """Moved with an edit that breaks it (an impossible date), fixed in the next commit: the event is not
    retired meanwhile, and the record of what the sync wrote stays, so an indicator the analyst hard-deleted
    (which MISP keeps no trace of) is not written again."""
    assert sync(str(repository), "--git", *RETIRE, double=double).code == 0
    event = stored_event(double, expected_event(repository / "reports" / "alpha.txt", repository)["uuid"])
    misp = analyst(double)
    ok(misp.tag(event["uuid"], ANALYSTS_TAG))
    ok(misp.delete_attribute(attribute_uuid_of(event, *HOSTNAME), hard=True))
    git(repository, "mv", "reports/alpha.txt", "reports/alpha-2025.txt")
    moved = repository / "reports" / "alpha-2025.txt"
    text = moved.read_text()
    moved.write_text(BAD_DATE + text)
    git(repository, "commit", "-q", "-am", "File alpha under 2025")

    broken = sync(str(repository), "--git", *RETIRE, double=double)

    assert broken.code == 1 and "alpha-2025.txt" in broken.shown, broken.shown
    assert RETIRED not in {t["name"] for t in stored_event(double, event["uuid"])["Tag"]}, "not retired meanwhile"
    moved.write_text(text + "\nThe loader was also seen on 203.0.113.20.\n")
    git(repository, "commit", "-q", "-am", "Fix the date")

    result = sync(str(repository), "--git", *RETIRE, double=double)

    assert result.code == 0, result.shown
    stored = stored_event(double, event["uuid"])
    assert len(double.model.events) == 3 and NEW_IP in live(stored)
    assert ANALYSTS_TAG in {t["name"] for t in stored["Tag"]} and RETIRED not in {t["name"] for t in stored["Tag"]}
    assert HOSTNAME not in live(stored), "the analyst's hard delete stays: the record came with the rename"
    assert "no delivery record" not in result.shown, result.shown


def test_a_state_saved_before_sketches_pairs_by_the_delivery_record(sync, double, reports: Path, tmp_path) -> None:
    """The first run after an upgrade: the state has no sketch yet; the misp sink's record gives the same."""
    event = alpha_synced(sync, double, reports)
    with sqlite3.connect(tmp_path / "state" / "state.sqlite3") as db:
        db.execute("UPDATE delivery SET sketch = ''")
    rename_and_edit(reports, "alpha-second-wave.txt")

    result = sync(str(reports), *RETIRE, double=double)

    assert result.code == 0, result.shown
    assert "taken as alpha.txt renamed and edited" in result.err, result.shown
    assert NEW_IP in live(assert_same_event_with_the_analysts_work(double, event["uuid"], 3))


def test_a_report_deleted_and_added_back_rewritten_in_two_commits_keeps_its_event(sync, double, repository) -> None:
    """git names no rename across two commits (a deletion, then a new file): the likeness pairs them, the
    commit records (which change with every commit) counting for nothing."""
    assert sync(str(repository), "--git", *RETIRE, double=double).code == 0
    event = stored_event(double, expected_event(repository / "reports" / "alpha.txt", repository)["uuid"])
    analysts_work(double, event)
    git(repository, "rm", "-q", "reports/alpha.txt")
    git(repository, "commit", "-q", "-m", "Withdraw alpha for a rewrite")
    shutil.copy(DATA / "edited" / "alpha.txt", repository / "reports" / "alpha-rewritten.txt")
    git(repository, "add", ".")
    git(repository, "commit", "-q", "-m", "Alpha, rewritten")

    result = sync(str(repository), "--git", *RETIRE, double=double)

    assert result.code == 0, result.shown
    assert "taken as reports/alpha.txt renamed and edited" in result.err, result.shown
    stored = assert_same_event_with_the_analysts_work(double, event["uuid"], 3)
    assert NEW_IP in live(stored)


def test_a_gone_report_with_a_front_matter_id_is_not_paired_by_likeness(sync, double, reports: Path) -> None:
    """Its event follows its `id`, wherever a report with that id appears: a like report without it is new."""
    alpha = reports / "alpha.txt"
    alpha.write_text("---\nid: alpha-id\n---\n" + alpha.read_text())
    assert sync(str(reports), *RETIRE, double=double).code == 0
    alpha.unlink()
    shutil.copy(DATA / "edited" / "alpha.txt", reports / "alpha-rewritten.txt")

    result = sync(str(reports), *RETIRE, double=double)

    assert result.code == 0, result.shown
    assert "renamed and edited" not in result.shown and len(double.model.events) == 4
    assert RETIRED in {t["name"] for t in stored_event(double, str(event_uuid("alpha-id")))["Tag"]}


def test_a_new_report_left_unpaired_is_converted_once_and_delivered_as_any_new_report(
    sync, double, reports: Path, monkeypatch
) -> None:
    """A run where a report is renamed and edited and another one is new: the new report's conversion for the
    pairing is its delivery's too (one conversion, not two); the renamed one is converted again with the gone
    path as its origin, which its UUIDs derive from. What is written is what a lone conversion gives."""
    event = alpha_synced(sync, double, reports)
    rename_and_edit(reports, "alpha-second-wave.txt")
    (reports / "delta.txt").write_text(DELTA)
    conversions: Counter[str] = Counter()
    real = conversion.convert_bytes

    def counted(data: bytes, **kwargs):
        conversions[Path(kwargs["name"]).name] += 1
        return real(data, **kwargs)

    monkeypatch.setattr(conversion, "convert_bytes", counted)
    result = sync(str(reports), *RETIRE, "--jobs", "1", double=double)

    assert result.code == 0, result.shown
    assert conversions == {"delta.txt": 1, "alpha-second-wave.txt": 2}
    assert "taken as alpha.txt renamed and edited" in result.err, result.shown
    delta = expected_event(reports / "delta.txt", reports)
    stored = stored_event(double, delta["uuid"])
    assert live(stored) == {(a["type"], a["value"]) for a in delta["Attribute"]}
    assert {t["name"] for t in stored["Tag"]} >= {t["name"] for t in delta["Tag"]}
    assert_same_event_with_the_analysts_work(double, event["uuid"], 4)  # the three samples and delta
