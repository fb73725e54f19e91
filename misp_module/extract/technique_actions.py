"""Techniques read as an action on an object (issue 12): a verb class and an object class of
data/technique_actions.yaml in one clause ("the loader registers a scheduled task", "shadow copies were
deleted", "copies itself to the Startup folder"), counted only where the adversary is who does it
(technique_doers.py).

| step | what is tried                                                     | cost                                 |
|------|-------------------------------------------------------------------|--------------------------------------|
| gate | an object's `words` and its verb's literals in the sentence       | substring tests, every sentence      |
| pair | the object's places; the row's verb within `window` of one, one    | one search per gated object, then    |
|      | clause, either side                                               | the verb's in the window around it   |
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
from ..knowledge.regex_cache import compiled, derived
from .regex_literals import Gate, gate_holds, literal_gate
from .technique_doers import Names, adversary_does

# What ends a clause for a pair: no full stop, semicolon or comma between a verb and its object (a full stop or a comma
# before a space or the end: not those of "XMRig 6.21" or "1,900 lines").
_CLAUSE_END = compiled(r";|[.,](?!\S)")
# The first three characters of a word (technique_cues.py's keys): an object's word is looked up by them.
_WORD_KEY = compiled(r"\b\w[\w$-]{2}")


@dataclass(frozen=True)
class _Row:
    technique: str
    verb: str
    also: re.Pattern[str] | None
    weak: bool
    unless: frozenset[str] = frozenset()
    without: re.Pattern[str] | None = None


@dataclass(frozen=True)
class _Object:
    # Its literal words (any one lets it be searched for), its expression and its rows.
    words: tuple[str, ...]
    pattern: re.Pattern[str]
    rows: tuple[_Row, ...]


@dataclass(frozen=True)
class _Table:
    evidence: float
    weak_evidence: float
    window: int
    objects: tuple[_Object, ...]
    # The objects' words by the first three characters of a word they begin (`_WORD_KEY`), each with the places
    # of its objects; `loose`, those that begin otherwise (".exe", "\\run") or are shorter, tried everywhere.
    keys: dict[str, tuple[tuple[str, tuple[int, ...]], ...]]
    loose: tuple[tuple[str, tuple[int, ...]], ...]
    # Each verb class's expression and literal gate (`literal_gate`: one literal of each group is in any text it
    # matches).
    verbs: dict[str, re.Pattern[str]]
    verb_gates: dict[str, Gate]
    # The rows that give way to a more precise technique read in the same sentence (`unless`).
    yielding: tuple[_Row, ...] = ()


@cache
def _table() -> _Table:
    """The action table, compiled once per process on first use."""
    return _compile(load_data("technique_actions.yaml"))


def _compile(data: dict[str, Any]) -> _Table:
    """The table of data/technique_actions.yaml: each object's expression with its rows, each verb class's
    expression (an object may end in a sign, "ADMIN$", so its edges are no word character rather than a word
    boundary); an unknown class fails loudly."""
    verbs, objects = data["verbs"], data["objects"]
    rows: dict[str, list[_Row]] = {}
    for entry in data["rows"]:
        verb, thing, technique = (
            (entry["verb"], entry["object"], entry["technique"]) if isinstance(entry, dict) else entry
        )
        if verb not in verbs or thing not in objects:
            raise ValueError(f"technique_actions.yaml: row {entry!r} names an unknown verb or object class")
        extra = entry if isinstance(entry, dict) else {}
        also, without = extra.get("also"), extra.get("without")
        row = _Row(
            str(technique),
            str(verb),
            compiled(also) if also else None,
            bool(extra.get("weak")),
            frozenset(str(t) for t in extra.get("unless") or []),
            compiled(without) if without else None,
        )
        rows.setdefault(thing, []).append(row)
    found = tuple(
        _Object(
            tuple(str(w).lower() for w in objects[thing]["words"]),
            compiled(rf"(?<!\w)(?:{objects[thing]['pattern']})(?!\w)"),
            tuple(thing_rows),
        )
        for thing, thing_rows in rows.items()
    )
    places: dict[str, list[int]] = {}
    for number, thing in enumerate(found):
        for word in thing.words:
            places.setdefault(word, []).append(number)
    keys: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
    loose = []
    for word, numbers in places.items():
        key = _WORD_KEY.match(word)
        if key:
            keys.setdefault(key.group(), []).append((word, tuple(numbers)))
        else:
            loose.append((word, tuple(numbers)))
    return _Table(
        float(data["evidence"]),
        float(data["weak_evidence"]),
        int(data["window"]),
        found,
        {key: tuple(words) for key, words in keys.items()},
        tuple(loose),
        {str(name): compiled(rf"\b(?:{expression})\b") for name, expression in verbs.items()},
        {str(name): derived(literal_gate, str(expression)) for name, expression in verbs.items()},
        tuple(row for thing_rows in rows.values() for row in thing_rows if row.unless),
    )


def acted(
    sentence: str, weight: float = 1.0, names: Names | None = None, previous: str | None = None
) -> dict[str, float]:
    """The techniques the sentence tells the adversary doing as an action on an object, each with the row's
    evidence weighted by the section (at most 0.99). `names` finds the report's own actors and malware in a
    text; `previous` is the sentence before (who "it" is)."""
    table, lowered = _table(), sentence.lower()
    found: dict[str, float] = {}
    gated: dict[str, bool] = {}
    for number in sorted(_objects(table, lowered)):
        thing = table.objects[number]
        places: list[tuple[int, int]] | None = None
        for row in thing.rows:
            passes = gated.get(row.verb)
            if passes is None:
                passes = gated[row.verb] = gate_holds(table.verb_gates[row.verb], lowered)
            if not passes or row.technique in found or (row.also is not None and not row.also.search(lowered)):
                continue
            if row.without is not None and row.without.search(lowered):
                continue
            if places is None:
                places = [m.span() for m in thing.pattern.finditer(lowered)]
            pairs = _verbs(table.verbs[row.verb], lowered, places, table.window)
            if any(adversary_does(sentence, span, names, previous, first) for span, first in pairs):
                evidence = table.weak_evidence if row.weak else table.evidence
                found[row.technique] = min(evidence * weight, 0.99)
    for row in table.yielding if found else ():
        if row.unless & found.keys():
            found.pop(row.technique, None)
    return found


def _objects(table: _Table, lowered: str) -> set[int]:
    """The places (in `table.objects`) of the objects one of whose words the lower-cased sentence has: the words
    keyed by a word's first three characters met in one pass over the sentence, then confirmed; the loose
    ones tried as they are. The same objects as trying every word of every object, at a tenth of the cost."""
    found: set[int] = set()
    keys = table.keys
    for key in keys.keys() & set(_WORD_KEY.findall(lowered)):
        for word, numbers in keys[key]:
            if len(word) == len(key) or word in lowered:
                found.update(numbers)
    for word, numbers in table.loose:
        if word in lowered:
            found.update(numbers)
    return found


def _verbs(
    verb: re.Pattern[str], lowered: str, places: list[tuple[int, int]], window: int
) -> Iterator[tuple[tuple[int, int], bool]]:
    """Each place of the verb within `window` characters of a place of the object in one clause (no full stop,
    semicolon or comma between, `_CLAUSE_END`), before it or after it (True: the object comes first)."""
    for start, end in places:
        low = max(start - window - 40, 0)
        edges = [m.end() for m in _CLAUSE_END.finditer(lowered, low, start)]
        low = edges[-1] if edges else low
        for match in verb.finditer(lowered, low, start):
            if match.end() >= start - window:
                yield match.span(), False
        stop = _CLAUSE_END.search(lowered, end, end + window + 40)
        high = stop.start() if stop else min(end + window + 40, len(lowered))
        for match in verb.finditer(lowered, end, high):
            if match.start() <= end + window:
                yield match.span(), True
