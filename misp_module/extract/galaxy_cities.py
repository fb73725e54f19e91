"""Large cities as their country's names (countries.yaml `cities`): "a freight company based in Lyon" names France
only where the report names France itself elsewhere too. A city alone is as often the vendor's, a conference's, a
person's ("Sydney") or a namesake's as the victims'; the country named too says the report is about that country, and
the city then tells where its victims are. A city alone that the place rules read as a victim's place ("a property
management company in Brisbane received the invoice"), past their vetoes of offices, events and infrastructure, names
its country as a target: reports that keep victims anonymous often give only their city."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.galaxies import Cluster
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
