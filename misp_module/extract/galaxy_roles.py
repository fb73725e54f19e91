"""The role a galaxy name plays where it is written (the rules of the table in docs/galaxy-roles.md): whether it counts
there, as what (`attributed-to`, `targets`, `uses`, `mentions`), and how actor names and their aliases relate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..knowledge.data import load_data
from ..knowledge.galaxies import Cluster, GalaxyIndex, Name, name_key
from ..knowledge.regex_cache import compiled
from ..read.report import Report
from ..settings import TECHNIQUE_RECOGNITIONS
from . import galaxy_evidence as evidence
from .galaxy_actor_prose import (
    actor_word_after,
    attributed_before,
    named_as_actor,
    ransom_mark_after,
    software_near_in_clause,
)
from .galaxy_asides import Asides
from .galaxy_brands import actor_and_family
from .galaxy_cities import cities_alone, is_city
from .galaxy_cues import cues
from .galaxy_history import History
from .galaxy_homonyms import homonym, spelt_out
from .galaxy_item_kind import subject_of_kind_item
from .galaxy_name_lists import name_list
from .galaxy_namings import SubjectActor, given_name
from .galaxy_page_subject import kind_in_name, page_subject
from .galaxy_places import Found, found_names
from .galaxy_set_asides import DENIED, NOT_HERE, PASSING, SetAsideReadings, note_passing
from .galaxy_software_prose import listed_with_family
from .galaxy_targets import ATTRIBUTED, MENTIONS, TARGETS, USES, PlaceRules
from .galaxy_techniques import technique_counts
from .words_anywhere import LoweredText, words_anywhere

__all__ = ["ALIAS", "ATTRIBUTED", "MENTIONS", "OTHER", "PRIMARY", "RELATIONSHIP_RANK", "TARGETS", "USES", "Reader"]

# When a cluster is found in several roles, the tag carries the strongest.
RELATIONSHIP_RANK = {ATTRIBUTED: 0, TARGETS: 1, USES: 2, MENTIONS: 3}
_ACTOR_ROLES = {"actor", "attribution"}
_TOOL_ROLES = {"tools", "activity", "ttps", "actor", "body", "preamble", "analysis"}
# Where the heading's primary actor name ends: its aliases follow ("APT29 (Cozy Bear)", "APT29 / Cozy Bear").
_HEADING_ALIASES = compiled(r"[(\[/,;]")
_LOWER_WORDS = compiled(r"[a-z]+")
# How a match names the report's actor: the heading's primary name, an alias of it, or neither.
PRIMARY, ALIAS, OTHER = "primary", "alias", "other"


class Reader(PlaceRules, SetAsideReadings):
    """Applies the section rules to every match of one report."""

    def __init__(
        self, report: Report, index: GalaxyIndex, recognition: tuple[str, ...] = TECHNIQUE_RECOGNITIONS
    ) -> None:
        self.report = report
        self.recognition = recognition
        self.index = index
        self.cues = cues()
        roles = {s.role for s in report.sections}
        self.has_actor_part = bool(roles & _ACTOR_ROLES)
        self.has_targeting = "targeting" in roles
        self.has_ttps = "ttps" in roles
        self._platforms_named: dict[str, bool] = {}
        self._lowered = LoweredText(report.text)
        self.asides = Asides(self.cues, report.text, report.date, stated=report.date_stated)
        # What the report names besides its own case: the subject's past, earlier publications, side notes, its vendor.
        self.history = History(self.asides.past)
        # Answers that depend only on a match's place, asked once per place although a match often carries
        # several names (malpedia, mitre-malware, tool...): keyed by the Found's id (the Found kept alive with them).
        self._place_answers: dict[int, tuple[Found, dict[object, Any]]] = {}
        self._text_answers: dict[tuple[object, ...], Any] = {}
        # The clusters read as themselves but set aside for their role where they are named (PASSING, by galaxy and
        # place; sectors add theirs, galaxy_sector_rules), the places only mentioned with where (galaxy_location_rules),
        # and the actors and software named in a denial, never listed (galaxy_mentions).
        self.passing: dict[tuple[str, int], set[Cluster]] = {}
        self.mentioned_places: dict[Cluster, list[Found]] = {}
        # The places a veto, a holder of servers or the like or a backdrop set aside somewhere: never promoted for
        # being named early and again (galaxy_early_places, read in galaxies `_Tally.kept`).
        self.aside_places: set[Cluster] = set()
        self.refused: set[Cluster] = set()

    def names_platform(self, platform: str) -> bool:
        """Whether the report names the platform (its words in `platforms` of galaxies.yaml), read on first ask:
        only a platform variant of a cluster or a technique of a platform's matrix asks, and only about its own
        platforms (not six per report), each looked for where one of its words begins (words_anywhere.py), not
        at every position of the text."""
        named = self._platforms_named.get(platform)
        if named is None:
            pattern = self.cues.platforms.get(platform)
            words = load_data("galaxies.yaml")["platforms"].get(platform, ())
            named = self._platforms_named[platform] = bool(pattern and words_anywhere(pattern, words, self._lowered))
        return named

    def found(self) -> list[Found]:
        """Every match of the report's own text and of the actor heading, with its section and place."""
        founds = found_names(self.report, self.index, self.cues)
        self.asides.learn_things(founds)
        self.asides.learn_separate(founds, self.report.title)
        self.history.learn(founds)
        # The actor the page is about, whom guards of the past and of history do not set aside (galaxy_namings).
        self.subject_actor = SubjectActor(founds, self.report.text, self.report.title or "")
        places, sector_starts, sector_ends = [], [], []
        self.place_clusters = {}
        # Each sector word's match by its start: a word of a list reads its mates' roles (galaxy_sector_rules).
        self.sector_founds: dict[int, Found] = {}
        # Each place's match by its start (and those starts in order): a place listed after it reads its role
        # (galaxy_place_siblings).
        self.place_founds = {}
        # A city whose country the report does not name is no place of the report's (galaxy_cities): no sector before
        # it is in a place ("Kestrel Detection Engineering is based in Rotterdam").
        countries = {n.cluster for f in founds for n in f.match.names if n.cluster.galaxy == "country"}
        alone = self.cities_alone = cities_alone(countries, founds)
        # The sentences naming each actor (by its writing): which actor a report is mostly about.
        self.actor_sentences: dict[str, set[tuple[int, int]]] = {}
        # The software each sentence names, by its writing (whether or not it counts there): an actor's own software
        # beside it.
        self.sentence_software: dict[tuple[int, int], dict[str, set[Cluster]]] = {}
        # Where actors' names start and end: an origin said right before or after the name ("North Korea's Lazarus
        # Group", "APT28 from Russia": galaxy_place_origins).
        # (With the actor's clusters: an origin read from the name counts where that actor is the report's.)
        self.actor_starts, self.actor_ends = {}, {}
        self.origin_ties = {}
        for f in founds:
            kinds = {n.cluster.kind for n in f.match.names}
            if "actor" in kinds:
                actors = frozenset(n.cluster for n in f.match.names if n.cluster.kind == "actor")
                self.actor_starts[f.match.start] = actors
                self.actor_ends[f.match.end] = actors
                self.actor_sentences.setdefault(f.match.surface.lower(), set()).add((f.part.offset, f.sentence_start))
            if kinds & {"malware", "tool"}:
                named = self.sentence_software.setdefault((f.part.offset, f.sentence_start), {})
                named.setdefault(name_key(f.match.surface), set()).update(
                    n.cluster for n in f.match.names if n.cluster.kind in ("malware", "tool")
                )
            if "location" in kinds:
                # (a city alone is a place of a list item still: "- a venture-capital firm in Dubai")
                self.place_founds.setdefault(f.match.start, f)
            if "location" in kinds and not (is_city(f) and {n.cluster for n in f.match.names} <= alone):
                places.append((f.match.start, f.match.end))
                self.place_clusters[f.match.start] = {n.cluster for n in f.match.names}
            # (a host of others' servers is no victim noun that places a list: galaxy_sector_victims `_hosts`)
            if "sector" in kinds and f.part.role != "heading" and not self._hosts(f):
                self.sector_founds.setdefault(f.match.start, f)
                sector_starts.append(f.match.start)
                sector_ends.append(f.match.end)
        self.places = sorted(places)
        self.place_starts = sorted(self.place_founds)
        self.sector_starts = sorted(sector_starts)
        self.sector_ends = sorted(sector_ends)
        return founds

    def namings(self, founds: list[Found]) -> list[tuple[str, int]]:
        """How each match names an actor (PRIMARY, ALIAS or OTHER), and which actor (a key: 0 for the heading's).
        In the heading, the names before its first parenthesis or slash are the primary name and the others
        aliases; in Attribution, names listed after an alias phrase ("also tracked as", "Microsoft tracks ... as")
        are aliases of the heading's actor, unless the actor last named before the phrase is not the heading's
        ("Sandworm, also known as APT44"). A report with neither heading nor Attribution has no actor of its
        own: a name listed after an alias phrase is an alias of the actor named last before the phrase."""
        heading = self.report.actor or ""
        about_heading = bool(heading) or self.has_actor_part
        cue = self.cues.alias.search(heading)
        primary_end = min((m.start() for m in (_HEADING_ALIASES.search(heading), cue) if m), default=len(heading))
        heading_actors = {
            n.cluster for f in founds if f.part.role == "heading" for n in f.match.names if n.cluster.kind == "actor"
        }
        previous: dict[tuple[int, int], list[tuple[Found, int]]] = {}
        namings = []
        for position, found in enumerate(founds, start=1):
            role = found.part.role
            if role == "heading":
                namings.append((PRIMARY if found.match.start < primary_end else ALIAS, 0))
                continue
            actor = any(n.cluster.kind == "actor" for n in found.match.names)
            if not actor or (about_heading and role != "attribution"):
                namings.append((OTHER, position))
                continue
            earlier = previous.setdefault((found.part.offset, found.sentence_start), [])
            listed, owner = self._listed_alias(found, earlier)
            if listed and about_heading:
                mine = owner is None or any(n.cluster in heading_actors for n in owner[0].match.names)
                naming = (ALIAS, 0) if mine else (OTHER, position)
            elif listed and owner is not None:
                naming = (ALIAS, owner[1])
            else:
                naming = (OTHER, position)
            namings.append(naming)
            earlier.append((found, naming[1]))
        return namings

    def _listed_alias(self, found: Found, earlier: list[tuple[Found, int]]) -> tuple[bool, tuple[Found, int] | None]:
        """Whether the name is in the list of names after an alias phrase of its sentence, and the actor named
        last before that phrase (with its key), if any."""
        position = found.offset_in_part - found.sentence_start
        # Most sentences have no alias phrase to list names after; the answer is remembered for the sentence's
        # other names. (A phrase glued to the name after it, "akaAPT28", is none: its first letter continues a word.)
        if not self.cues.alias.search(found.sentence):
            return False, None
        alias_cues = list(self.cues.alias.finditer(found.sentence, 0, position))
        if not alias_cues or not name_list(found.sentence[alias_cues[-1].end() : position]):
            return False, None
        cue_start = alias_cues[-1].start()
        before = [e for e in earlier if e[0].match.end - e[0].part.offset - e[0].sentence_start <= cue_start]
        return True, (before[-1] if before else None)

    def relationship(self, name: Name, found: Found) -> str | None:
        """The role of one name at one place, or None when it does not count there."""
        kind, role = name.cluster.kind, found.part.role
        if kind == "location":
            return self._location(name, found)
        if kind == "sector":
            answers = self._answers(found)
            if "sector" not in answers:
                answers["sector"] = self._sector(found)
            return answers["sector"]
        if found.place != "prose":
            return None
        if name.context_only and role not in {"targeting", "attribution", "heading", "actor"}:
            return None
        if kind == "actor":
            return self._actor(name, found)
        if kind == "technique":
            return (
                USES
                if technique_counts(name, found, self.cues, self.has_ttps, self.names_platform, self.recognition)
                else None
            )
        return self._software(name, found)

    def _near(self, found: Found, kind: str, answers: dict[object, Any]) -> bool:
        return _remembered(answers, ("near", kind), lambda: evidence.near(found, kind, self.cues))

    def _software(self, name: Name, found: Found) -> str | None:
        """The role of a malware or tool name: set aside, another thing, or short of the evidence its form needs
        (`_word_missing`, `_kind_given_otherwise`) gives none; named in passing, a mention; else `uses`."""
        kind, role = name.cluster.kind, found.part.role
        answers = self._answers(found)
        aside = _remembered(answers, "software aside", lambda: self._software_aside(found))
        if aside == DENIED:
            self.refused.add(name.cluster)
        if aside in {NOT_HERE, DENIED}:
            return None
        if kind == "tool" and role not in _TOOL_ROLES:
            return None
        other = _remembered(
            answers,
            "software other",
            lambda: bool(
                evidence.placeholder(found)
                or evidence.surname(found, self.cues, self.index)
                or self.cues.other_things.match(found.following(20))
                # a company in a list of companies, a month in a date, another proper name (galaxy_homonyms)
                or homonym(name, found, self.cues, self.index)
                or spelt_out(found)
            ),
        )
        if other:
            return None
        thing = _remembered(answers, "software thing", lambda: self.asides.software_thing(found))
        if thing and not self._near(found, kind, answers):
            return None
        needed = evidence.galaxy_word_needed(name, found.match, self.cues)
        if self._word_missing(name, found, needed) and not self._kind_given_otherwise(name, found, needed):
            return None
        if name_key(name.form) in self.cues.technology and not evidence.in_malware_line(found):
            return None
        if aside == PASSING:
            note_passing(self.passing, name.cluster, found)
            return None
        return USES

    def _word_missing(self, name: Name, found: Found, needed: str | None) -> bool:
        """The software name lacks the word its form needs beside it: a name written before its kind word, a
        common word, or a name of a galaxy that needs its kind word (`needed`) near it or a malware line."""
        kind = name.cluster.kind
        return bool(
            (name.kind_next and not evidence.kind_next_counts(found, self.cues))
            or (name.common and not evidence.common_name_counts(found, kind, self.cues))
            or (needed and not (evidence.galaxy_word_near(found, needed, self.cues) or evidence.in_malware_line(found)))
        )

    def _kind_given_otherwise(self, name: Name, found: Found, needed: str | None) -> bool:
        """What gives the evidence a word beside the name would: a landscape report's item whose subject the name is,
        with its kind in the item or its section's heading (galaxy_item_kind), and the readings below."""
        kind = name.cluster.kind
        return bool(
            subject_of_kind_item(found, needed or kind, self.report.text, self.cues)
            # "the Akira ransom note", "the Play leak site" (galaxy_actor_prose)
            or (kind == "malware" and ransom_mark_after(found))
            # a crew's name that holds its ransomware brand, in a sentence about ransomware ("Daixin Team is a
            # ransomware and extortion group": galaxy_brands, knowledge/galaxy_kind_writings)
            or (
                kind == "malware" and not (name.common or name.kind_next) and actor_and_family(found.match.names, found)
            )
            # "LockBit, Blackbasta and Play": a list with a family that needs no word (galaxy_software_prose)
            or listed_with_family(found, kind, self.sentence_software, self.index, self.cues.evidence)
            # a common word a free-form page is about: in its lead, again and again, its kind in the sentence
            # (galaxy_page_subject)
            or (
                name.common
                and not needed
                and self.report.template == "generic"
                and page_subject(found, kind, self.report.text, self.cues, self.report.title, name.kind_next)
            )
            # ...and a noisy galaxy's name that carries its kind word ("PLAY Ransomware") in such a page's lead
            or (
                needed
                and self.report.template == "generic"
                and kind_in_name(found, needed, self.report.text, self.cues)
            )
        )

    def _actor(self, name: Name, found: Found) -> str | None:
        role = found.part.role
        if self.has_actor_part and role not in {"heading", "attribution"}:
            return None
        if name.cluster in self.asides.separate_clusters:
            return None
        answers = self._answers(found)
        aside = _remembered(answers, "actor aside", lambda: self._actor_aside(found, answers))
        if aside == DENIED:
            self.refused.add(name.cluster)
        if aside in {NOT_HERE, DENIED}:
            return None
        if (
            name.common
            and role not in {"heading", "attribution"}
            and not self._near(found, "actor", answers)
            and not named_as_actor(found)
            and not attributed_before(found)
            and not self._own_software_beside(found)
            and not self._subject_actor_of_page(found)
        ):
            return None
        if aside == PASSING:
            if self.actor_evidence(name, found):
                note_passing(self.passing, name.cluster, found)
            return None
        return ATTRIBUTED

    def _subject_actor_of_page(self, found: Found) -> bool:
        """A common-word actor name a free-form page is about: in its lead, again and again, a word of actors in the
        sentence (galaxy_page_subject), as a common-word family's."""
        return self.report.template == "generic" and page_subject(
            found, "actor", self.report.text, self.cues, self.report.title
        )

    def _own_software_beside(self, found: Found) -> bool:
        """The name's sentence names software the galaxies say this actor uses ("Lazarus deployed a new variant of its
        DTrack backdoor"): a word that names an actor ("Lazarus", "Tick") names it there. Not the software of the
        name's own writing: a brand filed as actor and family ("Akira") names its family, no other software."""
        named = self.sentence_software.get((found.part.offset, found.sentence_start), {})
        own = name_key(found.match.surface)
        software = set().union(*(clusters for writing, clusters in named.items() if writing != own))
        return bool(software) and any(
            software & self.index.goes_with(n.cluster) for n in found.match.names if n.cluster.kind == "actor"
        )

    def prefer_kind(self, names: tuple[Name, ...], found: Found) -> tuple[Name, ...]:
        """One name written once names one kind of thing: the section (or the words around it) decides."""
        names = self._prefer_ransomware(names, found)
        kinds = {n.cluster.kind for n in names}
        if len(kinds) == 1:
            return names
        role = found.part.role
        actor_place = role in {"heading", "attribution"}
        # A word of software in another clause ("a payload: Kimsuky's campaign") or beside a word that makes the name
        # the actor ("the Confucius organisation: its loader") leaves the name to the actor (galaxy_actor_prose).
        # So does a list of families the name stands in ("LockBit, Black Basta and Play": galaxy_software_prose).
        software = (
            software_near_in_clause(found, self.cues)
            or evidence.software_object(found, self.cues)
            or listed_with_family(found, "malware", self.sentence_software, self.index, self.cues.evidence)
        ) and not actor_word_after(found, self.cues)
        if "actor" in kinds and (actor_place or (not self.has_actor_part and not software)):
            # A brand filed as actor and family with a ransomware word in the sentence, or a thing only ransomware has
            # right after it ("the Akira ransom note", galaxy_actor_prose), or an actor's own software of its name with
            # a word of malware in the sentence (`_eponymous`): both kinds, each on its own evidence.
            if actor_and_family(names, found) or ransom_mark_after(found) or self._eponymous(names, found):
                return names
            return tuple(n for n in names if n.cluster.kind == "actor")
        return tuple(n for n in names if n.cluster.kind != "actor")

    def _eponymous(self, names: tuple[Name, ...], found: Found) -> bool:
        """The writing names an actor and the software the galaxies say that actor uses under the same name
        ("StrongPity", ATT&CK's PROMETHIUM and its S0491), in a sentence with a word of malware: both."""
        actors = [n.cluster for n in names if n.cluster.kind == "actor"]
        software = {n.cluster for n in names if n.cluster.kind == "malware"}
        if not software or not any(software & self.index.goes_with(a) for a in actors):
            return False
        own = set(found.match.surface.lower().split())
        words = set(_LOWER_WORDS.findall(found.sentence.lower())) - own
        return bool(words & self.cues.context.get("malware", frozenset()))

    def _prefer_ransomware(self, names: tuple[Name, ...], found: Found) -> tuple[Name, ...]:
        """Ransomware and other software of one name ("Medusa"): ransomware written next to it keeps the ransomware,
        a word of another kind next to it ("banking trojan", "APK", "bot") keeps the others."""
        software = [n for n in names if n.cluster.kind == "malware"]
        sorts = {n.cluster.sort for n in software}
        # (A family whose kind its galaxy does not say, beside ransomware of its name, is another family: ATT&CK's
        # Shark backdoor beside the ransomware galaxy's Shark.)
        if "ransomware" not in sorts or len(sorts) < 2:
            return names
        if evidence.ransomware_next(found, self.cues) or ransom_mark_after(found):
            return tuple(n for n in names if n.cluster.sort != "other")
        if evidence.other_than_ransomware(found, self.cues):
            return tuple(n for n in names if n.cluster.sort != "ransomware")
        return names

    def narrow(self, clusters: list[Cluster]) -> list[Cluster]:
        """Candidates of one galaxy for one name, narrowed by what the report says; may stay ambiguous."""
        live = [c for c in clusters if not c.revoked] or clusters
        variants = [c for c in live if c.platform]
        if variants:
            live = [c for c in live if not c.platform or self.names_platform(c.platform)]
        if len(live) > 1 and any(c.matrix for c in live):
            ranks = [self.cues.matrices.index(c.matrix) if c.matrix in self.cues.matrices else 99 for c in live]
            live = [c for c, r in zip(live, ranks, strict=True) if r == min(ranks)]
        return live

    def actor_evidence(self, name: Name, found: Found) -> bool:
        """An ambiguous actor name (see `galaxy_evidence.ambiguous_actor`) in running text: a word of its kind next
        to it or in the apposition after it ("SideWinder, a prolific espionage actor thought to be based in India"),
        or the place (heading, Attribution) says it is an actor."""
        if name.cluster.kind != "actor" or not evidence.ambiguous_actor(name, self.cues):
            return True
        if found.part.role in {"heading", "attribution"}:
            return True
        return (
            evidence.near(found, "actor", self.cues)
            or actor_word_after(found, self.cues)
            or evidence.origin_glued_near(found, self.cues)
            or named_as_actor(found)
            or attributed_before(found)
            # "the bug, which has been dubbed Madi or Mahdi", "TAG-110, also known as UAC-0063" (galaxy_namings)
            or given_name(found)
            or self._subject_actor_of_page(found)
        )


def _remembered(answers: dict[object, Any], key: object, answer: Callable[[], Any]) -> Any:
    """The answer remembered under `key` for a name's place (`Reader._answers`), worked out by `answer()` on the first
    question; an answer of None is asked again, as the readings were written."""
    value = answers.get(key)
    if value is None:
        value = answers[key] = answer()
    return value
