"""Galaxy clusters a report names (actors, countries, sectors, techniques, malware), with the role each plays.

One pass of the galaxy index over the report's text finds every name; the section a name is in decides
whether it counts and what it means (the rules below, in one place):

| kind       | counted in                                             | tag relationship_type                     |
|------------|--------------------------------------------------------|-------------------------------------------|
| actor      | the Threat Actor heading and Attribution (any section  | attributed-to                             |
|            | when the report has neither); not in a negated clause  |                                           |
|            | nor a sentence about the past. An alias of the         |                                           |
|            | heading's actor (in the heading's parentheses or after |                                           |
|            | a "/"; after "also tracked as", "aka" … in             |                                           |
|            | Attribution) adds no second cluster to a galaxy where  |                                           |
|            | the primary name has one; without heading and          |                                           |
|            | Attribution, the same for a name after an alias phrase |                                           |
|            | and the actor named just before the phrase             |                                           |
| location   | everywhere                                             | targets under Targeting; attributed-to in |
|            |                                                        | Attribution when the sentence attributes; |
|            |                                                        | mentions elsewhere                        |
| sector     | the Sectors line of Targeting (else all of Targeting;  | targets                                   |
|            | else sentences about targeting)                        |                                           |
| technique  | an ID anywhere; a name under TTPs (anywhere without)   | uses                                      |
|            | but not in a sentence whose IDs it does not name, nor  |                                           |
|            | a mobile technique's name in a report that names no    |                                           |
|            | mobile platform                                        |                                           |
| malware    | everywhere but Mitigations; not in a negated clause    | uses                                      |
|            | nor a sentence about the past; a technology name       |                                           |
|            | ("Python", "Zimbra") only in the Malware line          |                                           |
| tool       | Tools, Activity, TTPs and the heading, as malware      | uses                                      |

A name that is a common word counts only where its kind is the subject (Attribution for actors, Tools for
malware) or next to a word of its kind ("Silence malware"). A name of an actor and of its malware is the
malware next to a word of its kind or after a verb of software ("loads Carbanak"). A name shared by several
clusters of one
galaxy is resolved by the report itself (a platform it names, the Enterprise ATT&CK matrix over the
others, a cluster it names unambiguously elsewhere, a cluster's own name over another's synonym) or left
out. Targeted countries and regions also become `target-location` attributes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from ..budget import count_name
from ..knowledge.data import load_data
from ..knowledge.galaxies import Cluster, GalaxyIndex, Match, Name, galaxy_index, name_key
from ..read.report import Report, Section
from .findings import AttributeFinding, Findings, TagFinding

ATTRIBUTED, TARGETS, USES, MENTIONS = "attributed-to", "targets", "uses", "mentions"
# When a cluster is found in several roles, the tag carries the strongest.
_RELATIONSHIP_RANK = {ATTRIBUTED: 0, TARGETS: 1, USES: 2, MENTIONS: 3}
_ACTOR_ROLES = {"actor", "attribution"}
_TOOL_ROLES = {"tools", "activity", "ttps", "actor", "body", "preamble", "analysis"}
# Indent within the line only ([^\S\n]): `^\s*` would rescan a run of blank lines from each of them.
_CODE_BLOCK = re.compile(r"^[^\S\n]*(```|~~~).*?^[^\S\n]*\1", re.MULTILINE | re.DOTALL)
# A match's sentence is read at most this far on either side: a text without punctuation is not one sentence
# (the cues searched in it would make every match cost the whole text). The cut falls on a grid of _WINDOW_STEP,
# so that neighbouring matches share one window.
_SENTENCE_WINDOW = 1000
_WINDOW_STEP = 250
# "a.k.a. APT43" goes on with the sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\b[aA]\.[kK]\.[aA]\.)\s+(?=[^a-z])|\n+")
_CLAUSE_END = re.compile(r"[;:,()\u2014\u2013]|\s-\s")
# Words around a common-word name that may say what it is ("the Silence malware", "Mega ransomware").
_NEIGHBOUR_WORDS = 3
# The gap of " ... " in a cue phrase ("tracked by ... as"): up to five words within one clause.
_FEW_WORDS = r"\s+(?:[^\s.;:,()]+\s+){0,5}?"
# Where the heading's primary actor name ends: its aliases follow ("APT29 (Cozy Bear)", "APT29 / Cozy Bear").
_HEADING_ALIASES = re.compile(r"[(\[/,;]")
# How a match names the report's actor: the heading's primary name, an alias of it, or neither.
PRIMARY, ALIAS, OTHER = "primary", "alias", "other"
# An ATT&CK technique ID as a report writes it ("T1219", "T1059.006").
_TECHNIQUE_ID = re.compile(r"(?<![\w.])T\d{4}(?:\.\d{3})?(?!\w|\.\d)", re.IGNORECASE)


class _Remembered:
    """A cue pattern whose `search` remembers its recent answers: the matches of one long sentence share its
    window (below), so the cues are searched once per window, not once per match."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.search = lru_cache(maxsize=1024)(pattern.search)


