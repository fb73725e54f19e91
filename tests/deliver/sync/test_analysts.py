"""The sync on a shared MISP: analysts edit the events it made, through the same REST API, and the sync
never undoes their work (the three-way merge of sinks/merge.py against the delivery record in the state)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from misp_double import MispDouble
from sync_helpers import (
    DATA,
    analyst,
    attribute_uuid_of,
    expected_event,
    live,
    only_the_key_check,
    soft_deleted,
    stored_event,
    tags,
)

ANALYST_IP = ("ip-dst", "198.51.100.77")
DRAFT = 'workflow:state="draft"'
REVIEWED_INFO = "Alpha phishing wave (reviewed by the duty analyst)"
HOSTNAME = ("hostname", "invoice-alpha.example.com")
URL = ("url", "https://invoice-alpha.example.com/download")


def analysts_work(double: MispDouble, event: dict[str, Any]) -> None:
    """What a duty analyst does to an event the sync created: adds an indicator with a comment and a
    workflow tag, deletes a false positive, flips to_ids on another one and retitles the event."""
    misp = analyst(double)
    event_uuid = event["uuid"]
    answer = misp.add_attribute(
        event_uuid,
        {"type": ANALYST_IP[0], "value": ANALYST_IP[1], "to_ids": True, "comment": "seen in our proxy logs"},
    )
    assert "errors" not in answer, answer
    assert "errors" not in misp.tag(event_uuid, DRAFT)
    assert "errors" not in misp.delete_attribute(attribute_uuid_of(event, *HOSTNAME))
    edited = misp.update_attribute({"to_ids": True, "comment": "blocked at the proxy"}, attribute_uuid_of(event, *URL))
    assert "errors" not in edited, edited
    assert "errors" not in misp.update_event({"info": REVIEWED_INFO}, event_id=event_uuid)


def url_attribute(stored: dict[str, Any]) -> dict[str, Any]:
    return next(a for a in stored["Attribute"] if (a["type"], a["value"]) == URL)


def test_an_analysts_work_survives_a_report_change(sync, double: MispDouble, reports: Path) -> None:
    sync(str(reports), double=double)
    before = expected_event(reports / "alpha.txt", reports)
    analysts_work(double, stored_event(double, before["uuid"]))
    shutil.copy(DATA / "edited" / "alpha.txt", reports / "alpha.txt")
    after = expected_event(reports / "alpha.txt", reports)
    double.clear_log()

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, before["uuid"])
    assert ANALYST_IP in live(stored) and DRAFT in tags(stored)
    assert HOSTNAME in soft_deleted(stored), "the analyst's deletion must stay"
    assert url_attribute(stored)["to_ids"] is True and url_attribute(stored)["comment"] == "blocked at the proxy"
    assert stored["info"] == REVIEWED_INFO
    # the report's own change is applied: new indicators in, dropped ones soft-deleted
    assert live(after) - {HOSTNAME} <= live(stored)
    assert live(before) - live(after) <= soft_deleted(stored)
    # the report retitled the event too: a conflict, said in the output, the analyst's title stays
    assert before["info"] != after["info"]
    assert "event info" in result.err and "analyst's value stays" in result.err
    assert "kept 4 analyst changes" in result.out, result.out  # info, to_ids, comment, hostname deleted
    # after PyMISP's three constructor GETs: one galaxy lookup, one read, the event's sightings (the report
    # drops attributes: a sighted one would stay live), one write
    assert len(double.requests()) == 7
    assert [r.path.split("/")[1:3] for r in double.requests() if r.method == "POST"] == [
        ["galaxy_clusters", "restSearch"],
        ["events", "view"],
        ["sightings", "restSearch"],
        ["events", "edit"],
    ]
    assert [r.path.split("/")[2] for r in double.writes()] == ["edit"]


def test_dry_run_lists_what_is_kept_for_the_analysts(sync, double: MispDouble, reports: Path) -> None:
    sync(str(reports), double=double)
    event = expected_event(reports / "alpha.txt", reports)
    analysts_work(double, stored_event(double, event["uuid"]))
    shutil.copy(DATA / "edited" / "alpha.txt", reports / "alpha.txt")
    double.clear_log()

    result = sync(str(reports), "--dry-run", double=double)

    assert result.code == 0
    assert double.writes() == []
    assert "keep (analyst) attribute hostname 'invoice-alpha.example.com' soft-deleted in MISP" in result.err
    assert "keep (analyst) attribute url 'https://invoice-alpha.example.com/download': to_ids" in result.err
    assert "would keep 4 analyst changes" in result.out


def test_an_unchanged_report_keeps_every_analyst_change_without_a_request(sync, double, reports: Path) -> None:
    sync(str(reports), double=double)
    event = expected_event(reports / "alpha.txt", reports)
    analysts_work(double, stored_event(double, event["uuid"]))
    double.clear_log()
    assert sync(str(reports), double=double).code == 0
    assert only_the_key_check(double)


def test_the_state_lost_in_between_removes_only_what_the_sync_provably_made(
    sync, double: MispDouble, reports: Path, tmp_path: Path
) -> None:
    sync(str(reports), double=double)
    before = expected_event(reports / "alpha.txt", reports)
    analysts_work(double, stored_event(double, before["uuid"]))
    shutil.rmtree(tmp_path / "state")
    shutil.copy(DATA / "edited" / "alpha.txt", reports / "alpha.txt")
    after = expected_event(reports / "alpha.txt", reports)

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, before["uuid"])
    assert ANALYST_IP in live(stored) and DRAFT in tags(stored)
    assert HOSTNAME in soft_deleted(stored)
    assert url_attribute(stored)["to_ids"] is True and stored["info"] == REVIEWED_INFO
    # the sync's own dropped indicators are known by their derived UUIDs: soft-deleted
    assert live(before) - live(after) <= soft_deleted(stored)
    assert live(after) - {HOSTNAME} <= live(stored)
    assert "no delivery record" in result.err or "kept" in result.out
    double.clear_log()
    assert sync(str(reports), double=double).code == 0
    assert only_the_key_check(double)


def test_a_tag_the_analyst_removed_is_not_put_back(sync, double: MispDouble, reports: Path) -> None:
    sync(str(reports), double=double)
    event = expected_event(reports / "alpha.txt", reports)
    removed = 'misp-galaxy:sector="Energy"'
    assert removed in tags(event)
    assert "errors" not in analyst(double).untag(event["uuid"], removed)
    shutil.copy(DATA / "edited" / "alpha.txt", reports / "alpha.txt")
    result = sync(str(reports), double=double)
    assert result.code == 0
    assert removed not in tags(stored_event(double, event["uuid"]))
    assert "kept 1 analyst change " in result.out


def add_analyst_extras(double: MispDouble, event_uuid: str) -> None:
    """An analyst's attribute, tag, object and event report on an event."""
    misp = analyst(double)
    misp.add_attribute(event_uuid, {"type": ANALYST_IP[0], "value": ANALYST_IP[1], "comment": "our own sighting"})
    misp.tag(event_uuid, DRAFT)
    obj = {
        "name": "domain-ip",
        "meta-category": "network",
        "uuid": "5b3c1a8e-2f4d-4e6a-9c1b-7d8e9f0a1b2c",
        "Attribute": [{"type": "domain", "value": "relay.analyst.example", "object_relation": "domain"}],
    }
    assert "errors" not in misp.update_event({"Object": [obj]}, event_id=event_uuid)
    assert "errors" not in misp.add_event_report(event_uuid, {"name": "Triage notes", "content": "Checked."})


