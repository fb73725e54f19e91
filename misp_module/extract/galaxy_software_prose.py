"""Software named in a free-form report's prose (issue 8 on real vendor pages: news items and landscape pages).

Security news and landscape pages name their families in ways a DFIR write-up does not: the item introduces its
family by a naming phrase ("custom backdoor malware dubbed ThreatNeedle", "a downloader called Shlayer"), a
statistics page ranks families without a verb of use ("the most active groups were A, B and C", "made it into the
top ten"), a post names the family in full once and by its first word after that ("Cuckoo Stealer" ... "Cuckoo is
a Mach-O binary"), and a word-like brand stands in a list of families ("LockBit, Blackbasta and Play"). The first
three say the name is what the report is about (galaxy_salience asks `salient_in_prose`); the last gives a name that
needs a word of its kind that kind (galaxy_roles asks `listed_with_family`). A family whose builds for two platforms
the report both names is both (`platform_builds`). The patterns are data (software_prose.yaml), compiled on first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from ..knowledge.data import load_data
from ..knowledge.galaxies import Cluster, GalaxyIndex, name_key
from ..knowledge.regex_cache import compiled
from .galaxy_places import Found
from .phrases import phrase_alternation
from .regex_literals import GatedPattern

# How far before the name a naming phrase and its word of software may start.
_NAMING_REACH = 160


@dataclass(frozen=True)
class _Rules:
    naming: re.Pattern[str]
    fronted_naming: re.Pattern[str]
    fronted_noun: re.Pattern[str]
    naming_other: re.Pattern[str]
    naming_other_reach: int
    standing: GatedPattern
    standing_lost: GatedPattern
    head_kinds: frozenset[str]
    head_sentences: int
    head_goes_on: re.Pattern[str]
    list_separator: re.Pattern[str]
    software_record: re.Pattern[str]


@cache
def _rules() -> _Rules:
    """software_prose.yaml, compiled once per process."""
    data = load_data("software_prose.yaml")
    nouns = phrase_alternation(
        sorted(set(data["naming_nouns"]) | set(load_data("mentions.yaml")["salience"]["role_nouns"]))
    )
    verbs = phrase_alternation(data["naming_verbs"])
    quote = r"\s+[\"'\u201c\u2018*_]*$"
    # A naming verb names every item of the list after it ("three stealers known as Lumma, RedLine and Vidar"): the
    # earlier names of the list may stand between the verb and the name (capitalised words, commas, "and"/"or").
    listed = (
        r"(?:\s+[\"'\u201c\u2018]?(?-i:[A-Z])[\w.-]*(?:\s+(?-i:[A-Z])[\w.-]*){0,2}[\"'\u201d\u2019]?,?"
        r"(?:\s+(?:and|or))?){0,8}"
    )
    return _Rules(
        # The noun, up to `naming_gap_words` words (commas allowed; an abbreviation in brackets is a word: "a remote
        # access trojan (RAT) named X"), the naming phrase, an opening quote: the end
        # of the text before the name ("...a backdoor dubbed X"); or the verb first, a pronoun as its object
        # ("...have dubbed it X"). Bounded word runs keep the search linear.
        naming=compiled(
            rf"\b(?P<noun>{nouns})\b,?(?:\s+(?:[\w'-]+|\([\w'-]+\)),?){{0,{int(data['naming_gap_words'])}}}?\s+(?:{verbs}){listed}{quote}"
            rf"|\b(?:{verbs})\s+(?P<pronoun>it|them){listed}{quote}",
            re.IGNORECASE,
        ),
        # The naming phrase opening the sentence, and the noun of software after the name that it names ("Known as
        # 'Hermit,' the spyware targets ...", "Dubbed X, the new loader ...").
        fronted_naming=compiled(rf"^[\W_]*(?:{verbs}){quote}", re.IGNORECASE),
        fronted_noun=compiled(
            rf"^[\"'\u201d\u2019*_]*,[\"'\u201d\u2019*_]*\s+(?:the|this|a|an)\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\b",
            re.IGNORECASE,
        ),
        naming_other=compiled(rf"\b(?:{phrase_alternation(data['naming_other'])})\b", re.IGNORECASE),
        naming_other_reach=int(data["naming_other_reach"]),
        # Asked of every software name's sentence in a free-form report: behind their literal gates.
        standing=GatedPattern(data["standing"], re.IGNORECASE),
        standing_lost=GatedPattern(data["standing_lost"], re.IGNORECASE),
        head_kinds=frozenset(str(k).lower() for k in data["head_kinds"]),
        head_sentences=int(data["head_sentences"]),
        head_goes_on=compiled(data["head_goes_on"]),
        list_separator=compiled(data["list_separator"], re.IGNORECASE),
        software_record=compiled(data["software_record"], re.IGNORECASE),
    )


def named_by_writer(found: Found) -> bool:
    """A noun of software and a naming phrase right before the name, a naming verb with "it" as its object, or a
    naming phrase opening the sentence with the noun after the name: the writer introduces the family ("custom
    backdoor malware dubbed ThreatNeedle", "a downloader called Shlayer", "researchers dubbed it X", "Known as X,
    the spyware ..."); not a thing called unreal or another family there ("a phony malware threat called
    X", "another trojan called X"). The one recogniser of naming phrases (software_prose.yaml `naming_*`), asked
    by galaxy_salience and galaxy_software_subject."""
    rules = _rules()
    if rules.fronted_naming.match(found.text_before) and rules.fronted_noun.match(found.following(80)):
        return True
    before = found.text_before[-_NAMING_REACH:]
    naming = rules.naming.search(before)
    if naming is None:
        return False
    if naming.group("pronoun"):
        return True
    return not rules.naming_other.search(
        before, max(0, naming.start("noun") - rules.naming_other_reach), naming.end("noun")
    )


def standing(found: Found) -> bool:
    """The name's sentence says where families stand among others: a ranking, a share, a rise ("the most active
    groups", "made it into the top ten", "the two most frequent names", "detections surged"); not where a family
    loses its place ("fell out of the top ten")."""
    rules = _rules()
    return bool(rules.standing.search(found.sentence)) and not rules.standing_lost.search(found.sentence)


def head_named_again(found: Found, text: str) -> bool:
    """The name is a first word and a word of its kind ("Cuckoo Stealer"), and the report writes that first word
    alone, with the same capitals and not as part of another proper name ("Cuckoo Sandbox"), at least
    `head_sentences` times outside the name's sentence: the report keeps coming back to the family."""
    rules = _rules()
    words = found.match.surface.split()
    if len(words) != 2 or words[1].lower() not in rules.head_kinds:
        return False
    head = words[0]
    if len(head) < 4 or not head[:1].isupper():
        return False
    start = found.part.offset + found.sentence_start
    end = start + len(found.sentence)
    count = 0
    for written in re.finditer(rf"(?<![\w-]){re.escape(head)}(?![\w-])", text):
        if start <= written.start() < end or rules.head_goes_on.match(text, written.end()):
            continue
        following = text[written.end() : written.end() + 20].split()
        if following and following[0].lower() == words[1].lower():
            continue
        count += 1
        if count >= rules.head_sentences:
            return True
    return False


def actors_record(found: Found) -> bool:
    """The actor's record before the name in its sentence ("The group is known for its use of malware such as X"):
    the family is the actor's past, not the report's."""
    return bool(_rules().software_record.search(found.text_before[-_NAMING_REACH:]))


def set_aside(found: Found) -> bool:
    """The name's sentence puts the family outside the report's case: the actor's record before it, or the family
    losing its place in a ranking ("fell out of the top ten"). Other readings that make a family the subject
    (`galaxy_software_subject.introduced`) give way to these."""
    return actors_record(found) or bool(_rules().standing_lost.search(found.sentence))


def salient_in_prose(found: Found, text: str) -> bool:
    """Whether the name, written in one sentence of prose, says the report is about it (see the module docstring)."""
    return named_by_writer(found) or standing(found) or head_named_again(found, text)


def _plain_family(key: str, kind: str, index: GalaxyIndex, evidence: Mapping[str, str]) -> bool:
    """The writing names a family of the kind that needs no word beside it: not a common word, not a word only a
    noisy galaxy (`evidence` in galaxies.yaml) knows."""
    return any(
        n.cluster.kind == kind and not n.common and not n.kind_next and n.cluster.galaxy not in evidence
        for n in index.names_keyed(key)
    )


@lru_cache(maxsize=4096)
def _written(key: str) -> re.Pattern[str]:
    """A name key as a sentence writes it (any case, any spaces between its words, whole words). Kept per key:
    a page asks it of every sentence that names the key, and re's own cache of 512 expressions, shared by every
    module, let hundreds of them be compiled again per run (0.7% of a warm convert under cProfile). Compiled through
    the regex cache, as every expression of the package."""
    pattern = r"\s+".join(map(re.escape, key.split()))
    return compiled(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE)


def listed_with_family(
    found: Found,
    kind: str,
    sentence_software: Mapping[tuple[int, int], Mapping[str, Iterable[Cluster]]],
    index: GalaxyIndex,
    evidence: Mapping[str, str],
) -> bool:
    """The name stands in one list of software names ("LockBit, Blackbasta and Play") with a family of its kind that
    needs no word beside it: the list says what its members are. So does a sentence that ranks the name with such a
    family ("Qilin kept first place with 58 posts, ahead of Akira with 47": `standing`). `sentence_software` holds
    the software writings of each sentence (galaxy_roles `Reader.sentence_software`)."""
    named = sentence_software.get((found.part.offset, found.sentence_start))
    if not named or len(named) < 2:
        return False
    own_key = name_key(found.match.surface)
    if standing(found) and any(key != own_key and _plain_family(key, kind, index, evidence) for key in named):
        return True
    sentence = found.sentence
    own = found.offset_in_part - found.sentence_start
    spans: list[tuple[int, int, str]] = []
    for key in named:
        spans += [(m.start(), m.end(), key) for m in _written(key).finditer(sentence)]
    spans.sort()
    separator = _rules().list_separator
    runs: list[list[tuple[int, int, str]]] = []
    for span in spans:
        if runs and separator.match(sentence[runs[-1][-1][1] : span[0]]):
            runs[-1].append(span)
        else:
            runs.append([span])
    for run in runs:
        if len(run) > 1 and any(start <= own < end for start, end, _ in run):
            return any(key != own_key and _plain_family(key, kind, index, evidence) for _, _, key in run)
    return False


def platform_builds(candidates: list[Cluster]) -> list[Cluster]:
    """Clusters of one family's builds for several platforms ("BlackSuit (ELF)", "BlackSuit (Windows)") that all
    stay after the report's platforms narrowed them (galaxy_roles `Reader.narrow`): the report names each platform,
    so it names each build. Empty when the candidates are anything else."""
    if len(candidates) < 2 or not all(c.platform for c in candidates):
        return []
    families = {c.value.rsplit(" (", 1)[0] for c in candidates}
    return candidates if len(families) == 1 else []
