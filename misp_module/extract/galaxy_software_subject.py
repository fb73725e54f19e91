"""Software a free-form report introduces as its subject (issue 8: clusters the original code found and we lost).

Salience (galaxy_salience) keeps a family that a free-form report names in one sentence of prose only where that
sentence ties it to the intrusion. Vendor and news posts often introduce their own family once, by naming it,
and then call it "the malware" or "the backdoor" ("... a new wiper dubbed X. The wiper then overwrites
the boot record ..."), or say their own product caught it ("our agent blocked X on 64 Macs"). Those names are the
report's subject, not passing mentions. Rules as data in `software_subject.yaml` (naming: `software_prose.yaml`):

- a naming phrase right before the name whose object is a noun of software or "it" ("a new backdoor dubbed X",
  "researchers dubbed it 'X'", "the trojan, named X,"), not another family ("another trojan called X"): the one
  recogniser of naming phrases, galaxy_software_prose `named_by_writer` (software_prose.yaml `naming_*`);
- a verb of defence in the name's clause, done in this case ("blocked", "quarantined"; not "has blocked X since
  2019");
- a list of instances after a noun of software ("well-known families such as A, B and C", "third-party frameworks
  (e.g., A, B)": `instance_words`), not in advice ("defenders should hunt for tools such as A": `advice_before`), or a
  sentence listing what the sentence before counted ("... more tools on the file servers. These included ...");
- the name opens the report's first paragraph as its subject ("Svpeng keeps learning new tricks: ..."), as a
  roundup's item does (galaxy_salience `item_lead`): the lead says what the post is about. Later paragraphs are
  not the lead ("X, the leader of our last two reports, fell out of the top ten" in a landscape report is its
  past).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_places import PROSE, Found
from .galaxy_salience import item_lead
from .galaxy_sentence_before import sentence_before
from .galaxy_software_prose import named_by_writer
from .phrases import phrase_alternation


@dataclass(frozen=True)
class _Rules:
    other: re.Pattern[str]
    defence: re.Pattern[str]
    instances: re.Pattern[str]
    lead_paragraphs: int
    list_opener: re.Pattern[str]
    software_noun: re.Pattern[str]
    habit: re.Pattern[str]
    since: re.Pattern[str]
    advice: re.Pattern[str]


@cache
def _rules() -> _Rules:
    data = load_data("software_subject.yaml")
    role_nouns = load_data("mentions.yaml")["salience"]["role_nouns"]
    nouns = phrase_alternation(sorted(set(data["software_nouns"]) | set(role_nouns)))
    other = compiled(rf"\b(?:{phrase_alternation(data['other_words'])})\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
    defence = compiled(rf"\b(?:{phrase_alternation(data['defence_verbs'])})\b", re.IGNORECASE)
    # The noun (or its plural: "banking trojans such as A and B"), an instance word, then earlier names of the list
    # (capitalised words, commas, "and"/"or").
    instances = compiled(
        rf"\b(?P<noun>(?:{nouns})s?)\s+\(?(?:{phrase_alternation(data['instance_words'])})[,:]?\s+"
        r"(?:[\"'\u201c\u2018]?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}[\"'\u201d\u2019]?,?\s+"
        r"(?:(?:and|or)\s+)?){0,8}"
        r"[\"'\u201c\u2018*_]*$"
    )
    list_opener = compiled(rf"\W*(?:{phrase_alternation(data['list_openers'])})\b", re.IGNORECASE)
    software_noun = compiled(rf"\b(?:{nouns})\b", re.IGNORECASE)
    habit = compiled(data["defence_habit"], re.IGNORECASE)
    since = compiled(data["defence_since"], re.IGNORECASE)
    advice = compiled(data["advice_before"], re.IGNORECASE)
    return _Rules(
        other, defence, instances, int(data["lead_paragraphs"]), list_opener, software_noun, habit, since, advice
    )


def _in_lead(found: Found, text: str) -> bool:
    """The name stands in the report's lead: at most `lead_paragraphs` blank-line breaks before it (the title's
    line, then the first paragraph)."""
    return text.count("\n\n", 0, found.match.start) <= _rules().lead_paragraphs


def introduced(found: Found, text: str) -> bool:
    """The sentence introduces the software by naming it, counts it among instances of its kind, says the
    defender's product caught it, or the name opens its paragraph as its subject (see the module docstring);
    `text` is the report's text."""
    if found.place != PROSE:
        return False
    if item_lead(found, text, in_roundup=True) and _in_lead(found, text):
        return True
    if named_by_writer(found):
        return True
    rules = _rules()
    head = found.text_before[-160:]
    instances = rules.instances.search(head)
    if (
        instances
        and not rules.other.search(head, 0, instances.start("noun"))
        and not rules.advice.search(found.text_before[: len(found.text_before) - len(head) + instances.start("noun")])
    ):
        return True
    if rules.list_opener.match(found.sentence) and rules.software_noun.search(sentence_before(found)):
        return True
    return _defended(found.clause, rules)


def _defended(clause: str, rules: _Rules) -> bool:
    """A verb of defence in the clause, done in this case: not a habit or a claim of the product ("has blocked X
    since 2019")."""
    defence = rules.defence.search(clause)
    return bool(
        defence and not rules.habit.search(clause, 0, defence.start()) and not rules.since.search(clause, defence.end())
    )
