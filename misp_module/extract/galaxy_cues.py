"""The words the galaxy extractor reads around a name, compiled once from mentions.yaml, galaxies.yaml and
sectors.yaml: negation, the past, aliases, attribution, targeting, words of each kind, page furniture."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from typing import Any

from ..knowledge.data import load_data
from ..knowledge.galaxies import name_key
from ..knowledge.regex_cache import compiled as compiled_once
from .regex_literals import GatedPattern

# The gap of " ... " in a cue phrase ("tracked by ... as"): up to five words within one clause.
_FEW_WORDS = r"\s+(?:[^\s.;:,()]+\s+){0,5}?"


@dataclass(frozen=True)
class Cues:
    """Every word list the extractor applies, compiled."""

    negation: Remembered
    historical: Remembered
    recent: re.Pattern[str]
    indirect_question: GatedLater
    historical_openers: re.Pattern[str]
    lineage: re.Pattern[str]
    usage: re.Pattern[str]
    alias: Remembered
    attribution: Remembered
    origin: re.Pattern[str]
    targeting: re.Pattern[str]
    context: dict[str, frozenset[str]]
    context_after: dict[str, re.Pattern[str]]
    software_verbs: frozenset[str]
    platforms: dict[str, re.Pattern[str]]
    matrices: tuple[str, ...]
    matrix_platforms: dict[str, frozenset[str]]
    technology: frozenset[str]
    evidence: dict[str, str]
    ransomware_after: re.Pattern[str]
    ransomware_before: re.Pattern[str]
    other_than_ransomware: frozenset[str]
    own_names_distinct: frozenset[str]
    ambiguous_actor_zipf: float
    ambiguous_actor_repeat_zipf: float
    furniture_heading: re.Pattern[str]
    conditional_sections: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]
    furniture_line: re.Pattern[str]
    furniture_label: re.Pattern[str]
    furniture_phrases: tuple[str, ...]
    furniture_phrase: re.Pattern[str] | None
    citing: re.Pattern[str]
    other_things: re.Pattern[str]
    appositive_thing: re.Pattern[str]
    product_noun: re.Pattern[str]
    named_thing: re.Pattern[str]
    person_before: re.Pattern[str]
    person_word_before: re.Pattern[str]
    victim_heading: re.Pattern[str]
    victim_column: re.Pattern[str]
    location_column: re.Pattern[str]
    sector_column: re.Pattern[str]
    description_column: re.Pattern[str]
    infrastructure_column: re.Pattern[str]
    sector_heads: frozenset[str]
    sector_organisations_only: frozenset[str]
    sector_people: frozenset[str]
    made_goods: frozenset[str]
    sector_activity: frozenset[str]
    sector_sites: re.Pattern[str]
    site_disruption: re.Pattern[str]
    phrase_words: frozenset[str]
    mentions_repeated: int
    actor_nouns: frozenset[str]
    victims_in: re.Pattern[str]
    victims_of: re.Pattern[str]
    victims_own: re.Pattern[str]
    writers_trades: re.Pattern[str]
    victims_own_sites: frozenset[str]
    targeting_breaks: re.Pattern[str]
    not_targeting: re.Pattern[str]
    infrastructure: re.Pattern[str]
    passing_places: re.Pattern[str]
    advice: Remembered
    victim_subject_verbs: frozenset[str]
    list_intro: re.Pattern[str]
    speaking_verbs: frozenset[str]
    speaking_source: re.Pattern[str]
    subgroup: Remembered
    negation_before: GatedLater
    absence: re.Pattern[str]
    comparison: re.Pattern[str]
    actor_profile: re.Pattern[str]
    language_glued: re.Pattern[str]
    absent_after: re.Pattern[str]
    report_scope: re.Pattern[str]
    ending_events: re.Pattern[str]
    comparison_actors: re.Pattern[str]
    comparison_as_before: re.Pattern[str]
    comparison_as_after: re.Pattern[str]
    comparison_coordinated: re.Pattern[str]
    past_year: re.Pattern[str]
    publication_matched: re.Pattern[str]
    origin_links: re.Pattern[str]
    origin_organs: re.Pattern[str]
    origin_glued: frozenset[str]
    separate: Remembered
    separate_before: re.Pattern[str]
    not_target: re.Pattern[str]
    co_actor: Remembered
    not_breaks: re.Pattern[str]
    place_list_joiners: re.Pattern[str]
    sector_bare_words: frozenset[str]
    sector_head_only: frozenset[str]
    sector_not_after: frozenset[str]
    product_words: frozenset[str]
    sector_not_plurals: frozenset[str]
    targeted_after: re.Pattern[str]
    helpers_before: re.Pattern[str]
    origin_not_subjects: re.Pattern[str]
    # the actor's earlier waves set against this one, and what takes them back ("As in past waves, ... again")
    earlier_waves: re.Pattern[str]
    past_continued: re.Pattern[str]
    # words that turn a sentence back to the report's own time before a name ("but has since", "this year's")
    present_turn: re.Pattern[str]
    # a misattribution: others' claims, and the next sentence clearing the name
    misattribution_claims: Remembered
    misattribution_cleared: re.Pattern[str]
    # sentences naming places and sectors in passing (mentions.yaml `background`, asked by galaxy_background)
    background: dict[str, re.Pattern[str]]


def words_pattern(words: Iterable[str], unless: Iterable[str] = ()) -> re.Pattern[str]:
    """Any of the words or phrases, as whole words; " ... " in a phrase stands for up to five words, a space for any
    white space. Not where one of the phrases `unless` starts (a word of them that means something else there: "not
    surprising" is no negation)."""
    words = sorted(words, key=len, reverse=True)
    # A look-ahead for the words' first letters skips every other position at once (the same matches).
    initials = re.escape("".join(sorted({w[0].lower() for w in words if w})))
    exceptions = sorted(unless, key=len, reverse=True)
    not_these = rf"(?!(?:{grouped_alternation(exceptions)})(?![\w-]))" if exceptions else ""
    return _Deferred(  # type: ignore[return-value]
        rf"(?<![\w-]){not_these}(?=[{initials}])(?:{grouped_alternation(words)})(?![\w-])", re.IGNORECASE
    )


def gated_words(words: Iterable[str]) -> GatedLater:
    """`words_pattern`, searched behind its literal gate (`GatedLater`)."""
    pattern = words_pattern(words)
    return GatedLater(pattern._source, pattern._flags)  # type: ignore[attr-defined]


def lowered(words: Iterable[str]) -> frozenset[str]:
    """A word list of the data files as a set of lower-case words: what a lower-cased word of the text is looked up
    in."""
    return frozenset(str(w).lower() for w in words)


def _alternative(word: str) -> str:
    # A space of a phrase is any run of white space: a hard-wrapped line breaks "are\nadvised" too.
    return re.escape(word).replace(r"\ \.\.\.\ ", _FEW_WORDS).replace(r"\ ", r"\s+")


def grouped_alternation(words: list[str], alternative: Callable[[str], str] = _alternative) -> str:
    """The words (longest first) as one alternation, grouped by first character in their order ("t(?:argeting|
    argeted|o)" for "targeting|targeted|to"): the same match at every position, since only the words that begin
    with the text's character there can match, and they are tried in the same order; but the engine tries one
    group instead of every word (case-insensitive literals get no quick first-character test): a search of a
    hundred words is 3x faster. Only words that begin with an ASCII letter or digit are grouped (their first
    characters fold alike, and apart from the others', under IGNORECASE); any other list is left as it is.
    `alternative` writes one word (or the rest of it after its first character) as an expression."""
    if not all(w and w[0].isascii() and w[0].isalnum() for w in words):
        return "|".join(alternative(w) for w in words)
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0].lower(), []).append(word[1:])
    return "|".join(
        re.escape(first) + "(?:" + "|".join(alternative(rest) for rest in rests) + ")"
        for first, rests in groups.items()
    )


