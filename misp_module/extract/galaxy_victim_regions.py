"""Regions a report names that hold its victims: "the group has worked across the Middle East for years" in a report
whose victims are in Iraq and Turkey. The countries the report targets say the region is about its victims, wherever
the region is written as a place in the report's own text (a background paragraph, a lure's geofence: "visitors from
outside North America got an empty page"); a region holding none of them stays a passing mention ("organisations in
Asia and Europe" with victims in Vietnam only: Asia, not Europe).

A region's adjective ("European business hours", "an Eastern European pipeline project") qualifies the noun after it:
the location rules judge whether that noun is victims, not this one. In a sentence about the past ("its 2019
operations across the Middle East and North Africa") the region needs two of the report's victim countries: a past
campaign names many places, and one country in common is no sign the region is about this report's victims."""

from __future__ import annotations

from collections.abc import Iterable

from ..knowledge.galaxies import Cluster
from ..knowledge.regions import countries_by_region
from . import galaxy_place_senses as senses
from .galaxy_places import PROSE, Found
from .galaxy_roles import Reader
from .galaxy_targets import TARGETS

# The endings of a region's adjective ("European", "Middle Eastern", "Latin American", "Asian").
_ADJECTIVE_ENDINGS = ("an", "ern")


def victims_regions(found: dict[Cluster, str], founds: Iterable[Found], reader: Reader) -> list[Cluster]:
    """The region clusters named as places in the report's prose that hold a country the report targets (two in a
    sentence about the past), and that are not already tagged. Not where the place rules count no place at all: part
    of another proper name ("European Commission"), said to be no target, or where infrastructure, an office, a CERT
    or survey respondents are ("our offices across Europe", "servers across Western Europe"), nor where the sentence
    names it for something other than the victims ("taken down by police in the United States and Europe")."""
    asides = reader.asides
    targeted = {c.value for c, r in found.items() if c.galaxy == "country" and r == TARGETS}
    if not targeted:
        return []
    members = countries_by_region()
    # In the order the report names them, not a set's: the event's tags must come out the same on every run.
    regions: dict[Cluster, None] = {}
    for place in founds:
        if place.place != PROSE or place.match.surface.lower().endswith(_ADJECTIVE_ENDINGS):
            continue
        for name in place.match.names:
            cluster = name.cluster
            if cluster.galaxy != "region" or cluster in found or cluster in regions or cluster in asides.not_targets:
                continue
            held = len(members.get(cluster.value, frozenset()) & targeted)
            if (
                held
                and (held > 1 or not asides.past(place.sentence))
                and reader.relationship(name, place) is not None
                # Named for something other than the victims: the police of a takedown, a spared language, a side note,
                # a war's side or a journalist's beat ("a reporter who covers the Middle East": galaxy_place_senses).
                and not reader.names_others(place)
                and not senses.not_victims_place(place)
            ):
                regions[cluster] = None
    return list(regions)
