"""The sector rules of docs/galaxy-roles.md: whether a sector word a report writes names its victims' sector
(`targets`) or something else (an adjective of a thing, a product's name, the field of people, an author of a
warning)."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from ..knowledge.regex_cache import compiled
from . import galaxy_evidence as evidence
from . import galaxy_history as history
from .galaxy_labelled_lists import SECTORS, labelled_list
from .galaxy_organisation_names import in_organisation_name
from .galaxy_place_roles import sector_role
from .galaxy_place_scope import governing_clause
from .galaxy_places import VICTIM_DESCRIPTION, VICTIM_SECTOR, Found
from .galaxy_ranked_sectors import ranked_sector
from .galaxy_sector_addressees import warned_addressee
from .galaxy_sector_assets import incident_named_after, own_assets_hit
from .galaxy_sector_items import victim_item
from .galaxy_sector_lists import SectorLists
from .galaxy_sector_scenes import scene_of_attack
from .galaxy_sector_senses import actors_side, not_victims_sector
from .galaxy_sector_sources import source_of_story
from .galaxy_sector_victims import item_cues, victim_cues
from .galaxy_set_asides import note_passing
from .galaxy_target_context import _NEXT_TWO_WORDS, _WORDS_AFTER, TARGETS

# A maker and "of", then up to two words, right before a sector word (`_made_goods`).
_MAKERS_OF = compiled(
    r"\b(?:makers?|manufacturers?|producers?|suppliers?|vendors?|builders?)\s+of\s+(?:(?:the|a|an)\s+)?"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# The word written right before a name, joined to it by a space or a hyphen ("ransom payment").
_WORD_JOINED_BEFORE = compiled(r"(\w+)[ -]$")
# From a sector to the place of its victims: the rest of a short list of victim nouns, then "in" ("think tanks
# and universities in ", "rail operators in southern ").
_SECTOR_LIST_IN = compiled(
    r"(?:[\s,]+[a-z][\w-]*){0,4}\s+(?:in|across|throughout)\s+(?:the\s+)?"
    r"(?:(?:northern|southern|eastern|western|central|north-\w+|south-\w+|rural|coastal)\s+)?"
)
# An infinitive between a sector's list and the place after it: the place is its object's ("ISPs to target
# individuals in", "banks used to pay mules in").
_VERB_BETWEEN = compiled(r"\bto\s+[a-z]")
# A heading that asks why the victims were in a sector ("Why education?", "Why target hospitals?"): the section
# discusses the victims' sector.
_WHY_SECTOR = compiled(r"why\s+(?:(?:the|target|targeting|attack|attacking|hit)\s+)?[\w ,&-]{2,40}\?", re.IGNORECASE)
# A sector word glued by a hyphen to a lower-case word makes an adjective ("government-themed lures", "energy-related
# documents", "health-check endpoint"), not a victim; unless it or the word after it is a noun of victims
# ("automotive-parts suppliers").
_GLUED_ADJECTIVE = compiled(r"-([a-z][\w-]*)(?:\s+([a-z]+))?")
# "whose" and at most one word right before a word of websites ("newspapers whose websites", "whose own sites").
_WHOSE_BEFORE = compiled(r"\bwhose\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


class SectorRules(SectorLists):
    """The role of a sector word: `_sector`, and the readings only sectors need."""

    def _sector(self, found: Found) -> str | None:
        """The word's own reading; or, where it has none, its list's (`_list_mate_targeted`): a member of a list of
        sector words takes the role its list plays ("targeting high-profile government and military personnel",
        "firms in the engineering, chemical, research and healthcare sectors"), whatever the member's own form."""
        own = self._own_sector(found)
        if own is None and self._list_mate_targeted(found):
            return TARGETS
        return own

    def _list_mate_targeted(self, found: Found) -> bool:
        """Another sector word of the word's list (galaxy_sector_lists) is read as a victim on its own, and nothing
        sets this one aside: a word of a sense of its own (a verb, a supplier, a department, a speaker, a bare word)
        or a veto of `_set_aside`."""
        start, end = self._list_start(found), self._list_end(found)
        if (start, end) == (found.match.start, found.match.end) or found.place != "prose":
            return False
        # The mates by bisection of the sorted starts (in the order `sector_founds` holds them: the matches come in
        # text order), not a pass over every sector word of the page per word: quadratic on a long page.
        starts = self.sector_starts
        window = starts[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
        mates = [self.sector_founds[at] for at in dict.fromkeys(window) if at != found.match.start]
        if not any(self._own_sector_at(mate) == TARGETS for mate in mates):
            return False
        return not (
            found.match.surface.lower() in self.cues.sector_bare_words
            or self._verb_reading(found)
            or self._third_party(found)
            or self._department(found)
            or in_organisation_name(found)
            or self._speaks(found)
            or self._after_other_word(found)
            or self._set_aside(found)
        )

    def _after_other_word(self, found: Found) -> bool:
        """The word right before the sector word makes it something else (sectors.yaml `not_after`: "a ransom
        payment", "social engineering", "their finance team")."""
        return self._word_before(found) in self.cues.sector_not_after

    @staticmethod
    def _word_before(found: Found) -> str:
        """The lower-case word joined to the sector word by a space or a hyphen right before it; "" for none."""
        joined = _WORD_JOINED_BEFORE.search(found.part.text, max(0, found.offset_in_part - 30), found.offset_in_part)
        return joined.group(1).lower() if joined else ""

    @staticmethod
    def _word_after(found: Found) -> str:
        """The lower-case word right after the sector word and a space; "" for none."""
        head = _NEXT_TWO_WORDS.match(found.following(30))
        return head.group(1).lower() if head and found.following(1) == " " else ""

    def _own_sector_at(self, found: Found) -> str | None:
        """`_own_sector`, remembered per position: each word of a list asks its mates."""
        key = ("own sector", found.match.start)
        if key not in self._text_answers:
            self._text_answers[key] = self._own_sector(found)
        return self._text_answers[key]

    def _own_sector(self, found: Found) -> str | None:
        """The role the sector word's own reading gives it (see the module's docstring): a cell of a Victims table's
        Sector column names the victims' sector, a victim's description its kind, a word of prose what
        `_prose_sector` reads."""
        if found.place in (VICTIM_SECTOR, VICTIM_DESCRIPTION) and self._past_row(found):
            return None
        if found.place == VICTIM_SECTOR:
            return TARGETS
        if (
            self._verb_reading(found)
            or self._third_party(found)
            or self._department(found)
            or self._maker_clause(found) is False
            # ...or a field word of an organisation's name ("the Harare Institute of Technology")
            or in_organisation_name(found)
        ):
            return None
        if found.place == VICTIM_DESCRIPTION:
            return None if self._field_of_people_or_thing(found) else TARGETS
        if found.place != "prose" or self._qualifies_other_noun(found):
            return None
        return self._prose_sector(found)

    def _field_of_people_or_thing(self, found: Found) -> bool:
        """In a victim's description, the word names the field of people ("engineering students") or of a thing
        ("banking app"), not the victim's kind."""
        after = self._word_after(found)
        return bool(after) and (
            after in self.cues.sector_people
            or (evidence.modifies_another_noun(found, self.cues) and not self._stacked_field(found))
        )

    def _qualifies_other_noun(self, found: Found) -> bool:
        """Outside Targeting, the word is an adjective: glued by a hyphen ("government-themed lures"), or a singular
        before another noun that none of the victim readings of such a noun claims ("banking malware"); not the goods
        of a maker, nor "<sector> of", nor a maker's clause."""
        return (
            found.part.role != "targeting"
            and (
                self._glued_adjective(found)
                or (
                    not self._plural_noun(found)
                    and evidence.modifies_another_noun(found, self.cues)
                    and not self._subject_of_verb(found)
                    and not self._stacked_field(found)
                    and not self._ranked(found)
                    and not self._victims_own_service(found)
                    and not self._own_assets_hit(found)
                    and not self._incident_named(found)
                )
            )
            and not self._made_goods(found)
            and not found.match.surface.lower().endswith(" of")
            and self._maker_clause(found) is None
        )

    def _prose_sector(self, found: Found) -> str | None:
        """A word of prose: in Targeting, a victim unless another sense or a word around sets it aside; elsewhere,
        only in a report without Targeting, where one of the victim readings (`_read_as_victim`) holds and no veto
        (`_set_aside`) takes it back."""
        part = found.part
        span = part.sectors_span if part.role == "targeting" else None
        if span is not None and span[0] <= found.offset_in_part < span[1]:
            # The Sectors line of Targeting is a list of sectors: every word there names one ("Defense, Research").
            return TARGETS
        surface = found.match.surface.lower()
        if surface in self.cues.sector_bare_words or self._speaks(found):
            return None
        if surface in self.cues.sector_organisations_only and self._people_after(found):
            return None
        if self._head_only(surface) and not (
            self._before_victim_noun(
                self.report.text[found.match.end : self._list_end(found)], self._after_list(found, 60)
            )
            or self._stacked_field(found)
            or self._ranked(found)
            or self._in_field_list(found, self._list_start(found), self._list_end(found))
        ):
            return None
        before = self._word_before(found)
        if before in self.cues.sector_not_after or self._product_name(found, before):
            return None
        if part.role == "targeting":
            return TARGETS if part.sectors_span is None else None
        if self.has_targeting:
            return None
        if _WHY_SECTOR.fullmatch(found.sentence.strip()):
            return TARGETS
        if not self._read_as_victim(found):
            return None
        if self._set_aside(found):
            if not self._not_victims(found):
                # Victims of the past, of other actors or of another incident: the sector named in passing
                # (galaxy_mentions).
                for name in found.match.names:
                    if name.cluster.kind == "sector":
                        note_passing(self.passing, name.cluster, found)
            return None
        return TARGETS

    def _read_as_victim(self, found: Found) -> bool:
        """The readings of a report without Targeting that make a sector word of prose its victims' sector, in the
        order they are asked: a targeting word around it, a list placed in a country, a victim section, an act done
        to it, a labelled list, ..."""
        return (
            self._after_targeting_cue(found)
            or self._victims_in_place(found)
            or self._targeted_after(found)
            or bool(self.cues.targeted_after.match(self._after_list(found, 120).split("\n\n", 1)[0]))
            or self._spread_over_sectors(found)
            or self._victims_apposition(found)
            or self._one_of_the_victims(found)
            or self._victim_section(found)
            or self._done_to(found)
            or self._scene(found)
            or self._named_victims(found, self._list_position(found))
            or self._victim_item(found)
            or self._own_sites_disrupted(found, self._list_start(found), self._list_end(found))
            or self._own_assets_hit(found)
            or self._incident_named(found)
            or self._warned(found)
            or self._ranked(found)
            or self._victims_own_service(found)
            or self._labelled(found)
        )

    def _set_aside(self, found: Found) -> bool:
        """The readings that take a sector word read as a victim back: denied, past, another group's, impersonated,
        a host of the payload, a survey's sample, a source of the story, the actor's own side (the sector rules'
        vetoes; asked of a word read as a victim itself or by its list, `_sector`)."""
        return bool(
            self._past_around(found)
            or self._other_groups(found)
            or self._survey_sample(found)
            or self.not_this_reports(found)
            or self._habitual(found)
            or self._not_victims(found)
        )

    def _not_victims(self, found: Found) -> bool:
        """Of `_set_aside`'s readings, those that make the word no victims' at all (denied, impersonated, a host, a
        source of the story, the actor's side...), where the others (the past, a crew's habit, other groups, a survey,
        another incident) tell victims that are not this report's."""
        return bool(
            self._denied(found)
            or self._impersonated(found)
            or self.asides.in_separating_sentence(found)
            or self._owns_delivery_sites(found)
            or self._sites_as_hosts(found, self._list_end(found))
            or self._victims_customers(found, self._list_position(found))
            or self._brand_copied(found)
            or self._hosts_infrastructure(found)
            or self._owners_partner(found)
            or not_victims_sector(found, self._list_start(found))
            # a source of the story: a speaker, the money's recipient, a bank's name, the actor's owner
            or source_of_story(found, self._list_start(found))
            or actors_side(found, self._list_start(found), self.cues.targeting)
            # an authority told of the crime or acting, the bank that received the money (galaxy_place_roles)
            or sector_role(found.match.surface, found.sentence[: found.in_sentence], found.following(100))
        )

    def _labelled(self, found: Found) -> bool:
        """The sector's list is labelled by its kind in the report's account of the subject's activity, whatever the
        verb (galaxy_labelled_lists): "a specific focus on sectors crucial to daily life - government, healthcare"."""
        position = self._list_position(found)
        start = found.part.offset + found.sentence_start
        names_subject = bool(self.sentence_software.get((found.part.offset, found.sentence_start))) or any(
            start <= s < start + position for s in self.actor_starts
        )
        return labelled_list(found.sentence[:position], SECTORS, names_subject)

    def _people_after(self, found: Found) -> bool:
        """A noun of people right after the sector word ("research students"): they do the field's work."""
        return self._word_after(found) in self.cues.sector_people

    def _denied(self, found: Found) -> bool:
        """A negation in the words of the sector's clause that govern it (galaxy_place_scope, as for places): not one
        inside a relative clause about somebody else further on ("a retailer and an insurance brokerage have become
        the latest companies to lose their customer data to a group that does not bother with malware")."""
        clause = governing_clause(found)
        return self.asides.denied(found if clause == found.clause else replace(found, clause=clause))

    def _ranked(self, found: Found) -> bool:
        """A landscape report ranks the sector by its victims (galaxy_ranked_sectors): "Financial services remained
        second", "Retail, manufacturing and healthcare completed the top five"; the word is a noun there, its list the
        ranking's subject. Asked up to three times per word: the answer is remembered per position."""
        key = ("ranked", found.match.start)
        known = self._text_answers.get(key)
        if known is None:
            after = self._after_list(found, 160)
            known = self._text_answers[key] = ranked_sector(found, self._list_start(found), after)
        return known

    def _victim_item(self, found: Found) -> bool:
        """The sector's list heads an item of a list of victims (galaxy_sector_items): "The victims were:" over "- a
        poultry processor in Jutland, Denmark"."""
        return victim_item(found, self._list_start(found), item_cues(self.cues.targeting))

    def _scene(self, found: Found) -> bool:
        """The sentence opens on the sector's organisation as the scene of its attack (galaxy_sector_scenes): "At a
        Saudi petrochemical plant in 2017, an attacker targeted the safety controllers"."""
        start = self._list_position(found)
        end = start + self._list_end(found) - self._list_start(found)
        return scene_of_attack(found, start, end, self.cues.targeting, victim_cues().before)

    def _subject_of_verb(self, found: Found) -> bool:
        """A singular sector noun before a verb is its subject, no qualifier of a noun: where the verb says what the
        organisation is ("a charity working in Syria"), or what it did and the intrusion was done to it (`_done_to`:
        "In one case, a law firm discovered the intrusion"; not "the team at a university hospital shared the logs")."""
        verb = self._verb_follows(found)
        return verb == "describes" or (verb == "acts" and self._done_to(found))

    def _done_to(self, found: Found) -> bool:
        """The intrusion was done to the sector's organisations, in the words of galaxy_sector_victims: a verb before
        its list ("called in by", "extorted", "stole ... from") or after it ("paid the ransom", "lost access to"), or
        its systems the intruder was on ("a law firm's network")."""
        after = self._after_list(found, 160)
        return (
            self._victim_verb_before(found, self._list_position(found))
            or (self._victim_after(found, after) and not self._researchers_employer(found, self._list_position(found)))
            or self._owns_the_systems(found, after)
        )

    def _own_assets_hit(self, found: Found) -> bool:
        """The sector's organisations own the websites, networks or data its clause's incident hit, whatever the verb
        (galaxy_sector_assets): "the websites of multiple hospitals were defaced", "defaced ministry pages"."""
        start = found.part.offset + found.sentence_start
        return own_assets_hit(
            self.report.text, start, start + len(found.sentence), self._list_start(found), self._list_end(found)
        )

    def _incident_named(self, found: Found) -> bool:
        """A noun of the incident right after the sector's list names its victim (galaxy_sector_assets): "Hospital
        Ransom Attack in the US Claimed by Rhysida", "the university data breach"."""
        sectors = {n.cluster.value for n in found.match.names}
        return incident_named_after(self.report.text, self._list_end(found), sectors)

    def _warned(self, found: Found) -> bool:
        """The sector's list is the addressee of a warning about the threat, told to act (galaxy_sector_addressees):
        "issued a warning to hospitals this week, urging them to patch", "mandating federal agencies to disconnect"."""
        start = self._list_position(found)
        return warned_addressee(found.sentence, start, start + self._list_end(found) - self._list_start(found))

    def _made_goods(self, found: Found) -> bool:
        """The sector word names goods its makers make (`made_goods`), right after a maker and "of" ("manufacturers of
        electronic components", "a supplier of high-end semiconductor equipment"): the makers' industry."""
        if not any(n.cluster.value in self.cues.made_goods for n in found.match.names):
            return False
        return bool(_MAKERS_OF.search(found.sentence, 0, found.in_sentence))

    def _glued_adjective(self, found: Found) -> bool:
        """The sector word is glued by a hyphen to a word that makes it an adjective of a thing, not of victims
        ("government-themed lures"; not "automotive-parts suppliers")."""
        glued = _GLUED_ADJECTIVE.match(found.following(40))
        return bool(glued) and not ({glued.group(1), glued.group(2)} & self.cues.sector_heads)

    def _plural_noun(self, found: Found) -> bool:
        """The sector is written as a plural noun ("The targeted substations supply two million people"): a noun
        after it is no noun it qualifies (English qualifies with the singular: "banking malware", "IT tools")."""
        last = found.match.surface.split()[-1].lower()
        return (
            len(last) > 3
            and last.endswith("s")
            and not last.endswith(("ss", "us", "is"))
            and last not in self.cues.sector_not_plurals
        )

    def _product_name(self, found: Found, before: str) -> bool:
        """A capitalised sector word in a product's name: before a product word ("Harbor Telecom Shield", "our
        Government Cloud") or right after "our" (`before`, `_word_before`)."""
        if not found.match.surface[:1].isupper():
            return False
        following = _WORDS_AFTER.match(found.following(30).lstrip(" "))
        if following and found.following(1) == " " and following.group() in self.cues.product_words:
            return True
        return before == "our"

    def _victims_in_place(self, found: Found) -> bool:
        """The sector is where a list of victims is placed: "think tanks and universities in South Korea", "banks
        in Spain" (the same words that make the place a target, see `_where_victims_are`). Not a word that names
        victims only under a targeting word (`not_placed`: "A ministry in Lima warned citizens")."""
        if found.match.surface.lower() in victim_cues().not_placed:
            return False
        end = self._list_end(found)
        index = bisect.bisect_left(self.places, (end, 0))
        if index >= len(self.places) or self.places[index][0] - end > 60:
            return False
        between = self.report.text[end : self.places[index][0]]
        if "\n\n" in between or self._hosts(found) or self._where_infrastructure_is(found) or self._advice(found):
            return False
        # A verb between the list and the place has victims of its own there: the sector is its means or its subject
        # ("abusing access to ISPs to target individuals in Moscow", "banks used to pay mules in Spain").
        if _VERB_BETWEEN.search(between) or self.cues.targeting.search(between):
            return False
        # A language is no place ("its forum advertising was in Russian").
        if history.language_at(self.report.text, *self.places[index]):
            return False
        # The websites of the sector's organisations delivered the payload to others: they were no victims there.
        before = found.sentence[
            max(found.offset_in_part - found.sentence_start - 100, 0) : found.offset_in_part - found.sentence_start
        ]
        return bool(_SECTOR_LIST_IN.fullmatch(between)) and not self._delivery_sites(before)

    def _delivery_sites(self, before: str) -> bool:
        """Words of websites before the sector (`site_words`) that the attacker used, not took down: no flood or
        defacement (`site_disruption`) in the 30 characters before them."""
        sites = self.cues.sector_sites.search(before)
        return bool(sites) and not self.cues.site_disruption.search(before, max(0, sites.start() - 30), sites.start())

    def _owns_delivery_sites(self, found: Found) -> bool:
        """The sector's organisations own the websites that served the payload, said right after it ("newspapers
        whose websites served the script were victims too, but of a different kind"): no target of the report."""
        position = found.in_sentence + len(found.match.surface)
        after = found.sentence[position : position + 60]
        sites = self.cues.sector_sites.search(after)
        return bool(sites) and bool(_WHOSE_BEFORE.search(after, 0, sites.start()))

    def _victim_section(self, found: Found) -> bool:
        """In a free-form report, the name stands in a section whose short heading is about the victims
        ("Victimology", "Who was hit", "Targets and scope"): its sentences describe the victims as a Targeting section
        does (not "Inside the victim's network", the victim's own things)."""
        heading = found.part.heading
        if not heading or len(_WORDS_AFTER.findall(heading)) > 5 or "’" in heading or "'" in heading:
            return False
        # (the report's title is no section heading: the whole report sits under it)
        if heading == self.report.title or not self.cues.victim_heading.search(heading) or self._advice(found):
            return False
        # Not a statement that denies, up to a semicolon ("None of the targets were in the energy sector; all were
        # think tanks", "a few universities received the e-mails but did not run the installer").
        position = found.in_sentence
        start = found.sentence.rfind(";", 0, position) + 1
        end = found.sentence.find(";", position)
        statement = found.sentence[start : end if end >= 0 else len(found.sentence)]
        return not (
            self.cues.negation.search(statement) or self.cues.negation_before.search(found.sentence, start, position)
        )
