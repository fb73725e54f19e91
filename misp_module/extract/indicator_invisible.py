"""Invisible and look-alike characters inside indicators ("evil<ZWSP>.example.com", "203.0.113<FULLWIDTH FULL
STOP>9", a SHA-256 split by a zero-width space): the indicator scan reads a copy of the section with them removed
or made ASCII, and each value they stood in gets a comment that the report wrote it so.

Only the scan's copy changes: the event report keeps the text as written, and hits' offsets are offsets in the
copy, which is all the indicator rules read (they never leave the section's scan). The characters are data
(`invisible_characters`, `lookalike_marks` in data/indicators.yaml). They are cleaned only between two printable
ASCII characters (invisible ones: beside printable ASCII, with a visible character on the other side), where a
reader sees one unbroken value: elsewhere (a Chinese sentence's full stop, a
right-to-left mark in Arabic prose) they belong to the prose. Look-alike letters of another script are not
touched: a Cyrillic "е" inside a domain still stops the scanner (indicator_patterns.TOKEN_START)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .indicator_hit import Hit

_data = load_data("indicators.yaml")


def _characters(specs: list[str]) -> str:
    """The characters of hexadecimal code points (`200B`) or ranges of them (`200B..200F`), as one string."""
    chars: list[str] = []
    for spec in specs:
        first, _, last = spec.partition("..")
        low = int(first, 16)
        high = int(last, 16) if last else low
        chars.extend(chr(code) for code in range(low, high + 1))
    return "".join(chars)


_INVISIBLE = _characters(_data["invisible_characters"])
_LOOKALIKE = {char: mark for mark, specs in _data["lookalike_marks"].items() for char in _characters(specs)}
_INVISIBLE_CLASS = "".join(f"\\u{ord(char):04x}" for char in _INVISIBLE)
# The invisible characters as the inside of a regular expression's character class (galaxy_invisible reads it).
INVISIBLE_CLASS = _INVISIBLE_CLASS
_LOOKALIKE_CLASS = "".join(f"\\u{ord(char):04x}" for char in _LOOKALIKE)
# One look-alike mark, with invisible characters around it, between two printable ASCII characters; or a run of
# invisible characters between printable ASCII and any other visible character (so that a Cyrillic "е" followed
# by a zero-width space still glues to the Latin rest, and the scanner still refuses the word).
_INVISIBLE_RUN = f"[{_INVISIBLE_CLASS}]+"
_MASKED = compiled(
    rf"(?<=[!-~])[{_INVISIBLE_CLASS}]*[{_LOOKALIKE_CLASS}][{_INVISIBLE_CLASS}]*(?=[!-~])"
    rf"|(?<=[!-~]){_INVISIBLE_RUN}(?=[^\s{_INVISIBLE_CLASS}])|(?<=[^\s{_INVISIBLE_CLASS}]){_INVISIBLE_RUN}(?=[!-~])"
)
_ANY = compiled(f"[{_INVISIBLE_CLASS}{_LOOKALIKE_CLASS}]")


@dataclass
class Unmasked:
    """A section's text for the indicator scan, and where (in it) characters were removed or made ASCII, with the
    characters the report wrote there."""

    text: str
    positions: list[int] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


def unmask(text: str) -> Unmasked:
    """The text with invisible characters between printable ASCII removed and look-alike marks there made ASCII.
    A text without any of them (every ASCII text) comes back as it is, at the cost of one search."""
    if text.isascii() or _ANY.search(text) is None:
        return Unmasked(text)
    result = Unmasked(text)
    pieces: list[str] = []
    last = 0
    out_len = 0
    for match in _MASKED.finditer(text):
        written = match.group()
        replacement = "".join(_LOOKALIKE.get(char, "") for char in written)
        pieces.append(text[last : match.start()])
        out_len += match.start() - last
        result.positions.append(out_len)
        result.written.append(written)
        pieces.append(replacement)
        out_len += len(replacement)
        last = match.end()
    if pieces:
        pieces.append(text[last:])
        result.text = "".join(pieces)
    return result


def note_masked(hits: list[Hit], text: str, positions: list[int], written: list[str]) -> None:
    """Tell, on each hit whose value the cleaning changed, which characters the report wrote in it, and mark it
    `masked`: a value so written is not one written plainly, whatever the report does with the others (`text`: the
    scanned text, `positions`: sorted offsets in it, `written`: what the report had there). A value drawn from a
    longer one (the host of a URL) is looked for in its span, so that it is told only of its own characters."""
    if not positions:
        return
    for hit in hits:
        start, end = hit.start, hit.end
        if end - start != len(hit.value) and (inner := text.find(hit.value, start, end)) >= 0:
            start, end = inner, inner + len(hit.value)
        first = bisect.bisect_right(positions, start)
        last = bisect.bisect_left(positions, end)
        if first < last:
            chars = dict.fromkeys(char for chars in written[first:last] for char in chars)
            hit.notes.append(masked_note(list(chars)))
            hit.masked = True


def masked_note(chars: list[str]) -> str:
    """The comment on a value the report wrote with `chars`: which kind, and their code points (an analyst can
    search the report for them). Holds no ':' or ';', the separators of an attribute comment."""
    lookalike = any(char in _LOOKALIKE for char in chars)
    invisible = any(char not in _LOOKALIKE for char in chars)
    kind = " and ".join(name for name, present in (("invisible", invisible), ("look-alike", lookalike)) if present)
    return f"written with {kind} characters ({', '.join(f'U+{ord(char):04X}' for char in chars)})"