class _Deferred:
    """A pattern compiled on its first use: a report asks a few of the cue lists, and compiling all of them
    was a tenth of a cold `convert`. After that use, its methods are the compiled pattern's own (attributes of
    this object), as fast as the pattern itself."""

    _METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "pattern", "flags")

    def __init__(self, source: str, flags: int) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_source", "_flags"):
            raise AttributeError(name)
        compiled = compiled_once(self._source, self._flags)
        for method in self._METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


class GatedLater:
    """A cue pattern searched behind its literal gate (regex_literals.GatedPattern), built on its first use: a
    pattern tried on the text before every name ("asked whether ..."), which differs for each name and which the
    words it needs are mostly missing from (a sentence of thirty thousand names is never searched)."""

    def __init__(self, source: str, flags: int) -> None:
        self.pattern = _Deferred(source, flags)
        self._source = source
        self._flags = flags

    @cached_property
    def _gated(self) -> GatedPattern:
        return GatedPattern(self._source, self._flags)

    @cached_property
    def _lacking(self) -> Callable[[str], bool]:
        """Whether a whole text lacks the gate's words (then so does every piece of it), remembered per text: the
        names of one sentence share its window (galaxy_places), and each asks of a piece of it."""
        gated = self._gated
        return lru_cache(maxsize=1024)(lambda text: gated._absent(text, 0, sys.maxsize))

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """`re.Pattern.search`, gated."""
        return None if self._lacking(text) else self._gated.search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """`re.Pattern.finditer`, gated."""
        return iter(()) if self._lacking(text) else self._gated.finditer(text, pos, endpos)


