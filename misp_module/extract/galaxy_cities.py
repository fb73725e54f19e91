"""Large cities as their country's names (countries.yaml `cities`): "a freight company based in Lyon" names France
only where the report names France itself elsewhere too. A city alone is as often the vendor's, a conference's, a
person's ("Sydney") or a namesake's as the victims'; the country named too says the report is about that country, and
the city then tells where its victims are. A city alone that the place rules read as a victim's place ("a property
management company in Brisbane received the invoice"), past their vetoes of offices, events and infrastructure, names
its country as a target: reports that keep victims anonymous often give only their city. A city that opens the name of
one of its own bodies ("the Minneapolis Public School District", `city_body`) is that body's seat, where a place
before another capitalised word is otherwise read as part of another proper name ("Sydney Sweeney", "Boston
Scientific")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.galaxies import Cluster
from ..knowledge.regex_cache import compiled
from .galaxy_places import Found
from .galaxy_target_context import TARGETS


@cache
def _city_forms() -> frozenset[str]:
    cities = load_data("countries.yaml").get("cities", {}) or {}
    return frozenset(form.casefold() for forms in cities.values() for form in forms)


def cities_alone(found: Iterable[Cluster], founds: Iterable[Found]) -> set[Cluster]:
    """The country clusters the report reaches only through the names of its cities."""
    by_city: set[Cluster] = set()
    otherwise: set[Cluster] = set()
    for place in founds:
        named = by_city if is_city(place) else otherwise
        named.update(n.cluster for n in place.match.names if n.cluster.galaxy == "country")
    return {c for c in found if c in by_city and c not in otherwise}


def untargeted_cities(alone: set[Cluster], found: Mapping[Cluster, str]) -> set[Cluster]:
    """The countries of `alone` (reached only through their cities) that no city names as a victim's place: no
    tag."""
    return {c for c in alone & found.keys() if found[c] != TARGETS}


def is_city(place: Found) -> bool:
    """The match is a city's name (countries.yaml `cities`)."""
    return place.match.surface.casefold() in _city_forms()


# The capitalised words right after a city, as one organisation's name writes them ("Children's", "(MPS)").
_NAME_WORDS = compiled(r"(?:[ \t]+(?:[A-Z][\w']*|\([A-Z]{2,}\)))+")


@cache
def _body_heads() -> frozenset[str]:
    return frozenset(load_data("countries.yaml").get("city_bodies", ()) or ())


def city_body(found: Found) -> bool:
    """The city opens the name of one of its own bodies (countries.yaml `city_bodies`: "Minneapolis Public School
    District", "Boston Children's Health Physicians"): the body is there, so the city is a place the place rules read,
    not part of a person's, a team's or a company's name ("Sydney Sweeney", "Chicago Bulls", "Boston Scientific")."""
    if not is_city(found):
        return False
    words = _NAME_WORDS.match(found.following(60))
    return bool(words) and any(word in _body_heads() for word in re.findall(r"[A-Za-z]+", words.group()[:50])[:4])
