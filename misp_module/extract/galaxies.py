"""Galaxy clusters a report names (actors, countries, sectors, techniques, malware), with the role each plays.

One pass of the galaxy index over the report's text finds every name; where a name sits decides whether it
counts and what it means. The code is split by concern, one module each:

- where a name sits: `galaxy_places` (section, sentence, clause), with `galaxy_page`, `galaxy_sentences`,
  `galaxy_furniture` (also a page's label alone on its line and the link titles after it), `galaxy_victim_tables`
  and `galaxy_compass_regions`; a saved page's headline glued to its first sentence is read as a heading
  (`galaxy_headline_lines`), and a short line alone between blank lines as a heading (`galaxy_plain_headings`);
- what an ambiguous name needs: `galaxy_evidence`, `galaxy_twins` (one name, two clusters of a galaxy),
  `galaxy_brands` (a ransomware brand that is an actor too), `galaxy_item_kind` (a family opening an item of its
  kind), `galaxy_page_subject` (a common word a page is about), `galaxy_actor_prose` (what the writer calls a name,
  its attribution), `galaxy_namings` (naming constructions, the page's subject actor), `galaxy_homonyms` (a software
  name written as another thing);
- the role a name plays where it sits: `galaxy_roles` (the rules of this table), `galaxy_techniques`, and for places
  and sectors `galaxy_targets` with `galaxy_location_rules` (and `galaxy_place_victims` for a noun of victims beside
  the place, `galaxy_origin_rules`, `galaxy_place_origins` for the actor's origin), `galaxy_sector_rules`,
  `galaxy_sector_victims`, `galaxy_subdivisions`, `galaxy_ranked_places`, `galaxy_ranked_sectors`, `galaxy_cities`,
  `galaxy_place_prose`, `galaxy_counted_victims` (a count of victims before a place), `galaxy_labelled_lists` (a
  list labelled by its kind: "sectors such as", "Countries:"), for lists of places `galaxy_place_lists` (a telling
  word a few words away), `galaxy_place_siblings` (places listed with one whose role is given) and
  `galaxy_place_threat_lists` (three or more places in a sentence about the threat), `galaxy_place_scope` (the words
  of a place's clause that govern it), for sectors `galaxy_sector_lists` (the list a sector word stands in),
  `galaxy_sector_items` (victims listed one per item), `galaxy_sector_scenes` (the victim's site as the scene of an
  attack), `galaxy_sector_assets` (the victim's own things hit), `galaxy_sector_addressees` (whom a warning is
  addressed to), `galaxy_sector_sources` (a source of the story, not a victim) and `galaxy_organisation_names` (a
  field word inside an organisation's name), `galaxy_sentence_before` (the
  sentence before a name's, that lists instances), `galaxy_target_context`, `galaxy_passing_places` and
  `galaxy_target_vetoes`, with `galaxy_place_senses` and
  `galaxy_sector_senses` (a place or sector word in another sense: a language, a war's side, a compared campaign, a
  topic);
- the names a report sets aside: `galaxy_asides` (compared, past, another thing) with `galaxy_denials` (denied,
  absent) and `galaxy_name_lists` (lists of names, clause marks), `galaxy_history` (the subject's past, earlier
  publications, side notes, the vendor's name), `galaxy_software_asides` (reading lists, advice,
  sweeps that found nothing), `galaxy_side_places` (places spared, the police of a takedown), `galaxy_background`
  (other incidents, field context), `galaxy_salience` (software named in passing) with `galaxy_subject_doer` (what
  the intruders did their work with), `galaxy_stance` (absent after the name, kept apart, rejected claims, no
  bearing), `galaxy_other_users` (a tool's other users, kin groups) and
  `galaxy_place_roles` (the home of an authority, of the money, of a maker);
- why a software or actor name is set aside, and whether it is named in passing or not the report's there:
  `galaxy_set_asides`; the clusters named in passing, listed in the event report and never tagged: `galaxy_mentions`
  (`read_galaxies` returns them beside the tags);
- once every name is read: `galaxy_support` (what the text gives each cluster), `galaxy_victim_regions` (regions that
  hold the victims), `galaxy_actor_twins` (one actor in both actor galaxies), `galaxy_early_places` (a place the
  page names early and again) and this module;
- the word lists they read: `galaxy_cues`, compiled from the data files each module names; the galaxy index they
  match with is in the knowledge package (`knowledge/galaxy_names`, `galaxy_spellings`, `galaxy_kind_writings`,
  `galaxy_curated`, `galaxy_matching`, and `galaxy_capitals`: a common-word name written in capitals).

The table of where each kind counts and which relationship_type its tag carries, and the rules for names a
report sets aside, are in docs/galaxy-roles.md (one place, read with this module).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property

from ..budget import check_time
from ..knowledge.data import load_data
from ..knowledge.galaxies import Cluster, GalaxyIndex, Name, galaxy_index
from ..read.report import Report
from ..settings import TECHNIQUE_RECOGNITIONS, Settings
from . import galaxy_evidence as evidence
from .findings import AttributeFinding, Findings, MentionFinding, TagFinding
from .galaxy_actor_twins import actor_twins
from .galaxy_background import OtherIncidents, other_incidents
from .galaxy_cities import untargeted_cities
from .galaxy_early_places import early_place, lead_end
from .galaxy_headline_lines import split_headline
from .galaxy_invisible import visible_names
from .galaxy_item_kind import subject_of_kind_item
from .galaxy_mentions import named_in_passing
from .galaxy_namings import introduces
from .galaxy_places import SUBJECT_KINDS, Found
from .galaxy_roles import ALIAS, ATTRIBUTED, MENTIONS, RELATIONSHIP_RANK, TARGETS, Reader
from .galaxy_salience import item_lead, roundup, salient
from .galaxy_software_prose import platform_builds, set_aside, standing
from .galaxy_software_subject import introduced
from .galaxy_subject_doer import done_with
from .galaxy_support import SameActor, Support, passing_actors, uses_named
from .galaxy_twins import closest_twin
from .galaxy_victim_regions import victims_regions
from .techniques import settle


def _by_galaxy(names: Iterable[Name]) -> dict[str, list[Name]]:
    groups: dict[str, list[Name]] = {}
    for name in names:
        groups.setdefault(name.cluster.galaxy, []).append(name)
    return groups


_SOFTWARE = {"malware", "tool"}
# The kinds that other incidents told as context name in passing: the subject's, places and sectors.
_INCIDENT_KINDS = SUBJECT_KINDS | {"location", "sector"}


def _in_other_incidents(
    found: dict[Cluster, str], support: dict[Cluster, Support], incidents: OtherIncidents
) -> set[Cluster]:
    """In a free-form report, the clusters named only in sentences that tell other incidents (galaxy_background
    `OtherIncidents`): "This breach adds to a growing number of attacks on clinics. In May, the Rhysida gang hit two
    hospitals in Chile." The report's subject is its software and actors named elsewhere; without one, none."""
    if not incidents.sentences:
        return set()
    subject = {c for c in found if c.kind in SUBJECT_KINDS and support[c].sentences - incidents.sentences}
    if not subject:
        return set()
    names, places = incidents.foreign(subject)
    return {
        c
        for c in found
        if c.kind in _INCIDENT_KINDS
        and c in support
        and c not in incidents.own
        and support[c].sentences <= (names if c.kind in SUBJECT_KINDS else places)
    }


