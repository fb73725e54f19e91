"""Why a software or actor name is set aside where it is written (the aside rules of docs/galaxy-roles.md): not the
report's there at all (DENIED; NOT_HERE: asked, advice, kept apart, another thing), or the right cluster named in
passing (PASSING: compared, named for the past, a reading item, another user of the software, a kin group). `Reader`
(galaxy_roles) drops both from the tags; it records the second for the event report's list of clusters named in
passing (galaxy_mentions)."""

from __future__ import annotations

from typing import Any

from ..knowledge.galaxies import GalaxyIndex
from ..read.report import Report
from . import galaxy_evidence as evidence
from .galaxy_actor_prose import attribution_before
from .galaxy_asides import Asides, record_cut
from .galaxy_cues import Cues
from .galaxy_history import History
from .galaxy_namings import SubjectActor
from .galaxy_other_users import other_user, related_actor
from .galaxy_places import Found
from .galaxy_software_asides import aside as software_aside
from .galaxy_software_asides import in_passing as software_in_passing
from .galaxy_stance import no_bearing, rejected_claim, tracked_apart

# Why a name is set aside where it is written; a DENIED actor or software (in a denial: "no sign of Emotet") is never
# listed, wherever else the report names it.
NOT_HERE, PASSING, DENIED = "not here", "passing", "denied"


def note_passing(passing: dict[tuple[str, int], set[Any]], cluster: Any, found: Found) -> None:
    """Note a cluster named in passing at `found`, by its galaxy and place: the clusters of one galaxy that one name
    could mean are told apart afterwards, as those of a counted name are (galaxy_mentions)."""
    passing.setdefault((cluster.galaxy, found.match.start), set()).add(cluster)


def _own_clauses(found: Found) -> str:
    """The name's sentence between the semicolons around it: a clause after a semicolon tells its own time ("X crews
    have used forged bank letters for years; in earlier periods they relied on keyloggers" is X's present)."""
    start = found.sentence.rfind(";", 0, found.in_sentence) + 1
    end = found.sentence.find(";", found.in_sentence)
    return found.sentence[start : end if end >= 0 else len(found.sentence)]


class SetAsideReadings:
    """The aside readings of software and actor names; mixed into `Reader`, whose state (asides, history, the page's
    subject actor) they read."""

    report: Report
    cues: Cues
    index: GalaxyIndex
    asides: Asides
    history: History
    subject_actor: SubjectActor

    def _software_aside(self, found: Found) -> str:
        """Whether the software named at `found` is set aside there: DENIED, NOT_HERE (advice, asked, another thing),
        PASSING (the family named for the past, compared, in a reading item, as another user's: listed in the event
        report, galaxy_mentions), or '' when it counts."""
        role = found.part.role
        if self.asides.denied(found):
            return DENIED
        if (
            role == "mitigations"
            or self.asides.asked(found)
            or self.asides.cleared_after(found)
            or self.history.vendor(found)
            # Said to have no bearing on the case (galaxy_stance).
            or no_bearing(found)
        ):
            return NOT_HERE
        if software_aside(found):
            return PASSING if software_in_passing(found) else NOT_HERE
        return (
            PASSING
            if (
                self.asides.past(record_cut(found))
                or self.asides.past_before(found, self.report.title)
                or self.asides.compared(found, False)
                or self.asides.ancestry(found)
                or self.history.aside(found)
                # Named as another user of the software the report is about ("a tool also used by Conti").
                or other_user(found)
            )
            else ""
        )

    def _actor_aside(self, found: Found, answers: dict[object, Any]) -> str:
        """Whether the actor named at `found` is set aside there: DENIED, NOT_HERE (asked, kept apart, cleared, a
        product or a person), PASSING (compared, named for the past, another user of the software, a kin group:
        listed in the event report, galaxy_mentions), or '' when it counts."""
        role = found.part.role
        if self.asides.denied(found):
            return DENIED
        if role == "mitigations" or evidence.surname(found, self.cues, self.index):
            return NOT_HERE
        if role == "heading":
            return ""
        if (
            self.asides.asked(found)
            # Others' claim that the next sentence clears ("Commentators linked this activity to Volt Typhoon. The
            # similarity ends there: Volt Typhoon builds botnets ...").
            or self.asides.cleared_after(found)
            # Kept apart by the writer ("we track them separately"), or in others' claim that the next sentence
            # rejects ("some commentators call it X. We do not share that view."), or said to have no bearing on the
            # case ("the Hellsing group ... has no bearing on this campaign": galaxy_stance).
            or tracked_apart(found)
            or rejected_claim(found)
            or no_bearing(found)
            # A name the report writes as a product elsewhere still names the actor next to a word of its kind.
            or (self.asides.other_thing(found) and not self._near(found, "actor", answers))
        ):
            return NOT_HERE
        return (
            PASSING
            # (The writer's attribution in the present, before the name, is today's: only its words before the name
            # can set it in the past, galaxy_actor_prose.) Named as another user of the software the report is about
            # or as a kin group the report's shares code with (galaxy_other_users).
            if self.asides.compared(found, True) or self._actor_past(found) or other_user(found) or related_actor(found)
            else ""
        )

    def _actor_past(self, found: Found) -> bool:
        """The actor is named for the past, in an earlier publication or a side note ("our earlier advisory on
        APT28"), or only in a section about the subject's past (a comparison or a neighbour of its record); not the
        page's subject actor, whose record it tells (galaxy_namings)."""
        return bool(
            (
                self.asides.past(attribution_before(found) or _own_clauses(found))
                or self.history.aside(found)
                or self.history.other_actor_in_past(found)
            )
            and not self.subject_actor.subject(found)
        )
