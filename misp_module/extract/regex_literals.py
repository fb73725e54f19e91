"""Literal strings that any match of a regular expression must contain, read from the expression's parse tree:
a cheap necessary condition (`in` tests) checked before the expression is searched, so that a sentence
without them is never searched at all. Sound by construction: only what every match must hold is kept; an
expression whose shape is not understood gives no condition (it is always searched).

Used for the cue phrases of technique_cues.py and the verb classes of technique_actions.py (`gate_holds`), and the
rule modules' phrase patterns (`GatedPattern`): the answers are the same, the searches fewer.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from re import _constants as constants  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled, derived

# How many groups of alternatives are kept per expression (the most selective: longest shortest literal).
MAX_GROUPS = 3

_Alternatives = frozenset[str]
# Groups of literal alternatives: a text the expression matches holds one literal of each group.
Gate = tuple[tuple[str, ...], ...]


def literal_gate(expression: str) -> Gate:
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


def gate_holds(gate: Gate, text: str) -> bool:
    """The text holds one literal of each of the gate's groups: where it does not, the gate's expression cannot
    match it and is not searched. The one test of a gate for the technique modules (cue phrases, verb classes),
    so that a gate is right or wrong in one place. The literals are compared as they are: the caller lowers the
    text and the expression is searched in that lowered text (an empty gate holds in any text). Plain loops: `all`
    over a generator cost twice as much on the gates of one to three short groups it is asked of."""
    for group in gate:
        for literal in group:
            if literal in text:
                break
        else:
            return False
    return True


# The text the last gate lowered, with its test of containment (None for a text not all ASCII): the rules try tens
# of patterns on one sentence in a row, and every other gate asked of the same text as the one before lowered it
# anew. One tuple swapped whole, so that a thread reads a consistent one; the text kept in it, so that `is` is
# never met by another string at a reused address.
_last_lowered: tuple[str | None, int, int, Callable[[str], bool] | None] = (None, 0, 0, None)


class GatedPattern:
    """A compiled expression behind its literal gate (`literal_gate`): `search`, `match`, `finditer` and `sub`
    give `re`'s answers, but a text that lacks one literal of a group is never searched. The gate is tested on
    the lower-cased text and lower-cased literals, which is sound for a case-sensitive or a case-insensitive
    expression alike only where both are ASCII: a text with other characters, and a group with other
    literals, is not gated (nor a verbose expression, whose flag the parse does not see). The rule modules'
    phrase patterns (history.yaml, side_places.yaml, software_asides.yaml) are tried once per name found, on
    sentences that mostly hold none of their words."""

    __slots__ = ("_gate", "pattern")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.pattern = compiled(source, flags)
        self._gate = tuple(
            tuple(literal.lower() for literal in group)
            for group in (() if flags & re.VERBOSE else derived(literal_gate, source))
            if all(literal.isascii() for literal in group)
        )

    def _absent(self, text: str, pos: int, endpos: int) -> bool:
        """The text (between pos and endpos) lacks every literal of one of the gate's groups."""
        global _last_lowered
        gate = self._gate
        if not gate:
            return False
        last = _last_lowered
        if last[0] is text and last[1] == pos and last[2] == endpos:
            contains = last[3]
        else:
            piece = text[pos:endpos] if pos or endpos < len(text) else text
            contains = piece.lower().__contains__ if piece.isascii() else None
            _last_lowered = (text, pos, endpos, contains)
        if contains is None:
            return False
        # `map` over the bound test runs in C: a generator per group cost as much as the search it saves. The groups in
        # a plain loop: `all` over a generator of them cost a third more (replayed gate tests of the 2 MB report).
        for group in gate:
            if not any(map(contains, group)):
                break
        else:
            return False
        return True

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """`re.Pattern.search`, gated."""
        return None if self._absent(text, pos, endpos) else self.pattern.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """`re.Pattern.match`, gated."""
        return None if self._absent(text, pos, endpos) else self.pattern.match(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """`re.Pattern.finditer`, gated."""
        return iter(()) if self._absent(text, pos, endpos) else self.pattern.finditer(text, pos, endpos)

    def sub(self, replacement: str, text: str) -> str:
        """`re.Pattern.sub`, gated."""
        return text if self._absent(text, 0, sys.maxsize) else self.pattern.sub(replacement, text)


def gated_patterns(file: str, cased: frozenset[str] = frozenset()) -> dict[str, GatedPattern]:
    """A rule file's patterns (its values that are strings), each behind its literal gate: case-insensitive
    but for the `cased` keys. The rule modules that try phrase patterns once per name found load them so."""
    return {
        key: GatedPattern(source, 0 if key in cased else re.IGNORECASE)
        for key, source in load_data(file).items()
        if isinstance(source, str)
    }
