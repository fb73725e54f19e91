"""Two machines syncing the same reports into one MISP at the same time: two `misp-report sync` processes,
each with its own state folder, against the MISP double.

MISP 2.5 guards an event edit with the event `timestamp` only (07-timestamp-conflict.json): an edit whose
timestamp is not newer than MISP's copy is refused, and an accepted edit stores the timestamp it sent. The
sync sends the time of its read (MISP's Date header), so:

- both runs read in the same second: their edits carry the same timestamp; the first lands and MISP refuses
  the second, which reads and merges again (nothing left to write);
- the second run's read is answered a second or more after the first's (a loaded machine starts it late)
  and the earlier reader's edit lands first: the later reader's timestamp is newer than the one MISP now
  holds, so MISP takes its edit too, made on a copy that did not show the first write. Both runs wrote the
  same report, so the second edit sends what MISP holds already: nothing is doubled and nothing an analyst
  did is undone (an analyst's edit gets MISP's clock at that moment, never older than a later read).

MISP's own check is no stronger: Event::_edit reads the stored timestamp, compares and saves without a lock,
so two edits that reach MISP at the same moment can both pass it. And Event::_add looks the uuid up before
it saves: an add racing another add of the same uuid can pass the look-up and fail the save's validation
(403 "Could not add Event", uuid "The UUID provided is not unique") instead of the 404 "already exists".
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from misp_double import Fault, LoggedRequest, MispDouble
from sync_helpers import analyst, edit_report, expected_event, live, ok, stored_event

ANALYSTS_TITLE = "Alpha Spider: invoice wave (triage in progress)"
CLI = Path(sys.executable).with_name("misp-report")
PAIR_WAIT = 120  # seconds: a loaded machine can take that long to start the second run; the wait ends on arrival


def in_step(double: MispDouble, pattern: str, later: int = 0) -> None:
    """Two sync runs in step: MISP holds its answer to the first request of a path matching `pattern` (for
    one event) until the other run has made the same request, so both act on what they read at the same
    time. Later requests of that path pass. MISP's clock stands still meanwhile (both are answered in the
    same second), or with `later` the second is answered `later` seconds after the first."""
    waiting: dict[str, threading.Event] = {}
    paired: set[str] = set()
    guard = threading.Lock()
    now = int(time.time())
    shift = [0]
    double.model.clock = lambda: now + shift[0]

    def hook(entry: LoggedRequest) -> None:
        if entry.user != "sync" or not re.fullmatch(pattern, entry.path):
            return
        key = entry.path + str(entry.body.get("uuid", "") if isinstance(entry.body, dict) else "")
        with guard:
            if key in paired:
                return
            partner = waiting.pop(key, None)
            if partner is not None:
                paired.add(key)
            else:
                waiting[key] = mine = threading.Event()
                shift[0] = later
        if partner is not None:
            partner.set()
        else:
            mine.wait(timeout=PAIR_WAIT)

    double.on_request = hook


def older_read_writes_first(double: MispDouble) -> None:
    """MISP processes the first two event edits in the order of the reads they were made on: the edit that
    carries the later read's timestamp waits until the other one has been answered."""
    guards: list[int] = []
    arrived, landed = threading.Event(), threading.Event()
    lock = threading.Lock()

    def timestamp(body: Any) -> int:
        event = body.get("Event", body) if isinstance(body, dict) else {}
        return int(event.get("timestamp") or 0)

    def arrival(user: str, method: str, path: str, body: Any) -> None:
        if user != "sync" or not path.startswith("/events/edit/"):
            return
        with lock:
            if len(guards) >= 2:
                return
            guards.append(timestamp(body))
            if len(guards) == 2:
                arrived.set()
        arrived.wait(timeout=PAIR_WAIT)
        if timestamp(body) == max(guards) and min(guards) < max(guards):
            landed.wait(timeout=PAIR_WAIT)

    def answered(entry: LoggedRequest) -> None:
        if entry.path.startswith("/events/edit/") and guards and timestamp(entry.body) == min(guards):
            landed.set()

    double.on_arrival = arrival
    previous = double.on_request

    def hook(entry: LoggedRequest) -> None:
        answered(entry)
        if previous is not None:
            previous(entry)

    double.on_request = hook


