"""The three-way merge as data (sinks/merge.py): the record of the last delivery, MISP's copy, the new
conversion. Each rule is shown by a case that must write and a case that must keep."""

from __future__ import annotations

import copy
import uuid
from typing import Any

from misp_module.build.identity import attribute_uuid, report_uuid
from misp_module.deliver.sync.sinks.delivered import record_of
from misp_module.deliver.sync.sinks.diff import EventDiff
from misp_module.deliver.sync.sinks.merge import merge_events

EVENT = "0d9b2f44-3c1a-5e7e-8f00-6b0c1d2e3f40"


def attribute(kind: str, value: str, **fields: Any) -> dict[str, Any]:
    made = {"uuid": str(attribute_uuid(uuid.UUID(EVENT), kind, value)), "type": kind, "value": value}
    return {"category": "Network activity", "to_ids": False, "comment": "", **made, **fields}


def event(*attributes: dict[str, Any], tags: tuple[str, ...] = ("tlp:amber",), report: str = "Text") -> dict:
    name = "Report"
    return {
        "uuid": EVENT,
        "info": "Alpha",
        "threat_level_id": "2",
        "Attribute": list(attributes),
        "Tag": [{"name": t} for t in tags],
        "EventReport": [{"uuid": str(report_uuid(uuid.UUID(EVENT), name)), "name": name, "content": report}],
    }


def delivered(wanted: dict[str, Any]) -> dict[str, Any]:
    return record_of(wanted, EventDiff())


def test_a_field_the_report_changes_is_written_where_misp_holds_the_delivered_value() -> None:
    old = event(attribute("ip-dst", "203.0.113.10", comment="C2"))
    new = event(attribute("ip-dst", "203.0.113.10", comment="C2, second wave"))
    diff = merge_events(new, copy.deepcopy(old), delivered(old))
    assert [(c.kind, c.fields, c.values["comment"]) for c in diff.attributes] == [
        ("update", ["comment"], "C2, second wave")
    ]
    assert "to_ids" not in diff.attributes[0].values  # only what the sync changes is sent
    assert diff.kept == []


def test_a_field_an_analyst_changed_stays_and_a_double_change_is_a_conflict() -> None:
    old = event(attribute("ip-dst", "203.0.113.10", comment="C2"))
    held = copy.deepcopy(old)
    held["Attribute"][0].update(to_ids=True, comment="blocked")
    new = event(attribute("ip-dst", "203.0.113.10", comment="C2, second wave"))
    diff = merge_events(new, held, delivered(old))
    assert diff.empty
    assert len(diff.kept) == 2 and len(diff.conflicts) == 1 and "comment" in diff.conflicts[0]


def test_an_analysts_tlp_is_not_joined_by_the_reports_new_one() -> None:
    old = event(tags=("tlp:amber",))
    held = event(tags=("tlp:red",))
    assert merge_events(event(tags=("tlp:green",)), held, delivered(old)).tags_added == []
    assert merge_events(event(tags=("tlp:green",)), copy.deepcopy(old), delivered(old)).tags_added == ["tlp:green"]


def test_an_event_report_edited_in_misp_is_not_overwritten() -> None:
    old = event(report="Text")
    held = event(report="Text, with the analyst's triage notes")
    assert merge_events(event(report="Text, edited"), held, delivered(old)).reports == []
    assert [k for k, _ in merge_events(event(report="Text, edited"), event(), delivered(old)).reports] == ["update"]


def test_without_a_record_only_derived_attributes_are_removed() -> None:
    ours = attribute("ip-dst", "203.0.113.10")
    theirs = {**attribute("ip-dst", "198.51.100.7"), "uuid": str(uuid.uuid4())}
    diff = merge_events(event(), event(ours, theirs), None)
    assert [(c.kind, c.attribute["value"]) for c in diff.attributes] == [("remove", "203.0.113.10")]


def test_an_analysts_copy_blocks_the_reports_add_but_the_syncs_own_dropped_attribute_does_not() -> None:
    new = attribute("ip-dst", "203.0.113.20")
    analysts = {**new, "uuid": str(uuid.uuid4()), "comment": "our proxy"}
    before = event()
    diff = merge_events(event(new), event(analysts), delivered(before))
    assert diff.attributes == [] and diff.not_added == {new["uuid"]} and "already in MISP" in diff.kept[0]
    assert new["uuid"] not in record_of(event(new), diff)["attributes"]
    # the sync's own attribute of that value, under another uuid and dropped by the report, is no analyst's copy
    own = {**new, "uuid": str(uuid.uuid4())}
    diff = merge_events(event(new), event(own), delivered(event(own)))
    assert sorted((c.kind, c.attribute["uuid"]) for c in diff.attributes) == sorted(
        [("add", new["uuid"]), ("remove", own["uuid"])]
    )


