"""Countries read by where the page puts them rather than by the verb that governs them (issue 8): a country the
page's own prose names in its title or opening lines, in two sentences or more, or as a member of a list of places,
is one the report is about, unless each naming plays a role that says otherwise (the vendor's home, a language,
where servers sit, a public body that speaks, a denial, other actors' victims).

The phrase rules of galaxy_location_rules read the role of a place from the words around it, and miss the same fact
said in other words on pages they were not written for. This reading runs after them, on the countries they left
out, so that it only adds tags: the role it gives is `targets` where a sentence that names the country has a
targeting word, `mentions` otherwise (the report is about the country, in a role the words do not tell)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.galaxies import Cluster, Name
from ..knowledge.regex_cache import compiled
from . import galaxy_evidence as evidence
from . import galaxy_place_senses as senses
from .galaxy_cities import is_city
from .galaxy_cues import Cues
from .galaxy_place_roles import speaker
from .galaxy_places import PROSE, Found
from .galaxy_stance import others_alike, rejected_claim
from .galaxy_target_context import MENTIONS, TARGETS

# The numbers of place_structure.yaml, and its expressions (each compiled as written).
_NUMBERS = ("lead_lines", "body_lines", "prose_words", "sentences", "list_size")
_EXPRESSIONS = (
    "list_gap",
    "sub_item",
    "not_story_after",
    "authority_before",
    "speaker_after",
    "side_before",
    "compound_before",
    "language_in",
    "no_noun_after",
    "record",
)


@cache
def _numbers() -> dict[str, int]:
    """place_structure.yaml's numbers, loaded once."""
    data = load_data("place_structure.yaml")
    return {key: int(data[key]) for key in _NUMBERS}


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """place_structure.yaml's expressions, and `authority_after` built from its `authority_nouns`, compiled once."""
    data = load_data("place_structure.yaml")
    nouns = "|".join(re.escape(str(n)).replace(r"\ ", r"\s+") for n in data["authority_nouns"])
    patterns = {key: compiled(data[key]) for key in _EXPRESSIONS}
    patterns["authority_after"] = compiled(rf"^(?:['\u2019]s)?(?:\s+[\w.&-]+){{0,3}}?\s+(?:{nouns})\b", re.IGNORECASE)
    return patterns


def lead_end(text: str) -> int:
    """Where the page's opening ends: after its first line and `lead_lines` prose lines (of `prose_words` words or
    more) after it; lines that start with "Source:" (the address a saved page opens with) do not count. A page with
    fewer than `body_lines` prose lines has no lead (0): where the opening is most of the page, being in it says
    nothing of weight."""
    ends: list[int] = []
    position, title_seen = 0, False
    for line in text.splitlines(keepends=True):
        position += len(line)
        words = line.split()
        if not words or words[0] == "Source:":
            continue
        if not title_seen:
            title_seen = True
            ends.append(position)
        elif len(words) >= _numbers()["prose_words"]:
            ends.append(position)
    if len(ends) - 1 < _numbers()["body_lines"]:
        return 0
    return ends[min(_numbers()["lead_lines"], len(ends) - 1)]


def listed_places(text: str, places: Iterable[tuple[int, int]]) -> dict[int, int]:
    """The places that stand in a list of `list_size` places or more, each next to the one before with only list
    marks between them (`list_gap`): the start of each, with the start of its list's first member (the words before
    that say the list's role)."""
    listed: dict[int, int] = {}
    run: list[int] = []
    previous_end = -1
    for start, end in sorted(places):
        if run and _patterns()["sub_item"].match(text[previous_end:start]):
            # A place inside the parenthesis after a member qualifies it ("Australia (Adelaide, Victoria), the UK").
            continue
        if run and start >= previous_end and _patterns()["list_gap"].match(text[previous_end:start]):
            run.append(start)
        else:
            if len(run) >= _numbers()["list_size"]:
                listed.update(dict.fromkeys(run, run[0]))
            run = [start]
        previous_end = max(previous_end, end)
    if len(run) >= _numbers()["list_size"]:
        listed.update(dict.fromkeys(run, run[0]))
    return listed


def _authority(found: Found, list_start: int, text: str, targeting: re.Pattern[str]) -> bool:
    """The country names a public body ("the UK's National Crime Agency", "Dutch police"), or it or its list follows
    one ("law enforcement authorities of A, B and C"), with no targeting word in the eight words before: the
    speaker's or the helper's country ("attacks on diplomats and officials in A, B and C" are victims)."""
    before = text[max(0, list_start - 120) : list_start]
    if targeting.search(" ".join(before.split()[-8:])):
        return False
    following = found.following(120)
    return bool(
        _patterns()["authority_after"].match(following)
        or _patterns()["speaker_after"].match(following)
        or _patterns()["authority_before"].search(before)
    )


def _denied_after(found: Found, cues: Cues) -> bool:
    """A denial in the five words right after the place ("Slovakia is not a target country")."""
    return bool(cues.negation.search(" ".join(found.following(40).split()[:5])))