@dataclass
class _Tally:
    """What the names read so far give each cluster (`read_galaxies` adds each name's reading with `keep`)."""

    reader: Reader
    free_form: bool
    in_roundup: bool = False
    chosen: dict[Cluster, str] = field(default_factory=dict)
    support: dict[Cluster, Support] = field(default_factory=dict)
    named: set[Cluster] = field(default_factory=set)
    # Software named where it says the report is about it (galaxy_salience); a free-form report's software named
    # in one sentence of prose only, never so, is named in passing.
    salient_software: set[Cluster] = field(default_factory=set)
    ranked: set[Cluster] = field(default_factory=set)
    # The galaxies where an actor (by its key, see `namings`) has a cluster of its own; the actors whose alias
    # reached a cluster.
    anchored: dict[int, set[str]] = field(default_factory=dict)
    alias_of: dict[Cluster, set[int]] = field(default_factory=dict)
    # Actor clusters that one writing named together ("Midnight Blizzard": APT29 in ATT&CK, UNC2452 in the
    # threat-actor galaxy) are one actor told apart by two galaxies: they share what the report gives them.
    same_actor: SameActor = field(default_factory=SameActor)

    def keep(self, cluster: Cluster, relationship: str, naming: tuple[str, int], found: Found, evidenced: bool) -> None:
        """Add a reading of the cluster: its strongest role, what the sentence gives it, and whether it is
        software the report is about, a ranked family, a name or only an alias."""
        if cluster.kind == "actor":
            self.same_actor.join(found, cluster)
        current = self.chosen.get(cluster)
        if current is None or RELATIONSHIP_RANK[relationship] < RELATIONSHIP_RANK[current]:
            self.chosen[cluster] = relationship
        # ...or the actor is the subject of a roundup's item ("4. Star Blizzard is phishing policy staff again").
        attributing = cluster.kind == "actor" and bool(
            self.reader.cues.attribution.search(found.sentence)
            or self.reader.cues.co_actor.search(found.sentence)
            or evidence.origin_glued_near(found, self.reader.cues)
            or (self.free_form and item_lead(found, self.reader.report.text, self.in_roundup))
        )
        # A rare word ("Sandworm", "Electrum") named in two sentences is the actor; a commoner one ("Strontium",
        # "Calypso") needs a word of its kind or the actor's known software (`ambiguous_actors.repeat_zipf`).
        rare = any(
            n.cluster == cluster and n.zipf < self.reader.cues.ambiguous_actor_repeat_zipf for n in found.match.names
        )
        self.support.setdefault(cluster, Support()).add(found, evidenced, attributing, rare)
        # A family a sentence ranks among others is a landscape report's subject, not context (galaxy_software_prose).
        if self.free_form and cluster.kind in _SOFTWARE and standing(found):
            self.ranked.add(cluster)
        if (
            self.free_form
            and cluster.kind in _SOFTWARE
            and cluster not in self.salient_software
            and (
                salient(found, self.reader.report.text, self.in_roundup, self.reader.report.title)
                or _subject_of_item(cluster, found, self.reader)
                # ...or what the intruders did their work with, whatever the verb (galaxy_subject_doer)
                or done_with(found)
                # ...or one the writer introduces, by a naming phrase or an alias ("ALPHV, also known as BlackCat,
                # targeted ...": galaxy_namings).
                or ((introduced(found, self.reader.report.text) or introduces(found)) and not set_aside(found))
            )
        ):
            self.salient_software.add(cluster)
        how, key = naming
        # In a galaxy that keeps related groups apart, an alias written as a cluster's own name in a sentence about
        # a subgroup ("the Lazarus subgroup also tracked as APT38") names that cluster.
        distinct = cluster.galaxy in self.reader.cues.own_names_distinct and bool(
            self.reader.cues.subgroup.search(found.sentence)
        )
        if how == ALIAS and not (distinct and any(n.own and n.cluster == cluster for n in found.match.names)):
            self.alias_of.setdefault(cluster, set()).add(key)
        else:
            self.named.add(cluster)
        if cluster.kind == "actor" and how != ALIAS:
            self.anchored.setdefault(key, set()).add(cluster.galaxy)

    def kept(self, left_out: set[Cluster]) -> dict[Cluster, str]:
        """The clusters chosen, with their roles, that are not `left_out` and that what the report gives them keeps.
        An alias names the actor it belongs to: where that actor has a cluster in a galaxy, another actor cluster of
        that galaxy reached only through the alias is not a second actor. An actor named only by ambiguous names
        without a word of its kind needs a second sentence; a place only mentioned in passing needs
        `mentioned_locations.sentences` of them, or fewer where the page names it early (galaxy_early_places)."""
        support = self.support
        return {
            c: r
            for c, r in self.chosen.items()
            if c not in left_out
            and (
                c in self.named
                or c.kind != "actor"
                or not any(c.galaxy in self.anchored.get(a, ()) for a in self.alias_of.get(c, ()))
            )
            and (
                c.kind != "actor"
                or support[c].evidenced
                or (support[c].rare and len(support[c].sentences) > 1)
                or uses_named(c, self.chosen, self.same_actor, self.reader.index)
            )
            and (r != MENTIONS or c.kind != "location" or self._mentioned_enough(c))
        }

    def _mentioned_enough(self, place: Cluster) -> bool:
        """A place only mentioned is named in `mentioned_locations.sentences` sentences, or named early and again
        and set aside nowhere (galaxy_early_places)."""
        if len(self.support[place].sentences) >= self.reader.cues.mentions_repeated:
            return True
        if place in self.reader.aside_places:
            return False
        return early_place(self.reader.mentioned_places.get(place, ()), self.reader.report, self._lead)

    @cached_property
    def _lead(self) -> int:
        """Where the report's lead ends (`lead_end`), read only for a page with a place to promote."""
        return lead_end(self.reader.report.text)


