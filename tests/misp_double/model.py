"""The MISP double's data model: events, attributes, tags, reports and the blocklist, with MISP 2.5's rules.

Every rule here reproduces an answer of ../shared/misp-recordings/ (cited by file number): merge-only edits
(05), soft deletes and `deleted` flags (06), the "not newer than the local copy" refusal (07), the
published flag (08), duplicate adds (03), the blocklist (11) and silent drops (12).
"""

from __future__ import annotations

import copy
import ipaddress
import itertools
import re
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .galaxies import GalaxyCatalog

ORG = {"id": "1", "name": "MISP-TEST", "uuid": "50f9a82b-933c-4426-8d0a-89188d61d65d", "local": True}
HEX_LENGTHS = {"md5": 32, "sha1": 40, "sha224": 56, "sha256": 64, "sha384": 96, "sha512": 128}
DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$", re.I)
ATTRIBUTE_FIELDS = (
    "type",
    "category",
    "value",
    "to_ids",
    "comment",
    "distribution",
    "disable_correlation",
    "first_seen",
    "last_seen",
    "object_relation",
)


class MispError(Exception):
    """An error answer: HTTP status, JSON body and extra headers (e.g. Location)."""

    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        super().__init__(body.get("message"))
        self.status, self.body, self.headers = status, body, headers or {}


def error(status: int, message: str, url: str, **extra: Any) -> MispError:
    return MispError(status, {"name": message, "message": message, "url": url, **extra})


def valid_value(attribute_type: str, value: str) -> bool:
    """A small part of MISP's validation: enough to reproduce the silent drop of an invalid value (12)."""
    if not isinstance(value, str) or not value.strip():
        return False
    if attribute_type in ("ip-src", "ip-dst"):
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            return False
        return True
    if attribute_type in ("domain", "hostname"):
        return bool(DOMAIN.match(value))
    if attribute_type in HEX_LENGTHS:
        return len(value) == HEX_LENGTHS[attribute_type] and all(c in "0123456789abcdefABCDEF" for c in value)
    if attribute_type in ("email", "email-src", "email-dst"):
        return "@" in value
    return True


def as_bool(value: Any) -> bool:
    return value not in (False, 0, "0", "", None)


@dataclass
class Permissions:
    """The API user's role: without perm_tag_editor unknown tags are dropped, without perm_tagger all tags."""

    perm_tagger: bool = True
    perm_tag_editor: bool = True