def _language_in(found: Found, list_start: int, text: str) -> bool:
    """A demonym, alone or in a list, after "in" ("written in English, German or Greek", "still write in Spanish"),
    with no noun after it: a language."""
    if any(n.cluster.value.casefold() == found.match.surface.casefold() for n in found.match.names):
        return False
    return bool(
        _patterns()["language_in"].search(text[max(0, list_start - 40) : list_start])
        and _patterns()["no_noun_after"].match(found.following(20))
    )


def _no_infrastructure(_: Found) -> bool:
    """No naming is where servers sit (a member of a targeted list)."""
    return False


def _plays_other_role(found: Found, cues: Cues, readings: Readings, list_start: int, text: str) -> bool:
    """The naming says the country is not the story's: the vendor's home, a language, a war's side or a side taken
    ("pro-Russian"), a public body or its statement, a denial before or right after it, others' claim the page
    rejects, other actors' victims, where infrastructure sits, or a sentence that tells the past."""
    following = found.following(40)
    return bool(
        _patterns()["not_story_after"].match(following)
        or _authority(found, list_start, text, cues.targeting)
        or senses.language(found)
        or senses.war_side(found)
        or _patterns()["side_before"].search(found.text_before[-10:])
        or cues.negation.search(found.text_before[-80:])
        or _denied_after(found, cues)
        or _patterns()["compound_before"].search(found.text_before[-12:])
        or _language_in(found, list_start, text)
        or others_alike(found)
        or rejected_claim(found)
        or speaker(found.text_before, following, cues.targeting)
        or readings.infrastructure(found)
        # (...or a word of infrastructure right before it: "a second server, also in the Netherlands".)
        or (readings.infrastructure is not _no_infrastructure and cues.infrastructure.search(found.text_before[-40:]))
        or readings.past(found.sentence)
        or _patterns()["record"].search(found.sentence)
    )


@dataclass(frozen=True)
class Readings:
    """The readings of the phrase rules this one asks: where servers sit (galaxy_passing_places), whether a sentence
    tells the past (galaxy_asides: the actor's record, an earlier campaign, a compared attack), and the role they give
    a name at one place (galaxy_location_rules)."""

    infrastructure: Callable[[Found], bool]
    past: Callable[[str], bool]
    role: Callable[[Name, Found], str | None]


def structural_countries(
    founds: list[Found], chosen: dict[Cluster, str], cues: Cues, readings: Readings, text: str
) -> dict[Cluster, str]:
    """The countries, not in `chosen` (the clusters the phrase rules kept, with their roles), that the page's own
    prose names with weight (module docstring), and the role each gets; `readings` are the phrase rules' readings
    this one asks."""
    taken = set(chosen)
    end_of_lead = lead_end(text)
    located = [f for f in founds if any(n.cluster.kind == "location" for n in f.match.names)]
    listed = listed_places(text, [(f.match.start, f.match.end) for f in located])
    # A list with a member the phrase rules read as the victims' place: every member is (a member takes its list's
    # role, whatever words sit next to it: "phishing pages for universities in: Australia (...), the UK (...)" are
    # no servers' places), unless a public body heads the list (`_authority`).
    targeted_lists = {
        listed[f.match.start]
        for f in located
        if f.match.start in listed
        and any(chosen.get(n.cluster) == TARGETS and readings.role(n, f) == TARGETS for n in f.match.names)
    }
    namings: dict[Cluster, list[Found]] = {}
    for found in founds:
        if found.place != PROSE or found.part.role == "heading":
            continue
        for name in found.match.names:
            cluster = name.cluster
            if cluster.galaxy != "country" or cluster in taken:
                continue
            if (name.context_only and not found.match.surface[:1].isupper()) or is_city(found):
                # (A city says where one thing is, an office or a shop; the phrase rules read it: galaxy_cities.)
                continue
            namings.setdefault(cluster, []).append(found)
    result: dict[Cluster, str] = {}
    for cluster, named in namings.items():
        story = [
            f
            for f in named
            if not evidence.proper_name_goes_on(f)
            and not _plays_other_role(
                f,
                cues,
                # (The infrastructure reading, not the others, yields to the list's.)
                replace(readings, infrastructure=_no_infrastructure)
                if listed.get(f.match.start) in targeted_lists
                else readings,
                listed.get(f.match.start, f.match.start),
                text,
            )
        ]
        if not story or any(_denied_after(f, cues) for f in named):
            # (A page that says the country is no target, anywhere, is not about it: "Slovakia is not a target".)
            continue
        sentences = {(f.part.offset, f.sentence_start) for f in story}
        weighty = (
            len(sentences) >= _numbers()["sentences"]
            or any(f.match.start < end_of_lead for f in story)
            or any(listed.get(f.match.start) in targeted_lists for f in story)
        )
        if weighty:
            targeted = any(cues.targeting.search(f.sentence) for f in story)
            result[cluster] = TARGETS if targeted else MENTIONS
    return result
