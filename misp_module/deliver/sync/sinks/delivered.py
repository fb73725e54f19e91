"""The misp sink's record of what it delivered to one event: the base of the three-way merge (merge.py).

The record is kept in the sync state next to the report (state.py, column `delivered`), as JSON:

    {"version": 1,
     "fields": {"info": ..., "threat_level_id": ..., ...},          # event fields the sync set
     "attributes": {uuid: {"type", "category", "value", "to_ids", "comment", ..., "tags": [...]}},
     "tags": [...],                                                  # event tags the sync put on the event
     "reports": {uuid: sha256 of name and content},                  # the event report(s) it wrote
     "removed": [uuid, ...],           # attributes the sync soft-deleted itself: back if the report gives them
     "declined": [uuid, ...],          # the sync's attributes an analyst deleted (soft or hard) in MISP
     "declined_tags": {owner: [...]},  # the sync's tags an analyst removed ("" the event, else an attribute),
                                       # a galaxy tag as "cluster UUID" (merge.py TagKeys: renames stay off)
     "clusters": {tag: cluster uuid},  # the galaxy tags delivered, with their clusters' UUIDs
     "in_doubt": true}                 # only while a write based on this record may have reached MISP

A record is saved `in_doubt` before each write of the misp sink and replaced when the write ends: a run
killed in between (or a write whose answer never came) leaves MISP perhaps holding the sync's own changes
beyond the record, and the next merge takes what MISP holds as the report wants it for the sync's (merge.py).

What an analyst took away stays in `declined*` while MISP lacks it, also once the report drops it: a report
that gives it again later (an edit, a misp-report upgrade that extracts it again) does not put it back.

Values are kept as `normal()` compares them. What MISP dropped when it was sent (an invalid value, a tag
the API user may not create) is not in the record, so the next write tries it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .diff import EVENT_FIELDS, EventDiff, deleted, normal, tag_names
from .merge import MERGED_ATTRIBUTE_FIELDS, cluster_names, report_signature

RECORD_VERSION = 1
MISP_SET_FIELDS = ("distribution",)
TAG_HELP = (
    "the tag is unknown to MISP and the API user may not create tags (role permission perm_tag_editor), "
    "or may not tag at all"
)


def attribute_entry(attribute: dict[str, Any]) -> dict[str, Any]:
    entry = {k: normal(k, attribute[k]) for k in MERGED_ATTRIBUTE_FIELDS if k in attribute}
    entry["tags"] = tag_names(attribute)
    return entry


@dataclass
class Dropped:
    """What MISP was sent in one write and does not hold: MISP drops these without an error."""

    attributes: set[str] = field(default_factory=set)
    attribute_tags: dict[str, set[str]] = field(default_factory=dict)
    event_tags: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)


def dropped_by_misp(wanted: dict[str, Any], diff: EventDiff, answer: dict[str, Any]) -> Dropped:
    """Compare what was sent (all of `wanted` for a created event, else the additions of `diff`) with
    MISP's answer."""
    result = Dropped()
    held = {a["uuid"]: a for a in answer.get("Attribute", []) if not deleted(a)}
    if diff.created:
        sent = [(a, tag_names(a)) for a in wanted.get("Attribute", [])]
        event_tags = tag_names(wanted)
    else:
        sent = [
            (c.attribute, c.tags_added or (tag_names(c.attribute) if c.kind in ("add", "restore") else []))
            for c in diff.attributes
            if c.kind != "remove"
        ]
        event_tags = diff.tags_added
    for attribute, tags in sent:
        what = f"attribute {attribute['type']} {attribute['value']!r}"
        copy = held.get(attribute["uuid"])
        if copy is None:
            result.attributes.add(attribute["uuid"])
            result.warnings.append(
                f"MISP dropped {what}: its value is not valid for the type, or its UUID is used by another event"
            )
            continue
        missing = {t for t in tags if t not in tag_names(copy)}
        if missing:
            result.attribute_tags[attribute["uuid"]] = missing
        result.warnings.extend(f"MISP dropped tag {t!r} of {what}: {TAG_HELP}" for t in sorted(missing))
    result.event_tags = {t for t in event_tags if t not in tag_names(answer)}
    result.warnings.extend(f"MISP dropped event tag {t!r}: {TAG_HELP}" for t in event_tags if t in result.event_tags)
    return result


