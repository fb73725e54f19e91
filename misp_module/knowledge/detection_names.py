"""Antivirus detection names around a family name ("Trojan.Stonedrill.B", "HackTool:Win32/Mimikatz"): the words of
kind and platform before the family and the variant after it, which the galaxy matcher lets touch a name (a dot
between word characters otherwise joins them into a host name) and the salience rules read as a sample found.
The words of kind and platform are galaxies.yaml `detection_prefixes`."""

from __future__ import annotations

from functools import cache

from .data import load_data
from .regex_cache import compiled

# A detection name's variant after the family: ".B", ".AB", ".gen" then no word character.
_VARIANT = compiled(r"\.(?:[A-Z]{1,2}|gen)(?![\w.])")
# The words before the family in a detection name, up to the start of the whole name.
_WORDS = compiled(r"(?:[A-Za-z0-9]+[.:/])+$")
_START = compiled(r"[A-Za-z0-9:./!]+$")
# The marks that close a word of a detection name.
_MARK = compiled(r"[.:/]")


@cache
def _prefixes() -> frozenset[str]:
    """galaxies.yaml `detection_prefixes`, lower-cased."""
    return frozenset(str(w).lower() for w in load_data("galaxies.yaml").get("detection_prefixes", []))


def after_detection_word(text: str, mark: int) -> bool:
    """The mark (".", "/", ":") before a name closes a word that antivirus detection names put before a family
    ("Trojan.", "Win32/", "HackTool:Win32/"): every word of the detection name before the family is such a word."""
    words = _WORDS.search(text, max(0, mark - 40), mark + 1)
    if words is None:
        return False
    pieces = _MARK.split(words.group())[:-1]
    return bool(pieces) and all(p.lower() in _prefixes() for p in pieces)


def variant_after_family(text: str, end: int) -> bool:
    """A detection name's variant (".B", ".gen") follows the name ending at `end`, the family of a detection name
    ("Trojan.Stonedrill.B"): the variant ends the name as a word boundary would."""
    return bool(_VARIANT.match(text, end)) and _detection_named(text, end)


def _detection_named(text: str, end: int) -> bool:
    """The name that ends at `end` is the family of a detection name: a detection word and its mark before it."""
    token = _START.search(text, max(0, end - 80), end)
    if token is None:
        return False
    marks = [i for i, ch in enumerate(token.group()) if ch in ".:/"]
    return bool(marks) and after_detection_word(text, token.start() + marks[-1])
