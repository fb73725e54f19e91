"""Which ATT&CK matrix a report's behaviour belongs to, and the Enterprise techniques of a mobile report given as
their Mobile counterparts (issue 12): an Android banking trojan that "logs keystrokes" uses Keylogging T1417.001,
and an analyst counts the Enterprise T1056.001 as wrong there.

The platform words, the ratio and the map are data (data/technique_platforms.yaml); the mobile cue phrases are
technique_cues.yaml entries with `platform: mobile`. A report is mobile where its phone-platform words outnumber
its desktop words by `mobile_ratio`; one sentence naming a phone platform lets the mobile cues be read in it
whatever the report is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.galaxies import Cluster
from ..knowledge.regex_cache import compiled
from .technique_rules import GALAXY, _words_expression


@dataclass(frozen=True)
class _Platforms:
    mobile_words: re.Pattern[str]
    desktop_words: re.Pattern[str]
    ratio: float
    to_mobile: dict[str, str]
    platform_free: frozenset[str]


@cache
def _platforms() -> _Platforms:
    data = load_data("technique_platforms.yaml")
    return _Platforms(
        mobile_words=compiled(_words_expression(data["mobile_words"])),
        desktop_words=compiled(_words_expression(data["desktop_words"])),
        ratio=float(data["mobile_ratio"]),
        to_mobile={str(k): str(v) for k, v in (data.get("enterprise_to_mobile") or {}).items()},
        platform_free=frozenset(str(f) for f in data.get("platform_free") or ()),
    )


def names_phone(lowered: str) -> bool:
    """The lower-cased text names a phone platform ("the Android payload", "an APK")."""
    return _platforms().mobile_words.search(lowered) is not None


def is_mobile(text: str) -> bool:
    """The report is about a phone platform: its phone-platform words at least `mobile_ratio` times its desktop
    words (and at least one)."""
    platforms = _platforms()
    lowered = text.lower()
    mobile = len(platforms.mobile_words.findall(lowered))
    if not mobile:  # most reports: one pass
        return False
    # The desktop words counted only as far as they tip the balance.
    for desktop, _ in enumerate(platforms.desktop_words.finditer(lowered), 1):
        if platforms.ratio * desktop > mobile:
            return False
    return True


def as_mobile(settled: dict[Cluster, str], written: set[str], clusters: dict[str, Cluster]) -> dict[Cluster, str]:
    """A mobile report's clusters with each Enterprise technique found by name or in prose given as its Mobile
    counterpart (`enterprise_to_mobile`), or left out where it has none; a technique whose ID the report writes,
    one of the `platform_free` families, and every Mobile or non-technique cluster, stay as they are."""
    platforms = _platforms()
    to_mobile = platforms.to_mobile
    result: dict[Cluster, str] = {}
    for cluster, relationship in settled.items():
        technique = (cluster.external_id or "").upper()
        free = technique.split(".")[0] in platforms.platform_free
        if cluster.galaxy != GALAXY or cluster.matrix == "mobile" or technique in written or free:
            result.setdefault(cluster, relationship)
            continue
        counterpart = clusters.get(to_mobile.get(technique, ""))
        if counterpart is not None:
            result.setdefault(counterpart, relationship)
    return result