def record_of(
    wanted: dict[str, Any],
    diff: EventDiff,
    dropped: Dropped | None = None,
    previous: dict[str, Any] | None = None,
    answer: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The record after merging `wanted`: all of it (what an analyst took over included: the record says
    what the sync delivered, MISP what they made of it), less what MISP dropped, plus the attributes the
    report dropped and an analyst's edit keeps live. Fields MISP set itself (misp_set) come from MISP's
    `answer` to the write that added the attribute, or from the `previous` record."""
    dropped = dropped or Dropped()
    attributes = {}
    for attribute in wanted.get("Attribute", []):
        if attribute["uuid"] in dropped.attributes or attribute["uuid"] in diff.not_added:
            continue
        entry = attribute_entry(attribute)
        lost = dropped.attribute_tags.get(attribute["uuid"], set()) | diff.foreign_tags.get(attribute["uuid"], set())
        entry["tags"] = [t for t in entry["tags"] if t not in lost]
        attributes[attribute["uuid"]] = entry
    misp_set(attributes, diff, previous, answer)
    attributes.update(diff.left_live)
    return {
        "version": RECORD_VERSION,
        "fields": {k: normal(k, wanted[k]) for k in EVENT_FIELDS if k in wanted},
        "attributes": attributes,
        "tags": [t for t in tag_names(wanted) if t not in dropped.event_tags | diff.foreign_tags.get("", set())],
        "reports": {r["uuid"]: report_signature(r) for r in wanted.get("EventReport", [])},
        "removed": sorted(diff.removed),
        "declined": sorted(diff.declined),
        "declined_tags": {owner: sorted(tags) for owner, tags in sorted(diff.declined_tags.items())},
        "clusters": cluster_names(wanted),
    }


def misp_set(
    attributes: dict[str, dict[str, Any]],
    diff: EventDiff,
    previous: dict[str, Any] | None,
    answer: dict[str, Any] | None,
) -> None:
    """Record the fields the report leaves to MISP (MISP_SET_FIELDS: an attribute's distribution is the
    instance's default) as MISP stored them when the sync added the attribute: a later value is an analyst's
    (their narrower distribution or sharing group keeps an attribute the report drops live)."""
    before = (previous or {}).get("attributes", {})
    held = {a["uuid"]: a for a in (answer or {}).get("Attribute", [])}
    added = {c.attribute["uuid"] for c in diff.attributes if c.kind in ("add", "restore")}
    for uuid, entry in attributes.items():
        for key in MISP_SET_FIELDS:
            if key in entry:
                continue
            if key in before.get(uuid, {}):
                entry[key] = before[uuid][key]
            elif uuid in held and (diff.created or uuid in added):
                entry[key] = normal(key, held[uuid].get(key))


def doubtful(record: dict[str, Any]) -> dict[str, Any]:
    """The record as saved before a write based on it is sent (see `in_doubt` above)."""
    return {**record, "in_doubt": True}


def retired_record(record: dict[str, Any] | None, diff: EventDiff, tag: str) -> dict[str, Any]:
    """The record after retiring: without what the retire removed, with the retired tag (which the sync
    takes off again if the report comes back), and with what analysts took away meanwhile."""
    record = dict(record or {"version": RECORD_VERSION, "fields": {}, "attributes": {}, "tags": [], "reports": {}})
    record.pop("in_doubt", None)
    removed = {c.attribute["uuid"] for c in diff.attributes if c.kind == "remove"} | diff.removed
    reports_removed = {r["uuid"] for kind, r in diff.reports if kind == "remove"}
    record["attributes"] = {u: a for u, a in record.get("attributes", {}).items() if u not in removed}
    record["reports"] = {u: s for u, s in record.get("reports", {}).items() if u not in reports_removed}
    record["tags"] = [*(t for t in record.get("tags", []) if t != tag), tag]
    record["removed"] = sorted(set(record.get("removed", [])) | removed)
    record["declined"] = sorted((set(record.get("declined", [])) | diff.declined) - removed)
    declined_tags = {k: set(v) for k, v in record.get("declined_tags", {}).items()}
    for owner, tags in diff.declined_tags.items():
        declined_tags.setdefault(owner, set()).update(tags)
    record["declined_tags"] = {owner: sorted(tags) for owner, tags in sorted(declined_tags.items())}
    return record
