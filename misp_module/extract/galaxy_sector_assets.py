"""The victim's own things hit in its clause (issue 8, recall of sectors on real pages): a sector's organisations own
the websites, pages, networks or data that the clause's incident hit, whatever the verb and wherever it stands ("the
websites of multiple hospitals and municipalities were defaced", "cyberattacks against websites of the Israeli
government", "defaced ministry pages"). A reading by position, not by verb: the owner right after "<asset> of" or
right before the asset's word, and any word of the incident in the same clause. Apart from galaxy_sector_rules,
which asks it among the victim readings (all its vetoes still apply). The words are data/sector_assets.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_cues import grouped_alternation, words_pattern

# The end of a clause: the incident word must stand in the owner's own clause.
_CLAUSE_END = compiled(r";|\n\n")


@dataclass(frozen=True)
class _Family:
    """One kind of asset: the words of the asset after its owner, "<asset> of" before it, and the incident words."""

    after: re.Pattern[str]
    of_before: re.Pattern[str]
    incidents: re.Pattern[str]


def _family(data: dict, assets: str, incidents: str, possessive: bool = False) -> _Family:
    """The patterns of one kind of asset; `possessive`: its owner before it needs a possessive mark ("the
    insurer's data"), a bare field word there says what the asset is about ("financial data")."""
    words = grouped_alternation(sorted(data[assets], key=len, reverse=True))
    # (a possessive mark may have one word after it: "the government's e-citizen platform")
    mark = r"['\u2019]s?(?:[ \t]+[\w-]+)?" if possessive else r"(?:['\u2019]s?(?:[ \t]+[\w-]+)?)?"
    openers = grouped_alternation(sorted(data["owner_openers"], key=len, reverse=True))
    # an opener, or a capitalised word of place or nation ("Israeli", "U.S.")
    opener = rf"(?:(?i:{openers})|[A-Z][\w.\u2019'-]*)"
    return _Family(
        compiled(rf"{mark}[ \t]+(?:{words})\b", re.IGNORECASE),
        compiled(rf"(?i:\b(?:{words})\s+of\s+)(?:{opener}\s+){{0,3}}$"),
        words_pattern(data[incidents]),
    )


@cache
def _families() -> tuple[_Family, ...]:
    data = load_data("sector_assets.yaml")
    return (
        _family(data, "site_assets", "site_incidents"),
        _family(data, "system_assets", "system_incidents"),
        _family(data, "data_assets", "system_incidents", possessive=True),
    )


def own_assets_hit(text: str, clause_start: int, clause_end: int, list_start: int, list_end: int) -> bool:
    """The sector's list (from `list_start` to `list_end` in `text`) owns an asset, right after "<asset> of" or right
    before the asset's word, and the clause around it (`clause_start` to `clause_end`, cut at a semicolon) holds a
    word of an incident that hits such an asset."""
    before = text[clause_start:list_start]
    cut = list(_CLAUSE_END.finditer(before))
    start = clause_start + cut[-1].end() if cut else clause_start
    after_cut = _CLAUSE_END.search(text, list_end, clause_end)
    end = after_cut.start() if after_cut else clause_end
    for family in _families():
        if not (
            family.after.match(text, list_end, end)
            or family.of_before.search(text, max(start, list_start - 120), list_start)
        ):
            continue
        if family.incidents.search(text, start, end):
            return True
    return False


@cache
def _incident_after() -> tuple[re.Pattern[str], frozenset[str]]:
    data = load_data("sector_assets.yaml")
    nouns = grouped_alternation(sorted(data["incident_nouns"], key=len, reverse=True))
    followers = grouped_alternation(sorted(data["incident_noun_followers"], key=len, reverse=True))
    # a space or a hyphen, perhaps one word of the incident's kind ("ransom", "data", "ransomware"), then the noun,
    # and the end of its noun phrase: a mark, the text's end or a word of `incident_noun_followers`
    return (
        compiled(
            rf"[ \t-]+(?:[\w-]+[ \t]+)?(?:{nouns})(?=[ \t]*(?:[,.;:!?)\]\"\u201d\n]|$)|[ \t]+(?:{followers})\b)",
            re.IGNORECASE,
        ),
        frozenset(data["acting_sectors"]),
    )


def incident_named_after(text: str, list_end: int, sectors: set[str]) -> bool:
    """A noun of the incident right after the sector's list, as a headline compounds it ("Hospital Ransom Attack",
    "a university data breach"): the sector names its victim. Not for a sector that acts in attacks of its own
    (`acting_sectors`: "government attacks", "military cyberattacks")."""
    after, acting = _incident_after()
    return not (sectors & acting) and bool(after.match(text, list_end, list_end + 40))
