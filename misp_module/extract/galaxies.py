"""Galaxy clusters a report names (actors, countries, sectors, techniques, malware), with the role each plays.

One pass of the galaxy index over the report's text finds every name; where a name sits decides whether it
counts and what it means (the rules below, in one place; the code is split by concern: `galaxy_places` where a
name sits, `galaxy_evidence` what an ambiguous name needs, `galaxy_roles` the rules of this table,
`galaxy_techniques` the technique rule, `galaxy_cues` the word lists they read):

| kind       | counted in                                             | tag relationship_type                     |
|------------|--------------------------------------------------------|-------------------------------------------|
| any        | the report's own text: not code blocks nor page        |                                           |
|            | furniture (related posts, reference lists, captions,   |                                           |
|            | navigation, author bios, footers)                      |                                           |
| actor      | the Threat Actor heading and Attribution (any section  | attributed-to                             |
|            | when the report has neither); not in a negated clause  |                                           |
|            | nor a sentence about the past. An alias of the         |                                           |
|            | heading's actor (in the heading's parentheses or after |                                           |
|            | a "/"; after "also tracked as", "aka" … in             |                                           |
|            | Attribution) adds no second cluster to a galaxy where  |                                           |
|            | the primary name has one; without heading and          |                                           |
|            | Attribution, the same for a name after an alias phrase |                                           |
|            | and the actor named just before the phrase. A name     |                                           |
|            | that is a word or a product ("Calypso", "Electrum")    |                                           |
|            | needs a word of its kind or a second sentence          |                                           |
| location   | Targeting; the Country cells of a victim table (two-   | targets under Targeting, in victim tables |
|            | letter codes too); elsewhere when the sentence         | and (without Targeting) after a targeting |
|            | targets it, attributes the actor to it, or the report  | word or "victims in"; attributed-to in    |
|            | names it in three sentences. Not as part of another    | Attribution when the sentence attributes, |
|            | proper name ("World Health Organization"), not where   | or where a clause gives the actor's       |
|            | infrastructure or an office sits                       | origin; mentions (3+ sentences) elsewhere |
| sector     | the Sectors line of Targeting (else all of Targeting;  | targets                                   |
|            | else sentences about targeting, and Sector cells of    |                                           |
|            | victim tables); not a word qualifying another noun     |                                           |
|            | ("IT administration tools"), nor a purpose ("for ...") |                                           |
| technique  | an ID anywhere; a name under TTPs (anywhere without)   | uses                                      |
|            | but not in a sentence whose IDs it does not name, nor  |                                           |
|            | a mobile technique's name in a report that names no    |                                           |
|            | mobile platform                                        |                                           |
| malware    | everywhere but Mitigations; not in a negated clause    | uses                                      |
|            | nor a clause about the past; a technology name         |                                           |
|            | ("Python", "Zimbra") only in the Malware line; a name  |                                           |
|            | only the ransomware galaxy knows next to a word of     |                                           |
|            | ransomware; never a placeholder ("[targetcompany]")    |                                           |
| tool       | Tools, Activity, TTPs and the heading, as malware      | uses                                      |

A name that is a common word counts only where its kind is the subject (Attribution for actors, Tools for
malware) or next to a word of its kind ("Silence malware"; the name's own word never confirms it). A name of an
actor and of its malware is the malware next to a word of its kind or after a verb of software ("loads
Carbanak"). A name shared by several clusters of one galaxy is resolved by the report itself (a platform it
names, the Enterprise ATT&CK matrix over the others, a cluster it names unambiguously elsewhere, a cluster's own
name over another's synonym) or left out. Targeted countries and regions also become `target-location`
attributes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..knowledge.galaxies import Cluster, GalaxyIndex, Name, galaxy_index
from ..read.report import Report
from .findings import AttributeFinding, Findings, TagFinding
from .galaxy_places import Found
from .galaxy_roles import ALIAS, MENTIONS, RELATIONSHIP_RANK, TARGETS, Reader


def _by_galaxy(names: Iterable[Name]) -> dict[str, list[Name]]:
    groups: dict[str, list[Name]] = {}
    for name in names:
        groups.setdefault(name.cluster.galaxy, []).append(name)
    return groups


@dataclass
class _Support:
    """What the report's text gives a cluster: the sentences naming it, and whether an ambiguous actor name of it
    ever had a word of its kind (see `Reader.actor_evidence`)."""

    sentences: set[tuple[int, int]] = field(default_factory=set)
    evidenced: bool = False

    def add(self, found: Found, evidenced: bool) -> None:
        self.sentences.add((found.part.offset, found.sentence_start))
        self.evidenced = self.evidenced or evidenced


def galaxy_clusters(report: Report, index: GalaxyIndex | None = None) -> dict[Cluster, str]:
    """Every cluster the report names, with the strongest role it plays (see the module docstring)."""
    reader = Reader(report, index or galaxy_index())
    chosen: dict[Cluster, str] = {}
    support: dict[Cluster, _Support] = {}
    pending: list[tuple[list[Cluster], str, tuple[str, int], Found, bool]] = []
    named: set[Cluster] = set()
    # The galaxies where an actor (by its key, see `namings`) has a cluster of its own; the actors whose alias
    # reached a cluster.
    anchored: dict[int, set[str]] = {}
    alias_of: dict[Cluster, set[int]] = {}

    def keep(cluster: Cluster, relationship: str, naming: tuple[str, int], found: Found, evidenced: bool) -> None:
        current = chosen.get(cluster)
        if current is None or RELATIONSHIP_RANK[relationship] < RELATIONSHIP_RANK[current]:
            chosen[cluster] = relationship
        support.setdefault(cluster, _Support()).add(found, evidenced)
        how, key = naming
        if how == ALIAS:
            alias_of.setdefault(cluster, set()).add(key)
        else:
            named.add(cluster)
        if cluster.kind == "actor" and how != ALIAS:
            anchored.setdefault(key, set()).add(cluster.galaxy)

    founds = reader.found()
    for found, naming in zip(founds, reader.namings(founds), strict=True):
        names = reader.prefer_kind(found.match.names, found)
        for group in _by_galaxy(names).values():
            counted = [(n, r) for n in group if (r := reader.relationship(n, found))]
            if not counted:
                continue
            relationship = min((r for _, r in counted), key=RELATIONSHIP_RANK.__getitem__)
            evidenced = all(reader.actor_evidence(n, found) for n, _ in counted)
            candidates = reader.narrow(list(dict.fromkeys(n.cluster for n, _ in counted)))
            if len(candidates) > 1:
                own = list(dict.fromkeys(n.cluster for n, _ in counted if n.own and n.cluster in candidates))
                candidates = own if len(own) == 1 else candidates
            if len(candidates) == 1:
                keep(candidates[0], relationship, naming, found, evidenced)
            elif candidates:
                pending.append((candidates, relationship, naming, found, evidenced))
    for candidates, relationship, naming, found, evidenced in pending:
        known = [c for c in candidates if c in chosen]
        if len(known) == 1:
            keep(known[0], relationship, naming, found, evidenced)
    repeated = reader.cues.mentions_repeated
    # An alias names the actor it belongs to: where that actor has a cluster in a galaxy, another actor
    # cluster of that galaxy reached only through the alias is not a second actor. An actor named only by
    # ambiguous names without a word of its kind needs a second sentence; a place only mentioned in passing
    # needs `mentioned_locations.sentences` of them.
    return {
        c: r
        for c, r in chosen.items()
        if (c in named or c.kind != "actor" or not any(c.galaxy in anchored.get(a, ()) for a in alias_of.get(c, ())))
        and (c.kind != "actor" or support[c].evidenced or len(support[c].sentences) > 1)
        and (r != MENTIONS or c.kind != "location" or len(support[c].sentences) >= repeated)
    }


def _location_name(cluster: Cluster) -> str:
    if cluster.display:
        return cluster.display
    if cluster.galaxy == "region":
        return cluster.value.split(" - ", 1)[-1]
    return " ".join(w if w in {"of", "and", "the"} else w[:1].upper() + w[1:] for w in cluster.value.split())


def galaxy_findings(report: Report) -> Findings:
    """Galaxy tags (with their role as `relationship_type`) and `target-location` attributes of a report."""
    findings = Findings()
    clusters = galaxy_clusters(report)
    for cluster, relationship in clusters.items():
        findings.tags.append(TagFinding(cluster.tag, relationship_type=relationship))
    for cluster, relationship in clusters.items():
        if cluster.kind == "location" and relationship == TARGETS:
            findings.attributes.append(
                AttributeFinding(
                    "target-location",
                    _location_name(cluster),
                    comment="Targeted location named by the report",
                    role="targeting",
                    to_ids=False,
                )
            )
    return findings
