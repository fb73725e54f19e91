"""One actor the report names, told apart by two actor galaxies: its cluster in the other galaxy too (issue 8,
keeping the actor clusters a report is about).

The threat-actor galaxy and ATT&CK's intrusion sets file most actors under the same name ("APT28" and "APT28 -
G0007"), but a writing the report uses may be listed by one galaxy only ("Forest Blizzard" is a synonym of the
threat-actor galaxy's APT28, not of G0007). A report naming the actor so tags it in one galaxy, and an analyst filtering
on the other misses the event. When an actor galaxy has no cluster for a kept actor, the one cluster of that galaxy
that has the kept cluster's own name among its names, and whose own name is a name of the kept cluster, is the same
actor (both ways, so a subgroup that lists its parent's name, or a parent that lists its subgroup's, is not taken for
it). Only the two clusters' own names are looked up: no table of every cluster's names is built for this.
"""

from __future__ import annotations

import re
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.galaxies import Cluster, GalaxyIndex, name_key
from ..knowledge.regex_cache import compiled
from .galaxy_support import SameActor

_ACTOR_GALAXIES = ("threat-actor", "mitre-intrusion-set")


@cache
def _name_patterns() -> dict[str, re.Pattern[str]]:
    """The actor galaxies' `name_pattern` (galaxies.yaml): how a cluster's own name is read off its value."""
    specs = load_data("galaxies.yaml")["galaxies"]
    return {g: compiled(specs[g]["name_pattern"]) for g in _ACTOR_GALAXIES if specs[g].get("name_pattern")}


def _own_key(cluster: Cluster) -> str:
    """The key of the cluster's own name ("APT28 - G0007" → "apt28")."""
    pattern = _name_patterns().get(cluster.galaxy)
    match = pattern.match(cluster.value) if pattern else None
    return name_key(match.group("name") if match else cluster.value)


def _named_by(key: str, galaxy: str, index: GalaxyIndex) -> set[Cluster]:
    """The clusters of the galaxy that a writing of this key names."""
    return {n.cluster for n in index.names_keyed(key) if n.cluster.galaxy == galaxy}


def actor_twins(found: dict[Cluster, str], same_actor: SameActor, index: GalaxyIndex) -> dict[Cluster, str]:
    """The other actor galaxy's cluster of each kept actor that has none there, with the kept cluster's role."""
    twins: dict[Cluster, str] = {}
    for cluster, relationship in found.items():
        if cluster.kind != "actor" or cluster.galaxy not in _ACTOR_GALAXIES:
            continue
        present = {c.galaxy for c in same_actor.members(cluster) if c in found}
        for galaxy in _ACTOR_GALAXIES:
            if galaxy in present:
                continue
            candidates = [
                other
                for other in _named_by(_own_key(cluster), galaxy, index)
                if cluster in _named_by(_own_key(other), cluster.galaxy, index)
            ]
            if len(candidates) == 1 and candidates[0] not in found:
                twins.setdefault(candidates[0], relationship)
    return twins
