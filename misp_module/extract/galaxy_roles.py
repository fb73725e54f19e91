"""The role a galaxy name plays where it is written (the rules of the table in galaxies.py): whether it counts
there, as what (`attributed-to`, `targets`, `uses`, `mentions`), and how actor names and their aliases relate."""

from __future__ import annotations

import bisect
import re

from ..knowledge.galaxies import Cluster, GalaxyIndex, Name, name_key
from ..read.report import Report
from ..settings import TECHNIQUE_RECOGNITIONS
from . import galaxy_evidence as evidence
from .galaxy_asides import CLAUSE_MARKS, Asides, name_list
from .galaxy_cues import cues
from .galaxy_places import VICTIM_LOCATION, VICTIM_SECTOR, Found, found_names
from .galaxy_techniques import technique_counts

ATTRIBUTED, TARGETS, USES, MENTIONS = "attributed-to", "targets", "uses", "mentions"
# When a cluster is found in several roles, the tag carries the strongest.
RELATIONSHIP_RANK = {ATTRIBUTED: 0, TARGETS: 1, USES: 2, MENTIONS: 3}
_ACTOR_ROLES = {"actor", "attribution"}
_TOOL_ROLES = {"tools", "activity", "ttps", "actor", "body", "preamble", "analysis"}
# Where the heading's primary actor name ends: its aliases follow ("APT29 (Cozy Bear)", "APT29 / Cozy Bear").
_HEADING_ALIASES = re.compile(r"[(\[/,;]")
_GLUED_WORD = re.compile(r"-(\w+)")
_NEXT_TWO_WORDS = re.compile(r"[\s-]*(\w+)(?:\s+(\w+))?")
# The word written right before a name, joined to it by a space or a hyphen ("ransom payment").
_WORD_JOINED_BEFORE = re.compile(r"(\w+)[ -]$")
# The last one or two words of a text (the noun of victims before "in": "government agencies").
_LAST_WORDS = re.compile(r"(?:[\w-]+\s+)?[\w-]+\s*$")
# From a sector to the place of its victims: the rest of a short list of victim nouns, then "in" ("think tanks
# and universities in ").
_SECTOR_LIST_IN = re.compile(r"(?:[\s,]+[a-z][\w-]*){0,4}\s+(?:in|across|throughout)\s+(?:the\s+)?")
_WORDS_AFTER = re.compile(r"[A-Za-z][\w-]*")
# A heading that asks why the victims were in a sector ("Why education?", "Why target hospitals?"): the section
# discusses the victims' sector.
_WHY_SECTOR = re.compile(r"why\s+(?:(?:the|target|targeting|attack|attacking|hit)\s+)?[\w ,&-]{2,40}\?", re.IGNORECASE)
# How a match names the report's actor: the heading's primary name, an alias of it, or neither.
PRIMARY, ALIAS, OTHER = "primary", "alias", "other"