def two_machines(double: MispDouble, reports: Path, tmp_path: Path) -> list[subprocess.CompletedProcess[str]]:
    """`misp-report sync` from two machines at once: two processes, each with its own state folder."""
    env = {**os.environ, "MISP_URL": double.url, "MISP_KEY": double.key}
    runs = [
        subprocess.Popen(
            [str(CLI), "sync", str(reports), "--state-dir", str(tmp_path / f"state-{name}")],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    done = []
    for run in runs:
        out, err = run.communicate(timeout=2 * PAIR_WAIT)
        done.append(subprocess.CompletedProcess(run.args, run.returncode, out, err))
    return done


def no_duplicates(double: MispDouble) -> None:
    for event in double.model.events.values():
        held = [(a["type"], a["value"]) for a in event["Attribute"] if not a["deleted"]]
        assert len(held) == len(set(held)), event["info"]
        names = [t["name"] for t in event["Tag"]]
        assert len(names) == len(set(names)), event["info"]


def both_create(double: MispDouble, reports: Path, tmp_path: Path) -> None:
    """Both machines' first run, adding each event at the same moment: MISP takes one add of each."""
    in_step(double, r"/events/add")
    created = two_machines(double, reports, tmp_path)
    assert [c.returncode for c in created] == [0, 0], [c.stdout + c.stderr for c in created]
    assert len(double.model.events) == 3
    adds = [r.status for r in double.writes() if r.path == "/events/add"]
    assert sorted(adds) == [200] * 3 + [404] * 3, "both runs tried each add at once; MISP took one of each"
    no_duplicates(double)
    double.clear_log()
    double.on_request = None


def the_update_landed_once(double: MispDouble, alpha: str, after: dict[str, Any]) -> None:
    assert len(double.model.events) == 3
    no_duplicates(double)
    stored = stored_event(double, alpha)
    assert stored["info"] == ANALYSTS_TITLE and live(after) <= live(stored), "the analyst's title stays"
    assert ("ip-dst", "203.0.113.10") not in live(stored), "the dropped C2 goes, once"


def test_two_machines_syncing_at_once_make_one_event_each_and_one_update(double, reports, tmp_path) -> None:
    both_create(double, reports, tmp_path)
    alpha = expected_event(reports / "alpha.txt", reports)["uuid"]
    ok(analyst(double).update_event({"info": ANALYSTS_TITLE}, event_id=alpha))
    after = edit_report(reports)
    in_step(double, r"/events/view/.*")

    updated = two_machines(double, reports, tmp_path)

    assert [c.returncode for c in updated] == [0, 0], [c.stdout + c.stderr for c in updated]
    the_update_landed_once(double, alpha, after)
    edits = [r.status for r in double.writes() if r.path.startswith("/events/edit/")]
    assert sorted(edits) == [200, 403], "the run that read before the other's write merges again"


def test_a_read_answered_later_than_the_other_machines_makes_a_second_edit_of_the_same_content(
    double, reports, tmp_path
) -> None:
    """The second run's read comes five seconds after the first's, and the first run's edit lands first:
    MISP takes the second edit too (its timestamp is newer than the one MISP holds), and it changes nothing."""
    both_create(double, reports, tmp_path)
    alpha = expected_event(reports / "alpha.txt", reports)["uuid"]
    ok(analyst(double).update_event({"info": ANALYSTS_TITLE}, event_id=alpha))
    after = edit_report(reports)
    in_step(double, r"/events/view/.*", later=5)
    older_read_writes_first(double)

    updated = two_machines(double, reports, tmp_path)

    assert [c.returncode for c in updated] == [0, 0], [c.stdout + c.stderr for c in updated]
    the_update_landed_once(double, alpha, after)
    edits = [r for r in double.writes() if r.path.startswith("/events/edit/")]
    assert [r.status for r in edits] == [200, 200], "the later read's timestamp is newer than the first write's"
    assert int(edits[0].body["timestamp"]) < int(edits[1].body["timestamp"])


# Event::_add's answer when the uuid was free at its look-up and taken at its save (the model's validation).
UUID_TAKEN = {
    "saved": False,
    "name": "Could not add Event",
    "message": "Could not add Event",
    "url": "/events/add",
    "errors": {"Event": {"uuid": ["The UUID provided is not unique"]}},
}


def test_an_add_that_loses_the_race_for_its_uuid_updates_the_event_instead(sync, double, reports, tmp_path) -> None:
    """The other machine's add of the same uuid lands between MISP's look-up of the uuid and its save of
    this add: MISP refuses it with a validation error (403), not with "already exists" (404). The run
    updates the event MISP holds, as after a 404, instead of failing the report."""
    assert sync(str(reports), double=double, state=tmp_path / "state-a").code == 0
    alpha = expected_event(reports / "alpha.txt", reports)["uuid"]
    ok(analyst(double).update_event({"info": ANALYSTS_TITLE}, event_id=alpha))
    double.inject(Fault(path="/events/add", status=403, body=UUID_TAKEN, times=0))
    double.clear_log()

    result = sync(str(reports), double=double, state=tmp_path / "state-b")

    assert result.code == 0, result.shown
    assert [r.status for r in double.writes() if r.path == "/events/add"] == [403] * 3
    assert len(double.model.events) == 3
    no_duplicates(double)
    assert stored_event(double, alpha)["info"] == ANALYSTS_TITLE