@dataclass(frozen=True)
class _Cues:
    negation: _Remembered
    historical: _Remembered
    alias: re.Pattern[str]
    attribution: _Remembered
    targeting: _Remembered
    context: dict[str, frozenset[str]]
    software_verbs: frozenset[str]
    platforms: dict[str, re.Pattern[str]]
    matrices: tuple[str, ...]
    matrix_platforms: dict[str, frozenset[str]]
    technology: frozenset[str]


def _words_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Any of the words or phrases, as whole words; " ... " in a phrase stands for up to five words."""
    words = sorted(words, key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ \.\.\.\ ", _FEW_WORDS) for w in words)
    # A look-ahead for the words' first letters skips every other position at once (the same matches).
    initials = re.escape("".join(sorted({w[0].lower() for w in words if w})))
    return re.compile(rf"(?<![\w-])(?=[{initials}])(?:{alternatives})(?![\w-])", re.IGNORECASE)


@cache
def _cues() -> _Cues:
    mentions = load_data("mentions.yaml")
    rules = load_data("galaxies.yaml")
    return _Cues(
        negation=_Remembered(_words_pattern(mentions["negation"])),
        historical=_Remembered(_words_pattern(mentions["historical"])),
        alias=_words_pattern(mentions["alias"]),
        attribution=_Remembered(_words_pattern(mentions["attribution"])),
        targeting=_Remembered(_words_pattern(mentions["targeting"])),
        context={k: frozenset(w.lower() for w in v) for k, v in rules["context_words"].items()},
        software_verbs=frozenset(w.lower() for w in rules.get("software_verbs", ())),
        platforms={p: _words_pattern(words) for p, words in rules["platforms"].items()},
        matrices=tuple(rules.get("technique_matrices") or ()),
        matrix_platforms={
            matrix: frozenset(spec["platforms"])
            for matrix, spec in (rules.get("technique_matrices") or {}).items()
            if spec.get("platforms")
        },
        technology=frozenset(name_key(n) for n in rules.get("technology_names", ())),
    )


@dataclass(frozen=True)
class _Part:
    """A stretch of the report text with the role of its section ('heading' for the actor heading)."""

    role: str
    text: str
    offset: int
    sectors_span: tuple[int, int] | None = None
    malware_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class _Found:
    match: Match
    part: _Part
    sentence: str
    sentence_start: int
    clause: str
    before: str
    after: str


def _parts(report: Report) -> list[_Part]:
    if not report.sections:
        return [_Part("body", report.text, 0)]
    parts = []
    for section in report.sections:
        parts.append(
            _Part(
                section.role,
                section.text,
                section.offset,
                _field_span(section, "sectors"),
                _field_span(section, "malware"),
            )
        )
    return parts


def _field_span(section: Section, field: str) -> tuple[int, int] | None:
    value = section.fields.get(field)
    if not value:
        return None
    index = section.text.find(value)
    return (index, index + len(value)) if index >= 0 else None


def _span_around(text: str, start: int, end: int, pattern: re.Pattern[str]) -> tuple[int, int]:
    starts, ends = _boundaries(text, pattern)
    before = bisect.bisect_right(ends, start) - 1
    after = bisect.bisect_left(starts, end)
    return ends[before] if before >= 0 else 0, starts[after] if after < len(starts) else len(text)


@lru_cache(maxsize=1024)
def _has_cue(pattern: re.Pattern[str], sentence: str) -> bool:
    """Whether a cue phrase is anywhere in a sentence, read once for all the names in it. (A phrase glued to the
    name after it, "akaAPT28", is not one: the name's first letter continues its word.)"""
    return pattern.search(sentence) is not None


@lru_cache(maxsize=256)
def _boundaries(text: str, pattern: re.Pattern[str]) -> tuple[list[int], list[int]]:
    """Where each boundary of a sentence starts and ends, found once for all the matches in it."""
    found = [(boundary.start(), boundary.end()) for boundary in pattern.finditer(text)]
    return [start for start, _ in found], [end for _, end in found]


class _Sentences:
    """Sentence boundaries of one part, found once, so that finding a match's sentence is a bisection."""

    def __init__(self, text: str) -> None:
        self.text = text
        bounds = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text)]
        self.starts = [0] + [b[1] for b in bounds]
        self.ends = [b[0] for b in bounds] + [len(text)]
        self.pieces: dict[tuple[int, int], str] = {}

    def piece(self, left: int, right: int) -> str:
        """text[left:right], one string shared by every match whose sentence or clause it is (a hundred
        thousand names in one long line would otherwise each hold a copy of their window)."""
        key = (left, right)
        if key not in self.pieces:
            self.pieces[key] = self.text[left:right]
        return self.pieces[key]

    def around(self, start: int) -> tuple[int, int]:
        position = bisect.bisect_right(self.starts, start) - 1
        return self.starts[position], max(self.ends[position], start)