def galaxy_clusters(
    report: Report, index: GalaxyIndex | None = None, recognition: tuple[str, ...] = TECHNIQUE_RECOGNITIONS
) -> dict[Cluster, str]:
    """Every cluster the report names, with the strongest role it plays (see the module docstring), and the
    ATT&CK techniques its prose describes (techniques.py); `recognition` is the `techniques` setting."""
    return read_galaxies(report, index, recognition)[0]


def read_galaxies(
    report: Report, index: GalaxyIndex | None = None, recognition: tuple[str, ...] = TECHNIQUE_RECOGNITIONS
) -> tuple[dict[Cluster, str], tuple[Cluster, ...]]:
    """`galaxy_clusters`, and the clusters the report names in passing, which are no tags (galaxy_mentions)."""
    report = visible_names(report)  # names written with invisible characters inside read whole (galaxy_invisible)
    report = split_headline(report)  # a headline glued to the first sentence read as a heading (galaxy_headline_lines)
    reader = Reader(report, index or galaxy_index(), recognition)
    pending: list[tuple[list[Cluster], str, tuple[str, int], Found, bool]] = []
    tied: list[tuple[list[Cluster], tuple[str, int], Found, bool, frozenset[Cluster]]] = []
    free_form = report.template == "generic"
    tally = _Tally(reader, free_form)
    keep = tally.keep
    chosen, support, same_actor = tally.chosen, tally.support, tally.same_actor

    # Software the report says is absent ("we saw no Snake") is left out everywhere, unless another sentence has it
    # in use ("Cobalt Strike was deployed on host A; we saw no Cobalt Strike on host B").
    absent: set[Cluster] = set()
    in_use: set[Cluster] = set()
    founds = reader.found()
    in_roundup = tally.in_roundup = free_form and roundup(founds, report.text, report.title)
    for found, naming in zip(founds, reader.namings(founds), strict=True):
        # A name's place is read in its sentence: a hostile "sentence" of thousands of list items makes each reading
        # slow, so the conversion's CPU budget is looked at per name (budget.py), not only between stages.
        check_time()
        names = reader.prefer_kind(found.match.names, found)
        used: bool | None = None  # whether the place has its software in use, asked once for all its galaxies
        if any(n.cluster.kind in _SOFTWARE for n in found.match.names) and reader.asides.absent(found):
            absent.update(n.cluster for n in found.match.names if n.cluster.kind in _SOFTWARE)
        for group in _by_galaxy(names).values():
            counted = [(n, r) for n in group if (r := reader.relationship(n, found))]
            if not counted:
                continue
            relationship = min((r for _, r in counted), key=RELATIONSHIP_RANK.__getitem__)
            evidenced = all(reader.actor_evidence(n, found) for n, _ in counted)
            candidates = reader.narrow(list(dict.fromkeys(n.cluster for n, _ in counted)))
            if relationship == ATTRIBUTED and id(found) in reader.origin_ties and candidates[0].kind == "location":
                # An origin read from an actor's name ("North Korea's Lazarus Group") waits for that actor to be
                # the report's (galaxy_place_origins): a compared or passing actor's origin is not this report's.
                tied.append((candidates, naming, found, evidenced, reader.origin_ties[id(found)][1]))
                continue
            if len(candidates) > 1 and _names_each(found, candidates):
                for candidate in candidates:
                    keep(candidate, relationship, naming, found, evidenced)
                continue
            if len(candidates) > 1:
                own = list(dict.fromkeys(n.cluster for n, _ in counted if n.own and n.cluster in candidates))
                candidates = own if len(own) == 1 else candidates
            if len(candidates) == 1:
                keep(candidates[0], relationship, naming, found, evidenced)
                if candidates[0].kind in _SOFTWARE:
                    if used is None:
                        used = reader.asides.in_use(found)
                    if used:
                        in_use.add(candidates[0])
            elif candidates:
                pending.append((candidates, relationship, naming, found, evidenced))
    for candidates, relationship, naming, found, evidenced in pending:
        known = [c for c in candidates if c in chosen]
        if len(known) == 1:
            keep(known[0], relationship, naming, found, evidenced)
        elif not known and (twin := closest_twin(candidates, found, chosen, reader.index)):
            keep(twin, relationship, naming, found, evidenced)
        elif not known:
            # One family's builds for platforms the report each names (galaxy_software_prose).
            for build in platform_builds(candidates):
                keep(build, relationship, naming, found, evidenced)
    support.update(same_actor.pooled(support))
    passing = passing_actors(chosen, support, reader)
    if free_form:
        passing |= {
            c
            for c in chosen
            if c.kind in _SOFTWARE and c not in tally.salient_software and len(support[c].sentences) == 1
        }
    found = tally.kept(passing | (absent - in_use))
    for candidates, naming, found_at, evidenced, actors in tied:
        if actors & found.keys() and len(candidates) == 1:
            keep(candidates[0], ATTRIBUTED, naming, found_at, evidenced)
            found[candidates[0]] = ATTRIBUTED
    # A country named only by its cities is no tag unless a city is a victim's place (galaxy_cities).
    demoted = passing | set(untargeted_cities(reader.cities_alone, found))
    for cluster in demoted & found.keys():
        del found[cluster]
    # A region the report names that holds a country it targets is its victims' region (galaxy_victim_regions).
    found.update(dict.fromkeys(victims_regions(found, founds, reader), TARGETS))
    if free_form and not in_roundup:
        for cluster in _in_other_incidents(found, support, other_incidents(founds)) - tally.ranked:
            del found[cluster]
            demoted.add(cluster)
    # A kept actor is tagged in the other actor galaxy too, where that galaxy files it under its own name
    # (galaxy_actor_twins).
    found.update(actor_twins(found, same_actor, reader.index))
    tags = settle(found, report, reader.index, recognition)
    return tags, named_in_passing(reader, demoted, absent - in_use, tags)


