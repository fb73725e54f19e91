"""How a writer gives a name, and the actor a page is about (issue 8: actor, malware and tool names on real pages).

Real pages introduce their actors and families by constructions that only name: "TAG-110, also known as UAC-0063,
has a history of ...", "ALPHV, also known as BlackCat, targeted over 440 victims", "the bug, which has been dubbed
Madi or Mahdi". A name given so is meant as a name (an actor name that is also a word has the word of its kind it
needs; software is introduced, not named in passing), and the other name of the construction is the same thing: where
that other name is what the page is about (in its title, said again and again), so is this one, though the galaxies
know only one of the two ("TAG-110" is no galaxy's name, "UAC-0063" is).

The guards of the past and of history (galaxy_asides `past`, galaxy_history) are meant for actors named in passing:
"Naikon was previously observed using exploits ..." on a page about Naikon's new backdoor is its subject's record, not
another actor's. The page's subject actor is read here: a writing of it (or of its alias construction) in the title,
said in several sentences, or opening several clauses as their doer, on a page that names no other actor. Rules as
data in `name_readings.yaml`; rule cases in tests/data/galaxies/names-real.yaml.
"""

from __future__ import annotations

import re
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_places import PROSE, Found

# What may stand before a sentence's subject: list marks, markup, an article.
_OPENER = compiled(r"^[\s*_#>\-\u2022\d.)]*(?:the\s+)?", re.IGNORECASE)


# The patterns of name_readings.yaml this module reads (the others are galaxy_homonyms').
_PATTERN_KEYS = (
    "naming_before",
    "naming_pair_before",
    "naming_after",
    "not_openers",
    "partner_before",
    "partner_after",
    "clause_doer_before",
    "clause_doer_after",
)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """name_readings.yaml's naming patterns, compiled once per process."""
    data = load_data("name_readings.yaml")
    return {key: compiled(data[key], re.IGNORECASE) for key in _PATTERN_KEYS}


@cache
def _counts() -> tuple[int, int]:
    data = load_data("name_readings.yaml")
    return int(data["subject_mentions"]), int(data["subject_clauses"])


def given_name(found: Found) -> bool:
    """The name stands in a construction that only names ("X, also known as Y", "dubbed X or Y", "a group known as
    X", "X, which Microsoft calls Y"), on either side."""
    patterns = _patterns()
    before = found.text_before[-160:]
    return bool(
        patterns["naming_before"].search(before)
        or patterns["naming_pair_before"].search(before)
        or patterns["naming_after"].match(found.following(80))
    )


def introduces(found: Found) -> bool:
    """The sentence opens with an alias construction the name stands in ("ALPHV, also known as BlackCat, targeted
    over 440 victims"): the writer introduces what the sentence is about (not "Unlike ALPHV, also known as BlackCat,
    the newer crews ...")."""
    patterns = _patterns()
    if patterns["naming_after"].match(found.following(80)):
        return not _OPENER.sub("", found.text_before)  # (a word before it is no opener of the name)
    phrase = patterns["naming_before"].search(found.text_before[-160:])
    if not phrase:
        return False
    before = found.text_before[-160:][: phrase.start()]
    partner = patterns["partner_before"].search(before)
    return (
        bool(partner)
        and not _OPENER.sub("", before[: partner.start()])
        and not patterns["not_openers"].match(partner.group(1))
    )


def alias_partner(found: Found) -> str | None:
    """The other name of an alias construction the name stands in: "TAG-110" for "UAC-0063" in "TAG-110, also known
    as UAC-0063", "BlackCat" for "ALPHV" in "ALPHV, also known as BlackCat". None outside one."""
    patterns = _patterns()
    following = found.following(80)
    after = patterns["naming_after"].match(following)
    if after:
        partner = patterns["partner_after"].match(following, after.end())
        return partner.group(1) if partner else None
    before = found.text_before[-160:]
    phrase = patterns["naming_before"].search(before)
    if not phrase:
        return None
    partner = patterns["partner_before"].search(before, 0, phrase.start())
    return partner.group(1) if partner else None


class SubjectActor:
    """Which actor writings a page is about (see the module docstring): asked by the actor rules before a guard of the
    past or of history sets a name aside."""

    def __init__(self, founds: list[Found], text: str, title: str) -> None:
        self._text = text
        self._title = title or ""
        actors = [f for f in founds if f.place == PROSE and any(n.cluster.kind == "actor" for n in f.match.names)]
        self._writings = {f.match.surface for f in actors}
        self._partners = {f.match.surface: p for f in actors if (p := alias_partner(f))}
        self._doers: dict[str, set[int]] = {}
        patterns = _patterns()
        for f in actors:
            if patterns["clause_doer_before"].search(f.sentence[: f.in_sentence][-40:]) and patterns[
                "clause_doer_after"
            ].match(f.following(30)):
                self._doers.setdefault(f.match.surface, set()).add(f.part.offset + f.sentence_start)
        self._answers: dict[str, bool] = {}

    def subject(self, found: Found) -> bool:
        """The name's writing (with its alias construction's other name) is the page's subject actor."""
        surface = found.match.surface
        answer = self._answers.get(surface)
        if answer is None:
            answer = self._answers[surface] = self._work_out(surface)
        return answer

    def _work_out(self, surface: str) -> bool:
        own = {surface} | {w for w, p in self._partners.items() if p == surface}
        partner = self._partners.get(surface)
        writings = own | ({partner} if partner else set())
        if self._writings - writings - {w for w, p in self._partners.items() if p in writings}:
            return False  # another actor is named: the page is not about this one alone
        mentions, clauses = _counts()
        return (
            any(_said(w, self._title) for w in writings)
            or sum(_said(w, self._text) for w in writings) >= mentions
            or len(set().union(*(self._doers.get(w, set()) for w in writings))) >= clauses
        )


def _said(writing: str, text: str) -> int:
    """How often the writing stands in the text as a whole word, in its own case."""
    return len(re.findall(rf"(?<![\w-]){re.escape(writing)}(?![\w-])", text))
