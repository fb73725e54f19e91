"""One actor the report names, told apart by two actor galaxies: its cluster in the other galaxy too (issue 8,
keeping the actor clusters a report is about).

The threat-actor galaxy and ATT&CK's intrusion sets file most actors under the same name ("APT28" and "APT28 -
G0007"), but a writing the report uses may be listed by one galaxy only ("Forest Blizzard" is a synonym of the
threat-actor galaxy's APT28, not of G0007). A report naming the actor so tags it in one galaxy, and an analyst filtering
on the other misses the event. When an actor galaxy has no cluster for a kept actor, the one cluster of that galaxy
whose own name is a name of the kept cluster, and whose names hold the kept cluster's own name, is the same actor
(both ways, so a subgroup's own name, "APT38" listed under Lazarus Group, is not taken for its parent).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..knowledge.galaxies import Cluster, GalaxyIndex
from .galaxy_support import SameActor

_ACTOR_GALAXIES = ("threat-actor", "mitre-intrusion-set")


def _own_keys(cluster: Cluster, index: GalaxyIndex) -> set[str]:
    """The keys of the cluster's own names."""
    return {
        key
        for key in index.names_of(cluster)
        if any(n.own and not n.is_id and n.cluster == cluster for n in index.names_keyed(key))
    }


def actor_twins(found: dict[Cluster, str], same_actor: SameActor, index: GalaxyIndex) -> dict[Cluster, str]:
    """The other actor galaxy's cluster of each kept actor that has none there, with the kept cluster's role."""
    twins: dict[Cluster, str] = {}
    for cluster, relationship in found.items():
        if cluster.kind != "actor" or cluster.galaxy not in _ACTOR_GALAXIES:
            continue
        present = {c.galaxy for c in same_actor.members(cluster) if c in found}
        names = index.names_of(cluster)
        own = _own_keys(cluster, index)
        for galaxy in _ACTOR_GALAXIES:
            if galaxy in present:
                continue
            candidates = _candidates(galaxy, own, names, index)
            if len(candidates) == 1:
                twin = candidates[0]
                if twin not in found and twin not in twins:
                    twins[twin] = relationship
    return twins


def _candidates(galaxy: str, own: set[str], names: Iterable[str], index: GalaxyIndex) -> list[Cluster]:
    """Clusters of the galaxy whose own name is one of `names` and whose names hold one of the `own` keys."""
    found: list[Cluster] = []
    for key in names:
        for name in index.names_keyed(key):
            cluster = name.cluster
            if cluster.galaxy != galaxy or not name.own or name.is_id or cluster in found:
                continue
            if own & index.names_of(cluster):
                found.append(cluster)
    return found