def _subject_of_item(cluster: Cluster, found: Found, reader: Reader) -> bool:
    """The family opens a landscape report's item of its kind (galaxy_item_kind): the item is about it."""
    kind = reader.cues.evidence.get(cluster.galaxy, cluster.kind)
    return subject_of_kind_item(found, kind, reader.report.text, reader.cues)


def _names_each(found: Found, candidates: list[Cluster]) -> bool:
    """A sector phrasing that joins two sectors names each of them ("oil and gas" is Oil and Gas), and so does one
    that sectors.yaml lists as naming each (`names_each`: "defence research" is Defense and Research - Innovation),
    where another name of several sectors is ambiguous and waits for one of them named elsewhere."""
    surface = found.match.surface.lower()
    return (" and " in surface or surface in _sector_names_each()) and all(c.kind == "sector" for c in candidates)


@cache
def _sector_names_each() -> frozenset[str]:
    """sectors.yaml `names_each`, lower-cased, loaded once."""
    return frozenset(str(p).lower() for p in load_data("sectors.yaml").get("names_each", ()))


def _location_name(cluster: Cluster) -> str:
    if cluster.display:
        return cluster.display
    if cluster.galaxy == "region":
        return cluster.value.split(" - ", 1)[-1]
    return " ".join(w if w in {"of", "and", "the"} else w[:1].upper() + w[1:] for w in cluster.value.split())


def galaxy_findings(report: Report, settings: Settings | None = None) -> Findings:
    """Galaxy tags (with their role as `relationship_type`), `target-location` attributes of a report, and the
    clusters it names in passing (galaxy_mentions)."""
    findings = Findings()
    clusters, in_passing = read_galaxies(
        report, recognition=settings.techniques if settings else TECHNIQUE_RECOGNITIONS
    )
    findings.mentions.extend(MentionFinding(c.tag, c.kind) for c in in_passing)
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
