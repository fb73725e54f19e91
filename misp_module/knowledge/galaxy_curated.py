"""The names our YAML adds to three galaxies, in place of the galaxy's own: countries (names, abbreviations,
display names, names that need context) from countries.yaml, regions from the same file, sectors' phrasings and
excluded sectors from sectors.yaml.

Apart from the galaxy names' rules (galaxy_names.py) because this is our curated data, read once per galaxy,
not rules applied to the galaxies' JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .data import load_data


@dataclass(frozen=True)
class CuratedNames:
    """Names our YAML adds to a galaxy (countries, regions, sectors)."""

    enabled: bool = False
    names: dict[str, tuple[str, ...]] | None = None
    abbreviations: dict[str, tuple[str, ...]] | None = None
    display: dict[str, str] | None = None
    context_only: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()
    # Misspellings that name another thing too ("Columbia"): matched as context-only names of their country.
    variants: dict[str, tuple[str, ...]] | None = None


_LOWER_WORDS = {"of", "and", "the", "da", "de", "du", "la", "le", "et"}


def title_case(value: str) -> str:
    """'bosnia and herzegovina' → 'Bosnia and Herzegovina'."""
    return " ".join(w if w in _LOWER_WORDS else w[:1].upper() + w[1:] for w in value.split())


@cache
def curated_names(galaxy: str) -> CuratedNames:
    """The names our YAML gives one galaxy; for a galaxy it has none for, `enabled` is false: its own names count."""
    if galaxy == "country":
        data = load_data("countries.yaml")
        countries = data.get("countries", {}) or {}
        # A state or province names its country as the country's other names do (countries.yaml `subdivisions`).
        parts = data.get("subdivisions", {}) or {}
        # ...and so does a large city, counted only where the report names the country too (extract/galaxy_cities).
        cities = data.get("cities", {}) or {}
        # ...and so do its people in the plural ("three Ukrainians"), read by the place rules as its demonym.
        peoples = data.get("peoples", {}) or {}
        return CuratedNames(
            enabled=True,
            names={
                k: (*v.get("names", ()), *parts.get(k, ()), *cities.get(k, ()), *peoples.get(k, ()))
                for k, v in countries.items()
            },
            abbreviations={k: tuple(v.get("abbreviations", ())) for k, v in countries.items()},
            display={k: v["display"] for k, v in countries.items() if v.get("display")},
            context_only=frozenset(k for k, v in countries.items() if v.get("context_only")),
            variants={k: tuple(v["variants"]) for k, v in countries.items() if v.get("variants")},
        )
    if galaxy == "region":
        regions = load_data("countries.yaml").get("regions", {}) or {}
        return CuratedNames(enabled=True, names={k: tuple(v) for k, v in regions.items()}, abbreviations={}, display={})
    if galaxy == "sector":
        sectors = load_data("sectors.yaml")
        # The phrasings, the victims as incident reports describe them, and the field words (read before a noun
        # of victims only, galaxy_sector_rules) are all names of their sector.
        names: dict[str, tuple[str, ...]] = {}
        for key in ("phrasings", "victim_phrasings", "industry_phrasings", "field_words"):
            for value, forms in (sectors.get(key) or {}).items():
                names[value] = (*names.get(value, ()), *(forms or ()))
        return CuratedNames(
            enabled=True,
            names=names,
            abbreviations={},
            display={},
            excluded=frozenset(sectors.get("excluded", ())),
        )
    return CuratedNames(display={})