@dataclass
class MispModel:
    """One MISP instance's events, thread-safe; `clock` gives MISP's `time()` (epoch seconds)."""

    clock: Callable[[], int] = field(default=lambda: int(time.time()))
    permissions: Permissions = field(default_factory=Permissions)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    blocklist: dict[str, dict[str, Any]] = field(default_factory=dict)
    tags: dict[str, dict[str, Any]] = field(default_factory=dict)
    known_tags: tuple[str, ...] = ()
    galaxies: GalaxyCatalog = field(default_factory=GalaxyCatalog)
    lock: threading.RLock = field(default_factory=threading.RLock)

    def __post_init__(self) -> None:
        """MISP knows no tag until one is used or a taxonomy enabled: `known_tags` seeds them."""
        self._ids = {name: itertools.count(1) for name in ("event", "attribute", "object", "tag", "report")}
        self._owners: dict[str, str] = {}  # attribute uuid → event uuid: MISP's attribute uuids are unique
        for name in self.known_tags:
            self._create_tag(name)

    # -- helpers -------------------------------------------------------------------------------------
    def _next(self, kind: str) -> str:
        return str(next(self._ids[kind]))

    def _create_tag(self, name: str) -> dict[str, Any]:
        tag = {
            "id": self._next("tag"),
            "name": name,
            "colour": "#ffffff",
            "exportable": True,
            "user_id": "0",
            "hide_tag": False,
            "numerical_value": None,
            "is_galaxy": name.startswith("misp-galaxy:"),
            "is_custom_galaxy": False,
            "local_only": False,
        }
        self.tags[name] = tag
        return tag

    def _capture_tag(self, name: str) -> dict[str, Any] | None:
        """MISP's captureTag: an unknown tag is created only with perm_tag_editor, else dropped silently."""
        if not self.permissions.perm_tagger or not name:
            return None
        if name in self.tags:
            return self.tags[name]
        return self._create_tag(name) if self.permissions.perm_tag_editor else None

    def find(self, ref: str, url: str) -> dict[str, Any]:
        """An event by uuid or numeric id, or 404 "Invalid event" (04)."""
        event = self.events.get(ref) or next((e for e in self.events.values() if e["id"] == ref), None)
        if event is None:
            raise error(404, "Invalid event", url)
        return event

    def _attribute_owner(self, attribute_uuid: str) -> str | None:
        return self._owners.get(attribute_uuid)

    @staticmethod
    def _all_attributes(event: dict[str, Any]) -> list[dict[str, Any]]:
        return [*event["Attribute"], *(a for o in event["Object"] for a in o["Attribute"])]

    def _apply_tags(self, holder: dict[str, Any], tags: list[dict[str, Any]]) -> None:
        """Attach each tag; a tag sent with `deleted: true` is detached (06)."""
        for sent in tags:
            name = sent.get("name", "")
            if as_bool(sent.get("deleted")):
                holder["Tag"] = [t for t in holder["Tag"] if t["name"] != name]
                continue
            tag = self._capture_tag(name)
            if tag is not None and all(t["name"] != name for t in holder["Tag"]):
                holder["Tag"].append(
                    {**tag, "local": as_bool(sent.get("local")), "relationship_type": sent.get("relationship_type")}
                )

    # -- attributes ----------------------------------------------------------------------------------
    def _new_attribute(
        self, event: dict[str, Any], sent: dict[str, Any], object_id: str, now: int
    ) -> dict[str, Any] | None:
        """A new attribute, or None when MISP drops it silently: invalid value, or uuid of another event (12)."""
        attribute_uuid = sent.get("uuid") or str(uuid.uuid4())
        if not valid_value(sent.get("type", ""), sent.get("value", "")):
            return None
        if self._attribute_owner(attribute_uuid) not in (None, event["uuid"]):
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

    def _edit_attribute(self, stored: dict[str, Any], sent: dict[str, Any], now: int) -> None:
        """Fields sent replace the stored ones; a `deleted` key absent leaves the flag alone (06); an attribute
        whose sent timestamp is not newer than the stored one is ignored without an error (07)."""
        if sent.get("timestamp") is not None and int(sent["timestamp"]) <= int(stored["timestamp"]):
            return
        if "value" in sent and not valid_value(sent.get("type", stored["type"]), sent["value"]):
            return
        for key in ATTRIBUTE_FIELDS:
            if key in sent:
                stored[key] = str(sent[key]) if key == "distribution" else sent[key]
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
                self._edit_attribute(stored, sent, now)
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

    def _merge_reports(self, event: dict[str, Any], sent_list: list[dict[str, Any]], now: int) -> None:
        for sent in sent_list:
            stored = next((r for r in event["EventReport"] if r["uuid"] == sent.get("uuid")), None)
            if stored is None:
                stored = {
                    "id": self._next("report"),
                    "uuid": sent.get("uuid"),
                    "event_id": event["id"],
                    "name": "",
                    "content": "",
                    "distribution": str(sent.get("distribution", 0)),
                    "sharing_group_id": "0",
                    "timestamp": str(now),
                    "deleted": False,
                }
                event["EventReport"].append(stored)
            else:
                # Observed in 05: an edit without a distribution stores "5".
                stored["distribution"] = str(sent.get("distribution", 5))
            for key in ("name", "content"):
                if key in sent:
                    stored[key] = sent[key]
            if "deleted" in sent:
                stored["deleted"] = as_bool(sent["deleted"])
            stored["timestamp"] = str(now)

    # -- events --------------------------------------------------------------------------------------
    def add_event(self, sent: dict[str, Any]) -> dict[str, Any]:
        """POST /events/add: 403 blocklisted (11), 404 with Location for a known uuid (03), 403 without info."""
        sent = sent.get("Event", sent)
        with self.lock:
            event_uuid = sent.get("uuid") or str(uuid.uuid4())
            if event_uuid in self.blocklist:
                raise error(403, "Event blocked by event blocklist.", "/events/add")
            if event_uuid in self.events:
                message = "Event already exists, if you would like to edit it, use the url in the location header."
                raise MispError(
                    404,
                    {"name": message, "message": message, "url": "/events/add"},
                    {"Location": f"/events/{self.events[event_uuid]['id']}"},
                )
            if not sent.get("info"):
                raise MispError(
                    403,
                    {
                        "saved": False,
                        "name": "Could not add Event",
                        "message": "Could not add Event",
                        "url": "/events/add",
                        "errors": {"Event": {"info": ["valueNotEmpty"]}},
                    },
                )
            now = self.clock()
            event = {
                "id": self._next("event"),
                "orgc_id": "1",
                "org_id": "1",
                "date": str(sent.get("date") or time.strftime("%Y-%m-%d", time.gmtime(now))),
                "threat_level_id": str(sent.get("threat_level_id", 4)),
                "info": sent["info"],
                "published": False,
                "uuid": event_uuid,
                "attribute_count": "0",
                "analysis": str(sent.get("analysis", 0)),
                "timestamp": str(sent.get("timestamp") or now),
                "distribution": str(sent.get("distribution", 1)),
                "proposal_email_lock": False,
                "locked": False,
                "publish_timestamp": "0",
                "sharing_group_id": "0",
                "disable_correlation": False,
                "extends_uuid": "",
                "protected": None,
                "event_creator_email": "admin@admin.test",
                "Org": dict(ORG),
                "Orgc": dict(ORG),
                "Attribute": [],
                "ShadowAttribute": [],
                "RelatedEvent": [],
                "Galaxy": [],
                "Object": [],
                "EventReport": [],
                "CryptographicKey": [],
                "Tag": [],
            }
            self.events[event_uuid] = event
            self._merge_attributes(event, event, sent.get("Attribute", []), "0", now)
            self._merge_objects(event, sent.get("Object", []), now)
            self._merge_reports(event, sent.get("EventReport", []), now)
            self._apply_tags(event, sent.get("Tag", []))
            if as_bool(sent.get("published")):
                event["published"], event["publish_timestamp"] = True, str(now)
            return self.view(event_uuid, "/events/add")

    def edit_event(self, ref: str, sent: dict[str, Any]) -> dict[str, Any]:
        """POST /events/edit: merge (05), 403 when the sent event timestamp is not newer (07), published (08)."""
        sent = sent.get("Event", sent)
        url = f"/events/edit/{ref}"
        with self.lock:
            event = self.find(ref, url)
            if sent.get("timestamp") is not None and int(sent["timestamp"]) <= int(event["timestamp"]):
                raise MispError(
                    403,
                    {
                        "saved": False,
                        "name": "Could not edit Event",
                        "message": "Could not edit Event",
                        "url": f"/events/edit/{event['id']}",
                        "errors": "Event could not be saved: Event in the request not newer than the local copy.",
                        "id": event["id"],
                    },
                )
            now = self.clock()
            for key in ("info", "date", "threat_level_id", "analysis", "distribution"):
                if key in sent:
                    event[key] = str(sent[key])
            self._merge_attributes(event, event, sent.get("Attribute", []), "0", now)
            self._merge_objects(event, sent.get("Object", []), now)
            self._merge_reports(event, sent.get("EventReport", []), now)
            self._apply_tags(event, sent.get("Tag", []))
            event["timestamp"] = str(sent.get("timestamp") or now)
            if as_bool(sent.get("published")):
                event["published"], event["publish_timestamp"] = True, str(now)
            else:
                event["published"] = False
            return self.view(event["uuid"], url)

    def view(self, ref: str, url: str, deleted: bool = False) -> dict[str, Any]:
        """The event as GET /events/view answers: soft-deleted attributes only with `deleted` (06)."""
        with self.lock:
            event = copy.deepcopy(self.find(ref, url))
        live = [a for a in self._all_attributes(event) if not a["deleted"]]
        event["attribute_count"] = str(len(live))
        if not deleted:
            event["Attribute"] = [a for a in event["Attribute"] if not a["deleted"]]
            for obj in event["Object"]:
                obj["Attribute"] = [a for a in obj["Attribute"] if not a["deleted"]]
            event["EventReport"] = [r for r in event["EventReport"] if not r["deleted"]]
        self.galaxies.attach(event)
        for attribute in self._all_attributes(event):
            self.galaxies.attach(attribute)
            if not attribute["Tag"]:
                del attribute["Tag"]
        return {"Event": event}

    def publish(self, ref: str) -> dict[str, Any]:
        with self.lock:
            event = self.find(ref, f"/events/publish/{ref}")
            event["published"], event["publish_timestamp"] = True, str(self.clock())
            message = "Event published without alerts"
            return {
                "saved": True,
                "success": True,
                "name": message,
                "message": message,
                "url": f"/events/publish/{event['id']}",
                "id": event["id"],
            }

    def delete_event(self, ref: str) -> dict[str, Any]:
        """POST /events/delete: the uuid goes on the blocklist; a second delete is a 403 (11)."""
        with self.lock:
            try:
                event = self.find(ref, "/events/delete")
            except MispError:
                raise MispError(
                    403,
                    {
                        "saved": False,
                        "name": "Could not delete Event",
                        "message": "Could not delete Event",
                        "url": "/events/delete",
                        "errors": "Event was not deleted.",
                    },
                ) from None
            del self.events[event["uuid"]]
            for attribute in self._all_attributes(event):
                self._owners.pop(attribute["uuid"], None)
            self.blocklist[event["uuid"]] = {
                "id": str(len(self.blocklist) + 1),
                "event_uuid": event["uuid"],
                "created": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(self.clock())),
                "event_info": event["info"],
                "comment": "Automatically blocked by deleting event",
                "event_orgc": ORG["name"],
            }
            return {
                "saved": True,
                "success": True,
                "name": "Event deleted.",
                "message": "Event deleted.",
                "url": f"/events/delete/{ref}",
                "id": ref,
            }

    def remove_blocklist_entry(self, event_uuid: str) -> dict[str, Any]:
        with self.lock:
            if self.blocklist.pop(event_uuid, None) is None:
                raise error(404, "Invalid blocklist entry", f"/eventBlocklists/delete/{event_uuid}")
            message = "Blocklist entry removed"
            return {
                "saved": True,
                "success": True,
                "name": message,
                "message": message,
                "url": f"/event_blocklists/delete/{event_uuid}",
                "id": event_uuid,
            }

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

    def remove_tag(self, target_uuid: str, name: str) -> dict[str, Any]:
        """POST /tags/removeTagFromObject: 405 unknown tag, 404 not attached (06)."""
        url = "/tags/removeTagFromObject"
        with self.lock:
            if name not in self.tags:
                raise error(405, "Invalid Tag.", url)
            for event in self.events.values():
                for holder, kind in ((event, "Event"), *((a, "Attribute") for a in self._all_attributes(event))):
                    if holder["uuid"] != target_uuid:
                        continue
                    if all(t["name"] != name for t in holder["Tag"]):
                        raise error(404, f"Could not remove tag as it is not attached to the target {kind}", url)
                    holder["Tag"] = [t for t in holder["Tag"] if t["name"] != name]
                    event["timestamp"] = str(self.clock())
                    message = (
                        f"Global tag {name} ({self.tags[name]['id']}) successfully removed from {kind}({holder['id']})."
                    )
                    return {"saved": True, "success": True, "name": message, "message": message, "url": url}
            raise error(404, "Invalid Target.", url)

    def attach_tag(self, target_uuid: str, name: str, local: bool) -> dict[str, Any]:
        """POST /tags/attachTagToObject (10): an event or attribute by uuid; 404 "Invalid Target."."""
        url = "/tags/attachTagToObject"
        with self.lock:
            for event in self.events.values():
                for holder, kind in ((event, "Event"), *((a, "Attribute") for a in self._all_attributes(event))):
                    if holder["uuid"] != target_uuid:
                        continue
                    if any(t["name"] == name for t in holder["Tag"]):
                        message = (
                            f"{kind} already has the requested tag attached, no changes had to be made for tag {name}."
                        )
                    else:
                        self._apply_tags(holder, [{"name": name, "local": local}])
                        event["timestamp"] = str(self.clock())
                        event["published"] = False
                        tag_id = self.tags[name]["id"] if name in self.tags else "0"
                        message = f"Global tag {name}({tag_id}) successfully attached to {kind}({holder['id']})."
                    return {"saved": True, "success": True, "name": message, "message": message, "url": url}
            raise error(404, "Invalid Target.", url)

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
                and (not filters.get("value") or a["value"] in _as_list(filters["value"]))
                and (not filters.get("uuid") or a["uuid"] in _as_list(filters["uuid"]))
            ]
        return {"Attribute": copy.deepcopy(found)}

    # -- event reports (13) --------------------------------------------------------------------------
    def _find_report(self, ref: str, url: str) -> tuple[dict[str, Any], dict[str, Any]]:
        for event in self.events.values():
            for report in event["EventReport"]:
                if ref in (report["id"], report["uuid"]):
                    return event, report
        raise error(404, "Invalid report", url)

    @staticmethod
    def _report_answer(event: dict[str, Any], report: dict[str, Any]) -> dict[str, Any]:
        org = {"id": ORG["id"], "name": ORG["name"]}
        return {
            "EventReport": dict(report),
            "Event": {
                "id": event["id"],
                "orgc_id": "1",
                "org_id": "1",
                "info": event["info"],
                "user_id": "1",
                "date": event["date"],
                "Org": org,
                "Orgc": org,
            },
            "SharingGroup": {"id": None, "name": None, "uuid": None},
        }

    def view_report(self, ref: str) -> dict[str, Any]:
        with self.lock:
            return self._report_answer(*self._find_report(ref, f"/eventReports/view/{ref}"))

    def add_report(self, event_ref: str, sent: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            event = self.find(event_ref, f"/eventReports/add/{event_ref}")
            self._merge_reports(event, [{"distribution": 5, **sent.get("EventReport", sent)}], self.clock())
            event["timestamp"] = str(self.clock())
            return self._report_answer(event, event["EventReport"][-1])

    def edit_report(self, ref: str, sent: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            event, report = self._find_report(ref, f"/eventReports/edit/{ref}")
            self._merge_reports(
                event,
                [{"distribution": report["distribution"], **sent.get("EventReport", sent), "uuid": report["uuid"]}],
                self.clock(),
            )
            return self._report_answer(event, report)

    def list_reports(self, event_ref: str) -> list[dict[str, Any]]:
        with self.lock:
            event = self.find(event_ref, f"/eventReports/index/event_id:{event_ref}")
            return [
                {**self._report_answer(event, r), "RelationshipInbound": []}
                for r in event["EventReport"]
                if not r["deleted"]
            ]

    def delete_report(self, ref: str, hard: bool) -> dict[str, Any]:
        with self.lock:
            event, report = self._find_report(ref, f"/eventReports/delete/{ref}")
            if hard:
                event["EventReport"].remove(report)
            else:
                report["deleted"] = True
            message = f"Event Report {report['id']} {'hard' if hard else 'soft'} deleted"
            return {
                "saved": True,
                "success": True,
                "name": message,
                "message": message,
                "url": f"/event_reports/delete/{report['id']}",
                "id": report["id"],
            }

    # -- search (09) ---------------------------------------------------------------------------------
    def search(self, filters: dict[str, Any]) -> list[dict[str, Any]]:
        """restSearch/index filters used by sync tools: uuid, eventinfo (% wildcards), tags, timestamp."""
        with self.lock:
            found = []
            for event in self.events.values():
                if filters.get("uuid") and event["uuid"] not in _as_list(filters["uuid"]):
                    continue
                if filters.get("eventinfo"):
                    pattern = "^" + ".*".join(map(re.escape, str(filters["eventinfo"]).split("%"))) + "$"
                    if not re.match(pattern, event["info"], re.I):
                        continue
                names = {t["name"] for t in event["Tag"]}
                if filters.get("tags") and not names & set(_as_list(filters["tags"])):
                    continue
                if filters.get("timestamp") and int(event["timestamp"]) < self._since(filters["timestamp"]):
                    continue
                found.append(event["uuid"])
        return [self.view(u, "/events/restSearch") for u in found]

    def _since(self, value: Any) -> int:
        units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
        text = str(value)
        if text[-1:] in units:
            return self.clock() - int(text[:-1]) * units[text[-1]]
        return int(text)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
