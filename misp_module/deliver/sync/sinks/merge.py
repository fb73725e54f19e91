"""The three-way merge of the misp sink: what the sync last delivered (its record, see delivered.py), what
MISP holds now (analysts edit the same events), and the new conversion. The sync writes a difference only
where MISP still holds what the sync delivered; anything else is an analyst's and stays. Without a record
(state lost, or written by an older version) the sync's own attributes are known by their derived UUIDs,
and every other difference is left as MISP holds it: nothing is removed that the sync cannot prove it added.
"""

from __future__ import annotations

import hashlib
import uuid as uuid_module
from typing import Any

from ....build.identity import attribute_uuid, report_uuid
from .diff import ATTRIBUTE_FIELDS, EVENT_FIELDS, AttributeChange, EventDiff, by_uuid, deleted, normal, tag_names
from .galaxies import cluster_uuid
from .uses import AttributeUses

MERGED_ATTRIBUTE_FIELDS = (*ATTRIBUTE_FIELDS, "distribution")
# Namespaces of which an event carries one tag: an analyst's choice there excludes the report's.
EXCLUSIVE_NAMESPACES = ("tlp:",)
NO_RECORD = "no delivery record: MISP's version kept"


def derived_attribute(event_uuid: str, attribute: dict[str, Any]) -> bool:
    """The attribute's UUID is the one the converter derives from its event, type and value: the sync's."""
    try:
        parent = uuid_module.UUID(str(event_uuid))
    except ValueError:
        return False
    return str(attribute_uuid(parent, str(attribute.get("type")), str(attribute.get("value")))) == attribute.get("uuid")


def derived_report(event_uuid: str, report: dict[str, Any]) -> bool:
    try:
        parent = uuid_module.UUID(str(event_uuid))
    except ValueError:
        return False
    return str(report_uuid(parent, str(report.get("name")))) == report.get("uuid")


def report_signature(report: dict[str, Any]) -> str:
    """What the record keeps of an event report: a digest of its name and content (not the text)."""
    text = f"{report.get('name') or ''}\x00{report.get('content') or ''}"
    return hashlib.sha256(text.encode()).hexdigest()


def exclusive_rivals(tag: str, other: str) -> bool:
    """Both tags are of a namespace an event carries once (an analyst's TLP excludes the report's)."""
    return any(tag.startswith(ns) and other.startswith(ns) for ns in EXCLUSIVE_NAMESPACES)


def cluster_names(event: dict[str, Any]) -> dict[str, str]:
    """The cluster UUID of each `misp-galaxy:` tag of the event and its attributes that the galaxies we ship
    know (kept in the record: after an upgrade that renames a cluster, its old name maps to nothing)."""
    names = {t["name"] for h in (event, *event.get("Attribute", [])) for t in h.get("Tag", [])}
    return {name: uuid for name in sorted(names) if (uuid := cluster_uuid(name))}


class TagKeys:
    """A tag's identity across versions of the galaxies: a `misp-galaxy:` tag is its cluster (a misp-galaxy
    update renames clusters, an ATT&CK release renames techniques), any other tag its name. So a cluster an
    analyst took off stays off under its new name. `known`: the record's `clusters`, for old names."""

    def __init__(self, known: dict[str, str]) -> None:
        self.known = known

    def __call__(self, name: str) -> str:
        uuid = self.known.get(name) or cluster_uuid(name)
        return f"cluster {uuid}" if uuid else name


def changed_since(base: dict[str, Any], ours: dict[str, Any]) -> bool:
    """The report changed this attribute since the sync delivered it (`base`: the record's entry)."""
    fields = [k for k in MERGED_ATTRIBUTE_FIELDS if k in ours and k in base]
    return any(normal(k, ours[k]) != normal(k, base[k]) for k in fields) or set(tag_names(ours)) != set(
        base.get("tags", [])
    )


def describe(attribute: dict[str, Any]) -> str:
    return f"{attribute.get('type')} {attribute.get('value')!r}"


def three_way(key: str, base: Any, theirs: Any, ours: Any, known: bool) -> str:
    """same | write (MISP holds what was delivered) | kept (the analyst changed it) | conflict (both did)
    | unknown (no record of what was delivered)."""
    o, t = normal(key, ours), normal(key, theirs)
    if o == t:
        return "same"
    if not known:
        return "unknown"
    b = normal(key, base)
    if t == b:
        return "write"
    return "kept" if o == b else "conflict"


