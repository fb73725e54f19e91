"""Galaxy clusters a report names (actors, countries, sectors, techniques, malware), with the role each plays.

One pass of the galaxy index over the report's text finds every name; where a name sits decides whether it
counts and what it means. The rules are below, in one place; the code is split by concern, one module each:

- where a name sits: `galaxy_places` (section, sentence, clause), with `galaxy_page`, `galaxy_sentences`,
  `galaxy_furniture` (also a page's label alone on its line and the link titles after it), `galaxy_victim_tables`
  and `galaxy_compass_regions`; a saved page's headline glued to its first sentence is read as a heading
  (`galaxy_headline_lines`), and a short line alone between blank lines as a heading (`galaxy_plain_headings`);
- what an ambiguous name needs: `galaxy_evidence`, `galaxy_twins` (one name, two clusters of a galaxy),
  `galaxy_brands` (a ransomware brand that is an actor too), `galaxy_item_kind` (a family opening an item of its
  kind), `galaxy_actor_prose` (what the writer calls a name, its attribution);
- the role a name plays where it sits: `galaxy_roles` (the rules of this table), `galaxy_techniques`, and for places
  and sectors `galaxy_targets` with `galaxy_location_rules`, `galaxy_sector_rules`, `galaxy_sector_victims`,
  `galaxy_subdivisions`, `galaxy_ranked_places`, `galaxy_ranked_sectors`, `galaxy_cities`, `galaxy_place_prose`,
  `galaxy_counted_victims` (a count of victims before a place),
  `galaxy_target_context` and `galaxy_target_vetoes`, with `galaxy_place_senses` and `galaxy_sector_senses` (a place
  or sector word in another sense: a language, a war's side, a compared campaign, a topic);
- the names a report sets aside: `galaxy_asides` (denied, compared, past, absent), `galaxy_history` (the subject's
  past, earlier publications, side notes, the vendor's name), `galaxy_software_asides` (reading lists, advice,
  sweeps that found nothing), `galaxy_side_places` (places spared, the police of a takedown), `galaxy_background`
  (other incidents, field context), `galaxy_salience` (software named in passing), `galaxy_stance` (absent after
  the name, kept apart, rejected claims, no bearing), `galaxy_other_users` (a tool's other users, kin groups) and
  `galaxy_place_roles` (the home of an authority, of the money, of a maker);
- once every name is read: `galaxy_support` (what the text gives each cluster), `galaxy_victim_regions` (regions that
  hold the victims), `galaxy_actor_twins` (one actor in both actor galaxies) and this module;
- the word lists they read: `galaxy_cues`, compiled from the data files each module names.

| kind       | counted in                                             | tag relationship_type                     |
|------------|--------------------------------------------------------|-------------------------------------------|
| any        | the report's own text: not code blocks nor page        |                                           |
|            | furniture (related posts, reference lists also under a |                                           |
|            | plain "References" line, captions, navigation, author  |                                           |
|            | bios, footers; a paper's notes, contents, disclaimer   |                                           |
|            | and its vendor's About page); a saved page's meta      |                                           |
|            | description is text                                    |                                           |
| actor      | the Threat Actor heading and Attribution (any section  | attributed-to                             |
|            | when the report has neither); not denied (in its       |                                           |
|            | clause, or the list it stands in: "no overlap with     |                                           |
|            | groups such as X or Y"), compared ("unlike X") nor in  |                                           |
|            | a sentence about the past (a year before the report's  |                                           |
|            | too), nor a name the report defines as a product       |                                           |
|            | ("Iridium, a browser"). An alias of the heading's      |                                           |
|            | actor (in the heading's parentheses or after a "/";    |                                           |
|            | after "also tracked as", "aka" ... in Attribution)     |                                           |
|            | adds no second cluster to a galaxy where the primary   |                                           |
|            | name has one; without heading and Attribution, the     |                                           |
|            | same for a name after an alias phrase and the actor    |                                           |
|            | named just before the phrase; in a sentence about a    |                                           |
|            | subgroup an ATT&CK group's own name keeps its cluster  |                                           |
|            | ("the subgroup also tracked as APT38"). A name that is |                                           |
|            | a word or a product ("Calypso", "Electrum") needs a    |                                           |
|            | word of its kind or a second sentence. Not an actor    |                                           |
|            | set apart ("X is a separate cluster", "not related     |                                           |
|            | to X"); in a free-form report with a main actor (2+    |                                           |
|            | sentences), not another named once without a word      |                                           |
|            | of attribution (a glued origin, "the Belarus-linked    |                                           |
|            | operation", is one). A name two clusters of one        |                                           |
|            | galaxy share is the one sharing most names with the    |                                           |
|            | ATT&CK group of the same writing (galaxy_twins)        |                                           |
|            | Nor a name set aside (below). In prose                 |                                           |
|            | (galaxy_actor_prose): the writer's present attribution |                                           |
|            | is past only by its words before the name; a word of   |                                           |
|            | its kind is also a naming phrase after a noun of       |                                           |
|            | actors ("the operators, known as Tick"), an            |                                           |
|            | attribution right before it ("the hallmarks of X"), or |                                           |
|            | software the galaxies say it uses in its sentence; a   |                                           |
|            | kept actor is tagged in the other actor galaxy where   |                                           |
|            | that galaxy files it under its own name, both ways     |                                           |
|            | (galaxy_actor_twins)                                   |                                           |
| location   | Targeting; the Country cells of a victim table         | targets under Targeting, in victim tables |
|            | (two-letter codes too); elsewhere when the sentence    | and (without Targeting) after a targeting |
|            | targets it (every place of one list of victims'        | word, "victims in" or before a victim     |
|            | places, a conjunct repeating the targeting word's      | noun; attributed-to in Attribution when   |
|            | preposition too: "infections at a start-up in Krakow,  | the sentence attributes, or where a       |
|            | Poland, and at a developer in Curitiba, Brazil"; a     | clause gives the actor's origin; mentions |
|            | victim "headquartered in" it; a hosting company the    | (3+ sentences) elsewhere                  |
|            | sentence names as a victim), it qualifies victims      |                                           |
|            | ("European embassies"), attributes the actor to it     |                                           |
|            | ("which we believe is based in", "a Chinese-speaking   |                                           |
|            | espionage group", "a North Korean cluster", "an        |                                           |
|            | organization originating from", "has Indian government |                                           |
|            | background") or names the state the actor serves       |                                           |
|            | ("Unit 26165 of Russia's ...", "run by the             |                                           |
|            | Cyber-Electronic Command of Iran's ...", "the          |                                           |
|            | interests of the Chinese state", "aligns with Russian  |                                           |
|            | state interests"), or the report names it in three     |                                           |
|            | sentences; a state or province names its country, a    |                                           |
|            | demonym before a part of it follows a noun of victims  |                                           |
|            | (or a body of government: "the council of a Chilean    |                                           |
|            | region") as the country does, and so does a large city |                                           |
|            | (galaxy_cities; a city whose country the report names  |                                           |
|            | nowhere else only where it is read as a victim's       |                                           |
|            | place), and places ranked by their victims or given a  |                                           |
|            | share of them ("accounted for half of the victims,     |                                           |
|            | with Canada well behind") are targets                  |                                           |
|            | (galaxy_place_prose), and so are places ranked among   |                                           |
|            | the most targeted and countries a sentence lists after |                                           |
|            | one that targeted "countries"; a demonym before a noun |                                           |
|            | of actors across qualifiers is its origin              |                                           |
|            | (galaxy_place_lists). Not as part of another proper    |                                           |
|            | name ("World Health Organization"; a country before a  |                                           |
|            | capitalised sector word is its body: "the Kenyan       |                                           |
|            | Ministry of ..."; a named organisation "is based in"   |                                           |
|            | it), not where infrastructure, an office or a maker    |                                           |
|            | ("made in") sits, an event (conference, webinar) is    |                                           |
|            | held; no target in a sentence about the past (a        |                                           |
|            | relative clause after the place tells the victims'     |                                           |
|            | story, not the past; a span of years counts by its     |                                           |
|            | last year) or setting an actor apart, none anywhere    |                                           |
|            | once said to be no target; a place near a CERT,        |                                           |
|            | survey, helper, author or the vendor's team is no      |                                           |
|            | target and counts toward no mention (words before the  |                                           |
|            | nearest targeting word do not count: that word governs |                                           |
|            | the place; an office a lure poses as is neither); not  |                                           |
|            | what a lure posed as, nor another group's victims      |                                           |
|            | ("not to be confused with X, which ..."); the year     |                                           |
|            | before the report's is no past in a report dated in    |                                           |
|            | the first half of its year (or undated)                |                                           |
| sector     | the Sectors line of Targeting (else all of Targeting;  | targets                                   |
|            | else sentences about targeting, a sector before "in    |                                           |
|            | <place>", and Sector cells of victim tables); not a    |                                           |
|            | word qualifying another noun ("IT administration       |                                           |
|            | tools"), nor a purpose ("for ..."), an author of       |                                           |
|            | advisories, "ransom payment" or the bare word          |                                           |
|            | "infrastructure"; not denied nor past. Also before a   |                                           |
|            | targeting verb ("hospitals were breached"); "research" |                                           |
|            | alone never, "defence" only before a victim noun; the  |                                           |
|            | victims' kind in an apposition ("all of them           |                                           |
|            | manufacturers") or in a victim column's descriptions;  |                                           |
|            | victims described in words (galaxy_sector_victims):    |                                           |
|            | what was done to them ("called in by", "extorted",     |                                           |
|            | "stole ... from", "paid the ransom", "a law firm's     |                                           |
|            | network"), a field word before a victim noun ("a dairy |                                           |
|            | cooperative"), "a maker of", "a company that makes";   |                                           |
|            | a list after a statement of victims ("The victims were |                                           |
|            | ...", "Targets: ..."); sites a flood took down         |                                           |
|            | ("flooded government and party websites"). Not the     |                                           |
|            | victim's customers ("a firm that supports hospitals"), |                                           |
|            | its supplier ("the IT supplier's"), a department ("the |                                           |
|            | finance team"), a verb ("accounting for"), a crew's    |                                           |
|            | habit ("typically"), a copied brand's sign-in page, a  |                                           |
|            | host of servers after words of infrastructure, a past  |                                           |
|            | row of a victim table. A list of victims after "They   |                                           |
|            | include" that follows a sentence of attacks; not the   |                                           |
|            | field in a body's name ("the Ministry of Maritime      |                                           |
|            | Affairs"), the actor's own body ("a group based within |                                           |
|            | the Ministry of Defence"), what it abuses ("access to  |                                           |
|            | ISPs to target ..."), "IT systems", "IT and OT",       |                                           |
|            | "operational technology" (galaxy_sector_senses)        |                                           |
| technique  | an ID anywhere; a name under TTPs (anywhere without)   | uses                                      |
|            | but not in a sentence whose IDs it does not name, nor  |                                           |
|            | a mobile technique's name in a report that names no    |                                           |
|            | mobile platform; elsewhere a name only where its       |                                           |
|            | sentence has the adversary doing it, plus techniques   |                                           |
|            | read in prose (techniques.py, setting `techniques`).   |                                           |
|            | In a mobile report an Enterprise technique is given as |                                           |
|            | its Mobile counterpart, or left out where it has none  |                                           |
|            | (technique_platforms)                                  |                                           |
| malware    | everywhere but Mitigations; not denied, compared nor   | uses                                      |
|            | in a clause about the past, and nowhere when the       |                                           |
|            | report says it is absent ("we saw no Snake"); a        |                                           |
|            | technology name ("Python", "Zimbra") only in the       |                                           |
|            | Malware line; a name only the ransomware galaxy knows  |                                           |
|            | next to a word of ransomware; never a placeholder      |                                           |
|            | ("[targetcompany]"), nor a name set aside (below)      |                                           |
|            | In a free-form report, named in one sentence of prose  |                                           |
|            | only, it needs that sentence to tie it to the          |                                           |
|            | intrusion (galaxy_salience: a verb of use, a role      |                                           |
|            | noun, code lineage) or to introduce it                 |                                           |
|            | (galaxy_software_subject: "a backdoor dubbed X",       |                                           |
|            | "families such as X", "our agent blocked X", the       |                                           |
|            | lead's subject). Not a person's given name ("said      |                                           |
|            | Lorenz Becker"); not before a group denial in the next |                                           |
|            | sentence ("None of those families appeared"), after a  |                                           |
|            | takedown, nor an ancestor tied to no code              |                                           |
|            | The subject of a roundup's item (its bold lead-in or,  |                                           |
|            | in a roundup, its first words) is salient; an actor    |                                           |
|            | there is not in passing. A family opening an item of   |                                           |
|            | its kind (bold lead, heading, bold sentence start; the |                                           |
|            | kind in the section heading or the item) needs no word |                                           |
|            | beside it (galaxy_item_kind); a ransomware brand that  |                                           |
|            | is an actor too names both in a ransomware sentence,   |                                           |
|            | and a thing only ransomware has right after a brand    |                                           |
|            | ("the Akira ransom note") names the family. News and   |                                           |
|            | landscape prose (galaxy_software_prose): a naming      |                                           |
|            | phrase after a word of software, a ranking sentence,   |                                           |
|            | the family's first word alone later make it salient;   |                                           |
|            | a list of families or a ranking with a family that     |                                           |
|            | needs no word gives a word-like brand its kind; two    |                                           |
|            | platforms' builds both; the actor's record ("known for |                                           |
|            | its use of X") is its past. An actor                   |                                           |
|            | word after the name ("the Confucius organisation", "X  |                                           |
|            | is a group that") makes it the actor; a word of        |                                           |
|            | software across a colon does not make it software      |                                           |
| tool       | Tools, Activity, TTPs and the heading, as malware; the | uses                                      |
|            | tool galaxy's cluster of a family is tagged as every   |                                           |
|            | other galaxy's ("Akbot" lists Qakbot as a synonym)     |                                           |

In a free-form report that is no roundup, a family, an actor, a place or a sector named only where the report
tells other incidents as context (galaxy_background `OtherIncidents`: "This breach adds to a growing list of
attacks on clinics. In May, the Rhysida gang hit two hospitals in Chile.") is left out; the report's subject, its
software and actors named elsewhere, keeps its own earlier waves and the same victim's other attackers.

A report also names things besides its own case, and those names give no tag (or no target):

- the subject's past and the writer's side notes (galaxy_history, history.yaml). A place or a sector is no target
  in a section about the subject's past or profile ("Background", "Who is ToddyCat?") or of a newsletter's side
  notes (a class of headings: housekeeping, the vendor's own news and team, events and webinars, hiring, other
  reading), in a sentence of the subject's record ("It has hit education and government victims as well as health
  care", "Its past victims include ..."), in one that takes up a past campaign ("That campaign hit ..."), in one
  that another publication covers ("covered in last week's issue"), right after a verb of publishing ("an advisory
  was published in the United States") or as a language ("written in Russian"); words of the report's own case
  keep it ("in this wave", "again", "since 2021"). A family or an actor is left out where it is an earlier
  publication's subject ("the Medusa alert we issued in September", "our earlier advisory on LockBit"), among side
  notes, in a sentence another publication covers, glued to a suffix of likeness ("a Mirai-like payload"), and
  everywhere when it is the vendor's own name ("Tidepool Labs", "Tidepool EDR"). An actor named only in a section
  about the subject's past is a comparison ("Kimsuky, the other cluster often named alongside it"), unless the
  heading is about links or attribution ("Links to earlier activity").
- software beside the subject's case (galaxy_software_asides, software_asides.yaml): under a heading that points
  elsewhere or gives tips ("Further reading", "Tool tip of the week", "Earlier alerts"), in a list item that opens
  on somebody's publication ("- Another vendor's write-up of X"), in an earlier alert that still applies, where the
  writer recommends it or hunts with it ("We recommend Sysmon", "we hunted across the estate with Velociraptor"),
  between a search and an empty result ("checked for X and Y, and found neither"), set out of scope ("not discussed
  here"), shown for comparison, as a hypothetical ("a family like Vidar would ..."), or as a victim's business
  system ("the customer's payroll runs on Kronos"). A paragraph about the market around the subject ("The stealer
  market is crowded") is field context (galaxy_background).
- places beside the victims (galaxy_side_places, side_places.yaml): a place the sample spares ("exits on Russian and
  Ukrainian systems", "its rules forbid attacks on Russia"), a machine's language ("a Ukrainian keyboard layout")
  and the police or government of a takedown or of sanctions ("taken down by police in the United States and
  Europe") are no targets, and the police as that agent are no law-enforcement victims. A place in a denied list
  ("does not include any British or Spanish banks") or an indirect question ("asked how the group relates to the
  Iranian operators") is neither target nor origin (galaxy_asides).
- places of others than the victims (galaxy_place_roles): the home of an authority told or acting ("Law enforcement
  in Singapore has been informed", "disclosed by several US government agencies"), of the money ("an account at a
  bank in Lithuania"), of a maker ("Schneider Electric of France"), of the security vendor ("Slovakian cybersecurity
  firm ESET", "Seoul-based EST Security", "US firm finds") or of a statement's source ("According to the US
  government", "the US government has warned") is no target nor mention, unless a targeting word stands within eight
  words before; that authority and that bank are no victim sectors. A side of a war ("after the invasion by Russian
  armed forces", "the Israel-Hamas conflict", "the US airstrike"), a place of geography ("its proximity to Israel"),
  a journalist's beat ("who covers the Middle East") is no target (galaxy_place_senses), nor is a language before a
  word of crime an origin ("the Russian-speaking ransomware crew").
- the actor's origin as news writes it (galaxy_place_origins): a noun of actors or the actor's name, then "from",
  "linked to", "has connections with" and the place ("the Lazarus Group from North Korea"); the place's possessive
  before the actor's name ("North Korea's Lazarus Group"); an abbreviation in brackets before a word of origin
  ("People's Republic of China (PRC) state-sponsored"). Not a thing linked to a state ("accounts linked to the
  Canadian government").
- the writer's stance (galaxy_stance): a family said absent after its name or list ("was absent", "A and B were not
  present", "played no part") is absent; an actor kept apart ("we track them separately"), of "no bearing on this
  campaign", or an actor or place in others' claim the next sentence rejects counts nowhere there, nor a place where
  other actors run "the same kind of" attacks; only the name's own clauses between semicolons set an actor's
  sentence in the past. A tool's other users ("also used by A, B and C") and an actor's kin ("shares code with X")
  are not the report's (other_users).

A name that is a common word counts only where its kind is the subject (Attribution for actors, Tools for
malware) or next to a word of its kind ("Silence malware"; the name's own word never confirms it). A name of an
actor and of its malware is the malware next to a word of its kind or after a verb of software ("loads
Carbanak"). A name shared by several clusters of one galaxy is resolved by the report itself (a platform it
names, the Enterprise ATT&CK matrix over the others, a cluster it names unambiguously elsewhere, a cluster's own
name over another's synonym) or left out. A region the report names as a place (not its adjective: "European
business hours") that holds a country the report targets is targeted too, two of them in a sentence about the past
(galaxy_victim_regions). Targeted countries and regions also become `target-location` attributes.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..knowledge.galaxies import Cluster, GalaxyIndex, Name, galaxy_index
from ..read.report import Report
from ..settings import TECHNIQUE_RECOGNITIONS, Settings
from . import galaxy_evidence as evidence
from .findings import AttributeFinding, Findings, TagFinding
from .galaxy_actor_twins import actor_twins
from .galaxy_background import OtherIncidents, other_incidents
from .galaxy_cities import untargeted_cities
from .galaxy_headline_lines import split_headline
from .galaxy_invisible import visible_names
from .galaxy_item_kind import subject_of_kind_item
from .galaxy_places import SUBJECT_KINDS, Found
from .galaxy_roles import ALIAS, ATTRIBUTED, MENTIONS, RELATIONSHIP_RANK, TARGETS, Reader
from .galaxy_salience import item_lead, roundup, salient
from .galaxy_software_prose import platform_builds, set_aside, standing
from .galaxy_software_subject import introduced
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


def galaxy_clusters(
    report: Report, index: GalaxyIndex | None = None, recognition: tuple[str, ...] = TECHNIQUE_RECOGNITIONS
) -> dict[Cluster, str]:
    """Every cluster the report names, with the strongest role it plays (see the module docstring), and the
    ATT&CK techniques its prose describes (techniques.py); `recognition` is the `techniques` setting."""
    report = visible_names(report)  # names written with invisible characters inside read whole (galaxy_invisible)
    report = split_headline(report)  # a headline glued to the first sentence read as a heading (galaxy_headline_lines)
    reader = Reader(report, index or galaxy_index(), recognition)
    chosen: dict[Cluster, str] = {}
    support: dict[Cluster, Support] = {}
    pending: list[tuple[list[Cluster], str, tuple[str, int], Found, bool]] = []
    tied: list[tuple[list[Cluster], tuple[str, int], Found, bool, frozenset[Cluster]]] = []
    named: set[Cluster] = set()
    # Software named where it says the report is about it (galaxy_salience); a free-form report's software named
    # in one sentence of prose only, never so, is named in passing.
    salient_software: set[Cluster] = set()
    ranked: set[Cluster] = set()
    free_form = report.template == "generic"
    # The galaxies where an actor (by its key, see `namings`) has a cluster of its own; the actors whose alias
    # reached a cluster.
    anchored: dict[int, set[str]] = {}
    alias_of: dict[Cluster, set[int]] = {}

    # Actor clusters that one writing named together ("Midnight Blizzard": APT29 in ATT&CK, UNC2452 in the
    # threat-actor galaxy) are one actor told apart by two galaxies: they share what the report gives them.
    same_actor = SameActor()

    def keep(cluster: Cluster, relationship: str, naming: tuple[str, int], found: Found, evidenced: bool) -> None:
        if cluster.kind == "actor":
            same_actor.join(found, cluster)
        current = chosen.get(cluster)
        if current is None or RELATIONSHIP_RANK[relationship] < RELATIONSHIP_RANK[current]:
            chosen[cluster] = relationship
        # ...or the actor is the subject of a roundup's item ("4. Star Blizzard is phishing policy staff again").
        attributing = cluster.kind == "actor" and bool(
            reader.cues.attribution.search(found.sentence)
            or reader.cues.co_actor.search(found.sentence)
            or evidence.origin_glued_near(found, reader.cues)
            or (free_form and item_lead(found, report.text, in_roundup))
        )
        # A rare word ("Sandworm", "Electrum") named in two sentences is the actor; a commoner one ("Strontium",
        # "Calypso") needs a word of its kind or the actor's known software (`ambiguous_actors.repeat_zipf`).
        rare = any(n.cluster == cluster and n.zipf < reader.cues.ambiguous_actor_repeat_zipf for n in found.match.names)
        support.setdefault(cluster, Support()).add(found, evidenced, attributing, rare)
        # A family a sentence ranks among others is a landscape report's subject, not context (galaxy_software_prose).
        if free_form and cluster.kind in _SOFTWARE and standing(found):
            ranked.add(cluster)
        # Lineage of the code ("the encryptor's code overlaps with the former Conti locker") ties the family to
        # the sample as use does.
        if (
            free_form
            and cluster.kind in _SOFTWARE
            and cluster not in salient_software
            and (
                salient(found, report.text, in_roundup)
                or reader.asides.lineage(found)
                or _subject_of_item(cluster, found, reader)
                or (introduced(found, report.text) and not set_aside(found))
            )
        ):
            salient_software.add(cluster)
        how, key = naming
        # In a galaxy that keeps related groups apart, an alias written as a cluster's own name in a sentence about
        # a subgroup ("the Lazarus subgroup also tracked as APT38") names that cluster.
        distinct = cluster.galaxy in reader.cues.own_names_distinct and bool(
            reader.cues.subgroup.search(found.sentence)
        )
        if how == ALIAS and not (distinct and any(n.own and n.cluster == cluster for n in found.match.names)):
            alias_of.setdefault(cluster, set()).add(key)
        else:
            named.add(cluster)
        if cluster.kind == "actor" and how != ALIAS:
            anchored.setdefault(key, set()).add(cluster.galaxy)

    # Software the report says is absent ("we saw no Snake") is left out everywhere, unless another sentence has it
    # in use ("Cobalt Strike was deployed on host A; we saw no Cobalt Strike on host B").
    absent: set[Cluster] = set()
    in_use: set[Cluster] = set()
    founds = reader.found()
    in_roundup = free_form and roundup(founds, report.text, report.title)
    for found, naming in zip(founds, reader.namings(founds), strict=True):
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
    repeated = reader.cues.mentions_repeated
    support.update(same_actor.pooled(support))
    passing = passing_actors(chosen, support, reader)
    if free_form:
        passing |= {
            c for c in chosen if c.kind in _SOFTWARE and c not in salient_software and len(support[c].sentences) == 1
        }
    # An alias names the actor it belongs to: where that actor has a cluster in a galaxy, another actor
    # cluster of that galaxy reached only through the alias is not a second actor. An actor named only by
    # ambiguous names without a word of its kind needs a second sentence; a place only mentioned in passing
    # needs `mentioned_locations.sentences` of them.
    found = {
        c: r
        for c, r in chosen.items()
        if (c not in absent or c in in_use)
        and c not in passing
        and (c in named or c.kind != "actor" or not any(c.galaxy in anchored.get(a, ()) for a in alias_of.get(c, ())))
        and (
            c.kind != "actor"
            or support[c].evidenced
            or (support[c].rare and len(support[c].sentences) > 1)
            or uses_named(c, chosen, same_actor, reader.index)
        )
        and (r != MENTIONS or c.kind != "location" or len(support[c].sentences) >= repeated)
    }
    for candidates, naming, found_at, evidenced, actors in tied:
        if actors & found.keys() and len(candidates) == 1:
            keep(candidates[0], ATTRIBUTED, naming, found_at, evidenced)
            found[candidates[0]] = ATTRIBUTED
    # A country named only by its cities is no tag unless a city is a victim's place (galaxy_cities).
    for cluster in untargeted_cities(reader.cities_alone, found):
        del found[cluster]
    # A region the report names that holds a country it targets is its victims' region (galaxy_victim_regions).
    found.update(dict.fromkeys(victims_regions(found, founds, reader), TARGETS))
    if free_form and not in_roundup:
        for cluster in _in_other_incidents(found, support, other_incidents(founds)) - ranked:
            del found[cluster]
    # A kept actor is tagged in the other actor galaxy too, where that galaxy files it under its own name
    # (galaxy_actor_twins).
    found.update(actor_twins(found, same_actor, reader.index))
    return settle(found, report, reader.index, recognition)


def _subject_of_item(cluster: Cluster, found: Found, reader: Reader) -> bool:
    """The family opens a landscape report's item of its kind (galaxy_item_kind): the item is about it."""
    kind = reader.cues.evidence.get(cluster.galaxy, cluster.kind)
    return subject_of_kind_item(found, kind, reader.report.text, reader.cues)


def _names_each(found: Found, candidates: list[Cluster]) -> bool:
    """A sector phrasing that joins two sectors names each of them ("oil and gas" is Oil and Gas), where another
    name of several sectors is ambiguous and waits for one of them named elsewhere."""
    return " and " in found.match.surface.lower() and all(c.kind == "sector" for c in candidates)


def _location_name(cluster: Cluster) -> str:
    if cluster.display:
        return cluster.display
    if cluster.galaxy == "region":
        return cluster.value.split(" - ", 1)[-1]
    return " ".join(w if w in {"of", "and", "the"} else w[:1].upper() + w[1:] for w in cluster.value.split())


def galaxy_findings(report: Report, settings: Settings | None = None) -> Findings:
    """Galaxy tags (with their role as `relationship_type`) and `target-location` attributes of a report."""
    findings = Findings()
    clusters = galaxy_clusters(report, recognition=settings.techniques if settings else TECHNIQUE_RECOGNITIONS)
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
