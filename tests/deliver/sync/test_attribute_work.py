"""What analysts hang on the sync's attributes in MISP without retyping them: a proposal, a sighting, a galaxy
cluster, an object's reference, first/last seen, a narrower distribution, a move into an object. The report
then changes or drops the attribute; the next sync must leave the analyst's work where they put it. The
real PyMISP client as the sync and as an analyst (own key), against the MISP double.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pymisp import MISPNote
from sync_helpers import (
    HOSTNAME,
    HOSTNAME_LINE,
    MORE,
    NEW_IP,
    URL,
    URL_AGAIN,
    analyst,
    append,
    attribute,
    attribute_uuid_of,
    copies,
    edit_report,
    first_sync,
    live,
    ok,
    soft_deleted,
    stored_event,
)

CLUSTER = 'misp-galaxy:threat-actor="APT31"'


def drop_the_hostname(reports: Path) -> None:
    """The report's author removes the hostname and changes the report elsewhere (a new C2 address)."""
    edit_report(reports)
    text = (reports / "alpha.txt").read_text()
    assert HOSTNAME_LINE in text
    (reports / "alpha.txt").write_text(text.replace(HOSTNAME_LINE, ""))


def analysts_object() -> dict[str, Any]:
    """An analyst's object (MISP's domain-ip template), to point at an attribute of the event."""
    return {
        "name": "domain-ip",
        "meta-category": "network",
        "uuid": "9a1c7e52-4b3d-4f60-8e2a-5c7d9b1e3f40",
        "Attribute": [{"type": "ip-dst", "value": "192.0.2.45", "object_relation": "ip"}],
    }


def propose(double, event, target):
    ok(analyst(double).update_attribute_proposal(target, {"comment": "resolves to our sinkhole now"}))


def reference(double, event, target):
    misp = analyst(double)
    obj = analysts_object()
    ok(misp.update_event({"Object": [obj]}, event_id=event["uuid"]))
    link = {"object_uuid": obj["uuid"], "referenced_uuid": target, "relationship_type": "resolves-to"}
    ok(misp.add_object_reference(link))


def sighting(double, event, target):
    ok(analyst(double).add_sighting({"source": "proxy logs"}, target))


def false_positive_sighting(double, event, target):
    ok(analyst(double).add_sighting({"source": "proxy logs", "type": "1"}, target))


def note(double, event, target):
    written = MISPNote()
    written.from_dict(
        note="Our own false positive: the mail relay of a partner.", object_uuid=target, object_type="Attribute"
    )
    ok(analyst(double).add_note(written))


def first_and_last_seen(double, event, target):
    seen = {"first_seen": "2024-10-01T08:00:00.000000+00:00", "last_seen": "2024-10-20T18:30:00.000000+00:00"}
    ok(analyst(double).update_attribute(seen, target))


def cluster_on_the_attribute(double, event, target):
    ok(analyst(double).tag(target, CLUSTER))


def organisation_only(double, event, target):
    ok(analyst(double).update_attribute({"distribution": 0}, target))


@pytest.mark.parametrize(
    ("work", "said"),
    [
        (propose, "a proposal pending"),
        (sighting, "it was sighted"),
        (note, "an analyst note on it"),
        (reference, "referenced by object domain-ip"),
        (first_and_last_seen, "first_seen"),
        (cluster_on_the_attribute, f"tag {CLUSTER}"),
        (organisation_only, "distribution"),
    ],
    ids=["proposal", "sighting", "note", "object-reference", "first-last-seen", "galaxy-cluster", "distribution"],
)
def test_an_attribute_the_report_drops_stays_live_when_an_analyst_works_on_it(
    sync, double, reports, work, said: str
) -> None:
    event = first_sync(sync, double, reports)
    target = attribute_uuid_of(event, *HOSTNAME)
    work(double, event, target)
    drop_the_hostname(reports)

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, event["uuid"])
    assert HOSTNAME in live(stored) and HOSTNAME not in soft_deleted(stored)
    assert NEW_IP in live(stored), "the report's own change lands"
    assert "left live" in result.err and said in result.err, result.err
    # said once; later runs leave it alone too
    append(reports, MORE)
    assert sync(str(reports), double=double).code == 0
    assert HOSTNAME in live(stored_event(double, event["uuid"]))