class _Merge:
    """One merge; the results accumulate in `diff`."""

    def __init__(
        self,
        wanted: dict[str, Any],
        stored: dict[str, Any],
        record: dict[str, Any] | None,
        sighted: frozenset[str] = frozenset(),
    ) -> None:
        self.wanted, self.stored, self.record = wanted, stored, record
        self.diff = EventDiff()
        # a write based on the record may have reached MISP (delivered.py's `in_doubt`): what MISP holds as
        # the report wants it is taken for the sync's own work, not for an analyst's
        self.in_doubt = bool((record or {}).get("in_doubt"))
        # what analysts took away before (delivered.py's `declined`): the sync offers none of it again
        self.declined = set((record or {}).get("declined", []))
        self.declined_tags = {k: set(v) for k, v in (record or {}).get("declined_tags", {}).items()}
        self.key = TagKeys((record or {}).get("clusters", {}))
        self.copies: dict[tuple[Any, Any], dict[str, Any]] = {}
        self.uses = AttributeUses(stored, sighted)

    def keep(self, what: str, outcome: str) -> None:
        if outcome == "conflict":
            text = f"{what} (the report changed it too: the analyst's value stays)"
            self.diff.conflicts.append(text)
        else:
            text = f"{what} ({NO_RECORD})" if outcome == "unknown" else what
        self.diff.kept.append(text)

    # -- event fields --------------------------------------------------------------------------------
    def fields(self) -> None:
        base = (self.record or {}).get("fields", {})
        for key in EVENT_FIELDS:
            if key not in self.wanted:
                continue
            theirs, ours = self.stored.get(key), self.wanted[key]
            outcome = three_way(key, base.get(key), theirs, ours, self.record is not None and key in base)
            if outcome == "write":
                self.diff.fields[key] = (theirs, ours)
            elif outcome != "same":
                self.keep(f"event {key} {theirs!r} set in MISP (report: {ours!r})", outcome)

    # -- attributes ----------------------------------------------------------------------------------
    def attributes(self) -> None:
        known = self.record is not None
        base_all: dict[str, dict[str, Any]] = (self.record or {}).get("attributes", {})
        stored = by_uuid(self.stored.get("Attribute", []))
        wanted = by_uuid(self.wanted.get("Attribute", []))
        # live attributes by type and value (an object's are apart: MISP allows the same value there), less
        # the sync's own that the report dropped with the value it delivered (the sync removes those now)
        self.copies = {
            (a.get("type"), a.get("value")): a
            for a in self.stored.get("Attribute", [])
            if not deleted(a)
            and not a.get("object_relation")
            and not (
                a["uuid"] in base_all and a["uuid"] not in wanted and base_all[a["uuid"]].get("value") == a.get("value")
            )
        }
        for uuid, attribute in wanted.items():
            self.attribute(attribute, stored.get(uuid), base_all.get(uuid), known)
        for uuid, held in stored.items():
            if uuid not in wanted and not deleted(held):
                self.unwanted(held, base_all.get(uuid))
        # still the sync's removal while the report leaves it out (an analyst may have restored it: theirs)
        before = set((self.record or {}).get("removed", []))
        self.diff.removed |= {u for u in before if u not in wanted and u in stored}
        if self.in_doubt:  # the report dropped it and MISP holds it deleted: the sync's unfinished write did
            self.diff.removed |= {u for u in base_all if u not in wanted and u in stored and deleted(stored[u])}
        # the sync's attributes MISP no longer holds live, that the sync did not remove: an analyst deleted
        # them (soft or hard); remembered while MISP lacks them, whatever the report gives meanwhile
        held = {u for u, a in stored.items() if not deleted(a)}
        self.diff.declined = (set(base_all) | self.declined) - held - before - self.diff.removed

    def attribute(
        self, ours: dict[str, Any], theirs: dict[str, Any] | None, base: dict[str, Any] | None, known: bool
    ) -> None:
        what = f"attribute {describe(ours)}"
        if theirs is None:
            copy = self.copies.get((ours.get("type"), ours.get("value")))
            if base is not None:  # the sync delivered it and it is gone: hard-deleted in MISP
                self.keep(f"{what} deleted in MISP", "conflict" if changed_since(base, ours) else "kept")
            elif ours["uuid"] in self.declined:  # hard-deleted in MISP before the report dropped it
                self.keep(f"{what} deleted in MISP", "kept")
            elif copy is not None:  # MISP refuses a second one (valueIsUnique), and analysts want none
                self.diff.not_added.add(ours["uuid"])
                self.keep(f"{what} already in MISP, added there (the sync adds no second copy)", "kept")
            else:
                self.diff.attributes.append(AttributeChange("add", ours))
            return
        if deleted(theirs):
            copy = self.copies.get((ours.get("type"), ours.get("value")))
            if known and base is None and self.removed_by_sync(ours["uuid"]) and copy is not None:
                self.diff.not_added.add(ours["uuid"])  # MISP would not restore it next to the analyst's
                self.diff.removed.add(ours["uuid"])  # still the sync's removal: back once their copy is gone
                self.keep(f"{what} already in MISP, added there (the sync restores no second copy)", "kept")
            elif known and base is None and self.removed_by_sync(ours["uuid"]):  # the report gives it again
                restored = self.without_declined_tags(ours)
                self.diff.attributes.append(AttributeChange("restore", restored, tags_added=tag_names(restored)))
            elif base is not None and changed_since(base, ours):
                self.keep(f"{what} soft-deleted in MISP", "conflict")
            else:
                self.keep(f"{what} soft-deleted in MISP", "kept" if known else "unknown")
            return
        values, written = {}, []
        for key in MERGED_ATTRIBUTE_FIELDS:
            if key not in ours:
                continue
            outcome = three_way(key, (base or {}).get(key), theirs.get(key), ours[key], base is not None)
            if outcome == "write":
                values[key] = ours[key]
                written.append(key)
            elif outcome != "same":
                self.keep(f"{what}: {key} {theirs.get(key)!r} set in MISP (report: {ours[key]!r})", outcome)
        added, removed = self.tag_changes(
            f"{what}: tag",
            None if base is None else base.get("tags", []),
            tag_names(theirs),
            tag_names(ours),
            theirs["uuid"],
        )
        if values or added or removed:
            identity = {"uuid": theirs["uuid"], "type": theirs.get("type"), "value": theirs.get("value")}
            written += ["tags"] if added else []
            self.diff.attributes.append(
                AttributeChange("update", ours, written, removed, added, values={**identity, **values})
            )

    def removed_by_sync(self, uuid: str) -> bool:
        """The sync soft-deleted this attribute when the report dropped it (a record of an older version,
        without the list, is taken as saying so)."""
        record = self.record or {}
        return uuid not in self.declined and ("removed" not in record or uuid in record["removed"])

    def without_declined_tags(self, attribute: dict[str, Any]) -> dict[str, Any]:
        """The attribute less the tags an analyst took off it in MISP (a restore sends its tags again)."""
        declined = self.declined_tags.get(attribute["uuid"], set())
        if not declined:
            return attribute
        kept = [t for t in attribute.get("Tag", []) if self.key(t.get("name", "")) not in declined]
        return {**attribute, "Tag": kept}

    def unwanted(self, held: dict[str, Any], base: dict[str, Any] | None) -> None:
        """A live attribute the report no longer gives: the sync removes its own, unless an analyst edited it
        or uses it (uses.py)."""
        if base is None:
            if self.record is not None and held.get("uuid") in self.record.get("attributes", {}):
                return
            if held.get("uuid") in (self.record or {}).get("removed", []):
                self.keep(f"attribute {describe(held)} restored in MISP after the report dropped it", "kept")
                return
            if not derived_attribute(self.stored.get("uuid", ""), held):
                return  # an analyst's attribute
            if used := self.uses.of(held):
                self.keep(f"attribute {describe(held)} left live: the report dropped it but {', '.join(used)}", "kept")
                return
            self.diff.attributes.append(AttributeChange("remove", held))
            self.diff.removed.add(held["uuid"])
            return
        edited = [k for k in MERGED_ATTRIBUTE_FIELDS if k in base and normal(k, base[k]) != normal(k, held.get(k))]
        edited += [f"tag {t}" for t in tag_names(held) if t not in base.get("tags", [])]
        edited += self.uses.of(held)
        if edited:
            self.keep(
                f"attribute {describe(held)} left live: the report dropped it but it was edited in MISP "
                f"({', '.join(edited)})",
                "conflict",
            )
            self.diff.left_live[held["uuid"]] = base
            return
        self.diff.attributes.append(AttributeChange("remove", held))
        self.diff.removed.add(held["uuid"])

    # -- tags ----------------------------------------------------------------------------------------
    def tag_changes(
        self, what: str, base: list[str] | None, theirs: list[str], ours: list[str], owner: str = ""
    ) -> tuple[list[str], list[str]]:
        """Tags to add and to remove: the sync adds a new tag of the report and removes a tag it put there
        that the report dropped; a tag it put there and someone removed stays removed."""
        if base is None:
            for tag in ours:
                if tag not in theirs:
                    self.keep(f"{what} {tag} not in MISP", "unknown")
            return [], []
        added, removed = [], []
        analysts = [t for t in theirs if t not in base]
        # what was declined, by tag key (TagKeys): while MISP holds no tag of that key
        prior = self.declined_tags.get(owner, set())
        held = {self.key(t) for t in theirs}
        declined = {k for k in {*map(self.key, base), *prior} if k not in held}
        if self.in_doubt:  # one the report dropped may be the sync's own removal, in the unfinished write
            wanted = {self.key(t) for t in ours}
            declined = {k for k in declined if k in wanted or k in prior}
        if declined:
            self.diff.declined_tags[owner] = declined
        for tag in ours:
            if tag in theirs:
                if tag not in base and not self.in_doubt:
                    self.diff.foreign_tags.setdefault(owner, set()).add(tag)
                continue
            if self.key(tag) in declined:
                self.keep(f"{what} {tag} removed in MISP", "kept")
                continue
            rival = next((t for t in analysts if exclusive_rivals(tag, t)), None)
            if rival is not None:
                self.keep(f"{what} {rival} set in MISP (report: {tag})", "conflict")
                continue
            added.append(tag)
        removed = [t for t in base if t not in ours and t in theirs]
        return added, removed

    def carry_declined_tags(self) -> None:
        """Tags an analyst took off an attribute whose tags the merge did not compare (the report drops it, or
        it is deleted): declined too, while MISP holds the attribute without them."""
        if self.record is None:
            return
        base_all = self.record.get("attributes", {})
        for uuid, held in by_uuid(self.stored.get("Attribute", [])).items():
            if uuid in self.diff.declined_tags:
                continue
            before = {*map(self.key, base_all.get(uuid, {}).get("tags", [])), *self.declined_tags.get(uuid, ())}
            if still := before - {self.key(t) for t in tag_names(held)}:
                self.diff.declined_tags[uuid] = still

    def event_tags(self) -> None:
        base = None if self.record is None else self.record.get("tags", [])
        added, removed = self.tag_changes("event tag", base, tag_names(self.stored), tag_names(self.wanted))
        self.diff.tags_added, self.diff.tags_removed = added, removed

    # -- event reports -------------------------------------------------------------------------------
    def reports(self) -> None:
        known = self.record is not None
        base_all: dict[str, str] = (self.record or {}).get("reports", {})
        stored = by_uuid(self.stored.get("EventReport", []))
        wanted = by_uuid(self.wanted.get("EventReport", []))
        for uuid, ours in wanted.items():
            theirs, base = stored.get(uuid), base_all.get(uuid)
            what = f"event report {ours.get('name')!r}"
            changed = "conflict" if base is not None and report_signature(ours) != base else "kept"
            if theirs is None:
                if base is not None:
                    self.keep(f"{what} deleted in MISP", changed)
                else:
                    self.diff.reports.append(("add", ours))
                continue
            if deleted(theirs):
                if known and base is None:  # the sync removed it when the report dropped it: back
                    self.diff.reports.append(("add", ours))
                else:
                    self.keep(f"{what} deleted in MISP", changed if known else "unknown")
                continue
            held, new = report_signature(theirs), report_signature(ours)
            if held == new:
                continue
            if base is None:
                self.keep(f"{what} differs in MISP", "unknown" if not known else "conflict")
            elif held == base:
                self.diff.reports.append(("update", ours))
            else:
                self.keep(f"{what} edited in MISP", "kept" if new == base else "conflict")
        for uuid, theirs in stored.items():
            if uuid in wanted or deleted(theirs):
                continue
            base = base_all.get(uuid)
            ours_before = base is not None or (not known and derived_report(self.stored.get("uuid", ""), theirs))
            if not ours_before:
                continue
            if base is not None and report_signature(theirs) != base:
                name = theirs.get("name")
                self.keep(f"event report {name!r} left: the report dropped it but it was edited in MISP", "conflict")
                continue
            self.diff.reports.append(("remove", theirs))


def merge_events(
    wanted: dict[str, Any],
    stored: dict[str, Any] | None,
    record: dict[str, Any] | None,
    sighted: frozenset[str] = frozenset(),
) -> EventDiff:
    """What the sync writes to make MISP's `stored` copy follow the new conversion `wanted` without undoing
    an analyst's change (`record`: what the sync last delivered, None when unknown; `sighted`: uuids of the
    attributes someone reported seeing, which MISP keeps apart from the event)."""
    if stored is None:
        return EventDiff(created=True)
    merge = _Merge(wanted, stored, record, sighted)
    merge.fields()
    merge.attributes()
    merge.event_tags()
    merge.reports()
    merge.carry_declined_tags()
    return merge.diff
