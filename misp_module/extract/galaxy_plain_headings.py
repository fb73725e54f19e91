"""A heading written as a plain line (issue 8, recall): a page saved as text loses its heading marks, so a section's
title is a short line on its own ("Kazuar on the file servers", between blank lines), where a markdown report writes
"## Kazuar on the file servers". Such a line says what its section is about as a markdown heading does, so the
salience rules (galaxy_salience) read it as one: a standalone line (a blank line or the text's start before it, a
blank line or the text's end after it) of fewer than `_MAX_WORDS` words, without the punctuation that ends or
continues a sentence, and not a list item, table row or quote."""

from __future__ import annotations

from ..knowledge.regex_cache import compiled

# Fewer words than this: a title, not a sentence that lost its full stop; and a line longer than this is read no further
# (a report of one long line has a name every few words, each asking this of its line).
_MAX_WORDS = 8
_MAX_CHARS = 100
# Not a list item, a table row, a quote or a markdown heading (which the rules read as such).
_MARKED = compiled(r"[ \t]*(?:[-*+>|#][ \t]|\d+[.)][ \t]|\|)")
# The line's end, when a blank line or the text's end follows it.
_BLANK_AFTER = compiled(r"\n[ \t]*(?:\n|\Z)")
# The marks that end or continue a sentence.
_SENTENCE_MARKS = ".!?:;,"


def plain_heading(text: str, line_start: int) -> bool:
    """The line starting at `line_start` is a heading written as a plain line (see the module docstring)."""
    end = text.find("\n", line_start, line_start + _MAX_CHARS + 1)
    if end < 0:
        if len(text) - line_start > _MAX_CHARS:
            return False
        end = len(text)
    elif not _BLANK_AFTER.match(text, end):
        return False
    if line_start > 0 and text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1].strip():
        return False
    line = text[line_start:end].strip()
    return (
        bool(line)
        and not line.endswith(tuple(_SENTENCE_MARKS))
        and not _MARKED.match(text, line_start)
        and len(line.split()) < _MAX_WORDS
    )
