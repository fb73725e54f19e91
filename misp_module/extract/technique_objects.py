"""A technique read in a sentence kept only where the sentence holds what makes it that technique (issue 12: one
wrong technique costs more trust than one missed).

The model and the cue phrases read a verb and a few words; some techniques are made by their object, and the
same words around another object are another thing: a port number is Non-Standard Port only when it is not the
standard port of the protocol named beside it ("SMTP on port 587"), nor a mining pool's or a scan's; strings
encrypted inside a binary are Obfuscated Files (T1027), not an Encrypted/Encoded File (T1027.013); deleting
shadow copies is Inhibit System Recovery, not File Deletion; a name is Masquerading only when it imitates
something. The checks are data (data/technique_objects.yaml):

| key           | where it matches (lower-cased sentence)                     | the technique          |
|---------------|-------------------------------------------------------------|------------------------|
| drop_if       | the sentence reads another behaviour with the same words    | dropped                |
| drop_unless   | absent: the object that makes the technique is missing      | dropped                |
| keep_if       | present: the technique's own object is there after all      | kept despite the above |
| parent_if     | the sentence supports the family, not this sub-technique    | given as its parent    |
| parent_unless | absent: the sub-technique's own object is missing           | given as its parent    |

A key of the file names a technique; `family: true` makes its checks apply to every technique of the family.
`standard_ports` lists the protocols' own ports: a technique of `port_techniques` is dropped where every port
number of the sentence is the standard port of a protocol the sentence names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled

_PORT = compiled(r"\bports? (\d{2,5})\b|\b(?:tcp|udp)[/ ](\d{2,5})\b|:(\d{2,5})\b")


@dataclass(frozen=True)
class _Check:
    drop_if: re.Pattern[str] | None
    drop_unless: re.Pattern[str] | None
    keep_if: re.Pattern[str] | None
    parent_if: re.Pattern[str] | None
    parent_unless: re.Pattern[str] | None


@dataclass(frozen=True)
class _Objects:
    exact: dict[str, _Check]
    families: dict[str, _Check]
    port_techniques: frozenset[str]
    # protocol word -> its standard ports
    standard_ports: dict[re.Pattern[str], frozenset[int]]


def _compiled(pattern: str | None) -> re.Pattern[str] | None:
    return compiled(pattern) if pattern else None


@cache
def _objects() -> _Objects:
    data = load_data("technique_objects.yaml")
    exact: dict[str, _Check] = {}
    families: dict[str, _Check] = {}
    for technique, entry in (data.get("checks") or {}).items():
        check = _Check(*(_compiled(entry.get(key)) for key in _Check.__dataclass_fields__))
        (families if entry.get("family") else exact)[technique] = check
    ports = {
        compiled(rf"\b(?:{words})\b"): frozenset(int(p) for p in numbers)
        for words, numbers in (data.get("standard_ports") or {}).items()
    }
    return _Objects(exact, families, frozenset(data.get("port_techniques") or ()), ports)


def _only_standard_ports(lowered: str, objects: _Objects) -> bool:
    """Every port number of the sentence is the standard port of a protocol the sentence names."""
    numbers = {int(next(g for g in m.groups() if g)) for m in _PORT.finditer(lowered)}
    if not numbers:
        return False
    allowed = {p for words, ports in objects.standard_ports.items() if words.search(lowered) for p in ports}
    return numbers <= allowed


def _verdict(check: _Check, lowered: str) -> str:
    """'drop', 'parent' or 'keep' for one technique by one check."""
    if check.keep_if is not None and check.keep_if.search(lowered):
        return "keep"
    if (check.drop_if is not None and check.drop_if.search(lowered)) or (
        check.drop_unless is not None and not check.drop_unless.search(lowered)
    ):
        return "drop"
    if (check.parent_if is not None and check.parent_if.search(lowered)) or (
        check.parent_unless is not None and not check.parent_unless.search(lowered)
    ):
        return "parent"
    return "keep"


def with_objects(decided: Mapping[str, float], sentence: str) -> dict[str, float]:
    """The techniques one sentence reads (technique -> evidence), each kept, given as its parent or dropped by
    the checks of data/technique_objects.yaml."""
    objects = _objects()
    lowered = sentence.lower()
    kept: dict[str, float] = {}
    for technique, probability in decided.items():
        parent = technique.split(".")[0]
        verdict = "keep"
        for check in (objects.exact.get(technique), objects.families.get(parent)):
            if check is not None and verdict == "keep":
                verdict = _verdict(check, lowered)
        if verdict == "keep" and technique in objects.port_techniques and _only_standard_ports(lowered, objects):
            verdict = "drop"
        if verdict == "drop":
            continue
        target = parent if verdict == "parent" else technique
        kept[target] = max(kept.get(target, 0.0), probability)
    return kept
