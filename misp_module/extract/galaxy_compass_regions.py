"""Regions written in shorthand: a compass word sharing its head noun with the region named after it ("South and
Southeast Asia" names South Asia too), found as matches of their own so that they count as if written out."""

from __future__ import annotations

import bisect

from ..knowledge.galaxies import GalaxyIndex, Match
from ..knowledge.regex_cache import compiled

# A compass word that may share a region's head noun with the region after it ("South and Southeast Asia", "North,
# West and East Africa", "Central and Eastern Europe"), and the joiner of such a list before the named region.
_COMPASS = (
    r"(?:North|South|East|West|Central|Northern|Southern|Eastern|Western|(?:North|South)-?(?:[Ee]ast|[Ww]est)(?:ern)?)"
)
_COMPASS_BEFORE = compiled(rf"\b({_COMPASS})(?:\s*,\s*(?:and|or|&)|\s*,|\s+(?:and|or|&)|\s*/)\s*$")


def coordinated_regions(text: str, index: GalaxyIndex, matches: list[Match]) -> list[Match]:
    """The regions whose compass word shares its head noun with a region named right after it ("South and Southeast
    Asia" names South Asia too; "North, West and East Africa" Northern and Western Africa): each compass word as a
    match of the region it makes with the head noun ("South Asia"), or of the head noun's own region where that is
    all the index knows ("Central Europe": Europe), as if written out."""
    found = []
    # A compass word inside another name ("Middle East and North Africa", "the South China Sea") is no region's.
    spans = sorted((m.start, m.end) for m in matches)
    starts = [start for start, _ in spans]
    for match in matches:
        head = match.surface.rsplit(None, 1)[-1].rsplit("-", 1)[-1]
        if (
            head == match.surface
            or not head[:1].isupper()
            or not any(n.cluster.kind == "location" for n in match.names)
        ):
            continue
        end = match.start
        while compass := _COMPASS_BEFORE.search(text, max(0, end - 40), end):
            inside = bisect.bisect_right(starts, compass.start(1)) - 1
            if inside >= 0 and spans[inside][1] > compass.start(1):
                break
            written = f"{compass.group(1)} {head}"
            names = [
                m.names
                for m in index.find(written)
                if m.end == len(written) and any(n.cluster.kind == "location" for n in m.names)
            ]
            if not names:
                break
            found.append(Match(compass.start(1), compass.end(1), compass.group(1), names[-1]))
            end = compass.start(1)
    return found
