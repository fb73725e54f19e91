"""The clusters a report names in passing: read as the cluster the galaxy means, but set aside from the tags for
their role where the report names them (issue 8). A galaxy tag means the report is about the cluster (MISP filters
events by tags and its search ignores `relationship_type`), so these are no tags; the event report lists them
(build/event_report), where the analyst sees what the report named and can tag a cluster the reading set aside wrongly.

Listed ("passing"), each set aside where galaxies.py and its rule modules say:
- an actor or software compared, named for the past or an earlier publication, as another user of the software, as a
  kin group, in a reading item or an earlier alert (galaxy_set_asides PASSING);
- an actor named once beside a main actor, software named once in a free-form report's prose (galaxy_salience,
  galaxy_support `passing_actors`);
- a place only mentioned (fewer sentences than `mentioned_locations.sentences`), one that only holds servers or the
  like, the place of other actors' story (galaxy_location_rules `_veto` PASSING), a country named only by its cities
  (galaxy_cities); a sector read as victims that the past, a crew's habit, other groups, a survey or another incident
  takes back (galaxy_sector_rules `_set_aside` but not `_not_victims`);
- the clusters of other incidents told as background (galaxy_background).

Not listed ("not this cluster", or not named as itself): another sense or a homonym (a language, a surname, a
product, a word-like name without its capital), page furniture, a name without the evidence its galaxy needs, an
alias that names another cluster of its galaxy, advice and the writer's own tooling, a question, a claim the writer
clears or rejects, a name kept apart or said to have no bearing; and never a cluster the report denies or says is
absent (`refused`), nor one that is a tag or has a tag of its name.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..knowledge.galaxies import Cluster
from .galaxy_roles import Reader

# The order of the kinds in the event report's list, and the kinds it lists (techniques are never set aside in passing
# today, but would be listed last).
KIND_ORDER = ("actor", "malware", "tool", "location", "sector", "technique")
# Kinds one name often files under several galaxies: a tag of the name in one of them covers the others.
_KIND_GROUPS = {"malware": "software", "tool": "software"}


def _name_key(cluster: Cluster) -> tuple[str, str]:
    """The cluster's kind (software as one) and its name without an ATT&CK ID ("APT29 - G0016" → "apt29")."""
    name = cluster.value.rsplit(" - ", 1)[0] if cluster.external_id else cluster.value
    return _KIND_GROUPS.get(cluster.kind, cluster.kind), name.strip().lower()


def named_in_passing(
    reader: Reader, demoted: Iterable[Cluster], refused: Iterable[Cluster], tags: Iterable[Cluster]
) -> tuple[Cluster, ...]:
    """The clusters to list, in the order of KIND_ORDER then by tag: those the reader noted in passing (where one
    name could mean several clusters of a galaxy, only the one its narrowing leaves), and those `demoted` after every
    name was read; never one `refused` (denied, said absent) or one with a tag of its name."""
    listed = set(demoted)
    for clusters in reader.passing.values():
        live = reader.narrow(sorted(clusters, key=lambda c: c.tag))
        if len(live) == 1:
            listed.add(live[0])
    tagged = set(tags)
    # A place only mentioned is listed where one of its mentions is no denial nor a surname (asked of no tag only).
    listed.update(
        cluster
        for cluster, founds in reader.mentioned_places.items()
        if cluster not in tagged and any(reader.in_passing_here(f) for f in founds)
    )
    tagged_names = {_name_key(c) for c in tagged}
    excluded = set(refused) | reader.refused
    kept = (
        c
        for c in listed
        if c.kind in KIND_ORDER and c not in tagged and c not in excluded and _name_key(c) not in tagged_names
    )
    return tuple(sorted(kept, key=lambda c: (KIND_ORDER.index(c.kind), c.tag)))
