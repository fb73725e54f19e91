"""The names of the galaxy index and their case rules: each galaxy's cluster names and synonyms read from
pymispgalaxies' JSON with the rules of galaxies.yaml (short or common-word names made exact or dropped, the
distinctive heads of names, the other writings of software names and actor designators), the curated names of
countries, regions and sectors, the ATT&CK matrix and platform of a technique, and which actor uses which
software.

Apart from galaxies.py (the index's entry point and its disk cache) because these are the rules a name is
matched by, the part that changes when matching changes. A change here that alters the names needs
`INDEX_FORMAT` of galaxies.py bumped: the cached index is keyed by it, not by this code.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import ahocorasick

from .data import KnowledgeError
from .galaxy_curated import CuratedNames, curated_names, title_case
from .galaxy_kind_writings import crew_brands, place_families
from .galaxy_matching import (
    CASE_RULES,
    EXACT,
    INITIALS,
    INSENSITIVE,
    Cluster,
    Name,
    PackedName,
    name_key,
    pack_names,
)
from .galaxy_spellings import DESIGNATOR, glued_writing, kind_word_lowered, merge_spellings, spelling_variants
from .regex_cache import compiled

_NON_WORD = compiled(r"[\W_]+")
_WORDS = compiled(r"\w+")
_LETTERS = compiled(r"[^\W\d_]+")
# "cmd.exe" is the excluded "cmd": a program's file name names the program.
_EXECUTABLE = compiled(r" (?:exe|dll|sys|bat|com|ps1)$")


def galaxy_file(galaxy: str) -> Path:
    """The cluster JSON of one galaxy, as pymispgalaxies ships it."""
    import pymispgalaxies

    return Path(pymispgalaxies.__file__).parent / "data" / "misp-galaxy" / "clusters" / f"{galaxy}.json"


def _galaxy_values(galaxy: str) -> list[dict[str, Any]]:
    path = galaxy_file(galaxy)
    try:
        return json.loads(path.read_text(encoding="utf-8"))["values"]
    except (OSError, ValueError, KeyError) as exc:
        raise KnowledgeError(f"{path}: cannot read galaxy '{galaxy}' ({exc}); reinstall pymispgalaxies") from exc


class IndexBuilder:
    """Collects names into one automaton, applying the case rules of galaxies.yaml."""

    def __init__(self, rules: dict[str, Any]) -> None:
        from wordfreq import zipf_frequency

        self._zipf = zipf_frequency
        auto = rules.get("auto_case", {})
        self.short = int(auto.get("short_length", 3))
        self.common_zipf = float(auto.get("common_zipf", 3.0))
        self.word_zipf = float(auto.get("word_zipf", self.common_zipf))
        self.camel_zipf = float(auto.get("camel_zipf", self.word_zipf))
        self.min_length = int(auto.get("min_length", 2))
        self.excluded = {name_key(n) for n in rules.get("excluded_names", [])}
        self.other_kinds = frozenset(w.lower() for w in rules["ransomware_next"]["other_kinds"])
        self.evidence = {g: spec["evidence"] for g, spec in rules["galaxies"].items() if spec.get("evidence")}
        heads = rules.get("name_heads", {}) or {}
        self.head_rules = {
            kind: (frozenset(str(w).lower() for w in spec.get("suffixes", ())), float(spec.get("max_zipf", 0.0)))
            for kind, spec in heads.items()
        }
        # The words of software's kind that end a name ("Maui Ransomware"), in lower case too (`kind_word_lowered`).
        self.kind_words = self.head_rules.get("malware", (frozenset(), 0.0))[0]
        self._lowered: list[Name] = []
        self.lowered_max_zipf = float((rules.get("lowered_kind_words") or {}).get("max_zipf", 0.0))
        self.platforms = rules.get("platforms", {})
        self.matrices = _matrix_prefixes(rules.get("technique_matrices") or {})
        self.names: dict[str, list[Name]] = {}
        self._spellings: list[tuple[Cluster, str, bool, str]] = []
        self._heads: list[tuple[Cluster, str, str, bool]] = []
        self._camel_keys: set[str] = set()
        self.uuids: dict[str, Cluster] = {}
        self.max_users = int((rules.get("related_software") or {}).get("max_users", 0))
        self.links: dict[Cluster, list[str]] = {}
        self.clusters: list[Cluster] = []
        self.codes: dict[str, Cluster] = {}

    def is_common(self, form: str) -> bool:
        """The name is one common English word ("Silence", "Snake"; not "APT28", not "Lace Tempest")."""
        return self._word_frequency(form) >= self.common_zipf

    def is_word(self, form: str) -> bool:
        """The name is one English word, common or not ("Chimera"; not "Conti", not "Turla")."""
        return self._word_frequency(form) >= self.word_zipf

    def _word_frequency(self, form: str) -> float:
        words = _NON_WORD.sub(" ", form).split()
        return self._zipf(words[0].lower(), "en") if len(words) == 1 and words[0].isalpha() else 0.0

    def name_head(self, form: str, kind: str) -> str | None:
        """The distinctive head of a name ("Lazarus" of "Lazarus Group", "Lumma" of "Lumma Stealer"): reports
        write it alone (`name_heads` in galaxies.yaml). Only a word of letters, not short, and not so common a word
        that its writing says nothing ("Comment Crew", "Snake Keylogger"); a head that is a common word still
        needs a word of its kind (see `is_common`)."""
        suffixes, max_zipf = self.head_rules.get(kind, (frozenset(), 0.0))
        words = form.split()
        if len(words) != 2 or words[1].lower() not in suffixes:
            return None
        head = words[0]
        camel = head[1:] != head[1:].lower() and not head.isupper()
        # (letters, or letters with digits after the first letter: "LummaC2" of "LummaC2 Stealer")
        letters = sum(ch.isalpha() for ch in head)
        if (
            not (head.isalnum() and head[:1].isalpha() and letters > self.short)
            or len(head) <= self.short
            or (self._word_frequency(head) > max_zipf and not camel)
        ):
            # (a head written with inner capitals, "RedLine" of "RedLine Stealer", is distinctive as written: the
            # case rules make it exact)
            return None
        return head

    def add(self, name: Name) -> None:
        key = name_key(name.form)
        if len(key) < self.min_length:
            return
        bucket = self.names.setdefault(key, [])
        if name not in bucket:
            bucket.append(name)

    def add_galaxy_name(self, cluster: Cluster, form: str, case: str, own: bool, drop_common: bool) -> None:
        """A name from the galaxy itself: short, common-word or word-like names must be exact, some are dropped."""
        form = form.strip()
        key = name_key(form)
        if len(key) < self.min_length or not _LETTERS.search(form):
            return
        if cluster.kind in ("malware", "tool") and _EXECUTABLE.sub("", key) in self.excluded:
            return
        zipf = self._word_frequency(form)
        common = zipf >= self.common_zipf
        single = " " not in key
        kind_next = False
        if single and (len(key) <= self.short or common):
            # A short common word, or a common word the galaxy writes in lower case ("core"): no writing of it
            # tells the name from the word. But a noisy galaxy's (`evidence`) lower-case word ("medusa", "play")
            # is kept capitalised: it counts with the galaxy's kind word right next to it ("Medusa ransomware"); so is
            # a short one of three letters the galaxy writes in lower case ("fog": "Fog ransomware").
            if (common and (len(key) <= self.short or form.islower())) or drop_common:
                short_word = len(key) < self.short or (len(key) == self.short and not form.islower())
                if drop_common or short_word or cluster.galaxy not in self.evidence:
                    return
                form, kind_next = form[:1].upper() + form[1:], True
            case = EXACT
        elif single and zipf >= self.camel_zipf and form[1:] != form[1:].lower() and not form.isupper():
            # A word written with inner capitals ("EnCrypt"): only that writing is the name, not "Encrypt" (unless
            # another galaxy writes it plainly: `relax_camel_twins`).
            case = EXACT
            self._camel_keys.add(key)
        word = common or zipf >= self.word_zipf
        name = Name(cluster, form, case, common=common, word=word, own=own, zipf=zipf, kind_next=kind_next)
        self.add(name)
        # (Not a noisy galaxy's name, `evidence`: its "Sigma Ransomware" is no "Sigma ransomware rule".)
        lowered = kind_word_lowered(form, self.kind_words) if cluster.galaxy not in self.evidence else None
        if cluster.kind in ("malware", "tool") and lowered:
            self._lowered.append(replace(name, form=lowered))
        if cluster.kind in ("malware", "tool") and not cluster.revoked:
            self._spellings.extend((cluster, variant, own, INITIALS) for variant in spelling_variants(form))
        elif cluster.kind == "actor" and (designator := DESIGNATOR.fullmatch(form)):
            # "APT 29", "APT-29", "TA-505": a designator's letters and number written apart, in capitals.
            self._spellings.append((cluster, f"{designator.group(1)} {designator.group(2)}", own, EXACT))
        elif cluster.kind == "actor" and not cluster.revoked:
            # "CyberAv3ngers" of the galaxy's "Cyber Av3ngers": an actor's words glued, written as the galaxy
            # capitalises them (a camel-case writing is no everyday word, so it needs nothing more than the name).
            self._spellings.extend((cluster, variant, own, EXACT) for variant in glued_writing(form))

    def uses(self) -> dict[Cluster, frozenset[Cluster]]:
        """Actors and the software the galaxies say they use, both ways (an intrusion set's "uses", a tool's
        "used-by"): the clusters each actor or piece of software is known to go with."""
        pairs: dict[Cluster, set[Cluster]] = {}
        for cluster, targets in self.links.items():
            for uuid in targets:
                other = self.uuids.get(uuid)
                if other is not None and (other.kind == "actor") != (cluster.kind == "actor"):
                    pairs.setdefault(cluster, set()).add(other)
                    pairs.setdefault(other, set()).add(cluster)
        # Software many actors use (Mimikatz, PsExec, Cobalt Strike) says nothing about which actor it is.
        shared = {c for c, actors in pairs.items() if c.kind != "actor" and len(actors) > self.max_users}
        return {
            cluster: frozenset(others - shared)
            for cluster, others in pairs.items()
            if cluster not in shared and others - shared
        }

    def add_heads(self) -> None:
        """The heads of names (see `name_head`), after every galaxy's own names: a head that some cluster of
        another kind already holds ("Turla" of a "Turla RAT") stays that cluster's alone."""
        for cluster, head, case, drop_common in self._heads:
            if all(n.cluster.kind == cluster.kind for n in self.names.get(name_key(head), ())):
                self.add_galaxy_name(cluster, head, case, own=False, drop_common=drop_common)

    def add_spelling_variants(self) -> None:
        """The other writings of software names ("AgentTesla" for "Agent Tesla", "Plug-X" for "PlugX"), added
        after every galaxy's own names and only where no name has that key: a variant never makes a name
        ambiguous. A split writing whose parts are all English words ("Black Cat" of "BlackCat", "Plug X") is
        common: it needs a word of its kind, as a common-word name does. Where a galaxy holds the writing as
        another cluster's own name (the tool galaxy's "poisonivy" beside its "Poison Ivy"), the variant is no own
        name of its cluster there: the cluster written so is the one named."""
        merge_spellings(self.names, self._spellings, self.min_length, self._zipf, self.common_zipf)

    def add_lowered_kind_words(self) -> None:
        """The writings of software names with their kind word in lower case (`kind_word_lowered`: "Maui ransomware"
        of malpedia's "Maui Ransomware"), added last and only where the name's head alone names nothing: a head the
        index knows ("Play", "Lorenz") already names its family beside the kind word, in every galaxy that has it,
        and the whole writing would narrow it to the galaxies that list the name with its kind word."""
        for name in self._lowered:
            head = name.form.rsplit(" ", 1)[0]
            if not self.names.get(name_key(head)) and not any(map(self._everyday, head.split())):
                self.add(name)

    def _everyday(self, word: str) -> bool:
        """A word of a name's head that says nothing of the name (`lowered_kind_words` of galaxies.yaml)."""
        frequency = self._zipf(word.lower(), "en") if word.isalpha() else 0.0
        return frequency >= self.lowered_max_zipf or (word.isupper() and frequency >= self.common_zipf)

    def add_kind_writings(self, place_family_words: list[str]) -> None:
        """Ransomware families behind a country's name ("Cuba ransomware") or inside a crew's ("Daixin Team"), added
        after every other name (galaxy_kind_writings)."""
        suffixes = self.head_rules.get("actor", (frozenset(), 0.0))[0]
        for added in (place_families(self.names, place_family_words), crew_brands(self.names, suffixes)):
            for key, names in added.items():
                bucket = self.names.setdefault(key, [])
                bucket.extend(n for n in names if n not in bucket)

    def relax_camel_twins(self) -> None:
        """A word written with inner capitals is exact (`add_galaxy_name`: "EnCrypt" is no "Encrypt"), unless
        another galaxy's cluster of the same kind has the plain writing as its own name: then that galaxy vouches
        that the plain writing names the thing, and both galaxies' clusters are one family or actor written two
        ways ("Sidewinder" is ATT&CK's G0121 and the threat-actor galaxy's RAZOR TIGER, listed as "SideWinder";
        "Bumblebee" is ATT&CK's S1039 and malpedia's "BumbleBee", and the tool galaxy's "BumbleBee" too: malware and
        tools are one kind here, software). The camel-case name takes the plain one's case."""
        for key in self._camel_keys:
            names = self.names.get(key, [])
            for position, name in enumerate(names):
                if name.case != EXACT or name.common:
                    continue
                plain = [
                    n
                    for n in names
                    if n.own
                    and n.case != EXACT
                    and not n.common
                    and _one_kind(n.cluster.kind) == _one_kind(name.cluster.kind)
                    and n.cluster.galaxy != name.cluster.galaxy
                ]
                if plain:
                    names[position] = replace(name, case=plain[0].case)

    def add_name_variants(self, variants: dict[str, dict[str, list[str]]]) -> None:
        """Writings of a cluster that another galaxy or vendors use and its own galaxy does not list (`name_variants`
        of galaxies.yaml: "INC Ransom" for ATT&CK's "INC Ransomware", "RomCom" for malpedia's "ROMCOM RAT"), added
        after every other name. A variant is as ambiguous as its writing already is: where that writing names a
        cluster of the variant's kind it needs nothing more; where it names only clusters of another kind (the actor
        "RomCom"), it needs a word of its kind beside it, as a common-word name does ("the RomCom backdoor")."""
        by_value = {(c.galaxy, c.value): c for c in self.clusters}
        for galaxy, entries in (variants or {}).items():
            for value, forms in (entries or {}).items():
                cluster = by_value.get((galaxy, value))
                if cluster is None:
                    raise KnowledgeError(f"galaxies.yaml: name_variants: no cluster '{value}' in galaxy '{galaxy}'")
                for form in forms:
                    existing = self.names.get(name_key(form), [])
                    other_kind = bool(existing) and all(n.cluster.kind != cluster.kind for n in existing)
                    self.add(Name(cluster, form, INITIALS, common=other_kind, word=other_kind, own=False))

    def add_curated_name(self, cluster: Cluster, form: str, case: str, context_only: bool = False) -> None:
        """A name from our YAML: trusted, only short names are made exact."""
        if len(name_key(form)) <= self.short:
            case = EXACT
        self.add(Name(cluster, form, case, own=True, context_only=context_only))

    def matrix_of(self, kill_chain: list[str]) -> str | None:
        """The ATT&CK matrix of a technique, by the prefix of its kill-chain phases ("attack-Windows:execution")."""
        for phase in kill_chain:
            for prefix, matrix in self.matrices:
                if phase.startswith(prefix):
                    return matrix
        return None

    def sort_of(self, galaxy: str, kind: str, description: str) -> str | None:
        """Ransomware or another kind of malware, as the galaxy or the description's first sentence says."""
        if kind != "malware":
            return None
        if self.evidence.get(galaxy) == "ransomware":
            return "ransomware"
        words = set(_WORDS.findall(description.split(". ", 1)[0].lower()))
        if "ransomware" in words:
            return "ransomware"
        return "other" if words & self.other_kinds else None

    def platform_of(self, value: str) -> tuple[str, str | None]:
        for platform in self.platforms:
            suffix = f" ({platform})"
            if value.endswith(suffix):
                return value[: -len(suffix)], platform
        return value, None

    def galaxy(self, galaxy: str, spec: dict[str, Any]) -> None:
        kind = spec["kind"]
        case = spec.get("case", INITIALS)
        if case not in CASE_RULES:
            raise KnowledgeError(f"galaxies.yaml: galaxy '{galaxy}': case '{case}' is not one of {CASE_RULES}")
        name_pattern = compiled(spec["name_pattern"]) if "name_pattern" in spec else None
        id_pattern = compiled(spec["id_pattern"]) if "id_pattern" in spec else None
        curated = curated_names(galaxy)
        for value in _galaxy_values(galaxy):
            cluster = self._cluster(galaxy, kind, value, id_pattern)
            if value["value"] in curated.excluded:
                # Its own name and synonyms are no words of the sector; its curated phrasings still are ("game
                # studios" for Game).
                if curated.enabled and curated.names.get(value["value"]):
                    for form in curated.names[value["value"]]:
                        self.add_curated_name(cluster, form, case, False)
                continue
            name = value["value"]
            if name_pattern and (m := name_pattern.match(name)):
                name = m.group("name")
            name, _platform = self.platform_of(name)
            synonyms = value.get("meta", {}).get("synonyms", []) or []
            if curated.enabled:
                self._curated_names(cluster, name, synonyms, case, curated)
                continue
            drop_common = bool(spec.get("drop_common_words"))
            if not cluster.revoked:
                self.add_galaxy_name(cluster, name, case, own=True, drop_common=drop_common)
                for synonym in synonyms:
                    self.add_galaxy_name(cluster, synonym, case, own=False, drop_common=drop_common)
                for head in dict.fromkeys(h for f in (name, *synonyms) if (h := self.name_head(f, kind))):
                    self._heads.append((cluster, head, case, drop_common))
            if cluster.external_id:
                self.add(Name(cluster, cluster.external_id, INSENSITIVE, own=True, is_id=True))

    def _cluster(self, galaxy: str, kind: str, value: dict[str, Any], id_pattern: re.Pattern[str] | None) -> Cluster:
        meta = value.get("meta", {}) or {}
        external_id = meta.get("external_id")
        if id_pattern and not external_id and (m := id_pattern.search(value["value"])):
            external_id = m.group("id")
        if kind not in ("technique", "actor", "malware", "tool"):
            external_id = None
        matrix = self.matrix_of(meta.get("kill_chain") or [])
        _, platform = self.platform_of(value["value"])
        display = curated_names(galaxy).display.get(value["value"])
        sort = self.sort_of(galaxy, kind, value.get("description") or "")
        cluster = Cluster(
            galaxy,
            value["value"],
            kind,
            external_id,
            platform,
            matrix,
            bool(value.get("revoked")),
            display,
            sort,
        )
        self.clusters.append(cluster)
        if kind in ("actor", "malware", "tool") and value.get("uuid"):
            self.uuids[value["uuid"]] = cluster
            self.links[cluster] = [
                r["dest-uuid"]
                for r in value.get("related") or ()
                if r.get("type") in _USE_RELATIONS and r.get("dest-uuid")
            ]
        code = meta.get("ISO")
        if galaxy == "country" and isinstance(code, str) and re.fullmatch(r"[A-Z]{2}", code):
            self.codes.setdefault(code, cluster)
        return cluster

    def _curated_names(
        self, cluster: Cluster, name: str, synonyms: list[str], case: str, curated: CuratedNames
    ) -> None:
        value = cluster.value
        context_only = value in curated.context_only
        if cluster.galaxy == "country":
            name = curated.display.get(value) or title_case(value)
        # Only the word-like name itself is context-only ("Turkey", "Jordan"): its demonyms and capitals ("Turkish",
        # "Amman") are no common words.
        own_forms = {name, *synonyms}
        for form in (name, *synonyms, *curated.names.get(value, ())):
            self.add_curated_name(cluster, form, case, context_only and form in own_forms)
            if cluster.kind == "sector" and form.isalpha() and not form.endswith("s"):
                self.add_curated_name(cluster, form + "s", case, context_only)
        for form in curated.abbreviations.get(value, ()):
            self.add(Name(cluster, form, EXACT, own=True, context_only=context_only))
        for form in (curated.variants or {}).get(value, ()):
            self.add(Name(cluster, form, EXACT, own=True, context_only=True))

    def automaton(self) -> tuple[Any, tuple[tuple[PackedName, ...], ...]]:
        """One automaton over every key, giving the key's length and its place in the names returned with it (the
        names of each key, packed: `GalaxyIndex`). A key that names a place (a curated country or region name)
        names nothing else: "Russian" is a nationality, not the ransomware that a galaxy lists it as a synonym
        of."""
        automaton = ahocorasick.Automaton()
        places = {cluster: place for place, cluster in enumerate(self.clusters)}
        packed = []
        for key, names in self.names.items():
            if any(n.cluster.kind == "location" for n in names):
                names = [n for n in names if n.cluster.kind == "location"]
            automaton.add_word(f" {key} ", (len(key), len(packed)))
            packed.append(pack_names(tuple(names), places))
        automaton.make_automaton()
        return automaton, tuple(packed)


def _one_kind(kind: str) -> str:
    """Malware and tools as one kind, software: the tool galaxy files many families ATT&CK calls malware."""
    return "software" if kind in ("malware", "tool") else kind


# The relations of a galaxy cluster that tie an actor to its software ("uses" from the actor, "used-by" from the tool).
_USE_RELATIONS = frozenset({"uses", "used-by"})


def _matrix_prefixes(matrices: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """(kill-chain prefix, matrix) pairs of galaxies.yaml's `technique_matrices`."""
    if not isinstance(matrices, dict):
        raise KnowledgeError("galaxies.yaml: 'technique_matrices' must map a matrix to its 'kill_chain' prefixes")
    return tuple((prefix, matrix) for matrix, spec in matrices.items() for prefix in spec.get("kill_chain", ()))
