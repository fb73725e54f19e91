"""Whether a report denies a name: a negation in the name's clause or in the clause that introduces its list ("no
overlap with groups such as Turla or Gamaredon"), a denial after it ("Kazuar, which we did not see this time"), its
absence ("we saw no Snake"), a next sentence that denies it with the names before it or clears it of others' claims
("Grandoreiro was not involved here"), and `in_use`, which a denial of a group weighs against. Split from
galaxy_asides because these readings all follow a negation through a sentence's clauses and lists, while the rest of
the set-aside questions (compared, past, another thing, a separate cluster) read other words: a reader of a wrong
denial finds them in one place. `Asides` builds on `Denials` and holds its state."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..knowledge.regex_cache import compiled
from .galaxy_cues import Cues
from .galaxy_name_lists import CLAUSE_MARKS, ListHeads, name_list
from .galaxy_places import Found
from .galaxy_stance import absent_after_name

# A name closing a list of the clause before it ("none of that malware, PlugX included, was found").
_LIST_AFTER = compiled(r"\s*(?:included|among them|in particular)\b")
# A relative clause right after a name, up to its end ("Kazuar, which we did not see this time"), or one that
# denies by its opening ("X-Agent, Zebrocy and CHOPSTICK, none of which played a role here"; "We checked for overlap
# with Turla and Kimsuky and found none"); the rest of the list the name opens may come first.
_RELATIVE_DENIAL = compiled(
    r"(?:\s*,\s*(?:(?:and|or)\s+)?[A-Z][\w.-]*|\s+(?:and|or)\s+[A-Z][\w.-]*)*"
    r"\s*,?\s*(?:((?:none|neither|not\s+one)\s+of\s+(?:which|them|these|those)"
    r"|(?:and|but)\s+(?:found|saw|observed|detected)\s+(?:none|nothing|no\s+(?:trace|sign)))"
    r"|(?:which|that|who)\b([^,;:()]{0,80}))"
)
# Clauses that are asides inside a subject ("Turla, which also targets diplomats, ...").
_ASIDE_OPENERS = {"which", "who", "that", "including", "such", "like", "both", "all", "each", "either", "and", "or"}
# ...and an article opens an apposition ("ScanBox, the framework the group used years ago, was not seen").
_ASIDE_OPENERS |= {"the", "a", "an"}
# The same marks, compiled once: the clause rules split a sentence for every name they read.
_CLAUSE_BREAKS = compiled(CLAUSE_MARKS)
# The name's presence, said right after it ("... the Snake implant itself was deployed").
_PRESENCE_AFTER = compiled(
    r"(?:\S+\s+){0,2}(?:was|were|had been|has been)\s+(?:\S+\s+)?(?:deployed|used|present|installed|seen)\b"
)


class Denials:
    """The denial questions of `Asides`, with the answers it remembers per match and per sentence."""

    cues: Cues
    _denials: dict[tuple[int, int], bool]
    _list_heads: dict[str, ListHeads]
    _absence_sentences: dict[str, bool]
    # The readings of the past (`Asides`) that tell a name's use in the past from its use in this report.
    past: Callable[[str], bool]
    past_before: Callable[[Found], bool]

    def denied(self, found: Found) -> bool:
        """A negation in the name's clause, or in the clause introducing the list the name stands in ("no overlap
        with other groups such as Turla, Gamaredon or APT28"); worked out once per match."""
        key = (found.part.offset, found.match.start)
        if key not in self._denials:
            self._denials[key] = self._work_out_denial(found)
        return self._denials[key]

    def _work_out_denial(self, found: Found) -> bool:
        if self.cues.negation.search(found.clause):
            return True
        position = found.in_sentence
        clause_start = found.sentence.find(found.clause)
        if clause_start >= 0 and self.cues.negation_before.search(found.sentence, clause_start, position):
            return True
        intro = self._list_intro(found)
        if intro is not None and (self.cues.negation.search(intro) or self.cues.negation_before.search(intro)):
            return True
        return self._denied_after(found, intro)

    def _denied_after(self, found: Found, intro: str | None) -> bool:
        """The list of names the sentence opens with, or the name itself, is denied by what follows it: a relative
        clause ("Kazuar, which we did not see this time") or the predicate after the list and its asides ("Turla and
        Gamaredon, which also target diplomats, showed no overlap"; "Other groups, including Turla, were not
        involved"). `intro` is `_list_intro(found)`, worked out by the caller."""
        position = found.in_sentence
        rest = found.sentence[position + len(found.match.surface) : position + 240]
        relative = _RELATIVE_DENIAL.match(rest)
        if relative and (relative.group(1) or self.cues.negation.search(" ".join(relative.group(2).split()[:4]))):
            return True
        clauses = _CLAUSE_BREAKS.split(rest)
        if not (self._list_head(found.sentence, position) or intro is not None) or not name_list(clauses[0]):
            return False
        for clause in clauses[1:4]:
            words = clause.split()
            if not words or words[0].lower() in _ASIDE_OPENERS or name_list(clause):
                continue
            return bool(self.cues.negation.search(" ".join(words[:4])))
        return False

    def _list_head(self, sentence: str, position: int) -> bool:
        """`name_list(sentence[:position])`, from one reading of the sentence shared by all its names."""
        heads = self._list_heads.get(sentence)
        if heads is None:
            heads = self._list_heads[sentence] = ListHeads(sentence)
        return heads.name_list(position)

    def _list_intro(self, found: Found) -> str | None:
        """The clause before the phrase ("such as", "including") that introduces the list the name stands in."""
        position = found.in_sentence
        opened = found.sentence.rfind("(", max(0, position - 160), position)
        if (
            opened >= 0
            and ")" not in found.sentence[opened:position]
            and name_list(found.sentence[opened + 1 : position])
        ):
            return _CLAUSE_BREAKS.split(found.sentence[:opened].rstrip())[-1]
        clauses = _CLAUSE_BREAKS.split(found.sentence[:position])
        if len(clauses) > 1 and (_LIST_AFTER.match(found.following(16)) or name_list(clauses[-1])):
            return clauses[-2]
        intros = list(self.cues.list_intro.finditer(found.sentence, max(0, position - 160), position))
        if not intros or not name_list(found.sentence[intros[-1].end() : position]):
            return None
        return _CLAUSE_BREAKS.split(found.sentence[: intros[-1].start()].rstrip(" \t\n,;:(\u2014\u2013"))[-1]

    def absent(self, found: Found) -> bool:
        """The name is said not to be there ("we saw no Snake", "none of that malware, including WannaCry, was
        found", "PlugX was not observed", "The ShadowPad backdoor, seen elsewhere, was absent": galaxy_stance): a denial
        of presence right around it, not a clause that merely holds a negation."""
        if self._denied_as_group(found) or absent_after_name(found):
            return True
        absence = self._absence_sentences.get(found.sentence)
        if absence is None:
            absence = self._absence_sentences[found.sentence] = bool(self.cues.absence.search(found.sentence))
        if not absence or not self.denied(found):
            return False
        position = found.in_sentence
        before = found.sentence[max(0, position - 40) : position]
        negations = list(self.cues.negation.finditer(before)) + list(self.cues.negation_before.finditer(before))
        negations.sort(key=lambda m: m.end())
        if negations and len(before[negations[-1].end() :].split()) <= 3:
            return True
        after = " ".join(found.following(60).split()[:5])
        if self._list_intro(found) is not None or re.match(r"(?:\S+\s+){0,2}(?:was|were|is|are)\s+not\b", after):
            return True
        # "not a sign that the Snake implant itself was deployed": a negation earlier in the clause, and the name's
        # presence after it.
        negated = self.cues.negation.search(found.clause[: max(found.clause.find(found.match.surface), 0)])
        return bool(negated and _PRESENCE_AFTER.match(after))

    def _denied_as_group(self, found: Found) -> bool:
        """The next sentence denies the presence of the names before it as a group ("... a loader that dropped the
        Hive encryptor's successor. None of those other families appeared in this campaign."; "Neither was present
        on the hosts")."""
        sentence = self._group_denial(found)
        if sentence is None:
            return False
        return bool(self.cues.report_scope.search(sentence)) or not self.in_use(found)

    def _group_denial(self, found: Found) -> str | None:
        """The sentence after the name's, where it denies the names before it as a group."""
        end = found.sentence_start + len(found.sentence)
        following = found.part.text[end : end + 200]
        denial = self.cues.absent_after.match(following)
        if not denial:
            return None
        sentence = re.split(r"(?<=[.!?])\s", following[denial.end() :], maxsplit=1)[0]
        return sentence if self.cues.absence.search(sentence) else None

    def cleared_after(self, found: Found) -> bool:
        """The name is handed to others' claims and cleared in the next sentence, which names it again ("Several
        forums attributed these emails to Grandoreiro. Grandoreiro was not involved here."; "... We found no link
        to Mekotio."): a misattribution, not this report's software."""
        if not self.cues.misattribution_claims.search(found.sentence):
            return False
        end = found.sentence_start + len(found.sentence)
        following = found.part.text[end : end + 300].lstrip()
        sentence = re.split(r"(?<=[.!?])\s", following, maxsplit=1)[0]
        cleared = self.cues.misattribution_cleared.search(sentence)
        named = sentence.find(found.match.surface)
        if not cleared or named < 0:
            return False
        # The clearing speaks of this report's activity ("... played no part in this intrusion", "... was not involved
        # here") or denies the name itself ("we found no link to Mekotio"); not "Grandoreiro is unrelated to Mekotio".
        return bool(self.cues.report_scope.search(sentence)) or named > cleared.start()

    def in_use(self, found: Found) -> bool:
        """The name's clause has it in use: a verb of software right before it ("deployed Cobalt Strike") or a
        verb of use in the clause ("Cobalt Strike was run on the file server"); not in a sentence about the past
        ("because it used the Snake rootkit in its early years")."""
        if self.past(found.sentence) or self.past_before(found):
            return False
        # A denial of the whole campaign in the next sentence ("None of those families appeared in this campaign").
        denial = self._group_denial(found)
        if denial is not None and self.cues.report_scope.search(denial):
            return False
        words = found.before.split()
        if words and words[-1] in self.cues.software_verbs:
            return True
        return bool(self.cues.usage.search(found.clause))