def _found(match: Match, part: _Part, sentences: _Sentences) -> _Found:
    start, end = match.start - part.offset, match.end - part.offset
    left, right = sentences.around(start)
    right = max(right, end)
    if start - left > _SENTENCE_WINDOW:
        left = max(left, (start - _SENTENCE_WINDOW) // _WINDOW_STEP * _WINDOW_STEP)
    if right - end > _SENTENCE_WINDOW:
        right = min(right, (end + _SENTENCE_WINDOW) // _WINDOW_STEP * _WINDOW_STEP + _WINDOW_STEP)
    sentence = sentences.piece(left, right)
    clause_left, clause_right = _span_around(sentence, start - left, end - left, _CLAUSE_END)
    clause = sentences.piece(left + clause_left, left + clause_right)
    before = " ".join(re.findall(r"\w+", part.text[max(0, start - 60) : start])[-_NEIGHBOUR_WORDS:])
    after = " ".join(re.findall(r"\w+", part.text[end : end + 60])[:_NEIGHBOUR_WORDS])
    return _Found(match, part, sentence, left, clause, before.lower(), after.lower())


class _Reader:
    """Applies the section rules to every match of one report."""

    def __init__(self, report: Report, index: GalaxyIndex) -> None:
        self.report = report
        self.index = index
        self.cues = _cues()
        roles = {s.role for s in report.sections}
        self.has_actor_part = bool(roles & _ACTOR_ROLES)
        self.has_targeting = "targeting" in roles
        self.has_ttps = "ttps" in roles
        self.platforms = {p for p, pattern in self.cues.platforms.items() if pattern.search(report.text)}

    def found(self) -> list[_Found]:
        """Every match of the report text and of the actor heading, with its section."""
        parts = _parts(self.report)
        starts = [p.offset for p in parts]
        code = [(m.start(), m.end()) for m in _CODE_BLOCK.finditer(self.report.text)]
        code_starts = [start for start, _ in code]
        sentences: dict[int, _Sentences] = {}
        results = []
        for match in self.index.find(self.report.text):
            count_name()
            block = bisect.bisect_right(code_starts, match.start) - 1
            if block >= 0 and match.start < code[block][1]:
                continue
            position = bisect.bisect_right(starts, match.start) - 1
            if position < 0:
                continue
            part = parts[position]
            if match.end <= part.offset + len(part.text):
                if part.offset not in sentences:
                    sentences[part.offset] = _Sentences(part.text)
                results.append(_found(match, part, sentences[part.offset]))
        if self.report.actor:
            heading = _Part("heading", self.report.actor, 0)
            heading_sentences = _Sentences(heading.text)
            results.extend(_found(m, heading, heading_sentences) for m in self.index.find(self.report.actor))
        return results

    def namings(self, founds: list[_Found]) -> list[tuple[str, int]]:
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
        previous: dict[tuple[int, int], list[tuple[_Found, int]]] = {}
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

    def _listed_alias(self, found: _Found, earlier: list[tuple[_Found, int]]) -> tuple[bool, tuple[_Found, int] | None]:
        """Whether the name is in the list of names after an alias phrase of its sentence, and the actor named
        last before that phrase (with its key), if any."""
        position = found.match.start - found.part.offset - found.sentence_start
        if not _has_cue(self.cues.alias, found.sentence):  # most sentences: no alias phrase to list names after
            return False, None
        cues = list(self.cues.alias.finditer(found.sentence, 0, position))
        if not cues or not _name_list(found.sentence[cues[-1].end() : position]):
            return False, None
        before = [e for e in earlier if e[0].match.end - e[0].part.offset - e[0].sentence_start <= cues[-1].start()]
        return True, (before[-1] if before else None)

    def near(self, found: _Found, kind: str) -> bool:
        """A word of the kind next to the name ("the Silence malware")."""
        words = set(f"{found.before} {found.after}".split())
        return bool(words & self.cues.context.get(kind, frozenset()))

    def software_object(self, found: _Found) -> bool:
        """The name is what a verb of software acts on ("loads Carbanak", "deployed Turla"): software, not
        its operators."""
        words = found.before.split()
        return bool(words) and words[-1] in self.cues.software_verbs

    @staticmethod
    def in_malware_line(found: _Found) -> bool:
        """The name is written in the Malware line of Tools ("**Malware families used:** ...")."""
        span = found.part.malware_span
        return span is not None and span[0] <= found.match.start - found.part.offset < span[1]

    def common_name_counts(self, found: _Found, kind: str) -> bool:
        """A common-word name counts in the heading, in the Malware line, or next to a word of its kind; never
        as a label ("**Payment:** ...")."""
        part, end = found.part, found.match.end - found.part.offset
        if re.match(r"\s*(?:\*\*|__)?\s*:", part.text[end : end + 6]):
            return False
        return part.role == "heading" or self.near(found, kind) or self.in_malware_line(found)

    def relationship(self, name: Name, found: _Found) -> str | None:
        """The role of one name at one place, or None when it does not count there."""
        kind, role = name.cluster.kind, found.part.role
        if name.context_only and role not in {"targeting", "attribution", "heading", "actor"}:
            return None
        if kind == "actor":
            return self._actor(name, found)
        if kind == "location":
            return self._location(found)
        if kind == "sector":
            return self._sector(found)
        if kind == "technique":
            return self._technique(name, found)
        negated = bool(self.cues.negation.search(found.clause))
        if role == "mitigations" or negated or self.cues.historical.search(found.sentence):
            return None
        if kind == "tool" and role not in _TOOL_ROLES:
            return None
        if name.common and not self.common_name_counts(found, kind):
            return None
        if name_key(name.form) in self.cues.technology and not self.in_malware_line(found):
            return None
        return USES

    def _technique(self, name: Name, found: _Found) -> str | None:
        role = found.part.role
        if name.is_id:
            return USES
        if role == "mitigations" or (self.has_ttps and role != "ttps"):
            return None
        platforms = self.cues.matrix_platforms.get(name.cluster.matrix or "")
        if platforms and not platforms & self.platforms:
            return None
        written = {m.group().upper() for m in _TECHNIQUE_ID.finditer(found.sentence)}
        if written and name.cluster.external_id not in written:
            return None
        return USES

    def _actor(self, name: Name, found: _Found) -> str | None:
        role = found.part.role
        if self.has_actor_part and role not in {"heading", "attribution"}:
            return None
        if role == "mitigations" or self.cues.negation.search(found.clause):
            return None
        if role != "heading" and self.cues.historical.search(found.sentence):
            return None
        if name.common and role not in {"heading", "attribution"} and not self.near(found, "actor"):
            return None
        return ATTRIBUTED

    def _location(self, found: _Found) -> str:
        role = found.part.role
        if role == "targeting":
            return TARGETS
        if role in {"heading", "attribution"}:
            if self.cues.historical.search(found.sentence):
                return MENTIONS
            return ATTRIBUTED if self.cues.attribution.search(found.sentence) else MENTIONS
        if not self.has_targeting and self._after_targeting_cue(found):
            return TARGETS
        return MENTIONS

    def _after_targeting_cue(self, found: _Found) -> bool:
        position = found.sentence.find(found.match.surface)
        cue = self.cues.targeting.search(found.sentence)
        return bool(cue) and cue.start() < max(position, 0)

    def _sector(self, found: _Found) -> str | None:
        part = found.part
        if part.role == "targeting":
            if part.sectors_span is None:
                return TARGETS
            start = found.match.start - part.offset
            return TARGETS if part.sectors_span[0] <= start < part.sectors_span[1] else None
        if not self.has_targeting and self._after_targeting_cue(found):
            return TARGETS
        return None

    def prefer_kind(self, names: tuple[Name, ...], found: _Found) -> tuple[Name, ...]:
        """One name written once names one kind of thing: the section (or the words around it) decides."""
        kinds = {n.cluster.kind for n in names}
        if len(kinds) == 1:
            return names
        role = found.part.role
        actor_place = role in {"heading", "attribution"}
        software = self.near(found, "malware") or self.software_object(found)
        if "actor" in kinds and (actor_place or (not self.has_actor_part and not software)):
            return tuple(n for n in names if n.cluster.kind == "actor")
        return tuple(n for n in names if n.cluster.kind != "actor")

    def narrow(self, clusters: list[Cluster]) -> list[Cluster]:
        """Candidates of one galaxy for one name, narrowed by what the report says; may stay ambiguous."""
        live = [c for c in clusters if not c.revoked] or clusters
        variants = [c for c in live if c.platform]
        if variants:
            live = [c for c in live if not c.platform or c.platform in self.platforms]
        if len(live) > 1 and any(c.matrix for c in live):
            ranks = [self.cues.matrices.index(c.matrix) if c.matrix in self.cues.matrices else 99 for c in live]
            live = [c for c, r in zip(live, ranks, strict=True) if r == min(ranks)]
        return live


def _name_list(text: str) -> bool:
    """The text between two names of one list: separators, "and"/"or", capitalised names and asides in
    parentheses (", *Forest Blizzard* (Microsoft) and "), nothing a sentence goes on with (", a unit of")."""
    for token in re.findall(r"\([^()]*\)|[\w'\u2019.-]+|\S", text):
        if not (token[0] in "(,/*_`'\"&" or token.lower() in {"and", "or"} or token[0].isupper() or token[0].isdigit()):
            return False
    return True


def _by_galaxy(names: Iterable[Name]) -> dict[str, list[Name]]:
    groups: dict[str, list[Name]] = {}
    for name in names:
        groups.setdefault(name.cluster.galaxy, []).append(name)
    return groups


def galaxy_clusters(report: Report, index: GalaxyIndex | None = None) -> dict[Cluster, str]:
    """Every cluster the report names, with the strongest role it plays (see the module docstring)."""
    reader = _Reader(report, index or galaxy_index())
    chosen: dict[Cluster, str] = {}
    pending: list[tuple[list[Cluster], str, tuple[str, int]]] = []
    named: set[Cluster] = set()
    # The galaxies where an actor (by its key, see `namings`) has a cluster of its own; the actors whose alias
    # reached a cluster.
    anchored: dict[int, set[str]] = {}
    alias_of: dict[Cluster, set[int]] = {}

    def keep(cluster: Cluster, relationship: str, naming: tuple[str, int]) -> None:
        current = chosen.get(cluster)
        if current is None or _RELATIONSHIP_RANK[relationship] < _RELATIONSHIP_RANK[current]:
            chosen[cluster] = relationship
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
            relationship = min((r for _, r in counted), key=_RELATIONSHIP_RANK.__getitem__)
            candidates = reader.narrow(list(dict.fromkeys(n.cluster for n, _ in counted)))
            if len(candidates) > 1:
                own = list(dict.fromkeys(n.cluster for n, _ in counted if n.own and n.cluster in candidates))
                candidates = own if len(own) == 1 else candidates
            if len(candidates) == 1:
                keep(candidates[0], relationship, naming)
            elif candidates:
                pending.append((candidates, relationship, naming))
    for candidates, relationship, naming in pending:
        known = [c for c in candidates if c in chosen]
        if len(known) == 1:
            keep(known[0], relationship, naming)
    # An alias names the actor it belongs to: where that actor has a cluster in a galaxy, another actor
    # cluster of that galaxy reached only through the alias is not a second actor.
    return {
        c: r
        for c, r in chosen.items()
        if c in named or c.kind != "actor" or not any(c.galaxy in anchored.get(a, ()) for a in alias_of.get(c, ()))
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