class Remembered:
    """A cue pattern whose `search` remembers its recent answers: the names of one long sentence share its
    window (galaxy_places), so the cue is searched once per window, not once per name."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.search = lru_cache(maxsize=1024)(pattern.search)

    def __getattr__(self, name: str) -> Any:
        """finditer, match and the rest: the pattern's own."""
        return getattr(self.pattern, name)


def compile_later(source: str, flags: int = 0) -> re.Pattern[str]:
    """A cue expression compiled on its first use (`_Deferred`): a report asks a few of them."""
    return _Deferred(source, flags)  # type: ignore[return-value]


def _any_of(patterns: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return compile_later("|".join(f"(?:{p})" for p in patterns), flags)


def _place_after(prepositions: Iterable[str]) -> re.Pattern[str]:
    """One of the prepositions, then the places listed before a place, up to the end of the text ("in Germany,
    Austria and "), or a region and a colon that opens the list of its countries ("across South-East Asia:
    Vietnam, Thailand and "): the preposition that governs the place the text goes on with."""
    return compile_later(
        rf"\b(?:{'|'.join(map(re.escape, prepositions))})\s+(?:the\s+)?"
        r"(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*:\s+(?:the\s+)?)?"
        r"(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*\s*(?:,\s*and|,|and|or)\s+(?:the\s+)?)*[*_]*$"
    )


@cache
def cues() -> Cues:
    """The cues, loaded once per process."""
    mentions = load_data("mentions.yaml")
    rules = load_data("galaxies.yaml")
    sectors = load_data("sectors.yaml")
    furniture = rules["page_furniture"]
    victims = rules["victim_tables"]
    return Cues(
        negation=Remembered(words_pattern(mentions["negation"], mentions["not_negation"])),
        historical=Remembered(words_pattern(mentions["historical"])),
        recent=compile_later(mentions["recent"], re.IGNORECASE),
        indirect_question=GatedLater(mentions["indirect_question"], re.IGNORECASE),
        historical_openers=words_pattern(mentions["historical_openers"]),
        lineage=compile_later(mentions["lineage"], re.IGNORECASE),
        usage=words_pattern(mentions["usage"]),
        alias=Remembered(words_pattern(mentions["alias"])),
        attribution=Remembered(words_pattern(mentions["attribution"])),
        origin=words_pattern(mentions["origin"]),
        targeting=words_pattern(mentions["targeting"]),
        context={k: lowered(v) for k, v in rules["context_words"].items()},
        context_after={k: compiled_once(v, re.IGNORECASE) for k, v in (rules.get("context_after") or {}).items()},
        software_verbs=lowered(rules.get("software_verbs", ())),
        platforms={p: words_pattern(words) for p, words in rules["platforms"].items()},
        matrices=tuple(rules.get("technique_matrices") or ()),
        matrix_platforms={
            matrix: frozenset(spec["platforms"])
            for matrix, spec in (rules.get("technique_matrices") or {}).items()
            if spec.get("platforms")
        },
        technology=frozenset(name_key(n) for n in rules.get("technology_names", ())),
        evidence={g: spec["evidence"] for g, spec in rules["galaxies"].items() if spec.get("evidence")},
        ransomware_after=compile_later(rules["ransomware_next"]["after"], re.IGNORECASE),
        ransomware_before=compile_later(rules["ransomware_next"]["before"], re.IGNORECASE),
        other_than_ransomware=lowered(rules["ransomware_next"]["other_kinds"]),
        own_names_distinct=frozenset(g for g, spec in rules["galaxies"].items() if spec.get("own_names_distinct")),
        ambiguous_actor_zipf=float(rules["ambiguous_actors"]["word_zipf"]),
        ambiguous_actor_repeat_zipf=float(rules["ambiguous_actors"]["repeat_zipf"]),
        furniture_heading=_any_of(furniture["headings"]),
        conditional_sections=tuple(
            (compile_later(spec["heading"], re.IGNORECASE), compile_later(spec["words"], re.IGNORECASE))
            for spec in furniture["conditional_sections"]
        ),
        furniture_line=_any_of(furniture["lines"], re.IGNORECASE | re.MULTILINE),
        furniture_label=compile_later(furniture["labels"], re.IGNORECASE),
        furniture_phrases=tuple(str(p).lower() for p in furniture["phrases"]),
        # Any of the phrases, in one search per line (a line holds one when this finds one).
        furniture_phrase=(
            compile_later("|".join(re.escape(str(p).lower()) for p in furniture["phrases"]))
            if furniture["phrases"]
            else None
        ),
        citing=compile_later(furniture["citing"], re.IGNORECASE),
        other_things=compile_later(rf"\s*(?:{'|'.join(map(re.escape, rules['other_things']))})\b", re.IGNORECASE),
        appositive_thing=compile_later(
            r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?"
            rf"(?:{'|'.join(map(re.escape, rules['appositive_things']))})s?\b",
            re.IGNORECASE,
        ),
        product_noun=compile_later(
            # (one qualifier between, not a verb's form: "approaches software engineers" is no product)
            r"[ \t]+(?:(?![\w-]*(?:s|ed|ing)[ \t])[a-z][\w-]*[ \t]+)?(?:"
            + "|".join(map(re.escape, [*rules["product_nouns"], *rules["appositive_things"], *rules["named_things"]]))
            + r")s?\b",
            re.IGNORECASE,
        ),
        named_thing=compile_later(
            r"[ \t]+(?:" + "|".join(map(re.escape, [*rules["named_things"], *rules["other_things"]])) + r")\b",
            re.IGNORECASE,
        ),
        person_before=compile_later(
            r"(?<![\w-])(?:"
            + "|".join(map(re.escape, rules["person_words"]))
            + r")\.?[ \t]+(?-i:(?P<given>[A-Z][a-z]+))[ \t]+$",
            re.IGNORECASE,
        ),
        person_word_before=compile_later(
            r"(?<![\w-])(?:" + "|".join(map(re.escape, rules["person_words"])) + r")\.?[ \t]+$", re.IGNORECASE
        ),
        victim_heading=words_pattern(victims["headings"]),
        victim_column=_any_of(victims["victim_columns"]),
        location_column=_any_of(victims["location_columns"]),
        sector_column=_any_of(victims["sector_columns"]),
        description_column=_any_of(victims["description_columns"]),
        infrastructure_column=_any_of(victims["infrastructure_columns"]),
        sector_heads=lowered(sectors["victim_heads"]),
        sector_organisations_only=lowered(sectors["organisations_only"]),
        sector_people=lowered(sectors["people_nouns"]),
        made_goods=frozenset(sectors["made_goods"]),
        sector_activity=lowered(sectors["activity_words"]),
        sector_sites=words_pattern(sectors["site_words"]),
        site_disruption=words_pattern(sectors["site_disruption"]),
        phrase_words=lowered(sectors["phrase_words"]),
        mentions_repeated=int(mentions["mentioned_locations"]["sentences"]),
        actor_nouns=lowered(mentions["origin_nouns"]),
        victims_in=_place_after(mentions["victims_in"]),
        victims_of=_place_after(mentions["victims_of"]),
        victims_own=words_pattern(mentions["victims_own"]),
        writers_trades=words_pattern(mentions["writers_trades"]),
        victims_own_sites=frozenset(mentions["victims_own_sites"]),
        infrastructure=words_pattern(mentions["infrastructure"]),
        passing_places=words_pattern(mentions["passing_places"]),
        advice=Remembered(words_pattern(mentions["advice"])),
        victim_subject_verbs=lowered(mentions["victim_subject_verbs"]),
        targeting_breaks=words_pattern(mentions["targeting_breaks"]),
        not_targeting=words_pattern(mentions["not_targeting"]),
        list_intro=words_pattern(mentions["list_intro"]),
        speaking_verbs=lowered(mentions["speaking_verbs"]),
        speaking_source=compile_later(
            rf"\b(?:{'|'.join(map(re.escape, mentions['speaking_nouns']))})\s+(?:from|by|of)\s+"
            r"(?:(?:the|a|an|two|three|several|many|both|national|federal|state|\w+'s)\s+){0,2}$",
            re.IGNORECASE,
        ),
        subgroup=Remembered(words_pattern(mentions["subgroup_words"])),
        negation_before=gated_words(mentions["negation_before"]),
        absence=words_pattern(mentions["absence"]),
        comparison=words_pattern(mentions["comparison"]),
        actor_profile=compile_later(mentions["actor_profile"], re.IGNORECASE | re.VERBOSE),
        # (Glued by a hyphen or written apart, after more demonyms of one list: "Portuguese- and Spanish-speaking
        # countries", "Portuguese and Spanish speakers in Brazil".)
        language_glued=compile_later(
            r"(?:-?[ \t]*(?:,|,?[ \t]*and|,?[ \t]*or)[ \t]+(?-i:[A-Z])\w*)*(?:-|[ \t]+)"
            rf"(?:{'|'.join(map(re.escape, mentions['language_glued']))})\b",
            re.IGNORECASE,
        ),
        absent_after=compile_later(mentions["absent_after"], re.IGNORECASE),
        report_scope=compile_later(mentions["report_scope"], re.IGNORECASE),
        ending_events=words_pattern(mentions["ending_events"]),
        comparison_actors=words_pattern(mentions["comparison_actors"]),
        comparison_as_before=compile_later(mentions["comparison_as_before"]),
        comparison_as_after=compile_later(mentions["comparison_as_after"]),
        comparison_coordinated=compile_later(mentions["comparison_coordinated"]),
        past_year=compile_later(mentions["past_year"], re.IGNORECASE),
        publication_matched=compile_later(mentions["publication_matched"], re.IGNORECASE),
        origin_links=words_pattern(mentions["origin_links"]),
        origin_organs=words_pattern(mentions["origin_organs"]),
        origin_glued=lowered(mentions["origin_glued"]),
        separate=Remembered(words_pattern(mentions["separate"])),
        separate_before=compile_later(mentions["separate_before"], re.IGNORECASE),
        not_target=compile_later(mentions["not_target"], re.IGNORECASE),
        co_actor=Remembered(words_pattern(mentions["co_actor_words"])),
        not_breaks=words_pattern(mentions["not_breaks"]),
        place_list_joiners=words_pattern(mentions["place_list_joiners"]),
        sector_bare_words=lowered(sectors["bare_words"]),
        sector_head_only=lowered(
            [*sectors["head_only_words"], *(f for v in sectors["field_words"].values() for f in v)]
        ),
        sector_not_after=lowered(sectors["not_after"]),
        product_words=frozenset(sectors["product_words"]),
        sector_not_plurals=lowered(sectors["not_plurals"]),
        targeted_after=compile_later(mentions["targeted_after"], re.IGNORECASE | re.VERBOSE),
        helpers_before=words_pattern(mentions["helpers_before"]),
        origin_not_subjects=words_pattern(mentions["origin_not_subjects"]),
        earlier_waves=words_pattern(mentions["earlier_waves"]),
        past_continued=compile_later(mentions["past_continued"], re.IGNORECASE),
        present_turn=compile_later(mentions["present_turn"], re.IGNORECASE),
        misattribution_claims=Remembered(words_pattern(mentions["misattribution_claims"])),
        misattribution_cleared=words_pattern(mentions["misattribution_cleared"]),
        background={key: compile_later(source, re.IGNORECASE) for key, source in mentions["background"].items()},
    )
