"""The galaxies of the MISP double: which clusters it holds, and how it attaches them to events.

MISP attaches a galaxy cluster to an event or attribute only when a tag's name is the `tag_name` of a
cluster its galaxies hold (10-galaxy.json: `misp-galaxy:threat-actor="No Such Actor 2024"` stays a plain
tag, `is_galaxy` true, no cluster). By default the double holds the clusters of the pymispgalaxies we
ship; tests model a MISP whose galaxies are another version with `rename` (same UUID, another value) and
`drop` (a cluster this MISP does not have yet).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pymispgalaxies

CLUSTERS = Path(pymispgalaxies.__file__).parent / "data" / "misp-galaxy" / "clusters"
GALAXIES = CLUSTERS.parent / "galaxies"


@cache
def shipped() -> dict[str, list[dict[str, Any]]]:
    """Every cluster pymispgalaxies ships, by UUID: its galaxy type, value and galaxy UUID. A UUID may be in
    several galaxies (the deprecated `mitre-enterprise-attack-*` ones reuse the current ones' UUIDs); MISP
    loads every galaxy file, so it holds each of them."""
    clusters: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(CLUSTERS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        galaxy_type = data.get("type", path.stem)
        for value in data.get("values", []):
            if isinstance(value, dict) and value.get("uuid") and value.get("value"):
                clusters.setdefault(value["uuid"], []).append(
                    {"type": galaxy_type, "value": value["value"], "galaxy_uuid": data.get("uuid", "")}
                )
    return clusters


class GalaxyCatalog:
    """The clusters one MISP holds: the shipped ones, less `drop`ped, with `rename`d values."""

    def __init__(self) -> None:
        self.renamed: dict[str, str] = {}
        self.dropped: set[str] = set()
        self._ids: dict[tuple[str, str], str] = {}
        self._by_tag: dict[str, dict[str, Any]] | None = None
        self.searches = 0

    def rename(self, cluster_uuid: str, value: str) -> str:
        """This MISP names the cluster `value`; returns its tag name here."""
        self.renamed[cluster_uuid] = value
        self._by_tag = None
        return self.tag_name(cluster_uuid)

    def drop(self, cluster_uuid: str) -> None:
        self.dropped.add(cluster_uuid)
        self._by_tag = None

    def clusters(self, cluster_uuid: str) -> list[dict[str, Any]]:
        """The clusters of that UUID as /galaxy_clusters/view answers them (the fields the sync reads)."""
        if cluster_uuid in self.dropped:
            return []
        return [self._cluster(cluster_uuid, base) for base in shipped().get(cluster_uuid, [])]

    def cluster(self, cluster_uuid: str) -> dict[str, Any] | None:
        """The first cluster of that UUID, or None."""
        return next(iter(self.clusters(cluster_uuid)), None)

    def _cluster(self, cluster_uuid: str, base: dict[str, Any]) -> dict[str, Any]:
        value = self.renamed.get(cluster_uuid, base["value"])
        cluster_id = self._ids.setdefault((cluster_uuid, base["type"]), str(20000 + len(self._ids)))
        return {
            "id": cluster_id,
            "uuid": cluster_uuid,
            "collection_uuid": base["galaxy_uuid"],
            "type": base["type"],
            "value": value,
            "tag_name": f'misp-galaxy:{base["type"]}="{value}"',
            "galaxy_id": "1",
            "source": "MISP Project",
            "version": "1",
            "distribution": "3",
            "default": True,
            "deleted": False,
        }

    def find(self, ref: str) -> dict[str, Any] | None:
        """A cluster by UUID or by the id this MISP gave it (ids are given as clusters are first shown)."""
        cluster = self.cluster(ref)
        if cluster is not None:
            return cluster
        for (cluster_uuid, galaxy_type), cluster_id in self._ids.items():
            if cluster_id == ref:
                return next((c for c in self.clusters(cluster_uuid) if c["type"] == galaxy_type), None)
        return None

    def tag_name(self, cluster_uuid: str) -> str:
        cluster = self.cluster(cluster_uuid)
        assert cluster is not None
        return cluster["tag_name"]

    def by_tag(self, name: str) -> dict[str, Any] | None:
        """MISP matches a tag to a cluster by name, ignoring case."""
        if self._by_tag is None:
            table: dict[str, dict[str, Any]] = {}
            for cluster_uuid in shipped():
                for cluster in self.clusters(cluster_uuid):
                    table.setdefault(cluster["tag_name"].lower(), cluster)
            self._by_tag = table
        return self._by_tag.get(name.lower())

    def rest_search(self, filters: dict[str, Any]) -> dict[str, Any]:
        """POST /galaxy_clusters/restSearch by `uuid` (a list) or `tag_name`: {"response": [{"GalaxyCluster"}]}."""
        self.searches += 1
        found = []
        for cluster_uuid in _as_list(filters.get("uuid")):
            found.extend(self.clusters(str(cluster_uuid)))
        for name in _as_list(filters.get("tag_name")):
            cluster = self.by_tag(str(name))
            if cluster is not None and cluster not in found:
                found.append(cluster)
        return {"response": [{"GalaxyCluster": c} for c in found]}

    def attach(self, holder: dict[str, Any]) -> None:
        """Fill `Galaxy` of an event or attribute from its tags, as GET /events/view shows it (10)."""
        galaxies: dict[str, dict[str, Any]] = {}
        for tag in holder.get("Tag", []):
            if not tag.get("is_galaxy"):
                continue
            cluster = self.by_tag(tag["name"])
            if cluster is None:
                continue
            galaxy = galaxies.setdefault(
                cluster["type"],
                {
                    "id": "1",
                    "uuid": cluster["collection_uuid"],
                    "name": cluster["type"],
                    "type": cluster["type"],
                    "namespace": "misp",
                    "GalaxyCluster": [],
                },
            )
            galaxy["GalaxyCluster"].append(
                {**cluster, "tag_id": tag["id"], "local": tag.get("local", False), "relationship_type": False}
            )
        holder["Galaxy"] = list(galaxies.values())


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
