"""Whether a word list (galaxy_cues.words_pattern, or a pattern of the same shape) matches anywhere in a long text,
and its matches, with the pattern tried only where one of its words can begin instead of at every position.

A case-insensitive pattern is tried at every position of the text: a 2 MB report costs ~35 ms per absent word
list (most of a token-regex pass). Each word's first piece (up to its first space, matched literally) is looked
for with `str.find` in the lower-cased text, and the pattern is matched only there (its look-behind still sees the
text before). The answer is the same: where the pattern matches, `re.IGNORECASE` compared each character's
lower-case form with the word's, which `str.lower` gives too, save for three characters that it lower-cases
otherwise (ı, ſ) or to two characters (İ); a text holding one of them, or a word whose first piece is not ASCII,
is searched by the pattern as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# The characters `re.IGNORECASE` matches to an ASCII letter whose `str.lower()` is not that letter: the dotless i
# and the long s (folds of `re`'s own), the dotted capital I (lower-cased to "i" and a combining dot).
FOLDS_APART = ("\u0131", "\u017f", "\u0130")


def first_pieces(words: Iterable[str]) -> tuple[str, ...] | None:
    """Each word's text up to its first space, lower-cased; None where one is empty or not ASCII (no exact
    short cut then)."""
    pieces = []
    for word in words:
        piece = word.split(" ", 1)[0]
        if not piece or not piece.isascii():
            return None
        pieces.append(piece.lower())
    return tuple(dict.fromkeys(pieces))


class LoweredText:
    """A text with its lower-cased form, made on first use and shared by every question asked of the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lowered: str | None = None
        self._exact: bool | None = None

    @property
    def lowered(self) -> str | None:
        """The lower-cased text, None where `str.lower` and `re.IGNORECASE` part ways in it (`FOLDS_APART`)."""
        if self._exact is None:
            self._exact = not any(c in self.text for c in FOLDS_APART)
            if self._exact:
                self._lowered = self.text.lower()
                self._exact = len(self._lowered) == len(self.text)
        return self._lowered if self._exact else None


def words_anywhere(pattern: re.Pattern[str], words: Iterable[str], text: LoweredText) -> bool:
    """Whether `pattern` (words_pattern(words): a match begins with one of the words) matches anywhere in the
    text; the same answer as `pattern.search(text.text)`."""
    pieces = first_pieces(words)
    lowered = text.lowered if pieces is not None else None
    if pieces is None or lowered is None:
        return pattern.search(text.text) is not None
    return any(pattern.match(text.text, at) for piece in pieces for at in _places(lowered, piece))


def _places(lowered: str, piece: str) -> Iterator[int]:
    """Every place the piece starts in the lowered text, overlapping ones included."""
    at = lowered.find(piece)
    while at >= 0:
        yield at
        at = lowered.find(piece, at + 1)


def word_matches(pattern: re.Pattern[str], words: Iterable[str], text: LoweredText) -> Iterator[re.Match[str]]:
    """The matches of `pattern` (a match begins with one of the words, and is never empty) in the text, left to
    right: the same as `pattern.finditer(text.text)`, which tries each position from the end of the last match
    on, and a match can only begin where one of the words' first pieces does."""
    pieces = first_pieces(words)
    lowered = text.lowered if pieces is not None else None
    if pieces is None or lowered is None:
        yield from pattern.finditer(text.text)
        return
    starts = {at for piece in pieces for at in _places(lowered, piece)}
    end = 0
    for start in sorted(starts):
        if start < end:
            continue
        match = pattern.match(text.text, start)
        if match is not None:
            end = match.end()
            yield match
