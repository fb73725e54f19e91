"""Tags in the MISP double: MISP's captureTag (an unknown tag needs perm_tag_editor), tags sent with an
event or attribute, and the attach/remove endpoints, a galaxy cluster's too (06, 10)."""

from __future__ import annotations

from typing import Any

from .rules import as_bool, error


class Tags:
    """The tag part of `MispModel` (which holds `tags`, `permissions`, `events`, `lock` and `clock`)."""

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

    def view_cluster(self, ref: str) -> dict[str, Any]:
        """GET /galaxy_clusters/view/<uuid or id> (10): {"GalaxyCluster": {...}}, or 404."""
        cluster = self.galaxies.find(ref)
        if cluster is None:
            raise error(404, "Invalid galaxy cluster", f"/galaxy_clusters/view/{ref}")
        return {"GalaxyCluster": dict(cluster)}

    def attach_cluster(self, target_id: str, target_type: str, local: bool, sent: dict[str, Any]) -> dict[str, Any]:
        """POST /galaxies/attachCluster/<target id>/<event|attribute>/local:<0|1> {"Galaxy": {"target_id":
        <cluster id>}} (10): the cluster's tag on the target; the event is unpublished and its timestamp moves,
        unless the cluster was attached already."""
        url = f"/galaxies/attachCluster/{target_id}/{target_type}/local:{int(local)}"
        cluster = self.galaxies.find(str(sent.get("Galaxy", sent).get("target_id", "")))
        if cluster is None:
            raise error(404, "Invalid Galaxy cluster.", url)
        with self.lock:
            for event in self.events.values():
                holders = [event] if target_type == "event" else self._all_attributes(event)
                for holder in holders:
                    if holder["id"] != target_id:
                        continue
                    if any(t["name"] == cluster["tag_name"] for t in holder["Tag"]):
                        return {"saved": True, "success": "Cluster already attached.", "check_publish": True}
                    self._apply_tags(holder, [{"name": cluster["tag_name"], "local": local}])
                    event["timestamp"], event["published"] = str(self.clock()), False
                    return {"saved": True, "success": "Cluster attached.", "check_publish": True}
            raise error(404, "Invalid Target.", url)
