"""Which of two clusters of one galaxy a shared actor name means, told by the cluster the same writing names in
another galaxy (issue 8, recall).

The threat-actor galaxy files some vendor names under two clusters ("Cadet Blizzard" is a synonym of both SaintBear
and DEV-0586), while ATT&CK gives the same writing one group (Ember Bear - G1003). A report naming it says one actor:
the cluster of the ambiguous galaxy that shares the most names with the unambiguous one is that actor (SaintBear
shares Ember Bear, UNC2589, Bleeding Bear, UAC-0056 and Frozenvista with G1003; DEV-0586 only DEV-0586). A tie, or
no cluster of another galaxy to compare with, leaves the name ambiguous, and it is left out as before.
"""

from __future__ import annotations

from collections.abc import Container

from ..knowledge.galaxies import Cluster, GalaxyIndex
from .galaxy_places import Found


def closest_twin(
    candidates: list[Cluster], found: Found, chosen: Container[Cluster], index: GalaxyIndex
) -> Cluster | None:
    """The candidate (clusters of one galaxy the writing names) sharing the most names with the cluster the same
    writing names, and the report keeps, in another galaxy of its kind; None on a tie or without one."""
    galaxy, kind = candidates[0].galaxy, candidates[0].kind
    if kind != "actor":
        return None
    others = {n.cluster for n in found.match.names if n.cluster.galaxy != galaxy and n.cluster.kind == kind}
    others = {c for c in others if c in chosen}
    if len(others) != 1:
        return None
    names = index.names_of(next(iter(others)))
    shared = sorted(((len(index.names_of(c) & names), c) for c in candidates), key=lambda p: -p[0])
    if shared[0][0] == 0 or (len(shared) > 1 and shared[0][0] == shared[1][0]):
        return None
    return shared[0][1]
