"""What analysts hang on an event's attributes in the MISP double without editing them: proposals (shadow
attributes), object references, sightings and MISP 2.5's analyst data (notes, opinions, relationships).

As in MISP 2.5: a proposal to change an attribute is listed under that attribute's `ShadowAttribute` in the
event view (the recordings show the empty list on every attribute) and changes nothing until accepted; an
object reference sits under its object's `ObjectReference` with the `referenced_uuid` of its target; a
sighting lives in MISP's own table (the event view the sync reads does not carry it) and moves no timestamp;
a note, opinion or relationship is listed under its target's `Note`, `Opinion` or `Relationship` (the flat
form MISP's AnalystDataParentBehavior gives REST clients).
"""

from __future__ import annotations

import copy
import uuid
from typing import Any

from .rules import ORG, error


class AnalystData:
    """The proposal, reference and sighting part of `MispModel` (which holds `events`, `lock` and `clock`)."""

    def _holder_of(self, ref: str, url: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """(event, attribute) by the attribute's uuid or id, else MISP's 404 "Invalid attribute"."""
        for event in self.events.values():
            for attribute in self._all_attributes(event):
                if ref in (attribute["uuid"], attribute["id"]) and not attribute["deleted"]:
                    return event, attribute
        raise error(404, "Invalid attribute", url)

    def propose_edit(self, ref: str, sent: dict[str, Any]) -> dict[str, Any]:
        """POST /shadowAttributes/edit/<attribute>: a proposal; the attribute and the event stay as they are."""
        sent = sent.get("ShadowAttribute", sent.get("Attribute", sent))
        with self.lock:
            event, attribute = self._holder_of(ref, f"/shadowAttributes/edit/{ref}")
            proposal = {
                "id": self._next("proposal"),
                "old_id": attribute["id"],
                "event_id": event["id"],
                "type": sent.get("type", attribute["type"]),
                "category": sent.get("category", attribute["category"]),
                "value": sent.get("value", attribute["value"]),
                "to_ids": sent.get("to_ids", attribute["to_ids"]),
                "comment": sent.get("comment", attribute["comment"]),
                "uuid": str(uuid.uuid4()),
                "org_id": ORG["id"],
                "event_uuid": event["uuid"],
                "deleted": False,
                "proposal_to_delete": False,
                "timestamp": str(self.clock()),
                "first_seen": sent.get("first_seen"),
                "last_seen": sent.get("last_seen"),
            }
            attribute["ShadowAttribute"].append(proposal)
            return {"ShadowAttribute": copy.deepcopy(proposal)}

    def propose_delete(self, ref: str) -> dict[str, Any]:
        """POST /shadowAttributes/delete/<attribute>: a proposal to delete the attribute (another organisation
        finds it a false positive), a copy of its fields with `proposal_to_delete` set; the attribute stays.
        MISP's ShadowAttributesController::delete answers `saved` and a `success` sentence (no recording holds
        this call)."""
        with self.lock:
            event, attribute = self._holder_of(ref, f"/shadowAttributes/delete/{ref}")
            fields = ("type", "category", "value", "to_ids", "comment", "first_seen", "last_seen")
            proposal = {
                "id": self._next("proposal"),
                "old_id": attribute["id"],
                "event_id": event["id"],
                **{k: attribute.get(k) for k in fields},
                "uuid": attribute["uuid"],
                "org_id": ORG["id"],
                "event_uuid": event["uuid"],
                "deleted": False,
                "proposal_to_delete": True,
                "timestamp": str(self.clock()),
            }
            attribute["ShadowAttribute"].append(proposal)
            return {"saved": True, "success": "The proposal to delete the attribute has been saved"}

    def accept_proposal(self, proposal_id: str) -> dict[str, Any]:
        """POST /shadowAttributes/accept/<id>: the event's organisation takes the proposal; its fields go into
        the attribute as an edit would put them (new attribute and event timestamps, event unpublished). No
        recording holds this call: the answer is the one PyMISP's own tests expect ("Proposal accepted")."""
        url = f"/shadowAttributes/accept/{proposal_id}"
        with self.lock:
            for event in self.events.values():
                for attribute in self._all_attributes(event):
                    taken = [p for p in attribute["ShadowAttribute"] if p["id"] == proposal_id]
                    if not taken:
                        continue
                    proposal, now = taken[0], self.clock()
                    if proposal["proposal_to_delete"]:  # not modelled: no test accepts one
                        raise error(501, "Accepting a proposal to delete is not modelled by the MISP double", url)
                    fields = ("type", "category", "value", "to_ids", "comment", "first_seen", "last_seen")
                    self._edit_attribute(
                        attribute, {k: proposal[k] for k in fields if proposal.get(k) is not None}, now
                    )
                    attribute["ShadowAttribute"].remove(proposal)
                    event["timestamp"], event["published"] = str(now), False
                    return {
                        "saved": True,
                        "success": True,
                        "name": "Proposal accepted",
                        "message": "Proposal accepted",
                        "url": url,
                    }
            raise error(404, "Invalid proposal.", url)

    def add_reference(self, sent: dict[str, Any]) -> dict[str, Any]:
        """POST /objectReferences/add: a reference from an object to an attribute or object of its event."""
        sent = sent.get("ObjectReference", sent)
        url = "/objectReferences/add"
        with self.lock:
            found = [(e, o) for e in self.events.values() for o in e["Object"] if o["uuid"] == sent.get("object_uuid")]
            if not found:
                raise error(404, "Invalid object.", url)
            event, source = found[0]
            targets = {a["uuid"]: (a["id"], "0") for a in self._all_attributes(event)}
            targets.update({o["uuid"]: (o["id"], "1") for o in event["Object"]})
            if sent.get("referenced_uuid") not in targets:
                raise error(404, "Invalid target.", url)
            target_id, target_type = targets[sent["referenced_uuid"]]
            now = str(self.clock())
            reference = {
                "id": self._next("reference"),
                "uuid": sent.get("uuid") or str(uuid.uuid4()),
                "timestamp": now,
                "object_id": source["id"],
                "referenced_uuid": sent["referenced_uuid"],
                "referenced_id": target_id,
                "referenced_type": target_type,
                "relationship_type": sent.get("relationship_type", ""),
                "comment": sent.get("comment", ""),
                "deleted": False,
                "event_id": event["id"],
                "object_uuid": source["uuid"],
            }
            source["ObjectReference"].append(reference)
            source["timestamp"] = event["timestamp"] = now
            event["published"] = False
            return {"ObjectReference": copy.deepcopy(reference)}

    def add_sighting(self, ref: str, sent: dict[str, Any]) -> dict[str, Any]:
        """POST /sightings/add/<attribute>: kept apart from the event; no timestamp of the event moves."""
        with self.lock:
            event, attribute = self._holder_of(ref, f"/sightings/add/{ref}")
            sighting = {
                "id": self._next("sighting"),
                "attribute_id": attribute["id"],
                "event_id": event["id"],
                "org_id": ORG["id"],
                "date_sighting": str(sent.get("timestamp") or self.clock()),
                "uuid": str(uuid.uuid4()),
                "source": sent.get("source", ""),
                "type": str(sent.get("type", "0")),
                "attribute_uuid": attribute["uuid"],
            }
            self.sightings.append(sighting)
            return {"Sighting": copy.deepcopy(sighting)}

    def search_sightings(self, context: str, sent: dict[str, Any]) -> list[dict[str, Any]]:
        """POST /sightings/restSearch/<event|attribute> {"id": ...}: a list of {"Sighting": {...}}, the form
        PyMISP's search_sightings reads."""
        ref = str(sent.get("id", ""))
        with self.lock:
            if context == "event":
                event = self.find(ref, f"/sightings/restSearch/{context}")
                found = [s for s in self.sightings if s["event_id"] == event["id"]]
            else:
                found = [s for s in self.sightings if ref in (s["attribute_id"], s["attribute_uuid"])]
            return [{"Sighting": copy.deepcopy(s)} for s in found]

    def add_analyst_data(self, kind: str, target_uuid: str, target_type: str, sent: dict[str, Any]) -> dict[str, Any]:
        """POST /analyst_data/add/<Note|Opinion|Relationship>/<uuid>/<type>: hung on an attribute of an event."""
        sent = sent.get(kind, sent)
        url = f"/analyst_data/add/{kind}/{target_uuid}/{target_type}"
        with self.lock:
            _, attribute = self._holder_of(target_uuid, url)
            data = {
                **{k: v for k, v in sent.items() if k in ("note", "opinion", "comment", "relationship_type")},
                "id": self._next("analyst_data"),
                "uuid": sent.get("uuid") or str(uuid.uuid4()),
                "object_uuid": target_uuid,
                "object_type": target_type,
                "orgc_uuid": ORG["uuid"],
                "created": str(self.clock()),
                "modified": str(self.clock()),
            }
            attribute.setdefault(kind, []).append(data)
            return {kind: copy.deepcopy(data)}
