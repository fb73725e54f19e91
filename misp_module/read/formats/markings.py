"""The document's handling marking kept when its page furniture is dropped.

A PDF or Word document often carries its TLP marking only in the running header or footer ("TLP:AMBER" on every
page). The readers drop that furniture (a vendor's name or another paper's title repeated on every page is not the
report), but the marking is the report's own: a marking found only there is added at the end of the text, once,
so the event gets its TLP (the pattern of taxonomy_phrases.yaml, which the extractor reads too)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from ...knowledge.data import load_data
from ...knowledge.regex_cache import compiled


@cache
def _marking() -> re.Pattern[str]:
    return compiled(load_data("taxonomy_phrases.yaml")["tlp"]["pattern"], re.IGNORECASE)


def with_furniture_markings(text: str, furniture: Iterable[str]) -> str:
    """`text` with the TLP markings written only in `furniture` (lines left out of it) added at its end."""
    pattern = _marking()
    kept = {_level(m) for m in pattern.finditer(text)}
    found: dict[str, str] = {}
    for line in furniture:
        for match in pattern.finditer(line):
            found.setdefault(_level(match), f"TLP:{_level(match).upper()}")
    missing = [marking for level, marking in found.items() if level not in kept]
    if not missing:
        return text
    return text.rstrip("\n") + "\n\nMarking on every page: " + ", ".join(missing) + "\n"


def _level(match: re.Match[str]) -> str:
    return re.sub(r"\s+", "", match.group("level")).lower()