class Reader:
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
        self.asides = Asides(self.cues, report.text, report.date)

    def names_platform(self, platform: str) -> bool:
        """Whether the report names the platform (its words in `platforms` of galaxies.yaml), read on first ask:
        only a platform variant of a cluster or a technique of a platform's matrix asks, and only about its own
        platforms (a whole-text search each, not six per report)."""
        named = self._platforms_named.get(platform)
        if named is None:
            pattern = self.cues.platforms.get(platform)
            named = self._platforms_named[platform] = bool(pattern and pattern.search(self.report.text))
        return named

    def found(self) -> list[Found]:
        """Every match of the report's own text and of the actor heading, with its section and place."""
        founds = found_names(self.report, self.index, self.cues)
        self.asides.learn_things(founds)
        self.asides.learn_separate(founds, self.report.title)
        places, sector_starts, sector_ends = [], [], []
        for f in founds:
            kinds = {n.cluster.kind for n in f.match.names}
            if "location" in kinds:
                places.append((f.match.start, f.match.end))
            if "sector" in kinds and f.part.role != "heading":
                sector_starts.append(f.match.start)
                sector_ends.append(f.match.end)
        self.places = sorted(places)
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
            return self._sector(found)
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

    def _software(self, name: Name, found: Found) -> str | None:
        kind, role = name.cluster.kind, found.part.role
        if (
            role == "mitigations"
            or self.asides.denied(found)
            or ((self.asides.past(found.clause) or self.asides.past_before(found)) and not self.asides.lineage(found))
            or self.asides.compared(found, False)
        ):
            return None
        if kind == "tool" and role not in _TOOL_ROLES:
            return None
        if (
            evidence.placeholder(found)
            or evidence.surname(found, self.cues, self.index)
            or self.cues.other_things.match(found.following(20))
            or (self.asides.software_thing(found) and not evidence.near(found, kind, self.cues))
        ):
            return None
        if name.common and not evidence.common_name_counts(found, kind, self.cues):
            return None
        needed = evidence.galaxy_word_needed(name, found.match, self.cues)
        if needed and not (evidence.galaxy_word_near(found, needed, self.cues) or evidence.in_malware_line(found)):
            return None
        if name_key(name.form) in self.cues.technology and not evidence.in_malware_line(found):
            return None
        return USES

    def _actor(self, name: Name, found: Found) -> str | None:
        role = found.part.role
        if self.has_actor_part and role not in {"heading", "attribution"}:
            return None
        if role == "mitigations" or self.asides.denied(found) or name.cluster in self.asides.separate_clusters:
            return None
        if role != "heading" and (self.asides.past(found.sentence) or self.asides.compared(found, True)):
            return None
        # A name the report writes as a product elsewhere still names the actor next to a word of its kind.
        if role != "heading" and self.asides.other_thing(found) and not evidence.near(found, "actor", self.cues):
            return None
        if evidence.surname(found, self.cues, self.index):
            return None
        if name.common and role not in {"heading", "attribution"} and not evidence.near(found, "actor", self.cues):
            return None
        return ATTRIBUTED

    def _location(self, name: Name, found: Found) -> str | None:
        role = found.part.role
        if found.place == VICTIM_LOCATION:
            return TARGETS
        if found.place != "prose" or evidence.proper_name_goes_on(found):
            return None
        if name.cluster in self.asides.not_targets:
            return None
        if role == "targeting":
            return TARGETS
        if role in {"heading", "attribution"}:
            if self.asides.past(found.sentence):
                return MENTIONS
            return ATTRIBUTED if self.cues.attribution.search(found.sentence) else MENTIONS
        relationship = MENTIONS
        victims_in = not name.context_only and self._where_victims_are(found)
        if self._serves_state(found):
            relationship = ATTRIBUTED
        elif not self.has_targeting and (self._after_targeting_cue(found) or victims_in):
            relationship = TARGETS
        elif self._origin(found):
            relationship = ATTRIBUTED
        elif not self.has_targeting and not name.context_only and self._qualifies_victims(found):
            relationship = TARGETS
        if relationship != MENTIONS and self.cues.negation.search(found.clause):
            relationship = MENTIONS
        if relationship == TARGETS and (
            self._where_infrastructure_is(found)
            or self.asides.in_separating_sentence(found)
            or self.asides.past(found.sentence)
        ):
            relationship = MENTIONS
        if name.context_only and relationship == MENTIONS:
            return None
        return relationship

    def _origin(self, found: Found) -> bool:
        """In a report without an Attribution section: the clause says the actor comes from the place ("believed
        to operate from Pakistan", "a Russia-aligned group"), or the place qualifies the actor ("Russian military
        hackers", "North Korean operators"); a hyphenated origin word counts too ("a Pakistan-linked group")."""
        glued = _GLUED_WORD.match(found.following(20))
        if self.cues.origin.search(found.clause) or (
            glued and (self.cues.origin.fullmatch(glued.group(1)) or glued.group(1).lower() in self.cues.origin_glued)
        ):
            return True
        following = _NEXT_TWO_WORDS.match(found.following(40))
        return bool(following and {w.lower() for w in following.groups() if w} & self.cues.actor_nouns)

    def _product_name(self, found: Found, joined: re.Match[str] | None) -> bool:
        """A capitalised sector word in a product's name: before a product word ("Harbor Telecom Shield", "our
        Government Cloud") or right after "our"."""
        if not found.match.surface[:1].isupper():
            return False
        following = _WORDS_AFTER.match(found.following(30).lstrip(" "))
        if following and found.following(1) == " " and following.group() in self.cues.product_words:
            return True
        return bool(joined and joined.group(1).lower() == "our")

    def _victims_in_place(self, found: Found) -> bool:
        """The sector is where a list of victims is placed: "think tanks and universities in South Korea", "banks
        in Spain" (the same words that make the place a target, see `_where_victims_are`)."""
        index = bisect.bisect_left(self.places, (found.match.end, 0))
        if index >= len(self.places) or self.places[index][0] - found.match.end > 60:
            return False
        between = self.report.text[found.match.end : self.places[index][0]]
        if "\n\n" in between or self._where_infrastructure_is(found):
            return False
        return bool(_SECTOR_LIST_IN.fullmatch(between))

    def _speaks(self, found: Found) -> bool:
        """The name is the author of a warning, not a victim: a verb of speaking within four words after it ("a
        government agency published advisories"), or it follows "advisories from" and the like."""
        clause_after = re.split(CLAUSE_MARKS, found.following(50), maxsplit=1)[0]
        after = [w.lower() for w in _WORDS_AFTER.findall(clause_after)[:4]]
        if set(after) & self.cues.speaking_verbs:
            return True
        start = max(found.offset_in_part - found.sentence_start, 0)
        return bool(self.cues.speaking_source.search(found.sentence, max(0, start - 60), start))

    def _qualifies_victims(self, found: Found) -> bool:
        """The place qualifies a noun of victims within the next two words: a sector ("European embassies",
        "Ukrainian ministries") or an organisation ("Japanese exchange staff"); not infrastructure ("a Dutch
        hosting provider")."""
        words = list(_WORDS_AFTER.finditer(found.following(40)))[:3]
        if not words or words[0].start() != 1 or any(self.cues.infrastructure.fullmatch(w.group()) for w in words):
            return False
        for word in words:
            start = found.match.end + word.start()
            index = bisect.bisect_left(self.sector_starts, start)
            if (index < len(self.sector_starts) and self.sector_starts[index] == start) or word.group().lower() in (
                self.cues.sector_heads
            ):
                return True
        return False

    def _serves_state(self, found: Found) -> bool:
        """The actor serves the place's state organ: a link phrase right before the place and an organ word
        within five words after it ("a group that works for Russia's foreign intelligence service")."""
        before = found.sentence[: max(found.offset_in_part - found.sentence_start, 0)][-40:]
        links = list(self.cues.origin_links.finditer(before))
        if not links or not re.fullmatch(r"\s*(?:(?:the|a|an)\s+)?", before[links[-1].end() :]):
            return False
        return bool(self.cues.origin_organs.search(" ".join(found.following(60).split()[:6])))

    def _where_infrastructure_is(self, found: Found) -> bool:
        """A word of infrastructure among the eight words before the place, in its sentence ("proxies hosted in
        the Netherlands", "home routers, most of them in India")."""
        before = found.sentence[: max(found.offset_in_part - found.sentence_start, 0)]
        return bool(self.cues.infrastructure.search(" ".join(before.split()[-8:])))

    def _where_victims_are(self, found: Found) -> bool:
        """The place follows a noun of victims and "in" ("retail chains in the United States", "banks in Spain",
        "manufacturing companies in Canada"): where those victims are."""
        before = found.sentence[: max(found.offset_in_part - found.sentence_start, 0)][-80:].rsplit(";", 1)[-1]
        preposition = self.cues.victims_in.search(before)
        if not preposition:
            return False
        window = before[: preposition.start()]
        sector = _LAST_WORDS.search(window)
        if sector and self.cues.speaking_source.search(window, 0, sector.start()):
            return False
        words = re.findall(r"[a-z]+", window.lower())[-6:]
        if set(words) & self.cues.sector_heads:
            return True
        window_start = found.match.start - len(before)
        index = bisect.bisect_right(self.sector_ends, found.match.start) - 1
        return index >= 0 and self.sector_ends[index] > window_start

    def _after_targeting_cue(self, found: Found) -> bool:
        """A targeting word earlier in the sentence governs the name: no word of purpose or means between them
        ("compromised servers for cryptocurrency mining", "attacked users with banking malware")."""
        position = max(found.offset_in_part - found.sentence_start, 0)
        defending = [(m.start(), m.end()) for m in self.cues.not_targeting.finditer(found.sentence, 0, position)]
        cues = [
            m
            for m in self.cues.targeting.finditer(found.sentence, 0, position)
            if not any(start <= m.start() and m.end() <= end for start, end in defending)
        ]
        if not cues or ";" in found.sentence[cues[-1].end() : position]:
            return False
        # "for" after a verb of employment, and "with" in a phrase that joins places, break nothing.
        employment = [
            (m.start(), m.end())
            for pattern in (self.cues.not_breaks, self.cues.place_list_joiners)
            for m in pattern.finditer(found.sentence, cues[-1].end(), position)
        ]
        if any(
            not any(start <= b.start() and b.end() <= end for start, end in employment)
            for b in self.cues.targeting_breaks.finditer(found.sentence, cues[-1].end(), position)
        ):
            return False
        places = any(n.cluster.kind == "location" for n in found.match.names)
        return not (places and self._other_place_between(found, found.match.start - position + cues[-1].end()))

    def _other_place_between(self, found: Found, start: int) -> bool:
        """Another place stands between a targeting word and this one, and not as part of one list with it
        ("against Cyprus began as talks about an Eastern European pipeline"): the word targeted that place."""
        index = bisect.bisect_left(self.places, (start, 0))
        between = [p for p in self.places[index:] if p[1] <= found.match.start]
        if not between:
            return False
        text = self.report.text[between[-1][1] : found.match.start] if found.part.role != "heading" else ""
        if re.fullmatch(r"[\s,]*(?:(?:and|or)\s+)?(?:the\s+)?[*_]*", text):
            return False
        joined = re.sub(r"^[\s,;*_]+|(?:\s+the)?[\s*_]+$", "", text)
        return not self.cues.place_list_joiners.fullmatch(joined)

    def _sector(self, found: Found) -> str | None:
        part = found.part
        if found.place == VICTIM_SECTOR:
            return TARGETS
        if found.place != "prose":
            return None
        if part.role != "targeting" and evidence.modifies_another_noun(found, self.cues):
            return None
        if found.match.surface.lower() in self.cues.sector_bare_words or self._speaks(found):
            return None
        joined = _WORD_JOINED_BEFORE.search(found.part.text, max(0, found.offset_in_part - 30), found.offset_in_part)
        if joined and joined.group(1).lower() in self.cues.sector_not_after:
            return None
        if self._product_name(found, joined):
            return None
        if part.role == "targeting":
            if part.sectors_span is None:
                return TARGETS
            start = found.offset_in_part
            return TARGETS if part.sectors_span[0] <= start < part.sectors_span[1] else None
        if not self.has_targeting and _WHY_SECTOR.fullmatch(found.sentence.strip()):
            return TARGETS
        if not self.has_targeting and (self._after_targeting_cue(found) or self._victims_in_place(found)):
            return None if self.asides.denied(found) or self.asides.past(found.sentence) else TARGETS
        return None

    def prefer_kind(self, names: tuple[Name, ...], found: Found) -> tuple[Name, ...]:
        """One name written once names one kind of thing: the section (or the words around it) decides."""
        kinds = {n.cluster.kind for n in names}
        if len(kinds) == 1:
            return names
        role = found.part.role
        actor_place = role in {"heading", "attribution"}
        software = evidence.near(found, "malware", self.cues) or evidence.software_object(found, self.cues)
        if "actor" in kinds and (actor_place or (not self.has_actor_part and not software)):
            return tuple(n for n in names if n.cluster.kind == "actor")
        return tuple(n for n in names if n.cluster.kind != "actor")

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
        to it, or the place (heading, Attribution) says it is an actor."""
        if name.cluster.kind != "actor" or not evidence.ambiguous_actor(name, self.cues):
            return True
        if found.part.role in {"heading", "attribution"}:
            return True
        return evidence.near(found, "actor", self.cues)
