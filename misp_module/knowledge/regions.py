"""Which countries lie in which M49 region, from MISP's own galaxies: a country's `located-in` relation names its
sub-region ("cyprus" in "145 - Western Asia") and a region's `subregions` list the regions inside it ("142 - Asia"
holds "145 - Western Asia"). The extract stage asks whether a region a report names holds the report's victims."""

from __future__ import annotations

import json
from typing import Any

from .cache import load_once
from .galaxy_names import galaxy_file


def _values(galaxy: str) -> list[dict[str, Any]]:
    return json.loads(galaxy_file(galaxy).read_text(encoding="utf-8"))["values"]


@load_once
def countries_by_region() -> dict[str, frozenset[str]]:
    """Per region (its galaxy value), the country values (the `country` galaxy's) inside it, at any depth."""
    regions = _values("region")
    by_uuid = {r["uuid"]: r["value"] for r in regions if r.get("uuid")}
    inside: dict[str, set[str]] = {r["value"]: set() for r in regions}
    for r in regions:
        for sub in (r.get("meta") or {}).get("subregions") or ():
            if sub in inside:
                inside[r["value"]].add(sub)
    direct: dict[str, set[str]] = {}
    for country in _values("country"):
        for relation in country.get("related") or ():
            region = by_uuid.get(relation.get("dest-uuid", ""))
            if relation.get("type") == "located-in" and region:
                direct.setdefault(region, set()).add(country["value"])

    def members(region: str, seen: frozenset[str]) -> set[str]:
        found = set(direct.get(region, ()))
        for sub in inside.get(region, ()):
            if sub not in seen:
                found |= members(sub, seen | {sub})
        return found

    return {region: frozenset(members(region, frozenset({region}))) for region in inside}
