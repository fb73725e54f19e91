"""The readings that turn a target back into a passing mention, for places and sectors alike: the name sits
where infrastructure, an office or the writer's side is (galaxy_passing_places, which `TargetVetoes` builds on); the
sentence tells the past, another group's victims, a lure's persona, or something other than this report's victims
(`galaxy_background`). Kept apart from the rules that find targets so that a reader sees in one place what can veto
them."""

from __future__ import annotations

import re
from functools import cache

from ..knowledge.regex_cache import compiled
from . import galaxy_background as background
from . import galaxy_history as history
from . import galaxy_side_places as side_places
from .galaxy_name_lists import CLAUSE_MARKS
from .galaxy_passing_places import PassingPlaces
from .galaxy_place_prose import own_finding, span_end
from .galaxy_places import Found
from .regex_literals import GatedPattern

# Another group set beside the report's ("not to be confused with X", "unlike X"), then a relative clause about it:
# what that clause names is the other group's ("..., nor with Charming Kitten, which goes after journalists").
# A relative clause up to the place whose subject is a capitalised name, then its verb ("that Mustang Panda uses
# against ...").
_RELATIVE_SUBJECT = compiled(
    r"\b(?:that|which|whom)\s+(?P<subject>(?-i:[A-Z][\w()'-]*)(?:\s+(?-i:[A-Z0-9][\w()'-]*)){0,3})\s+[a-z][^,;:]*$"
)
# (and a thing denied a link to the report's: "Nor is this activity connected to the Pegasus spyware, which other
# operators used against activists", "unrelated to X, which ...")
_OTHER_GROUP = compiled(
    r"\b(?:confused\s+with|mistaken\s+for|nor\s+with|unrelated\s+to)\b"
    r"|\b(?:not|nor)\b[^;,]{0,40}?\b(?:connected|related|linked|tied)\s+to\b",
    re.IGNORECASE,
)
# ...then a relative clause or an apposition about it ("SnatchCrypto, the name given to a campaign against ...").
_RELATIVE_AFTER = compiled(
    r"[^;]*?,\s*(?:which|who|whose|the\s+name|a\s+name)\b"
    r"(?![^;]*,\s*(?:this|that|these|the|it|its|we|our|they|their)\s)[^;]*$",
    re.IGNORECASE,
)
# A turn from the past to the report's own time within a sentence (", but this wave", "; this time", "whereas now").
_NOW_CONTRAST = compiled(
    r"(?:,\s*but|;\s*(?:but\s+)?|\bwhereas|,\s*while)\s+(?=(?:this|these|now|today|the\s+current|the\s+latest|the\s+new|in\s+this)\b)"
    # ", this wave hit", ", now sends": a comma turning to the report's own wave or to now; the comma that ends an
    # opening clause of contrast ("While the headlines were about Ukraine, this crew hit banks in Chile")
    r"|,\s+(?:and\s+)?(?=(?:this|the\s+current|the\s+latest|the\s+new)\s+(?:wave|campaign|operation|round|time|activity)\b|now\b)"
    r"|^\W*(?:while|although|though|whereas|unlike|in\s+contrast\s+to)\b[^,;]*,\s+",
    re.IGNORECASE,
)
# A relative clause saying that what the sentence tells goes on ("..., which continue in parallel", "that is still
# running").
_GOES_ON = compiled(
    r",\s*(?:which|that)\s+(?:(?:are|is|have|has)\s+)?(?:still\s+(?:active|running|going|under\s+way|ongoing)|"
    r"continues?|continuing|goes\s+on|go\s+on|remains?\s+active|ongoing)\b",
    re.IGNORECASE,
)
# A word of impersonation a few words before a name: the name is the persona of a lure ("mails impersonating
# hospitals in Spain", "posing as a journalist").
_IMPERSONATED = (
    r"\b(?:impersonat\w*|pos(?:e|es|ed|ing)\s+as|masquerad\w*\s+as|pretend\w*\s+to\s+be|disguised\s+as|spoof\w*|"
    r"imitat\w*|claim\w*\s+to\s+be|purport\w*\s+to\s+be|copied|in\s+the\s+name\s+of|on\s+behalf\s+of|"
    r"(?:supposedly|purportedly|allegedly|ostensibly|seemingly|apparently)\s+(?:from|sent\s+by|by)|"
    r"(?:claim\w*|appear\w*|seem\w*|pretend\w*)\s+to\s+come\s+from|"
    r"(?:fake|forged|bogus|counterfeit|phony|sham)(?:\s+[\w-]+){0,3}?\s+(?:from|by|of))"
    r"((?:\s+[\w'-]+,?){0,10}?)\s*$"
)