def analysts_extras_present(stored: dict[str, Any]) -> None:
    assert ANALYST_IP in live(stored)
    assert DRAFT in tags(stored)
    assert [o["name"] for o in stored["Object"] if not o["deleted"]] == ["domain-ip"]
    assert all(not a["deleted"] for o in stored["Object"] for a in o["Attribute"])
    assert "Triage notes" in [r["name"] for r in stored["EventReport"] if not r["deleted"]]


def test_soft_delete_of_a_removed_report_leaves_the_analysts_additions(sync, double, reports: Path) -> None:
    sync(str(reports), double=double)
    charlie = expected_event(reports / "charlie.txt", reports)
    add_analyst_extras(double, charlie["uuid"])
    (reports / "charlie.txt").unlink()

    result = sync(str(reports), "--on-removed", "soft-delete", double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, charlie["uuid"])
    assert live(stored) == {ANALYST_IP}
    assert soft_deleted(stored) == live(charlie)
    assert "misp-report:retired" in tags(stored) and tags(charlie) <= tags(stored)
    analysts_extras_present(stored)
    assert charlie["EventReport"][0]["name"] not in [r["name"] for r in stored["EventReport"] if not r["deleted"]]

    shutil.copy(DATA / "reports" / "charlie.txt", reports / "charlie.txt")  # the report comes back
    assert sync(str(reports), "--on-removed", "soft-delete", double=double).code == 0
    stored = stored_event(double, charlie["uuid"])
    assert live(stored) == live(charlie) | {ANALYST_IP} and soft_deleted(stored) == set()
    assert "misp-report:retired" not in tags(stored)
    analysts_extras_present(stored)


def test_retire_of_a_removed_report_only_tags_it(sync, double: MispDouble, reports: Path) -> None:
    sync(str(reports), double=double)
    charlie = expected_event(reports / "charlie.txt", reports)
    add_analyst_extras(double, charlie["uuid"])
    (reports / "charlie.txt").unlink()
    assert sync(str(reports), "--on-removed", "retire", double=double).code == 0
    stored = stored_event(double, charlie["uuid"])
    assert live(stored) == live(charlie) | {ANALYST_IP}
    assert "misp-report:retired" in tags(stored)
    analysts_extras_present(stored)


def test_a_dropped_indicator_an_analyst_edited_stays_live(sync, double: MispDouble, reports: Path) -> None:
    sync(str(reports), double=double)
    before = expected_event(reports / "alpha.txt", reports)
    dropped = ("ip-dst", "203.0.113.10")
    misp = analyst(double)
    misp.update_attribute({"comment": "still beaconing on 2 hosts"}, attribute_uuid_of(before, *dropped))
    shutil.copy(DATA / "edited" / "alpha.txt", reports / "alpha.txt")
    result = sync(str(reports), double=double)
    assert result.code == 0
    assert dropped in live(stored_event(double, before["uuid"]))
    assert "left live" in result.err
