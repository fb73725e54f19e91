"""A sync killed between MISP taking its write and the state saving it (a second Ctrl-C, a crash, a power
cut), then run again: the sync's own changes in MISP are its own, not an analyst's. Before each write the
state marks the record in doubt (runner.py `_writing`); the next merge takes what MISP holds as the report
wants it for the sync's. The real PyMISP client against the MISP double; the kill is an exception no layer
catches, raised where the state would save the write's end.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from misp_double import Fault, LoggedRequest
from sync_helpers import (
    HOSTNAME,
    HOSTNAME_LINE,
    analyst,
    first_sync,
    live,
    ok,
    soft_deleted,
    stored_event,
    tags,
)

from misp_module.deliver.sync.state import Delivery, StateStore

FINANCE = 'misp-galaxy:sector="Finance"'
ENERGY = 'misp-galaxy:sector="Energy"'
ACTOR = 'misp-galaxy:threat-actor="Alpha Spider"'


class Killed(BaseException):
    """The process ends here: nothing catches it, nothing after it runs."""


def killed_before_saving(monkeypatch: pytest.MonkeyPatch, status: str) -> None:
    """The next save of a delivery with `status` (the end of a write) never happens: the run dies first."""
    save = StateStore.save

    def dying(self: StateStore, delivery: Delivery) -> None:
        if delivery.status == status:
            raise Killed
        save(self, delivery)

    monkeypatch.setattr(StateStore, "save", dying)


def version_two(reports: Path, original: str) -> None:
    """The report's sector changes and an indicator goes: the sync adds a tag, removes one, soft-deletes an
    attribute."""
    text = original.replace("**Sectors:** Energy", "**Sectors:** Finance").replace(HOSTNAME_LINE, "")
    (reports / "alpha.txt").write_text(text)


def test_a_write_whose_end_was_never_saved_is_still_the_syncs_on_the_next_runs(
    sync, double, reports, monkeypatch
) -> None:
    event = first_sync(sync, double, reports)
    original = (reports / "alpha.txt").read_text()
    version_two(reports, original)
    with monkeypatch.context() as patch:
        killed_before_saving(patch, "ok")
        with pytest.raises(Killed):
            sync(str(reports), double=double)
    stored = stored_event(double, event["uuid"])
    assert FINANCE in tags(stored) and HOSTNAME in soft_deleted(stored), "MISP took the write"

    again = sync(str(reports), double=double)  # run again: nothing to write, nothing taken for an analyst's
    assert again.code == 0 and "kept" not in again.out, again.out
    (reports / "alpha.txt").write_text(original)  # the report goes back: the sync undoes its own changes
    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, event["uuid"])
    assert FINANCE not in tags(stored), "the sync's own tag goes when the report drops it"
    assert ENERGY in tags(stored), "the tag the sync removed itself comes back with the report"
    assert HOSTNAME in live(stored), "the sync's own removal comes back with the report"
    assert "kept" not in result.out, result.out


def test_an_analysts_removal_is_still_theirs_after_an_interrupted_write(sync, double, reports, monkeypatch) -> None:
    event = first_sync(sync, double, reports)
    original = (reports / "alpha.txt").read_text()
    ok(analyst(double).untag(event["uuid"], ACTOR))
    version_two(reports, original)
    with monkeypatch.context() as patch:
        killed_before_saving(patch, "ok")
        with pytest.raises(Killed):
            sync(str(reports), double=double)
    assert sync(str(reports), double=double).code == 0
    (reports / "alpha.txt").write_text(original)
    result = sync(str(reports), double=double)
    assert result.code == 0, result.out
    stored = stored_event(double, event["uuid"])
    assert ACTOR not in tags(stored) and ENERGY in tags(stored) and FINANCE not in tags(stored)
    assert "kept 1 analyst change " in result.out, result.out


def test_a_write_that_gave_up_after_reaching_misp_is_in_doubt_too(sync, double, reports) -> None:
    """MISP applied the edit but every answer was lost (the connection dropped, then MISP went away): the
    report failed, and the next run finds the sync's own changes in MISP."""
    event = first_sync(sync, double, reports)
    original = (reports / "alpha.txt").read_text()
    version_two(reports, original)
    double.inject(Fault(path=f"/events/edit/{event['uuid']}", after=True, reset=True))

    def misp_goes_away(entry: LoggedRequest) -> None:
        if entry.path.startswith("/events/edit/"):
            double.inject(Fault(path=f"/events/view/{event['uuid']}", status=503, times=0))

    double.on_request = misp_goes_away
    failed = sync(str(reports), double=double)
    assert failed.code == 1, failed.out
    double.on_request = None
    double.faults.clear()
    stored = stored_event(double, event["uuid"])
    assert FINANCE in tags(stored) and HOSTNAME in soft_deleted(stored), "MISP took the write"

    assert sync(str(reports), double=double).code == 0
    (reports / "alpha.txt").write_text(original)
    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, event["uuid"])
    assert FINANCE not in tags(stored) and ENERGY in tags(stored) and HOSTNAME in live(stored)


def test_a_retire_killed_before_its_end_was_saved_is_the_syncs(sync, double, reports, monkeypatch) -> None:
    first_sync(sync, double, reports)
    charlie = reports / "charlie.txt"
    text = charlie.read_text()
    charlie.unlink()
    with monkeypatch.context() as patch:
        killed_before_saving(patch, "retired")
        with pytest.raises(Killed):
            sync(str(reports), "--on-removed", "soft-delete", double=double)
    assert sync(str(reports), "--on-removed", "soft-delete", double=double).code == 0
    charlie.write_text(text)  # the report comes back: its event with it
    result = sync(str(reports), "--on-removed", "soft-delete", double=double)
    assert result.code == 0, result.out
    held: Any = next(e for e in double.model.events.values() if e["info"].startswith("Charlie"))
    assert soft_deleted(stored_event(double, held["uuid"])) == set(), result.out + result.err
