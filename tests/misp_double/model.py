"""The MISP double's data model: events, attributes, tags, reports and the blocklist, with MISP 2.5's rules.
Events, the blocklist and searches are here; tags.py, attributes.py, event_reports.py and analyst_data.py
(proposals, object references, sightings) hold the rest (mixed into `MispModel`), rules.py what they share
(errors, value validation, booleans, the user's role).

Every rule here reproduces an answer of ../shared/misp-recordings/ (cited by file number): merge-only edits
(05), soft deletes and `deleted` flags (06), the "not newer than the local copy" refusal (07), the
published flag (08), duplicate adds (03), the blocklist (11) and silent drops (12).
"""

from __future__ import annotations

import copy
import itertools
import re
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .analyst_data import AnalystData
from .attributes import Attributes
from .event_reports import EventReports
from .galaxies import GalaxyCatalog
from .rules import ORG, MispError, Permissions, as_bool, as_list, error, may_modify
from .tags import Tags


@dataclass
class MispModel(Tags, Attributes, EventReports, AnalystData):
    """One MISP instance's events, thread-safe; `clock` gives MISP's `time()` (epoch seconds)."""

    clock: Callable[[], int] = field(default=lambda: int(time.time()))
    permissions: Permissions = field(default_factory=Permissions)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    blocklist: dict[str, dict[str, Any]] = field(default_factory=dict)
    tags: dict[str, dict[str, Any]] = field(default_factory=dict)
    known_tags: tuple[str, ...] = ()
    galaxies: GalaxyCatalog = field(default_factory=GalaxyCatalog)
    sightings: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.RLock = field(default_factory=threading.RLock)

    def __post_init__(self) -> None:
        """MISP knows no tag until one is used or a taxonomy enabled: `known_tags` seeds them."""
        self._ids = {
            name: itertools.count(1)
            for name in (
                "event",
                "attribute",
                "object",
                "tag",
                "report",
                "proposal",
                "reference",
                "sighting",
                "analyst_data",
            )
        }
        self._owners: dict[str, str] = {}  # attribute uuid → event uuid: MISP's attribute uuids are unique
        for name in self.known_tags:
            self._create_tag(name)

    def _next(self, kind: str) -> str:
        return str(next(self._ids[kind]))

    def give_to_another_organisation(self, event_uuid: str, name: str = "CERT-Partner") -> None:
        """What a site admin's change of the event's creator organisation leaves (or an event another MISP's
        sync brought in): the event shows the other organisation, and the sync's user may no longer edit it."""
        with self.lock:
            event = self.events[event_uuid]
            other = {"id": "2", "name": name, "uuid": str(uuid.uuid5(uuid.NAMESPACE_DNS, name)), "local": True}
            event["orgc_id"] = event["org_id"] = other["id"]
            event["Orgc"], event["Org"] = dict(other), dict(other)
            self.permissions.elsewhere.add(event_uuid)

    def find(self, ref: str, url: str) -> dict[str, Any]:
        """An event by uuid or numeric id, or 404 "Invalid event" (04)."""
        event = self.events.get(ref) or next((e for e in self.events.values() if e["id"] == ref), None)
        if event is None:
            raise error(404, "Invalid event", url)
        return event

    def add_event(self, sent: dict[str, Any]) -> dict[str, Any]:
        """POST /events/add: 403 blocklisted (11), 404 with Location for a known uuid (03), 403 without info."""
        sent = sent.get("Event", sent)
        may_modify(self.permissions, "/events/add")
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
                "extends_uuid": str(sent.get("extends_uuid") or ""),
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
            may_modify(self.permissions, url, event["uuid"])
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
            # Event::_edit's field list (EventsController::edit): extends_uuid, the sharing group, correlation too
            for key in (
                "info",
                "date",
                "threat_level_id",
                "analysis",
                "distribution",
                "sharing_group_id",
                "extends_uuid",
            ):
                if key in sent:
                    event[key] = "" if sent[key] is None else str(sent[key])
            if "disable_correlation" in sent:
                event["disable_correlation"] = as_bool(sent["disable_correlation"])
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

    def search(self, filters: dict[str, Any]) -> list[dict[str, Any]]:
        """restSearch/index filters used by sync tools: uuid, eventinfo (% wildcards), tags, timestamp."""
        with self.lock:
            found = []
            for event in self.events.values():
                if filters.get("uuid") and event["uuid"] not in as_list(filters["uuid"]):
                    continue
                if filters.get("eventinfo"):
                    pattern = "^" + ".*".join(map(re.escape, str(filters["eventinfo"]).split("%"))) + "$"
                    if not re.match(pattern, event["info"], re.I):
                        continue
                names = {t["name"] for t in event["Tag"]}
                if filters.get("tags") and not names & set(as_list(filters["tags"])):
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
