"""What separates a stored event from the wanted one: the changes a sink must write, and their description.

Both sinks hold events as MISP JSON dicts (`{"uuid", "Attribute", "Tag", "EventReport", ...}`): MISP's
stored copy (with soft-deleted attributes) or the previous feed file. MISP merges on edit, so a change is
expressed as additions, updates and explicit deletions, never as "the new event replaces the old".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

EVENT_FIELDS = ("info", "date", "threat_level_id", "analysis", "distribution")
ATTRIBUTE_FIELDS = ("type", "category", "value", "to_ids", "comment", "disable_correlation", "object_relation")
REPORT_FIELDS = ("name", "content")
BOOLEAN_FIELDS = ("to_ids", "disable_correlation", "deleted", "published")


def normal(key: str, value: Any) -> Any:
    """MISP answers "3" for 3, "1"/true for booleans and null for an empty comment: compare like for like."""
    if key in BOOLEAN_FIELDS:
        return value not in (False, 0, "0", "", None)
    if value is None:
        return ""
    return str(value)


def tag_names(holder: dict[str, Any]) -> list[str]:
    return [t["name"] for t in holder.get("Tag", []) if not t.get("deleted")]


def deleted(item: dict[str, Any]) -> bool:
    return normal("deleted", item.get("deleted"))


@dataclass
class AttributeChange:
    """`kind`: add (new uuid), update (fields or tags differ), restore (soft-deleted, wanted again), remove.
    A three-way update carries `values`: only the fields the sync writes (an analyst's stay as they are)."""

    kind: str
    attribute: dict[str, Any]
    fields: list[str] = field(default_factory=list)
    tags_removed: list[str] = field(default_factory=list)
    tags_added: list[str] = field(default_factory=list)
    values: dict[str, Any] | None = None


@dataclass
class EventDiff:
    """The changes from `stored` to `wanted`; `created` when nothing is stored yet. `kept` lists what an
    analyst changed in MISP and the sync leaves alone; `conflicts` those where the report changed it too."""

    created: bool = False
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    attributes: list[AttributeChange] = field(default_factory=list)
    tags_added: list[str] = field(default_factory=list)
    tags_removed: list[str] = field(default_factory=list)
    reports: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    left_live: dict[str, dict[str, Any]] = field(default_factory=dict)
    # New attributes of the report not sent: an analyst's copy of the same type and value is in the event.
    not_added: set[str] = field(default_factory=set)
    # Attributes the sync soft-deleted itself (the report dropped them), carried in the record: only these
    # come back when the report gives them again; one an analyst deleted stays deleted.
    removed: set[str] = field(default_factory=set)
    # Tags of the report an analyst had put there first (by attribute uuid, "" for the event): theirs, so
    # left out of the record, and never removed when the report drops them.
    foreign_tags: dict[str, set[str]] = field(default_factory=dict)
    # What the sync delivered and an analyst took away in MISP (attribute uuids; tags by owner as above),
    # carried in the record while MISP lacks it: the report dropping it and giving it again later (an edit,
    # a misp-report upgrade) does not put it back.
    declined: set[str] = field(default_factory=set)
    declined_tags: dict[str, set[str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (
            self.created or self.fields or self.attributes or self.tags_added or self.tags_removed or self.reports
        )

    def lines(self) -> list[str]:
        """One line per change, for --dry-run and the log; then what is kept for the analysts."""
        if self.created:
            return ["create event"]
        out = [f"set {k}: {old!r} -> {new!r}" for k, (old, new) in self.fields.items()]
        for change in self.attributes:
            a = change.attribute
            detail = f" ({', '.join(change.fields)})" if change.fields else ""
            out.append(f"{change.kind} attribute {a.get('type')} {a.get('value')!r}{detail}")
            out.extend(f"untag attribute {a.get('value')!r}: {t}" for t in change.tags_removed)
        out.extend(f"tag event: {t}" for t in self.tags_added)
        out.extend(f"untag event: {t}" for t in self.tags_removed)
        out.extend(f"{kind} event report {r.get('name')!r}" for kind, r in self.reports)
        out.extend(f"keep (analyst) {k}" for k in self.kept)
        return out


def by_uuid(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["uuid"]: item for item in items}


def compare_attribute(wanted: dict[str, Any], stored: dict[str, Any]) -> AttributeChange | None:
    changed = [k for k in ATTRIBUTE_FIELDS if k in wanted and normal(k, wanted[k]) != normal(k, stored.get(k))]
    kept = set(tag_names(stored))
    added = [t for t in tag_names(wanted) if t not in kept]
    removed = [t for t in kept if t not in set(tag_names(wanted))]
    if deleted(stored):
        return AttributeChange("restore", wanted, changed, removed)
    if changed or added or removed:
        return AttributeChange("update", wanted, changed + (["tags"] if added else []), removed)
    return None


def diff_events(wanted: dict[str, Any], stored: dict[str, Any] | None) -> EventDiff:
    """The changes that make `stored` equal `wanted` (objects are not produced by the converter: ignored)."""
    if stored is None:
        return EventDiff(created=True)
    result = EventDiff()
    for key in EVENT_FIELDS:
        if key in wanted and normal(key, wanted[key]) != normal(key, stored.get(key)):
            result.fields[key] = (stored.get(key), wanted[key])
    old = by_uuid(stored.get("Attribute", []))
    for uuid, attribute in by_uuid(wanted.get("Attribute", [])).items():
        if uuid not in old:
            result.attributes.append(AttributeChange("add", attribute))
        elif (change := compare_attribute(attribute, old[uuid])) is not None:
            result.attributes.append(change)
    wanted_uuids = {a["uuid"] for a in wanted.get("Attribute", [])}
    result.attributes.extend(
        AttributeChange("remove", a) for u, a in old.items() if u not in wanted_uuids and not deleted(a)
    )
    stored_tags, wanted_tags = tag_names(stored), tag_names(wanted)
    result.tags_added = [t for t in wanted_tags if t not in stored_tags]
    result.tags_removed = [t for t in stored_tags if t not in wanted_tags]
    old_reports = by_uuid(stored.get("EventReport", []))
    for uuid, report in by_uuid(wanted.get("EventReport", [])).items():
        previous = old_reports.get(uuid)
        if previous is None or deleted(previous):
            result.reports.append(("add", report))
        elif any(normal(k, report.get(k)) != normal(k, previous.get(k)) for k in REPORT_FIELDS):
            result.reports.append(("update", report))
    wanted_reports = {r["uuid"] for r in wanted.get("EventReport", [])}
    result.reports.extend(("remove", r) for u, r in old_reports.items() if u not in wanted_reports and not deleted(r))
    return result


def dropped(wanted: dict[str, Any], stored: dict[str, Any]) -> list[str]:
    """Attributes and tags the sink was sent but does not hold: MISP drops them without an error."""
    problems = []
    held = {a["uuid"]: a for a in stored.get("Attribute", []) if not deleted(a)}
    for attribute in wanted.get("Attribute", []):
        copy = held.get(attribute["uuid"])
        what = f"attribute {attribute['type']} {attribute['value']!r}"
        if copy is None:
            problems.append(
                f"MISP dropped {what}: its value is not valid for the type, or its UUID is used by another event"
            )
            continue
        missing = [t for t in tag_names(attribute) if t not in tag_names(copy)]
        problems.extend(
            f"MISP dropped tag {t!r} of {what}: the tag is unknown to MISP and the API user may "
            "not create tags (role permission perm_tag_editor), or may not tag at all"
            for t in missing
        )
    problems.extend(
        f"MISP dropped event tag {t!r}: the tag is unknown to MISP and the API user may not create tags "
        "(role permission perm_tag_editor), or may not tag at all"
        for t in tag_names(wanted)
        if t not in tag_names(stored)
    )
    return problems
