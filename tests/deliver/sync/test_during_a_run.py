"""What analysts do in MISP while a sync run is writing: an edit between the sync's read of an event and its
write, a publish in that moment, and an API user whose role or organisation may not edit the events (a
second sync run on another machine at the same time: test_two_machines.py). The real PyMISP client as the
sync and as the analyst, against the MISP double.

MISP refuses an event edit whose `timestamp` is not newer than its copy (07-timestamp-conflict.json): the
sync sends the time of its read, so an edit made in MISP after the read turns its write into a refusal,
and it reads and merges again instead of overwriting what it did not see.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from misp_double import Fault, LoggedRequest, MispDouble
from sync_helpers import (
    HOSTNAME,
    MORE,
    NEW_IP,
    analyst,
    append,
    attribute,
    attribute_uuid_of,
    edit_report,
    expected_event,
    first_sync,
    live,
    ok,
    stored_event,
    tags,
)

ANALYSTS_TITLE = "Alpha Spider: invoice wave (triage in progress)"


def after_the_syncs_read(double: MispDouble, event_uuid: str, action: Callable[[], Any]) -> list[int]:
    """Run `action` (an analyst's edit) once, right after MISP answered the sync's read of the event and
    before the sync gets the answer: the edit falls between the sync's read and its write, a moment later
    on MISP's clock (two seconds: MISP's timestamps count seconds)."""
    done: list[int] = []
    later = [0]
    double.model.clock = lambda: int(time.time()) + later[0]

    def hook(entry: LoggedRequest) -> None:
        if not done and entry.user == "sync" and entry.path == f"/events/view/{event_uuid}":
            done.append(1)
            later[0] = 2
            action()

    double.on_request = hook
    return done


def test_an_edit_made_between_the_syncs_read_and_its_write_is_not_overwritten(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    append(reports, MORE)  # the report changes elsewhere: a new indicator
    misp = analyst(double)
    hostname = attribute_uuid_of(event, *HOSTNAME)

    def analysts_edit() -> None:
        ok(misp.update_event({"info": ANALYSTS_TITLE}, event_id=event["uuid"]))
        ok(misp.update_attribute({"comment": "sinkholed on Monday"}, hostname))

    done = after_the_syncs_read(double, event["uuid"], analysts_edit)
    double.clear_log()

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    assert done, "the analyst's edit must have run during the sync"
    stored = stored_event(double, event["uuid"])
    assert stored["info"] == ANALYSTS_TITLE, "the sync must not write back the title it read before the edit"
    assert attribute(stored, *HOSTNAME)["comment"] == "sinkholed on Monday"
    assert ("ip-dst", "198.51.100.99") in live(stored)
    assert "was published" not in result.out, "nobody published it"
    edits = [r.status for r in double.writes() if r.path.startswith("/events/edit/")]
    assert edits == [403, 200], "MISP refuses the write made on the stale read; the sync reads and merges again"
    double.on_request = None
    double.clear_log()
    assert sync(str(reports), double=double).code == 0 and double.writes() == []


def test_a_title_the_analyst_sets_during_the_run_wins_over_the_reports_new_one(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    after = edit_report(reports)  # the report retitles the event too
    assert after["info"] != event["info"]
    misp = analyst(double)
    after_the_syncs_read(
        double, event["uuid"], lambda: ok(misp.update_event({"info": ANALYSTS_TITLE}, event_id=event["uuid"]))
    )

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, event["uuid"])
    assert stored["info"] == ANALYSTS_TITLE and NEW_IP in live(stored)
    assert "event info" in result.err and "analyst's value stays" in result.err, result.err


def test_an_event_published_during_the_run_is_said_to_be_unpublished(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    edit_report(reports)
    misp = analyst(double)
    after_the_syncs_read(double, event["uuid"], lambda: ok(misp.publish(event["uuid"])))

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    assert stored_event(double, event["uuid"])["published"] is False  # MISP unpublishes on every edit (08)
    assert "was published" in result.err and "publish it again" in result.err, result.err


def test_the_sync_writes_its_reads_time_as_the_event_timestamp(sync, double, reports) -> None:
    """The guard is MISP's own clock at the read (its Date header), never a time that moves the event's
    timestamp backwards."""
    event = first_sync(sync, double, reports)
    append(reports, MORE)
    double.clear_log()
    assert sync(str(reports), double=double).code == 0
    edit = next(r for r in double.writes() if r.path.startswith("/events/edit/"))
    assert int(edit.body["timestamp"]) > int(event["timestamp"])
    assert int(stored_event(double, event["uuid"])["timestamp"]) >= int(event["timestamp"])


def test_an_event_edited_during_every_attempt_fails_clearly_and_the_next_run_delivers(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    after = edit_report(reports)
    misp = analyst(double)
    shift = [0]
    double.model.clock = lambda: int(time.time()) + shift[0]

    def busy(entry: LoggedRequest) -> None:  # an analyst saving the event after each of the sync's reads
        if entry.user == "sync" and entry.path == f"/events/view/{event['uuid']}":
            shift[0] += 2
            ok(misp.update_event({"info": f"{ANALYSTS_TITLE} {shift[0]}"}, event_id=event["uuid"]))

    double.on_request = busy

    result = sync(str(reports), double=double)

    assert result.code == 1
    assert "alpha.txt" in result.shown and "edited in MISP during each" in result.shown, result.shown
    assert "next run tries again" in result.shown
    stored = stored_event(double, event["uuid"])
    assert stored["info"].startswith(ANALYSTS_TITLE) and NEW_IP not in live(stored), "nothing of a stale merge"
    double.on_request = None
    assert sync(str(reports), double=double).code == 0
    stored = stored_event(double, event["uuid"])
    assert stored["info"].startswith(ANALYSTS_TITLE) and live(after) <= live(stored)


def test_an_api_user_that_may_not_edit_the_events_fails_clearly_loses_nothing_and_the_next_run_retries(
    sync, double, reports
) -> None:
    event = first_sync(sync, double, reports)
    misp = analyst(double)
    double.model.permissions.perm_modify = False  # the sync's role lost perm_modify (or the event changed org)
    after = edit_report(reports)
    (reports / "delta.txt").write_text((reports / "charlie.txt").read_text().replace("Charlie", "Delta"))
    before = stored_event(double, event["uuid"])

    result = sync(str(reports), double=double)

    assert result.code == 1
    assert "alpha.txt" in result.shown and "delta.txt" in result.shown, result.shown
    assert result.shown.count("may not write this event") == 2 and "perm_modify" in result.shown, result.shown
    assert stored_event(double, event["uuid"]) == before, "a refused edit changes nothing"
    double.model.permissions.perm_modify = True  # the admin fixes the role; an analyst works meanwhile
    ok(misp.update_event({"info": ANALYSTS_TITLE}, event_id=event["uuid"]))

    again = sync(str(reports), double=double)

    assert again.code == 0, again.out
    stored = stored_event(double, event["uuid"])
    assert live(after) <= live(stored) and stored["info"] == ANALYSTS_TITLE
    assert len(double.model.events) == 4
    double.clear_log()
    assert sync(str(reports), double=double).code == 0 and double.writes() == []


def test_a_retire_does_not_overwrite_an_edit_made_between_its_read_and_its_write(sync, double, reports) -> None:
    first_sync(sync, double, reports)
    charlie = expected_event(reports / "charlie.txt", reports)["uuid"]
    (reports / "charlie.txt").unlink()
    misp = analyst(double)
    after_the_syncs_read(double, charlie, lambda: ok(misp.update_event({"info": ANALYSTS_TITLE}, event_id=charlie)))

    result = sync(str(reports), "--on-removed", "soft-delete", double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, charlie)
    assert stored["info"] == ANALYSTS_TITLE and "misp-report:retired" in tags(stored)
    assert live(stored) == set(), "the retire's own removals land after merging again"


def test_an_edit_whose_answer_is_lost_is_refused_on_retry_and_counted_once(sync, double, reports) -> None:
    """MISP wrote the edit but the connection dropped before its answer: the retried edit carries the same
    timestamp, MISP refuses it as not newer, and the sync finds its own write there (MISP holds that
    timestamp): updated, nothing written twice."""
    event = first_sync(sync, double, reports)
    after = edit_report(reports)
    double.inject(Fault(path=f"/events/edit/{event['uuid']}", after=True, reset=True))
    double.clear_log()

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    assert [r.status for r in double.writes() if r.path.startswith("/events/edit/")] == [200, 403]
    assert "updated         1" in result.out, result.out
    stored = stored_event(double, event["uuid"])
    assert live(stored) == live(after)
    double.clear_log()
    assert sync(str(reports), double=double).code == 0 and double.writes() == []


def test_the_same_change_made_by_an_analyst_during_the_run_is_not_made_twice(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    edit_report(reports)  # the report's new C2 address
    misp = analyst(double)
    after_the_syncs_read(
        double, event["uuid"], lambda: ok(misp.add_attribute(event["uuid"], {"type": NEW_IP[0], "value": NEW_IP[1]}))
    )

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, event["uuid"])
    assert len([a for a in stored["Attribute"] if (a["type"], a["value"]) == NEW_IP and not a["deleted"]]) == 1
    assert [r.status for r in double.writes() if r.path.startswith("/events/edit/")] == [403, 200]
    assert "kept 1 analyst change" in result.out, result.out
