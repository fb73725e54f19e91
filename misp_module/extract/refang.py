"""Refanging: undo what analysts write to make indicators harmless (hxxp, [.], (dot), [at], [:]// …)."""

from __future__ import annotations

import bisect
import re

# One alternation, one pass. Bracketed forms must touch a word on their left (and, for dots and at-signs,
# on their right; square brackets may stand between spaces, "evil [.] com"): "Austria (AT)," or "the (.)
# character" in prose are left alone. Brackets may nest or pad ("[ . ]", "[[.]]"), a backslash may escape a
# dot, schemes may be mangled ("hxxps", "hXXp", "fxp").
# At most eight brackets on a side: a run of a hundred thousand would otherwise be retried bracket by bracket
# (and the regular expression engine keeps a record per repetition).
_OPEN = r"(?:[\[({][ \t]*){1,8}"
_CLOSE = r"(?:[ \t]*[\])}]){1,8}"
_DEFANG = re.compile(
    # Every form starts with a bracket, a backslash, a space or a scheme letter: other positions fail at once.
    r"(?=[\[({\\ hHfF])(?:"
    rf"(?P<dot>(?<=\w)\\?{_OPEN}(?:\.|dot){_CLOSE}(?=\w)|(?<=\w) \[ ?(?:\.|dot) ?\] (?=\w))"
    r"|(?P<escaped>(?<=\w)\\+\.(?=\w))"
    rf"|(?P<at>(?<=\w){_OPEN}(?:@|at){_CLOSE}(?=\w)|(?<=\w) \[ ?(?:@|at) ?\] (?=\w))"
    rf"|(?P<colon>(?<=\w){_OPEN}:(?://)?{_CLOSE}(?://)?)"
    rf"|(?P<slash>(?<=\w){_OPEN}/{_CLOSE})"
    rf"|(?P<scheme>\b(?:h[x]{{2}}ps?|fxps?)(?=[ \t]*(?:[\[({{][ \t]*){{0,8}}:))"
    r")",
    re.IGNORECASE,
)


_SEPARATOR = re.compile(r"[ \n]")
_ESCAPED_DOTS = re.compile(r"\\+\.")
# Refanging repeats until nothing changes ("[[.]]" inside "hxxp[:]//"); real text needs two or three passes.
MAX_PASSES = 8


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
    between spaces or newlines) has another backslash than those escaping dots ('evil\\.com' has none). Words
    are found through the sorted positions of their separators and judged once each, so a word of ten thousand
    escaped dots costs what its length costs, not its length times its dots."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.separators = [m.start() for m in _SEPARATOR.finditer(text)]
        self.judged: dict[int, bool] = {}

    def in_path(self, match: re.Match[str]) -> bool:
        index = bisect.bisect_left(self.separators, match.start())
        start = self.separators[index - 1] + 1 if index else 0
        if start not in self.judged:
            after = bisect.bisect_left(self.separators, match.end())
            end = self.separators[after] if after < len(self.separators) else len(self.text)
            self.judged[start] = "\\" in _ESCAPED_DOTS.sub("", self.text[start:end])
        return self.judged[start]


def refang(text: str) -> str:
    """The text with every defanged indicator restored; refanging a refanged text changes nothing."""
    return refang_with_marks(text)[0]


def refang_with_marks(text: str) -> tuple[str, list[int]]:
    """The refanged text and the sorted positions (in it) where something was refanged, so that callers can
    tell a defanged value (written as an indicator on purpose) from one that merely looks like one."""
    marks: list[int] = []
    for _ in range(MAX_PASSES):
        words: _PathWords | None = None
        pieces: list[str] = []
        shifts: list[tuple[int, int]] = []  # (end of a replaced span in the input, output length change so far)
        new_marks: list[int] = []
        last = 0
        out_len = 0
        for match in _DEFANG.finditer(text):
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
            return text, sorted(set(marks))
        pieces.append(text[last:])
        ends = [end for end, _ in shifts]
        moved = []
        for mark in marks:
            index = bisect.bisect_right(ends, mark) - 1
            moved.append(mark + (shifts[index][1] if index >= 0 else 0))
        marks = moved + new_marks
        text = "".join(pieces)
    return text, sorted(set(marks))
