"""Version or address: the words around a plain dotted quad that make it a product's version ("build 4.1.2.11",
"FortiOS 7.2.4.1", a column or a heading of versions), not an IP address. Its own module because the question
has many cues of its own: the classifier asks it of plain IPv4 matches, the scanner of quads under a heading."""

from __future__ import annotations

import bisect
import re

from ..knowledge.files import ADDRESS_NOUNS
from ..knowledge.regex_cache import compiled
from .indicator_hit import Hit
from .indicator_patterns import (
    CHANGE_FROM,
    DESTINATION_WORDS,
    FROM_BEFORE,
    FROM_TO_AFTER,
    FROM_TO_BEFORE,
    NETWORK_WORDS,
    PLACE_BEFORE,
    PRODUCT_SLASH,
    SENTENCE_SOURCE_WORDS,
    SOURCE_WORDS,
    UPGRADE_TO,
    VERSION_AFTER,
    VERSION_BEFORE,
    VERSION_COLUMN,
    VERSION_HEADING,
    VERSION_LIST,
    VERSION_SENTENCE,
    column_header,
    product_before,
    prose_sentence,
    version_shaped,
)

_QUAD = compiled(r"^[0-9]{1,3}(?:\.[0-9]{1,3}){3}$")
_MD_HEADING = compiled(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+(.*)$")


def _drop_listed_versions(hits: list[Hit], text: str, heading: str) -> list[Hit]:
    """Without the plain dotted quads of a version's shape under a heading of versions ("## Affected versions",
    then "- 4.1.2.11"): the section's own heading, or the last markdown heading inside its text before them."""
    candidates = [
        hit
        for hit in hits
        if hit.type in ("ip-dst", "ip-src") and not hit.defanged
        if _QUAD.match(hit.value) and version_shaped(hit.value)
    ]
    if not candidates:
        return hits
    inner = [(m.start(), m.group(1)) for m in _MD_HEADING.finditer(text)]
    starts = [start for start, _ in inner]
    dropped = set()
    for hit in candidates:
        at = bisect.bisect_right(starts, hit.start) - 1
        if VERSION_HEADING.search(inner[at][1] if at >= 0 else heading):
            dropped.add(id(hit))
    return [h for h in hits if id(h) not in dropped] if dropped else hits


def _version_context(value: str, start: int, end: int, text: str) -> bool:
    """Whether the words around a dotted quad written plainly make it a product version: a version word before
    or after it ("build", "FileVersion", "or later"), a list of versions, a product's version after its slash
    (user-agents), a table column of versions, or a product's name right before a number of a version's shape
    ("FortiOS 7.2.4.1"). A defanged quad is an address whatever its neighbours say."""
    before = text[max(0, start - 40) : start]
    if (
        VERSION_BEFORE.search(before[-24:])
        or PRODUCT_SLASH.search(before[-2:])
        or VERSION_LIST.search(text[max(0, start - 80) : start])
        or VERSION_AFTER.match(text[end : end + 30])
    ):
        return True
    header = column_header(text, start) if text.rfind("|", max(0, start - 200), start) >= 0 else None
    if header is not None:
        return bool(VERSION_COLUMN.search(header))
    if not version_shaped(value):
        return False
    if product_before(before, ADDRESS_NOUNS):
        # Unless the number is the subject of a network verb: "OVH 5.39.10.22 hosted the panel".
        clause = " ".join(re.split(r"[,;:.()\n]", text[end : end + 48], maxsplit=1)[0].split()[:2])
        return not (SOURCE_WORDS.search(clause) or DESTINATION_WORDS.search(clause) or NETWORK_WORDS.search(clause))
    upgrade = UPGRADE_TO.search(text[max(0, start - 60) : start])
    # "moved its C2 to 8.26.21.93": an address noun among the words of an upgrade's object makes it a move.
    if upgrade and not ADDRESS_NOUNS.intersection(upgrade.group("product").lower().split()):
        return True
    sentence = prose_sentence(text, start, end)
    about_releases = bool(VERSION_SENTENCE.search(sentence)) and not (
        SENTENCE_SOURCE_WORDS.search(sentence) or DESTINATION_WORDS.search(sentence) or NETWORK_WORDS.search(sentence)
    )
    if _change_of_version(before, text[end : end + 24]) and (about_releases or CHANGE_FROM.search(before)):
        return True
    if PLACE_BEFORE.search(before):
        return False
    return about_releases


def _change_of_version(before: str, after: str) -> bool:
    """The two ends of a change, 'from 3.1.0.2 to 3.1.0.9', each of a version's shape."""
    other = FROM_TO_BEFORE.search(before)
    if other is None and FROM_BEFORE.search(before):
        other = FROM_TO_AFTER.match(after)
    return other is not None and version_shaped(other.group("other"))
