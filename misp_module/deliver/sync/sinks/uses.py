"""What people in MISP hang on an attribute without retyping it, so that the sync leaves live an attribute of
its own that the report drops: a pending proposal to change it (not one to delete it), a sighting, a note or
opinion (MISP 2.5's analyst data), first or last seen, an object's reference to it. None of these moves a
field the delivery record compares, so the three-way merge (merge.py) asks here.
"""

from __future__ import annotations

from typing import Any

# Attribute fields the report never sets: a value there was put by someone in MISP.
ANALYSTS_FIELDS = ("first_seen", "last_seen")
# MISP 2.5's analyst data, listed on the element it is about (its REST event view gives them flat).
ANALYST_DATA = ("Note", "Opinion", "Relationship")


def live(item: dict[str, Any]) -> bool:
    return item.get("deleted") in (False, 0, "0", "", None)


def proposes_deletion(proposal: dict[str, Any]) -> bool:
    """A proposal to delete the attribute (another organisation's false positive): it agrees with a report that
    drops the attribute, so it keeps nothing live, as a false-positive sighting does not."""
    return proposal.get("proposal_to_delete") not in (False, 0, "0", "", None)


class AttributeUses:
    """The uses of one stored event's attributes; `sighted`: uuids of the attributes with a sighting (MISP
    keeps sightings apart from the event: the sink asks for them)."""

    def __init__(self, stored: dict[str, Any], sighted: frozenset[str] = frozenset()) -> None:
        self.sighted = sighted
        # attribute uuid -> the live objects whose live references point to it (an analyst's objects)
        self.referrers: dict[str, list[str]] = {}
        for obj in filter(live, stored.get("Object") or []):
            for reference in filter(live, obj.get("ObjectReference") or []):
                self.referrers.setdefault(str(reference.get("referenced_uuid")), []).append(str(obj.get("name")))

    def of(self, held: dict[str, Any]) -> list[str]:
        """Why `held` is in use, in words for the run's output; empty when nothing hangs on it."""
        reasons = [key for key in ANALYSTS_FIELDS if held.get(key)]
        if held.get("uuid") in self.sighted:
            reasons.append("it was sighted")
        if any(live(p) and not proposes_deletion(p) for p in held.get("ShadowAttribute") or []):
            reasons.append("a proposal pending")
        reasons += [f"an analyst {kind.lower()} on it" for kind in ANALYST_DATA if held.get(kind)]
        reasons += [f"referenced by object {name}" for name in self.referrers.get(str(held.get("uuid")), [])]
        return reasons
