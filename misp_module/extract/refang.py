"""Refanging: undo what analysts write to make indicators harmless (hxxp, [.], (dot), [at], [:]// …)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ..knowledge.regex_cache import compiled

# One alternation, one pass. Bracketed forms must touch a word on their left (and, for dots and at-signs,
# on their right; square brackets may stand between spaces, "evil [.] com"): "Austria (AT)," or "the (.)
# character" in prose are left alone. Brackets may nest or pad ("[ . ]", "[[.]]"), a backslash may escape a
# dot, schemes may be mangled ("hxxps", "hXXp", "fxp").
# At most eight brackets on a side: a run of a hundred thousand would otherwise be retried bracket by bracket
# (and the regular expression engine keeps a record per repetition).
_OPEN = r"(?:[\[({][ \t]*){1,8}"
_CLOSE = r"(?:[ \t]*[\])}]){1,8}"
_DEFANG = compiled(
    # Every form starts with a bracket, a backslash, a space before a square bracket, or "hx"/"fx" (a mangled
    # scheme): other positions fail at once (a space or an "h" alone no longer enters the alternation).
    r"(?=[\[({\\]| \[|[hf]x)(?:"
    rf"(?P<dot>(?<=\w)\\?{_OPEN}(?:\.|dot){_CLOSE}(?=\w)|(?<=\w) \[ ?(?:\.|dot) ?\] (?=\w))"
    r"|(?P<escaped>(?<=\w)\\+\.(?=\w))"
    rf"|(?P<at>(?<=\w){_OPEN}(?:@|at){_CLOSE}(?=\w)|(?<=\w) \[ ?(?:@|at) ?\] (?=\w))"
    rf"|(?P<colon>(?<=\w){_OPEN}:(?://)?{_CLOSE}(?://)?)"
    rf"|(?P<slash>(?<=\w){_OPEN}/{_CLOSE})"
    rf"|(?P<scheme>\b(?:h[x]{{2}}ps?|fxps?)(?=[ \t]*(?:[\[({{][ \t]*){{0,8}}:))"
    r")",
    re.IGNORECASE,
)


# Where a form can start: a bracket or a backslash (a space form's "[" is one character after it), or the "x" of a
# mangled scheme (its "h"/"f" is one character before it). One class, so the engine skips the rest of the text in
# C; only these positions are tried with `_DEFANG`, which fails at every other position at once anyway.
_STARTS = compiled(r"[\[({\\xX]")
_ESCAPED_DOTS = compiled(r"\\+\.")
# Refanging repeats until nothing changes ("[[.]]" inside "hxxp[:]//"); real text needs two or three passes.
MAX_PASSES = 8


def _defangs(text: str) -> Iterator[re.Match[str]]:
    """The matches of `_DEFANG.finditer(text)`, tried only where `_STARTS` says a form can start (its first
    look-ahead fails everywhere else): the same matches, found without stepping the pattern through the text."""
    position = 0
    match_at = _DEFANG.match
    for start in _STARTS.finditer(text):
        at = start.start()
        char = text[at]
        if char in "xX":
            at -= 1  # "hx", "fx": the form starts at the letter before
            if at < position or text[at] not in "hHfF":
                continue
        elif char == "[" and at > position and text[at - 1] == " ":
            match = match_at(text, at - 1)  # " [.] ": the form starts at the space
            if match:
                position = match.end()
                yield match
                continue
        if at < position:
            continue
        match = match_at(text, at)
        if match:
            position = match.end()
            yield match


def _replacement(match: re.Match[str]) -> str:
    kind = match.lastgroup
    if kind in ("dot", "escaped"):
        return "."
    if kind == "at":
        return "@"
    if kind == "slash":
        return "/"
    if kind == "colon":
        return "://" if "//" in match.group(0) else ":"
    scheme = match.group(0).lower()
    suffix = "s" if scheme.endswith("s") else ""
    return ("ftp" if scheme.startswith("f") else "http") + suffix


class _PathWords:
    """Whether a backslash before a dot separates path components ('%APPDATA%\\Microsoft\\.npl'): the word (text
    between spaces or newlines) has another backslash than those escaping dots ('evil\\.com' has none). Matches
    come in text order: the word of the last one is kept, so a word of ten thousand escaped dots is found and
    judged once (its length costs once, not once per dot), and a text's separators are never listed."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.word = (0, -1)
        self.verdict = False

    def in_path(self, match: re.Match[str]) -> bool:
        start, end = self.word
        if not start <= match.start() < end:
            start, end = _word_start(self.text, match.start()), _word_end(self.text, match.end())
            self.word = (start, end)
            self.verdict = "\\" in _ESCAPED_DOTS.sub("", self.text[start:end])
        return self.verdict


# The separators around a word are searched in windows that double: the cost is the distance to the nearest
# separator, not to the text's edge (a text of a million words without spaces, one per line, stays linear).
def _word_start(text: str, position: int) -> int:
    low, step = position, 64
    while low > 0:
        low = max(0, low - step)
        found = max(text.rfind(" ", low, position), text.rfind("\n", low, position))
        if found >= 0:
            return found + 1
        step *= 2
    return 0


def _word_end(text: str, position: int) -> int:
    high, step = position, 64
    while high < len(text):
        high = min(len(text), high + step)
        found = [i for i in (text.find(" ", position, high), text.find("\n", position, high)) if i >= 0]
        if found:
            return min(found)
        step *= 2
    return len(text)


def refang(text: str) -> str:
    """The text with every defanged indicator restored; refanging a refanged text changes nothing."""
    return refang_with_marks(text)[0]


def refang_with_marks(text: str) -> tuple[str, list[int]]:
    """The refanged text and the sorted positions (in it) where something was refanged, so that callers can
    tell a defanged value (written as an indicator on purpose) from one that merely looks like one."""
    refanged, marks, _ = refang_carrying(text, [])
    return refanged, marks


def refang_carrying(text: str, carried: list[int]) -> tuple[str, list[int], list[int]]:
    """`refang_with_marks`, and the sorted positions `carried` (in `text`) moved to where they fall in the
    refanged text (where the scan's copy of a section had invisible characters removed)."""
    marks: list[int] = []
    for _ in range(MAX_PASSES):
        words: _PathWords | None = None
        pieces: list[str] = []
        shifts: list[tuple[int, int]] = []  # (end of a replaced span in the input, output length change so far)
        new_marks: list[int] = []
        last = 0
        out_len = 0
        for match in _defangs(text):
            if match.lastgroup == "escaped":
                words = words or _PathWords(text)
                if words.in_path(match):
                    continue
            replacement = _replacement(match)
            pieces.append(text[last : match.start()])
            out_len += match.start() - last
            new_marks.append(out_len)
            pieces.append(replacement)
            out_len += len(replacement)
            last = match.end()
            shifts.append((match.end(), out_len - last))
        if not shifts:
            return text, sorted(set(marks)), carried
        pieces.append(text[last:])
        ends = [end for end, _ in shifts]
        marks = _moved(marks, ends, shifts) + new_marks
        carried = _moved(carried, ends, shifts)
        text = "".join(pieces)
    return text, sorted(set(marks)), carried


def _moved(positions: list[int], ends: list[int], shifts: list[tuple[int, int]]) -> list[int]:
    """Positions of a pass's input moved into its output (each by the length change before it)."""
    moved = []
    for position in positions:
        index = bisect.bisect_right(ends, position) - 1
        moved.append(position + (shifts[index][1] if index >= 0 else 0))
    return moved