def test_an_attribute_the_report_drops_with_only_a_false_positive_sighting_goes(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    false_positive_sighting(double, event, attribute_uuid_of(event, *HOSTNAME))
    drop_the_hostname(reports)
    result = sync(str(reports), double=double)
    assert result.code == 0, result.out
    assert HOSTNAME in soft_deleted(stored_event(double, event["uuid"])) and "left live" not in result.out


def test_an_attribute_the_report_drops_with_only_a_proposal_to_delete_it_goes(sync, double, reports) -> None:
    """Another organisation proposed to delete it (a false positive) and the report drops it too: both say it
    should go, so the pending proposal does not keep it live as a proposal to change it would."""
    event = first_sync(sync, double, reports)
    target = attribute_uuid_of(event, *HOSTNAME)
    ok(analyst(double).delete_attribute_proposal(target))
    proposals = attribute(stored_event(double, event["uuid"]), *HOSTNAME)["ShadowAttribute"]
    assert [p["proposal_to_delete"] for p in proposals] == [True]
    drop_the_hostname(reports)

    result = sync(str(reports), double=double)

    assert result.code == 0, result.shown
    stored = stored_event(double, event["uuid"])
    assert HOSTNAME in soft_deleted(stored) and NEW_IP in live(stored)
    assert "left live" not in result.shown, result.shown


def test_what_an_analyst_hangs_on_an_attribute_stays_when_the_report_changes_it(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    target = attribute_uuid_of(event, *URL)
    misp = analyst(double)
    ok(misp.add_sighting({"source": "proxy logs"}, target))
    flagged = attribute(event, *URL)["to_ids"]
    ok(misp.update_attribute_proposal(target, {"to_ids": not flagged}))
    first_and_last_seen(double, event, target)
    cluster_on_the_attribute(double, event, target)
    append(reports, URL_AGAIN)  # the report gives the URL again: its comment changes

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    held = attribute(stored_event(double, event["uuid"]), *URL)
    assert held["comment"] != attribute(event, *URL)["comment"], "the report's change lands"
    assert held["first_seen"].startswith("2024-10-01") and held["last_seen"].startswith("2024-10-20")
    assert CLUSTER in [t["name"] for t in held["Tag"]]
    assert [p["to_ids"] for p in held["ShadowAttribute"]] == [not flagged], "the proposal stays pending"
    assert held["to_ids"] is flagged
    assert [s["source"] for s in double.model.sightings if s["attribute_uuid"] == target] == ["proxy logs"]


def test_an_attribute_an_analyst_moved_into_an_object_is_not_added_again(sync, double, reports) -> None:
    """MISP's "group into object" copies the attribute into a new object and deletes the original (hard
    while the event was never published)."""
    event = first_sync(sync, double, reports)
    misp = analyst(double)
    moved = {
        "name": "domain-ip",
        "meta-category": "network",
        "uuid": "3e5f7a91-2c4b-4d6e-8f10-a2b3c4d5e6f7",
        "Attribute": [{"type": "hostname", "value": HOSTNAME[1], "object_relation": "hostname"}],
    }
    ok(misp.update_event({"Object": [moved]}, event_id=event["uuid"]))
    ok(misp.delete_attribute(attribute_uuid_of(event, *HOSTNAME), hard=True))
    edit_report(reports)  # the report still gives the hostname, and changes elsewhere

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    stored = stored_event(double, event["uuid"])
    assert copies(stored, *HOSTNAME) == [], "no top-level copy next to the analyst's object"
    in_object = [a["value"] for o in stored["Object"] for a in o["Attribute"] if not a["deleted"]]
    assert in_object == [HOSTNAME[1]] and NEW_IP in live(stored)
    assert "kept 1 analyst change" in result.out, result.out