def test_only_what_the_sync_removed_itself_comes_back_with_the_report() -> None:
    ip = attribute("ip-dst", "203.0.113.10")
    gone = {**ip, "deleted": True}
    removed = merge_events(event(), event(ip), delivered(event(ip)))  # the report drops it: the sync removes it
    record = record_of(event(), removed)
    assert record["removed"] == [ip["uuid"]]
    assert [c.kind for c in merge_events(event(ip), event(gone), record).attributes] == ["restore"]
    analysts_deletion = record_of(event(), merge_events(event(), event(gone), delivered(event(ip))))
    assert analysts_deletion["removed"] == []
    assert merge_events(event(ip), event(gone), analysts_deletion).attributes == []


def three_syncs(first: dict, held: dict, second: dict, third: dict, misp_later: dict | None = None) -> EventDiff:
    """The merge of the third conversion: the first delivered, MISP then holds `held` (an analyst's work),
    the second conversion merged against it (MISP unchanged by it: nothing the sync writes matters here), then
    the third against `misp_later` (default: `held` again)."""
    record = record_of(second, merge_events(second, held, delivered(first)))
    return merge_events(third, misp_later or held, record)


def test_an_attribute_tag_the_analyst_removed_stays_off_when_the_report_drops_it_and_gives_it_again() -> None:
    tagged = attribute("ip-dst", "203.0.113.10", Tag=[{"name": "kill-chain:Command and Control"}])
    bare = attribute("ip-dst", "203.0.113.10")
    diff = three_syncs(event(tagged), event(bare), event(bare), event(tagged))
    assert diff.attributes == [] and "removed in MISP" in diff.kept[0]
    # an attribute that never lost its tag gets it back the same way: the rule is about the analyst's removal
    assert [c.tags_added for c in three_syncs(event(bare), event(bare), event(bare), event(tagged)).attributes] == [
        ["kill-chain:Command and Control"]
    ]


def test_a_restored_attribute_comes_back_without_the_tag_an_analyst_took_off_it() -> None:
    tag = {"name": "kill-chain:Command and Control"}
    tagged = attribute("ip-dst", "203.0.113.10", Tag=[tag])
    bare = attribute("ip-dst", "203.0.113.10")
    record = record_of(event(tagged), EventDiff())
    # the analyst takes the tag off; the report drops the attribute: the sync soft-deletes it
    dropped = merge_events(event(), event(bare), record)
    assert [c.kind for c in dropped.attributes] == ["remove"]
    record = record_of(event(), dropped)
    diff = merge_events(event(tagged), event({**bare, "deleted": True}), record)  # and gives it again
    assert [(c.kind, c.attribute.get("Tag"), c.tags_added) for c in diff.attributes] == [("restore", [], [])]


def test_an_event_tag_is_declined_only_while_misp_lacks_it() -> None:
    first, second = event(tags=("tlp:amber", 'misp-galaxy:sector="Finance"')), event(tags=("tlp:amber",))
    held = event(tags=("tlp:amber",))
    assert three_syncs(first, held, second, first).tags_added == []
    # the analyst tagged it again meanwhile, then took it off after the sync knew it was there: the record
    # holds what it last saw, and a later removal is a new decision
    again = event(tags=("tlp:amber", 'misp-galaxy:sector="Finance"'))
    record = record_of(second, merge_events(second, held, delivered(first)))
    record = record_of(first, merge_events(first, again, record))
    assert 'misp-galaxy:sector="Finance"' not in record["declined_tags"].get("", [])


def test_a_cluster_the_analyst_took_off_stays_off_under_the_name_a_galaxy_update_gives_it(monkeypatch) -> None:
    """misp-galaxy renames clusters and ATT&CK renames techniques; an upgrade of misp-report re-converts every
    report with the new names. The cluster an analyst removed is the same cluster under its new name."""
    from misp_module.deliver.sync.sinks import merge

    old_name, new_name = 'misp-galaxy:threat-actor="Alpha Spider"', 'misp-galaxy:threat-actor="Alpha Spider Team"'
    other = 'misp-galaxy:threat-actor="Beta Spider"'
    before = {old_name: "11111111-2222-4333-8444-555555555555", other: "66666666-7777-4888-9999-000000000000"}
    monkeypatch.setattr(merge, "cluster_uuid", before.get)
    first = event(tags=("tlp:amber", old_name))
    record = record_of(first, merge_events(first, event(tags=("tlp:amber",)), delivered(first)))
    # the upgrade: the shipped galaxies know the cluster by its new name only
    monkeypatch.setattr(merge, "cluster_uuid", {new_name: before[old_name], other: before[other]}.get)
    diff = merge_events(event(tags=("tlp:amber", new_name, other)), event(tags=("tlp:amber",)), record)
    assert diff.tags_added == [other], "the analyst's removal holds for the renamed cluster, not for another"
    assert f"event tag {new_name} removed in MISP" in diff.kept
