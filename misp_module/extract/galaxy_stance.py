"""The writer's stance toward a name (issue 8): a name its sentence says is absent ("The ShadowPad backdoor, seen in
other operations, was absent"), an actor the writer keeps apart from the report's own ("we track them separately"),
a place or actor in a claim of others that the next sentence rejects ("... led some commentators to call it a Russian
front. We do not share that view."), a place where other actors do the same kind of thing ("personas such as X run
comparable floods against European targets"): not the report's subject.

Denials in the name's clause and group denials are read by galaxy_denials, comparisons by galaxy_asides; these are
the stances that sit after the name or in the next sentence, where a clause's negation does not reach. The patterns
are data (stance.yaml); the software rules (galaxy_denials `absent`), the actor rules (galaxy_roles) and the place
rules (galaxy_location_rules) ask this module.
"""

from __future__ import annotations

from functools import cache

from ..knowledge.regex_cache import compiled
from .galaxy_places import Found
from .regex_literals import GatedPattern, gated_patterns

# The next sentence after the name's, up to its end.
_NEXT_SENTENCE = compiled(r"(?<=[.!?])\s")
# The end of the name's clause chain: what follows is another clause's.
_CLAUSE_END = compiled(r"[;:]")


@cache
def _patterns() -> dict[str, GatedPattern]:
    """stance.yaml's patterns, compiled on first use, each behind its literal gate."""
    return gated_patterns("stance.yaml")


def absent_after_name(found: Found) -> bool:
    """After the name (its word of kind, an apposition between commas) the sentence says it was not there: "was absent",
    "was nowhere to be seen", "played no part"; or after the list it opens, "were not present"."""
    patterns, following = _patterns(), found.following(200)
    return bool(patterns["absent_predicate"].match(following) or patterns["absent_list"].match(following)) or (
        denied_later(found)
    )


def no_bearing(found: Found) -> bool:
    """After the name (a word of its own, an apposition, "is an anecdote but"), the writer says it has nothing to do
    with the report's case ("the Hellsing group, which ..., has no bearing on this campaign")."""
    return bool(_patterns()["no_bearing"].match(found.following(300)))


def denied_later(found: Found) -> bool:
    """Later in the name's sentence, the names before it are denied as a group ("the Dridex banking trojan and the
    Locky ransomware years ago, but neither of those played any part in these cases"); not past a semicolon or
    colon, after which the group is another clause's ("The crew deployed Cobalt Strike; of Sliver and Havoc, neither
    was seen")."""
    rest = found.sentence[found.in_sentence + len(found.match.surface) :]
    return bool(_patterns()["denied_later"].search(_CLAUSE_END.split(rest, maxsplit=1)[0]))


def tracked_apart(found: Found) -> bool:
    """The name's sentence keeps the actors it names apart from the report's own ("we track them separately")."""
    return bool(_patterns()["tracked_apart"].search(found.sentence))


def others_alike(found: Found) -> bool:
    """Before the place in its sentence, other actors doing the same kind of thing ("pro-Russian personas such as
    NoName057(16) run comparable floods against"): their victims' place, not the report's."""
    return bool(_patterns()["others_alike"].search(found.text_before))


def rejected_claim(found: Found) -> bool:
    """The name's sentence reports others' claim ("some commentators call it a Russian front") and the next sentence
    rejects it ("We do not share that view"), or a blame its own sentence takes back after the name ("first blamed a
    crew from Brazil, which turned out to be wrong")."""
    patterns = _patterns()
    if patterns["rejection_after"].search(found.sentence, found.in_sentence):
        return True
    if not patterns["claim"].search(found.sentence):
        return False
    end = found.sentence_start + len(found.sentence)
    following = found.part.text[end : end + 240].lstrip()
    return bool(patterns["rejection"].match(_NEXT_SENTENCE.split(following, maxsplit=1)[0]))