@cache
def _impersonated() -> GatedPattern:
    """`_IMPERSONATED`, compiled on first use behind its literal gate: searched (`$`-anchored, from every position)
    before each place and sector found, in text that mostly holds none of its words."""
    return GatedPattern(_IMPERSONATED, re.IGNORECASE)


_RELATIVE_AFTER_PLACE = compiled(
    r"(?:\s*(?:,\s*and|,|and|or)\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)*\s+(?P<word>whose|which|that|who)\b"
)


class TargetVetoes(PassingPlaces):
    """What keeps a place or a sector from being this report's target, asked once a rule has read it as one."""

    def _past_around(self, found: Found) -> bool:
        """The place's sentence speaks of the past before it or in its clause ("Years ago the group hit banks in
        Bangladesh"); not a clause after it ("a manufacturer in Germany, whose servers had been encrypted", with or
        without the comma), and not
        when a relative clause after it says the thing goes on ("earlier operations against India's defence
        ministry, which continue in parallel")."""
        position = found.in_sentence
        before = found.sentence[:position]
        # A contrast turns to the report's own time ("best known for its attacks on Ukraine, but this wave hit banks
        # in Chile"): the past before it does not reach the name.
        turns = list(_NOW_CONTRAST.finditer(before))
        if turns:
            before = before[turns[-1].end() :]
        clause = found.clause
        # A relative clause right after the place (and the places listed with it) tells the victims' own story ("a
        # freight forwarder in Belgium whose file servers had been encrypted", "hotels in Italy and Spain that reply to
        # threads taken from earlier compromised mailboxes"): not the past of the place. (Places only: a sector's
        # relative clause may tell how it came to serve the actor, "an account at a university that the group had
        # sprayed months earlier".)
        after = found.sentence[position + len(found.match.surface) :]
        relative = _RELATIVE_AFTER_PLACE.match(after[:300])
        place = any(n.cluster.kind == "location" for n in found.match.names)
        if place and relative and (cut := clause.find(after[relative.start("word") :][:40])) > 0:
            clause = clause[:cut]
        if not (self._past(before) or self._past(clause) or self._past(before, opener=bool(not turns))):
            return False
        return not _GOES_ON.search(found.sentence, position)

    def _past(self, text: str, opener: bool = False) -> bool:
        """`Asides.past` (or, with `opener`, its opener of the past), but the year just before the report's is the
        time of the campaign a report tells ("spent most of 2024 inside a ministry in Jordan", written in early 2025),
        not history, in a report of the first half of its year (`Asides.recent_since`): only an earlier year, or a
        word of the past, counts. Worked out once per text."""
        key = ("past", text, opener)
        past = self._text_answers.get(key)
        if past is None:
            past = self._text_answers[key] = self._work_out_past(text, opener)
        return past

    def _work_out_past(self, text: str, opener: bool) -> bool:
        since = self.asides.recent_since
        words = self.cues.historical_openers if opener else self.cues.historical
        # (An opener that tells the report's own finding, "the backdoor turned up on workstations of two embassies in
        # Baku", is no past for a place: galaxy_place_prose.)
        if any(
            not self.cues.recent.match(text, m.start()) and not (opener and own_finding(text, m.start(), m.end()))
            for m in words.finditer(text)
        ):
            return True
        # A span of years is dated by its last year ("Targets in 2024-2025", galaxy_place_prose).
        return since is not None and any(
            int(m.group(1)) < since and (span_end(text, m.end(1)) or 0) < since
            for m in self.cues.past_year.finditer(text)
        )

    def _other_groups(self, found: Found) -> bool:
        """The name stands in a relative clause about another group the sentence sets beside the report's ("It is
        not to be confused with Charming Kitten, which goes after journalists"; "unlike APT28, which hit ministries
        in Georgia"): that group's victims, not the report's."""
        before = found.text_before
        if background.other_actors_subject(before) and not _NOW_CONTRAST.search(before):
            return True
        cues = list(_OTHER_GROUP.finditer(before)) + list(self.cues.comparison.finditer(before))
        if any(_RELATIVE_AFTER.match(before, cue.end()) for cue in cues):
            return True
        # An apposition that profiles an actor by its record ("Mustang Panda, a China-based group that has spied on
        # governments"): background, not this report's victims.
        return bool(self.cues.actor_profile.search(before)) or self._another_actors_clause(before)

    def _another_actors_clause(self, before: str) -> bool:
        """The place stands in a relative clause whose subject is an actor the report's title does not name and
        another actor is named in more sentences than ("PlugX, the backdoor that Mustang Panda uses against Mongolian
        targets" in a report on Evasive Panda): that actor's victims. (Not the report's own actor: "The restaurant
        chains that FIN7 compromised are all in Canada".)"""
        clause = _RELATIVE_SUBJECT.search(before)
        if not clause:
            return False
        subject = clause["subject"]
        actors = [
            m for m in self.index.find(subject) if m.start == 0 and any(n.cluster.kind == "actor" for n in m.names)
        ]
        if not actors:
            return False
        named = actors[0].surface.lower()
        if named in (self.report.title or "").lower() or named in (self.report.actor or "").lower():
            return False
        counts = getattr(self, "actor_sentences", {})
        own = len(counts.get(named, ()))
        return any(len(sentences) > own for other, sentences in counts.items() if other != named)

    def _impersonated(self, found: Found) -> bool:
        """The name is what a lure posed as, a few words after a word of impersonation with no targeting word
        between ("webmail accounts that impersonate a colleague, a journalist or an organiser")."""
        before = found.text_before[-90:]
        cue = _impersonated().search(before)
        return bool(cue) and not self.cues.targeting.search(cue.group(1))

    def not_this_reports(self, found: Found) -> bool:
        """The sentence names the place or sector for something other than this report's victims: the subject's past
        or a side note (`galaxy_history`), or one of `names_others`' reasons."""
        return self.history.not_current(found) or self.names_others(found)

    def names_others(self, found: Found) -> bool:
        """The sentence names the place or sector for someone other than the victims: a machine's language, a place
        the sample spares or whose police acted (`galaxy_side_places`), a wrong lead, figures of the whole field, the
        police at work, the report's readers or a product's users, attacks only called for, a victim's machine
        taken over as the actor's infrastructure (`galaxy_background`). Unlike the past, no count of the report's
        victims in the sentence makes these about the victims (galaxy_victim_regions)."""
        position = found.in_sentence
        before = found.sentence[:position]
        after = found.sentence[position + len(found.match.surface) :]
        acts = background.pattern("enforcement_acts")
        return (
            history.language(found)
            # A place the sample spares or names as a machine's language, or whose police acted (galaxy_side_places).
            or side_places.side_place(
                self._sentence_before_list(before), found.following(80), self.cues.targeting, acts
            )
            or side_places.enforcer_agent(before, found.match.surface, acts, background.pattern("enforcers"))
            or background.misattributed(found.clause)
            or background.field_figures(found.sentence)
            or background.called_for(before)
            or background.hijacked_for(after)
            or (
                background.audience(found.sentence, re.split(CLAUSE_MARKS, before)[-1])
                or background.enforcers(before, found.match.surface, after, self.cues.targeting)
            )
        )
