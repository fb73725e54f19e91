"""Techniques read as an action on an object (issue 12): a verb class and an object class of
data/technique_actions.yaml in one clause ("the loader registers a scheduled task", "shadow copies were
deleted", "copies itself to the Startup folder"), counted only where the adversary is who does it
(technique_doers.py).

| step | what is tried                                                     | cost                                 |
|------|-------------------------------------------------------------------|--------------------------------------|
| gate | an object's `words` in the lower-cased sentence                   | substring tests, every sentence      |
| pair | the row's verb and object within `window`, one clause, any order  | one search per row of a gated object |
| doer | the verb's doer is the adversary, or a passive in the narrative   | only where a pair is found           |
| also | the row's extra expression (`also`) found, `without` not found     | where the row has one                |

A row gives `evidence` (or `weak_evidence`), weighted by the sentence's section like a cue phrase; the sentence's
filters (negation, advice, defence, the past, another actor) are the caller's (techniques.py), as for cue phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .technique_doers import Names, adversary_does


@dataclass(frozen=True)
class _Row:
    technique: str
    # verb before object, or object before verb: named groups `verb` and `object` in each
    pattern: re.Pattern[str]
    also: re.Pattern[str] | None
    weak: bool
    unless: frozenset[str] = frozenset()
    without: re.Pattern[str] | None = None


@dataclass(frozen=True)
class _Table:
    evidence: float
    weak_evidence: float
    # Each object's literal words (any one lets its rows be tried) and its rows.
    gates: tuple[tuple[tuple[str, ...], tuple[_Row, ...]], ...]


@cache
def _table() -> _Table:
    """The action table, compiled once per process on first use."""
    data = load_data("technique_actions.yaml")
    return _compile(data)


def _compile(data: dict[str, Any]) -> _Table:
    """The table of data/technique_actions.yaml: each row's verb and object as one expression (either order,
    within `window` characters and no full stop, semicolon or comma between; an object may end in a sign,
    "ADMIN$", so its edges are no word character rather than a word boundary), grouped by object; an unknown class
    fails loudly."""
    verbs, objects, window = data["verbs"], data["objects"], int(data["window"])
    rows: dict[str, list[_Row]] = {}
    for entry in data["rows"]:
        verb, thing, technique = (
            (entry["verb"], entry["object"], entry["technique"]) if isinstance(entry, dict) else entry
        )
        if verb not in verbs or thing not in objects:
            raise ValueError(f"technique_actions.yaml: row {entry!r} names an unknown verb or object class")
        v, o = verbs[verb], objects[thing]["pattern"]
        between = rf"[^.;,]{{0,{window}}}?"
        thing_expression = rf"(?<!\w)(?:{o})(?!\w)"
        pattern = compiled(
            rf"\b(?P<verb>{v})\b{between}{thing_expression}|{thing_expression}{between}\b(?P<verb2>{v})\b"
        )
        extra = entry if isinstance(entry, dict) else {}
        also, without = extra.get("also"), extra.get("without")
        unless = frozenset(str(t) for t in extra.get("unless") or [])
        row = _Row(
            str(technique),
            pattern,
            compiled(also) if also else None,
            bool(extra.get("weak")),
            unless,
            compiled(without) if without else None,
        )
        rows.setdefault(thing, []).append(row)
    gates = tuple(
        (tuple(str(w).lower() for w in objects[thing]["words"]), tuple(found)) for thing, found in rows.items()
    )
    return _Table(float(data["evidence"]), float(data["weak_evidence"]), gates)


def acted(
    sentence: str, weight: float = 1.0, names: Names | None = None, previous: str | None = None
) -> dict[str, float]:
    """The techniques the sentence tells the adversary doing as an action on an object, each with the row's
    evidence weighted by the section (at most 0.99). `names` finds the report's own actors and malware in a
    text; `previous` is the sentence before (who "it" is)."""
    table, lowered = _table(), sentence.lower()
    found: dict[str, float] = {}
    for words, rows in table.gates:
        if not any(word in lowered for word in words):
            continue
        for row in rows:
            if row.technique in found or (row.also is not None and not row.also.search(lowered)):
                continue
            if row.without is not None and row.without.search(lowered):
                continue
            pairs = _verbs(row.pattern, lowered)
            if any(adversary_does(sentence, span, names, previous, first) for span, first in pairs):
                evidence = table.weak_evidence if row.weak else table.evidence
                found[row.technique] = min(evidence * weight, 0.99)
    for _, rows in table.gates:
        for row in rows:
            if row.unless & found.keys():
                found.pop(row.technique, None)
    return found


def _verbs(pattern: re.Pattern[str], lowered: str) -> Iterator[tuple[tuple[int, int], bool]]:
    """Where the verb of each pair the row's expression finds is, and whether its object comes first."""
    for match in pattern.finditer(lowered):
        if match.group("verb") is not None:
            yield match.span("verb"), False
        else:
            yield match.span("verb2"), True
