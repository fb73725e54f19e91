"""A ransomware brand that the galaxies file as an actor and as a family of one name (issue 8, recall).

ATT&CK's "INC Ransom" (G1032) is the group; the ransomware galaxy's "inc ransom" is its encryptor. One writing names
one kind of thing as a rule (galaxy_roles `prefer_kind`: the actor unless a word of software is beside it), but a
sentence about ransomware incidents ("ransomware incidents carried out by affiliates of INC Ransom") names the brand,
and a brand is both the operation and its encryptor: MISP users filter by either. So where every other cluster of
the writing is ransomware and the sentence has a word of ransomware (`brand_words` in galaxies.yaml), the writing
keeps both kinds.
"""

from __future__ import annotations

import re
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.galaxies import Name
from ..knowledge.regex_cache import compiled
from .galaxy_places import Found


@cache
def _brand_words() -> re.Pattern[str]:
    words = load_data("galaxies.yaml")["ransomware_next"]["brand_words"]
    return compiled(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


def actor_and_family(names: tuple[Name, ...], found: Found) -> bool:
    """The writing names an actor and ransomware only, in a sentence about ransomware: the brand names both."""
    software = [n for n in names if n.cluster.kind != "actor"]
    # (A family's build whose description names no kind is of its family's sort: malpedia's "Akira (Windows)" beside
    # its ransomware "Akira (ELF)".)
    families = {_family(n) for n in software if n.cluster.sort == "ransomware"}
    if not software or not all(n.cluster.sort == "ransomware" or _family(n) in families for n in software):
        return False
    own = set(found.match.surface.lower().split())
    return any(m.group().lower() not in own for m in _brand_words().finditer(found.sentence))


def _family(name: Name) -> str | None:
    """The family of a platform build ("Akira" of "Akira (Windows)"); None for a cluster that is no build."""
    return name.cluster.value.rsplit(" (", 1)[0] if name.cluster.platform else None
