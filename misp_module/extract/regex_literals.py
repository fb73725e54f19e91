"""Literal strings that any match of a regular expression must contain, read from the expression's parse tree:
a cheap necessary condition (`in` tests) checked before the expression is searched, so that a sentence
without them is never searched at all. Sound by construction: only what every match must hold is kept; an
expression whose shape is not understood gives no condition (it is always searched).

Used for the cue phrases of technique_cues.py: the answers are the same, the searches fewer.
"""

from __future__ import annotations

from re import _constants as constants  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

# How many groups of alternatives are kept per expression (the most selective: longest shortest literal).
MAX_GROUPS = 3

_Alternatives = frozenset[str]


def literal_gate(expression: str) -> tuple[tuple[str, ...], ...]:
    """Groups of literal alternatives: a text the expression matches contains one literal of every group.
    Empty where nothing is certain (the expression is then always searched)."""
    groups = [_minimal(g) for g in _all_of(parser.parse(expression))]
    groups.sort(key=lambda g: (-min(map(len, g)), len(g)))
    return tuple(tuple(sorted(g)) for g in groups[:MAX_GROUPS])


def _minimal(alternatives: _Alternatives) -> _Alternatives:
    """The alternatives without those that contain a shorter one (finding "download" is implied by finding
    "downloads": the longer one adds nothing to an `or`)."""
    return frozenset(a for a in alternatives if not any(b != a and b in a for b in alternatives))


def _literal(op: Any, argument: Any) -> str | None:
    """The character an item matches where it matches exactly one."""
    if op is constants.LITERAL:
        return chr(argument)
    if op is constants.IN and len(argument) == 1 and argument[0][0] is constants.LITERAL:
        return chr(argument[0][1])
    return None


def _all_of(items: Any) -> list[_Alternatives]:
    """Every group of alternatives that a match of this sequence must contain (runs of literal characters,
    and what groups, branches and repeats at least once require)."""
    groups: list[_Alternatives] = []
    run: list[str] = []
    for op, argument in items:
        character = _literal(op, argument)
        if character is not None:
            run.append(character)
            continue
        if run:
            groups.append(frozenset({"".join(run)}))
            run = []
        if op is constants.SUBPATTERN:
            groups.extend(_all_of(argument[3]))
        elif op is constants.BRANCH:
            branches = [_one_of(branch) for branch in argument[1]]
            if all(b is not None for b in branches):
                groups.append(frozenset().union(*branches))  # type: ignore[arg-type]
        elif op in (constants.MAX_REPEAT, constants.MIN_REPEAT) and argument[0] >= 1:
            groups.extend(_all_of(argument[2]))
    if run:
        groups.append(frozenset({"".join(run)}))
    return groups


def _one_of(items: Any) -> _Alternatives | None:
    """The most selective single group a match of this sequence must contain, or None."""
    groups = _all_of(items)
    if not groups:
        return None
    return max(groups, key=lambda g: (min(map(len, g)), -len(g)))
