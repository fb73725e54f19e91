"""Attributes and objects in the MISP double: new ones (silently dropped when invalid or another event's,
12), merge-only edits (05), soft and hard deletes (06), the analyst's edit and add endpoints, restSearch (09)."""

from __future__ import annotations

import copy
import uuid
from typing import Any

from .rules import ATTRIBUTE_FIELDS, MispError, as_bool, as_list, error, valid_value


class Attributes:
    """The attribute part of `MispModel` (which holds `events`, `_owners`, `lock`, `clock` and the tag rules)."""

    def _attribute_owner(self, attribute_uuid: str) -> str | None:
        return self._owners.get(attribute_uuid)

    @staticmethod
    def _all_attributes(event: dict[str, Any]) -> list[dict[str, Any]]:
        return [*event["Attribute"], *(a for o in event["Object"] for a in o["Attribute"])]

    def _new_attribute(
        self, event: dict[str, Any], sent: dict[str, Any], object_id: str, now: int
    ) -> dict[str, Any] | None:
        """A new attribute, or None when MISP drops it silently: invalid value, or uuid of another event (12)."""
        attribute_uuid = sent.get("uuid") or str(uuid.uuid4())
        if not valid_value(sent.get("type", ""), sent.get("value", "")):
            return None
        if self._attribute_owner(attribute_uuid) not in (None, event["uuid"]):
            return None
        if self._similar(event, sent, object_id):
            return None
        attribute = {
            "id": self._next("attribute"),
            "type": sent["type"],
            "category": sent.get("category", "Other"),
            "to_ids": as_bool(sent.get("to_ids", False)),
            "uuid": attribute_uuid,
            "event_id": event["id"],
            "distribution": str(sent.get("distribution", 5)),
            "timestamp": str(sent.get("timestamp") or now),
            "comment": sent.get("comment", ""),
            "sharing_group_id": "0",
            "deleted": as_bool(sent.get("deleted", False)),
            "disable_correlation": as_bool(sent.get("disable_correlation", False)),
            "object_id": object_id,
            "object_relation": sent.get("object_relation"),
            "first_seen": sent.get("first_seen"),
            "last_seen": sent.get("last_seen"),
            "value": sent["value"],
            "Galaxy": [],
            "ShadowAttribute": [],
            "Tag": [],
        }
        self._apply_tags(attribute, sent.get("Tag", []))
        self._owners[attribute_uuid] = event["uuid"]
        return attribute

    @staticmethod
    def _similar(event: dict[str, Any], sent: dict[str, Any], object_id: str) -> bool:
        """Attribute::valueIsUnique and findAttributeByValue: a live attribute of the event outside objects
        (object_id 0) with the same category, type and value already exists, so MISP refuses this one (in an
        event edit: silently, 12). Objects' attributes (an object_relation) and deleted ones are exempt."""
        if object_id != "0" or sent.get("object_relation") or as_bool(sent.get("deleted")):
            return False
        category = sent.get("category", "Other")
        return any(
            (a["type"], a["category"], a["value"]) == (sent.get("type"), category, sent.get("value"))
            for a in event["Attribute"]
            if not a["deleted"] and a["uuid"] != sent.get("uuid")
        )

    def _edit_attribute(
        self, stored: dict[str, Any], sent: dict[str, Any], now: int, event: dict[str, Any] | None = None
    ) -> None:
        """Fields sent replace the stored ones; a `deleted` key absent leaves the flag alone (06); an attribute
        whose sent timestamp is not newer than the stored one is ignored without an error (07). In an event
        edit (`event`), an edit that would make it a live twin of another attribute is dropped (valueIsUnique,
        which skips the attribute itself)."""
        if sent.get("timestamp") is not None and int(sent["timestamp"]) <= int(stored["timestamp"]):
            return
        if "value" in sent and not valid_value(sent.get("type", stored["type"]), sent["value"]):
            return
        result = {**stored, **{k: sent[k] for k in ("type", "category", "value", "deleted") if k in sent}}
        if event is not None and self._similar(event, result, stored["object_id"]):
            return
        for key in ATTRIBUTE_FIELDS:
            if key in sent:
                stored[key] = str(sent[key]) if key in ("distribution", "sharing_group_id") else sent[key]
        for key in ("to_ids", "disable_correlation"):
            stored[key] = as_bool(stored[key])
        if "deleted" in sent:
            stored["deleted"] = as_bool(sent["deleted"])
        stored["timestamp"] = str(sent.get("timestamp") or now)
        self._apply_tags(stored, sent.get("Tag", []))

    def _merge_attributes(
        self, event: dict[str, Any], holder: dict[str, Any], sent_list: list[dict[str, Any]], object_id: str, now: int
    ) -> None:
        for sent in sent_list:
            stored = next((a for a in holder["Attribute"] if a["uuid"] == sent.get("uuid")), None)
            if stored is not None:
                self._edit_attribute(stored, sent, now, event)
            else:
                new = self._new_attribute(event, sent, object_id, now)
                if new is not None:
                    holder["Attribute"].append(new)

    def _merge_objects(self, event: dict[str, Any], sent_list: list[dict[str, Any]], now: int) -> None:
        for sent in sent_list:
            stored = next((o for o in event["Object"] if o["uuid"] == sent.get("uuid")), None)
            if stored is None:
                stored = {
                    "id": self._next("object"),
                    "name": sent.get("name", ""),
                    "meta-category": sent.get("meta-category", "misc"),
                    "description": sent.get("description", ""),
                    "template_uuid": sent.get("template_uuid"),
                    "template_version": sent.get("template_version"),
                    "event_id": event["id"],
                    "uuid": sent.get("uuid"),
                    "timestamp": str(now),
                    "distribution": "5",
                    "sharing_group_id": "0",
                    "comment": sent.get("comment", ""),
                    "deleted": False,
                    "first_seen": None,
                    "last_seen": None,
                    "ObjectReference": [],
                    "Attribute": [],
                }
                event["Object"].append(stored)
            else:
                stored["timestamp"] = str(now)
            if "deleted" in sent:
                stored["deleted"] = as_bool(sent["deleted"])
            self._merge_attributes(event, stored, sent.get("Attribute", []), stored["id"], now)

    def delete_attribute(self, ref: str, hard: bool) -> dict[str, Any]:
        """POST /attributes/delete: soft (timestamp moves) or hard; missing or already soft-deleted → 404 (06)."""
        url = f"/attributes/delete/{ref}"
        with self.lock:
            for event in self.events.values():
                for holder in (event, *event["Object"]):
                    for attribute in holder["Attribute"]:
                        if ref not in (attribute["uuid"], attribute["id"]):
                            continue
                        if attribute["deleted"] and not hard:
                            raise error(404, "Invalid attribute", url)
                        now = self.clock()
                        if hard:
                            holder["Attribute"].remove(attribute)
                            self._owners.pop(attribute["uuid"], None)
                        else:
                            attribute["deleted"], attribute["timestamp"] = True, str(now)
                        event["timestamp"] = str(now)
                        return {"message": "Attribute deleted."}
            raise error(404, "Invalid attribute", url)

    def edit_attribute(self, ref: str, sent: dict[str, Any]) -> dict[str, Any]:
        """POST /attributes/edit/<uuid or id>: the fields sent replace the stored ones (an analyst's edit)."""
        sent = sent.get("Attribute", sent)
        url = f"/attributes/edit/{ref}"
        with self.lock:
            for event in self.events.values():
                for attribute in self._all_attributes(event):
                    if ref in (attribute["uuid"], attribute["id"]) and not attribute["deleted"]:
                        now = self.clock()
                        self._edit_attribute(attribute, {k: v for k, v in sent.items() if k != "timestamp"}, now)
                        event["timestamp"], event["published"] = str(now), False
                        return {
                            "Attribute": {k: v for k, v in attribute.items() if k not in ("Galaxy", "ShadowAttribute")}
                        }
            raise error(404, "Invalid attribute", url)

    def add_attribute(self, event_ref: str, sent: dict[str, Any]) -> dict[str, Any]:
        """POST /attributes/add: unlike an event edit, refusals are explicit 403s (12)."""
        sent = sent.get("Attribute", sent)
        with self.lock:
            event = self.find(event_ref, f"/attributes/add/{event_ref}")
            problems: dict[str, list[str]] = {}
            if any(
                a["type"] == sent.get("type") and a["value"] == sent.get("value") and not a["deleted"]
                for a in event["Attribute"]
            ):
                problems["value"] = ["A similar attribute already exists for this event."]
            elif not valid_value(sent.get("type", ""), sent.get("value", "")):
                problems["value"] = [
                    "IP address has an invalid format." if sent.get("type", "").startswith("ip-") else "Invalid value."
                ]
            elif sent.get("uuid") and self._attribute_owner(sent["uuid"]) is not None:
                problems["uuid"] = ["The UUID provided is not unique"]
            if problems:
                raise MispError(
                    403,
                    {
                        "saved": False,
                        "name": "Could not add Attribute",
                        "message": "Could not add Attribute",
                        "url": "/attributes/add",
                        "errors": problems,
                    },
                )
            now = self.clock()
            attribute = self._new_attribute(event, sent, "0", now)
            event["Attribute"].append(attribute)
            event["timestamp"] = str(now)
            return {"Attribute": {k: v for k, v in attribute.items() if k not in ("Galaxy", "ShadowAttribute")}}

    def search_attributes(self, filters: dict[str, Any]) -> dict[str, Any]:
        """POST /attributes/restSearch by value or uuid (09)."""
        with self.lock:
            found = [
                {
                    **{k: v for k, v in a.items() if k not in ("Galaxy", "ShadowAttribute", "Tag")},
                    "Event": {
                        "id": e["id"],
                        "uuid": e["uuid"],
                        "info": e["info"],
                        "org_id": "1",
                        "orgc_id": "1",
                        "distribution": e["distribution"],
                        "publish_timestamp": e["publish_timestamp"],
                    },
                }
                for e in self.events.values()
                for a in self._all_attributes(e)
                if not a["deleted"]
                and (not filters.get("value") or a["value"] in as_list(filters["value"]))
                and (not filters.get("uuid") or a["uuid"] in as_list(filters["uuid"]))
            ]
        return {"Attribute": copy.deepcopy(found)}
