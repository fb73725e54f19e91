"""What a report's text gives each cluster it names, for the rules that need more than one place (galaxies.py):
the sentences naming it and whether they give an ambiguous name its evidence, pooled over the actor clusters one
writing reaches (`SameActor`: "Midnight Blizzard" is APT29 in ATT&CK and UNC2452 in the threat-actor galaxy), the
software the galaxies say an actor uses, and the actors a free-form report names only in passing."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..knowledge.galaxies import Cluster, GalaxyIndex
from .galaxy_places import Found
from .galaxy_roles import Reader


@dataclass
class Support:
    """What the report's text gives a cluster: the sentences naming it, and whether an ambiguous actor name of it
    ever had a word of its kind (see `Reader.actor_evidence`)."""

    sentences: set[tuple[int, int]] = field(default_factory=set)
    evidenced: bool = False
    rare: bool = False
    attributing: bool = False

    def add(self, found: Found, evidenced: bool, attributing: bool = False, rare: bool = False) -> None:
        self.sentences.add((found.part.offset, found.sentence_start))
        self.evidenced = self.evidenced or evidenced
        self.rare = self.rare or rare
        self.attributing = self.attributing or attributing


class SameActor:
    """Actor clusters reached through one writing in the report (one match, several galaxies or an alias shared by
    two clusters of one galaxy): the same actor as the report sees it. Its clusters pool their support, so an
    alias of the report's main actor ("also tracked as IRIDIUM", "Midnight Blizzard") needs no evidence of its
    own: the main actor's sentences and words of its kind vouch for it."""

    def __init__(self) -> None:
        self._parent: dict[Cluster, Cluster] = {}
        self._by_match: dict[tuple[int, int], Cluster] = {}

    def _root(self, cluster: Cluster) -> Cluster:
        parent = self._parent.setdefault(cluster, cluster)
        if parent != cluster:
            parent = self._parent[cluster] = self._root(parent)
        return parent

    def join(self, found: Found, cluster: Cluster) -> None:
        key = (found.match.start, found.match.end)
        first = self._by_match.setdefault(key, cluster)
        self._parent[self._root(cluster)] = self._root(first)

    def members(self, cluster: Cluster) -> list[Cluster]:
        """The actor clusters joined to this one (itself included)."""
        if cluster not in self._parent:
            return [cluster]
        root = self._root(cluster)
        return [c for c in self._parent if self._root(c) == root]

    def pooled(self, support: dict[Cluster, Support]) -> dict[Cluster, Support]:
        """The support of every actor cluster joined to others: the union of theirs."""
        groups: dict[Cluster, list[Cluster]] = {}
        for cluster in self._parent:
            groups.setdefault(self._root(cluster), []).append(cluster)
        pooled: dict[Cluster, Support] = {}
        for members in groups.values():
            if len(members) < 2:
                continue
            union = Support()
            for member in members:
                own = support[member]
                union.sentences |= own.sentences
                union.evidenced = union.evidenced or own.evidenced
                union.rare = union.rare or own.rare
                union.attributing = union.attributing or own.attributing
            pooled.update(dict.fromkeys(members, union))
        return pooled


def uses_named(actor: Cluster, chosen: dict[Cluster, str], same_actor: SameActor, index: GalaxyIndex) -> bool:
    """The report names software the galaxies say this actor (or an actor cluster joined to it) uses: evidence
    that an ambiguous name ("Strontium", "Sandworm") names the actor."""
    return any(other in chosen for member in same_actor.members(actor) for other in index.goes_with(member))


def passing_actors(chosen: dict[Cluster, str], support: dict[Cluster, Support], reader: Reader) -> set[Cluster]:
    """In a free-form report with a main actor (one named in two sentences or more), another actor named once, in a
    sentence without a word of attribution or of working together, is named in passing ("Turla and APT28 remain
    active against the same targets"): no tag, as for places named in passing (MISP filters ignore roles)."""
    if reader.has_actor_part:
        return set()
    actors = [c for c in chosen if c.kind == "actor"]
    if not any(len(support[c].sentences) > 1 for c in actors):
        return set()
    return {c for c in actors if len(support[c].sentences) == 1 and not support[c].attributing}
